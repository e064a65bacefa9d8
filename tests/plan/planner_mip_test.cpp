// One MIP stage of the exact planner (src/plan/planner_mip.cpp), solved by CBC
// on a presolved context: objectives, caps, finish limits, fixed columns,
// no-goods, goal rules, and what the stage reports when it has no plan.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "planner_fixtures.hpp"
#include "planner_internal.hpp"

namespace credpath {

using namespace planner_detail;
using test::at_least;
using test::CatalogBuilder;
using test::credits_from;
using test::Fixture;
using test::ref;
using test::refs;

namespace {

// A presolved context of `request`, set up the way the planner's session
// prepares one (see planner.cpp).
struct Prepared {
    PlanRequest request;
    Context ctx;
    bool reachable = false;

    Prepared(const Fixture& fx, PlanRequest r) : request(std::move(r)), ctx(fx.catalog, fx.graph, request) {
        const Catalog& catalog = fx.catalog;
        ctx.size = static_cast<std::uint32_t>(catalog.credentials.size());
        for (std::uint32_t target : request.targets)
            if (std::find(ctx.targets.begin(), ctx.targets.end(), target) == ctx.targets.end())
                ctx.targets.push_back(target);
        ctx.held.assign(ctx.size, 0);
        ctx.excluded.assign(ctx.size, 0);
        for (std::uint32_t c : request.held) ctx.held[c] = 1;
        for (std::uint32_t c : request.excluded) ctx.excluded[c] = 1;
        ctx.goals.reserve(request.goals.size());
        for (const GoalRule& goal : request.goals) {
            ctx.goals.push_back(*goal.rule);
            ctx.goal_owners.push_back(goal.owner.value_or(kNoOwner));
            if (goal.owner) ctx.excluded[*goal.owner] = 1;
        }
        std::vector<std::uint32_t> roots(ctx.targets);
        for (std::size_t g = 0; g < ctx.goals.size(); ++g)
            for_each_source(catalog, ctx.goals[g], ctx.goal_owners[g], [&](std::uint32_t s) { roots.push_back(s); });
        ctx.cone = fx.graph.cone(roots);
        std::vector<std::uint32_t> by_id(ctx.cone);
        std::sort(by_id.begin(), by_id.end(), [&](std::uint32_t a, std::uint32_t b) {
            return catalog.credentials[a].id < catalog.credentials[b].id;
        });
        ctx.rank.assign(ctx.size, kNoRank);
        for (std::size_t i = 0; i < by_id.size(); ++i) ctx.rank[by_id[i]] = static_cast<std::uint32_t>(i);
        reachable = presolve(ctx);
    }
};

using Ids = std::vector<std::string>;

Ids ids_of(const Fixture& fx, const std::vector<std::uint32_t>& indices) {
    Ids ids;
    for (std::uint32_t c : indices) ids.push_back(fx.id(c));
    return ids;
}

// The worked example: Q needs 2 of {A, B, C}; A and B both need X. Relevant
// columns by id: A B C Q X. Cheapest: X A B Q (120, 7 weeks); fastest:
// X A C Q (260, 6 weeks).
Fixture worked_example() {
    CatalogBuilder b;
    b.add("X").cost(100).weeks(4).hours(40);
    b.add("A").cost(10).weeks(2).hours(5).rule(ref("X"));
    b.add("B").cost(10).weeks(3).hours(5).rule(ref("X"));
    b.add("C").cost(150).weeks(1).hours(60);
    b.add("Q").rule(at_least(2, refs({"A", "B", "C"})));
    b.add("Z").cost(1).weeks(1);  // outside the cone: never a column
    return Fixture(b);
}

// The cost of each relevant column, in column order.
std::vector<double> costs(const Fixture& fx, const Context& ctx) {
    std::vector<double> coef;
    for (std::uint32_t c : ctx.relevant) coef.push_back(fx.catalog.credentials[c].cost);
    return coef;
}

// Costs with B one dearer than A, so that "A or B" has a unique optimum.
std::vector<double> costs_a_first(const Fixture& fx, const Context& ctx) {
    std::vector<double> coef = costs(fx, ctx);
    coef[static_cast<std::size_t>(ctx.column[fx.index("B")])] += 1;
    return coef;
}

// The cost stage of `request`, solved once on its presolved context.
StageResult cost_stage(const Fixture& fx, const PlanRequest& request) {
    const Prepared p(fx, request);
    REQUIRE(p.reachable);
    StageSpec spec;
    spec.objective = costs(fx, p.ctx);
    PlanStats stats;
    return solve_stage(p.ctx, spec, stats);
}

}  // namespace

TEST_CASE("planner_mip: a cost stage of the worked example solves to the cheapest set") {
    const Fixture fx = worked_example();
    const Prepared p(fx, fx.request({"Q"}));
    REQUIRE(p.reachable);
    REQUIRE(ids_of(fx, p.ctx.relevant) == Ids{"A", "B", "C", "Q", "X"});
    StageSpec spec;
    spec.objective = costs(fx, p.ctx);
    PlanStats stats;
    const StageResult result = solve_stage(p.ctx, spec, stats);
    CHECK(result.status == StageResult::Status::Optimal);
    CHECK(result.solver_called);
    CHECK_FALSE(result.time_limit);
    CHECK(ids_of(fx, result.chosen) == Ids{"A", "B", "Q", "X"});  // sorted by rank
    CHECK(stats.solver_calls == 1);
    // Untimed: one column per credential; rows x_A <= x_X, x_B <= x_X, 2 x_Q <= x_A + x_B + x_C.
    CHECK(stats.variables == 5);
    CHECK(stats.rows == 3);
}

TEST_CASE("planner_mip: a credits rule's relaxation takes whole sources") {
    // Without the count row "3 * y <= sum x" the relaxation meets 10 credits
    // with two and a half 4-credit sources (2.5); with it, three whole ones:
    // the relaxation is integral, so the stage settles without branching
    // (`unique` is only claimed for an integral relaxation).
    CatalogBuilder b;
    for (std::string id : {"a", "b", "c"}) b.add(id).cost(1).weeks(1).credits(4);
    b.add("d").cost(5).weeks(1).credits(4);
    b.add("T").rule(credits_from(10, {"a", "b", "c", "d"}));
    const Fixture fx(b);
    const StageResult result = cost_stage(fx, fx.request({"T"}));
    CHECK(result.status == StageResult::Status::Optimal);
    CHECK(ids_of(fx, result.chosen) == Ids{"T", "a", "b", "c"});
    CHECK(result.unique);

    // A source with more credits than the rule needs counts only the need:
    // 12 credits would let the relaxation take 10/12 of e (3.75); counted as
    // 10, all of e (4.5) against a and b (5).
    CatalogBuilder big;
    big.add("e").cost(4.5).weeks(1).credits(12);
    big.add("a").cost(3).weeks(1).credits(6);
    big.add("b").cost(3).weeks(1).credits(6);
    big.add("T").rule(credits_from(10, {"e", "a", "b"}));
    const Fixture fx2(big);
    const StageResult sole = cost_stage(fx2, fx2.request({"T"}));
    CHECK(sole.status == StageResult::Status::Optimal);
    CHECK(ids_of(fx2, sole.chosen) == Ids{"T", "e"});
    CHECK(sole.unique);
}

TEST_CASE("planner_mip: a timed stage minimising weeks finds the fastest set") {
    const Fixture fx = worked_example();
    const Prepared p(fx, fx.request({"Q"}));
    StageSpec spec;
    spec.timed = true;
    spec.minimize_weeks = true;
    PlanStats stats;
    const StageResult result = solve_stage(p.ctx, spec, stats);
    CHECK(result.status == StageResult::Status::Optimal);
    CHECK(ids_of(fx, result.chosen) == Ids{"A", "C", "Q", "X"});  // 6 weeks; B would finish at 7
    CHECK(stats.solver_calls == 1);
    CHECK(stats.variables > 5);  // finish weeks, use columns and the weeks column besides the x
    CHECK(stats.rows > 3);
}

TEST_CASE("planner_mip: a finish limit keeps out what cannot finish in time") {
    const Fixture fx = worked_example();
    const Prepared p(fx, fx.request({"Q"}));
    SUBCASE("by week 6: B (7 at the earliest) is out, the cheapest is then X A C Q") {
        StageSpec spec;
        spec.timed = true;
        spec.dlim = 6;
        spec.objective = costs(fx, p.ctx);
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"A", "C", "Q", "X"});
    }
    SUBCASE("by week 5: Q itself cannot finish, found before any solver call") {
        StageSpec spec;
        spec.timed = true;
        spec.dlim = 5;
        spec.objective = costs(fx, p.ctx);
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Infeasible);
        CHECK_FALSE(result.solver_called);
        CHECK(result.chosen.empty());
        CHECK(stats.solver_calls == 0);
        CHECK(stats.variables == 0);
        CHECK(stats.rows == 0);
    }
    SUBCASE("minimising weeks under a limit below the fastest finish") {
        StageSpec spec;
        spec.timed = true;
        spec.minimize_weeks = true;
        spec.dlim = 5.5;
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Infeasible);
        CHECK_FALSE(result.solver_called);
    }
}

TEST_CASE("planner_mip: caps on a key's sum") {
    const Fixture fx = worked_example();
    const Prepared p(fx, fx.request({"Q"}));
    StageSpec spec;
    spec.objective = costs(fx, p.ctx);
    SUBCASE("a cost cap below every plan: proven infeasible by the solver") {
        spec.caps.push_back(Cap{costs(fx, p.ctx), 119});
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Infeasible);
        CHECK(result.solver_called);
        CHECK(result.chosen.empty());
        CHECK(stats.solver_calls == 1);
        CHECK(stats.rows == 4);
    }
    SUBCASE("a cost cap at the optimum keeps it") {
        spec.caps.push_back(Cap{costs(fx, p.ctx), 120});
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"A", "B", "Q", "X"});
    }
    SUBCASE("an hours cap of 60 leaves only X A B Q (50 hours)") {
        std::vector<double> hours;
        for (std::uint32_t c : p.ctx.relevant) hours.push_back(fx.catalog.credentials[c].hours);
        spec.caps.push_back(Cap{hours, 60});
        spec.objective.assign(p.ctx.relevant.size(), 0.0);
        spec.objective[static_cast<std::size_t>(p.ctx.column[fx.index("C")])] = -1;  // would take C if it could
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"A", "B", "Q", "X"});
    }
}

TEST_CASE("planner_mip: fixed columns") {
    const Fixture fx = worked_example();
    const Prepared p(fx, fx.request({"Q"}));
    const auto column = [&](const char* id) { return static_cast<std::size_t>(p.ctx.column[fx.index(id)]); };
    StageSpec spec;
    spec.objective = costs(fx, p.ctx);
    spec.fix.assign(p.ctx.relevant.size(), -1);
    SUBCASE("B fixed out: X A C Q") {
        spec.fix[column("B")] = 0;
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"A", "C", "Q", "X"});
    }
    SUBCASE("C fixed in: the cheapest set with C, A before B") {
        spec.objective = costs_a_first(fx, p.ctx);
        spec.fix[column("C")] = 1;
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"A", "C", "Q", "X"});
    }
    SUBCASE("X fixed out: Q cannot get two of A, B, C") {
        spec.fix[column("X")] = 0;
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Infeasible);
        CHECK(result.chosen.empty());
    }
    SUBCASE("Q, a forced target, fixed out: infeasible from the bounds") {
        spec.fix[column("Q")] = 0;
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Infeasible);
        CHECK_FALSE(result.solver_called);
    }
}

TEST_CASE("planner_mip: an exclude set asks for any other set, a no-good rules out a route") {
    const Fixture fx = worked_example();
    Prepared p(fx, fx.request({"Q"}));
    const std::uint32_t X = fx.index("X"), A = fx.index("A"), B = fx.index("B"), Q = fx.index("Q"),
                        Z = fx.index("Z");
    StageSpec spec;
    spec.objective = costs_a_first(fx, p.ctx);
    SUBCASE("exclude set: something outside X A B Q, i.e. C") {
        const std::vector<std::uint32_t> cheapest{A, B, Q, X};
        spec.exclude_set = &cheapest;
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"A", "C", "Q", "X"});
        CHECK(stats.rows == 4);
    }
    SUBCASE("no-good: not all of X A B Q") {
        p.ctx.nogoods.push_back({A, B, Q, X});
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"A", "C", "Q", "X"});
        CHECK(stats.rows == 4);
    }
    SUBCASE("no-goods of both routes with C: X B C Q is left") {
        p.ctx.nogoods.push_back({A, B, Q, X});
        p.ctx.nogoods.push_back({A, fx.index("C"), Q, X});
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"B", "C", "Q", "X"});
    }
    SUBCASE("a no-good with a member that is no column always holds: no row") {
        p.ctx.nogoods.push_back({A, Z});
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"A", "B", "Q", "X"});
        CHECK(stats.rows == 3);
    }
}

TEST_CASE("planner_mip: goal rules must be met") {
    CatalogBuilder b;
    b.add("A").cost(5).weeks(2).skills({"s"});
    b.add("B").cost(9).weeks(1).skills({"s", "t"});
    b.add("C").cost(3).weeks(4).skills({"t"});
    const Fixture fx(b);
    SUBCASE("skills s and t: A and C (8) beat B (9) on cost") {
        const Rule goal = test::skills({"s", "t"});
        PlanRequest request = fx.request({});
        request.goals.push_back({&goal, std::nullopt});
        const Prepared p(fx, request);
        REQUIRE(p.reachable);
        StageSpec spec;
        spec.objective = costs(fx, p.ctx);
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"A", "C"});
        // Minimising weeks instead: B alone, in 1 week.
        StageSpec weeks;
        weeks.timed = true;
        weeks.minimize_weeks = true;
        weeks.objective.clear();
        const StageResult fastest = solve_stage(p.ctx, weeks, stats);
        CHECK(fastest.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, fastest.chosen) == Ids{"B"});
        CHECK(stats.solver_calls == 2);
    }
    SUBCASE("a goal that is a lone reference: that credential") {
        const Rule goal = ref("C");
        PlanRequest request = fx.request({});
        request.goals.push_back({&goal, std::nullopt});
        const Prepared p(fx, request);
        REQUIRE(p.reachable);
        StageSpec spec;
        spec.objective = costs(fx, p.ctx);
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"C"});
    }
    SUBCASE("the owner of a goal is no teacher for it") {
        const Rule goal = test::skills({"s", "t"});
        PlanRequest request = fx.request({});
        request.goals.push_back({&goal, fx.index("A")});
        const Prepared p(fx, request);
        REQUIRE(p.reachable);
        StageSpec spec;
        spec.objective = costs(fx, p.ctx);
        PlanStats stats;
        const StageResult result = solve_stage(p.ctx, spec, stats);
        CHECK(result.status == StageResult::Status::Optimal);
        CHECK(ids_of(fx, result.chosen) == Ids{"B"});
    }
}

TEST_CASE("planner_mip: the stats keep the largest model and count every solver call") {
    const Fixture fx = worked_example();
    const Prepared p(fx, fx.request({"Q"}));
    StageSpec spec;
    spec.objective = costs(fx, p.ctx);
    PlanStats stats;
    stats.variables = 1000;
    stats.rows = 2;
    stats.solver_calls = 7;
    const StageResult result = solve_stage(p.ctx, spec, stats);
    CHECK(result.status == StageResult::Status::Optimal);
    CHECK(stats.variables == 1000);
    CHECK(stats.rows == 3);
    CHECK(stats.solver_calls == 8);
}

}  // namespace credpath
