#include "credpath/plan/answer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include "planner_internal.hpp"

namespace credpath {

namespace {
using planner_detail::format_number;

// The fastest set need not be the fastest under a weekly capacity: the set
// with the fewest study hours may schedule sooner.
void prefer_lighter_set(const Catalog& catalog, const DependencyGraph& graph, double hours_per_week,
                        PlanAnswer& answer) {
    PlanRequest lighter = answer.request;
    lighter.objective = Objective::Hours;
    Plan light = make_plan(catalog, graph, lighter);
    if (!light.feasible) return;
    CapacitySchedule light_schedule =
        schedule_with_capacity(catalog, answer.request.held, light, hours_per_week, answer.request.first_day);
    if (!light_schedule.feasible) return;
    if (!answer.schedule->feasible || light_schedule.weeks < answer.schedule->weeks - 1e-9) {
        answer.schedule_note = fmt::format(
            "The fewest-hours set finishes sooner at this capacity ({} weeks) than the fastest set ({}), so it "
            "is the plan shown.",
            format_number(light_schedule.weeks),
            answer.schedule->feasible ? format_number(answer.schedule->weeks) + " weeks" : "which cannot be scheduled");
        answer.plan = std::move(light);
        answer.schedule = std::move(light_schedule);
        answer.plan.optimal = false;  // optimal for weeks without a capacity no longer describes it
        answer.not_optimal_reason = "the fewest-hours set is shown: it schedules sooner at this capacity";
    } else {
        answer.schedule_note =
            fmt::format("The fastest set was kept: at this capacity it takes {} weeks, the fewest-hours set {}.",
                        format_number(answer.schedule->weeks), format_number(light_schedule.weeks));
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
// The objective and the contract's tie-breaks, in order.
std::array<double, 4> plan_key(const Plan& plan, Objective objective) {
    const PlanTotals& t = plan.totals;
    const double count = t.count;
    switch (objective) {
    case Objective::Cost: return {t.cost, t.weeks, count, 0};
    case Objective::Hours: return {t.hours, t.cost, t.weeks, count};
    case Objective::Count: return {count, t.cost, t.weeks, 0};
    case Objective::Weeks: return {t.weeks, t.cost, count, 0};
    }
    return {t.cost, t.weeks, count, 0};
}

bool better_plan(const Plan& a, const Plan& b, Objective objective) {
    if (!a.feasible) return false;
    if (!b.feasible) return true;
    const auto ka = plan_key(a, objective);
    const auto kb = plan_key(b, objective);
    for (std::size_t i = 0; i < ka.size(); ++i) {
        const double tolerance = 1e-9 * std::max({1.0, std::fabs(ka[i]), std::fabs(kb[i])});
        if (ka[i] < kb[i] - tolerance) return true;
        if (ka[i] > kb[i] + tolerance) return false;
    }
    return false;
}

Date calendar_start(const ResolvedRequest& request) { return request.start.value_or(request.learner.as_of); }

// Held credentials with an end date that can matter for the goal: in the
// cone of the targets (or of `steps`), or teaching a goal skill.
std::vector<HeldUntil> lapsing_within_reach(const Catalog& catalog, const DependencyGraph& graph,
                                            const ResolvedRequest& request, const std::vector<PlanStep>& steps) {
    const Holdings& holdings = request.learner.holdings;
    if (holdings.expiring.empty()) return {};
    std::vector<std::uint32_t> roots = request.plan.targets;
    for (const PlanStep& step : steps) roots.push_back(step.credential);
    std::vector<std::uint32_t> reach = graph.cone(roots);
    for (const std::string& skill : request.skills)
        if (auto teachers = catalog.by_skill.find(skill); teachers != catalog.by_skill.end())
            reach.insert(reach.end(), teachers->second.begin(), teachers->second.end());
    std::sort(reach.begin(), reach.end());
    std::vector<HeldUntil> out;
    for (const HeldUntil& held : holdings.expiring)
        if (std::binary_search(reach.begin(), reach.end(), held.credential)) out.push_back(held);
    std::sort(out.begin(), out.end(), [](const HeldUntil& a, const HeldUntil& b) {
        return a.invalid_from != b.invalid_from ? a.invalid_from < b.invalid_from : a.credential < b.credential;
    });
    return out;
}

// A lapse regime of --renew: the first k lapsing credentials (by date) are
// renewable steps (no longer held), and the plan must be done before the
// next one lapses. Every plan valid under --renew is valid in the regime of
// its completion date, so the best over all regimes is exact.
struct LapseRegime {
    PlanRequest request;
    std::shared_ptr<const AdjustedCatalog> catalog;
    std::vector<std::uint32_t> renewable;
};

// The regimes of `request` (none when nothing within reach lapses).
template <class Visit>
void for_each_regime(const Catalog& catalog, const DependencyGraph& graph, const ResolvedRequest& request,
                     const PlanRequest& base, Visit&& visit) {
    const std::vector<HeldUntil> lapsing = lapsing_within_reach(catalog, graph, request, {});
    if (lapsing.empty()) return;
    const Date start = calendar_start(request);
    Catalog adjusted = catalog;
    std::vector<std::uint32_t> renewable;
    for (std::size_t k = 0; k <= lapsing.size(); ++k) {
        if (k > 0) {
            // One more credential lapses in this regime: renewing it is a step.
            const std::uint32_t index = lapsing[k - 1].credential;
            Credential& credential = adjusted.credentials[index];
            if (credential.renewal) {
                credential.cost = credential.renewal->cost;
                credential.hours = credential.renewal->hours;
                credential.weeks = credential.renewal->weeks;
            }
            credential.rule.reset();
            renewable.push_back(index);
        }
        LapseRegime regime{base, nullptr, renewable};
        std::erase_if(regime.request.held, [&](std::uint32_t held) {
            return std::find(renewable.begin(), renewable.end(), held) != renewable.end();
        });
        if (k < lapsing.size()) {
            // Done before the next one lapses: completion day (rounded) before its first invalid day.
            const double days = static_cast<double>(days_between(start, lapsing[k].invalid_from));
            if (days < 1) continue;
            const double limit = (days - 0.5) / 7 - 1e-7;
            regime.request.max_weeks = regime.request.max_weeks ? std::min(*regime.request.max_weeks, limit) : limit;
        }
        regime.catalog = std::make_shared<const AdjustedCatalog>(adjusted);
        visit(regime);
    }
}

// --renew: the best plan over the lapse regimes.
void plan_with_renewals(const Catalog& catalog, const DependencyGraph& graph, const ResolvedRequest& request,
                        PlanAnswer& answer) {
    bool all_proven = answer.plan.optimal || !answer.plan.feasible;
    std::optional<Plan> best;
    LapseRegime best_regime;
    for_each_regime(catalog, graph, request, answer.request, [&](const LapseRegime& regime) {
        Plan plan = make_plan(regime.catalog->catalog, regime.catalog->graph, regime.request);
        if (plan.feasible && !plan.optimal) all_proven = false;
        if (!best || better_plan(plan, *best, regime.request.objective)) {
            best = std::move(plan);
            best_regime = regime;
        }
    });
    if (!best) return;  // nothing within reach lapses
    if (!best->feasible || !better_plan(*best, answer.plan, answer.request.objective)) {
        // The plan made with everything held is kept when it needs no renewal.
        const std::vector<HeldUntil> relied = lapsing_within_reach(catalog, graph, request, answer.plan.steps);
        const Date done = add_weeks(calendar_start(request), answer.plan.totals.weeks);
        const bool lapses = std::any_of(relied.begin(), relied.end(),
                                        [&](const HeldUntil& h) { return h.invalid_from <= done; });
        if (!lapses) return;
    }
    best->optimal = best->optimal && all_proven;
    answer.plan = std::move(*best);
    answer.adjusted = best_regime.catalog;
    answer.request = best_regime.request;
    for (const PlanStep& step : answer.plan.steps)
        if (std::find(best_regime.renewable.begin(), best_regime.renewable.end(), step.credential) !=
            best_regime.renewable.end())
            answer.renewals.push_back(step.credential);
    std::sort(answer.renewals.begin(), answer.renewals.end());
}

// --renew with several plans: the frontier of each regime, merged (a point of
// the overall frontier is on the frontier of its own regime, so the merge is
// exact). Alternatives would need more than `count` plans of each regime (one
// regime's may all be supersets of another's), so the CLI refuses them.
std::vector<Plan> plan_set_with_renewals(const Catalog& catalog, const DependencyGraph& graph,
                                         const ResolvedRequest& request, const PlanRequest& base, std::size_t count,
                                         bool pareto, std::shared_ptr<const AdjustedCatalog>& shown,
                                         const ProgressCallback& progress) {
    std::vector<Plan> merged;
    // The plans of every regime so far, counted on.
    const ProgressCallback counted = [&](std::size_t done, std::size_t) {
        report_progress(progress, merged.size() + done, 0);
    };
    for_each_regime(catalog, graph, request, base, [&](const LapseRegime& regime) {
        std::vector<Plan> plans = pareto ? make_pareto(regime.catalog->catalog, regime.catalog->graph, regime.request,
                                                       progress ? counted : ProgressCallback{})
                                         : make_alternatives(regime.catalog->catalog, regime.catalog->graph,
                                                             regime.request, count);
        for (Plan& plan : plans) merged.push_back(std::move(plan));
        shown = regime.catalog;  // the last regime renews every lapsing credential: its steps say what each costs
    });
    // Best first: by the objective for alternatives, by cost then weeks for a frontier.
    const Objective objective = pareto ? Objective::Cost : base.objective;
    std::stable_sort(merged.begin(), merged.end(),
                     [&](const Plan& a, const Plan& b) { return better_plan(a, b, objective); });
    auto step_set = [](const Plan& plan) {
        std::vector<std::uint32_t> ids;
        for (const PlanStep& step : plan.steps) ids.push_back(step.credential);
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    std::vector<Plan> out;
    std::vector<std::vector<std::uint32_t>> seen;
    for (Plan& plan : merged) {
        if (!plan.feasible) continue;
        std::vector<std::uint32_t> set = step_set(plan);
        if (std::find(seen.begin(), seen.end(), set) != seen.end()) continue;
        if (pareto && std::any_of(out.begin(), out.end(), [&](const Plan& kept) {
                return kept.totals.cost <= plan.totals.cost + 1e-9 && kept.totals.weeks <= plan.totals.weeks + 1e-9;
            }))
            continue;  // dominated by a plan of another regime
        seen.push_back(std::move(set));
        out.push_back(std::move(plan));
        if (!pareto && out.size() == count) break;
    }
    return out;
}

// Whether the plan needs `credential` held: a target, a teacher of a goal
// skill (counted as needed), or a step's rule fails without it.
bool relied_on(const ResolvedRequest& request, const PlanAnswer& answer, const Catalog& planned,
               const DependencyGraph& planned_graph, std::uint32_t credential) {
    const std::vector<std::uint32_t>& targets = answer.request.targets;
    if (std::find(targets.begin(), targets.end(), credential) != targets.end()) return true;
    const std::vector<std::string>& teaches = planned.credentials[credential].skills;
    for (const std::string& skill : request.skills)
        if (std::find(teaches.begin(), teaches.end(), skill) != teaches.end()) return true;
    std::vector<std::uint32_t> held = answer.request.held;
    std::erase(held, credential);
    std::vector<std::uint32_t> steps;
    for (const PlanStep& step : answer.plan.steps) steps.push_back(step.credential);
    return !evaluate_plan(planned, planned_graph, held, steps, answer.request.first_day, answer.plan.withheld)
                .feasible;
}

// Flags what the plan relies on and lapses before it is done, by its final calendar.
void flag_lapses(const Catalog& catalog, const DependencyGraph& graph, const ResolvedRequest& request,
                 PlanAnswer& answer) {
    if (!answer.plan.feasible) return;
    const Catalog& planned = answer.adjusted ? answer.adjusted->catalog : catalog;
    const DependencyGraph& planned_graph = answer.adjusted ? answer.adjusted->graph : graph;
    const Date done = add_weeks(calendar_start(request), answer.plan.totals.weeks);
    for (const HeldUntil& held : lapsing_within_reach(catalog, graph, request, answer.plan.steps)) {
        if (held.invalid_from > done) continue;
        const bool renewed =
            std::binary_search(answer.renewals.begin(), answer.renewals.end(), held.credential);
        if (!renewed && !relied_on(request, answer, planned, planned_graph, held.credential)) continue;
        answer.expiring.push_back({held.credential, held.expires_on, renewed});
        // Asked to renew, yet a relied-on credential lapses (a schedule ran
        // past it): the plan is not the one asked for.
        if (!renewed && request.asked.renew.value_or(false)) {
            answer.plan.optimal = false;
            answer.not_optimal_reason = "a credential it relies on lapses before the scheduled plan is done";
        }
    }
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
    if (request.asked.renew.value_or(false)) plan_with_renewals(catalog, graph, request, answer);
    if (!answer.plan.feasible) return answer;
    const Catalog& planned = answer.adjusted ? answer.adjusted->catalog : catalog;
    const DependencyGraph& planned_graph = answer.adjusted ? answer.adjusted->graph : graph;
    if (const std::optional<double> hours_per_week = request.asked.hours_per_week) {
        answer.schedule = schedule_with_capacity(planned, answer.request.held, answer.plan, *hours_per_week,
                                                 answer.request.first_day);
        if (answer.request.objective == Objective::Weeks && !answer.plan.steps.empty())
            prefer_lighter_set(planned, planned_graph, *hours_per_week, answer);
        if (!answer.schedule->feasible) {
            // The set cannot be followed at this capacity: no plan to show.
            answer.plan.feasible = false;
            answer.plan.optimal = false;
            answer.plan.reason = answer.schedule->reason;
            answer.plan.steps.clear();
            answer.schedule.reset();
            return answer;
        }
    }
    const auto has_intakes = [&](const PlanStep& step) {
        return planner_detail::has_intakes(planned.credentials[step.credential], answer.request.first_day);
    };
    if (!answer.start && std::any_of(answer.plan.steps.begin(), answer.plan.steps.end(), has_intakes))
        answer.start = answer.request.first_day;  // a plan with intakes is a calendar
    if (answer.start) adopt_calendar(answer);
    flag_lapses(catalog, graph, request, answer);
    return answer;
}

PlanSet answer_plan_set(const Catalog& given_catalog, const DependencyGraph& given_graph,
                        const ResolvedRequest& request, std::size_t count, bool pareto,
                        const ProgressCallback& progress) {
    const Catalog& catalog = request.catalog_or(given_catalog);
    const DependencyGraph& graph = request.graph_or(given_graph);
    PlanSet set;
    set.adjusted = request.adjusted;
    set.request = request.plan_request();
    set.skills_goal = request.skills_goal;
    if (request.asked.renew.value_or(false)) {
        std::shared_ptr<const AdjustedCatalog> shown;
        std::vector<Plan> plans =
            plan_set_with_renewals(catalog, graph, request, set.request, count, pareto, shown, progress);
        if (shown) {
            set.plans = std::move(plans);
            set.adjusted = shown;
            return set;
        }
    }
    set.plans = pareto ? make_pareto(catalog, graph, set.request, progress)
                       : make_alternatives(catalog, graph, set.request, count, progress);
    return set;
}

}  // namespace credpath
