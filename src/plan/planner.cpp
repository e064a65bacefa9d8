// The exact planner: presolve, then a lexicographic sequence of MIP stages (one
// per key of the objective, see make_plan in planner.hpp), each stage fixing the
// optimum of the one before with a row (or, for weeks, a finish cap). Every plan
// the solver returns is re-evaluated exactly from its chosen set and kept only
// if it is lexicographically better; the solver's own numbers are never
// reported.
//
// The starting best plan is the witness of the earliest-finish recursion (known
// without the solver; a fallback when time runs out). When that witness holds
// two credentials that exclude each other, the recursion is only a bound, and
// a weeks stage finds the fastest plan and its weeks instead (settle_conflicts). Stages are skipped when
// they provably cannot change anything:
// - no choice is left after presolve (the forced set is the only sensible plan);
// - a sum key already at the value of the forced set (every plan contains it);
// - weeks already at the exact earliest-finish recursion (a bound on every plan);
// - count at the forced set's size: the plan is the forced set itself.
// A stage under a finish cap is first solved without the weeks model and the
// result kept when its exact schedule meets the cap (relax and check); one
// that misses it is cut off with every set inside a slow superset of it and
// the relaxation solved again, a few rounds, before the timed model.
// Each stage's LP relaxation is solved first (solve_stage): an integral
// optimum needs no branch and bound, and its reduced costs settle what every
// plan as good takes or leaves. After the first sum key the plans tied on it
// are then listed by a bounded search over the unsettled credentials (or by
// exact no-goods) and the best by the later keys taken, instead of a stage
// per key. Without the id tie-breaks, cost then count is one exactly scaled
// objective where the numbers allow it.
// The last keys (count, idkey, idlex) are merged into one integer objective when
// it is small enough to be exact; otherwise count and idkey are solved, a no-good
// row checks whether the winner is the only plan left, and lexicographic blocks
// settle any remaining tie.
//
// Alternatives and the cost-time frontier run the same stages again on one
// presolved context: alternatives with a no-good row per earlier route, the
// frontier with a strict weeks cap (weeks_below) at the last point's weeks.
// Presolve only fixes what every plan contains or what no plan within the
// limits can use, never by dominance, so it holds for the k-th plan too.
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <numeric>

#include <fmt/format.h>

#include "planner_internal.hpp"

namespace credpath {

namespace planner_detail {

bool settle_conflicts(Context& ctx, PlanStats& stats, std::string& reason) {
    for (const auto& [a, b] : ctx.conflicts)
        if (ctx.forced[a] && ctx.forced[b]) {
            reason = fmt::format("{} and {} exclude each other, and every plan needs both", ctx.catalog.credentials[a].id,
                                 ctx.catalog.credentials[b].id);
            return false;
        }
    // The recursion's plan avoids every pair (and fits the overlap limits
    // without losing time): its weeks are still the optimum.
    if (auto plan = make_candidate(ctx, ctx.witness); plan && !definitely_less(ctx.fastest, plan->weeks)) {
        ctx.witness_withheld = std::move(plan->withheld);
        return true;
    }
    StageSpec spec;
    spec.timed = true;
    spec.minimize_weeks = true;
    const StageResult result = solve_stage(ctx, spec, stats);
    ctx.witness.clear();  // `fastest` stays a bound unless the solver proves better
    switch (result.status) {
    case StageResult::Status::Infeasible:
        reason = explain_conflicts(ctx);
        return false;
    case StageResult::Status::Optimal:
        if (auto plan = make_candidate(ctx, result.chosen, &result.withheld)) {
            ctx.fastest = std::max(ctx.fastest, plan->weeks);
            ctx.witness = std::move(plan->chosen);
            ctx.witness_withheld = std::move(plan->withheld);
        }
        return true;
    case StageResult::Status::Feasible:
        if (auto plan = make_candidate(ctx, result.chosen, &result.withheld)) {
            ctx.witness = std::move(plan->chosen);
            ctx.witness_withheld = std::move(plan->withheld);
        }
        return true;
    default: return true;  // the stages will say what the solver could not
    }
}

}  // namespace planner_detail

namespace {

using namespace planner_detail;

// Largest merged tie-break objective trusted to be solved exactly.
constexpr double kExactObjective = 1e7;
// Lexicographic block size when the tie-break cannot be merged.
constexpr std::size_t kLexBlock = 16;
// An infeasible run of a sequence (alternatives, frontier): no further plan.
constexpr const char* kNoOtherPlan = "no other plan meets the limits";

enum class Key { Cost, Hours, Weeks, Count, IdKey };

std::vector<Key> key_order(Objective objective) {
    switch (objective) {
    case Objective::Cost: return {Key::Cost, Key::Weeks, Key::Count, Key::IdKey};
    case Objective::Hours: return {Key::Hours, Key::Cost, Key::Weeks, Key::Count, Key::IdKey};
    case Objective::Count: return {Key::Count, Key::Cost, Key::Weeks, Key::IdKey};
    case Objective::Weeks: return {Key::Weeks, Key::Cost, Key::Count, Key::IdKey};
    }
    return {};
}

double key_value(const Candidate& candidate, Key key) {
    switch (key) {
    case Key::Cost: return candidate.cost;
    case Key::Hours: return candidate.hours;
    case Key::Weeks: return candidate.weeks;
    case Key::Count: return candidate.count;
    case Key::IdKey: return static_cast<double>(candidate.idkey);
    }
    return 0;
}

void fill_steps(Plan& plan, const Catalog& catalog, const DependencyGraph& graph, const Schedule& timing,
                const Withheld& withheld = {}) {
    std::vector<std::int64_t> position(catalog.credentials.size(), -1);
    for (std::size_t i = 0; i < timing.order.size(); ++i) position[timing.order[i]] = static_cast<std::int64_t>(i);
    plan.steps.clear();
    plan.totals = {};
    for (std::size_t i = 0; i < timing.order.size(); ++i) {
        const std::uint32_t c = timing.order[i];
        PlanStep step;
        step.credential = c;
        step.start_week = timing.start[i];
        step.finish_week = timing.finish[i];
        for (std::uint32_t d : graph.dependents(c))
            if (position[d] >= 0) step.unlocks.push_back(d);
        std::sort(step.unlocks.begin(), step.unlocks.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return position[a] < position[b]; });
        const Credential& credential = catalog.credentials[c];
        plan.totals.cost += credential.cost;
        plan.totals.hours += credential.hours;
        plan.totals.credits += credential.credits;
        plan.steps.push_back(std::move(step));
    }
    // Where each step counts: toward every later step whose own rule uses it,
    // unless the assignment withholds it there.
    for (std::size_t i = 0; i < timing.order.size(); ++i) {
        const std::uint32_t toward = timing.order[i];
        for (std::uint32_t d : counted_toward(catalog, toward))
            if (position[d] >= 0 &&
                !std::binary_search(withheld.begin(), withheld.end(), std::pair{toward, d}))
                plan.steps[static_cast<std::size_t>(position[d])].applied_to.push_back(toward);
    }
    plan.totals.weeks = timing.weeks;
    plan.totals.count = static_cast<std::uint32_t>(timing.order.size());
}

class Planner {
public:
    Planner(Context& ctx, Plan& plan) : ctx_(ctx), plan_(plan), request_(ctx.request) {
        for (std::uint32_t c : ctx_.relevant) max_upper_ = std::max(max_upper_, ctx_.upper[c]);
        if (request_.max_cost) caps_.push_back(cap(Key::Cost, *request_.max_cost));
        if (request_.max_weeks) dlim_ = *request_.max_weeks;
        if (request_.weeks_below) {
            bool exact = true;
            dlim_ = std::min(dlim_, weeks_cap_below(ctx_, *request_.weeks_below, exact));
            inexact_cap_ = !exact;
        }
    }

    // False when a solver call was not proven (time limit, failure, a result
    // that did not survive exact evaluation): a plan may then not be the best,
    // and an infeasible run does not prove that no plan exists.
    bool proven() const { return proven_; }

    void run() {
        if (ctx_.determined) return closure();
        // The exact recursion bounds every plan's weeks.
        if (request_.weeks_below && !definitely_less(ctx_.fastest, *request_.weeks_below))
            return infeasible(limits_reason(weeks_not_below(ctx_.fastest)));
        if (request_.max_weeks && !within_limit(ctx_.fastest, *request_.max_weeks)) {
            std::string reason = weeks_over(ctx_.fastest);
            if (request_.max_cost) {
                const auto cheapest = cheapest_plan();
                if (cheapest && !within_limit(cheapest->cost, *request_.max_cost))
                    reason += "; " + cost_over(cheapest->cost);
            }
            return infeasible(limits_reason(reason));
        }

        // The earliest-finish witness is a plan known without the solver: the
        // starting best (it only ever gets replaced by better plans), and a
        // fallback when the solver runs out of time.
        auto witness = make_candidate(ctx_, ctx_.witness, &ctx_.witness_withheld);
        assert((witness || ctx_.witness.empty()) && "the earliest-finish witness is a plan");
        if (witness && admissible(ctx_, *witness)) best_ = std::move(witness);

        const std::vector<Key> keys = key_order(request_.objective);
        for (std::size_t i = 0; i < keys.size() && !stop_; ++i) {
            const Key key = keys[i];
            if (!request_.settle_ties && key == Key::IdKey) break;
            if (!request_.settle_ties && key == Key::Cost && i + 1 < keys.size() && keys[i + 1] == Key::Count) {
                if (const auto objective = cost_then_count()) {
                    if (!merged_stage(*objective)) return diagnose();
                    break;  // count settled too; no id tie-breaks
                }
            }
            if (!request_.settle_ties && key == Key::Count) {
                if (best_->count != ctx_.forced_set.size() && !sum_stage(key)) return diagnose();
                break;
            }
            if (key == Key::Count && i + 1 < keys.size() && keys[i + 1] == Key::IdKey) {
                tiebreak(true);
                break;
            }
            if (key == Key::IdKey) {
                tiebreak(false);
                break;
            }
            if (!(key == Key::Weeks ? weeks_stage() : sum_stage(key))) return diagnose();
            if (key == Key::Count && best_->count == ctx_.forced_set.size()) break;  // the forced set itself
            if (i == 0 && key != Key::Weeks && request_.settle_ties && !stop_ && settle_by_enumeration(key)) break;
        }
        if (!best_) return diagnose();
        finish();
    }

private:
    // ---- stages ----

    std::vector<double> coefficients(Key key) const {
        std::vector<double> coef(ctx_.relevant.size(), 0.0);
        for (std::size_t j = 0; j < coef.size(); ++j) {
            const Credential& credential = ctx_.catalog.credentials[ctx_.relevant[j]];
            switch (key) {
            case Key::Cost: coef[j] = credential.cost; break;
            case Key::Hours: coef[j] = credential.hours; break;
            case Key::Count: coef[j] = 1; break;
            case Key::IdKey: coef[j] = ctx_.rank[ctx_.relevant[j]]; break;
            case Key::Weeks: break;
            }
        }
        return coef;
    }

    Cap cap(Key key, double rhs) const { return Cap{coefficients(key), rhs}; }

    // Fixes a key at the best plan's value for every later stage.
    void settle(Key key) {
        const double value = key_value(*best_, key);
        if (key == Key::Weeks) dlim_ = std::min(dlim_, value);
        else if (key == Key::Count || key == Key::IdKey) caps_.push_back(cap(key, value + 0.5));
        else caps_.push_back(cap(key, value));
    }

    // The value every plan has at least: the forced set's.
    double lower_bound(Key key) const {
        double bound = 0;
        for (std::uint32_t c : ctx_.forced_set) {
            const Credential& credential = ctx_.catalog.credentials[c];
            if (key == Key::Cost) bound += credential.cost;
            if (key == Key::Hours) bound += credential.hours;
            if (key == Key::Count) bound += 1;
        }
        return key == Key::Weeks ? ctx_.fastest : bound;
    }

    StageSpec base_spec() const {
        StageSpec spec;
        spec.dlim = dlim_;
        // Otherwise no finish can exceed the cap, and without intakes that end
        // timing never rules a set out.
        spec.timed = definitely_less(dlim_, max_upper_) || ctx_.intakes_end;
        spec.caps = caps_;
        return spec;
    }

    enum class Outcome { Solved, Infeasible, Stop };

    Outcome solve(const StageSpec& spec) {
        unique_ = false;  // the facts of this stage only (absorb)
        settled_.clear();
        // Off the grid the solver's weeks cap may lose a plan just below the
        // boundary: nothing it finds (or does not find) is proven.
        if (inexact_cap_) proven_ = false;
        if (spec.timed && !spec.minimize_weeks && request_.relax_weeks) {
            // Relax and check: without the weeks model (its presolve fixings
            // stay) the feasible sets only grow, so an optimum of the relaxation
            // whose exact schedule meets the cap is optimal here, and an
            // infeasible relaxation proves this stage infeasible. The timed
            // model is much larger; solve it only when the check fails.
            // A relaxed optimum that misses the cap is cut off with every set
            // inside a slow superset of it (slow_superset), then the
            // relaxation solved again, a few rounds at most.
            StageSpec relaxed = spec;
            relaxed.timed = false;
            std::vector<std::vector<std::uint32_t>> slow;
            relaxed.outside_of = &slow;
            for (std::size_t round = 0; round < kSlowCuts; ++round) {
                const StageResult loose = solve_stage(ctx_, relaxed, plan_.stats);
                if (loose.status == StageResult::Status::Infeasible) return Outcome::Infeasible;
                if (loose.status != StageResult::Status::Optimal) break;
                const auto candidate = make_candidate(ctx_, loose.chosen, &loose.withheld);
                if (candidate && admissible(ctx_, *candidate) && within_limit(candidate->weeks, spec.dlim)) {
                    // The relaxation's feasible sets include the stage's: a
                    // unique optimum there is unique here.
                    absorb(loose);
                    return Outcome::Solved;
                }
                if (!candidate || within_limit(candidate->weeks, spec.dlim)) break;
                // One cut per growing order: each leaves out another set of
                // credentials that would speed the plan up.
                const std::size_t before = slow.size();
                for (SlowOrder order : {SlowOrder::Rank, SlowOrder::Reverse, SlowOrder::Cheapest})
                    if (auto cut = slow_superset(loose.chosen, spec.dlim, order);
                        cut && std::find(slow.begin(), slow.end(), *cut) == slow.end())
                        slow.push_back(std::move(*cut));
                if (slow.size() == before) break;
            }
        }
        const StageResult result = solve_stage(ctx_, spec, plan_.stats);
        switch (result.status) {
        case StageResult::Status::Optimal: absorb(result); return Outcome::Solved;
        case StageResult::Status::Feasible:
            // Time limit with a plan: keep it, prove nothing more.
            proven_ = false;
            absorb(result);
            stop_ = true;
            return Outcome::Stop;
        case StageResult::Status::Infeasible: return Outcome::Infeasible;
        case StageResult::Status::NoSolution: time_limit_ = true; [[fallthrough]];
        case StageResult::Status::Failed:
            proven_ = false;
            stop_ = true;
            return Outcome::Stop;
        }
        return Outcome::Stop;
    }

    // ---- cuts for relax and check ----
    static constexpr std::size_t kSlowCuts = 4;
    // The order slow_superset tries the other credentials in: by rank, the
    // reverse, cheapest first.
    enum class SlowOrder { Rank, Reverse, Cheapest };

    // The latest finish among the free targets and forced credentials when
    // only the relevant credentials flagged in `allowed` may be taken, each
    // as early as its rule allows among them. A plan inside `allowed` takes
    // fewer, and fewer sources only delay a finish, so it finishes them no
    // earlier.
    double finish_within(const std::vector<std::uint8_t>& allowed, std::vector<double>& finish) {
        const Catalog& catalog = ctx_.catalog;
        finish.assign(ctx_.relevant.size(), kInf);
        const auto position = [&](std::uint32_t c) { return static_cast<std::size_t>(ctx_.column[c]); };
        const auto at = [&](std::uint32_t d) {
            if (ctx_.held[d]) return 0.0;
            if (d >= ctx_.column.size() || ctx_.column[d] < 0) return kInf;
            return finish[position(d)];
        };
        const auto begin = [&](std::uint32_t c) {
            if (allowed[position(c)]) finish[position(c)] = catalog.credentials[c].weeks;
        };
        const auto settle = [&](std::uint32_t c) {
            const std::size_t j = position(c);
            if (!allowed[j]) return false;
            const double was = finish[j];
            const Credential& credential = catalog.credentials[c];
            finish[j] = start_week(credential, ready_week(catalog, c, at), ctx_.request.first_day) + credential.weeks;
            return finish[j] != was;
        };
        settle_in_order(ctx_.graph, ctx_.relevant_order, begin, settle);
        double latest = 0;
        for (std::uint32_t c : ctx_.free_targets) latest = std::max(latest, at(c));
        for (std::uint32_t c : ctx_.relevant)
            if (ctx_.forced[c]) latest = std::max(latest, at(c));
        return latest;
    }

    // A superset of `chosen` (a relaxed optimum whose schedule misses the cap
    // `dlim`) within which every plan misses it too: grown greedily, a block
    // of credentials at a time, while its targets still finish too late. The
    // cut "something outside it" is then valid for every plan within the cap.
    // Nothing where the reason is not the targets' finish (goals, overlap
    // limits, a late member no target waits for).
    std::optional<std::vector<std::uint32_t>> slow_superset(const std::vector<std::uint32_t>& chosen, double dlim,
                                                            SlowOrder order) {
        if (!ctx_.free_goals.empty() || !ctx_.overlaps.empty() || !ctx_.counted.empty()) return std::nullopt;
        std::vector<std::uint8_t> allowed(ctx_.relevant.size(), 0);
        for (std::uint32_t c : chosen) allowed[static_cast<std::size_t>(ctx_.column[c])] = 1;
        std::vector<double> finish;
        const auto slow = [&] { return !within_limit(finish_within(allowed, finish), dlim); };
        if (!slow()) return std::nullopt;
        std::vector<std::size_t> rest;
        for (std::size_t j = 0; j < allowed.size(); ++j)
            if (!allowed[j]) rest.push_back(j);
        if (order == SlowOrder::Reverse) std::reverse(rest.begin(), rest.end());
        if (order == SlowOrder::Cheapest)
            std::stable_sort(rest.begin(), rest.end(), [&](std::size_t a, std::size_t b) {
                return ctx_.catalog.credentials[ctx_.relevant[a]].cost < ctx_.catalog.credentials[ctx_.relevant[b]].cost;
            });
        // Blocks halve until a credential that would speed the targets up is
        // left out on its own.
        std::vector<std::pair<std::size_t, std::size_t>> blocks{{0, rest.size()}};
        while (!blocks.empty()) {
            const auto [from, to] = blocks.back();
            blocks.pop_back();
            if (from == to) continue;
            for (std::size_t k = from; k < to; ++k) allowed[rest[k]] = 1;
            if (slow()) continue;
            for (std::size_t k = from; k < to; ++k) allowed[rest[k]] = 0;
            if (to - from == 1) continue;
            const std::size_t middle = from + (to - from) / 2;
            blocks.emplace_back(middle, to);
            blocks.emplace_back(from, middle);
        }
        std::vector<std::uint32_t> superset;
        for (std::size_t j = 0; j < allowed.size(); ++j)
            if (allowed[j]) superset.push_back(ctx_.relevant[j]);
        return superset;
    }

    void absorb(const StageResult& result) {
        settled_ = result.settled;  // what the stage's relaxation settled, whatever becomes of its set
        auto candidate = make_candidate(ctx_, result.chosen, &result.withheld);
        if (!candidate || !admissible(ctx_, *candidate)) {
            // The solver's set does not survive exact evaluation (tolerances):
            // never report it, and do not claim optimality.
            proven_ = false;
            return;
        }
        if (!best_ || compare(*candidate, *best_, request_.objective) < 0) best_ = std::move(*candidate);
        unique_ = result.unique && best_->chosen == result.chosen;
    }

    // After a later stage found nothing although the best plan satisfies it.
    void inconsistent() {
        proven_ = false;
        stop_ = true;
    }

    // Each stage returns false when no plan is known at all afterwards.
    bool sum_stage(Key key) {
        if (best_ && !definitely_less(lower_bound(key), key_value(*best_, key))) {
            settle(key);
            return true;
        }
        StageSpec spec = base_spec();
        spec.objective = coefficients(key);
        const Outcome outcome = solve(spec);
        if (!best_) return false;
        if (outcome == Outcome::Infeasible) inconsistent();
        else settle(key);
        return true;
    }

    // Cost, then count, as one exact integer objective when the costs are
    // whole multiples of one unit (cents, divided by their greatest common
    // divisor): cost / unit * K + count with K above any count is
    // lexicographic, and the best plan so far (within the stage, an upper
    // bound on its optimum) keeps the optimum's magnitude where CBC's
    // tolerances cannot blur a unit. Nothing when the numbers do not allow it.
    std::optional<std::vector<double>> cost_then_count() const {
        if (!best_) return std::nullopt;
        std::int64_t unit = 0;
        std::vector<double> cents(ctx_.relevant.size());
        for (std::size_t j = 0; j < cents.size(); ++j) {
            const double value = ctx_.catalog.credentials[ctx_.relevant[j]].cost * 100;
            cents[j] = std::round(value);
            if (std::abs(value - cents[j]) > 1e-6 || cents[j] > 1e12) return std::nullopt;
            unit = std::gcd(unit, static_cast<std::int64_t>(cents[j]));
        }
        if (unit == 0) return std::nullopt;  // all free: the count stage alone decides
        const double k = static_cast<double>(ctx_.relevant.size()) + 1;
        const double units = std::round(best_->cost * 100) / static_cast<double>(unit);
        if ((units + 1) * k > kExactObjective) return std::nullopt;
        std::vector<double> objective(cents.size());
        for (std::size_t j = 0; j < cents.size(); ++j) objective[j] = cents[j] / static_cast<double>(unit) * k + 1;
        return objective;
    }

    // The stage of cost_then_count's objective; settles both keys.
    bool merged_stage(const std::vector<double>& objective) {
        if (!definitely_less(lower_bound(Key::Cost), best_->cost) &&
            !definitely_less(lower_bound(Key::Count), best_->count)) {
            settle(Key::Cost);
            settle(Key::Count);
            return true;
        }
        StageSpec spec = base_spec();
        spec.objective = objective;
        const Outcome outcome = solve(spec);
        if (!best_) return false;
        if (outcome == Outcome::Infeasible) {
            inconsistent();
        } else {
            settle(Key::Cost);
            settle(Key::Count);
        }
        return true;
    }

    bool weeks_stage() {
        if (best_ && !definitely_less(ctx_.fastest, best_->weeks)) {
            settle(Key::Weeks);
            return true;
        }
        if (best_ && descend_weeks()) {
            if (!stop_) settle(Key::Weeks);
            return true;
        }
        StageSpec spec = base_spec();
        spec.timed = true;
        spec.minimize_weeks = true;
        const Outcome outcome = solve(spec);
        if (!best_) return false;
        if (outcome == Outcome::Infeasible) inconsistent();
        else settle(Key::Weeks);
        return true;
    }

    // The weeks stage as questions "is any plan within the caps faster than
    // the best one?", each a finish cap just below its weeks (exact on the
    // weeks grid), answered by relax and check: the untimed model with the
    // cap's deadlines is far tighter than the timed model minimising weeks,
    // whose big-M rows leave its bound near the fastest finish of all. An
    // infeasible answer proves the best plan's weeks minimal; a plan found is
    // faster and the next question starts below it. False when the weeks
    // have no grid, after kDescents plans found (the timed stage decides),
    // or when a round does not improve the best plan (tolerances).
    static constexpr std::size_t kDescents = 8;
    bool descend_weeks() {
        if (!request_.relax_weeks || !ctx_.overlaps.empty()) return false;
        for (std::size_t round = 0; round < kDescents; ++round) {
            bool exact = false;
            const double below = weeks_cap_below(ctx_, best_->weeks, exact);
            if (!exact) return false;
            if (definitely_less(below, ctx_.fastest)) return true;  // nothing finishes sooner
            StageSpec spec = base_spec();
            spec.dlim = std::min(spec.dlim, below);
            spec.timed = true;
            // Any objective answers the question; the caps' first key keeps
            // the relaxation close to the plans it asks about.
            spec.objective = coefficients(key_order(request_.objective).front());
            const double was = best_->weeks;
            const Outcome outcome = solve(spec);
            // Infeasible: proven; Stop: solve() marked the plan unproven.
            if (outcome == Outcome::Infeasible || outcome == Outcome::Stop) return true;
            if (!definitely_less(best_->weeks, was)) return false;
        }
        return false;
    }

    // After the first key (a sum: cost, hours or count) is settled, the plans
    // tied on it are often few: find them all with exact no-goods (each solve
    // small and without the weeks model) and take the best by every later key,
    // exactly evaluated, instead of a stage per key. True when the list was
    // proven complete (the last solve infeasible) within kTieLimit solves;
    // false leaves the stages to settle the rest (every plan found is kept).
    // Only where the untimed model is the whole model: no finish cap, no
    // intakes that end, no overlap limits (whose assignment decides weeks).
    static constexpr std::size_t kTieLimit = 4;
    bool settle_by_enumeration(Key key) {
        if (!best_ || !ctx_.overlaps.empty() || !ctx_.counted.empty()) return false;
        StageSpec spec = base_spec();
        if (spec.timed) return false;
        if (unique_) return true;  // the stage proved no other plan ties it
        if (const auto complete = settle_by_subsets(key)) return *complete;
        std::vector<std::vector<std::uint32_t>> found{best_->chosen};
        spec.fix = settled_;  // what every tied plan takes or leaves
        // Small sets first: they tend to win the later keys. Tied on cost, the
        // merged cost-and-count objective orders them the same way, and its
        // relaxation bound is the cost's: much tighter than the count's alone.
        const auto merged = key == Key::Cost ? cost_then_count() : std::nullopt;
        spec.objective = merged ? *merged : coefficients(Key::Count);
        spec.distinct_from = &found;
        for (std::size_t round = 0; round < kTieLimit; ++round) {
            const StageResult result = solve_stage(ctx_, spec, plan_.stats);
            if (result.status == StageResult::Status::Infeasible) return true;  // no other tied plan
            if (result.status != StageResult::Status::Optimal) return false;
            auto candidate = make_candidate(ctx_, result.chosen, &result.withheld);
            if (!candidate || !admissible(ctx_, *candidate)) return false;  // tolerances: the stages decide
            if (compare(*candidate, *best_, request_.objective) < 0) best_ = std::move(*candidate);
            found.push_back(result.chosen);
        }
        return false;
    }

    // settle_by_enumeration without the solver: every tied plan takes the
    // credentials the last stage settled (StageResult::settled) as settled,
    // so the subsets of the rest whose key sum is the optimum and that are
    // plans are all of them. A depth-first search finds them, larger
    // coefficients first, leaving a branch once its sum has passed the optimum
    // or can no longer reach it, or once what it may still take cannot
    // finish a target or a credential it took (rules only need more when
    // given less: nothing inside such a set is a plan). Round prices make
    // many sums tie; that check keeps the search to the few that are plans.
    // Nothing when there are too many or the search runs long.
    static constexpr std::size_t kSubsetTies = 256;
    static constexpr std::size_t kSubsetSteps = std::size_t{1} << 16;
    static constexpr std::size_t kPrunedSteps = std::size_t{1} << 12;
    std::optional<bool> settle_by_subsets(Key key) {
        if (settled_.size() != ctx_.relevant.size()) return std::nullopt;
        const std::vector<double> coef = coefficients(key);
        std::vector<std::uint32_t> base;
        std::vector<std::size_t> open;
        std::vector<std::uint8_t> allowed(settled_.size(), 0);  // taken or still open
        double base_sum = 0;
        for (std::size_t j = 0; j < settled_.size(); ++j) {
            if (settled_[j] == 1) {
                base.push_back(ctx_.relevant[j]);
                base_sum += coef[j];
            } else if (settled_[j] < 0) {
                open.push_back(j);
            }
            allowed[j] = settled_[j] != 0;
        }
        std::stable_sort(open.begin(), open.end(), [&](std::size_t a, std::size_t b) { return coef[a] > coef[b]; });
        std::vector<double> rest(open.size() + 1, 0);  // what the columns from k on add at most
        for (std::size_t k = open.size(); k-- > 0;) rest[k] = rest[k + 1] + coef[open[k]];
        const double best = key_value(*best_, key);
        // finish[k]: finish_within(allowed) as it was at the last depth k
        // that left a credential out (taking one leaves `allowed` as it is,
        // so its depth reads its ancestor's: `known`).
        std::vector<std::vector<double>> finish(open.size() + 1);
        std::vector<std::size_t> picked;
        const auto finishes = [&](std::size_t k) {
            if (finish_within(allowed, finish[k]) == kInf) return false;
            const auto done = [&](std::size_t j) { return finish[k][j] != kInf; };
            return std::all_of(picked.begin(), picked.end(), done) &&
                   std::all_of(base.begin(), base.end(), [&](std::uint32_t c) {
                       return done(static_cast<std::size_t>(ctx_.column[c]));
                   });
        };
        std::vector<std::vector<std::size_t>> tied;
        std::size_t steps = 0;
        bool gave_up = false;
        const auto search = [&](const auto& self, std::size_t k, double sum, bool pruned, std::size_t known) -> void {
            if (gave_up) return;
            if (++steps > (pruned ? kPrunedSteps : kSubsetSteps)) {
                gave_up = true;
                return;
            }
            // Below the optimum: no plan (the stage proved it); above: no tie.
            if (definitely_less(best, sum) || definitely_less(sum + rest[k], best)) return;
            // When even the smallest coefficient left would pass the optimum,
            // the rest stays out: one leaf (if at the optimum), checked once.
            const bool full = k == open.size() || definitely_less(best, sum + coef[open.back()]);
            if (full && definitely_less(sum, best)) return;
            if (full && pruned && k < open.size()) {
                for (std::size_t i = k; i < open.size(); ++i) allowed[open[i]] = 0;
                const bool plan = finishes(open.size());
                for (std::size_t i = k; i < open.size(); ++i) allowed[open[i]] = 1;
                if (!plan) return;
            }
            if (full) {
                tied.push_back(picked);
                gave_up = tied.size() > kSubsetTies;
                return;
            }
            const std::size_t j = open[k];
            if (!pruned || finish[known][j] != kInf) {  // taking it: the same set allowed, one more that must finish
                picked.push_back(j);
                self(self, k + 1, sum + coef[j], pruned, known);
                picked.pop_back();
            }
            allowed[j] = 0;
            if (!pruned || finishes(k + 1)) self(self, k + 1, sum, pruned, k + 1);
            allowed[j] = 1;
        };
        // The sums alone first: cheap per step, enough unless many sums tie.
        search(search, 0, base_sum, false, 0);
        if (gave_up) {
            tied.clear();
            steps = 0;
            gave_up = false;
            if (finishes(0)) search(search, 0, base_sum, true, 0);
        }
        if (gave_up) return std::nullopt;
        for (const std::vector<std::size_t>& columns : tied) {
            std::vector<std::uint32_t> chosen = base;
            for (std::size_t j : columns) chosen.push_back(ctx_.relevant[j]);
            auto candidate = make_candidate(ctx_, std::move(chosen));
            if (candidate && admissible(ctx_, *candidate) && compare(*candidate, *best_, request_.objective) < 0)
                best_ = std::move(*candidate);
        }
        return true;
    }

    // count (when include_count), idkey and idlex.
    void tiebreak(bool include_count) {
        if (!best_) {  // only when every earlier key was settled without a plan
            StageSpec spec = base_spec();
            spec.objective = coefficients(Key::Cost);
            solve(spec);
            if (!best_) return;
        }
        if (include_count && best_->count == ctx_.forced_set.size()) return;
        // The columns still open: not forced, not excluded by the finish cap.
        std::vector<std::size_t> open;
        for (std::size_t j = 0; j < ctx_.relevant.size(); ++j) {
            const std::uint32_t c = ctx_.relevant[j];
            if (!ctx_.forced[c] && !definitely_less(dlim_, ctx_.earliest[c])) open.push_back(j);
        }
        if (open.empty()) return;
        const std::size_t k = open.size();
        // At most `most` open columns are in any plan still in the running: the
        // count is capped at the best plan's (forced columns are in all plans).
        const std::size_t most = std::min<std::size_t>(k, best_->count - ctx_.forced_set.size());
        if (most == 0) return;  // the forced set itself
        const double base_rank = ctx_.rank[ctx_.relevant[open.front()]];
        std::vector<double> offsets;  // rank - base, ascending like `open`
        for (std::size_t j : open) offsets.push_back(ctx_.rank[ctx_.relevant[j]] - base_rank);
        double rank_bound = 0;  // the largest rank sum of `most` open columns
        for (std::size_t p = k - most; p < k; ++p) rank_bound += offsets[p];
        if (include_count) caps_.push_back(cap(Key::Count, best_->count + 0.5));

        if (k <= 30) {
            // One exact integer objective: count * A + (rank - base) * B - 2^(k-1-p)
            // (p: position among the open columns by rank). The lex part spans
            // less than B, the rank part less than A, so it is lexicographic;
            // subtracting base per chosen column only shifts by a count multiple.
            // Magnitudes stay where CBC's integer tolerance cannot blur a unit.
            const double lex_span = std::ldexp(1.0, static_cast<int>(k));
            const double b = lex_span;
            const double a = include_count ? b * (rank_bound + 1) : 0;
            const double magnitude = static_cast<double>(most) * a + b * rank_bound + lex_span;
            if (magnitude <= kExactObjective) {
                StageSpec spec = base_spec();
                spec.objective.assign(ctx_.relevant.size(), 0.0);
                for (std::size_t p = 0; p < k; ++p)
                    spec.objective[open[p]] = a + b * offsets[p] - std::ldexp(1.0, static_cast<int>(k - 1 - p));
                if (solve(spec) == Outcome::Infeasible) inconsistent();
                return;
            }
        }

        // count and idkey (merged when exact, else in turn), then prove the
        // winner unique or refine by idlex.
        const double a = include_count ? rank_bound + 1 : 0;
        if (static_cast<double>(most) * a + rank_bound <= kExactObjective) {
            StageSpec spec = base_spec();
            spec.objective.assign(ctx_.relevant.size(), 0.0);
            for (std::size_t p = 0; p < k; ++p) spec.objective[open[p]] = a + offsets[p];
            if (solve(spec) == Outcome::Infeasible) return inconsistent();
            if (stop_) return;
            if (include_count) settle(Key::Count);
            settle(Key::IdKey);
        } else {
            if (include_count) {
                sum_stage(Key::Count);
                if (stop_ || best_->count == ctx_.forced_set.size()) return;
            }
            sum_stage(Key::IdKey);
            if (stop_) return;
        }
        refine_by_idlex(open);
    }

    // Is the winner the only plan left? Count is minimal and capped, so any
    // other has the same count and holds a column outside the winner. If not,
    // fix the open columns block by block, lowest id first (idlex).
    void refine_by_idlex(const std::vector<std::size_t>& open) {
        const std::size_t k = open.size();
        StageSpec unique = base_spec();
        const std::vector<std::uint32_t> winner = best_->chosen;
        unique.exclude_set = &winner;
        const Outcome outcome = solve(unique);
        if (outcome != Outcome::Solved) return;  // Infeasible: the winner is the only one left
        std::vector<std::int8_t> fix(ctx_.relevant.size(), -1);
        for (std::size_t from = 0; from < k && !stop_; from += kLexBlock) {
            const std::size_t to = std::min(k, from + kLexBlock);
            StageSpec spec = base_spec();
            spec.fix = fix;
            spec.objective.assign(ctx_.relevant.size(), 0.0);
            for (std::size_t p = from; p < to; ++p)
                spec.objective[open[p]] = -std::ldexp(1.0, static_cast<int>(to - 1 - p));
            if (solve(spec) == Outcome::Infeasible) return inconsistent();
            for (std::size_t p = from; p < to; ++p) {
                const std::uint32_t c = ctx_.relevant[open[p]];
                const bool in = std::find(best_->chosen.begin(), best_->chosen.end(), c) != best_->chosen.end();
                fix[open[p]] = in ? 1 : 0;
            }
        }
    }

    // ---- outcomes ----

    void closure() {
        auto plan = make_candidate(ctx_, ctx_.forced_set);
        assert(plan && "the forced set of a choice-free cone is a plan");
        if (!plan) return infeasible("internal error: the forced plan is not valid");
        // Every other plan adds to it, so it is the cheapest and the fastest.
        std::vector<std::string> over;
        if (request_.max_cost && !within_limit(plan->cost, *request_.max_cost)) over.push_back(cost_over(plan->cost));
        if (request_.max_weeks && !within_limit(plan->weeks, *request_.max_weeks))
            over.push_back(weeks_over(plan->weeks));
        if (request_.weeks_below && !definitely_less(plan->weeks, *request_.weeks_below))
            over.push_back(weeks_not_below(plan->weeks));
        if (!over.empty()) {
            std::string reason;
            for (const std::string& part : over) reason += (reason.empty() ? "" : "; ") + part;
            return infeasible(limits_reason(reason));
        }
        if (!admissible(ctx_, *plan)) return infeasible(kNoOtherPlan);  // a no-good: the only plan was taken
        best_ = std::move(plan);
        finish();
    }

    void finish() {
        canonical_assignment();
        const Schedule timing =
            schedule(ctx_.catalog, ctx_.graph, ctx_.held, best_->chosen, request_.first_day, best_->withheld);
        assert(timing.valid);
        if (!timing.valid) return infeasible("internal error: the plan found is not valid");
        plan_.feasible = true;
        plan_.optimal = proven_;
        fill_steps(plan_, ctx_.catalog, ctx_.graph, timing, best_->withheld);
        fill_overlaps();
        plan_.withheld = best_->withheld;
    }

    // Under overlap limits the solver returns one of the assignments that
    // give the plan its weeks; which one depends on its pivoting. The
    // assignment search's (the fastest, found in catalog order) replaces it
    // when it is as fast, so the same plan always prints the same "counts"
    // lines. Pinned assignments keep the solver's, which honours them.
    void canonical_assignment() {
        if (ctx_.overlaps.empty() || !request_.applied.empty()) return;
        const auto canonical = make_candidate(ctx_, best_->chosen);
        if (canonical && !definitely_less(best_->weeks, canonical->weeks)) best_->withheld = canonical->withheld;
    }

    // The limits in force and what counts toward both sides of each.
    void fill_overlaps() {
        const auto& chosen = best_->chosen;
        const auto in_plan = [&](std::uint32_t c) { return std::find(chosen.begin(), chosen.end(), c) != chosen.end(); };
        const auto& withheld = best_->withheld;
        const auto counts = [&](std::uint32_t toward, std::uint32_t d) {
            return !std::binary_search(withheld.begin(), withheld.end(), std::pair{toward, d});
        };
        const auto by_id = [&](std::uint32_t x, std::uint32_t y) {
            return ctx_.catalog.credentials[x].id < ctx_.catalog.credentials[y].id;
        };
        plan_.overlaps.clear();
        for (const OverlapPair& pair : ctx_.overlaps) {
            if (!in_plan(pair.a) || !in_plan(pair.b)) continue;
            PlanOverlap overlap{pair.a, pair.b, pair.limit, {}};
            if (by_id(pair.b, pair.a)) std::swap(overlap.a, overlap.b);
            for (std::uint32_t d : ctx_.counted.at(pair.a))
                if ((ctx_.held[d] || in_plan(d)) && counts(pair.a, d) && counts(pair.b, d) &&
                    std::binary_search(ctx_.counted.at(pair.b).begin(), ctx_.counted.at(pair.b).end(), d))
                    overlap.shared.push_back(d);
            std::sort(overlap.shared.begin(), overlap.shared.end(), by_id);
            plan_.overlaps.push_back(std::move(overlap));
        }
        std::sort(plan_.overlaps.begin(), plan_.overlaps.end(), [&](const PlanOverlap& x, const PlanOverlap& y) {
            const auto& ids = ctx_.catalog.credentials;
            return std::pair{ids[x.a].id, ids[x.b].id} < std::pair{ids[y.a].id, ids[y.b].id};
        });
    }

    void infeasible(std::string reason) {
        plan_.feasible = false;
        plan_.optimal = false;
        plan_.reason = std::move(reason);
    }

    std::string money(double value) const { return format_amount(value) + " " + ctx_.catalog.currency; }

    std::string cost_over(double cheapest) const {
        return fmt::format("the cheapest plan costs {}, {} over --max-cost {}", money(cheapest),
                           format_amount(cheapest - *request_.max_cost), format_number(*request_.max_cost));
    }

    std::string weeks_over(double fastest) const {
        return fmt::format("the fastest plan takes {} weeks, {} over --max-weeks {}", format_number(fastest),
                           format_number(fastest - *request_.max_weeks), format_number(*request_.max_weeks));
    }

    std::string weeks_not_below(double fastest) const {
        return fmt::format("the fastest plan takes {} weeks, not fewer than {}", format_number(fastest),
                           format_number(*request_.weeks_below));
    }

    static std::string limits_reason(const std::string& detail) { return "no plan meets the limits: " + detail; }

    std::string time_limit_reason() const {
        return fmt::format("no plan found within the time limit ({} seconds per solver call); one may still exist",
                           format_number(request_.time_limit_seconds));
    }

    // The cheapest plan ignoring the limits; nullopt when the solver gives up.
    std::optional<Candidate> cheapest_plan() {
        StageSpec spec;
        spec.objective = coefficients(Key::Cost);
        const StageResult result = solve_stage(ctx_, spec, plan_.stats);
        if (result.status != StageResult::Status::Optimal) return std::nullopt;
        return make_candidate(ctx_, result.chosen, &result.withheld);
    }

    std::optional<Candidate> best_of(const StageSpec& spec) {
        const StageResult result = solve_stage(ctx_, spec, plan_.stats);
        if (result.status != StageResult::Status::Optimal) return std::nullopt;
        return make_candidate(ctx_, result.chosen, &result.withheld);
    }

    // The first stage found no plan: say which limit, with the numbers.
    void diagnose() {
        if (time_limit_) return infeasible(time_limit_reason());
        if (ctx_.quiet || !ctx_.nogoods.empty())
            return infeasible(proven_ ? kNoOtherPlan : "no further plan found, but none was proven not to exist");
        const auto cheapest = cheapest_plan();
        if (!cheapest) return infeasible(time_limit_reason());
        if (request_.max_cost && !within_limit(cheapest->cost, *request_.max_cost))
            return infeasible(limits_reason(cost_over(cheapest->cost)));
        if (request_.weeks_below && request_.max_cost) {
            // The fastest plan qualifies (checked first), the cheapest meets
            // --max-cost: only both together fail.
            return infeasible(limits_reason(fmt::format(
                "every plan taking fewer than {} weeks{} costs more than --max-cost {}",
                format_number(*request_.weeks_below),
                request_.max_weeks ? fmt::format(" (and at most --max-weeks {})", format_number(*request_.max_weeks))
                                   : "",
                format_number(*request_.max_cost))));
        }
        if (!request_.max_cost || !request_.max_weeks)  // cannot happen: each limit alone is satisfiable
            return infeasible("no plan meets the limits");
        // Each limit alone can be met, both together cannot.
        std::optional<double> cheapest_weeks;
        if (!definitely_less(ctx_.fastest, cheapest->weeks)) {
            cheapest_weeks = cheapest->weeks;
        } else {
            StageSpec spec;
            spec.timed = true;
            spec.minimize_weeks = true;
            spec.caps.push_back(cap(Key::Cost, cheapest->cost));
            if (auto found = best_of(spec)) cheapest_weeks = found->weeks;
        }
        StageSpec spec;
        spec.timed = true;
        spec.dlim = ctx_.fastest;
        spec.objective = coefficients(Key::Cost);
        const auto fastest = best_of(spec);
        if (!cheapest_weeks || !fastest) return infeasible(time_limit_reason());
        infeasible(fmt::format(
            "no plan meets both limits: the cheapest plan costs {} but takes {} weeks ({} over --max-weeks {}); "
            "the fastest plan takes {} weeks but costs {} ({} over --max-cost {})",
            money(cheapest->cost), format_number(*cheapest_weeks),
            format_number(*cheapest_weeks - *request_.max_weeks), format_number(*request_.max_weeks),
            format_number(ctx_.fastest), money(fastest->cost), format_amount(fastest->cost - *request_.max_cost),
            format_number(*request_.max_cost)));
    }

    Context& ctx_;
    Plan& plan_;
    const PlanRequest& request_;
    std::optional<Candidate> best_;
    std::vector<Cap> caps_;
    double dlim_ = kInf;
    double max_upper_ = 0;
    bool proven_ = true;
    bool inexact_cap_ = false;  // see weeks_cap_below
    bool stop_ = false;
    bool time_limit_ = false;
    bool unique_ = false;  // the last stage's plan is its only optimum (StageResult::unique)
    std::vector<std::int8_t> settled_;  // the last stage's StageResult::settled
};

std::vector<std::uint8_t> mask(std::uint32_t size, const std::vector<std::uint32_t>& members) {
    std::vector<std::uint8_t> result(size, 0);
    for (std::uint32_t c : members)
        if (c < size) result[c] = 1;
    return result;
}

struct Run {
    Plan plan;
    bool proven = true;  // see Planner::proven; an input error is proven
};

// One presolved context planned once or several times (alternatives add
// no-goods between runs, the frontier lowers weeks_below): presolve depends on
// the targets, goals, held and excluded credentials only.
class Session {
public:
    Session(const Catalog& catalog, const DependencyGraph& graph, const PlanRequest& request)
        : request_(request), ctx_(catalog, graph, request_) {}
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // What later runs may change: request().weeks_below, context().nogoods, context().quiet.
    PlanRequest& request() { return request_; }
    Context& context() { return ctx_; }
    bool prepared() const { return prepared_; }

    Run first() {
        const auto started = std::chrono::steady_clock::now();
        Run run;
        if (prepare(run.plan)) {
            prepared_ = true;
            base_stats_ = run.plan.stats;
            run = solve(std::move(run.plan));
        }
        run.plan.stats.seconds = seconds_since(started);
        return run;
    }

    // Requires prepared().
    Run next() {
        const auto started = std::chrono::steady_clock::now();
        Plan plan;
        plan.stats = base_stats_;
        Run run = solve(std::move(plan));
        run.plan.stats.seconds = seconds_since(started);
        return run;
    }

private:
    static double seconds_since(std::chrono::steady_clock::time_point started) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }

    Run solve(Plan plan) {
        Run run;
        run.plan = std::move(plan);
        Planner planner(ctx_, run.plan);
        planner.run();
        run.proven = planner.proven();
        return run;
    }

    // Validates the request and presolves; false with the reason in `plan`
    // when there is nothing to plan or a target or goal cannot be reached.
    bool prepare(Plan& plan) {
        const Catalog& catalog = ctx_.catalog;
        ctx_.size = static_cast<std::uint32_t>(catalog.credentials.size());
        if (request_.targets.empty() && request_.goals.empty() && request_.included.empty() &&
            request_.applied.empty()) {
            plan.reason = "nothing to plan: no target and no goal";
            return false;
        }
        // Pins are targets of their own: in every plan, with what they need.
        for (const auto& [list, what] : {std::pair{&request_.targets, "target"},
                                         std::pair{&request_.included, "included credential"}})
            for (std::uint32_t target : *list) {
                if (target >= ctx_.size) {
                    plan.reason = fmt::format("unknown {} (index {})", what, target);
                    return false;
                }
                if (std::find(ctx_.targets.begin(), ctx_.targets.end(), target) == ctx_.targets.end())
                    ctx_.targets.push_back(target);
            }
        // So are both sides of a pinned assignment.
        for (const auto& [d, toward] : request_.applied)
            for (std::uint32_t pin : {d, toward}) {
                if (pin >= ctx_.size) {
                    plan.reason = fmt::format("unknown applied credential (index {})", pin);
                    return false;
                }
                if (std::find(ctx_.targets.begin(), ctx_.targets.end(), pin) == ctx_.targets.end())
                    ctx_.targets.push_back(pin);
            }
        ctx_.held = mask(ctx_.size, request_.held);
        ctx_.excluded = mask(ctx_.size, request_.excluded);
        ctx_.goals.reserve(request_.goals.size());  // never resized after: `nodes` keys point into it
        for (const GoalRule& goal : request_.goals) {
            if (!goal.rule) {
                plan.reason = "a goal has no rule";
                return false;
            }
            if (goal.owner && *goal.owner >= ctx_.size) {
                plan.reason = fmt::format("unknown goal owner (index {})", *goal.owner);
                return false;
            }
            ctx_.goals.push_back(*goal.rule);
            ctx_.goal_owners.push_back(goal.owner.value_or(kNoOwner));
            if (goal.owner) ctx_.excluded[*goal.owner] = 1;  // never added for its own rule
        }
        // The cone: the targets, what the goal rules name directly, and all
        // they draw on.
        std::vector<std::uint32_t> roots(ctx_.targets);
        for (std::size_t g = 0; g < ctx_.goals.size(); ++g)
            for_each_source(catalog, ctx_.goals[g], ctx_.goal_owners[g],
                            [&](std::uint32_t source) { roots.push_back(source); });
        ctx_.cone = ctx_.graph.cone(roots);
        plan.stats.cone_size = static_cast<std::uint32_t>(ctx_.cone.size());
        std::vector<std::uint32_t> by_id(ctx_.cone);
        std::sort(by_id.begin(), by_id.end(), [&](std::uint32_t a, std::uint32_t b) {
            return catalog.credentials[a].id < catalog.credentials[b].id;
        });
        ctx_.rank.assign(ctx_.size, kNoRank);
        for (std::size_t i = 0; i < by_id.size(); ++i) ctx_.rank[by_id[i]] = static_cast<std::uint32_t>(i);

        if (!presolve(ctx_)) {
            std::string reason;
            const auto add = [&](const std::string& part) { reason += (reason.empty() ? "" : "; ") + part; };
            for (std::uint32_t target : ctx_.targets)
                if (!ctx_.held[target] && ctx_.state[target] != State::Free)
                    add(explain_unreachable(ctx_, target, std::find(request_.targets.begin(), request_.targets.end(),
                                                                    target) == request_.targets.end()));
            for (std::size_t g = 0; g < ctx_.goals.size(); ++g)
                if (ctx_.info(ctx_.goals[g]).status == Status::False) add(explain_unmet_goal(ctx_, g));
            plan.reason = std::move(reason);
            return false;
        }
        plan.stats.relevant = static_cast<std::uint32_t>(ctx_.relevant.size());
        plan.stats.forced = static_cast<std::uint32_t>(ctx_.forced_set.size());
        return (ctx_.conflicts.empty() && ctx_.overlaps.empty()) || settle_conflicts(ctx_, plan.stats, plan.reason);
    }

    PlanRequest request_;
    Context ctx_;
    bool prepared_ = false;
    PlanStats base_stats_;
};


// The credentials a plan adds, sorted by rank (the no-good of its route).
std::vector<std::uint32_t> added_set(const Context& ctx, const Plan& plan) {
    std::vector<std::uint32_t> added;
    for (const PlanStep& step : plan.steps) added.push_back(step.credential);
    std::sort(added.begin(), added.end(), [&](std::uint32_t a, std::uint32_t b) { return ctx.rank[a] < ctx.rank[b]; });
    return added;
}

}  // namespace

Plan make_plan(const Catalog& catalog, const DependencyGraph& graph, const PlanRequest& request) {
    return Session(catalog, graph, request).first().plan;
}

std::vector<Plan> make_alternatives(const Catalog& catalog, const DependencyGraph& graph, const PlanRequest& request,
                                    std::size_t k, const ProgressCallback& progress) {
    std::vector<Plan> plans;
    if (k == 0) return plans;
    report_progress(progress, 0, k);
    Session session(catalog, graph, request);
    plans.push_back(session.first().plan);
    report_progress(progress, plans.size(), k);
    if (!plans.back().feasible) return plans;
    Context& ctx = session.context();
    ctx.quiet = true;
    bool proven = plans.back().optimal;
    // Presolve only forces what every plan contains (and drops what no plan
    // within the limits can use), so it stays valid under the no-goods. A
    // determined context has one plan, every other adds to it.
    while (plans.size() < k && !plans.back().steps.empty() && !ctx.determined) {
        ctx.nogoods.push_back(added_set(ctx, plans.back()));
        Run run = session.next();
        if (!run.plan.feasible) {
            if (!run.proven) plans.push_back(std::move(run.plan));  // says why the list may be incomplete
            break;
        }
        proven = proven && run.plan.optimal;
        run.plan.optimal = proven;
        plans.push_back(std::move(run.plan));
        report_progress(progress, plans.size(), k);
    }
    return plans;
}

std::vector<Plan> make_pareto(const Catalog& catalog, const DependencyGraph& graph, const PlanRequest& request,
                              const ProgressCallback& progress) {
    PlanRequest cost_request = request;
    cost_request.objective = Objective::Cost;
    report_progress(progress, 0, 0);
    Session session(catalog, graph, cost_request);
    std::vector<Plan> plans;
    plans.push_back(session.first().plan);
    report_progress(progress, plans.size(), 0);
    if (!plans.back().feasible) return plans;
    session.context().quiet = true;
    bool proven = plans.back().optimal;
    // Epsilon-constraint sweep: the cheapest plan taking fewer weeks than the
    // last point, until none does. Weeks fall strictly, so it ends.
    for (;;) {
        const double last_weeks = plans.back().totals.weeks;
        session.request().weeks_below = last_weeks;
        Run run = session.next();
        if (!run.plan.feasible) {
            if (!run.proven) plans.push_back(std::move(run.plan));  // says why the frontier may be incomplete
            break;
        }
        assert(definitely_less(run.plan.totals.weeks, last_weeks));
        if (!definitely_less(run.plan.totals.weeks, last_weeks)) break;
        proven = proven && run.plan.optimal;
        run.plan.optimal = proven;
        plans.push_back(std::move(run.plan));
        report_progress(progress, plans.size(), 0);
    }
    return plans;
}

Plan evaluate_plan(const Catalog& catalog, const DependencyGraph& graph, const std::vector<std::uint32_t>& held,
                   const std::vector<std::uint32_t>& chosen, const std::optional<Date>& first_day,
                   const Withheld& withheld) {
    const auto size = static_cast<std::uint32_t>(catalog.credentials.size());
    const std::vector<std::uint8_t> held_mask = mask(size, held);
    std::vector<std::uint32_t> steps;
    for (std::uint32_t c : chosen)
        if (c < size && !held_mask[c] && std::find(steps.begin(), steps.end(), c) == steps.end()) steps.push_back(c);
    const Schedule timing = schedule(catalog, graph, held_mask, steps, first_day, withheld);
    Plan plan;
    fill_steps(plan, catalog, graph, timing, withheld);
    plan.withheld = withheld;
    plan.feasible = timing.valid;
    if (!timing.valid) {
        const Credential& blocked = catalog.credentials[timing.blocked];
        plan.reason = timing.blocked_ready == kInf ? fmt::format("the requirements of {} are not met", blocked.id)
                                                   : no_intake_left(blocked, timing.blocked_ready, *first_day);
    }
    return plan;
}

}  // namespace credpath

namespace credpath {

namespace {
// Masks over the catalog: the held credentials, and the excluded ones with
// those a held credential shuts out (`excludes`).
std::pair<std::vector<std::uint8_t>, std::vector<std::uint8_t>> held_and_excluded(
    const DependencyGraph& graph, std::size_t size, const std::vector<std::uint32_t>& held,
    const std::vector<std::uint32_t>& excluded) {
    std::vector<std::uint8_t> is_held(size, 0), is_excluded(size, 0);
    for (std::uint32_t index : excluded) is_excluded[index] = 1;
    for (std::uint32_t index : held) {
        is_held[index] = 1;
        for (std::uint32_t other : graph.excluded_with(index)) is_excluded[other] = 1;
    }
    return {std::move(is_held), std::move(is_excluded)};
}
}  // namespace

std::vector<double> earliest_finish(const Catalog& catalog, const DependencyGraph& graph,
                                    const std::vector<std::uint32_t>& held, const std::vector<std::uint32_t>& excluded,
                                    const std::optional<Date>& first_day) {
    const std::size_t size = catalog.credentials.size();
    // Named members, not a structured binding: clang 14 cannot capture one in a lambda.
    const auto masks = held_and_excluded(graph, size, held, excluded);
    const std::vector<std::uint8_t>& is_held = masks.first;
    const std::vector<std::uint8_t>& is_excluded = masks.second;
    std::vector<double> earliest(size, planner_detail::kInf);
    const auto finish_of = [&](std::uint32_t index) { return earliest[index]; };
    const auto begin = [&](std::uint32_t index) { earliest[index] = catalog.credentials[index].weeks; };
    const auto settle = [&](std::uint32_t index) {
        const double was = earliest[index];
        if (is_held[index]) {
            earliest[index] = 0;
        } else if (is_excluded[index]) {
            earliest[index] = planner_detail::kInf;
        } else {
            const Credential& credential = catalog.credentials[index];
            const double ready = planner_detail::ready_week(catalog, index, finish_of);
            earliest[index] = planner_detail::start_week(credential, ready, first_day) + credential.weeks;
        }
        return earliest[index] != was;
    };
    planner_detail::settle_in_order(graph, graph.topological_order(), begin, settle);
    return earliest;
}

std::vector<double> reach_cost_bound(const Catalog& catalog, const DependencyGraph& graph,
                                     const std::vector<std::uint32_t>& held, const std::vector<std::uint32_t>& excluded) {
    const std::size_t size = catalog.credentials.size();
    // Named members, not a structured binding: clang 14 cannot capture one in a lambda.
    const auto masks = held_and_excluded(graph, size, held, excluded);
    const std::vector<std::uint8_t>& is_held = masks.first;
    const std::vector<std::uint8_t>& is_excluded = masks.second;
    // The recursion of earliest_finish with costs for weeks: a rule's bound is
    // the bound of a part it cannot do without (the costliest of `all`, the
    // cheapest of `any`, ...), each a subset of any plan that meets it.
    // Co-requisites are left out, which only lowers the bound.
    std::vector<double> bound(size, planner_detail::kInf);
    const auto bound_of = [&](std::uint32_t index) { return bound[index]; };
    const auto no_start = [](std::uint32_t) { return 0.0; };
    const auto begin = [&](std::uint32_t index) { bound[index] = catalog.credentials[index].cost; };
    const auto settle = [&](std::uint32_t index) {
        const double was = bound[index];
        if (is_held[index]) bound[index] = 0;
        else if (is_excluded[index]) bound[index] = planner_detail::kInf;
        else bound[index] = catalog.credentials[index].cost + planner_detail::ready_week(catalog, index, bound_of, no_start);
        return bound[index] != was;
    };
    planner_detail::settle_in_order(graph, graph.topological_order(), begin, settle);
    return bound;
}

}  // namespace credpath
