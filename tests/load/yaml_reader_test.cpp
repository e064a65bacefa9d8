// The light YAML document tree: node types, places and quoting, anchors and
// aliases, the caps on depth, alias expansion and scalar size, one document
// per file, streaming the items of one key, and the UTF-8 checks.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "test_support.hpp"
#include "yaml_reader.hpp"

namespace credpath {

namespace {
using Strings = std::vector<std::string>;
using yaml::Node;

yaml::ReadResult read_text(std::string_view text, const yaml::ReadLimits& limits = {}) {
    yaml::ReadOptions options;
    options.limits = limits;
    return yaml::read(text, options);
}

// The root of a text that must read cleanly.
Node root_of(std::string_view text) {
    yaml::ReadResult r = read_text(text);
    REQUIRE(r.errors.empty());
    REQUIRE(r.has_document);
    return std::move(r.root);
}

// A node and its children as "type@line:col" with 'text' for scalars (q when quoted).
std::string dump(const Node& node) {
    std::string out = std::string(yaml::type_name(node)) + (node.quoted ? " q" : "") + "@" +
                      std::to_string(node.line) + ":" + std::to_string(node.column);
    if (node.is_scalar()) out += " '" + node.text + "'";
    if (!node.children.empty()) {
        out += " (";
        for (std::size_t i = 0; i < node.children.size(); ++i) out += (i ? ", " : "") + dump(node.children[i]);
        out += ")";
    }
    return out;
}

std::string describe(const yaml::ReadError& e) {
    return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.code + ": " + e.message;
}

// The one error of a read.
std::string only_error(std::string_view text, const yaml::ReadLimits& limits = {}) {
    const yaml::ReadResult r = read_text(text, limits);
    REQUIRE(r.errors.size() == 1);
    return describe(r.errors[0]);
}

std::string encoding_fault(std::string_view bytes) {
    const std::vector<yaml::ReadError> errors = yaml::check_encoding(bytes);
    if (errors.empty()) return "none";
    REQUIRE(errors.size() == 1);
    return describe(errors[0]);
}

bool valid(std::string_view bytes) {
    return yaml::valid_sequence(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

const std::string utf8_fault = "encoding: invalid UTF-8: YAML files must be UTF-8 text";
}  // namespace

// ---------------------------------------------------------------- the tree

TEST_CASE("yaml_reader: type_name of each node type") {
    Node node;
    CHECK(yaml::type_name(node) == "nothing");
    node.type = Node::Type::Scalar;
    CHECK(yaml::type_name(node) == "a scalar");
    node.type = Node::Type::Sequence;
    CHECK(yaml::type_name(node) == "a list");
    node.type = Node::Type::Map;
    CHECK(yaml::type_name(node) == "a mapping");
}

TEST_CASE("yaml_reader: a default Node is an empty null with no place") {
    const Node node;
    CHECK(node.type == Node::Type::Null);
    CHECK_FALSE(node.is_scalar());
    CHECK_FALSE(node.is_map());
    CHECK_FALSE(node.is_sequence());
    CHECK_FALSE(node.quoted);
    CHECK(node.line == 0u);
    CHECK(node.column == 0u);
    CHECK(node.map_size() == 0u);
}

TEST_CASE("yaml_reader: a mapping holds keys and values alternating, each with its place") {
    const Node root = root_of("name: Alex\nage: 7\nlist: [a, 'b']\nnested:\n  k: v\n");
    CHECK(root.is_map());
    CHECK(root.line == 1u);
    CHECK(root.column == 1u);
    REQUIRE(root.map_size() == 4u);
    REQUIRE(root.children.size() == 8u);
    CHECK(dump(root.key(0)) == "a scalar@1:1 'name'");
    CHECK(dump(root.value(0)) == "a scalar@1:7 'Alex'");
    CHECK(dump(root.key(1)) == "a scalar@2:1 'age'");
    CHECK(dump(root.value(1)) == "a scalar@2:6 '7'");
    CHECK(dump(root.value(2)) == "a list@3:7 (a scalar@3:8 'a', a scalar q@3:11 'b')");
    CHECK(dump(root.value(3)) == "a mapping@5:3 (a scalar@5:3 'k', a scalar@5:6 'v')");
    CHECK(&root.key(3) == &root.children[6]);
    CHECK(&root.value(3) == &root.children[7]);
}

TEST_CASE("yaml_reader: a top-level list and a top-level scalar") {
    CHECK(dump(root_of("- a\n- - b\n  - c\n")) ==
          "a list@1:1 (a scalar@1:3 'a', a list@2:3 (a scalar@2:5 'b', a scalar@3:5 'c'))");
    CHECK(dump(root_of("  just text\n")) == "a scalar@1:3 'just text'");
}

TEST_CASE("yaml_reader: quoted and !!str scalars are marked quoted; plain and otherwise tagged ones are not") {
    const Node root = root_of("a: 'single'\nb: \"double\"\nc: !!str 12\nd: 12\ne: plain\nf: !custom x\ng: \"\"\n");
    CHECK(root.value(0).quoted);
    CHECK(root.value(0).text == "single");
    CHECK(root.value(1).quoted);
    CHECK(root.value(1).text == "double");
    CHECK(root.value(2).quoted);
    CHECK(root.value(2).text == "12");
    CHECK_FALSE(root.value(3).quoted);
    CHECK_FALSE(root.value(4).quoted);
    CHECK_FALSE(root.value(5).quoted);
    CHECK(root.value(5).text == "x");
    CHECK(root.value(6).quoted);
    CHECK(root.value(6).text == "");
    CHECK_FALSE(root.key(0).quoted);
}

TEST_CASE("yaml_reader: escapes and block scalars are read to their text") {
    const Node root = root_of("a: \"tab\\there \\u00e9\"\nb: |\n  one\n  two\nc: >\n  folded\n  line\nd: 'it''s'\n");
    CHECK(root.value(0).text == "tab\there \xc3\xa9");
    CHECK(root.value(1).text == "one\ntwo\n");
    CHECK(root.value(2).text == "folded line\n");
    CHECK(root.value(3).text == "it's");
}

TEST_CASE("yaml_reader: null, ~ and empty values are null nodes; quoted 'null' is a string") {
    const Node root = root_of("a: null\nb: ~\nc: \"null\"\nd: [~, , x]\n");
    CHECK(dump(root.value(0)) == "nothing@1:4");
    CHECK(dump(root.value(1)) == "nothing@2:4");
    CHECK(dump(root.value(2)) == "a scalar q@3:4 'null'");
    REQUIRE(root.value(3).children.size() == 3u);
    CHECK(root.value(3).children[0].type == Node::Type::Null);
    CHECK(root.value(3).children[2].text == "x");
}

TEST_CASE("yaml_reader: an empty value is placed at its key, not at the next token") {
    const Node root = root_of("title:\n\n\nnext: 1\nlast:\n");
    CHECK(dump(root.value(0)) == "nothing@1:1");
    CHECK(dump(root.key(1)) == "a scalar@4:1 'next'");
    CHECK(dump(root.value(2)) == "nothing@5:1");
    // Nested, at the nested key.
    const Node nested = root_of("outer:\n  inner:\n  other: x\n");
    CHECK(dump(nested.value(0).value(0)) == "nothing@2:3");
}

TEST_CASE("yaml_reader: an alias is a copy of its anchor's node") {
    const Node root = root_of("a: &x {k: [1, 2]}\nb: *x\nc: &s text\nd: *s\n");
    CHECK(dump(root.value(1)) == dump(root.value(0)));
    CHECK(dump(root.value(1)) == "a mapping@1:4 (a scalar@1:8 'k', a list@1:11 (a scalar@1:12 '1', a scalar@1:15 '2'))");
    CHECK(dump(root.value(3)) == "a scalar@3:4 'text'");
}

TEST_CASE("yaml_reader: an alias to no anchor is a syntax fault") {
    CHECK(only_error("a: *nowhere\n") == "1:4: syntax: YAML syntax: the referenced anchor is not defined");
    // An anchor is known only after it is defined.
    CHECK(only_error("a: *x\nb: &x 1\n") == "1:4: syntax: YAML syntax: the referenced anchor is not defined");
}

TEST_CASE("yaml_reader: an empty text, or comments only, has no document") {
    for (const char* text : {"", "\n", "# only a comment\n", "   \n\t\n"}) {
        INFO(text);
        const yaml::ReadResult r = read_text(text);
        CHECK_FALSE(r.has_document);
        CHECK(r.errors.empty());
        CHECK_FALSE(r.items_void);
        CHECK(r.root.type == Node::Type::Null);
    }
}

TEST_CASE("yaml_reader: a file holds one document") {
    CHECK(only_error("a: 1\n---\nb: 2\n") ==
          "3:1: syntax: a file holds one YAML document; found another one here");
    CHECK(only_error("---\n- x\n---\n  - y\n") ==
          "4:3: syntax: a file holds one YAML document; found another one here");
    // The first document is still there.
    const yaml::ReadResult r = read_text("a: 1\n---\nb: 2\n");
    CHECK(r.has_document);
    CHECK(dump(r.root) == "a mapping@1:1 (a scalar@1:1 'a', a scalar@1:4 '1')");
    // A document end marker alone starts nothing.
    CHECK(read_text("a: 1\n...\n").errors.empty());
}

TEST_CASE("yaml_reader: syntax faults carry their place and yaml-cpp's words") {
    CHECK(only_error("a: [1, 2\n") == "2:1: syntax: YAML syntax: end of sequence flow not found");
    CHECK(only_error("[a, b]]\n") == "1:7: syntax: YAML syntax: illegal flow end");
    CHECK(only_error("a: b\n  c: d\n") == "2:4: syntax: YAML syntax: illegal map value");
    CHECK(only_error("a: \"open\n") == "2:1: syntax: YAML syntax: the file ends inside a quoted string: a closing quote is missing");
    CHECK(only_error("a: 'open") == "1:9: syntax: YAML syntax: the file ends inside a quoted string: a closing quote is missing");
}

// ---------------------------------------------------------------- limits

TEST_CASE("yaml_reader: the default limits") {
    const yaml::ReadOptions options;
    CHECK(options.limits.max_depth == 128u);
    CHECK(options.limits.max_alias_nodes == 1000000u);
    CHECK(options.limits.max_scalar_bytes == 1048576u);
    CHECK(options.stream_key == "");
    CHECK_FALSE(static_cast<bool>(options.on_item));
    CHECK(options.pipeline);
    CHECK(options.batch_items == 64u);
    CHECK(options.queue_batches == 16u);
}

TEST_CASE("yaml_reader: nesting up to the depth limit reads; one level more is refused where it opens") {
    yaml::ReadLimits limits;
    limits.max_depth = 3;
    CHECK(read_text("a: [[x]]\n", limits).errors.empty());  // map, list, list
    CHECK(only_error("a: [[[x]]]\n", limits) == "1:6: limit: nesting is deeper than the limit of 3 levels");
    CHECK(only_error("a:\n  b:\n    c:\n      d: 1\n", limits) == "4:7: limit: nesting is deeper than the limit of 3 levels");
    limits.max_depth = 1;
    CHECK(read_text("[a, b]\n", limits).errors.empty());
    CHECK(only_error("- [a]\n", limits) == "1:3: limit: nesting is deeper than the limit of 1 levels");
}

TEST_CASE("yaml_reader: a scalar at the size limit reads; one byte more is refused at the scalar") {
    yaml::ReadLimits limits;
    limits.max_scalar_bytes = 4;
    CHECK(read_text("k: abcd\n", limits).errors.empty());
    CHECK(only_error("k: abcde\n", limits) == "1:4: limit: a value of 5 bytes is longer than the limit of 4 bytes");
    CHECK(only_error("k: ok\nlongkey: 1\n", limits) == "2:1: limit: a value of 7 bytes is longer than the limit of 4 bytes");
    // Bytes, not characters.
    CHECK(only_error("k: \xc3\xa9\xc3\xa9\xc3\xa9\n", limits) ==
          "1:4: limit: a value of 6 bytes is longer than the limit of 4 bytes");
}

TEST_CASE("yaml_reader: aliases count the nodes they copy, over the whole file") {
    // Each *x copies three nodes: the list and its two items.
    const std::string text = "a: &x [1, 2]\nb: [*x, *x]\n";
    yaml::ReadLimits limits;
    limits.max_alias_nodes = 6;
    CHECK(read_text(text, limits).errors.empty());
    limits.max_alias_nodes = 5;
    CHECK(only_error(text, limits) ==
          "2:9: limit: YAML aliases expand to more than 5 nodes; refusing to expand further (--max-alias-nodes raises it)");
    limits.max_alias_nodes = 2;
    CHECK(only_error(text, limits).rfind("2:5: limit: YAML aliases expand to more than 2 nodes", 0) == 0);
    // An alias of a scalar copies one node.
    limits.max_alias_nodes = 2;
    CHECK(read_text("a: &s x\nb: [*s, *s]\n", limits).errors.empty());
    CHECK(only_error("a: &s x\nb: [*s, *s, *s]\n", limits).rfind("2:13: limit:", 0) == 0);
}

// ---------------------------------------------------------------- streaming

namespace {
struct Streamed {
    Strings items;
    yaml::ReadResult result;
};

Streamed stream(std::string_view text, std::string key, bool pipeline) {
    Streamed out;
    yaml::ReadOptions options;
    options.stream_key = std::move(key);
    options.pipeline = pipeline;
    options.batch_items = 2;
    options.on_item = [&](Node&& item) { out.items.push_back(dump(item)); };
    out.result = yaml::read(text, options);
    return out;
}
}  // namespace

TEST_CASE("yaml_reader: the items under the stream key go to on_item in order, and not into the tree") {
    const std::string text = "format: x\ncredentials:\n  - {id: a}\n  - b\n  - [c]\nafter: [z]\n";
    for (bool pipeline : {false, true}) {
        INFO(pipeline);
        const Streamed s = stream(text, "credentials", pipeline);
        CHECK(s.items == Strings{"a mapping@3:5 (a scalar@3:6 'id', a scalar@3:10 'a')", "a scalar@4:5 'b'",
                                 "a list@5:5 (a scalar@5:6 'c')"});
        REQUIRE(s.result.errors.empty());
        CHECK_FALSE(s.result.items_void);
        CHECK(dump(s.result.root) ==
              "a mapping@1:1 (a scalar@1:1 'format', a scalar@1:9 'x', a scalar@2:1 'credentials', a list@3:3, "
              "a scalar@6:1 'after', a list@6:8 (a scalar@6:9 'z'))");
    }
}

TEST_CASE("yaml_reader: only a list under the top-level key streams") {
    const std::string nested = "outer:\n  credentials: [a, b]\n";
    const Streamed deep = stream(nested, "credentials", false);
    CHECK(deep.items.empty());
    CHECK(dump(deep.result.root.value(0).value(0)) == "a list@2:16 (a scalar@2:17 'a', a scalar@2:20 'b')");
    const Streamed map = stream("credentials: {a: 1}\n", "credentials", false);
    CHECK(map.items.empty());
    CHECK(map.result.root.value(0).is_map());
    const Streamed other = stream("other: [a, b]\n", "credentials", true);
    CHECK(other.items.empty());
    CHECK(other.result.root.value(0).children.size() == 2u);
    // No stream key: the items stay in the tree even with on_item.
    const Streamed none = stream("credentials: [a, b]\n", "", true);
    CHECK(none.items.empty());
    CHECK(none.result.root.value(0).children.size() == 2u);
}

TEST_CASE("yaml_reader: without on_item the stream key keeps its items") {
    yaml::ReadOptions options;
    options.stream_key = "credentials";
    const yaml::ReadResult r = yaml::read("credentials: [a, b, c]\n", options);
    REQUIRE(r.errors.empty());
    CHECK(r.root.value(0).children.size() == 3u);
}

TEST_CASE("yaml_reader: an encoding fault voids the streamed items and is the only error") {
    for (bool pipeline : {false, true}) {
        INFO(pipeline);
        const Streamed s = stream("credentials:\n  - a\n  - \"\xff\"\n  - [\n", "credentials", pipeline);
        CHECK(s.result.items_void);
        REQUIRE(s.result.errors.size() == 1u);
        CHECK(describe(s.result.errors[0]) == "3:6: " + utf8_fault);
        CHECK_FALSE(s.result.has_document);
    }
}

// ---------------------------------------------------------------- input

TEST_CASE("yaml_reader: MemoryInput gives its bytes once, then nothing") {
    yaml::MemoryInput input("abc\n");
    CHECK(input.next() == "abc\n");
    CHECK(input.next().empty());
    CHECK(input.next().empty());
    yaml::MemoryInput empty("");
    CHECK(empty.next().empty());
}

TEST_CASE("yaml_reader: read of an Input reads as read of the bytes") {
    const std::string text = "a: [1, 2]\nb: {c: d}\n";
    yaml::MemoryInput input(text);
    const yaml::ReadResult from_input = yaml::read(input, yaml::ReadOptions{});
    REQUIRE(from_input.errors.empty());
    CHECK(dump(from_input.root) == dump(root_of(text)));
}

// ---------------------------------------------------------------- encoding

TEST_CASE("yaml_reader: sequence_length by the first byte") {
    CHECK(yaml::sequence_length(0x00) == 1u);
    CHECK(yaml::sequence_length('a') == 1u);
    CHECK(yaml::sequence_length(0x7F) == 1u);
    CHECK(yaml::sequence_length(0x80) == 0u);  // a continuation byte
    CHECK(yaml::sequence_length(0xBF) == 0u);
    CHECK(yaml::sequence_length(0xC0) == 2u);
    CHECK(yaml::sequence_length(0xDF) == 2u);
    CHECK(yaml::sequence_length(0xE0) == 3u);
    CHECK(yaml::sequence_length(0xEF) == 3u);
    CHECK(yaml::sequence_length(0xF0) == 4u);
    CHECK(yaml::sequence_length(0xF7) == 4u);
    CHECK(yaml::sequence_length(0xF8) == 0u);
    CHECK(yaml::sequence_length(0xFE) == 0u);
    CHECK(yaml::sequence_length(0xFF) == 0u);
}

TEST_CASE("yaml_reader: valid_sequence takes the shortest form of a scalar value only") {
    CHECK(valid("\xC2\x80"));            // U+0080
    CHECK(valid("\xDF\xBF"));            // U+07FF
    CHECK(valid("\xE0\xA0\x80"));        // U+0800
    CHECK(valid("\xED\x9F\xBF"));        // U+D7FF
    CHECK(valid("\xEE\x80\x80"));        // U+E000
    CHECK(valid("\xEF\xBF\xBF"));        // U+FFFF
    CHECK(valid("\xF0\x90\x80\x80"));    // U+10000
    CHECK(valid("\xF4\x8F\xBF\xBF"));    // U+10FFFF
    CHECK_FALSE(valid("\xC0\x80"));      // overlong NUL
    CHECK_FALSE(valid("\xC1\xBF"));      // overlong
    CHECK_FALSE(valid("\xE0\x9F\xBF"));  // overlong
    CHECK_FALSE(valid("\xF0\x8F\xBF\xBF"));  // overlong
    CHECK_FALSE(valid("\xED\xA0\x80"));  // U+D800, a surrogate
    CHECK_FALSE(valid("\xED\xBF\xBF"));  // U+DFFF
    CHECK_FALSE(valid("\xF4\x90\x80\x80"));  // past U+10FFFF
    CHECK_FALSE(valid("\xC3\x28"));      // no continuation
    CHECK_FALSE(valid("\xE2\x82\x28"));
    CHECK_FALSE(valid("\xF0\x9F\x8E\xC3"));
}

TEST_CASE("yaml_reader: check_encoding passes UTF-8 text, a byte order mark included") {
    CHECK(encoding_fault("") == "none");
    CHECK(encoding_fault("plain ascii\r\n\ttext") == "none");
    CHECK(encoding_fault("\xEF\xBB\xBF" "a: b\n") == "none");
    CHECK(encoding_fault("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8E\x93\n") == "none");
}

TEST_CASE("yaml_reader: check_encoding places the first fault by line and character") {
    CHECK(encoding_fault(std::string("\0", 1)) == "1:1: encoding: the file holds a NUL byte: it is binary, not YAML text");
    CHECK(encoding_fault("ab\n" + std::string("cd\0e\xff", 5)) ==
          "2:3: encoding: the file holds a NUL byte: it is binary, not YAML text");
    CHECK(encoding_fault("\xff") == "1:1: " + utf8_fault);
    CHECK(encoding_fault("a\xff\xfe") == "1:2: " + utf8_fault);
    CHECK(encoding_fault("a\nb\n\xc3\xa9\xc3\xa9\x80") == "3:3: " + utf8_fault);  // columns count characters
    CHECK(encoding_fault("a\rb\xc0\xaf") == "1:4: " + utf8_fault);             // a CR is no line break
    CHECK(encoding_fault("abc\xe2\x82") == "1:4: " + utf8_fault);              // cut off by the end
    CHECK(encoding_fault("x\xed\xa0\x80") == "1:2: " + utf8_fault);
    CHECK(encoding_fault("\x80") == "1:1: " + utf8_fault);
}

TEST_CASE("yaml_reader: check_encoding names a UTF-16 byte order mark at the start only") {
    const std::string utf16 =
        "encoding: the file starts with a UTF-16 byte order mark: it is UTF-16 text; save it as UTF-8";
    CHECK(encoding_fault(std::string("\xFF\xFE" "a\0", 4)) == "1:1: " + utf16);
    CHECK(encoding_fault(std::string("\xFE\xFF\0a", 4)) == "1:1: " + utf16);
    CHECK(encoding_fault("\xFF\xFF") == "1:1: " + utf8_fault);
    CHECK(encoding_fault("\xFE") == "1:1: " + utf8_fault);
    CHECK(encoding_fault("x\xFF\xFE") == "1:2: " + utf8_fault);
    CHECK(encoding_fault("\n\xFF\xFE") == "2:1: " + utf8_fault);
}

TEST_CASE("yaml_reader: EncodingCheck tracks the place of the next byte across blocks") {
    yaml::EncodingCheck check;
    CHECK(check.position() == std::pair<std::uint32_t, std::uint32_t>{1, 1});
    CHECK(check.feed("ab\ncd"));
    CHECK(check.position() == std::pair<std::uint32_t, std::uint32_t>{2, 3});
    CHECK(check.feed("\xc3"));  // half a character: not counted yet
    CHECK(check.position() == std::pair<std::uint32_t, std::uint32_t>{2, 3});
    CHECK(check.feed("\xa9!"));
    CHECK(check.position() == std::pair<std::uint32_t, std::uint32_t>{2, 5});
    CHECK(check.feed("0123456789abcdef\n0123456789"));  // the eight-at-a-time path
    CHECK(check.position() == std::pair<std::uint32_t, std::uint32_t>{3, 11});
    CHECK(check.feed(""));
    CHECK(check.finish());
    CHECK_FALSE(check.fault().has_value());
}

TEST_CASE("yaml_reader: EncodingCheck stops at its first fault") {
    yaml::EncodingCheck check;
    CHECK(check.feed("ok\n"));
    CHECK_FALSE(check.feed("x\xff"));
    REQUIRE(check.fault().has_value());
    CHECK(describe(*check.fault()) == "2:2: " + utf8_fault);
    // Nothing fed after it counts, and the fault stays.
    CHECK_FALSE(check.feed(std::string("\0", 1)));
    CHECK_FALSE(check.finish());
    CHECK(describe(*check.fault()) == "2:2: " + utf8_fault);
}

TEST_CASE("yaml_reader: EncodingCheck::finish faults a character cut off by the end") {
    yaml::EncodingCheck check;
    CHECK(check.feed("ab\xf0\x9f"));
    CHECK(check.feed("\x8e"));
    CHECK_FALSE(check.fault().has_value());
    CHECK_FALSE(check.finish());
    REQUIRE(check.fault().has_value());
    CHECK(describe(*check.fault()) == "1:3: " + utf8_fault);
}

TEST_CASE("yaml_reader: a file with an encoding fault reads as that fault alone") {
    const yaml::ReadResult r = read_text("a: 1\nb: [\n\xc3\x28\n");
    REQUIRE(r.errors.size() == 1u);
    CHECK(describe(r.errors[0]) == "3:1: " + utf8_fault);
    CHECK(r.items_void);
    CHECK_FALSE(r.has_document);
    CHECK(r.root.type == Node::Type::Null);
}

}  // namespace credpath
