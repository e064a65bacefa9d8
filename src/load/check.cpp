#include "credpath/load/check.hpp"

#include <fmt/format.h>

namespace credpath {

std::vector<Diagnostic> cycle_diagnostics(const Catalog& catalog, const DependencyGraph& graph) {
    std::vector<Diagnostic> out;
    for (const std::vector<std::uint32_t>& cycle : graph.cycles()) {
        std::vector<std::string_view> ids;
        for (std::uint32_t index : cycle) ids.push_back(catalog.credentials[index].id);
        const Credential& first = catalog.credentials[cycle.front()];
        Diagnostic d;
        d.file = first.id_loc.file < catalog.files.size() ? catalog.files[first.id_loc.file] : std::string();
        d.line = first.id_loc.line;
        d.column = first.id_loc.column;
        d.code = "cycle";
        d.message = fmt::format("dependency cycle: {}", fmt::join(ids, " -> "));
        out.push_back(std::move(d));
    }
    return out;
}

CheckedCatalog check_catalog(LoadResult loaded) {
    DependencyGraph graph(loaded.catalog);
    CheckedCatalog checked{std::move(loaded.catalog), std::move(graph), std::move(loaded.diagnostics)};
    auto cycles = cycle_diagnostics(checked.catalog, checked.graph);
    checked.diagnostics.insert(checked.diagnostics.end(), cycles.begin(), cycles.end());
    sort_diagnostics(checked.diagnostics);
    return checked;
}

}  // namespace credpath
