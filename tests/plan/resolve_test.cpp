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

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <random>

#include "credpath/graph/graph.hpp"
#include "credpath/plan/answer.hpp"

namespace credpath {

namespace {

// A random stacking catalog c0..c{n-1}: each draws on earlier ones through
// all, any or 2-of-3, so that a waiver or a substitution changes the route.
std::string random_catalog_yaml(std::mt19937& rng, int n) {
    auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); };
    std::string out;
    for (int i = 0; i < n; ++i) {
        std::string line = fmt::format("  - {{id: c{}, title: C{}, cost: {}, weeks: {}, hours: {}", i, i, pick(0, 9) * 50,
                                       pick(1, 6), pick(1, 8) * 5);
        if (i >= 2 && pick(0, 3) > 0) {
            std::vector<int> parts;
            for (int k = 0; k < 3; ++k) parts.push_back(pick(0, i - 1));
            std::sort(parts.begin(), parts.end());
            parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
            std::vector<std::string> ids;
            for (int p : parts) ids.push_back(fmt::format("c{}", p));
            const int shape = pick(0, 2);
            if (shape == 2 && ids.size() == 3)
                line += fmt::format(", requires: {{at_least: 2, of: [{}]}}", fmt::join(ids, ", "));
            else
                line += fmt::format(", requires: {{{}: [{}]}}", shape == 0 ? "all" : "any", fmt::join(ids, ", "));
        }
        out += line + "}\n";
    }
    return out;
}

std::vector<std::string> step_ids(const Catalog& catalog, const Plan& plan) {
    std::vector<std::string> ids;
    for (const PlanStep& step : plan.steps) ids.push_back(catalog.credentials[step.credential].id);
    return ids;
}

}  // namespace

TEST_CASE("resolve: a waiver and a substitution plan exactly as holding the credential, on random catalogs") {
    std::mt19937 rng(20261205);
    int compared = 0;
    for (int round = 0; round < 60; ++round) {
        const int n = 7;
        LoadResult loaded = load_catalog_text(test::catalog(random_catalog_yaml(rng, n)));
        REQUIRE(loaded.ok());
        const Catalog& catalog = loaded.catalog;
        const DependencyGraph graph(catalog);
        for (int x = 0; x + 1 < n; ++x)
            for (Objective objective : {Objective::Cost, Objective::Weeks}) {
                const std::string id = fmt::format("c{}", x);
                Request holding;
                holding.targets = {fmt::format("c{}", n - 1)};
                holding.objective = objective;
                holding.have = {id};
                Request waiving = holding;
                waiving.have.clear();
                waiving.waive = {{id, "test"}};
                const Plan expected = answer_plan(catalog, graph, resolve_request_line(catalog, holding, {})).plan;
                const ResolvedRequest waived = resolve_request_line(catalog, waiving, {});
                CHECK(waived.learner.holdings.held.empty());
                CHECK(waived.learner.holdings.waived == std::vector<std::uint32_t>{*catalog.find(id)});
                const Plan with_waiver = answer_plan(catalog, graph, waived).plan;
                CAPTURE(round);
                CAPTURE(id);
                CHECK(with_waiver.feasible == expected.feasible);
                CHECK(step_ids(catalog, with_waiver) == step_ids(catalog, expected));
                CHECK(with_waiver.totals.cost == expected.totals.cost);
                CHECK(with_waiver.totals.weeks == expected.totals.weeks);

                // A held credential standing for `id`: as holding both.
                const std::string other = fmt::format("c{}", (x + 1) % (n - 1));
                Request substituting = holding;
                substituting.have = {other};
                substituting.substitute = {{other, id, "test"}};
                Request both = holding;
                both.have = {other, id};
                const Plan via = answer_plan(catalog, graph, resolve_request_line(catalog, substituting, {})).plan;
                const Plan held_both = answer_plan(catalog, graph, resolve_request_line(catalog, both, {})).plan;
                CHECK(step_ids(catalog, via) == step_ids(catalog, held_both));
                CHECK(via.totals.cost == held_both.totals.cost);
                ++compared;
            }
    }
    CHECK(compared == 60 * 6 * 2);
}

TEST_CASE("resolve: exceptions name what is wrong with them") {
    const Catalog catalog = small_catalog();
    Request request;
    request.targets = {"cert"};
    request.waive = {{"py-fnd", "p.yaml:4:9"}};
    CHECK(resolve_error(catalog, request) == "p.yaml:4:9: unknown credential 'py-fnd' (did you mean 'py-fund'?)");
    request.waive.clear();
    request.substitute = {{"py-fund", "sql-fund", "p.yaml:6:5"}};
    CHECK(resolve_error(catalog, request) == "p.yaml:6:5: 'py-fund' cannot stand for 'sql-fund': it is not held");
    request.have = {"py-fund"};
    const ResolvedRequest resolved = resolve_request_line(catalog, request, {});
    REQUIRE(resolved.learner.holdings.substituted.size() == 1);
    CHECK(resolved.learner.holdings.substituted[0].credential == *catalog.find("sql-fund"));
    CHECK(resolved.learner.holdings.substituted[0].by == *catalog.find("py-fund"));
    CHECK(resolved.plan.held == std::vector<std::uint32_t>{*catalog.find("py-fund"), *catalog.find("sql-fund")});
    // A chain: py-fund stands for sql-fund, which stands for cert.
    request.substitute.push_back({"sql-fund", "cert", "p.yaml:7:5"});
    const ResolvedRequest chained = resolve_request_line(catalog, request, {});
    REQUIRE(chained.learner.holdings.substituted.size() == 2);
    CHECK(chained.learner.holdings.substituted[0].by == *catalog.find("py-fund"));
    CHECK(chained.learner.holdings.substituted[1].by == *catalog.find("py-fund"));
    // A loop is refused with its path.
    request.substitute = {{"py-fund", "sql-fund", "p.yaml:6:5"}, {"sql-fund", "py-fund", "p.yaml:7:5"}};
    CHECK(resolve_error(catalog, request) == "p.yaml:6:5: substitutions loop: py-fund -> sql-fund -> py-fund");
}

}  // namespace credpath
