// The escaping every printer shares: each output format gets catalog strings
// as text, never as formulas, markup, syntax or terminal commands.
#include <doctest/doctest.h>

#include <string>

#include "render_support.hpp"

using namespace credpath::render_detail;

TEST_CASE("control_length: C0, DEL and the C1 controls; nothing else") {
    CHECK(control_length("\x1b[", 0) == 1);
    CHECK(control_length("\x7f", 0) == 1);
    CHECK(control_length("a\xc2\x9b", 1) == 2);  // U+009B, CSI
    CHECK(control_length("\xc2\x80", 0) == 2);   // U+0080
    CHECK(control_length("\xc2\xa0", 0) == 0);   // U+00A0, a no-break space: printable
    CHECK(control_length("\xc2", 0) == 0);       // a lone lead byte is not a control
    CHECK(control_length("\xe2\x80\xa8", 0) == 0);  // U+2028
    CHECK(control_length("a", 0) == 0);
}

TEST_CASE("terminal_safe: escape sequences, CR, backspace and C1 controls become spaces") {
    CHECK(terminal_safe("\x1b[31mred\x1b[0m") == " [31mred [0m");
    CHECK(terminal_safe("over\rwrite\bx") == "over write x");
    CHECK(terminal_safe("a\tb\nc\x7f") == "a b c ");
    CHECK(terminal_safe("\xc2\x9b" "2J clear") == " 2J clear");  // one space for the two bytes
    CHECK(terminal_safe("Gestión 数据 \xe2\x80\xa8 🎓") == "Gestión 数据 \xe2\x80\xa8 🎓");
    CHECK(controls_as_spaces("a\tb\r\nc\x1b", "\t\n") == "a\tb \nc ");
}

TEST_CASE("csv_cell: RFC 4180 quoting") {
    CHECK(csv_cell("plain text") == "plain text");
    CHECK(csv_cell("") == "");
    CHECK(csv_cell("a,b") == "\"a,b\"");
    CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
    CHECK(csv_cell("cr\rinside") == "\"cr\rinside\"");
    CHECK(csv_cell("'quoted' and ;") == "'quoted' and ;");
}

TEST_CASE("csv_cell: a cell a spreadsheet would run as a formula gets an apostrophe and quotes (OWASP)") {
    CHECK(csv_cell("=cmd|' /C calc'!A0") == "\"'=cmd|' /C calc'!A0\"");
    CHECK(csv_cell("+1") == "\"'+1\"");
    CHECK(csv_cell("-2") == "\"'-2\"");
    CHECK(csv_cell("@SUM(1)") == "\"'@SUM(1)\"");
    CHECK(csv_cell("\tTabbed") == "\"'\tTabbed\"");
    CHECK(csv_cell("\rCR") == "\"'\rCR\"");
    CHECK(csv_cell("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    // Only the first character counts; elsewhere these are plain text.
    CHECK(csv_cell("a=b+c-d@e") == "a=b+c-d@e");
    CHECK(csv_cell("h-target") == "h-target");
}

TEST_CASE("csv_cell: other control characters become spaces") {
    CHECK(csv_cell("\x1b[31mred\x1b[0m") == " [31mred [0m");
    CHECK(csv_cell("back\bspace \xc2\x9b") == "back space  ");
    // A control character in front becomes a space, and " =1" is text to a
    // spreadsheet, not a formula.
    CHECK(csv_cell("\x01=1") == " =1");
}

TEST_CASE("markdown_cell: GFM punctuation escaped, HTML shown as text") {
    CHECK(markdown_cell("plain text") == "plain text");
    CHECK(markdown_cell("|pipes|") == "\\|pipes\\|");
    CHECK(markdown_cell("*stars* _under_ `code` ~strike~") == "\\*stars\\* \\_under\\_ \\`code\\` \\~strike\\~");
    CHECK(markdown_cell("[link](javascript:alert(1))") == "\\[link\\]\\(javascript:alert\\(1\\)\\)");
    CHECK(markdown_cell("<script>alert(1)</script>") == "\\<script\\>alert\\(1\\)\\</script\\>");
    CHECK(markdown_cell("back\\slash") == "back\\\\slash");
    CHECK(markdown_cell("&lt;b&gt; $x$ !img {a}") == "\\&lt;b\\&gt; \\$x\\$ \\!img \\{a\\}");
    CHECK(markdown_cell("\"quotes\" & 'apostrophes'") == "\"quotes\" \\& 'apostrophes'");
}

TEST_CASE("markdown_cell: nothing starts a block, newlines and controls become spaces") {
    CHECK(markdown_cell("# Heading") == "\\# Heading");
    CHECK(markdown_cell("- item") == "\\- item");
    CHECK(markdown_cell("---") == "\\---");
    CHECK(markdown_cell("+ item") == "\\+ item");
    CHECK(markdown_cell("> quote") == "\\> quote");
    CHECK(markdown_cell("1. first") == "1\\. first");
    CHECK(markdown_cell("2026.") == "2026\\.");
    CHECK(markdown_cell("3.5 weeks") == "3.5 weeks");  // not a list marker
    CHECK(markdown_cell("a - b, c-d") == "a - b, c-d");
    CHECK(markdown_cell("one\ntwo\r\nthree") == "one two  three");
    CHECK(markdown_cell("\ttab \x1b[31mred\x1b[0m \xc2\x9b") == " tab  \\[31mred \\[0m  ");
}

TEST_CASE("dot_string: one quoted DOT string; quotes, backslashes and newlines escaped") {
    CHECK(dot_string("plain") == "\"plain\"");
    CHECK(dot_string("say \"hi\"") == "\"say \\\"hi\\\"\"");
    CHECK(dot_string("back\\slash \\N end\\") == "\"back\\\\slash \\\\N end\\\\\"");
    CHECK(dot_string("two\nlines") == "\"two\\nlines\"");
    CHECK(dot_string("\x1b[31mred\rover\bwrite\xc2\x9b" "2J") == "\"[31mredoverwrite2J\"");
    CHECK(dot_string("<script>alert(1)</script> {a; b} -> c") == "\"<script>alert(1)</script> {a; b} -> c\"");
    CHECK(dot_string("node") == "\"node\"");  // a DOT keyword is still a quoted id
}

TEST_CASE("html_escape: element content and quoted attributes") {
    CHECK(html_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(html_escape("\"quotes\" & 'apostrophes'") == "&quot;quotes&quot; &amp; &#39;apostrophes&#39;");
    CHECK(html_escape("&lt; stays text") == "&amp;lt; stays text");
    CHECK(html_escape("tab\tnewline\nesc\x1b c1\xc2\x9b.") == "tab\tnewline\nesc  c1 .");
    CHECK(html_escape("[link](javascript:alert(1))") == "[link](javascript:alert(1))");
}

namespace {
credpath::Catalog three_credentials() {
    credpath::Catalog catalog;
    for (const char* id : {"a", "b", "c"}) {
        credpath::Credential c;
        c.id = id;
        c.title = id;
        c.cost = 100;
        c.hours = 40;
        c.weeks = 4;
        catalog.credentials.push_back(c);
    }
    catalog.build_index();
    return catalog;
}
}  // namespace

TEST_CASE("exception_lines: waived and substituted, one line each, by id") {
    const credpath::Catalog catalog = three_credentials();
    credpath::Holdings holdings;
    holdings.waived = {2};
    holdings.substituted = {{1, 0}};
    CHECK(exception_lines(catalog, holdings) ==
          std::vector<std::string>{"b: met by substitution of a", "c: waived"});
    ordered_json json;
    add_exceptions_json(json, catalog, holdings);
    CHECK(json.dump() == R"({"waived":["c"],"substituted":[{"id":"b","by":"a"}]})");
    ordered_json none;
    add_exceptions_json(none, catalog, credpath::Holdings{});
    CHECK(none.is_null());  // nothing added when there are no exceptions
}

TEST_CASE("in_progress_lines: share done, what is left, and whether it is paid") {
    const credpath::Catalog catalog = three_credentials();
    std::vector<credpath::InProgressStep> steps{{0, 0.6, 16, 12.0 / 7, 0, true}, {1, 1.0 / 3, 26.67, 3, 100, false}};
    CHECK(in_progress_lines(catalog, steps) ==
          std::vector<std::string>{"a: 60% done; 16 hours and 1.71 weeks left, paid",
                                   "b: 33.3% done; 26.67 hours and 3 weeks left, 100 USD to pay"});
}

namespace credpath::render_detail {

TEST_CASE("wrap_text: between words, a word longer than a line broken inside, never empty") {
    CHECK(wrap_text("Professional Certificate in Machine Learning", 14) ==
          std::vector<std::string>{"Professional", "Certificate in", "Machine", "Learning"});
    CHECK(wrap_text("short", 20) == std::vector<std::string>{"short"});
    CHECK(wrap_text("", 5) == std::vector<std::string>{""});
    CHECK(wrap_text("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
    CHECK(wrap_text("Données ouvertes", 7) == std::vector<std::string>{"Données", "ouverte", "s"});
    CHECK(wrap_text("a  b", 10) == std::vector<std::string>{"a b"});
}

TEST_CASE("tables: off a terminal nothing is cut; on a narrow one only wrapping columns wrap") {
    Table table{{"id", "title", "cost"}, {false, false, true}, {}};
    table.rows.push_back({"a-very-long-credential-id", "Professional Certificate in Machine Learning", "1,490"});
    table.rows.push_back({"b", "Short", "60"});
    table.wrap({"title"});
    const std::string wide = table.render(Style{});
    CHECK(wide.find("Professional Certificate in Machine Learning") != std::string::npos);
    Style narrow;
    narrow.width = 50;
    const std::string fitted = table.render(narrow);
    CHECK(fitted ==
          "id                         title              cost\n"
          "a-very-long-credential-id  Professional      1,490\n"
          "                           Certificate in\n"
          "                           Machine Learning\n"
          "b                          Short                60\n");
    // Too narrow for even the shortest columns: ids, numbers and whole words stay.
    narrow.width = 20;
    const std::string squeezed = table.render(narrow);
    CHECK(squeezed.find("a-very-long-credential-id") != std::string::npos);
    CHECK(squeezed.find("1,490") != std::string::npos);
    CHECK(squeezed.find("Professional") != std::string::npos);
    // Without wrapping columns a table is as wide as it is.
    Table fixed{{"id", "title"}, {false, false}, {{"x", "A title that stays whole"}}};
    CHECK(fixed.render(narrow) == "id  title\nx   A title that stays whole\n");
}

}  // namespace credpath::render_detail
