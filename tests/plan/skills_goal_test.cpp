// Skill goals (plan --skills) against brute force: random small catalogs, every
// subset of credentials checked for whether it teaches the skills and meets
// every member's rule.
#include <doctest/doctest.h>

#include <random>

#include "planner_fixtures.hpp"

using namespace credpath;
using namespace credpath::test;

namespace {

// Rule met by a set, with the planner's semantics for the kinds used here.
bool met(const Catalog& catalog, const Rule& rule, const std::vector<std::uint8_t>& have) {
    switch (rule.kind) {
    case RuleKind::Ref: return have[*catalog.find(rule.ref)] != 0;
    case RuleKind::All:
        for (const Rule& child : rule.children)
            if (!met(catalog, child, have)) return false;
        return true;
    case RuleKind::Any:
        for (const Rule& child : rule.children)
            if (met(catalog, child, have)) return true;
        return false;
    default: return false;
    }
}

bool teaches(const Catalog& catalog, const std::string& skill, const std::vector<std::uint8_t>& have) {
    for (std::size_t i = 0; i < have.size(); ++i)
        if (have[i]) {
            const auto& skills = catalog.credentials[i].skills;
            if (std::find(skills.begin(), skills.end(), skill) != skills.end()) return true;
        }
    return false;
}

}  // namespace

TEST_CASE("skill goals: the cheapest cover of the skills, checked by brute force") {
    std::mt19937 random(20261128);
    const std::vector<std::string> all_skills = {"s0", "s1", "s2", "s3"};
    int compared = 0;
    for (int round = 0; round < 200; ++round) {
        CatalogBuilder b;
        const int n = 4 + static_cast<int>(random() % 6);  // up to 9 credentials: 512 subsets
        for (int i = 0; i < n; ++i) {
            // append, not "c" + string: GCC 12 warns falsely (-Wrestrict) on that
            auto entry = b.add(std::string("c").append(std::to_string(i)));
            entry.cost(static_cast<double>(random() % 5) * 10 + 5).weeks(static_cast<double>(random() % 4 + 1));
            std::vector<std::string> skills;
            for (const std::string& skill : all_skills)
                if (random() % 3 == 0) skills.push_back(skill);
            entry.skills(skills);
            if (i > 0 && random() % 2 == 0) {
                const std::string a = std::string("c").append(std::to_string(random() % static_cast<unsigned>(i)));
                const std::string c = std::string("c").append(std::to_string(random() % static_cast<unsigned>(i)));
                entry.rule(random() % 2 ? any_of(refs({a, c})) : all_of(refs({a, c})));
            }
        }
        const Fixture fx(b);
        std::vector<std::string> wanted;
        for (const std::string& skill : all_skills)
            if (random() % 2 == 0 && fx.catalog.by_skill.count(skill)) wanted.push_back(skill);
        if (wanted.empty()) continue;

        Rule goal = skills(wanted);
        PlanRequest request = fx.request({});
        request.goals.push_back({&goal, std::nullopt});
        const Plan plan = fx.plan(request);

        // Brute force: the least cost over valid sets teaching every skill.
        double best = -1;
        const auto size = static_cast<std::uint32_t>(n);
        for (std::uint32_t mask = 0; mask < (1u << size); ++mask) {
            std::vector<std::uint8_t> have(size, 0);
            double cost = 0;
            for (std::uint32_t i = 0; i < size; ++i)
                if (mask & (1u << i)) {
                    have[i] = 1;
                    cost += fx.catalog.credentials[i].cost;
                }
            bool valid = true;
            for (std::uint32_t i = 0; i < size && valid; ++i)
                if (have[i] && fx.catalog.credentials[i].rule) valid = met(fx.catalog, *fx.catalog.credentials[i].rule, have);
            for (const std::string& skill : wanted) valid = valid && teaches(fx.catalog, skill, have);
            if (valid && (best < 0 || cost < best)) best = cost;
        }
        INFO("round " << round);
        if (best < 0) {
            CHECK_FALSE(plan.feasible);
            continue;
        }
        REQUIRE(plan.feasible);
        CHECK(plan.optimal);
        CHECK(plan.totals.cost == doctest::Approx(best));
        // The plan itself teaches every skill and meets every rule.
        std::vector<std::uint8_t> have(size, 0);
        for (const PlanStep& step : plan.steps) have[step.credential] = 1;
        for (const std::string& skill : wanted) CHECK(teaches(fx.catalog, skill, have));
        ++compared;
    }
    CHECK(compared > 100);
}
