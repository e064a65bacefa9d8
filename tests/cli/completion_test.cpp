// credpath completion, in-process: the scripts hold what the parser holds.
// The shells themselves drive them in tests/completion/ (CTest completion-*).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli_support.hpp"
#include "credpath/report/format.hpp"

namespace credpath::cli {
namespace {

std::string script(const std::string& shell) {
    const test::CliRun run = test::run_cli({"credpath", "completion", shell});
    REQUIRE(run.code == 0);
    CHECK(run.err.empty());
    return run.out;
}

// The names of the formats as one shell word each: 'text' 'json'...
std::string quoted_formats(const std::vector<Format>& formats, std::string_view between) {
    std::string out;
    for (Format format : formats) out += fmt::format("{}'{}'", out.empty() ? "" : between, to_string(format));
    return out;
}

TEST_CASE("cli completion: each command's --format values are its formats from the one table") {
    const std::string bash = script("bash");
    const std::string zsh = script("zsh");
    const std::string fish = script("fish");
    const std::pair<std::string, const std::vector<Format>*> commands[] = {
        {"plan", &formats::plan},       {"validate", &formats::validate}, {"explain", &formats::explain},
        {"options", &formats::options}, {"show", &formats::show},         {"list", &formats::list},
        {"stats", &formats::stats},     {"graph", &formats::graph},       {"diff", &formats::diff},
        {"analyze", &formats::analyze},
    };
    for (const auto& entry : commands) {
        // Named copies: clang 14 cannot capture structured bindings (CAPTURE is a lambda).
        const std::string& command = entry.first;
        const std::vector<Format>* formats = entry.second;
        CAPTURE(command);
        // bash: one case arm per set of values, naming every option that has it.
        const std::size_t arm = bash.find(fmt::format("'{}|--format'", command));
        REQUIRE(arm != std::string::npos);
        const std::size_t body = bash.find(") ", arm);
        CHECK(bash.substr(body, bash.find(" ;;", body) - body) ==
              fmt::format(") _credpath_k=choices _credpath_r=({})", quoted_formats(*formats, " ")));
        std::vector<std::string> names;
        for (Format format : *formats) names.emplace_back(to_string(format));
        const std::string words = fmt::format("{}", fmt::join(names, " "));
        // zsh: the function of the command; fish: the line of its option.
        const std::size_t function = zsh.find(fmt::format("_credpath_cmd_{}() {{", command));
        REQUIRE(function != std::string::npos);
        CHECK(zsh.find(fmt::format("--format=[Output format]:format:({})'", words), function) <
              zsh.find("\n}\n", function));
        CHECK(fish.find(fmt::format("complete -c credpath -n '__credpath_using \\'{}\\'' -l format -d 'Output format' "
                                    "-x -a '{}'\n",
                                    command, words)) != std::string::npos);
    }
}

TEST_CASE("cli completion: every command and subcommand is offered") {
    const std::string bash = script("bash");
    CHECK(bash.find("'') _credpath_r=('validate' 'plan' 'explain' 'options' 'show' 'list' 'stats' 'import' 'export' "
                    "'graph' 'analyze' 'diff' 'batch' 'batch-merge' 'completion') ;;") != std::string::npos);
    CHECK(bash.find("'import'|'export') _credpath_r=('ctdl') ;;") != std::string::npos);
    CHECK(bash.rfind("complete -F _credpath credpath\n") == bash.size() - 31);
    const std::string zsh = script("zsh");
    CHECK(zsh.rfind("#compdef credpath\n", 0) == 0);
    CHECK(zsh.find("_credpath_cmd_import_ctdl() {") != std::string::npos);
    const std::string fish = script("fish");
    CHECK(fish.find("complete -c credpath -n '__credpath_using \\'import\\'' -a 'ctdl'") != std::string::npos);
}

TEST_CASE("cli completion: an unknown shell is a usage fault that names the shells") {
    const test::CliRun run = test::run_cli({"credpath", "completion", "fsh"});
    CHECK(run.code == 2);
    CHECK(run.out.empty());
    CHECK(run.err ==
          "credpath: error: SHELL: unknown value 'fsh' (did you mean 'fish'?); one of bash, zsh, fish\n"
          "Run with --help for more information.\n");
    const test::CliRun none = test::run_cli({"credpath", "completion"});
    CHECK(none.code == 2);
    CHECK(none.err == "credpath: error: SHELL is required\nRun with --help for more information.\n");
}

}  // namespace
}  // namespace credpath::cli
