#include "credpath/graph/graph.hpp"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>
#include <map>
#include <mutex>
#include <queue>
#include <thread>
#include <utility>

#include "credpath/model/positions.hpp"
#include "credpath/model/two_threads.hpp"

namespace credpath {

namespace {

using BoostGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                      boost::no_property, std::uint32_t, std::size_t>;

// Credentials in slices of 8192: a large catalog's slices are read by two
// threads, each slice kept as it was built.
constexpr std::uint32_t slice_log2 = 13;
constexpr std::uint32_t slice = 1u << slice_log2;
constexpr std::uint32_t kNoBundle = ~std::uint32_t{0};

// What each credential draws on, sorted, without repeats: per slice, the
// lists one after the other, and the end of each credential's list.
struct Sliced {
    std::uint32_t count = 0;
    std::size_t edges = 0;
    std::vector<std::vector<std::uint32_t>> targets;  // by slice
    std::vector<std::size_t> ends;                     // by credential, within its slice

    std::span<const std::uint32_t> of(std::uint32_t v) const {
        const std::vector<std::uint32_t>& part = targets[v >> slice_log2];
        const std::size_t begin = (v & (slice - 1)) == 0 ? 0 : ends[v - 1];
        return {part.data() + begin, ends[v] - begin};
    }
};

// The other direction in one piece: the targets of vertex v are
// targets[offsets[v]] .. targets[offsets[v + 1] - 1], sorted.
struct Compressed {
    std::vector<std::size_t> offsets;
    std::vector<std::uint32_t> targets;

    std::span<const std::uint32_t> of(std::uint32_t v) const {
        return {targets.data() + offsets[v], offsets[v + 1] - offsets[v]};
    }
};

// The edges as (source, target) pairs, in order of source, then target.
class EdgeIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = std::pair<std::uint32_t, std::uint32_t>;
    using difference_type = std::ptrdiff_t;
    using pointer = const value_type*;
    using reference = const value_type&;

    // At the first edge of `v` or after (`v` == count: the end).
    EdgeIterator(const Sliced& edges, std::uint32_t v) : edges_(&edges), v_(v) {
        if (v_ < edges_->count) list_ = edges_->of(v_);
        settle();
    }
    reference operator*() const { return current_; }
    pointer operator->() const { return &current_; }
    EdgeIterator& operator++() {
        ++k_;
        settle();
        return *this;
    }
    bool operator==(const EdgeIterator& other) const { return v_ == other.v_ && k_ == other.k_; }
    bool operator!=(const EdgeIterator& other) const { return !(*this == other); }

private:
    void settle() {
        while (v_ < edges_->count && k_ >= list_.size()) {
            k_ = 0;
            if (++v_ < edges_->count) list_ = edges_->of(v_);
        }
        if (v_ < edges_->count) current_ = {v_, list_[k_]};
    }

    const Sliced* edges_;
    std::uint32_t v_;
    std::size_t k_ = 0;
    std::span<const std::uint32_t> list_;
    value_type current_{0, 0};
};

// Builds slice `k` of the sources of the catalog's credentials.
void collect_sources(const Catalog& catalog, std::uint32_t k, Sliced& sources) {
    const std::uint32_t begin = k * slice;
    const std::uint32_t end = std::min(sources.count, begin + slice);
    std::vector<std::uint32_t>& part = sources.targets[k];
    std::vector<std::uint32_t> list;
    for (std::uint32_t index = begin; index < end; ++index) {
        const Credential& credential = catalog.credentials[index];
        if (credential.rule || credential.corequisite) {
            list.clear();
            for_each_requirement(catalog, index, [&](std::uint32_t source) { list.push_back(source); });
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
            part.insert(part.end(), list.begin(), list.end());
        }
        sources.ends[index] = part.size();
    }
    part.shrink_to_fit();
}

}  // namespace

struct DependencyGraph::Impl {
    Sliced sources;  // what each credential draws on
    // Exclusions in both directions, sorted by (credential, other): few in
    // any catalog, so a sorted list of pairs searched by credential.
    std::vector<std::uint32_t> exclusion_of, exclusion_with;
    std::vector<std::uint32_t> overlap_of;  // sorted, beside overlap_limit
    std::vector<std::pair<std::uint32_t, std::uint32_t>> overlap_limit;
    // Edges only a `corequires` makes (sorted), and the credentials taken
    // together: strongly connected through such edges alone. Empty in most
    // catalogs.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> corequisite_only;
    std::vector<std::vector<std::uint32_t>> bundles;  // each sorted
    std::vector<std::uint32_t> bundle_of;             // by credential, kNoBundle; empty without bundles

    std::uint32_t size() const { return sources.count; }
    bool corequisite_edge(std::uint32_t from, std::uint32_t to) const {
        return std::binary_search(corequisite_only.begin(), corequisite_only.end(), std::pair{from, to});
    }
    bool same_bundle(std::uint32_t a, std::uint32_t b) const {
        return !bundle_of.empty() && bundle_of[a] != kNoBundle && bundle_of[a] == bundle_of[b];
    }
    // Strongly connected components: (component of each vertex, count).
    std::pair<std::vector<std::uint32_t>, std::size_t> components() const {
        std::vector<std::uint32_t> component(size());
        const BoostGraph graph = boost_graph();
        const auto count = static_cast<std::size_t>(boost::strong_components(
            graph, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, graph))));
        return {std::move(component), count};
    }
    void find_bundles(const Catalog& catalog);

    // What draws on each credential: built on first use (check and validate
    // never need it), once, whichever thread asks first.
    const Compressed& dependents() const {
        std::call_once(dependents_built, [&] {
            Compressed reverse;
            reverse.offsets.assign(std::size_t{size()} + 1, 0);
            for (const std::vector<std::uint32_t>& part : sources.targets)
                for (std::uint32_t target : part) ++reverse.offsets[target + 1];
            for (std::uint32_t v = 0; v < size(); ++v) reverse.offsets[v + 1] += reverse.offsets[v];
            // Each list comes out sorted: the edges are visited in order of their source.
            reverse.targets.resize(sources.edges);
            std::vector<std::size_t> next(reverse.offsets.begin(), reverse.offsets.end() - 1);
            for (std::uint32_t v = 0; v < size(); ++v)
                for (std::uint32_t target : sources.of(v)) reverse.targets[next[target]++] = v;
            reverse_ = std::move(reverse);
        });
        return reverse_;
    }

    // Boost's view of the edges (toward sources), for its algorithms.
    BoostGraph boost_graph() const {
        return BoostGraph(boost::edges_are_sorted, EdgeIterator(sources, 0), EdgeIterator(sources, size()), size(),
                          sources.edges);
    }

private:
    mutable std::once_flag dependents_built;
    mutable Compressed reverse_;
};

DependencyGraph::DependencyGraph(const Catalog& catalog) : impl_(std::make_unique<Impl>()) {
    Sliced& sources = impl_->sources;
    sources.count = static_cast<std::uint32_t>(catalog.credentials.size());
    const std::uint32_t slices = (sources.count + slice - 1) / slice;
    sources.targets.resize(slices);
    sources.ends.resize(sources.count);
    if (slices < 4 || std::thread::hardware_concurrency() < 2) {
        for (std::uint32_t k = 0; k < slices; ++k) collect_sources(catalog, k, sources);
    } else {
        // The catalog is only read, and each slice written by one thread.
        for_each_slice_on_two_threads(slices, [&](std::uint32_t k) { collect_sources(catalog, k, sources); });
    }
    for (const std::vector<std::uint32_t>& part : sources.targets) sources.edges += part.size();
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    for (std::uint32_t index = 0; index < sources.count; ++index)
        for (const std::string& id : catalog.credentials[index].excludes)
            if (auto other = catalog.find(id); other && *other != index) {
                pairs.emplace_back(index, *other);
                pairs.emplace_back(*other, index);
            }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    for (const auto& [of, with] : pairs) {
        impl_->exclusion_of.push_back(of);
        impl_->exclusion_with.push_back(with);
    }
    // (of, (with, at most)), the smaller where both sides state a limit.
    std::vector<std::pair<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>>> limits;
    for (std::uint32_t index = 0; index < sources.count; ++index)
        for (const OverlapLimit& limit : catalog.credentials[index].overlap)
            if (auto other = catalog.find(limit.with); other && *other != index) {
                limits.push_back({index, {*other, limit.at_most}});
                limits.push_back({*other, {index, limit.at_most}});
            }
    std::sort(limits.begin(), limits.end());
    for (const auto& [of, limit] : limits)
        if (impl_->overlap_of.empty() || impl_->overlap_of.back() != of ||
            impl_->overlap_limit.back().first != limit.first) {
            impl_->overlap_of.push_back(of);
            impl_->overlap_limit.push_back(limit);
        }
    impl_->find_bundles(catalog);
}

void DependencyGraph::Impl::find_bundles(const Catalog& catalog) {
    for (std::uint32_t index = 0; index < size(); ++index) {
        const Credential& credential = catalog.credentials[index];
        if (!credential.corequisite) continue;
        std::vector<std::uint32_t> required;
        if (credential.rule)
            for_each_source(catalog, *credential.rule, index, [&](std::uint32_t d) { required.push_back(d); });
        std::sort(required.begin(), required.end());
        for_each_source(catalog, *credential.corequisite, index, [&](std::uint32_t d) {
            if (!std::binary_search(required.begin(), required.end(), d)) corequisite_only.emplace_back(index, d);
        });
    }
    std::sort(corequisite_only.begin(), corequisite_only.end());
    corequisite_only.erase(std::unique(corequisite_only.begin(), corequisite_only.end()), corequisite_only.end());
    if (corequisite_only.empty()) return;
    // Only a component that a co-requisite edge lies in can be a bundle.
    const auto found = components();
    const std::vector<std::uint32_t>& component = found.first;
    const std::size_t count = found.second;
    std::vector<std::vector<std::uint32_t>> members(count);
    std::vector<std::uint8_t> candidate(count, 0);
    for (const auto& [from, to] : corequisite_only)
        if (from != to && component[from] == component[to]) candidate[component[from]] = 1;
    for (std::uint32_t v = 0; v < size(); ++v)
        if (candidate[component[v]]) members[component[v]].push_back(v);
    bundle_of.assign(size(), kNoBundle);
    for (std::size_t k = 0; k < count; ++k) {
        if (!candidate[k]) continue;
        // Taken together only when every edge inside is a co-requisite's: one
        // `requires` inside makes a contradiction, reported by cycles().
        bool pure = true;
        for (std::uint32_t v : members[k])
            for (std::uint32_t w : sources.of(v))
                if (component[w] == k && !corequisite_edge(v, w)) pure = false;
        if (!pure) continue;
        for (std::uint32_t v : members[k]) bundle_of[v] = static_cast<std::uint32_t>(bundles.size());
        bundles.push_back(std::move(members[k]));
    }
    if (bundles.empty()) bundle_of.clear();
}

DependencyGraph::~DependencyGraph() = default;
DependencyGraph::DependencyGraph(DependencyGraph&&) noexcept = default;
DependencyGraph& DependencyGraph::operator=(DependencyGraph&&) noexcept = default;

std::uint32_t DependencyGraph::size() const { return impl_->size(); }

std::span<const std::uint32_t> DependencyGraph::sources(std::uint32_t index) const {
    return impl_->sources.of(index);
}

std::span<const std::uint32_t> DependencyGraph::excluded_with(std::uint32_t index) const {
    const auto& of = impl_->exclusion_of;
    const auto [first, last] = std::equal_range(of.begin(), of.end(), index);
    return {impl_->exclusion_with.data() + (first - of.begin()), static_cast<std::size_t>(last - first)};
}

bool DependencyGraph::has_exclusions() const { return !impl_->exclusion_of.empty(); }

std::span<const std::pair<std::uint32_t, std::uint32_t>> DependencyGraph::overlap_limits(std::uint32_t index) const {
    const auto& of = impl_->overlap_of;
    const auto [first, last] = std::equal_range(of.begin(), of.end(), index);
    return {impl_->overlap_limit.data() + (first - of.begin()), static_cast<std::size_t>(last - first)};
}

bool DependencyGraph::has_overlap_limits() const { return !impl_->overlap_of.empty(); }

std::span<const std::uint32_t> DependencyGraph::dependents(std::uint32_t index) const {
    return impl_->dependents().of(index);
}

std::vector<std::vector<std::uint32_t>> DependencyGraph::cycles() const {
    const std::uint32_t count = size();
    // Not a structured binding: the lambda below captures it.
    const auto found = impl_->components();
    const std::vector<std::uint32_t>& component = found.first;
    const std::size_t components = found.second;
    // Group vertices by component; a component is cyclic when it has more than
    // one vertex or a self-loop. Credentials taken together (a bundle) are no
    // cycle.
    std::vector<std::uint32_t> size_of(components, 0);
    for (std::uint32_t v = 0; v < count; ++v) ++size_of[component[v]];
    std::vector<bool> reported(components, false);
    std::vector<std::vector<std::uint32_t>> result;
    std::vector<std::int64_t> parent(count, -1);
    std::vector<std::uint8_t> has_corequisite(components, 0);
    for (const auto& [from, to] : impl_->corequisite_only)
        if (component[from] == component[to]) has_corequisite[component[from]] = 1;
    // The shortest path from `from` to `to` inside their component, breadth
    // first, both ends included.
    const auto path_between = [&](std::uint32_t from, std::uint32_t to) {
        const std::uint32_t comp = component[from];
        std::vector<std::uint32_t> touched;
        std::queue<std::uint32_t> queue;
        queue.push(from);
        bool closed = false;
        std::uint32_t last = from;
        while (!queue.empty() && !closed) {
            const std::uint32_t v = queue.front();
            queue.pop();
            for (std::uint32_t w : sources(v)) {
                if (component[w] != comp) continue;
                if (w == to) {
                    last = v;
                    closed = true;
                    break;
                }
                if (parent[w] != -1 || w == from) continue;
                parent[w] = v;
                touched.push_back(w);
                queue.push(w);
            }
        }
        std::vector<std::uint32_t> path;
        for (std::uint32_t v = last; v != from; v = static_cast<std::uint32_t>(parent[v])) path.push_back(v);
        path.push_back(from);
        std::reverse(path.begin(), path.end());
        path.push_back(to);
        for (std::uint32_t v : touched) parent[v] = -1;
        return path;
    };
    for (std::uint32_t start = 0; start < count; ++start) {
        const std::uint32_t comp = component[start];
        if (reported[comp]) continue;
        const auto out = sources(start);
        const bool self_loop = std::binary_search(out.begin(), out.end(), start);
        if (size_of[comp] < 2 && !self_loop) continue;
        reported[comp] = true;
        if (self_loop) {
            result.push_back({start, start});
            continue;
        }
        if (impl_->same_bundle(start, start)) continue;
        // `start` is the lowest index of its component, so output is stable.
        // Where co-requisites run inside, the path goes through a `requires`
        // (the contradiction) rather than round the co-requisites alone.
        std::vector<std::uint32_t> path;
        if (has_corequisite[comp])
            for (std::uint32_t v = start; v < count && path.empty(); ++v) {
                if (component[v] != comp) continue;
                for (std::uint32_t w : sources(v))
                    if (component[w] == comp && !impl_->corequisite_edge(v, w)) {
                        path = path_between(w, v);
                        path.insert(path.begin(), v);
                        break;
                    }
            }
        if (path.empty()) path = path_between(start, start);
        result.push_back(std::move(path));
    }
    return result;
}

bool DependencyGraph::acyclic() const { return cycles().empty(); }

std::vector<std::uint32_t> DependencyGraph::cone(const std::vector<std::uint32_t>& targets) const {
    std::vector<bool> seen(size(), false);
    std::vector<std::uint32_t> stack;
    std::vector<std::uint32_t> result;
    for (std::uint32_t target : targets) {
        if (target >= size() || seen[target]) continue;
        seen[target] = true;
        stack.push_back(target);
    }
    while (!stack.empty()) {
        const std::uint32_t v = stack.back();
        stack.pop_back();
        result.push_back(v);
        for (std::uint32_t w : sources(v))
            if (!seen[w]) {
                seen[w] = true;
                stack.push_back(w);
            }
    }
    std::sort(result.begin(), result.end());
    return result;
}

std::vector<std::uint32_t> DependencyGraph::topological_order() const {
    if (!impl_->bundles.empty()) {
        std::vector<std::uint32_t> all(size());
        for (std::uint32_t v = 0; v < size(); ++v) all[v] = v;
        return topological_order(all);
    }
    // Boost emits vertices in reverse topological order of the edge direction:
    // with edges pointing at sources, sources come out first.
    std::vector<std::uint32_t> order;
    order.reserve(size());
    const BoostGraph graph = impl_->boost_graph();
    boost::topological_sort(graph, std::back_inserter(order));
    return order;
}

std::vector<std::uint32_t> DependencyGraph::topological_order(
    const std::vector<std::uint32_t>& subset) const {
    // Kahn's algorithm on the induced subgraph, taking the earliest subset
    // position first, so ties keep the caller's order. The members of a bundle
    // move as one unit (its first position), the edges among them left out.
    const Positions positions(subset, size());
    const auto position = [&](std::uint32_t v) { return positions.of(v); };
    std::vector<std::size_t> unit(subset.size());
    std::map<std::size_t, std::vector<std::size_t>> together;  // unit -> its members, by position
    std::map<std::uint32_t, std::size_t> unit_of_bundle;
    for (std::size_t i = 0; i < subset.size(); ++i) {
        unit[i] = i;
        if (impl_->bundle_of.empty() || impl_->bundle_of[subset[i]] == kNoBundle) continue;
        // The bundle's first member in the subset stands for all of it.
        const std::size_t first = unit_of_bundle.try_emplace(impl_->bundle_of[subset[i]], i).first->second;
        unit[i] = first;
        together[first].push_back(i);
    }
    std::vector<std::uint32_t> pending(subset.size(), 0);
    for (std::size_t i = 0; i < subset.size(); ++i)
        for (std::uint32_t w : sources(subset[i]))
            if (position(w) >= 0 && !impl_->same_bundle(subset[i], w)) ++pending[unit[i]];
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t i = 0; i < subset.size(); ++i)
        if (unit[i] == i && pending[i] == 0) ready.push(i);
    std::vector<std::uint32_t> result;
    result.reserve(subset.size());
    const auto emit = [&](std::size_t i) {
        result.push_back(subset[i]);
        for (std::uint32_t d : dependents(subset[i])) {
            const std::int64_t at = position(d);
            if (at < 0 || impl_->same_bundle(subset[i], d)) continue;
            const std::size_t u = unit[static_cast<std::size_t>(at)];
            if (--pending[u] == 0) ready.push(u);
        }
    };
    while (!ready.empty()) {
        const std::size_t u = ready.top();
        ready.pop();
        if (const auto members = together.find(u); members != together.end())
            for (std::size_t i : members->second) emit(i);
        else
            emit(u);
    }
    return result;
}

std::span<const std::uint32_t> DependencyGraph::taken_together(std::uint32_t index) const {
    if (impl_->bundle_of.empty() || impl_->bundle_of[index] == kNoBundle) return {};
    return impl_->bundles[impl_->bundle_of[index]];
}

bool DependencyGraph::taken_together(std::uint32_t a, std::uint32_t b) const { return impl_->same_bundle(a, b); }

bool DependencyGraph::has_bundles() const { return !impl_->bundles.empty(); }

std::uint32_t DependencyGraph::longest_chain() const {
    // Credentials taken together share one place on a chain.
    std::vector<std::uint32_t> depth(size(), 0);
    std::uint32_t best = 0;
    for (std::uint32_t v : topological_order()) {
        std::uint32_t d = 1;
        for (std::uint32_t w : sources(v))
            if (!impl_->same_bundle(v, w)) d = std::max(d, depth[w] + 1);
        depth[v] = d;
        best = std::max(best, d);
    }
    return best;
}

}  // namespace credpath
