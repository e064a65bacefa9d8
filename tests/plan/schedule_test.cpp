// Schedules under a weekly hours capacity, checked by hand.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "credpath/plan/schedule.hpp"
#include "planner_fixtures.hpp"

using namespace credpath;
using namespace credpath::test;

namespace {
std::string timeline(const Fixture& fx, const CapacitySchedule& schedule) {
    std::string text;
    for (const ScheduledStep& step : schedule.steps)
        text += fmt::format("{}{} {}-{}", text.empty() ? "" : ", ", fx.id(step.credential), step.start_week,
                            step.finish_week);
    return text;
}
}  // namespace

TEST_CASE("schedule: the capacity forces parallel steps apart") {
    CatalogBuilder b;
    b.add("A").hours(40).weeks(4);
    b.add("B").hours(40).weeks(4);
    b.add("Q").rule(all_of(refs({"A", "B"})));
    const Fixture fx(b);
    const Plan plan = fx.plan(fx.request({"Q"}));
    REQUIRE(plan.feasible);
    CHECK(plan.totals.weeks == doctest::Approx(4));  // without a capacity both run at once

    const CapacitySchedule tight = schedule_with_capacity(fx.catalog, {}, plan, 10, std::nullopt);
    CHECK(timeline(fx, tight) == "A 0-4, B 4-8, Q 8-8");
    CHECK(tight.weeks == 8);
    CHECK(tight.critical_path == 4);
    CHECK(tight.hours_bound == 8);
    CHECK(tight.lower_bound == 8);
    CHECK(tight.optimal);
    CHECK(tight.peak_load == doctest::Approx(10));

    const CapacitySchedule roomy = schedule_with_capacity(fx.catalog, {}, plan, 20, std::nullopt);
    CHECK(timeline(fx, roomy) == "A 0-4, B 0-4, Q 4-4");
    CHECK(roomy.optimal);
}

TEST_CASE("schedule: a step heavier than the capacity is stretched") {
    CatalogBuilder b;
    b.add("Heavy").hours(60).weeks(2);  // 30 hours a week
    b.add("Next").hours(5).weeks(1).rule(ref("Heavy"));
    const Fixture fx(b);
    const Plan plan = fx.plan(fx.request({"Next"}));
    const CapacitySchedule schedule = schedule_with_capacity(fx.catalog, {}, plan, 10, std::nullopt);
    CHECK(timeline(fx, schedule) == "Heavy 0-6, Next 6-7");
    CHECK(schedule.steps[0].duration == 6);
    CHECK(schedule.steps[0].load == doctest::Approx(10));
    CHECK(schedule.optimal);
}

TEST_CASE("schedule: the longest remaining path goes first") {
    // Plan order puts Short first; with room for one step at a time, starting
    // Long1 first lets Long2 follow while Short fills in later.
    CatalogBuilder b;
    b.add("AShort").hours(10).weeks(1);
    b.add("Long1").hours(10).weeks(1);
    b.add("Long2").hours(30).weeks(3).rule(ref("Long1"));
    b.add("Q").rule(all_of(refs({"AShort", "Long2"})));
    const Fixture fx(b);
    const Plan plan = fx.plan(fx.request({"Q"}));
    const CapacitySchedule schedule = schedule_with_capacity(fx.catalog, {}, plan, 15, std::nullopt);
    CHECK(timeline(fx, schedule) == "AShort 4-5, Long1 0-1, Long2 1-4, Q 5-5");
    CHECK(schedule.weeks == 5);
    CHECK(schedule.critical_path == 4);
    CHECK(schedule.hours_bound == 4);  // 50 hours / 15
    CHECK(schedule.heavy_bound == 5);  // every step takes 10 of the 15 hours: none can overlap
    CHECK(schedule.optimal);
}

TEST_CASE("schedule: not claimed optimal when no bound meets it") {
    // Two of three 4-hour-a-week steps fit in 10 hours a week, three do not: 4
    // weeks is best, but the bounds only show 3.
    CatalogBuilder b;
    b.add("A").hours(8).weeks(2);
    b.add("B").hours(8).weeks(2);
    b.add("C").hours(8).weeks(2);
    b.add("Q").rule(all_of(refs({"A", "B", "C"})));
    const Fixture fx(b);
    const Plan plan = fx.plan(fx.request({"Q"}));
    const CapacitySchedule schedule = schedule_with_capacity(fx.catalog, {}, plan, 10, std::nullopt);
    CHECK(timeline(fx, schedule) == "A 0-2, B 0-2, C 2-4, Q 4-4");
    CHECK(schedule.weeks == 4);
    CHECK(schedule.lower_bound == 3);
    CHECK_FALSE(schedule.optimal);
    CHECK(schedule.peak_load == doctest::Approx(8));
}

TEST_CASE("schedule: held credentials count from week 0; no capacity left idle when one fits") {
    CatalogBuilder b;
    b.add("H").hours(50).weeks(5);
    b.add("A").hours(12).weeks(3).rule(ref("H"));
    b.add("B").hours(8).weeks(2);
    b.add("Q").rule(all_of(refs({"A", "B"})));
    const Fixture fx(b);
    const Plan plan = fx.plan(fx.request({"Q"}, Objective::Cost, {"H"}));
    const CapacitySchedule schedule = schedule_with_capacity(fx.catalog, fx.indices({"H"}), plan, 8, std::nullopt);
    // A needs 4 a week and B 4 a week: both fit at once.
    CHECK(timeline(fx, schedule) == "A 0-3, B 0-2, Q 3-3");
    CHECK(schedule.optimal);
}

namespace {
Intakes on_dates(std::vector<Date> dates) {
    Intakes intakes;
    intakes.dates = std::move(dates);
    return intakes;
}
}  // namespace

TEST_CASE("schedule: a step with intakes starts on one, counting every calendar week it touches") {
    // From Monday 2027-01-04: A runs weeks 0-2; B's first intake after that
    // is Wednesday 2027-01-20 (day 16), so B runs days 16-30, touching
    // calendar weeks 2, 3 and 4.
    CatalogBuilder b;
    b.add("A").hours(10).weeks(2);
    b.add("B").hours(20).weeks(2).rule(ref("A")).starts(on_dates({{2027, 1, 6}, {2027, 1, 20}, {2027, 3, 1}}));
    b.add("C").hours(30).weeks(3);
    const Fixture fx(b);
    PlanRequest request = fx.request({"B", "C"});
    request.first_day = Date{2027, 1, 4};
    const Plan plan = fx.plan(request);
    REQUIRE(plan.feasible);
    CHECK(plan.totals.weeks == doctest::Approx(30.0 / 7));
    const CapacitySchedule roomy = schedule_with_capacity(fx.catalog, {}, plan, 30, request.first_day);
    REQUIRE(roomy.feasible);
    CHECK(timeline(fx, roomy) == fmt::format("A 0-2, B {}-{}, C 0-3", 16.0 / 7, 30.0 / 7));
    CHECK(roomy.weeks == doctest::Approx(30.0 / 7));
    CHECK(roomy.optimal);
    // At 15 hours a week, C (10 a week) cannot run beside A (5) and B (10)
    // in the weeks B touches: it waits until B is done, at day 35.
    const CapacitySchedule tight = schedule_with_capacity(fx.catalog, {}, plan, 15, request.first_day);
    REQUIRE(tight.feasible);
    CHECK(tight.weeks >= 30.0 / 7);
    for (std::size_t w = 0; w < 12; ++w) {
        double load = 0;
        for (const ScheduledStep& step : tight.steps)
            if (step.duration > 0 && step.start_week < static_cast<double>(w + 1) - 1e-9 &&
                step.finish_week > static_cast<double>(w) + 1e-9)
                load += step.load;
        CHECK(load <= 15 + 1e-9);
    }
    // B must start on an intake.
    for (const ScheduledStep& step : tight.steps)
        if (fx.id(step.credential) == "B") {
            const double day = step.start_week * 7;
            CHECK((day == doctest::Approx(16) || day == doctest::Approx(56)));
        }
}

TEST_CASE("schedule: a capacity that makes a step miss its last intake is no schedule") {
    CatalogBuilder b;
    b.add("A").hours(40).weeks(4);
    b.add("B").hours(40).weeks(4).starts(on_dates({{2027, 1, 4}}));
    const Fixture fx(b);
    PlanRequest request = fx.request({"A", "B"});
    request.first_day = Date{2027, 1, 4};
    const Plan plan = fx.plan(request);
    REQUIRE(plan.feasible);
    // Both at 10 a week do not fit into 15; A can wait, B cannot: B first.
    const CapacitySchedule schedule = schedule_with_capacity(fx.catalog, {}, plan, 15, request.first_day);
    REQUIRE(schedule.feasible);
    CHECK(timeline(fx, schedule) == "A 4-8, B 0-4");
    // Without room for B at all on its one day, there is no schedule.
    CatalogBuilder c;
    c.add("B").hours(40).weeks(4).starts(on_dates({{2027, 1, 4}}));
    c.add("C").hours(80).weeks(4).starts(on_dates({{2027, 1, 4}}));
    const Fixture both(c);
    PlanRequest two = both.request({"B", "C"});
    two.first_day = request.first_day;
    const Plan tight = both.plan(two);
    REQUIRE(tight.feasible);
    const CapacitySchedule none = schedule_with_capacity(both.catalog, {}, tight, 25, two.first_day);
    CHECK_FALSE(none.feasible);
    CHECK(none.reason.find("cannot start on any of its intakes (the last is 2027-01-04)") != std::string::npos);
}
