// Reasons a person can act on when a target cannot be reached: descend the rule
// tree of the target to the blocking leaves (excluded credentials, credentials
// nothing can reach, skills nobody available teaches, credits that cannot add up
// once exclusions apply).
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

namespace {

constexpr int kMaxDepth = 6;          // how far down a chain of requirements to explain
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

class Explainer {
public:
    explicit Explainer(const Context& ctx) : ctx_(ctx) {}

    // "X is excluded" / "X requires ..." for a credential that cannot be added.
    std::string credential(std::uint32_t c, int depth) {
        const std::string& id = ctx_.catalog.credentials[c].id;
        if (ctx_.excluded[c]) return fmt::format("{} is excluded", id);
        const auto& rule = ctx_.catalog.credentials[c].requires;
        if (!rule || depth >= kMaxDepth || !explained_.insert(c).second)
            return fmt::format("{} cannot be reached", id);
        return fmt::format("{} requires {}", id, node(*rule, c, depth + 1));
    }

private:
    bool fails(const Rule& rule, std::uint32_t owner) const {
        return sat_time(ctx_.catalog, rule, owner, [&](std::uint32_t d) { return ctx_.earliest[d]; }) == kInf;
    }

    // A failing node as the object of "requires ...".
    std::string node(const Rule& rule, std::uint32_t owner, int depth) {
        switch (rule.kind) {
        case RuleKind::Ref: {
            const auto index = ctx_.catalog.find(rule.ref);
            if (!index) return fmt::format("{}, which is not in the catalog", rule.ref);
            const std::string& id = ctx_.catalog.credentials[*index].id;
            if (ctx_.excluded[*index]) return fmt::format("{}, which is excluded", id);
            const auto& sub = ctx_.catalog.credentials[*index].requires;
            if (!sub || depth >= kMaxDepth || !explained_.insert(*index).second)
                return fmt::format("{}, which cannot be reached", id);
            return fmt::format("{}, which requires {}", id, node(*sub, *index, depth + 1));
        }
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
            double available = 0;
            std::vector<std::string> blocked;
            for (std::uint32_t source : credit_sources(ctx_.catalog, rule, owner)) {
                const double credits = ctx_.catalog.credentials[source].credits;
                if (credits <= 0) continue;
                if (ctx_.earliest[source] != kInf) available += credits;
                else blocked.push_back(credential(source, depth));
            }
            std::string text = fmt::format("{}, but at most {} can be earned", describe(rule), format_number(available));
            if (!blocked.empty()) text += fmt::format(" ({})", join(blocked, "; "));
            return text;
        }
        case RuleKind::Skills: {
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
                if (blocked.empty())
                    parts.push_back(fmt::format("skill {}, which no other credential teaches", skill));
                else
                    parts.push_back(fmt::format("skill {}, but nothing that teaches it can be added ({})", skill,
                                                join(blocked, "; ")));
            }
            return join(parts, ", and ");
        }
        }
        return "a requirement that cannot be met";
    }

    // A failing child of any/at_least as a clause of its own.
    std::string clause(const Rule& rule, std::uint32_t owner, int depth) {
        if (rule.kind == RuleKind::Ref) {
            const auto index = ctx_.catalog.find(rule.ref);
            if (!index) return fmt::format("{} is not in the catalog", rule.ref);
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
            return fmt::format("{} {} from {}", format_number(rule.credits), ctx_.catalog.credit_unit,
                               name_list(rule.names));
        case RuleKind::CreditsTagged:
            return fmt::format("{} {} from credentials tagged {}", format_number(rule.credits),
                               ctx_.catalog.credit_unit, name_list(rule.names));
        case RuleKind::Skills: return fmt::format("skills {}", name_list(rule.names));
        }
        return "a requirement";
    }

    const Context& ctx_;
    std::unordered_set<std::uint32_t> explained_;  // each chain is told once
};

}  // namespace

std::string explain_unreachable(const Context& ctx, std::uint32_t target) {
    Explainer explainer(ctx);
    return fmt::format("cannot reach target {}: {}", ctx.catalog.credentials[target].id,
                       explainer.credential(target, 0));
}

}  // namespace credpath::planner_detail
