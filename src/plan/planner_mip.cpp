// One MIP stage of the exact planner, solved with COIN-OR CBC through its
// C++ API. The model is built as column-compressed arrays and loaded with a
// single loadProblem call.
//
// Model (relevant credentials only; held ones and rule nodes met by them are
// constants, Dead ones and unmeetable nodes are absent):
//   x_c  binary   credential c is added (forced ones fixed to 1)
//   y_r  binary   rule node r is met (the root of c uses x_c itself: x_c <= y_root)
//   all:      y <= y_child for each child
//   any / at_least n (n' = n - children met by held ones):  n'*y <= sum of children
//   credits:  need*y <= sum credits_d * x_d   (need = amount - held credits);
//             a cap's members count through v_k <= room_k, v_k <= their sum
//   skills:   per skill no held credential teaches, y <= sum of its teachers' x
//   Ref children are the x of the credential itself.
//   goal rules: a node like the above whose indicator is fixed to 1 (a goal
//   that is a lone reference: that x >= 1).
//   no-goods (alternatives): sum of x over an earlier route <= its size - 1.
// Timed models (a finish cap, or weeks minimised) choose which children a choice
// node relies on: z binary per (node, child) with z <= child met, the counting
// rows over z, and continuous weeks
//   t_r >= time(child) - M(1 - z)        (All: z = y)
//   f_c >= t_root(c) + weeks_c - M'(1 - x_c),   f_c >= earliest_c * x_c,
//   f_c <= dlim for every credential (also useless steps), or f_c <= D minimised.
// All data are exact (limits, fixed key values, credit amounts): CBC applies its
// own feasibility tolerance, and near-duplicate values only hurt its numerics.
// The 1e-9 tolerance of the contract is applied where presolve fixes columns and
// in the exact re-evaluation of every plan the solver returns.
// For a fixed set the least feasible f are exactly the schedule's finish weeks
// (any/at_least/credits/skills pick their earliest children), so "weeks <= D" is
// modelled exactly. M is the bound of the child's column (longest chain, capped
// by dlim), as tight as it can be.
#include <coin/CbcHeuristic.hpp>
#include <coin/CbcModel.hpp>
#include <coin/CglMixedIntegerRounding2.hpp>
#include <coin/CglProbing.hpp>
#include <coin/ClpPrimalColumnDantzig.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cfloat>
#include <limits>
#include <map>
#include <memory>

#include "planner_internal.hpp"

namespace credpath::planner_detail {
namespace {

constexpr double kSolverInf = DBL_MAX;  // COIN_DBL_MAX
// Below this many columns CBC's preprocessing, cuts and heuristics cost more
// than they save.
constexpr std::size_t kSmallModel = 200;

struct Lp {
    std::vector<double> col_lb, col_ub, obj;
    std::vector<int> integers;
    std::vector<double> row_lb, row_ub;
    std::vector<int> entry_row, entry_col;
    std::vector<double> entry_val;

    int add_col(double lb, double ub, double cost, bool integer) {
        const int col = static_cast<int>(col_lb.size());
        col_lb.push_back(lb);
        col_ub.push_back(ub);
        obj.push_back(cost);
        if (integer) integers.push_back(col);
        return col;
    }
    int add_row(double lb, double ub) {
        row_lb.push_back(lb);
        row_ub.push_back(ub);
        return static_cast<int>(row_lb.size()) - 1;
    }
    void add(int row, int col, double value) {
        if (value == 0) return;
        entry_row.push_back(row);
        entry_col.push_back(col);
        entry_val.push_back(value);
    }
};

// A rule node in the model: met by the held credentials, or an indicator column
// with (timed) the column of its week and that column's upper bound.
struct Term {
    bool constant = false;
    int ind = -1;
    int time = -1;
    double time_ub = 0;
    double offset = 0;  // its week is time - offset (a credential's start in a `corequires`: f - weeks)
    bool never = false;  // an assigned rule's leaf that no plan can use
};

class Builder {
public:
    Builder(const Context& ctx, const StageSpec& spec, Lp& lp) : ctx_(ctx), spec_(spec), lp_(lp) {}

    // False when the bounds alone make the stage infeasible.
    bool build() {
        const std::size_t count = ctx_.relevant.size();
        x_.resize(count);
        latest_ = latest_finishes();
        const std::vector<double>& latest = latest_;
        for (std::size_t j = 0; j < count; ++j) {
            const std::uint32_t c = ctx_.relevant[j];
            const std::int8_t fixed = spec_.fix.empty() ? std::int8_t{-1} : spec_.fix[j];
            const double lb = (ctx_.forced[c] || fixed == 1) ? 1 : 0;
            const bool too_late = definitely_less(spec_.dlim, ctx_.earliest[c]) ||
                                  (!latest.empty() && !ctx_.forced[c] && fixed != 1 &&
                                   definitely_less(latest[j], ctx_.earliest[c]));
            const double ub = (fixed == 0 || too_late) ? 0 : 1;
            if (lb > ub) return false;
            x_[j] = lp_.add_col(lb, ub, spec_.objective.empty() ? 0.0 : spec_.objective[j], true);
        }
        if (spec_.timed) {
            f_.resize(count);
            f_ub_.resize(count);
            for (std::size_t j = 0; j < count; ++j) {
                f_ub_[j] = std::min(ctx_.upper[ctx_.relevant[j]], spec_.dlim);
                // A tighter big-M where the deadlines allow (never below the earliest finish).
                if (!latest.empty() && latest[j] >= ctx_.earliest[ctx_.relevant[j]])
                    f_ub_[j] = std::min(f_ub_[j], latest[j]);
                f_[j] = lp_.add_col(0, f_ub_[j], 0, false);
            }
        }
        int weeks_col = -1;
        if (spec_.minimize_weeks) {
            double top = 0;
            for (std::uint32_t c : ctx_.relevant) top = std::max(top, ctx_.upper[c]);
            const double ub = std::min(top, spec_.dlim);
            if (definitely_less(ub, ctx_.fastest)) return false;
            weeks_col = lp_.add_col(std::min(ctx_.fastest, ub), ub, 1, false);
        }
        for (std::size_t j = 0; j < count; ++j) credential(j, weeks_col);
        for (std::size_t g : ctx_.free_goals) goal(ctx_.goals[g]);
        overlap_limits();
        for (const Cap& cap : spec_.caps) {
            const int row = lp_.add_row(-kSolverInf, cap.rhs);
            for (std::size_t j = 0; j < count; ++j) lp_.add(row, x_[j], cap.coef[j]);
        }
        if (spec_.exclude_set) some_outside(*spec_.exclude_set);
        if (spec_.outside_of)
            for (const std::vector<std::uint32_t>& set : *spec_.outside_of) some_outside(set);
        if (spec_.distinct_from)
            for (const std::vector<std::uint32_t>& set : *spec_.distinct_from) {
                // sum over the set of x - sum outside it of x <= size - 1:
                // cuts off exactly this set.
                std::vector<std::uint8_t> in(count, 0);
                for (std::uint32_t c : set) in[static_cast<std::size_t>(ctx_.column[c])] = 1;
                const int row = lp_.add_row(-kSolverInf, static_cast<double>(set.size()) - 1);
                for (std::size_t j = 0; j < count; ++j) lp_.add(row, x_[j], in[j] ? 1.0 : -1.0);
            }
        for (const auto& [a, b] : ctx_.conflicts) {  // x_a + x_b <= 1: they exclude each other
            const int row = lp_.add_row(-kSolverInf, 1);
            lp_.add(row, x_[static_cast<std::size_t>(ctx_.column[a])], 1.0);
            lp_.add(row, x_[static_cast<std::size_t>(ctx_.column[b])], 1.0);
        }
        for (const auto& nogood : ctx_.nogoods) {
            // sum over the set of x <= size - 1; a member that is no column is
            // never chosen, so the row always holds.
            if (std::any_of(nogood.begin(), nogood.end(), [&](std::uint32_t c) { return ctx_.column[c] < 0; }))
                continue;
            const int row = lp_.add_row(-kSolverInf, static_cast<double>(nogood.size()) - 1);
            for (std::uint32_t c : nogood) lp_.add(row, x_[static_cast<std::size_t>(ctx_.column[c])], 1.0);
        }
        return true;
    }

    const std::vector<int>& x() const { return x_; }
    // The assignment columns: (credential, what counts toward it) -> column.
    const std::map<std::pair<std::uint32_t, std::uint32_t>, int>& assignments() const { return assign_; }

private:
    // A row "some credential outside `set` is chosen": sum of x outside >= 1
    // (far tighter than the classic sum over the set of (1 - x) + sum outside
    // of x >= 1).
    void some_outside(const std::vector<std::uint32_t>& set) {
        std::vector<std::uint8_t> in(x_.size(), 0);
        for (std::uint32_t c : set) in[static_cast<std::size_t>(ctx_.column[c])] = 1;
        const int row = lp_.add_row(1.0, kSolverInf);
        for (std::size_t j = 0; j < x_.size(); ++j)
            if (!in[j]) lp_.add(row, x_[j], 1.0);
    }

    // Under a finish cap, the latest week each relevant credential can finish
    // and still be of use in a plan within it: a target, a forced one or a
    // goal's source by the cap; a source of a credential p by p's latest
    // start (its latest finish less its weeks); a co-requisite of p by that
    // start plus its own weeks. An optimal plan (any plan the stages look for:
    // dropping a member no member's rule needs in time only lowers every key)
    // holds no credential whose earliest finish is later, so those columns are
    // fixed at 0 (forced ones excepted) and the finish bounds tightened. Empty
    // without a cap, or with overlap limits (whose assignment decides which
    // members count).
    std::vector<double> latest_finishes() const {
        if (!(spec_.dlim < kInf) || !ctx_.counted.empty()) return {};
        const Catalog& catalog = ctx_.catalog;
        const std::size_t count = ctx_.relevant.size();
        std::vector<double> latest(count, -kInf);
        bool changed = false;
        const auto raise = [&](std::uint32_t c, double week) {
            if (c >= ctx_.column.size() || ctx_.column[c] < 0) return;
            double& at = latest[static_cast<std::size_t>(ctx_.column[c])];
            const double bound = std::min(week, spec_.dlim);
            if (bound > at) {
                at = bound;
                changed = true;
            }
        };
        for (std::uint32_t c : ctx_.free_targets) raise(c, spec_.dlim);
        for (std::uint32_t c : ctx_.relevant)
            if (ctx_.forced[c]) raise(c, spec_.dlim);
        for (std::size_t g : ctx_.free_goals)
            for_each_source(catalog, ctx_.goals[g], ctx_.goal_owners[g], [&](std::uint32_t d) { raise(d, spec_.dlim); });
        // Parents before their sources; repeated until nothing moves, as
        // co-requisites may tie credentials both ways.
        const std::vector<std::uint32_t>& order = ctx_.relevant_order;
        for (std::size_t round = 0; round <= count && changed; ++round) {
            changed = false;
            for (auto it = order.rbegin(); it != order.rend(); ++it) {
                const std::uint32_t c = *it;
                const double finish = latest[static_cast<std::size_t>(ctx_.column[c])];
                if (finish == -kInf) continue;
                const Credential& credential = catalog.credentials[c];
                const double start = finish - credential.weeks;
                if (credential.rule) for_each_source(catalog, *credential.rule, c, [&](std::uint32_t d) { raise(d, start); });
                if (credential.corequisite)
                    for_each_source(catalog, *credential.corequisite, c,
                                    [&](std::uint32_t d) { raise(d, start + catalog.credentials[d].weeks); });
            }
        }
        return latest;
    }

    void credential(std::size_t j, int weeks_col) {
        const std::uint32_t c = ctx_.relevant[j];
        const Credential& cred = ctx_.catalog.credentials[c];
        const double weeks = cred.weeks;
        // Untimed under a cap: a source that cannot finish before this
        // credential's latest start counts nothing toward it (see
        // credential_term); the timed model says so itself.
        source_deadline_ = kInf;
        if (!spec_.timed && !latest_.empty() && latest_[j] > -kInf) source_deadline_ = latest_[j] - weeks;
        const Term root = ctx_.assigned(c) ? assigned_root(j) : rule_root(j, cred.rule, false);
        source_deadline_ = kInf;
        const Term co = rule_root(j, cred.corequisite, true);
        if (!spec_.timed) return;
        const int f = f_[j];
        if (has_intakes(cred, ctx_.request.first_day)) {
            intakes(j, root, co);
        } else {
            // f >= t + weeks - M'(1 - x) for the week t each rule is met
            // (less its offset), M' = ub(t) + weeks; f >= weeks * x with none.
            bool timed = false;
            for (const Term* term : {&root, &co}) {
                if (term->constant || term->time < 0) continue;
                timed = true;
                const double big = term->time_ub + weeks;
                const int row = lp_.add_row(weeks - term->offset - big, kSolverInf);
                lp_.add(row, f, 1);
                lp_.add(row, term->time, -1);
                lp_.add(row, x_[j], -big);
            }
            if (!timed && weeks > 0) {
                const int row = lp_.add_row(0, kSolverInf);
                lp_.add(row, f, 1);
                lp_.add(row, x_[j], -weeks);
            }
        }
        if (ctx_.earliest[c] > 0 && ctx_.earliest[c] > weeks) {  // f >= earliest * x (a valid cut)
            const int row = lp_.add_row(0, kSolverInf);
            lp_.add(row, f, 1);
            lp_.add(row, x_[j], -ctx_.earliest[c]);
        }
        if (weeks_col >= 0) {  // f <= D
            const int row = lp_.add_row(-kSolverInf, 0);
            lp_.add(row, f, 1);
            lp_.add(row, weeks_col, -1);
        }
    }

    // The term of credential j's `requires` (or `corequires`, over start
    // weeks): constant when met by the held credentials; x_j is its
    // indicator (a lone reference: x_j <= that credential's x).
    Term rule_root(std::size_t j, const std::optional<Rule>& rule, bool starts) {
        Term root;
        root.constant = true;
        if (!rule || ctx_.info(*rule).status == Status::True) return root;
        starts_ = starts;
        if (rule->kind == RuleKind::Ref) {
            root = term(*rule, -1);
            const int row = lp_.add_row(-kSolverInf, 0);  // x_c <= x_d
            lp_.add(row, x_[j], 1);
            lp_.add(row, root.ind, -1);
        } else {
            root = term(*rule, x_[j]);
        }
        starts_ = false;
        return root;
    }

    // A credential with intakes starts on one of them: binaries w_i for its
    // intakes o_i that a plan within the cap can use, with
    //   sum w_i = x,   s = sum o_i w_i,   s >= t_root - M(1 - x),   f >= s + weeks * x
    // (and s >= t_co - offset - M(1 - x) for its `corequires`).
    // For a fixed set the least s is the first intake on or after the rule's
    // week, as in the schedule; no w_i at all: x = 0.
    void intakes(std::size_t j, const Term& root, const Term& co) {
        const std::uint32_t c = ctx_.relevant[j];
        const Credential& cred = ctx_.catalog.credentials[c];
        const double weeks = cred.weeks;
        const double first = ctx_.earliest[c] - weeks;
        const double last = std::min(ctx_.upper[c], spec_.dlim) - weeks;
        const std::vector<double> offsets = intake_weeks(cred, first, last, ctx_.request.first_day);
        const int one = lp_.add_row(0, 0);  // sum w - x = 0
        lp_.add(one, x_[j], -1);
        const int finish = lp_.add_row(0, kSolverInf);  // f - sum o w - weeks x >= 0
        lp_.add(finish, f_[j], 1);
        lp_.add(finish, x_[j], -weeks);
        std::vector<int> after;  // sum o w - t - M x >= -M - offset
        for (const Term* term : {&root, &co}) {
            if (term->constant || term->time < 0) continue;
            const double big = term->time_ub;
            const int row = lp_.add_row(-big - term->offset, kSolverInf);
            lp_.add(row, term->time, -1);
            lp_.add(row, x_[j], -big);
            after.push_back(row);
        }
        for (double offset : offsets) {
            const int w = lp_.add_col(0, 1, 0, true);
            lp_.add(one, w, 1);
            lp_.add(finish, w, -offset);
            for (int row : after) lp_.add(row, w, offset);
        }
    }

    // A goal rule must be met: its indicator is fixed to 1 (a lone reference:
    // that credential's column). Its week needs no cap: it is some chosen
    // credential's finish.
    void goal(const Rule& rule) {
        if (rule.kind == RuleKind::Ref) {
            const Term sub = term(rule, -1);
            const int row = lp_.add_row(1, kSolverInf);
            lp_.add(row, sub.ind, 1);
            return;
        }
        term(rule, lp_.add_col(1, 1, 0, true));
    }

    // ---- overlap limits ----
    // An assigned credential's rule is built over assignment columns a(c, d)
    // <= x_d (a held d: a free binary), one per credential d its rule can count,
    // instead of over the x (held ones and presolve's fixings included: under
    // a limit a held credential may have to count elsewhere). Per limit in
    // force, b_d >= a(p, d) + a(q, d) - 1 for what both can count and
    // sum b_d <= limit.

    Term assigned_root(std::size_t j) {
        const std::uint32_t c = ctx_.relevant[j];
        const auto& rule = ctx_.catalog.credentials[c].rule;
        Term root;
        root.constant = true;
        if (!rule) return root;
        if (rule->kind != RuleKind::Ref) return assigned_term(*rule, c, x_[j]);
        root = assigned_term(*rule, c, -1);
        const int row = lp_.add_row(-kSolverInf, 0);  // x_c <= a(c, d)
        lp_.add(row, x_[j], 1);
        if (!root.never) lp_.add(row, root.ind, -1);
        return root;
    }

    // The column of a(c, d), made on first use; never: d cannot count.
    Term leaf_term(std::uint32_t c, std::uint32_t d) {
        Term result;
        const bool held = ctx_.held[d] != 0;
        if (!held && ctx_.column[d] < 0) {
            result.never = true;
            return result;
        }
        auto [it, inserted] = assign_.try_emplace({c, d}, -1);
        if (inserted) {
            it->second = lp_.add_col(0, 1, 0, true);
            if (!held) {
                const int row = lp_.add_row(-kSolverInf, 0);  // a <= x_d
                lp_.add(row, it->second, 1);
                lp_.add(row, x_[static_cast<std::size_t>(ctx_.column[d])], -1);
            }
        }
        result.ind = it->second;
        if (spec_.timed && !held) {
            const auto k = static_cast<std::size_t>(ctx_.column[d]);
            result.time = f_[k];
            result.time_ub = f_ub_[k];
        }
        return result;
    }

    // The latest finish any credential a node can count may have.
    double assigned_upper(const Rule& rule, std::uint32_t c) const {
        double upper = 0;
        for_each_source(ctx_.catalog, rule, c, [&](std::uint32_t d) {
            if (!ctx_.held[d] && ctx_.column[d] >= 0) upper = std::max(upper, f_ub_[static_cast<std::size_t>(ctx_.column[d])]);
        });
        return upper;
    }

    // One credit source's `use` in a credits rule's `row`: directly, or
    // through the variable v of its cap `cap` (v <= room, v <= the credits
    // of the cap's members in use), made on the cap's first member.
    void add_credits(int row, int use, double credits, std::int32_t cap, double room, std::vector<int>& cap_rows) {
        if (cap < 0) {
            lp_.add(row, use, -credits);
            return;
        }
        int& cap_row = cap_rows[static_cast<std::size_t>(cap)];
        if (cap_row < 0) {
            const int v = lp_.add_col(0, room, 0, false);
            lp_.add(row, v, -1);
            cap_row = lp_.add_row(-kSolverInf, 0);  // v - sum credits * use <= 0
            lp_.add(cap_row, v, 1);
        }
        lp_.add(cap_row, use, -credits);
    }

    Term assigned_term(const Rule& rule, std::uint32_t c, int ind) {
        if (rule.kind == RuleKind::Ref) {
            const auto d = ctx_.catalog.find(rule);
            Term never;
            never.never = true;
            return d ? leaf_term(c, *d) : never;
        }
        Term result;
        result.ind = ind >= 0 ? ind : lp_.add_col(0, 1, 0, true);
        if (spec_.timed) {
            result.time_ub = std::min(assigned_upper(rule, c), spec_.dlim);
            result.time = lp_.add_col(0, result.time_ub, 0, false);
        }
        const auto use = [&](const Term& sub) { return spec_.timed ? use_of(result.time, sub) : sub.ind; };
        switch (rule.kind) {
        case RuleKind::Ref: break;
        case RuleKind::All:
            for (const Rule& child : rule.children) {
                const Term sub = assigned_term(child, c, -1);
                const int row = lp_.add_row(-kSolverInf, 0);  // y <= child
                lp_.add(row, result.ind, 1);
                if (sub.never) continue;
                lp_.add(row, sub.ind, -1);
                link_time(result.time, sub, result.ind);
            }
            break;
        case RuleKind::Any:
        case RuleKind::AtLeast: {
            const double wanted = rule.kind == RuleKind::Any ? 1.0 : static_cast<double>(rule.at_least);
            const int row = lp_.add_row(-kSolverInf, 0);  // wanted * y <= sum
            lp_.add(row, result.ind, wanted);
            for (const Rule& child : rule.children) {
                const Term sub = assigned_term(child, c, -1);
                if (!sub.never) lp_.add(row, use(sub), -1);
            }
            break;
        }
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged: {
            const CreditCaps caps(ctx_.catalog, rule, c);
            const int row = lp_.add_row(-kSolverInf, 0);  // amount * y <= sum credits * use + sum v_k
            lp_.add(row, result.ind, rule.credits);
            std::vector<int> cap_rows(caps.size(), -1);
            for (std::uint32_t source : credit_sources(ctx_.catalog, rule, c)) {
                const double credits = ctx_.catalog.credentials[source].credits;
                if (credits <= 0) continue;
                const Term sub = leaf_term(c, source);
                if (sub.never) continue;
                const int k = caps.cap_of(source);
                add_credits(row, use(sub), credits, k, k < 0 ? 0 : caps.amount(static_cast<std::size_t>(k)), cap_rows);
            }
            break;
        }
        case RuleKind::Skills: {
            std::map<std::uint32_t, int> uses;  // one use per teacher, shared by its skills
            for (const std::string& skill : rule.names) {
                const int row = lp_.add_row(-kSolverInf, 0);  // y <= sum over teachers
                lp_.add(row, result.ind, 1);
                const auto found = ctx_.catalog.by_skill.find(skill);
                if (found == ctx_.catalog.by_skill.end()) continue;
                for (std::uint32_t teacher : found->second) {
                    if (teacher == c) continue;
                    const Term sub = leaf_term(c, teacher);
                    if (sub.never) continue;
                    auto [it, inserted] = uses.try_emplace(teacher, -1);
                    if (inserted) it->second = use(sub);
                    lp_.add(row, it->second, -1);
                }
            }
            break;
        }
        }
        return result;
    }

    void overlap_limits() {
        for (const OverlapPair& pair : ctx_.overlaps) {
            int sum = -1;
            for (const auto& [key, a] : assign_) {
                if (key.first != pair.a) continue;
                const auto other = assign_.find({pair.b, key.second});
                if (other == assign_.end()) continue;
                if (sum < 0) sum = lp_.add_row(-kSolverInf, pair.limit);  // sum b <= limit
                const int b = lp_.add_col(0, 1, 0, false);
                const int row = lp_.add_row(-kSolverInf, 1);  // a_p + a_q - b <= 1
                lp_.add(row, a, 1);
                lp_.add(row, other->second, 1);
                lp_.add(row, b, -1);
                lp_.add(sum, b, 1);
            }
        }
        for (const auto& [d, toward] : ctx_.request.applied)  // pinned: a(toward, d) = 1
            if (const auto found = assign_.find({toward, d}); found != assign_.end())
                lp_.col_lb[static_cast<std::size_t>(found->second)] = 1;
    }

    // A credential as a source (or co-requisite) of the rule being built. In
    // an optimal plan within the cap each member finishes by its latest
    // useful finish (latest_finishes), so a source whose earliest finish is
    // after the latest start of the credential whose rule this is never counts
    // toward it: its use is a column fixed at 0, a tighter relaxation for
    // relax and check.
    Term credential_term(std::uint32_t d) {
        const auto j = static_cast<std::size_t>(ctx_.column[d]);
        assert(ctx_.column[d] >= 0);
        Term result;
        if (!starts_ && definitely_less(source_deadline_, ctx_.earliest[d])) {
            if (never_col_ < 0) never_col_ = lp_.add_col(0, 0, 0, false);
            result.ind = never_col_;
            return result;
        }
        result.ind = x_[j];
        if (spec_.timed) {
            result.time = f_[j];
            result.time_ub = f_ub_[j];
            if (starts_) result.offset = ctx_.catalog.credentials[d].weeks;
        }
        return result;
    }

    // t >= child.time - offset - M(1 - use), M = ub(child.time).
    void link_time(int t, const Term& child, int use) {
        if (!spec_.timed || child.constant || child.time_ub - child.offset <= 0) return;
        const double big = child.time_ub;
        const int row = lp_.add_row(-big - child.offset, kSolverInf);
        lp_.add(row, t, 1);
        lp_.add(row, child.time, -1);
        lp_.add(row, use, -big);
    }

    // A "use" column z <= child's indicator, with its weeks link.
    int use_of(int t, const Term& child) {
        const int z = lp_.add_col(0, 1, 0, true);
        const int row = lp_.add_row(-kSolverInf, 0);
        lp_.add(row, z, 1);
        lp_.add(row, child.ind, -1);
        link_time(t, child, z);
        return z;
    }

    // The fewest of a credits rule's sources that can meet its need: the
    // largest first, each counting at most its cap's room (and the caps'
    // totals ignored, which only makes the count smaller, so still a bound
    // every plan meets).
    double fewest_sources(const NodeInfo& info) const {
        std::vector<double> counts;
        for (std::size_t i = 0; i < info.sources.size(); ++i) {
            const std::int32_t k = info.source_cap[i];
            const double credits = ctx_.catalog.credentials[info.sources[i]].credits;
            counts.push_back(k < 0 ? credits : std::min(credits, info.cap_room[static_cast<std::size_t>(k)]));
        }
        std::sort(counts.begin(), counts.end(), std::greater<>());
        double sum = 0;
        for (std::size_t n = 0; n < counts.size(); ++n) {
            if (reaches(sum, info.need)) return static_cast<double>(n);
            sum += counts[n];
        }
        return reaches(sum, info.need) ? static_cast<double>(counts.size()) : 0.0;
    }

    Term term(const Rule& rule, int ind) {
        const NodeInfo& info = ctx_.info(rule);
        Term result;
        if (info.status == Status::True) {
            result.constant = true;
            return result;
        }
        assert(info.status == Status::Free);
        if (rule.kind == RuleKind::Ref) return credential_term(*ctx_.catalog.find(rule));
        result.ind = ind >= 0 ? ind : lp_.add_col(0, 1, 0, true);
        if (spec_.timed) {
            result.time_ub = std::min(info.upper, spec_.dlim);
            result.time = lp_.add_col(0, result.time_ub, 0, false);
        }
        switch (rule.kind) {
        case RuleKind::Ref: break;
        case RuleKind::All:
            for (const Rule& child : rule.children) {
                const Term sub = term(child, -1);
                if (sub.constant) continue;
                const int row = lp_.add_row(-kSolverInf, 0);  // y <= child
                lp_.add(row, result.ind, 1);
                lp_.add(row, sub.ind, -1);
                link_time(result.time, sub, result.ind);
            }
            break;
        case RuleKind::Any:
        case RuleKind::AtLeast: {
            std::vector<int> uses;
            for (const Rule& child : rule.children) {
                if (ctx_.info(child).status != Status::Free) continue;
                const Term sub = term(child, -1);
                uses.push_back(spec_.timed ? use_of(result.time, sub) : sub.ind);
            }
            const int row = lp_.add_row(-kSolverInf, 0);  // needed * y <= sum
            lp_.add(row, result.ind, static_cast<double>(info.needed));
            for (int use : uses) lp_.add(row, use, -1);
            break;
        }
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged: {
            // need * y <= sum credits * use + sum v_k, where a cap's v_k is
            // at most its room and at most what its members' uses add. A
            // source counts at most `need` (one that covers it alone covers
            // it however much more it has), and
            // fewest * y <= sum use, `fewest` being how many sources the
            // need takes at the least: both hold for every plan and cut off
            // the relaxation's fractions of a source (a knapsack cover).
            const int row = lp_.add_row(-kSolverInf, 0);
            lp_.add(row, result.ind, info.need);
            // (With one source enough, the count row follows from the first.)
            const double fewest = fewest_sources(info);
            const int count_row = fewest > 1 ? lp_.add_row(-kSolverInf, 0) : -1;
            if (count_row >= 0) lp_.add(count_row, result.ind, fewest);
            std::vector<int> cap_rows(info.cap_room.size(), -1);
            for (std::size_t i = 0; i < info.sources.size(); ++i) {
                const std::uint32_t source = info.sources[i];
                const Term sub = credential_term(source);
                const int use = spec_.timed ? use_of(result.time, sub) : sub.ind;
                const double credits = std::min(ctx_.catalog.credentials[source].credits, info.need);
                const std::int32_t k = info.source_cap[i];
                add_credits(row, use, credits, k, k < 0 ? 0 : info.cap_room[static_cast<std::size_t>(k)], cap_rows);
                if (count_row >= 0) lp_.add(count_row, use, -1);
            }
            break;
        }
        case RuleKind::Skills: {
            std::map<std::uint32_t, int> uses;  // one use per teacher, shared by its skills
            for (const auto& teachers : info.skill_teachers) {
                const int row = lp_.add_row(-kSolverInf, 0);  // y <= sum over teachers
                lp_.add(row, result.ind, 1);
                for (std::uint32_t teacher : teachers) {
                    const Term sub = credential_term(teacher);
                    int use = sub.ind;
                    if (spec_.timed) {
                        auto [it, inserted] = uses.try_emplace(teacher, -1);
                        if (inserted) it->second = use_of(result.time, sub);
                        use = it->second;
                    }
                    lp_.add(row, use, -1);
                }
            }
            break;
        }
        }
        return result;
    }

    const Context& ctx_;
    const StageSpec& spec_;
    Lp& lp_;
    std::vector<int> x_;
    std::vector<int> f_;
    std::vector<double> f_ub_;
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> assign_;
    bool starts_ = false;  // building a `corequires`: credentials count by their start
    std::vector<double> latest_;      // latest_finishes(), per relevant position
    double source_deadline_ = kInf;   // see credential_term
    int never_col_ = -1;              // a column fixed at 0
};

}  // namespace

namespace {
// The model's matrix in column-compressed form, as Clp loads it.
struct ColumnMatrix {
    std::vector<CoinBigIndex> start;
    std::vector<int> index;
    std::vector<double> value;
};

ColumnMatrix column_compressed(const Lp& lp, int cols) {
    ColumnMatrix m;
    m.start.assign(static_cast<std::size_t>(cols) + 1, 0);
    for (int col : lp.entry_col) ++m.start[static_cast<std::size_t>(col) + 1];
    for (std::size_t i = 1; i < m.start.size(); ++i) m.start[i] += m.start[i - 1];
    std::vector<CoinBigIndex> next(m.start.begin(), m.start.end() - 1);
    m.index.assign(lp.entry_val.size() + 1, 0);
    m.value.assign(lp.entry_val.size() + 1, 0.0);
    for (std::size_t e = 0; e < lp.entry_val.size(); ++e) {
        const auto at = static_cast<std::size_t>(next[static_cast<std::size_t>(lp.entry_col[e])]++);
        m.index[at] = lp.entry_row[e];
        m.value[at] = lp.entry_val[e];
    }
    return m;
}

// CBC's settings for an exact answer within the time limit.
void configure_exact(CbcModel& model, double time_limit_seconds) {
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    // CBC's defaults stop at a small gap; the plan must be the exact optimum.
    model.setAllowableGap(0.0);
    model.setAllowableFractionGap(0.0);
    model.setAllowablePercentageGap(0.0);
    model.setIntegerTolerance(1e-8);
    // Wall-clock limit: CPU time would count every thread of the process.
    model.setUseElapsedTime(true);
    model.setMaximumSeconds(std::max(0.01, time_limit_seconds));
}

// The cut generators and heuristic of a larger model; they must outlive the
// solve. No CglPreProcess: it leaves models that trip an assertion in Clp's
// crunch() during branch and bound (Debian's Cbc 2.10.8, Clp 1.17; see
// coin-or/Clp issue 288). Below kSmallModel columns, cuts and heuristics cost
// more than they save; branch and bound alone stays exact. No feasibility
// pump: it took 55% of batch time on a generated 10,000-credential catalog and
// never changed a plan (these covering models have an easy incumbent: every
// chosen way to a target). Probing and mixed-integer rounding only, chosen by
// measurement (BENCHMARKS.md, "Dense catalogs"): on dense catalogs Gomory and
// knapsack cuts cost more than they prune (a cost stage 2.1 s with these two,
// 5.7 s with all six; a tie search 2.9 s against 28 s), and on the
// 10,000-credential catalog `options` is as fast with these two as with all.
struct CutGenerators {
    CglProbing probing;
    CglMixedIntegerRounding2 mixed_rounding;
    CbcRounding rounding;

    explicit CutGenerators(CbcModel& model) : rounding(model) {
        probing.setUsingObjective(true);
        probing.setMaxPass(1);
        probing.setMaxPassRoot(5);
        probing.setMaxProbe(10);
        probing.setMaxProbeRoot(1000);
        probing.setMaxLook(50);
        probing.setMaxLookRoot(500);
        probing.setMaxElements(200);
        probing.setRowCuts(3);
    }
    void attach(CbcModel& model) {
        model.addCutGenerator(&probing, -1, "Probing");
        model.addCutGenerator(&mixed_rounding, -1, "MixedIntegerRounding2");
        model.addHeuristic(&rounding);
    }
};

// The credentials of a solution, and what the chosen ones do not count.
void read_chosen(const double* solution, const Context& ctx, const Builder& builder, StageResult& result) {
    for (std::size_t j = 0; j < ctx.relevant.size(); ++j)
        if (solution[builder.x()[j]] > 0.5) result.chosen.push_back(ctx.relevant[j]);
    // What the chosen credentials do not count (make_candidate keeps what is in the plan).
    for (const auto& [key, a] : builder.assignments())
        if (solution[a] < 0.5) result.withheld.push_back(key);
}

// What the branch and bound proved, and the credentials of the best solution found.
void read_solution(CbcModel& model, const Context& ctx, const Builder& builder, StageResult& result) {
    const bool optimal = model.isProvenOptimal();
    const bool infeasible = model.isProvenInfeasible();
    result.time_limit = model.isSecondsLimitReached();
    const double* solution = model.bestSolution();
    if (!solution && optimal) solution = model.solver()->getColSolution();
    if (optimal && solution) result.status = StageResult::Status::Optimal;
    else if (infeasible && !solution) result.status = StageResult::Status::Infeasible;
    else if (solution) result.status = StageResult::Status::Feasible;
    else result.status = result.time_limit ? StageResult::Status::NoSolution : StageResult::Status::Failed;
    if (solution) read_chosen(solution, ctx, builder, result);
}

// CBC's integer tolerance (configure_exact): a relaxation this close to
// integral is what branch and bound would accept at its root.
constexpr double kIntegral = 1e-8;

bool integral_solution(const OsiSolverInterface& solver, const Lp& lp) {
    const double* solution = solver.getColSolution();
    return std::all_of(lp.integers.begin(), lp.integers.end(), [&](int col) {
        return std::abs(solution[col] - std::round(solution[col])) <= kIntegral;
    });
}

// The root relaxation of a stage: its value and, per x column, its value and
// reduced cost.
struct Relaxation {
    double value = 0;
    std::vector<double> solution, reduced;
    std::vector<std::int8_t> bound;  // -1 free, else the value both bounds fix
};

Relaxation root_relaxation(const OsiSolverInterface& solver, const Builder& builder) {
    Relaxation root;
    root.value = solver.getObjValue();
    const double* solution = solver.getColSolution();
    const double* reduced = solver.getReducedCost();
    const double* lower = solver.getColLower();
    const double* upper = solver.getColUpper();
    for (int col : builder.x()) {
        root.solution.push_back(solution[col]);
        root.reduced.push_back(reduced[col]);
        root.bound.push_back(lower[col] == upper[col] ? static_cast<std::int8_t>(lower[col] > 0.5) : std::int8_t{-1});
    }
    return root;
}

// Reduced-cost fixing at the optimum `best`: no solution below root + d takes
// an x at 0 in the relaxation with reduced cost d, none below root - d leaves
// one at 1 with d < 0; so where that bound exceeds the
// optimum (by a margin for the LP's tolerances) every set at most as good
// agrees with the relaxation there. Also whether the optimum is the only one:
// nothing free, and each chosen credential's coefficient positive (a subset
// would cost strictly less, which the optimum rules out) when the optimum is
// the relaxation's own (`integral`).
void settle_by_reduced_costs(const Relaxation& root, const std::vector<double>& objective, double best,
                             bool integral, StageResult& result) {
    double scale = 1;
    for (double c : objective) scale = std::max(scale, std::abs(c));
    const double margin = 1e-6 * scale;
    result.settled.assign(root.solution.size(), -1);
    bool unique = integral;
    for (std::size_t j = 0; j < root.solution.size(); ++j) {
        if (root.bound[j] >= 0) {
            result.settled[j] = root.bound[j];
            continue;
        }
        const bool at_zero = root.solution[j] < kIntegral;
        const bool at_one = root.solution[j] > 1 - kIntegral;
        if (at_zero && root.value + root.reduced[j] > best + margin) result.settled[j] = 0;
        else if (at_one && root.value - root.reduced[j] > best + margin) result.settled[j] = 1;
        const double coefficient = j < objective.size() ? objective[j] : 0;
        if (result.settled[j] < 0 && !(at_one && coefficient > margin)) unique = false;
    }
    result.unique = unique;
}
}  // namespace

StageResult solve_stage(const Context& ctx, const StageSpec& spec, PlanStats& stats) {
    StageResult result;
    Lp lp;
    Builder builder(ctx, spec, lp);
    if (!builder.build()) {
        result.status = StageResult::Status::Infeasible;
        return result;
    }
    const auto cols = static_cast<int>(lp.col_lb.size());
    const auto rows = static_cast<int>(lp.row_lb.size());
    stats.variables = std::max(stats.variables, static_cast<std::uint32_t>(cols));
    stats.rows = std::max(stats.rows, static_cast<std::uint32_t>(rows));
    ColumnMatrix matrix = column_compressed(lp, cols);
    lp.row_lb.push_back(0);  // keeps the pointers valid when there are no rows
    lp.row_ub.push_back(0);

    // The C++ API rather than the C interface: Cbc_solve goes through
    // CbcMain1, whose parameter tables are process-wide, so two plans could not
    // be solved at once; a CbcModel of its own per solve can (batch -j).
    OsiClpSolverInterface lp_solver;
    lp_solver.loadProblem(cols, rows, matrix.start.data(), matrix.index.data(), matrix.value.data(),
                          lp.col_lb.data(), lp.col_ub.data(), lp.obj.data(), lp.row_lb.data(), lp.row_ub.data());
    for (int col : lp.integers) lp_solver.setInteger(col);
    lp_solver.messageHandler()->setLogLevel(0);
    lp_solver.getModelPtr()->messageHandler()->setLogLevel(0);
    const bool small = lp.col_lb.size() < kSmallModel;
    if (small) {
        // Steepest-edge primal pricing trips an assertion of some Clp builds
        // on small degenerate models; Dantzig pricing does not.
        ClpPrimalColumnDantzig dantzig;
        lp_solver.getModelPtr()->setPrimalColumnPivotAlgorithm(dantzig);
    }
    // Clp's presolve before the first solve costs more than it saves on these
    // models (measured: 7 to 9% of `options` on 10,000 credentials).
    lp_solver.setHintParam(OsiDoPresolveInInitial, false, OsiHintDo);
    ++stats.solver_calls;
    result.solver_called = true;

    // The relaxation first: an infeasible one proves the stage infeasible, an
    // integral optimum is the stage's optimum (branch and bound would stop at
    // its root with it). Covering models are often integral.
    lp_solver.initialSolve();
    if (lp_solver.isProvenPrimalInfeasible()) {
        result.status = StageResult::Status::Infeasible;
        return result;
    }
    const bool rooted = lp_solver.isProvenOptimal() && !spec.minimize_weeks;
    const Relaxation root = rooted ? root_relaxation(lp_solver, builder) : Relaxation{};
    if (rooted && integral_solution(lp_solver, lp)) {
        result.status = StageResult::Status::Optimal;
        settle_by_reduced_costs(root, spec.objective, root.value, true, result);
        read_chosen(lp_solver.getColSolution(), ctx, builder, result);
        return result;
    }

    CbcModel model(lp_solver);  // solves its own copy, from the relaxation's basis
    configure_exact(model, ctx.request.time_limit_seconds);
    CutGenerators generators(model);
    if (!small) generators.attach(model);
    model.initialSolve();
    model.branchAndBound();
    read_solution(model, ctx, builder, result);
    if (rooted && result.status == StageResult::Status::Optimal)
        settle_by_reduced_costs(root, spec.objective, model.getObjValue(), false, result);
    return result;
}

}  // namespace credpath::planner_detail
