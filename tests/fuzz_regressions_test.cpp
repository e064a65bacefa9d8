// Every input the fuzzers ever failed on (fuzz/regressions/<target>/), and
// every seed of fuzz/seeds.txt, through its fuzz target: in every build, so a
// fixed finding stays fixed without clang. A target aborts on a finding, so a
// regression fails this test binary loudly.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "fuzz_targets.hpp"

namespace credpath {

namespace {

namespace fs = std::filesystem;

const fs::path source_dir = CREDPATH_SOURCE_DIR;

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fuzz::Target target_named(std::string_view name) {
    for (const auto& target : fuzz::targets())
        if (target.name == name) return target.run;
    return nullptr;
}

// Files below `dir` whose names end with `suffix` (all when empty), sorted.
std::vector<fs::path> files_below(const fs::path& dir, const std::string& suffix) {
    std::vector<fs::path> out;
    if (!fs::is_directory(dir)) return out;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.size() >= suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 && name != "README.md")
            out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

void run_file(fuzz::Target run, const fs::path& path) {
    const std::string data = read_bytes(path);
    INFO(path.string());
    run(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
}

}  // namespace

TEST_CASE("fuzz regressions: every input a fuzzer failed on passes its target") {
    std::size_t count = 0;
    for (const auto& target : fuzz::targets()) {
        for (const fs::path& path : files_below(source_dir / "fuzz" / "regressions" / std::string(target.name), "")) {
            run_file(target.run, path);
            ++count;
        }
    }
    MESSAGE(count << " regression inputs");
    CHECK(fuzz::targets().size() == 6);
}

TEST_CASE("fuzz seeds: the seed corpora of fuzz/seeds.txt pass their targets") {
    std::ifstream list(source_dir / "fuzz" / "seeds.txt");
    REQUIRE(list);
    std::string line;
    std::size_t count = 0;
    while (std::getline(list, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string name, dir, suffix;
        words >> name >> dir >> suffix;
        const fuzz::Target run = target_named(name);
        INFO(line);
        REQUIRE(static_cast<bool>(run));
        const auto files = files_below(source_dir / dir, suffix);
        CHECK(!files.empty());
        for (const fs::path& path : files) run_file(run, path);
        count += files.size();
    }
    CHECK(count > 20);
}

TEST_CASE("fuzz targets: empty and tiny inputs") {
    for (const auto& target : fuzz::targets()) {
        INFO(target.name);
        target.run(nullptr, 0);
        const std::uint8_t one[] = {'{'};
        target.run(one, 1);
    }
}

}  // namespace credpath
