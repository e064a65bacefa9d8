#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <unistd.h>

#include "credpath/load/loader.hpp"
#include "loader_support.hpp"
#include "test_support.hpp"
#include "yaml_reader.hpp"

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
          Strings{"3:29: error: cost: expected a number, found a quoted string"});
    CHECK(faults(catalog("  - {id: a, title: A, cost: cheap}\n")) == Strings{"3:29: error: cost: expected a number, found 'cheap'"});
    CHECK(faults(catalog("  - {id: a, title: A, cost: -1}\n")) ==
          Strings{"3:29: error: -1 is negative; this value must be >= 0"});
    CHECK(faults(catalog("  - {id: a, title: A, hours: .nan}\n")) == Strings{"3:30: error: .nan is not a finite number"});
    CHECK(faults(catalog("  - {id: a, title: A, weeks: -.inf}\n")) == Strings{"3:30: error: -.inf is not a finite number"});
    CHECK(faults(catalog("  - {id: a, title: A, credits: 1e999}\n")) ==
          Strings{"3:32: error: 1e999 is out of range (at most 1000000000000)"});
    CHECK(faults(catalog("  - {id: a, title: A, cost: 1e13}\n")) ==
          Strings{"3:29: error: 1e13 is out of range (at most 1000000000000)"});
    CHECK(faults(catalog("  - {id: a, title: A, tags: data}\n")) ==
          Strings{"3:29: error: tags: expected a list such as [a, b], found a scalar"});
    CHECK(faults(catalog("  - {id: a, title: {x: 1}}\n")) == Strings{"3:20: error: title: expected a string, found a mapping"});
    CHECK(faults(catalog("  - {id: a, title: A, level: 9}\n")) == Strings{"3:30: error: level 9 is outside 1..8 (EQF levels)"});
    CHECK(faults(catalog("  - {id: a, title: A, level: 0}\n")) == Strings{"3:30: error: level 0 is outside 1..8 (EQF levels)"});
    CHECK(faults(catalog("  - {id: a, title: A, level: 2.5}\n")) == Strings{"3:30: error: level: expected a whole number, found 2.5"});
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
          "currency USD differs from EUR set at a.yaml:2:21; give --rates FILE with rates for USD and EUR to convert "
          "between them");
    CHECK(r.diagnostics[1].file == "c.yaml");
}

TEST_CASE("a directory's files of other formats are left out with a warning; a named file and credpath/2 are not") {
    const std::string folder = std::string(CREDPATH_SOURCE_DIR) + "/tests/cli/fixtures/folder-with-profile";
    std::vector<Diagnostic> diagnostics;
    auto files = expand_catalog_paths({folder}, diagnostics);
    REQUIRE(files.size() == 1);
    CHECK(files[0].ends_with("folder-with-profile/catalog.yaml"));
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0].severity == Severity::Warning);
    CHECK(diagnostics[0].code == kSkippedFile);
    CHECK(diagnostics[0].file.ends_with("ana.yaml"));
    CHECK(diagnostics[0].line == 1);
    CHECK(diagnostics[0].column == 9);
    CHECK(diagnostics[0].message == "skipped: its format is 'credpath-profile/1', not a catalog's (credpath/1)");
    CHECK(diagnostics[1].file.ends_with("rates.yaml"));
    // The load of the folder is the catalog's alone, with the two warnings.
    LoadResult r = load_catalog({folder});
    CHECK(r.ok());
    CHECK(r.catalog.credentials.size() == 2);
    // A file named on its own is read whatever it says, and refused.
    diagnostics.clear();
    CHECK(expand_catalog_paths({folder + "/ana.yaml"}, diagnostics).size() == 1);
    CHECK(diagnostics.empty());
    // A catalog of another version in a folder is read, and refused there.
    diagnostics.clear();
    CHECK(expand_catalog_paths({std::string(CREDPATH_SOURCE_DIR) + "/tests/cli/fixtures/broken"}, diagnostics).size() == 3);
    CHECK(diagnostics.empty());
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

TEST_CASE("duplicate titles: each repeat names the first credential like it") {
    std::mt19937 random(3);
    for (int round = 0; round < 20; ++round) {
        const std::vector<std::string> providers{"P", "Q", "\"\""}, titles{"A", "B", "Same title"};
        std::string text = "format: credpath/1\ncredentials:\n";
        std::vector<std::pair<std::string, std::string>> keys;
        for (int i = 0; i < 120; ++i) {
            const std::string provider = providers[random() % providers.size()];
            const std::string title = titles[random() % titles.size()];
            text += "  - {id: c" + std::to_string(i) + ", title: " + title + ", provider: " + provider + "}\n";
            keys.emplace_back(provider, title);
        }
        std::vector<std::string> expected;
        for (std::size_t i = 0; i < keys.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (keys[j] == keys[i]) {
                    expected.push_back(std::to_string(i + 3) + ":10: warning: 'c" + std::to_string(i) +
                                       "' has the same provider and title as 'c" + std::to_string(j) + "' (t.yaml:" +
                                       std::to_string(j + 3) + ":10)");
                    break;
                }
        CHECK(test::faults(text) == expected);
    }
}

TEST_CASE("a large catalog's rules, walked in slices, give their faults in order; the first 500 get suggestions") {
    // Every 55th credential requires an unknown id one letter off a real one;
    // the rest have long ids, which no suggestion needs to weigh.
    std::string text = "format: credpath/1\ncredentials:\n";
    std::vector<std::string> expected;
    int unknown = 0;
    for (int i = 0; i < 34000; ++i) {
        const std::string number = std::to_string(i);
        std::string line =
            "  - {id: " + (i % 55 == 0 ? "n" + number : "filler-credential-" + number) + ", title: T" + number;
        if (i % 55 == 54) {
            const std::string near = "n" + std::to_string(i - 54);
            line += ", requires: ";
            const std::string place = std::to_string(i + 3) + ":" + std::to_string(line.size() + 1);
            line += near + "x";
            expected.push_back(place + ": error: 'filler-credential-" + number + "' requires unknown credential '" +
                               near + "x'" + (unknown++ < 500 ? " (did you mean '" + near + "'?)" : std::string()));
        }
        text += line + "}\n";
    }
    REQUIRE(unknown > 600);
    CHECK(test::faults(text) == expected);
}

// ---------------------------------------------------------------- reading in blocks

namespace {

// The check as it was when files were read whole: the reference for the
// incremental one.
std::vector<yaml::ReadError> whole_file_check(std::string_view bytes) {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
    std::size_t i = 0;
    const std::size_t n = bytes.size();
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
    while (i < n) {
        const unsigned char c = at(i);
        if (c == 0) return {{line, column, "encoding", "the file holds a NUL byte: it is binary, not YAML text"}};
        if (c == '\n') {
            ++line;
            column = 1;
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (c < 0x80) {
            length = 1;
        } else if ((c & 0xE0) == 0xC0) {
            length = 2;
            code = c & 0x1Fu;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            code = c & 0x0Fu;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            code = c & 0x07u;
        }
        bool valid = length != 0 && i + length <= n;
        for (std::size_t k = 1; valid && k < length; ++k) {
            if ((at(i + k) & 0xC0) != 0x80) valid = false;
            code = (code << 6) | (at(i + k) & 0x3Fu);
        }
        if (valid && ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
                      (length == 4 && (code < 0x10000 || code > 0x10FFFF)) || (code >= 0xD800 && code <= 0xDFFF)))
            valid = false;
        if (!valid) return {{line, column, "encoding", "invalid UTF-8: YAML files must be UTF-8 text"}};
        i += length;
        ++column;
    }
    return {};
}

std::string describe(const std::vector<yaml::ReadError>& errors) {
    std::string out;
    for (const yaml::ReadError& e : errors)
        out += std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.code + ": " + e.message + "\n";
    return out;
}

// The check fed in blocks of the given sizes (cycled).
std::string check_in_blocks(std::string_view bytes, const std::vector<std::size_t>& sizes) {
    yaml::EncodingCheck check;
    std::size_t at = 0;
    for (std::size_t k = 0; at < bytes.size(); ++k) {
        const std::size_t size = std::min(sizes[k % sizes.size()], bytes.size() - at);
        if (!check.feed(bytes.substr(at, size))) break;
        at += size;
    }
    check.finish();
    return check.fault() ? describe({*check.fault()}) : std::string();
}

// Memory handed out in blocks of the given sizes (cycled); throws at block
// `fail_at` when asked to.
class BlockInput : public yaml::Input {
public:
    BlockInput(std::string_view bytes, std::vector<std::size_t> sizes, std::size_t fail_at = SIZE_MAX)
        : bytes_(bytes), sizes_(std::move(sizes)), fail_at_(fail_at) {}
    std::string_view next() override {
        if (blocks_ == fail_at_) throw std::runtime_error("disk on fire");
        if (at_ >= bytes_.size()) return {};
        const std::size_t size = std::min(sizes_[blocks_++ % sizes_.size()], bytes_.size() - at_);
        // A copy, reused, so a block is gone once the next one is read.
        copy_.assign(bytes_.substr(at_, size));
        at_ += size;
        return copy_;
    }

private:
    std::string_view bytes_;
    std::vector<std::size_t> sizes_;
    std::size_t fail_at_;
    std::size_t blocks_ = 0;
    std::size_t at_ = 0;
    std::string copy_;
};

std::string dump(const yaml::Node& node) {
    std::string out = std::to_string(static_cast<int>(node.type)) + (node.quoted ? "q" : "") + "@" +
                      std::to_string(node.line) + ":" + std::to_string(node.column);
    if (node.is_scalar()) out += "'" + node.text + "'";
    if (!node.children.empty()) {
        out += "(";
        for (const yaml::Node& child : node.children) out += dump(child) + ",";
        out += ")";
    }
    return out;
}

// Everything a read gives: the items in order, the tree and the errors.
std::string read_all(yaml::Input& input, bool pipeline, std::size_t batch_items = 64, std::size_t queue_batches = 16) {
    yaml::ReadOptions options;
    options.stream_key = "credentials";
    options.pipeline = pipeline;
    options.batch_items = batch_items;
    options.queue_batches = queue_batches;
    std::string items;
    options.on_item = [&](yaml::Node&& item) { items += dump(item) + "\n"; };
    yaml::ReadResult r = yaml::read(input, options);
    if (r.items_void) items.clear();  // as the contract asks
    return items + "document " + std::to_string(r.has_document) + " void " + std::to_string(r.items_void) + "\n" +
           (r.errors.empty() ? dump(r.root) + "\n" : std::string()) + describe(r.errors);
}

// "c" and the number.
template <class Number>
std::string id_of(Number i) {
    std::string id = "c";
    id += std::to_string(i);
    return id;
}

std::string read_all(std::string_view text, bool pipeline) {
    yaml::MemoryInput input(text);
    return read_all(input, pipeline);
}

const std::vector<std::string> reader_cases{
    test::catalog("  - {id: a, title: A, tags: [x, y]}\n  - id: b\n    title: B\n    requires: {all: [a]}\n"),
    test::catalog("  - {id: a, title: A}\n  - {id: b, title: \"unterminated}\n  - {id: c, title: C}\n"),
    test::catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: [[[[[[[]]]]]]]}\n"),
    "format: credpath/1\nbase: &b {title: T, tags: [t]}\ncredentials:\n  - {id: a, title: A}\n  - *b\n  - &c {id: c, title: C}\n  - *c\n",
    "format: credpath/1\ncredentials: []\n---\ncredentials:\n  - {id: z, title: Z}\n",
    "format: credpath/1\ncatalog: {name: \"Gestión — 数据 🎓\"}\ncredentials:\n  - {id: a, title: \"ü 🎓 é\"}\n",
    "",
    "\xEF\xBB\xBF" "format: credpath/1\n",
    "a",
    "ab\n",
    "format: credpath/1\ncredentials:\n  - {id: a, title: A}\n  - {id: b, title: \"\xC3\x28\"}\n",
    "format: credpath/1\ncredentials:\n  - {id: a, title: A}\n  - {id: b, title: \"caf\xC3\xA9\"}\n  - {id: c, title: \"\xE2\x82\"}\n",
    std::string("format: credpath/1\ncredentials:\n  - {id: a, title: A}\n\0\n", 43),
    // A quoted string open to the end of a file that ends with a line break
    // (after it the parser is given one more byte), and valid endings.
    test::catalog("  - id: a\n    title: \"open\n  - {id: b, title: B}\n"),
    "a: 'x\n",
    "\n",
    test::catalog("  - id: a\n    title: A\n    description: |\n      text\n"),
};

}  // namespace

TEST_CASE("the encoding check fed in blocks finds the fault the whole-file check finds") {
    std::mt19937 random(7);
    const std::vector<std::string> pieces{"a", "b c", "\n", "\t", "\r\n", "é", "€", "😀", "数", "\xC3", "\x82",
                                          "\xE2\x82", "\xF0\x9F", "\xFF", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                          std::string("\0", 1), "abcdefghijklmnop", "0123456\n89abcde\n"};
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        const int count = static_cast<int>(random() % 40);
        for (int k = 0; k < count; ++k) {
            // Mostly good text, so faults land anywhere in it.
            const std::size_t pick = random() % 8 == 0 ? random() % pieces.size() : (random() % 2 ? 18 : random() % 9);
            text += pieces[pick];
        }
        const std::string expected = describe(whole_file_check(text));
        CHECK(describe(yaml::check_encoding(text)) == expected);
        for (const std::vector<std::size_t>& sizes : std::vector<std::vector<std::size_t>>{
                 {1}, {2}, {3}, {5}, {7}, {8}, {9}, {13}, {1, 8, 2}, {random() % 20 + 1, random() % 20 + 1}})
            CHECK(check_in_blocks(text, sizes) == expected);
    }
}

TEST_CASE("a character cut by a block boundary: fine whole, faulty at its first byte") {
    // "x: " then a four-byte character at line 2, column 4.
    const std::string good = "first line\nx: \xF0\x9F\x8E\x93 and more\n";
    const std::string cut = "first line\nx: \xF0\x9F\x8E";        // cut off by the end
    const std::string broken = "first line\nx: \xF0\x9F\x8E" "A\n";  // a fourth byte that does not continue it
    for (std::size_t first = 1; first < good.size(); ++first) {
        CHECK(check_in_blocks(good, {first, 1000}).empty());
        CHECK(check_in_blocks(cut, {first, 1000}) == "2:4: encoding: invalid UTF-8: YAML files must be UTF-8 text\n");
        CHECK(check_in_blocks(broken, {first, 1000}) ==
              "2:4: encoding: invalid UTF-8: YAML files must be UTF-8 text\n");
    }
    // Long ASCII runs take the eight-bytes-at-a-time path; lines and columns still count exactly.
    std::string runs;
    for (int k = 0; k < 50; ++k) runs += std::string(static_cast<std::size_t>(k), 'x') + "\n";
    CHECK(describe(yaml::check_encoding(runs + "abcdefghijk\xFF")) ==
          "51:12: encoding: invalid UTF-8: YAML files must be UTF-8 text\n");
    CHECK(describe(yaml::check_encoding(runs + "abcdefghijkl" + std::string("\0", 1))) ==
          "51:13: encoding: the file holds a NUL byte: it is binary, not YAML text\n");
}

TEST_CASE("reading in blocks, on one thread or two, gives what reading at once gives") {
    for (const std::string& text : reader_cases) {
        const std::string expected = read_all(text, false);
        CHECK(read_all(text, true) == expected);
        for (const std::vector<std::size_t>& sizes :
             std::vector<std::vector<std::size_t>>{{1}, {2}, {3}, {5, 1}, {7}, {64}, {4096}}) {
            BlockInput serial(text, sizes);
            CHECK(read_all(serial, false) == expected);
            BlockInput pipelined(text, sizes);
            CHECK(read_all(pipelined, true, 1, 1) == expected);
            BlockInput batched(text, sizes);
            CHECK(read_all(batched, true, 2, 3) == expected);
        }
    }
}

TEST_CASE("an encoding fault anywhere voids the items read before it, whatever the blocks") {
    const std::string text = reader_cases[11];  // a cut sequence in the third credential
    for (bool pipeline : {false, true}) {
        BlockInput input(text, {8});
        const std::string all = read_all(input, pipeline);
        CHECK(all.find("document 0 void 1\n5:21: encoding: invalid UTF-8") != std::string::npos);
    }
    // Read at once, the parser never sees such a file.
    CHECK(read_all(text, true) == "document 0 void 1\n5:21: encoding: invalid UTF-8: YAML files must be UTF-8 text\n");
}

TEST_CASE("the pipelined reader: items in order, then the parser's fault") {
    std::string text = "format: credpath/1\ncredentials:\n";
    for (int i = 0; i < 500; ++i) text += "  - {id: c" + std::to_string(i) + ", title: T}\n";
    text += "  - {id: bad, title: [}\n";
    for (int i = 500; i < 600; ++i) text += "  - {id: c" + std::to_string(i) + ", title: T}\n";
    yaml::ReadOptions options;
    options.stream_key = "credentials";
    options.batch_items = 7;
    options.queue_batches = 2;
    std::vector<std::string> ids;
    options.on_item = [&](yaml::Node&& item) { ids.push_back(item.value(0).text); };
    BlockInput input(text, {100});
    yaml::ReadResult r = yaml::read(input, options);
    REQUIRE(ids.size() == 500);
    for (int i = 0; i < 500; ++i) CHECK(ids[static_cast<std::size_t>(i)] == id_of(i));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == "syntax");
    CHECK(r.errors[0].line == 503);
    CHECK_FALSE(r.items_void);
}

TEST_CASE("the pipelined reader: a failing item stops the parser and leaves as thrown") {
    std::string text = "format: credpath/1\ncredentials:\n";
    for (int i = 0; i < 5000; ++i) text += "  - {id: c" + std::to_string(i) + ", title: T}\n";
    for (std::size_t fail_at : {0u, 1u, 6u, 7u, 100u, 4999u}) {
        yaml::ReadOptions options;
        options.stream_key = "credentials";
        options.batch_items = 7;
        options.queue_batches = 1;
        std::size_t seen = 0;
        options.on_item = [&](yaml::Node&&) {
            if (seen++ == fail_at) throw std::invalid_argument("item " + std::to_string(fail_at));
        };
        BlockInput input(text, {64});
        CHECK_THROWS_WITH_AS(yaml::read(input, options), ("item " + std::to_string(fail_at)).c_str(),
                             std::invalid_argument);
        CHECK(seen == fail_at + 1);  // nothing after the failing item
    }
}

TEST_CASE("the pipelined reader: a failing input leaves as thrown, after the items before it") {
    std::string text = "format: credpath/1\ncredentials:\n";
    for (int i = 0; i < 3000; ++i) text += "  - {id: c" + std::to_string(i) + ", title: T}\n";
    for (bool pipeline : {false, true})
        for (std::size_t fail_at : {0u, 1u, 10u, 200u, 600u}) {
            yaml::ReadOptions options;
            options.stream_key = "credentials";
            options.pipeline = pipeline;
            options.batch_items = 3;
            std::vector<std::string> ids;
            options.on_item = [&](yaml::Node&& item) { ids.push_back(item.value(0).text); };
            BlockInput input(text, {100}, fail_at);
            CHECK_THROWS_WITH_AS(yaml::read(input, options), "disk on fire", std::runtime_error);
            // Whole items before the failing block, in order, none after.
            CHECK(ids.size() <= 100 * fail_at / 20);
            if (fail_at >= 200) CHECK(ids.size() >= 100 * (fail_at - 100) / 30);
            for (std::size_t i = 0; i < ids.size(); ++i) CHECK(ids[i] == id_of(i));
        }
}

namespace {
// A file under the system's temporary directory, removed at the end.
struct TempFile {
    std::string path;
    explicit TempFile(const std::string& text) {
        static std::atomic<int> serial{0};
        path = (std::filesystem::temp_directory_path() /
                ("credpath-test-" + std::to_string(::getpid()) + "-" + std::to_string(serial++) + ".yaml"))
                   .string();
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempFile() { std::filesystem::remove(path); }
};

// A catalog of `count` credentials, each tagged and teaching, each after the
// first requiring the one before.
std::string numbered_catalog(int count, const std::string& title_of_last = "Last") {
    std::string text = "format: credpath/1\ncredentials:\n";
    for (int i = 0; i < count; ++i)
        text += "  - {id: c" + std::to_string(i) + ", title: " +
                (i + 1 == count ? title_of_last : "T " + std::to_string(i)) + ", tags: [t" + std::to_string(i % 3) + "], skills: [s" + std::to_string(i % 5) +
                "]" + (i > 0 ? ", requires: c" + std::to_string(i - 1) : std::string()) + "}\n";
    return text;
}

std::vector<std::string> formatted(const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics) out.push_back(format_diagnostic(d));
    return out;
}
}  // namespace

TEST_CASE("a file read in blocks loads as the same text in memory") {
    // Past a block of the reader and past the first blocks of credentials.
    const std::string text = numbered_catalog(8000, "\"caf\xC3\xA9 \xF0\x9F\x8E\x93 7999\"") + "  - {id: c7, title: again}\n";
    REQUIRE(text.size() > 2 * FileInput::block_bytes);
    TempFile file(text);
    const LoadResult from_file = load_catalog({file.path});
    const LoadResult from_memory = load_catalog_sources({{file.path, text}});
    CHECK(formatted(from_file.diagnostics) == formatted(from_memory.diagnostics));
    CHECK(formatted(from_file.diagnostics) ==
          std::vector<std::string>{file.path + ":10:10: error: id 'c7' is defined again at " + file.path + ":8003:10",
                                   file.path + ":8003:10: error: duplicate id 'c7' (first defined at " + file.path +
                                       ":10:10)"});
    REQUIRE(from_file.catalog.credentials.size() == 8000);
    for (std::uint32_t i = 0; i < 8000; ++i) {
        const Credential& c = from_file.catalog.credentials[i];
        CHECK(c.id == id_of(i));
        CHECK(from_file.catalog.find(c.id) == i);
    }
    CHECK(from_file.catalog.credentials.back().title == "caf\xC3\xA9 \xF0\x9F\x8E\x93 7999");
    CHECK(from_file.catalog.by_tag.at("t1") == from_memory.catalog.by_tag.at("t1"));
    CHECK(from_file.catalog.by_skill.at("s4") == from_memory.catalog.by_skill.at("s4"));
    CHECK(from_file.catalog.by_skill.at("s4").size() == 1600);
}

TEST_CASE("credentials past the growing blocks keep their order and places") {
    std::string text = "format: credpath/1\ncredentials:\n";
    for (int i = 0; i < 70000; ++i) text += "  - {id: c" + std::to_string(i) + ", title: T}\n";
    const LoadResult r = load_catalog_text(text);
    REQUIRE(r.ok());
    REQUIRE(r.catalog.credentials.size() == 70000);
    for (std::uint32_t i = 0; i < 70000; ++i) {
        CHECK(r.catalog.credentials[i].id == id_of(i));
        CHECK(r.catalog.find(id_of(i)) == i);
    }
}

TEST_CASE("an encoding fault past the first block takes back what the file had added") {
    std::string bad = numbered_catalog(8000) + "  - {id: late, title: \"\xC3\x28\"}\n";
    REQUIRE(bad.size() > 2 * FileInput::block_bytes);
    // A fault in a character cut by the reader's block boundary, too.
    std::string cut = numbered_catalog(4000);
    cut.resize(FileInput::block_bytes - 1);
    cut += "\xE2\x82";
    TempFile good_first(test::catalog("  - {id: c5, title: First, tags: [t9]}\n  - {id: x, title: X}\n"));
    TempFile bad_file(bad);
    TempFile cut_file(cut);
    TempFile good_last(test::catalog("  - {id: y, title: Y, tags: [t1], requires: x}\n"));
    const LoadResult r = load_catalog({good_first.path, bad_file.path, cut_file.path, good_last.path});
    CHECK(formatted(r.diagnostics) ==
          std::vector<std::string>{bad_file.path + ":8003:24: error: invalid UTF-8: YAML files must be UTF-8 text",
                                   cut_file.path + ":" + std::to_string(std::count(cut.begin(), cut.end(), '\n') + 1) +
                                       ":" + std::to_string(cut.size() - cut.rfind('\n') - 2) +
                                       ": error: invalid UTF-8: YAML files must be UTF-8 text"});
    REQUIRE(r.catalog.files.size() == 4);
    REQUIRE(r.catalog.credentials.size() == 3);
    CHECK(r.catalog.credentials[2].id == "y");
    CHECK(r.catalog.find("y") == 2u);
    CHECK_FALSE(r.catalog.find("c6"));
    CHECK(r.catalog.by_tag.at("t1") == std::vector<std::uint32_t>{2});
    CHECK(r.catalog.by_tag.at("t9") == std::vector<std::uint32_t>{0});
    CHECK(r.catalog.by_tag.count("t0") == 0);
    CHECK(r.catalog.by_skill.empty());
}

TEST_CASE("files: what cannot be opened or read") {
    FileInput directory;
    CHECK(directory.open(std::string(CREDPATH_SOURCE_DIR) + "/tests", 100) ==
          FileProblem{"io", "is a directory, not a file"});
    FileInput missing;
    CHECK(missing.open("/nonexistent/x.yaml", 100) == FileProblem{"io", "cannot open: No such file or directory"});
    TempFile file(std::string(3000, 'x'));
    FileInput large;
    CHECK(large.open(file.path, 2999) == FileProblem{"limit", "file is 3000 bytes, over the limit of 2999 bytes (--max-file-size raises it)"});
    FileInput shrinking;
    REQUIRE_FALSE(shrinking.open(file.path, 3000));
    std::filesystem::resize_file(file.path, 10);
    CHECK_THROWS_AS(shrinking.next(), FileReadError);
    FileInput whole;
    REQUIRE_FALSE(whole.open(file.path, 3000));
    CHECK(whole.next() == std::string(10, 'x'));
    CHECK(whole.next().empty());
}

}  // namespace credpath

namespace credpath {

TEST_CASE("loader: starts takes sorted dates or a recurrence") {
    LoadResult r = load_catalog_text(test::catalog(R"(  - {id: a, title: A, starts: [2027-01-11, 2027-09-06]}
  - {id: b, title: B, starts: {every: 4w, from: 2027-01-04}}
  - {id: c, title: C, starts: {every: 1m, from: 2027-01-31, until: 2027-12-31}}
  - {id: d, title: D}
)"));
    REQUIRE(r.ok());
    const Catalog& c = r.catalog;
    REQUIRE(c.credentials[0].starts);
    CHECK(c.credentials[0].starts->dates == std::vector<Date>{Date{2027, 1, 11}, Date{2027, 9, 6}});
    REQUIRE(c.credentials[1].starts);
    CHECK(c.credentials[1].starts->every->count == 4);
    CHECK(c.credentials[1].starts->every->unit == 'w');
    CHECK(c.credentials[1].starts->from == Date{2027, 1, 4});
    CHECK_FALSE(c.credentials[1].starts->until);
    CHECK(c.credentials[2].starts->until == std::optional<Date>(Date{2027, 12, 31}));
    CHECK_FALSE(c.credentials[3].starts);
}

TEST_CASE("loader: bad starts are located") {
    CHECK(test::faults(test::catalog(R"(  - {id: a, title: A, starts: [2027-01-11, 2027-02-30, 2027-01-04, 2027-01-11]}
  - {id: b, title: B, starts: {every: 0w, from: 2027-01-04}}
  - {id: c, title: C, starts: {every: 2y, from: 2027-01-04, until: 2026-01-01}}
  - {id: d, title: D, starts: {evry: 4w}}
  - {id: e, title: E, starts: []}
  - {id: f, title: F, starts: soon}
)")) == std::vector<std::string>{
              "3:44: error: start date '2027-02-30' is not a day: February 2027 has 28 days",
              "3:56: error: start date 2027-01-04 comes after 2027-01-11: list the dates in order",
              "3:68: error: start date 2027-01-11 is given twice",
              "4:39: error: every '0w' is not a period: write <N>d, <N>w or <N>m, N from 1 (e.g. 4w)",
              "5:39: error: every '2y' is not a period: write <N>d, <N>w or <N>m, N from 1 (e.g. 4w)",
              "5:68: error: until 2026-01-01 is before from 2027-01-04",
              "6:31: error: a recurring start needs `every` and `from`",
              "6:32: error: unknown key 'evry' (did you mean 'every'?)",
              "7:31: error: starts lists no date: leave it out for a credential that starts any day",
              "8:31: error: starts is a list of dates or a mapping such as {every: 4w, from: 2027-01-04}; found a scalar"});
}

TEST_CASE("loader: excludes lists ids, each with its place") {
    LoadResult r = load_catalog_text(test::catalog(R"(  - {id: a, title: A}
  - {id: b, title: B, excludes: [a, c]}
  - {id: c, title: C}
)"));
    REQUIRE(r.ok());
    const Credential& b = r.catalog.credentials[1];
    CHECK(b.excludes == std::vector<std::string>{"a", "c"});
    REQUIRE(b.exclude_locs.size() == 2);
    CHECK(b.exclude_locs[1].line == 4);
    CHECK(b.exclude_locs[1].column == 37);
    CHECK(r.catalog.credentials[0].excludes.empty());
}

TEST_CASE("loader: bad excludes are located, unknown ids with a suggestion") {
    CHECK(test::faults(test::catalog(R"(  - {id: alpha, title: Alpha, excludes: [alpah]}
  - {id: beta, title: Beta, excludes: [beta, alpha, alpha, "no good"]}
  - {id: gamma, title: Gamma, excludes: alpha}
)")) == std::vector<std::string>{
              "3:42: error: 'alpha' excludes unknown credential 'alpah' (did you mean 'alpha'?)",
              "4:40: error: 'beta' excludes itself",
              "4:53: warning: 'alpha' is listed twice",
              "4:60: error: 'no good' is not a valid credential id",
              "5:41: error: excludes is a list of credential ids, such as [dai-py-selfpaced]; found a scalar"});
}

TEST_CASE("loader: overlap limits name a credential and a count, each with its place") {
    LoadResult r = load_catalog_text(test::catalog(R"(  - {id: a, title: A}
  - {id: b, title: B, overlap: [{with: a, at_most: 2}]}
)"));
    REQUIRE(r.ok());
    const Credential& b = r.catalog.credentials[1];
    REQUIRE(b.overlap.size() == 1);
    CHECK(b.overlap[0].with == "a");
    CHECK(b.overlap[0].at_most == 2);
    CHECK(b.overlap[0].loc.line == 4);
    CHECK(b.overlap[0].loc.column == 40);
    CHECK(r.catalog.credentials[0].overlap.empty());
}

TEST_CASE("loader: bad overlap limits are located, unknown ids with a suggestion") {
    CHECK(test::faults(test::catalog(R"(  - {id: alpha, title: Alpha, overlap: [{with: alpah, at_most: 1}]}
  - {id: beta, title: Beta, overlap: [{with: beta, at_most: 1}, {with: alpha, at_most: -1}]}
  - {id: gamma, title: Gamma, overlap: [{with: alpha}, {with: beta, at_most: 1, most: 2}, alpha]}
  - {id: delta, title: Delta, overlap: {with: alpha, at_most: 1}}
  - {id: eps, title: Eps, overlap: [{with: alpha, at_most: 1}, {with: alpha, at_most: 2}]}
)")) == std::vector<std::string>{
              "3:48: error: 'alpha' limits its overlap with unknown credential 'alpah' (did you mean 'alpha'?)",
              "4:46: error: 'beta' limits its overlap with itself",
              "4:88: error: -1 is negative; this value must be >= 0",
              "5:41: error: an overlap limit needs `at_most`, such as {with: dai-diploma, at_most: 2}",
              "5:81: error: unknown key 'most'",
              "5:91: error: an overlap limit is a mapping such as {with: dai-diploma, at_most: 2}; found a scalar",
              "6:40: error: overlap is a list such as [{with: dai-diploma, at_most: 2}]; found a mapping",
              "7:71: error: 'alpha' has two overlap limits: give one"});
}

TEST_CASE("loader: also_required and external, as an import writes them") {
    LoadResult r = load_catalog_text(test::catalog(R"(  - {id: lic, title: Licence, also_required: [Two years of experience, A background check]}
  - {id: ext, title: External course, external: true}
  - {id: own, title: Own course, external: false}
)"));
    REQUIRE(r.ok());
    CHECK(r.catalog.credentials[0].also_required ==
          std::vector<std::string>{"Two years of experience", "A background check"});
    CHECK_FALSE(r.catalog.credentials[0].external);
    CHECK(r.catalog.credentials[1].external);
    CHECK_FALSE(r.catalog.credentials[2].external);
    CHECK(test::faults(test::catalog(R"(  - {id: a, title: A, external: yes, also_required: text}
)")) == std::vector<std::string>{"3:33: error: unknown external 'yes'; expected one of true, false",
                                 "3:53: error: also_required: expected a list such as [a, b], found a scalar"});
}

}  // namespace credpath

