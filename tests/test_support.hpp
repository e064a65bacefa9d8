// Helpers shared by the unit tests.
#pragma once

#include <string>
#include <vector>

#include "credpath/load/check.hpp"
#include "credpath/load/loader.hpp"

#include <doctest/doctest.h>

namespace doctest {
// Lets failed checks on string lists show the lists.
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& list) {
        std::string out = "{";
        for (const std::string& item : list) out += "\n  \"" + item + "\"";
        return (out + "}").c_str();
    }
};
}  // namespace doctest

namespace credpath::test {

// Every diagnostic of a checked in-memory catalog as "line:col: severity: message".
inline std::vector<std::string> faults(const std::string& text) {
    CheckedCatalog checked = check_catalog(load_catalog_text(text, "t.yaml"));
    std::vector<std::string> out;
    for (const Diagnostic& d : checked.diagnostics)
        out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                      std::string(to_string(d.severity)) + ": " + d.message);
    return out;
}

inline std::vector<std::string> codes(const std::string& text) {
    CheckedCatalog checked = check_catalog(load_catalog_text(text, "t.yaml"));
    std::vector<std::string> out;
    for (const Diagnostic& d : checked.diagnostics) out.push_back(d.code);
    return out;
}

// A catalog file of the source tree (such as tests/data/hostile/hostile.yaml),
// loaded and checked; it must be valid.
inline CheckedCatalog source_catalog(const std::string& path) {
    CheckedCatalog checked = check_catalog(load_catalog({std::string(CREDPATH_SOURCE_DIR) + "/" + path}));
    REQUIRE(checked.ok());
    return checked;
}

// "format: credpath/1\ncredentials:\n" followed by the given lines.
inline std::string catalog(const std::string& credentials) {
    return "format: credpath/1\ncredentials:\n" + credentials;
}

}  // namespace credpath::test
