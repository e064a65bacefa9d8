#include "credpath/plan/answer.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <numeric>

namespace credpath {

namespace {
// The fastest set need not be the fastest under a weekly capacity: the set
// with the fewest study hours may schedule sooner.
void prefer_lighter_set(const Catalog& catalog, const DependencyGraph& graph, double hours_per_week,
                        PlanAnswer& answer) {
    PlanRequest lighter = answer.request;
    lighter.objective = Objective::Hours;
    Plan light = make_plan(catalog, graph, lighter);
    if (!light.feasible) return;
    CapacitySchedule light_schedule = schedule_with_capacity(catalog, answer.request.held, light, hours_per_week);
    if (light_schedule.weeks < answer.schedule->weeks) {
        answer.schedule_note = fmt::format(
            "The fewest-hours set finishes sooner at this capacity ({} weeks) than the fastest set ({} weeks), so it "
            "is the plan shown.",
            light_schedule.weeks, answer.schedule->weeks);
        answer.plan = std::move(light);
        answer.schedule = std::move(light_schedule);
        answer.plan.optimal = false;  // optimal for weeks without a capacity no longer describes it
    } else {
        answer.schedule_note =
            fmt::format("The fastest set was kept: at this capacity it takes {} weeks, the fewest-hours set {}.",
                        answer.schedule->weeks, light_schedule.weeks);
    }
}
// The plan as the learner will follow it: the schedule's order and weeks.
void adopt_calendar(PlanAnswer& answer) {
    Plan& plan = answer.plan;
    answer.critical_path_weeks = plan.totals.weeks;
    CapacitySchedule* schedule = answer.schedule ? &*answer.schedule : nullptr;
    if (schedule) {
        for (std::size_t i = 0; i < plan.steps.size(); ++i) {
            plan.steps[i].start_week = schedule->steps[i].start_week;
            plan.steps[i].finish_week = schedule->steps[i].finish_week;
        }
        plan.totals.weeks = schedule->weeks;
    }
    std::vector<std::size_t> order(plan.steps.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return plan.steps[a].start_week < plan.steps[b].start_week;
    });
    std::vector<PlanStep> steps;
    std::vector<ScheduledStep> scheduled;
    for (std::size_t i : order) {
        steps.push_back(std::move(plan.steps[i]));
        if (schedule) scheduled.push_back(schedule->steps[i]);
    }
    plan.steps = std::move(steps);
    if (schedule) schedule->steps = std::move(scheduled);
}
}  // namespace

PlanAnswer answer_plan(const Catalog& given_catalog, const DependencyGraph& given_graph,
                       const ResolvedRequest& request) {
    const Catalog& catalog = request.catalog_or(given_catalog);
    const DependencyGraph& graph = request.graph_or(given_graph);
    PlanAnswer answer;
    answer.adjusted = request.adjusted;
    answer.request = request.plan_request();
    answer.skills_goal = request.skills_goal;
    answer.start = request.start;
    answer.plan = make_plan(catalog, graph, answer.request);
    if (!answer.plan.feasible) return answer;
    if (const std::optional<double> hours_per_week = request.asked.hours_per_week) {
        answer.schedule = schedule_with_capacity(catalog, answer.request.held, answer.plan, *hours_per_week);
        if (answer.request.objective == Objective::Weeks && !answer.plan.steps.empty())
            prefer_lighter_set(catalog, graph, *hours_per_week, answer);
    }
    if (answer.start) adopt_calendar(answer);
    return answer;
}

PlanSet answer_plan_set(const Catalog& given_catalog, const DependencyGraph& given_graph,
                        const ResolvedRequest& request, std::size_t count, bool pareto) {
    const Catalog& catalog = request.catalog_or(given_catalog);
    const DependencyGraph& graph = request.graph_or(given_graph);
    PlanSet set;
    set.adjusted = request.adjusted;
    set.request = request.plan_request();
    set.skills_goal = request.skills_goal;
    set.plans = pareto ? make_pareto(catalog, graph, set.request) : make_alternatives(catalog, graph, set.request, count);
    return set;
}

}  // namespace credpath
