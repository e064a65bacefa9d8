#include "credpath/model/model.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace credpath {

std::string_view to_string(Kind kind) { return name_in(kKinds, kind); }

std::optional<Kind> kind_from_string(std::string_view text) { return value_in(kKinds, text); }

std::string_view to_string(RuleKind kind) {
    switch (kind) {
    case RuleKind::Ref: return "ref";
    case RuleKind::All: return "all";
    case RuleKind::Any: return "any";
    case RuleKind::AtLeast: return "at_least";
    case RuleKind::CreditsFrom: return "credits-from";
    case RuleKind::CreditsTagged: return "credits-tagged";
    case RuleKind::Skills: return "skills";
    }
    return "ref";
}

void Catalog::build_index() {
    by_id.clear();
    by_tag.clear();
    by_skill.clear();
    by_id.reserve(credentials.size());
    for (std::uint32_t i = 0; i < credentials.size(); ++i) {
        const Credential& credential = credentials[i];
        by_id.emplace(credential.id, i);  // the first of duplicate ids wins
        for (const std::string& tag : credential.tags) {
            auto& list = by_tag[tag];
            if (list.empty() || list.back() != i) list.push_back(i);
        }
        for (const std::string& skill : credential.skills) {
            auto& list = by_skill[skill];
            if (list.empty() || list.back() != i) list.push_back(i);
        }
    }
    resolve_refs();
}

namespace {
void resolve_rule(const Catalog& catalog, Rule& rule) {
    if (rule.kind == RuleKind::Ref) rule.ref_index = catalog.find(rule.ref).value_or(UINT32_MAX);
    for (Rule& child : rule.children) resolve_rule(catalog, child);
    for (Rule& cap : rule.caps) resolve_rule(catalog, cap);
}
}  // namespace

void Catalog::resolve_refs() {
    for (Credential& credential : credentials) {
        if (credential.rule) resolve_rule(*this, *credential.rule);
        if (credential.corequisite) resolve_rule(*this, *credential.corequisite);
    }
}

CreditCaps::CreditCaps(const Catalog& catalog, const Rule& rule, std::uint32_t owner) {
    for (const Rule& cap : rule.caps) {
        std::vector<std::uint32_t> members;
        for_each_source(catalog, cap, owner, [&](std::uint32_t index) { members.push_back(index); });
        std::sort(members.begin(), members.end());
        members.erase(std::unique(members.begin(), members.end()), members.end());
        members_.push_back(std::move(members));
        amounts_.push_back(cap.credits);
    }
}

int CreditCaps::cap_of(std::uint32_t source) const {
    for (std::size_t k = 0; k < members_.size(); ++k)
        if (std::binary_search(members_[k].begin(), members_[k].end(), source)) return static_cast<int>(k);
    return -1;
}

double CreditCaps::counted(const std::vector<std::pair<std::uint32_t, double>>& sources) const {
    std::vector<double> in_cap(members_.size(), 0.0);
    double sum = 0;
    for (const auto& [source, credits] : sources) {
        const int k = cap_of(source);
        if (k < 0) sum += credits;
        else in_cap[static_cast<std::size_t>(k)] += credits;
    }
    for (std::size_t k = 0; k < in_cap.size(); ++k) sum += std::min(in_cap[k], amounts_[k]);
    return sum;
}

std::vector<std::uint32_t> counted_toward(const Catalog& catalog, std::uint32_t owner) {
    std::vector<std::uint32_t> out;
    const auto& rule = catalog.credentials[owner].rule;
    if (!rule) return out;
    std::vector<const Rule*> stack{&*rule};
    while (!stack.empty()) {
        const Rule& node = *stack.back();
        stack.pop_back();
        if (node.kind == RuleKind::All || node.kind == RuleKind::Any || node.kind == RuleKind::AtLeast) {
            for (const Rule& child : node.children) stack.push_back(&child);
            continue;
        }
        // A credits source without credits adds nothing, so it never counts.
        const bool credits = node.kind == RuleKind::CreditsFrom || node.kind == RuleKind::CreditsTagged;
        for_each_source(catalog, node, owner, [&](std::uint32_t index) {
            if (!credits || catalog.credentials[index].credits > 0) out.push_back(index);
        });
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::optional<std::uint32_t> Catalog::find(std::string_view id) const {
    auto found = by_id.find(id);
    if (found == by_id.end()) return std::nullopt;
    return found->second;
}

std::vector<std::uint32_t> credit_sources(const Catalog& catalog, const Rule& rule, std::uint32_t owner) {
    std::vector<std::uint32_t> sources;
    if (rule.kind == RuleKind::CreditsFrom) {
        for (const std::string& id : rule.names)
            if (auto index = catalog.find(id)) sources.push_back(*index);
    } else if (rule.kind == RuleKind::CreditsTagged) {
        for (const std::string& tag : rule.names)
            if (auto found = catalog.by_tag.find(tag); found != catalog.by_tag.end())
                for (std::uint32_t index : found->second)
                    if (index != owner) sources.push_back(index);
    }
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    return sources;
}

}  // namespace credpath
