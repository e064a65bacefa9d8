// The compiled catalog image: what goes in comes out, whole or as a cone, and a
// damaged image is refused, never trusted.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "credpath/load/catalog_cache.hpp"
#include "credpath/load/check.hpp"

namespace credpath {

namespace {

namespace fs = std::filesystem;

CheckedCatalog bundled() {
    return check_catalog(load_catalog({std::string(CREDPATH_SOURCE_DIR) + "/catalogs"}));
}

void check_same_rule(const Rule& a, const Rule& b) {
    CHECK(a.kind == b.kind);
    CHECK(a.ref == b.ref);
    CHECK(a.at_least == b.at_least);
    CHECK(a.credits == b.credits);
    CHECK(a.names == b.names);
    CHECK(a.loc.line == b.loc.line);
    CHECK(a.loc.column == b.loc.column);
    REQUIRE(a.name_locs.size() == b.name_locs.size());
    for (std::size_t i = 0; i < a.name_locs.size(); ++i) CHECK(a.name_locs[i].line == b.name_locs[i].line);
    REQUIRE(a.children.size() == b.children.size());
    for (std::size_t i = 0; i < a.children.size(); ++i) check_same_rule(a.children[i], b.children[i]);
    REQUIRE(a.caps.size() == b.caps.size());
    for (std::size_t i = 0; i < a.caps.size(); ++i) check_same_rule(a.caps[i], b.caps[i]);
}

void check_same_credential(const Credential& a, const Credential& b) {
    INFO(a.id);
    CHECK(a.id == b.id);
    CHECK(a.title == b.title);
    CHECK(a.kind == b.kind);
    CHECK(a.provider == b.provider);
    CHECK(a.cost == b.cost);
    CHECK(a.hours == b.hours);
    CHECK(a.weeks == b.weeks);
    CHECK(a.credits == b.credits);
    CHECK(a.level == b.level);
    CHECK(a.tags == b.tags);
    CHECK(a.skills == b.skills);
    CHECK(a.modality == b.modality);
    CHECK(a.assessment == b.assessment);
    CHECK(a.country == b.country);
    CHECK(a.language == b.language);
    CHECK(a.outcomes == b.outcomes);
    CHECK(a.quality_assurance == b.quality_assurance);
    CHECK(a.valid_for.has_value() == b.valid_for.has_value());
    CHECK(a.starts.has_value() == b.starts.has_value());
    if (a.starts && b.starts) {
        CHECK(a.starts->dates == b.starts->dates);
        CHECK(a.starts->every.has_value() == b.starts->every.has_value());
        if (a.starts->every && b.starts->every) {
            CHECK(a.starts->every->count == b.starts->every->count);
            CHECK(a.starts->every->unit == b.starts->every->unit);
        }
        CHECK(a.starts->from == b.starts->from);
        CHECK(a.starts->until == b.starts->until);
    }
    CHECK(a.renewal.has_value() == b.renewal.has_value());
    if (a.renewal && b.renewal) {
        CHECK(a.renewal->cost == b.renewal->cost);
        CHECK(a.renewal->hours == b.renewal->hours);
        CHECK(a.renewal->weeks == b.renewal->weeks);
    }
    if (a.valid_for && b.valid_for) {
        CHECK(a.valid_for->count == b.valid_for->count);
        CHECK(a.valid_for->unit == b.valid_for->unit);
    }
    CHECK(a.url == b.url);
    CHECK(a.same_as == b.same_as);
    CHECK(a.excludes == b.excludes);
    REQUIRE(a.exclude_locs.size() == b.exclude_locs.size());
    for (std::size_t i = 0; i < a.exclude_locs.size(); ++i) {
        CHECK(a.exclude_locs[i].line == b.exclude_locs[i].line);
        CHECK(a.exclude_locs[i].column == b.exclude_locs[i].column);
    }
    REQUIRE(a.overlap.size() == b.overlap.size());
    for (std::size_t i = 0; i < a.overlap.size(); ++i) {
        CHECK(a.overlap[i].with == b.overlap[i].with);
        CHECK(a.overlap[i].at_most == b.overlap[i].at_most);
        CHECK(a.overlap[i].loc.line == b.overlap[i].loc.line);
        CHECK(a.overlap[i].loc.column == b.overlap[i].loc.column);
    }
    CHECK(a.description == b.description);
    CHECK(a.also_required == b.also_required);
    CHECK(a.external == b.external);
    CHECK(a.stated == b.stated);
    CHECK(a.loc.file == b.loc.file);
    CHECK(a.loc.line == b.loc.line);
    CHECK(a.id_loc.column == b.id_loc.column);
    REQUIRE(a.rule.has_value() == b.rule.has_value());
    if (a.rule) check_same_rule(*a.rule, *b.rule);
    REQUIRE(a.corequisite.has_value() == b.corequisite.has_value());
    if (a.corequisite) check_same_rule(*a.corequisite, *b.corequisite);
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / fs::path("credpath-cache-test-" + std::to_string(::getpid()));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string image_of(const Catalog& catalog, const TempDir& dir) {
    const std::string path = (dir.path / "image.cpimg").string();
    REQUIRE_FALSE(write_catalog_image(catalog, {}, path).has_value());
    return read_all(path);
}

}  // namespace

TEST_CASE("catalog image: the bundled catalogs come back field by field") {
    const CheckedCatalog checked = bundled();
    REQUIRE(checked.ok());
    TempDir dir;
    auto image = CatalogImage::from_bytes(image_of(checked.catalog, dir));
    REQUIRE(image.has_value());
    const Catalog back = image->catalog();
    CHECK(back.name == checked.catalog.name);
    CHECK(back.currency == checked.catalog.currency);
    CHECK(back.credit_unit == checked.catalog.credit_unit);
    CHECK(back.files == checked.catalog.files);
    REQUIRE(back.credentials.size() == checked.catalog.credentials.size());
    for (std::size_t i = 0; i < back.credentials.size(); ++i)
        check_same_credential(back.credentials[i], checked.catalog.credentials[i]);
    // Every field is exercised: at least one credential has `excludes`, one
    // `overlap`, and one credits rule a cap.
    CHECK(std::any_of(back.credentials.begin(), back.credentials.end(),
                      [](const Credential& c) { return !c.excludes.empty(); }));
    CHECK(std::any_of(back.credentials.begin(), back.credentials.end(),
                      [](const Credential& c) { return !c.overlap.empty(); }));
    const auto capped = [](const Rule& rule, const auto& self) -> bool {
        if (!rule.caps.empty()) return true;
        return std::any_of(rule.children.begin(), rule.children.end(),
                           [&](const Rule& child) { return self(child, self); });
    };
    CHECK(std::any_of(back.credentials.begin(), back.credentials.end(),
                      [&](const Credential& c) { return c.rule && capped(*c.rule, capped); }));
    CHECK(std::any_of(back.credentials.begin(), back.credentials.end(),
                      [](const Credential& c) { return c.corequisite.has_value(); }));
    CHECK(back.by_tag.size() == checked.catalog.by_tag.size());
    CHECK(back.by_skill.size() == checked.catalog.by_skill.size());
}

TEST_CASE("catalog image: an imported catalog keeps its manual checks and external credentials") {
    const fs::path data = fs::path(CREDPATH_SOURCE_DIR) / "tests" / "data" / "ctdl";
    const CheckedCatalog checked = check_catalog(
        load_catalog({(data / "cloud-pro.json").string(), (data / "data-certificate.jsonld").string()}));
    REQUIRE(checked.ok());
    TempDir dir;
    auto image = CatalogImage::from_bytes(image_of(checked.catalog, dir));
    REQUIRE(image.has_value());
    const Catalog back = image->catalog();
    REQUIRE(back.credentials.size() == checked.catalog.credentials.size());
    for (std::size_t i = 0; i < back.credentials.size(); ++i)
        check_same_credential(back.credentials[i], checked.catalog.credentials[i]);
    CHECK(std::any_of(back.credentials.begin(), back.credentials.end(), [](const Credential& c) { return c.external; }));
    CHECK(std::any_of(back.credentials.begin(), back.credentials.end(),
                      [](const Credential& c) { return !c.also_required.empty(); }));
}

TEST_CASE("catalog image: ids, skills and cones as the catalog and its graph have them") {
    const CheckedCatalog checked = bundled();
    TempDir dir;
    auto image = CatalogImage::from_bytes(image_of(checked.catalog, dir));
    REQUIRE(image.has_value());
    CHECK(image->size() == checked.catalog.credentials.size());
    for (std::uint32_t i = 0; i < checked.catalog.credentials.size(); ++i) {
        const std::string& id = checked.catalog.credentials[i].id;
        CHECK(image->find(id) == std::optional<std::uint32_t>(i));
        CHECK(image->cone({i}) == checked.graph.cone({i}));
    }
    CHECK_FALSE(image->find("no-such-id").has_value());
    CHECK_FALSE(image->find("").has_value());
    for (const auto& [skill, members] : checked.catalog.by_skill) CHECK(image->teaching(skill) == members);
    CHECK(image->teaching("no-such-skill").empty());
}

TEST_CASE("catalog image: a cone comes back as a catalog of its own, in catalog order") {
    const CheckedCatalog checked = bundled();
    TempDir dir;
    auto image = CatalogImage::from_bytes(image_of(checked.catalog, dir));
    REQUIRE(image.has_value());
    const auto target = checked.catalog.find("dai-cert-ml");
    REQUIRE(target.has_value());
    const std::vector<std::uint32_t> cone = image->cone({*target});
    const Catalog part = image->catalog(cone);
    REQUIRE(part.credentials.size() == cone.size());
    for (std::size_t i = 0; i < cone.size(); ++i) check_same_credential(part.credentials[i], checked.catalog.credentials[cone[i]]);
    // Everything a credential of the cone draws on is in it.
    const DependencyGraph graph(part);
    CHECK(graph.cone({*part.find("dai-cert-ml")}).size() == cone.size());
}

TEST_CASE("catalog image: every truncation and a flipped byte anywhere are refused") {
    const CheckedCatalog checked = bundled();
    TempDir dir;
    const std::string bytes = image_of(checked.catalog, dir);
    REQUIRE(CatalogImage::from_bytes(bytes).has_value());
    std::string why;
    for (std::size_t length : {std::size_t{0}, std::size_t{7}, std::size_t{100}, bytes.size() / 2, bytes.size() - 1}) {
        CHECK_FALSE(CatalogImage::from_bytes(bytes.substr(0, length), &why).has_value());
        CHECK_FALSE(why.empty());
    }
    CHECK_FALSE(CatalogImage::from_bytes(bytes + "x", &why).has_value());
    CHECK(why == "truncated or extended");
    // Positions spread over the whole image: header, sections, the end.
    for (std::size_t at = 0; at < bytes.size(); at += 997) {
        std::string flipped = bytes;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x20);
        CHECK_FALSE(CatalogImage::from_bytes(flipped).has_value());
    }
    std::string other_version = bytes;
    other_version[8] = static_cast<char>(other_version[8] + 1);
    CHECK_FALSE(CatalogImage::from_bytes(other_version, &why).has_value());
    CHECK(why == "written by another version of credpath");
    CHECK_FALSE(CatalogImage::from_bytes(std::string(bytes.size(), 'x'), &why).has_value());
    CHECK(why == "not a credpath catalog image");
}

TEST_CASE("catalog image: a sealed header gets a changed image past the checksum, to the checks behind it") {
    const CheckedCatalog checked = bundled();
    TempDir dir;
    const std::string bytes = image_of(checked.catalog, dir);
    std::string why;
    // A changed letter deep in the string pool: refused by the checksum, then
    // read once sealed (the fuzzer's way past it).
    std::string changed = bytes;
    const std::size_t at = changed.find("Python");
    REQUIRE(at != std::string::npos);
    changed[at] = 'J';
    CHECK_FALSE(CatalogImage::from_bytes(changed, &why).has_value());
    CHECK(why == "checksum mismatch");
    seal_image_header(changed);
    CHECK(CatalogImage::from_bytes(changed, &why).has_value());
    // Sealing an intact image changes nothing; a short one is left alone.
    std::string same = bytes;
    seal_image_header(same);
    CHECK(same == bytes);
    std::string shorter = bytes.substr(0, 100);
    seal_image_header(shorter);
    CHECK(shorter == bytes.substr(0, 100));
    // A section table pointing outside the image is refused, sealed or not.
    std::string outside = bytes;
    outside[32 + 7] = '\x7f';  // the high byte of the first section's offset
    seal_image_header(outside);
    CHECK_FALSE(CatalogImage::from_bytes(outside, &why).has_value());
    CHECK(why == "a section lies outside the image");
}

TEST_CASE("catalog image: forged images (checksum made to match) fail as InputError, never past the image") {
    // Inputs the cache fuzzer found: a list count far past the section (it
    // once made the reader reserve 128 GB), and graph offsets past the edges
    // (cone() once let an internal exception escape).
    const fs::path dir = fs::path(CREDPATH_SOURCE_DIR) / "fuzz" / "regressions" / "cache";
    auto sealed = [&](const char* name) {
        std::ifstream in(dir / name, std::ios::binary);
        std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        REQUIRE(bytes.size() > 224);
        seal_image_header(bytes);
        auto image = CatalogImage::from_bytes(bytes);
        REQUIRE(image.has_value());
        return std::move(*image);
    };
    const CatalogImage lists = sealed("forged-list-count-huge-reserve");
    CHECK_THROWS_AS(lists.catalog(), InputError);
    const CatalogImage graph = sealed("forged-graph-offsets-cone-escaped-exception");
    CHECK_THROWS_AS(graph.cone({0, graph.size() - 1}), InputError);
}

TEST_CASE("catalog image: files are written whole, and keyed by path, size, time and content") {
    TempDir dir;
    const fs::path catalog_file = dir.path / "c.yaml";
    const std::string text = "format: credpath/1\ncredentials:\n  - {id: a, title: A, kind: badge, provider: P}\n";
    std::ofstream(catalog_file) << text;
    auto stamps = stamp_files({catalog_file.string()});
    REQUIRE(stamps.has_value());
    CHECK(fs::path(stamps->at(0).path).is_absolute());
    CHECK(stamps->at(0).size == text.size());
    stamps->at(0).hash = *hash_file(catalog_file.string());
    const LoadResult loaded = load_catalog({catalog_file.string()});
    REQUIRE(loaded.ok());
    const std::string path = cache_path((dir.path / "cache").string(), *stamps);
    CHECK(path.find((dir.path / "cache").string()) == 0);
    REQUIRE_FALSE(write_catalog_image(loaded.catalog, *stamps, path).has_value());
    std::size_t entries = 0;
    for (const auto& entry : fs::directory_iterator(dir.path / "cache")) {
        ++entries;
        CHECK(entry.path().extension() == ".cpimg");  // no temporary left behind
    }
    CHECK(entries == 1);
    auto image = CatalogImage::open(path);
    REQUIRE(image.has_value());
    CHECK(image->matches(*stamps));

    // Touched, same content: still the same catalog.
    auto touched = *stamps;
    touched[0].mtime_ns += 1'000'000'000;
    CHECK(image->matches(touched));
    // Another size, another path: not.
    auto resized = *stamps;
    resized[0].size += 1;
    CHECK_FALSE(image->matches(resized));
    auto moved = *stamps;
    moved[0].path += "x";
    CHECK_FALSE(image->matches(moved));
    // Same size, new time, other content: the hash tells.
    std::string changed = text;
    changed[changed.find("P}")] = 'Q';
    std::ofstream(catalog_file, std::ios::trunc) << changed;
    CHECK_FALSE(image->matches(touched));

    std::string why;
    CHECK_FALSE(CatalogImage::open((dir.path / "absent.cpimg").string(), &why).has_value());
    CHECK(why == "no image yet");
    CHECK(write_catalog_image(loaded.catalog, *stamps, (dir.path / "c.yaml" / "x.cpimg").string()).has_value());
}

TEST_CASE("catalog image: the cache directory follows XDG_CACHE_HOME, then HOME") {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const std::string saved = xdg ? xdg : "";
    ::setenv("XDG_CACHE_HOME", "/var/tmp/xdg", 1);
    CHECK(default_cache_dir() == "/var/tmp/xdg/credpath");
    ::setenv("XDG_CACHE_HOME", "relative/path", 1);  // the spec says: ignore a relative one
    ::setenv("HOME", std::getenv("HOME") ? std::getenv("HOME") : "/root", 1);
    CHECK(default_cache_dir() == std::string(std::getenv("HOME")) + "/.cache/credpath");
    if (xdg)
        ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
    else
        ::unsetenv("XDG_CACHE_HOME");
}

}  // namespace credpath
