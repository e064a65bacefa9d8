// Runs the command line in-process for the tests of tests/cli/: argv from a
// list of words, standard input, output and error redirected to files, the
// result file (-o) in a fresh scratch directory that is removed afterwards.
#pragma once

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "cli/run.hpp"
#include "test_support.hpp"

namespace credpath::cli::test {

namespace fs = std::filesystem;

// In an argument, stands for the run's scratch directory.
inline const std::string kDir = "@DIR@";
// The -o file of a run, in its scratch directory: `{"-o", kOut}`.
inline const std::string kOut = kDir + "/result";

// A path of the source tree, absolute (the tests may run anywhere).
inline std::string source_path(const std::string& relative) {
    return std::string(CREDPATH_SOURCE_DIR) + "/" + relative;
}
// The bundled catalogs of the source tree.
inline std::string catalogs() { return source_path("catalogs"); }

inline std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// A fresh directory under the system's temporary directory, named with the
// process id; removed with all it holds at the end of its scope.
struct Scratch {
    fs::path path;
    Scratch() {
        static std::atomic<int> count{0};
        path = fs::temp_directory_path() /
               ("credpath-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    std::string operator/(const std::string& name) const { return (path / name).string(); }
    // Every file in it (not below), by name, with its content.
    std::map<std::string, std::string> files() const {
        std::map<std::string, std::string> out;
        for (const auto& entry : fs::directory_iterator(path))
            out[entry.path().filename().string()] = entry.is_regular_file() ? read_text(entry.path()) : "";
        return out;
    }
};

// Points a file descriptor at a file for its lifetime (or, with `input`,
// reads it from one); text() is what was written to it.
class Redirect {
public:
    Redirect(int fd, const fs::path& file, bool input = false) : fd_(fd), file_(file) {
        flush();
        saved_ = ::dup(fd);
        const int target = input ? ::open(file.c_str(), O_RDONLY | O_CLOEXEC)
                                 : ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        REQUIRE(saved_ >= 0);
        REQUIRE(target >= 0);
        ::dup2(target, fd);
        ::close(target);
    }
    ~Redirect() { restore(); }
    Redirect(const Redirect&) = delete;
    Redirect& operator=(const Redirect&) = delete;
    void restore() {
        if (saved_ < 0) return;
        flush();
        ::dup2(saved_, fd_);
        ::close(saved_);
        saved_ = -1;
        if (fd_ == STDIN_FILENO) {
            std::clearerr(stdin);
            std::cin.clear();
        }
    }
    std::string text() const { return read_text(file_); }

private:
    static void flush() {
        std::cout.flush();
        std::cerr.flush();
        std::fflush(stdout);
        std::fflush(stderr);
    }
    int fd_;
    fs::path file_;
    int saved_ = -1;
};

// What a run of the command line did.
struct CliRun {
    int code = -1;
    bool wrote = false;                         // the -o file (kOut) exists after the run
    std::string output;                         // its content
    std::map<std::string, std::string> files;  // every file left in the scratch directory
    std::string out;                            // what went to standard output
    std::string err;                            // and to standard error
    nlohmann::json json() const { return nlohmann::json::parse(output); }
    // The other files left beside the result (temporaries would show here).
    std::vector<std::string> others() const {
        std::vector<std::string> names;
        for (const auto& [name, text] : files)
            if (name != "result") names.push_back(name);
        return names;
    }
};

struct CliInput {
    std::string stdin_text;                     // standard input (empty: nothing)
    std::map<std::string, std::string> files;  // files made in the scratch directory first
};

// Runs credpath::cli::run on `words` (argv, "credpath" first), with every
// "@DIR@" in them replaced by a fresh scratch directory.
inline CliRun run_cli(std::vector<std::string> words, const CliInput& input = {}) {
    const Scratch dir;
    const Scratch io;  // the redirected standard streams, apart from the results
    for (const auto& [name, text] : input.files) write_text(dir.path / name, text);
    for (std::string& word : words)
        for (std::size_t at = word.find(kDir); at != std::string::npos; at = word.find(kDir, at))
            word.replace(at, kDir.size(), dir.path.string());
    write_text(io.path / "stdin", input.stdin_text);

    std::vector<char*> argv;
    for (std::string& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);

    CliRun result;
    {
        Redirect in(STDIN_FILENO, io.path / "stdin", true);
        Redirect out(STDOUT_FILENO, io.path / "stdout");
        Redirect err(STDERR_FILENO, io.path / "stderr");
        result.code = credpath::cli::run(static_cast<int>(words.size()), argv.data());
        out.restore();
        err.restore();
        in.restore();
        result.out = out.text();
        result.err = err.text();
    }
    result.files = dir.files();
    if (auto found = result.files.find("result"); found != result.files.end()) {
        result.wrote = true;
        result.output = found->second;
    }
    return result;
}

// The lines of a text, without their ends.
inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The ids of a JSON array of objects (each "id"), or of a JSON array of strings.
inline std::vector<std::string> ids_of(const nlohmann::json& array) {
    std::vector<std::string> ids;
    for (const auto& item : array) ids.push_back(item.is_string() ? item.get<std::string>() : item.at("id").get<std::string>());
    return ids;
}

}  // namespace credpath::cli::test
