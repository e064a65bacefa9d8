// The exact planner: which credentials to add so that every target is held,
// optimal for an objective under hard limits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "credpath/graph/graph.hpp"
#include "credpath/model/model.hpp"
#include "credpath/model/progress.hpp"
#include "credpath/model/request.hpp"

namespace credpath {

// A rule a plan must meet besides its targets, e.g. an unmet part of a
// target's rule (explain) or a list of skills (plan --skills). `rule` points
// into the catalog or to a Rule the caller keeps alive during the call.
// `owner`, when set, is the credential whose rule this is (or contains): as for
// that credential's own rule it is no source of `tagged` credits or of skills,
// and it is never added by the plan (as if excluded).
struct GoalRule {
    const Rule* rule = nullptr;
    std::optional<std::uint32_t> owner;
};

struct PlanRequest {
    std::vector<std::uint32_t> targets;   // credential indices
    std::vector<GoalRule> goals;          // rules to meet; targets, goals or both
    std::vector<std::uint32_t> held;      // held and not expired
    std::vector<std::uint32_t> excluded;  // never added
    // Pins: credentials every plan adds (unless held), with what they
    // require; the rest is optimal around them.
    std::vector<std::uint32_t> included;
    // Overlap limits: at most max_overlap credentials count toward any two
    // targets added by the plan (besides the catalog's `overlap` limits); a
    // credential counts toward one when that one's own `requires` uses it (a
    // leaf, a credits source counted, a skill's teacher). `applied` pins
    // assignments: (credential, qualification) both in the plan (as included),
    // the first counting toward the second.
    std::optional<std::uint32_t> max_overlap;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> applied;
    Objective objective = Objective::Cost;
    std::optional<double> max_cost;
    std::optional<double> max_weeks;
    // Plans must take strictly fewer weeks than this (beyond the 1e-9
    // tolerance, so a plan of exactly this many weeks does not qualify). The
    // solver gets a cap halfway between two multiples of the finest decimal
    // step (down to 1e-6) all the credentials' weeks are on; with weeks finer
    // than that the cap is 1e-6 relative below and the plan is not claimed
    // optimal.
    std::optional<double> weeks_below;
    // The plan's first day. With one, a credential with intakes (`starts`)
    // starts on its first intake on or after the day its rule is met, and one
    // with no intake left by then cannot be taken; weeks are counted from it
    // (a day is 1/7 week). Without one, intakes are not looked at.
    std::optional<Date> first_day;
    double time_limit_seconds = 300;  // per solver call
    // false: stop before the id keys (idkey, idlex) and return one of the plans
    // tied on the other keys, as found: cost, weeks and count (and hours when
    // minimised) are exact, the set is not the unique tie-broken one. For callers that show totals only
    // (options' fastest plans).
    bool settle_ties = true;
    // Solve each stage under a weeks cap first without the weeks model, keeping
    // the result when its schedule meets the cap (exact either way: the
    // relaxation's optimum is then optimal). Off only to exercise the full
    // model, e.g. in tests.
    bool relax_weeks = true;
};

// A step is ready when its rule is first met: a held credential counts from
// week 0, a step from its finish_week; `all` takes the latest part, `any` the
// earliest, `at_least N` the N-th earliest, credits the first week the finished
// sources add up, skills the latest skill's earliest teacher. start_week is
// that week, or with intakes (PlanRequest::first_day) the week of its first
// intake on or after that day. finish_week = start_week + the credential's weeks.
// When a credential can start on a plan's calendar, as advisors' lists show
// it: `bound` when it starts only on intakes (it has `starts` and there is a
// first day); `next` is then its first intake on or after the first day
// (none: all are past).
struct NextIntake {
    bool bound = false;
    std::optional<Date> next;
};
NextIntake next_intake_of(const Credential& credential, const std::optional<Date>& first_day);

struct PlanStep {
    std::uint32_t credential = 0;
    double start_week = 0;
    double finish_week = 0;
    std::vector<std::uint32_t> unlocks;  // plan steps whose rule relies on this step
    // Plan steps this one counts toward: their own `requires` uses it, and
    // the overlap limits let it count there (in plan order).
    std::vector<std::uint32_t> applied_to;
};

struct PlanTotals {
    double cost = 0;
    double hours = 0;
    double weeks = 0;
    double credits = 0;
    std::uint32_t count = 0;
};

struct PlanStats {
    std::uint32_t cone_size = 0;     // credentials that can matter for the targets and goals
    std::uint32_t solver_calls = 0;  // MIP solves (0: no choice was left)
    std::uint32_t variables = 0;     // columns of the largest model
    std::uint32_t rows = 0;          // rows of the largest model
    double seconds = 0;
    std::uint32_t relevant = 0;      // credentials left as choices after presolve
    std::uint32_t forced = 0;        // of those, the ones every plan must add
};

// An overlap limit in force in a plan (both credentials are steps).
struct PlanOverlap {
    std::uint32_t a = 0;  // ids in order
    std::uint32_t b = 0;
    std::uint32_t at_most = 0;
    std::vector<std::uint32_t> shared;  // what counts toward both, held ones included (by id)
};

struct Plan {
    bool feasible = false;
    bool optimal = false;  // proven optimal for the objective under the limits
    std::string reason;    // when infeasible: what a person can act on
    std::vector<PlanStep> steps;  // each after everything it relies on
    std::vector<PlanOverlap> overlaps;  // the limits in force, by ids
    // The assignment under them: (credential, what does not count toward it,
    // a step or a held credential its rule could use), sorted; empty without
    // limits in force. Schedules of the plan (capacity) keep to it.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> withheld;
    PlanTotals totals;
    PlanStats stats;
};

// Requires an acyclic graph of `catalog` (a validated catalog).
//
// The plan is the exact lexicographic optimum over all sets S of credentials to
// add (S disjoint from held, excluded and the goals' owners, every target in
// held + S, every goal rule and the rule of every member of S met by held + S).
// A request needs at least one target or goal; without, or with a goal whose
// rule is null or whose owner is no credential, the plan is infeasible with a
// reason. Keys, compared in this order (doubles with a relative tolerance of
// 1e-9):
//   cost:  (cost, weeks, count, idkey, idlex)
//   hours: (hours, cost, weeks, count, idkey, idlex)
//   count: (count, cost, weeks, idkey, idlex)
//   weeks: (weeks, cost, count, idkey, idlex)
// cost, hours and count are sums over S (a credential counts once however many
// rules need it); weeks is the finish of the last step when every step starts as
// soon as its rule is met (see PlanStep); a goal is met when its rule is (like
// a target of zero weeks), never after the last step. idkey is the sum over S of
// each credential's rank, its 0-based position in the id-sorted list of the cone
// (graph.cone of the targets and of every credential a goal rule names directly:
// its refs and credit lists, and the credentials other than its owner carrying
// its tags or teaching its skills): smaller prefers alphabetically earlier ids.
// idlex settles what is still tied: at the first rank where two sets differ, the
// set holding that credential wins. The order is total, so the plan is unique.
// --max-cost / --max-weeks are hard limits (same tolerance), weeks_below a
// strict one (weeks < weeks_below beyond the tolerance). S never holds two
// credentials that exclude each other (`excludes`), nor one that excludes a
// held credential.
//
// When a solver call reaches time_limit_seconds, the best plan found so far is
// returned with optimal = false (presolve always knows one plan: every target's
// and goal's fastest way); when none meets the limits, feasible = false and the reason says
// the time limit was reached. Infeasible reasons name the blocking credentials
// (excluded ones, ones nothing can reach, skills nobody available teaches,
// credits that cannot add up; "cannot reach target X: ..." and "cannot meet
// goal: ...") or give the numbers of the limits.
Plan make_plan(const Catalog& catalog, const DependencyGraph& graph, const PlanRequest& request);

// The k best plans that are different routes, in make_plan's order for
// request.objective under the same limits: the first is make_plan's plan, and
// each next one is the best plan (in that order) that does not contain every
// credential added by any earlier one. A plan adding to an earlier one only adds
// credentials to the same route, so it is left out; a plan that adds nothing
// (everything already held) has no alternative. Every plan is exact for its
// rank: optimal = true when it and every plan before it were proven.
// Fewer than k plans when no other plan meets the limits. When make_plan's plan
// is infeasible it is the only element (with its reason); when the search for a
// next plan reaches the time limit without one, the list ends with an
// infeasible plan whose reason says so. k = 0 gives an empty list.
// `progress` hears each plan found of k.
std::vector<Plan> make_alternatives(const Catalog& catalog, const DependencyGraph& graph,
                                    const PlanRequest& request, std::size_t k, const ProgressCallback& progress = {});

// The cost-time Pareto frontier under the request's limits (request.objective
// is ignored): one plan per non-dominated (cost, weeks) pair, by increasing cost
// and strictly decreasing weeks (both compared with the 1e-9 tolerance). Each is
// the lexicographic optimum (cost, weeks, count, idkey, idlex) among the plans
// taking fewer weeks than the one before it, i.e. make_plan's cost plan with
// max_weeks set to its weeks: the first is make_plan's cost plan, the last takes
// the fewest weeks possible under the limits. optimal = true when every solve up
// to that point was proven. When no plan meets the limits, the only element is
// the infeasible cost plan with its reason; when the sweep reaches the time
// limit, the list ends with an infeasible plan whose reason says so.
// `progress` hears each point found (of a total not known ahead: 0).
std::vector<Plan> make_pareto(const Catalog& catalog, const DependencyGraph& graph, const PlanRequest& request,
                              const ProgressCallback& progress = {});

// The exact weeks recursion over the whole catalog: the earliest week each
// credential can be finished when every credential not excluded may be added
// and each step starts as soon as its rule is met (as PlanStep); held ones
// finish at week 0; infinity where no way exists. One pass in topological order.
// With `first_day`, intakes are kept as by make_plan. A credential that
// excludes a held one counts as excluded; pairs among the others are ignored,
// so with exclusions this is a lower bound.
std::vector<double> earliest_finish(const Catalog& catalog, const DependencyGraph& graph,
                                    const std::vector<std::uint32_t>& held, const std::vector<std::uint32_t>& excluded,
                                    const std::optional<Date>& first_day);

// A lower bound on the cost of reaching each credential (0 when held, infinity
// when excluded or out of reach): the same recursion with costs for weeks, its
// own cost plus the bound of what its rule cannot do without; never above
// make_plan's cheapest cost. One pass.
std::vector<double> reach_cost_bound(const Catalog& catalog, const DependencyGraph& graph,
                                     const std::vector<std::uint32_t>& held, const std::vector<std::uint32_t>& excluded);

// Schedules a given set of credentials to add, exactly as make_plan reports its
// own plans: steps in dependency order (ties by id) with start/finish weeks and
// unlocks, and the totals. Members of `held` in `chosen` are ignored. `feasible`
// is false, with a reason, when some step's rule is not met by held + chosen;
// `optimal` is always false (nothing was optimised).
// With `first_day`, steps start on their intakes, and a step with no intake
// left makes the set infeasible (named in the reason).
// `withheld` is an overlap assignment (Plan::withheld): a pair (q, d) means d
// does not count toward q's own rule.
Plan evaluate_plan(const Catalog& catalog, const DependencyGraph& graph,
                   const std::vector<std::uint32_t>& held, const std::vector<std::uint32_t>& chosen,
                   const std::optional<Date>& first_day,
                   const std::vector<std::pair<std::uint32_t, std::uint32_t>>& withheld = {});

}  // namespace credpath
