// Presolve (static evaluation of the rule trees), exact schedules of a chosen
// set and the lexicographic keys of candidate plans.
#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <map>

#include "credpath/model/positions.hpp"
#include "planner_internal.hpp"

namespace credpath::planner_detail {

namespace {
// The first whole day on or after week `week` (a ready time within a
// millionth of a day of a whole day is that day: sums of weeks are inexact).
long day_index(double week) {
    const double days = week * 7;
    return days <= 0 ? 0 : static_cast<long>(std::ceil(days - 1e-6));
}
double week_of(const Date& first_day, const Date& day) { return static_cast<double>(days_between(first_day, day)) / 7; }
}  // namespace

Date day_of_week(const Date& first_day, double week) {
    return add(first_day, Duration{static_cast<std::uint32_t>(day_index(week)), 'd'});
}

double start_week(const Credential& credential, double ready, const std::optional<Date>& first_day) {
    if (!has_intakes(credential, first_day) || ready == kInf) return ready;
    const auto intake = next_intake(*credential.starts, day_of_week(*first_day, ready));
    return intake ? week_of(*first_day, *intake) : kInf;
}

}  // namespace credpath::planner_detail

namespace credpath {
NextIntake next_intake_of(const Credential& credential, const std::optional<Date>& first_day) {
    if (!planner_detail::has_intakes(credential, first_day)) return {};
    return {true, next_intake(*credential.starts, *first_day)};
}
}  // namespace credpath

namespace credpath::planner_detail {

double latest_start_week(const Credential& credential, double ready, const std::optional<Date>& first_day) {
    const double start = start_week(credential, ready, first_day);
    if (start != kInf || !has_intakes(credential, first_day)) return start;
    const auto last = last_intake(*credential.starts);
    return last && !(*last < *first_day) ? week_of(*first_day, *last) : kInf;
}

std::vector<double> intake_weeks(const Credential& credential, double from, double to,
                                 const std::optional<Date>& first_day) {
    std::vector<double> weeks;
    for (double at = start_week(credential, std::max(0.0, from), first_day); at != kInf && within_limit(at, to);
         at = start_week(credential, at + 1.0 / 7, first_day))
        weeks.push_back(at);
    return weeks;
}

FreeCredits::FreeCredits(const Catalog& catalog, const NodeInfo& info)
    : catalog_(catalog), info_(info), in_cap_(info.cap_room.size(), 0.0) {
    for (std::size_t i = 0; i < info.sources.size(); ++i) {
        const double credits = catalog.credentials[info.sources[i]].credits;
        if (info.source_cap[i] < 0) total_ += credits;
        else in_cap_[static_cast<std::size_t>(info.source_cap[i])] += credits;
    }
    for (std::size_t k = 0; k < in_cap_.size(); ++k) total_ += std::min(in_cap_[k], info.cap_room[k]);
}

double FreeCredits::without(std::size_t i) const {
    const double credits = catalog_.credentials[info_.sources[i]].credits;
    const std::int32_t k = info_.source_cap[i];
    if (k < 0) return total_ - credits;
    const auto cap = static_cast<std::size_t>(k);
    return total_ - std::min(in_cap_[cap], info_.cap_room[cap]) + std::min(in_cap_[cap] - credits, info_.cap_room[cap]);
}

namespace {

class Presolver {
public:
    explicit Presolver(Context& ctx) : ctx_(ctx) {}

    // A credential's `corequires`: analysed over start weeks (its credentials
    // count once started), the rest as `analyse`.
    const NodeInfo& analyse_corequisite(const Rule& rule, std::uint32_t owner) {
        starts_ = true;
        const NodeInfo& info = analyse(rule, owner);
        starts_ = false;
        return info;
    }

    // Static evaluation of one node of a Free credential's rule, children first.
    const NodeInfo& analyse(const Rule& rule, std::uint32_t owner) {
        NodeInfo info;
        const auto held_finish = [&](std::uint32_t d) { return ctx_.held[d] ? 0.0 : kInf; };
        const auto earliest = [&](std::uint32_t d) { return time_of(d); };
        if (sat_time(ctx_.catalog, rule, owner, held_finish) != kInf) {
            info.status = Status::True;
            info.earliest = 0;
            return ctx_.nodes[&rule] = std::move(info);
        }
        info.earliest = sat_time(ctx_.catalog, rule, owner, earliest);
        if (info.earliest == kInf) {
            info.status = Status::False;
            return ctx_.nodes[&rule] = std::move(info);
        }
        info.status = Status::Free;
        switch (rule.kind) {
        case RuleKind::Ref: info.upper = upper_of(*ctx_.catalog.find(rule)); break;
        case RuleKind::All:
        case RuleKind::Any:
        case RuleKind::AtLeast: {
            std::uint32_t met = 0;
            for (const Rule& child : rule.children) {
                const NodeInfo& sub = analyse(child, owner);
                if (sub.status == Status::True) ++met;
                if (sub.status == Status::Free) info.upper = std::max(info.upper, sub.upper);
            }
            const std::uint32_t wanted = rule.kind == RuleKind::Any ? 1 : rule.at_least;
            info.needed = rule.kind == RuleKind::All ? 0 : wanted - met;  // met < wanted: not True
            break;
        }
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged: {
            const std::optional<CreditCaps> caps =
                rule.caps.empty() ? std::nullopt
                                  : std::optional<CreditCaps>(std::in_place, ctx_.catalog, rule, owner);
            if (caps)
                for (std::size_t k = 0; k < caps->size(); ++k) info.cap_room.push_back(caps->amount(k));
            double held_sum = 0;
            std::vector<std::uint32_t> free;
            for (std::uint32_t source : credit_sources(ctx_.catalog, rule, owner)) {
                const double credits = ctx_.catalog.credentials[source].credits;
                if (credits <= 0) continue;
                if (ctx_.held[source]) {
                    // A held source fills its cap first.
                    double counted = credits;
                    if (const int k = caps ? caps->cap_of(source) : -1; k >= 0) {
                        double& room = info.cap_room[static_cast<std::size_t>(k)];
                        counted = std::min(credits, room);
                        room -= counted;
                    }
                    held_sum += counted;
                } else if (ctx_.state[source] == State::Free) {
                    free.push_back(source);
                }
            }
            // Free sources whose cap is full add nothing.
            for (std::uint32_t source : free) {
                const int k = caps ? caps->cap_of(source) : -1;
                if (k >= 0 && info.cap_room[static_cast<std::size_t>(k)] <= 0) continue;
                info.sources.push_back(source);
                info.source_cap.push_back(k);
                info.upper = std::max(info.upper, upper_of(source));
            }
            // What the Free sources must still add.
            info.need = rule.credits - held_sum;
            break;
        }
        case RuleKind::Skills:
            for (const std::string& skill : rule.names) {
                std::vector<std::uint32_t> teachers;
                bool covered = false;
                if (auto found = ctx_.catalog.by_skill.find(skill); found != ctx_.catalog.by_skill.end())
                    for (std::uint32_t teacher : found->second) {
                        if (teacher == owner) continue;
                        if (ctx_.held[teacher]) covered = true;
                        else if (ctx_.state[teacher] == State::Free) teachers.push_back(teacher);
                    }
                if (covered) continue;
                std::sort(teachers.begin(), teachers.end());
                teachers.erase(std::unique(teachers.begin(), teachers.end()), teachers.end());
                for (std::uint32_t teacher : teachers) info.upper = std::max(info.upper, upper_of(teacher));
                info.skill_teachers.push_back(std::move(teachers));
            }
            break;
        }
        return ctx_.nodes[&rule] = std::move(info);
    }

    // Every Free credential a Free node can draw on (what a plan may add for it).
    template <class Visit>
    void free_sources(const Rule& rule, const Visit& visit) const {
        const NodeInfo& info = ctx_.info(rule);
        if (info.status != Status::Free) return;
        switch (rule.kind) {
        case RuleKind::Ref: visit(*ctx_.catalog.find(rule)); return;
        case RuleKind::All:
        case RuleKind::Any:
        case RuleKind::AtLeast:
            for (const Rule& child : rule.children) free_sources(child, visit);
            return;
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged:
            for (std::uint32_t source : info.sources) visit(source);
            return;
        case RuleKind::Skills:
            for (const auto& teachers : info.skill_teachers)
                for (std::uint32_t teacher : teachers) visit(teacher);
            return;
        }
    }

    // A Free node that every plan must meet: force what it cannot do without,
    // and note whether a choice is left.
    void mandatory(const Rule& rule, std::vector<std::uint32_t>& queue) {
        const NodeInfo& info = ctx_.info(rule);
        assert(info.status != Status::False);
        if (info.status == Status::True) return;
        switch (rule.kind) {
        case RuleKind::Ref: queue.push_back(*ctx_.catalog.find(rule)); return;
        case RuleKind::All:
            for (const Rule& child : rule.children) mandatory(child, queue);
            return;
        case RuleKind::Any:
        case RuleKind::AtLeast: {
            std::vector<const Rule*> open;
            for (const Rule& child : rule.children)
                if (ctx_.info(child).status == Status::Free) open.push_back(&child);
            if (open.size() == info.needed)
                for (const Rule* child : open) mandatory(*child, queue);
            else
                ctx_.determined = false;
            return;
        }
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged: {
            // A source is mandatory when the others cannot reach the amount.
            const double need = info.need - tolerance(rule.credits);
            bool all = true;
            const FreeCredits free(ctx_.catalog, info);
            for (std::size_t i = 0; i < info.sources.size(); ++i) {
                if (free.without(i) < need) queue.push_back(info.sources[i]);
                else all = false;
            }
            if (!all) ctx_.determined = false;
            return;
        }
        case RuleKind::Skills:
            for (const auto& teachers : info.skill_teachers) {
                if (teachers.size() == 1) queue.push_back(teachers.front());
                else ctx_.determined = false;
            }
            return;
        }
    }

private:
    // A credential's earliest week and its bound as the rule being analysed
    // sees them: finish weeks, or for a `corequires` start weeks.
    double time_of(std::uint32_t d) const {
        const double at = ctx_.earliest[d];
        return starts_ && at != kInf ? std::max(0.0, at - ctx_.catalog.credentials[d].weeks) : at;
    }
    double upper_of(std::uint32_t d) const {
        return starts_ ? std::max(0.0, ctx_.upper[d] - ctx_.catalog.credentials[d].weeks) : ctx_.upper[d];
    }

    Context& ctx_;
    bool starts_ = false;
};

}  // namespace

namespace {
// Earliest finish of every credential of the cone with everything available
// (one pass in dependency order, credentials taken together settled as one). Infinite: Dead.
void time_the_cone(Context& ctx, Presolver& presolver) {
    const Catalog& catalog = ctx.catalog;
    const auto earliest = [&](std::uint32_t d) { return ctx.earliest[d]; };
    const auto begin = [&](std::uint32_t c) {  // started at week 0
        if (!ctx.held[c]) ctx.earliest[c] = ctx.upper[c] = catalog.credentials[c].weeks;
    };
    const auto settle = [&](std::uint32_t c) {
        if (ctx.held[c]) return false;
        const Credential& credential = catalog.credentials[c];
        const double was = ctx.earliest[c], was_upper = ctx.upper[c];
        const auto dead = [&] {
            ctx.state[c] = State::Dead;
            ctx.earliest[c] = kInf;
            return was != kInf;
        };
        if (ctx.excluded[c] || ctx.shut_out[c]) return dead();
        const double ready = ready_week(catalog, c, earliest);
        const double start = start_week(credential, ready, ctx.request.first_day);
        if (start == kInf) return dead();
        ctx.state[c] = State::Free;
        ctx.earliest[c] = start + credential.weeks;
        double rule_upper = credential.rule ? presolver.analyse(*credential.rule, c).upper : 0.0;
        if (const auto counted = ctx.counted.find(c); counted != ctx.counted.end()) {
            // Under an overlap limit its rule may have to do without what is
            // held, and count on any of its Free sources instead.
            std::vector<std::uint32_t>& usable = counted->second;
            std::erase_if(usable, [&](std::uint32_t d) { return !ctx.held[d] && ctx.state[d] != State::Free; });
            for (std::uint32_t d : usable)
                if (!ctx.held[d]) rule_upper = std::max(rule_upper, ctx.upper[d]);
        }
        if (credential.corequisite)
            rule_upper = std::max(rule_upper, presolver.analyse_corequisite(*credential.corequisite, c).upper);
        ctx.upper[c] = latest_start_week(credential, rule_upper, ctx.request.first_day) + credential.weeks;
        return ctx.earliest[c] != was || ctx.upper[c] != was_upper;
    };
    settle_in_order(ctx.graph, ctx.graph.topological_order(ctx.cone), begin, settle);
}

// The Free targets and goals; false when a target or goal cannot be met.
bool find_free_goals(Context& ctx, Presolver& presolver) {
    bool reachable = true;
    for (std::uint32_t target : ctx.targets) {
        if (ctx.held[target]) continue;
        if (ctx.state[target] != State::Free) reachable = false;
        else ctx.free_targets.push_back(target);
    }
    // A goal rule is analysed like the rule of a Free credential, its owner's.
    for (std::size_t g = 0; g < ctx.goals.size(); ++g) {
        const NodeInfo& info = presolver.analyse(ctx.goals[g], ctx.goal_owners[g]);
        if (info.status == Status::False) reachable = false;
        else if (info.status == Status::Free) ctx.free_goals.push_back(g);
    }
    return reachable;
}

// The relevant credentials: Free, reached from the Free targets and goals
// through Free rule nodes. Anything else is never worth adding: held
// credentials and nodes already met need nothing, Dead ones cannot be added,
// zero-credit sources add nothing. Each gets its model column.
void find_relevant(Context& ctx, Presolver& presolver) {
    const Catalog& catalog = ctx.catalog;
    std::vector<std::uint8_t> seen(ctx.size, 0);
    std::vector<std::uint32_t> stack;
    const auto reach = [&](std::uint32_t c) {
        if (!seen[c]) {
            seen[c] = 1;
            stack.push_back(c);
        }
    };
    for (std::uint32_t target : ctx.free_targets) reach(target);
    for (std::size_t g : ctx.free_goals) presolver.free_sources(ctx.goals[g], reach);
    while (!stack.empty()) {
        const std::uint32_t c = stack.back();
        stack.pop_back();
        ctx.relevant.push_back(c);
        if (const auto counted = ctx.counted.find(c); counted != ctx.counted.end())
            for (std::uint32_t d : counted->second)
                if (!ctx.held[d] && !seen[d]) {
                    seen[d] = 1;
                    stack.push_back(d);
                }
        for (const auto* rule : {&catalog.credentials[c].rule, &catalog.credentials[c].corequisite})
            if (*rule)
                presolver.free_sources(**rule, [&](std::uint32_t d) {
                    assert(ctx.state[d] == State::Free);
                    if (!seen[d]) {
                        seen[d] = 1;
                        stack.push_back(d);
                    }
                });
    }
    std::sort(ctx.relevant.begin(), ctx.relevant.end(),
              [&](std::uint32_t a, std::uint32_t b) { return ctx.rank[a] < ctx.rank[b]; });
    for (std::size_t j = 0; j < ctx.relevant.size(); ++j)
        ctx.column[ctx.relevant[j]] = static_cast<std::int32_t>(j);
}

// The forced set: what every plan contains (targets, and what mandatory
// nodes, goal rules included, cannot do without). When no choice node is met
// on the way, the forced set is the only sensible plan.
void find_forced(Context& ctx, Presolver& presolver) {
    std::vector<std::uint32_t> queue(ctx.free_targets.begin(), ctx.free_targets.end());
    for (std::size_t g : ctx.free_goals) presolver.mandatory(ctx.goals[g], queue);
    while (!queue.empty()) {
        const std::uint32_t c = queue.back();
        queue.pop_back();
        if (ctx.forced[c]) continue;
        ctx.forced[c] = 1;
        ctx.forced_set.push_back(c);
        if (const auto& rule = ctx.catalog.credentials[c].rule) presolver.mandatory(*rule, queue);
        if (const auto& rule = ctx.catalog.credentials[c].corequisite) presolver.mandatory(*rule, queue);
    }
    std::sort(ctx.forced_set.begin(), ctx.forced_set.end(),
              [&](std::uint32_t a, std::uint32_t b) { return ctx.rank[a] < ctx.rank[b]; });
}

// The overlap limits that may be in force (both credentials in the cone, not
// held: what is held was counted before this plan), with the sets their
// rules count; presolve keeps those of relevant pairs only.
void find_overlap_candidates(Context& ctx) {
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> limits;  // by index, lower first
    const auto add = [&](std::uint32_t a, std::uint32_t b, std::uint32_t limit) {
        if (a == b || ctx.held[a] || ctx.held[b]) return;
        const auto key = std::minmax(a, b);
        auto [it, inserted] = limits.try_emplace({key.first, key.second}, limit);
        if (!inserted) it->second = std::min(it->second, limit);
    };
    if (ctx.graph.has_overlap_limits())
        for (std::uint32_t c : ctx.cone)
            for (const auto& [other, limit] : ctx.graph.overlap_limits(c))
                if (ctx.rank[other] != kNoRank) add(c, other, limit);
    if (const auto& most = ctx.request.max_overlap)
        for (std::size_t i = 0; i < ctx.request.targets.size(); ++i)
            for (std::size_t k = i + 1; k < ctx.request.targets.size(); ++k)
                add(ctx.request.targets[i], ctx.request.targets[k], *most);
    for (const auto& [pair, limit] : limits) {
        ctx.overlaps.push_back({pair.first, pair.second, limit});
        for (std::uint32_t c : {pair.first, pair.second})
            if (!ctx.assigned(c)) ctx.counted[c] = counted_toward(ctx.catalog, c);
    }
}

// Only pairs of relevant credentials limit a plan; only their members keep
// assignment columns.
void keep_relevant_overlaps(Context& ctx) {
    std::erase_if(ctx.overlaps, [&](const OverlapPair& pair) { return ctx.column[pair.a] < 0 || ctx.column[pair.b] < 0; });
    for (OverlapPair& pair : ctx.overlaps)
        if (ctx.rank[pair.b] < ctx.rank[pair.a]) std::swap(pair.a, pair.b);
    std::sort(ctx.overlaps.begin(), ctx.overlaps.end(), [&](const OverlapPair& x, const OverlapPair& y) {
        return std::pair{ctx.rank[x.a], ctx.rank[x.b]} < std::pair{ctx.rank[y.a], ctx.rank[y.b]};
    });
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> kept;
    for (const OverlapPair& pair : ctx.overlaps)
        for (std::uint32_t c : {pair.a, pair.b}) kept[c] = ctx.counted.at(c);
    ctx.counted = std::move(kept);
}

// Finish weeks are sums of the relevant credentials' weeks (or 0): a decimal
// grid they all lie on (down to 1e-6), or 0 when there is none.
double weeks_grid_of(const Context& ctx) {
    // Intakes fall on whole days: with a decimal grid g of weeks, every
    // finish (days / 7 + a multiple of g) is a multiple of g / 7.
    const bool intakes = std::any_of(ctx.relevant.begin(), ctx.relevant.end(), [&](std::uint32_t c) {
        return has_intakes(ctx.catalog.credentials[c], ctx.request.first_day);
    });
    const double per = intakes ? 7.0 : 1.0;
    for (int digits = 0; digits <= 6; ++digits) {
        const double scale = std::pow(10.0, digits);
        const bool on_grid = std::all_of(ctx.relevant.begin(), ctx.relevant.end(), [&](std::uint32_t c) {
            const double scaled = ctx.catalog.credentials[c].weeks * scale;
            return std::abs(scaled - std::round(scaled)) <= 1e-6;
        });
        if (on_grid) return 1 / scale / per;
    }
    return 0;
}
}  // namespace

bool presolve(Context& ctx) {
    ctx.state.assign(ctx.size, State::Outside);
    ctx.earliest.assign(ctx.size, kInf);
    ctx.upper.assign(ctx.size, 0);
    ctx.column.assign(ctx.size, -1);
    ctx.forced.assign(ctx.size, 0);
    ctx.shut_out.assign(ctx.size, 0);
    for (std::uint32_t c = 0; c < ctx.size; ++c)
        if (ctx.held[c]) {
            ctx.state[c] = State::Held;
            ctx.earliest[c] = 0;
            for (std::uint32_t other : ctx.graph.excluded_with(c))
                if (!ctx.held[other]) ctx.shut_out[other] = 1;
        }
    find_overlap_candidates(ctx);
    Presolver presolver(ctx);
    time_the_cone(ctx, presolver);
    if (!find_free_goals(ctx, presolver)) return false;
    find_relevant(ctx, presolver);
    ctx.relevant_order = ctx.graph.topological_order(ctx.relevant);
    keep_relevant_overlaps(ctx);
    find_forced(ctx, presolver);
    if (!ctx.overlaps.empty()) ctx.determined = false;  // the forced set may break a limit
    ctx.fastest = 0;
    for (std::uint32_t target : ctx.free_targets) ctx.fastest = std::max(ctx.fastest, ctx.earliest[target]);
    for (std::size_t g : ctx.free_goals) ctx.fastest = std::max(ctx.fastest, ctx.info(ctx.goals[g]).earliest);
    for (std::uint32_t c : ctx.relevant)
        for (std::uint32_t other : ctx.graph.excluded_with(c))
            if (ctx.column[other] >= 0 && ctx.rank[c] < ctx.rank[other]) ctx.conflicts.emplace_back(c, other);
    ctx.witness = fastest_plan(ctx);
    ctx.weeks_grid = weeks_grid_of(ctx);
    ctx.intakes_end = std::any_of(ctx.relevant.begin(), ctx.relevant.end(), [&](std::uint32_t c) {
        const Credential& credential = ctx.catalog.credentials[c];
        return has_intakes(credential, ctx.request.first_day) && last_intake(*credential.starts).has_value();
    });
    return true;
}

namespace {

// Adds to `out` the Free credentials a node's earliest way to be met uses;
// `starts`: the node is part of a `corequires`, met by start weeks.
void earliest_way(const Context& ctx, const Rule& rule, std::vector<std::uint32_t>& out, bool starts = false) {
    const NodeInfo& info = ctx.info(rule);
    if (info.status != Status::Free) return;
    const auto time_of = [&](std::uint32_t d) {
        return starts ? ctx.earliest[d] - ctx.catalog.credentials[d].weeks : ctx.earliest[d];
    };
    const auto by_earliest = [&](std::vector<std::uint32_t> list) {
        std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) { return time_of(a) < time_of(b); });
        return list;
    };
    switch (rule.kind) {
    case RuleKind::Ref: out.push_back(*ctx.catalog.find(rule)); return;
    case RuleKind::All:
        for (const Rule& child : rule.children) earliest_way(ctx, child, out, starts);
        return;
    case RuleKind::Any:
    case RuleKind::AtLeast: {
        std::vector<const Rule*> open;
        for (const Rule& child : rule.children)
            if (ctx.info(child).status == Status::Free) open.push_back(&child);
        std::stable_sort(open.begin(), open.end(),
                         [&](const Rule* a, const Rule* b) { return ctx.info(*a).earliest < ctx.info(*b).earliest; });
        for (std::size_t i = 0; i < info.needed && i < open.size(); ++i) earliest_way(ctx, *open[i], out, starts);
        return;
    }
    case RuleKind::CreditsFrom:
    case RuleKind::CreditsTagged: {
        double sum = 0;
        const double need = info.need - tolerance(rule.credits);
        std::vector<std::size_t> order(info.sources.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return time_of(info.sources[a]) < time_of(info.sources[b]);
        });
        std::vector<double> room = info.cap_room;
        for (std::size_t i : order) {
            if (sum >= need) break;
            double credits = ctx.catalog.credentials[info.sources[i]].credits;
            if (const std::int32_t k = info.source_cap[i]; k >= 0) {
                credits = std::min(credits, room[static_cast<std::size_t>(k)]);
                room[static_cast<std::size_t>(k)] -= credits;
            }
            if (credits <= 0) continue;
            out.push_back(info.sources[i]);
            sum += credits;
        }
        return;
    }
    case RuleKind::Skills:
        for (const auto& teachers : info.skill_teachers) out.push_back(by_earliest(teachers).front());
        return;
    }
}

}  // namespace

std::vector<std::uint32_t> fastest_plan(const Context& ctx) {
    std::vector<std::uint8_t> in(ctx.size, 0);
    std::vector<std::uint32_t> plan;
    std::vector<std::uint32_t> stack(ctx.free_targets.begin(), ctx.free_targets.end());
    for (std::size_t g : ctx.free_goals) earliest_way(ctx, ctx.goals[g], stack);
    while (!stack.empty()) {
        const std::uint32_t c = stack.back();
        stack.pop_back();
        if (in[c]) continue;
        in[c] = 1;
        plan.push_back(c);
        if (const auto& rule = ctx.catalog.credentials[c].rule) earliest_way(ctx, *rule, stack);
        if (const auto& rule = ctx.catalog.credentials[c].corequisite) earliest_way(ctx, *rule, stack, true);
    }
    return plan;
}

Schedule schedule(const Catalog& catalog, const DependencyGraph& graph, const std::vector<std::uint8_t>& held,
                  const std::vector<std::uint32_t>& chosen, const std::optional<Date>& first_day,
                  const Withheld& withheld) {
    Schedule result;
    const auto by_id = [&](std::uint32_t a, std::uint32_t b) {
        return catalog.credentials[a].id < catalog.credentials[b].id;
    };
    std::vector<std::uint32_t> sorted_ids(chosen);
    if (!std::is_sorted(sorted_ids.begin(), sorted_ids.end(), by_id)) std::sort(sorted_ids.begin(), sorted_ids.end(), by_id);
    result.order = graph.topological_order(sorted_ids);
    // Times per step, found through each step's place in the order.
    const Positions places(result.order, catalog.credentials.size());
    const auto place = [&](std::uint32_t d) { return places.of(d); };
    std::vector<double> finish(result.order.size(), kInf);
    std::vector<double> ready_of(result.order.size(), kInf);
    for (std::size_t i = 0; i < result.order.size(); ++i)
        if (result.order[i] < held.size() && held[result.order[i]]) finish[i] = 0;
    const auto finish_of = [&](std::uint32_t d) {
        if (const std::int64_t at = place(d); at >= 0) return finish[static_cast<std::size_t>(at)];
        return d < held.size() && held[d] ? 0.0 : kInf;
    };
    result.valid = true;
    const auto start_of = [&](std::uint32_t d) {
        const double at = finish_of(d);
        return at == kInf ? kInf : at - catalog.credentials[d].weeks;
    };
    const auto begin = [&](std::uint32_t c) { finish[static_cast<std::size_t>(place(c))] = catalog.credentials[c].weeks; };
    const auto settle = [&](std::uint32_t c) {
        const auto i = static_cast<std::size_t>(place(c));
        // What is withheld from c does not count toward its `requires`.
        const auto first = std::lower_bound(withheld.begin(), withheld.end(), std::pair{c, std::uint32_t{0}});
        const bool some_withheld = first != withheld.end() && first->first == c;
        const double ready =
            !some_withheld
                ? ready_week(catalog, c, finish_of)
                : ready_week(
                      catalog, c,
                      [&](std::uint32_t d) {
                          return std::binary_search(first, withheld.end(), std::pair{c, d}) ? kInf : finish_of(d);
                      },
                      start_of);
        const Credential& credential = catalog.credentials[c];
        const double was = finish[i];
        ready_of[i] = ready;
        finish[i] = start_week(credential, ready, first_day) + credential.weeks;
        return finish[i] != was;
    };
    settle_in_order(graph, result.order, begin, settle);
    for (std::size_t i = 0; i < result.order.size(); ++i) {
        const double start = finish[i] - catalog.credentials[result.order[i]].weeks;
        if (start == kInf && result.valid) {
            result.valid = false;
            result.blocked = result.order[i];
            result.blocked_ready = ready_of[i];
        }
        result.start.push_back(start);
        result.finish.push_back(finish[i]);
        result.weeks = std::max(result.weeks, finish[i]);
    }
    return result;
}

std::optional<std::uint32_t> shut_out_by(const Context& ctx, std::uint32_t c) {
    for (std::uint32_t other : ctx.graph.excluded_with(c))
        if (ctx.held[other]) return other;
    return std::nullopt;
}

namespace {

// An overlap limit in force for one set: both members added, with what the
// set holds or adds that counts toward both (sorted).
struct ActivePair {
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    std::uint32_t limit = 0;
    std::vector<std::uint32_t> shared;
};

template <class InPlan>
std::vector<ActivePair> active_pairs(const Context& ctx, const InPlan& in_plan) {
    std::vector<ActivePair> active;
    for (const OverlapPair& pair : ctx.overlaps) {
        if (!in_plan(pair.a) || !in_plan(pair.b)) continue;
        ActivePair entry{pair.a, pair.b, pair.limit, {}};
        const auto& of_a = ctx.counted.at(pair.a);
        const auto& of_b = ctx.counted.at(pair.b);
        std::set_intersection(of_a.begin(), of_a.end(), of_b.begin(), of_b.end(), std::back_inserter(entry.shared));
        std::erase_if(entry.shared, [&](std::uint32_t d) { return !ctx.held[d] && !in_plan(d); });
        if (!entry.shared.empty()) active.push_back(std::move(entry));
    }
    return active;
}

bool counts(const Withheld& withheld, std::uint32_t toward, std::uint32_t d) {
    return !std::binary_search(withheld.begin(), withheld.end(), std::pair{toward, d});
}

bool within_limits(const std::vector<ActivePair>& pairs, const Withheld& withheld) {
    for (const ActivePair& pair : pairs) {
        std::uint32_t both = 0;
        for (std::uint32_t d : pair.shared) both += counts(withheld, pair.a, d) && counts(withheld, pair.b, d);
        if (both > pair.limit) return false;
    }
    return true;
}

bool keeps_pins(const Context& ctx, const Withheld& withheld) {
    return std::all_of(ctx.request.applied.begin(), ctx.request.applied.end(),
                       [&](const auto& pin) { return counts(withheld, pin.second, pin.first); });
}

// Whatever can count without breaking a limit does (counting more never
// makes a rule later or unmet).
void make_maximal(const std::vector<ActivePair>& pairs, Withheld& withheld) {
    for (std::size_t i = 0; i < withheld.size();) {
        Withheld without = withheld;
        without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
        if (within_limits(pairs, without)) withheld = std::move(without);
        else ++i;
    }
}

// The fastest maximal assignment within the limits: a search over what the
// shared credentials of the pairs over their limit count toward, each
// assignment timed by the schedule. nullopt when none gives a valid plan.
// The search stops after kAssignmentBudget schedules with the best so far.
constexpr std::size_t kAssignmentBudget = 1u << 16;

class AssignmentSearch {
public:
    AssignmentSearch(const Context& ctx, const std::vector<std::uint32_t>& chosen, std::vector<ActivePair> pairs)
        : ctx_(ctx), chosen_(chosen), pairs_(std::move(pairs)) {
        std::vector<std::uint32_t> contested;
        for (const ActivePair& pair : pairs_)
            if (pair.shared.size() > pair.limit) contested.insert(contested.end(), pair.shared.begin(), pair.shared.end());
        std::sort(contested.begin(), contested.end());
        contested.erase(std::unique(contested.begin(), contested.end()), contested.end());
        for (std::uint32_t d : contested) {
            Item item{d, {}};
            for (const ActivePair& pair : pairs_)
                for (std::uint32_t owner : {pair.a, pair.b})
                    if (std::binary_search(pair.shared.begin(), pair.shared.end(), d) &&
                        std::find(item.owners.begin(), item.owners.end(), owner) == item.owners.end())
                        item.owners.push_back(owner);
            std::sort(item.owners.begin(), item.owners.end());
            items_.push_back(std::move(item));
        }
        base_.assign(pairs_.size(), 0);
        for (std::size_t p = 0; p < pairs_.size(); ++p)
            for (std::uint32_t d : pairs_[p].shared)
                if (!std::binary_search(contested.begin(), contested.end(), d)) ++base_[p];
        masks_.assign(items_.size(), 0);
    }

    std::optional<Withheld> run() {
        std::vector<std::uint32_t> both = base_;
        if (std::all_of(pairs_.begin(), pairs_.end(), [&](const ActivePair& p) { return both[&p - pairs_.data()] <= p.limit; }))
            search(0, both);
        return best_;
    }

private:
    struct Item {
        std::uint32_t d;
        std::vector<std::uint32_t> owners;  // what it may count toward
    };

    bool in_mask(std::size_t i, std::uint32_t owner, std::uint32_t mask) const {
        const auto& owners = items_[i].owners;
        const auto k = static_cast<std::size_t>(std::find(owners.begin(), owners.end(), owner) - owners.begin());
        return (mask >> k) & 1u;
    }

    bool pinned_out(std::size_t i, std::uint32_t mask) const {
        for (const auto& [d, toward] : ctx_.request.applied)
            if (d == items_[i].d && std::find(items_[i].owners.begin(), items_[i].owners.end(), toward) !=
                                        items_[i].owners.end() &&
                !in_mask(i, toward, mask))
                return true;
        return false;
    }

    void search(std::size_t i, std::vector<std::uint32_t>& both) {
        if (spent_ >= kAssignmentBudget) return;
        if (i == items_.size()) return evaluate(both);
        const std::uint32_t full = (1u << items_[i].owners.size()) - 1;
        for (std::uint32_t mask = full; mask > 0; --mask) {
            if (pinned_out(i, mask)) continue;
            std::vector<std::uint32_t> next = both;
            bool ok = true;
            for (std::size_t p = 0; p < pairs_.size() && ok; ++p)
                if (std::binary_search(pairs_[p].shared.begin(), pairs_[p].shared.end(), items_[i].d) &&
                    in_mask(i, pairs_[p].a, mask) && in_mask(i, pairs_[p].b, mask))
                    ok = ++next[p] <= pairs_[p].limit;
            if (!ok) continue;
            masks_[i] = mask;
            search(i + 1, next);
        }
    }

    void evaluate(const std::vector<std::uint32_t>& both) {
        // Maximal only: no item could count toward one more without a limit broken.
        for (std::size_t i = 0; i < items_.size(); ++i)
            for (std::size_t k = 0; k < items_[i].owners.size(); ++k) {
                if ((masks_[i] >> k) & 1u) continue;
                bool fits = true;
                const std::uint32_t owner = items_[i].owners[k];
                for (std::size_t p = 0; p < pairs_.size() && fits; ++p) {
                    const ActivePair& pair = pairs_[p];
                    if (pair.a != owner && pair.b != owner) continue;
                    if (!std::binary_search(pair.shared.begin(), pair.shared.end(), items_[i].d)) continue;
                    const std::uint32_t other = pair.a == owner ? pair.b : pair.a;
                    if (in_mask(i, other, masks_[i]) && both[p] + 1 > pair.limit) fits = false;
                }
                if (fits) return;
            }
        ++spent_;
        Withheld withheld;
        for (std::size_t i = 0; i < items_.size(); ++i)
            for (std::size_t k = 0; k < items_[i].owners.size(); ++k)
                if (!((masks_[i] >> k) & 1u)) withheld.emplace_back(items_[i].owners[k], items_[i].d);
        std::sort(withheld.begin(), withheld.end());
        const Schedule timing = schedule(ctx_.catalog, ctx_.graph, ctx_.held, chosen_, ctx_.request.first_day, withheld);
        if (!timing.valid || !definitely_less(timing.weeks, best_weeks_)) return;
        best_weeks_ = timing.weeks;
        best_ = std::move(withheld);
    }

    const Context& ctx_;
    const std::vector<std::uint32_t>& chosen_;
    std::vector<ActivePair> pairs_;
    std::vector<Item> items_;
    std::vector<std::uint32_t> base_;   // per pair: shared credentials outside the search (count toward both)
    std::vector<std::uint32_t> masks_;  // per item: the owners it counts toward
    std::optional<Withheld> best_;
    double best_weeks_ = kInf;
    std::size_t spent_ = 0;
};

}  // namespace

std::optional<Candidate> make_candidate(const Context& ctx, std::vector<std::uint32_t> chosen,
                                        const Withheld* given) {
    for (std::uint32_t c : chosen)
        if (c >= ctx.size || ctx.held[c] || ctx.excluded[c] || ctx.shut_out[c] || ctx.rank[c] == kNoRank)
            return std::nullopt;
    const auto by_rank = [&](std::uint32_t a, std::uint32_t b) { return ctx.rank[a] < ctx.rank[b]; };
    std::sort(chosen.begin(), chosen.end(), by_rank);
    if (std::adjacent_find(chosen.begin(), chosen.end()) != chosen.end()) return std::nullopt;
    const auto has = [&](std::uint32_t c) { return std::binary_search(chosen.begin(), chosen.end(), c, by_rank); };
    for (std::uint32_t target : ctx.targets)
        if (!ctx.held[target] && !has(target)) return std::nullopt;
    // Exclusions: any pair in the set, relevant or not, makes it no plan.
    if (ctx.graph.has_exclusions())
        for (std::uint32_t c : chosen)
            for (std::uint32_t other : ctx.graph.excluded_with(c))
                if (has(other)) return std::nullopt;
    // Overlap limits: an assignment within them, the fastest one found.
    Withheld withheld;
    if (!ctx.overlaps.empty()) {
        std::vector<ActivePair> pairs = active_pairs(ctx, has);
        if (!pairs.empty() && given) {
            for (const auto& entry : *given)
                if (has(entry.first) && (ctx.held[entry.second] || has(entry.second))) withheld.push_back(entry);
            std::sort(withheld.begin(), withheld.end());
            if (!within_limits(pairs, withheld) || !keeps_pins(ctx, withheld)) return std::nullopt;
            make_maximal(pairs, withheld);
        } else if (!pairs.empty() && !within_limits(pairs, withheld)) {
            auto found = AssignmentSearch(ctx, chosen, std::move(pairs)).run();
            if (!found) return std::nullopt;
            withheld = std::move(*found);
        }
    }
    const Schedule timing = schedule(ctx.catalog, ctx.graph, ctx.held, chosen, ctx.request.first_day, withheld);
    if (!timing.valid) return std::nullopt;
    if (!ctx.goals.empty()) {
        std::vector<double> finish(ctx.size, kInf);
        for (std::uint32_t c = 0; c < ctx.size; ++c)
            if (ctx.held[c]) finish[c] = 0;
        for (std::size_t i = 0; i < timing.order.size(); ++i) finish[timing.order[i]] = timing.finish[i];
        const auto finish_of = [&](std::uint32_t d) { return finish[d]; };
        for (std::size_t g = 0; g < ctx.goals.size(); ++g)
            if (sat_time(ctx.catalog, ctx.goals[g], ctx.goal_owners[g], finish_of) == kInf) return std::nullopt;
    }
    Candidate candidate;
    for (std::uint32_t c : chosen) {
        const Credential& credential = ctx.catalog.credentials[c];
        candidate.cost += credential.cost;
        candidate.hours += credential.hours;
        candidate.credits += credential.credits;
        candidate.idkey += ctx.rank[c];
        candidate.ranks.push_back(ctx.rank[c]);
    }
    candidate.count = static_cast<std::uint32_t>(chosen.size());
    candidate.weeks = timing.weeks;
    candidate.chosen = std::move(chosen);
    candidate.withheld = std::move(withheld);
    return candidate;
}

int compare(const Candidate& a, const Candidate& b, Objective objective) {
    const auto keys = [objective](const Candidate& x) -> std::array<double, 4> {
        const double count = x.count;
        switch (objective) {
        case Objective::Cost: return {x.cost, x.weeks, count, 0};
        case Objective::Hours: return {x.hours, x.cost, x.weeks, count};
        case Objective::Count: return {count, x.cost, x.weeks, 0};
        case Objective::Weeks: return {x.weeks, x.cost, count, 0};
        }
        return {};
    };
    const auto ka = keys(a);
    const auto kb = keys(b);
    for (std::size_t i = 0; i < ka.size(); ++i)
        if (const int order = compare_values(ka[i], kb[i])) return order;
    if (a.idkey != b.idkey) return a.idkey < b.idkey ? -1 : 1;
    // idlex: at the first rank where the sets differ, the one holding it wins.
    for (std::size_t i = 0; i < a.ranks.size() && i < b.ranks.size(); ++i)
        if (a.ranks[i] != b.ranks[i]) return a.ranks[i] < b.ranks[i] ? -1 : 1;
    if (a.ranks.size() != b.ranks.size()) return a.ranks.size() < b.ranks.size() ? -1 : 1;
    return 0;
}

bool admissible(const Context& ctx, const Candidate& candidate) {
    const PlanRequest& request = ctx.request;
    if (request.max_cost && !within_limit(candidate.cost, *request.max_cost)) return false;
    if (request.max_weeks && !within_limit(candidate.weeks, *request.max_weeks)) return false;
    if (request.weeks_below && !definitely_less(candidate.weeks, *request.weeks_below)) return false;
    const auto chosen = [&](std::uint32_t c) {
        return std::find(candidate.chosen.begin(), candidate.chosen.end(), c) != candidate.chosen.end();
    };
    for (const auto& nogood : ctx.nogoods)
        if (std::all_of(nogood.begin(), nogood.end(), chosen)) return false;
    return true;
}

double weeks_cap_below(const Context& ctx, double below, bool& exact) {
    // A plan qualifies when weeks < boundary (definitely_less).
    const double boundary = below - tolerance(below);
    const double grid = ctx.weeks_grid;
    exact = grid > 0 && grid > 4 * tolerance(below);
    if (!exact) return below - std::max(tolerance(below), 1e-6 * std::max(1.0, std::abs(below)));
    // The largest multiple a * grid below the boundary, then half a step up.
    const double last = std::ceil(boundary / grid) - 1;
    return (last + 0.5) * grid;
}

}  // namespace credpath::planner_detail
