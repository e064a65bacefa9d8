#include <doctest/doctest.h>

#include <functional>
#include <random>
#include <thread>

#include "credpath/graph/graph.hpp"
#include "credpath/load/loader.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
using Indices = std::vector<std::uint32_t>;

Indices list(std::span<const std::uint32_t> view) { return {view.begin(), view.end()}; }

Catalog sample() {
    // d <- b <- a; c <- a; e stands alone; f pools credits tagged t (b, c) and
    // needs a skill that only d teaches.
    LoadResult r = load_catalog_text(test::catalog(R"(  - {id: d, title: D, skills: [sql]}
  - {id: b, title: B, credits: 3, tags: [t], requires: d}
  - {id: c, title: C, credits: 3, tags: [t]}
  - {id: a, title: A, requires: {all: [b, {any: [c, b]}]}}
  - {id: e, title: E}
  - {id: f, title: F, tags: [t], requires: {all: [{credits: 6, tagged: [t]}, {skills: [sql]}]}}
)"));
    REQUIRE(r.ok());
    return r.catalog;
}
}  // namespace

TEST_CASE("edges run to every credential a rule can draw on") {
    Catalog catalog = sample();
    DependencyGraph graph(catalog);
    CHECK(graph.size() == 6);
    CHECK(list(graph.sources(3)) == Indices{1, 2});     // a: b, c (b once)
    CHECK(list(graph.sources(1)) == Indices{0});        // b: d
    CHECK(list(graph.sources(5)) == Indices{0, 1, 2});  // f: tagged b, c (not itself), skill from d
    CHECK(graph.sources(4).empty());
    CHECK(list(graph.dependents(0)) == Indices{1, 5});
    CHECK(graph.acyclic());
}

TEST_CASE("cone: reverse reachability from the targets") {
    Catalog catalog = sample();
    DependencyGraph graph(catalog);
    CHECK(graph.cone({3}) == Indices{0, 1, 2, 3});
    CHECK(graph.cone({1}) == Indices{0, 1});
    CHECK(graph.cone({4, 2}) == Indices{2, 4});
    CHECK(graph.cone({}).empty());
}

TEST_CASE("topological order puts sources first") {
    Catalog catalog = sample();
    DependencyGraph graph(catalog);
    Indices order = graph.topological_order();
    REQUIRE(order.size() == 6);
    std::vector<std::size_t> position(6);
    for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
    for (std::uint32_t v = 0; v < 6; ++v)
        for (std::uint32_t s : graph.sources(v)) CHECK(position[s] < position[v]);
    // A subset keeps its own order where dependencies allow.
    CHECK(graph.topological_order({3, 4, 1, 0}) == Indices{4, 0, 1, 3});
    CHECK(graph.longest_chain() == 3);
}

TEST_CASE("cycles come back as paths, one per strongly connected component") {
    LoadResult r = load_catalog_text(test::catalog(R"(  - {id: a, title: A, requires: b}
  - {id: b, title: B, requires: {any: [c, x]}}
  - {id: c, title: C, requires: a}
  - {id: x, title: X}
  - {id: s, title: S, requires: s}
)"));
    DependencyGraph graph(r.catalog);
    auto cycles = graph.cycles();
    REQUIRE(cycles.size() == 2);
    CHECK(cycles[0] == Indices{0, 1, 2, 0});
    CHECK(cycles[1] == Indices{4, 4});
    CHECK_FALSE(graph.acyclic());
}

TEST_CASE("credentials that co-require each other are taken together, not a cycle") {
    // lecture <-> lab by co-requisites (a bundle); x -> y by co-requisite and
    // y -> x by requires (a contradiction, reported through the requires).
    LoadResult r = load_catalog_text(test::catalog(R"(  - {id: intro, title: I}
  - {id: lecture, title: L, requires: intro, corequires: lab}
  - {id: lab, title: B, corequires: lecture}
  - {id: cert, title: C, requires: {all: [lecture, lab]}}
  - {id: x, title: X, corequires: y}
  - {id: y, title: Y, requires: x}
)"));
    DependencyGraph graph(r.catalog);
    CHECK(graph.has_bundles());
    CHECK(list(graph.taken_together(1)) == Indices{1, 2});
    CHECK(list(graph.taken_together(2)) == Indices{1, 2});
    CHECK(graph.taken_together(0).empty());
    CHECK(graph.taken_together(1, 2));
    CHECK_FALSE(graph.taken_together(1, 3));
    auto cycles = graph.cycles();
    REQUIRE(cycles.size() == 1);
    CHECK(cycles[0] == Indices{5, 4, 5});
    // Side by side in a dependency order, after intro and before cert.
    CHECK(graph.topological_order(Indices{3, 2, 1, 0}) == Indices{0, 2, 1, 3});
    CHECK(graph.longest_chain() == 3);
}

namespace {
// A random catalog of `count` credentials: references, pooled credits by id
// and by tag, skills; cycles when `cyclic`.
std::string random_catalog(std::mt19937& random, int count, bool cyclic, unsigned tags = 4, unsigned skills = 6) {
    auto pick = [&](int owner) {
        const int limit = cyclic ? count : owner;
        return "c" + std::to_string(limit == 0 ? 0 : static_cast<int>(random() % static_cast<unsigned>(limit)));
    };
    std::string text = "format: credpath/1\ncredentials:\n";
    for (int i = 0; i < count; ++i) {
        text += "  - {id: c" + std::to_string(i) + ", title: T, credits: 1, tags: [t" + std::to_string(random() % tags) +
                "], skills: [s" + std::to_string(random() % skills) + "]";
        if (i > 0 || cyclic) {
            switch (random() % 5) {
            case 0: text += ", requires: " + pick(i); break;
            case 1: text += ", requires: {all: [" + pick(i) + ", {any: [" + pick(i) + ", " + pick(i) + "]}]}"; break;
            case 2: text += ", requires: {credits: 1, from: [" + pick(i) + ", " + pick(i) + "]}"; break;
            case 3: text += ", requires: {credits: 1, tagged: [t" + std::to_string(random() % tags) + "]}"; break;
            default: text += ", requires: {skills: [s" + std::to_string(random() % skills) + "]}"; break;
            }
        }
        text += "}\n";
    }
    return text;
}
}  // namespace

TEST_CASE("the compressed graph holds exactly the edges of the rules, both ways") {
    std::mt19937 random(11);
    for (int round = 0; round < 40; ++round) {
        const int count = 1 + static_cast<int>(random() % 60);
        LoadResult r = load_catalog_text(random_catalog(random, count, round % 2 == 1));
        const Catalog& catalog = r.catalog;
        DependencyGraph graph(catalog);
        REQUIRE(graph.size() == catalog.credentials.size());
        // Edges straight from the rules, and reversed.
        std::vector<Indices> sources(catalog.credentials.size()), dependents(catalog.credentials.size());
        for (std::uint32_t v = 0; v < graph.size(); ++v) {
            if (catalog.credentials[v].rule)
                for_each_source(catalog, *catalog.credentials[v].rule, v,
                                [&](std::uint32_t s) { sources[v].push_back(s); });
            std::sort(sources[v].begin(), sources[v].end());
            sources[v].erase(std::unique(sources[v].begin(), sources[v].end()), sources[v].end());
            for (std::uint32_t s : sources[v]) dependents[s].push_back(v);
        }
        for (std::uint32_t v = 0; v < graph.size(); ++v) {
            CHECK(list(graph.sources(v)) == sources[v]);
            CHECK(list(graph.dependents(v)) == dependents[v]);
        }
        // Strongly connected components the slow way: mutual reachability.
        std::vector<std::vector<bool>> reaches(graph.size(), std::vector<bool>(graph.size(), false));
        for (std::uint32_t v = 0; v < graph.size(); ++v) {
            std::vector<std::uint32_t> stack(sources[v].begin(), sources[v].end());
            while (!stack.empty()) {
                const std::uint32_t w = stack.back();
                stack.pop_back();
                if (reaches[v][w]) continue;
                reaches[v][w] = true;
                stack.insert(stack.end(), sources[w].begin(), sources[w].end());
            }
        }
        std::size_t cyclic_components = 0;
        std::vector<bool> counted(graph.size(), false);
        for (std::uint32_t v = 0; v < graph.size(); ++v) {
            if (counted[v] || !reaches[v][v]) continue;
            ++cyclic_components;
            for (std::uint32_t w = 0; w < graph.size(); ++w)
                if (reaches[v][w] && reaches[w][v]) counted[w] = true;
        }
        const auto cycles = graph.cycles();
        CHECK(cycles.size() == cyclic_components);
        for (const Indices& cycle : cycles) {
            REQUIRE(cycle.size() >= 2);
            CHECK(cycle.front() == cycle.back());
            for (std::size_t k = 0; k + 1 < cycle.size(); ++k)
                CHECK(std::binary_search(sources[cycle[k]].begin(), sources[cycle[k]].end(), cycle[k + 1]));
        }
        if (!cycles.empty()) continue;
        // Depth first in index order, each credential once all it draws on is done.
        Indices expected;
        std::vector<bool> done(graph.size(), false);
        std::function<void(std::uint32_t)> visit = [&](std::uint32_t v) {
            done[v] = true;
            for (std::uint32_t s : sources[v])
                if (!done[s]) visit(s);
            expected.push_back(v);
        };
        for (std::uint32_t v = 0; v < graph.size(); ++v)
            if (!done[v]) visit(v);
        CHECK(graph.topological_order() == expected);
    }
}

TEST_CASE("a large catalog's graph, built in slices by two threads, has the same edges") {
    std::mt19937 random(5);
    LoadResult r = load_catalog_text(random_catalog(random, 40000, false, 2000, 3000));
    const Catalog& catalog = r.catalog;
    DependencyGraph graph(catalog);
    REQUIRE(graph.size() == 40000);
    std::vector<Indices> dependents(graph.size());
    Indices list_of;
    for (std::uint32_t v = 0; v < graph.size(); ++v) {
        list_of.clear();
        if (catalog.credentials[v].rule)
            for_each_source(catalog, *catalog.credentials[v].rule, v, [&](std::uint32_t s) { list_of.push_back(s); });
        std::sort(list_of.begin(), list_of.end());
        list_of.erase(std::unique(list_of.begin(), list_of.end()), list_of.end());
        CHECK(list(graph.sources(v)) == list_of);
        for (std::uint32_t s : list_of) dependents[s].push_back(v);
    }
    for (std::uint32_t v = 0; v < graph.size(); ++v) CHECK(list(graph.dependents(v)) == dependents[v]);
    // The reverse direction is built once, by whichever thread asks first.
    DependencyGraph shared(catalog);
    std::vector<std::size_t> seen(2, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < 2; ++t)
        threads.emplace_back([&, t] {
            for (std::uint32_t v = 0; v < shared.size(); ++v) seen[t] += shared.dependents(v).size() * (v % 7 + 1);
        });
    for (std::thread& thread : threads) thread.join();
    std::size_t expected = 0;
    for (std::uint32_t v = 0; v < graph.size(); ++v) expected += dependents[v].size() * (v % 7 + 1);
    CHECK(seen[0] == expected);
    CHECK(seen[1] == expected);
}

TEST_CASE("exclusions are kept both ways, whichever side names them") {
    LoadResult r = load_catalog_text(test::catalog(R"(  - {id: a, title: A, excludes: [c]}
  - {id: b, title: B}
  - {id: c, title: C, excludes: [a, b]}
)"));
    REQUIRE(r.ok());
    DependencyGraph graph(r.catalog);
    CHECK(graph.has_exclusions());
    CHECK(list(graph.excluded_with(0)) == Indices{2});  // named on both sides: once
    CHECK(list(graph.excluded_with(1)) == Indices{2});
    CHECK(list(graph.excluded_with(2)) == Indices{0, 1});
    CHECK_FALSE(DependencyGraph(sample()).has_exclusions());
    CHECK(DependencyGraph(sample()).excluded_with(0).empty());
}

TEST_CASE("overlap limits are kept both ways, the smaller where both sides give one") {
    LoadResult r = load_catalog_text(test::catalog(R"(  - {id: a, title: A, overlap: [{with: c, at_most: 2}]}
  - {id: b, title: B, overlap: [{with: c, at_most: 0}]}
  - {id: c, title: C, overlap: [{with: a, at_most: 1}]}
)"));
    REQUIRE(r.ok());
    DependencyGraph graph(r.catalog);
    CHECK(graph.has_overlap_limits());
    using Limits = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
    const auto limits = [&](std::uint32_t c) {
        const auto span = graph.overlap_limits(c);
        return Limits(span.begin(), span.end());
    };
    CHECK(limits(0) == Limits{{2, 1}});
    CHECK(limits(1) == Limits{{2, 0}});
    CHECK(limits(2) == Limits{{0, 1}, {1, 0}});
    CHECK_FALSE(DependencyGraph(sample()).has_overlap_limits());
}

}  // namespace credpath
