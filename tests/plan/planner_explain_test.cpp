// The planner's infeasibility reasons (src/plan/planner_explain.cpp): numbers
// as a person writes them, and why a target cannot be reached or a goal
// cannot be met, down to the blocking credentials, skills and credits.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
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

// Why `target` cannot be reached with `excluded` excluded.
std::string unreachable(const Fixture& fx, const std::string& target, const std::vector<std::string>& excluded = {}) {
    const Prepared p(fx, fx.request({target}, Objective::Cost, {}, excluded));
    REQUIRE_FALSE(p.reachable);
    REQUIRE(p.ctx.state[fx.index(target)] == State::Dead);
    return explain_unreachable(p.ctx, fx.index(target));
}

// Why the goal rules' goal `which` cannot be met.
std::string unmet(const Fixture& fx, const std::vector<GoalRule>& goals, std::size_t which,
                  const std::vector<std::string>& excluded = {}) {
    PlanRequest request = fx.request({}, Objective::Cost, {}, excluded);
    request.goals = goals;
    const Prepared p(fx, request);
    REQUIRE_FALSE(p.reachable);
    REQUIRE(p.ctx.info(p.ctx.goals[which]).status == Status::False);
    return explain_unmet_goal(p.ctx, which);
}

}  // namespace

TEST_CASE("planner_explain: format_number writes whole numbers bare and others with up to 4 decimals") {
    CHECK(format_number(3) == "3");
    CHECK(format_number(0) == "0");
    CHECK(format_number(-2) == "-2");
    CHECK(format_number(1250) == "1250");
    CHECK(format_number(2.5) == "2.5");
    CHECK(format_number(12.50) == "12.5");
    CHECK(format_number(1.23456) == "1.2346");
    CHECK(format_number(1.0 / 3) == "0.3333");
    CHECK(format_number(0.1) == "0.1");
    CHECK(format_number(3 + 1e-10) == "3");  // within the tolerance of 3
    CHECK(format_number(2.00004) == "2");    // rounded to 4 decimals, trailing zeros and point dropped
    CHECK(format_number(1e15) == "1000000000000000");
    CHECK(format_number(123456.5) == "123456.5");
    CHECK(format_number(123456789012.5) == "123456789013");  // within 1e-9 relative of a whole number
    CHECK(format_number(std::numeric_limits<double>::infinity()) == "infinity");
    CHECK(format_number(-std::numeric_limits<double>::infinity()) == "-infinity");
}

TEST_CASE("planner_explain: an excluded target, or one needing an excluded credential") {
    CatalogBuilder b;
    b.add("X");
    b.add("A").rule(ref("X"));
    b.add("M").rule(ref("A"));
    const Fixture fx(b);
    CHECK(unreachable(fx, "X", {"X"}) == "cannot reach target X: X is excluded");
    CHECK(unreachable(fx, "A", {"X"}) == "cannot reach target A: A requires X, which is excluded");
    CHECK(unreachable(fx, "M", {"X"}) == "cannot reach target M: M requires A, which requires X, which is excluded");
    CHECK(unreachable(fx, "M", {"A"}) == "cannot reach target M: M requires A, which is excluded");
}

TEST_CASE("planner_explain: a reference to a credential not in the catalog") {
    CatalogBuilder b;
    b.add("X");
    b.add("T").rule(ref("ghost"));
    b.add("U").rule(any_of(refs({"ghost", "X"})));
    const Fixture fx(b);
    CHECK(unreachable(fx, "T") == "cannot reach target T: T requires ghost, which is not in the catalog");
    CHECK(unreachable(fx, "U", {"X"}) ==
          "cannot reach target U: U requires one of ghost, X, but none can be reached (ghost is not in the catalog; "
          "X is excluded)");
}

TEST_CASE("planner_explain: all, any and at_least name their failing parts") {
    CatalogBuilder b;
    b.add("X");
    b.add("Y");
    b.add("W");
    b.add("All").rule(all_of(refs({"W", "X", "Y"})));
    b.add("Any").rule(any_of(refs({"X", "Y"})));
    b.add("Two").rule(at_least(2, refs({"X", "Y", "W"})));
    b.add("Three").rule(at_least(3, refs({"X", "Y"})));
    b.add("Nested").rule(any_of({ref("X"), all_of(refs({"W", "Y"}))}));
    const Fixture fx(b);
    CHECK(unreachable(fx, "All", {"X", "Y"}) ==
          "cannot reach target All: All requires X, which is excluded, and Y, which is excluded");
    CHECK(unreachable(fx, "Any", {"X", "Y"}) ==
          "cannot reach target Any: Any requires one of X, Y, but none can be reached (X is excluded; Y is "
          "excluded)");
    CHECK(unreachable(fx, "Two", {"X", "Y"}) ==
          "cannot reach target Two: Two requires at least 2 of X, Y, W, but only 1 can be reached (X is excluded; Y "
          "is excluded)");
    CHECK(unreachable(fx, "Three") == "cannot reach target Three: Three requires at least 3 of X, Y, which lists only 2");
    CHECK(unreachable(fx, "Nested", {"X", "Y"}) ==
          "cannot reach target Nested: Nested requires one of X, all of (W, Y), but none can be reached (X is "
          "excluded; all of (W, Y) cannot be met: it needs Y, which is excluded)");
}

TEST_CASE("planner_explain: long lists of names end in 'N more'") {
    CatalogBuilder b;
    std::vector<std::string> ids;
    for (int i = 0; i < 10; ++i) {
        ids.push_back("c" + std::to_string(i));
        b.add(ids.back());
    }
    b.add("T").rule(any_of(refs(ids)));
    const Fixture fx(b);
    CHECK(unreachable(fx, "T", ids) ==
          "cannot reach target T: T requires one of c0, c1, c2, c3, c4, c5, c6, c7, 2 more, but none can be reached "
          "(c0 is excluded; c1 is excluded; c2 is excluded; c3 is excluded; c4 is excluded; c5 is excluded; c6 is "
          "excluded; c7 is excluded; c8 is excluded; c9 is excluded)");
}

TEST_CASE("planner_explain: credits that cannot add up") {
    CatalogBuilder b;
    b.add("P").credits(3).tags({"t"});
    b.add("R").credits(3).tags({"t"});
    b.add("Zero").tags({"t"});
    b.add("From").rule(credits_from(5, {"P", "R", "Zero"}));
    b.add("Tagged").rule(credits_tagged(6.5, {"t"}));
    Fixture fx(b);
    CHECK(unreachable(fx, "From", {"R"}) ==
          "cannot reach target From: From requires 5 credits from P, R, Zero, but at most 3 can be earned (R is "
          "excluded)");
    // Nothing blocked, just too few: no parenthesis.
    CHECK(unreachable(fx, "Tagged") ==
          "cannot reach target Tagged: Tagged requires 6.5 credits from credentials tagged t, but at most 6 can be "
          "earned");
    fx.catalog.credit_unit = "ECTS";
    CHECK(unreachable(fx, "Tagged", {"P", "Zero"}) ==
          "cannot reach target Tagged: Tagged requires 6.5 ECTS from credentials tagged t, but at most 3 can be "
          "earned (P is excluded)");
}

TEST_CASE("planner_explain: skills nobody teaches, or only excluded credentials") {
    CatalogBuilder b;
    b.add("X").skills({"s"});
    b.add("Self").skills({"own"}).rule(test::skills({"own"}));
    b.add("T").rule(test::skills({"s", "nobody"}));
    b.add("U").rule(test::skills({"s"}));
    const Fixture fx(b);
    CHECK(unreachable(fx, "U", {"X"}) ==
          "cannot reach target U: U requires skill s, but nothing that teaches it can be added (X is excluded)");
    CHECK(unreachable(fx, "T", {"X"}) ==
          "cannot reach target T: T requires skill s, but nothing that teaches it can be added (X is excluded), and "
          "skill nobody, which no other credential teaches");
    CHECK(unreachable(fx, "T") == "cannot reach target T: T requires skill nobody, which no other credential teaches");
    // A credential's own skill does not count for its rule.
    CHECK(unreachable(fx, "Self") == "cannot reach target Self: Self requires skill own, which no other credential teaches");
}

TEST_CASE("planner_explain: each chain is told once") {
    CatalogBuilder b;
    b.add("X");
    b.add("M").rule(ref("X"));
    b.add("N").rule(ref("M"));
    b.add("T").rule(all_of(refs({"M", "N"})));
    const Fixture fx(b);
    CHECK(unreachable(fx, "T", {"X"}) ==
          "cannot reach target T: T requires M, which requires X, which is excluded, and N, which requires M, which "
          "cannot be reached");
}

TEST_CASE("planner_explain: a long reason is told less deep, followed by the root causes") {
    // T -> L1 -> ... -> L8, L8 excluded: the whole chain is over 400 characters.
    const auto id = [](int i) { return "a-rather-long-credential-identifier-number-" + std::to_string(i); };
    CatalogBuilder b;
    for (int i = 1; i <= 8; ++i) {
        auto entry = b.add(id(i));
        if (i < 8) entry.rule(ref(id(i + 1)));
    }
    b.add("T").rule(ref(id(1)));
    const Fixture fx(b);
    CHECK(unreachable(fx, "T", {id(8)}) ==
          "cannot reach target T: T requires " + id(1) + ", which requires " + id(2) + ", which requires " + id(3) +
              ", which cannot be reached; root causes: excluded " + id(8));
    // From L3 the chain fits within 400 characters: told in full, no root causes.
    std::string full = "cannot reach target " + id(3) + ": " + id(3) + " requires " + id(4);
    for (int i = 5; i <= 8; ++i) full += ", which requires " + id(i);
    full += ", which is excluded";
    CHECK(unreachable(fx, id(3), {id(8)}) == full);
}

TEST_CASE("planner_explain: a long reason with nothing to blame lists no root causes") {
    // Twelve links deep the walk stops: "cannot be reached" without a cause.
    const auto id = [](int i) { return "a-rather-long-credential-identifier-number-" + std::to_string(i); };
    CatalogBuilder b;
    for (int i = 1; i <= 14; ++i) {
        auto entry = b.add(id(i));
        if (i < 14) entry.rule(ref(id(i + 1)));
    }
    b.add("T").rule(ref(id(1)));
    const Fixture fx(b);
    CHECK(unreachable(fx, "T", {id(14)}) == "cannot reach target T: T requires " + id(1) + ", which requires " + id(2) +
                                                ", which requires " + id(3) + ", which cannot be reached");
}

TEST_CASE("planner_explain: goals that cannot be met") {
    CatalogBuilder b;
    b.add("X").skills({"s"});
    b.add("Y");
    b.add("P").credits(2).tags({"t"});
    b.add("O").credits(9).tags({"t"});
    const Fixture fx(b);
    const Rule nobody = test::skills({"nobody"});
    const Rule either = any_of(refs({"X", "Y"}));
    const Rule credits = credits_tagged(5, {"t"});
    const Rule skill = test::skills({"s"});
    CHECK(unmet(fx, {{&nobody, std::nullopt}}, 0) ==
          "cannot meet goal: skills nobody needs skill nobody, which no credential teaches");
    CHECK(unmet(fx, {{&nobody, fx.index("Y")}}, 0) ==
          "cannot meet goal: skills nobody needs skill nobody, which no other credential teaches");
    CHECK(unmet(fx, {{&either, std::nullopt}}, 0, {"X", "Y"}) ==
          "cannot meet goal: any of (X, Y) needs one of X, Y, but none can be reached (X is excluded; Y is excluded)");
    // The owner's own credits do not count, and the owner is never added.
    CHECK(unmet(fx, {{&credits, fx.index("O")}}, 0) ==
          "cannot meet goal: 5 credits from credentials tagged t needs 5 credits from credentials tagged t, but at "
          "most 2 can be earned");
    // The owner of a skills goal that is the only teacher: excluded from its own goal.
    CHECK(unmet(fx, {{&skill, fx.index("X")}}, 0) == "cannot meet goal: skills s needs skill s, which no other credential teaches");
    // The goal asked about, of several.
    CHECK(unmet(fx, {{&skill, std::nullopt}, {&nobody, std::nullopt}}, 1) ==
          "cannot meet goal: skills nobody needs skill nobody, which no credential teaches");
}

}  // namespace credpath
