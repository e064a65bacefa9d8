// Shared work between the options: one earliest-finish pass over the whole
// catalog gives every candidate's exact minimum weeks (and rules out the
// unreachable ones without a solve); when a candidate's cheapest plan already
// finishes at that minimum it is also its fastest plan (it is cheapest among
// all plans, so among the fastest ones too, and the remaining tie-breaks agree),
// so the second solve is skipped.
#include "credpath/plan/options.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "credpath/model/two_threads.hpp"
#include "planner_internal.hpp"

namespace credpath {

using planner_detail::kInf;
using planner_detail::ready_week;

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

// A flag per credential: 1 for the listed indices.
std::vector<std::uint8_t> flags_of(std::size_t size, const std::vector<std::uint32_t>& indices) {
    std::vector<std::uint8_t> flags(size, 0);
    for (std::uint32_t index : indices) flags[index] = 1;
    return flags;
}

// The credentials worth a solve: of the kinds asked, not held or excluded,
// reachable within max_weeks, and (with skills) drawing on something that
// teaches one of them. Counts the candidates and the unreachable ones.
std::vector<std::uint32_t> option_candidates(const Catalog& catalog, const DependencyGraph& graph,
                                             const OptionsRequest& request, const std::vector<std::uint8_t>& held,
                                             const std::vector<std::uint8_t>& excluded,
                                             const std::vector<double>& earliest, OptionsResult& result) {
    // Whether anything in a candidate's cone teaches one of the requested skills.
    const auto teaches_any = [&](std::uint32_t index) {
        for (std::uint32_t member : graph.cone({index}))
            for (const std::string& skill : catalog.credentials[member].skills)
                if (std::find(request.skills.begin(), request.skills.end(), skill) != request.skills.end()) return true;
        return false;
    };
    std::vector<std::uint32_t> candidates;
    for (std::uint32_t index = 0; index < catalog.credentials.size(); ++index) {
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
    return candidates;
}

// The cheapest and fastest plans of one candidate (nullopt when it has none
// within the limits); `plans` counts the solves.
std::optional<ReachableOption> solve_option(const Catalog& catalog, const DependencyGraph& graph,
                                            const OptionsRequest& request, std::uint32_t index, double earliest,
                                            std::uint32_t& plans) {
    PlanRequest plan_request;
    plan_request.targets = {index};
    plan_request.held = request.held;
    plan_request.excluded = request.excluded;
    plan_request.max_cost = request.max_cost;
    plan_request.max_weeks = request.max_weeks;
    plan_request.time_limit_seconds = request.time_limit_seconds;
    plan_request.first_day = request.first_day;
    plan_request.objective = Objective::Cost;
    plans = 1;
    const Plan cheapest = make_plan(catalog, graph, plan_request);
    if (!cheapest.feasible) return std::nullopt;
    ReachableOption option;
    option.credential = index;
    option.cheapest = summarize(cheapest);
    if (same_value(cheapest.totals.weeks, earliest)) {
        option.fastest = option.cheapest;
    } else {
        plan_request.objective = Objective::Weeks;
        plan_request.settle_ties = false;  // only its weeks and cost are shown as exact
        plans = 2;
        const Plan fastest = make_plan(catalog, graph, plan_request);
        option.fastest = fastest.feasible ? summarize(fastest) : option.cheapest;
    }
    return option;
}

// The held credentials the cheapest route names in its rules, the skills it
// covers and the progress made; false when skills were asked and it covers none.
bool describe_option(const Catalog& catalog, const OptionsRequest& request, const std::vector<std::uint8_t>& held,
                     ReachableOption& option) {
    const std::uint32_t index = option.credential;
    std::vector<std::uint32_t> route = option.cheapest.steps;
    if (std::find(route.begin(), route.end(), index) == route.end()) route.push_back(index);
    for (std::uint32_t member : route)
        if (const auto& rule = catalog.credentials[member].rule)
            for_each_source(catalog, *rule, member, [&](std::uint32_t source) {
                if (held[source]) option.held_used.push_back(source);
            });
    std::sort(option.held_used.begin(), option.held_used.end());
    option.held_used.erase(std::unique(option.held_used.begin(), option.held_used.end()), option.held_used.end());
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
        if (option.skills_covered.empty()) return false;  // teaches none of them
    }
    const double done = static_cast<double>(option.held_used.size());
    option.progress = done / (done + static_cast<double>(option.cheapest.steps.size()));
    return true;
}

// The steps of an option's plans that can start now (their rules are met by
// what is held, their co-requisites by what is held or starts now with them),
// each noted as advancing the option.
void note_advances(const Catalog& catalog, const std::vector<std::uint8_t>& held, const ReachableOption& option,
                   std::map<std::uint32_t, std::vector<std::uint32_t>>& advances) {
    for (const PlanSummary* summary : {&option.cheapest, &option.fastest}) {
        std::vector<std::uint32_t> now(summary->steps);
        const auto finish = [&](std::uint32_t d) { return held[d] ? 0.0 : kInf; };
        const auto started = [&](std::uint32_t d) {
            return held[d] || std::find(now.begin(), now.end(), d) != now.end() ? 0.0 : kInf;
        };
        // Steps leave `now` until every one left can start: a co-requisite
        // may start with them, and steps taken together start together.
        for (bool shrank = true; shrank;) {
            shrank = false;
            for (std::size_t k = now.size(); k-- > 0;)
                if (ready_week(catalog, now[k], finish, started) == kInf) {
                    now.erase(now.begin() + static_cast<std::ptrdiff_t>(k));
                    shrank = true;
                }
        }
        for (std::uint32_t step : summary->steps) {
            if (std::find(now.begin(), now.end(), step) == now.end()) continue;
            auto& list = advances[step];
            if (list.empty() || list.back() != option.credential) list.push_back(option.credential);
        }
    }
}

// Most skills covered first, then by the requested sort, then by id.
void sort_options(const Catalog& catalog, OptionSort sort, std::vector<ReachableOption>& options) {
    const auto less = [&](double a, double b) { return !same_value(a, b) && a < b; };
    std::sort(options.begin(), options.end(), [&](const ReachableOption& a, const ReachableOption& b) {
        if (a.skills_covered.size() != b.skills_covered.size()) return a.skills_covered.size() > b.skills_covered.size();
        switch (sort) {
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
        return catalog.credentials[a.credential].id < catalog.credentials[b.credential].id;
    });
}

// What to start now: each step with the options it advances (by id), those
// advancing most first.
std::vector<StartNow> start_now_list(const Catalog& catalog, std::map<std::uint32_t, std::vector<std::uint32_t>> advances,
                                     const std::optional<Date>& first_day) {
    const auto by_id = [&](std::uint32_t a, std::uint32_t b) { return catalog.credentials[a].id < catalog.credentials[b].id; };
    std::vector<StartNow> list;
    for (auto& [step, options] : advances) {
        std::sort(options.begin(), options.end(), by_id);
        options.erase(std::unique(options.begin(), options.end()), options.end());
        list.push_back({step, std::move(options), next_intake_of(catalog.credentials[step], first_day)});
    }
    std::sort(list.begin(), list.end(), [&](const StartNow& a, const StartNow& b) {
        if (a.advances.size() != b.advances.size()) return a.advances.size() > b.advances.size();
        return by_id(a.credential, b.credential);
    });
    return list;
}

}  // namespace

OptionsResult find_options(const Catalog& catalog, const DependencyGraph& graph, const OptionsRequest& request) {
    OptionsResult result;
    const std::vector<std::uint8_t> held = flags_of(catalog.credentials.size(), request.held);
    const std::vector<std::uint8_t> excluded = flags_of(catalog.credentials.size(), request.excluded);
    const std::vector<double> earliest = earliest_finish(catalog, graph, request.held, request.excluded, request.first_day);
    const std::vector<std::uint32_t> candidates =
        option_candidates(catalog, graph, request, held, excluded, earliest, result);

    // The candidates' plans on `jobs` threads (each solve has a CbcModel of
    // its own), then taken in candidate order, so the result is the same
    // whatever the number of threads.
    std::vector<std::optional<ReachableOption>> solved(candidates.size());
    std::vector<std::uint32_t> plans_of(candidates.size(), 0);
    std::atomic<std::size_t> planned{0};
    report_progress(request.progress, 0, candidates.size());
    for_each_slice_on_threads(candidates.size(), request.jobs > 0 ? request.jobs : std::thread::hardware_concurrency(),
                              [&](std::size_t i) {
                                  solved[i] = solve_option(catalog, graph, request, candidates[i],
                                                           earliest[candidates[i]], plans_of[i]);
                                  report_progress(request.progress, ++planned, candidates.size());
                              });

    std::map<std::uint32_t, std::vector<std::uint32_t>> advances;  // step -> options
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        std::optional<ReachableOption>& option = solved[i];
        result.solver_plans += plans_of[i];
        if (!option) {
            ++result.unreachable;
            continue;
        }
        result.optimal = result.optimal && option->cheapest.optimal && option->fastest.optimal;
        if (!describe_option(catalog, request, held, *option)) continue;
        note_advances(catalog, held, *option, advances);
        result.options.push_back(std::move(*option));
    }
    sort_options(catalog, request.sort, result.options);
    result.start_now = start_now_list(catalog, std::move(advances), request.first_day);
    return result;
}

}  // namespace credpath
