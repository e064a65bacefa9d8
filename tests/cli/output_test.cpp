#include "cli/output.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "credpath/model/diagnostic.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

namespace fs = std::filesystem;

struct TempDir {
    fs::path path;
    TempDir() {
        static std::atomic<int> count{0};
        path = fs::temp_directory_path() /
               fs::path("credpath-output-test-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
    // Every name in the directory, sorted.
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& entry : fs::directory_iterator(path)) out.push_back(entry.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }
};

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

unsigned mode_of(const std::string& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const InputError& error) {
        return error.message;
    }
    return "";
}

TEST_CASE("output: the target appears only at commit, with 0666 less the umask") {
    TempDir dir;
    const std::string target = dir / "out.txt";
    const mode_t mask = ::umask(027);
    {
        OutputFile file;
        file.open(target);
        file.write("one\n");
        file.write("two\n");
        CHECK_FALSE(fs::exists(target));
        REQUIRE(dir.names().size() == 1);
        CHECK(dir.names()[0].rfind(".out.txt.credpath-", 0) == 0);
        file.commit();
    }
    ::umask(mask);
    CHECK(read(target) == "one\ntwo\n");
    CHECK(mode_of(target) == 0640);
    CHECK(dir.names() == std::vector<std::string>{"out.txt"});
}

TEST_CASE("output: a replaced file keeps its permission bits; a discarded run leaves it as it was") {
    TempDir dir;
    const std::string target = dir / "out.txt";
    write(target, "old\n");
    ::chmod(target.c_str(), 0604);
    {
        OutputFile file;
        file.open(target);
        file.write("new\n");
        // Not committed: the destructor removes the temporary.
    }
    CHECK(read(target) == "old\n");
    CHECK(dir.names() == std::vector<std::string>{"out.txt"});
    OutputFile file;
    file.open(target);
    file.write("new\n");
    file.commit();
    CHECK(read(target) == "new\n");
    CHECK(mode_of(target) == 0604);
    OutputFile again;
    again.open(target);
    again.write("newer\n");
    again.discard();
    CHECK(read(target) == "new\n");
    CHECK(dir.names() == std::vector<std::string>{"out.txt"});
}

TEST_CASE("output: a symbolic link stays and its target is replaced, also through a relative chain") {
    TempDir dir;
    fs::create_directories(dir.path / "real");
    write(dir / "real/data.txt", "old\n");
    fs::create_symlink("real/data.txt", dir.path / "hop");
    fs::create_symlink("hop", dir.path / "link");
    CHECK(follow_symlinks(dir / "link") == (dir.path / "real/data.txt").string());
    OutputFile file;
    file.open(dir / "link");
    file.write("new\n");
    file.commit();
    CHECK(fs::is_symlink(dir.path / "link"));
    CHECK(fs::is_symlink(dir.path / "hop"));
    CHECK(read(dir / "real/data.txt") == "new\n");
    CHECK(fs::directory_iterator(dir.path / "real")->path().filename() == "data.txt");
}

TEST_CASE("output: a dangling link gets the file it points to") {
    TempDir dir;
    fs::create_symlink("made.txt", dir.path / "link");
    OutputFile file;
    file.open(dir / "link");
    file.write("x");
    file.commit();
    CHECK(fs::is_symlink(dir.path / "link"));
    CHECK(read(dir / "made.txt") == "x");
}

TEST_CASE("output: what cannot be written is named, and leaves nothing behind") {
    TempDir dir;
    OutputFile file;
    CHECK(error_of([&] { file.open(dir / "missing/out.txt"); }) ==
          "cannot write '" + dir / "missing/out.txt" + "': No such file or directory");
    CHECK_FALSE(file.is_open());
    CHECK(error_of([&] { file.open(dir.path.string()); }) ==
          "cannot write '" + dir.path.string() + "': Is a directory");
    if (::geteuid() != 0) {  // root writes anywhere
        fs::create_directories(dir.path / "locked");
        ::chmod((dir.path / "locked").c_str(), 0555);
        CHECK(error_of([&] { file.open(dir / "locked/out.txt"); }) ==
              "cannot write '" + dir / "locked/out.txt" + "': Permission denied");
        ::chmod((dir.path / "locked").c_str(), 0755);
        // A write-protected file is not replaced, as with `> FILE`.
        write(dir / "protected.txt", "old\n");
        ::chmod((dir.path / "protected.txt").c_str(), 0444);
        CHECK(error_of([&] { file.open(dir / "protected.txt"); }) ==
              "cannot write '" + dir / "protected.txt" + "': Permission denied");
        CHECK(read(dir / "protected.txt") == "old\n");
    }
    for (const std::string& name : dir.names()) CHECK(name.find(".credpath-") == std::string::npos);
}

TEST_CASE("output: a full disk is an error naming the file, and the temporary goes") {
    if (!fs::exists("/dev/full")) return;
    TempDir dir;
    // /dev/full is no regular file, so it is written in place: every write fails with ENOSPC.
    OutputFile file;
    file.open("/dev/full");
    CHECK(error_of([&] { file.write("x"); }) == "cannot write '/dev/full': No space left on device");
    CHECK_FALSE(file.is_open());
}

TEST_CASE("output: keep_partial renames what was written to TARGET.partial; the target is untouched") {
    TempDir dir;
    const std::string target = dir / "out.jsonl";
    write(target, "old\n");
    OutputFile file;
    file.open(target);
    file.write("{\"line\":1}\n");
    CHECK(file.keep_partial() == target + ".partial");
    CHECK(read(target) == "old\n");
    CHECK(read(target + ".partial") == "{\"line\":1}\n");
    CHECK(dir.names() == std::vector<std::string>{"out.jsonl", "out.jsonl.partial"});
    file.commit();  // nothing left to commit
    CHECK(read(target) == "old\n");
    OutputFile empty;
    empty.open(target);
    CHECK(empty.keep_partial() == "");  // nothing written: no partial file, no temporary
    CHECK(dir.names() == std::vector<std::string>{"out.jsonl", "out.jsonl.partial"});
}

TEST_CASE("output: abandon keeps the partial file or removes the temporary") {
    TempDir dir;
    {
        OutputFile file;
        file.open(dir / "a");
        file.write("whole\n");
        CHECK(file.abandon(true) == dir / "a.partial");
    }
    {
        OutputFile file;
        file.open(dir / "b");
        file.write("whole\n");
        CHECK(file.abandon(false) == "");
    }
    CHECK(dir.names() == std::vector<std::string>{"a.partial"});
}

TEST_CASE("output: an input is never overwritten, whatever the path that names it") {
    TempDir dir;
    write(dir / "catalog.yaml", "x");
    fs::create_symlink("catalog.yaml", dir.path / "link.yaml");
    fs::create_hard_link(dir.path / "catalog.yaml", dir.path / "hard.yaml");
    const std::vector<std::string> inputs{dir / "missing.yaml", dir / "catalog.yaml"};
    const std::string refused = "refusing to overwrite input file '" + dir / "catalog.yaml" + "' with --output";
    CHECK(error_of([&] { refuse_input_overwrite(dir / "catalog.yaml", inputs); }) == refused);
    CHECK(error_of([&] { refuse_input_overwrite(dir / "link.yaml", inputs); }) == refused);
    CHECK(error_of([&] { refuse_input_overwrite(dir / "hard.yaml", inputs); }) == refused);
    CHECK(error_of([&] { refuse_input_overwrite(dir.path.string() + "/./catalog.yaml", inputs); }) == refused);
    CHECK(error_of([&] { refuse_input_overwrite(dir / "catalog.yaml", inputs, "--summary-file"); })
              .ends_with("with --summary-file"));
    CHECK(error_of([&] { refuse_input_overwrite(dir / "new.json", inputs); }) == "");
    CHECK(error_of([&] { refuse_input_overwrite("-", inputs); }) == "");
}

TEST_CASE("output: same_file sees through links and spellings, also for files still to be made") {
    TempDir dir;
    write(dir / "a", "x");
    fs::create_symlink("a", dir.path / "to-a");
    fs::create_symlink("new", dir.path / "to-new");
    CHECK(same_file(dir / "a", dir / "to-a"));
    CHECK(same_file(dir / "new", dir / "to-new"));
    CHECK(same_file(dir / "new", dir.path.string() + "/x/../new"));
    CHECK_FALSE(same_file(dir / "a", dir / "new"));
}

}  // namespace
}  // namespace credpath::cli
