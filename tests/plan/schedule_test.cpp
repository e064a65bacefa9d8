// Schedules under a weekly hours capacity, checked by hand.
#include <doctest/doctest.h>

#include "credpath/plan/schedule.hpp"
#include "planner_fixtures.hpp"

using namespace credpath;
using namespace credpath::test;

namespace {
std::string timeline(const Fixture& fx, const CapacitySchedule& schedule) {
    std::string text;
    for (const ScheduledStep& step : schedule.steps)
        text += (text.empty() ? "" : ", ") + fx.id(step.credential) + " " + std::to_string(step.start_week) + "-" +
                std::to_string(step.finish_week);
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

    const CapacitySchedule tight = schedule_with_capacity(fx.catalog, {}, plan, 10);
    CHECK(timeline(fx, tight) == "A 0-4, B 4-8, Q 8-8");
    CHECK(tight.weeks == 8);
    CHECK(tight.critical_path == 4);
    CHECK(tight.hours_bound == 8);
    CHECK(tight.lower_bound == 8);
    CHECK(tight.optimal);
    CHECK(tight.peak_load == doctest::Approx(10));

    const CapacitySchedule roomy = schedule_with_capacity(fx.catalog, {}, plan, 20);
    CHECK(timeline(fx, roomy) == "A 0-4, B 0-4, Q 4-4");
    CHECK(roomy.optimal);
}

TEST_CASE("schedule: a step heavier than the capacity is stretched") {
    CatalogBuilder b;
    b.add("Heavy").hours(60).weeks(2);  // 30 hours a week
    b.add("Next").hours(5).weeks(1).rule(ref("Heavy"));
    const Fixture fx(b);
    const Plan plan = fx.plan(fx.request({"Next"}));
    const CapacitySchedule schedule = schedule_with_capacity(fx.catalog, {}, plan, 10);
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
    const CapacitySchedule schedule = schedule_with_capacity(fx.catalog, {}, plan, 15);
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
    const CapacitySchedule schedule = schedule_with_capacity(fx.catalog, {}, plan, 10);
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
    const CapacitySchedule schedule = schedule_with_capacity(fx.catalog, fx.indices({"H"}), plan, 8);
    // A needs 4 a week and B 4 a week: both fit at once.
    CHECK(timeline(fx, schedule) == "A 0-3, B 0-2, Q 3-3");
    CHECK(schedule.optimal);
}
