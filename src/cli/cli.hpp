// Shared pieces of the subcommands. Private to the command line.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/output.hpp"
#include "credpath/load/catalog_source.hpp"
#include "credpath/load/requests.hpp"
#include "credpath/model/exit_code.hpp"
#include "credpath/model/progress.hpp"
#include "credpath/model/request.hpp"
#include "credpath/plan/resolve.hpp"
#include "credpath/report/render.hpp"

namespace credpath::cli {

// What every command shares. run() makes one for the one command a process
// runs and hands it to each add_*; the options bind into it, so nothing lives
// at namespace scope.
struct Context {
    CatalogSettings catalog;  // -c, --cache-dir, --no-cache and the limits
    ResultOutput output;      // the result: standard output or the -o file
    bool quiet = false;       // the command's --quiet: no progress bar either (set by the command)
};

// A subcommand's body; returns the exit code.
using Action = std::function<int()>;

void add_validate(CLI::App& app, Action& action, Context& context);
void add_plan(CLI::App& app, Action& action, Context& context);
void add_show(CLI::App& app, Action& action, Context& context);
void add_list(CLI::App& app, Action& action, Context& context);
void add_stats(CLI::App& app, Action& action, Context& context);
void add_graph(CLI::App& app, Action& action, Context& context);
void add_analyze(CLI::App& app, Action& action, Context& context);
void add_explain(CLI::App& app, Action& action, Context& context);
void add_options(CLI::App& app, Action& action, Context& context);
void add_diff(CLI::App& app, Action& action, Context& context);
void add_batch(CLI::App& app, Action& action, Context& context);
void add_batch_merge(CLI::App& app, Action& action, Context& context);
void add_import(CLI::App& app, Action& action, Context& context);
void add_export(CLI::App& app, Action& action, Context& context);
// Its scripts are made from the whole app tree (every add_* above) when it runs.
void add_completion(CLI::App& app, Action& action, Context& context);

// ---- the request: flags as given, then one Request

// A learner's question as the flags give it, before checking. Unset flags
// stay unset (their defaults are the Request's), so that a batch line's own
// fields and a profile's can be layered under or over them.
struct RequestFlags {
    std::vector<std::string> targets;
    std::vector<std::string> skills;
    std::vector<std::string> have;
    std::vector<std::string> exclude;
    std::vector<std::string> include;
    std::vector<std::string> apply;
    std::optional<std::uint32_t> max_overlap;
    std::string profile;
    std::vector<std::string> wallets;
    std::vector<std::string> trusted_keys;
    std::vector<std::string> status_lists;
    bool require_verified = false;
    std::string as_of;
    std::string minimize;
    std::optional<double> max_cost;
    std::optional<double> max_weeks;
    std::optional<double> hours_per_week;
    std::string start;
    std::optional<double> time_limit;
    bool renew = false;
};
// --have, --profile, --wallet, --as-of, the badge checks (--trusted-keys,
// --status-list, --require-verified) and (where it makes sense) --exclude.
void add_learner_options(CLI::App& command, RequestFlags& flags, bool with_exclude = true);
// --minimize with the objectives' table; `help` says what it minimises.
void add_objective_option(CLI::App& command, RequestFlags& flags, const std::string& help = "Objective");
// The flags a command of many requests (batch, diff --requests) takes as
// defaults for the requests that do not give their own: --as-of,
// --minimize, --max-cost, --max-weeks, --hours-per-week, --start, --time-limit.
void add_request_defaults(CLI::App& command, RequestFlags& flags);
// --time-limit (default 300 seconds per solve).
void add_time_limit_option(CLI::App& command, RequestFlags& flags, const std::string& help);
// The Request the flags ask: lists split at commas, dates and the objective
// checked (InputError naming the flag: "--as-of '2026-13-01' month 13 does not
// exist"), before any catalog is read.
Request request_from_flags(const RequestFlags& flags);

// The profile a request names, read once (see ProfileRead); empty when none.
ProfileRead read_request_profile(const Request& request, const Context& context, const WalletTrust& trust);
// The keys and status lists the flags name, read (InputError when one is bad).
WalletTrust trust_from_flags(const RequestFlags& flags, const Context& context);
// --trusted-keys, --status-list and --require-verified in `group`.
void add_badge_check_options(CLI::App& command, RequestFlags& flags, const std::string& group);
// The part of a catalog the request needs: its targets, skills and holdings
// (a badge wallet or an unreadable profile means the whole catalog).
CatalogScope request_scope(const Request& request, const ProfileRead& profile);
// Resolves the request as a command does: the first faulty stage ends the
// command (InputError); the wallet's badges that match nothing are noted on
// standard error. `names` says how the command's options are called.
ResolvedRequest resolve_for_command(const Catalog& catalog, const Request& request, const Context& context,
                                    const FieldNames& names, const ProfileRead& profile);
// What a command about one learner sets out with, in this order: the request
// from its flags (bad values fail before anything is read), the catalog
// source, the -o file opened (the catalog files and the profile are inputs it
// may not replace) and the profile read once.
struct LearnerCommand {
    Request asked;
    CatalogSource source;
    WalletTrust trust;
    ProfileRead profile;

    // resolve_for_command with this command's request and profile.
    ResolvedRequest resolve(const Catalog& catalog, const Context& context, const FieldNames& names) const {
        return resolve_for_command(catalog, asked, context, names, profile);
    }
};
LearnerCommand start_learner_command(const RequestFlags& flags, Context& context, const std::string& output);
// How the command line names a request's fields in messages.
FieldNames flag_names(std::string targets = "-t");

// ---- the catalog

// The `-c,--catalog` option every command that reads a catalog takes (with
// the cache options and the limits), bound into `settings`.
void add_catalog_option(CLI::App& command, CatalogSettings& settings);
// --max-file-size, --max-credentials, --max-rule-size, --max-alias-nodes.
// `with_catalog_limits` false: the file size only.
void add_limit_options(CLI::App& command, LoadLimits& limits, bool with_catalog_limits = true);
// Where the bundled catalogs may be: installed beside the binary, at the
// install prefix, in the source tree.
std::vector<std::string> bundled_catalogs();
// The command's catalog source (CatalogSource over the context's settings),
// with a progress bar for a load from YAML that takes long. Files of the
// catalog folders left out as not being catalogs are said on standard error,
// unless `announce_skipped` is false (validate reports them).
CatalogSource catalog_source(const Context& context, bool announce_skipped = true);
// That progress bar, for a CatalogSource made otherwise (diff's sides).
ProgressCallback load_progress(const Context& context);

// Checks of numeric options with short messages ("must be a number above 0"),
// which also turn away nan and inf; CLI11's own print the range of a double.
CLI::Validator positive_number();
CLI::Validator non_negative_number();
// 0, 1, 2, ... (up to nine digits).
CLI::Validator whole_number();

// --format taking these formats (names from the one table); the first is the default.
void add_format_option(CLI::App& command, std::string& format, const std::vector<Format>& allowed);

// Resolves ids given to `option` (comma-separated or repeated), in order,
// without repeats; every unknown id is named with a "did you mean" (InputError).
std::vector<std::uint32_t> resolve_ids(const Catalog& catalog, const std::vector<std::string>& values,
                                       std::string_view option);

// Colour only on a terminal, and never with NO_COLOR or TERM=dumb.
Style style_for(int fd);

// "a,b" "c" -> {a, b, c}; empty items are dropped.
std::vector<std::string> split_list(const std::vector<std::string>& values);

// ---- results

// -o,--output FILE, for a command that writes a result.
void add_output_option(CLI::App& command, std::string& path, Context& context);
// The profile files the requests name (a relative one beside `profile_dir`).
std::vector<std::string> request_profiles(const std::vector<RequestLine>& lines, const std::string& profile_dir);
// Prints "credpath: error: ..." lines for each error-level diagnostic.
void print_errors(const std::vector<Diagnostic>& diagnostics);

}  // namespace credpath::cli
