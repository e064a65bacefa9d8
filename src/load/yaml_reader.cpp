#include "yaml_reader.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <fmt/format.h>
#include <istream>
#include <memory>
#include <mutex>
#include <streambuf>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>
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

using Sink = std::function<void(Node&&)>;

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
    TreeBuilder(const ReadOptions& options, const Sink& sink) : options_(options), sink_(sink) {}

    Node root;
    bool done = false;

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        Node node;
        node.line = to_line(mark);
        node.column = to_column(mark);
        // An empty value (`title:` and nothing after it) carries the mark of
        // the next token, often on a later line: place it at its key instead.
        if (!stack_.empty() && stack_.back().node.is_map()) {
            const std::vector<Node>& siblings = children_[stack_.size() - 1];
            if (siblings.size() % 2 == 1 && siblings.back().line < node.line) {
                node.line = siblings.back().line;
                node.column = siblings.back().column;
            }
        }
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
                        fmt::format("YAML aliases expand to more than {} nodes; refusing to expand further "
                                    "(--max-alias-nodes raises it)",
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
        // Quoted ("!", the non-specific tag) or tagged !!str: a string, never a number.
        node.quoted = (tag.size() == 1 && tag[0] == '!') || tag == "tag:yaml.org,2002:str";
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
        if (type == Node::Type::Sequence && stack_.size() == 1 && !options_.stream_key.empty() && sink_) {
            const std::vector<Node>& siblings = children_.front();
            if (stack_.front().node.is_map() && siblings.size() % 2 == 1 && siblings.back().is_scalar() &&
                siblings.back().text == options_.stream_key)
                frame.streams = true;
        }
        stack_.push_back(std::move(frame));
        if (children_.size() < stack_.size()) children_.emplace_back();
    }

    void close() {
        Frame frame = std::move(stack_.back());
        std::vector<Node>& children = children_[stack_.size() - 1];
        stack_.pop_back();
        // One allocation of the exact size, where growing would take several.
        frame.node.children.reserve(children.size());
        for (Node& child : children) frame.node.children.push_back(std::move(child));
        children.clear();
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
            sink_(std::move(node));
            return;
        }
        children_[stack_.size() - 1].push_back(std::move(node));
    }

    const ReadOptions& options_;
    const Sink& sink_;
    std::vector<Frame> stack_;
    // The children of each open collection, by depth; reused from one
    // collection to the next.
    std::vector<std::vector<Node>> children_;
    std::unordered_map<YAML::anchor_t, Anchor> anchors_;
    std::uint64_t alias_nodes_ = 0;
};

// Thrown on the parsing thread once the calling thread has stopped taking items.
struct Cancelled {};

// Hands yaml-cpp the blocks of an Input, each checked for its encoding first:
// past a fault it reports the end, so the parser stops early.
class BlockBuffer : public std::streambuf {
public:
    explicit BlockBuffer(Input& input) : input_(input) {}

    // Stops reading (throwing Cancelled) once `flag` is set.
    void cancel_on(const std::atomic<bool>* flag) { cancelled_ = flag; }
    // Reads the first bytes now. yaml-cpp's Stream takes them in its
    // constructor, which leaks its buffer when a read throws there: up to four
    // one at a time to look for a byte order mark, put back (so they must lie
    // in one block), then 2048 at once.
    void prime() {
        if (first_) next_block();
    }
    // Reads and checks whatever the parser left unread.
    void drain() {
        while (!ended_) checked_block();
    }
    const std::optional<ReadError>& fault() const { return check_.fault(); }
    // Whether the parser was given the sentinel after the end (see next_block).
    bool gave_sentinel() const { return gave_sentinel_; }
    // The place just past the last byte of the input.
    std::pair<std::uint32_t, std::uint32_t> end_position() const { return check_.position(); }

protected:
    int_type underflow() override {
        if (gptr() == egptr() && !next_block()) return traits_type::eof();
        return traits_type::to_int_type(*gptr());
    }

private:
    // The next block that passed the check; empty at the end or at a fault.
    std::string_view checked_block() {
        if (ended_) return {};
        const std::string_view block = input_.next();
        if (block.empty()) {
            check_.finish();
            ended_ = true;
            return {};
        }
        if (!check_.feed(block)) {
            ended_ = true;
            return {};
        }
        last_byte_ = block.back();
        return block;
    }

    // yaml-cpp takes a quoted scalar left open to the end of a file that ends
    // with a line break as closed there (it throws only when the file ends
    // within a line), so a missing closing quote would silently swallow the
    // rest of the file. After such a file the parser is given one more byte,
    // '#', which opens a comment anywhere else, but inside an open quoted
    // scalar makes yaml-cpp find the end of the file within a line.
    bool sentinel_due() const { return ended_ && !gave_sentinel_ && !check_.fault() && last_byte_ == '\n'; }

    bool next_block() {
        if (ended_) return false;
        if (cancelled_ && cancelled_->load(std::memory_order_relaxed)) throw Cancelled{};
        std::string_view block = checked_block();
        if (first_) {
            // The first bytes in one block (see prime()).
            first_ = false;
            if (!block.empty() && block.size() < first_bytes) {
                head_.assign(block);
                while (head_.size() < first_bytes) {
                    const std::string_view more = checked_block();
                    if (more.empty()) break;
                    head_.append(more);
                }
                // In the same block, since these bytes may be put back.
                if (sentinel_due()) {
                    head_ += sentinel;
                    gave_sentinel_ = true;
                }
                block = head_;
            }
        }
        if (block.empty() && sentinel_due()) {
            gave_sentinel_ = true;
            block = std::string_view(&sentinel, 1);
        }
        // At the end the last block stays in place, so what was read can still
        // be put back.
        if (block.empty()) return false;
        char* begin = const_cast<char*>(block.data());
        setg(begin, begin, begin + block.size());
        return true;
    }

    static constexpr std::size_t first_bytes = 8192;
    static constexpr char sentinel = '#';

    Input& input_;
    EncodingCheck check_;
    std::string head_;
    const std::atomic<bool>* cancelled_ = nullptr;
    bool first_ = true;
    bool ended_ = false;
    bool gave_sentinel_ = false;
    char last_byte_ = 0;
};

// Turns what stopped a parse into its error; anything that is not a YAML or
// limit fault leaves again.
void record_failure(std::exception_ptr failure, const ReadLimits& limits, ReadResult& result) {
    try {
        std::rethrow_exception(failure);
    } catch (const Stop& stop) {
        result.errors.push_back(stop.error);
    } catch (const YAML::DeepRecursion& error) {
        result.errors.push_back({to_line(error.mark), to_column(error.mark), "limit",
                                 fmt::format("nesting is deeper than the limit of {} levels", limits.max_depth)});
    } catch (const YAML::Exception& error) {
        // yaml-cpp says "illegal EOF in scalar" only of a quoted scalar.
        const std::string message = error.msg == YAML::ErrorMsg::EOF_IN_SCALAR
                                        ? std::string("the file ends inside a quoted string: a closing quote is missing")
                                        : error.msg;
        result.errors.push_back({error.mark.is_null() ? 0u : to_line(error.mark),
                                 error.mark.is_null() ? 0u : to_column(error.mark), "syntax",
                                 fmt::format("YAML syntax: {}", message)});
    }
}

void parse(BlockBuffer& buffer, const ReadOptions& options, const Sink& sink, ReadResult& result) {
    buffer.prime();
    std::istream stream(&buffer);
    // What the input throws while yaml-cpp reads through the stream leaves as is.
    stream.exceptions(std::ios::badbit);
    TreeBuilder builder(options, sink);
    try {
        YAML::Parser parser(stream);
        result.has_document = parser.HandleNextDocument(builder);
        result.root = std::move(builder.root);
        if (result.has_document) {
            TreeBuilder second(options, sink);
            if (parser.HandleNextDocument(second))
                result.errors.push_back({second.root.line, second.root.column, "syntax",
                                         "a file holds one YAML document; found another one here"});
        }
    } catch (...) {
        record_failure(std::current_exception(), options.limits, result);
        // A fault found at the sentinel is at the end of the file.
        if (buffer.gave_sentinel() && !result.errors.empty()) {
            const auto [line, column] = buffer.end_position();
            ReadError& error = result.errors.back();
            if (error.line > line || (error.line == line && error.column > column)) {
                error.line = line;
                error.column = column;
            }
        }
    }
}

// The encoding covers the whole file, and a fault in it is the only error.
ReadResult settle(BlockBuffer& buffer, ReadResult result) {
    buffer.drain();
    if (const auto& fault = buffer.fault()) {
        ReadResult voided;
        voided.errors.push_back(*fault);
        voided.items_void = true;
        return voided;
    }
    return result;
}

ReadResult read_serial(Input& input, const ReadOptions& options) {
    BlockBuffer buffer(input);
    ReadResult result;
    parse(buffer, options, options.on_item, result);
    return settle(buffer, std::move(result));
}

// Batches of items from the parsing thread to the calling thread.
class Channel {
public:
    explicit Channel(std::size_t capacity) : capacity_(capacity) {}

    // False once the consumer has stopped.
    bool push(std::vector<Node>&& batch) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return batches_.size() < capacity_ || cancelled_; });
        if (cancelled_) return false;
        batches_.push_back(std::move(batch));
        lock.unlock();
        not_empty_.notify_one();
        return true;
    }
    void close() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        not_empty_.notify_one();
    }
    // False at the end.
    bool pop(std::vector<Node>& batch) {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !batches_.empty() || closed_; });
        if (batches_.empty()) return false;
        batch = std::move(batches_.front());
        batches_.pop_front();
        lock.unlock();
        not_full_.notify_one();
        return true;
    }
    void cancel() {
        std::deque<std::vector<Node>> dropped;
        {
            std::lock_guard lock(mutex_);
            cancelled_ = true;
            dropped.swap(batches_);
        }
        not_full_.notify_one();
    }

private:
    std::mutex mutex_;
    std::condition_variable not_empty_;
    std::condition_variable not_full_;
    std::deque<std::vector<Node>> batches_;
    std::size_t capacity_;
    bool closed_ = false;
    bool cancelled_ = false;
};

// yaml-cpp and the tree builder run on a second thread, `on_item` on this one.
// Items come in document order and every fault ends the read as in
// read_serial: a fault of the parser after the items before it; one thrown by
// `on_item` stops the parser, and counts as if the parser had thrown it there.
ReadResult read_pipelined(Input& input, const ReadOptions& options) {
    BlockBuffer buffer(input);
    Channel channel(std::max<std::size_t>(options.queue_batches, 1));
    std::atomic<bool> cancelled{false};
    buffer.cancel_on(&cancelled);
    const std::size_t batch_items = std::max<std::size_t>(options.batch_items, 1);
    ReadResult produced;
    std::exception_ptr producer_failure;
    auto produce = [&] {
        std::vector<Node> batch;
        auto send = [&] {
            if (batch.empty()) return;
            if (!channel.push(std::move(batch))) throw Cancelled{};
            batch = std::vector<Node>();
        };
        const Sink sink = [&](Node&& node) {
            if (batch.empty()) batch.reserve(batch_items);
            batch.push_back(std::move(node));
            if (batch.size() >= batch_items) send();
        };
        try {
            parse(buffer, options, sink, produced);
            send();
        } catch (const Cancelled&) {
        } catch (...) {
            producer_failure = std::current_exception();
            try {
                send();  // the items before the failure still count
            } catch (...) {
            }
        }
        channel.close();
    };
    std::thread producer;
    try {
        producer = std::thread(produce);
    } catch (const std::system_error&) {
        return read_serial(input, options);  // no thread to be had: read on this one
    }
    struct Joiner {
        Channel& channel;
        std::atomic<bool>& cancelled;
        std::thread& thread;
        ~Joiner() {
            if (!thread.joinable()) return;
            cancelled = true;
            channel.cancel();
            thread.join();
        }
    } joiner{channel, cancelled, producer};

    std::exception_ptr consumer_failure;
    std::vector<Node> batch;
    while (channel.pop(batch)) {
        try {
            for (Node& node : batch) options.on_item(std::move(node));
        } catch (...) {
            consumer_failure = std::current_exception();
            cancelled = true;
            channel.cancel();
            break;
        }
        batch.clear();
    }
    batch.clear();
    producer.join();
    if (consumer_failure) {
        ReadResult failed;
        record_failure(consumer_failure, options.limits, failed);
        return settle(buffer, std::move(failed));
    }
    if (producer_failure) std::rethrow_exception(producer_failure);
    return settle(buffer, std::move(produced));
}

constexpr std::uint64_t byte_ones = 0x0101010101010101ull;
constexpr std::uint64_t byte_highs = 0x8080808080808080ull;
constexpr std::uint64_t byte_lows = 0x7F7F7F7F7F7F7F7Full;

// 0x80 in each byte of `x` that is zero; `x` has no byte above 0x7F.
constexpr std::uint64_t zero_bytes(std::uint64_t x) {
    return ~(((x & byte_lows) + byte_lows) | x | byte_lows);
}

constexpr std::string_view nul_message = "the file holds a NUL byte: it is binary, not YAML text";
constexpr std::string_view utf8_message = "invalid UTF-8: YAML files must be UTF-8 text";
constexpr std::string_view utf16_message =
    "the file starts with a UTF-16 byte order mark: it is UTF-16 text; save it as UTF-8";

}  // namespace

std::size_t sequence_length(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) return 2;
    if ((c & 0xF0) == 0xE0) return 3;
    if ((c & 0xF8) == 0xF0) return 4;
    return 0;
}

bool valid_sequence(const unsigned char* bytes, std::size_t length) {
    std::uint32_t code = bytes[0] & (length == 2 ? 0x1Fu : length == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < length; ++k) {
        if ((bytes[k] & 0xC0) != 0x80) return false;
        code = (code << 6) | (bytes[k] & 0x3Fu);
    }
    return !((length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
             (length == 4 && (code < 0x10000 || code > 0x10FFFF)) || (code >= 0xD800 && code <= 0xDFFF));
}

std::string_view MemoryInput::next() { return std::exchange(bytes_, std::string_view()); }

bool EncodingCheck::fail(std::string_view message) {
    fault_ = ReadError{line_, column_, "encoding", std::string(message)};
    return false;
}

bool EncodingCheck::finish_partial() {
    const bool valid = valid_sequence(partial_, partial_length_);
    partial_size_ = 0;
    if (!valid) return fail(utf8_message);
    ++column_;
    return true;
}

bool EncodingCheck::feed(std::string_view block) {
    if (fault_) return false;
    const auto* bytes = reinterpret_cast<const unsigned char*>(block.data());
    const std::size_t n = block.size();
    std::size_t i = 0;
    if (partial_size_ > 0) {
        while (partial_size_ < partial_length_ && partial_size_ < sizeof partial_ && i < n)
            partial_[partial_size_++] = bytes[i++];
        if (partial_size_ < partial_length_) return true;
        if (!finish_partial()) return false;
    }
    while (i < n) {
        if constexpr (std::endian::native == std::endian::little) {
            // Eight bytes at a time while they are ASCII without NUL.
            if (n - i >= 8) {
                std::uint64_t word = 0;
                std::memcpy(&word, bytes + i, 8);
                if ((word & byte_highs) == 0 && zero_bytes(word) == 0) {
                    const std::uint64_t newlines = zero_bytes(word ^ (byte_ones * '\n'));
                    if (newlines == 0) {
                        column_ += 8;
                    } else {
                        // One bit per newline byte: sum the bytes by a multiply.
                        line_ += static_cast<std::uint32_t>(((newlines >> 7) * byte_ones) >> 56);
                        const int last = (63 - std::countl_zero(newlines)) / 8;  // the last newline's byte
                        column_ = static_cast<std::uint32_t>(8 - last);
                    }
                    i += 8;
                    continue;
                }
            }
        }
        const unsigned char c = bytes[i];
        if (c == 0) return fail(nul_message);
        if (c == '\n') {
            ++line_;
            column_ = 1;
            ++i;
            continue;
        }
        if (c < 0x80) {
            ++column_;
            ++i;
            continue;
        }
        const std::size_t length = sequence_length(c);
        if (length == 0) {
            // FF FE or FE FF at the very start: a UTF-16 byte order mark.
            const bool at_start = line_ == 1 && column_ == 1;
            if (at_start && i + 1 < n && (c == 0xFF || c == 0xFE) && bytes[i + 1] == (c == 0xFF ? 0xFE : 0xFF))
                return fail(utf16_message);
            return fail(utf8_message);
        }
        if (n - i < length) {  // cut by the end of the block: finished by the next
            partial_length_ = length;
            partial_size_ = n - i;
            std::memcpy(partial_, bytes + i, partial_size_);
            return true;
        }
        if (!valid_sequence(bytes + i, length)) return fail(utf8_message);
        i += length;
        ++column_;
    }
    return true;
}

bool EncodingCheck::finish() {
    if (fault_) return false;
    if (partial_size_ > 0) return fail(utf8_message);
    return true;
}

std::vector<ReadError> check_encoding(std::string_view bytes) {
    EncodingCheck check;
    check.feed(bytes);
    check.finish();
    if (const auto& fault = check.fault()) return {*fault};
    return {};
}

ReadResult read(std::string_view bytes, const ReadOptions& options) {
    MemoryInput input(bytes);
    return read(input, options);
}

ReadResult read(Input& input, const ReadOptions& options) {
    if (options.on_item && options.pipeline) return read_pipelined(input, options);
    return read_serial(input, options);
}

}  // namespace credpath::yaml
