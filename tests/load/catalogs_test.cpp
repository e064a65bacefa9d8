// The bundled catalogs are data users rely on: they must load cleanly, be big
// enough to be useful, and exercise every rule kind.
#include <doctest/doctest.h>

#include <set>

#include "credpath/load/check.hpp"

namespace credpath {

TEST_CASE("bundled catalogs validate cleanly, without warnings") {
    CheckedCatalog checked = check_catalog(load_catalog({std::string(CREDPATH_SOURCE_DIR) + "/catalogs"}));
    for (const Diagnostic& d : checked.diagnostics) INFO(format_diagnostic(d));
    CHECK(checked.diagnostics.empty());
    CHECK(checked.catalog.files.size() >= 4);
    CHECK(checked.catalog.credentials.size() >= 120);
}

TEST_CASE("bundled catalogs use every rule kind, nesting and expiry") {
    CheckedCatalog checked = check_catalog(load_catalog({std::string(CREDPATH_SOURCE_DIR) + "/catalogs"}));
    std::set<RuleKind> kinds;
    std::size_t nested = 0;
    std::size_t expiring = 0;
    std::set<Kind> credential_kinds;
    for (const Credential& c : checked.catalog.credentials) {
        credential_kinds.insert(c.kind);
        if (c.valid_for) ++expiring;
        if (!c.rule) continue;
        std::vector<std::pair<const Rule*, int>> stack{{&*c.rule, 0}};
        while (!stack.empty()) {
            auto [rule, depth] = stack.back();
            stack.pop_back();
            kinds.insert(rule->kind);
            if (depth >= 1 && !rule->children.empty()) ++nested;
            for (const Rule& child : rule->children) stack.push_back({&child, depth + 1});
        }
    }
    CHECK(kinds.size() == 7);
    CHECK(nested >= 3);
    CHECK(expiring >= 5);
    CHECK(credential_kinds.count(Kind::Certificate) == 1);
    CHECK(credential_kinds.count(Kind::Degree) == 1);
    CHECK(checked.graph.longest_chain() >= 4);
}

}  // namespace credpath
