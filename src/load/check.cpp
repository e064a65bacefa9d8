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
        // Through a `corequires`: name each link, a chain that cannot be
        // scheduled ("a requires b, which co-requires a").
        std::vector<std::string> links;
        bool corequisite = false, requirement = false;
        for (std::size_t i = 0; i + 1 < cycle.size(); ++i) {
            const std::uint32_t from = cycle[i];
            const std::uint32_t to = cycle[i + 1];
            bool required = false;
            if (const auto& rule = catalog.credentials[from].rule)
                for_each_source(catalog, *rule, from, [&](std::uint32_t source) { required = required || source == to; });
            (required ? requirement : corequisite) = true;
            links.push_back(fmt::format("{}{} {}", i == 0 ? "" : "which ", required ? "requires" : "co-requires",
                                        catalog.credentials[to].id));
        }
        const std::string chain = fmt::format("{} {}", ids.front(), fmt::join(links, ", "));
        if (corequisite && requirement)
            d.message = fmt::format("co-requisite contradiction: {}: no schedule can take them in that order", chain);
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
