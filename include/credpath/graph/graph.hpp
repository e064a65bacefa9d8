// The dependency graph of a catalog. The only user of Boost.Graph; no Boost
// types leave this module.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "credpath/model/model.hpp"

namespace credpath {

// Vertices are credentials (by index into Catalog::credentials); an edge runs
// from each credential to every credential its rule can draw on. Exclusions
// (`excludes`) and overlap limits (`overlap`) are kept beside the edges,
// symmetric. Edges are
// held compressed (all targets in a few arrays, and where each vertex's list
// ends); the reverse direction is built on first use. Safe to share between
// threads.
class DependencyGraph {
public:
    explicit DependencyGraph(const Catalog& catalog);
    ~DependencyGraph();
    DependencyGraph(DependencyGraph&&) noexcept;
    DependencyGraph& operator=(DependencyGraph&&) noexcept;

    std::uint32_t size() const;
    // What credential `index` draws on, sorted, without repeats (a view into
    // the graph, valid while it lives).
    std::span<const std::uint32_t> sources(std::uint32_t index) const;
    // The credentials never held together with `index` (its `excludes` and
    // those naming it in theirs), sorted, without repeats.
    std::span<const std::uint32_t> excluded_with(std::uint32_t index) const;
    bool has_exclusions() const;
    // The overlap limits of `index` (its `overlap` and those naming it in
    // theirs): (other credential, at most), sorted by the other, the smaller
    // limit where both sides give one.
    std::span<const std::pair<std::uint32_t, std::uint32_t>> overlap_limits(std::uint32_t index) const;
    bool has_overlap_limits() const;
    // What draws on credential `index`, sorted, without repeats.
    std::span<const std::uint32_t> dependents(std::uint32_t index) const;

    // One cycle per strongly connected component that has one, each as a path
    // whose first and last entries are the same credential; sorted, stable.
    // Credentials taken together (see taken_together) make no cycle; where a
    // `requires` closes a cycle with co-requisites, the path runs through it.
    std::vector<std::vector<std::uint32_t>> cycles() const;
    bool acyclic() const;

    // Everything that can matter for `targets`: the targets and all they draw
    // on, transitively (reverse reachability). Sorted.
    std::vector<std::uint32_t> cone(const std::vector<std::uint32_t>& targets) const;

    // Credentials that co-require one another, directly or round a chain of
    // `corequires` with no `requires` inside: they start together. The
    // members of index's bundle, sorted, or empty.
    std::span<const std::uint32_t> taken_together(std::uint32_t index) const;
    bool has_bundles() const;
    bool taken_together(std::uint32_t a, std::uint32_t b) const;

    // All credentials, each after everything it draws on (the members of a
    // bundle side by side, after what each of them draws on outside it).
    // Requires acyclic().
    std::vector<std::uint32_t> topological_order() const;
    // The given subset in an order where each comes after the members it draws
    // on; ties keep the subset's own order. Requires acyclic().
    std::vector<std::uint32_t> topological_order(const std::vector<std::uint32_t>& subset) const;

    // The number of credentials on the longest chain of dependencies.
    std::uint32_t longest_chain() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace credpath
