// Scheduling a plan into calendar weeks under a weekly study-hours capacity:
// resource-constrained project scheduling (NP-hard), solved by list
// scheduling with a proven lower bound.
#pragma once

#include <cstdint>
#include <vector>

#include "credpath/graph/graph.hpp"
#include "credpath/model/model.hpp"
#include "credpath/plan/planner.hpp"

namespace credpath {

struct ScheduledStep {
    std::uint32_t credential = 0;
    std::uint32_t start_week = 0;   // whole calendar weeks from the start
    std::uint32_t finish_week = 0;  // start_week + duration
    std::uint32_t duration = 0;     // weeks, stretched when the step is heavier than the capacity
    double load = 0;                // study hours in each of its weeks
};

struct CapacitySchedule {
    double hours_per_week = 0;
    std::vector<ScheduledStep> steps;  // in the plan's step order
    std::uint32_t weeks = 0;           // when the last step finishes
    // No schedule of these steps can finish earlier than the largest of: the
    // critical path with the stretched durations, the total hours over the
    // capacity (rounded up), and the summed weeks of the steps heavier than half
    // the capacity (no two of them can run in the same week).
    std::uint32_t lower_bound = 0;
    std::uint32_t critical_path = 0;
    std::uint32_t hours_bound = 0;
    std::uint32_t heavy_bound = 0;
    bool optimal = false;  // weeks == lower_bound
    double peak_load = 0;  // the busiest week's hours
};

// A step of h hours over w weeks runs ceil(w) whole weeks at h / ceil(w) hours
// a week; when that is more than `hours_per_week` it is stretched to
// ceil(h / hours_per_week) weeks. A step starts only when its rule is met by
// the held credentials and the steps finished by then (the plan's rule
// semantics). Four priority rules (longest path to the end, the plan's order,
// shortest first, heaviest first) are each tried with the serial and the
// parallel schedule-generation scheme; the shortest schedule is kept (the
// first one found among equals). Requires a feasible plan and
// hours_per_week > 0.
CapacitySchedule schedule_with_capacity(const Catalog& catalog, const std::vector<std::uint32_t>& held,
                                        const Plan& plan, double hours_per_week);

}  // namespace credpath
