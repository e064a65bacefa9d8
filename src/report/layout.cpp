// Graphviz as a library: cgraph reads the DOT text, gvc lays it out with the
// dot engine and writes SVG into memory. The only file with Graphviz headers.
#include "credpath/report/layout.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <graphviz/gvplugin_textlayout.h>

#include <memory>

namespace credpath {

namespace {

// Graphviz measures text with its text-layout plugin (pango, which asks
// fontconfig for the machine's fonts) when one is installed, and with its own
// font metrics when none is. A builtin text-layout plugin that ranks above
// every other and declines each request makes it use its own metrics: the
// layout then depends only on the graph and the Graphviz version.
boolean decline_text_layout(textspan_t* /*span*/, char** /*fontpath*/) { return 0; }

// The builtin plugin tables, made once. Graphviz's C types take them by
// non-const pointer, though it only reads them.
const lt_symlist_t* builtin_plugins() {
    static gvtextlayout_engine_t estimated_metrics{decline_text_layout};
    static gvplugin_installed_t text_layout_types[] = {
        {0, "textlayout", 1000, &estimated_metrics, nullptr},
        {0, nullptr, 0, nullptr, nullptr},
    };
    static gvplugin_api_t text_layout_apis[] = {
        {API_textlayout, text_layout_types},
        {static_cast<api_t>(0), nullptr},
    };
    static char package_name[] = "credpath_metrics";
    static gvplugin_library_t text_layout_library{package_name, text_layout_apis};
    // Builtins go by the name gvplugin_<package>_LTX_library; the rest of the
    // plugins (the dot layout, the SVG renderer) load on demand as usual.
    static const lt_symlist_t builtins[] = {
        {"gvplugin_credpath_metrics_LTX_library", &text_layout_library},
        {nullptr, nullptr},
    };
    return builtins;
}

// Graphviz reports warnings and errors through agerr, by default to stderr.
// While a drawing is made they go to `collected` instead. Graphviz keeps its
// error hook process-wide and passes it no context, so the hook's sink is
// process-wide too: the one mutable variable at namespace scope outside the
// interrupt handling (ARCHITECTURE.md), set only while ErrorCapture lives.
std::string* collected = nullptr;

int collect_message(char* message) {
    if (collected && message) *collected += message;
    return 0;
}

class ErrorCapture {
public:
    explicit ErrorCapture(std::string& messages)
        : previous_function_(agseterrf(collect_message)), previous_level_(agseterr(AGWARN)) {
        collected = &messages;
    }
    ~ErrorCapture() {
        collected = nullptr;
        agseterr(previous_level_);
        agseterrf(previous_function_);
    }
    ErrorCapture(const ErrorCapture&) = delete;
    ErrorCapture& operator=(const ErrorCapture&) = delete;

private:
    agusererrf previous_function_;
    agerrlevel_t previous_level_;
};

// One context for the process, made on first use and kept to the end: a
// context serves any number of graphs, and gvFreeContext would not give back
// everything (Graphviz 2.42 keeps the text of its plugin configuration, a
// leak per context that LeakSanitizer reports).
GVC_t* context() {
    static GVC_t* const gvc = gvContextPlugins(builtin_plugins(), 1);
    return gvc;
}

// Graphviz's DOT reader is a flex scanner whose buffer outlives agmemread:
// text after the first graph would be read by the next call instead of that
// call's own. flex's yylex_destroy (exported by libcgraph with its "aag"
// prefix, not declared in its headers) drops that buffer, so every call
// starts clean.
extern "C" int aaglex_destroy(void);
struct ReaderReset {
    ReaderReset() = default;
    ReaderReset(const ReaderReset&) = delete;
    ReaderReset& operator=(const ReaderReset&) = delete;
    ~ReaderReset() { aaglex_destroy(); }
};

struct GraphClose {
    void operator()(Agraph_t* graph) const { agclose(graph); }
};
struct RenderDataFree {
    void operator()(char* data) const { gvFreeRenderData(data); }
};

// "Error: syntax error in line 1 near ';'\n" -> "syntax error in line 1 near ';'"
std::string first_message(const std::string& messages, std::string_view fallback) {
    std::string line = messages.substr(0, messages.find('\n'));
    for (std::string_view prefix : {"Error: ", "Warning: "})
        if (line.rfind(prefix, 0) == 0) line.erase(0, prefix.size());
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    return line.empty() ? std::string(fallback) : line;
}

}  // namespace

SvgDrawing layout_svg(std::string_view dot_source) {
    std::string source;
    source.reserve(dot_source.size());
    for (char c : dot_source) {
        if (c == '&') source += "&amp;";
        else source += c;
    }

    std::string messages;
    ErrorCapture capture(messages);
    GVC_t* const gvc = context();
    if (!gvc) return {{}, first_message(messages, "Graphviz could not start")};
    std::unique_ptr<Agraph_t, GraphClose> graph;
    {
        const ReaderReset reset;
        graph.reset(agmemread(source.c_str()));
    }
    if (!graph) return {{}, first_message(messages, "Graphviz could not read the graph")};
    if (gvLayout(gvc, graph.get(), "dot") != 0) {
        gvFreeLayout(gvc, graph.get());  // whatever a failed layout left behind
        return {{}, first_message(messages, "Graphviz could not lay out the graph")};
    }
    char* data = nullptr;
    unsigned int length = 0;
    const int rendered = gvRenderData(gvc, graph.get(), "svg", &data, &length);
    std::unique_ptr<char, RenderDataFree> owned(data);
    gvFreeLayout(gvc, graph.get());
    if (rendered != 0 || !data) return {{}, first_message(messages, "Graphviz could not write SVG")};

    // Inline SVG needs the element alone: drop the XML prolog, the DOCTYPE and
    // the comments (Graphviz's version, the graph's title) before it.
    std::string_view svg(data, length);
    const std::size_t begin = svg.find("<svg");
    if (begin == std::string_view::npos) return {{}, "Graphviz wrote no <svg> element"};
    svg.remove_prefix(begin);
    while (!svg.empty() && (svg.back() == '\n' || svg.back() == ' ')) svg.remove_suffix(1);
    return {std::string(svg), {}};
}

}  // namespace credpath
