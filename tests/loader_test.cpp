#include <doctest/doctest.h>

#include "credpath/loader.hpp"
#include "test_support.hpp"

using credpath::test::catalog;
using credpath::test::faults;
using Strings = std::vector<std::string>;

namespace credpath {

TEST_CASE("a full credential loads every field") {
    LoadResult r = load_catalog_text(R"(format: credpath/1
catalog:
  name: Data & AI pathways
  currency: EUR
  credit_unit: ECTS
credentials:
  - id: py-fund
    title: Python Fundamentals
    kind: badge
    provider: Example College
    cost: 300.5
    hours: 40
    weeks: 6
    credits: 2
    level: 4
    tags: [data, programming]
    skills: [python]
    modality: online
    assessment: project
    country: CA
    language: en-CA
    outcomes: [Write and test small Python programs.]
    quality_assurance: Accredited.
    valid_for: 3y
    url: https://example.org/py
    same_as: [https://badges.example.org/a/py]
    description: Free text.
)");
    REQUIRE(r.ok());
    CHECK(r.catalog.name == "Data & AI pathways");
    CHECK(r.catalog.currency == "EUR");
    CHECK(r.catalog.credit_unit == "ECTS");
    REQUIRE(r.catalog.credentials.size() == 1);
    const Credential& c = r.catalog.credentials[0];
    CHECK(c.id == "py-fund");
    CHECK(c.title == "Python Fundamentals");
    CHECK(c.kind == Kind::Badge);
    CHECK(c.provider == "Example College");
    CHECK(c.cost == 300.5);
    CHECK(c.hours == 40);
    CHECK(c.weeks == 6);
    CHECK(c.credits == 2);
    CHECK(c.level == 4);
    CHECK(c.tags == Strings{"data", "programming"});
    CHECK(c.skills == Strings{"python"});
    CHECK(c.modality == "online");
    CHECK(c.assessment == "project");
    CHECK(c.country == "CA");
    CHECK(c.language == "en-CA");
    CHECK(c.outcomes.size() == 1);
    CHECK(c.quality_assurance == "Accredited.");
    REQUIRE(c.valid_for);
    CHECK(c.valid_for->count == 3);
    CHECK(c.valid_for->unit == 'y');
    CHECK(c.url == "https://example.org/py");
    CHECK(c.same_as == Strings{"https://badges.example.org/a/py"});
    CHECK(c.description == "Free text.");
    CHECK_FALSE(c.rule);
    CHECK(c.loc.line == 7);
    CHECK(c.id_loc.line == 7);
    CHECK(c.id_loc.column == 9);
}

TEST_CASE("defaults: USD, credits, kind microcredential, zero numbers") {
    LoadResult r = load_catalog_text(catalog("  - {id: a, title: A}\n"));
    REQUIRE(r.ok());
    CHECK(r.catalog.currency == "USD");
    CHECK(r.catalog.credit_unit == "credits");
    CHECK(r.catalog.credentials[0].kind == Kind::Microcredential);
    CHECK(r.catalog.credentials[0].cost == 0);
}

TEST_CASE("every rule kind parses into the rule tree") {
    LoadResult r = load_catalog_text(catalog(R"(  - {id: a, title: A, credits: 6, tags: [core], skills: [sql]}
  - {id: b, title: B, credits: 6, tags: [core]}
  - id: q
    title: Q
    requires:
      all:
        - a
        - {any: [a, b]}
        - {at_least: 1, of: [a, {all: [b]}]}
        - {credits: 12, from: [a, b]}
        - {credits: 6, tagged: [core]}
        - {skills: [sql]}
)"));
    REQUIRE(r.ok());
    const Rule& rule = *r.catalog.credentials[2].rule;
    CHECK(rule.kind == RuleKind::All);
    REQUIRE(rule.children.size() == 6);
    CHECK(rule.children[0].kind == RuleKind::Ref);
    CHECK(rule.children[0].ref == "a");
    CHECK(rule.children[1].kind == RuleKind::Any);
    CHECK(rule.children[1].children.size() == 2);
    CHECK(rule.children[2].kind == RuleKind::AtLeast);
    CHECK(rule.children[2].at_least == 1);
    CHECK(rule.children[2].children[1].kind == RuleKind::All);
    CHECK(rule.children[3].kind == RuleKind::CreditsFrom);
    CHECK(rule.children[3].credits == 12);
    CHECK(rule.children[3].names == Strings{"a", "b"});
    CHECK(rule.children[4].kind == RuleKind::CreditsTagged);
    CHECK(rule.children[4].names == Strings{"core"});
    CHECK(rule.children[5].kind == RuleKind::Skills);
    CHECK(rule.children[5].names == Strings{"sql"});
    CHECK(rule.loc.line == 8);
    CHECK(rule.children[3].loc.line == 12);
}

TEST_CASE("several sources form one catalog with global ids") {
    LoadResult r = load_catalog_sources({{"a.yaml", catalog("  - {id: a, title: A}\n")},
                                         {"b.yaml", catalog("  - {id: b, title: B, requires: a}\n")}});
    REQUIRE(r.ok());
    CHECK(r.catalog.files == Strings{"a.yaml", "b.yaml"});
    CHECK(r.catalog.credentials[1].loc.file == 1);
}

TEST_CASE("faults: syntax, format and structure") {
    CHECK(faults("format: credpath/1\ncredentials: [\n") ==
          Strings{"3:1: error: YAML syntax: end of sequence flow not found"});
    CHECK(faults("credentials: []\n") == Strings{"1:1: error: missing `format: credpath/1` (required in every catalog file)"});
    CHECK(faults("format: credpath/2\n") == Strings{"1:9: error: format is 'credpath/2'; this tool reads `format: credpath/1`"});
    CHECK(faults("") == Strings{"1:1: error: empty catalog file: it needs `format: credpath/1`"});
    CHECK(faults("- a\n") == Strings{"1:1: error: a catalog file is a mapping with format, catalog and credentials; found a list"});
    CHECK(faults("format: credpath/1\n---\nformat: credpath/1\n") ==
          Strings{"3:1: error: a file holds one YAML document; found another one here"});
    CHECK(faults("format: credpath/1\ncredentials: 3\n") == Strings{"2:14: error: `credentials` is a list; found a scalar"});
    CHECK(faults(catalog("  - 5\n")) == Strings{"3:5: error: a credential is a mapping; found a scalar"});
}

TEST_CASE("faults: duplicate and unknown keys") {
    CHECK(faults(catalog("  - id: a\n    title: A\n    title: B\n")) ==
          Strings{"5:5: error: duplicate key 'title' (first at line 4, column 5)"});
    CHECK(faults("format: credpath/1\nformat: credpath/1\n") ==
          Strings{"2:1: error: duplicate key 'format' (first at line 1, column 1)"});
    CHECK(faults(catalog("  - {id: a, title: A, kost: 3}\n")) ==
          Strings{"3:23: error: unknown key 'kost' (did you mean 'cost'?)"});
    CHECK(faults(catalog("  - {id: a, title: A, zzzzzz: 3}\n")) == Strings{"3:23: error: unknown key 'zzzzzz'"});
    CHECK(faults("format: credpath/1\ncatalog: {nmae: x}\n") ==
          Strings{"2:11: error: unknown key 'nmae' (did you mean 'name'?)"});
    CHECK(faults("format: credpath/1\ncredentails: []\n") ==
          Strings{"2:1: error: unknown key 'credentails' (did you mean 'credentials'?)"});
}

TEST_CASE("faults: types and numbers") {
    CHECK(faults(catalog("  - {id: a, title: A, cost: '300'}\n")) ==
          Strings{"3:29: error: expected a number, found a quoted string"});
    CHECK(faults(catalog("  - {id: a, title: A, cost: cheap}\n")) == Strings{"3:29: error: expected a number, found 'cheap'"});
    CHECK(faults(catalog("  - {id: a, title: A, cost: -1}\n")) ==
          Strings{"3:29: error: -1 is negative; this value must be >= 0"});
    CHECK(faults(catalog("  - {id: a, title: A, hours: .nan}\n")) == Strings{"3:30: error: .nan is not a finite number"});
    CHECK(faults(catalog("  - {id: a, title: A, weeks: -.inf}\n")) == Strings{"3:30: error: -.inf is not a finite number"});
    CHECK(faults(catalog("  - {id: a, title: A, credits: 1e999}\n")) ==
          Strings{"3:32: error: 1e999 is out of range (at most 1000000000000)"});
    CHECK(faults(catalog("  - {id: a, title: A, cost: 1e13}\n")) ==
          Strings{"3:29: error: 1e13 is out of range (at most 1000000000000)"});
    CHECK(faults(catalog("  - {id: a, title: A, tags: data}\n")) ==
          Strings{"3:29: error: expected a list such as [a, b], found a scalar"});
    CHECK(faults(catalog("  - {id: a, title: {x: 1}}\n")) == Strings{"3:20: error: expected a string, found a mapping"});
    CHECK(faults(catalog("  - {id: a, title: A, level: 9}\n")) == Strings{"3:30: error: level 9 is outside 1..8 (EQF levels)"});
    CHECK(faults(catalog("  - {id: a, title: A, level: 0}\n")) == Strings{"3:30: error: level 0 is outside 1..8 (EQF levels)"});
    CHECK(faults(catalog("  - {id: a, title: A, level: 2.5}\n")) == Strings{"3:30: error: expected a whole number, found 2.5"});
    CHECK(faults(catalog("  - {id: a, title: A, kind: badgee}\n")) ==
          Strings{"3:29: error: unknown kind 'badgee' (did you mean 'badge'?); expected one of microcredential, "
                  "certificate, diploma, degree, badge, license, course"});
    CHECK(faults(catalog("  - {id: a, title: A, modality: remote}\n")) ==
          Strings{"3:33: error: unknown modality 'remote'; expected one of online, in-person, blended"});
    CHECK(faults(catalog("  - {id: a, title: A, country: Canada}\n")) ==
          Strings{"3:32: error: country 'Canada' is not an ISO 3166-1 alpha-2 code such as CA or DE"});
    CHECK(faults(catalog("  - {id: a, title: A, language: 'e n'}\n")) ==
          Strings{"3:33: error: language 'e n' is not a BCP 47 tag such as en or fr-CA"});
    CHECK(faults("format: credpath/1\ncatalog: {currency: usd}\n") ==
          Strings{"2:21: error: currency 'usd' is not an ISO 4217 code such as USD or EUR"});
}

TEST_CASE("faults: ids and durations") {
    CHECK(faults(catalog("  - {id: -a, title: A}\n")) ==
          Strings{"3:10: error: '-a' is not a valid id: use letters, digits and . _ : - (starting with a letter or "
                  "digit), at most 128 characters"});
    CHECK(faults(catalog("  - {id: 'a b', title: A}\n")).size() == 1);
    CHECK(faults(catalog("  - {id: " + std::string(129, 'x') + ", title: A}\n")).size() == 1);
    CHECK(faults(catalog("  - {id: " + std::string(128, 'x') + ", title: A}\n")).empty());
    CHECK(faults(catalog("  - {title: A}\n")) == Strings{"3:5: error: a credential needs an `id`"});
    CHECK(faults(catalog("  - {id: a}\n")) == Strings{"3:5: error: credential 'a' needs a `title`"});
    CHECK(faults(catalog("  - {id: a, title: A, valid_for: 3x}\n")) ==
          Strings{"3:34: error: valid_for '3x' is not a duration: write <N>d, <N>w, <N>m or <N>y, N from 1 to 100000 "
                  "(e.g. 3y)"});
    CHECK(faults(catalog("  - {id: a, title: A, valid_for: 0y}\n")).size() == 1);
    CHECK(faults(catalog("  - {id: a, title: A, valid_for: y}\n")).size() == 1);
    for (const char* ok : {"90d", "52w", "24m", "3y"})
        CHECK(faults(catalog(std::string("  - {id: a, title: A, valid_for: ") + ok + "}\n")).empty());
}

TEST_CASE("faults: duplicate ids name both places") {
    CHECK(faults(catalog("  - {id: a, title: A}\n  - {id: a, title: B}\n")) ==
          Strings{"3:10: error: id 'a' is defined again at t.yaml:4:10",
                  "4:10: error: duplicate id 'a' (first defined at t.yaml:3:10)"});
}

TEST_CASE("faults: rules") {
    CHECK(faults(catalog("  - {id: py-fund, title: A}\n  - {id: b, title: B, requires: py-fnd}\n")) ==
          Strings{"4:33: error: 'b' requires unknown credential 'py-fnd' (did you mean 'py-fund'?)"});
    CHECK(faults(catalog("  - {id: a, title: A, requires: {credits: 3, from: [zz]}}\n")) ==
          Strings{"3:53: error: 'a' counts credits from unknown credential 'zz'"});
    CHECK(faults(catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: {at_least: 2, of: [a]}}\n")) ==
          Strings{"4:33: error: at_least 2 is larger than its `of` list of 1"});
    CHECK(faults(catalog("  - {id: b, title: B, requires: {any: []}}\n")) ==
          Strings{"3:33: error: `any: []` can never be met: list at least one rule"});
    CHECK(faults(catalog("  - {id: a, title: A, credits: 2}\n  - {id: b, title: B, requires: {credits: 3, from: [a]}}\n")) ==
          Strings{"4:33: error: 'b' needs 3 credits from its sources, which add up to 2 at most"});
    CHECK(faults(catalog("  - {id: a, title: A, credits: 2, tags: [t]}\n"
                         "  - {id: b, title: B, credits: 5, tags: [t], requires: {credits: 3, tagged: [t]}}\n")) ==
          Strings{"4:56: error: 'b' needs 3 credits from its sources, which add up to 2 at most"});
    CHECK(faults(catalog("  - {id: a, title: A, skills: [sql]}\n  - {id: b, title: B, skills: [python], requires: {skills: [python]}}\n")) ==
          Strings{"4:61: error: no other credential teaches skill 'python'"});
    CHECK(faults(catalog("  - {id: a, title: A, skills: [python]}\n  - {id: b, title: B, requires: {skills: [pyton]}}\n")) ==
          Strings{"4:43: error: no other credential teaches skill 'pyton' (did you mean 'python'?)"});
    CHECK(faults(catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: {all: [a], any: [a]}}\n")) ==
          Strings{"4:33: error: a rule has one operator; this one has 2 (all, any)"});
    CHECK(faults(catalog("  - {id: b, title: B, requires: {allof: [a]}}\n")) ==
          Strings{"3:33: error: a rule mapping needs one of all, any, at_least, credits, skills",
                  "3:34: error: unknown key 'allof' (did you mean 'all'?)"});
    CHECK(faults(catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: {at_least: 1}}\n")) ==
          Strings{"4:33: error: an at_least rule needs an `of` list"});
    CHECK(faults(catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: {credits: 1}}\n")) ==
          Strings{"4:33: error: a credits rule needs `from` (ids) or `tagged` (tags)"});
    CHECK(faults(catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: {credits: 0, from: [a], tagged: [x]}}\n")) ==
          Strings{"4:33: error: a credits rule takes `from` or `tagged`, not both"});
    CHECK(faults(catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: {all: a}}\n")) ==
          Strings{"4:39: error: expected a list of rules, found a scalar"});
    CHECK(faults(catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: [a]}\n")) ==
          Strings{"4:33: error: a rule is a credential id or a mapping with one of all, any, at_least, credits, skills; "
                  "found a list"});
}

TEST_CASE("faults: cycles print their path, through every rule kind") {
    CHECK(faults(catalog("  - {id: a, title: A, requires: b}\n  - {id: b, title: B, requires: {all: [c]}}\n"
                         "  - {id: c, title: C, requires: {any: [a]}}\n")) ==
          Strings{"3:10: error: dependency cycle: a -> b -> c -> a"});
    CHECK(faults(catalog("  - {id: a, title: A, requires: a}\n")) == Strings{"3:10: error: dependency cycle: a -> a"});
    // tagged: b pools credits tagged t, and a (tagged t) requires b.
    CHECK(faults(catalog("  - {id: a, title: A, credits: 3, tags: [t], requires: b}\n"
                         "  - {id: b, title: B, requires: {credits: 3, tagged: [t]}}\n")) ==
          Strings{"3:10: error: dependency cycle: a -> b -> a"});
    // skills: b needs sql, taught by a, which requires b.
    CHECK(faults(catalog("  - {id: a, title: A, skills: [sql], requires: b}\n"
                         "  - {id: b, title: B, requires: {skills: [sql]}}\n")) ==
          Strings{"3:10: error: dependency cycle: a -> b -> a"});
    // Two separate cycles are both reported.
    CHECK(faults(catalog("  - {id: a, title: A, requires: b}\n  - {id: b, title: B, requires: a}\n"
                         "  - {id: c, title: C, requires: d}\n  - {id: d, title: D, requires: c}\n"))
              .size() == 2);
}

TEST_CASE("warnings for what a careful author wants to know") {
    CHECK(faults(catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: {at_least: 0, of: [a]}}\n")) ==
          Strings{"4:33: warning: `at_least: 0` is always met"});
    CHECK(faults(catalog("  - {id: a, title: Same, provider: P}\n  - {id: b, title: Same, provider: P}\n")) ==
          Strings{"4:10: warning: 'b' has the same provider and title as 'a' (t.yaml:3:10)"});
    CHECK(faults(catalog("  - {id: a, title: Same, provider: P}\n  - {id: b, title: Same, provider: Q}\n")).empty());
    CHECK(faults(catalog("  - {id: a, title: A, tags: [x, x]}\n")) == Strings{"3:33: warning: 'x' is listed twice"});
    CHECK(faults(catalog("  - {id: b, title: B, requires: {all: []}}\n")) ==
          Strings{"3:33: warning: `all: []` is always met; is something missing?"});
}

TEST_CASE("all faults of a file come in one run, sorted by line") {
    auto list = faults(catalog("  - {id: a, title: A, cost: -1, kost: 1, level: 12}\n  - {id: b, title: B, requires: zz}\n"));
    CHECK(list.size() == 4);
    CHECK(std::is_sorted(list.begin(), list.end()));
}

TEST_CASE("currency must agree across files") {
    LoadResult r = load_catalog_sources(
        {{"a.yaml", "format: credpath/1\ncatalog: {currency: EUR}\n"},
         {"b.yaml", "format: credpath/1\ncatalog: {currency: USD}\n"},
         {"c.yaml", "format: credpath/1\n"}});
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].file == "b.yaml");
    CHECK(r.diagnostics[0].message ==
          "currency USD differs from EUR set at a.yaml:2:21; all files loaded together use one currency");
    CHECK(r.diagnostics[1].file == "c.yaml");
}

TEST_CASE("directories expand to sorted yaml files; missing paths are faults") {
    std::vector<Diagnostic> diagnostics;
    auto files = expand_catalog_paths({std::string(CREDPATH_SOURCE_DIR) + "/tests/data/tree"}, diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(files.size() == 3);
    CHECK(files[0].ends_with("tree/a.yaml"));
    CHECK(files[1].ends_with("tree/b/c.yml"));
    CHECK(files[2].ends_with("tree/b/d.yaml"));
    LoadResult r = load_catalog({std::string(CREDPATH_SOURCE_DIR) + "/tests/data/tree"});
    CHECK(r.ok());
    CHECK(r.catalog.credentials.size() == 3);
    LoadResult missing = load_catalog({"/nonexistent/catalog.yaml"});
    REQUIRE(missing.diagnostics.size() == 1);
    CHECK(missing.diagnostics[0].code == "io");
}

}  // namespace credpath
