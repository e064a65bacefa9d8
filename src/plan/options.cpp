// Shared work between the options: one earliest-finish pass over the whole
// catalog gives every candidate's exact minimum weeks (and rules out the
// unreachable ones without a solve); when a candidate's cheapest plan already
// finishes at that minimum it is also its fastest plan (it is cheapest among
// all plans, so among the fastest ones too, and the remaining tie-breaks agree),
// so the second solve is skipped.
#include "credpath/plan/options.hpp"

#include <algorithm>
#include <map>

#include "planner_internal.hpp"

namespace credpath {

using planner_detail::kInf;
using planner_detail::sat_time;

std::vector<Kind> default_option_kinds() { return {Kind::Certificate, Kind::Diploma, Kind::Degree}; }

namespace {

PlanSummary summarize(const Plan& plan) {
    PlanSummary summary;
    summary.optimal = plan.optimal;
    summary.totals = plan.totals;
    for (const PlanStep& step : plan.steps) summary.steps.push_back(step.credential);
    return summary;
}

bool same_value(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }

}  // namespace

OptionsResult find_options(const Catalog& catalog, const DependencyGraph& graph, const OptionsRequest& request) {
    OptionsResult result;
    const std::size_t size = catalog.credentials.size();
    std::vector<std::uint8_t> held(size, 0);
    std::vector<std::uint8_t> excluded(size, 0);
    for (std::uint32_t index : request.held) held[index] = 1;
    for (std::uint32_t index : request.excluded) excluded[index] = 1;

    const std::vector<double> earliest = earliest_finish(catalog, graph, request.held, request.excluded);

    // Whether anything in a candidate's cone teaches one of the requested skills.
    const auto teaches_any = [&](std::uint32_t index) {
        for (std::uint32_t member : graph.cone({index}))
            for (const std::string& skill : catalog.credentials[member].skills)
                if (std::find(request.skills.begin(), request.skills.end(), skill) != request.skills.end()) return true;
        return false;
    };
    std::vector<std::uint32_t> candidates;
    for (std::uint32_t index = 0; index < size; ++index) {
        const Credential& credential = catalog.credentials[index];
        if (std::find(request.kinds.begin(), request.kinds.end(), credential.kind) == request.kinds.end()) continue;
        if (held[index] || excluded[index]) continue;
        ++result.candidates;
        if (earliest[index] == kInf ||
            (request.max_weeks && earliest[index] > *request.max_weeks + 1e-9 * std::max(1.0, *request.max_weeks))) {
            ++result.unreachable;
            continue;
        }
        if (!request.skills.empty() && !teaches_any(index)) continue;  // cannot cover any of the skills
        candidates.push_back(index);
    }

    std::vector<std::optional<ReachableOption>> slots(candidates.size());
    std::vector<std::uint32_t> plans(candidates.size(), 0);
    const auto solve = [&](std::size_t slot) {
        const std::uint32_t index = candidates[slot];
        PlanRequest plan_request;
        plan_request.targets = {index};
        plan_request.held = request.held;
        plan_request.excluded = request.excluded;
        plan_request.max_cost = request.max_cost;
        plan_request.max_weeks = request.max_weeks;
        plan_request.time_limit_seconds = request.time_limit_seconds;
        plan_request.objective = Objective::Cost;
        plans[slot] = 1;
        const Plan cheapest = make_plan(catalog, graph, plan_request);
        if (!cheapest.feasible) return;
        ReachableOption option;
        option.credential = index;
        option.cheapest = summarize(cheapest);
        if (same_value(cheapest.totals.weeks, earliest[index])) {
            option.fastest = option.cheapest;
        } else {
            plan_request.objective = Objective::Weeks;
            plan_request.settle_ties = false;  // only its weeks and cost are shown as exact
            plans[slot] = 2;
            const Plan fastest = make_plan(catalog, graph, plan_request);
            option.fastest = fastest.feasible ? summarize(fastest) : option.cheapest;
        }
        slots[slot] = std::move(option);
    };
    // Sequential: CBC 2.10's C interface parses its parameters through static
    // state (CbcMain), so two solves at once corrupt each other.
    for (std::size_t slot = 0; slot < candidates.size(); ++slot) solve(slot);

    std::map<std::uint32_t, std::vector<std::uint32_t>> advances;  // step -> options
    for (std::size_t slot = 0; slot < candidates.size(); ++slot) {
        result.solver_plans += plans[slot];
        if (!slots[slot]) {
            ++result.unreachable;
            continue;
        }
        ReachableOption& option = *slots[slot];
        const std::uint32_t index = option.credential;
        result.optimal = result.optimal && option.cheapest.optimal && option.fastest.optimal;

        // Held credentials the cheapest route names in its rules.
        std::vector<std::uint32_t> route = option.cheapest.steps;
        if (std::find(route.begin(), route.end(), index) == route.end()) route.push_back(index);
        for (std::uint32_t member : route)
            if (const auto& rule = catalog.credentials[member].rule)
                for_each_source(catalog, *rule, member, [&](std::uint32_t source) {
                    if (held[source]) option.held_used.push_back(source);
                });
        std::sort(option.held_used.begin(), option.held_used.end());
        option.held_used.erase(std::unique(option.held_used.begin(), option.held_used.end()),
                               option.held_used.end());
        if (!request.skills.empty()) {
            std::vector<std::uint32_t> teachers = route;
            teachers.insert(teachers.end(), option.held_used.begin(), option.held_used.end());
            for (const std::string& skill : request.skills)
                for (std::uint32_t member : teachers) {
                    const auto& taught = catalog.credentials[member].skills;
                    if (std::find(taught.begin(), taught.end(), skill) != taught.end()) {
                        option.skills_covered.push_back(skill);
                        break;
                    }
                }
            if (option.skills_covered.empty()) continue;  // teaches none of them
        }
        const double done = static_cast<double>(option.held_used.size());
        option.progress = done / (done + static_cast<double>(option.cheapest.steps.size()));

        for (const PlanSummary* summary : {&option.cheapest, &option.fastest})
            for (std::uint32_t step : summary->steps) {
                const Credential& first = catalog.credentials[step];
                const double start = first.rule ? sat_time(catalog, *first.rule, step, [&](std::uint32_t d) {
                    return held[d] ? 0.0 : kInf;
                })
                                                : 0.0;
                if (start != kInf) {
                    auto& list = advances[step];
                    if (list.empty() || list.back() != index) list.push_back(index);
                }
            }
        result.options.push_back(std::move(option));
    }

    const auto by_id = [&](std::uint32_t a, std::uint32_t b) { return catalog.credentials[a].id < catalog.credentials[b].id; };
    const auto less = [&](double a, double b) { return !same_value(a, b) && a < b; };
    std::sort(result.options.begin(), result.options.end(), [&](const ReachableOption& a, const ReachableOption& b) {
        if (a.skills_covered.size() != b.skills_covered.size()) return a.skills_covered.size() > b.skills_covered.size();
        switch (request.sort) {
        case OptionSort::Cost:
            if (!same_value(a.cheapest.totals.cost, b.cheapest.totals.cost))
                return less(a.cheapest.totals.cost, b.cheapest.totals.cost);
            if (!same_value(a.cheapest.totals.weeks, b.cheapest.totals.weeks))
                return less(a.cheapest.totals.weeks, b.cheapest.totals.weeks);
            break;
        case OptionSort::Weeks:
            if (!same_value(a.fastest.totals.weeks, b.fastest.totals.weeks))
                return less(a.fastest.totals.weeks, b.fastest.totals.weeks);
            if (!same_value(a.fastest.totals.cost, b.fastest.totals.cost))
                return less(a.fastest.totals.cost, b.fastest.totals.cost);
            break;
        case OptionSort::Progress:
            if (!same_value(a.progress, b.progress)) return less(b.progress, a.progress);
            if (!same_value(a.cheapest.totals.cost, b.cheapest.totals.cost))
                return less(a.cheapest.totals.cost, b.cheapest.totals.cost);
            break;
        }
        return by_id(a.credential, b.credential);
    });

    for (auto& [step, options] : advances) {
        std::sort(options.begin(), options.end(), by_id);
        options.erase(std::unique(options.begin(), options.end()), options.end());
        result.start_now.push_back({step, std::move(options)});
    }
    std::sort(result.start_now.begin(), result.start_now.end(), [&](const StartNow& a, const StartNow& b) {
        if (a.advances.size() != b.advances.size()) return a.advances.size() > b.advances.size();
        return by_id(a.credential, b.credential);
    });
    return result;
}

}  // namespace credpath
