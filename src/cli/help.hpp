// `--help` for people: 80 columns, options in named groups, a command's
// examples, no parser type annotations. Private to the command line.
#pragma once

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace credpath::cli {

// The option groups, in the order help shows them after a command's own
// options. The man page's SYNOPSIS names the shared ones as placeholders
// (catalog-options, output-options, limit-options); tests/docs/check-docs
// holds the two to each other.
namespace groups {
inline const std::string kCommand = "Options";
inline const std::string kGoal = "Goal";
inline const std::string kLearner = "Learner";
inline const std::string kSchedule = "Schedule";
inline const std::string kRequestDefaults = "Defaults for requests without their own";
inline const std::string kOutput = "Output";
inline const std::string kCatalog = "Catalog";
inline const std::string kLimits = "Limits";
}  // namespace groups

// The values of the first "{a,b,c}" in `text`: the description CLI11 gives
// a CLI::IsMember check, in type names and "not in" messages alike.
std::vector<std::string> braced_values(std::string_view text);
// An option's names as typed: "-c", then "--catalog".
std::vector<std::string> dashed_names(const CLI::Option& option);

// Lines of examples shown under a command's options; each is a command a
// user can paste from the source folder (CTest `docs` runs them).
void set_examples(CLI::App& command, std::initializer_list<std::string_view> examples);

// The formatter every command's help goes through; `footer` ends the
// top-level help (the exit codes).
std::shared_ptr<CLI::FormatterBase> help_formatter(std::string footer);

}  // namespace credpath::cli
