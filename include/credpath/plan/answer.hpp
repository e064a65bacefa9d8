// The planning layer's one entry point: a resolved request and a catalog in,
// the answer every printer renders out. Scheduling under a weekly capacity and
// the re-planning it may call for are decided here, so that plan, batch and
// every other command asking the same question get the same answer.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "credpath/graph/graph.hpp"
#include "credpath/plan/planner.hpp"
#include "credpath/plan/resolve.hpp"
#include "credpath/plan/schedule.hpp"

namespace credpath {

// A held credential the plan relies on that lapses before the plan is done.
struct ExpiringHolding {
    std::uint32_t credential = 0;
    Date expires_on;
    bool renewed = false;  // --renew: a step of the plan renews it
};

struct PlanAnswer {
    PlanRequest request;  // what was solved (the resolved request with its goals)
    std::shared_ptr<const Rule> skills_goal;  // what request.goals refers to
    Plan plan;
    // With a weekly capacity (hours_per_week) and a feasible plan: the steps
    // in calendar weeks within it.
    std::optional<CapacitySchedule> schedule;
    std::optional<Date> start;  // the calendar's first day, when the request has a calendar
    std::string schedule_note;  // e.g. which credential set the schedule chose
    // Why plan.optimal is false when no solver ran out of time: e.g. the
    // fewest-hours set was shown because it schedules sooner.
    std::string not_optimal_reason;
    // With a calendar: the plan's weeks with unlimited parallelism (the
    // critical path), before the steps took the schedule's weeks.
    std::optional<double> critical_path_weeks;
    // The catalog the plan was made against when the learner has work in
    // progress (what is left of each begun credential); else the one given.
    std::shared_ptr<const AdjustedCatalog> adjusted;
    // Held credentials within the plan's reach (the cone of its targets and
    // steps, and what teaches a goal skill) that lapse before it is done, by
    // the completion date of its calendar (start, else the as-of date).
    std::vector<ExpiringHolding> expiring;
    std::vector<std::uint32_t> renewals;  // steps that renew a held credential (--renew), sorted
};

// The optimal plan of `request`; with a weekly capacity also its schedule.
// Minimising weeks under a capacity, the fewest-hours set replaces the
// fastest set when it schedules sooner (then the plan is not called optimal).
// One truth per plan: with a calendar (a start date or a capacity) the plan's
// steps are in start order (ties in the plan's order) and, under a capacity,
// take the schedule's weeks, and totals.weeks is when the schedule is done;
// schedule->steps follow the same order.
// With renew: held credentials that would lapse before completion may be
// renewed (their catalog renewal, else the credential again; no requirements)
// as steps the optimiser chooses. Exact: one solve per regime "the first k of
// them (by expiry) lapse", each limited to finish before the next one lapses;
// the best of all regimes by the objective and its tie-breaks.
PlanAnswer answer_plan(const Catalog& catalog, const DependencyGraph& graph, const ResolvedRequest& request);

// Several plans of one request: the `count` best distinct plans in order
// (alternatives), or, with `pareto`, the cost-weeks frontier. `progress`
// hears the plans found (see make_alternatives and make_pareto).
struct PlanSet {
    PlanRequest request;
    std::shared_ptr<const Rule> skills_goal;  // what request.goals refers to
    std::vector<Plan> plans;
    std::shared_ptr<const AdjustedCatalog> adjusted;  // as PlanAnswer::adjusted
};
PlanSet answer_plan_set(const Catalog& catalog, const DependencyGraph& graph, const ResolvedRequest& request,
                        std::size_t count, bool pareto, const ProgressCallback& progress = {});

}  // namespace credpath
