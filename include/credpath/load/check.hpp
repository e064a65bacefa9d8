// The whole validity check of a catalog: the loader's checks plus dependency
// cycles, which need the graph.
#pragma once

#include <vector>

#include "credpath/model/diagnostic.hpp"
#include "credpath/graph/graph.hpp"
#include "credpath/load/loader.hpp"
#include "credpath/model/model.hpp"

namespace credpath {

struct CheckedCatalog {
    Catalog catalog;
    DependencyGraph graph;
    std::vector<Diagnostic> diagnostics;  // sorted
    bool ok() const { return count_errors(diagnostics) == 0; }
};

// One error per cycle, printed as `a -> b -> a`, at the first credential's id.
std::vector<Diagnostic> cycle_diagnostics(const Catalog& catalog, const DependencyGraph& graph);

CheckedCatalog check_catalog(LoadResult loaded);

}  // namespace credpath
