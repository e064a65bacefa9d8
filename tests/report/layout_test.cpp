// Graph drawing through Graphviz used as a library (src/report/layout.cpp):
// DOT in, the bare <svg> element out, every failure a value.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "credpath/report/layout.hpp"

namespace credpath {

namespace {

bool contains(const std::string& text, std::string_view what) { return text.find(what) != std::string::npos; }

// The value of the first `name="..."` attribute of the <svg> element.
std::string svg_attribute(const std::string& svg, const std::string& name) {
    const std::string head = svg.substr(0, svg.find('>'));
    const std::size_t at = head.find(" " + name + "=\"");
    if (at == std::string::npos) return "";
    const std::size_t begin = at + name.size() + 3;
    return head.substr(begin, head.find('"', begin) - begin);
}

}  // namespace

TEST_CASE("layout: SvgDrawing is ok exactly when it has SVG") {
    CHECK(SvgDrawing{"<svg/>", ""}.ok());
    CHECK_FALSE(SvgDrawing{"", "why"}.ok());
    CHECK_FALSE(SvgDrawing{}.ok());
}

TEST_CASE("layout: the <svg> element alone, nothing before or after it") {
    const SvgDrawing drawing = layout_svg("digraph g { a -> b; }");
    REQUIRE(drawing.ok());
    CHECK(drawing.error.empty());
    CHECK(drawing.svg.rfind("<svg width=\"", 0) == 0);
    CHECK(drawing.svg.substr(drawing.svg.size() - 6) == "</svg>");
    CHECK_FALSE(contains(drawing.svg, "<?xml"));
    CHECK_FALSE(contains(drawing.svg, "<!DOCTYPE"));
    CHECK(contains(drawing.svg, "<title>a&#45;&gt;b</title>"));
    CHECK(contains(drawing.svg, ">a</text>"));
    CHECK(contains(drawing.svg, ">b</text>"));
}

TEST_CASE("layout: a node's size does not depend on the fonts of the machine") {
    // One default node: 0.75 x 0.5 inches and the margin.
    const SvgDrawing one = layout_svg("digraph { a }");
    REQUIRE(one.ok());
    CHECK(svg_attribute(one.svg, "width") == "62pt");
    CHECK(svg_attribute(one.svg, "height") == "44pt");
    // A long label is measured with Graphviz's own metrics: a font nobody has
    // measures like Times, whatever is installed.
    const std::string label = "[label=\"A long label of text to be measured, WWWW\"";
    const SvgDrawing times = layout_svg("digraph { a " + label + ", fontname=\"Times-Roman\"]; }");
    const SvgDrawing nowhere = layout_svg("digraph { a " + label + ", fontname=\"No Such Font At All\"]; }");
    REQUIRE(times.ok());
    REQUIRE(nowhere.ok());
    CHECK(svg_attribute(times.svg, "viewBox") == svg_attribute(nowhere.svg, "viewBox"));
    CHECK(svg_attribute(times.svg, "viewBox") != svg_attribute(one.svg, "viewBox"));
}

TEST_CASE("layout: plain labels display exactly as written, entities included") {
    const SvgDrawing drawing =
        layout_svg("digraph { a [label=\"&amp; &#39; & <b> \\\"q\\\"\"]; b [label=\"it's\"]; a -> b; }");
    REQUIRE(drawing.ok());
    // Graphviz leaves "&amp;" and "&#39;" as they are: escaped once more, they
    // display as written.
    CHECK(contains(drawing.svg, ">&amp;amp; &amp;#39; &amp; &lt;b&gt; &quot;q&quot;</text>"));
    CHECK(contains(drawing.svg, ">it&#39;s</text>"));
    // A node named with '&' keeps its name.
    const SvgDrawing named = layout_svg("digraph { \"a&b\" -> c; }");
    REQUIRE(named.ok());
    CHECK(contains(named.svg, ">a&amp;b</text>"));
}

// No cluster here: Graphviz 2.42's dot layout leaks the skeleton of a
// cluster (build_skeleton, make_aux_edge) once another layout follows in the
// same process, which LeakSanitizer reports. The catalog graph's legend
// cluster is drawn by the CLI tests, one layout per process.
TEST_CASE("layout: undirected graphs and edge labels") {
    const SvgDrawing drawing = layout_svg("graph { a -- b [label=\"both\"]; b -- c; }");
    REQUIRE(drawing.ok());
    CHECK(contains(drawing.svg, "<title>a&#45;&#45;b</title>"));
    CHECK(contains(drawing.svg, ">both</text>"));
}

TEST_CASE("layout: what Graphviz cannot read is an error, its first message without the prefix") {
    const SvgDrawing broken = layout_svg("digraph { a -> ; }");
    CHECK_FALSE(broken.ok());
    CHECK(broken.svg.empty());
    CHECK(broken.error == "syntax error in line 1 near ';'");
    const SvgDrawing lines = layout_svg("digraph {\n a;\n b -> -> c;\n}");
    CHECK_FALSE(lines.ok());
    CHECK(lines.error == "syntax error in line 3 near '->'");
    for (const char* nothing : {"", "   \n", "// a comment only\n"}) {
        CAPTURE(nothing);
        const SvgDrawing empty = layout_svg(nothing);
        CHECK_FALSE(empty.ok());
        CHECK(empty.error == "Graphviz could not read the graph");
    }
    const SvgDrawing not_dot = layout_svg("<html>not a graph</html>");
    CHECK_FALSE(not_dot.ok());
    CHECK_FALSE(not_dot.error.empty());
    CHECK(not_dot.error.find('\n') == std::string::npos);
    CHECK(not_dot.error.rfind("Error: ", 0) == std::string::npos);
}

TEST_CASE("layout: a failure leaves nothing behind for the next drawing") {
    // (A named graph: an anonymous one gets a new name, "%N", every time.)
    const SvgDrawing before = layout_svg("digraph g { x -> y; }");
    REQUIRE(before.ok());
    CHECK_FALSE(layout_svg("digraph { x -> ; }").ok());
    CHECK_FALSE(layout_svg("").ok());
    const SvgDrawing after = layout_svg("digraph g { x -> y; }");
    CHECK(after.ok());
    CHECK(after.error.empty());
    CHECK(after.svg == before.svg);
    // A warning alone is no failure and no message.
    const SvgDrawing warned = layout_svg("digraph { a [label=\"\xff\xfe\"]; }");
    CHECK(warned.ok());
    CHECK(warned.error.empty());
}

// Graphviz's reader would keep what follows the first graph for the next
// call; layout_svg drops it.
TEST_CASE("layout: only the first graph of the text is drawn, and nothing of the rest is kept") {
    const SvgDrawing two = layout_svg("digraph first { a; } digraph second { zzz; }");
    const SvgDrawing next = layout_svg("digraph third { t; }");
    const SvgDrawing junk = layout_svg("digraph g { a; } junk");
    const SvgDrawing after_junk = layout_svg("digraph h { b; }");
    REQUIRE(two.ok());
    CHECK(contains(two.svg, "<title>first</title>"));
    CHECK_FALSE(contains(two.svg, "zzz"));
    CHECK(junk.ok());
    CHECK(contains(next.svg, "<title>third</title>"));
    CHECK_FALSE(contains(next.svg, "zzz"));
    CHECK(after_junk.ok());
    CHECK(after_junk.error.empty());
}

}  // namespace credpath
