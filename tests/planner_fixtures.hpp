// Builds catalogs in code for the planner tests: credentials with cost, hours,
// weeks, credits, tags, skills and rule trees, then the indexes and graph.
#pragma once

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "credpath/graph/graph.hpp"
#include "credpath/model/model.hpp"
#include "credpath/plan/planner.hpp"

namespace credpath::test {

inline Rule ref(std::string id) {
    Rule rule;
    rule.kind = RuleKind::Ref;
    rule.ref = std::move(id);
    return rule;
}

inline Rule group(RuleKind kind, std::vector<Rule> children, std::uint32_t at_least = 0) {
    Rule rule;
    rule.kind = kind;
    rule.children = std::move(children);
    rule.at_least = at_least;
    return rule;
}
inline Rule all_of(std::vector<Rule> children) { return group(RuleKind::All, std::move(children)); }
inline Rule any_of(std::vector<Rule> children) { return group(RuleKind::Any, std::move(children)); }
inline Rule at_least(std::uint32_t n, std::vector<Rule> children) {
    return group(RuleKind::AtLeast, std::move(children), n);
}
// Rule lists of plain ids.
inline std::vector<Rule> refs(const std::vector<std::string>& ids) {
    std::vector<Rule> rules;
    for (const std::string& id : ids) rules.push_back(ref(id));
    return rules;
}

inline Rule named(RuleKind kind, double credits, std::vector<std::string> names) {
    Rule rule;
    rule.kind = kind;
    rule.credits = credits;
    rule.name_locs.resize(names.size());
    rule.names = std::move(names);
    return rule;
}
inline Rule credits_from(double amount, std::vector<std::string> ids) {
    return named(RuleKind::CreditsFrom, amount, std::move(ids));
}
inline Rule credits_tagged(double amount, std::vector<std::string> tags) {
    return named(RuleKind::CreditsTagged, amount, std::move(tags));
}
inline Rule skills(std::vector<std::string> names) { return named(RuleKind::Skills, 0, std::move(names)); }

// Fluent catalog builder: b.add("a").cost(10).weeks(2).rule(ref("x"));
class CatalogBuilder {
public:
    class Entry {
    public:
        Entry(Catalog& catalog, std::size_t index) : catalog_(&catalog), index_(index) {}
        Entry& cost(double value) { return set(&Credential::cost, value); }
        Entry& hours(double value) { return set(&Credential::hours, value); }
        Entry& weeks(double value) { return set(&Credential::weeks, value); }
        Entry& credits(double value) { return set(&Credential::credits, value); }
        Entry& tags(std::vector<std::string> values) {
            get().tags = std::move(values);
            return *this;
        }
        Entry& skills(std::vector<std::string> values) {
            get().skills = std::move(values);
            return *this;
        }
        Entry& rule(Rule value) {
            get().rule = std::move(value);
            return *this;
        }
        Entry& starts(Intakes value) {
            get().starts = std::move(value);
            return *this;
        }

    private:
        Credential& get() { return catalog_->credentials[index_]; }
        Entry& set(double Credential::*field, double value) {
            get().*field = value;
            return *this;
        }
        Catalog* catalog_;
        std::size_t index_;
    };

    Entry add(std::string id) {
        Credential credential;
        credential.title = "Title of " + id;
        credential.id = std::move(id);
        catalog_.credentials.push_back(std::move(credential));
        return Entry(catalog_, catalog_.credentials.size() - 1);
    }

    Catalog build() {
        catalog_.build_index();
        return std::move(catalog_);
    }

private:
    Catalog catalog_;
};

// A built catalog with its graph, and requests/plans by id.
struct Fixture {
    Catalog catalog;
    DependencyGraph graph;

    explicit Fixture(Catalog built) : catalog(std::move(built)), graph(catalog) {}
    explicit Fixture(CatalogBuilder& builder) : Fixture(builder.build()) {}

    std::uint32_t index(std::string_view id) const {
        const auto found = catalog.find(id);
        if (!found) throw std::invalid_argument("unknown id " + std::string(id));
        return *found;
    }
    std::vector<std::uint32_t> indices(const std::vector<std::string>& ids) const {
        std::vector<std::uint32_t> result;
        for (const std::string& id : ids) result.push_back(index(id));
        return result;
    }
    std::string id(std::uint32_t index) const { return catalog.credentials[index].id; }

    PlanRequest request(const std::vector<std::string>& targets, Objective objective = Objective::Cost,
                        const std::vector<std::string>& held = {},
                        const std::vector<std::string>& excluded = {}) const {
        PlanRequest request;
        request.targets = indices(targets);
        request.held = indices(held);
        request.excluded = indices(excluded);
        request.objective = objective;
        request.time_limit_seconds = 60;
        return request;
    }

    Plan plan(const PlanRequest& request) const { return make_plan(catalog, graph, request); }

    // Step ids in plan order.
    std::vector<std::string> steps(const Plan& plan) const {
        std::vector<std::string> ids;
        for (const PlanStep& step : plan.steps) ids.push_back(id(step.credential));
        return ids;
    }
    // Step ids sorted (the chosen set).
    std::vector<std::string> chosen(const Plan& plan) const {
        std::vector<std::string> ids = steps(plan);
        std::sort(ids.begin(), ids.end());
        return ids;
    }
    const PlanStep& step(const Plan& plan, std::string_view id_) const {
        for (const PlanStep& step : plan.steps)
            if (id(step.credential) == id_) return step;
        throw std::invalid_argument("no step " + std::string(id_));
    }
    std::vector<std::string> unlocks(const Plan& plan, std::string_view id_) const {
        std::vector<std::string> ids;
        for (std::uint32_t d : step(plan, id_).unlocks) ids.push_back(id(d));
        return ids;
    }
};

}  // namespace credpath::test
