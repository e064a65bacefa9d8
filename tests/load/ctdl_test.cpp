// CTDL JSON-LD import (src/load/ctdl.cpp): every input shape, the mapping of
// each construct, and located faults. Documents are written here, small.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "credpath/load/check.hpp"
#include "credpath/load/ctdl.hpp"
#include "credpath/load/rates.hpp"

namespace credpath {

namespace {

CtdlImport import_one(const std::string& text, const CtdlOptions& options = {}) {
    return import_ctdl_sources({SourceText{"doc.json", text}}, options);
}

const Credential* find(const CtdlImport& imported, const std::string& id) {
    for (const Credential& c : imported.credentials)
        if (c.id == id) return &c;
    return nullptr;
}

std::vector<std::string> ids(const CtdlImport& imported) {
    std::vector<std::string> out;
    for (const Credential& c : imported.credentials) out.push_back(c.id);
    return out;
}

bool has_diagnostic(const CtdlImport& imported, Severity severity, const std::string& part) {
    return std::any_of(imported.diagnostics.begin(), imported.diagnostics.end(), [&](const Diagnostic& d) {
        return d.severity == severity && (d.message.find(part) != std::string::npos || d.code == part);
    });
}

// A certificate needing two courses, or a portfolio assessment instead; the
// courses priced and timed in the ways registry records write them.
const char* kCompact = R"({
  "@context": "https://credreg.net/ctdl/schema/context/json",
  "@id": "https://credentialengineregistry.org/graph/ce-11111111-1111-4111-8111-111111111111",
  "@graph": [
    {
      "@id": "https://credentialengineregistry.org/resources/ce-11111111-1111-4111-8111-111111111111",
      "@type": "ceterms:Certificate",
      "ceterms:ctid": "ce-11111111-1111-4111-8111-111111111111",
      "ceterms:name": {"fr": "Certificat en données", "en-US": "Data Certificate"},
      "ceterms:offeredBy": ["https://credentialengineregistry.org/resources/ce-99999999-9999-4999-8999-999999999999"],
      "ceterms:renewalFrequency": "P2Y",
      "ceterms:teaches": [{"@type": "ceterms:CredentialAlignmentObject", "ceterms:targetNodeName": {"en": "Data Wrangling"}}],
      "ceterms:requires": {
        "@type": "ceterms:ConditionProfile",
        "ceterms:name": "Complete both courses",
        "ceterms:targetLearningOpportunity": [
          "https://credentialengineregistry.org/resources/ce-22222222-2222-4222-8222-222222222222",
          {"@id": "https://other.example/graph/CE-33333333-3333-4333-8333-333333333333"}
        ],
        "ceterms:alternativeCondition": [{
          "@type": "ceterms:ConditionProfile",
          "ceterms:name": "Portfolio route",
          "ceterms:targetAssessment": "_:portfolio"
        }]
      }
    },
    {
      "@id": "https://credentialengineregistry.org/resources/ce-22222222-2222-4222-8222-222222222222",
      "@type": "ceterms:Course",
      "ceterms:name": "Data Basics",
      "ceterms:codedNotation": "DATA 101",
      "ceterms:estimatedCost": [
        {"@type": "ceterms:CostProfile", "ceterms:currency": "US Dollar", "ceterms:price": 300,
         "ceterms:directCostType": {"ceterms:targetNode": "costType:Tuition"}},
        {"@type": "ceterms:CostProfile", "ceterms:currency": "USD", "ceterms:price": 50,
         "ceterms:directCostType": {"ceterms:targetNode": "costType:TechnologyFee"}}
      ],
      "ceterms:estimatedDuration": [{"@type": "ceterms:DurationProfile", "ceterms:exactDuration": "P8W"},
                                    {"@type": "ceterms:DurationProfile", "ceterms:exactDuration": "PT40H"}],
      "ceterms:creditValue": {"@type": "schema:ValueProfile", "schema:value": 3,
        "ceterms:creditUnitType": {"ceterms:targetNodeName": {"en": "Semester Hour"}}}
    },
    {
      "@id": "https://credentialengineregistry.org/resources/ce-33333333-3333-4333-8333-333333333333",
      "@type": "ceterms:LearningProgram",
      "ceterms:name": ["Data Projects"],
      "ceterms:estimatedCost": [
        {"@type": "ceterms:CostProfile", "ceterms:currency": "USD", "ceterms:price": 900,
         "ceterms:directCostType": {"ceterms:targetNode": "costType:AggregateCost"}},
        {"@type": "ceterms:CostProfile", "ceterms:currency": "USD", "ceterms:price": 600,
         "ceterms:directCostType": {"ceterms:targetNode": "costType:Tuition"}}
      ],
      "ceterms:estimatedDuration": {"@type": "ceterms:DurationProfile",
        "ceterms:minimumDuration": "P4W", "ceterms:maximumDuration": "P6W"}
    },
    {"@id": "_:portfolio", "@type": "ceterms:AssessmentProfile", "ceterms:name": {"en": "Portfolio Review"},
     "ceterms:estimatedCost": {"@type": "ceterms:CostProfile", "ceterms:currency": "USD", "ceterms:price": "150"}},
    {"@id": "https://credentialengineregistry.org/resources/ce-99999999-9999-4999-8999-999999999999",
     "@type": "ceterms:CredentialOrganization", "ceterms:name": {"en": "Northgate College"}}
  ]
})";

}  // namespace

TEST_CASE("ctdl: a compact @graph document maps to credentials, rules and fields") {
    const CtdlImport imported = import_one(kCompact);
    CHECK(imported.ok());
    CHECK(imported.diagnostics.empty());
    CHECK(ids(imported) == std::vector<std::string>{"data-certificate", "data-101", "data-projects", "portfolio-review"});
    CHECK(imported.currency == "USD");
    CHECK(imported.credit_unit == "Semester Hour");
    CHECK(imported.summary.documents == 1);
    CHECK(imported.summary.nodes == 5);
    CHECK(imported.summary.mapped == 4);
    CHECK(imported.summary.external == 0);

    const Credential* cert = find(imported, "data-certificate");
    REQUIRE(cert);
    CHECK(cert->title == "Data Certificate");  // en-US before fr
    CHECK(cert->kind == Kind::Certificate);
    CHECK(cert->provider == "Northgate College");
    REQUIRE(cert->valid_for);
    CHECK(cert->valid_for->count == 2);
    CHECK(cert->valid_for->unit == 'y');
    CHECK(cert->skills == std::vector<std::string>{"data-wrangling"});
    CHECK(cert->same_as.front() == "ce-11111111-1111-4111-8111-111111111111");
    CHECK(cert->loc.line == 5);
    // Both courses, or the portfolio instead; the reference in upper case on another host resolves.
    REQUIRE(cert->rule);
    CHECK(cert->rule->kind == RuleKind::Any);
    REQUIRE(cert->rule->children.size() == 2);
    CHECK(cert->rule->children[0].kind == RuleKind::All);
    REQUIRE(cert->rule->children[0].children.size() == 2);
    CHECK(cert->rule->children[0].children[0].ref == "data-101");
    CHECK(cert->rule->children[0].children[1].ref == "data-projects");
    CHECK(cert->rule->children[1].ref == "portfolio-review");

    const Credential* basics = find(imported, "data-101");
    REQUIRE(basics);
    CHECK(basics->kind == Kind::Course);
    CHECK(basics->title == "Data Basics");
    CHECK(basics->cost == 350);  // tuition and a fee, "US Dollar" read as USD
    CHECK(basics->weeks == 8);
    CHECK(basics->hours == 40);
    CHECK(basics->credits == 3);

    const Credential* projects = find(imported, "data-projects");
    REQUIRE(projects);
    CHECK(projects->cost == 900);  // the aggregate, not added to its part
    CHECK(projects->weeks == 6);   // the longest of min and max

    const Credential* portfolio = find(imported, "portfolio-review");
    REQUIRE(portfolio);
    CHECK(portfolio->cost == 150);  // a price written as a string
}

TEST_CASE("ctdl: expanded JSON-LD, an envelope with a byte order mark and a single resource read alike") {
    const char* expanded = R"([
      {"@id": "http://example.org/resources/ce-44444444-4444-4444-8444-444444444444",
       "@type": ["https://purl.org/ctdl/terms/BachelorDegree"],
       "https://purl.org/ctdl/terms/name": [{"@language": "de", "@value": "Informatik"}, {"@language": "en", "@value": "Computing"}],
       "https://purl.org/ctdl/terms/requires": [{"@id": "http://example.org/resources/cond-1"}]},
      {"@id": "http://example.org/resources/cond-1", "@type": ["https://purl.org/ctdl/terms/ConditionProfile"],
       "https://purl.org/ctdl/terms/targetLearningOpportunity": [{"@id": "http://example.org/resources/ce-55555555-5555-4555-8555-555555555555"}]},
      {"@id": "http://example.org/resources/ce-55555555-5555-4555-8555-555555555555",
       "@type": ["https://purl.org/ctdl/terms/Course"],
       "https://purl.org/ctdl/terms/codedNotation": [{"@value": "F20DP"}],
       "https://purl.org/ctdl/terms/creditValue": [{"@id": "http://example.org/resources/value-1"}]},
      {"@id": "http://example.org/resources/value-1", "@type": ["https://purl.org/ctdl/terms/ValueProfile"],
       "http://schema.org/value": [{"@value": 15}]}
    ])";
    const CtdlImport from_expanded = import_one(expanded);
    CHECK(from_expanded.ok());
    CHECK(ids(from_expanded) == std::vector<std::string>{"computing", "f20dp"});
    const Credential* degree = find(from_expanded, "computing");
    REQUIRE(degree);
    CHECK(degree->kind == Kind::Degree);
    REQUIRE(degree->rule);
    CHECK(degree->rule->ref == "f20dp");
    CHECK(find(from_expanded, "f20dp")->credits == 15);

    const std::string envelope = std::string("\xEF\xBB\xBF") + R"({
      "envelope_type": "resource_data", "envelope_ceterms_ctid": "ce-66666666-6666-4666-8666-666666666666",
      "resource": "eyJhbGciOi...",
      "decoded_resource": {"@context": "https://credreg.net/ctdl/schema/context/json",
        "@graph": [{"@id": "https://credentialengineregistry.org/resources/ce-66666666-6666-4666-8666-666666666666",
                    "@type": "ceterms:OpenBadge", "ceterms:name": {"en": "SQL Badge"}}]}})";
    const CtdlImport from_envelope = import_one(envelope);
    CHECK(from_envelope.ok());
    REQUIRE(ids(from_envelope) == std::vector<std::string>{"sql-badge"});
    CHECK(from_envelope.credentials[0].kind == Kind::Badge);

    const CtdlImport single = import_one(R"({"@type": "ceterms:MicroCredential", "ceterms:name": "Kanban",
      "ceterms:ctid": "CE-77777777-7777-4777-8777-777777777777"})");
    REQUIRE(ids(single) == std::vector<std::string>{"kanban"});
    CHECK(single.credentials[0].kind == Kind::Microcredential);
    CHECK(single.credentials[0].same_as == std::vector<std::string>{"ce-77777777-7777-4777-8777-777777777777"});
}

TEST_CASE("ctdl: a reference outside the input is an external credential, or an error when asked") {
    const char* text = R"({"@graph": [
      {"@id": "https://credentialengineregistry.org/resources/ce-88888888-8888-4888-8888-888888888888",
       "@type": "ceterms:Certification", "ceterms:name": "Cloud Pro",
       "ceterms:requires": [{"@type": "ceterms:ConditionProfile",
         "ceterms:targetCredential": "https://credentialengineregistry.org/resources/ce-aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"},
         {"@type": "ceterms:ConditionProfile",
         "ceterms:targetCredential": "https://credentialengineregistry.org/graph/CE-AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA"}]}]})";
    const CtdlImport imported = import_one(text);
    CHECK(imported.ok());
    CHECK(imported.summary.external == 1);  // one resource however it is named
    const Credential* external = find(imported, "ce-aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    REQUIRE(external);
    CHECK(external->external);
    CHECK(external->kind == Kind::Certificate);
    const Credential* cloud = find(imported, "cloud-pro");
    REQUIRE(cloud);
    REQUIRE(cloud->rule);
    CHECK(cloud->rule->kind == RuleKind::Ref);  // the same requirement twice is one
    REQUIRE(has_diagnostic(imported, Severity::Warning, "ctdl-external"));
    const Diagnostic& warning = imported.diagnostics.front();
    CHECK(warning.file == "doc.json");
    CHECK(warning.line == 4);
    CHECK(warning.message.find("ce-aaaaaaaa") != std::string::npos);

    CtdlOptions strict;
    strict.external_is_error = true;
    CHECK_FALSE(import_one(text, strict).ok());
}

TEST_CASE("ctdl: what cannot be planned is kept as a manual check") {
    const CtdlImport imported = import_one(R"({"@type": "ceterms:License", "ceterms:name": "Electrician",
      "ceterms:requires": [
        {"@type": "ceterms:ConditionProfile", "ceterms:yearsOfExperience": 4,
         "ceterms:condition": ["Pass a background check"]},
        {"@type": "ceterms:ConditionProfile", "ceterms:description": "Hold a valid driving licence"},
        {"@type": "ceterms:ConditionProfile", "ceterms:creditValue": {"schema:value": 12}}]})");
    CHECK(imported.ok());
    REQUIRE(imported.credentials.size() == 1);
    const Credential& license = imported.credentials[0];
    CHECK(license.kind == Kind::License);
    CHECK_FALSE(license.rule);
    CHECK(license.also_required == std::vector<std::string>{"Pass a background check", "4 years of experience",
                                                           "Hold a valid driving licence", "12 units of credit"});
    CHECK(imported.summary.manual == 4);
}

TEST_CASE("ctdl: faults are located, with the JSON pointer of the node") {
    const CtdlImport syntax = import_one("{\n  \"@graph\": [\n    {\"@type\": \"ceterms:Course\",,}\n  ]\n}");
    REQUIRE_FALSE(syntax.ok());
    CHECK(syntax.diagnostics[0].line == 3);
    CHECK(syntax.diagnostics[0].code == "json-syntax");

    const CtdlImport bad = import_one(R"({"@graph": [
  {"@type": "ceterms:Course", "ceterms:name": "A", "ceterms:requires": 42},
  "not a node"]})");
    REQUIRE_FALSE(bad.ok());
    REQUIRE(bad.diagnostics.size() == 2);
    CHECK(bad.diagnostics[0].line == 2);
    CHECK(bad.diagnostics[0].message.find("/@graph/0/ceterms:requires") != std::string::npos);
    CHECK(bad.diagnostics[1].line == 3);
    CHECK(bad.diagnostics[1].message.find("a resource is a JSON object; found a string") != std::string::npos);
}

TEST_CASE("ctdl: an import loads as a catalog, checked like YAML") {
    LoadResult loaded = load_ctdl_import(import_one(kCompact));
    const CheckedCatalog checked = check_catalog(std::move(loaded));
    CHECK(checked.ok());
    CHECK(checked.catalog.credentials.size() == 4);
    CHECK(checked.catalog.currency == "USD");
    CHECK(checked.catalog.files == std::vector<std::string>{"doc.json"});
}

}  // namespace credpath

namespace credpath {

TEST_CASE("ctdl: the Registry's bulk ZIP is read member by member; a damaged member is reported, the rest read") {
    const std::string data = std::string(CREDPATH_SOURCE_DIR) + "/tests/data/ctdl/bulk.zip";
    const CtdlImport bulk = import_ctdl_files({data});
    CHECK(bulk.ok());
    CHECK(bulk.summary.documents == 3);  // README.txt is no document
    CHECK(ids(bulk) == std::vector<std::string>{"spreadsheet-badge", "data-analysis-course", "analyst-certificate"});
    CHECK(bulk.files.front() == data + ":envelopes/badge.json");
    const Credential* cert = find(bulk, "analyst-certificate");
    REQUIRE(cert);
    REQUIRE(cert->rule);
    CHECK(cert->rule->children.size() == 2);  // across members, one by /graph/ in upper case

    const std::string damaged = std::string(CREDPATH_SOURCE_DIR) + "/tests/bad-input/ctdl/damaged.zip";
    const CtdlImport partial = import_ctdl_files({damaged});
    CHECK_FALSE(partial.ok());
    CHECK(partial.summary.documents == 2);
    CHECK(has_diagnostic(partial, Severity::Error, "damaged in the archive"));
    CHECK(find(partial, "spreadsheet-badge"));
    CHECK(find(partial, "analyst-certificate"));

    const CtdlImport missing = import_ctdl_files({std::string(CREDPATH_SOURCE_DIR) + "/tests/data/ctdl/none.zip"});
    CHECK_FALSE(missing.ok());
}

TEST_CASE("ctdl: progress hears each file or archive read, of all of them") {
    const std::string data = std::string(CREDPATH_SOURCE_DIR) + "/tests/data/ctdl/";
    std::vector<std::pair<std::size_t, std::size_t>> heard;
    CtdlOptions options;
    options.progress = [&](std::size_t done, std::size_t total) { heard.emplace_back(done, total); };
    import_ctdl_files({data + "bulk.zip", data + "pathway.jsonld"}, options);
    CHECK(heard == std::vector<std::pair<std::size_t, std::size_t>>{{0, 2}, {1, 2}, {2, 2}});
}

}  // namespace credpath

namespace credpath {

TEST_CASE("ctdl: a pathway's components stand for their resources; ComponentConditions are N-of-M and credits rules") {
    const CtdlImport imported = import_ctdl_files({std::string(CREDPATH_SOURCE_DIR) + "/tests/data/ctdl/pathway.jsonld"});
    CHECK(imported.ok());
    // The certificate and the course have proxies; JavaScript and the capstone
    // are components of their own; accessibility is a proxy for a resource not in the input.
    CHECK(ids(imported) ==
          std::vector<std::string>{"web-developer-certificate", "web-101", "web-201", "web-accessibility", "web-290"});
    CHECK(imported.summary.external == 1);
    CHECK(find(imported, "web-accessibility")->external);
    CHECK(has_diagnostic(imported, Severity::Warning, "ctdl-external"));

    const Credential* cert = find(imported, "web-developer-certificate");
    REQUIRE(cert);
    CHECK(cert->cost == 100);
    REQUIRE(cert->rule);
    REQUIRE(cert->rule->kind == RuleKind::All);
    const Rule& core = cert->rule->children[0];
    CHECK(core.kind == RuleKind::AtLeast);
    CHECK(core.at_least == 2);
    REQUIRE(core.children.size() == 3);
    CHECK(core.children[0].ref == "web-101");  // through its component
    CHECK(cert->rule->children[1].ref == "web-290");
    // The grade constraint is a manual check.
    REQUIRE(cert->also_required.size() == 1);
    CHECK(cert->also_required[0].find("A grade of C or better") != std::string::npos);

    // A Sum of credit values over two targets, no requiredNumber: credits from them.
    const Credential* capstone = find(imported, "web-290");
    REQUIRE(capstone);
    REQUIRE(capstone->rule);
    CHECK(capstone->rule->kind == RuleKind::CreditsFrom);
    CHECK(capstone->rule->credits == 6);
    CHECK(capstone->rule->names == std::vector<std::string>{"web-101", "web-201"});

    // HTML and CSS precedes JavaScript.
    const Credential* javascript = find(imported, "web-201");
    REQUIRE(javascript);
    REQUIRE(javascript->rule);
    CHECK(javascript->rule->ref == "web-101");
}

TEST_CASE("ctdl: a condition the document refers to but leaves out is a warning and a manual check") {
    const CtdlImport imported = import_one(R"({"@graph": [
      {"@type": "ceterms:CourseComponent", "ceterms:name": "Final Stage",
       "ceterms:hasCondition": ["http://example.org/resources/not-here"]}]})");
    CHECK(imported.ok());
    CHECK(has_diagnostic(imported, Severity::Warning, "ctdl-missing"));
    REQUIRE(imported.credentials.size() == 1);
    CHECK(imported.credentials[0].also_required ==
          std::vector<std::string>{"a condition the input does not describe (http://example.org/resources/not-here)"});
}

}  // namespace credpath

namespace credpath {

TEST_CASE("ctdl: numbers out of range are located faults, an endless renewal a warning") {
    const CtdlImport imported = import_one(R"({"@type": "ceterms:Course", "ceterms:name": "Big",
      "ceterms:estimatedCost": {"ceterms:price": 1e308, "ceterms:currency": "USD"},
      "ceterms:renewalFrequency": "P5000Y",
      "ceterms:creditValue": {"schema:value": -3}})");
    CHECK(has_diagnostic(imported, Severity::Warning, "longer than a century"));
    // Zero (the fuzzer's find: it was written as valid_for 0y, which no catalog takes).
    const CtdlImport zero = import_one(R"({"@type": "ceterms:Course", "ceterms:name": "Z", "ceterms:renewalFrequency": "P0Y"})");
    CHECK(has_diagnostic(zero, Severity::Warning, "is zero"));
    CHECK_FALSE(zero.credentials.at(0).valid_for);
    REQUIRE(imported.credentials.size() == 1);
    CHECK_FALSE(imported.credentials[0].valid_for);
    const LoadResult loaded = load_ctdl_import(imported);
    CHECK_FALSE(loaded.ok());
    CHECK(std::count_if(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                        [](const Diagnostic& d) { return d.code == "range"; }) == 2);
}

}  // namespace credpath

namespace credpath {

TEST_CASE("ctdl: a price in a second currency is converted with --rates, else left out") {
    const char* text = R"({"@graph": [
  {"@id": "_:a", "@type": "ceterms:Course", "ceterms:name": "A",
   "ceterms:estimatedCost": {"ceterms:currency": "USD", "ceterms:price": 600}},
  {"@id": "_:b", "@type": "ceterms:Course", "ceterms:name": "B",
   "ceterms:estimatedCost": {"ceterms:currency": "Euro", "ceterms:price": 540}},
  {"@id": "_:c", "@type": "ceterms:Course", "ceterms:name": "C",
   "ceterms:estimatedCost": {"ceterms:currency": "JPY", "ceterms:price": 9000}}
]})";
    const CtdlImport plain = import_one(text);
    CHECK(plain.currency == "USD");
    CHECK(find(plain, "b")->cost == 0);
    CHECK(has_diagnostic(plain, Severity::Warning, "'_:b' is priced in EUR, the others in USD: its cost is left out (--rates FILE "
                                       "converts it)"));
    CtdlOptions options;
    options.rates = load_rates_text(
        "format: credpath-rates/1\ncurrencies: {date: 2026-12-01, base: EUR, rates: {USD: 1.0525}}\n", "r.yaml");
    const CtdlImport converted = import_one(text, options);
    CHECK(find(converted, "a")->cost == 600);
    CHECK(find(converted, "b")->cost == 568.35);
    CHECK(has_diagnostic(converted, Severity::Warning, "'_:b' is priced in EUR, the others in USD: 540 EUR converted to 568.35 USD "
                                           "with r.yaml (rates of 2026-12-01)"));
    CHECK(find(converted, "c")->cost == 0);
    CHECK(has_diagnostic(converted, Severity::Warning, "'_:c' is priced in JPY, the others in USD: its cost is left out (r.yaml "
                                           "has no rate for it)"));
}

}  // namespace credpath
