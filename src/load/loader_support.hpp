// Checks shared by the catalog and profile readers. Private to the loader layer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "credpath/load/catalog_cache.hpp"
#include "credpath/model/diagnostic.hpp"
#include "credpath/model/model.hpp"
#include "yaml_reader.hpp"

namespace credpath {

// Collects diagnostics for nodes of the files named in `files`.
struct Reporter {
    const std::vector<std::string>& files;
    std::vector<Diagnostic>& diagnostics;

    SourceLoc loc(std::uint32_t file, const yaml::Node& node) const { return {file, node.line, node.column}; }
    void report(Severity severity, SourceLoc where, std::string code, std::string message);
    void error(SourceLoc where, std::string code, std::string message) {
        report(Severity::Error, where, std::move(code), std::move(message));
    }
    void warning(SourceLoc where, std::string code, std::string message) {
        report(Severity::Warning, where, std::move(code), std::move(message));
    }

    // Typed reads: each reports its own fault and returns nullopt. `key`
    // names the value in a wrong type's message ("cost: expected a number,
    // found a list").
    std::optional<std::string> string(std::uint32_t file, const yaml::Node& node, std::string_view key = {});
    std::optional<std::vector<std::string>> string_list(std::uint32_t file, const yaml::Node& node,
                                                        std::string_view key = {});
    std::optional<double> number(std::uint32_t file, const yaml::Node& node, double max, std::string_view key = {});
    std::optional<std::uint32_t> count(std::uint32_t file, const yaml::Node& node, std::string_view key = {});
    std::optional<std::string> choice(std::uint32_t file, const yaml::Node& node, std::string_view what,
                                      const std::vector<std::string_view>& allowed);
};

// Reports duplicate and unknown keys (with the nearest allowed key); returns
// false when there was any.
bool check_keys(Reporter& reporter, std::uint32_t file, const yaml::Node& map,
                const std::vector<std::string_view>& allowed);
// The value of the first `key` in `map`, or nullptr.
const yaml::Node* find_key(const yaml::Node& map, std::string_view key);

bool valid_id(std::string_view id);
bool valid_currency(std::string_view code);
bool valid_country(std::string_view code);
bool valid_language(std::string_view tag);
std::optional<Duration> parse_duration(std::string_view text);
// Shortened (to at most `limit` bytes, between characters) and with control
// characters escaped (\x1b, and \u009b for the C1 controls), bidirectional
// overrides and isolates too (\u202e), and each byte of invalid UTF-8 (\xff),
// fit to quote in a message.
std::string printable(std::string_view text, std::size_t limit = 60);

// What a file that is not text is, from its first bytes; nullopt when it
// starts like text. describe() says it in words ("a PNG image", "gzip data").
enum class FileKind { Png, Gzip, Zip, Pdf, Jpeg, Gif, Elf, Bzip2, Xz, Zstd, SevenZip };
std::optional<FileKind> binary_kind(std::string_view bytes);
std::string_view describe(FileKind kind);

// What stops a file from being read: (code, message).
using FileProblem = std::pair<std::string, std::string>;

// Thrown by FileInput::next when the file cannot be read to its end.
struct FileReadError {
    FileProblem problem;
};

// A file read block by block, for yaml::read: only one block is held at a time.
class FileInput : public yaml::Input {
public:
    static constexpr std::size_t block_bytes = 256 * 1024;

    FileInput() = default;
    FileInput(const FileInput&) = delete;
    FileInput& operator=(const FileInput&) = delete;
    ~FileInput() override;

    // Opens the file and takes its size, which must be within `max_bytes`.
    std::optional<FileProblem> open(const std::string& path, std::uint64_t max_bytes);
    // Throws FileReadError.
    std::string_view next() override;
    std::uint64_t size() const { return size_; }
    // Feeds every block read to `hash` as well (for the compiled cache's key).
    void hash_into(ContentHash* hash) { hash_ = hash; }
    // Tells `read` the size of every block read (for a progress bar).
    void on_read(std::function<void(std::size_t)> read) { on_read_ = std::move(read); }
    bool read_to_end() const { return fd_ >= 0 && done_ == size_; }

private:
    ContentHash* hash_ = nullptr;
    std::function<void(std::size_t)> on_read_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
    std::uint64_t done_ = 0;
    std::vector<char> block_;
};

// A small YAML file of one kind (a profile, a rates file): what it is called
// ("profile"), its `format:` value, and its shape for messages ("format and
// holds").
struct DocumentKind {
    std::string_view name;
    std::string_view format;
    std::string_view shape;
};
// Parses `bytes` as one document of that kind: reports syntax faults, an
// empty document, a root that is not a mapping, unknown keys (of `keys`) and
// a missing or other `format`; returns the root mapping to read on, or
// nullptr. `read` keeps the tree the returned node belongs to.
const yaml::Node* read_document(Reporter& reporter, yaml::ReadResult& read, std::string_view bytes,
                                const DocumentKind& kind, const std::vector<std::string_view>& keys);

// Reads a whole file; on failure returns (code, message).
std::optional<FileProblem> read_file_bytes(const std::string& path, std::uint64_t max_bytes, std::string& bytes);
// The same, throwing InputError "PATH: why" on failure, `context` before it
// (where another file names this one: "FILE:L:C: wallet ").
std::string read_whole_file(const std::string& path, std::uint64_t max_bytes, const std::string& context = "");

}  // namespace credpath
