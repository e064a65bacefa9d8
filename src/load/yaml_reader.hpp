// A small YAML document tree built from yaml-cpp's event parser. Private to
// the loader layer: it is far lighter than YAML::Node, and lets the loader hand
// each credential over as soon as it is read, then drop it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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
    // With `on_item`, yaml-cpp runs on a second thread and hands the items over
    // in batches through a bounded queue; `on_item` is still called on the
    // calling thread, in document order, and faults come out as without it.
    bool pipeline = true;
    std::size_t batch_items = 64;    // items per hand-over
    std::size_t queue_batches = 16;  // batches read ahead at most
};

struct ReadResult {
    bool has_document = false;
    Node root;                        // the first document (when `errors` is empty)
    std::vector<ReadError> errors;    // at most one parse error, or one encoding fault
    // An encoding fault voids the file: items already passed to `on_item`
    // must be dropped (the fault is then the only error).
    bool items_void = false;
};

// The bytes of one file, block by block. `next` returns the next block (valid
// until the following call), or an empty view at the end; it may throw, and
// the exception then leaves `read` as is.
class Input {
public:
    virtual ~Input() = default;
    virtual std::string_view next() = 0;
};

// Bytes in memory, in one block.
class MemoryInput : public Input {
public:
    explicit MemoryInput(std::string_view bytes) : bytes_(bytes) {}
    std::string_view next() override;

private:
    std::string_view bytes_;
};

// Incremental NUL and UTF-8 check over blocks of any size: the first fault is
// placed exactly as if the bytes were checked in one piece, a multi-byte
// sequence cut by a block boundary included.
class EncodingCheck {
public:
    // Checks the next block; false once a fault has been found.
    bool feed(std::string_view block);
    // After the last block: a sequence cut off by the end is a fault.
    bool finish();
    const std::optional<ReadError>& fault() const { return fault_; }
    // 1-based line and column of the next byte.
    std::pair<std::uint32_t, std::uint32_t> position() const { return {line_, column_}; }

private:
    bool fail(std::string_view message);
    // Checks the sequence held in `partial_`; false on a fault.
    bool finish_partial();

    std::uint32_t line_ = 1;
    std::uint32_t column_ = 1;         // of the next character
    unsigned char partial_[4] = {};    // a sequence cut by the end of the last block
    std::size_t partial_size_ = 0;
    std::size_t partial_length_ = 0;   // its full length
    std::optional<ReadError> fault_;
};

// The length of the UTF-8 sequence a byte starts (1 to 4); 0 when it cannot
// start one.
std::size_t sequence_length(unsigned char c);
// Whether `length` (2 to 4) bytes are one well-formed character: no overlong
// forms, surrogates or code points past U+10FFFF.
bool valid_sequence(const unsigned char* bytes, std::size_t length);

// Checks bytes for NUL and invalid UTF-8; returns the first fault.
std::vector<ReadError> check_encoding(std::string_view bytes);

ReadResult read(std::string_view bytes, const ReadOptions& options);
// Checks the encoding while it reads, so the file need not be held whole.
ReadResult read(Input& input, const ReadOptions& options);

}  // namespace credpath::yaml
