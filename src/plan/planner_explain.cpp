// Reasons a person can act on when a target cannot be reached: descend the rule
// tree of the target to the blocking leaves (excluded credentials, credentials
// nothing can reach, skills nobody available teaches, credits that cannot add up
// once exclusions apply).
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <unordered_set>

#include "planner_internal.hpp"

namespace credpath::planner_detail {

std::string format_number(double value) {
    if (std::isinf(value)) return value > 0 ? "infinity" : "-infinity";
    const double rounded = std::round(value);
    if (std::abs(value - rounded) <= tolerance(value) && std::abs(rounded) < 1e15)
        return fmt::format("{}", static_cast<long long>(rounded));
    std::string text = fmt::format("{:.4f}", value);
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

std::string format_amount(double value) {
    std::string text = format_number(value);
    const std::size_t sign = !text.empty() && text[0] == '-' ? 1 : 0;
    const std::size_t whole_end = std::min(text.find('.'), text.size());
    if (whole_end - sign < 4 || text.find("inf") != std::string::npos) return text;
    std::string grouped = text.substr(0, sign);
    for (std::size_t i = sign; i < whole_end; ++i) {
        if (i > sign && (whole_end - i) % 3 == 0) grouped += ',';
        grouped += text[i];
    }
    return grouped + text.substr(whole_end);
}

std::string no_intake_left(const Credential& credential, double ready, const Date& first_day) {
    const auto last = last_intake(*credential.starts);
    if (!last) return fmt::format("{} has no intake left", credential.id);  // cannot happen: recurring without end
    if (*last < first_day) return fmt::format("{} has no intake left: the last was {}", credential.id, to_string(*last));
    return fmt::format("{} could start on {} at the earliest, after its last intake on {}", credential.id,
                       to_string(day_of_week(first_day, ready)), to_string(*last));
}

namespace {

constexpr int kFullDepth = 12;        // how far down a chain of requirements to explain
constexpr std::size_t kLongReason = 400;  // beyond this, explain less deep and list the root causes
constexpr std::size_t kMaxNames = 8;  // longer lists end in "and N more"

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string text;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) text += separator;
        text += items[i];
    }
    return text;
}

std::string name_list(std::vector<std::string> items) {
    if (items.size() > kMaxNames) {
        const std::size_t more = items.size() - kMaxNames;
        items.resize(kMaxNames);
        items.push_back(fmt::format("{} more", more));
    }
    return join(items, ", ");
}

// What ultimately blocks a target, collected while explaining.
struct Blockers {
    std::vector<std::string> excluded;
    std::vector<std::string> unknown;
    std::vector<std::string> untaught;  // skills no other credential teaches
    std::vector<std::string> no_intake;  // credentials whose intakes are over by the time they could start

    static void add(std::vector<std::string>& list, const std::string& item) {
        if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
    }
    std::string describe() const {
        std::vector<std::string> parts;
        if (!excluded.empty()) parts.push_back(fmt::format("excluded {}", name_list(excluded)));
        if (!unknown.empty()) parts.push_back(fmt::format("not in the catalog {}", name_list(unknown)));
        if (!untaught.empty()) parts.push_back(fmt::format("nothing else teaches {}", name_list(untaught)));
        if (!no_intake.empty()) parts.push_back(fmt::format("no intake left for {}", name_list(no_intake)));
        return join(parts, "; ");
    }
};

class Explainer {
public:
    Explainer(const Context& ctx, int max_depth, Blockers& blockers)
        : ctx_(ctx), max_depth_(max_depth), blockers_(blockers) {}

    // "X is excluded" / "X requires ..." for a credential that cannot be added.
    std::string credential(std::uint32_t c, int depth) {
        const std::string& id = ctx_.catalog.credentials[c].id;
        if (ctx_.excluded[c]) {
            Blockers::add(blockers_.excluded, id);
            return fmt::format("{} is excluded", id);
        }
        if (auto reason = shut_out_reason(c)) return *reason;
        if (auto late = intake_reason(c)) return *late;
        if (depth >= max_depth_ || !explained_.insert(c).second) return fmt::format("{} cannot be reached", id);
        const std::string needs = requirements(c, depth);
        return needs.empty() ? fmt::format("{} cannot be reached", id) : fmt::format("{} {}", id, needs);
    }

    // "<rule> needs ..." for a goal rule that cannot be met.
    std::string goal(const Rule& rule, std::uint32_t owner) {
        return fmt::format("{} needs {}", describe(rule), node(rule, owner, 1));
    }

private:
    // "requires ..." and/or "co-requires ..." for the rules of c that fail
    // ("" when neither does).
    std::string requirements(std::uint32_t c, int depth) {
        const Credential& credential = ctx_.catalog.credentials[c];
        std::vector<std::string> parts;
        if (credential.rule && fails(*credential.rule, c))
            parts.push_back("requires " + node(*credential.rule, c, depth + 1));
        if (credential.corequisite && fails(*credential.corequisite, c))
            parts.push_back("co-requires " + node(*credential.corequisite, c, depth + 1));
        return join(parts, ", and ");
    }

    // "X is excluded (the learner holds Y, and they exclude each other)".
    std::optional<std::string> shut_out_reason(std::uint32_t c) {
        if (!ctx_.shut_out[c]) return std::nullopt;
        const std::string& id = ctx_.catalog.credentials[c].id;
        Blockers::add(blockers_.excluded, id);
        const auto holder = shut_out_by(ctx_, c);
        return fmt::format("{} is excluded (the learner holds {}, and they exclude each other)", id,
                           holder ? ctx_.catalog.credentials[*holder].id : "?");
    }

    // Why a credential whose rule can be met cannot be taken: no intake left.
    std::optional<std::string> intake_reason(std::uint32_t c) {
        const Credential& credential = ctx_.catalog.credentials[c];
        if (!has_intakes(credential, ctx_.request.first_day) || ctx_.held[c]) return std::nullopt;
        const double ready = ready_week(ctx_.catalog, c, [&](std::uint32_t d) { return ctx_.earliest[d]; });
        if (ready == kInf) return std::nullopt;
        Blockers::add(blockers_.no_intake, credential.id);
        return no_intake_left(credential, ready, *ctx_.request.first_day);
    }

    bool fails(const Rule& rule, std::uint32_t owner) const {
        return sat_time(ctx_.catalog, rule, owner, [&](std::uint32_t d) { return ctx_.earliest[d]; }) == kInf;
    }

    // A failing node as the object of "requires ...".
    std::string node(const Rule& rule, std::uint32_t owner, int depth) {
        switch (rule.kind) {
        case RuleKind::Ref:
            return ref_node(rule, depth);
        case RuleKind::All: {
            std::vector<std::string> parts;
            for (const Rule& child : rule.children)
                if (fails(child, owner)) parts.push_back(node(child, owner, depth));
            return join(parts, ", and ");
        }
        case RuleKind::Any:
        case RuleKind::AtLeast: {
            std::vector<std::string> names;
            std::vector<std::string> blocked;
            std::size_t possible = 0;
            for (const Rule& child : rule.children) {
                names.push_back(describe(child));
                if (fails(child, owner)) blocked.push_back(clause(child, owner, depth));
                else ++possible;
            }
            if (rule.kind == RuleKind::Any)
                return fmt::format("one of {}, but none can be reached ({})", name_list(names), join(blocked, "; "));
            if (rule.at_least > rule.children.size())
                return fmt::format("at least {} of {}, which lists only {}", rule.at_least, name_list(names),
                                   rule.children.size());
            return fmt::format("at least {} of {}, but only {} can be reached ({})", rule.at_least,
                               name_list(names), possible, join(blocked, "; "));
        }
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged: {
            std::vector<std::pair<std::uint32_t, double>> reachable;
            std::vector<std::string> blocked;
            for (std::uint32_t source : credit_sources(ctx_.catalog, rule, owner)) {
                const double credits = ctx_.catalog.credentials[source].credits;
                if (credits <= 0) continue;
                if (ctx_.earliest[source] != kInf) reachable.emplace_back(source, credits);
                else blocked.push_back(credential(source, depth));
            }
            const double available = CreditCaps(ctx_.catalog, rule, owner).counted(reachable);
            std::string text = fmt::format("{}, but at most {} can be earned", describe(rule), format_number(available));
            if (!blocked.empty()) text += fmt::format(" ({})", join(blocked, "; "));
            return text;
        }
        case RuleKind::Skills:
            return skills_node(rule, owner, depth);
        }
        return "a requirement that cannot be met";
    }

    // A failing reference: why the credential it names cannot be had.
    std::string ref_node(const Rule& rule, int depth) {
        const auto index = ctx_.catalog.find(rule);
        if (!index) {
            Blockers::add(blockers_.unknown, rule.ref);
            return fmt::format("{}, which is not in the catalog", rule.ref);
        }
        const std::string& id = ctx_.catalog.credentials[*index].id;
        if (ctx_.excluded[*index]) {
            Blockers::add(blockers_.excluded, id);
            return fmt::format("{}, which is excluded", id);
        }
        if (auto reason = shut_out_reason(*index)) return *reason;
        if (auto late = intake_reason(*index)) return *late;
        if (depth >= max_depth_ || !explained_.insert(*index).second)
            return fmt::format("{}, which cannot be reached", id);
        const std::string needs = requirements(*index, depth);
        return needs.empty() ? fmt::format("{}, which cannot be reached", id) : fmt::format("{}, which {}", id, needs);
    }

    // A failing skills rule: each skill nothing reachable teaches.
    std::string skills_node(const Rule& rule, std::uint32_t owner, int depth) {
        std::vector<std::string> parts;
        for (const std::string& skill : rule.names) {
            std::vector<std::string> blocked;
            bool taught = false;
            if (auto found = ctx_.catalog.by_skill.find(skill); found != ctx_.catalog.by_skill.end())
                for (std::uint32_t teacher : found->second) {
                    if (teacher == owner) continue;
                    if (ctx_.earliest[teacher] != kInf) taught = true;
                    else blocked.push_back(credential(teacher, depth));
                }
            if (taught) continue;
            if (blocked.empty()) {
                Blockers::add(blockers_.untaught, skill);
                parts.push_back(fmt::format("skill {}, which no {}credential teaches", skill,
                                            owner == kNoOwner ? "" : "other "));
            }
            else
                parts.push_back(fmt::format("skill {}, but nothing that teaches it can be added ({})", skill,
                                            join(blocked, "; ")));
        }
        return join(parts, ", and ");
    }

    // A failing child of any/at_least as a clause of its own.
    std::string clause(const Rule& rule, std::uint32_t owner, int depth) {
        if (rule.kind == RuleKind::Ref) {
            const auto index = ctx_.catalog.find(rule);
            if (!index) {
                Blockers::add(blockers_.unknown, rule.ref);
                return fmt::format("{} is not in the catalog", rule.ref);
            }
            return credential(*index, depth);
        }
        return fmt::format("{} cannot be met: it needs {}", describe(rule), node(rule, owner, depth));
    }

    // A short name for a rule node.
    std::string describe(const Rule& rule) const {
        const auto children = [&] {
            std::vector<std::string> names;
            for (const Rule& child : rule.children) names.push_back(describe(child));
            return name_list(names);
        };
        switch (rule.kind) {
        case RuleKind::Ref: return rule.ref;
        case RuleKind::All: return fmt::format("all of ({})", children());
        case RuleKind::Any: return fmt::format("any of ({})", children());
        case RuleKind::AtLeast: return fmt::format("at least {} of ({})", rule.at_least, children());
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged: {
            std::string text = fmt::format("{} {} from {}{}", format_number(rule.credits), ctx_.catalog.credit_unit,
                                           rule.kind == RuleKind::CreditsTagged ? "credentials tagged " : "",
                                           name_list(rule.names));
            for (const Rule& cap : rule.caps)
                text += fmt::format(" (at most {} from {}{})", format_number(cap.credits),
                                    cap.kind == RuleKind::CreditsTagged ? "credentials tagged " : "",
                                    name_list(cap.names));
            return text;
        }
        case RuleKind::Skills: return fmt::format("skills {}", name_list(rule.names));
        }
        return "a requirement";
    }

    const Context& ctx_;
    int max_depth_;
    Blockers& blockers_;
    std::unordered_set<std::uint32_t> explained_;  // each chain is told once
};

}  // namespace

namespace {

// The full explanation when short enough; else a shallower one followed by the
// root causes the full walk found.
template <class Explain>
std::string shortened(const std::string& prefix, const Explain& explain) {
    Blockers blockers;
    std::string detail = explain(kFullDepth, blockers);
    if (detail.size() <= kLongReason) return prefix + detail;
    for (int depth = 3; depth >= 1; --depth) {
        Blockers unused;
        detail = explain(depth, unused);
        if (detail.size() <= kLongReason) break;
    }
    const std::string causes = blockers.describe();
    return prefix + detail + (causes.empty() ? "" : "; root causes: " + causes);
}

}  // namespace

std::string explain_unreachable(const Context& ctx, std::uint32_t target, bool included) {
    return shortened(fmt::format("cannot {} {}: ", included ? "add included" : "reach target",
                                 ctx.catalog.credentials[target].id),
                     [&](int depth, Blockers& blockers) { return Explainer(ctx, depth, blockers).credential(target, 0); });
}

std::string explain_unmet_goal(const Context& ctx, std::size_t goal) {
    return shortened("cannot meet goal: ", [&](int depth, Blockers& blockers) {
        return Explainer(ctx, depth, blockers).goal(ctx.goals[goal], ctx.goal_owners[goal]);
    });
}

std::string explain_conflicts(const Context& ctx) {
    const auto capped = [](std::vector<std::string> parts, std::string_view what) {
        if (parts.size() > kMaxNames) {
            const std::size_t more = parts.size() - kMaxNames;
            parts.resize(kMaxNames);
            parts.push_back(fmt::format("{} more {}", more, what));
        }
        return parts;
    };
    std::vector<std::string> pairs;
    for (const auto& [a, b] : ctx.conflicts)
        pairs.push_back(fmt::format("{} and {}", ctx.catalog.credentials[a].id, ctx.catalog.credentials[b].id));
    std::vector<std::string> limits;
    for (const OverlapPair& pair : ctx.overlaps)
        limits.push_back(fmt::format("at most {} toward both {} and {}", pair.limit, ctx.catalog.credentials[pair.a].id,
                                     ctx.catalog.credentials[pair.b].id));
    std::vector<std::string> targets;
    for (std::uint32_t target : ctx.free_targets) targets.push_back(ctx.catalog.credentials[target].id);
    const std::string goal = targets.empty() ? std::string("the goal") : name_list(targets);
    if (limits.empty())
        return fmt::format("every way to {} takes two credentials that exclude each other ({})", goal,
                           join(capped(pairs, "pairs"), "; "));
    if (pairs.empty())
        return fmt::format("every way to {} counts more credentials toward two qualifications than their overlap "
                           "limit allows ({})",
                           goal, join(capped(limits, "limits"), "; "));
    return fmt::format("every way to {} either takes two credentials that exclude each other ({}) or counts more "
                       "credentials toward two qualifications than their overlap limit allows ({})",
                       goal, join(capped(pairs, "pairs"), "; "), join(capped(limits, "limits"), "; "));
}

}  // namespace credpath::planner_detail
