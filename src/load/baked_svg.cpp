// The credential baked into an SVG badge, read with libxml2: the
// `credential` element of the Open Badges 3.0 namespace, its `verify`
// attribute (a compact JWS) or its text. No entity is expanded, no DTD or
// other file is fetched.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>

#include "baked.hpp"
#include "json_reader.hpp"

namespace credpath {

namespace {

constexpr std::string_view kBadgeNamespace = "https://purl.imsglobal.org/ob/v3p0";
constexpr std::string_view kOldBadgeNamespace = "http://openbadges.org";  // Open Badges 2.0

std::string_view view(const xmlChar* text) {
    return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

struct DocumentFree {
    void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};
struct XmlFree {
    void operator()(xmlChar* text) const { xmlFree(text); }
};

// The first element, depth first, for which `wanted` holds.
template <typename Wanted>
xmlNode* find_element(xmlNode* node, const Wanted& wanted) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        if (wanted(node)) return node;
        if (xmlNode* found = find_element(node->children, wanted)) return found;
    }
    return nullptr;
}

}  // namespace

BakedRead read_baked_svg(std::string_view text) {
    BakedRead out;
    // The parser's first fault, for the message (libxml2 would print it).
    struct FirstError {
        std::string message;
        int line = 0;
        int column = 0;
    } first;
    static const bool initialised = (xmlInitParser(), true);  // once, before threads share it
    (void)initialised;
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (!context) {
        out.problem = "libxml2 could not start";
        return out;
    }
    // The first fault is the one to show (later ones follow from it).
    context->_private = &first;
    context->sax->serror = [](void* data, xmlErrorPtr error) {
        auto* found = static_cast<FirstError*>(static_cast<xmlParserCtxtPtr>(data)->_private);
        if (!found->message.empty() || !error || error->level < XML_ERR_ERROR) return;
        found->message = error->message ? error->message : "the XML is malformed";
        found->line = error->line;
        found->column = error->int2;
    };
    // The options: no network, no DTD loading or entity expansion (XXE).
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS;
    std::unique_ptr<xmlDoc, DocumentFree> document(xmlCtxtReadMemory(
        context, text.data(), static_cast<int>(std::min<std::size_t>(text.size(), 1u << 30)), nullptr, nullptr,
        options));
    if (!document) {
        const xmlError* last = xmlCtxtGetLastError(context);
        if (first.message.empty() && last && last->message) {
            first.message = last->message;
            first.line = last->line;
            first.column = last->int2;
        }
        while (!first.message.empty() && (first.message.back() == '\n' || first.message.back() == ' '))
            first.message.pop_back();
        xmlFreeParserCtxt(context);
        out.where = SourceLoc{0, static_cast<std::uint32_t>(std::max(first.line, 1)),
                              static_cast<std::uint32_t>(std::max(first.column, 1))};
        out.problem = "an XML document that does not parse" + (first.message.empty() ? "" : ": " + first.message);
        return out;
    }
    xmlFreeParserCtxt(context);
    xmlNode* root = xmlDocGetRootElement(document.get());
    auto in_namespace = [](std::string_view uri) {
        return [uri](xmlNode* node) {
            return node->ns && view(node->ns->href) == uri &&
                   (view(node->name) == "credential" || view(node->name) == "assertion");
        };
    };
    xmlNode* element = find_element(root, in_namespace(kBadgeNamespace));
    if (!element || view(element->name) != "credential") {
        const bool old_badge = find_element(root, in_namespace(kOldBadgeNamespace)) != nullptr;
        const bool svg = root && view(root->name) == "svg";
        out.problem = old_badge ? "an SVG with an Open Badges 2.0 badge baked in (an `openbadges:assertion`): "
                                  "credpath reads Open Badges 3.0 credentials"
                      : svg     ? "an SVG without a badge: it has no `openbadges:credential` element (namespace "
                                  "https://purl.imsglobal.org/ob/v3p0)"
                                : "an XML document that is not an SVG badge";
        return out;
    }
    BakedCredential baked;
    baked.element = SourceLoc{0, static_cast<std::uint32_t>(std::max<long>(xmlGetLineNo(element), 1)), 1};
    if (std::unique_ptr<xmlChar, XmlFree> verify{xmlGetProp(element, reinterpret_cast<const xmlChar*>("verify"))}) {
        baked.text = std::string(view(verify.get()));
    } else {
        std::unique_ptr<xmlChar, XmlFree> content{xmlNodeGetContent(element)};
        baked.text = std::string(view(content.get()));
        // Where the text starts in the file, so that faults in its JSON get
        // the file's lines: found verbatim when it is CDATA or plain text.
        const std::size_t begin = baked.text.find_first_not_of(" \t\r\n");
        if (begin != std::string::npos) {
            const std::string_view trimmed = std::string_view(baked.text).substr(begin);
            const auto found = std::search(text.begin(), text.end(),
                                           std::boyer_moore_horspool_searcher(trimmed.begin(), trimmed.end()));
            if (const auto at = static_cast<std::size_t>(found - text.begin()); at < text.size())
                baked.starts_at = json_reader::locate(text, at);
            baked.text.erase(0, begin);
        }
    }
    out.credential = std::move(baked);
    return out;
}

}  // namespace credpath
