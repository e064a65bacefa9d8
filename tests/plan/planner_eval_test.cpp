// The planner's static evaluation (src/plan/planner_eval.cpp): credit sources,
// presolve, the earliest-finish witness, exact schedules of a chosen set, and
// candidate plans with their keys, order and limits; with the rule timing
// semantics and tolerances of planner_internal.hpp they rest on.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "planner_fixtures.hpp"
#include "planner_internal.hpp"

namespace credpath {

using namespace planner_detail;
using test::all_of;
using test::any_of;
using test::at_least;
using test::CatalogBuilder;
using test::credits_from;
using test::credits_tagged;
using test::Fixture;
using test::ref;
using test::refs;

namespace {

// A presolved context of `request`, set up the way the planner's session
// prepares one (targets without repeats, masks, goal rules copied with their
// owners, the cone and the ranks by id).
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

Ids sorted_ids(const Fixture& fx, const std::vector<std::uint32_t>& indices) {
    Ids ids = ids_of(fx, indices);
    std::sort(ids.begin(), ids.end());
    return ids;
}

// The worked example of the planner tests: Q needs 2 of {A, B, C}; A and B
// both need X. By id: A B C Q X (ranks 0-4). Earliest finishes: X 4, A 6,
// B 7, C 1, Q 6 (A and C).
Fixture worked_example() {
    CatalogBuilder b;
    b.add("X").cost(100).weeks(4).hours(40);
    b.add("A").cost(10).weeks(2).hours(5).rule(ref("X"));
    b.add("B").cost(10).weeks(3).hours(5).rule(ref("X"));
    b.add("C").cost(150).weeks(1).hours(60);
    b.add("Q").rule(at_least(2, refs({"A", "B", "C"})));
    b.add("Z").cost(1).weeks(1);  // outside every cone here
    return Fixture(b);
}

Candidate keys(double cost, double hours, double weeks, std::uint32_t count, std::uint64_t idkey,
               std::vector<std::uint32_t> ranks) {
    Candidate c;
    c.cost = cost;
    c.hours = hours;
    c.weeks = weeks;
    c.count = count;
    c.idkey = idkey;
    c.ranks = std::move(ranks);
    return c;
}

}  // namespace

// ---- planner_internal.hpp: tolerances and the rule semantics

TEST_CASE("planner_eval: values compare with a 1e-9 relative tolerance, absolute below 1") {
    CHECK(tolerance(0) == 1e-9);
    CHECK(tolerance(0.5, 0.25) == 1e-9);
    CHECK(tolerance(-2000, 10) == doctest::Approx(2e-6).epsilon(1e-12));
    CHECK_FALSE(definitely_less(1, 1 + 5e-10));
    CHECK(definitely_less(1, 1 + 2e-9));
    CHECK_FALSE(definitely_less(1000, 1000 + 5e-7));
    CHECK(definitely_less(1000, 1000 + 2e-6));
    CHECK(within_limit(100 + 5e-8, 100));
    CHECK_FALSE(within_limit(100 + 2e-7, 100));
    CHECK(within_limit(-5, 0));
    CHECK(reaches(5 - 1e-10, 5));
    CHECK_FALSE(reaches(4.99, 5));
    CHECK(reaches(0, 0));
    CHECK(compare_values(1, 2) == -1);
    CHECK(compare_values(2, 1) == 1);
    CHECK(compare_values(1, 1 + 1e-12) == 0);
    CHECK(compare_values(1e6, 1e6 + 1e-4) == 0);
    CHECK(compare_values(1e6, 1e6 + 1e-2) == -1);
}

TEST_CASE("planner_eval: sat_time of every rule kind") {
    CatalogBuilder b;
    b.add("P").credits(2).tags({"t"}).skills({"s"});
    b.add("R").credits(3).tags({"t"}).skills({"s"});
    b.add("S").credits(0).tags({"t"});
    b.add("U").credits(4).tags({"t"}).skills({"u"});
    const Fixture fx(b);
    const std::uint32_t P = fx.index("P"), R = fx.index("R"), U = fx.index("U");
    // P finishes at 2, R at 5, S at 1, U never.
    std::vector<double> finish{2, 5, 1, kInf};
    const auto at = [&](std::uint32_t d) { return finish[d]; };
    const auto met_at = [&](const Rule& rule, std::uint32_t owner = kNoOwner) {
        return sat_time(fx.catalog, rule, owner, at);
    };

    CHECK(met_at(ref("P")) == 2);
    CHECK(met_at(ref("ghost")) == kInf);
    CHECK(met_at(all_of(refs({"P", "R"}))) == 5);
    CHECK(met_at(all_of({})) == 0);
    CHECK(met_at(all_of(refs({"P", "U"}))) == kInf);
    CHECK(met_at(any_of(refs({"P", "R"}))) == 2);
    CHECK(met_at(any_of(refs({"U", "R"}))) == 5);
    CHECK(met_at(any_of({})) == kInf);
    CHECK(met_at(at_least(2, refs({"R", "P", "S"}))) == 2);  // the 2nd earliest of 5, 2, 1
    CHECK(met_at(at_least(3, refs({"R", "P", "S"}))) == 5);
    CHECK(met_at(at_least(3, refs({"R", "P", "U"}))) == kInf);
    CHECK(met_at(at_least(0, refs({"U"}))) == 0);
    CHECK(met_at(at_least(3, refs({"R", "P"}))) == kInf);  // more than it lists
    // credits: the first week the finished sources add up (P 2 at week 2, R 3 at week 5).
    CHECK(met_at(credits_from(2, {"R", "P"})) == 2);
    CHECK(met_at(credits_from(4, {"R", "P"})) == 5);
    CHECK(met_at(credits_from(5 + 1e-10, {"R", "P"})) == 5);  // within the tolerance
    CHECK(met_at(credits_from(5.01, {"R", "P"})) == kInf);
    CHECK(met_at(credits_from(0, {"U"})) == 0);
    CHECK(met_at(credits_from(0.5, {"S"})) == kInf);  // S finishes but has no credits
    CHECK(met_at(credits_tagged(2, {"t"})) == 2);
    CHECK(met_at(credits_tagged(2, {"t"}), P) == 5);  // not the owner's own credits
    CHECK(met_at(credits_tagged(1, {"nope"})) == kInf);
    // skills: the latest skill's earliest teacher other than the owner.
    CHECK(met_at(test::skills({"s"})) == 2);
    CHECK(met_at(test::skills({"s"}), P) == 5);
    CHECK(met_at(test::skills({"s", "u"})) == kInf);
    finish[U] = 7;
    CHECK(met_at(test::skills({"s", "u"})) == 7);
    CHECK(met_at(test::skills({"s", "u"}), U) == kInf);
    CHECK(met_at(test::skills({"nobody"})) == kInf);
    CHECK(met_at(test::skills({})) == 0);
    finish[R] = 0.5;
    CHECK(met_at(test::skills({"s"})) == 0.5);
}

// ---- credit_sources

TEST_CASE("planner_eval: credit_sources lists ids or tagged credentials, sorted, without repeats or the owner") {
    CatalogBuilder b;
    b.add("P").credits(2).tags({"t", "v"});
    b.add("R").credits(3).tags({"t"});
    b.add("S").tags({"v"});
    b.add("T").credits(1);
    const Fixture fx(b);
    const std::uint32_t P = fx.index("P"), R = fx.index("R"), S = fx.index("S"), T = fx.index("T");
    using List = std::vector<std::uint32_t>;
    CHECK(credit_sources(fx.catalog, credits_from(3, {"T", "P", "ghost", "P"}), kNoOwner) == List{P, T});
    // The owner of a `from` list is no exception (only tags leave it out).
    CHECK(credit_sources(fx.catalog, credits_from(3, {"T", "R"}), R) == List{R, T});
    CHECK(credit_sources(fx.catalog, credits_tagged(3, {"v", "t"}), kNoOwner) == List{P, R, S});
    CHECK(credit_sources(fx.catalog, credits_tagged(3, {"v", "t"}), P) == List{R, S});
    CHECK(credit_sources(fx.catalog, credits_tagged(3, {"nope"}), kNoOwner).empty());
    CHECK(credit_sources(fx.catalog, any_of(refs({"P", "R"})), kNoOwner).empty());
    CHECK(credit_sources(fx.catalog, test::skills({"t"}), kNoOwner).empty());
}

// ---- presolve

TEST_CASE("planner_eval: presolve of the worked example") {
    const Fixture fx = worked_example();
    const Prepared p(fx, fx.request({"Q", "Q"}));
    const Context& ctx = p.ctx;
    REQUIRE(p.reachable);
    const std::uint32_t X = fx.index("X"), A = fx.index("A"), B = fx.index("B"), Q = fx.index("Q"),
                        Z = fx.index("Z");
    CHECK(ctx.targets == std::vector<std::uint32_t>{Q});
    CHECK(ctx.free_targets == std::vector<std::uint32_t>{Q});
    CHECK(ctx.free_goals.empty());
    CHECK(ctx.state[X] == State::Free);
    CHECK(ctx.state[Q] == State::Free);
    CHECK(ctx.state[Z] == State::Outside);
    CHECK(ctx.earliest == std::vector<double>{4, 6, 7, 1, 6, kInf});
    // Upper bounds: the longest chain below each (X 4, A 4+2, B 4+3, C 1, Q max(6, 7, 1)).
    CHECK(ctx.upper == std::vector<double>{4, 6, 7, 1, 7, 0});
    CHECK(ids_of(fx, ctx.relevant) == Ids{"A", "B", "C", "Q", "X"});
    CHECK(ctx.column == std::vector<std::int32_t>{4, 0, 1, 2, 3, -1});
    // Q needs 2 of 3 open children: a choice, so only Q itself is forced.
    CHECK(ids_of(fx, ctx.forced_set) == Ids{"Q"});
    CHECK(ctx.forced[Q] == 1);
    CHECK(ctx.forced[X] == 0);
    CHECK_FALSE(ctx.determined);
    CHECK(ctx.fastest == 6);
    CHECK(ctx.weeks_grid == 1);
    const NodeInfo& q = ctx.info(*fx.catalog.credentials[Q].rule);
    CHECK(q.status == Status::Free);
    CHECK(q.earliest == 6);
    CHECK(q.upper == 7);
    CHECK(q.needed == 2);
    const NodeInfo& a = ctx.info(*fx.catalog.credentials[A].rule);
    CHECK(a.status == Status::Free);
    CHECK(a.earliest == 4);
    CHECK(a.upper == 4);
    CHECK(ctx.info(*fx.catalog.credentials[B].rule).earliest == 4);
    CHECK(ctx.nodes.size() == 6);  // A's, B's and Q's rules and Q's three children
}

TEST_CASE("planner_eval: presolve with a held prerequisite and an excluded choice") {
    const Fixture fx = worked_example();
    SUBCASE("X held: A's and B's rules are met at week 0") {
        const Prepared p(fx, fx.request({"Q"}, Objective::Cost, {"X"}));
        REQUIRE(p.reachable);
        const Context& ctx = p.ctx;
        CHECK(ctx.state[fx.index("X")] == State::Held);
        CHECK(ctx.earliest[fx.index("X")] == 0);
        CHECK(ctx.earliest[fx.index("A")] == 2);
        CHECK(ctx.earliest[fx.index("B")] == 3);
        CHECK(ctx.fastest == 2);  // C at 1, A at 2
        CHECK(ctx.info(*fx.catalog.credentials[fx.index("A")].rule).status == Status::True);
        CHECK(ids_of(fx, ctx.relevant) == Ids{"A", "B", "C", "Q"});
        CHECK(ids_of(fx, ctx.forced_set) == Ids{"Q"});
        CHECK_FALSE(ctx.determined);
    }
    SUBCASE("X excluded: A and B are dead, so Q cannot be met") {
        const Prepared p(fx, fx.request({"Q"}, Objective::Cost, {}, {"X"}));
        CHECK_FALSE(p.reachable);
        CHECK(p.ctx.state[fx.index("X")] == State::Dead);
        CHECK(p.ctx.state[fx.index("A")] == State::Dead);
        CHECK(p.ctx.state[fx.index("B")] == State::Dead);
        CHECK(p.ctx.state[fx.index("C")] == State::Free);
        CHECK(p.ctx.state[fx.index("Q")] == State::Dead);
        CHECK(p.ctx.earliest[fx.index("Q")] == kInf);
        CHECK(p.ctx.free_targets.empty());
    }
    SUBCASE("B excluded: Q must take A and C, and X for A; nothing is left to choose") {
        const Prepared p(fx, fx.request({"Q"}, Objective::Cost, {}, {"B"}));
        REQUIRE(p.reachable);
        CHECK(ids_of(fx, p.ctx.relevant) == Ids{"A", "C", "Q", "X"});
        CHECK(ids_of(fx, p.ctx.forced_set) == Ids{"A", "C", "Q", "X"});
        CHECK(p.ctx.determined);
        CHECK(p.ctx.info(*fx.catalog.credentials[fx.index("Q")].rule).needed == 2);
    }
    SUBCASE("Q held: nothing to do") {
        const Prepared p(fx, fx.request({"Q"}, Objective::Cost, {"Q"}));
        REQUIRE(p.reachable);
        CHECK(p.ctx.free_targets.empty());
        CHECK(p.ctx.relevant.empty());
        CHECK(p.ctx.forced_set.empty());
        CHECK(p.ctx.determined);
        CHECK(p.ctx.fastest == 0);
    }
}

TEST_CASE("planner_eval: presolve of credits: what the free sources must add, and the sources none can spare") {
    CatalogBuilder b;
    b.add("P").credits(2).weeks(1);
    b.add("R").credits(3).weeks(5);
    b.add("S").credits(4).weeks(2);
    b.add("N").credits(0).weeks(1);
    b.add("T").rule(credits_from(5, {"P", "R", "S", "N"}));
    b.add("V").rule(credits_from(6.5, {"P", "R", "S", "N"}));
    const Fixture fx(b);
    SUBCASE("5 with P held: 3 more from R or S, a choice") {
        const Prepared p(fx, fx.request({"T"}, Objective::Cost, {"P"}));
        REQUIRE(p.reachable);
        const NodeInfo& node = p.ctx.info(*fx.catalog.credentials[fx.index("T")].rule);
        CHECK(node.status == Status::Free);
        CHECK(node.need == 3);
        CHECK(ids_of(fx, node.sources) == Ids{"R", "S"});  // N has no credits, P is held
        CHECK(node.earliest == 2);                          // S alone
        CHECK(node.upper == 5);
        CHECK(ids_of(fx, p.ctx.relevant) == Ids{"R", "S", "T"});
        CHECK(ids_of(fx, p.ctx.forced_set) == Ids{"T"});
        CHECK_FALSE(p.ctx.determined);
    }
    SUBCASE("6.5 with P held: 4.5 more needs both R and S") {
        const Prepared p(fx, fx.request({"V"}, Objective::Cost, {"P"}));
        REQUIRE(p.reachable);
        const NodeInfo& node = p.ctx.info(*fx.catalog.credentials[fx.index("V")].rule);
        CHECK(node.need == 4.5);
        CHECK(ids_of(fx, p.ctx.forced_set) == Ids{"R", "S", "V"});
        CHECK(p.ctx.determined);
        CHECK(p.ctx.fastest == 5);
    }
    SUBCASE("5 without P: P and S (at 2), or any two of three") {
        const Prepared p(fx, fx.request({"T"}));
        REQUIRE(p.reachable);
        const NodeInfo& node = p.ctx.info(*fx.catalog.credentials[fx.index("T")].rule);
        CHECK(node.need == 5);
        CHECK(ids_of(fx, node.sources) == Ids{"P", "R", "S"});
        CHECK(node.earliest == 2);
        CHECK(sorted_ids(fx, fastest_plan(p.ctx)) == Ids{"P", "S", "T"});
    }
    SUBCASE("13 cannot be earned: unreachable") {
        CatalogBuilder more;
        more.add("P").credits(2);
        more.add("W").rule(credits_from(13, {"P"}));
        const Fixture f(more);
        const Prepared p(f, f.request({"W"}));
        CHECK_FALSE(p.reachable);
        CHECK(p.ctx.state[f.index("W")] == State::Dead);
    }
}

TEST_CASE("planner_eval: presolve of goal rules: skills, their teachers and owners") {
    CatalogBuilder b;
    b.add("A").weeks(3).skills({"s"});
    b.add("B").weeks(1).skills({"s", "t"});
    b.add("C").weeks(2).skills({"t"});
    b.add("O").weeks(5).skills({"s"});
    const Fixture fx(b);
    const Rule goal = test::skills({"s", "t"});
    SUBCASE("no owner: every teacher counts") {
        PlanRequest request = fx.request({});
        request.goals.push_back({&goal, std::nullopt});
        const Prepared p(fx, request);
        REQUIRE(p.reachable);
        REQUIRE(p.ctx.goals.size() == 1);
        CHECK(p.ctx.goal_owners == std::vector<std::uint32_t>{kNoOwner});
        CHECK(p.ctx.free_goals == std::vector<std::size_t>{0});
        const NodeInfo& node = p.ctx.info(p.ctx.goals[0]);
        CHECK(node.status == Status::Free);
        REQUIRE(node.skill_teachers.size() == 2);
        CHECK(ids_of(fx, node.skill_teachers[0]) == Ids{"A", "B", "O"});
        CHECK(ids_of(fx, node.skill_teachers[1]) == Ids{"B", "C"});
        CHECK(node.earliest == 1);  // B teaches both
        CHECK(p.ctx.fastest == 1);
        CHECK(sorted_ids(fx, fastest_plan(p.ctx)) == Ids{"B"});
        CHECK(ids_of(fx, p.ctx.relevant) == Ids{"A", "B", "C", "O"});
        CHECK(p.ctx.forced_set.empty());
        CHECK_FALSE(p.ctx.determined);
    }
    SUBCASE("owned by B: B is excluded and its skills do not count") {
        PlanRequest request = fx.request({});
        request.goals.push_back({&goal, fx.index("B")});
        const Prepared p(fx, request);
        REQUIRE(p.reachable);
        const NodeInfo& node = p.ctx.info(p.ctx.goals[0]);
        REQUIRE(node.skill_teachers.size() == 2);
        CHECK(ids_of(fx, node.skill_teachers[0]) == Ids{"A", "O"});
        CHECK(ids_of(fx, node.skill_teachers[1]) == Ids{"C"});
        CHECK(node.earliest == 3);  // s from A at 3, t from C at 2
        CHECK(ids_of(fx, p.ctx.forced_set) == Ids{"C"});  // the only teacher of t left
        CHECK_FALSE(p.ctx.determined);                    // s: A or O
        CHECK(p.ctx.state[fx.index("B")] == State::Outside);  // the owner is no source: not even in the cone
        CHECK(sorted_ids(fx, fastest_plan(p.ctx)) == Ids{"A", "C"});
    }
    SUBCASE("a held teacher covers its skill") {
        PlanRequest request = fx.request({}, Objective::Cost, {"C"});
        request.goals.push_back({&goal, std::nullopt});
        const Prepared p(fx, request);
        REQUIRE(p.reachable);
        const NodeInfo& node = p.ctx.info(p.ctx.goals[0]);
        REQUIRE(node.skill_teachers.size() == 1);  // t is covered
        CHECK(ids_of(fx, node.skill_teachers[0]) == Ids{"A", "B", "O"});
    }
    SUBCASE("held teachers of every skill: the goal is met, nothing to add") {
        PlanRequest request = fx.request({}, Objective::Cost, {"B"});
        request.goals.push_back({&goal, std::nullopt});
        const Prepared p(fx, request);
        REQUIRE(p.reachable);
        CHECK(p.ctx.info(p.ctx.goals[0]).status == Status::True);
        CHECK(p.ctx.free_goals.empty());
        CHECK(p.ctx.relevant.empty());
    }
    SUBCASE("a skill nobody teaches: the goal cannot be met") {
        const Rule nobody = test::skills({"s", "nobody"});
        PlanRequest request = fx.request({});
        request.goals.push_back({&nobody, std::nullopt});
        const Prepared p(fx, request);
        CHECK_FALSE(p.reachable);
        CHECK(p.ctx.info(p.ctx.goals[0]).status == Status::False);
    }
}

TEST_CASE("planner_eval: presolve finds the decimal grid the relevant weeks lie on") {
    const auto grid = [](double a, double b) {
        CatalogBuilder builder;
        builder.add("A").weeks(a);
        builder.add("B").weeks(b);
        builder.add("Q").rule(all_of(refs({"A", "B"})));
        builder.add("Z").weeks(1.0 / 3);  // not relevant: not on the grid either way
        const Fixture fx(builder);
        const Prepared p(fx, fx.request({"Q"}));
        REQUIRE(p.reachable);
        return p.ctx.weeks_grid;
    };
    CHECK(grid(2, 3) == 1);
    CHECK(grid(0.5, 3) == 0.1);
    CHECK(grid(0.25, 1) == 0.01);
    CHECK(grid(1.00001, 2) == 0.00001);
    CHECK(grid(1.000001, 2.5) == 0.000001);
    CHECK(grid(1.0000005, 2) == 1);  // within 1e-6 of a step counts as on it
    CHECK(grid(1.0 / 3, 1) == 0);
    CHECK(grid(0, 0) == 1);
}

// ---- fastest_plan

TEST_CASE("planner_eval: fastest_plan is the witness of the earliest finish") {
    const Fixture fx = worked_example();
    const Prepared p(fx, fx.request({"Q"}));
    REQUIRE(p.reachable);
    const std::vector<std::uint32_t> plan = fastest_plan(p.ctx);
    CHECK(sorted_ids(fx, plan) == Ids{"A", "C", "Q", "X"});  // the two earliest of A, B, C: C and A
    CHECK(plan.size() == 4);                                 // no repeats
    const auto candidate = make_candidate(p.ctx, plan);
    REQUIRE(candidate);
    CHECK(candidate->weeks == p.ctx.fastest);
    // Without targets or goals left, the witness is empty.
    const Prepared held(fx, fx.request({"Q"}, Objective::Cost, {"Q"}));
    CHECK(fastest_plan(held.ctx).empty());
}

// ---- schedule

TEST_CASE("planner_eval: schedule of a chosen set: dependency order, ties by id, and start/finish weeks") {
    const Fixture fx = worked_example();
    const std::uint32_t X = fx.index("X"), A = fx.index("A"), B = fx.index("B"), Q = fx.index("Q");
    const std::vector<std::uint8_t> none(fx.catalog.credentials.size(), 0);
    const Schedule s = schedule(fx.catalog, fx.graph, none, {Q, B, X, A}, std::nullopt);
    CHECK(s.valid);
    CHECK(ids_of(fx, s.order) == Ids{"X", "A", "B", "Q"});
    CHECK(s.start == std::vector<double>{0, 4, 4, 7});
    CHECK(s.finish == std::vector<double>{4, 6, 7, 7});
    CHECK(s.weeks == 7);

    std::vector<std::uint8_t> held(fx.catalog.credentials.size(), 0);
    held[X] = 1;
    const Schedule from_held = schedule(fx.catalog, fx.graph, held, {B, A}, std::nullopt);
    CHECK(from_held.valid);
    CHECK(ids_of(fx, from_held.order) == Ids{"A", "B"});
    CHECK(from_held.start == std::vector<double>{0, 0});
    CHECK(from_held.finish == std::vector<double>{2, 3});
    CHECK(from_held.weeks == 3);

    const Schedule empty = schedule(fx.catalog, fx.graph, none, {}, std::nullopt);
    CHECK(empty.valid);
    CHECK(empty.order.empty());
    CHECK(empty.weeks == 0);
}

TEST_CASE("planner_eval: schedule names the first credential whose rule the set does not meet") {
    const Fixture fx = worked_example();
    const std::uint32_t A = fx.index("A"), C = fx.index("C"), Q = fx.index("Q");
    const std::vector<std::uint8_t> none(fx.catalog.credentials.size(), 0);
    const Schedule s = schedule(fx.catalog, fx.graph, none, {Q, A}, std::nullopt);  // A without X
    CHECK_FALSE(s.valid);
    CHECK(s.blocked == A);
    CHECK(ids_of(fx, s.order) == Ids{"A", "Q"});
    CHECK(s.start == std::vector<double>{kInf, kInf});
    const Schedule q = schedule(fx.catalog, fx.graph, none, {Q, C}, std::nullopt);  // 1 of the 2 Q needs
    CHECK_FALSE(q.valid);
    CHECK(q.blocked == Q);
    CHECK(ids_of(fx, q.order) == Ids{"C", "Q"});
    CHECK(q.finish[0] == 1);
}

// ---- make_candidate

TEST_CASE("planner_eval: make_candidate recomputes the keys of a valid plan from its set") {
    const Fixture fx = worked_example();
    const Prepared p(fx, fx.request({"Q"}));
    const std::uint32_t X = fx.index("X"), A = fx.index("A"), B = fx.index("B"), C = fx.index("C"),
                        Q = fx.index("Q");
    const auto both = make_candidate(p.ctx, {X, Q, B, A});
    REQUIRE(both);
    CHECK(ids_of(fx, both->chosen) == Ids{"A", "B", "Q", "X"});  // by rank
    CHECK(both->ranks == std::vector<std::uint32_t>{0, 1, 3, 4});
    CHECK(both->cost == 120);
    CHECK(both->hours == 50);
    CHECK(both->weeks == 7);
    CHECK(both->credits == 0);
    CHECK(both->count == 4);
    CHECK(both->idkey == 8);

    const auto fast = make_candidate(p.ctx, {C, A, X, Q});
    REQUIRE(fast);
    CHECK(fast->cost == 260);
    CHECK(fast->weeks == 6);
    CHECK(fast->idkey == 0 + 2 + 3 + 4);
    // A superset is still a plan (with every key counted).
    const auto all = make_candidate(p.ctx, {C, A, X, Q, B});
    REQUIRE(all);
    CHECK(all->count == 5);
    CHECK(all->cost == 270);
    CHECK(all->weeks == 7);
}

TEST_CASE("planner_eval: make_candidate refuses sets that are no plan") {
    const Fixture fx = worked_example();
    const std::uint32_t X = fx.index("X"), A = fx.index("A"), B = fx.index("B"), C = fx.index("C"),
                        Q = fx.index("Q"), Z = fx.index("Z");
    const Prepared p(fx, fx.request({"Q"}, Objective::Cost, {}, {"C"}));
    CHECK(make_candidate(p.ctx, {X, A, B, Q}));
    CHECK_FALSE(make_candidate(p.ctx, {X, A, B}));            // the target is missing
    CHECK_FALSE(make_candidate(p.ctx, {A, B, Q}));            // A's and B's rules are not met
    CHECK_FALSE(make_candidate(p.ctx, {X, A, Q}));            // Q needs 2
    CHECK_FALSE(make_candidate(p.ctx, {X, A, B, Q, C}));      // C is excluded
    CHECK_FALSE(make_candidate(p.ctx, {X, A, B, Q, Z}));      // Z is outside the cone
    CHECK_FALSE(make_candidate(p.ctx, {X, A, B, Q, A}));      // a repeat
    CHECK_FALSE(make_candidate(p.ctx, {X, A, B, Q, 99}));     // no such credential
    const Prepared held(fx, fx.request({"Q"}, Objective::Cost, {"X"}));
    CHECK_FALSE(make_candidate(held.ctx, {X, A, B, Q}));      // X is held
    const auto without = make_candidate(held.ctx, {A, B, Q});
    REQUIRE(without);
    CHECK(without->weeks == 3);
    CHECK(without->cost == 20);
    // Everything held: the empty set is the plan.
    const Prepared done(fx, fx.request({"Q"}, Objective::Cost, {"Q"}));
    const auto nothing = make_candidate(done.ctx, {});
    REQUIRE(nothing);
    CHECK(nothing->count == 0);
    CHECK(nothing->weeks == 0);
}

TEST_CASE("planner_eval: make_candidate checks the goal rules") {
    CatalogBuilder b;
    b.add("A").cost(5).weeks(3).skills({"s"});
    b.add("B").cost(9).weeks(1).skills({"s", "t"});
    const Fixture fx(b);
    const Rule goal = test::skills({"s", "t"});
    PlanRequest request = fx.request({});
    request.goals.push_back({&goal, std::nullopt});
    const Prepared p(fx, request);
    REQUIRE(p.reachable);
    CHECK_FALSE(make_candidate(p.ctx, {fx.index("A")}));  // no t
    const auto b_only = make_candidate(p.ctx, {fx.index("B")});
    REQUIRE(b_only);
    CHECK(b_only->weeks == 1);
    CHECK(b_only->cost == 9);
    CHECK_FALSE(make_candidate(p.ctx, {}));
}

// ---- compare

TEST_CASE("planner_eval: compare orders candidates by the objective's keys, then idkey, then idlex") {
    const Candidate base = keys(100, 10, 5, 2, 3, {1, 2});
    CHECK(compare(base, base, Objective::Cost) == 0);
    SUBCASE("cost: (cost, weeks, count)") {
        CHECK(compare(keys(90, 99, 9, 9, 9, {9}), base, Objective::Cost) == -1);
        CHECK(compare(base, keys(90, 99, 9, 9, 9, {9}), Objective::Cost) == 1);
        CHECK(compare(keys(100 + 1e-8, 10, 4, 2, 3, {1, 2}), base, Objective::Cost) == -1);  // cost tied: weeks
        CHECK(compare(keys(100, 10, 5, 1, 9, {9}), base, Objective::Cost) == -1);             // then count
        CHECK(compare(keys(100, 1, 5, 2, 3, {1, 2}), base, Objective::Cost) == 0);            // hours are no key
    }
    SUBCASE("hours: (hours, cost, weeks, count)") {
        CHECK(compare(keys(200, 5, 9, 9, 9, {9}), base, Objective::Hours) == -1);
        CHECK(compare(keys(90, 10, 9, 9, 9, {9}), base, Objective::Hours) == -1);
        CHECK(compare(keys(100, 10, 4, 9, 9, {9}), base, Objective::Hours) == -1);
        CHECK(compare(keys(100, 10, 5, 1, 9, {9}), base, Objective::Hours) == -1);
    }
    SUBCASE("count: (count, cost, weeks)") {
        CHECK(compare(keys(500, 99, 9, 1, 9, {9}), base, Objective::Count) == -1);
        CHECK(compare(keys(90, 99, 9, 2, 9, {9}), base, Objective::Count) == -1);
        CHECK(compare(keys(100, 99, 4, 2, 9, {9}), base, Objective::Count) == -1);
        CHECK(compare(keys(100, 1, 5, 2, 3, {1, 2}), base, Objective::Count) == 0);
    }
    SUBCASE("weeks: (weeks, cost, count)") {
        CHECK(compare(keys(500, 99, 3, 9, 9, {9}), base, Objective::Weeks) == -1);
        CHECK(compare(keys(90, 99, 5, 9, 9, {9}), base, Objective::Weeks) == -1);
        CHECK(compare(keys(100, 99, 5, 1, 9, {9}), base, Objective::Weeks) == -1);
        CHECK(compare(keys(100, 10, 5 - 1e-10, 2, 3, {1, 2}), base, Objective::Weeks) == 0);  // within tolerance
    }
    SUBCASE("ties: the smaller idkey, then the set holding the first differing rank") {
        for (const Objective objective : {Objective::Cost, Objective::Hours, Objective::Count, Objective::Weeks}) {
            CHECK(compare(keys(100, 10, 5, 2, 2, {0, 2}), base, objective) == -1);
            CHECK(compare(base, keys(100, 10, 5, 2, 2, {0, 2}), objective) == 1);
            CHECK(compare(keys(100, 10, 5, 2, 3, {0, 3}), base, objective) == -1);
            CHECK(compare(base, keys(100, 10, 5, 2, 3, {0, 3}), objective) == 1);
        }
    }
}

// ---- admissible

TEST_CASE("planner_eval: admissible applies the limits with their tolerance, and the no-goods") {
    const Fixture fx = worked_example();
    Prepared p(fx, fx.request({"Q"}));
    const std::uint32_t X = fx.index("X"), A = fx.index("A"), B = fx.index("B"), C = fx.index("C"),
                        Q = fx.index("Q");
    const auto candidate = make_candidate(p.ctx, {X, A, B, Q});  // 120, 7 weeks
    REQUIRE(candidate);
    CHECK(admissible(p.ctx, *candidate));
    SUBCASE("max_cost") {
        p.request.max_cost = 120;
        CHECK(admissible(p.ctx, *candidate));
        p.request.max_cost = 120 - 1e-8;
        CHECK(admissible(p.ctx, *candidate));
        p.request.max_cost = 119.99;
        CHECK_FALSE(admissible(p.ctx, *candidate));
    }
    SUBCASE("max_weeks") {
        p.request.max_weeks = 7;
        CHECK(admissible(p.ctx, *candidate));
        p.request.max_weeks = 6.9;
        CHECK_FALSE(admissible(p.ctx, *candidate));
    }
    SUBCASE("weeks_below is strict beyond the tolerance") {
        p.request.weeks_below = 7.01;
        CHECK(admissible(p.ctx, *candidate));
        p.request.weeks_below = 7;
        CHECK_FALSE(admissible(p.ctx, *candidate));
        p.request.weeks_below = 7 + 1e-9;
        CHECK_FALSE(admissible(p.ctx, *candidate));
    }
    SUBCASE("a no-good rules out the sets holding all of it") {
        p.ctx.nogoods.push_back({A, C});
        CHECK(admissible(p.ctx, *candidate));
        p.ctx.nogoods.push_back({X, A});
        CHECK_FALSE(admissible(p.ctx, *candidate));
        p.ctx.nogoods = {{A, B, Q, X}};
        CHECK_FALSE(admissible(p.ctx, *candidate));
        p.ctx.nogoods = {{A, B, C, Q, X}};
        CHECK(admissible(p.ctx, *candidate));
    }
}

// ---- weeks_cap_below

TEST_CASE("planner_eval: weeks_cap_below is halfway between the grid steps around the boundary") {
    const Fixture fx = worked_example();
    Prepared p(fx, fx.request({"Q"}));
    REQUIRE(p.ctx.weeks_grid == 1);
    bool exact = false;
    CHECK(weeks_cap_below(p.ctx, 7, exact) == 6.5);
    CHECK(exact);
    CHECK(weeks_cap_below(p.ctx, 7.5, exact) == 7.5);  // 7 qualifies, 8 does not
    CHECK(exact);
    CHECK(weeks_cap_below(p.ctx, 1, exact) == 0.5);
    CHECK(weeks_cap_below(p.ctx, 7 + 1e-10, exact) == 6.5);  // within the tolerance of 7: 7 does not qualify
    p.ctx.weeks_grid = 0.5;
    CHECK(weeks_cap_below(p.ctx, 3, exact) == 2.75);
    CHECK(exact);
    SUBCASE("no grid: a little below the boundary, not exact") {
        p.ctx.weeks_grid = 0;
        exact = true;
        CHECK(weeks_cap_below(p.ctx, 7, exact) == doctest::Approx(7 - 7e-6).epsilon(1e-13));
        CHECK_FALSE(exact);
        CHECK(weeks_cap_below(p.ctx, 0.5, exact) == doctest::Approx(0.5 - 1e-6).epsilon(1e-13));
        CHECK_FALSE(exact);
    }
    SUBCASE("a grid the tolerance could blur counts as none") {
        p.ctx.weeks_grid = 1e-6;
        exact = true;
        CHECK(weeks_cap_below(p.ctx, 1e6, exact) == doctest::Approx(1e6 - 1).epsilon(1e-13));
        CHECK_FALSE(exact);
    }
}

}  // namespace credpath
