// Template bodies of model.hpp.
#pragma once

namespace credpath {

template <class Visit>
void for_each_source(const Catalog& catalog, const Rule& rule, std::uint32_t owner, Visit&& visit) {
    switch (rule.kind) {
    case RuleKind::Ref:
        if (auto index = catalog.find(rule)) visit(*index);
        return;
    case RuleKind::All:
    case RuleKind::Any:
    case RuleKind::AtLeast:
        for (const Rule& child : rule.children) for_each_source(catalog, child, owner, visit);
        return;
    case RuleKind::CreditsFrom:
        for (const std::string& id : rule.names)
            if (auto index = catalog.find(id)) visit(*index);
        return;
    case RuleKind::CreditsTagged:
    case RuleKind::Skills: {
        const auto& table = rule.kind == RuleKind::Skills ? catalog.by_skill : catalog.by_tag;
        for (const std::string& name : rule.names)
            if (auto found = table.find(name); found != table.end())
                for (std::uint32_t index : found->second)
                    if (index != owner) visit(index);
        return;
    }
    }
}

template <class Visit>
void for_each_requirement(const Catalog& catalog, std::uint32_t owner, Visit&& visit) {
    const Credential& credential = catalog.credentials[owner];
    if (credential.rule) for_each_source(catalog, *credential.rule, owner, visit);
    if (credential.corequisite) for_each_source(catalog, *credential.corequisite, owner, visit);
}

}  // namespace credpath
