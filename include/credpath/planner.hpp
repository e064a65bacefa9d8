// The exact planner: which credentials to add so that every target is held,
// optimal for an objective under hard limits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/graph.hpp"
#include "credpath/model.hpp"

namespace credpath {

enum class Objective { Cost, Hours, Count, Weeks };

std::string_view to_string(Objective objective);
std::optional<Objective> objective_from_string(std::string_view text);

struct PlanRequest {
    std::vector<std::uint32_t> targets;   // credential indices
    std::vector<std::uint32_t> held;      // held and not expired
    std::vector<std::uint32_t> excluded;  // never added
    Objective objective = Objective::Cost;
    std::optional<double> max_cost;
    std::optional<double> max_weeks;
    double time_limit_seconds = 300;  // per solver call
    // Solve each stage under a weeks cap first without the weeks model, keeping
    // the result when its schedule meets the cap (exact either way: the
    // relaxation's optimum is then optimal). Off only to exercise the full
    // model, e.g. in tests.
    bool relax_weeks = true;
};

// start_week is when the step's rule is first met: a held credential counts from
// week 0, a step from its finish_week; `all` takes the latest part, `any` the
// earliest, `at_least N` the N-th earliest, credits the first week the finished
// sources add up, skills the latest skill's earliest teacher.
// finish_week = start_week + the credential's weeks.
struct PlanStep {
    std::uint32_t credential = 0;
    double start_week = 0;
    double finish_week = 0;
    std::vector<std::uint32_t> unlocks;  // plan steps whose rule relies on this step
};

struct PlanTotals {
    double cost = 0;
    double hours = 0;
    double weeks = 0;
    double credits = 0;
    std::uint32_t count = 0;
};

struct PlanStats {
    std::uint32_t cone_size = 0;     // credentials that can matter for the targets
    std::uint32_t solver_calls = 0;  // MIP solves (0: no choice was left)
    std::uint32_t variables = 0;     // columns of the largest model
    std::uint32_t rows = 0;          // rows of the largest model
    double seconds = 0;
    std::uint32_t relevant = 0;      // credentials left as choices after presolve
    std::uint32_t forced = 0;        // of those, the ones every plan must add
};

struct Plan {
    bool feasible = false;
    bool optimal = false;  // proven optimal for the objective under the limits
    std::string reason;    // when infeasible: what a person can act on
    std::vector<PlanStep> steps;  // each after everything it relies on
    PlanTotals totals;
    PlanStats stats;
};

// Requires an acyclic graph of `catalog` (a validated catalog).
//
// The plan is the exact lexicographic optimum over all sets S of credentials to
// add (S disjoint from held and excluded, every target in held + S, every member
// of S has its rule met by held + S). Keys, compared in this order (doubles with a
// relative tolerance of 1e-9):
//   cost:  (cost, weeks, count, idkey, idlex)
//   hours: (hours, cost, weeks, count, idkey, idlex)
//   count: (count, cost, weeks, idkey, idlex)
//   weeks: (weeks, cost, count, idkey, idlex)
// cost, hours and count are sums over S (a credential counts once however many
// rules need it); weeks is the finish of the last step when every step starts as
// soon as its rule is met (see PlanStep). idkey is the sum over S of each
// credential's rank, its 0-based position in the id-sorted list of the targets'
// cone (graph.cone): smaller prefers alphabetically earlier ids. idlex settles
// what is still tied: at the first rank where two sets differ, the set holding
// that credential wins. The order is total, so the plan is unique.
// --max-cost / --max-weeks are hard limits (same tolerance).
//
// When a solver call reaches time_limit_seconds, the best plan found so far is
// returned with optimal = false (presolve always knows one plan: every target's
// fastest way); when none meets the limits, feasible = false and the reason says
// the time limit was reached. Infeasible reasons name the blocking credentials
// (excluded ones, ones nothing can reach, skills nobody available teaches,
// credits that cannot add up) or give the numbers of the limits.
Plan make_plan(const Catalog& catalog, const DependencyGraph& graph, const PlanRequest& request);

// Schedules a given set of credentials to add, exactly as make_plan reports its
// own plans: steps in dependency order (ties by id) with start/finish weeks and
// unlocks, and the totals. Members of `held` in `chosen` are ignored. `feasible`
// is false, with a reason, when some step's rule is not met by held + chosen;
// `optimal` is always false (nothing was optimised).
Plan evaluate_plan(const Catalog& catalog, const DependencyGraph& graph,
                   const std::vector<std::uint32_t>& held, const std::vector<std::uint32_t>& chosen);

}  // namespace credpath
