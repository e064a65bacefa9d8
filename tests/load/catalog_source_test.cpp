// Where a command's catalog comes from and how it is loaded: the chosen
// paths, the files they expand to, the loads with and without the check, the
// faults that end a command, and the compiled image cache.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

#include "credpath/load/catalog_cache.hpp"
#include "credpath/load/catalog_source.hpp"
#include "credpath/load/loader.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

// A directory of its own under the system's temporary directory, removed at the end.
struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name) {
        path = fs::temp_directory_path() / ("credpath-source-test-" + std::to_string(::getpid()) + "-" + name);
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    std::string file(const std::string& name, const std::string& text) const {
        const fs::path at = path / name;
        fs::create_directories(at.parent_path());
        std::ofstream(at, std::ios::binary) << text;
        return at.string();
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

// Sets (or unsets, with nullopt) $CREDPATH_CATALOG, and puts it back as it was.
class CatalogVariable {
public:
    explicit CatalogVariable(const std::optional<std::string>& value) {
        if (const char* old = std::getenv("CREDPATH_CATALOG")) old_ = old;
        if (value)
            ::setenv("CREDPATH_CATALOG", value->c_str(), 1);
        else
            ::unsetenv("CREDPATH_CATALOG");
    }
    ~CatalogVariable() {
        if (old_)
            ::setenv("CREDPATH_CATALOG", old_->c_str(), 1);
        else
            ::unsetenv("CREDPATH_CATALOG");
    }
    CatalogVariable(const CatalogVariable&) = delete;
    CatalogVariable& operator=(const CatalogVariable&) = delete;

private:
    std::optional<std::string> old_;
};

// a <- b (b requires a), c alone, d teaching sql and requiring c.
const std::string kChain = test::catalog(
    "  - {id: a, title: A, cost: 10}\n"
    "  - {id: b, title: B, requires: a}\n"
    "  - {id: c, title: C}\n"
    "  - {id: d, title: D, skills: [sql], requires: c}\n");

// Two faults: an unknown reference and an unknown key.
const std::string kInvalid = test::catalog(
    "  - {id: a, title: A, requires: nowhere}\n"
    "  - {id: b, title: B, colour: red}\n");

const std::string kCycle = test::catalog(
    "  - {id: a, title: A, requires: b}\n"
    "  - {id: b, title: B, requires: a}\n");

CatalogSettings settings_for(Strings paths, const std::string& cache_dir, bool no_cache = false) {
    CatalogSettings settings;
    settings.paths = std::move(paths);
    settings.cache_dir = cache_dir;
    settings.no_cache = no_cache;
    return settings;
}

Strings ids(const Catalog& catalog) {
    Strings out;
    for (const Credential& c : catalog.credentials) out.push_back(c.id);
    return out;
}

Strings formatted(const std::vector<Diagnostic>& diagnostics) {
    Strings out;
    for (const Diagnostic& d : diagnostics) out.push_back(format_diagnostic(d));
    return out;
}

// The files directly in `dir`, by name.
Strings listing(const fs::path& dir) {
    Strings out;
    if (!fs::exists(dir)) return out;
    for (const auto& entry : fs::directory_iterator(dir)) out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t images_in(const fs::path& dir) {
    std::size_t count = 0;
    for (const std::string& name : listing(dir))
        if (name.size() > 6 && name.substr(name.size() - 6) == ".cpimg") ++count;
    return count;
}

// The InputError a call throws (its message and formatted diagnostics), or "no error".
template <class Call>
std::pair<std::string, Strings> input_error(Call&& call) {
    try {
        call();
    } catch (const InputError& error) {
        return {error.message, formatted(error.diagnostics)};
    }
    return {"no error", {}};
}
}  // namespace

// ---------------------------------------------------------------- paths

TEST_CASE("catalog_source: the -c paths are taken as given, before the variable and the bundled folders") {
    TempDir dir("given");
    const std::string one = dir.file("one.yaml", kChain);
    CatalogVariable variable(std::string("/somewhere/else.yaml"));
    CatalogSource source(settings_for({one}, "", true), {dir.path.string()});
    CHECK(source.paths() == Strings{one});
    CHECK(source.load().catalog.credentials.size() == 4);
}

TEST_CASE("catalog_source: without -c, $CREDPATH_CATALOG names the catalog") {
    TempDir dir("variable");
    const std::string chain = dir.file("chain.yaml", kChain);
    const std::string bundled = (dir / "bundled");
    dir.file("bundled/other.yaml", kCycle);
    CatalogVariable variable(chain);
    CatalogSource source(settings_for({}, "", true), {bundled});
    CHECK(source.paths() == Strings{chain});
    CHECK(ids(source.load().catalog) == Strings{"a", "b", "c", "d"});
}

TEST_CASE("catalog_source: an empty $CREDPATH_CATALOG counts as unset") {
    TempDir dir("empty-variable");
    dir.file("bundled/x.yaml", kChain);
    CatalogVariable variable(std::string(""));
    CatalogSource source(settings_for({}, "", true), {dir / "bundled"});
    CHECK(source.paths() == Strings{dir / "bundled"});
}

TEST_CASE("catalog_source: else the first bundled folder that exists") {
    TempDir dir("bundled");
    dir.file("second/x.yaml", kChain);
    dir.file("third/y.yaml", kChain);
    const std::string plain_file = dir.file("not-a-folder.yaml", kChain);
    CatalogVariable variable(std::nullopt);
    CatalogSource source(settings_for({}, "", true),
                         {"", dir / "missing", plain_file, dir / "second", dir / "third"});
    CHECK(source.paths() == Strings{dir / "second"});
    CHECK(source.inputs() == Strings{dir / "second/x.yaml", dir / "second"});
}

TEST_CASE("catalog_source: the bundled catalogs of the source tree") {
    CatalogVariable variable(std::nullopt);
    const std::string bundled = std::string(CREDPATH_SOURCE_DIR) + "/catalogs";
    CatalogSource source(settings_for({}, "", true), {"/nonexistent/credpath/catalogs", bundled});
    CHECK(source.paths() == Strings{bundled});
    const Strings inputs = source.inputs();
    REQUIRE(inputs.size() == 6);  // five catalogs and the folder
    CHECK(inputs[0] == bundled + "/data-ai.yaml");
    CHECK(inputs[4] == bundled + "/project-leadership.yaml");
    CHECK(inputs[5] == bundled);
    const CheckedCatalog checked = source.load_valid();
    CHECK(checked.ok());
    CHECK(checked.catalog.credentials.size() == 173);
    CHECK(checked.catalog.currency == "USD");
}

TEST_CASE("catalog_source: no -c, no variable and no bundled folder is an InputError") {
    CatalogVariable variable(std::nullopt);
    const std::string expected =
        "no catalog given and no bundled catalogs found: use -c PATH or set CREDPATH_CATALOG";
    for (const Strings& bundled : {Strings{}, Strings{""}, Strings{"/nonexistent/credpath/a", "/nonexistent/b"}}) {
        const auto [message, diagnostics] = input_error([&] { CatalogSource source(settings_for({}, "", true), bundled); });
        CHECK(message == expected);
        CHECK(diagnostics.empty());
    }
}

// ---------------------------------------------------------------- inputs

TEST_CASE("catalog_source: inputs are the expanded files, sorted, then the paths themselves") {
    TempDir dir("inputs");
    dir.file("tree/b.yml", test::catalog("  - {id: b, title: B}\n"));
    dir.file("tree/a.yaml", test::catalog("  - {id: a, title: A}\n"));
    dir.file("tree/sub/c.yaml", test::catalog("  - {id: c, title: C}\n"));
    dir.file("tree/notes.txt", "not a catalog");
    const std::string single = dir.file("single.yaml", test::catalog("  - {id: s, title: S}\n"));
    CatalogSource source(settings_for({single, dir / "tree"}, "", true), {});
    CHECK(source.paths() == Strings{single, dir / "tree"});
    CHECK(source.inputs() ==
          Strings{single, dir / "tree/a.yaml", dir / "tree/b.yml", dir / "tree/sub/c.yaml", single, dir / "tree"});
    CHECK(ids(source.load().catalog) == Strings{"s", "a", "b", "c"});
}

TEST_CASE("catalog_source: a missing path is no file, and a fault of every load") {
    TempDir dir("missing");
    const std::string missing = dir / "nope.yaml";
    const std::string good = dir.file("good.yaml", kChain);
    CatalogSource source(settings_for({missing, good}, dir / "cache"), {});
    CHECK(source.inputs() == Strings{good, missing, good});
    CHECK(formatted(source.load().diagnostics) == Strings{missing + ": error: no such file or directory"});
    CHECK(formatted(source.load_checked().diagnostics) == Strings{missing + ": error: no such file or directory"});
    const auto [message, diagnostics] = input_error([&] { source.load_valid(); });
    CHECK(message == "invalid catalog: 1 fault (run `credpath validate` for the full report)");
    CHECK(diagnostics == Strings{missing + ": error: no such file or directory"});
    CHECK(listing(dir.path / "cache").empty());
}

TEST_CASE("catalog_source: limits are the settings' limits") {
    CatalogSettings settings = settings_for({"/nonexistent.yaml"}, "", true);
    settings.limits.max_credentials = 3;
    settings.limits.max_depth = 9;
    CatalogSource source(settings, {});
    CHECK(source.limits().max_credentials == 3u);
    CHECK(source.limits().max_depth == 9u);
    CHECK(source.limits().max_file_bytes == LoadLimits{}.max_file_bytes);
}

// ---------------------------------------------------------------- loads

TEST_CASE("catalog_source: load reads faults and all, without the cycle check; load_checked adds it") {
    TempDir dir("cycle");
    const std::string path = dir.file("cycle.yaml", kCycle);
    CatalogSource source(settings_for({path}, "", true), {});
    const LoadResult loaded = source.load();
    CHECK(loaded.ok());
    CHECK(ids(loaded.catalog) == Strings{"a", "b"});
    const CheckedCatalog checked = source.load_checked();
    CHECK_FALSE(checked.ok());
    CHECK(formatted(checked.diagnostics) == Strings{path + ":3:10: error: dependency cycle: a -> b -> a"});
    CHECK(ids(checked.catalog) == Strings{"a", "b"});
    const auto [message, diagnostics] = input_error([&] { source.load_valid(); });
    CHECK(message == "invalid catalog: 1 fault (run `credpath validate` for the full report)");
    CHECK(diagnostics == Strings{path + ":3:10: error: dependency cycle: a -> b -> a"});
}

TEST_CASE("catalog_source: load_valid of an invalid catalog throws every fault") {
    TempDir dir("invalid");
    const std::string path = dir.file("bad.yaml", kInvalid);
    CatalogSource source(settings_for({path}, dir / "cache"), {});
    const LoadResult loaded = source.load();
    CHECK(count_errors(loaded.diagnostics) == 2);
    const auto [message, diagnostics] = input_error([&] { source.load_valid(); });
    CHECK(message == "invalid catalog: 2 faults (run `credpath validate` for the full report)");
    CHECK(diagnostics == Strings{path + ":3:33: error: 'a' requires unknown credential 'nowhere'",
                                 path + ":4:23: error: unknown key 'colour'"});
    // How it went, though it failed; and nothing was cached.
    CHECK(source.last_load().catalog_size == 2);
    CHECK(source.last_load().loaded == 2);
    CHECK_FALSE(source.last_load().from_cache);
    CHECK(listing(dir.path / "cache").empty());
}

TEST_CASE("catalog_source: warnings do not stop load_valid") {
    TempDir dir("warnings");
    const std::string path = dir.file("w.yaml", test::catalog("  - {id: a, title: A, tags: [x, x]}\n"));
    CatalogSource source(settings_for({path}, "", true), {});
    const CheckedCatalog checked = source.load_valid();
    CHECK(checked.ok());
    CHECK(formatted(checked.diagnostics) == Strings{path + ":3:33: warning: 'x' is listed twice"});
    CHECK(checked.catalog.credentials[0].tags == Strings{"x"});
}

// ---------------------------------------------------------------- the cache

TEST_CASE("catalog_source: last_load before any load is empty") {
    CatalogSource source(settings_for({"/nonexistent.yaml"}, "", true), {});
    CHECK(source.last_load().catalog_size == 0);
    CHECK(source.last_load().loaded == 0);
    CHECK_FALSE(source.last_load().from_cache);
}

TEST_CASE("catalog_source: the first load_valid writes the image, the second reads it") {
    TempDir dir("cache");
    const std::string path = dir.file("chain.yaml", kChain);
    const fs::path cache = dir.path / "cache";
    CatalogSource first(settings_for({path}, cache.string()), {});
    const CheckedCatalog from_yaml = first.load_valid();
    CHECK(ids(from_yaml.catalog) == Strings{"a", "b", "c", "d"});
    CHECK(first.last_load().catalog_size == 4);
    CHECK(first.last_load().loaded == 4);
    CHECK_FALSE(first.last_load().from_cache);
    CHECK(images_in(cache) == 1);

    // The same source again, and a new one (the next command).
    for (int round = 0; round < 2; ++round) {
        CatalogSource again(settings_for({path}, cache.string()), {});
        CatalogSource& source = round == 0 ? first : again;
        const CheckedCatalog hit = source.load_valid();
        CHECK(source.last_load().from_cache);
        CHECK(source.last_load().catalog_size == 4);
        CHECK(source.last_load().loaded == 4);
        CHECK(hit.ok());
        CHECK(ids(hit.catalog) == Strings{"a", "b", "c", "d"});
        CHECK(hit.catalog.credentials[0].cost == 10);
        CHECK(hit.catalog.find("d") == 3u);
        CHECK(hit.catalog.files == from_yaml.catalog.files);
        CHECK(hit.graph.size() == 4);
    }
    CHECK(images_in(cache) == 1);
}

TEST_CASE("catalog_source: the loader hashes each file in the read that parses it, as hash_file would") {
    TempDir dir("hash-in-read");
    // The second file is over one 256 KiB block, so its hash spans several reads.
    const Strings files{dir.file("chain.yaml", kChain), dir.file("big.yaml", test::catalog("  - {id: z, title: Z}\n") + "# " + std::string(600 * 1024, 'x') + "\n"),
                        dir / "missing.yaml"};
    std::vector<std::optional<std::uint64_t>> hashes;
    const LoadResult loaded = load_catalog_files(files, {}, {}, &hashes);
    REQUIRE(hashes.size() == 3);
    CHECK(hashes[0] == hash_file(files[0]));
    CHECK(hashes[1] == hash_file(files[1]));
    CHECK(hashes[0] != hashes[1]);
    CHECK_FALSE(hashes[2].has_value());
    CHECK_FALSE(loaded.ok());
}

TEST_CASE("catalog_source: a load from YAML reports the bytes read of all files, block by block, done at the end") {
    TempDir dir("progress");
    const std::string big = test::catalog("  - {id: z, title: Z}\n") + "# " + std::string(600 * 1024, 'x') + "\n";
    const Strings files{dir.file("chain.yaml", kChain), dir.file("big.yaml", big), dir / "missing.yaml"};
    const std::size_t total = kChain.size() + big.size();
    std::vector<std::pair<std::size_t, std::size_t>> heard;
    const ProgressCallback progress = [&](std::size_t done, std::size_t of) { heard.emplace_back(done, of); };
    load_catalog_files(files, {}, {}, nullptr, {}, progress);
    REQUIRE(heard.size() >= 5);  // the start, the small file, three blocks of the big one, the end
    CHECK(heard.front() == std::pair<std::size_t, std::size_t>{0, total});
    CHECK(heard.back() == std::pair<std::size_t, std::size_t>{total, total});
    for (std::size_t i = 1; i < heard.size(); ++i) {
        CHECK(heard[i].second == total);
        CHECK(heard[i].first >= heard[i - 1].first);
    }
    // Only the last report says done: the catalog is not built before then.
    CHECK(heard[heard.size() - 2].first < total);
    // Through a CatalogSource's settings too, also on the way to the cache.
    heard.clear();
    CatalogSettings settings = settings_for({files[0]}, dir / "cache");
    settings.progress = progress;
    CatalogSource(settings, {}).load_valid();
    CHECK(heard.back() == std::pair<std::size_t, std::size_t>{kChain.size(), kChain.size()});
}

TEST_CASE("catalog_source: a scoped load from the image reads only the cone of the scope") {
    TempDir dir("scoped");
    const std::string path = dir.file("chain.yaml", kChain);
    const std::string cache = dir / "cache";
    CatalogSource source(settings_for({path}, cache), {});
    // Before there is an image, a scope reads the whole catalog.
    CHECK(source.load_valid(CatalogScope{false, {"b"}, {}}).catalog.credentials.size() == 4);
    CHECK_FALSE(source.last_load().from_cache);

    const CheckedCatalog b = source.load_valid(CatalogScope{false, {"b"}, {}});
    CHECK(source.last_load().from_cache);
    CHECK(source.last_load().catalog_size == 4);
    CHECK(source.last_load().loaded == 2);
    CHECK(ids(b.catalog) == Strings{"a", "b"});
    CHECK(b.catalog.find("b") == 1u);

    const CheckedCatalog sql = source.load_valid(CatalogScope{false, {}, {"sql"}});
    CHECK(source.last_load().loaded == 2);
    CHECK(ids(sql.catalog) == Strings{"c", "d"});

    const CheckedCatalog both = source.load_valid(CatalogScope{false, {"a"}, {"sql"}});
    CHECK(source.last_load().loaded == 3);
    CHECK(ids(both.catalog) == Strings{"a", "c", "d"});

    // A name the image lacks: the whole catalog, so that the messages are the same.
    source.load_valid(CatalogScope{false, {"b", "unknown"}, {}});
    CHECK(source.last_load().from_cache);
    CHECK(source.last_load().loaded == 4);
    source.load_valid(CatalogScope{false, {}, {"cooking"}});
    CHECK(source.last_load().loaded == 4);
    // A whole scope, names or not, is the whole catalog.
    source.load_valid(CatalogScope{true, {"b"}, {}});
    CHECK(source.last_load().loaded == 4);
    // A scope of nothing is nothing.
    CHECK(source.load_valid(CatalogScope{false, {}, {}}).catalog.credentials.empty());
    CHECK(source.last_load().loaded == 0);
    CHECK(source.last_load().catalog_size == 4);
}

TEST_CASE("catalog_source: no_cache neither reads nor writes an image") {
    TempDir dir("no-cache");
    const std::string path = dir.file("chain.yaml", kChain);
    const std::string cache = dir / "cache";
    CatalogSource source(settings_for({path}, cache, true), {});
    for (int round = 0; round < 2; ++round) {
        CHECK(source.load_valid().catalog.credentials.size() == 4);
        CHECK_FALSE(source.last_load().from_cache);
        CHECK(source.load_valid(CatalogScope{false, {"b"}, {}}).catalog.credentials.size() == 4);
        CHECK_FALSE(source.last_load().from_cache);
    }
    CHECK_FALSE(fs::exists(cache));
    // An image written by another source is not read either.
    CatalogSource writer(settings_for({path}, cache), {});
    writer.load_valid();
    REQUIRE(images_in(cache) == 1);
    source.load_valid();
    CHECK_FALSE(source.last_load().from_cache);
}

TEST_CASE("catalog_source: a changed file is read again and its image rewritten") {
    TempDir dir("changed");
    const std::string path = dir.file("chain.yaml", kChain);
    const std::string cache = dir / "cache";
    CatalogSource source(settings_for({path}, cache), {});
    source.load_valid();
    source.load_valid();
    REQUIRE(source.last_load().from_cache);
    dir.file("chain.yaml", kChain + "  - {id: e, title: E}\n");
    CHECK(source.load_valid().catalog.credentials.size() == 5);
    CHECK_FALSE(source.last_load().from_cache);
    CHECK(source.load_valid().catalog.credentials.size() == 5);
    CHECK(source.last_load().from_cache);
    CHECK(source.last_load().catalog_size == 5);
    // Made invalid: the fault, never the old image.
    dir.file("chain.yaml", kInvalid);
    const auto [message, diagnostics] = input_error([&] { source.load_valid(); });
    CHECK(message == "invalid catalog: 2 faults (run `credpath validate` for the full report)");
    CHECK(diagnostics.size() == 2);
}

TEST_CASE("catalog_source: a damaged image is only a cache: the catalog is read and the image rebuilt") {
    TempDir dir("damaged");
    const std::string path = dir.file("chain.yaml", kChain);
    const fs::path cache = dir.path / "cache";
    CatalogSource source(settings_for({path}, cache.string()), {});
    source.load_valid();
    const Strings names = listing(cache);
    REQUIRE(names.size() == 1);
    std::ofstream(cache / names[0], std::ios::binary | std::ios::trunc) << "CREDPIMG but not really an image";
    CHECK(ids(source.load_valid().catalog) == Strings{"a", "b", "c", "d"});
    CHECK_FALSE(source.last_load().from_cache);
    CHECK(ids(source.load_valid().catalog) == Strings{"a", "b", "c", "d"});
    CHECK(source.last_load().from_cache);
    CHECK(listing(cache) == names);
}

TEST_CASE("catalog_source: other load limits get an image of their own") {
    TempDir dir("limits");
    const std::string path = dir.file("chain.yaml", kChain);
    const fs::path cache = dir.path / "cache";
    CatalogSource plain(settings_for({path}, cache.string()), {});
    plain.load_valid();
    CHECK(images_in(cache) == 1);
    CatalogSettings settings = settings_for({path}, cache.string());
    settings.limits.max_credentials = 100;
    CatalogSource limited(settings, {});
    limited.load_valid();
    CHECK_FALSE(limited.last_load().from_cache);
    CHECK(images_in(cache) == 2);
    limited.load_valid();
    CHECK(limited.last_load().from_cache);
    // Limits the catalog does not fit: the fault, not the image of the default limits.
    settings.limits.max_credentials = 2;
    CatalogSource tight(settings, {});
    const auto [message, diagnostics] = input_error([&] { tight.load_valid(); });
    CHECK(message == "invalid catalog: 1 fault (run `credpath validate` for the full report)");
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].find("more than 2 credentials, the limit") != std::string::npos);
}

TEST_CASE("catalog_source: a folder of catalogs is cached as one image") {
    TempDir dir("folder");
    dir.file("tree/one.yaml", test::catalog("  - {id: a, title: A}\n"));
    dir.file("tree/two.yaml", test::catalog("  - {id: b, title: B, requires: a}\n"));
    const fs::path cache = dir.path / "cache";
    CatalogSource source(settings_for({dir / "tree"}, cache.string()), {});
    CHECK(source.load_valid().catalog.files == Strings{dir / "tree/one.yaml", dir / "tree/two.yaml"});
    const CheckedCatalog hit = source.load_valid(CatalogScope{false, {"b"}, {}});
    CHECK(source.last_load().from_cache);
    CHECK(ids(hit.catalog) == Strings{"a", "b"});
    CHECK(hit.catalog.files == Strings{dir / "tree/one.yaml", dir / "tree/two.yaml"});
    CHECK(images_in(cache) == 1);
}

}  // namespace credpath
