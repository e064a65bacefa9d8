// Hostile input never crashes or hangs the loader: each case ends in a clear
// fault with a place. Hostile strings load as written (the printers escape
// them: tests/render_*_test.cpp) and faults quote them with their control
// characters escaped.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "credpath/load/check.hpp"
#include "credpath/load/loader.hpp"
#include "loader_support.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
std::string repeat(const std::string& text, std::size_t times) {
    std::string out;
    out.reserve(text.size() * times);
    for (std::size_t i = 0; i < times; ++i) out += text;
    return out;
}
// The single error of a load, as "line:col: code: message".
std::string only_error(const std::string& text, const LoadLimits& limits = {}) {
    LoadResult r = load_catalog_sources({{"h.yaml", text}}, limits);
    REQUIRE(count_errors(r.diagnostics) == 1);
    for (const Diagnostic& d : r.diagnostics)
        if (d.severity == Severity::Error)
            return std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.code + ": " + d.message;
    return {};
}
}  // namespace

TEST_CASE("flow nesting thousands of levels deep stops at the depth limit") {
    const std::string text =
        "format: credpath/1\ncredentials:\n  - {id: a, title: A, requires: " + repeat("[", 5000) + repeat("]", 5000) + "}\n";
    CHECK(only_error(text) == "3:158: limit: nesting is deeper than the limit of 128 levels");
}

TEST_CASE("unclosed deep nesting is still a clean fault") {
    CHECK(only_error("format: credpath/1\nx: " + repeat("{a: ", 100000)).find("limit: nesting is deeper") !=
          std::string::npos);
}

TEST_CASE("rule nesting thousands of levels deep") {
    const std::string text = "format: credpath/1\ncredentials:\n  - id: a\n    title: A\n    requires: " +
                             repeat("{all: [", 3000) + "b" + repeat("]}", 3000) + "\n";
    CHECK(only_error(text).find("limit: nesting is deeper than the limit of 128 levels") != std::string::npos);
}

TEST_CASE("block nesting by indentation") {
    std::string text = "format: credpath/1\nx:\n";
    for (int i = 1; i < 400; ++i) text += std::string(static_cast<std::size_t>(i), ' ') + "- \n";
    CHECK(only_error(text).find("nesting is deeper") != std::string::npos);
}

TEST_CASE("billion laughs: aliases that expand exponentially") {
    std::string text = "format: credpath/1\nx0: &a0 [lol]\n";
    for (int i = 1; i < 12; ++i) {
        text += "x" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int k = 0; k < 9; ++k) text += (k ? ",*a" : "*a") + std::to_string(i - 1);
        text += "]\n";
    }
    CHECK(only_error(text) == "8:34: limit: YAML aliases expand to more than 1000000 nodes; refusing to expand further (--max-alias-nodes raises it)");
}

TEST_CASE("aliases within the limit work") {
    LoadResult r = load_catalog_text(R"(format: credpath/1
credentials:
  - {id: a, title: A, tags: &shared [data, ai]}
  - {id: b, title: B, tags: *shared, requires: &r {all: [a]}}
  - {id: c, title: C, requires: *r}
)");
    CHECK(r.ok());
    CHECK(r.catalog.credentials[1].tags == std::vector<std::string>{"data", "ai"});
    CHECK(r.catalog.credentials[2].rule->children[0].ref == "a");
}

TEST_CASE("huge and non-finite numbers") {
    CHECK(only_error(test::catalog("  - {id: a, title: A, cost: 1e308}\n")) ==
          "3:29: range: 1e308 is out of range (at most 1000000000000)");
    CHECK(only_error(test::catalog("  - {id: a, title: A, cost: 123456789012345678901234567890}\n")) ==
          "3:29: range: 123456789012345678901234567890 is out of range (at most 1000000000000)");
    CHECK(only_error(test::catalog("  - {id: a, title: A, cost: .Inf}\n")) == "3:29: non-finite: .Inf is not a finite number");
    CHECK(only_error(test::catalog("  - {id: a, title: A, level: 99999999999}\n")).find("range") != std::string::npos);
    CHECK(only_error(test::catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: {at_least: 4294967296, of: [a]}}\n"))
              .find("range") != std::string::npos);
}

TEST_CASE("binary garbage and NUL bytes") {
    std::string garbage;
    for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) % 256);
    CHECK(only_error(garbage).find("1:1: encoding:") == 0);
    CHECK(only_error(std::string("format: credpath/1\n\0\n", 21)) ==
          "2:1: encoding: the file holds a NUL byte: it is binary, not YAML text");
}

TEST_CASE("invalid UTF-8 is named with its place") {
    CHECK(only_error("format: credpath/1\ncredentials:\n  - {id: a, title: \"\xff\xfe\"}\n") ==
          "3:21: encoding: invalid UTF-8: YAML files must be UTF-8 text");
    CHECK(only_error("format: credpath/1\n# overlong \xc0\xaf\n").find("2:12: encoding") == 0);
    CHECK(only_error("format: credpath/1\n# surrogate \xed\xa0\x80\n").find("2:13: encoding") == 0);
    // Valid multi-byte text is fine.
    CHECK(load_catalog_text(test::catalog("  - {id: a, title: \"Gestión de datos — ü 数据 🎓\"}\n")).ok());
}

TEST_CASE("empty files, whitespace and comments only") {
    CHECK(only_error("") == "1:1: format: empty catalog file: it needs `format: credpath/1`");
    CHECK(only_error("   \n\n# nothing\n") == "1:1: format: empty catalog file: it needs `format: credpath/1`");
}

TEST_CASE("multi-megabyte scalars are refused past the limit, accepted below it") {
    CHECK(only_error(test::catalog("  - {id: a, title: " + std::string(3'000'000, 'x') + "}\n")) ==
          "3:20: limit: a value of 3000000 bytes is longer than the limit of 1048576 bytes");
    CHECK(load_catalog_text(test::catalog("  - {id: a, title: " + std::string(900'000, 'x') + "}\n")).ok());
}

TEST_CASE("limits are configurable") {
    LoadLimits limits;
    limits.max_depth = 4;
    CHECK(only_error("format: credpath/1\nx: [[[[[]]]]]\n", limits) ==
          "2:7: limit: nesting is deeper than the limit of 4 levels");
    limits = {};
    limits.max_file_bytes = 10;
    std::vector<Diagnostic> ignored;
    LoadResult r = load_catalog({std::string(CREDPATH_SOURCE_DIR) + "/tests/data/tree/a.yaml"}, limits);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "limit");
}

TEST_CASE("the number of credentials is capped over all files; the rest is not read") {
    LoadLimits limits;
    limits.max_credentials = 3;
    std::string text = "format: credpath/1\ncredentials:\n";
    // References to unread credentials would be noise: only the limit is said.
    for (int i = 0; i < 6; ++i) text += "  - {id: c" + std::to_string(i) + ", title: T" + std::to_string(i) + ", requires: c5}\n";
    CHECK(only_error(text, limits) ==
          "6:5: limit: more than 3 credentials, the limit (--max-credentials raises it); the rest is not read");
    // At the limit is fine.
    limits.max_credentials = 6;
    CHECK(load_catalog_sources({{"h.yaml", text}}, limits).ok());
    // Counted over files; later files are not read at all.
    limits.max_credentials = 4;
    LoadResult r = load_catalog_sources({{"a.yaml", text}, {"b.yaml", "format: [broken"}}, limits);
    REQUIRE(count_errors(r.diagnostics) == 1);
    CHECK(r.diagnostics[0].file == "a.yaml");
    CHECK(r.diagnostics[0].line == 7);
}

TEST_CASE("a rule of more parts than the limit is refused at the rule") {
    std::string names;
    for (int i = 0; i < 30; ++i) names += (i ? ", x" : "x") + std::to_string(i);
    std::string text = "format: credpath/1\ncredentials:\n";
    for (int i = 0; i < 30; ++i) text += "  - {id: x" + std::to_string(i) + ", title: X" + std::to_string(i) + "}\n";
    text += "  - {id: big, title: Big, requires: {any: [" + names + "]}}\n";
    LoadLimits limits;
    CHECK(load_catalog_sources({{"h.yaml", text}}, limits).ok());
    limits.max_rule_size = 30;  // any + 30 references = 31 parts
    CHECK(only_error(text, limits) ==
          "33:37: limit: this rule has 31 parts (operators and names), more than the limit of 30 (--max-rule-size "
          "raises it)");
    limits.max_rule_size = 31;
    CHECK(load_catalog_sources({{"h.yaml", text}}, limits).ok());
    // Names of a credits rule count too.
    const std::string credits = "format: credpath/1\ncredentials:\n  - {id: a, title: A}\n  - {id: b, title: B, "
                                "requires: {credits: 1, from: [a, a, a, a]}}\n";
    limits.max_rule_size = 4;
    CHECK(only_error(credits, limits).find("this rule has 5 parts") != std::string::npos);
}

TEST_CASE("alias expansion is capped, and the cap is configurable") {
    // Nine levels of ten aliases each: 10^9 nodes if expanded.
    std::string text = "format: credpath/1\nx0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n";
    for (int i = 1; i < 9; ++i) {
        text += "x" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int j = 0; j < 10; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
        text += "]\n";
    }
    CHECK(only_error(text).find("limit: ") != std::string::npos);
    CHECK(only_error(text).find("1000000") != std::string::npos);
    LoadLimits limits;
    limits.max_alias_nodes = 50;
    CHECK(only_error("format: credpath/1\nx: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\ny: [*a, *a, *a, *a, *a, *a]\n",
                     limits)
              .find("limit: ") != std::string::npos);
    limits.max_alias_nodes = 100;
    const LoadResult r = load_catalog_sources(
        {{"h.yaml", "format: credpath/1\nx: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\ny: [*a, *a, *a, *a, *a, *a]\n"}}, limits);
    REQUIRE_FALSE(r.diagnostics.empty());  // the unknown keys x and y
    for (const Diagnostic& d : r.diagnostics) CHECK(d.code != "limit");
}

TEST_CASE("syntax errors carry the place") {
    CHECK(only_error("format: credpath/1\ncredentials:\n  - {id: a, title: \"unterminated}\n") ==
          "4:1: syntax: YAML syntax: the file ends inside a quoted string: a closing quote is missing");
    CHECK(only_error("format: credpath/1\n  bad: indent\n").find("2:6: syntax:") == 0);
    CHECK(only_error("format: credpath/1\nx: *undefined\n").find("syntax") != std::string::npos);
}

TEST_CASE("a quoted string left open to the end of the file is a fault, not the rest of the file") {
    // yaml-cpp alone takes the quote as closed at the end of a file that ends
    // with a line break: the second credential became part of a title.
    const std::string open_double = test::catalog("  - id: a\n    title: \"Python\n  - id: b\n    title: B\n");
    CHECK(only_error(open_double) ==
          "7:1: syntax: YAML syntax: the file ends inside a quoted string: a closing quote is missing");
    CHECK(only_error(test::catalog("  - id: a\n    title: 'it''s\n  - id: b\n    title: B\n\n\n")) ==
          "9:1: syntax: YAML syntax: the file ends inside a quoted string: a closing quote is missing");
    CHECK(only_error(test::catalog("  - id: a\n    title: \"Python")) ==
          "4:19: syntax: YAML syntax: the file ends inside a quoted string: a closing quote is missing");
    // Read from a file in blocks, as the CLI reads it.
    const auto path = std::filesystem::temp_directory_path() / "credpath-open-quote.yaml";
    std::ofstream(path, std::ios::binary) << open_double;
    LoadResult from_file = load_catalog({path.string()});
    std::filesystem::remove(path);
    REQUIRE(from_file.diagnostics.size() == 1);
    CHECK(from_file.diagnostics[0].line == 7);
    CHECK(from_file.diagnostics[0].message ==
          "YAML syntax: the file ends inside a quoted string: a closing quote is missing");
    // What follows the last line break changes nothing for a valid file: a
    // block scalar, a comment, trailing blanks, a document end, one byte.
    LoadResult block = load_catalog_text(test::catalog("  - id: a\n    title: A\n    description: |\n      two\n      lines\n"));
    REQUIRE(block.ok());
    CHECK(block.catalog.credentials[0].description == "two\nlines\n");
    CHECK(load_catalog_text(test::catalog("  - {id: a, title: \"A\"}\n# a comment\n")).ok());
    CHECK(load_catalog_text(test::catalog("  - {id: a, title: 'A'}\n   \n")).ok());
    CHECK(load_catalog_text(test::catalog("  - {id: a, title: \"A\"}\n...\n")).ok());
    CHECK(only_error("\n") == "1:1: format: empty catalog file: it needs `format: credpath/1`");
}

TEST_CASE("a mapping of many keys: duplicates found without comparing every pair") {
    // Past 16 keys the check goes through an index; the messages are the same.
    std::string many = "  - id: a\n    title: A\n    provider: P\n    cost: 1\n    hours: 2\n    weeks: 3\n"
                       "    credits: 4\n    level: 5\n    tags: [t]\n    skills: [s]\n    modality: online\n"
                       "    assessment: exam\n    country: CA\n    language: en\n    outcomes: [o]\n"
                       "    quality_assurance: Q\n    valid_for: 2y\n    url: https://example.org\n    cost: 9\n";
    CHECK(only_error(test::catalog(many)) == "21:5: duplicate-key: duplicate key 'cost' (first at line 6, column 5)");
    // 50,000 unknown keys: one fault each (this was quadratic, minutes at 150,000).
    std::string keys = "  - id: a\n    title: A\n";
    for (int i = 0; i < 50000; ++i) keys += "    k" + std::to_string(i) + ": 1\n";
    keys += "    k7: again\n";
    LoadResult r = load_catalog_text(test::catalog(keys));
    CHECK(count_errors(r.diagnostics) == 50002);
    CHECK(std::count_if(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& d) {
              return d.line == 50005 && d.message == "duplicate key 'k7' (first at line 12, column 5)";
          }) == 1);
}

TEST_CASE("an operator given twice in a rule is a duplicate key, not two operators") {
    CHECK(only_error(test::catalog("  - {id: a, title: A}\n  - {id: b, title: B, requires: {all: [a], all: [a]}}\n")) ==
          "4:44: duplicate-key: duplicate key 'all' (first at line 4, column 34)");
}

TEST_CASE("an empty value is placed at its key, not at the next line") {
    CHECK(only_error(test::catalog("  - id: a\n    title:\n  - id: b\n    title: B\n")) ==
          "4:5: type: title: expected a string, found nothing");
    CHECK(only_error(test::catalog("  - id: a\n    title: A\n    requires:\n\n\n  - id: b\n    title: B\n"))
              .find("5:5: type: a rule is a credential id or a mapping") == 0);
    // An explicit null is where it is written.
    CHECK(only_error(test::catalog("  - id: a\n    title: A\n    cost: ~\n")) == "5:11: type: cost: expected a number, found nothing");
}

TEST_CASE("merge keys, UTF-16 and !!str are named for what they are") {
    CHECK(only_error(test::catalog("  - &a {id: a, title: A}\n  - {<<: *a, id: b, title: B}\n")) ==
          "4:6: unknown-key: unknown key '<<': YAML merge keys are not supported; write the keys out");
    CHECK(only_error("\xFF\xFE" + std::string("f\0o\0r\0", 6)) ==
          "1:1: encoding: the file starts with a UTF-16 byte order mark: it is UTF-16 text; save it as UTF-8");
    CHECK(only_error("\xFE\xFF" + std::string("\0f\0o", 4)).find("1:1: encoding: the file starts with a UTF-16") == 0);
    CHECK(only_error(test::catalog("  - {id: a, title: A, cost: !!str 300}\n")) ==
          "3:29: type: cost: expected a number, found a quoted string");
    CHECK(load_catalog_text(test::catalog("  - {id: a, title: !!str 300}\n")).ok());
}

TEST_CASE("printable escapes the bytes of invalid UTF-8 and keeps whole characters") {
    CHECK(printable("caf\xe9!") == "caf\\xe9!");
    CHECK(printable("\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80") ==
          "\\xc0\\xaf \\xed\\xa0\\x80 \\xf4\\x90\\x80\\x80");
    CHECK(printable("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x8e\x93") == "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x8e\x93");
    CHECK(printable("\xe2\x82") == "\\xe2\\x82");  // cut off
    // Bidirectional overrides and isolates would reorder the message (U+202E, U+2066); U+2019 passes.
    CHECK(printable("ok\xe2\x80\xae" "evil \xe2\x81\xa6" "x\xe2\x81\xa9 it\xe2\x80\x99s") ==
          "ok\\u202eevil \\u2066x\\u2069 it\xe2\x80\x99s");
}

TEST_CASE("the hostile fixture loads as written: escaping is the printers' work") {
    const CheckedCatalog h = test::source_catalog("tests/data/hostile/hostile.yaml");
    const Catalog& c = h.catalog;
    CHECK(c.name == "<script>alert('catalog')</script> | =1+1");
    CHECK(c.credentials[*c.find("h-formula")].title == "=cmd|' /C calc'!A0");
    CHECK(c.credentials[*c.find("h-formula")].description == "Line one\r\nline two\x1b[31m red\x1b[0m");
    CHECK(c.credentials[*c.find("h-link")].provider == "\tTabbed provider");
    CHECK(c.credentials[*c.find("h-link")].description == "back\\slash \\N \\\" end\\");
    CHECK(c.credentials[*c.find("h-ansi")].title == "\x1b[31mred\x1b[0m\rover\bwrite\xc2\x9b" "2J");
    CHECK(c.credentials[*c.find("h-target")].title == "# Heading\n- item | *x* _y_ `z` ~s~ \\ back");
    CHECK(c.credentials[*c.find("h-target")].quality_assurance == "\xe2\x80\xa8line\xe2\x80\xa9paragraph");
    CHECK(c.credentials[*c.find("h-markup")].tags == std::vector<std::string>{"|pipes|"});
}

TEST_CASE("faults quote hostile text with its control characters escaped, cut between characters") {
    CHECK(only_error(test::catalog("  - {id: a, title: A, requires: \"\\e[31m\\u009b2J\\b\"}\n")) ==
          "3:33: bad-id: '\\x1b[31m\\u009b2J\\x08' is not a valid credential id");
    // 61 bytes: "x" and 30 two-byte characters; the cut at 60 bytes would split the last one.
    std::string long_id = "x";
    for (int i = 0; i < 30; ++i) long_id += "\xc3\xa9";
    std::string shown = "x";
    for (int i = 0; i < 29; ++i) shown += "\xc3\xa9";
    CHECK(only_error(test::catalog("  - {id: a, title: A, requires: \"" + long_id + "\"}\n")) ==
          "3:33: bad-id: '" + shown + "...' is not a valid credential id");
}

}  // namespace credpath
