// The checks shared by the catalog and profile readers: typed reads that
// report their own faults, key checks, the format checks of ids, codes and
// durations, text fit to quote, and reading files.
#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "loader_support.hpp"
#include "test_support.hpp"
#include "yaml_reader.hpp"

namespace credpath {

namespace {
using Strings = std::vector<std::string>;

// The root of a one-document YAML text; it must read cleanly.
yaml::Node parse(const std::string& text) {
    yaml::ReadResult r = yaml::read(text, yaml::ReadOptions{});
    REQUIRE(r.errors.empty());
    return std::move(r.root);
}

// The value of `key` in the mapping `text`.
yaml::Node value_of(const std::string& text, const std::string& key = "v") {
    const yaml::Node root = parse(text);
    const yaml::Node* value = find_key(root, key);
    REQUIRE(value != nullptr);
    return *value;
}

yaml::Node scalar(std::string text, bool quoted = false) {
    yaml::Node node;
    node.type = yaml::Node::Type::Scalar;
    node.quoted = quoted;
    node.line = 3;
    node.column = 7;
    node.text = std::move(text);
    return node;
}

// A Reporter over one file, "f.yaml", keeping what it says as
// "line:col: severity: code: message".
struct Recorder {
    std::vector<std::string> files{"f.yaml"};
    std::vector<Diagnostic> diagnostics;
    Reporter reporter{files, diagnostics};

    Strings said() const {
        Strings out;
        for (const Diagnostic& d : diagnostics)
            out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                          std::string(to_string(d.severity)) + ": " + d.code + ": " + d.message);
        return out;
    }
};

// What number() makes of a plain scalar with this text (at 3:7): the value, or the fault.
std::string number_of(const std::string& text, double max = 1e12, bool quoted = false) {
    Recorder r;
    const auto value = r.reporter.number(0, scalar(text, quoted), max);
    if (value) {
        REQUIRE(r.diagnostics.empty());
        return fmt::format("{}", *value);
    }
    REQUIRE(r.diagnostics.size() == 1);
    return r.said()[0];
}

// A file under the system's temporary directory, removed at the end.
struct TempFile {
    std::string path;
    explicit TempFile(const std::string& text) {
        static std::atomic<int> serial{0};
        path = (std::filesystem::temp_directory_path() /
                ("credpath-support-test-" + std::to_string(::getpid()) + "-" + std::to_string(serial++) + ".yaml"))
                   .string();
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempFile() { std::filesystem::remove(path); }
};
}  // namespace

// ---------------------------------------------------------------- Reporter

TEST_CASE("loader_support: report places a diagnostic in the file its location names") {
    std::vector<std::string> files{"a.yaml", "b.yaml"};
    std::vector<Diagnostic> diagnostics;
    Reporter reporter{files, diagnostics};
    reporter.report(Severity::Warning, SourceLoc{1, 4, 9}, "some-code", "a message");
    reporter.error(SourceLoc{0, 1, 2}, "e", "an error");
    reporter.warning(SourceLoc{7, 5, 6}, "w", "no such file");  // an index past the files: no file named
    REQUIRE(diagnostics.size() == 3);
    CHECK(diagnostics[0].severity == Severity::Warning);
    CHECK(diagnostics[0].file == "b.yaml");
    CHECK(diagnostics[0].line == 4u);
    CHECK(diagnostics[0].column == 9u);
    CHECK(diagnostics[0].code == "some-code");
    CHECK(diagnostics[0].message == "a message");
    CHECK(diagnostics[1].severity == Severity::Error);
    CHECK(diagnostics[1].file == "a.yaml");
    CHECK(diagnostics[1].line == 1u);
    CHECK(diagnostics[1].column == 2u);
    CHECK(diagnostics[1].code == "e");
    CHECK(diagnostics[2].severity == Severity::Warning);
    CHECK(diagnostics[2].file == "");
    CHECK(diagnostics[2].line == 5u);
    CHECK(diagnostics[2].message == "no such file");
}

TEST_CASE("loader_support: loc is the node's place in the given file") {
    Recorder r;
    const SourceLoc loc = r.reporter.loc(2, scalar("x"));
    CHECK(loc.file == 2u);
    CHECK(loc.line == 3u);
    CHECK(loc.column == 7u);
}

TEST_CASE("loader_support: string reads any scalar, quoted or not") {
    Recorder r;
    CHECK(r.reporter.string(0, scalar("hello")) == std::string("hello"));
    CHECK(r.reporter.string(0, scalar("42")) == std::string("42"));
    CHECK(r.reporter.string(0, scalar("", true)) == std::string(""));
    CHECK(r.reporter.string(0, value_of("v: 'it''s'\n")) == std::string("it's"));
    CHECK(r.diagnostics.empty());
}

TEST_CASE("loader_support: string of anything but a scalar is a type fault at the node") {
    Recorder r;
    CHECK_FALSE(r.reporter.string(0, value_of("v: [a]\n")).has_value());
    CHECK_FALSE(r.reporter.string(0, value_of("x: 1\nv:\n  k: a\n")).has_value());
    CHECK_FALSE(r.reporter.string(0, value_of("v: ~\n")).has_value());
    CHECK(r.said() == Strings{"1:4: error: type: expected a string, found a list",
                              "3:3: error: type: expected a string, found a mapping",
                              "1:4: error: type: expected a string, found nothing"});
    CHECK(r.diagnostics[0].file == "f.yaml");
}

TEST_CASE("loader_support: string_list reads a list of scalars in order") {
    Recorder r;
    CHECK(r.reporter.string_list(0, value_of("v: [b, a, '3', c]\n")) == Strings{"b", "a", "3", "c"});
    CHECK(r.reporter.string_list(0, value_of("v: []\n")) == Strings{});
    CHECK(r.reporter.string_list(0, value_of("v:\n  - x\n  - y\n")) == Strings{"x", "y"});
    CHECK(r.diagnostics.empty());
}

TEST_CASE("loader_support: string_list warns of repeats and drops them") {
    Recorder r;
    CHECK(r.reporter.string_list(0, value_of("v: [a, b, a, c, b, a]\n")) == Strings{"a", "b", "c"});
    CHECK(r.said() == Strings{"1:11: warning: duplicate-entry: 'a' is listed twice",
                              "1:17: warning: duplicate-entry: 'b' is listed twice",
                              "1:20: warning: duplicate-entry: 'a' is listed twice"});
}

TEST_CASE("loader_support: string_list of more than 16 items finds repeats the same way") {
    std::string items;
    for (int i = 0; i < 20; ++i) items += "i" + std::to_string(i) + ", ";
    Recorder r;
    const auto list = r.reporter.string_list(0, value_of("v: [" + items + "i3, i19]\n"));
    REQUIRE(list.has_value());
    CHECK(list->size() == 20);
    CHECK(list->front() == "i0");
    CHECK(list->back() == "i19");
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.said()[0].find(": warning: duplicate-entry: 'i3' is listed twice") != std::string::npos);
    CHECK(r.said()[1].find(": warning: duplicate-entry: 'i19' is listed twice") != std::string::npos);
    CHECK(r.diagnostics[0].column == 5 + items.size());
}

TEST_CASE("loader_support: string_list faults a non-list, and a list with a non-scalar item") {
    Recorder r;
    CHECK_FALSE(r.reporter.string_list(0, value_of("v: a\n")).has_value());
    CHECK_FALSE(r.reporter.string_list(0, value_of("v: {a: 1}\n")).has_value());
    CHECK_FALSE(r.reporter.string_list(0, value_of("v: [a, [b], c, {d: 1}, a]\n")).has_value());
    CHECK(r.said() == Strings{"1:4: error: type: expected a list such as [a, b], found a scalar",
                              "1:4: error: type: expected a list such as [a, b], found a mapping",
                              "1:8: error: type: expected a string, found a list",
                              "1:16: error: type: expected a string, found a mapping",
                              "1:24: warning: duplicate-entry: 'a' is listed twice"});
}

TEST_CASE("loader_support: string_list quotes a repeated item printably") {
    Recorder r;
    CHECK(r.reporter.string_list(0, value_of("v: [\"a\\e\", \"a\\e\"]\n")) == Strings{"a\x1b"});
    CHECK(r.said() == Strings{"1:12: warning: duplicate-entry: 'a\\x1b' is listed twice"});
}

TEST_CASE("loader_support: number reads plain decimal numbers") {
    CHECK(number_of("0") == "0");
    CHECK(number_of("42") == "42");
    CHECK(number_of("+5") == "5");
    CHECK(number_of("2.5") == "2.5");
    CHECK(number_of(".5") == "0.5");
    CHECK(number_of("1e3") == "1000");
    CHECK(number_of("1E3") == "1000");
    CHECK(number_of("007") == "7");
    CHECK(number_of("1000000000000") == "1000000000000");  // the maximum itself
    CHECK(number_of("10", 10) == "10");
}

TEST_CASE("loader_support: number gives no negative zero") {
    Recorder r;
    const auto value = r.reporter.number(0, scalar("-0"), 10);
    REQUIRE(value.has_value());
    CHECK(*value == 0.0);
    CHECK_FALSE(std::signbit(*value));
    const auto point = r.reporter.number(0, scalar("-0.0"), 10);
    REQUIRE(point.has_value());
    CHECK_FALSE(std::signbit(*point));
    CHECK(r.diagnostics.empty());
}

TEST_CASE("loader_support: number faults what is not a number") {
    CHECK(number_of("abc") == "3:7: error: type: expected a number, found 'abc'");
    CHECK(number_of("") == "3:7: error: type: expected a number, found ''");
    CHECK(number_of("+") == "3:7: error: type: expected a number, found '+'");
    CHECK(number_of("1.5x") == "3:7: error: type: expected a number, found '1.5x'");
    CHECK(number_of("0x10") == "3:7: error: type: expected a number, found '0x10'");
    CHECK(number_of("1,000") == "3:7: error: type: expected a number, found '1,000'");
    CHECK(number_of("1_000") == "3:7: error: type: expected a number, found '1_000'");
    CHECK(number_of(" 1") == "3:7: error: type: expected a number, found ' 1'");
    CHECK(number_of("++1") == "3:7: error: type: expected a number, found '++1'");
    CHECK(number_of("\x1b[1m") == "3:7: error: type: expected a number, found '\\x1b[1m'");
    CHECK(number_of("12", 1e12, true) == "3:7: error: type: expected a number, found a quoted string");
}

TEST_CASE("loader_support: number of a non-scalar names what it found") {
    Recorder r;
    CHECK_FALSE(r.reporter.number(0, value_of("v: [1]\n"), 10).has_value());
    CHECK_FALSE(r.reporter.number(0, value_of("v: {a: 1}\n"), 10).has_value());
    CHECK_FALSE(r.reporter.number(0, value_of("v: null\n"), 10).has_value());
    CHECK(r.said() == Strings{"1:4: error: type: expected a number, found a list",
                              "1:4: error: type: expected a number, found a mapping",
                              "1:4: error: type: expected a number, found nothing"});
}

TEST_CASE("loader_support: number refuses the infinities and NaN, YAML's and C's") {
    CHECK(number_of(".inf") == "3:7: error: non-finite: .inf is not a finite number");
    CHECK(number_of(".Inf") == "3:7: error: non-finite: .Inf is not a finite number");
    CHECK(number_of("+.INF") == "3:7: error: non-finite: +.INF is not a finite number");
    CHECK(number_of("-.inf") == "3:7: error: non-finite: -.inf is not a finite number");
    CHECK(number_of(".NaN") == "3:7: error: non-finite: .NaN is not a finite number");
    CHECK(number_of("nan") == "3:7: error: non-finite: nan is not a finite number");
    CHECK(number_of("inf") == "3:7: error: non-finite: inf is not a finite number");
    CHECK(number_of("Infinity") == "3:7: error: non-finite: Infinity is not a finite number");
}

TEST_CASE("loader_support: number refuses negatives and what is past the maximum") {
    CHECK(number_of("-1") == "3:7: error: negative: -1 is negative; this value must be >= 0");
    CHECK(number_of("-0.001") == "3:7: error: negative: -0.001 is negative; this value must be >= 0");
    CHECK(number_of("1000000000001") == "3:7: error: range: 1000000000001 is out of range (at most 1000000000000)");
    CHECK(number_of("11", 10) == "3:7: error: range: 11 is out of range (at most 10)");
    CHECK(number_of("3", 2.5) == "3:7: error: range: 3 is out of range (at most 2.5)");
    CHECK(number_of("1e309") == "3:7: error: range: 1e309 is out of range (at most 1000000000000)");
    CHECK(number_of("-1e309") == "3:7: error: range: -1e309 is out of range (at most 1000000000000)");
}

TEST_CASE("loader_support: count reads whole numbers up to a billion") {
    Recorder r;
    CHECK(r.reporter.count(0, scalar("0")) == 0u);
    CHECK(r.reporter.count(0, scalar("3")) == 3u);
    CHECK(r.reporter.count(0, scalar("3.0")) == 3u);
    CHECK(r.reporter.count(0, scalar("1e9")) == 1000000000u);
    CHECK(r.diagnostics.empty());
    CHECK_FALSE(r.reporter.count(0, scalar("2.5")).has_value());
    CHECK_FALSE(r.reporter.count(0, scalar("1000000001")).has_value());
    CHECK_FALSE(r.reporter.count(0, scalar("4294967296")).has_value());
    CHECK_FALSE(r.reporter.count(0, scalar("-2")).has_value());
    CHECK_FALSE(r.reporter.count(0, scalar("two")).has_value());
    CHECK_FALSE(r.reporter.count(0, scalar("2", true)).has_value());
    CHECK(r.said() == Strings{"3:7: error: type: expected a whole number, found 2.5",
                              "3:7: error: range: 1000000001 is out of range (at most 1000000000)",
                              "3:7: error: range: 4294967296 is out of range (at most 1000000000)",
                              "3:7: error: negative: -2 is negative; this value must be >= 0",
                              "3:7: error: type: expected a number, found 'two'",
                              "3:7: error: type: expected a number, found a quoted string"});
}

TEST_CASE("loader_support: choice takes one of the allowed words") {
    const std::vector<std::string_view> allowed{"online", "in-person", "hybrid"};
    Recorder r;
    CHECK(r.reporter.choice(0, scalar("hybrid"), "modality", allowed) == std::string("hybrid"));
    CHECK(r.reporter.choice(0, scalar("online", true), "modality", allowed) == std::string("online"));
    CHECK(r.diagnostics.empty());
}

TEST_CASE("loader_support: choice of another word lists the allowed ones, with a suggestion when one is near") {
    const std::vector<std::string_view> allowed{"online", "in-person", "hybrid"};
    Recorder r;
    CHECK_FALSE(r.reporter.choice(0, scalar("onlne"), "modality", allowed).has_value());
    CHECK_FALSE(r.reporter.choice(0, scalar("telepathy"), "modality", allowed).has_value());
    CHECK_FALSE(r.reporter.choice(0, scalar("Online"), "modality", allowed).has_value());
    CHECK_FALSE(r.reporter.choice(0, scalar("\x1b[2J"), "assessment", {"exam"}).has_value());
    CHECK_FALSE(r.reporter.choice(0, value_of("v: [online]\n"), "modality", allowed).has_value());
    CHECK(r.said() ==
          Strings{"3:7: error: bad-value: unknown modality 'onlne' (did you mean 'online'?); expected one of online, "
                  "in-person, hybrid",
                  "3:7: error: bad-value: unknown modality 'telepathy'; expected one of online, in-person, hybrid",
                  "3:7: error: bad-value: unknown modality 'Online' (did you mean 'online'?); expected one of "
                  "online, in-person, hybrid",
                  "3:7: error: bad-value: unknown assessment '\\x1b[2J'; expected one of exam",
                  "1:4: error: type: modality: expected a string, found a list"});
}

// ---------------------------------------------------------------- keys

TEST_CASE("loader_support: check_keys passes a map of allowed keys, in any order") {
    Recorder r;
    CHECK(check_keys(r.reporter, 0, parse("b: 1\na: 2\n"), {"a", "b", "c"}));
    CHECK(check_keys(r.reporter, 0, parse("{}\n"), {"a"}));
    CHECK(r.diagnostics.empty());
}

TEST_CASE("loader_support: check_keys names unknown keys, with the nearest allowed one") {
    Recorder r;
    CHECK_FALSE(check_keys(r.reporter, 0, parse("title: T\ntitel: U\nzzzzzz: 1\n"), {"title", "tags"}));
    CHECK(r.said() == Strings{"2:1: error: unknown-key: unknown key 'titel' (did you mean 'title'?)",
                              "3:1: error: unknown-key: unknown key 'zzzzzz'"});
}

TEST_CASE("loader_support: check_keys names a repeated key and where it first was") {
    Recorder r;
    CHECK_FALSE(check_keys(r.reporter, 0, parse("a: 1\n  # comment\nb: 2\na: 3\n"), {"a", "b"}));
    CHECK(r.said() == Strings{"4:1: error: duplicate-key: duplicate key 'a' (first at line 1, column 1)"});
}

TEST_CASE("loader_support: check_keys says a repeated unknown key twice: repeated and unknown") {
    Recorder r;
    CHECK_FALSE(check_keys(r.reporter, 0, parse("{zzz: 1, zzz: 2}\n"), {"title"}));
    CHECK(r.said() == Strings{"1:2: error: unknown-key: unknown key 'zzz'",
                              "1:10: error: duplicate-key: duplicate key 'zzz' (first at line 1, column 2)",
                              "1:10: error: unknown-key: unknown key 'zzz'"});
}

TEST_CASE("loader_support: check_keys explains merge keys and refuses keys that are not names") {
    Recorder r;
    CHECK_FALSE(check_keys(r.reporter, 0, value_of("base: &b {a: 1}\nv: {<<: *b, a: 2}\n"), {"a"}));
    CHECK_FALSE(check_keys(r.reporter, 0, parse("? [a, b]\n: 1\nc: 2\n"), {"c"}));
    CHECK_FALSE(check_keys(r.reporter, 0, parse("? {k: v}\n: 1\n"), {"c"}));
    CHECK(r.said() ==
          Strings{"2:5: error: unknown-key: unknown key '<<': YAML merge keys are not supported; write the keys out",
                  "1:3: error: type: a key must be a plain name, found a list",
                  "1:3: error: type: a key must be a plain name, found a mapping"});
}

TEST_CASE("loader_support: check_keys on a map of more than 16 keys says the same") {
    std::string text;
    for (int i = 0; i < 20; ++i) text += "k" + std::to_string(i) + ": 1\n";
    text += "k3: again\nunknown: 1\nk19: again\n";
    std::vector<std::string> names;
    for (int i = 0; i < 20; ++i) names.push_back("k" + std::to_string(i));
    const std::vector<std::string_view> allowed(names.begin(), names.end());
    Recorder r;
    CHECK_FALSE(check_keys(r.reporter, 0, parse(text), allowed));
    CHECK(r.said() == Strings{"21:1: error: duplicate-key: duplicate key 'k3' (first at line 4, column 1)",
                              "22:1: error: unknown-key: unknown key 'unknown'",
                              "23:1: error: duplicate-key: duplicate key 'k19' (first at line 20, column 1)"});
    Recorder clean;
    text.resize(text.find("k3: again"));
    CHECK(check_keys(clean.reporter, 0, parse(text), allowed));
    CHECK(clean.diagnostics.empty());
}

TEST_CASE("loader_support: find_key gives the first value of a key, or nullptr") {
    const yaml::Node map = parse("a: 1\nb: [x]\na: 2\n");
    const yaml::Node* a = find_key(map, "a");
    REQUIRE(a != nullptr);
    CHECK(a->text == "1");
    const yaml::Node* b = find_key(map, "b");
    REQUIRE(b != nullptr);
    CHECK(b->is_sequence());
    CHECK(find_key(map, "c") == nullptr);
    CHECK(find_key(map, "") == nullptr);
    CHECK(find_key(map, "A") == nullptr);
    CHECK(find_key(parse("{}\n"), "a") == nullptr);
    // A key that is not a scalar is passed over.
    const yaml::Node complex = parse("? [a]\n: 1\na: 2\n");
    REQUIRE(find_key(complex, "a") != nullptr);
    CHECK(find_key(complex, "a")->text == "2");
}

// ---------------------------------------------------------------- formats

TEST_CASE("loader_support: valid_id: ASCII letters, digits and . _ : -, starting with a letter or digit") {
    for (const std::string& id :
         std::vector<std::string>{"a", "Z", "7", "py-fund", "x.y_z:w-1", "ABC123", std::string(128, 'a')}) {
        INFO(id);
        CHECK(valid_id(id));
    }
    for (const std::string& id : std::vector<std::string>{"", "-a", ".a", "_a", ":a", "a b", "a/b", "a,b", "a\tb", "caf\xc3\xa9",
                                 "\xc3\xa9t\xc3\xa9", "a+b", "a#", std::string(129, 'a')}) {
        INFO(id);
        CHECK_FALSE(valid_id(id));
    }
}

TEST_CASE("loader_support: valid_currency and valid_country: three and two capital letters") {
    CHECK(valid_currency("USD"));
    CHECK(valid_currency("EUR"));
    for (const char* code : {"", "US", "USDX", "usd", "Usd", "U$D", "12A", "US "}) {
        INFO(code);
        CHECK_FALSE(valid_currency(code));
    }
    CHECK(valid_country("CA"));
    CHECK(valid_country("DE"));
    for (const char* code : {"", "C", "CAN", "ca", "Ca", "C1", "\xc3\x89" }) {
        INFO(code);
        CHECK_FALSE(valid_country(code));
    }
}

TEST_CASE("loader_support: valid_language: BCP 47 in outline") {
    for (const char* tag : {"en", "fr", "deu", "en-US", "zh-Hant-TW", "sr-Latn", "es-419", "abcdefgh", "en-a",
                            "en-12345678"}) {
        INFO(tag);
        CHECK(valid_language(tag));
    }
    for (const char* tag : {"", "e", "1en", "en-", "-en", "en--US", "en_US", "en US", "abcdefghi", "en-123456789",
                            "\xc3\xa9n", "en-\xc3\xa9", "en-US-", "x-private1"}) {
        INFO(tag);
        CHECK_FALSE(valid_language(tag));
    }
}

TEST_CASE("loader_support: parse_duration reads <N>d, <N>w, <N>m and <N>y, N from 1 to 100000") {
    auto duration = [](const char* text) {
        const auto d = parse_duration(text);
        return d ? std::to_string(d->count) + d->unit : std::string("none");
    };
    CHECK(duration("1d") == "1d");
    CHECK(duration("2w") == "2w");
    CHECK(duration("18m") == "18m");
    CHECK(duration("3y") == "3y");
    CHECK(duration("100000d") == "100000d");
    CHECK(duration("007y") == "7y");
    for (const char* text : {"", "d", "y", "0d", "0y", "100001d", "3x", "3D", "3Y", "3", "-1d", "+1d", " 1d", "1 d",
                             "1.5y", "1dd", "d1", "99999999999999999999d", "1yd"}) {
        INFO(text);
        CHECK(duration(text) == "none");
    }
}

// ---------------------------------------------------------------- printable

TEST_CASE("loader_support: printable passes plain text and whole characters as they are") {
    CHECK(printable("") == "");
    CHECK(printable("plain text: [a, b] {c} 'q' \"d\"") == "plain text: [a, b] {c} 'q' \"d\"");
    CHECK(printable("\xc3\xa9t\xc3\xa9 \xe6\x95\xb0 \xf0\x9f\x8e\x93") == "\xc3\xa9t\xc3\xa9 \xe6\x95\xb0 \xf0\x9f\x8e\x93");
    CHECK(printable("\xc2\xa0nbsp") == "\xc2\xa0nbsp");  // U+00A0 is no control
}

TEST_CASE("loader_support: printable escapes C0 controls, DEL and C1 controls") {
    CHECK(printable("a\nb\tc\rd") == "a\\x0ab\\x09c\\x0dd");
    CHECK(printable(std::string("\0x", 2)) == "\\x00x");
    CHECK(printable("\x1b[31m") == "\\x1b[31m");
    CHECK(printable("\x7f") == "\\x7f");
    CHECK(printable("\x1f") == "\\x1f");
    CHECK(printable(" ") == " ");
    CHECK(printable("\xc2\x80|\xc2\x85|\xc2\x9b|\xc2\x9f") == "\\u0080|\\u0085|\\u009b|\\u009f");
}

TEST_CASE("loader_support: printable escapes every bidirectional override and isolate") {
    CHECK(printable("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae") == "\\u202a\\u202b\\u202c\\u202d\\u202e");
    CHECK(printable("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9") == "\\u2066\\u2067\\u2068\\u2069");
    // Their neighbours pass.
    CHECK(printable("\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa") == "\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa");
}

TEST_CASE("loader_support: printable shortens to the limit, between characters, and says so") {
    CHECK(printable(std::string(60, 'x')) == std::string(60, 'x'));
    CHECK(printable(std::string(61, 'x')) == std::string(60, 'x') + "...");
    CHECK(printable("abcdef", 3) == "abc...");
    CHECK(printable("abc", 3) == "abc");
    CHECK(printable("abc", 0) == "...");
    CHECK(printable("", 0) == "");
    CHECK(printable("ab\xc3\xa9", 3) == "ab...");       // é does not fit whole
    CHECK(printable("ab\xc3\xa9z", 4) == "ab\xc3\xa9...");
    CHECK(printable("\xf0\x9f\x8e\x93\xf0\x9f\x8e\x93", 7) == "\xf0\x9f\x8e\x93...");
    CHECK(printable("\xc2\x9b" "abc", 1) == "...");
    // The limit counts the bytes of the text, not of the escapes.
    CHECK(printable("\n\n\n\n", 2) == "\\x0a\\x0a...");
}

// ---------------------------------------------------------------- files

TEST_CASE("loader_support: FileInput reads a file block by block") {
    std::string text;
    for (int i = 0; text.size() < 2 * FileInput::block_bytes + 100; ++i) text += "line " + std::to_string(i) + "\n";
    TempFile file(text);
    FileInput input;
    REQUIRE_FALSE(input.open(file.path, text.size()).has_value());
    CHECK(input.size() == text.size());
    std::string back;
    std::vector<std::size_t> sizes;
    for (std::string_view block = input.next(); !block.empty(); block = input.next()) {
        sizes.push_back(block.size());
        back.append(block);
    }
    CHECK(back == text);
    CHECK(sizes == std::vector<std::size_t>{FileInput::block_bytes, FileInput::block_bytes,
                                            text.size() - 2 * FileInput::block_bytes});
    CHECK(input.next().empty());
}

TEST_CASE("loader_support: FileInput of an empty file, and of no file, gives nothing") {
    TempFile empty("");
    FileInput input;
    REQUIRE_FALSE(input.open(empty.path, 0).has_value());
    CHECK(input.size() == 0u);
    CHECK(input.next().empty());
    FileInput unopened;
    CHECK(unopened.size() == 0u);
    CHECK(unopened.next().empty());
}

TEST_CASE("loader_support: FileInput::open names what stops it") {
    TempFile file("12345");
    FileInput exact;
    CHECK_FALSE(exact.open(file.path, 5).has_value());
    FileInput over;
    CHECK(over.open(file.path, 4) ==
          FileProblem{"limit", "file is 5 bytes, over the limit of 4 bytes (--max-file-size raises it)"});
    FileInput none;
    CHECK(none.open(file.path + ".missing", 100) == FileProblem{"io", "cannot open: No such file or directory"});
    FileInput dir;
    CHECK(dir.open(std::filesystem::temp_directory_path().string(), 100) ==
          FileProblem{"io", "is a directory, not a file"});
}

TEST_CASE("loader_support: FileInput::next throws FileReadError when the file shrinks under it") {
    TempFile file(std::string(5000, 'y'));
    FileInput input;
    REQUIRE_FALSE(input.open(file.path, 5000).has_value());
    std::filesystem::resize_file(file.path, 100);
    try {
        input.next();
        FAIL("no FileReadError");
    } catch (const FileReadError& error) {
        CHECK(error.problem.first == "io");
        CHECK(error.problem.second.rfind("cannot read: ", 0) == 0);
    }
}

TEST_CASE("loader_support: read_file_bytes reads a whole file, replacing what the string held") {
    const std::string text = "format: credpath/1\n\xc3\xa9\n" + std::string(FileInput::block_bytes, 'z');
    TempFile file(text);
    std::string bytes = "old content";
    CHECK_FALSE(read_file_bytes(file.path, text.size(), bytes).has_value());
    CHECK(bytes == text);
    TempFile empty("");
    CHECK_FALSE(read_file_bytes(empty.path, 10, bytes).has_value());
    CHECK(bytes == "");
}

TEST_CASE("loader_support: read_file_bytes returns the problem and leaves the string when it cannot read") {
    TempFile file("abc");
    std::string bytes = "kept";
    CHECK(read_file_bytes(file.path, 2, bytes) ==
          FileProblem{"limit", "file is 3 bytes, over the limit of 2 bytes (--max-file-size raises it)"});
    CHECK(read_file_bytes("/nonexistent/credpath/x.yaml", 10, bytes) ==
          FileProblem{"io", "cannot open: No such file or directory"});
    CHECK(read_file_bytes(std::filesystem::temp_directory_path().string(), 10, bytes) ==
          FileProblem{"io", "is a directory, not a file"});
    CHECK(bytes == "kept");
}

}  // namespace credpath
