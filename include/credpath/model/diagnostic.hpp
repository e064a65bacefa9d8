// Faults and warnings found in input, with the place they were found.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace credpath {

enum class Severity { Error, Warning };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;          // "" when there is no place to name
    std::uint32_t line = 0;    // 1-based; 0 when unknown
    std::uint32_t column = 0;  // 1-based; 0 when unknown
    std::string code;          // stable machine-readable name, e.g. "unknown-key"
    std::string message;
};

std::string_view to_string(Severity severity);

// "file:line:col: error: message" (the place is left out when unknown).
std::string format_diagnostic(const Diagnostic& diagnostic);

// By file, line, column, then message, so output is stable.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

std::size_t count_errors(const std::vector<Diagnostic>& diagnostics);

// The candidate closest to `word` by edit distance, or "" when none is close
// enough to be a likely typo.
std::string nearest(std::string_view word, const std::vector<std::string_view>& candidates);

// Thrown by commands for input they cannot use (exit code 2); the message is
// complete, and `diagnostics` holds the individual faults when there are any.
struct InputError {
    std::string message;
    std::vector<Diagnostic> diagnostics;
};

}  // namespace credpath
