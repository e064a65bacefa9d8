// The compiled catalog cache: a checked catalog written once as a compact
// binary image (strings pooled, rules flattened into arrays, the dependency
// graph as offset + target arrays) and mapped back in later without YAML.
// Loader layer: a second reader and writer of the model, not a second model;
// what it reads back is a plain Catalog (whole, or the cone of some
// credentials, for a query that needs no more).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/model/model.hpp"

namespace credpath {

// One catalog file as the cache keys it.
struct SourceStamp {
    std::string path;  // absolute
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::uint64_t hash = 0;  // XXH3-64 of the bytes; 0 until computed
};

// Stamps of the files now (size and modification time; no hash). nullopt when
// a file cannot be read (then there is nothing to key a cache on).
std::optional<std::vector<SourceStamp>> stamp_files(const std::vector<std::string>& paths);
// XXH3-64 of a file's bytes, streamed; nullopt when it cannot be read.
std::optional<std::uint64_t> hash_file(const std::string& path);

// XXH3-64 of bytes given in pieces, so that the loader hashes a catalog file
// in the same pass that parses it (each file is read once).
class ContentHash {
public:
    ContentHash();
    ContentHash(const ContentHash&) = delete;
    ContentHash& operator=(const ContentHash&) = delete;
    ~ContentHash();
    void update(std::string_view bytes);
    std::uint64_t digest() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

// $XDG_CACHE_HOME/credpath, else $HOME/.cache/credpath, else "" (no cache).
std::string default_cache_dir();
// The image's path for these files: DIR/<hash of their absolute paths and
// `variant`>.cpimg. `variant` names whatever else decided the catalog's
// validity (non-default load limits), so that it gets an image of its own.
std::string cache_path(const std::string& dir, const std::vector<SourceStamp>& files, std::string_view variant = {});

// Writes the image of a checked, valid catalog to `path` through a temporary
// file in the same directory renamed into place, so a reader sees the old
// image, the new one or none, never half of one. `files` carry their hashes.
// Returns an error message, or nullopt on success.
std::optional<std::string> write_catalog_image(const Catalog& catalog, const std::vector<SourceStamp>& files,
                                               const std::string& path);

// Sets the version, size and checksum fields of an image's header to match
// this build and its bytes (nothing when shorter than a header). For fuzzing:
// a mutated image (or one a fuzzer found with an earlier version) then gets
// past the checksum to the checks behind it.
void seal_image_header(std::string& bytes);

// A mapped, verified image. Every offset in it is checked before use, so a
// corrupt image is reported, never trusted.
class CatalogImage {
public:
    // Maps `path` and checks magic, version, size and checksum. nullopt (and
    // `why`) when absent, stale in format, truncated or corrupt.
    static std::optional<CatalogImage> open(const std::string& path, std::string* why = nullptr);
    // The same checks on bytes in memory (tests, fuzzing).
    static std::optional<CatalogImage> from_bytes(std::string bytes, std::string* why = nullptr);
    ~CatalogImage();
    CatalogImage(CatalogImage&&) noexcept;
    CatalogImage& operator=(CatalogImage&&) noexcept;

    // Whether the image was built from exactly these files: same paths and
    // sizes, and the same modification times or else the same content hash.
    bool matches(const std::vector<SourceStamp>& files) const;
    const std::vector<SourceStamp>& sources() const;

    std::uint32_t size() const;  // credentials
    std::optional<std::uint32_t> find(std::string_view id) const;
    // Credentials that teach the skill, ascending.
    std::vector<std::uint32_t> teaching(std::string_view skill) const;
    // The roots and all they draw on, transitively; sorted. Throws InputError
    // when the image's graph points outside it.
    std::vector<std::uint32_t> cone(const std::vector<std::uint32_t>& roots) const;

    // The whole catalog, or only `subset` (sorted ascending, each index once),
    // in catalog order, with its indexes built. Throws InputError when the
    // image holds an inconsistency the checksum did not catch.
    Catalog catalog() const;
    Catalog catalog(const std::vector<std::uint32_t>& subset) const;

private:
    struct Data;
    explicit CatalogImage(std::unique_ptr<Data> data);
    std::unique_ptr<Data> data_;
};

}  // namespace credpath
