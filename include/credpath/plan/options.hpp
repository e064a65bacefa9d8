// What a learner could reach: for every qualification of the chosen kinds, its
// cheapest and its fastest exact plan; and what can be started today.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "credpath/graph/graph.hpp"
#include "credpath/model/model.hpp"
#include "credpath/model/progress.hpp"
#include "credpath/plan/planner.hpp"

namespace credpath {

enum class OptionSort { Cost, Weeks, Progress };
// The sorts' names, as --sort takes them and the output says them.
inline constexpr Named<OptionSort> kOptionSorts[] = {
    {OptionSort::Cost, "cost"}, {OptionSort::Weeks, "weeks"}, {OptionSort::Progress, "progress"}};

struct OptionsRequest {
    std::vector<Kind> kinds;              // which credentials are options
    std::vector<std::uint32_t> held;      // sorted, not expired
    std::vector<std::uint32_t> excluded;  // sorted
    std::optional<double> max_cost;       // both plans must meet the limits
    std::optional<double> max_weeks;
    OptionSort sort = OptionSort::Cost;
    // When set, only options whose cheapest route teaches some of these skills,
    // ranked by how many it teaches (most first), then by `sort`.
    std::vector<std::string> skills;
    std::optional<Date> first_day;  // intakes count from it (PlanRequest::first_day)
    double time_limit_seconds = 300;
    unsigned jobs = 0;          // threads planning candidates (0: one per core)
    ProgressCallback progress;  // hears each candidate planned, of all of them (from any thread)
};

struct PlanSummary {
    bool optimal = false;
    std::vector<std::uint32_t> steps;  // credentials to add, in plan order
    PlanTotals totals;
};

struct ReachableOption {
    std::uint32_t credential = 0;
    PlanSummary cheapest;  // --minimize cost under the limits
    PlanSummary fastest;   // --minimize weeks under the limits
    // Held credentials the cheapest plan builds on (named by the rules of the
    // target and of its steps), and the share of the route they make up:
    // held_used / (held_used + cheapest steps).
    std::vector<std::uint32_t> held_used;
    double progress = 0;
    // Of the request's skills, those the option, its cheapest steps or the held
    // credentials it builds on teach, in the request's order.
    std::vector<std::string> skills_covered;
};

// A credential the learner can start today (its requirements are met by what
// they hold) that is a step of some option's cheapest or fastest plan.
struct StartNow {
    std::uint32_t credential = 0;
    std::vector<std::uint32_t> advances;  // options whose plans include it, sorted by id
    NextIntake intake;                    // whether it waits for an intake, and which
};

struct OptionsResult {
    std::vector<ReachableOption> options;  // sorted by the request's key, then id
    std::vector<StartNow> start_now;       // most options advanced first, then id
    std::uint32_t candidates = 0;          // credentials of the kinds, not held, not excluded
    std::uint32_t unreachable = 0;         // candidates without a plan under the limits
    std::uint32_t solver_plans = 0;        // exact plans computed
    bool optimal = true;                   // every plan proven optimal
};

std::vector<Kind> default_option_kinds();  // certificate, diploma, degree

// Requires a validated (acyclic) catalog.
OptionsResult find_options(const Catalog& catalog, const DependencyGraph& graph, const OptionsRequest& request);

}  // namespace credpath
