#include <doctest/doctest.h>

#include "credpath/model/diagnostic.hpp"

namespace credpath {

TEST_CASE("diagnostics print as file:line:col: severity: message") {
    CHECK(format_diagnostic({Severity::Error, "a.yaml", 3, 7, "x", "bad"}) == "a.yaml:3:7: error: bad");
    CHECK(format_diagnostic({Severity::Warning, "a.yaml", 0, 0, "x", "odd"}) == "a.yaml: warning: odd");
    CHECK(format_diagnostic({Severity::Error, "", 0, 0, "x", "no place"}) == "error: no place");
}

TEST_CASE("sorting is by file, line, column; exact repeats collapse") {
    std::vector<Diagnostic> list{{Severity::Error, "b.yaml", 1, 1, "x", "m"},
                                 {Severity::Error, "a.yaml", 9, 1, "x", "m"},
                                 {Severity::Warning, "a.yaml", 2, 5, "x", "m"},
                                 {Severity::Error, "a.yaml", 9, 1, "x", "m"}};
    sort_diagnostics(list);
    REQUIRE(list.size() == 3);
    CHECK(list[0].line == 2);
    CHECK(list[1].line == 9);
    CHECK(list[2].file == "b.yaml");
    CHECK(count_errors(list) == 2);
}

TEST_CASE("nearest suggests likely typos only") {
    std::vector<std::string_view> keys{"cost", "hours", "weeks", "credits", "requires", "all"};
    CHECK(nearest("kost", keys) == "cost");
    CHECK(nearest("reqiures", keys) == "requires");  // adjacent swap
    CHECK(nearest("allof", keys) == "all");
    CHECK(nearest("cost", keys) == "");  // the word itself is no suggestion
    CHECK(nearest("zzzzzz", keys) == "");
    CHECK(nearest("", keys) == "");
}

TEST_CASE("nearest: another case first, typos in any case, then a unique abbreviation") {
    std::vector<std::string_view> ids{"dai-cert-ml", "dai-cert-data-eng", "dai-ml-fast"};
    CHECK(nearest("DAI-CERT-ML", ids) == "dai-cert-ml");
    CHECK(nearest("Dai-Cert-Ml", ids) == "dai-cert-ml");
    CHECK(nearest("DAI-CERT-MK", ids) == "dai-cert-ml");
    CHECK(nearest("dai-ce", ids) == "");  // the beginning of two: no guess
    std::vector<std::string_view> kinds{"microcredential", "certificate", "diploma", "degree", "badge"};
    CHECK(nearest("cert", kinds) == "certificate");
    CHECK(nearest("micro", kinds) == "microcredential");
    CHECK(nearest("de", kinds) == "");  // too short to abbreviate
    CHECK(nearest("Certificate", kinds) == "certificate");
}

}  // namespace credpath
