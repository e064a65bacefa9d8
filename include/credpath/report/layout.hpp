// Graph drawing: lays out a Graphviz DOT graph with Graphviz used as a library
// (cgraph + gvc, the dot engine) and returns SVG to inline in a page. The only
// user of Graphviz: no other file includes its headers.
#pragma once

#include <string>
#include <string_view>

namespace credpath {

struct SvgDrawing {
    std::string svg;    // the <svg> element alone (no XML prolog, DOCTYPE or comments before it)
    std::string error;  // why there is no drawing, when svg is empty

    bool ok() const { return !svg.empty(); }
};

// Never throws for bad input and never writes to stderr: Graphviz's warnings
// and errors are collected, and a failure comes back as `error`.
//
// Plain (non-HTML) labels display exactly as written: Graphviz escapes
// < > " ' in its SVG but leaves text that looks like an entity ("&amp;",
// "&#39;") as it is, so every '&' is escaped before Graphviz sees it.
//
// Text is measured with Graphviz's built-in font metrics, not with the fonts
// installed on the machine, so a graph lays out the same everywhere (the
// browser draws the text with its own fonts in any case).
SvgDrawing layout_svg(std::string_view dot_source);

}  // namespace credpath
