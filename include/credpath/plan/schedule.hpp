// Scheduling a plan into calendar weeks under a weekly study-hours capacity:
// resource-constrained project scheduling (NP-hard), solved by list
// scheduling with a proven lower bound.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "credpath/graph/graph.hpp"
#include "credpath/model/model.hpp"
#include "credpath/plan/planner.hpp"

namespace credpath {

struct ScheduledStep {
    std::uint32_t credential = 0;
    double start_week = 0;          // from the first day: whole weeks, or an intake's day / 7
    double finish_week = 0;         // start_week + duration
    std::uint32_t duration = 0;     // weeks, stretched when the step is heavier than the capacity
    double load = 0;                // study hours in each of its weeks
};

struct CapacitySchedule {
    double hours_per_week = 0;
    // False when a step with intakes cannot start on any of them at this
    // capacity (its last intake passes first): `reason` names it.
    bool feasible = true;
    std::string reason;
    std::vector<ScheduledStep> steps;  // in the plan's step order
    double weeks = 0;                  // when the last step finishes
    // No schedule of these steps can finish earlier than the largest of: the
    // critical path with the stretched durations (and intakes), the total hours
    // over the capacity (rounded up), and the summed weeks of the steps heavier
    // than half the capacity (no two of them can run in the same week).
    double lower_bound = 0;
    double critical_path = 0;
    std::uint32_t hours_bound = 0;
    std::uint32_t heavy_bound = 0;
    bool optimal = false;  // weeks == lower_bound
    double peak_load = 0;  // the busiest week's hours
};

// A step of h hours over w weeks runs ceil(w) whole weeks at h / ceil(w) hours
// a week; when that is more than `hours_per_week` it is stretched to
// ceil(h / hours_per_week) weeks. A step starts only when its rule is met by
// the held credentials and the steps finished by then (the plan's rule
// semantics), self-paced ones at the start of a calendar week (weeks counted
// from the first day). With `first_day`, a step with intakes starts on one of
// them instead, and counts its load in every calendar week it touches. Five
// priority rules (longest path to the end, the plan's order, shortest first,
// heaviest first, steps with intakes first) are each tried with the serial and the parallel
// schedule-generation scheme; the shortest schedule is kept (the first one
// found among equals). Requires a feasible plan and hours_per_week > 0.
CapacitySchedule schedule_with_capacity(const Catalog& catalog, const std::vector<std::uint32_t>& held,
                                        const Plan& plan, double hours_per_week,
                                        const std::optional<Date>& first_day);

}  // namespace credpath
