// Reading JSON documents for the loaders (badge wallets, CTDL): parsing with a
// nesting limit and a located syntax fault, JSON pointers (RFC 6901) to name
// values, and a second pass that places pointers at a line and column.
// The load layer's one use of nlohmann-json for input.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/model/model.hpp"

namespace credpath::json_reader {

using nlohmann::json;

inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string member_pointer(const std::string& parent, std::string_view key);
std::string item_pointer(const std::string& parent, std::size_t index);
// "a string", "an object", ... (for json and ordered_json alike).
template <class Json>
std::string type_name(const Json& value) {
    switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "a value";
    }
}

struct SyntaxFault {
    SourceLoc where;
    std::string code;  // "json-syntax" or "depth"
    std::string message;
};

struct Parsed {
    json value;
    std::optional<SyntaxFault> fault;  // set when the text is not JSON
};

// As deep as the YAML reader goes; real credentials nest about a dozen levels.
inline constexpr int kMaxDepth = 128;

// Parses `text` (a UTF-8 byte order mark is skipped), nesting at most
// `max_depth` levels.
Parsed parse(std::string_view text, int max_depth = kMaxDepth);

// The line and column of the value at each pointer (1:1 when a pointer names
// no value): one pass over the text, SAX events traced back to their places.
std::map<std::string, SourceLoc> place(std::string_view text, const std::vector<std::string>& pointers);

// The offset of the quote that opens the string whose closing quote is at
// `close`: the first quote before it not escaped by an odd run of backslashes.
std::size_t opening_quote(std::string_view text, std::size_t close);

// The 1-based line and column of a byte offset (columns count characters).
SourceLoc locate(std::string_view text, std::size_t offset);

}  // namespace credpath::json_reader
