// Hand-checked plans: every rule kind, shared prerequisites, held and excluded
// credentials, the four objectives, limits, tie-breaking, reasons and schedules.
#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "credpath/load/check.hpp"
#include "planner_fixtures.hpp"

using namespace credpath;
using namespace credpath::test;

namespace {

std::string join(const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items) text += (text.empty() ? "" : " ") + item;
    return text;
}

// "id start-finish" per step, in plan order.
std::string timeline(const Fixture& fx, const Plan& plan) {
    std::string text;
    for (const PlanStep& step : plan.steps)
        text += (text.empty() ? "" : ", ") + fx.id(step.credential) + " " + std::to_string(static_cast<int>(step.start_week)) +
                "-" + std::to_string(static_cast<int>(step.finish_week));
    return text;
}

void check_totals(const Plan& plan, double cost, double weeks, std::uint32_t count) {
    CHECK(plan.feasible);
    CHECK(plan.optimal);
    CHECK(plan.totals.cost == doctest::Approx(cost));
    CHECK(plan.totals.weeks == doctest::Approx(weeks));
    CHECK(plan.totals.count == count);
    CHECK(plan.steps.size() == count);
}

// The worked example: Q needs 2 of {A, B, C}; A and B both need X.
Fixture worked_example() {
    CatalogBuilder b;
    b.add("X").cost(100).weeks(4).hours(40);
    b.add("A").cost(10).weeks(2).hours(5).rule(ref("X"));
    b.add("B").cost(10).weeks(3).hours(5).rule(ref("X"));
    b.add("C").cost(150).weeks(1).hours(60);
    b.add("Q").rule(at_least(2, refs({"A", "B", "C"})));
    return Fixture(b);
}

}  // namespace

TEST_CASE("planner: the worked example counts the shared prerequisite once") {
    const Fixture fx = worked_example();
    const Plan plan = fx.plan(fx.request({"Q"}));
    check_totals(plan, 120, 7, 4);  // not 260 (C + one branch) nor 220 (X per branch)
    CHECK(join(fx.steps(plan)) == "X A B Q");
    CHECK(timeline(fx, plan) == "X 0-4, A 4-6, B 4-7, Q 7-7");
    CHECK(plan.totals.hours == doctest::Approx(50));
    CHECK(join(fx.unlocks(plan, "X")) == "A B");
    CHECK(join(fx.unlocks(plan, "A")) == "Q");
    CHECK(join(fx.unlocks(plan, "B")) == "Q");
    CHECK(fx.unlocks(plan, "Q").empty());
    CHECK(plan.stats.cone_size == 5);
    CHECK(plan.stats.solver_calls >= 1);
    CHECK(plan.stats.variables > 0);
    CHECK(plan.reason.empty());
}

TEST_CASE("planner: the worked example under the other objectives") {
    const Fixture fx = worked_example();
    SUBCASE("weeks: C runs in parallel with X then A") {
        const Plan plan = fx.plan(fx.request({"Q"}, Objective::Weeks));
        check_totals(plan, 260, 6, 4);
        CHECK(join(fx.steps(plan)) == "C X A Q");
        CHECK(timeline(fx, plan) == "C 0-1, X 0-4, A 4-6, Q 6-6");
    }
    SUBCASE("count: every plan has 4 steps, cost decides") {
        const Plan plan = fx.plan(fx.request({"Q"}, Objective::Count));
        check_totals(plan, 120, 7, 4);
        CHECK(fx.chosen(plan) == std::vector<std::string>{"A", "B", "Q", "X"});
    }
    SUBCASE("hours: X+A+B is 50 hours, C+X+A 105") {
        const Plan plan = fx.plan(fx.request({"Q"}, Objective::Hours));
        check_totals(plan, 120, 7, 4);
    }
}

TEST_CASE("planner: held credentials are used and never steps") {
    const Fixture fx = worked_example();
    SUBCASE("A held: one more of B (needs X) or C") {
        const Plan plan = fx.plan(fx.request({"Q"}, Objective::Cost, {"A"}));
        check_totals(plan, 110, 7, 3);
        CHECK(join(fx.steps(plan)) == "X B Q");
        CHECK(timeline(fx, plan) == "X 0-4, B 4-7, Q 7-7");
    }
    SUBCASE("A and X held") {
        const Plan plan = fx.plan(fx.request({"Q"}, Objective::Cost, {"A", "X"}));
        check_totals(plan, 10, 3, 2);
        CHECK(timeline(fx, plan) == "B 0-3, Q 3-3");
    }
    SUBCASE("the target itself held: nothing to do") {
        const Plan plan = fx.plan(fx.request({"Q"}, Objective::Cost, {"Q"}));
        check_totals(plan, 0, 0, 0);
        CHECK(plan.stats.solver_calls == 0);
    }
}

TEST_CASE("planner: an excluded prerequisite every route needs makes the target unreachable") {
    const Fixture fx = worked_example();
    const Plan plan = fx.plan(fx.request({"Q"}, Objective::Cost, {}, {"X"}));
    CHECK_FALSE(plan.feasible);
    CHECK_FALSE(plan.optimal);
    CHECK(plan.steps.empty());
    CHECK(plan.reason ==
          "cannot reach target Q: Q requires at least 2 of A, B, C, but only 1 can be reached "
          "(A requires X, which is excluded; B requires X, which is excluded)");
    CHECK(plan.stats.solver_calls == 0);
}

TEST_CASE("planner: ref and all without any choice need no solver") {
    CatalogBuilder b;
    b.add("T").cost(1).weeks(1).rule(all_of(refs({"A", "B"})));
    b.add("A").cost(10).weeks(3).rule(ref("C"));
    b.add("B").cost(20).weeks(1);
    b.add("C").cost(5).weeks(2);
    const Fixture fx(b);
    for (Objective objective : {Objective::Cost, Objective::Hours, Objective::Count, Objective::Weeks}) {
        CAPTURE(to_string(objective));
        const Plan plan = fx.plan(fx.request({"T"}, objective));
        check_totals(plan, 36, 6, 4);
        CHECK(join(fx.steps(plan)) == "B C A T");
        CHECK(timeline(fx, plan) == "B 0-1, C 0-2, A 2-5, T 5-6");
        CHECK(join(fx.unlocks(plan, "B")) == "T");
        CHECK(join(fx.unlocks(plan, "C")) == "A");
        CHECK(join(fx.unlocks(plan, "A")) == "T");
        CHECK(plan.stats.solver_calls == 0);
    }
    SUBCASE("limits on the only plan") {
        PlanRequest request = fx.request({"T"});
        request.max_cost = 30;
        Plan plan = fx.plan(request);
        CHECK_FALSE(plan.feasible);
        CHECK(plan.reason == "no plan meets the limits: the cheapest plan costs 36 USD, 6 over --max-cost 30");
        request.max_cost.reset();
        request.max_weeks = 5;
        plan = fx.plan(request);
        CHECK_FALSE(plan.feasible);
        CHECK(plan.reason == "no plan meets the limits: the fastest plan takes 6 weeks, 1 over --max-weeks 5");
        request.max_weeks = 6;
        request.max_cost = 36;
        check_totals(fx.plan(request), 36, 6, 4);
    }
}

TEST_CASE("planner: cost, hours, count and weeks pick different plans") {
    CatalogBuilder b;
    b.add("T").rule(any_of(refs({"P1", "P2", "P3"})));
    b.add("P1").cost(100).hours(10).weeks(6);
    b.add("P2").cost(10).hours(50).weeks(2).rule(ref("R"));
    b.add("R").cost(5).hours(5).weeks(3);
    b.add("P3").cost(60).hours(8).weeks(1).rule(all_of(refs({"S1", "S2"})));
    b.add("S1").hours(1).weeks(2);
    b.add("S2").hours(1).weeks(3);
    const Fixture fx(b);

    const Plan cost = fx.plan(fx.request({"T"}, Objective::Cost));
    check_totals(cost, 15, 5, 3);
    CHECK(join(fx.steps(cost)) == "R P2 T");
    CHECK(cost.totals.hours == doctest::Approx(55));

    // P1 and P3 routes both take 10 hours: the cheaper P3 route wins.
    const Plan hours = fx.plan(fx.request({"T"}, Objective::Hours));
    check_totals(hours, 60, 4, 4);
    CHECK(join(fx.steps(hours)) == "S1 S2 P3 T");
    CHECK(hours.totals.hours == doctest::Approx(10));

    const Plan count = fx.plan(fx.request({"T"}, Objective::Count));
    check_totals(count, 100, 6, 2);
    CHECK(join(fx.steps(count)) == "P1 T");

    const Plan weeks = fx.plan(fx.request({"T"}, Objective::Weeks));
    check_totals(weeks, 60, 4, 4);
    CHECK(timeline(fx, weeks) == "S1 0-2, S2 0-3, P3 3-4, T 4-4");
}

TEST_CASE("planner: credits from a list") {
    CatalogBuilder b;
    b.add("T").weeks(1).rule(credits_from(6, {"A", "B", "C", "D"}));
    b.add("A").credits(3).cost(30).weeks(1);
    b.add("B").credits(3).cost(20).weeks(5);
    b.add("C").credits(4).cost(35).weeks(2);
    b.add("D").credits(2).cost(10).weeks(3);
    const Fixture fx(b);
    SUBCASE("cheapest pair reaching 6") {
        const Plan plan = fx.plan(fx.request({"T"}));
        check_totals(plan, 45, 4, 3);
        CHECK(timeline(fx, plan) == "C 0-2, D 0-3, T 3-4");  // 4 credits at week 2, 6 at week 3
        CHECK(plan.totals.credits == doctest::Approx(6));
    }
    SUBCASE("held credits count") {
        const Plan plan = fx.plan(fx.request({"T"}, Objective::Cost, {"A"}));
        check_totals(plan, 20, 6, 2);
        CHECK(timeline(fx, plan) == "B 0-5, T 5-6");
    }
    SUBCASE("fastest: only A and C finish by week 2") {
        const Plan plan = fx.plan(fx.request({"T"}, Objective::Weeks));
        check_totals(plan, 65, 3, 3);
        CHECK(timeline(fx, plan) == "A 0-1, C 0-2, T 2-3");
    }
    SUBCASE("an excluded source: the credits cannot add up") {
        const Plan plan = fx.plan(fx.request({"T"}, Objective::Cost, {}, {"B", "C", "D"}));
        CHECK_FALSE(plan.feasible);
        CHECK(plan.reason ==
              "cannot reach target T: T requires 6 credits from A, B, C, D, but at most 3 can be earned "
              "(B is excluded; C is excluded; D is excluded)");
    }
}

TEST_CASE("planner: credits from tags never count the owner") {
    CatalogBuilder b;
    b.add("T").tags({"data"}).credits(10).rule(credits_tagged(4, {"data"}));
    b.add("A").tags({"data"}).credits(2).cost(5);
    b.add("B").tags({"data", "ml"}).credits(2).cost(5);
    b.add("C").tags({"data"}).credits(4).cost(12);
    b.add("D").tags({"art"}).credits(9).cost(1);
    const Fixture fx(b);
    const Plan plan = fx.plan(fx.request({"T"}));
    check_totals(plan, 10, 0, 3);
    CHECK(fx.chosen(plan) == std::vector<std::string>{"A", "B", "T"});
    CHECK(plan.totals.credits == doctest::Approx(14));
}

TEST_CASE("planner: skills, the owner's own skills do not count") {
    CatalogBuilder b;
    b.add("T").weeks(2).skills({"python"}).rule(skills({"python", "sql"}));
    b.add("P").cost(10).weeks(1).skills({"python"});
    b.add("S").cost(10).weeks(1).skills({"sql"});
    b.add("PS").cost(15).weeks(3).skills({"python", "sql"});
    const Fixture fx(b);
    SUBCASE("cheapest: one credential teaching both") {
        const Plan plan = fx.plan(fx.request({"T"}));
        check_totals(plan, 15, 5, 2);
        CHECK(timeline(fx, plan) == "PS 0-3, T 3-5");
    }
    SUBCASE("fastest: two short ones in parallel") {
        const Plan plan = fx.plan(fx.request({"T"}, Objective::Weeks));
        check_totals(plan, 20, 3, 3);
        CHECK(timeline(fx, plan) == "P 0-1, S 0-1, T 1-3");
    }
    SUBCASE("no teacher left for a skill") {
        const Plan plan = fx.plan(fx.request({"T"}, Objective::Cost, {}, {"S", "PS"}));
        CHECK_FALSE(plan.feasible);
        CHECK(plan.reason ==
              "cannot reach target T: T requires skill sql, but nothing that teaches it can be added "
              "(S is excluded; PS is excluded)");
    }
}

TEST_CASE("planner: several targets share prerequisites, counted once") {
    CatalogBuilder b;
    b.add("T1").cost(1).rule(ref("X"));
    b.add("T2").cost(1).rule(any_of(refs({"X", "Y"})));
    b.add("X").cost(50).weeks(2);
    b.add("Y").cost(30).weeks(1);
    const Fixture fx(b);
    const Plan alone = fx.plan(fx.request({"T2"}));
    check_totals(alone, 31, 1, 2);
    CHECK(join(fx.steps(alone)) == "Y T2");
    const Plan both = fx.plan(fx.request({"T1", "T2"}));
    check_totals(both, 52, 2, 3);  // X serves both; Y would add 30
    CHECK(join(fx.steps(both)) == "X T1 T2");
    CHECK(join(fx.unlocks(both, "X")) == "T1 T2");
    const Plan repeated = fx.plan(fx.request({"T2", "T1", "T2"}));
    check_totals(repeated, 52, 2, 3);
}

TEST_CASE("planner: an excluded credential forces another route") {
    CatalogBuilder b;
    b.add("T").rule(any_of(refs({"A", "B"})));
    b.add("A").cost(10);
    b.add("B").cost(20);
    const Fixture fx(b);
    check_totals(fx.plan(fx.request({"T"})), 10, 0, 2);
    const Plan plan = fx.plan(fx.request({"T"}, Objective::Cost, {}, {"A"}));
    check_totals(plan, 20, 0, 2);
    CHECK(join(fx.steps(plan)) == "B T");
    const Plan target_excluded = fx.plan(fx.request({"T"}, Objective::Cost, {}, {"T"}));
    CHECK_FALSE(target_excluded.feasible);
    CHECK(target_excluded.reason == "cannot reach target T: T is excluded");
}

TEST_CASE("planner: limits trade cost against weeks") {
    CatalogBuilder b;
    b.add("T").weeks(1).rule(any_of(refs({"Fast", "Slow"})));
    b.add("Fast").cost(100).weeks(2);
    b.add("Slow").cost(40).weeks(10);
    const Fixture fx(b);
    PlanRequest request = fx.request({"T"});
    check_totals(fx.plan(request), 40, 11, 2);
    request.objective = Objective::Weeks;
    check_totals(fx.plan(request), 100, 3, 2);
    SUBCASE("weeks under --max-cost: the slow one") {
        request.max_cost = 50;
        const Plan plan = fx.plan(request);
        check_totals(plan, 40, 11, 2);
        CHECK(join(fx.steps(plan)) == "Slow T");
    }
    SUBCASE("cost under --max-weeks: the fast one") {
        request.objective = Objective::Cost;
        request.max_weeks = 5;
        const Plan plan = fx.plan(request);
        check_totals(plan, 100, 3, 2);
        CHECK(join(fx.steps(plan)) == "Fast T");
    }
    SUBCASE("limits met exactly") {
        request.max_cost = 100;
        request.max_weeks = 3;
        check_totals(fx.plan(request), 100, 3, 2);
    }
    SUBCASE("each limit can be met, not both") {
        request.max_cost = 50;
        request.max_weeks = 5;
        const Plan plan = fx.plan(request);
        CHECK_FALSE(plan.feasible);
        CHECK(plan.reason ==
              "no plan meets both limits: the cheapest plan costs 40 USD but takes 11 weeks (6 over --max-weeks 5); "
              "the fastest plan takes 3 weeks but costs 100 USD (50 over --max-cost 50)");
    }
    SUBCASE("--max-cost below the cheapest plan") {
        request.max_cost = 30;
        const Plan plan = fx.plan(request);
        CHECK_FALSE(plan.feasible);
        CHECK(plan.reason == "no plan meets the limits: the cheapest plan costs 40 USD, 10 over --max-cost 30");
    }
    SUBCASE("--max-weeks below the fastest plan") {
        request.max_weeks = 2.5;
        const Plan plan = fx.plan(request);
        CHECK_FALSE(plan.feasible);
        CHECK(plan.reason == "no plan meets the limits: the fastest plan takes 3 weeks, 0.5 over --max-weeks 2.5");
        CHECK(plan.stats.solver_calls == 0);
    }
    SUBCASE("both limits below") {
        request.max_weeks = 2;
        request.max_cost = 30;
        const Plan plan = fx.plan(request);
        CHECK_FALSE(plan.feasible);
        CHECK(plan.reason ==
              "no plan meets the limits: the fastest plan takes 3 weeks, 1 over --max-weeks 2; "
              "the cheapest plan costs 40 USD, 10 over --max-cost 30");
    }
}

TEST_CASE("planner: weeks run in parallel, not in sequence") {
    CatalogBuilder b;
    b.add("T").weeks(1).rule(any_of(refs({"Long", "Par"})));
    b.add("Long").cost(10).weeks(3).rule(ref("L1"));
    b.add("L1").cost(10).weeks(4);
    b.add("Par").cost(10).weeks(2).rule(all_of(refs({"P1", "P2"})));
    b.add("P1").cost(10).weeks(3);
    b.add("P2").cost(10).weeks(4);
    const Fixture fx(b);
    const Plan weeks = fx.plan(fx.request({"T"}, Objective::Weeks));
    check_totals(weeks, 30, 7, 4);  // summed durations would say 10 and prefer Long (8)
    CHECK(timeline(fx, weeks) == "P1 0-3, P2 0-4, Par 4-6, T 6-7");
    CHECK(join(fx.unlocks(weeks, "P1")) == "Par");
    const Plan cost = fx.plan(fx.request({"T"}, Objective::Cost));
    check_totals(cost, 20, 8, 3);
    CHECK(timeline(fx, cost) == "L1 0-4, Long 4-7, T 7-8");
}

TEST_CASE("planner: ties are broken by weeks, then count, then ids") {
    SUBCASE("equal cost: the faster one, even with an extra free step") {
        CatalogBuilder b;
        b.add("F").cost(5).weeks(10);
        b.add("G").weeks(1);
        b.add("Q").cost(5).weeks(2).rule(any_of(refs({"F", "G"})));
        const Fixture fx(b);
        const Plan plan = fx.plan(fx.request({"F", "Q"}));
        check_totals(plan, 10, 10, 3);  // without G: Q waits for F, 12 weeks
        CHECK(timeline(fx, plan) == "F 0-10, G 0-1, Q 1-3");
    }
    SUBCASE("equal cost and weeks: fewer steps") {
        CatalogBuilder b;
        b.add("T").rule(any_of({ref("A"), all_of(refs({"B", "C"}))}));
        b.add("A");
        b.add("B");
        b.add("C");
        const Fixture fx(b);
        check_totals(fx.plan(fx.request({"T"})), 0, 0, 2);
        CHECK(join(fx.steps(fx.plan(fx.request({"T"})))) == "A T");
    }
    SUBCASE("all equal: alphabetically earlier ids, whatever the catalog order") {
        CatalogBuilder b;
        b.add("t").rule(at_least(2, refs({"d", "c", "b", "a"})));
        b.add("d").cost(1);
        b.add("c").cost(1);
        b.add("b").cost(1);
        b.add("a").cost(1);
        const Fixture fx(b);
        const Plan first = fx.plan(fx.request({"t"}));
        check_totals(first, 2, 0, 3);
        CHECK(join(fx.steps(first)) == "a b t");
        for (int i = 0; i < 3; ++i) CHECK(join(fx.steps(fx.plan(fx.request({"t"})))) == "a b t");
    }
    SUBCASE("equal rank sums: the set with the earliest id") {
        CatalogBuilder b;
        b.add("t").rule(any_of({all_of(refs({"b", "c"})), all_of(refs({"a", "d"}))}));
        b.add("d").cost(1);
        b.add("c").cost(1);
        b.add("b").cost(1);
        b.add("a").cost(1);
        const Fixture fx(b);
        for (Objective objective : {Objective::Cost, Objective::Hours, Objective::Count, Objective::Weeks}) {
            CAPTURE(to_string(objective));
            const Plan plan = fx.plan(fx.request({"t"}, objective));
            check_totals(plan, 2, 0, 3);
            CHECK(join(fx.steps(plan)) == "a d t");
        }
    }
}

TEST_CASE("planner: nested rules") {
    // T needs (A and B) or 2 of {C, D, E}; E needs 3 credits tagged core.
    CatalogBuilder b;
    b.add("T").weeks(1).rule(any_of({all_of(refs({"A", "B"})), at_least(2, refs({"C", "D", "E"}))}));
    b.add("A").cost(30).weeks(1);
    b.add("B").cost(30).weeks(1);
    b.add("C").cost(20).weeks(6);
    b.add("D").cost(25).weeks(2);
    b.add("E").cost(5).weeks(1).rule(credits_tagged(3, {"core"}));
    b.add("K1").cost(4).credits(2).weeks(1).tags({"core"});
    b.add("K2").cost(3).credits(1).weeks(3).tags({"core"});
    b.add("K3").cost(9).credits(3).weeks(1).tags({"core"});
    const Fixture fx(b);
    // Options: A+B 60; C+D 45; C+E+K1+K2 32; D+E+K1+K2 37; C+E+K3 34; D+E+K3 39.
    const Plan cost = fx.plan(fx.request({"T"}));
    check_totals(cost, 32, 7, 5);
    CHECK(fx.chosen(cost) == std::vector<std::string>{"C", "E", "K1", "K2", "T"});
    // Fastest: A+B in parallel, T at 1-2.
    const Plan weeks = fx.plan(fx.request({"T"}, Objective::Weeks));
    check_totals(weeks, 60, 2, 3);
    // Under 4 weeks at most 40: D (0-2) and E after K3 (1-2): T 2-3.
    PlanRequest request = fx.request({"T"});
    request.max_weeks = 4;
    request.max_cost = 40;
    const Plan limited = fx.plan(request);
    check_totals(limited, 39, 3, 4);
    CHECK(timeline(fx, limited) == "D 0-2, K3 0-1, E 1-2, T 2-3");
}

TEST_CASE("planner: several unreachable targets are all explained") {
    CatalogBuilder b;
    b.add("T1").rule(ref("M"));
    b.add("T2").rule(any_of(refs({"M", "N"})));
    b.add("M").rule(ref("Z"));
    b.add("N");
    b.add("Z");
    const Fixture fx(b);
    const Plan plan = fx.plan(fx.request({"T1", "T2"}, Objective::Cost, {}, {"Z"}));
    CHECK_FALSE(plan.feasible);
    CHECK(plan.reason == "cannot reach target T1: T1 requires M, which requires Z, which is excluded");
    const Plan other = fx.plan(fx.request({"T2"}, Objective::Cost, {}, {"Z"}));
    check_totals(other, 0, 0, 2);
    CHECK(join(fx.steps(other)) == "N T2");
}

TEST_CASE("planner: evaluate_plan schedules a given set") {
    const Fixture fx = worked_example();
    const Plan plan = evaluate_plan(fx.catalog, fx.graph, {}, fx.indices({"Q", "B", "X", "A"}), std::nullopt);
    CHECK(plan.feasible);
    CHECK_FALSE(plan.optimal);
    CHECK(timeline(fx, plan) == "X 0-4, A 4-6, B 4-7, Q 7-7");
    CHECK(plan.totals.cost == doctest::Approx(120));
    const Plan invalid = evaluate_plan(fx.catalog, fx.graph, {}, fx.indices({"A", "Q"}), std::nullopt);
    CHECK_FALSE(invalid.feasible);
    CHECK(invalid.reason == "the requirements of A are not met");
    const Plan with_held = evaluate_plan(fx.catalog, fx.graph, fx.indices({"X"}), fx.indices({"A", "C", "Q", "X"}), std::nullopt);
    CHECK(with_held.feasible);
    CHECK(timeline(fx, with_held) == "A 0-2, C 0-1, Q 2-2");
}

TEST_CASE("planner: objective names") {
    CHECK(to_string(Objective::Weeks) == "weeks");
    CHECK(objective_from_string("hours") == Objective::Hours);
    CHECK_FALSE(objective_from_string("speed").has_value());
}

TEST_CASE("planner: ties among many open choices go through uniqueness and idlex blocks") {
    // 44 open columns: too many for one exact tie-break objective, so count and
    // idkey are solved first, then the tie {a, d} / {b, c} (same count, same
    // rank sum) is found by the no-good check and settled by idlex blocks
    // (weeks first). Cheapest first, the relaxation's reduced costs rule out
    // every z, and the four left are tried as subsets: one solve.
    CatalogBuilder b;
    std::vector<Rule> options{all_of(refs({"b", "c"})), all_of(refs({"a", "d"}))};
    for (int i = 0; i < 40; ++i) {
        const std::string id = (i < 10 ? "z0" : "z") + std::to_string(i);
        b.add(id).cost(5).weeks(1);
        options.push_back(ref(id));
    }
    b.add("t").rule(any_of(std::move(options)));
    for (std::string id : {"d", "c", "b", "a"}) b.add(id).cost(1).weeks(1);
    const Fixture fx(b);
    for (Objective objective : {Objective::Cost, Objective::Count, Objective::Weeks}) {
        CAPTURE(to_string(objective));
        const Plan plan = fx.plan(fx.request({"t"}, objective));
        if (objective == Objective::Count) {
            check_totals(plan, 5, 1, 2);  // one z step beats two steps
            CHECK(join(fx.steps(plan)) == "z00 t");
            continue;
        }
        check_totals(plan, 2, 1, 3);
        CHECK(join(fx.steps(plan)) == "a d t");
        if (objective == Objective::Cost) CHECK(plan.stats.solver_calls == 1);
        else CHECK(plan.stats.solver_calls >= 3);
    }
}

TEST_CASE("planner: an integral relaxation with positive reduced costs settles the plan in one solve") {
    // One cheapest way, strictly: the relaxation is integral and every other
    // credential costs more at the margin, so no tie list is needed.
    CatalogBuilder b;
    b.add("t").rule(any_of({ref("a"), ref("b"), all_of(refs({"c", "d"}))}));
    b.add("a").cost(3).weeks(2);
    b.add("b").cost(5).weeks(1);
    b.add("c").cost(2).weeks(1);
    b.add("d").cost(2).weeks(1);
    const Fixture fx(b);
    const Plan plan = fx.plan(fx.request({"t"}));
    check_totals(plan, 3, 2, 2);
    CHECK(join(fx.steps(plan)) == "a t");
    CHECK(plan.optimal);
    CHECK(plan.stats.solver_calls == 1);
}

TEST_CASE("planner: many sums tie but few sets are plans: the tie list stays without the solver") {
    // T takes any of 20 pairs, every credential costing 1: 780 pairs of
    // credentials cost the optimum 2, only the 20 pairs T names are plans.
    // The search over sums alone gives up (over 256), the one that leaves a
    // branch once T can no longer finish lists the 20: one solve in all.
    CatalogBuilder b;
    std::vector<Rule> pairs;
    for (int i = 0; i < 20; ++i) {
        const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
        b.add("u" + n).cost(1).weeks(1);
        b.add("v" + n).cost(1).weeks(1);
        pairs.push_back(all_of(refs({"u" + n, "v" + n})));
    }
    b.add("t").rule(any_of(std::move(pairs)));
    const Fixture fx(b);
    const Plan plan = fx.plan(fx.request({"t"}));
    CHECK(plan.optimal);
    check_totals(plan, 2, 1, 3);
    CHECK(join(fx.chosen(plan)) == "t u00 v00");  // the smallest ids of the tied plans
    CHECK(plan.stats.solver_calls == 1);
}

TEST_CASE("planner: a relaxed plan that misses the weeks cap is cut off, not solved with the timed model") {
    // s is shared: x's chain is tight (x takes 18 weeks after a), l's is loose
    // (m takes 20). The cheap way to s (through p, 10 weeks) survives the
    // deadlines because l could wait for it, but x cannot: the relaxation picks
    // p, its schedule misses the fastest finish, and the cut "something beyond
    // the slow set" (here: q) leads to the plan without the timed model.
    CatalogBuilder b;
    b.add("p").cost(1).weeks(10);
    b.add("q").cost(10).weeks(1);
    b.add("s").cost(1).weeks(1).rule(any_of(refs({"p", "q"})));
    b.add("a").cost(1).weeks(1).rule(ref("s"));
    b.add("x").cost(1).weeks(18).rule(ref("a"));
    b.add("m").cost(1).weeks(20);
    b.add("l").cost(1).weeks(1).rule(all_of(refs({"m", "s"})));
    b.add("t").weeks(1).rule(all_of(refs({"x", "l"})));
    const Fixture fx(b);
    PlanRequest request = fx.request({"t"}, Objective::Weeks);
    const Plan relaxed = fx.plan(request);
    request.relax_weeks = false;
    const Plan timed = fx.plan(request);
    for (const Plan* plan : {&relaxed, &timed}) {
        CHECK(plan->optimal);
        check_totals(*plan, 15, 22, 7);
        CHECK(join(fx.chosen(*plan)) == "a l m q s t x");
    }
    // The relaxation has no start or finish columns: fewer variables.
    CHECK(relaxed.stats.variables < timed.stats.variables);
    // Without the id tie-breaks (options' fastest plans) cost and count are one stage.
    request.relax_weeks = true;
    request.settle_ties = false;
    const Plan loose = fx.plan(request);
    check_totals(loose, 15, 22, 7);
    CHECK(loose.stats.variables < timed.stats.variables);
}

TEST_CASE("planner: the weeks tie-break asks for a faster plan under finish caps, without the timed model") {
    // Hours tie everywhere, cost ties between a and b; c is fastest but
    // dearer. Weeks come third: the stage asks "any plan as good on hours and
    // cost that finishes before the best one?" as a finish cap just below
    // its weeks, which relax and check answers with the untimed model.
    CatalogBuilder b;
    b.add("a").cost(5).weeks(6).hours(10);
    b.add("b").cost(5).weeks(4).hours(10);
    b.add("c").cost(9).weeks(1).hours(10);
    b.add("t").weeks(1).rule(any_of(refs({"a", "b", "c"})));
    const Fixture fx(b);
    PlanRequest request = fx.request({"t"}, Objective::Hours);
    request.settle_ties = false;  // no tie list after the first key: the stages decide
    const Plan asked = fx.plan(request);
    request.relax_weeks = false;
    const Plan timed = fx.plan(request);
    for (const Plan* plan : {&asked, &timed}) {
        check_totals(*plan, 5, 5, 2);
        CHECK(join(fx.steps(*plan)) == "b t");
    }
    CHECK(asked.stats.variables < timed.stats.variables);
}

TEST_CASE("planner: without the id tie-breaks, cost and count are settled together") {
    // Fastest first; then {u} and {v, w} cost the same: the merged objective
    // (cost in units times more than any count, plus the count) takes the
    // single step in the same solve.
    CatalogBuilder b;
    b.add("t").weeks(1).rule(any_of({ref("u"), all_of(refs({"v", "w"})), ref("z")}));
    b.add("u").cost(4).weeks(2);
    b.add("v").cost(2).weeks(1);
    b.add("w").cost(2).weeks(2);
    b.add("z").cost(9).weeks(2);
    const Fixture fx(b);
    PlanRequest request = fx.request({"t"}, Objective::Weeks);
    request.settle_ties = false;
    const Plan plan = fx.plan(request);
    CHECK(plan.optimal);
    check_totals(plan, 4, 3, 2);
    CHECK(join(fx.steps(plan)) == "u t");
    CHECK(plan.stats.solver_calls == 1);
}

TEST_CASE("planner: a time limit gives a plan that is not claimed optimal") {
    // A large catalog (about 1900 credentials, broad tag and skill rules) and
    // the shortest time limit: the solver cannot prove anything in time.
    std::mt19937 rng(11);
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    CatalogBuilder b;
    std::vector<std::string> courses, certs;
    for (int i = 0; i < 1500; ++i) {
        courses.push_back("course-" + std::to_string(i));
        auto entry = b.add(courses.back());
        entry.cost(pick(1, 20) * 50).hours(pick(10, 80)).weeks(pick(2, 12)).credits(pick(1, 6));
        entry.tags({"tag" + std::to_string(pick(0, 39))});
        entry.skills({"skill" + std::to_string(pick(0, 199)), "skill" + std::to_string(pick(0, 199))});
        if (i > 50 && pick(0, 9) < 4) entry.rule(any_of(refs({courses[pick(0, i - 1)], courses[pick(0, i - 1)]})));
    }
    for (int i = 0; i < 300; ++i) {
        certs.push_back("cert-" + std::to_string(i));
        auto entry = b.add(certs.back());
        entry.cost(pick(0, 4) * 100).weeks(pick(0, 2)).credits(pick(5, 15)).tags({"certs"});
        if (i % 2 == 0) {
            std::vector<Rule> parts;
            for (int k = 0; k < 6; ++k) parts.push_back(ref(courses[pick(0, 1499)]));
            entry.rule(at_least(3, std::move(parts)));
        } else {
            entry.rule(credits_tagged(pick(6, 20), {"tag" + std::to_string(pick(0, 39)), "tag" + std::to_string(pick(0, 39))}));
        }
    }
    b.add("diploma").cost(500).weeks(2).rule(all_of(
        {at_least(2, refs({certs[1], certs[2], certs[3], certs[4]})), credits_tagged(30, {"certs"}),
         skills({"skill1", "skill2", "skill3"})}));
    const Fixture fx(b);
    PlanRequest request = fx.request({"diploma"}, Objective::Hours);
    request.time_limit_seconds = 0.01;
    const Plan plan = fx.plan(request);
    CHECK(plan.stats.cone_size > 1000);
    CHECK(plan.feasible);  // at worst the earliest-finish plan presolve knows
    CHECK_FALSE(plan.optimal);
    const Plan again = evaluate_plan(fx.catalog, fx.graph, {}, fx.indices(fx.steps(plan)), std::nullopt);
    CHECK(again.feasible);
    CHECK(again.totals.hours == doctest::Approx(plan.totals.hours));
    CHECK(again.totals.weeks == doctest::Approx(plan.totals.weeks));
}

TEST_CASE("planner: a long explanation is shortened and ends with the root causes") {
    // T needs, for each k, A_k or B_k; every A_k leads to X and every B_k to Y,
    // both excluded: the full tree explanation would be far too long.
    CatalogBuilder b;
    b.add("X");
    b.add("Y");
    std::vector<Rule> parts;
    for (int k = 0; k < 6; ++k) {
        const std::string n = std::to_string(k);
        b.add("M" + n).rule(ref("X"));
        b.add("N" + n).rule(ref("Y"));
        b.add("A" + n).rule(ref("M" + n));
        b.add("B" + n).rule(ref("N" + n));
        parts.push_back(any_of(refs({"A" + n, "B" + n})));
    }
    b.add("T").rule(all_of(std::move(parts)));
    const Fixture fx(b);
    const Plan plan = fx.plan(fx.request({"T"}, Objective::Cost, {}, {"X", "Y"}));
    CHECK_FALSE(plan.feasible);
    CAPTURE(plan.reason);
    CHECK(plan.reason.rfind("cannot reach target T: T requires one of A0, B0, but none can be reached", 0) == 0);
    CHECK(plan.reason.size() < 600);
    const std::string tail = "; root causes: excluded X, Y";
    CHECK(plan.reason.size() > tail.size());
    CHECK(plan.reason.compare(plan.reason.size() - tail.size(), tail.size(), tail) == 0);
}

// ---- goal rules ----

namespace {

PlanRequest goal_request(const Fixture& fx, std::vector<GoalRule> goals, const std::vector<std::string>& held = {},
                         const std::vector<std::string>& excluded = {}) {
    PlanRequest request = fx.request({}, Objective::Cost, held, excluded);
    request.goals = std::move(goals);
    return request;
}

const Rule& rule_of(const Fixture& fx, std::string_view id) { return *fx.catalog.credentials[fx.index(id)].rule; }

}  // namespace

TEST_CASE("planner goals: a credential's rule owned by it, without the credential") {
    const Fixture fx = worked_example();
    const Rule& q_rule = rule_of(fx, "Q");
    SUBCASE("the route to Q without Q") {
        const Plan plan = fx.plan(goal_request(fx, {{&q_rule, fx.index("Q")}}));
        check_totals(plan, 120, 7, 3);
        CHECK(timeline(fx, plan) == "X 0-4, A 4-6, B 4-7");
        CHECK(plan.stats.cone_size == 4);  // X, A, B, C: Q is no source of its own rule
    }
    SUBCASE("A held: one more of B or C") {
        const Plan plan = fx.plan(goal_request(fx, {{&q_rule, fx.index("Q")}}, {"A"}));
        check_totals(plan, 110, 7, 2);
        CHECK(join(fx.steps(plan)) == "X B");
    }
    SUBCASE("one part of the rule") {
        const Plan plan = fx.plan(goal_request(fx, {{&q_rule.children[2], fx.index("Q")}}));
        check_totals(plan, 150, 1, 1);
        CHECK(join(fx.steps(plan)) == "C");
    }
    SUBCASE("already met by the held credentials") {
        const Plan plan = fx.plan(goal_request(fx, {{&q_rule, fx.index("Q")}}, {"A", "C"}));
        check_totals(plan, 0, 0, 0);
        CHECK(plan.stats.solver_calls == 0);
    }
    SUBCASE("with a target: both must hold, shared steps count once") {
        PlanRequest request = goal_request(fx, {{&q_rule, fx.index("Q")}});
        request.targets = fx.indices({"C"});
        check_totals(fx.plan(request), 260, 6, 3);  // C and X A: cheaper than C and X A B
    }
    SUBCASE("the owner is never added, even for a target") {
        PlanRequest request = goal_request(fx, {{&q_rule.children[0], fx.index("Q")}});
        request.targets = fx.indices({"Q"});
        const Plan plan = fx.plan(request);
        CHECK_FALSE(plan.feasible);
        CHECK(plan.reason == "cannot reach target Q: Q is excluded");
    }
}

TEST_CASE("planner goals: skills, with and without an owner") {
    CatalogBuilder b;
    b.add("T").weeks(2).skills({"python"}).rule(skills({"python", "sql"}));
    b.add("P").cost(10).weeks(1).skills({"python"});
    b.add("S").cost(10).weeks(1).skills({"sql"});
    b.add("PS").cost(15).weeks(3).skills({"python", "sql"});
    b.add("U").cost(1).weeks(1).skills({"python"}).rule(skills({"sql"}));
    const Fixture fx(b);
    const Rule python = skills({"python"});
    const Rule python_sql = skills({"python", "sql"});
    SUBCASE("owned by T: T's own python does not count") {
        const Plan plan = fx.plan(goal_request(fx, {{&python, fx.index("T")}}));
        check_totals(plan, 10, 1, 1);
        CHECK(join(fx.steps(plan)) == "P");
    }
    SUBCASE("a teacher with a rule of its own; as the owner it is not a teacher") {
        const Plan plan = fx.plan(goal_request(fx, {{&python, std::nullopt}}, {}, {"P"}));
        check_totals(plan, 11, 2, 2);
        CHECK(timeline(fx, plan) == "S 0-1, U 1-2");
        const Plan owned = fx.plan(goal_request(fx, {{&python, fx.index("U")}}, {}, {"P"}));
        check_totals(owned, 15, 3, 1);
        CHECK(join(fx.steps(owned)) == "PS");
    }
    SUBCASE("plan --skills python,sql: cheapest and fastest") {
        const Plan cheap = fx.plan(goal_request(fx, {{&python_sql, std::nullopt}}));
        check_totals(cheap, 11, 2, 2);
        CHECK(timeline(fx, cheap) == "S 0-1, U 1-2");
        PlanRequest request = goal_request(fx, {{&python_sql, std::nullopt}});
        request.objective = Objective::Weeks;
        const Plan fast = fx.plan(request);
        check_totals(fast, 20, 1, 2);
        CHECK(timeline(fx, fast) == "P 0-1, S 0-1");
    }
    SUBCASE("a skill nobody teaches") {
        const Rule rust = skills({"python", "rust"});
        const Plan plan = fx.plan(goal_request(fx, {{&rust, std::nullopt}}));
        CHECK_FALSE(plan.feasible);
        CHECK(plan.reason == "cannot meet goal: skills python, rust needs skill rust, which no credential teaches");
    }
    SUBCASE("every teacher excluded") {
        const Plan plan = fx.plan(goal_request(fx, {{&python_sql, std::nullopt}}, {}, {"S", "PS"}));
        CHECK_FALSE(plan.feasible);
        CHECK(plan.reason ==
              "cannot meet goal: skills python, sql needs skill sql, but nothing that teaches it can be added "
              "(S is excluded; PS is excluded)");
    }
}

TEST_CASE("planner goals: credits tagged, the owner does not count") {
    CatalogBuilder b;
    b.add("T").tags({"data"}).credits(10).rule(credits_tagged(4, {"data"}));
    b.add("A").tags({"data"}).credits(2).cost(5);
    b.add("B").tags({"data"}).credits(2).cost(5);
    b.add("C").tags({"data"}).credits(4).cost(12);
    const Fixture fx(b);
    const Plan plan = fx.plan(goal_request(fx, {{&rule_of(fx, "T"), fx.index("T")}}, {"T"}));
    check_totals(plan, 10, 0, 2);  // the held T's 10 credits do not count for its own rule
    CHECK(join(fx.steps(plan)) == "A B");
    const Plan without_owner = fx.plan(goal_request(fx, {{&rule_of(fx, "T"), std::nullopt}}, {"T"}));
    check_totals(without_owner, 0, 0, 0);
}

TEST_CASE("planner goals: input errors") {
    const Fixture fx = worked_example();
    Plan plan = fx.plan(fx.request({}));
    CHECK_FALSE(plan.feasible);
    CHECK(plan.reason == "nothing to plan: no target and no goal");
    plan = fx.plan(goal_request(fx, {{nullptr, std::nullopt}}));
    CHECK_FALSE(plan.feasible);
    CHECK(plan.reason == "a goal has no rule");
    plan = fx.plan(goal_request(fx, {{&rule_of(fx, "Q"), 99}}));
    CHECK_FALSE(plan.feasible);
    CHECK(plan.reason == "unknown goal owner (index 99)");
    const Rule missing = ref("nowhere");
    plan = fx.plan(goal_request(fx, {{&missing, std::nullopt}}));
    CHECK_FALSE(plan.feasible);
    CHECK(plan.reason == "cannot meet goal: nowhere needs nowhere, which is not in the catalog");
}

// ---- alternatives ----

namespace {

// T needs 2 of A, B, C, D; A and B share the dear X. By branch, A or B costs
// 180 and C, D 90 and 95, so the second plan would be C and A (270); sharing X
// makes A and B together 190.
Fixture shared_routes() {
    CatalogBuilder b;
    b.add("T").rule(at_least(2, refs({"A", "B", "C", "D"})));
    b.add("X").cost(170).weeks(2);
    b.add("A").cost(10).weeks(1).rule(ref("X"));
    b.add("B").cost(10).weeks(1).rule(ref("X"));
    b.add("C").cost(90).weeks(4);
    b.add("D").cost(95).weeks(4);
    return Fixture(b);
}

std::vector<std::string> routes(const Fixture& fx, const std::vector<Plan>& plans) {
    std::vector<std::string> result;
    for (const Plan& plan : plans) result.push_back(join(fx.chosen(plan)));
    return result;
}

}  // namespace

TEST_CASE("planner alternatives: a shared prerequisite makes the second route cheaper than its branches") {
    const Fixture fx = shared_routes();
    const PlanRequest request = fx.request({"T"});
    const std::vector<Plan> plans = make_alternatives(fx.catalog, fx.graph, request, 10);
    // Every other set adds to one of these six.
    CHECK(routes(fx, plans) ==
          std::vector<std::string>{"C D T", "A B T X", "A C T X", "B C T X", "A D T X", "B D T X"});
    std::vector<double> costs;
    for (const Plan& plan : plans) {
        CHECK(plan.feasible);
        CHECK(plan.optimal);
        costs.push_back(plan.totals.cost);
    }
    CHECK(costs == std::vector<double>{185, 190, 270, 270, 275, 275});
    CHECK(plans[1].totals.weeks == doctest::Approx(3));
    CHECK(plans[2].totals.weeks == doctest::Approx(4));  // A C and B C tie on cost and weeks: ids decide

    SUBCASE("the first is make_plan's plan; k limits the list") {
        const std::vector<Plan> two = make_alternatives(fx.catalog, fx.graph, request, 2);
        REQUIRE(two.size() == 2);
        CHECK(timeline(fx, two[0]) == timeline(fx, fx.plan(request)));
        CHECK(routes(fx, two) == std::vector<std::string>{"C D T", "A B T X"});
        CHECK(make_alternatives(fx.catalog, fx.graph, request, 0).empty());
    }
    SUBCASE("in the weeks order") {
        const std::vector<Plan> fast = make_alternatives(fx.catalog, fx.graph, fx.request({"T"}, Objective::Weeks), 3);
        CHECK(routes(fx, fast) == std::vector<std::string>{"A B T X", "C D T", "A C T X"});
    }
    SUBCASE("under a cost limit") {
        PlanRequest limited = request;
        limited.max_cost = 272;
        CHECK(routes(fx, make_alternatives(fx.catalog, fx.graph, limited, 10)) ==
              std::vector<std::string>{"C D T", "A B T X", "A C T X", "B C T X"});
    }
    SUBCASE("X excluded: one route left") {
        const std::vector<Plan> one =
            make_alternatives(fx.catalog, fx.graph, fx.request({"T"}, Objective::Cost, {}, {"X"}), 5);
        CHECK(routes(fx, one) == std::vector<std::string>{"C D T"});
    }
}

TEST_CASE("planner alternatives: nothing to add, or no plan at all") {
    const Fixture fx = shared_routes();
    const std::vector<Plan> held = make_alternatives(fx.catalog, fx.graph, fx.request({"T"}, Objective::Cost, {"T"}), 3);
    REQUIRE(held.size() == 1);
    check_totals(held[0], 0, 0, 0);
    PlanRequest limited = fx.request({"T"});
    limited.max_cost = 100;
    const std::vector<Plan> none = make_alternatives(fx.catalog, fx.graph, limited, 3);
    REQUIRE(none.size() == 1);
    CHECK_FALSE(none[0].feasible);
    CHECK(none[0].reason == fx.plan(limited).reason);
    // Only one sensible plan (no choice): no alternative without the solver.
    const Fixture chain = worked_example();
    const std::vector<Plan> single =
        make_alternatives(chain.catalog, chain.graph, chain.request({"A"}), 3);
    REQUIRE(single.size() == 1);
    CHECK(join(chain.steps(single[0])) == "X A");
}

// ---- the cost-time frontier ----

namespace {

std::vector<std::pair<double, double>> points(const std::vector<Plan>& plans) {
    std::vector<std::pair<double, double>> result;
    for (const Plan& plan : plans) {
        CHECK(plan.feasible);
        CHECK(plan.optimal);
        result.emplace_back(plan.totals.cost, plan.totals.weeks);
    }
    return result;
}

using Points = std::vector<std::pair<double, double>>;

}  // namespace

TEST_CASE("planner frontier: the cheap route is slow, the fast one dear") {
    CatalogBuilder b;
    b.add("T").rule(any_of(refs({"Slow", "Mid", "Fast", "Dominated"})));
    b.add("Slow").cost(10).weeks(12);
    b.add("Mid").cost(50).weeks(6);
    b.add("Fast").cost(200).weeks(2);
    b.add("Dominated").cost(60).weeks(8);  // dearer and slower than Mid
    const Fixture fx(b);
    PlanRequest request = fx.request({"T"}, Objective::Weeks);  // the objective does not matter
    const std::vector<Plan> frontier = make_pareto(fx.catalog, fx.graph, request);
    CHECK(points(frontier) == Points{{10, 12}, {50, 6}, {200, 2}});
    REQUIRE(frontier.size() == 3);
    CHECK(routes(fx, frontier) == std::vector<std::string>{"Slow T", "Mid T", "Fast T"});
    SUBCASE("limits cut the frontier") {
        PlanRequest cheap = request;
        cheap.max_cost = 100;
        CHECK(points(make_pareto(fx.catalog, fx.graph, cheap)) == Points{{10, 12}, {50, 6}});
        PlanRequest quick = request;
        quick.max_weeks = 10;
        CHECK(points(make_pareto(fx.catalog, fx.graph, quick)) == Points{{50, 6}, {200, 2}});
        PlanRequest none = request;
        none.max_cost = 5;
        const std::vector<Plan> nothing = make_pareto(fx.catalog, fx.graph, none);
        REQUIRE(nothing.size() == 1);
        CHECK_FALSE(nothing[0].feasible);
        CHECK(nothing[0].reason == "no plan meets the limits: the cheapest plan costs 10 USD, 5 over --max-cost 5");
    }
}

TEST_CASE("planner frontier: in parallel branches only the critical one is worth speeding up") {
    CatalogBuilder b;
    b.add("T").rule(all_of({any_of(refs({"S1", "F1"})), any_of(refs({"S2", "F2"}))}));
    b.add("S1").cost(1).weeks(10);
    b.add("F1").cost(5).weeks(2);
    b.add("S2").cost(1).weeks(6);
    b.add("F2").cost(3).weeks(1);
    const Fixture fx(b);
    const std::vector<Plan> frontier = make_pareto(fx.catalog, fx.graph, fx.request({"T"}));
    // S1 F2 (4, 10) is dominated by S1 S2.
    CHECK(points(frontier) == Points{{2, 10}, {6, 6}, {8, 2}});
    CHECK(routes(fx, frontier) == std::vector<std::string>{"S1 S2 T", "F1 S2 T", "F1 F2 T"});
}

TEST_CASE("planner: weeks_below is strict, with the tolerance") {
    CatalogBuilder b;
    b.add("T").weeks(1).rule(any_of(refs({"Fast", "Slow"})));
    b.add("Fast").cost(100).weeks(2);
    b.add("Slow").cost(40).weeks(10);
    const Fixture fx(b);
    PlanRequest request = fx.request({"T"});
    request.weeks_below = 11;
    check_totals(fx.plan(request), 100, 3, 2);
    request.weeks_below = 11 * (1 + 0.5e-9);  // within the tolerance of 11: still not below it
    check_totals(fx.plan(request), 100, 3, 2);
    request.weeks_below = 11.001;
    check_totals(fx.plan(request), 40, 11, 2);
    request.weeks_below = 3;
    const Plan none = fx.plan(request);
    CHECK_FALSE(none.feasible);
    CHECK(none.reason == "no plan meets the limits: the fastest plan takes 3 weeks, not fewer than 3");
    request.weeks_below = 4;
    request.max_cost = 50;
    const Plan both = fx.plan(request);
    CHECK_FALSE(both.feasible);
    CHECK(both.reason == "no plan meets the limits: every plan taking fewer than 4 weeks costs more than --max-cost 50");
}

TEST_CASE("planner frontier: fractional weeks, sums equal up to rounding") {
    // A then B finish at 0.1 + 0.2 = 0.30000000000000004 weeks: the same week
    // as Q's 0.3 within the tolerance, so Q (dearer) is dominated.
    CatalogBuilder b;
    b.add("T").rule(any_of(refs({"P", "Q", "R"})));
    b.add("A").cost(0.5).weeks(0.1);
    b.add("B").cost(0.5).weeks(0.2).rule(ref("A"));
    b.add("P").rule(ref("B"));
    b.add("Q").cost(2).weeks(0.3);
    b.add("R").cost(3).weeks(0.25);
    const Fixture fx(b);
    const std::vector<Plan> frontier = make_pareto(fx.catalog, fx.graph, fx.request({"T"}));
    REQUIRE(frontier.size() == 2);
    CHECK(routes(fx, frontier) == std::vector<std::string>{"A B P T", "R T"});
    CHECK(frontier[0].totals.weeks == doctest::Approx(0.3));
    CHECK(frontier[1].totals.weeks == doctest::Approx(0.25));
    CHECK(frontier[1].optimal);
}

TEST_CASE("planner frontier: weeks finer than a millionth are not claimed exact below the first point") {
    CatalogBuilder b;
    b.add("T").rule(any_of(refs({"Slow", "Fast"})));
    b.add("Slow").cost(1).weeks(1.1234567);
    b.add("Fast").cost(5).weeks(0.1234567);
    const Fixture fx(b);
    const std::vector<Plan> frontier = make_pareto(fx.catalog, fx.graph, fx.request({"T"}));
    REQUIRE(frontier.size() == 2);  // the fastest plan ends the sweep without the solver
    CHECK(routes(fx, frontier) == std::vector<std::string>{"Slow T", "Fast T"});
    CHECK(frontier[0].optimal);
    CHECK(frontier[1].feasible);
    CHECK_FALSE(frontier[1].optimal);
}

TEST_CASE("earliest_finish is the weeks of every credential's fastest plan") {
    const CheckedCatalog checked = check_catalog(load_catalog({std::string(CREDPATH_SOURCE_DIR) + "/catalogs"}));
    REQUIRE(checked.ok());
    const auto& catalog = checked.catalog;
    const std::vector<double> earliest = earliest_finish(catalog, checked.graph, {}, {}, std::nullopt);
    REQUIRE(earliest.size() == catalog.credentials.size());
    for (std::uint32_t i = 0; i < catalog.credentials.size(); i += 3) {
        PlanRequest request;
        request.targets = {i};
        request.objective = Objective::Weeks;
        const Plan plan = make_plan(catalog, checked.graph, request);
        INFO(catalog.credentials[i].id);
        REQUIRE(plan.feasible);
        CHECK(plan.totals.weeks == doctest::Approx(earliest[i]));
    }
    // Held: week 0; excluded: no way, and what needs it waits or is blocked.
    const auto held = *catalog.find("dai-cert-ml");
    CHECK(earliest_finish(catalog, checked.graph, {held}, {}, std::nullopt)[held] == 0);
    const auto course = *catalog.find("dai-py-basics");
    CHECK(std::isinf(earliest_finish(catalog, checked.graph, {}, {course}, std::nullopt)[course]));
}
