#include "loader_support.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fcntl.h>
#include <unistd.h>
#include <set>
#include <unordered_map>

namespace credpath {

void Reporter::report(Severity severity, SourceLoc where, std::string code, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.file = where.file < files.size() ? files[where.file] : std::string();
    d.line = where.line;
    d.column = where.column;
    d.code = std::move(code);
    d.message = std::move(message);
    diagnostics.push_back(std::move(d));
}

namespace {
// "cost: " before a message about the value of `cost`.
std::string named(std::string_view key) { return key.empty() ? std::string() : fmt::format("{}: ", key); }
}  // namespace

std::optional<std::string> Reporter::string(std::uint32_t file, const yaml::Node& node, std::string_view key) {
    if (node.is_scalar()) return node.text;
    error(loc(file, node), "type", fmt::format("{}expected a string, found {}", named(key), yaml::type_name(node)));
    return std::nullopt;
}

std::optional<std::vector<std::string>> Reporter::string_list(std::uint32_t file, const yaml::Node& node,
                                                              std::string_view key) {
    if (!node.is_sequence()) {
        error(loc(file, node), "type",
              fmt::format("{}expected a list such as [a, b], found {}", named(key), yaml::type_name(node)));
        return std::nullopt;
    }
    std::vector<std::string> out;
    out.reserve(node.children.size());
    const std::string item_key = key.empty() ? std::string() : fmt::format("an item of {}", key);
    bool ok = true;
    // Short lists (the usual) are searched in place; long ones through a set.
    const bool short_list = node.children.size() <= 16;
    std::set<std::string_view> seen;
    for (std::size_t k = 0; k < node.children.size(); ++k) {
        const yaml::Node& item = node.children[k];
        if (auto text = string(file, item, item_key)) {
            const bool repeated =
                short_list ? std::any_of(node.children.begin(), node.children.begin() + static_cast<std::ptrdiff_t>(k),
                                         [&](const yaml::Node& earlier) {
                                             return earlier.is_scalar() && earlier.text == item.text;
                                         })
                           : !seen.insert(item.text).second;
            if (repeated)
                warning(loc(file, item), "duplicate-entry", fmt::format("'{}' is listed twice", printable(*text)));
            else
                out.push_back(std::move(*text));
        } else {
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<double> Reporter::number(std::uint32_t file, const yaml::Node& node, double max, std::string_view key) {
    if (!node.is_scalar() || node.quoted) {
        error(loc(file, node), "type",
              fmt::format("{}expected a number, found {}", named(key),
                          node.quoted ? "a quoted string" : yaml::type_name(node)));
        return std::nullopt;
    }
    std::string_view text = node.text;
    std::string lowered(text);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lowered == ".inf" || lowered == "+.inf" || lowered == "-.inf" || lowered == ".nan") {
        error(loc(file, node), "non-finite", fmt::format("{} is not a finite number", text));
        return std::nullopt;
    }
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    double value = 0;
    const auto [end, status] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (status == std::errc::result_out_of_range) {
        error(loc(file, node), "range", fmt::format("{} is out of range (at most {})", printable(text), max));
        return std::nullopt;
    }
    if (status != std::errc() || end != digits.data() + digits.size() || digits.empty()) {
        error(loc(file, node), "type", fmt::format("{}expected a number, found '{}'", named(key), printable(text)));
        return std::nullopt;
    }
    if (!std::isfinite(value)) {
        error(loc(file, node), "non-finite", fmt::format("{} is not a finite number", printable(text)));
        return std::nullopt;
    }
    if (value < 0) {
        error(loc(file, node), "negative", fmt::format("{} is negative; this value must be >= 0", printable(text)));
        return std::nullopt;
    }
    if (value > max) {
        error(loc(file, node), "range", fmt::format("{} is out of range (at most {})", printable(text), max));
        return std::nullopt;
    }
    return value == 0 ? 0.0 : value;  // no negative zero
}

std::optional<std::uint32_t> Reporter::count(std::uint32_t file, const yaml::Node& node, std::string_view key) {
    auto value = number(file, node, 1e9, key);
    if (!value) return std::nullopt;
    if (std::floor(*value) != *value) {
        error(loc(file, node), "type", fmt::format("{}expected a whole number, found {}", named(key), node.text));
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(*value);
}

std::optional<std::string> Reporter::choice(std::uint32_t file, const yaml::Node& node, std::string_view what,
                                            const std::vector<std::string_view>& allowed) {
    auto text = string(file, node, what);
    if (!text) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) return text;
    std::string hint = nearest(*text, allowed);
    error(loc(file, node), "bad-value",
          fmt::format("unknown {} '{}'{}; expected one of {}", what, printable(*text),
                      hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), fmt::join(allowed, ", ")));
    return std::nullopt;
}

bool check_keys(Reporter& reporter, std::uint32_t file, const yaml::Node& map,
                const std::vector<std::string_view>& allowed) {
    bool ok = true;
    // Short maps (the usual) are searched in place; long ones through an
    // index, so that a hostile map of many keys is not quadratic.
    const bool short_map = map.map_size() <= 16;
    std::unordered_map<std::string_view, std::size_t> first_index;
    for (std::size_t i = 0; i < map.map_size(); ++i) {
        const yaml::Node& key = map.key(i);
        if (!key.is_scalar()) {
            reporter.error(reporter.loc(file, key), "type",
                           fmt::format("a key must be a plain name, found {}", yaml::type_name(key)));
            ok = false;
            continue;
        }
        std::size_t first = i;
        if (short_map) {
            for (std::size_t j = 0; j < i; ++j)
                if (map.key(j).is_scalar() && map.key(j).text == key.text) {
                    first = j;
                    break;
                }
        } else {
            first = first_index.try_emplace(key.text, i).first->second;
        }
        if (first != i) {
            reporter.error(reporter.loc(file, key), "duplicate-key",
                           fmt::format("duplicate key '{}' (first at line {}, column {})", printable(key.text),
                                       map.key(first).line, map.key(first).column));
            ok = false;
        }
        if (std::find(allowed.begin(), allowed.end(), key.text) != allowed.end()) continue;
        if (key.text == "<<") {
            reporter.error(reporter.loc(file, key), "unknown-key",
                           "unknown key '<<': YAML merge keys are not supported; write the keys out");
            ok = false;
        } else {
            std::string hint = nearest(key.text, allowed);
            reporter.error(reporter.loc(file, key), "unknown-key",
                           hint.empty() ? fmt::format("unknown key '{}'", printable(key.text))
                                        : fmt::format("unknown key '{}' (did you mean '{}'?)", printable(key.text),
                                                      hint));
            ok = false;
        }
    }
    return ok;
}

const yaml::Node* find_key(const yaml::Node& map, std::string_view key) {
    for (std::size_t i = 0; i < map.map_size(); ++i)
        if (map.key(i).is_scalar() && map.key(i).text == key) return &map.value(i);
    return nullptr;
}

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > 128 || !std::isalnum(static_cast<unsigned char>(id.front()))) return false;
    return std::all_of(id.begin(), id.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c < 0x80 && (std::isalnum(c) || c == '.' || c == '_' || c == ':' || c == '-');
    });
}

namespace {
bool all_upper(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}
}  // namespace

bool valid_currency(std::string_view code) { return code.size() == 3 && all_upper(code); }
bool valid_country(std::string_view code) { return code.size() == 2 && all_upper(code); }

bool valid_language(std::string_view tag) {
    // BCP 47 in outline: alphanumeric subtags of 1-8 characters joined by '-',
    // the first 2-8 letters.
    std::size_t start = 0;
    bool first = true;
    while (start <= tag.size()) {
        std::size_t end = tag.find('-', start);
        if (end == std::string_view::npos) end = tag.size();
        const std::string_view part = tag.substr(start, end - start);
        if (part.empty() || part.size() > 8) return false;
        for (char ch : part) {
            const auto c = static_cast<unsigned char>(ch);
            if (c >= 0x80 || !(first ? std::isalpha(c) : std::isalnum(c))) return false;
        }
        if (first && part.size() < 2) return false;
        first = false;
        if (end == tag.size()) break;
        start = end + 1;
    }
    return !tag.empty();
}

std::optional<Duration> parse_duration(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    const char unit = text.back();
    if (unit != 'd' && unit != 'w' && unit != 'm' && unit != 'y') return std::nullopt;
    std::uint32_t count = 0;
    const char* first = text.data();
    const char* last = text.data() + text.size() - 1;
    const auto [end, status] = std::from_chars(first, last, count);
    if (status != std::errc() || end != last || count == 0 || count > 100000) return std::nullopt;
    return Duration{count, unit};
}

namespace {
// The length of the well-formed multi-byte UTF-8 character that `text`
// starts with; 0 when it does not start with one.
std::size_t utf8_length(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t length = yaml::sequence_length(bytes[0]);
    if (length < 2 || text.size() < length || !yaml::valid_sequence(bytes, length)) return 0;
    return length;
}
}  // namespace

namespace {
struct Magic {
    FileKind kind;
    std::string_view start;
    const char* description;
};
constexpr Magic kMagic[] = {
    {FileKind::Png, std::string_view("\x89PNG\r\n\x1a\n", 8), "a PNG image"},
    {FileKind::Gzip, std::string_view("\x1f\x8b", 2), "gzip data"},
    {FileKind::Zip, std::string_view("PK\x03\x04", 4), "a ZIP archive"},
    {FileKind::Pdf, std::string_view("%PDF-", 5), "a PDF document"},
    {FileKind::Jpeg, std::string_view("\xff\xd8\xff", 3), "a JPEG image"},
    {FileKind::Gif, std::string_view("GIF8", 4), "a GIF image"},
    {FileKind::Elf, std::string_view("\x7f" "ELF", 4), "an executable (ELF)"},
    {FileKind::Bzip2, std::string_view("BZh", 3), "bzip2 data"},
    {FileKind::Xz, std::string_view("\xfd" "7zXZ\0", 6), "xz data"},
    {FileKind::Zstd, std::string_view("\x28\xb5\x2f\xfd", 4), "zstd data"},
    {FileKind::SevenZip, std::string_view("7z\xbc\xaf\x27\x1c", 6), "a 7-Zip archive"},
};
}  // namespace

std::optional<FileKind> binary_kind(std::string_view bytes) {
    for (const Magic& magic : kMagic)
        if (bytes.substr(0, magic.start.size()) == magic.start) return magic.kind;
    return std::nullopt;
}

std::string_view describe(FileKind kind) {
    for (const Magic& magic : kMagic)
        if (magic.kind == kind) return magic.description;
    return "binary data";
}

std::string printable(std::string_view text, std::size_t limit) {
    // Cut at a code point boundary, never inside a UTF-8 sequence.
    std::size_t end = std::min(limit, text.size());
    while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    std::string out;
    for (std::size_t i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const auto next = i + 1 < end ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (c < 0x20 || c == 0x7f) {
            out += fmt::format("\\x{:02x}", c);
        } else if (c == 0xc2 && next >= 0x80 && next <= 0x9f) {  // a C1 control, such as U+009B (CSI)
            out += fmt::format("\\u{:04x}", next);
            ++i;
        } else if (c >= 0x80) {
            // A whole UTF-8 character passes; a byte of invalid UTF-8 is escaped,
            // and so is a bidirectional override or isolate (U+202A..U+202E,
            // U+2066..U+2069), which would reorder the message around it.
            const std::size_t length = utf8_length(text.substr(i, end - i));
            const auto second = length == 3 ? static_cast<unsigned char>(text[i + 1]) : 0;
            const auto third = length == 3 ? static_cast<unsigned char>(text[i + 2]) : 0;
            const bool bidi = c == 0xe2 && ((second == 0x80 && third >= 0xaa && third <= 0xae) ||
                                            (second == 0x81 && third >= 0xa6 && third <= 0xa9));
            if (length == 0) {
                out += fmt::format("\\x{:02x}", c);
            } else if (bidi) {
                out += fmt::format("\\u{:04x}", ((c & 0x0Fu) << 12) | ((second & 0x3Fu) << 6) | (third & 0x3Fu));
                i += 2;
            } else {
                out.append(text.substr(i, length));
                i += length - 1;
            }
        } else {
            out += static_cast<char>(c);
        }
    }
    if (end < text.size()) out += "...";
    return out;
}

FileInput::~FileInput() {
    if (fd_ >= 0) ::close(fd_);
}

std::optional<FileProblem> FileInput::open(const std::string& path, std::uint64_t max_bytes) {
    namespace fs = std::filesystem;
    std::error_code error;
    if (fs::is_directory(path, error)) return FileProblem{"io", "is a directory, not a file"};
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return FileProblem{"io", fmt::format("cannot open: {}", std::strerror(errno))};
    const off_t end = ::lseek(fd_, 0, SEEK_END);
    if (end < 0 || ::lseek(fd_, 0, SEEK_SET) < 0) return FileProblem{"io", "cannot read its size"};
    size_ = static_cast<std::uint64_t>(end);
    if (size_ > max_bytes)
        return FileProblem{"limit", fmt::format("file is {} bytes, over the limit of {} bytes (--max-file-size raises it)",
                                                static_cast<long long>(end), max_bytes)};
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    return std::nullopt;
}

std::string_view FileInput::next() {
    if (fd_ < 0 || done_ >= size_) return {};
    if (block_.empty()) block_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(size_, block_bytes)));
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(size_ - done_, block_.size()));
    std::size_t got = 0;
    while (got < want) {
        const ssize_t n = ::read(fd_, block_.data() + got, want - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw FileReadError{{"io", fmt::format("cannot read: {}", std::strerror(errno))}};
        got += static_cast<std::size_t>(n);
    }
    done_ += got;
    if (hash_) hash_->update({block_.data(), got});
    if (on_read_) on_read_(got);
    return {block_.data(), got};
}

std::string read_whole_file(const std::string& path, std::uint64_t max_bytes, const std::string& context) {
    std::string bytes;
    if (auto problem = read_file_bytes(path, max_bytes, bytes))
        throw InputError{fmt::format("{}{}: {}", context, path, problem->second), {}};
    return bytes;
}

std::optional<FileProblem> read_file_bytes(const std::string& path, std::uint64_t max_bytes, std::string& bytes) {
    FileInput input;
    if (auto problem = input.open(path, max_bytes)) return problem;
    bytes.clear();
    bytes.reserve(static_cast<std::size_t>(input.size()));
    try {
        for (std::string_view block = input.next(); !block.empty(); block = input.next()) bytes.append(block);
    } catch (const FileReadError& error) {
        return error.problem;
    }
    return std::nullopt;
}

const yaml::Node* read_document(Reporter& reporter, yaml::ReadResult& read, std::string_view bytes,
                                const DocumentKind& kind, const std::vector<std::string_view>& keys) {
    read = yaml::read(bytes, {});
    for (const yaml::ReadError& error : read.errors)
        reporter.error(SourceLoc{0, std::max(error.line, 1u), std::max(error.column, 1u)}, error.code, error.message);
    if (!read.errors.empty()) return nullptr;
    const yaml::Node& root = read.root;
    if (!read.has_document || root.type == yaml::Node::Type::Null) {
        reporter.error(SourceLoc{0, 1, 1}, "format",
                       fmt::format("empty {}: it needs `format: {}`", kind.name, kind.format));
        return nullptr;
    }
    if (!root.is_map()) {
        reporter.error(reporter.loc(0, root), "type",
                       fmt::format("a {} is a mapping with {}; found {}", kind.name, kind.shape, yaml::type_name(root)));
        return nullptr;
    }
    check_keys(reporter, 0, root, keys);
    const yaml::Node* format = find_key(root, "format");
    if (!format)
        reporter.error(SourceLoc{0, 1, 1}, "format", fmt::format("missing `format: {}`", kind.format));
    else if (!format->is_scalar() || format->text != kind.format)
        reporter.error(reporter.loc(0, *format), "format",
                       fmt::format("format is '{}'; a {} has `format: {}`",
                                   format->is_scalar() ? printable(format->text) : "not a string", kind.name,
                                   kind.format));
    return &root;
}

}  // namespace credpath
