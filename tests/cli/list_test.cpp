// credpath list, in-process: one row per credential, filtered.
#include <algorithm>

#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::ids_of;
using test::kOut;
using test::source_path;

test::CliRun list(std::vector<std::string> more) {
    std::vector<std::string> words{"credpath", "list", "-c", test::catalogs(), "--no-cache", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words);
}

TEST_CASE("cli list: --tag and --skill as JSON with a profile: exit 0") {
    const test::CliRun run = list({"--tag", "data", "--skill", "machine-learning", "--profile",
                                   source_path("tests/cli/fixtures/profile-health.yaml"), "--as-of", "2026-11-28",
                                   "--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.others().empty());
    const nlohmann::json json = run.json();
    CHECK(json["format"] == "credpath-list/1");
    CHECK(json["count"] == 2);
    CHECK(json["of"] == 173);
    CHECK(json["learner"]["name"] == "Jordan Rivera");
    CHECK(ids_of(json["credentials"]) == std::vector<std::string>{"dai-ml-fast", "dai-ml-fund"});
    CHECK(json["credentials"][0]["cost"] == 1490);
    CHECK(json["credentials"][0]["status"] == "not held");
}

TEST_CASE("cli list: every credential without a filter") {
    const test::CliRun run = list({"--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.json()["count"] == 173);
    CHECK(run.json()["credentials"].size() == 173);
}

TEST_CASE("cli list: query words and kinds as csv") {
    const test::CliRun run = list({"python", "--kind", "microcredential,badge", "--format", "csv"});
    CHECK(run.code == 0);
    const std::vector<std::string> lines = test::lines_of(run.output);
    REQUIRE(lines.size() == 8);
    CHECK(lines[0] == "id,title,kind,provider,level,cost,hours,weeks,credits,tags,skills,status");
    CHECK(lines[1] == "dai-py-basics,Python Essentials,badge,Open Skills Academy,4,0,20,4,1,data;programming;"
                      "dai-foundation,python,");
}

TEST_CASE("cli list: --tag takes one value, the next word is a query word") {
    const test::CliRun tagged = list({"--tag", "data", "--format", "json"});
    const test::CliRun with_word = list({"--tag", "data", "python", "--format", "json"});
    CHECK(tagged.code == 0);
    CHECK(with_word.code == 0);
    CHECK(with_word.json()["count"] < tagged.json()["count"]);
    const nlohmann::json with_word_json = with_word.json();
    for (const auto& credential : with_word_json["credentials"]) {
        CAPTURE(credential["id"]);
        CHECK(credential["tags"].dump().find("data") != std::string::npos);
    }
}

TEST_CASE("cli list: --level range, --max-fee, --provider and --kind together (text)") {
    const test::CliRun run = list({"--kind", "certificate,diploma", "--level", "5-6", "--max-fee", "400",
                                   "--provider", "college", "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    REQUIRE(json["count"] > 0);
    for (const auto& credential : json["credentials"]) {
        CAPTURE(credential["id"]);
        CHECK(credential["cost"] <= 400);
        CHECK(credential["level"] >= 5);
        CHECK(credential["level"] <= 6);
        CHECK((credential["kind"] == "certificate" || credential["kind"] == "diploma"));
    }
}

TEST_CASE("cli list: --max-cost keeps what the learner can reach for at most that, as plan prices it") {
    const std::vector<std::string> learner{"--have", "dai-py-basics,dai-sql-basics", "--as-of", "2026-11-28"};
    std::vector<std::string> args{"--max-cost", "1500", "--kind", "certificate", "--format", "json"};
    args.insert(args.end(), learner.begin(), learner.end());
    const test::CliRun run = list(args);
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    REQUIRE(json["count"] > 0);
    std::vector<std::string> kept;
    for (const auto& credential : json["credentials"]) {
        const std::string id = credential["id"];
        CAPTURE(id);
        kept.push_back(id);
        CHECK(credential["reach_cost"] <= 1500);
        std::vector<std::string> plan_args{"credpath", "plan", "-c", test::catalogs(), "--no-cache", "-o", kOut,
                                           "-t", id, "--format", "json"};
        plan_args.insert(plan_args.end(), learner.begin(), learner.end());
        const nlohmann::json plan = test::run_cli(plan_args).json();
        CHECK(plan["totals"]["cost"] == credential["reach_cost"]);
    }
    // Every other certificate costs more to reach (or cannot be reached).
    std::vector<std::string> all_args{"--kind", "certificate", "--ids"};
    for (const std::string& id : test::lines_of(list(all_args).output)) {
        if (std::find(kept.begin(), kept.end(), id) != kept.end()) continue;
        CAPTURE(id);
        std::vector<std::string> plan_args{"credpath", "plan", "-c", test::catalogs(), "--no-cache", "-o", kOut,
                                           "-t", id, "--format", "json"};
        plan_args.insert(plan_args.end(), learner.begin(), learner.end());
        const nlohmann::json plan = test::run_cli(plan_args).json();
        CHECK((plan["feasible"] == false || plan["totals"]["cost"] > 1500));
    }
    // A fee filter is another question: a credential's own cost.
    const nlohmann::json fees = list({"--max-fee", "100", "--kind", "certificate", "--format", "json"}).json();
    for (const auto& credential : fees["credentials"]) CHECK(credential["cost"] <= 100);
    CHECK_FALSE(fees["credentials"].empty());
    CHECK_FALSE(fees["credentials"][0].contains("reach_cost"));
}

TEST_CASE("cli list: a bad --level, an unknown kind, tag or skill: exit 2, nothing written") {
    const test::CliRun level = list({"--level", "7-5"});
    CHECK(level.code == 2);
    CHECK(level.err == "credpath: error: --level '7-5' is not a level 1..8 or a range such as 5-7\n");
    CHECK_FALSE(level.wrote);
    CHECK(level.files.empty());
    const test::CliRun kind = list({"--kind", "certficate,badge"});
    CHECK(kind.code == 2);
    CHECK(kind.err == "credpath: error: --kind: unknown kind 'certficate' (did you mean 'certificate'? one of "
                      "microcredential, certificate, diploma, degree, badge, license, course)\n");
    const test::CliRun names = list({"--skill", "pyton", "--tag", "helthcare"});
    CHECK(names.code == 2);
    CHECK(names.err ==
          "credpath: error: --tag: no credential has the tag 'helthcare' (did you mean 'healthcare'?)\n"
          "credpath: error: --skill: no credential has the skill 'pyton' (did you mean 'python'?)\n");
    CHECK_FALSE(names.wrote);
}

TEST_CASE("cli list: --max-cost must be a number of 0 or more: exit 2") {
    const test::CliRun run = list({"--max-cost", "-5"});
    CHECK(run.code == 2);
    CHECK(run.err ==
          "credpath: error: --max-cost: must be a number of 0 or more, not '-5'\nRun with --help for more information.\n");
}

TEST_CASE("cli list: --ids prints the ids alone, sorted, with the filters; nothing matched is exit 1") {
    const test::CliRun run = test::run_cli({"credpath", "list", "-c", source_path("tests/data/exclusions/antirequisites.yaml"),
                                            "--no-cache", "--ids", "-o", kOut});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.output == "calc-1\ncalc-applied\ndata-ethics\nmath-pair\nquant-minor\nstats-101\nstats-bridge\n"
                        "stats-fast\n");
    const test::CliRun filtered = list({"--ids", "sql", "--kind", "microcredential"});
    CHECK(filtered.code == 0);
    CHECK(filtered.output == "dai-sql-analytics\neu-sql\nhc-clinical-data\npm-ba-data\n");
    const test::CliRun none = list({"--ids", "no-such-word"});
    CHECK(none.code == 1);
    CHECK(none.wrote);
    CHECK(none.output.empty());
    CHECK(none.err.empty());
}

TEST_CASE("cli list: --ids with --format is a usage fault") {
    const test::CliRun run = list({"--ids", "--format", "csv"});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: --format excludes --ids\nRun with --help for more information.\n");
    CHECK_FALSE(run.wrote);
}

}  // namespace
}  // namespace credpath::cli
