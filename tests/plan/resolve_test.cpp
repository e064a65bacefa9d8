// One request resolved against a catalog: ids, skills, the profile and the
// as-of date, with every fault named (src/plan/resolve.cpp).
#include <doctest/doctest.h>

#include "credpath/load/requests.hpp"
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

TEST_CASE("resolve: a batch line's unknown names are named where the line writes them") {
    const Catalog catalog = small_catalog();
    const std::vector<RequestLine> lines = read_requests(
        R"({"id": "a", "targets": ["cert", "cret"], "skills": "pyhton", "have": ["nope"], "exclude": "sql-fnd", "apply": ["x=cert"], "holds": [{"id": "py-fnd"}]})"
        "\n",
        "r.jsonl");
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].ok());
    // Each name at its own column; a comma-separated string's at the string's.
    CHECK(resolve_error(catalog, lines[0].request) ==
          "r.jsonl:1:33: unknown credential 'cret' (did you mean 'cert'?); r.jsonl:1:52: no credential teaches 'pyhton' "
          "(did you mean 'python'?); r.jsonl:1:140: unknown credential 'py-fnd' (did you mean 'py-fund'?); "
          "r.jsonl:1:71: unknown credential 'nope'; r.jsonl:1:91: unknown credential 'sql-fnd' (did you mean "
          "'sql-fund'?); r.jsonl:1:112: unknown credential 'x'");
    // Layered over flags, the line's names keep their places and the flags' their names.
    Request flags;
    flags.have = {"nada"};
    const Request layered = layer_requests(lines[0].request, flags);
    CHECK(resolve_error(catalog, layered).find("r.jsonl:1:71: unknown credential 'nope'; have: unknown credential 'nada'") !=
          std::string::npos);
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

namespace credpath {

namespace {

// A random catalog kept as plain numbers too, for a brute force over every set.
struct SmallCatalog {
    struct Entry {
        double cost = 0, hours = 0, weeks = 0;
        int shape = -1;  // -1 none, 0 all, 1 any, 2 two of
        std::vector<int> parts;
    };
    std::vector<Entry> entries;

    std::string yaml() const {
        std::string out;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const Entry& e = entries[i];
            std::string line =
                fmt::format("  - {{id: c{}, title: C{}, cost: {}, weeks: {}, hours: {}", i, i, e.cost, e.weeks, e.hours);
            std::vector<std::string> ids;
            for (int p : e.parts) ids.push_back(fmt::format("c{}", p));
            if (e.shape == 2)
                line += fmt::format(", requires: {{at_least: 2, of: [{}]}}", fmt::join(ids, ", "));
            else if (e.shape >= 0)
                line += fmt::format(", requires: {{{}: [{}]}}", e.shape == 0 ? "all" : "any", fmt::join(ids, ", "));
            out += line + "}\n";
        }
        return out;
    }
};

SmallCatalog random_small_catalog(std::mt19937& rng, int n) {
    auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); };
    SmallCatalog out;
    for (int i = 0; i < n; ++i) {
        SmallCatalog::Entry e;
        e.cost = pick(0, 9) * 50;
        e.weeks = pick(1, 6);
        e.hours = pick(1, 8) * 5;
        if (i >= 2 && pick(0, 3) > 0) {
            for (int k = 0; k < 3; ++k) e.parts.push_back(pick(0, i - 1));
            std::sort(e.parts.begin(), e.parts.end());
            e.parts.erase(std::unique(e.parts.begin(), e.parts.end()), e.parts.end());
            e.shape = pick(0, 2);
            if (e.shape == 2 && e.parts.size() < 3) e.shape = 0;
        }
        out.entries.push_back(e);
    }
    return out;
}

struct BruteBest {
    double cost = 1e18;  // the cheapest set's cost (ties: fewer weeks)
    double weeks = 1e18;  // the fastest completion of any set
};

// Every set that reaches the last credential, with `begun` counted as the
// issue says: what is left of its hours, weeks (whole days, rounded up) and
// cost (0 when paid), and no requirements of its own.
BruteBest brute_force(SmallCatalog catalog, int begun, double done, bool paid) {
    SmallCatalog::Entry& b = catalog.entries[static_cast<std::size_t>(begun)];
    b.hours *= 1 - done;
    b.weeks = std::ceil(b.weeks * 7 * (1 - done) - 1e-9) / 7;
    if (paid) b.cost = 0;
    b.shape = -1;
    b.parts.clear();
    const int n = static_cast<int>(catalog.entries.size());
    BruteBest best;
    for (int set = 0; set < (1 << n); ++set) {
        if (!(set & (1 << (n - 1)))) continue;
        std::vector<double> finish(static_cast<std::size_t>(n), -1);
        bool valid = true;
        double cost = 0, end = 0;
        for (int i = 0; i < n && valid; ++i) {
            if (!(set & (1 << i))) continue;
            const SmallCatalog::Entry& e = catalog.entries[static_cast<std::size_t>(i)];
            std::vector<double> ready;
            for (int p : e.parts)
                if (set & (1 << p)) ready.push_back(finish[static_cast<std::size_t>(p)]);
            std::sort(ready.begin(), ready.end());
            double start = 0;
            if (e.shape == 0) {
                valid = ready.size() == e.parts.size();
                if (valid && !ready.empty()) start = ready.back();
            } else if (e.shape == 1) {
                valid = !ready.empty();
                if (valid) start = ready.front();
            } else if (e.shape == 2) {
                valid = ready.size() >= 2;
                if (valid) start = ready[1];
            }
            finish[static_cast<std::size_t>(i)] = start + e.weeks;
            cost += e.cost;
            end = std::max(end, finish[static_cast<std::size_t>(i)]);
        }
        if (!valid) continue;
        best.cost = std::min(best.cost, cost);
        best.weeks = std::min(best.weeks, end);
    }
    return best;
}

}  // namespace

TEST_CASE("resolve: work in progress plans what is left, against a brute force on random catalogs") {
    std::mt19937 rng(4217);
    int compared = 0;
    for (int round = 0; round < 80; ++round) {
        const int n = 7;
        const SmallCatalog small = random_small_catalog(rng, n);
        LoadResult loaded = load_catalog_text(test::catalog(small.yaml()));
        REQUIRE(loaded.ok());
        const Catalog& catalog = loaded.catalog;
        const DependencyGraph graph(catalog);
        const int begun = std::uniform_int_distribution<int>(0, n - 1)(rng);
        const double done = std::uniform_int_distribution<int>(0, 10)(rng) / 10.0;
        const bool paid = round % 3 != 0;
        for (Objective objective : {Objective::Cost, Objective::Weeks}) {
            Request request;
            request.targets = {fmt::format("c{}", n - 1)};
            request.objective = objective;
            InProgressEntry entry;
            entry.id = fmt::format("c{}", begun);
            entry.origin = "test";
            entry.paid = paid;
            if (round % 2 == 0) entry.done = done;
            else entry.hours_done = small.entries[static_cast<std::size_t>(begun)].hours * done;
            request.in_progress = {entry};
            const ResolvedRequest resolved = resolve_request_line(catalog, request, {});
            REQUIRE(resolved.learner.in_progress.size() == 1);
            const Plan plan = answer_plan(catalog, graph, resolved).plan;
            const BruteBest best = brute_force(small, begun, done, paid);
            CAPTURE(round);
            CAPTURE(small.yaml());
            REQUIRE(plan.feasible == (best.cost < 1e17));
            if (!plan.feasible) continue;
            if (objective == Objective::Cost) CHECK(plan.totals.cost == doctest::Approx(best.cost));
            else CHECK(plan.totals.weeks == doctest::Approx(best.weeks));
            ++compared;
        }
    }
    CHECK(compared > 100);
}

TEST_CASE("resolve: work in progress is checked") {
    const Catalog catalog = small_catalog();
    Request request;
    request.targets = {"cert"};
    request.have = {"py-fund"};
    request.in_progress = {{"py-fund", 0.5, std::nullopt, true, "p.yaml:5:9"}};
    CHECK(resolve_error(catalog, request) == "p.yaml:5:9: 'py-fund' is held and in progress: give it in one place");
    request.in_progress = {{"sql-fnd", 0.5, std::nullopt, true, "p.yaml:5:9"}};
    CHECK(resolve_error(catalog, request) == "p.yaml:5:9: unknown credential 'sql-fnd' (did you mean 'sql-fund'?)");
    request.in_progress = {{"sql-fund", 0.5, std::nullopt, true, "a"}, {"sql-fund", 0.2, std::nullopt, true, "b"}};
    CHECK(resolve_error(catalog, request) == "b: 'sql-fund' is in progress twice");
    // sql-fund: 80 USD, 2 weeks. Half done in hours of a credential of no hours: nothing is known done.
    request.in_progress = {{"sql-fund", std::nullopt, 5.0, false, "a"}};
    const ResolvedRequest resolved = resolve_request_line(catalog, request, {});
    REQUIRE(resolved.learner.in_progress.size() == 1);
    const InProgressStep& step = resolved.learner.in_progress[0];
    CHECK(step.done == 0);
    CHECK(step.weeks_left == 2);
    CHECK(step.cost_left == 80);
    REQUIRE(resolved.adjusted);
    CHECK(resolved.adjusted->catalog.credentials[*catalog.find("sql-fund")].cost == 80);
    CHECK(catalog.credentials[*catalog.find("sql-fund")].cost == 80);  // the given catalog is untouched
}

}  // namespace credpath

namespace credpath {

TEST_CASE("answer: --renew renews exactly what lapses before completion, against a brute force on random catalogs") {
    std::mt19937 rng(991);
    auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); };
    const Date as_of{2027, 1, 4};
    int compared = 0, renewing = 0;
    for (int round = 0; round < 120; ++round) {
        const int n = 7;
        SmallCatalog small = random_small_catalog(rng, n);
        // Two held credentials that lapse `days` after the as-of date; renewing one costs `renewal`.
        std::vector<int> held{pick(0, n - 2), pick(0, n - 2)};
        if (held[0] == held[1]) held.pop_back();
        std::vector<int> lapse_days, renewal_cost, renewal_weeks;
        std::string yaml = small.yaml();
        Request request;
        request.targets = {fmt::format("c{}", n - 1)};
        request.as_of = as_of;
        request.renew = true;
        for (int h : held) {
            lapse_days.push_back(pick(1, 8) * 7);
            renewal_cost.push_back(pick(0, 4) * 25);
            renewal_weeks.push_back(pick(0, 2));
            const std::string id = fmt::format("c{}", h);
            const std::string entry = fmt::format("{{id: {}, ", id);
            yaml.replace(yaml.find(entry), entry.size(),
                         fmt::format("{{id: {}, valid_for: 1y, renewal: {{cost: {}, weeks: {}}}, ", id, renewal_cost.back(),
                                     renewal_weeks.back()));
            HeldEntry holding;
            holding.id = id;
            holding.earned = Date{2026, 1, 1};
            holding.valid_until = add(as_of, Duration{static_cast<std::uint32_t>(lapse_days.back()), 'd'});
            holding.origin = "test";
            request.holds.push_back(holding);
        }
        LoadResult loaded = load_catalog_text(test::catalog(yaml));
        REQUIRE(loaded.ok());
        const Catalog& catalog = loaded.catalog;
        const DependencyGraph graph(catalog);
        const ResolvedRequest resolved = resolve_request_line(catalog, request, {});
        const PlanAnswer answer = answer_plan(catalog, graph, resolved);
        const PlanSet frontier = answer_plan_set(catalog, graph, resolved, 0, true);

        // Brute force: every set of steps; a held credential is a step only as its renewal.
        double best = 1e18;
        std::vector<std::pair<double, double>> points;  // (cost, weeks) of every valid set
        for (int set = 0; set < (1 << n); ++set) {
            if (!(set & (1 << (n - 1)))) continue;
            std::vector<double> finish(static_cast<std::size_t>(n), -1);
            double cost = 0, end = 0;
            auto is_held = [&](int i) { return std::find(held.begin(), held.end(), i) != held.end(); };
            // Timing with every non-step held credential at 0, then the lapses it implies.
            std::vector<bool> available(static_cast<std::size_t>(n), false);
            for (int i = 0; i < n; ++i) available[static_cast<std::size_t>(i)] = is_held(i) || (set & (1 << i));
            bool valid = true;
            for (int pass = 0; pass < 2 && valid; ++pass) {
                cost = 0;
                end = 0;
                for (int i = 0; i < n && valid; ++i) {
                    const auto u = static_cast<std::size_t>(i);
                    if (!(set & (1 << i))) {
                        finish[u] = available[u] ? 0 : -1;
                        continue;
                    }
                    SmallCatalog::Entry e = small.entries[u];
                    if (is_held(i)) {  // a renewal: its own cost and weeks, no requirements
                        const auto at = static_cast<std::size_t>(std::find(held.begin(), held.end(), i) - held.begin());
                        e.cost = renewal_cost[at];
                        e.weeks = renewal_weeks[at];
                        e.shape = -1;
                        e.parts.clear();
                    }
                    std::vector<double> ready;
                    for (int p : e.parts)
                        if (finish[static_cast<std::size_t>(p)] >= 0) ready.push_back(finish[static_cast<std::size_t>(p)]);
                    std::sort(ready.begin(), ready.end());
                    double start = 0;
                    if (e.shape == 0) {
                        valid = ready.size() == e.parts.size();
                        if (valid && !ready.empty()) start = ready.back();
                    } else if (e.shape == 1) {
                        valid = !ready.empty();
                        if (valid) start = ready.front();
                    } else if (e.shape == 2) {
                        valid = ready.size() >= 2;
                        if (valid) start = ready[1];
                    }
                    finish[u] = start + e.weeks;
                    cost += e.cost;
                    end = std::max(end, finish[u]);
                }
                if (!valid || pass == 1) break;
                // Held credentials (not renewed) that lapse by completion are not there: check again without them.
                bool lapsed = false;
                for (std::size_t h = 0; h < held.size(); ++h)
                    if (!(set & (1 << held[h])) && std::lround(end * 7) >= lapse_days[h]) {
                        available[static_cast<std::size_t>(held[h])] = false;
                        lapsed = true;
                    }
                if (!lapsed) break;
            }
            if (valid) {
                best = std::min(best, cost);
                points.emplace_back(cost, end);
            }
        }
        std::vector<std::pair<double, double>> expected_frontier;  // by cost, then weeks
        std::sort(points.begin(), points.end());
        for (const auto& [cost, weeks] : points)
            if (expected_frontier.empty() || weeks < expected_frontier.back().second - 1e-9)
                expected_frontier.emplace_back(cost, weeks);
        CAPTURE(round);
        CAPTURE(yaml);
        REQUIRE(answer.plan.feasible == (best < 1e17));
        if (!answer.plan.feasible) continue;
        CHECK(answer.plan.totals.cost == doctest::Approx(best));
        // The cost-weeks frontier, across the lapse regimes.
        REQUIRE(frontier.plans.size() == expected_frontier.size());
        for (std::size_t i = 0; i < frontier.plans.size(); ++i) {
            CHECK(frontier.plans[i].totals.cost == doctest::Approx(expected_frontier[i].first));
            CHECK(frontier.plans[i].totals.weeks == doctest::Approx(expected_frontier[i].second));
        }
        // What lapses unrenewed is never relied on: every flagged one is renewed.
        for (const ExpiringHolding& e : answer.expiring) CHECK(e.renewed);
        if (!answer.renewals.empty()) ++renewing;
        ++compared;
    }
    CHECK(compared > 60);
    CHECK(renewing > 5);
}

}  // namespace credpath
