#include <doctest/doctest.h>

#include "credpath/load/check.hpp"
#include "test_support.hpp"

namespace credpath {

TEST_CASE("check_catalog adds cycle faults to the loader's, sorted") {
    CheckedCatalog checked = check_catalog(load_catalog_sources(
        {{"a.yaml", test::catalog("  - {id: a, title: A, requires: b}\n  - {id: z, title: Z, kost: 1}\n")},
         {"b.yaml", test::catalog("  - {id: b, title: B, requires: a}\n")}}));
    REQUIRE(checked.diagnostics.size() == 2);
    CHECK(format_diagnostic(checked.diagnostics[0]) == "a.yaml:3:10: error: dependency cycle: a -> b -> a");
    CHECK(format_diagnostic(checked.diagnostics[1]) == "a.yaml:4:23: error: unknown key 'kost' (did you mean 'cost'?)");
    CHECK_FALSE(checked.ok());
    CHECK(checked.graph.size() == 3);
}

TEST_CASE("a valid catalog checks clean and keeps its graph") {
    CheckedCatalog checked = check_catalog(load_catalog_text(test::catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: a}\n")));
    CHECK(checked.ok());
    CHECK(checked.diagnostics.empty());
    const auto sources = checked.graph.sources(1);
    CHECK(std::vector<std::uint32_t>(sources.begin(), sources.end()) == std::vector<std::uint32_t>{0});
}

}  // namespace credpath
