// What the subcommands share: the request flags and their resolution, the
// catalog options, numbers, lists and ids.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "cli/progress.hpp"

namespace credpath::cli {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- the request

namespace {
// --as-of: a date, or a date-time (RFC 3339) for badges valid to the second.
void parse_as_of(const std::string& text, Request& request) {
    if (text.size() > 10) {
        const std::optional<Instant> moment = parse_date_time(text);
        if (!moment) throw InputError{fmt::format("--as-of '{}' {}", text, date_time_problem(text)), {}};
        request.as_of = utc_date(*moment);
        request.as_of_moment = moment;
        return;
    }
    if (auto date = parse_date(text)) {
        request.as_of = *date;
        return;
    }
    throw InputError{fmt::format("--as-of '{}' {}", text, date_problem(text)), {}};
}

Date parse_flag_date(const std::string& flag, const std::string& text) {
    if (auto date = parse_date(text)) return *date;
    throw InputError{fmt::format("{} '{}' {}", flag, text, date_problem(text)), {}};
}

std::vector<std::string> option_names(const std::vector<std::string_view>& names) {
    return {names.begin(), names.end()};
}
}  // namespace

void add_learner_options(CLI::App& command, RequestFlags& flags, bool with_exclude) {
    command.add_option("--have", flags.have, "Credentials already held (comma-separated, repeatable)")
        ->allow_extra_args(false)
        ->type_name("ID")
        ->group(groups::kLearner);
    command.add_option("--profile", flags.profile,
                       "Learner profile: YAML, or an Open Badges 3.0 / CLR 2.0 badge wallet (JSON)")
        ->check(CLI::ExistingFile)
        ->type_name("FILE")
        ->group(groups::kLearner);
    command.add_option("--wallet", flags.wallets,
                       "A badge wallet besides (JSON, VC-JWT, PNG or SVG badge; repeatable)")
        ->check(CLI::ExistingFile)
        ->type_name("FILE")
        ->group(groups::kLearner);
    command.add_option("--as-of", flags.as_of,
                       "Date for expiry, YYYY-MM-DD, or a moment, YYYY-MM-DDTHH:MM:SSZ (default: today)")
        ->type_name("DATE")
        ->group(groups::kLearner);
    add_badge_check_options(command, flags, groups::kLearner);
    if (with_exclude)
        command.add_option("--exclude", flags.exclude, "Credentials never to add (comma-separated, repeatable)")
            ->allow_extra_args(false)
            ->type_name("ID")
            ->group(groups::kGoal);
}

void add_badge_check_options(CLI::App& command, RequestFlags& flags, const std::string& group) {
    command.add_option("--trusted-keys", flags.trusted_keys,
                       "Issuers' public keys (a JWK Set) to verify VC-JWT badges with (repeatable)")
        ->check(CLI::ExistingFile)
        ->type_name("FILE")
        ->group(group);
    command.add_option("--status-list", flags.status_lists,
                       "A status list credential to check badges' revocation against (repeatable)")
        ->check(CLI::ExistingFile)
        ->type_name("FILE")
        ->group(group);
    command.add_flag("--require-verified", flags.require_verified,
                     "Hold only badges whose signature (and status, if any) was verified")
        ->group(group);
}

void add_objective_option(CLI::App& command, RequestFlags& flags, const std::string& help) {
    command.add_option("--minimize", flags.minimize, help)
        ->type_name("OBJECTIVE")
        ->group(groups::kGoal)
        ->check(CLI::IsMember(option_names(names_in(kObjectives))))
        ->default_str(std::string(to_string(Objective::Cost)));
}

void add_time_limit_option(CLI::App& command, RequestFlags& flags, const std::string& help) {
    command.add_option("--time-limit", flags.time_limit, help)
        ->type_name("SECONDS")
        ->check(positive_number())
        ->default_str("300");
}

void add_request_defaults(CLI::App& command, RequestFlags& flags) {
    const std::string& group = groups::kRequestDefaults;
    command.add_option("--as-of", flags.as_of,
                       "Date for expiry in requests without their own as_of, YYYY-MM-DD (default: today)")
        ->type_name("DATE")
        ->group(group);
    add_badge_check_options(command, flags, group);
    add_objective_option(command, flags, "Objective of requests without their own minimize");
    command.get_option("--minimize")->group(group);
    command.add_option("--max-cost", flags.max_cost, "Hard limit on the total cost of requests without their own")
        ->type_name("AMOUNT")
        ->check(non_negative_number())
        ->group(group);
    command.add_option("--max-weeks", flags.max_weeks, "Hard limit on the weeks of requests without their own")
        ->type_name("WEEKS")
        ->check(non_negative_number())
        ->group(group);
    command.add_option("--hours-per-week", flags.hours_per_week,
                       "Weekly study hours of requests without their own: their plans are scheduled within them")
        ->type_name("HOURS")
        ->check(positive_number())
        ->group(group);
    command.add_option("--start", flags.start, "First day of requests without their own start, YYYY-MM-DD")
        ->type_name("DATE")
        ->group(group);
    add_time_limit_option(command, flags, "Seconds the solver may spend per solve");
    command.get_option("--time-limit")->group(group);
}

Request request_from_flags(const RequestFlags& flags) {
    Request request;
    // The order of the checks is the order of old: a bad --start is named first.
    if (!flags.start.empty()) request.start = parse_flag_date("--start", flags.start);
    if (!flags.as_of.empty()) parse_as_of(flags.as_of, request);
    request.targets = split_list(flags.targets);
    request.skills = split_list(flags.skills);
    request.have = split_list(flags.have);
    request.exclude = split_list(flags.exclude);
    request.include = split_list(flags.include);
    request.apply = split_list(flags.apply);
    request.max_overlap = flags.max_overlap;
    request.profile = flags.profile;
    request.wallets = flags.wallets;
    if (flags.require_verified) request.require_verified = true;
    if (!flags.minimize.empty()) request.objective = objective_from_string(flags.minimize);
    request.max_cost = flags.max_cost;
    request.max_weeks = flags.max_weeks;
    request.hours_per_week = flags.hours_per_week;
    if (flags.renew) request.renew = true;
    request.time_limit_seconds = flags.time_limit;
    return request;
}

ProfileRead read_request_profile(const Request& request, const Context& context, const WalletTrust& trust) {
    if (!reads_learner_files(request)) return {};
    return read_learner(request.profile, request.wallets, context.catalog.limits.max_file_bytes, trust);
}

WalletTrust trust_from_flags(const RequestFlags& flags, const Context& context) {
    return load_wallet_trust(flags.trusted_keys, flags.status_lists, context.catalog.limits.max_file_bytes);
}

CatalogScope request_scope(const Request& request, const ProfileRead& profile) {
    CatalogScope scope;
    scope.whole = false;
    for (const auto* list : {&request.targets, &request.have, &request.exclude, &request.include})
        scope.ids.insert(scope.ids.end(), list->begin(), list->end());
    for (const std::string& entry : request.apply) {  // ID=QUALIFICATION
        const auto equals = entry.find('=');
        scope.ids.push_back(entry.substr(0, equals));
        if (equals != std::string::npos) scope.ids.push_back(entry.substr(equals + 1));
    }
    scope.skills = request.skills;
    // Work in progress and exceptions name credentials that must be known.
    auto add_named = [&](const Request& asks) {
        for (const InProgressEntry& entry : asks.in_progress) scope.ids.push_back(entry.id);
        for (const Waiver& waiver : asks.waive) scope.ids.push_back(waiver.id);
        for (const Substitution& substitution : asks.substitute) {
            scope.ids.push_back(substitution.held);
            scope.ids.push_back(substitution.for_id);
        }
    };
    add_named(request);
    if (reads_learner_files(request)) {
        if (!profile.profile) return {};  // reported as usual once the whole catalog is loaded
        const Request& asks = profile.profile->asks;
        if (request.targets.empty() && request.skills.empty()) {
            scope.ids.insert(scope.ids.end(), asks.targets.begin(), asks.targets.end());
            scope.skills.insert(scope.skills.end(), asks.skills.begin(), asks.skills.end());
        }
        add_named(asks);
        scope.ids.insert(scope.ids.end(), asks.include.begin(), asks.include.end());
        for (const auto* entries : {&profile.profile->holds, &profile.profile->exclude})
            for (const HeldEntry& entry : *entries) {
                // A badge may name a credential through same_as, which only
                // the whole catalog knows.
                if (entry.badge) return {};
                scope.ids.push_back(entry.id);
            }
    }
    return scope;
}

LearnerCommand start_learner_command(const RequestFlags& flags, Context& context, const std::string& output) {
    Request asked = request_from_flags(flags);
    CatalogSource source = catalog_source(context);
    context.output.open(output, [&] {
        std::vector<std::string> inputs = source.inputs();
        if (!asked.profile.empty()) inputs.push_back(asked.profile);
        inputs.insert(inputs.end(), asked.wallets.begin(), asked.wallets.end());
        inputs.insert(inputs.end(), flags.trusted_keys.begin(), flags.trusted_keys.end());
        inputs.insert(inputs.end(), flags.status_lists.begin(), flags.status_lists.end());
        return inputs;
    });
    WalletTrust trust = trust_from_flags(flags, context);
    ProfileRead profile = read_request_profile(asked, context, trust);
    return LearnerCommand{std::move(asked), std::move(source), std::move(trust), std::move(profile)};
}

FieldNames flag_names(std::string targets) {
    return {std::move(targets), "--skills", "--have", "--exclude", "--include", "--apply"};
}

ResolvedRequest resolve_for_command(const Catalog& catalog, const Request& request, const Context& context,
                                    const FieldNames& names, const ProfileRead& profile) {
    ResolveContext resolve;
    resolve.today = today();
    resolve.max_file_bytes = context.catalog.limits.max_file_bytes;
    resolve.names = names;
    resolve.profile = reads_learner_files(request) ? &profile : nullptr;
    Resolution resolution = credpath::resolve(catalog, request, resolve);
    // Wallets hold badges from everywhere: one the catalog does not know is
    // worth a note, never a failure.
    if (resolve.profile && profile.profile)
        for (const std::string& note : profile.profile->notes) fmt::print(stderr, "credpath: note: {}\n", note);
    if (resolution.holdings_resolved)
        for (const UnmatchedBadge& badge : resolution.request.learner.holdings.unmatched_badges)
            fmt::print(stderr, "credpath: note: {}\n", unmatched_badge_message(badge));
    if (!resolution.faults.empty()) throw resolution.faults.front().error;
    return std::move(resolution.request);
}

// ---------------------------------------------------------------- the catalog

std::vector<std::string> bundled_catalogs() {
    std::vector<std::string> places;
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (!error) places.push_back((self.parent_path().parent_path() / "share" / "credpath" / "catalogs").string());
#ifdef CREDPATH_INSTALLED_CATALOGS
    places.emplace_back(CREDPATH_INSTALLED_CATALOGS);
#endif
#ifdef CREDPATH_SOURCE_CATALOGS
    places.emplace_back(CREDPATH_SOURCE_CATALOGS);
#endif
    return places;
}

CatalogSource catalog_source(const Context& context, bool announce_skipped) {
    CatalogSettings settings = context.catalog;
    settings.progress = load_progress(context);
    CatalogSource source(std::move(settings), bundled_catalogs());
    if (announce_skipped && !source.skipped().empty())
        fmt::print(stderr, "{}", render_diagnostics_text(source.skipped(), style_for(STDERR_FILENO)));
    return source;
}

ProgressCallback load_progress(const Context& context) {
    return progress_callback("loading", progress_allowed(context.quiet), ProgressUnit::Bytes);
}

void add_catalog_option(CLI::App& command, CatalogSettings& settings) {
    // One value per use, so that positional arguments after `-c PATH` stay positional.
    command.add_option("-c,--catalog", settings.paths,
                       "Catalog file or directory (repeatable; default: $CREDPATH_CATALOG or the bundled catalogs)")
        ->allow_extra_args(false)
        ->type_name("PATH")
        ->group(groups::kCatalog);
    command.add_option("--cache-dir", settings.cache_dir,
                       "Where compiled catalog images are kept (default: $XDG_CACHE_HOME/credpath)")
        ->type_name("DIR")
        ->group(groups::kCatalog);
    command.add_flag("--no-cache", settings.no_cache, "Read the YAML; neither use nor write a compiled image")
        ->group(groups::kCatalog);
    const std::string& money = groups::kCatalog;
    command.add_option("--rates", settings.rates_path,
                       "Rates file (credpath-rates/1): currency rates and credit-unit factors that let files in "
                       "other terms load together")
        ->type_name("FILE")
        ->group(money);
    command.add_option("--currency", settings.currency, "Show prices in this ISO 4217 currency (default: the first file's)")
        ->type_name("CODE")
        ->group(money);
    command.add_option("--credit-unit", settings.credit_unit,
                       "Count credits in this unit (default: the first file's credit_unit)")
        ->type_name("UNIT")
        ->group(money);
    add_limit_options(command, settings.limits);
}

void add_limit_options(CLI::App& command, LoadLimits& limits, bool with_catalog_limits) {
    const std::string& group = groups::kLimits;
    command
        .add_option("--max-file-size", limits.max_file_bytes,
                    "Largest input file to read, in bytes or with a unit (512K, 64M, 2G)")
        ->transform(CLI::AsSizeValue(false))
        ->type_name("SIZE")
        ->default_str("1G")
        ->group(group);
    if (!with_catalog_limits) return;
    command.add_option("--max-credentials", limits.max_credentials, "Most credentials a catalog may have")
        ->type_name("N")
        ->check(positive_number())
        ->capture_default_str()
        ->group(group);
    command.add_option("--max-rule-size", limits.max_rule_size, "Most operators and names one credential's rule may have")
        ->type_name("N")
        ->check(positive_number())
        ->capture_default_str()
        ->group(group);
    command.add_option("--max-alias-nodes", limits.max_alias_nodes, "Most YAML nodes that aliases may copy in one file")
        ->type_name("N")
        ->capture_default_str()
        ->group(group);
}

// ---------------------------------------------------------------- values

namespace {
CLI::Validator number_check(bool zero_allowed) {
    return CLI::Validator(
        [zero_allowed](std::string& input) -> std::string {
            char* end = nullptr;
            errno = 0;
            const double value = std::strtod(input.c_str(), &end);
            const bool number = !input.empty() && end == input.c_str() + input.size() && errno != ERANGE &&
                                std::isfinite(value);
            if (number && (zero_allowed ? value >= 0 : value > 0)) return {};
            return fmt::format("must be a number {}, not '{}'", zero_allowed ? "of 0 or more" : "above 0", input);
        },
        zero_allowed ? "NON-NEGATIVE" : "POSITIVE");
}
}  // namespace

CLI::Validator positive_number() { return number_check(false); }
CLI::Validator non_negative_number() { return number_check(true); }

CLI::Validator whole_number() {
    return CLI::Validator(
        [](std::string& input) -> std::string {
            const bool digits = !input.empty() && input.size() <= 9 &&
                                input.find_first_not_of("0123456789") == std::string::npos;
            return digits ? std::string() : fmt::format("must be a whole number of 0 or more, not '{}'", input);
        },
        "COUNT");
}

void add_format_option(CLI::App& command, std::string& format, const std::vector<Format>& allowed) {
    std::vector<std::string> names;
    for (Format each : allowed) names.emplace_back(to_string(each));
    format = names.front();
    command.add_option("--format", format, "Output format")
        ->type_name("FORMAT")
        ->check(CLI::IsMember(names))
        ->capture_default_str();
}

std::vector<std::uint32_t> resolve_ids(const Catalog& catalog, const std::vector<std::string>& values,
                                       std::string_view option) {
    std::vector<std::uint32_t> indices;
    std::vector<std::string> problems;
    for (const std::string& id : split_list(values)) {
        if (auto index = catalog.find(id)) {
            if (std::find(indices.begin(), indices.end(), *index) == indices.end()) indices.push_back(*index);
        } else {
            problems.push_back(fmt::format("{}: {}", option, unknown_id_message(catalog, id)));
        }
    }
    if (!problems.empty()) throw InputError{fmt::format("{}", fmt::join(problems, "\n")), {}};
    return indices;
}

std::vector<std::string> split_list(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const std::string& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t end = value.find(',', start);
            if (end == std::string::npos) end = value.size();
            std::string item = value.substr(start, end - start);
            const auto first = item.find_first_not_of(" \t");
            const auto last = item.find_last_not_of(" \t");
            if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
            start = end + 1;
        }
    }
    return out;
}

// ---------------------------------------------------------------- results

void add_output_option(CLI::App& command, std::string& path, Context& context) {
    command
        .add_option("-o,--output", path,
                    "Write the result to FILE instead of standard output; FILE is replaced only once the command "
                    "has its answer")
        ->type_name("FILE")
        ->group(groups::kOutput);
    command
        .add_option_function<std::size_t>(
            "--width", [&context](std::size_t width) { context.output.set_width(width); },
            "Fit tables in N columns, wrapping titles and providers (default: the terminal's width; nothing is "
            "wrapped off a terminal)")
        ->type_name("N")
        ->check(CLI::Range(std::size_t{20}, std::size_t{10000}))
        ->group(groups::kOutput);
    command
        .add_option_function<std::string>(
            "--color",
            [&context](const std::string& when) {
                context.output.set_color(when == "always" ? std::optional<bool>(true)
                                         : when == "never" ? std::optional<bool>(false)
                                                           : std::nullopt);
            },
            "Colour the result: auto (on a terminal, unless NO_COLOR is set or TERM is dumb), always or never")
        ->type_name("WHEN")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->group(groups::kOutput);
}

std::vector<std::string> request_profiles(const std::vector<RequestLine>& lines, const std::string& profile_dir) {
    std::vector<std::string> profiles;
    for (const RequestLine& line : lines)
        if (std::string path = request_profile_path(line.request, profile_dir); !path.empty())
            profiles.push_back(std::move(path));
    return profiles;
}

void print_errors(const std::vector<Diagnostic>& diagnostics) {
    const Style style = style_for(STDERR_FILENO);
    for (const Diagnostic& d : diagnostics)
        if (d.severity == Severity::Error) fmt::print(stderr, "{}", render_diagnostics_text({d}, style));
}

}  // namespace credpath::cli
