// credpath options, in-process: every qualification the learner could reach,
// with its cheapest and fastest plan, and what they can start today. (Kinds
// with few credentials keep the solves short.)
#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::ids_of;
using test::kOut;
using test::source_path;

test::CliRun options(std::vector<std::string> more) {
    std::vector<std::string> words{"credpath", "options", "-c", test::catalogs(), "--as-of", "2026-11-28",
                                   "--no-cache", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words);
}

TEST_CASE("cli options: JSON with a profile, diplomas sorted by weeks: exit 0") {
    const test::CliRun run = options({"--profile", source_path("tests/cli/fixtures/profile-health.yaml"), "--kind",
                                      "diploma", "--sort", "weeks", "--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.others().empty());
    const nlohmann::json json = run.json();
    CHECK(json["format"] == "credpath-options/1");
    CHECK(json["kinds"] == nlohmann::json::array({"diploma"}));
    CHECK(json["sort"] == "weeks");
    CHECK(json["limits"] == nlohmann::json::object());
    CHECK(json["as_of"] == "2026-11-28");
    CHECK(json["learner"] == "Jordan Rivera");
    CHECK(json["held"] == nlohmann::json::array({"dai-py-basics", "hc-ehr-fund"}));
    CHECK(json["candidates"] == 2);
    CHECK(json["unreachable"] == 0);
    CHECK(json["optimal"] == true);
    CHECK(ids_of(json["options"]) == std::vector<std::string>{"hc-diploma", "pm-diploma"});
    const nlohmann::json& first = json["options"][0];
    CHECK(first["progress"] == 0.071);
    CHECK(first["held_used"] == nlohmann::json::array({"hc-ehr-fund"}));
    CHECK(first["cheapest"]["totals"] ==
          nlohmann::json{{"cost", 6502}, {"hours", 634}, {"weeks", 37}, {"credits", 25.5}, {"count", 13}});
    CHECK(first["fastest"]["totals"]["weeks"] == 29);
    CHECK(first["fastest"]["totals"]["cost"] == 7852);
    REQUIRE(json["start_now"].size() == 13);
    CHECK(json["start_now"][0] == nlohmann::json{{"id", "hc-health-it-fund"},
                                                 {"title", "Health IT Fundamentals"},
                                                 {"advances", {"hc-diploma"}}});
}

TEST_CASE("cli options: --skills: the skills each option's cheapest route teaches") {
    const test::CliRun run = options({"--skills", "sql,hipaa", "--kind", "diploma", "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    CHECK(json["skills"] == nlohmann::json::array({"sql", "hipaa"}));
    CHECK(json["sort"] == "cost");
    REQUIRE(json["options"].size() >= 1);
    CHECK(json["options"][0]["id"] == "hc-diploma");
    CHECK(json["options"][0]["skills_covered"] == nlohmann::json::array({"sql", "hipaa"}));
    CHECK(json["options"][0]["cheapest"]["totals"]["cost"] == 7062);
}

TEST_CASE("cli options: --max-cost keeps the options with a plan within it") {
    const test::CliRun run = options({"--kind", "badge", "--max-cost", "100", "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    CHECK(json["limits"] == nlohmann::json{{"max_cost", 100}});
    CHECK(json["candidates"] == 23);
    CHECK(json["unreachable"] == 12);
    REQUIRE(json["options"].size() == 11);
    CHECK(json["options"][0]["id"] == "eu-digcomp");
    CHECK(json["options"][10]["id"] == "net-soc-lab");
    for (const auto& option : json["options"]) {
        CAPTURE(option["id"]);
        CHECK(option["cheapest"]["totals"]["cost"] <= 100);
    }
}

TEST_CASE("cli options: text and csv, sorted by progress") {
    const test::CliRun text = options({"--kind", "license", "--sort", "progress", "--have", "hc-ehr-fund"});
    CHECK(text.code == 0);
    const std::vector<std::string> lines = test::lines_of(text.output);
    REQUIRE(lines.size() > 6);
    CHECK(lines[0] == "Reachable license: 2 of 2, as of 2026-11-28, sorted by progress");
    CHECK(lines[1] == "Held: hc-ehr-fund");
    CHECK(lines[4].find("hc-cdi ") == 0);
    CHECK(lines[5].find("hc-coder-license ") == 0);

    const test::CliRun csv =
        options({"--kind", "license", "--format", "csv", "--sort", "progress", "--have", "hc-ehr-fund"});
    CHECK(csv.code == 0);
    CHECK(csv.output ==
          "id,title,kind,cheapest_cost,cheapest_weeks,cheapest_steps,fastest_weeks,fastest_cost,fastest_steps,"
          "progress\n"
          "hc-cdi,Certified Clinical Documentation Improvement Practitioner,license,2393,18,6,18,2393,6,0.14\n"
          "hc-coder-license,Certified Outpatient Coder,license,2038,10,3,10,2038,3,0\n");
}

TEST_CASE("cli options: the same answer byte for byte on one thread or several") {
    const std::vector<std::string> learner{"--have", "dai-py-basics,hc-ehr-fund", "--format", "json"};
    std::vector<std::string> one = learner, several = learner;
    one.insert(one.end(), {"-j", "1"});
    several.insert(several.end(), {"-j", "3"});
    const test::CliRun a = options(one);
    const test::CliRun b = options(several);
    CHECK(a.code == 0);
    CHECK(b.code == 0);
    CHECK(a.json()["options"].size() > 10);
    CHECK(a.output == b.output);
}

TEST_CASE("cli options: an unknown kind or sort: exit 2, nothing written") {
    const test::CliRun kind = options({"--kind", "diplomas"});
    CHECK(kind.code == 2);
    CHECK(kind.err == "credpath: error: --kind: unknown kind 'diplomas' (did you mean 'diploma'? one of "
                      "microcredential, certificate, diploma, degree, badge, license, course)\n");
    CHECK_FALSE(kind.wrote);
    CHECK(kind.files.empty());
    const test::CliRun sort = options({"--sort", "fastest"});
    CHECK(sort.code == 2);
    CHECK(sort.err ==
          "credpath: error: --sort: unknown value 'fastest'; one of cost, weeks, progress\nRun with --help for more information.\n");
    CHECK_FALSE(sort.wrote);
}

TEST_CASE("cli options: an unknown --have, a negative --max-weeks: exit 2") {
    const test::CliRun have = options({"--have", "hc-ehr-fnd", "--kind", "license"});
    CHECK(have.code == 2);
    CHECK(have.err == "credpath: error: --have: unknown credential 'hc-ehr-fnd' (did you mean 'hc-ehr-fund'?)\n");
    CHECK_FALSE(have.wrote);
    const test::CliRun weeks = options({"--max-weeks", "-2"});
    CHECK(weeks.code == 2);
    CHECK(weeks.err == "credpath: error: --max-weeks: must be a number of 0 or more, not '-2'\nRun with --help for "
                       "more information.\n");
}

}  // namespace
}  // namespace credpath::cli
