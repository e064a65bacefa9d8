// A small YAML document tree built from yaml-cpp's event parser. Private to
// the loader layer: it is far lighter than YAML::Node, and lets the loader hand
// each credential over as soon as it is read, then drop it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace credpath::yaml {

struct Node {
    enum class Type : std::uint8_t { Null, Scalar, Sequence, Map };
    Type type = Type::Null;
    bool quoted = false;     // a quoted scalar is always a string
    std::uint32_t line = 0;  // 1-based
    std::uint32_t column = 0;
    std::string text;             // Scalar
    std::vector<Node> children;   // Sequence items; Map keys and values alternating

    bool is_scalar() const { return type == Type::Scalar; }
    bool is_map() const { return type == Type::Map; }
    bool is_sequence() const { return type == Type::Sequence; }
    std::size_t map_size() const { return children.size() / 2; }
    const Node& key(std::size_t i) const { return children[2 * i]; }
    const Node& value(std::size_t i) const { return children[2 * i + 1]; }
};

std::string_view type_name(const Node& node);

// A fault that stops reading a file, with its place (1-based).
struct ReadError {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string code;
    std::string message;
};

struct ReadLimits {
    std::uint32_t max_depth = 128;
    std::uint64_t max_alias_nodes = 1'000'000;
    std::uint64_t max_scalar_bytes = 1u << 20;
};

struct ReadOptions {
    ReadLimits limits;
    // Items of the sequence under this top-level key are passed to `on_item`
    // as they complete instead of being kept in the tree ("" keeps all).
    std::string stream_key;
    std::function<void(Node&&)> on_item;
};

struct ReadResult {
    bool has_document = false;
    Node root;                        // the first document
    std::vector<ReadError> errors;    // at most one parse error, plus encoding faults
};

// Checks bytes for NUL and invalid UTF-8; returns the first fault.
std::vector<ReadError> check_encoding(std::string_view bytes);

ReadResult read(std::string_view bytes, const ReadOptions& options);

}  // namespace credpath::yaml
