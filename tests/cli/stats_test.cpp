// credpath stats, in-process: what a catalog holds, counted.
#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::kOut;
using test::source_path;

test::CliRun stats(std::vector<std::string> more) {
    std::vector<std::string> words{"credpath", "stats", "--no-cache", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words);
}

TEST_CASE("cli stats: the bundled catalogs as JSON, with a profile: exit 0") {
    const test::CliRun run = stats({"-c", test::catalogs(), "--profile",
                                    source_path("tests/cli/fixtures/profile-health.yaml"), "--as-of", "2026-11-28",
                                    "--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.others().empty());
    const nlohmann::json json = run.json();
    CHECK(json["format"] == "credpath-stats/1");
    CHECK(json["totals"] == nlohmann::json{{"credentials", 173},
                                           {"files", 5},
                                           {"providers", 30},
                                           {"skills", 199},
                                           {"tags", 57},
                                           {"with_requirements", 110}});
    CHECK(json["learner"]["name"] == "Jordan Rivera");
    CHECK(json["by_kind"] == nlohmann::json{{"microcredential", 90}, {"certificate", 35}, {"diploma", 2},
                                            {"degree", 4},           {"badge", 23},       {"license", 2},
                                            {"course", 17}});
    CHECK(json["by_file"][0] == nlohmann::json{{"file", test::catalogs() + "/data-ai.yaml"}, {"count", 40}});
    CHECK(json["by_provider"][0] == nlohmann::json{{"provider", "Open Skills Academy"}, {"count", 16}});
    CHECK(json["rule_kinds"]["ref"] == 110);
    CHECK(json["longest_chain"]["length"] == 10);
    CHECK(json["longest_chain"]["credentials"][0] == "net-hwt-core1");
    CHECK(json["most_required"][0] ==
          nlohmann::json{{"id", "pm-agile-fund"}, {"title", "Agile Foundations"}, {"dependents", 9}});
}

TEST_CASE("cli stats: text of the bundled catalogs") {
    const test::CliRun run = stats({"-c", test::catalogs()});
    CHECK(run.code == 0);
    const std::vector<std::string> lines = test::lines_of(run.output);
    REQUIRE(lines.size() > 6);
    CHECK(lines[0] == "173 credentials in 5 files; 110 with requirements");
    CHECK(lines[1] == "30 providers, 199 skills, 57 tags; cost in USD, credits in ECTS");
    CHECK(lines[3] == "By kind:");
    CHECK(lines[4] == "  microcredential  90");
}

TEST_CASE("cli stats: one file of a catalog") {
    const test::CliRun run = stats({"-c", source_path("tests/data/tree"), "--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.json()["totals"]["credentials"] == 3);
    CHECK(run.json()["totals"]["files"] == 3);
    CHECK(run.json()["totals"]["with_requirements"] == 2);
}

TEST_CASE("cli stats: an invalid catalog: exit 2, nothing written") {
    const test::CliRun run = stats({"-c", source_path("tests/cli/fixtures/broken")});
    CHECK(run.code == 2);
    CHECK(test::lines_of(run.err).back() ==
          "credpath: error: invalid catalog: 26 faults (run `credpath validate` for the full report)");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli stats: an unknown --have, a bad date: exit 2") {
    const test::CliRun have = stats({"-c", test::catalogs(), "--have", "pm-fnd"});
    CHECK(have.code == 2);
    CHECK(have.err == "credpath: error: --have: unknown credential 'pm-fnd' (did you mean 'pm-fund'?)\n");
    CHECK_FALSE(have.wrote);
    const test::CliRun date = stats({"-c", test::catalogs(), "--as-of", "2026-00-10"});
    CHECK(date.code == 2);
    CHECK(date.err == "credpath: error: --as-of '2026-00-10' is not a day: month 0 does not exist\n");
}

}  // namespace
}  // namespace credpath::cli
