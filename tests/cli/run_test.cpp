// cli::run: the parse, the exit codes, the one catch that prints
// "credpath: error: ...", and the --output file kept or replaced whole.
#include "cli/run.hpp"

#include <fmt/format.h>
#include <regex>

#include "cli_support.hpp"
#include "credpath/model/exit_code.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::catalogs;
using test::kOut;
using test::run_cli;
using test::source_path;

const std::string kFooter =
    "Exit codes:\n"
    "  0   success\n"
    "  1   no feasible plan or catalog faults\n"
    "  2   could not answer\n"
    "See credpath(1) for the catalog and profile formats.";

// "x.y.z" of project(credpath VERSION x.y.z) in CMakeLists.txt.
std::string project_version() {
    const std::string text = test::read_text(source_path("CMakeLists.txt"));
    std::smatch match;
    REQUIRE(std::regex_search(text, match, std::regex(R"(project\(credpath VERSION ([0-9.]+))")));
    return match[1];
}

TEST_CASE("cli run: --help prints the usage, every subcommand and the exit codes, exit 0") {
    const test::CliRun run = run_cli({"credpath", "--help"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.out.find("credpath: plan stackable-credential pathways from YAML catalogs") == 0);
    for (const char* command : {"validate", "plan", "explain", "options", "show", "list", "stats", "graph", "diff",
                                "batch", "batch-merge"}) {
        CAPTURE(command);
        CHECK(run.out.find(fmt::format("\n  {} ", command)) != std::string::npos);
    }
    // The footer ends the help.
    REQUIRE(run.out.size() > kFooter.size());
    CHECK(run.out.substr(run.out.size() - kFooter.size() - 1) == kFooter + "\n");
}

TEST_CASE("cli run: the footer follows the exit-code table, without the interrupt codes") {
    const std::string out = run_cli({"credpath", "--help"}).out;
    for (const ExitCodeInfo& info : kExitCodes) {
        const std::string entry = fmt::format("  {:<3} {}\n", exit_code(info.code), info.meaning);
        CAPTURE(entry);
        const bool interrupt = info.code == ExitCode::Interrupted || info.code == ExitCode::Terminated;
        CHECK((out.find(entry) != std::string::npos) == !interrupt);
    }
    CHECK(exit_code(ExitCode::Success) == 0);
    CHECK(exit_code(ExitCode::NoAnswer) == 1);
    CHECK(exit_code(ExitCode::CannotAnswer) == 2);
    CHECK(exit_code(ExitCode::Interrupted) == 130);
    CHECK(exit_code(ExitCode::Terminated) == 143);
}

TEST_CASE("cli run: --version prints the project's version, exit 0") {
    const test::CliRun run = run_cli({"credpath", "--version"});
    CHECK(run.code == 0);
    CHECK(run.out == "credpath " + project_version() + "\n");
    CHECK(run.err.empty());
}

TEST_CASE("cli run: a subcommand's --help shows its options, exit 0, and writes no result") {
    const test::CliRun run = run_cli({"credpath", "plan", "--help", "-o", kOut});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    for (const char* option : {"--target", "--minimize", "--alternatives", "--pareto", "--hours-per-week", "--output"}) {
        CAPTURE(option);
        CHECK(run.out.find(option) != std::string::npos);
    }
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli run: every command's help fits 80 columns, groups its options and shows no parser types") {
    const std::vector<std::vector<std::string>> commands{
        {"credpath", "--help"},          {"credpath", "validate", "--help"}, {"credpath", "plan", "--help"},
        {"credpath", "explain", "--help"}, {"credpath", "options", "--help"}, {"credpath", "show", "--help"},
        {"credpath", "list", "--help"},  {"credpath", "stats", "--help"},    {"credpath", "import", "ctdl", "--help"},
        {"credpath", "export", "ctdl", "--help"}, {"credpath", "graph", "--help"}, {"credpath", "analyze", "--help"},
        {"credpath", "diff", "--help"},  {"credpath", "batch", "--help"},    {"credpath", "batch-merge", "--help"}};
    for (const auto& words : commands) {
        const test::CliRun run = run_cli(words);
        CAPTURE(words[1]);
        CHECK(run.code == 0);
        std::size_t start = 0;
        while (start < run.out.size()) {
            const std::size_t end = std::min(run.out.find('\n', start), run.out.size());
            const std::string line = run.out.substr(start, end - start);
            CAPTURE(line);
            CHECK(line.size() <= 80);
            start = end + 1;
        }
        // CLI11's annotations ("TEXT:FILE", "UINT:POSITIVE", "=300", "Excludes:") never show.
        for (const char* annotation : {"TEXT", "FLOAT", "UINT", ":POSITIVE", "Excludes:", "Needs:", "=text"}) {
            CAPTURE(annotation);
            CHECK(run.out.find(annotation) == std::string::npos);
        }
        if (words[1] == "--help") continue;
        // A command's own help: its examples, and no exit-code footer.
        CHECK(run.out.find("\nExamples:\n  credpath ") != std::string::npos);
        CHECK(run.out.find("Exit codes:") == std::string::npos);
    }
}

TEST_CASE("cli run: plan's help shows its options in groups, values by name and defaults") {
    const std::string out = run_cli({"credpath", "plan", "--help"}).out;
    std::size_t at = 0;
    for (const char* heading : {"\nOptions:\n", "\nGoal:\n", "\nLearner:\n", "\nSchedule:\n", "\nOutput:\n",
                                "\nCatalog:\n", "\nLimits:\n", "\nExamples:\n"}) {
        CAPTURE(heading);
        const std::size_t found = out.find(heading, at);
        CHECK(found != std::string::npos);
        if (found != std::string::npos) at = found;
    }
    CHECK(out.find("  -t, --target ID  ") != std::string::npos);
    CHECK(out.find("  --pareto  ") != std::string::npos);  // a flag takes no value
    CHECK(out.find("Output format: text, json, csv, markdown, dot, html,") != std::string::npos);
    CHECK(out.find("(default: 300)") != std::string::npos);
}

TEST_CASE("cli run: no subcommand, or an unknown one, is a usage fault: exit 2") {
    const std::string commands =
        "validate, plan, explain, options, show, list, stats, import, export, graph, analyze, diff, batch, batch-merge, "
        "completion";
    const test::CliRun none = run_cli({"credpath"});
    CHECK(none.code == 2);
    CHECK(none.out.empty());
    CHECK(none.err == "credpath: error: credpath needs a command: " + commands +
                          "\nRun with --help for more information.\n");
    const test::CliRun unknown = run_cli({"credpath", "frobnicate"});
    CHECK(unknown.code == 2);
    CHECK(unknown.err == "credpath: error: unknown command 'frobnicate'; credpath has " + commands +
                             "\nRun with --help for more information.\n");
    // A slip gets the command it was near, in the project's own words.
    const test::CliRun near = run_cli({"credpath", "plna"});
    CHECK(near.err.starts_with("credpath: error: unknown command 'plna' (did you mean 'plan'?); credpath has "));
    const test::CliRun nested = run_cli({"credpath", "import", "ctld", "x.json"});
    CHECK(nested.err.starts_with("credpath: error: unknown command 'ctld' (did you mean 'ctdl'?); credpath import "
                                 "has ctdl\n"));
}

TEST_CASE("cli run: a misspelled option or value gets a suggestion") {
    const test::CliRun option = run_cli({"credpath", "plan", "-c", catalogs(), "-t", "dai-cert-ml", "--minimise",
                                         "cost", "--no-cache"});
    CHECK(option.code == 2);
    CHECK(option.err.starts_with(
        "credpath: error: unknown option '--minimise' for `credpath plan` (did you mean '--minimize'?)\n"));
    const test::CliRun value = run_cli({"credpath", "plan", "-c", catalogs(), "-t", "dai-cert-ml", "--format", "jsno"});
    CHECK(value.err.starts_with("credpath: error: --format: unknown value 'jsno' (did you mean 'json'?); one of text, "
                                "json, csv, markdown, dot, html, ctdl, ics\n"));
    const test::CliRun extra = run_cli({"credpath", "validate", "-c", catalogs(), "surplus"});
    CHECK(extra.err.starts_with("credpath: error: unexpected argument for `credpath validate`: surplus\n"));
}

TEST_CASE("cli run: an unknown option is a usage fault: exit 2, nothing written") {
    const test::CliRun run = run_cli({"credpath", "plan", "-c", catalogs(), "-t", "dai-cert-ml", "--frobnicate",
                                      "--as-of", "2026-06-01", "--no-cache", "-o", kOut});
    CHECK(run.code == 2);
    CHECK(run.out.empty());
    CHECK(run.err ==
          "credpath: error: unknown option '--frobnicate' for `credpath plan`\n"
          "Run with --help for more information.\n");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli run: a value an option's check turns away is a usage fault: exit 2") {
    const test::CliRun run = run_cli({"credpath", "plan", "--minimize", "speed", "-t", "x"});
    CHECK(run.code == 2);
    CHECK(run.err ==
          "credpath: error: --minimize: unknown value 'speed'; one of cost, hours, count, weeks\nRun with --help for more information.\n");
}

TEST_CASE("cli run: an InputError gives one \"credpath: error:\" line per fault, exit 2") {
    const test::CliRun run =
        run_cli({"credpath", "plan", "-c", catalogs(), "-t", "dai-cert-ml", "--have", "dai-pyhton-basics,nope",
                 "--as-of", "2026-06-01", "--no-cache", "-o", kOut});
    CHECK(run.code == 2);
    CHECK(run.err ==
          "credpath: error: --have: unknown credential 'dai-pyhton-basics'\n"
          "credpath: error: --have: unknown credential 'nope'\n");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli run: an invalid catalog prints its error diagnostics, then the one summary line") {
    const test::CliRun run = run_cli({"credpath", "plan", "-c", source_path("tests/cli/fixtures/broken"), "-t",
                                      "good-a", "--as-of", "2026-06-01", "--no-cache", "-o", kOut});
    CHECK(run.code == 2);
    const std::vector<std::string> lines = test::lines_of(run.err);
    REQUIRE(lines.size() == 27);
    CHECK(lines.front() == source_path("tests/cli/fixtures/broken/faults.yaml") +
                               ":1:9: error: format is 'credpath/2'; this tool reads `format: credpath/1`");
    CHECK(lines.back() ==
          "credpath: error: invalid catalog: 26 faults (run `credpath validate` for the full report)");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli run: a failed command leaves an existing --output file as it was, with no temporary beside it") {
    test::CliInput input;
    input.files["result"] = "the old answer\n";
    const test::CliRun run = run_cli(
        {"credpath", "plan", "-c", catalogs(), "-t", "dai-cert-mll", "--as-of", "2026-06-01", "--no-cache", "-o", kOut},
        input);
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: -t: unknown credential 'dai-cert-mll' (did you mean 'dai-cert-ml'?)\n");
    CHECK(run.output == "the old answer\n");
    CHECK(run.others().empty());
}

TEST_CASE("cli run: a negative answer (exit 1) is still written to --output") {
    test::CliInput input;
    input.files["result"] = "the old answer\n";
    const test::CliRun run = run_cli({"credpath", "plan", "-c", catalogs(), "-t", "dai-cert-ml", "--max-cost", "1000",
                                      "--as-of", "2026-11-28", "--format", "json", "--no-cache", "-o", kOut},
                                     input);
    CHECK(run.code == 1);
    CHECK(run.out.empty());
    REQUIRE(run.wrote);
    const nlohmann::json json = run.json();
    CHECK(json["feasible"] == false);
    CHECK(json["reason"] == "no plan meets the limits: the cheapest plan costs 4,900 USD, 3,900 over --max-cost 1000");
    CHECK(run.others().empty());
}

TEST_CASE("cli run: -o - and no -o write the result to standard output") {
    for (const bool dash : {true, false}) {
        CAPTURE(dash);
        std::vector<std::string> words{"credpath", "plan",     "-c",     catalogs(), "-t", "dai-cert-ml", "--as-of",
                                       "2026-11-28", "--format", "json", "--no-cache"};
        if (dash) words.insert(words.end(), {"-o", "-"});
        const test::CliRun run = run_cli(words);
        CHECK(run.code == 0);
        CHECK(run.files.empty());
        const nlohmann::json json = nlohmann::json::parse(run.out);
        CHECK(json["totals"]["cost"] == 4900);
        CHECK(run.err.empty());
    }
}

TEST_CASE("cli run: each run starts from its own options: nothing carries over from the run before") {
    const std::vector<std::string> base{"credpath", "plan",     "-c",     catalogs(), "-t",         "dai-cert-ml",
                                        "--as-of",  "2026-11-28", "--format", "json",     "--no-cache", "-o",
                                        kOut};
    std::vector<std::string> with_have = base;
    with_have.insert(with_have.end(), {"--have", "dai-py-fund-ncc", "--minimize", "weeks"});
    const test::CliRun first = run_cli(with_have);
    REQUIRE(first.code == 0);
    CHECK(first.json()["held"] == nlohmann::json::array({"dai-py-fund-ncc"}));
    CHECK(first.json()["objective"] == "weeks");
    const test::CliRun second = run_cli(base);
    REQUIRE(second.code == 0);
    CHECK(second.json()["held"] == nlohmann::json::array());
    CHECK(second.json()["objective"] == "cost");
    CHECK(second.json()["totals"]["cost"] == 4900);
}

}  // namespace
}  // namespace credpath::cli
