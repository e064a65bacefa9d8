// What the subcommands share (src/cli/common.cpp): the request flags and the
// Request they make, the catalog and limit options, number checks, lists,
// ids and their did-you-mean, the catalog scope of a request.
#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <unistd.h>

#include "cli_support.hpp"
#include "credpath/load/catalog_source.hpp"
#include "credpath/load/profile.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

namespace fs = std::filesystem;
using test::source_path;

std::string input_error(const std::function<void()>& action) {
    try {
        action();
    } catch (const InputError& error) {
        CHECK(error.diagnostics.empty());
        return error.message;
    }
    return "(no InputError)";
}

// The message of the CLI11 error a parse throws, or "" when it parses.
std::string parse_error(CLI::App& app, const std::string& line) {
    try {
        app.parse(line);
    } catch (const CLI::ParseError& error) {
        return error.what();
    }
    return "";
}

CheckedCatalog small_catalog() {
    CheckedCatalog checked = check_catalog(load_catalog_text(credpath::test::catalog("  - {id: data-basics, title: Data Basics}\n"
                                                                           "  - {id: data-cert, title: Data Cert}\n"
                                                                           "  - {id: ml-fund, title: ML Fundamentals}\n"),
                                                             "t.yaml"));
    REQUIRE(checked.ok());
    return checked;
}

// ------------------------------------------------------------ request_from_flags

TEST_CASE("cli common: request_from_flags leaves every unset flag unset") {
    const Request request = request_from_flags({});
    CHECK(request.targets.empty());
    CHECK(request.skills.empty());
    CHECK(request.have.empty());
    CHECK(request.exclude.empty());
    CHECK(request.profile.empty());
    CHECK_FALSE(request.as_of.has_value());
    CHECK_FALSE(request.start.has_value());
    CHECK_FALSE(request.objective.has_value());
    CHECK_FALSE(request.max_cost.has_value());
    CHECK_FALSE(request.max_weeks.has_value());
    CHECK_FALSE(request.hours_per_week.has_value());
    CHECK_FALSE(request.time_limit_seconds.has_value());
}

TEST_CASE("cli common: request_from_flags splits the lists, parses the dates and the objective") {
    RequestFlags flags;
    flags.targets = {"a,b", " c "};
    flags.skills = {"python, sql"};
    flags.have = {"h1", "h2,,h3"};
    flags.exclude = {"x"};
    flags.profile = "me.yaml";
    flags.as_of = "2026-06-01";
    flags.start = "2027-02-28";
    flags.minimize = "weeks";
    flags.max_cost = 1500;
    flags.max_weeks = 20;
    flags.hours_per_week = 12.5;
    flags.time_limit = 3;
    const Request request = request_from_flags(flags);
    CHECK(request.targets == std::vector<std::string>{"a", "b", "c"});
    CHECK(request.skills == std::vector<std::string>{"python", "sql"});
    CHECK(request.have == std::vector<std::string>{"h1", "h2", "h3"});
    CHECK(request.exclude == std::vector<std::string>{"x"});
    CHECK(request.profile == "me.yaml");
    REQUIRE(request.as_of.has_value());
    CHECK(*request.as_of == Date{2026, 6, 1});
    REQUIRE(request.start.has_value());
    CHECK(*request.start == Date{2027, 2, 28});
    CHECK(request.objective == Objective::Weeks);
    CHECK(request.max_cost == 1500);
    CHECK(request.max_weeks == 20);
    CHECK(request.hours_per_week == 12.5);
    CHECK(request.time_limit_seconds == 3);
}

TEST_CASE("cli common: request_from_flags names the flag of a bad date (InputError)") {
    RequestFlags flags;
    flags.as_of = "2026-13-01";
    CHECK(input_error([&] { request_from_flags(flags); }) ==
          "--as-of '2026-13-01' is not a day: month 13 does not exist");
    flags.as_of = "2026-02-29";
    CHECK(input_error([&] { request_from_flags(flags); }) ==
          "--as-of '2026-02-29' is not a day: February 2026 has 28 days");
    flags.as_of = "1 June 2026";
    CHECK(input_error([&] { request_from_flags(flags); }) ==
          "--as-of '1 June 2026' is not a date of the form YYYY-MM-DD");
    // Both bad: --start is named first.
    flags.start = "2027-13-01";
    CHECK(input_error([&] { request_from_flags(flags); }) ==
          "--start '2027-13-01' is not a day: month 13 does not exist");
    flags.as_of = "2028-02-29";  // a leap day
    CHECK(input_error([&] { request_from_flags(flags); }) ==
          "--start '2027-13-01' is not a day: month 13 does not exist");
    flags.start.clear();
    CHECK(request_from_flags(flags).as_of == Date{2028, 2, 29});
}

// ------------------------------------------------------------ split_list

TEST_CASE("cli common: split_list splits at commas, trims blanks and tabs, drops empty items") {
    CHECK(split_list({}).empty());
    CHECK(split_list({"a,b", "c"}) == std::vector<std::string>{"a", "b", "c"});
    CHECK(split_list({" a , ,\tb\t", "", ",,,"}) == std::vector<std::string>{"a", "b"});
    CHECK(split_list({"machine learning,sql"}) == std::vector<std::string>{"machine learning", "sql"});
    CHECK(split_list({"a,a"}) == std::vector<std::string>{"a", "a"});  // repeats are the caller's business
    CHECK(split_list({"x,"}) == std::vector<std::string>{"x"});
}

// ------------------------------------------------------------ resolve_ids

TEST_CASE("cli common: resolve_ids keeps the order given, without repeats") {
    const CheckedCatalog checked = small_catalog();
    const auto ids = resolve_ids(checked.catalog, {"ml-fund,data-basics", "ml-fund", " data-cert "}, "--kind");
    REQUIRE(ids.size() == 3);
    CHECK(checked.catalog.credentials[ids[0]].id == "ml-fund");
    CHECK(checked.catalog.credentials[ids[1]].id == "data-basics");
    CHECK(checked.catalog.credentials[ids[2]].id == "data-cert");
    CHECK(resolve_ids(checked.catalog, {}, "-t").empty());
}

TEST_CASE("cli common: resolve_ids names every unknown id with its option and a did-you-mean") {
    const CheckedCatalog checked = small_catalog();
    CHECK(input_error([&] { resolve_ids(checked.catalog, {"data-basic,ml-fund", "zzz-qqq-www"}, "--target"); }) ==
          "--target: unknown credential 'data-basic' (did you mean 'data-basics'?)\n"
          "--target: unknown credential 'zzz-qqq-www'");
}

// ------------------------------------------------------------ request_scope, flag_names

TEST_CASE("cli common: request_scope asks for the targets, holdings, exclusions and skills") {
    Request request;
    request.targets = {"t1", "t2"};
    request.have = {"h"};
    request.exclude = {"x"};
    request.skills = {"sql"};
    const CatalogScope scope = request_scope(request, {});
    CHECK_FALSE(scope.whole);
    CHECK(scope.ids == std::vector<std::string>{"t1", "t2", "h", "x"});
    CHECK(scope.skills == std::vector<std::string>{"sql"});
}

TEST_CASE("cli common: request_scope adds a profile's holdings and exclusions") {
    Request request;
    request.targets = {"hc-aas"};
    request.profile = source_path("tests/cli/fixtures/profile-health.yaml");
    const ProfileRead profile = read_profile(request.profile);
    REQUIRE(profile.profile.has_value());
    const CatalogScope scope = request_scope(request, profile);
    CHECK_FALSE(scope.whole);
    CHECK(scope.ids ==
          std::vector<std::string>{"hc-aas", "hc-ehr-fund", "hc-hipaa-basics", "dai-py-basics", "hc-coding-fast"});
}

TEST_CASE("cli common: request_scope asks for the whole catalog for a badge wallet or an unread profile") {
    Request request;
    request.targets = {"dai-cert-data-analyst"};
    request.profile = source_path("tests/data/wallets/ob3-wallet.json");
    const ProfileRead wallet = read_profile(request.profile);
    REQUIRE(wallet.profile.has_value());
    CHECK(request_scope(request, wallet).whole);
    // A profile that could not be read: the fault is reported once the whole catalog is loaded.
    request.profile = source_path("tests/data/wallets/bad-syntax.json");
    const ProfileRead bad = read_profile(request.profile);
    REQUIRE_FALSE(bad.profile.has_value());
    const CatalogScope scope = request_scope(request, bad);
    CHECK(scope.whole);
    CHECK(scope.ids.empty());
}

TEST_CASE("cli common: flag_names says how the command line names a request's fields") {
    const FieldNames names = flag_names();
    CHECK(names.targets == "-t");
    CHECK(names.skills == "--skills");
    CHECK(names.have == "--have");
    CHECK(names.exclude == "--exclude");
    CHECK(flag_names("explain").targets == "explain");
    CHECK(flag_names("explain").have == "--have");
}

TEST_CASE("cli common: read_request_profile reads the profile a request names, or nothing") {
    Context context;
    Request request;
    const ProfileRead none = read_request_profile(request, context, {});
    CHECK(none.path.empty());
    CHECK_FALSE(none.profile.has_value());
    CHECK_FALSE(none.fault.has_value());
    request.profile = source_path("tests/cli/fixtures/profile-health.yaml");
    const ProfileRead read = read_request_profile(request, context, {});
    REQUIRE(read.profile.has_value());
    CHECK(read.profile->learner == "Jordan Rivera");
    CHECK(read.profile->holds.size() == 3);
    // The context's file limit applies.
    context.catalog.limits.max_file_bytes = 10;
    const ProfileRead limited = read_request_profile(request, context, {});
    CHECK_FALSE(limited.profile.has_value());
    CHECK(limited.fault.has_value());
}

TEST_CASE("cli common: resolve_for_command names the command's option in the first fault") {
    const CheckedCatalog checked = small_catalog();
    Context context;
    Request request;
    request.targets = {"data-cert"};
    request.have = {"data-basics"};
    request.as_of = Date{2026, 6, 1};
    const ResolvedRequest resolved = resolve_for_command(checked.catalog, request, context, flag_names(), {});
    REQUIRE(resolved.plan.targets.size() == 1);
    CHECK(checked.catalog.credentials[resolved.plan.targets[0]].id == "data-cert");
    REQUIRE(resolved.learner.holdings.held.size() == 1);
    CHECK(checked.catalog.credentials[resolved.learner.holdings.held[0]].id == "data-basics");

    request.targets = {"data-cret"};
    CHECK(input_error([&] { resolve_for_command(checked.catalog, request, context, flag_names("show"), {}); }) ==
          "show: unknown credential 'data-cret' (did you mean 'data-cert'?)");
    request.targets = {"data-cert"};
    request.have = {"ml-fnud"};
    CHECK(input_error([&] { resolve_for_command(checked.catalog, request, context, flag_names(), {}); }) ==
          "--have: unknown credential 'ml-fnud' (did you mean 'ml-fund'?)");
}

// ------------------------------------------------------------ the catalog options

TEST_CASE("cli common: bundled_catalogs looks beside the binary, at the install prefix, then in the source tree") {
    const std::vector<std::string> places = bundled_catalogs();
    REQUIRE(places.size() == 3);
    const fs::path self = fs::read_symlink("/proc/self/exe");
    CHECK(places[0] == (self.parent_path().parent_path() / "share" / "credpath" / "catalogs").string());
    CHECK(fs::path(places[1]).filename() == "catalogs");
    CHECK(places[2] == source_path("catalogs"));
}

TEST_CASE("cli common: catalog_source takes the context's -c paths") {
    Context context;
    context.catalog.paths = {source_path("catalogs/data-ai.yaml")};
    context.catalog.no_cache = true;
    const CatalogSource source = catalog_source(context);
    CHECK(source.paths() == std::vector<std::string>{source_path("catalogs/data-ai.yaml")});
}

TEST_CASE("cli common: add_catalog_option binds -c (one value a use), --cache-dir, --no-cache and the limits") {
    CLI::App app;
    CatalogSettings settings;
    std::vector<std::string> rest;
    add_catalog_option(app, settings);
    app.add_option("REST", rest);
    app.parse("-c a.yaml b -c dir --cache-dir /tmp/x --no-cache --max-credentials 5 --max-rule-size 7 "
              "--max-alias-nodes 9 --max-file-size 2K");
    CHECK(settings.paths == std::vector<std::string>{"a.yaml", "dir"});
    CHECK(rest == std::vector<std::string>{"b"});
    CHECK(settings.cache_dir == "/tmp/x");
    CHECK(settings.no_cache);
    CHECK(settings.limits.max_credentials == 5);
    CHECK(settings.limits.max_rule_size == 7);
    CHECK(settings.limits.max_alias_nodes == 9);
    CHECK(settings.limits.max_file_bytes == 2048);
}

TEST_CASE("cli common: add_limit_options takes sizes with units and checks the counts") {
    {
        CLI::App app;
        LoadLimits limits;
        add_limit_options(app, limits);
        app.parse("--max-file-size 64M");
        CHECK(limits.max_file_bytes == 64ull << 20);
        CHECK(limits.max_credentials == LoadLimits{}.max_credentials);
    }
    {
        CLI::App app;
        LoadLimits limits;
        add_limit_options(app, limits);
        CHECK(parse_error(app, "--max-credentials 0") == "--max-credentials: must be a number above 0, not '0'");
    }
    {
        CLI::App app;
        LoadLimits limits;
        add_limit_options(app, limits);
        CHECK(parse_error(app, "--max-rule-size -3") == "--max-rule-size: must be a number above 0, not '-3'");
    }
    {
        // The file size only: the catalog limits are no options then.
        CLI::App app;
        LoadLimits limits;
        add_limit_options(app, limits, false);
        CHECK(app.get_option_no_throw("--max-file-size") != nullptr);
        CHECK(app.get_option_no_throw("--max-credentials") == nullptr);
        CHECK(app.get_option_no_throw("--max-rule-size") == nullptr);
        CHECK(app.get_option_no_throw("--max-alias-nodes") == nullptr);
        CHECK(parse_error(app, "--max-credentials 5") != "");
        app.parse("--max-file-size 1G");
        CHECK(limits.max_file_bytes == 1ull << 30);
    }
}

// ------------------------------------------------------------ numbers, formats, request options

TEST_CASE("cli common: positive_number() takes finite numbers above 0 only") {
    CLI::Validator check = positive_number();
    CHECK(check.get_description() == "POSITIVE");
    for (std::string ok : {"1", "0.5", "1e3", "300"}) {
        CAPTURE(ok);
        CHECK(check(ok) == "");
    }
    for (std::string bad : {"0", "-1", "nan", "inf", "-inf", "abc", "", "1e999", "2x", "1 "}) {
        CAPTURE(bad);
        CHECK(check(bad) == "must be a number above 0, not '" + bad + "'");
    }
}

TEST_CASE("cli common: non_negative_number() takes finite numbers of 0 or more") {
    CLI::Validator check = non_negative_number();
    CHECK(check.get_description() == "NON-NEGATIVE");
    for (std::string ok : {"0", "0.0", "12", "1e12"}) {
        CAPTURE(ok);
        CHECK(check(ok) == "");
    }
    for (std::string bad : {"-0.5", "-1", "nan", "infinity", "ten", ""}) {
        CAPTURE(bad);
        CHECK(check(bad) == "must be a number of 0 or more, not '" + bad + "'");
    }
}

TEST_CASE("cli common: add_format_option defaults to the first format and takes only the allowed ones") {
    CLI::App app;
    std::string format = "unset";
    add_format_option(app, format, formats::explain);
    CHECK(format == "text");
    CHECK(app.get_option("--format")->get_default_str() == "text");
    CHECK(parse_error(app, "--format html") == "--format: html not in {text,json}");
    app.clear();
    app.parse("--format json");
    CHECK(format == "json");

    CLI::App graph;
    std::string graph_format;
    add_format_option(graph, graph_format, formats::graph);
    CHECK(graph_format == "dot");
    graph.parse("--format mermaid");
    CHECK(graph_format == "mermaid");
}

TEST_CASE("cli common: add_learner_options: --have one value a use, --profile must exist, --exclude optional") {
    {
        CLI::App app;
        RequestFlags flags;
        std::vector<std::string> rest;
        add_learner_options(app, flags);
        app.add_option("REST", rest);
        app.parse("--have a,b more --have c --exclude x --as-of 2026-06-01 --profile " +
                  source_path("tests/cli/fixtures/profile-health.yaml"));
        CHECK(flags.have == std::vector<std::string>{"a,b", "c"});
        CHECK(rest == std::vector<std::string>{"more"});
        CHECK(flags.exclude == std::vector<std::string>{"x"});
        CHECK(flags.as_of == "2026-06-01");
        CHECK(flags.profile == source_path("tests/cli/fixtures/profile-health.yaml"));
    }
    {
        CLI::App app;
        RequestFlags flags;
        add_learner_options(app, flags);
        CHECK(parse_error(app, "--profile /no/such/profile.yaml") ==
              "--profile: File does not exist: /no/such/profile.yaml");
    }
    {
        CLI::App app;
        RequestFlags flags;
        add_learner_options(app, flags, false);
        CHECK(app.get_option_no_throw("--exclude") == nullptr);
        CHECK(parse_error(app, "--exclude x") == "The following arguments were not expected: x --exclude");
    }
}

TEST_CASE("cli common: --minimize takes the objectives' names, --time-limit a positive number") {
    CLI::App app;
    RequestFlags flags;
    add_objective_option(app, flags);
    add_time_limit_option(app, flags, "Seconds");
    CHECK(app.get_option("--minimize")->get_default_str() == "cost");
    CHECK(app.get_option("--time-limit")->get_default_str() == "300");
    CHECK(parse_error(app, "--minimize speed") == "--minimize: speed not in {cost,hours,count,weeks}");
    app.clear();
    CHECK(parse_error(app, "--time-limit 0") == "--time-limit: must be a number above 0, not '0'");
    app.clear();
    app.parse("--minimize hours --time-limit 2.5");
    CHECK(flags.minimize == "hours");
    CHECK(flags.time_limit == 2.5);
    CHECK(request_from_flags(flags).objective == Objective::Hours);
}

TEST_CASE("cli common: add_output_option binds -o and --output, and --width") {
    CLI::App app;
    std::string path;
    Context context;
    add_output_option(app, path, context);
    app.parse("-o out.json");
    CHECK(path == "out.json");
    app.clear();
    app.parse("--output other.txt");
    CHECK(path == "other.txt");
    CHECK(app.get_option("--output")->get_type_name() == "FILE");
    // Off a terminal tables are as wide as they are, unless --width says.
    CHECK(context.output.style().width == 0);
    app.clear();
    app.parse("--width 72");
    CHECK(context.output.style().width == 72);
    app.clear();
    CHECK_THROWS_AS(app.parse("--width 5"), CLI::ValidationError);
}

// ------------------------------------------------------------ results

TEST_CASE("cli common: request_profiles gives the requests' profiles, a relative one beside the directory") {
    std::vector<RequestLine> lines(4);
    lines[0].request.profile = "me.yaml";
    lines[2].request.profile = "/abs/you.yaml";
    lines[3].request.profile = "sub/them.json";
    CHECK(request_profiles(lines, "/requests") ==
          std::vector<std::string>{"/requests/me.yaml", "/abs/you.yaml", "/requests/sub/them.json"});
    CHECK(request_profiles(lines, "") == std::vector<std::string>{"me.yaml", "/abs/you.yaml", "sub/them.json"});
    CHECK(request_profiles({}, "/requests").empty());
}

TEST_CASE("cli common: print_errors prints the error diagnostics only, each on its line") {
    const test::Scratch scratch;
    std::vector<Diagnostic> diagnostics(3);
    diagnostics[0] = {Severity::Error, "a.yaml", 3, 5, "unknown-key", "unknown key 'nmae'"};
    diagnostics[1] = {Severity::Warning, "a.yaml", 4, 1, "at-least-zero", "`at_least: 0` is always met"};
    diagnostics[2] = {Severity::Error, "", 0, 0, "io", "cannot read"};
    test::Redirect err(STDERR_FILENO, scratch.path / "stderr");
    print_errors(diagnostics);
    err.restore();
    CHECK(err.text() == "a.yaml:3:5: error: unknown key 'nmae'\nerror: cannot read\n");
}

TEST_CASE("cli common: style_for gives no colour and no terminal for a file") {
    const test::Scratch scratch;
    test::write_text(scratch.path / "f", "");
    const int fd = ::open((scratch.path / "f").c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    const Style style = style_for(fd);
    ::close(fd);
    CHECK_FALSE(style.color);
    CHECK_FALSE(style.terminal);
}

}  // namespace
}  // namespace credpath::cli
