// The planning layer's one entry point (src/plan/answer.cpp): the optimal plan
// of a resolved request, its schedule under a weekly capacity and the
// re-planning that capacity may call for, and the sets of several plans.
#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "credpath/load/check.hpp"
#include "credpath/plan/answer.hpp"
#include "credpath/plan/resolve.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {

// Two ways to the certificate `goal`, and two to `other`, with the sets worked
// out by hand:
//   goal, minimize weeks:  fast + goal  1 week,  500 USD, 100 hours
//   goal, minimize hours:  slow + goal  4 weeks, 100 USD,   8 hours
//   other, minimize cost:  heavy + other 1 week, 10 USD, 100 hours
//   skills [sql]:          sql-badge    1 week,   30 USD,   5 hours
// Under a weekly capacity h, fast (100 hours in 1 week) is stretched to
// ceil(100 / h) weeks while slow (2 hours a week) keeps its 4.
CheckedCatalog answer_catalog() {
    CheckedCatalog c = check_catalog(load_catalog_text(test::catalog(
        R"(  - {id: fast, title: Fast, cost: 500, weeks: 1, hours: 100}
  - {id: slow, title: Slow, cost: 100, weeks: 4, hours: 8}
  - {id: goal, title: Goal, kind: certificate, requires: {any: [fast, slow]}}
  - {id: heavy, title: Heavy, cost: 10, weeks: 1, hours: 100}
  - {id: light, title: Light, cost: 90, weeks: 3, hours: 6}
  - {id: other, title: Other, kind: certificate, requires: {any: [heavy, light]}}
  - {id: sql-badge, title: SQL badge, kind: badge, cost: 30, weeks: 1, hours: 5, skills: [sql]}
)"),
                                                       "answer.yaml"));
    REQUIRE(c.ok());
    return c;
}

ResolveContext context() {
    ResolveContext options;
    options.today = Date{2027, 1, 4};
    return options;
}

Request ask(std::vector<std::string> targets, std::optional<Objective> objective = std::nullopt,
            std::optional<double> hours_per_week = std::nullopt) {
    Request request;
    request.targets = std::move(targets);
    request.objective = objective;
    request.hours_per_week = hours_per_week;
    return request;
}

ResolvedRequest resolved(const CheckedCatalog& c, const Request& request) {
    return resolve_request_line(c.catalog, request, context());
}

std::vector<std::string> step_ids(const Catalog& catalog, const Plan& plan) {
    std::vector<std::string> ids;
    for (const PlanStep& step : plan.steps) ids.push_back(catalog.credentials[step.credential].id);
    return ids;
}

std::vector<std::string> scheduled_ids(const Catalog& catalog, const CapacitySchedule& schedule) {
    std::vector<std::string> ids;
    for (const ScheduledStep& step : schedule.steps) ids.push_back(catalog.credentials[step.credential].id);
    return ids;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("answer: without a capacity the plan is make_plan's, with no schedule and no calendar") {
    const CheckedCatalog c = answer_catalog();
    for (const Objective objective : {Objective::Cost, Objective::Hours, Objective::Count, Objective::Weeks}) {
        CAPTURE(to_string(objective));
        const ResolvedRequest request = resolved(c, ask({"goal"}, objective));
        const PlanAnswer answer = answer_plan(c.catalog, c.graph, request);
        const Plan expected = make_plan(c.catalog, c.graph, request.plan_request());
        CHECK(answer.plan.feasible == expected.feasible);
        CHECK(answer.plan.optimal == expected.optimal);
        CHECK(step_ids(c.catalog, answer.plan) == step_ids(c.catalog, expected));
        CHECK(answer.plan.totals.cost == expected.totals.cost);
        CHECK(answer.plan.totals.weeks == expected.totals.weeks);
        CHECK(answer.plan.totals.hours == expected.totals.hours);
        CHECK_FALSE(answer.schedule);
        CHECK_FALSE(answer.start);
        CHECK(answer.schedule_note.empty());
        CHECK(answer.request.targets == std::vector<std::uint32_t>{*c.catalog.find("goal")});
        CHECK(answer.request.objective == objective);
        CHECK(answer.request.goals.empty());
        CHECK_FALSE(answer.skills_goal);
    }
    // The sets themselves, by hand.
    const PlanAnswer cost = answer_plan(c.catalog, c.graph, resolved(c, ask({"goal"})));
    CHECK(step_ids(c.catalog, cost.plan) == Ids{"slow", "goal"});
    CHECK(cost.plan.optimal);
    CHECK(cost.plan.totals.cost == 100);
    const PlanAnswer weeks = answer_plan(c.catalog, c.graph, resolved(c, ask({"goal"}, Objective::Weeks)));
    CHECK(step_ids(c.catalog, weeks.plan) == Ids{"fast", "goal"});
    CHECK(weeks.plan.optimal);
    CHECK(weeks.plan.totals.weeks == 1);
}

TEST_CASE("answer: with hours_per_week the plan gets its capacity schedule") {
    const CheckedCatalog c = answer_catalog();
    // Cost: slow + goal, 8 hours over 4 weeks, 2 a week.
    const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, ask({"goal"}, std::nullopt, 10)));
    REQUIRE(answer.plan.feasible);
    CHECK(step_ids(c.catalog, answer.plan) == Ids{"slow", "goal"});
    CHECK(answer.plan.optimal);
    REQUIRE(answer.schedule);
    CHECK(answer.schedule->hours_per_week == 10);
    CHECK(scheduled_ids(c.catalog, *answer.schedule) == Ids{"slow", "goal"});
    CHECK(answer.schedule->weeks == 4);
    CHECK(answer.schedule->steps[0].start_week == 0);
    CHECK(answer.schedule->steps[0].finish_week == 4);
    CHECK(answer.schedule->steps[0].load == doctest::Approx(2));
    CHECK(answer.schedule->steps[1].start_week == 4);
    CHECK(answer.schedule->steps[1].finish_week == 4);
    CHECK(answer.schedule->optimal);
    CHECK(answer.schedule_note.empty());  // only minimising weeks compares sets
}

TEST_CASE("answer: minimising weeks, the fewest-hours set replaces the fastest when it schedules sooner") {
    const CheckedCatalog c = answer_catalog();
    // fast takes 100 / 10 = 10 weeks at 10 hours a week; slow keeps its 4.
    const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, ask({"goal"}, Objective::Weeks, 10)));
    REQUIRE(answer.plan.feasible);
    CHECK(step_ids(c.catalog, answer.plan) == Ids{"slow", "goal"});
    CHECK_FALSE(answer.plan.optimal);  // no longer the optimum it was solved for
    CHECK(answer.plan.totals.weeks == 4);
    CHECK(answer.plan.totals.hours == 8);
    CHECK(answer.plan.totals.cost == 100);
    REQUIRE(answer.schedule);
    CHECK(scheduled_ids(c.catalog, *answer.schedule) == Ids{"slow", "goal"});
    CHECK(answer.schedule->weeks == 4);
    CHECK(answer.schedule->hours_per_week == 10);
    CHECK(answer.schedule_note ==
          "The fewest-hours set finishes sooner at this capacity (4 weeks) than the fastest set (10 weeks), so it is "
          "the plan shown.");
    // The request stays the one asked: minimise weeks.
    CHECK(answer.request.objective == Objective::Weeks);
}

TEST_CASE("answer: minimising weeks, the fastest set is kept when it schedules sooner or as soon") {
    const CheckedCatalog c = answer_catalog();
    SUBCASE("sooner: fast takes 100 / 50 = 2 weeks") {
        const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, ask({"goal"}, Objective::Weeks, 50)));
        CHECK(step_ids(c.catalog, answer.plan) == Ids{"fast", "goal"});
        CHECK(answer.plan.optimal);
        REQUIRE(answer.schedule);
        CHECK(scheduled_ids(c.catalog, *answer.schedule) == Ids{"fast", "goal"});
        CHECK(answer.schedule->weeks == 2);
        CHECK(answer.schedule->steps[0].duration == 2);
        CHECK(answer.schedule->steps[0].load == doctest::Approx(50));
        CHECK(answer.schedule_note ==
              "The fastest set was kept: at this capacity it takes 2 weeks, the fewest-hours set 4.");
    }
    SUBCASE("as soon: fast takes 100 / 25 = 4 weeks, like slow; a tie keeps the fastest set") {
        const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, ask({"goal"}, Objective::Weeks, 25)));
        CHECK(step_ids(c.catalog, answer.plan) == Ids{"fast", "goal"});
        CHECK(answer.plan.optimal);
        REQUIRE(answer.schedule);
        CHECK(answer.schedule->weeks == 4);
        CHECK(answer.schedule_note ==
              "The fastest set was kept: at this capacity it takes 4 weeks, the fewest-hours set 4.");
    }
}

TEST_CASE("answer: only minimising weeks compares sets under a capacity") {
    const CheckedCatalog c = answer_catalog();
    // Cost: heavy + other takes 10 weeks at 10 hours a week, light + other
    // would take 3, but the cost objective keeps the cheapest set.
    const PlanAnswer cost = answer_plan(c.catalog, c.graph, resolved(c, ask({"other"}, Objective::Cost, 10)));
    CHECK(step_ids(c.catalog, cost.plan) == Ids{"heavy", "other"});
    CHECK(cost.plan.optimal);
    REQUIRE(cost.schedule);
    CHECK(cost.schedule->weeks == 10);
    CHECK(cost.schedule_note.empty());
    // Count: both sets have two steps; cost breaks the tie, still no comparison.
    const PlanAnswer count = answer_plan(c.catalog, c.graph, resolved(c, ask({"other"}, Objective::Count, 10)));
    CHECK(step_ids(c.catalog, count.plan) == Ids{"heavy", "other"});
    REQUIRE(count.schedule);
    CHECK(count.schedule->weeks == 10);
    CHECK(count.schedule_note.empty());
}

TEST_CASE("answer: no re-planning when nothing is left to add, no schedule when there is no plan") {
    const CheckedCatalog c = answer_catalog();
    SUBCASE("the target is held: an empty schedule, no note") {
        Request request = ask({"goal"}, Objective::Weeks, 10);
        request.have = {"goal"};
        const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, request));
        REQUIRE(answer.plan.feasible);
        CHECK(answer.plan.steps.empty());
        CHECK(answer.plan.optimal);
        REQUIRE(answer.schedule);
        CHECK(answer.schedule->steps.empty());
        CHECK(answer.schedule->weeks == 0);
        CHECK(answer.schedule_note.empty());
    }
    SUBCASE("over the limits: infeasible, no schedule, the calendar's start kept") {
        Request request = ask({"goal"}, Objective::Weeks, 10);
        request.max_cost = 50;
        const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, request));
        CHECK_FALSE(answer.plan.feasible);
        CHECK_FALSE(answer.plan.reason.empty());
        CHECK_FALSE(answer.schedule);
        CHECK(answer.schedule_note.empty());
        CHECK(answer.start == std::optional<Date>(Date{2027, 1, 4}));
    }
}

TEST_CASE("answer: the calendar starts at the request's start, else at as_of when there is a capacity") {
    const CheckedCatalog c = answer_catalog();
    SUBCASE("start and a capacity") {
        Request request = ask({"goal"}, std::nullopt, 10);
        request.start = Date{2027, 1, 11};
        const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, request));
        CHECK(answer.start == std::optional<Date>(Date{2027, 1, 11}));
        CHECK(answer.schedule);
    }
    SUBCASE("a capacity alone: the as-of date (the context's today)") {
        const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, ask({"goal"}, std::nullopt, 10)));
        CHECK(answer.start == std::optional<Date>(Date{2027, 1, 4}));
    }
    SUBCASE("a capacity alone: the request's own as-of date") {
        Request request = ask({"goal"}, std::nullopt, 10);
        request.as_of = Date{2026, 6, 1};
        const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, request));
        CHECK(answer.start == std::optional<Date>(Date{2026, 6, 1}));
    }
    SUBCASE("start alone: dates, but no schedule") {
        Request request = ask({"goal"});
        request.start = Date{2027, 3, 1};
        const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, request));
        CHECK(answer.start == std::optional<Date>(Date{2027, 3, 1}));
        CHECK_FALSE(answer.schedule);
        CHECK(answer.schedule_note.empty());
    }
    SUBCASE("neither: no calendar, even with an as-of date") {
        Request request = ask({"goal"});
        request.as_of = Date{2026, 6, 1};
        const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, request));
        CHECK_FALSE(answer.start);
    }
}

TEST_CASE("answer: with a calendar the plan is the schedule's: its weeks, its order, its duration") {
    const CheckedCatalog c = answer_catalog();
    // goal and other at 10 hours a week, minimising cost: slow (8 hours over 4
    // weeks), goal, heavy (100 hours in 1 week, stretched to 10) and other.
    Request request = ask({"other", "goal"}, std::nullopt, 10);
    const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, request));
    REQUIRE(answer.plan.feasible);
    REQUIRE(answer.schedule);
    const Plan unscheduled = make_plan(c.catalog, c.graph, answer.request);
    REQUIRE(answer.critical_path_weeks);
    CHECK(*answer.critical_path_weeks == unscheduled.totals.weeks);
    CHECK(answer.plan.totals.weeks == answer.schedule->weeks);
    CHECK(answer.plan.totals.cost == unscheduled.totals.cost);
    REQUIRE(answer.plan.steps.size() == answer.schedule->steps.size());
    for (std::size_t i = 0; i < answer.plan.steps.size(); ++i) {
        CAPTURE(i);
        CHECK(answer.plan.steps[i].credential == answer.schedule->steps[i].credential);
        CHECK(answer.plan.steps[i].start_week == answer.schedule->steps[i].start_week);
        CHECK(answer.plan.steps[i].finish_week == answer.schedule->steps[i].finish_week);
        if (i > 0) CHECK(answer.plan.steps[i - 1].start_week <= answer.plan.steps[i].start_week);
    }
    // Heavy cannot share a week with slow at this capacity: the schedule is
    // longer than the critical path, and the totals say so.
    CHECK(answer.schedule->weeks > *answer.critical_path_weeks);
    SUBCASE("a start date alone: the plan's own weeks, in start order") {
        Request dated = ask({"goal"});
        dated.start = Date{2027, 3, 1};
        const PlanAnswer plain = answer_plan(c.catalog, c.graph, resolved(c, dated));
        CHECK(plain.critical_path_weeks == std::optional<double>(4));
        CHECK(plain.plan.totals.weeks == 4);
        CHECK(step_ids(c.catalog, plain.plan) == Ids{"slow", "goal"});
    }
    SUBCASE("no calendar: no critical path recorded") {
        const PlanAnswer plain = answer_plan(c.catalog, c.graph, resolved(c, ask({"goal"})));
        CHECK_FALSE(plain.critical_path_weeks);
    }
}

TEST_CASE("answer: the skills goal stays valid after the ResolvedRequest is copied, moved and gone") {
    const CheckedCatalog c = answer_catalog();
    Request request;
    request.skills = {"sql"};
    auto original = std::make_unique<ResolvedRequest>(resolved(c, request));
    REQUIRE(original->skills_goal);
    const Rule* const goal = original->skills_goal.get();

    // A copy and a move of the request, the original gone before planning.
    const ResolvedRequest copy = *original;
    auto moved = std::make_unique<ResolvedRequest>(std::move(*original));
    original.reset();
    CHECK(copy.skills_goal.get() == goal);
    CHECK(moved->skills_goal.get() == goal);

    PlanAnswer answer = answer_plan(c.catalog, c.graph, *moved);
    CHECK(answer.skills_goal.get() == goal);
    REQUIRE(answer.request.goals.size() == 1);
    CHECK(answer.request.goals[0].rule == goal);
    CHECK_FALSE(answer.request.goals[0].owner);
    CHECK(answer.request.targets.empty());
    REQUIRE(answer.plan.feasible);
    CHECK(step_ids(c.catalog, answer.plan) == Ids{"sql-badge"});
    CHECK(answer.plan.totals.cost == 30);

    // With every request gone, the answer (and a moved answer) still owns its goal.
    moved.reset();
    CHECK(answer.skills_goal.use_count() == 2);  // the answer's and copy's
    const PlanAnswer kept = std::move(answer);
    REQUIRE(kept.request.goals.size() == 1);
    CHECK(kept.request.goals[0].rule == kept.skills_goal.get());
    CHECK(kept.request.goals[0].rule->kind == RuleKind::Skills);
    CHECK(kept.request.goals[0].rule->names == std::vector<std::string>{"sql"});
    // Re-planning from the answer's own request gives the same plan.
    CHECK(step_ids(c.catalog, make_plan(c.catalog, c.graph, kept.request)) == Ids{"sql-badge"});
    // And the copy of the request still plans on its own.
    CHECK(step_ids(c.catalog, answer_plan(c.catalog, c.graph, copy).plan) == Ids{"sql-badge"});
}

TEST_CASE("answer: answer_plan_set gives the alternatives in order") {
    const CheckedCatalog c = answer_catalog();
    const ResolvedRequest request = resolved(c, ask({"goal"}));
    const PlanSet two = answer_plan_set(c.catalog, c.graph, request, 2, false);
    REQUIRE(two.plans.size() == 2);
    CHECK(step_ids(c.catalog, two.plans[0]) == Ids{"slow", "goal"});
    CHECK(step_ids(c.catalog, two.plans[1]) == Ids{"fast", "goal"});
    CHECK(two.plans[0].totals.cost == 100);
    CHECK(two.plans[1].totals.cost == 500);
    CHECK(two.plans[0].optimal);
    CHECK(two.plans[1].optimal);
    CHECK(two.request.targets == request.plan.targets);
    CHECK(two.request.objective == Objective::Cost);
    CHECK_FALSE(two.skills_goal);
    // There are only two routes; count is an upper bound, 0 gives none.
    CHECK(answer_plan_set(c.catalog, c.graph, request, 5, false).plans.size() == 2);
    const PlanSet one = answer_plan_set(c.catalog, c.graph, request, 1, false);
    REQUIRE(one.plans.size() == 1);
    CHECK(step_ids(c.catalog, one.plans[0]) == Ids{"slow", "goal"});
    CHECK(answer_plan_set(c.catalog, c.graph, request, 0, false).plans.empty());
    // The objective orders them: fastest first.
    const PlanSet weeks = answer_plan_set(c.catalog, c.graph, resolved(c, ask({"goal"}, Objective::Weeks)), 2, false);
    REQUIRE(weeks.plans.size() == 2);
    CHECK(step_ids(c.catalog, weeks.plans[0]) == Ids{"fast", "goal"});
    CHECK(step_ids(c.catalog, weeks.plans[1]) == Ids{"slow", "goal"});
}

TEST_CASE("answer: answer_plan_set with pareto gives the cost-weeks frontier, whatever the objective and count") {
    const CheckedCatalog c = answer_catalog();
    for (const Objective objective : {Objective::Cost, Objective::Weeks}) {
        CAPTURE(to_string(objective));
        const PlanSet set = answer_plan_set(c.catalog, c.graph, resolved(c, ask({"goal"}, objective)), 1, true);
        REQUIRE(set.plans.size() == 2);
        CHECK(step_ids(c.catalog, set.plans[0]) == Ids{"slow", "goal"});
        CHECK(set.plans[0].totals.cost == 100);
        CHECK(set.plans[0].totals.weeks == 4);
        CHECK(step_ids(c.catalog, set.plans[1]) == Ids{"fast", "goal"});
        CHECK(set.plans[1].totals.cost == 500);
        CHECK(set.plans[1].totals.weeks == 1);
        CHECK(set.request.objective == objective);  // the request as asked
    }
    // other: heavy is both cheaper and faster than light, one point.
    const PlanSet other = answer_plan_set(c.catalog, c.graph, resolved(c, ask({"other"})), 3, true);
    REQUIRE(other.plans.size() == 1);
    CHECK(step_ids(c.catalog, other.plans[0]) == Ids{"heavy", "other"});
}

TEST_CASE("answer: answer_plan_set reports each plan found: of the count asked, or of a frontier not known ahead") {
    const CheckedCatalog c = answer_catalog();
    std::vector<std::pair<std::size_t, std::size_t>> heard;
    const ProgressCallback progress = [&](std::size_t done, std::size_t total) { heard.emplace_back(done, total); };
    const ResolvedRequest request = resolved(c, ask({"goal"}));
    answer_plan_set(c.catalog, c.graph, request, 5, false, progress);
    // Two routes of the five asked: the count stays the total, the list ends early.
    CHECK(heard == std::vector<std::pair<std::size_t, std::size_t>>{{0, 5}, {1, 5}, {2, 5}});
    heard.clear();
    answer_plan_set(c.catalog, c.graph, request, 1, true, progress);
    CHECK(heard == std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}, {1, 0}, {2, 0}});
}

TEST_CASE("answer: answer_plan_set keeps the skills goal of the request") {
    const CheckedCatalog c = answer_catalog();
    Request request;
    request.skills = {"sql"};
    auto resolved_request = std::make_unique<ResolvedRequest>(resolved(c, request));
    const Rule* const goal = resolved_request->skills_goal.get();
    const PlanSet set = answer_plan_set(c.catalog, c.graph, *resolved_request, 3, false);
    resolved_request.reset();
    CHECK(set.skills_goal.get() == goal);
    REQUIRE(set.request.goals.size() == 1);
    CHECK(set.request.goals[0].rule == set.skills_goal.get());
    CHECK(set.request.goals[0].rule->names == std::vector<std::string>{"sql"});
    // Only sql-badge teaches sql: one plan, no alternative.
    REQUIRE(set.plans.size() == 1);
    CHECK(step_ids(c.catalog, set.plans[0]) == Ids{"sql-badge"});
}

TEST_CASE("answer: a held credential is relied on when the overlap assignment needs it, and flagged when it lapses") {
    // q1 and q2 share nothing (at most 0): held h counts toward one, a toward
    // the other. Without h, a could satisfy both only by counting twice, so the
    // plan relies on h, which lapses two weeks in, before the plan is done.
    const CheckedCatalog c = check_catalog(load_catalog_text(test::catalog(
        R"(  - {id: h, title: H, cost: 100, weeks: 1, valid_for: 1y}
  - {id: a, title: A, cost: 100, weeks: 4}
  - {id: q1, title: Q1, kind: certificate, weeks: 1, requires: {any: [h, a]}, overlap: [{with: q2, at_most: 0}]}
  - {id: q2, title: Q2, kind: certificate, weeks: 1, requires: {any: [h, a]}}
)"),
                                                             "overlap.yaml"));
    REQUIRE(c.ok());
    Request request = ask({"q1", "q2"});
    HeldEntry holding;
    holding.id = "h";
    holding.earned = Date{2026, 1, 1};
    holding.valid_until = Date{2027, 1, 18};
    holding.origin = "test";
    request.holds.push_back(holding);
    const PlanAnswer answer = answer_plan(c.catalog, c.graph, resolved(c, request));
    REQUIRE(answer.plan.feasible);
    CHECK(step_ids(c.catalog, answer.plan) == Ids{"a", "q1", "q2"});
    CHECK(answer.plan.withheld.size() == 2);  // h from one side, a from the other
    REQUIRE(answer.expiring.size() == 1);
    CHECK(c.catalog.credentials[answer.expiring[0].credential].id == "h");
    CHECK_FALSE(answer.expiring[0].renewed);
}

}  // namespace credpath
