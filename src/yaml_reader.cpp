#include "yaml_reader.hpp"

#include <fmt/format.h>
#include <istream>
#include <memory>
#include <streambuf>
#include <unordered_map>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace credpath::yaml {

std::string_view type_name(const Node& node) {
    switch (node.type) {
    case Node::Type::Null: return "nothing";
    case Node::Type::Scalar: return "a scalar";
    case Node::Type::Sequence: return "a list";
    case Node::Type::Map: return "a mapping";
    }
    return "nothing";
}

namespace {

// Reads from memory without copying it into a stringstream.
class MemoryBuffer : public std::streambuf {
public:
    explicit MemoryBuffer(std::string_view bytes) {
        char* begin = const_cast<char*>(bytes.data());
        setg(begin, begin, begin + bytes.size());
    }
};

struct Stop {
    ReadError error;
};

std::uint32_t to_line(const YAML::Mark& mark) { return static_cast<std::uint32_t>(mark.line + 1); }
std::uint32_t to_column(const YAML::Mark& mark) { return static_cast<std::uint32_t>(mark.column + 1); }

std::uint64_t count_nodes(const Node& node) {
    std::uint64_t total = 1;
    for (const Node& child : node.children) total += count_nodes(child);
    return total;
}

class TreeBuilder : public YAML::EventHandler {
public:
    explicit TreeBuilder(const ReadOptions& options) : options_(options) {}

    Node root;
    bool done = false;

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        Node node;
        node.line = to_line(mark);
        node.column = to_column(mark);
        finish(std::move(node), anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto found = anchors_.find(anchor);
        if (found == anchors_.end()) {
            Node node;
            node.line = to_line(mark);
            node.column = to_column(mark);
            finish(std::move(node), 0);
            return;
        }
        alias_nodes_ += found->second.size;
        if (alias_nodes_ > options_.limits.max_alias_nodes)
            throw Stop{{to_line(mark), to_column(mark), "limit",
                        fmt::format("YAML aliases expand to more than {} nodes; refusing to expand further",
                                    options_.limits.max_alias_nodes)}};
        Node copy = *found->second.node;
        finish(std::move(copy), 0);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        if (value.size() > options_.limits.max_scalar_bytes)
            throw Stop{{to_line(mark), to_column(mark), "limit",
                        fmt::format("a value of {} bytes is longer than the limit of {} bytes", value.size(),
                                    options_.limits.max_scalar_bytes)}};
        Node node;
        node.type = Node::Type::Scalar;
        node.quoted = tag == "!";
        node.line = to_line(mark);
        node.column = to_column(mark);
        node.text = value;
        finish(std::move(node), anchor);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, Node::Type::Sequence, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, Node::Type::Map, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Frame {
        Node node;
        YAML::anchor_t anchor = 0;
        bool streams = false;  // hand items to on_item instead of keeping them
    };
    struct Anchor {
        std::shared_ptr<const Node> node;
        std::uint64_t size = 0;
    };

    void open(const YAML::Mark& mark, Node::Type type, YAML::anchor_t anchor) {
        if (stack_.size() >= options_.limits.max_depth)
            throw Stop{{to_line(mark), to_column(mark), "limit",
                        fmt::format("nesting is deeper than the limit of {} levels", options_.limits.max_depth)}};
        Frame frame;
        frame.node.type = type;
        frame.node.line = to_line(mark);
        frame.node.column = to_column(mark);
        frame.anchor = anchor;
        // The value of the top-level stream key is read item by item.
        if (type == Node::Type::Sequence && stack_.size() == 1 && !options_.stream_key.empty() &&
            options_.on_item) {
            const Node& parent = stack_.front().node;
            if (parent.is_map() && parent.children.size() % 2 == 1 && parent.children.back().is_scalar() &&
                parent.children.back().text == options_.stream_key)
                frame.streams = true;
        }
        stack_.push_back(std::move(frame));
    }

    void close() {
        Frame frame = std::move(stack_.back());
        stack_.pop_back();
        finish(std::move(frame.node), frame.anchor);
    }

    void finish(Node&& node, YAML::anchor_t anchor) {
        if (anchor != 0) {
            auto shared = std::make_shared<const Node>(node);
            anchors_[anchor] = Anchor{shared, count_nodes(*shared)};
        }
        if (stack_.empty()) {
            root = std::move(node);
            done = true;
            return;
        }
        Frame& parent = stack_.back();
        if (parent.streams) {
            options_.on_item(std::move(node));
            return;
        }
        parent.node.children.push_back(std::move(node));
    }

    const ReadOptions& options_;
    std::vector<Frame> stack_;
    std::unordered_map<YAML::anchor_t, Anchor> anchors_;
    std::uint64_t alias_nodes_ = 0;
};

}  // namespace

std::vector<ReadError> check_encoding(std::string_view bytes) {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
    std::size_t i = 0;
    const std::size_t n = bytes.size();
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
    while (i < n) {
        const unsigned char c = at(i);
        if (c == 0)
            return {{line, column, "encoding", "the file holds a NUL byte: it is binary, not YAML text"}};
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
        // Reject overlong forms, surrogates and code points past U+10FFFF.
        if (valid && ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
                      (length == 4 && (code < 0x10000 || code > 0x10FFFF)) || (code >= 0xD800 && code <= 0xDFFF)))
            valid = false;
        if (!valid)
            return {{line, column, "encoding", "invalid UTF-8: YAML files must be UTF-8 text"}};
        i += length;
        ++column;
    }
    return {};
}

ReadResult read(std::string_view bytes, const ReadOptions& options) {
    ReadResult result;
    result.errors = check_encoding(bytes);
    if (!result.errors.empty()) return result;
    MemoryBuffer buffer(bytes);
    std::istream stream(&buffer);
    TreeBuilder builder(options);
    try {
        YAML::Parser parser(stream);
        result.has_document = parser.HandleNextDocument(builder);
        result.root = std::move(builder.root);
        if (result.has_document) {
            TreeBuilder second(options);
            if (parser.HandleNextDocument(second))
                result.errors.push_back({second.root.line, second.root.column, "syntax",
                                         "a file holds one YAML document; found another one here"});
        }
    } catch (const Stop& stop) {
        result.errors.push_back(stop.error);
    } catch (const YAML::DeepRecursion& error) {
        result.errors.push_back({to_line(error.mark), to_column(error.mark), "limit",
                                 fmt::format("nesting is deeper than the limit of {} levels",
                                             options.limits.max_depth)});
    } catch (const YAML::Exception& error) {
        result.errors.push_back({error.mark.is_null() ? 0u : to_line(error.mark),
                                 error.mark.is_null() ? 0u : to_column(error.mark), "syntax",
                                 fmt::format("YAML syntax: {}", error.msg)});
    }
    return result;
}

}  // namespace credpath::yaml
