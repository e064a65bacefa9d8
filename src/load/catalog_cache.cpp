#include "credpath/load/catalog_cache.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <random>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <xxhash.h>

#include "credpath/model/diagnostic.hpp"
#include "loader_support.hpp"

namespace credpath {

namespace fs = std::filesystem;

namespace {

// ---- layout
//
// header:  magic (8) | version u32 | endianness u32 | file size u64 |
//          XXH3-64 of everything after the header u64 | section table
//          (offset u64, length u64) x kSections
// sections, each 8-byte aligned, in the order of `Section`.
// A string is (offset u32, length u32) into Strings. Lists of strings are
// ranges of Lists; a rule is a node of Rules whose children are a range of
// Children (node indexes, always after the parent: the tree is written in
// pre-order, so a corrupt image cannot loop).

constexpr char kMagic[8] = {'C', 'R', 'E', 'D', 'P', 'I', 'M', 'G'};
constexpr std::uint32_t kVersion = 7;  // bump with any change of layout or model
constexpr std::uint32_t kEndianness = 0x01020304;

enum Section : std::uint32_t {
    Strings,
    Meta,      // name, currency, credit_unit, files, sources
    Records,   // one fixed-size record per credential
    Lists,     // Str
    Rules,     // fixed-size rule nodes
    Children,  // u32
    Locs,      // SourceLoc of names in rules
    IdIndex,   // u32 credential indexes sorted by id
    GraphOffsets,  // u32 x (size + 1)
    GraphTargets,  // u32: what each credential draws on, sorted
    SkillIndex,    // (Str skill, u32 first, u32 count) sorted by skill
    SkillMembers,  // u32
    kSections
};
constexpr std::size_t kHeaderSize = 8 + 4 + 4 + 8 + 8 + 16 * kSections;

struct Str {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
};

// Record fields, in order: 10 strings, 4 doubles, level (i32, has u8), kind
// u8, valid_for (has u8, unit u8, count u32), 4 lists (first u32, count u32),
// rule (u32, 0 = none, else node + 1), loc and id_loc (3 x u32 each),
// renewal (has u8, cost, hours, weeks f64), starts (has u8, a list: the dates,
// or "every", the period, from and until ("" for none)), excludes (a list,
// then the first of its places in Locs u32), corequires (u32 as rule),
// overlap (a list: id, at_most as text, in turn; then the first of its places
// in Locs u32), also_required (a list), flags (u8: external as bit 0; cost,
// hours, weeks and credits stated as bits 1 to 4).
constexpr std::size_t kRecordSize =
    10 * 8 + 4 * 8 + 4 + 1 + 1 + 1 + 1 + 4 + 4 * 8 + 4 + 2 * 12 + 1 + 3 * 8 + 1 + 8 + 8 + 4 + 4 + 8 + 4 + 8 + 1;

// A credential's intakes as a list of strings, and back.
std::vector<std::string> intake_strings(const Intakes& intakes) {
    if (!intakes.every) {
        std::vector<std::string> out;
        for (const Date& day : intakes.dates) out.push_back(to_string(day));
        return out;
    }
    return {"every", fmt::format("{}{}", intakes.every->count, intakes.every->unit), to_string(intakes.from),
            intakes.until ? to_string(*intakes.until) : std::string()};
}
// Rule node: kind u8, pad u8, caps u16, at_least u32, credits f64, ref Str,
// children (first, count: the children, then the caps), names (first, count),
// name locs first u32, loc 3 x u32.
constexpr std::size_t kRuleSize = 4 + 4 + 8 + 8 + 8 + 8 + 4 + 12;

class Writer {
public:
    std::string bytes;
    template <class T>
    void put(T value) {
        char raw[sizeof(T)];
        std::memcpy(raw, &value, sizeof(T));
        bytes.append(raw, sizeof(T));
    }
    void put_str(Str s) {
        put(s.offset);
        put(s.length);
    }
    void put_loc(const SourceLoc& loc) {
        put(loc.file);
        put(loc.line);
        put(loc.column);
    }
};

// Every read is bounds-checked: an image is data from disk.
struct Corrupt {
    std::string what;
};

class Reader {
public:
    Reader(const char* data, std::size_t size) : data_(data), size_(size) {}
    template <class T>
    T get() {
        if (size_ - pos_ < sizeof(T)) throw Corrupt{"a record runs past its section"};
        T value;
        std::memcpy(&value, data_ + pos_, sizeof(T));
        pos_ += sizeof(T);
        return value;
    }
    Str get_str() {
        Str s;
        s.offset = get<std::uint32_t>();
        s.length = get<std::uint32_t>();
        return s;
    }
    SourceLoc get_loc() {
        SourceLoc loc;
        loc.file = get<std::uint32_t>();
        loc.line = get<std::uint32_t>();
        loc.column = get<std::uint32_t>();
        return loc;
    }
    void skip(std::size_t n) {
        if (size_ - pos_ < n) throw Corrupt{"a record runs past its section"};
        pos_ += n;
    }
    bool done() const { return pos_ == size_; }

private:
    const char* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

class ImageBuilder {
public:
    explicit ImageBuilder(const Catalog& catalog) : catalog_(catalog) {}

    void build(const std::vector<SourceStamp>& files) {
        put_meta(files);
        put_records();
        put_id_index();
        put_graph();
        put_skills();
        sections_[Strings] = std::move(pool_);
        interned_.clear();
    }

    // The catalog's name, currency, unit and files, and the sources' stamps.
    void put_meta(const std::vector<SourceStamp>& files) {
        Writer meta;
        meta.put_str(text(catalog_.name));
        meta.put_str(text(catalog_.currency));
        meta.put_str(text(catalog_.credit_unit));
        meta.put(static_cast<std::uint32_t>(catalog_.files.size()));
        for (const std::string& file : catalog_.files) meta.put_str(text(file));
        meta.put(static_cast<std::uint32_t>(files.size()));
        for (const SourceStamp& file : files) {
            meta.put_str(text(file.path));
            meta.put(file.size);
            meta.put(file.mtime_ns);
            meta.put(file.hash);
        }
        sections_[Meta] = std::move(meta.bytes);
    }

    // One fixed-size record per credential; lists, rules and places in their sections.
    void put_records() {
        Writer records;
        for (const Credential& c : catalog_.credentials) {
            const std::size_t start = records.bytes.size();
            for (const std::string* s : {&c.id, &c.title, &c.provider, &c.modality, &c.assessment, &c.country,
                                         &c.language, &c.quality_assurance, &c.url, &c.description})
                records.put_str(s == &c.id || s == &c.title || s == &c.description || s == &c.url ? text(*s)
                                                                                                    : interned(*s));
            records.put(c.cost);
            records.put(c.hours);
            records.put(c.weeks);
            records.put(c.credits);
            records.put(static_cast<std::int32_t>(c.level.value_or(0)));
            records.put(static_cast<std::uint8_t>(c.level.has_value()));
            records.put(static_cast<std::uint8_t>(c.kind));
            records.put(static_cast<std::uint8_t>(c.valid_for.has_value()));
            records.put(static_cast<std::uint8_t>(c.valid_for ? c.valid_for->unit : 0));
            records.put(c.valid_for ? c.valid_for->count : 0u);
            put_list(records, c.tags, true);
            put_list(records, c.skills, true);
            put_list(records, c.outcomes, false);
            put_list(records, c.same_as, false);
            records.put(c.rule ? put_rule(*c.rule) + 1 : 0u);
            records.put_loc(c.loc);
            records.put_loc(c.id_loc);
            records.put(static_cast<std::uint8_t>(c.renewal.has_value()));
            const Renewal renewal = c.renewal.value_or(Renewal{});
            records.put(renewal.cost);
            records.put(renewal.hours);
            records.put(renewal.weeks);
            records.put(static_cast<std::uint8_t>(c.starts.has_value()));
            put_list(records, c.starts ? intake_strings(*c.starts) : std::vector<std::string>{}, true);
            put_list(records, c.excludes, false);
            records.put(loc_count_);
            for (std::size_t i = 0; i < c.excludes.size(); ++i)
                locs_.put_loc(i < c.exclude_locs.size() ? c.exclude_locs[i] : SourceLoc{});
            loc_count_ += static_cast<std::uint32_t>(c.excludes.size());
            records.put(c.corequisite ? put_rule(*c.corequisite) + 1 : 0u);
            std::vector<std::string> overlap;
            for (const OverlapLimit& limit : c.overlap) {
                overlap.push_back(limit.with);
                overlap.push_back(std::to_string(limit.at_most));
            }
            put_list(records, overlap, false);
            records.put(loc_count_);
            for (const OverlapLimit& limit : c.overlap) locs_.put_loc(limit.loc);
            loc_count_ += static_cast<std::uint32_t>(c.overlap.size());
            put_list(records, c.also_required, false);
            records.put(static_cast<std::uint8_t>(c.external | c.stated.cost << 1 | c.stated.hours << 2 |
                                                  c.stated.weeks << 3 | c.stated.credits << 4));
            if (records.bytes.size() - start != kRecordSize) throw std::logic_error("catalog image: record size");
        }
        sections_[Records] = std::move(records.bytes);
        sections_[Lists] = std::move(lists_.bytes);
        sections_[Rules] = std::move(rules_.bytes);
        sections_[Children] = std::move(children_.bytes);
        sections_[Locs] = std::move(locs_.bytes);
    }

    // Ids sorted, for binary search; the first of duplicate ids wins, as in
    // Catalog::find (a valid catalog has none).
    void put_id_index() {
        const auto count = static_cast<std::uint32_t>(catalog_.credentials.size());
        std::vector<std::uint32_t> by_id(count);
        for (std::uint32_t i = 0; i < count; ++i) by_id[i] = i;
        std::stable_sort(by_id.begin(), by_id.end(), [&](std::uint32_t a, std::uint32_t b) {
            return catalog_.credentials[a].id < catalog_.credentials[b].id;
        });
        Writer ids;
        for (std::uint32_t i : by_id) ids.put(i);
        sections_[IdIndex] = std::move(ids.bytes);
    }

    // The graph as the planner sees it (model.hpp's for_each_source).
    void put_graph() {
        const auto count = static_cast<std::uint32_t>(catalog_.credentials.size());
        Writer offsets, targets;
        std::uint32_t edges = 0;
        std::vector<std::uint32_t> sources;
        for (std::uint32_t i = 0; i < count; ++i) {
            offsets.put(edges);
            sources.clear();
            for_each_requirement(catalog_, i, [&](std::uint32_t s) { sources.push_back(s); });
            std::sort(sources.begin(), sources.end());
            sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
            for (std::uint32_t s : sources) targets.put(s);
            edges += static_cast<std::uint32_t>(sources.size());
        }
        offsets.put(edges);
        sections_[GraphOffsets] = std::move(offsets.bytes);
        sections_[GraphTargets] = std::move(targets.bytes);
    }

    // Skills, sorted, each with the credentials teaching it.
    void put_skills() {
        std::vector<std::pair<std::string_view, const std::vector<std::uint32_t>*>> skills;
        for (const auto& [skill, members] : catalog_.by_skill) skills.emplace_back(skill, &members);
        std::sort(skills.begin(), skills.end());
        Writer skill_index, skill_members;
        std::uint32_t first = 0;
        for (const auto& [skill, members] : skills) {
            skill_index.put_str(interned(std::string(skill)));
            skill_index.put(first);
            skill_index.put(static_cast<std::uint32_t>(members->size()));
            for (std::uint32_t m : *members) skill_members.put(m);
            first += static_cast<std::uint32_t>(members->size());
        }
        sections_[SkillIndex] = std::move(skill_index.bytes);
        sections_[SkillMembers] = std::move(skill_members.bytes);
    }

    // Streams header and sections through `sink(data, size) -> bool`, so a
    // large image is never held twice in memory. The checksum is computed
    // first, over the same bytes in the same order.
    template <class Sink>
    bool write(Sink&& sink) const {
        std::vector<std::pair<std::uint64_t, std::uint64_t>> table;
        std::uint64_t offset = kHeaderSize;
        for (const std::string& section : sections_) {
            offset = (offset + 7) & ~std::uint64_t{7};
            table.emplace_back(offset, section.size());
            offset += section.size();
        }
        const std::uint64_t total = offset;
        static const char zeros[8] = {};
        auto body = [&](auto&& emit) {
            std::uint64_t at = kHeaderSize;
            for (std::size_t i = 0; i < kSections; ++i) {
                if (!emit(zeros, static_cast<std::size_t>(table[i].first - at))) return false;
                if (!emit(sections_[i].data(), sections_[i].size())) return false;
                at = table[i].first + sections_[i].size();
            }
            return true;
        };
        XXH3_state_t* state = XXH3_createState();
        XXH3_64bits_reset(state);
        body([&](const char* data, std::size_t size) {
            XXH3_64bits_update(state, data, size);
            return true;
        });
        const std::uint64_t checksum = XXH3_64bits_digest(state);
        XXH3_freeState(state);
        Writer header;
        header.bytes.append(kMagic, sizeof kMagic);
        header.put(kVersion);
        header.put(kEndianness);
        header.put(total);
        header.put(checksum);
        for (const auto& [at, length] : table) {
            header.put(at);
            header.put(length);
        }
        return sink(header.bytes.data(), header.bytes.size()) && body(sink);
    }

private:
    Str text(const std::string& s) {
        if (pool_.size() + s.size() > UINT32_MAX) throw std::length_error("catalog image: strings exceed 4 GiB");
        Str ref{static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(s.size())};
        pool_ += s;
        return ref;
    }
    // Providers, tags, skills and rule names repeat across credentials: once each.
    Str interned(const std::string& s) {
        if (s.empty()) return {};
        auto found = interned_.find(s);
        if (found != interned_.end()) return found->second;
        const Str ref = text(s);
        interned_.emplace(s, ref);
        return ref;
    }
    void put_list(Writer& out, const std::vector<std::string>& list, bool intern) {
        out.put(list_count_);
        out.put(static_cast<std::uint32_t>(list.size()));
        for (const std::string& s : list) lists_.put_str(intern ? interned(s) : text(s));
        list_count_ += static_cast<std::uint32_t>(list.size());
    }
    // Pre-order: the node first, then its children's subtrees; returns its index.
    std::uint32_t put_rule(const Rule& rule) {
        const std::uint32_t index = rule_count_++;
        const std::size_t at = rules_.bytes.size();
        rules_.bytes.resize(at + kRuleSize);  // filled below, once the children have their indexes
        if (rule.caps.size() > UINT16_MAX) throw std::length_error("catalog image: a rule with more than 65535 caps");
        std::vector<std::uint32_t> kids;
        for (const Rule& child : rule.children) kids.push_back(put_rule(child));
        for (const Rule& cap : rule.caps) kids.push_back(put_rule(cap));
        Writer node;
        node.put(static_cast<std::uint8_t>(rule.kind));
        node.put(std::uint8_t{0});
        node.put(static_cast<std::uint16_t>(rule.caps.size()));
        node.put(rule.at_least);
        node.put(rule.credits);
        node.put_str(rule.kind == RuleKind::Ref ? text(rule.ref) : Str{});
        node.put(child_count_);
        node.put(static_cast<std::uint32_t>(kids.size()));
        for (std::uint32_t k : kids) children_.put(k);
        child_count_ += static_cast<std::uint32_t>(kids.size());
        node.put(list_count_);
        node.put(static_cast<std::uint32_t>(rule.names.size()));
        // Tags and skills repeat; the ids of a `from` list mostly do not.
        for (const std::string& name : rule.names)
            lists_.put_str(rule.kind == RuleKind::CreditsFrom ? text(name) : interned(name));
        list_count_ += static_cast<std::uint32_t>(rule.names.size());
        node.put(loc_count_);
        for (std::size_t i = 0; i < rule.names.size(); ++i)
            locs_.put_loc(i < rule.name_locs.size() ? rule.name_locs[i] : SourceLoc{});
        loc_count_ += static_cast<std::uint32_t>(rule.names.size());
        node.put_loc(rule.loc);
        std::memcpy(rules_.bytes.data() + at, node.bytes.data(), kRuleSize);
        return index;
    }

    const Catalog& catalog_;
    std::string pool_;
    std::unordered_map<std::string, Str> interned_;
    Writer lists_, rules_, children_, locs_;
    std::uint32_t list_count_ = 0, rule_count_ = 0, child_count_ = 0, loc_count_ = 0;
    std::string sections_[kSections];
};

std::uint64_t hash_text(std::string_view text) { return XXH3_64bits(text.data(), text.size()); }

}  // namespace

// ---- files

std::optional<std::vector<SourceStamp>> stamp_files(const std::vector<std::string>& paths) {
    std::vector<SourceStamp> stamps;
    for (const std::string& path : paths) {
        struct stat info {};
        if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
        std::error_code error;
        const fs::path absolute = fs::absolute(path, error);
        if (error) return std::nullopt;
        SourceStamp stamp;
        stamp.path = absolute.lexically_normal().string();
        stamp.size = static_cast<std::uint64_t>(info.st_size);
        stamp.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
        stamps.push_back(std::move(stamp));
    }
    return stamps;
}

struct ContentHash::State {
    XXH3_state_t* xxh = XXH3_createState();
    State() {
        if (!xxh) throw std::bad_alloc();
        XXH3_64bits_reset(xxh);
    }
    State(const State&) = delete;
    State& operator=(const State&) = delete;
    ~State() { XXH3_freeState(xxh); }
};

ContentHash::ContentHash() : state_(std::make_unique<State>()) {}
ContentHash::~ContentHash() = default;
void ContentHash::update(std::string_view bytes) { XXH3_64bits_update(state_->xxh, bytes.data(), bytes.size()); }
std::uint64_t ContentHash::digest() const { return XXH3_64bits_digest(state_->xxh); }

std::optional<std::uint64_t> hash_file(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return std::nullopt;
    ContentHash hash;
    std::vector<char> block(1 << 20);
    std::size_t got = 0;
    while ((got = std::fread(block.data(), 1, block.size(), file)) > 0) hash.update({block.data(), got});
    const bool failed = std::ferror(file) != 0;
    std::fclose(file);
    if (failed) return std::nullopt;
    return hash.digest();
}

std::string default_cache_dir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') return (fs::path(xdg) / "credpath").string();
    if (const char* home = std::getenv("HOME"); home && *home) return (fs::path(home) / ".cache" / "credpath").string();
    return "";
}

std::string cache_path(const std::string& dir, const std::vector<SourceStamp>& files, std::string_view variant) {
    std::string key = fmt::format("credpath-image/{}", kVersion);
    if (!variant.empty()) {
        key += '\0';
        key += variant;
    }
    for (const SourceStamp& file : files) {
        key += '\0';
        key += file.path;
    }
    return (fs::path(dir) / fmt::format("{:016x}.cpimg", hash_text(key))).string();
}

void seal_image_header(std::string& bytes) {
    if (bytes.size() < kHeaderSize) return;
    const std::uint64_t size = bytes.size();
    const std::uint64_t checksum = XXH3_64bits(bytes.data() + kHeaderSize, bytes.size() - kHeaderSize);
    // magic 8, version 4, endianness 4, then size and checksum (see the layout)
    std::memcpy(bytes.data() + 8, &kVersion, sizeof kVersion);
    std::memcpy(bytes.data() + 16, &size, sizeof size);
    std::memcpy(bytes.data() + 24, &checksum, sizeof checksum);
}

std::optional<std::string> write_catalog_image(const Catalog& catalog, const std::vector<SourceStamp>& files,
                                               const std::string& path) {
    ImageBuilder builder(catalog);
    try {
        builder.build(files);
    } catch (const std::exception& error) {
        return std::string(error.what());
    }
    const fs::path target(path);
    std::error_code error;
    fs::create_directories(target.parent_path(), error);
    if (error) return fmt::format("cannot create {}: {}", target.parent_path().string(), error.message());
    // A name no other process uses: the pid, and randomness for threads and pid reuse.
    std::random_device random;
    const std::string temporary =
        fmt::format("{}.tmp.{}.{:08x}", path, static_cast<long>(::getpid()), static_cast<unsigned>(random()));
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return fmt::format("cannot create {}: {}", temporary, std::strerror(errno));
    const bool complete = builder.write([&](const char* data, std::size_t size) {
        std::size_t written = 0;
        while (written < size) {
            const ssize_t n = ::write(fd, data + written, size - written);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            written += static_cast<std::size_t>(n);
        }
        return true;
    });
    const bool closed = ::close(fd) == 0;
    if (!complete || !closed || ::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(temporary.c_str());
        return fmt::format("cannot write {}: {}", path, reason);
    }
    return std::nullopt;
}

// ---- reading

struct CatalogImage::Data {
    // Either mapped from a file or owned in memory.
    const char* base = nullptr;
    std::size_t size = 0;
    void* mapping = nullptr;
    std::string owned;
    std::pair<std::uint64_t, std::uint64_t> sections[kSections]{};
    std::uint32_t count = 0;
    std::string name, currency, credit_unit;
    std::vector<std::string> files;
    std::vector<SourceStamp> sources;

    ~Data() {
        if (mapping) ::munmap(mapping, size);
    }

    std::string_view section(Section s) const {
        return {base + sections[s].first, static_cast<std::size_t>(sections[s].second)};
    }
    std::string_view str(Str s) const {
        const std::string_view pool = section(Strings);
        if (s.offset > pool.size() || pool.size() - s.offset < s.length) throw Corrupt{"a string lies outside the pool"};
        return pool.substr(s.offset, s.length);
    }
    template <class T>
    T at(Section s, std::size_t index, std::size_t width, std::size_t field = 0) const {
        const std::string_view bytes = section(s);
        if (index >= bytes.size() / width || field + sizeof(T) > width) throw Corrupt{"an index lies outside its section"};
        T value;
        std::memcpy(&value, bytes.data() + index * width + field, sizeof(T));
        return value;
    }
    Str list_item(std::uint32_t index) const {
        return {at<std::uint32_t>(Lists, index, 8), at<std::uint32_t>(Lists, index, 8, 4)};
    }
    std::vector<std::string> list(std::uint32_t first, std::uint32_t count_) const {
        // Checked before anything is reserved: a forged count must not ask for
        // more memory than the image could describe.
        const std::size_t items = section(Lists).size() / 8;
        if (first > items || items - first < count_) throw Corrupt{"a list lies outside its section"};
        std::vector<std::string> out;
        out.reserve(count_);
        for (std::uint32_t i = 0; i < count_; ++i) out.emplace_back(str(list_item(first + i)));
        return out;
    }
    // `count_` places from Locs, checked like a list.
    std::vector<SourceLoc> locs(std::uint32_t first, std::uint32_t count_) const {
        const std::size_t items = section(Locs).size() / 12;
        if (first > items || items - first < count_) throw Corrupt{"places lie outside their section"};
        std::vector<SourceLoc> out;
        out.reserve(count_);
        for (std::uint32_t i = 0; i < count_; ++i) {
            const std::size_t at_loc = std::size_t{first} + i;
            out.push_back({at<std::uint32_t>(Locs, at_loc, 12), at<std::uint32_t>(Locs, at_loc, 12, 4),
                           at<std::uint32_t>(Locs, at_loc, 12, 8)});
        }
        return out;
    }
    // The rule tree at `index`; `end` gets the index after its subtree. The
    // tree is in pre-order, each subtree contiguous: a child must start where
    // its elder sibling's subtree ends, so no node is read twice (a forged
    // image cannot make a small tree expand exponentially).
    Rule rule(std::uint32_t index, std::uint32_t depth, std::uint32_t& end) const {
        if (depth > 10'000) throw Corrupt{"a rule nests too deep"};
        const std::string_view bytes = section(Rules);
        if (index >= bytes.size() / kRuleSize) throw Corrupt{"a rule index lies outside the rules"};
        Reader in(bytes.data() + std::size_t{index} * kRuleSize, kRuleSize);
        Rule rule;
        const auto kind = in.get<std::uint8_t>();
        if (kind > static_cast<std::uint8_t>(RuleKind::Skills)) throw Corrupt{"a rule of no known kind"};
        rule.kind = static_cast<RuleKind>(kind);
        in.skip(1);
        const auto caps = in.get<std::uint16_t>();
        rule.at_least = in.get<std::uint32_t>();
        rule.credits = in.get<double>();
        rule.ref = std::string(str(in.get_str()));
        const auto child_first = in.get<std::uint32_t>();
        const auto child_count = in.get<std::uint32_t>();
        const auto names_first = in.get<std::uint32_t>();
        const auto names_count = in.get<std::uint32_t>();
        const auto locs_first = in.get<std::uint32_t>();
        rule.loc = in.get_loc();
        rule.children.reserve(std::min<std::uint32_t>(child_count, 1024));
        end = index + 1;
        for (std::uint32_t i = 0; i < child_count; ++i) {
            const auto child = at<std::uint32_t>(Children, std::size_t{child_first} + i, 4);
            if (child != end) throw Corrupt{"a rule's child is not where the tree puts it"};
            rule.children.push_back(this->rule(child, depth + 1, end));
        }
        if (caps > rule.children.size()) throw Corrupt{"a rule has more caps than children"};
        const auto first_cap = rule.children.end() - static_cast<std::ptrdiff_t>(caps);
        rule.caps.assign(std::make_move_iterator(first_cap), std::make_move_iterator(rule.children.end()));
        rule.children.erase(first_cap, rule.children.end());
        rule.names = list(names_first, names_count);
        rule.name_locs = locs(locs_first, names_count);
        return rule;
    }
    Credential credential(std::uint32_t index) const {
        const std::string_view bytes = section(Records);
        if (index >= count) throw Corrupt{"a credential index lies outside the records"};
        Reader in(bytes.data() + std::size_t{index} * kRecordSize, kRecordSize);
        Credential c;
        for (std::string* s : {&c.id, &c.title, &c.provider, &c.modality, &c.assessment, &c.country, &c.language,
                               &c.quality_assurance, &c.url, &c.description})
            *s = std::string(str(in.get_str()));
        c.cost = in.get<double>();
        c.hours = in.get<double>();
        c.weeks = in.get<double>();
        c.credits = in.get<double>();
        const auto level = in.get<std::int32_t>();
        if (in.get<std::uint8_t>()) c.level = level;
        const auto kind = in.get<std::uint8_t>();
        if (kind > static_cast<std::uint8_t>(Kind::Course)) throw Corrupt{"a credential of no known kind"};
        c.kind = static_cast<Kind>(kind);
        const bool has_valid_for = in.get<std::uint8_t>() != 0;
        const auto unit = in.get<char>();
        const auto valid_count = in.get<std::uint32_t>();
        if (has_valid_for) c.valid_for = Duration{valid_count, unit};
        for (std::vector<std::string>* list : {&c.tags, &c.skills, &c.outcomes, &c.same_as}) {
            const auto first = in.get<std::uint32_t>();
            const auto n = in.get<std::uint32_t>();
            *list = this->list(first, n);
        }
        if (const auto rule = in.get<std::uint32_t>()) {
            std::uint32_t end = 0;
            c.rule = this->rule(rule - 1, 0, end);
        }
        c.loc = in.get_loc();
        c.id_loc = in.get_loc();
        const bool has_renewal = in.get<std::uint8_t>() != 0;
        Renewal renewal;
        renewal.cost = in.get<double>();
        renewal.hours = in.get<double>();
        renewal.weeks = in.get<double>();
        if (has_renewal) c.renewal = renewal;
        const bool has_starts = in.get<std::uint8_t>() != 0;
        const auto starts_first = in.get<std::uint32_t>();
        const auto starts_count = in.get<std::uint32_t>();
        if (has_starts) c.starts = intakes_of(list(starts_first, starts_count));
        const auto excludes_first = in.get<std::uint32_t>();
        const auto excludes_count = in.get<std::uint32_t>();
        const auto excludes_locs = in.get<std::uint32_t>();
        c.excludes = list(excludes_first, excludes_count);
        c.exclude_locs = locs(excludes_locs, excludes_count);
        if (const auto corequisite = in.get<std::uint32_t>()) {
            std::uint32_t end = 0;
            c.corequisite = this->rule(corequisite - 1, 0, end);
        }
        const auto overlap_first = in.get<std::uint32_t>();
        const auto overlap_count = in.get<std::uint32_t>();
        const auto overlap_locs = in.get<std::uint32_t>();
        if (overlap_count % 2) throw Corrupt{"an overlap list of odd length"};
        const std::vector<std::string> overlap = list(overlap_first, overlap_count);
        const std::vector<SourceLoc> places = locs(overlap_locs, overlap_count / 2);
        for (std::size_t i = 0; i + 1 < overlap.size(); i += 2) {
            OverlapLimit limit;
            limit.with = overlap[i];
            const std::string& text = overlap[i + 1];
            if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
                throw Corrupt{"an overlap limit that is not a count"};
            limit.at_most = static_cast<std::uint32_t>(std::stoul(text));
            limit.loc = places[i / 2];
            c.overlap.push_back(std::move(limit));
        }
        const auto also_first = in.get<std::uint32_t>();
        const auto also_count = in.get<std::uint32_t>();
        c.also_required = list(also_first, also_count);
        const auto flags = in.get<std::uint8_t>();
        c.external = (flags & 1) != 0;
        c.stated = {(flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, (flags & 16) != 0};
        return c;
    }
    static Intakes intakes_of(const std::vector<std::string>& strings) {
        Intakes intakes;
        auto day = [](const std::string& text) {
            auto parsed = parse_date(text);
            if (!parsed) throw Corrupt{"a start date that is not a date"};
            return *parsed;
        };
        if (!strings.empty() && strings.front() == "every") {
            if (strings.size() != 4) throw Corrupt{"a recurring start of the wrong shape"};
            auto every = parse_duration(strings[1]);
            if (!every) throw Corrupt{"a recurring start without a period"};
            intakes.every = every;
            intakes.from = day(strings[2]);
            if (!strings[3].empty()) intakes.until = day(strings[3]);
            return intakes;
        }
        for (const std::string& text : strings) intakes.dates.push_back(day(text));
        return intakes;
    }
    std::string_view id_of(std::uint32_t index) const {
        if (index >= count) throw Corrupt{"an id index lies outside the records"};
        Reader in(section(Records).data() + std::size_t{index} * kRecordSize, kRecordSize);
        return str(in.get_str());
    }

    void parse() {
        if (size < kHeaderSize) throw Corrupt{"shorter than its header"};
        if (std::memcmp(base, kMagic, sizeof kMagic) != 0) throw Corrupt{"not a credpath catalog image"};
        Reader header(base + 8, kHeaderSize - 8);
        if (header.get<std::uint32_t>() != kVersion) throw Corrupt{"written by another version of credpath"};
        if (header.get<std::uint32_t>() != kEndianness) throw Corrupt{"written on a machine of other byte order"};
        if (header.get<std::uint64_t>() != size) throw Corrupt{"truncated or extended"};
        const auto checksum = header.get<std::uint64_t>();
        if (checksum != XXH3_64bits(base + kHeaderSize, size - kHeaderSize)) throw Corrupt{"checksum mismatch"};
        for (auto& [offset, length] : sections) {
            offset = header.get<std::uint64_t>();
            length = header.get<std::uint64_t>();
            if (offset < kHeaderSize || offset > size || size - offset < length || offset % 8 != 0)
                throw Corrupt{"a section lies outside the image"};
        }
        if (sections[Records].second % kRecordSize != 0) throw Corrupt{"the records do not divide evenly"};
        count = static_cast<std::uint32_t>(std::min<std::uint64_t>(sections[Records].second / kRecordSize, UINT32_MAX));
        if (sections[IdIndex].second != std::uint64_t{count} * 4 ||
            sections[GraphOffsets].second != (std::uint64_t{count} + 1) * 4)
            throw Corrupt{"the indexes do not match the records"};
        const std::string_view meta_bytes = section(Meta);
        Reader meta(meta_bytes.data(), meta_bytes.size());
        name = std::string(str(meta.get_str()));
        currency = std::string(str(meta.get_str()));
        credit_unit = std::string(str(meta.get_str()));
        const auto file_count = meta.get<std::uint32_t>();
        for (std::uint32_t i = 0; i < file_count; ++i) {
            files.emplace_back(str(meta.get_str()));
        }
        const auto source_count = meta.get<std::uint32_t>();
        for (std::uint32_t i = 0; i < source_count; ++i) {
            SourceStamp stamp;
            stamp.path = std::string(str(meta.get_str()));
            stamp.size = meta.get<std::uint64_t>();
            stamp.mtime_ns = meta.get<std::int64_t>();
            stamp.hash = meta.get<std::uint64_t>();
            sources.push_back(std::move(stamp));
        }
    }
};

CatalogImage::CatalogImage(std::unique_ptr<Data> data) : data_(std::move(data)) {}
CatalogImage::~CatalogImage() = default;
CatalogImage::CatalogImage(CatalogImage&&) noexcept = default;
CatalogImage& CatalogImage::operator=(CatalogImage&&) noexcept = default;

std::optional<CatalogImage> CatalogImage::open(const std::string& path, std::string* why) {
    auto fail = [&](std::string reason) -> std::optional<CatalogImage> {
        if (why) *why = std::move(reason);
        return std::nullopt;
    };
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(errno == ENOENT ? "no image yet" : std::strerror(errno));
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size <= 0) {
        ::close(fd);
        return fail("not a regular, non-empty file");
    }
    auto data = std::make_unique<Data>();
    data->size = static_cast<std::size_t>(info.st_size);
    void* mapping = ::mmap(nullptr, data->size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (mapping == MAP_FAILED) return fail(fmt::format("cannot map: {}", std::strerror(errno)));
    data->mapping = mapping;
    data->base = static_cast<const char*>(mapping);
    try {
        data->parse();
    } catch (const Corrupt& corrupt) {
        return fail(corrupt.what);
    }
    return CatalogImage(std::move(data));
}

std::optional<CatalogImage> CatalogImage::from_bytes(std::string bytes, std::string* why) {
    auto data = std::make_unique<Data>();
    data->owned = std::move(bytes);
    data->base = data->owned.data();
    data->size = data->owned.size();
    try {
        data->parse();
    } catch (const Corrupt& corrupt) {
        if (why) *why = corrupt.what;
        return std::nullopt;
    }
    return CatalogImage(std::move(data));
}

bool CatalogImage::matches(const std::vector<SourceStamp>& files) const {
    const std::vector<SourceStamp>& built = data_->sources;
    if (built.size() != files.size()) return false;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (built[i].path != files[i].path || built[i].size != files[i].size) return false;
        // Touched but maybe not changed (a checkout, a copy): the content decides.
        if (built[i].mtime_ns != files[i].mtime_ns && hash_file(files[i].path) != built[i].hash) return false;
    }
    return true;
}

const std::vector<SourceStamp>& CatalogImage::sources() const { return data_->sources; }

std::uint32_t CatalogImage::size() const { return data_->count; }

std::optional<std::uint32_t> CatalogImage::find(std::string_view id) const {
    try {
        std::size_t low = 0, high = data_->count;
        while (low < high) {
            const std::size_t middle = low + (high - low) / 2;
            const auto index = data_->at<std::uint32_t>(IdIndex, middle, 4);
            if (data_->id_of(index) < id)
                low = middle + 1;
            else
                high = middle;
        }
        if (low < data_->count) {
            const auto index = data_->at<std::uint32_t>(IdIndex, low, 4);
            if (data_->id_of(index) == id) return index;
        }
    } catch (const Corrupt&) {
    }
    return std::nullopt;
}

std::vector<std::uint32_t> CatalogImage::teaching(std::string_view skill) const {
    std::vector<std::uint32_t> out;
    try {
        const std::size_t entries = data_->section(SkillIndex).size() / 16;
        std::size_t low = 0, high = entries;
        auto skill_at = [&](std::size_t i) {
            return data_->str({data_->at<std::uint32_t>(SkillIndex, i, 16), data_->at<std::uint32_t>(SkillIndex, i, 16, 4)});
        };
        while (low < high) {
            const std::size_t middle = low + (high - low) / 2;
            if (skill_at(middle) < skill)
                low = middle + 1;
            else
                high = middle;
        }
        if (low < entries && skill_at(low) == skill) {
            const auto first = data_->at<std::uint32_t>(SkillIndex, low, 16, 8);
            const auto n = data_->at<std::uint32_t>(SkillIndex, low, 16, 12);
            for (std::uint32_t i = 0; i < n; ++i) out.push_back(data_->at<std::uint32_t>(SkillMembers, std::size_t{first} + i, 4));
        }
    } catch (const Corrupt&) {
        out.clear();
    }
    return out;
}

std::vector<std::uint32_t> CatalogImage::cone(const std::vector<std::uint32_t>& roots) const {
    std::vector<bool> seen(data_->count, false);
    std::vector<std::uint32_t> stack, out;
    for (std::uint32_t root : roots)
        if (root < data_->count && !seen[root]) {
            seen[root] = true;
            stack.push_back(root);
        }
    try {
        while (!stack.empty()) {
            const std::uint32_t v = stack.back();
            stack.pop_back();
            out.push_back(v);
            const auto first = data_->at<std::uint32_t>(GraphOffsets, v, 4);
            const auto last = data_->at<std::uint32_t>(GraphOffsets, std::size_t{v} + 1, 4);
            for (std::uint32_t e = first; e < last; ++e) {
                const auto source = data_->at<std::uint32_t>(GraphTargets, e, 4);
                if (source >= data_->count) throw Corrupt{"an edge leads outside the catalog"};
                if (!seen[source]) {
                    seen[source] = true;
                    stack.push_back(source);
                }
            }
        }
    } catch (const Corrupt& corrupt) {
        throw InputError{fmt::format("catalog image: {}", corrupt.what), {}};
    }
    std::sort(out.begin(), out.end());
    return out;
}

Catalog CatalogImage::catalog() const {
    std::vector<std::uint32_t> all(data_->count);
    for (std::uint32_t i = 0; i < data_->count; ++i) all[i] = i;
    return catalog(all);
}

Catalog CatalogImage::catalog(const std::vector<std::uint32_t>& subset) const {
    Catalog catalog;
    catalog.name = data_->name;
    catalog.currency = data_->currency;
    catalog.credit_unit = data_->credit_unit;
    catalog.files = data_->files;
    try {
        catalog.credentials.reserve(subset.size());
        for (std::uint32_t index : subset) catalog.credentials.push_back(data_->credential(index));
    } catch (const Corrupt& corrupt) {
        throw InputError{fmt::format("catalog image: {}", corrupt.what), {}};
    }
    catalog.build_index();
    return catalog;
}

}  // namespace credpath
