// One request resolved against a catalog: ids, skills, the profile and the
// as-of date, with every fault named (src/plan/resolve.cpp).
#include <doctest/doctest.h>

#include "credpath/plan/resolve.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {

Catalog small_catalog() {
    LoadResult r =
        load_catalog_text(test::catalog(R"(  - {id: py-fund, title: Python, cost: 100, weeks: 4, skills: [python]}
  - {id: sql-fund, title: SQL, cost: 80, weeks: 2, skills: [sql]}
  - {id: cert, title: Certificate, kind: certificate, requires: {all: [py-fund, sql-fund]}}
)"));
    REQUIRE(r.ok());
    return r.catalog;
}

std::string resolve_error(const Catalog& catalog, const Request& request, const ResolveContext& options = {}) {
    try {
        resolve_request_line(catalog, request, options);
    } catch (const InputError& error) {
        return error.message;
    }
    return "no error";
}

}  // namespace

TEST_CASE("resolve: resolution against a catalog") {
    const Catalog catalog = small_catalog();
    Request request;
    request.targets = {"cert", "cert"};
    request.skills = {"sql"};
    request.have = {"py-fund"};
    request.objective = Objective::Weeks;
    request.max_cost = 500;
    ResolveContext options;
    options.today = Date{2027, 1, 4};
    request.time_limit_seconds = 7;
    const ResolvedRequest resolved = resolve_request_line(catalog, request, options);
    CHECK(resolved.plan.targets == std::vector<std::uint32_t>{*catalog.find("cert")});
    CHECK(resolved.plan.held == std::vector<std::uint32_t>{*catalog.find("py-fund")});
    CHECK(resolved.plan.objective == Objective::Weeks);
    CHECK(resolved.plan.max_cost == std::optional<double>(500));
    CHECK(resolved.plan.time_limit_seconds == 7);
    CHECK(resolved.learner.as_of == Date{2027, 1, 4});
    CHECK(resolved.plan.goals.empty());
    // The skills goal is shared, so a copy works.
    const ResolvedRequest copy = resolved;
    const PlanRequest plan_request = copy.plan_request();
    REQUIRE(plan_request.goals.size() == 1);
    CHECK(plan_request.goals[0].rule == copy.skills_goal.get());
    CHECK(plan_request.goals[0].rule->kind == RuleKind::Skills);
    CHECK(plan_request.goals[0].rule->names == std::vector<std::string>{"sql"});
    CHECK_FALSE(plan_request.goals[0].owner);

    Request dated;
    dated.targets = {"cert"};
    dated.as_of = Date{2026, 5, 1};
    CHECK(resolve_request_line(catalog, dated, options).learner.as_of == Date{2026, 5, 1});
    CHECK(resolve_request_line(catalog, dated, options).plan.objective == Objective::Cost);
}

TEST_CASE("resolve: unknown ids, skills and profiles are named together") {
    const Catalog catalog = small_catalog();
    Request request;
    request.targets = {"cret"};
    request.skills = {"pyhton"};
    request.have = {"nope"};
    request.exclude = {"sql-fnd"};
    CHECK(resolve_error(catalog, request) ==
          "targets: unknown credential 'cret' (did you mean 'cert'?); skills: no credential teaches 'pyhton' (did you "
          "mean 'python'?); have: unknown credential 'nope'; exclude: unknown credential 'sql-fnd' (did you mean "
          "'sql-fund'?)");
    Request profiled;
    profiled.targets = {"cert"};
    profiled.profile = "missing.yaml";
    ResolveContext options;
    options.profile_dir = "/nonexistent";
    CHECK(resolve_error(catalog, profiled, options).rfind("profile: ", 0) == 0);
    CHECK(resolve_error(catalog, profiled, options).find("/nonexistent/missing.yaml") != std::string::npos);
}

TEST_CASE("resolve: a relative profile is read from profile_dir") {
    LoadResult loaded = load_catalog({std::string(CREDPATH_SOURCE_DIR) + "/tests/data/diff/new"});
    REQUIRE(loaded.ok());
    Request request;
    request.targets = {"viz-course"};
    request.profile = "learner.yaml";
    ResolveContext options;
    options.profile_dir = std::string(CREDPATH_SOURCE_DIR) + "/tests/data/diff";
    const ResolvedRequest resolved = resolve_request_line(loaded.catalog, request, options);
    CHECK(resolved.learner.name == "Sam Lee");
    CHECK(resolved.plan.held == std::vector<std::uint32_t>{*loaded.catalog.find("py-basics")});
}

}  // namespace credpath

namespace credpath {

TEST_CASE("resolve: a batch line's own field wins over the flags, which win over the defaults") {
    const Catalog catalog = small_catalog();
    Request flags;
    flags.objective = Objective::Weeks;
    flags.max_cost = 100;
    flags.as_of = Date{2027, 1, 4};
    flags.have = {"py-fund"};
    Request line;
    line.targets = {"cert"};
    line.max_cost = 500;
    line.have = {"sql-fund"};
    const ResolvedRequest resolved = resolve_request_line(catalog, layer_requests(line, flags), ResolveContext{});
    CHECK(resolved.plan.max_cost == std::optional<double>(500));  // the line's own
    CHECK(resolved.plan.objective == Objective::Weeks);             // the flag's
    CHECK(resolved.plan.time_limit_seconds == 300);                 // the default
    CHECK(resolved.learner.as_of == Date{2027, 1, 4});
    // Lists are joined: both are held.
    CHECK(resolved.plan.held == std::vector<std::uint32_t>{*catalog.find("py-fund"), *catalog.find("sql-fund")});
    CHECK(resolved.learner.given);
    CHECK_FALSE(resolved.start);  // no calendar without a start or a capacity

    line.hours_per_week = 5;
    const ResolvedRequest scheduled = resolve_request_line(catalog, layer_requests(line, flags), ResolveContext{});
    CHECK(scheduled.start == std::optional<Date>(Date{2027, 1, 4}));  // a capacity starts on the as-of date
    line.start = Date{2027, 2, 1};
    CHECK(resolve_request_line(catalog, layer_requests(line, flags), ResolveContext{}).start ==
          std::optional<Date>(Date{2027, 2, 1}));
}

TEST_CASE("resolve: a command stops at the first faulty stage, a batch line names them all") {
    const Catalog catalog = small_catalog();
    Request request;
    request.targets = {"cret"};
    request.have = {"nope"};
    ResolveContext command;
    command.names = FieldNames{"-t", "--skills", "--have", "--exclude"};
    try {
        resolve_request(catalog, request, command);
        FAIL("expected an InputError");
    } catch (const InputError& error) {
        CHECK(error.message == "-t: unknown credential 'cret' (did you mean 'cert'?)");
    }
    const Resolution resolution = resolve(catalog, request, command);
    REQUIRE(resolution.faults.size() == 2);
    CHECK(resolution.faults[0].stage == ResolveStage::Targets);
    CHECK(resolution.faults[1].stage == ResolveStage::Holdings);
    CHECK(resolution.faults[1].error.message == "--have: unknown credential 'nope'");
    CHECK_FALSE(resolution.holdings_resolved);
    CHECK(resolve_error(catalog, request) ==
          "targets: unknown credential 'cret' (did you mean 'cert'?); have: unknown credential 'nope'");
}

}  // namespace credpath

namespace credpath {

TEST_CASE("resolve: a profile may bring the goal and the limits; the request's own win") {
    const Catalog catalog = small_catalog();
    ProfileRead read;
    read.path = "p.yaml";
    read.profile = load_profile_text(R"(format: credpath-profile/1
learner: Ana
targets: [cert]
objective: weeks
budget: 3000
hours_per_week: 10
holds: [py-fund]
)",
                                     "p.yaml");
    ResolveContext context;
    context.profile = &read;
    context.today = Date{2027, 1, 4};
    Request request;
    request.profile = "p.yaml";
    ResolvedRequest resolved = resolve_request_line(catalog, request, context);
    CHECK(resolved.plan.targets == std::vector<std::uint32_t>{*catalog.find("cert")});
    CHECK(resolved.plan.objective == Objective::Weeks);
    CHECK(resolved.plan.max_cost == std::optional<double>(3000));
    CHECK(resolved.start == std::optional<Date>(Date{2027, 1, 4}));  // the profile's capacity starts a calendar
    CHECK(resolved.learner.name == "Ana");
    CHECK(resolved.asked.targets == std::vector<std::string>{"cert"});

    request.targets = {"sql-fund"};
    request.max_cost = 50;
    request.learner = "Line";
    resolved = resolve_request_line(catalog, request, context);
    CHECK(resolved.plan.targets == std::vector<std::uint32_t>{*catalog.find("sql-fund")});
    CHECK(resolved.plan.max_cost == std::optional<double>(50));
    CHECK(resolved.plan.objective == Objective::Weeks);
    CHECK(resolved.learner.name == "Line");
}

TEST_CASE("resolve: a profile's unknown target is named where the profile writes it") {
    const Catalog catalog = small_catalog();
    ProfileRead read;
    read.path = "p.yaml";
    read.profile = load_profile_text("format: credpath-profile/1\ntargets: [certt]\n", "p.yaml");
    ResolveContext context;
    context.profile = &read;
    Request request;
    request.profile = "p.yaml";
    CHECK(resolve_error(catalog, request, context) ==
          "p.yaml:2:11: unknown credential 'certt' (did you mean 'cert'?)");
    read.profile = load_profile_text("format: credpath-profile/1\nholds: [py-fund]\n", "p.yaml");
    CHECK(resolve_error(catalog, request, context) == "no targets or skills: the request and its profile name none");
}

}  // namespace credpath
