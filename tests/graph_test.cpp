#include <doctest/doctest.h>

#include "credpath/graph.hpp"
#include "credpath/loader.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
using Indices = std::vector<std::uint32_t>;

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
    CHECK(graph.sources(3) == Indices{1, 2});     // a: b, c (b once)
    CHECK(graph.sources(1) == Indices{0});        // b: d
    CHECK(graph.sources(5) == Indices{0, 1, 2});  // f: tagged b, c (not itself), skill from d
    CHECK(graph.sources(4).empty());
    CHECK(graph.dependents(0) == Indices{1, 5});
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

}  // namespace credpath
