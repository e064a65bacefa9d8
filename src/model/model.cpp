#include "credpath/model/model.hpp"

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
}

std::optional<std::uint32_t> Catalog::find(std::string_view id) const {
    auto found = by_id.find(id);
    if (found == by_id.end()) return std::nullopt;
    return found->second;
}

}  // namespace credpath
