// The calendar part of a plan (src/report/render_schedule.cpp): dates of each
// step from a start date, from the capacity schedule when there is one, in
// the text plan and in the plan JSON.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "credpath/plan/schedule.hpp"
#include "plan_parts.hpp"
#include "planner_fixtures.hpp"

namespace credpath {

using namespace render_detail;

namespace {

// A (40 hours over 4 weeks) and B (10 hours over 1.5 weeks) for Q. The plan,
// without a capacity: A 0-4, B 0-1.5, Q 4-4.
struct Calendar {
    test::Fixture fx = make_fixture();
    PlanRequest request;
    Plan plan;
    Learner learner;
    // At 10 hours a week A and B cannot run together: A 0-4, B 4-6, Q 6-6;
    // no schedule can beat 5 weeks (50 hours), this one takes 6.
    CapacitySchedule tight;
    // At 20 hours a week they can: A 0-4, B 0-2, Q 4-4, optimal.
    CapacitySchedule roomy;
    std::optional<double> critical_path_weeks;  // what answer_plan records with a calendar

    static test::Fixture make_fixture() {
        test::CatalogBuilder b;
        b.add("A").hours(40).weeks(4);
        b.add("B").hours(10).weeks(1.5);
        b.add("Q").rule(test::all_of(test::refs({"A", "B"})));
        return test::Fixture(b);
    }

    Calendar() {
        request.targets = {fx.index("Q")};
        plan.feasible = true;
        plan.optimal = true;
        plan.steps = {step("A", 0, 4), step("B", 0, 1.5), step("Q", 4, 4)};
        plan.totals.weeks = 4;
        plan.totals.count = 3;
        learner.as_of = Date{2026, 12, 1};
        tight.hours_per_week = 10;
        tight.steps = {scheduled("A", 0, 4, 10), scheduled("B", 4, 6, 5), scheduled("Q", 6, 6, 0)};
        tight.weeks = 6;
        tight.lower_bound = 5;
        tight.critical_path = 4;
        tight.hours_bound = 5;
        tight.heavy_bound = 4;
        tight.optimal = false;
        tight.peak_load = 10;
        roomy.hours_per_week = 20;
        roomy.steps = {scheduled("A", 0, 4, 10), scheduled("B", 0, 2, 5), scheduled("Q", 4, 4, 0)};
        roomy.weeks = 4;
        roomy.lower_bound = 4;
        roomy.critical_path = 4;
        roomy.hours_bound = 3;
        roomy.heavy_bound = 0;
        roomy.optimal = true;
        roomy.peak_load = 15;
    }

    PlanStep step(const char* id, double start, double finish) const {
        PlanStep s;
        s.credential = fx.index(id);
        s.start_week = start;
        s.finish_week = finish;
        return s;
    }
    ScheduledStep scheduled(const char* id, std::uint32_t start, std::uint32_t finish, double load) const {
        return ScheduledStep{fx.index(id), static_cast<double>(start), static_cast<double>(finish), finish - start,
                             load};
    }

    PlanView view(std::optional<Date> start, const CapacitySchedule* schedule = nullptr, std::string note = "") const {
        return PlanView{fx.catalog, fx.graph, request, plan, learner, start, schedule, std::move(note), critical_path_weeks};
    }
};

const Date kMonday{2027, 1, 4};

std::string dates(const std::optional<StepDates>& d) {
    return d ? to_string(d->start) + " " + to_string(d->finish) : "none";
}

}  // namespace

// ---- step_dates and completion_date

TEST_CASE("render_schedule: step_dates from the plan's weeks, a week being 7 days, rounded to the day") {
    const Calendar c;
    const PlanView view = c.view(kMonday);
    CHECK(dates(step_dates(view, 0)) == "2027-01-04 2027-02-01");
    CHECK(dates(step_dates(view, 1)) == "2027-01-04 2027-01-15");  // 1.5 weeks: 10.5 days, 11
    CHECK(dates(step_dates(view, 2)) == "2027-02-01 2027-02-01");
    CHECK_FALSE(step_dates(view, 3));  // no such step
    CHECK_FALSE(step_dates(c.view(std::nullopt), 0));  // no calendar
}

TEST_CASE("render_schedule: step_dates from the capacity schedule when there is one") {
    const Calendar c;
    const PlanView view = c.view(kMonday, &c.tight);
    CHECK(dates(step_dates(view, 0)) == "2027-01-04 2027-02-01");
    CHECK(dates(step_dates(view, 1)) == "2027-02-01 2027-02-15");
    CHECK(dates(step_dates(view, 2)) == "2027-02-15 2027-02-15");
    CHECK_FALSE(step_dates(view, 3));
    // A schedule shorter than the plan: the steps it lacks keep the plan's weeks.
    CapacitySchedule partial = c.tight;
    partial.steps.pop_back();
    CHECK(dates(step_dates(c.view(kMonday, &partial), 2)) == "2027-02-01 2027-02-01");
}

TEST_CASE("render_schedule: step_dates never go before the start, and round half a day up") {
    Calendar c;
    c.plan.steps[0].start_week = -0.5;
    c.plan.steps[0].finish_week = 0.5;   // 3.5 days: 4
    c.plan.steps[1].finish_week = 1.0 / 7;  // one day
    const PlanView view = c.view(Date{2027, 2, 27});
    CHECK(dates(step_dates(view, 0)) == "2027-02-27 2027-03-03");
    CHECK(dates(step_dates(view, 1)) == "2027-02-27 2027-02-28");
}

TEST_CASE("render_schedule: completion_date is the schedule's end, else the plan's") {
    Calendar c;
    CHECK(completion_date(c.view(kMonday)) == std::optional<Date>(Date{2027, 2, 1}));
    CHECK(completion_date(c.view(kMonday, &c.tight)) == std::optional<Date>(Date{2027, 2, 15}));
    CHECK(completion_date(c.view(kMonday, &c.roomy)) == std::optional<Date>(Date{2027, 2, 1}));
    CHECK_FALSE(completion_date(c.view(std::nullopt, &c.tight)));
    c.plan.feasible = false;
    CHECK_FALSE(completion_date(c.view(kMonday)));
}

// ---- schedule_text

TEST_CASE("render_schedule: schedule_text without a capacity is the calendar's summary line") {
    const Calendar c;
    CHECK(schedule_text(c.view(kMonday), Style{}) == "Calendar from 2027-01-04: done by 2027-02-01\n");
}

TEST_CASE("render_schedule: schedule_text under a capacity, not proven optimal, with its bounds") {
    Calendar c;
    c.critical_path_weeks = 4;
    CHECK(schedule_text(c.view(kMonday, &c.tight), Style{}) ==
          "Schedule at 10 hours a week from 2027-01-04: done by 2027-02-15, 6 weeks (not proven optimal; lower bound "
          "5 weeks: stretched chain 4, total hours 5, heavy steps 4; critical path: 4 weeks)\n"
          "Busiest week: 10 hours.\n");
}

TEST_CASE("render_schedule: schedule_text under a capacity, optimal, with the note") {
    Calendar c;
    c.critical_path_weeks = 4;
    const std::string note = "The fastest set was kept: at this capacity it takes 4 weeks, the fewest-hours set 4.";
    CHECK(schedule_text(c.view(kMonday, &c.roomy, note), Style{}) ==
          "Schedule at 20 hours a week from 2027-01-04: done by 2027-02-01, 4 weeks (optimal: meets the lower "
          "bound of 4 weeks; critical path: 4 weeks)\n" +
              note +
              "\n"
              "Busiest week: 15 hours.\n");
    // In colour: the verdict in green.
    const std::string coloured = schedule_text(c.view(kMonday, &c.roomy), Style{true, true});
    CHECK(coloured.find("4 weeks\x1b[32m (optimal: meets the lower bound of 4 weeks\x1b[0m; critical path: 4 weeks)\n") !=
          std::string::npos);
}

TEST_CASE("render_schedule: schedule_text writes fractions as people do and keeps controls off the terminal") {
    Calendar c;
    CapacitySchedule odd = c.tight;
    odd.hours_per_week = 7.5;
    odd.peak_load = 75.0 / 8;
    c.critical_path_weeks = 1.5;
    const std::string text = schedule_text(c.view(kMonday, &odd, "a\x1b[31m note\r"), Style{});
    CHECK(text.find("Schedule at 7.5 hours a week from 2027-01-04: done by 2027-02-15, 6 weeks") == 0);
    CHECK(text.find("critical path: 1.5 weeks)") != std::string::npos);
    CHECK(text.find("\na [31m note \n") != std::string::npos);
    CHECK(text.find("Busiest week: 9.38 hours.\n") != std::string::npos);
    CHECK(text.find('\x1b') == std::string::npos);
}

TEST_CASE("render_schedule: schedule_text is empty without a start, a plan or a step") {
    Calendar c;
    CHECK(schedule_text(c.view(std::nullopt, &c.tight), Style{}).empty());
    c.plan.feasible = false;
    CHECK(schedule_text(c.view(kMonday, &c.tight), Style{}).empty());
    c.plan.feasible = true;
    c.plan.steps.clear();
    CHECK(schedule_text(c.view(kMonday), Style{}).empty());
}

// ---- add_schedule_json

TEST_CASE("render_schedule: add_schedule_json adds the dates and the schedule block") {
    Calendar c;
    c.critical_path_weeks = 4;
    ordered_json out;
    out["steps"] = ordered_json::array({{{"id", "A"}}, {{"id", "B"}}, {{"id", "Q"}}});
    add_schedule_json(out, c.view(kMonday, &c.tight, "a note"));
    CHECK(out == ordered_json::parse(R"({
      "steps": [
        {"id": "A", "start_date": "2027-01-04", "finish_date": "2027-02-01"},
        {"id": "B", "start_date": "2027-02-01", "finish_date": "2027-02-15"},
        {"id": "Q", "start_date": "2027-02-15", "finish_date": "2027-02-15"}],
      "start_date": "2027-01-04",
      "completion_date": "2027-02-15",
      "schedule": {
        "hours_per_week": 10, "weeks": 6, "lower_bound": 5, "critical_path": 4, "unlimited_weeks": 4,
        "hours_bound": 5, "heavy_bound": 4, "optimal": false, "peak_hours": 10, "note": "a note",
        "steps": [
          {"id": "A", "start_week": 0, "finish_week": 4, "hours_per_week": 10,
           "start_date": "2027-01-04", "finish_date": "2027-02-01"},
          {"id": "B", "start_week": 4, "finish_week": 6, "hours_per_week": 5,
           "start_date": "2027-02-01", "finish_date": "2027-02-15"},
          {"id": "Q", "start_week": 6, "finish_week": 6, "hours_per_week": 0,
           "start_date": "2027-02-15", "finish_date": "2027-02-15"}]}})"));
}

TEST_CASE("render_schedule: add_schedule_json with a start alone: dates from the plan, no schedule block") {
    const Calendar c;
    ordered_json out;
    out["steps"] = ordered_json::array({{{"id", "A"}}, {{"id", "B"}}});  // fewer entries than steps: no more
    add_schedule_json(out, c.view(kMonday));
    CHECK(out == ordered_json::parse(R"({
      "steps": [
        {"id": "A", "start_date": "2027-01-04", "finish_date": "2027-02-01"},
        {"id": "B", "start_date": "2027-01-04", "finish_date": "2027-01-15"}],
      "start_date": "2027-01-04",
      "completion_date": "2027-02-01"})"));
    // Without a "steps" array, only the plan's dates.
    ordered_json bare;
    add_schedule_json(bare, c.view(kMonday));
    CHECK(bare == ordered_json::parse(R"({"start_date": "2027-01-04", "completion_date": "2027-02-01"})"));
    // Fractional numbers stay numbers.
    CapacitySchedule odd = c.tight;
    odd.hours_per_week = 7.5;
    odd.steps[1].load = 75.0 / 8;
    ordered_json scheduled;
    add_schedule_json(scheduled, c.view(kMonday, &odd));
    CHECK(scheduled["schedule"]["hours_per_week"] == 7.5);
    CHECK(scheduled["schedule"]["steps"][1]["hours_per_week"] == 9.375);
}

TEST_CASE("render_schedule: add_schedule_json adds nothing without a start or a plan") {
    Calendar c;
    ordered_json out;
    out["steps"] = ordered_json::array({{{"id", "A"}}});
    const ordered_json before = out;
    add_schedule_json(out, c.view(std::nullopt, &c.tight));
    CHECK(out == before);
    c.plan.feasible = false;
    add_schedule_json(out, c.view(kMonday, &c.tight));
    CHECK(out == before);
}

}  // namespace credpath
