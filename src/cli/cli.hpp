// Shared pieces of the subcommands. Private to the executable.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/check.hpp"
#include "credpath/date.hpp"
#include "credpath/loader.hpp"
#include "credpath/profile.hpp"
#include "credpath/render.hpp"
#include "credpath/requests.hpp"
#include "cli/output.hpp"

namespace credpath::cli {

// Ends the command with this exit code after its output is written.
struct Exit {
    int code = 0;
};

// A subcommand's body; returns the exit code.
using Action = std::function<int()>;

void add_validate(CLI::App& app, Action& action);
void add_plan(CLI::App& app, Action& action);
void add_show(CLI::App& app, Action& action);
void add_list(CLI::App& app, Action& action);
void add_stats(CLI::App& app, Action& action);
void add_graph(CLI::App& app, Action& action);
void add_explain(CLI::App& app, Action& action);
void add_options(CLI::App& app, Action& action);
void add_diff(CLI::App& app, Action& action);
void add_batch(CLI::App& app, Action& action);
void add_batch_merge(CLI::App& app, Action& action);

// What the learner holds, as every command that reads a catalog takes it:
// --have, --profile, --as-of and (where it makes sense) --exclude.
struct LearnerOptions {
    std::vector<std::string> have;
    std::vector<std::string> exclude;
    std::string profile;
    std::string as_of;
};
void add_learner_options(CLI::App& command, LearnerOptions& options, bool with_exclude = true);

struct Learner {
    Holdings holdings;
    std::string name;  // from the profile; may be empty
    Date as_of;
};
// Reads the profile, applies expiry at --as-of and resolves every id, naming
// each unknown one with a "did you mean" (InputError).
Learner resolve_learner(const Catalog& catalog, const LearnerOptions& options);

// Resolves ids given to `option` (comma-separated or repeated), in order,
// without repeats; every unknown id is named with a "did you mean" (InputError).
std::vector<std::uint32_t> resolve_ids(const Catalog& catalog, const std::vector<std::string>& values,
                                       std::string_view option);

// The `-c,--catalog` option every command that reads a catalog takes (with
// the cache options and the limits).
void add_catalog_option(CLI::App& command, std::vector<std::string>& paths);
// Checks of numeric options with short messages ("must be a number above 0"),
// which also turn away nan and inf; CLI11's own print the range of a double.
extern const CLI::Validator positive_number;
extern const CLI::Validator non_negative_number;

// --max-file-size, --max-credentials, --max-rule-size, --max-alias-nodes:
// caps on what reading input may cost (one process runs one command, so they
// are kept for the process). `with_catalog_limits` false: the file size only.
void add_limit_options(CLI::App& command, bool with_catalog_limits = true);
const LoadLimits& load_limits();
// `-c` paths, or $CREDPATH_CATALOG, or the catalogs installed with the tool.
std::vector<std::string> catalog_paths(const std::vector<std::string>& given);
// What a query needs of a catalog, so that a cached catalog can be read in part:
// these credentials, the credentials teaching these skills, and all they draw
// on. `whole` asks for everything.
struct CatalogScope {
    bool whole = true;
    std::vector<std::string> ids;
    std::vector<std::string> skills;
};
// Loads and checks a catalog for a command other than validate: faults go to
// standard error and end the command with exit code 2. Through the compiled
// image cache (--cache-dir, --no-cache) when it can: a hit skips the YAML,
// and with a scope reads only the cone of the scope's credentials.
CheckedCatalog load_valid_catalog(const std::vector<std::string>& given, const CatalogScope& scope = {});

// The scope of a plan: its targets and skills, and what the learner holds or
// excludes (--have, --exclude, the profile's ids; a badge wallet or an
// unreadable profile means the whole catalog).
CatalogScope plan_scope(const LearnerOptions& learner, const std::vector<std::string>& targets,
                        const std::vector<std::string>& skills);

// How the last load went, for --verbose.
struct LoadInfo {
    std::size_t catalog_size = 0;  // credentials in the catalog
    std::size_t loaded = 0;        // credentials read (fewer for a scoped cache hit)
    bool from_cache = false;
};
const LoadInfo& last_catalog_load();

// --skills names, in order, without repeats; each must be taught by some
// credential, else InputError with the nearest known skill.
std::vector<std::string> resolve_skills(const Catalog& catalog, const std::vector<std::string>& values);

// Colour only on a terminal, and never with NO_COLOR or TERM=dumb.
Style style_for(int fd);

// "a,b" "c" -> {a, b, c}; empty items are dropped.
std::vector<std::string> split_list(const std::vector<std::string>& values);
Date parse_as_of(const std::string& text);  // "" means today

// ---- Results: to standard output, or to the file of -o,--output (see
// output.hpp: a temporary beside it, renamed over it once the command is done).

// -o,--output FILE, for a command that writes a result.
void add_output_option(CLI::App& command, std::string& path);
// The input files of -c paths (or their defaults): the paths and every
// catalog file a directory among them holds.
std::vector<std::string> catalog_inputs(const std::vector<std::string>& given);
// catalog_inputs() and the --profile file.
std::vector<std::string> learner_inputs(const std::vector<std::string>& catalogs, const LearnerOptions& learner);
// The profile files the requests name (a relative one beside `profile_dir`).
std::vector<std::string> request_profiles(const std::vector<RequestLine>& lines, const std::string& profile_dir);
// Starts the --output file; "" or "-" mean standard output. First refuses a
// FILE that is one of the inputs (computed only when there is a FILE):
// InputError, exit code 2, nothing written. With `keep_partial`, an interrupt
// that ends the process at once keeps the whole writes so far in FILE.partial.
void open_result_output(const std::string& path, const std::function<std::vector<std::string>()>& inputs,
                        bool keep_partial = false);
// The open --output file, or nullptr for standard output.
OutputFile* result_output();
// Writes a result in full to the --output file or standard output, or fails
// with exit code 2.
void write_result(std::string_view text);
// How results are styled: as style_for(STDOUT_FILENO), plain in a file.
Style result_style();
// The command has its answer (run() calls this when the action returns,
// whatever its exit code): the --output file replaces FILE.
void commit_result_output();
// The command failed: the temporary goes, FILE is as it was (run() calls it).
void discard_result_output();
// Output files that an interrupt ending the process at once must put in order
// (abandon(keep)); the result output is watched from open_result_output().
void watch_output(OutputFile& file, bool keep);
void unwatch_output(OutputFile& file);
// Prints "credpath: warning: ..." for each warning-level diagnostic.
void print_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace credpath::cli
