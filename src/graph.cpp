#include "credpath/graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/topological_sort.hpp>
#include <iterator>
#include <queue>

namespace credpath {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

struct DependencyGraph::Impl {
    BoostGraph graph;
    // Adjacency kept as sorted vectors too: the planner walks them in hot loops.
    std::vector<std::vector<std::uint32_t>> sources;
    std::vector<std::vector<std::uint32_t>> dependents;
};

DependencyGraph::DependencyGraph(const Catalog& catalog) : impl_(std::make_unique<Impl>()) {
    const auto count = static_cast<std::uint32_t>(catalog.credentials.size());
    impl_->graph = BoostGraph(count);
    impl_->sources.resize(count);
    impl_->dependents.resize(count);
    for (std::uint32_t index = 0; index < count; ++index) {
        const Credential& credential = catalog.credentials[index];
        if (!credential.rule) continue;
        auto& list = impl_->sources[index];
        for_each_source(catalog, *credential.rule, index,
                        [&](std::uint32_t source) { list.push_back(source); });
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        for (std::uint32_t source : list) {
            boost::add_edge(index, source, impl_->graph);
            impl_->dependents[source].push_back(index);
        }
    }
}

DependencyGraph::~DependencyGraph() = default;
DependencyGraph::DependencyGraph(DependencyGraph&&) noexcept = default;
DependencyGraph& DependencyGraph::operator=(DependencyGraph&&) noexcept = default;

std::uint32_t DependencyGraph::size() const {
    return static_cast<std::uint32_t>(impl_->sources.size());
}

const std::vector<std::uint32_t>& DependencyGraph::sources(std::uint32_t index) const {
    return impl_->sources[index];
}

const std::vector<std::uint32_t>& DependencyGraph::dependents(std::uint32_t index) const {
    return impl_->dependents[index];
}

std::vector<std::vector<std::uint32_t>> DependencyGraph::cycles() const {
    const std::uint32_t count = size();
    std::vector<std::uint32_t> component(count);
    const auto components = boost::strong_components(
        impl_->graph, boost::make_iterator_property_map(component.begin(),
                                                        boost::get(boost::vertex_index, impl_->graph)));
    // Group vertices by component; a component is cyclic when it has more than
    // one vertex or a self-loop.
    std::vector<std::uint32_t> size_of(static_cast<std::size_t>(components), 0);
    for (std::uint32_t v = 0; v < count; ++v) ++size_of[component[v]];
    std::vector<bool> reported(static_cast<std::size_t>(components), false);
    std::vector<std::vector<std::uint32_t>> result;
    std::vector<std::int64_t> parent(count, -1);
    for (std::uint32_t start = 0; start < count; ++start) {
        const std::uint32_t comp = component[start];
        if (reported[comp]) continue;
        const auto& out = impl_->sources[start];
        const bool self_loop = std::binary_search(out.begin(), out.end(), start);
        if (size_of[comp] < 2 && !self_loop) continue;
        reported[comp] = true;
        if (self_loop) {
            result.push_back({start, start});
            continue;
        }
        // Shortest path back to `start` inside the component, breadth first;
        // `start` is the lowest index of its component, so output is stable.
        std::vector<std::uint32_t> touched;
        std::queue<std::uint32_t> queue;
        queue.push(start);
        bool closed = false;
        std::uint32_t last = start;
        while (!queue.empty() && !closed) {
            const std::uint32_t v = queue.front();
            queue.pop();
            for (std::uint32_t w : impl_->sources[v]) {
                if (component[w] != comp) continue;
                if (w == start) {
                    last = v;
                    closed = true;
                    break;
                }
                if (parent[w] != -1) continue;
                parent[w] = v;
                touched.push_back(w);
                queue.push(w);
            }
        }
        std::vector<std::uint32_t> path{start};
        for (std::uint32_t v = last; v != start; v = static_cast<std::uint32_t>(parent[v]))
            path.push_back(v);
        std::reverse(path.begin() + 1, path.end());
        path.push_back(start);
        for (std::uint32_t v : touched) parent[v] = -1;
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
        for (std::uint32_t w : impl_->sources[v])
            if (!seen[w]) {
                seen[w] = true;
                stack.push_back(w);
            }
    }
    std::sort(result.begin(), result.end());
    return result;
}

std::vector<std::uint32_t> DependencyGraph::topological_order() const {
    // Boost emits vertices in reverse topological order of the edge direction:
    // with edges pointing at sources, sources come out first.
    std::vector<BoostGraph::vertex_descriptor> order;
    order.reserve(size());
    boost::topological_sort(impl_->graph, std::back_inserter(order));
    return {order.begin(), order.end()};
}

std::vector<std::uint32_t> DependencyGraph::topological_order(
    const std::vector<std::uint32_t>& subset) const {
    // Kahn's algorithm on the induced subgraph, taking the earliest subset
    // position first, so ties keep the caller's order.
    std::vector<std::int64_t> position(size(), -1);
    for (std::size_t i = 0; i < subset.size(); ++i) position[subset[i]] = static_cast<std::int64_t>(i);
    std::vector<std::uint32_t> pending(subset.size(), 0);
    for (std::size_t i = 0; i < subset.size(); ++i)
        for (std::uint32_t w : impl_->sources[subset[i]])
            if (position[w] >= 0) ++pending[i];
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t i = 0; i < subset.size(); ++i)
        if (pending[i] == 0) ready.push(i);
    std::vector<std::uint32_t> result;
    result.reserve(subset.size());
    while (!ready.empty()) {
        const std::size_t i = ready.top();
        ready.pop();
        result.push_back(subset[i]);
        for (std::uint32_t d : impl_->dependents[subset[i]])
            if (position[d] >= 0 && --pending[static_cast<std::size_t>(position[d])] == 0)
                ready.push(static_cast<std::size_t>(position[d]));
    }
    return result;
}

std::uint32_t DependencyGraph::longest_chain() const {
    std::vector<std::uint32_t> depth(size(), 0);
    std::uint32_t best = 0;
    for (std::uint32_t v : topological_order()) {
        std::uint32_t d = 1;
        for (std::uint32_t w : impl_->sources[v]) d = std::max(d, depth[w] + 1);
        depth[v] = d;
        best = std::max(best, d);
    }
    return best;
}

}  // namespace credpath
