// Shared internals of the exact planner (planner*.cpp): rule timing semantics,
// the presolved context, candidate plans and their keys, the MIP stage solver
// and the infeasibility explanations. Not a public header.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "credpath/graph/graph.hpp"
#include "credpath/model/model.hpp"
#include "credpath/plan/planner.hpp"

namespace credpath::planner_detail {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr double kRelTol = 1e-9;
inline constexpr std::uint32_t kNoRank = std::numeric_limits<std::uint32_t>::max();
// The owner of a goal rule that belongs to no credential: matches none.
inline constexpr std::uint32_t kNoOwner = std::numeric_limits<std::uint32_t>::max();

// Every comparison of floating values (keys, limits, credit sums) goes through
// these: equal when within 1e-9 relative (absolute below 1).
inline double tolerance(double a, double b = 0) {
    return kRelTol * std::max({1.0, std::abs(a), std::abs(b)});
}
inline bool definitely_less(double a, double b) { return a < b - tolerance(a, b); }
inline bool within_limit(double value, double limit) { return value <= limit + tolerance(value, limit); }
inline bool reaches(double sum, double amount) { return sum >= amount - tolerance(amount); }
inline int compare_values(double a, double b) {
    if (definitely_less(a, b)) return -1;
    if (definitely_less(b, a)) return 1;
    return 0;
}

using credpath::credit_sources;

// The earliest week at which `rule` (owned by `owner`) is met when credential d
// finishes at finish(d) (+inf: never available). +inf when it cannot be met.
// This is the one definition of the rule semantics used everywhere.
template <class Finish>
double sat_time(const Catalog& catalog, const Rule& rule, std::uint32_t owner, const Finish& finish) {
    switch (rule.kind) {
    case RuleKind::Ref: {
        const auto index = catalog.find(rule);
        return index ? finish(*index) : kInf;
    }
    case RuleKind::All: {
        double latest = 0;
        for (const Rule& child : rule.children) {
            latest = std::max(latest, sat_time(catalog, child, owner, finish));
            if (latest == kInf) return kInf;
        }
        return latest;
    }
    case RuleKind::Any: {
        double earliest = kInf;
        for (const Rule& child : rule.children)
            earliest = std::min(earliest, sat_time(catalog, child, owner, finish));
        return earliest;
    }
    case RuleKind::AtLeast: {
        const std::size_t needed = rule.at_least;
        if (needed == 0) return 0;
        if (needed > rule.children.size()) return kInf;
        std::vector<double> times;
        times.reserve(rule.children.size());
        for (const Rule& child : rule.children) times.push_back(sat_time(catalog, child, owner, finish));
        std::nth_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(needed - 1), times.end());
        return times[needed - 1];
    }
    case RuleKind::CreditsFrom:
    case RuleKind::CreditsTagged: {
        if (reaches(0, rule.credits)) return 0;
        std::vector<std::pair<double, std::uint32_t>> done;  // (finish, source)
        for (std::uint32_t source : credit_sources(catalog, rule, owner)) {
            const double at = finish(source);
            if (at != kInf && catalog.credentials[source].credits > 0) done.emplace_back(at, source);
        }
        std::sort(done.begin(), done.end());
        // The sources in the order they finish; a capped one counts what its
        // cap still has room for.
        const std::optional<CreditCaps> caps =
            rule.caps.empty() ? std::nullopt : std::optional<CreditCaps>(std::in_place, catalog, rule, owner);
        std::vector<double> room;
        if (caps)
            for (std::size_t k = 0; k < caps->size(); ++k) room.push_back(caps->amount(k));
        double sum = 0;
        for (const auto& [at, source] : done) {
            double credits = catalog.credentials[source].credits;
            if (const int k = caps ? caps->cap_of(source) : -1; k >= 0) {
                credits = std::min(credits, room[static_cast<std::size_t>(k)]);
                room[static_cast<std::size_t>(k)] -= credits;
            }
            sum += credits;
            if (reaches(sum, rule.credits)) return at;
        }
        return kInf;
    }
    case RuleKind::Skills: {
        double latest = 0;
        for (const std::string& skill : rule.names) {
            double first = kInf;
            if (auto found = catalog.by_skill.find(skill); found != catalog.by_skill.end())
                for (std::uint32_t teacher : found->second)
                    if (teacher != owner) first = std::min(first, finish(teacher));
            latest = std::max(latest, first);
            if (latest == kInf) return kInf;
        }
        return latest;
    }
    }
    return kInf;
}

// "X could start on D at the earliest, after its last intake on L" (or "has no
// intake left: the last was L"): a credential ready at week `ready` of a plan
// from `first_day` with no intake left.
std::string no_intake_left(const Credential& credential, double ready, const Date& first_day);

// Intakes (a credential's `starts`) on the plan's calendar, in weeks from its
// first day (a day is 1/7 week). Without a first day, or without `starts`, a
// credential starts as soon as its rule is met (self-paced).
inline bool has_intakes(const Credential& credential, const std::optional<Date>& first_day) {
    return first_day && credential.starts;
}
// The week a credential starts when its rule is met at week `ready`: `ready`
// when it has no intakes, else its first intake on or after that day (a part
// of a day counts as the whole day); kInf when no intake is left.
double start_week(const Credential& credential, double ready, const std::optional<Date>& first_day);
// The latest start of a credential whose rule is met by week `ready` at the
// latest (its last intake when none is left by then).
double latest_start_week(const Credential& credential, double ready, const std::optional<Date>& first_day);
// Its intakes from week `from` to week `to` (both included, 1e-9 tolerance).
std::vector<double> intake_weeks(const Credential& credential, double from, double to,
                                 const std::optional<Date>& first_day);
// The day of week `week` of a plan (the first day on or after it).
Date day_of_week(const Date& first_day, double week);

// The week credential c is ready to start: when its rule is met (sat_time
// over the finish weeks) and its co-requisites are (sat_time over the start
// weeks: started the same day or before); 0 without either.
template <class Finish, class Start>
double ready_week(const Catalog& catalog, std::uint32_t c, const Finish& finish, const Start& start) {
    const Credential& credential = catalog.credentials[c];
    double ready = credential.rule ? sat_time(catalog, *credential.rule, c, finish) : 0.0;
    if (credential.corequisite && ready != kInf)
        ready = std::max(ready, sat_time(catalog, *credential.corequisite, c, start));
    return ready;
}
// With starts taken from the finishes: a credential started weeks before it
// finished (a held one, finished at 0, long before).
template <class Finish>
double ready_week(const Catalog& catalog, std::uint32_t c, const Finish& finish) {
    return ready_week(catalog, c, finish, [&](std::uint32_t d) {
        const double at = finish(d);
        return at == kInf ? kInf : at - catalog.credentials[d].weeks;
    });
}

// Times every credential of `order` (a dependency order from the graph) with
// `settle(c)`, which returns whether c's time changed. Credentials taken
// together (a bundle, side by side in the order) see one another's start
// weeks: they begin from `begin(c)` (started at week 0) and are settled again
// until nothing changes. Their times only grow, from below, so this is the
// least solution: the one a schedule follows.
template <class Begin, class Settle>
void settle_in_order(const DependencyGraph& graph, const std::vector<std::uint32_t>& order, Begin&& begin,
                     Settle&& settle) {
    for (std::size_t i = 0; i < order.size();) {
        const auto together = graph.taken_together(order[i]);
        if (together.empty()) {
            settle(order[i++]);
            continue;
        }
        std::size_t end = i;
        while (end < order.size() && graph.taken_together(order[end]).data() == together.data()) ++end;
        for (std::size_t k = i; k < end; ++k) begin(order[k]);
        // Each round that changes something moves a start to a later intake or
        // ready week; far fewer rounds than this in any real catalog.
        for (std::size_t round = 0; round < 100000; ++round) {
            bool changed = false;
            for (std::size_t k = i; k < end; ++k) changed = settle(order[k]) || changed;
            if (!changed) break;
        }
        i = end;
    }
}

// An assignment under overlap limits, by what it leaves out: (credential,
// member of its counted set) pairs, both in the plan (or the member held), the
// member not counting toward the credential. Sorted; empty: everything counts
// wherever its rule can use it.
using Withheld = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// A limit in force: at most `limit` credentials count toward both a and b.
struct OverlapPair {
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    std::uint32_t limit = 0;
};

enum class State : std::uint8_t { Outside, Held, Dead, Free };
enum class Status : std::uint8_t { True, False, Free };

// What presolve knows about one rule node of a Free credential.
struct NodeInfo {
    Status status = Status::Free;  // True: met by the held credentials alone (at week 0)
                                   // False: cannot be met even with every available credential
    double earliest = 0;           // earliest week it can be met (everything available)
    double upper = 0;              // bound on its week in any plan (longest chain)
    std::uint32_t needed = 0;      // Any/AtLeast: Free children still needed
    double need = 0;               // credits: amount still needed after the held ones (exact:
                                   // the MIP gets exact data, CBC applies its own tolerance)
    std::vector<std::uint32_t> sources;                     // credits: Free sources with credits > 0
                                                            // (and room left in their cap)
    std::vector<std::int32_t> source_cap;  // credits: the cap of each of `sources`, or -1
    std::vector<double> cap_room;          // credits: what each cap still counts after the held ones
    std::vector<std::vector<std::uint32_t>> skill_teachers;  // skills not taught by a held one: Free teachers
};

// The most a credits node's Free sources can add under its caps: all of
// them, summed once, and without the one at position i of info.sources.
class FreeCredits {
public:
    FreeCredits(const Catalog& catalog, const NodeInfo& info);
    double total() const { return total_; }
    double without(std::size_t i) const;

private:
    const Catalog& catalog_;
    const NodeInfo& info_;
    std::vector<double> in_cap_;  // per cap: what its Free members hold before the cap
    double total_ = 0;
};

struct Context {
    const Catalog& catalog;
    const DependencyGraph& graph;
    const PlanRequest& request;
    std::uint32_t size = 0;
    std::vector<std::uint32_t> targets;       // without repeats, request order
    std::vector<std::uint32_t> free_targets;  // targets not held
    // The goal rules, copied so that every node has one owner in `nodes` (a
    // caller's rule may also be part of a credential's rule), with their owners
    // (kNoOwner: none). Filled once, before presolve; never resized after.
    std::vector<Rule> goals;
    std::vector<std::uint32_t> goal_owners;
    std::vector<std::size_t> free_goals;  // goals not met by the held credentials
    std::vector<std::uint8_t> held;           // masks over the catalog
    std::vector<std::uint8_t> excluded;
    std::vector<std::uint8_t> shut_out;       // set by presolve: excluded by a held credential (`excludes`), never a step
    std::vector<std::uint32_t> cone;  // graph.cone(targets + what the goal rules name)
    std::vector<std::uint32_t> rank;  // position by id within the cone; kNoRank outside
    std::vector<State> state;
    std::vector<double> earliest;  // earliest finish with everything available (0 held, inf dead)
    std::vector<double> upper;     // bound on the finish in any plan
    std::unordered_map<const Rule*, NodeInfo> nodes;
    // The credentials a plan can usefully add (Free, reached from the Free targets
    // through Free rule nodes), sorted by rank; column[c] is c's position or -1.
    std::vector<std::uint32_t> relevant;
    std::vector<std::uint32_t> relevant_order;  // the relevant ones in dependency order (sources first)
    std::vector<std::int32_t> column;
    std::vector<std::uint8_t> forced;  // over the catalog: in every plan
    std::vector<std::uint32_t> forced_set;
    bool determined = true;  // the forced set is the only sensible plan
    double fastest = 0;      // max earliest over the Free targets and goals: exact optimum of weeks
    // Pairs of relevant credentials that exclude each other (lower rank
    // first): a plan holds at most one of each. With any, the earliest-finish
    // recursion is only a bound; settle_conflicts makes `fastest` exact again.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> conflicts;
    // Overlap limits in force: both credentials relevant (a lower rank
    // first). With any, the earliest-finish recursion is only a bound, as with
    // conflicts.
    std::vector<OverlapPair> overlaps;
    // The credentials whose rule the model builds over assignment columns (the
    // members of candidate overlap pairs, set before presolve), each with what
    // can count toward it: counted_toward, held or Free (sorted).
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> counted;
    bool assigned(std::uint32_t c) const { return counted.count(c) != 0; }
    // A plan finishing at `fastest` (empty: none known, the solver gave up),
    // with its assignment.
    std::vector<std::uint32_t> witness;
    Withheld witness_withheld;
    // Some relevant credential has intakes that end (a list of dates, or an
    // `until`): timing may then rule a set out, so every stage is timed.
    bool intakes_end = false;
    // Every finish week is a multiple of this (the relevant credentials' weeks
    // all are); 0 when there is no such grid. Lets a strict weeks cap be a
    // non-strict one with a margin the solver's tolerance cannot blur.
    double weeks_grid = 0;

    // Set between runs on one context (alternatives, frontier):
    // no-goods: every plan must lack some member of each of these sets.
    std::vector<std::vector<std::uint32_t>> nogoods;
    bool quiet = false;  // an infeasible run needs no explanation (no extra solves)

    Context(const Catalog& c, const DependencyGraph& g, const PlanRequest& r) : catalog(c), graph(g), request(r) {}
    const NodeInfo& info(const Rule& rule) const { return nodes.at(&rule); }
};

// Fills everything after targets/held/excluded/cone/rank; returns false when a
// target cannot be reached at all.
bool presolve(Context& ctx);

// The credential held that shuts c out (they exclude each other), if any.
std::optional<std::uint32_t> shut_out_by(const Context& ctx, std::uint32_t c);

// A valid plan with its exact keys, recomputed from the chosen set alone.
struct Candidate {
    std::vector<std::uint32_t> chosen;  // sorted by rank
    Withheld withheld;                  // its assignment (the fastest one found)
    std::vector<std::uint32_t> ranks;   // their ranks, ascending
    double cost = 0;
    double hours = 0;
    double weeks = 0;
    double credits = 0;
    std::uint32_t count = 0;
    std::uint64_t idkey = 0;
};

struct Schedule {
    bool valid = false;
    std::uint32_t blocked = 0;         // when invalid: a credential whose rule is not met
    double blocked_ready = kInf;       // or, when finite, the week it was ready with no intake left
    std::vector<std::uint32_t> order;  // dependency order, ties by id
    std::vector<double> start;         // per entry of order
    std::vector<double> finish;
    double weeks = 0;
};

// Exact schedule of held + chosen (chosen must be disjoint from held).
// With a first day, credentials start on their intakes (start_week); a set
// with a step that has no intake left is not valid (blocked: that step).
// `withheld`: what does not count toward what (overlap limits).
Schedule schedule(const Catalog& catalog, const DependencyGraph& graph, const std::vector<std::uint8_t>& held,
                  const std::vector<std::uint32_t>& chosen, const std::optional<Date>& first_day,
                  const Withheld& withheld = {});

// The witness of the earliest-finish recursion: each node takes its earliest
// children (any: the earliest; at_least N: the N earliest; credits: the shortest
// prefix by finish; skills: each skill's earliest teacher), unioned over the
// targets. A valid plan whose weeks are ctx.fastest, the exact optimum.
std::vector<std::uint32_t> fastest_plan(const Context& ctx);

// nullopt when the set is not a valid plan for ctx's targets and goals.
// Under overlap limits the set needs an assignment within them: `given` (the
// solver's, made maximal: whatever can count without breaking a limit does),
// or without one the fastest valid assignment, searched.
std::optional<Candidate> make_candidate(const Context& ctx, std::vector<std::uint32_t> chosen,
                                        const Withheld* given = nullptr);
// <0 when a is better than b for the objective (see make_plan in planner.hpp).
int compare(const Candidate& a, const Candidate& b, Objective objective);
// Within the request's limits (max_cost, max_weeks, weeks_below) and the no-goods.
bool admissible(const Context& ctx, const Candidate& candidate);
// The solver's finish cap standing for "weeks definitely below `below`": the
// midpoint between the last multiple of ctx.weeks_grid that qualifies and the
// next one, so it neither loses a plan nor lets one through on a tolerance.
// `exact` is false when there is no usable grid (the cap is then a little below
// the boundary and may lose a plan within 1e-6 relative of it).
double weeks_cap_below(const Context& ctx, double below, bool& exact);

// ---- MIP stages (planner_mip.cpp) ----

struct Cap {  // sum coef[j] * x[relevant[j]] <= rhs
    std::vector<double> coef;
    double rhs = 0;
};

struct StageSpec {
    bool timed = false;     // model start/finish weeks (needed when any finish is capped or minimised)
    double dlim = kInf;     // every chosen credential finishes by this week
    bool minimize_weeks = false;
    std::vector<double> objective;  // per relevant position (unless minimize_weeks)
    std::vector<Cap> caps;
    std::vector<std::int8_t> fix;                  // per relevant position: -1 free, 0/1 fixed (may be empty)
    // No-good: some column outside this set is chosen. With the count capped at
    // its size (and proven minimal) this means "any set but this one".
    const std::vector<std::uint32_t>* exclude_set = nullptr;
    // Exact no-goods: the chosen set is none of these (supersets allowed).
    const std::vector<std::vector<std::uint32_t>>* distinct_from = nullptr;
    // Cuts: the chosen set lies within none of these (something outside each
    // is chosen).
    const std::vector<std::vector<std::uint32_t>>* outside_of = nullptr;
};

struct StageResult {
    enum class Status { Optimal, Feasible, Infeasible, NoSolution, Failed } status = Status::Failed;
    bool time_limit = false;
    bool solver_called = false;
    // Optimal with a proof that every other chosen set within the stage has a
    // strictly larger objective (the LP relaxation was integral and its
    // reduced costs say so): no other plan ties this one on the stage's key.
    bool unique = false;
    // Optimal: per relevant position, 0 or 1 where every chosen set within
    // the stage whose objective is at most the optimum leaves or takes that
    // credential (reduced-cost fixing at the relaxation), -1 where it may
    // vary. Empty when not known.
    std::vector<std::int8_t> settled;
    std::vector<std::uint32_t> chosen;  // credentials with x = 1, sorted by rank
    Withheld withheld;                  // the assignment's (overlap limits)
};

StageResult solve_stage(const Context& ctx, const StageSpec& spec, PlanStats& stats);

// With conflicts: the exact fastest plan (ctx.fastest, ctx.witness) by a weeks
// stage. False with the reason when no plan avoids them all, or when two that
// exclude each other are both forced.
bool settle_conflicts(Context& ctx, PlanStats& stats, std::string& reason);

// ---- reasons (planner_explain.cpp) ----

std::string format_number(double value);
// format_number with thousands separators in the whole part ("1,590"), for money.
std::string format_amount(double value);
// Why `target` cannot be reached (it is Dead), naming the blocking credentials;
// `included`: it is a pin, not a target ("cannot add included X: ...").
std::string explain_unreachable(const Context& ctx, std::uint32_t target, bool included = false);
// Why goal `goal` (an index into ctx.goals) cannot be met.
std::string explain_unmet_goal(const Context& ctx, std::size_t goal);
// Why every plan breaks an exclusion or an overlap limit (the conflicts and
// limits named).
std::string explain_conflicts(const Context& ctx);

}  // namespace credpath::planner_detail
