// CTDL out (src/report/render_ctdl.cpp): `export ctdl` read back by
// `import ctdl` plans exactly as the catalog it came from, on the bundled
// catalogs and on generated ones with every rule kind, caps included.
#include <doctest/doctest.h>

#include <fmt/format.h>
#include <random>
#include <string>
#include <vector>

#include "credpath/load/check.hpp"
#include "credpath/load/ctdl.hpp"
#include "credpath/plan/planner.hpp"
#include "credpath/report/render_ctdl.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {

// What CTDL cannot say is left out of both sides: intakes, renewals,
// exclusions and overlap limits.
Catalog without_unsayable(Catalog catalog) {
    for (Credential& c : catalog.credentials) {
        c.starts.reset();
        c.renewal.reset();
        c.excludes.clear();
        c.exclude_locs.clear();
        c.overlap.clear();
    }
    catalog.build_index();
    return catalog;
}

CheckedCatalog round_trip(const Catalog& catalog) {
    const std::string exported = render_catalog_ctdl(catalog);
    CtdlImport imported = import_ctdl_sources({SourceText{"export.jsonld", exported}});
    REQUIRE(imported.ok());
    CheckedCatalog back = check_catalog(load_ctdl_import(std::move(imported)));
    REQUIRE(back.ok());
    return back;
}

// Every qualification planned for every objective: the same answer on both sides.
std::size_t compare_plans(const CheckedCatalog& original, const CheckedCatalog& back) {
    std::size_t compared = 0;
    for (std::uint32_t i = 0; i < original.catalog.credentials.size(); ++i) {
        const Credential& target = original.catalog.credentials[i];
        if (!target.rule) continue;
        const auto other = back.catalog.find(target.id);
        REQUIRE(other);
        for (Objective objective : {Objective::Cost, Objective::Weeks, Objective::Count, Objective::Hours}) {
            PlanRequest a;
            a.targets = {i};
            a.objective = objective;
            PlanRequest b = a;
            b.targets = {*other};
            const Plan pa = make_plan(original.catalog, original.graph, a);
            const Plan pb = make_plan(back.catalog, back.graph, b);
            CAPTURE(target.id);
            CAPTURE(static_cast<int>(objective));
            REQUIRE(pa.feasible == pb.feasible);
            if (!pa.feasible) continue;
            CHECK(pa.totals.cost == doctest::Approx(pb.totals.cost));
            CHECK(pa.totals.weeks == doctest::Approx(pb.totals.weeks));
            CHECK(pa.totals.hours == doctest::Approx(pb.totals.hours));
            CHECK(pa.totals.count == pb.totals.count);
            ++compared;
        }
    }
    return compared;
}

}  // namespace

TEST_CASE("ctdl export: the bundled catalogs come back planning alike") {
    const CheckedCatalog bundled = test::source_catalog("catalogs");
    CheckedCatalog original = check_catalog(LoadResult{without_unsayable(bundled.catalog), {}});
    REQUIRE(original.ok());
    const CheckedCatalog back = round_trip(original.catalog);
    CHECK(back.catalog.credentials.size() == original.catalog.credentials.size());
    CHECK(back.catalog.currency == original.catalog.currency);
    CHECK(back.catalog.credit_unit == original.catalog.credit_unit);
    for (const Credential& c : original.catalog.credentials) {
        const auto other = back.catalog.find(c.id);  // ids come back as they were
        REQUIRE(other);
        const Credential& d = back.catalog.credentials[*other];
        CHECK(d.title == c.title);
        CHECK(d.kind == c.kind);
        CHECK(d.provider == c.provider);
        CHECK(d.cost == c.cost);
        CHECK(d.weeks == doctest::Approx(c.weeks));
        CHECK(d.hours == c.hours);
        CHECK(d.credits == c.credits);
        CHECK(d.skills == c.skills);
    }
    MESSAGE(compare_plans(original, back) << " plans compared on the bundled catalogs");
}

TEST_CASE("ctdl export: generated catalogs with every rule kind and caps come back planning alike") {
    std::mt19937 rng(19);
    auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); };
    std::size_t compared = 0;
    for (int round = 0; round < 40; ++round) {
        const int n = 10;
        std::string yaml;
        auto id = [](int i) { return fmt::format("c{}", i); };
        for (int i = 0; i < n; ++i) {
            yaml += fmt::format("  - {{id: {}, title: C {}, kind: {}, cost: {}, weeks: {}, hours: {}, credits: {}, tags: [{}], "
                                "skills: [s{}]",
                                id(i), i, i < 6 ? "course" : "certificate", pick(0, 9) * 50, pick(0, 6), pick(0, 4) * 10,
                                pick(0, 4), i % 2 ? "odd" : "even", pick(0, 3));
            if (i >= 3) {
                auto some = [&](int count) {
                    std::vector<std::string> ids;
                    while (static_cast<int>(ids.size()) < count) {
                        const std::string x = id(pick(0, i - 1));
                        if (std::find(ids.begin(), ids.end(), x) == ids.end()) ids.push_back(x);
                    }
                    return fmt::format("{}", fmt::join(ids, ", "));
                };
                switch (pick(0, 7)) {
                case 0: yaml += fmt::format(", requires: {}", id(pick(0, i - 1))); break;
                case 1: yaml += fmt::format(", requires: {{all: [{}]}}", some(2)); break;
                case 2: yaml += fmt::format(", requires: {{any: [{}, {{all: [{}]}}]}}", id(pick(0, i - 1)), some(2)); break;
                case 3: yaml += fmt::format(", requires: {{at_least: 2, of: [{}]}}", some(3)); break;
                case 4: yaml += fmt::format(", requires: {{credits: {}, from: [{}]}}", pick(1, 5), some(3)); break;
                case 5: yaml += fmt::format(", requires: {{credits: {}, tagged: [odd], cap: [{{credits: 2, from: [{}]}}]}}",
                                            pick(2, 6), id(1)); break;
                case 6: yaml += fmt::format(", requires: {{all: [{}, {{skills: [s{}]}}]}}", id(pick(0, i - 1)), pick(0, 3)); break;
                default: break;
                }
            }
            yaml += "}\n";
        }
        LoadResult loaded = load_catalog_text(test::catalog(yaml));
        CAPTURE(yaml);
        if (!loaded.ok()) continue;  // a credits rule out of reach, say
        CheckedCatalog original = check_catalog(std::move(loaded));
        if (!original.ok()) continue;
        const CheckedCatalog back = round_trip(original.catalog);
        compared += compare_plans(original, back);
    }
    MESSAGE(compared << " plans compared on generated catalogs");
    CHECK(compared > 200);
}

}  // namespace credpath
