#include "json_reader.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <istream>
#include <streambuf>

#include "loader_support.hpp"

namespace credpath::json_reader {

namespace {

// The parser's messages quote up to some 40 bytes of the input.
constexpr std::size_t kMessageLimit = 400;

// The parser reads from this buffer one character at a time, so how far it
// has read is how far the parser has got: the place of a fault or a value.
class MemoryBuffer : public std::streambuf {
public:
    explicit MemoryBuffer(std::string_view text) {
        // Only ever read: a get area is not written to.
        char* begin = const_cast<char*>(text.data());
        setg(begin, begin, begin + text.size());
    }
    std::size_t consumed() const { return static_cast<std::size_t>(gptr() - eback()); }
};

// 1-based line and column (in characters, not bytes, after any byte order
// mark) of every offset in `places`, filled in by one pass over the text:
// a minified wallet is one long line.
void locate_all(std::string_view text, std::map<std::size_t, SourceLoc>& places) {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
    std::size_t at = text.substr(0, kByteOrderMark.size()) == kByteOrderMark ? kByteOrderMark.size() : 0;
    for (auto& [offset, place] : places) {
        for (; at < offset && at < text.size(); ++at) {
            if (text[at] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) {
                ++column;  // not a UTF-8 continuation byte
            }
        }
        place = SourceLoc{0, line, column};
    }
}

bool number_char(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}


// Where the token ending at `last` starts: a parse error names the last
// character read, but "unexpected string literal" is best shown at the string.
std::size_t token_start(std::string_view text, std::size_t last) {
    if (last >= text.size()) return last;
    if (text[last] == '"') return opening_quote(text, last);
    auto word_char = [](char c) { return number_char(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    while (last > 0 && word_char(text[last]) && word_char(text[last - 1])) --last;
    return last;
}

// Where the values at some JSON pointers start. nlohmann's SAX events carry
// no place, but each comes right after its token was read (a number: one
// character later), so the start can be traced back from the buffer.
class PositionFinder final : public nlohmann::json_sax<json> {
public:
    PositionFinder(std::string_view text, const MemoryBuffer& buffer, std::map<std::string, std::size_t>& starts)
        : text_(text), buffer_(buffer), starts_(starts) {
        for (const auto& [pointer, start] : starts)
            max_depth_ =
                std::max(max_depth_, static_cast<std::size_t>(std::count(pointer.begin(), pointer.end(), '/')));
    }

    bool null() override { return scalar(consumed() - 4); }
    bool boolean(bool value) override { return scalar(consumed() - (value ? 4 : 5)); }
    bool number_integer(number_integer_t) override { return scalar(number_start()); }
    bool number_unsigned(number_unsigned_t) override { return scalar(number_start()); }
    bool number_float(number_float_t, const string_t&) override { return scalar(number_start()); }
    bool string(string_t&) override { return scalar(string_start()); }
    bool binary(binary_t&) override { return scalar(consumed()); }  // not in JSON text
    bool start_object(std::size_t) override { return open(false); }
    bool start_array(std::size_t) override { return open(true); }
    bool key(string_t& key) override {
        frames_.back().key = key;
        return true;
    }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const json::exception&) override { return false; }

private:
    struct Frame {
        std::string pointer;
        bool array = false;
        std::size_t next_index = 0;
        std::string key;
    };

    std::size_t consumed() const { return buffer_.consumed(); }
    std::size_t number_start() const {
        std::size_t end = std::min(consumed(), text_.size());
        if (end > 0 && !number_char(text_[end - 1])) --end;  // the character after the number
        while (end > 0 && number_char(text_[end - 1])) --end;
        return end;
    }
    std::size_t string_start() const { return opening_quote(text_, consumed() - 1); }
    // The pointer of the value starting now; "" past the deepest one wanted.
    std::string next_pointer() const {
        if (frames_.empty()) return "";
        if (frames_.size() > max_depth_) return "";
        const Frame& parent = frames_.back();
        return parent.array ? item_pointer(parent.pointer, parent.next_index)
                            : member_pointer(parent.pointer, parent.key);
    }
    void record(const std::string& pointer, std::size_t start) {
        if (frames_.size() > max_depth_) return;
        if (auto found = starts_.find(pointer); found != starts_.end() && found->second == std::string::npos)
            found->second = start;
    }
    void advance() {
        if (!frames_.empty() && frames_.back().array) ++frames_.back().next_index;
    }
    bool scalar(std::size_t start) {
        record(next_pointer(), start);
        advance();
        return true;
    }
    bool open(bool array) {
        std::string pointer = next_pointer();
        record(pointer, consumed() - 1);
        frames_.push_back(Frame{std::move(pointer), array, 0, {}});
        return true;
    }
    bool close() {
        frames_.pop_back();
        advance();
        return true;
    }

    std::string_view text_;
    const MemoryBuffer& buffer_;
    std::map<std::string, std::size_t>& starts_;
    std::size_t max_depth_ = 0;
    std::vector<Frame> frames_;
};

// A first pass that only counts nesting: parsing with a callback that
// watches the depth is quadratic in nlohmann-json 3.11 (a wallet of 400,000
// empty objects took a minute), its SAX interface is linear. Stops at the
// first container opened `max_depth` levels deep, or at a syntax error
// (which the parse then reports).
class DepthLimit final : public nlohmann::json_sax<json> {
public:
    DepthLimit(const MemoryBuffer& buffer, int max_depth) : buffer_(buffer), max_depth_(max_depth) {}
    // Where the too-deep container opens; npos when none does.
    std::size_t too_deep = std::string::npos;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return open(); }
    bool start_array(std::size_t) override { return open(); }
    bool key(string_t&) override { return true; }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const json::exception&) override { return false; }

private:
    bool open() {
        if (depth_ >= max_depth_) {
            too_deep = buffer_.consumed() - 1;
            return false;
        }
        ++depth_;
        return true;
    }
    bool close() {
        --depth_;
        return true;
    }

    const MemoryBuffer& buffer_;
    int max_depth_;
    int depth_ = 0;  // containers open around the next value
};

}  // namespace

std::size_t opening_quote(std::string_view text, std::size_t close) {
    std::size_t at = close;
    while (at > 0) {
        --at;
        if (text[at] != '"') continue;
        std::size_t backslashes = 0;
        while (backslashes < at && text[at - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) break;
    }
    return at;
}

// JSON pointers (RFC 6901) name the values that faults and badges are about,
// to be placed at a line and column once the document has been read.
std::string member_pointer(const std::string& parent, std::string_view key) {
    std::string out = parent + "/";
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}
std::string item_pointer(const std::string& parent, std::size_t index) {
    return fmt::format("{}/{}", parent, index);
}


SourceLoc locate(std::string_view text, std::size_t offset) {
    std::map<std::size_t, SourceLoc> places{{offset, {}}};
    locate_all(text, places);
    return places.begin()->second;
}

Parsed parse(std::string_view text, int max_depth) {
    Parsed out;
    auto fail = [&](SourceLoc where, std::string code, std::string message) {
        out.fault = SyntaxFault{where, std::move(code), std::move(message)};
        return std::move(out);
    };
    {
        MemoryBuffer buffer(text);
        std::istream in(&buffer);
        DepthLimit limit(buffer, max_depth);
        json::sax_parse(in, &limit);
        if (limit.too_deep != std::string::npos)
            return fail(locate(text, limit.too_deep), "depth", fmt::format("nesting deeper than {} levels", max_depth));
    }
    MemoryBuffer buffer(text);
    std::istream in(&buffer);
    try {
        out.value = json::parse(in);
        return out;
    } catch (const json::parse_error& error) {
        // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..."
        std::string message = error.what();
        if (const auto close = message.find("] "); close != std::string::npos) message.erase(0, close + 2);
        if (message.rfind("parse error at line ", 0) == 0)
            if (const auto colon = message.find(": "); colon != std::string::npos) message.erase(0, colon + 2);
        // error.byte counts the characters read, the offending one included.
        // The message quotes the input ("last read: ..."), invalid UTF-8 included.
        return fail(locate(text, token_start(text, error.byte > 0 ? error.byte - 1 : 0)), "json-syntax",
                    fmt::format("not valid JSON: {}", printable(message, kMessageLimit)));
    } catch (const json::exception& error) {
        std::string message = error.what();
        if (const auto close = message.find("] "); close != std::string::npos) message.erase(0, close + 2);
        return fail(locate(text, buffer.consumed() > 0 ? buffer.consumed() - 1 : 0), "json-syntax",
                    fmt::format("not valid JSON: {}", printable(message, kMessageLimit)));
    }
}

std::map<std::string, SourceLoc> place(std::string_view text, const std::vector<std::string>& pointers) {
    std::map<std::string, std::size_t> starts;
    for (const std::string& pointer : pointers) starts.emplace(pointer, std::string::npos);
    if (!starts.empty()) {
        MemoryBuffer buffer(text);
        std::istream in(&buffer);
        PositionFinder finder(text, buffer, starts);
        json::sax_parse(in, &finder);
    }
    std::map<std::size_t, SourceLoc> places;
    for (const auto& [pointer, start] : starts) places.emplace(start == std::string::npos ? 0 : start, SourceLoc{});
    locate_all(text, places);
    std::map<std::string, SourceLoc> out;
    for (const auto& [pointer, start] : starts) out.emplace(pointer, places.at(start == std::string::npos ? 0 : start));
    return out;
}

}  // namespace credpath::json_reader
