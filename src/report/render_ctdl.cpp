#include "credpath/report/render_ctdl.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>

#include "render_support.hpp"

namespace credpath {

namespace {

using render_detail::dump;
using render_detail::number;
using render_detail::ordered_json;

constexpr const char* kContext = "https://credreg.net/ctdl/schema/context/json";
// What identifies a credential's own id among its identifiers, so that an
// import gives it back unchanged.
constexpr const char* kIdentifierType = "credpath id";

std::string node_id(const std::string& id) { return "urn:credpath:credential:" + id; }

const char* class_of(Kind kind) {
    switch (kind) {
    case Kind::Badge: return "ceterms:DigitalBadge";
    case Kind::Certificate: return "ceterms:Certificate";
    case Kind::Diploma: return "ceterms:Diploma";
    case Kind::Degree: return "ceterms:Degree";
    case Kind::License: return "ceterms:License";
    case Kind::Microcredential: return "ceterms:MicroCredential";
    case Kind::Course: return "ceterms:Course";
    }
    return "ceterms:Credential";
}

std::string iso_duration(const Duration& duration) {
    const char unit = static_cast<char>(duration.unit == 'd' ? 'D' : duration.unit == 'w' ? 'W' : duration.unit == 'm' ? 'M' : 'Y');
    return fmt::format("P{}{}", duration.count, unit);
}

class CtdlWriter {
public:
    CtdlWriter(const Catalog& catalog, std::vector<std::string>* notes) : catalog_(catalog), notes_(notes) {}

    ordered_json credential(std::uint32_t index) {
        const Credential& c = catalog_.credentials[index];
        // What CTDL has no place for, counted for the notes.
        unsaid_[0] += c.starts.has_value();
        unsaid_[1] += c.renewal.has_value();
        unsaid_[2] += !c.excludes.empty();
        unsaid_[3] += !c.overlap.empty();
        ordered_json node;
        node["@id"] = node_id(c.id);
        node["@type"] = class_of(c.kind);
        for (const std::string& same : c.same_as)
            if (same.rfind("ce-", 0) == 0 && same.size() == 39) {
                node["ceterms:ctid"] = same;
                break;
            }
        node["ceterms:name"] = {{"en", c.title}};
        node["ceterms:identifier"] = ordered_json::array(
            {{{"@type", "ceterms:IdentifierValue"}, {"ceterms:identifierTypeName", kIdentifierType},
              {"ceterms:identifierValueCode", c.id}}});
        if (!c.description.empty()) node["ceterms:description"] = {{"en", c.description}};
        if (!c.url.empty()) node["ceterms:subjectWebpage"] = c.url;
        if (!c.provider.empty()) node["ceterms:offeredBy"] = organization(c.provider);
        if (c.cost != 0)
            node["ceterms:estimatedCost"] = ordered_json::array(
                {{{"@type", "ceterms:CostProfile"}, {"ceterms:price", number(c.cost)}, {"ceterms:currency", catalog_.currency}}});
        ordered_json durations = ordered_json::array();
        if (c.weeks != 0)
            durations.push_back({{"@type", "ceterms:DurationProfile"},
                                 {"ceterms:exactDuration", fmt::format("P{}W", number(c.weeks).dump())}});
        if (c.hours != 0)
            durations.push_back({{"@type", "ceterms:DurationProfile"},
                                 {"ceterms:exactDuration", fmt::format("PT{}H", number(c.hours).dump())}});
        if (!durations.empty()) node["ceterms:estimatedDuration"] = std::move(durations);
        if (c.credits != 0)
            node["ceterms:creditValue"] = ordered_json::array(
                {{{"@type", "ceterms:ValueProfile"},
                  {"schema:value", number(c.credits)},
                  {"ceterms:creditUnitType", {{"@type", "ceterms:CredentialAlignmentObject"},
                                              {"ceterms:targetNodeName", {{"en", catalog_.credit_unit}}}}}}});
        if (!c.skills.empty()) {
            ordered_json teaches = ordered_json::array();
            for (const std::string& skill : c.skills)
                teaches.push_back({{"@type", "ceterms:CredentialAlignmentObject"}, {"ceterms:targetNodeName", {{"en", skill}}}});
            node["ceterms:teaches"] = std::move(teaches);
        }
        if (c.valid_for) node["ceterms:renewalFrequency"] = iso_duration(*c.valid_for);
        ordered_json required = ordered_json::array();
        ordered_json component_conditions = ordered_json::array();
        if (c.rule) add_rule(*c.rule, index, required, component_conditions);
        if (!c.also_required.empty())
            required.push_back({{"@type", "ceterms:ConditionProfile"}, {"ceterms:condition", c.also_required}});
        if (!required.empty()) node["ceterms:requires"] = std::move(required);
        if (!component_conditions.empty()) node["ceterms:hasCondition"] = std::move(component_conditions);
        if (c.corequisite) {
            ordered_json corequires = ordered_json::array();
            ordered_json unused = ordered_json::array();
            add_rule(*c.corequisite, index, corequires, unused);
            if (!unused.empty()) note(fmt::format("{}: a co-requisite N of M or credits cap is not exported", c.id));
            if (!corequires.empty()) node["ceterms:corequisite"] = std::move(corequires);
        }
        return node;
    }

    // "N credentials' intakes are not exported", for each kind of field left out.
    void note_unsaid() {
        const char* what[] = {"intakes (starts)", "renewals", "exclusions (excludes)", "overlap limits"};
        for (std::size_t k = 0; k < 4; ++k)
            if (unsaid_[k] > 0)
                note(fmt::format("the {} of {} {} are not exported: an import of this file plans without them", what[k], unsaid_[k],
                                 unsaid_[k] == 1 ? "credential" : "credentials"));
    }

    // The organisations named as providers, one node each.
    void add_organizations(ordered_json& graph) const {
        for (const auto& [name, id] : organizations_)
            graph.push_back({{"@id", id}, {"@type", "ceterms:CredentialOrganization"}, {"ceterms:name", {{"en", name}}}});
    }

private:
    std::string organization(const std::string& name) {
        auto [it, inserted] = organizations_.try_emplace(name, fmt::format("_:organization-{}", organizations_.size() + 1));
        return it->second;
    }

    void note(std::string text) {
        if (notes_) notes_->push_back(std::move(text));
    }

    const char* target_property(const std::string& id) const {
        const auto found = catalog_.find(id);
        return found && catalog_.credentials[*found].kind == Kind::Course ? "ceterms:targetLearningOpportunity"
                                                                          : "ceterms:targetCredential";
    }

    // Whether ConditionProfiles can say the rule: at the top (each part one
    // required profile) an all of sayable parts; as one profile a reference,
    // credits from named credentials, one skill (any of its teachers), an any
    // of single profiles, or an all of references (one profile, all targets).
    // N of M and caps need ComponentConditions.
    bool profiles_can_say(const Rule& rule, bool top) const {
        switch (rule.kind) {
        case RuleKind::Ref: return true;
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged: return rule.caps.empty();
        case RuleKind::Skills: return top || rule.names.size() == 1;
        case RuleKind::AtLeast: return false;
        case RuleKind::Any:
            return std::all_of(rule.children.begin(), rule.children.end(),
                               [&](const Rule& child) { return profiles_can_say(child, false); });
        case RuleKind::All:
            return std::all_of(rule.children.begin(), rule.children.end(), [&](const Rule& child) {
                return top ? profiles_can_say(child, true) : child.kind == RuleKind::Ref;
            });
        }
        return false;
    }

    // The credentials a credits rule counts (a tagged one: those with its tags now).
    std::vector<std::string> credit_ids(const Rule& rule, std::uint32_t owner) const {
        std::vector<std::string> ids;
        for (std::uint32_t source : credit_sources(catalog_, rule, owner)) ids.push_back(catalog_.credentials[source].id);
        return ids;
    }

    // A rule as required ConditionProfiles (`out`) when they can say it, else
    // as one ComponentCondition (requiredNumber, Sum constraints).
    void add_rule(const Rule& rule, std::uint32_t owner, ordered_json& out, ordered_json& components) {
        if (!profiles_can_say(rule, true)) {
            components.push_back(component_condition(rule, owner));
            return;
        }
        if (rule.kind == RuleKind::All) {
            for (const Rule& child : rule.children) add_rule(child, owner, out, components);
            return;
        }
        if (rule.kind == RuleKind::Skills) {
            for (const std::string& skill : rule.names) out.push_back(skill_profile(skill, owner));
            return;
        }
        out.push_back(profile(rule, owner));
    }

    // Any of the credentials teaching `skill`.
    ordered_json skill_profile(const std::string& skill, std::uint32_t owner) const {
        ordered_json alternatives = ordered_json::array();
        if (auto teachers = catalog_.by_skill.find(skill); teachers != catalog_.by_skill.end())
            for (std::uint32_t teacher : teachers->second)
                if (teacher != owner) {
                    const std::string& id = catalog_.credentials[teacher].id;
                    alternatives.push_back(
                        {{"@type", "ceterms:ConditionProfile"}, {target_property(id), ordered_json::array({node_id(id)})}});
                }
        return {{"@type", "ceterms:ConditionProfile"},
                {"ceterms:description", "a credential teaching " + skill},
                {"ceterms:alternativeCondition", std::move(alternatives)}};
    }

    // One profile (profiles_can_say(rule, false) holds).
    ordered_json profile(const Rule& rule, std::uint32_t owner) const {
        ordered_json p{{"@type", "ceterms:ConditionProfile"}};
        switch (rule.kind) {
        case RuleKind::Ref: p[target_property(rule.ref)] = ordered_json::array({node_id(rule.ref)}); break;
        case RuleKind::All:
            for (const Rule& child : rule.children) p[target_property(child.ref)].push_back(node_id(child.ref));
            break;
        case RuleKind::Any: {
            ordered_json alternatives = ordered_json::array();
            for (const Rule& child : rule.children) alternatives.push_back(profile(child, owner));
            p["ceterms:alternativeCondition"] = std::move(alternatives);
            break;
        }
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged:
            for (const std::string& id : credit_ids(rule, owner)) p[target_property(id)].push_back(node_id(id));
            p["ceterms:creditValue"] =
                ordered_json::array({{{"@type", "ceterms:ValueProfile"}, {"schema:value", number(rule.credits)}}});
            break;
        case RuleKind::Skills: return skill_profile(rule.names.front(), owner);
        case RuleKind::AtLeast: break;
        }
        return p;
    }

    // Any rule as a ComponentCondition: requiredNumber of targetComponent and
    // nested conditions; credits as a Sum of schema:value at least N.
    ordered_json component_condition(const Rule& rule, std::uint32_t owner) {
        ordered_json c{{"@type", "ceterms:ComponentCondition"}};
        ordered_json targets = ordered_json::array();
        ordered_json nested = ordered_json::array();
        auto add_child = [&](const Rule& child) {
            if (child.kind == RuleKind::Ref) targets.push_back(node_id(child.ref));
            else nested.push_back(component_condition(child, owner));
        };
        switch (rule.kind) {
        case RuleKind::Ref: targets.push_back(node_id(rule.ref)); break;
        case RuleKind::All:
            for (const Rule& child : rule.children) add_child(child);
            break;
        case RuleKind::Any:
            for (const Rule& child : rule.children) add_child(child);
            c["ceterms:requiredNumber"] = 1;
            break;
        case RuleKind::AtLeast:
            for (const Rule& child : rule.children) add_child(child);
            c["ceterms:requiredNumber"] = rule.at_least;
            break;
        case RuleKind::CreditsFrom:
        case RuleKind::CreditsTagged:
            if (rule.caps.empty()) {
                for (const std::string& id : credit_ids(rule, owner)) targets.push_back(node_id(id));
                c["ceterms:hasConstraint"] = sum_at_least(rule.credits);
            } else {
                capped_credits(rule, owner, nested);
            }
            break;
        case RuleKind::Skills:
            for (const std::string& skill : rule.names) {
                ordered_json any{{"@type", "ceterms:ComponentCondition"}, {"ceterms:requiredNumber", 1}};
                ordered_json teachers_json = ordered_json::array();
                if (auto teachers = catalog_.by_skill.find(skill); teachers != catalog_.by_skill.end())
                    for (std::uint32_t teacher : teachers->second)
                        if (teacher != owner) teachers_json.push_back(node_id(catalog_.credentials[teacher].id));
                any["ceterms:targetComponent"] = std::move(teachers_json);
                nested.push_back(std::move(any));
            }
            break;
        }
        if (!targets.empty()) c["ceterms:targetComponent"] = std::move(targets);
        if (!nested.empty()) c["ceterms:hasCondition"] = std::move(nested);
        return c;
    }

    static ordered_json sum_at_least(double amount) {
        return {{"@type", "ceterms:Constraint"},
                {"ceterms:leftAction", {{"@id", "https://purl.org/ctdl/vocabs/array/Sum"}}},
                {"ceterms:leftSource", {{"@id", "https://schema.org/value"}}},
                {"ceterms:comparator", {{"@id", "https://purl.org/ctdl/vocabs/compare/GTEQ"}}},
                {"ceterms:rightSource", number(amount)}};
    }

    // Credits N with caps c_k on disjoint subsets A_k: the uncapped b plus
    // sum min(a_k, c_k) reaches N exactly when, for every set S of caps,
    // b + sum_{k not in S} a_k >= N - sum_{k in S} c_k. Each such set is one
    // Sum constraint over the sources outside the caps of S; CTDL has no cap.
    void capped_credits(const Rule& rule, std::uint32_t owner, ordered_json& nested) {
        const std::vector<std::uint32_t> sources = credit_sources(catalog_, rule, owner);
        std::vector<std::vector<std::uint32_t>> members;
        for (const Rule& cap : rule.caps) members.push_back(credit_sources(catalog_, cap, owner));
        if (rule.caps.size() > 10) {
            note(fmt::format("{}: a credits rule with more than 10 caps is not exported", catalog_.credentials[owner].id));
            return;
        }
        for (std::uint32_t set = 0; set < (1u << rule.caps.size()); ++set) {
            double amount = rule.credits;
            for (std::size_t k = 0; k < rule.caps.size(); ++k)
                if (set & (1u << k)) amount -= rule.caps[k].credits;
            if (amount <= 0) continue;
            ordered_json targets = ordered_json::array();
            for (std::uint32_t source : sources) {
                bool saturated = false;
                for (std::size_t k = 0; k < rule.caps.size(); ++k)
                    if ((set & (1u << k)) && std::binary_search(members[k].begin(), members[k].end(), source)) saturated = true;
                if (!saturated) targets.push_back(node_id(catalog_.credentials[source].id));
            }
            nested.push_back({{"@type", "ceterms:ComponentCondition"},
                              {"ceterms:targetComponent", std::move(targets)},
                              {"ceterms:hasConstraint", sum_at_least(amount)}});
        }
    }

    const Catalog& catalog_;
    std::vector<std::string>* notes_;
    std::map<std::string, std::string> organizations_;
    std::size_t unsaid_[4] = {0, 0, 0, 0};
};

}  // namespace

std::string render_catalog_ctdl(const Catalog& catalog, std::vector<std::string>* notes) {
    CtdlWriter writer(catalog, notes);
    ordered_json graph = ordered_json::array();
    for (std::uint32_t i = 0; i < catalog.credentials.size(); ++i)
        if (!catalog.credentials[i].external) graph.push_back(writer.credential(i));
    writer.add_organizations(graph);
    writer.note_unsaid();
    ordered_json out;
    out["@context"] = kContext;
    if (!catalog.name.empty()) out["ceterms:name"] = {{"en", catalog.name}};
    out["@graph"] = std::move(graph);
    return dump(out);
}

std::string render_plan_ctdl(const PlanView& view) {
    const Catalog& catalog = view.catalog;
    CtdlWriter writer(catalog, nullptr);
    ordered_json graph = ordered_json::array();
    auto component_id = [](const std::string& id) { return "urn:credpath:component:" + id; };
    std::vector<std::uint32_t> members;
    for (const PlanStep& step : view.plan.steps) members.push_back(step.credential);
    ordered_json pathway{{"@id", "urn:credpath:pathway"}, {"@type", "ceterms:Pathway"}};
    std::vector<std::string> targets;
    for (std::uint32_t t : view.request.targets) targets.push_back(catalog.credentials[t].id);
    pathway["ceterms:name"] = {{"en", fmt::format("Plan for {}", fmt::join(targets, ", "))}};
    ordered_json destinations = ordered_json::array();
    for (const std::string& id : targets) destinations.push_back(component_id(id));
    pathway["ceterms:hasDestinationComponent"] = std::move(destinations);
    ordered_json parts = ordered_json::array();
    for (std::uint32_t c : members) parts.push_back(component_id(catalog.credentials[c].id));
    pathway["ceterms:hasPart"] = std::move(parts);
    graph.push_back(std::move(pathway));
    for (const PlanStep& step : view.plan.steps) {
        const Credential& c = catalog.credentials[step.credential];
        ordered_json component{{"@id", component_id(c.id)},
                               {"@type", c.kind == Kind::Course ? "ceterms:CourseComponent" : "ceterms:CredentialComponent"},
                               {"ceterms:name", {{"en", c.title}}},
                               {"ceterms:proxyFor", node_id(c.id)}};
        component["ceterms:description"] =
            {{"en", fmt::format("Step {}: weeks {} to {}", &step - view.plan.steps.data() + 1,
                                number(step.start_week).dump(), number(step.finish_week).dump())}};
        if (!step.unlocks.empty()) {
            ordered_json precedes = ordered_json::array();
            for (std::uint32_t next : step.unlocks) precedes.push_back(component_id(catalog.credentials[next].id));
            component["ceterms:precedes"] = std::move(precedes);
        }
        graph.push_back(std::move(component));
    }
    for (std::uint32_t c : members) graph.push_back(writer.credential(c));
    writer.add_organizations(graph);
    ordered_json out;
    out["@context"] = kContext;
    out["@graph"] = std::move(graph);
    return dump(out);
}

}  // namespace credpath
