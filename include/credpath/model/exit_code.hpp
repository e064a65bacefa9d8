// The exit codes of the contract (and the two of an interrupt), in one table
// that the command line's help, its commands and the manual's list follow.
#pragma once

#include <string_view>

namespace credpath {

enum class ExitCode : int {
    Success = 0,          // a plan was found, or the catalog is valid
    NoAnswer = 1,         // a well-formed question with a negative answer
    CannotAnswer = 2,     // bad usage, unreadable or invalid input
    Interrupted = 130,    // SIGINT
    Terminated = 143,     // SIGTERM
};

struct ExitCodeInfo {
    ExitCode code;
    std::string_view meaning;  // as --help says it
};
inline constexpr ExitCodeInfo kExitCodes[] = {
    {ExitCode::Success, "success"},
    {ExitCode::NoAnswer, "no feasible plan or catalog faults"},
    {ExitCode::CannotAnswer, "could not answer"},
    {ExitCode::Interrupted, "interrupted"},
    {ExitCode::Terminated, "terminated"},
};

constexpr int exit_code(ExitCode code) { return static_cast<int>(code); }

}  // namespace credpath
