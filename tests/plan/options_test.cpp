// What a learner could reach: exact cheapest and fastest plans per option,
// limits, sorting and what to start now.
#include <doctest/doctest.h>

#include <random>

#include "credpath/plan/options.hpp"
#include "planner_fixtures.hpp"

using namespace credpath;
using namespace credpath::test;

namespace {

void kind(Catalog& catalog, const std::string& id, Kind value) { catalog.credentials[*catalog.find(id)].kind = value; }

// Cert1 needs (slow cheap S1 | fast dear F1); Cert2 needs S1 and B; Dip needs both certs.
Fixture ladder() {
    CatalogBuilder b;
    b.add("S1").cost(100).weeks(10);
    b.add("F1").cost(400).weeks(2);
    b.add("B").cost(50).weeks(1);
    b.add("L").cost(10).weeks(1).rule(ref("B"));
    b.add("Cert1").cost(20).rule(any_of(refs({"S1", "F1"})));
    b.add("Cert2").cost(20).rule(all_of(refs({"S1", "L"})));
    b.add("Dip").cost(5).rule(all_of(refs({"Cert1", "Cert2"})));
    b.add("Gone").cost(1);
    b.add("Cert3").cost(5).rule(ref("Gone"));
    Catalog catalog = b.build();
    kind(catalog, "Cert1", Kind::Certificate);
    kind(catalog, "Cert2", Kind::Certificate);
    kind(catalog, "Cert3", Kind::Certificate);
    kind(catalog, "Dip", Kind::Diploma);
    return Fixture(std::move(catalog));
}

std::vector<std::string> ids(const Fixture& fx, const std::vector<std::uint32_t>& indices) {
    std::vector<std::string> out;
    for (std::uint32_t index : indices) out.push_back(fx.id(index));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("options: progress hears each candidate planned, of all of them") {
    const Fixture fx = ladder();
    OptionsRequest request;
    request.kinds = default_option_kinds();
    request.held = fx.indices({"B"});
    request.excluded = fx.indices({"Gone"});
    std::vector<std::pair<std::size_t, std::size_t>> heard;
    request.progress = [&](std::size_t done, std::size_t total) { heard.emplace_back(done, total); };
    const OptionsResult result = find_options(fx.catalog, fx.graph, request);
    REQUIRE(result.candidates == 4);
    // Cert3, which nothing can reach, is never planned: three to plan.
    CHECK(heard == std::vector<std::pair<std::size_t, std::size_t>>{{0, 3}, {1, 3}, {2, 3}, {3, 3}});
}

TEST_CASE("options: cheapest and fastest plan of every stacked credential") {
    const Fixture fx = ladder();
    OptionsRequest request;
    request.kinds = default_option_kinds();
    request.held = fx.indices({"B"});
    request.excluded = fx.indices({"Gone"});
    const OptionsResult result = find_options(fx.catalog, fx.graph, request);
    CHECK(result.candidates == 4);
    CHECK(result.unreachable == 1);  // Cert3
    REQUIRE(result.options.size() == 3);
    // Sorted by cheapest cost: Cert1 120, Cert2 130, Dip 155.
    CHECK(fx.id(result.options[0].credential) == "Cert1");
    CHECK(result.options[0].cheapest.totals.cost == doctest::Approx(120));
    CHECK(result.options[0].cheapest.totals.weeks == doctest::Approx(10));
    CHECK(result.options[0].fastest.totals.cost == doctest::Approx(420));
    CHECK(result.options[0].fastest.totals.weeks == doctest::Approx(2));
    CHECK(fx.id(result.options[1].credential) == "Cert2");
    CHECK(result.options[1].cheapest.totals.cost == doctest::Approx(130));
    // L's rule names the held B: one held of one held + 3 steps.
    CHECK(ids(fx, result.options[1].held_used) == std::vector<std::string>{"B"});
    CHECK(result.options[1].progress == doctest::Approx(0.25));
    CHECK(fx.id(result.options[2].credential) == "Dip");
    // S1 is shared by both certificates: paid once (100 + 20 + 10 + 20 + 5).
    CHECK(result.options[2].cheapest.totals.cost == doctest::Approx(155));
    // The fastest diploma still needs S1 (Cert2): 10 weeks whatever Cert1 uses,
    // so the cheapest plan is also the fastest.
    CHECK(result.options[2].fastest.totals.cost == doctest::Approx(155));
    CHECK(result.optimal);

    // Start now: S1, F1 and L have their requirements met.
    std::vector<std::string> starts;
    for (const StartNow& start : result.start_now) starts.push_back(fx.id(start.credential));
    CHECK(starts == std::vector<std::string>{"S1", "L", "F1"});
    CHECK(ids(fx, result.start_now[0].advances) == std::vector<std::string>{"Cert1", "Cert2", "Dip"});
}

TEST_CASE("options: limits filter and sorting orders") {
    const Fixture fx = ladder();
    OptionsRequest request;
    request.kinds = {Kind::Certificate};
    request.held = fx.indices({"B"});
    request.excluded = fx.indices({"Gone"});
    SUBCASE("max weeks keeps the fast route only") {
        request.max_weeks = 5;
        const OptionsResult result = find_options(fx.catalog, fx.graph, request);
        REQUIRE(result.options.size() == 1);
        CHECK(fx.id(result.options[0].credential) == "Cert1");
        CHECK(result.options[0].cheapest.totals.cost == doctest::Approx(420));
    }
    SUBCASE("max cost") {
        request.max_cost = 125;
        const OptionsResult result = find_options(fx.catalog, fx.graph, request);
        REQUIRE(result.options.size() == 1);
        CHECK(fx.id(result.options[0].credential) == "Cert1");
    }
    SUBCASE("by weeks") {
        request.sort = OptionSort::Weeks;
        const OptionsResult result = find_options(fx.catalog, fx.graph, request);
        REQUIRE(result.options.size() == 2);
        CHECK(fx.id(result.options[0].credential) == "Cert1");  // 2 weeks fastest
    }
    SUBCASE("by progress") {
        request.sort = OptionSort::Progress;
        const OptionsResult result = find_options(fx.catalog, fx.graph, request);
        REQUIRE(result.options.size() == 2);
        CHECK(fx.id(result.options[0].credential) == "Cert2");  // builds on B
    }
}

TEST_CASE("options: fastest plans skip only the id tie-breaks, so every total is the full plan's") {
    std::mt19937 random(7);
    for (int round = 0; round < 60; ++round) {
        CatalogBuilder b;
        for (int i = 0; i < 8; ++i) {
            auto entry = b.add(std::string("c").append(std::to_string(i)));
            entry.cost(static_cast<double>(random() % 4) * 10).weeks(static_cast<double>(random() % 4)).hours(10);
            if (i >= 2) {
                const std::string a = std::string("c").append(std::to_string(random() % static_cast<unsigned>(i)));
                const std::string c = std::string("c").append(std::to_string(random() % static_cast<unsigned>(i)));
                entry.rule(random() % 2 ? any_of(refs({a, c})) : all_of(refs({a, c})));
            }
        }
        const Fixture fx(b);
        for (Objective objective : {Objective::Weeks, Objective::Cost}) {
            PlanRequest request = fx.request({"c7"}, objective);
            const Plan full = fx.plan(request);
            request.settle_ties = false;
            const Plan quick = fx.plan(request);
            INFO("round " << round);
            REQUIRE(full.feasible == quick.feasible);
            CHECK(full.totals.cost == doctest::Approx(quick.totals.cost));
            CHECK(full.totals.weeks == doctest::Approx(quick.totals.weeks));
            CHECK(full.totals.count == quick.totals.count);
            CHECK(full.optimal == quick.optimal);
        }
    }
}
