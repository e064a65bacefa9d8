// Curricular analytics: the worked example of the docs checked by hand, the
// lint's three findings and the two gates.
#include <doctest/doctest.h>

#include <algorithm>

#include "credpath/load/check.hpp"
#include "credpath/load/loader.hpp"
#include "credpath/plan/analyze.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
CheckedCatalog checked(const std::string& credentials) {
    CheckedCatalog result = check_catalog(load_catalog_text(test::catalog(credentials)));
    REQUIRE(result.ok());
    return result;
}

const CredentialMeasures& of(const Catalog& catalog, const Analysis& analysis, const std::string& id) {
    const auto found = std::find_if(analysis.credentials.begin(), analysis.credentials.end(),
                                    [&](const CredentialMeasures& m) { return catalog.credentials[m.credential].id == id; });
    REQUIRE(found != analysis.credentials.end());
    return *found;
}

// a -> b -> c -> cert, a -> d -> cert (the worked example of credpath(1)).
const char* const kExample = R"(  - {id: a, title: A, kind: badge}
  - {id: b, title: B, kind: course, requires: a}
  - {id: c, title: C, kind: course, requires: b}
  - {id: d, title: D, kind: course, requires: a}
  - {id: cert, title: Cert, kind: certificate, requires: {all: [c, d]}}
)";
}  // namespace

TEST_CASE("analyze: the worked example, measure by measure") {
    const CheckedCatalog catalog = checked(kExample);
    const Analysis analysis = analyze(catalog.catalog, catalog.graph, {});
    const Catalog& c = catalog.catalog;
    // blocking: what needs it, directly or not
    CHECK(of(c, analysis, "a").blocking == 4);
    CHECK(of(c, analysis, "b").blocking == 2);
    CHECK(of(c, analysis, "c").blocking == 1);
    CHECK(of(c, analysis, "d").blocking == 1);
    CHECK(of(c, analysis, "cert").blocking == 0);
    // delay: the longest chain through it, in credentials
    CHECK(of(c, analysis, "a").delay == 4);
    CHECK(of(c, analysis, "d").delay == 3);
    CHECK(of(c, analysis, "cert").delay == 4);
    CHECK(of(c, analysis, "d").longest_chain == std::vector<std::uint32_t>{0, 3, 4});
    // centrality: the chains a-b-c-cert (4) and a-d-cert (3), not at their ends
    CHECK(of(c, analysis, "b").centrality == 4);
    CHECK(of(c, analysis, "d").centrality == 3);
    CHECK(of(c, analysis, "a").centrality == 0);
    CHECK(of(c, analysis, "cert").centrality == 0);
    // complexity: (4+4) + (2+4) + (1+4) + (1+3) + (0+4)
    REQUIRE(analysis.qualifications.size() == 1);
    CHECK(analysis.qualifications[0].complexity == 27);
    CHECK(analysis.qualifications[0].fewest_steps == 4u);
    CHECK(analysis.qualifications[0].cone_size == 5);
    CHECK(analysis.findings.empty());
}

TEST_CASE("analyze: measures of a qualification count within its cone only") {
    // Another certificate on top of b changes b's catalog-wide blocking, not
    // the complexity of cert.
    const CheckedCatalog catalog = checked(std::string(kExample) +
                                           "  - {id: other, title: Other, kind: certificate, requires: b}\n");
    const Analysis analysis = analyze(catalog.catalog, catalog.graph, {});
    CHECK(of(catalog.catalog, analysis, "b").blocking == 3);
    REQUIRE(analysis.qualifications.size() == 2);
    CHECK(analysis.qualifications[0].complexity == 27);  // cert, first by id
    AnalyzeRequest request;
    request.targets = {5};  // other: its cone a, b, other
    const Analysis scoped = analyze(catalog.catalog, catalog.graph, request);
    CHECK(scoped.credentials.size() == 3);
    REQUIRE(scoped.qualifications.size() == 1);
    CHECK(scoped.qualifications[0].complexity == (2 + 3) + (1 + 3) + (0 + 3));
}

TEST_CASE("analyze: lint finds dead ends, redundant requirements and what can never be earned") {
    const CheckedCatalog catalog = checked(R"(  - {id: base, title: Base, kind: course}
  - {id: next, title: Next, kind: course, requires: base}
  - {id: orphan, title: Orphan, kind: badge}
  - {id: twin-a, title: A, kind: course, excludes: [twin-b]}
  - {id: twin-b, title: B, kind: course}
  - {id: both, title: Both, kind: certificate, requires: {all: [twin-a, twin-b]}}
  - {id: stacked, title: Stacked, kind: certificate, requires: {all: [base, next, {any: [base, twin-a]}]}}
  - {id: bridge, title: Bridge, kind: course, requires: {at_least: 2, of: [twin-a, twin-b]}}
  - {id: after-bridge, title: After, kind: certificate, requires: {any: [bridge, base]}}
)");
    const Analysis analysis = analyze(catalog.catalog, catalog.graph, {});
    std::vector<std::string> codes;
    for (const Diagnostic& d : analysis.findings) {
        CHECK(d.severity == Severity::Warning);
        codes.push_back(d.code + " " + std::to_string(d.line));
    }
    // bridge is no qualification, but needs both twins: never earned; the
    // certificate above it still has another way, and its dead option is
    // named where it is written.
    CHECK(codes == std::vector<std::string>{"dead-end 5", "never-earned 8", "redundant-requirement 9",
                                            "never-earned 10", "never-met 11"});
    CHECK(analysis.findings[4].column == 74);
    CHECK(analysis.findings[4].message.find("in 'after-bridge', this option can never be met (") == 0);
    CHECK(analysis.findings[1].message ==
          "'both' can never be earned: twin-a and twin-b exclude each other, and every plan needs both");
    CHECK_FALSE(analysis.gate_failed());
}

TEST_CASE("analyze: the gates turn measures over a limit into located errors") {
    const CheckedCatalog catalog = checked(kExample);
    AnalyzeRequest request;
    request.max_delay = 3;
    request.max_complexity = 27;  // at the limit: passes
    const Analysis analysis = analyze(catalog.catalog, catalog.graph, request);
    CHECK(analysis.gate_failed());
    REQUIRE(analysis.findings.size() == 4);  // a, b, c, cert: d's delay is 3
    CHECK(analysis.findings[0].message == "'a' has a delay factor of 4, over --max-delay 3: a -> b -> c -> cert");
    CHECK(analysis.findings[0].line == 3);
    request.max_delay.reset();
    request.max_complexity = 26;
    const Analysis complex = analyze(catalog.catalog, catalog.graph, request);
    REQUIRE(complex.findings.size() == 1);
    CHECK(complex.findings[0].code == "complexity-over");
}

}  // namespace credpath
