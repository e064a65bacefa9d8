// credpath show, in-process: every field of credentials, their rule, what they
// stack into and who else teaches their skills.
#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::kOut;
using test::source_path;

test::CliRun show(std::vector<std::string> more) {
    std::vector<std::string> words{"credpath", "show", "-c", test::catalogs(), "--no-cache", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words);
}

TEST_CASE("cli show: JSON of two credentials with a profile's status on each: exit 0") {
    const test::CliRun run = show({"dai-cert-ml,hc-hipaa-basics", "--profile",
                                   source_path("tests/cli/fixtures/profile-health.yaml"), "--as-of", "2026-11-28",
                                   "--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.others().empty());
    const nlohmann::json json = run.json();
    CHECK(json["format"] == "credpath-show/1");
    CHECK(json["currency"] == "USD");
    CHECK(json["learner"]["name"] == "Jordan Rivera");
    CHECK(json["learner"]["as_of"] == "2026-11-28");
    REQUIRE(json["credentials"].size() == 2);
    const nlohmann::json& ml = json["credentials"][0];
    CHECK(ml["id"] == "dai-cert-ml");
    CHECK(ml["kind"] == "certificate");
    CHECK(ml["cost"] == 900);
    CHECK(ml["level"] == 6);
    CHECK(ml["source"] ==
          nlohmann::json{{"file", test::catalogs() + "/data-ai.yaml"}, {"line", 576}, {"column", 5}});
    CHECK(ml["status"] == nlohmann::json{{"state", "not held"}});
    CHECK(ml["stacks_into"] == nlohmann::json::array({"dai-grad-cert", "dai-grad-ml-systems"}));
    CHECK(ml["draws_on"] == nlohmann::json::array({"dai-deep-learning", "dai-genai-apps", "dai-ml-fast", "dai-ml-fund",
                                                  "dai-nlp", "dai-resp-ai", "dai-stats-applied"}));
    const nlohmann::json& hipaa = json["credentials"][1];
    CHECK(hipaa["id"] == "hc-hipaa-basics");
    CHECK(hipaa["valid_for"] == "1y");
    CHECK(hipaa["status"] ==
          nlohmann::json{{"state", "expired"}, {"earned", "2023-03-15"}, {"expired_on", "2024-03-15"}});
    CHECK(hipaa["skills_elsewhere"][0] ==
          nlohmann::json{{"skill", "hipaa"}, {"also_taught_by", {"hc-hipaa-officer"}}});
}

TEST_CASE("cli show: text, ids in the order given") {
    const test::CliRun run = show({"dai-grad-cert", "pm-apm"});
    CHECK(run.code == 0);
    const std::vector<std::string> lines = test::lines_of(run.output);
    REQUIRE(lines.size() > 8);
    CHECK(lines[0] == "dai-grad-cert: Graduate Certificate in Applied Data Science");
    CHECK(lines[1] == "Kind:              certificate");
    CHECK(lines[2] == "Provider:          Meridian State University");
    CHECK(lines[4] == "Cost:              500 USD");
    const std::size_t second = run.output.find("\npm-apm: ");
    CHECK(second != std::string::npos);
}

TEST_CASE("cli show: repeated ids are shown once") {
    const test::CliRun run = show({"pm-apm,pm-apm", "pm-apm", "--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.json()["credentials"].size() == 1);
}

TEST_CASE("cli show: an unknown id: exit 2 with a did-you-mean, nothing written") {
    const test::CliRun run = show({"dai-cert-mll", "hc-aas"});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: show: unknown credential 'dai-cert-mll' (did you mean 'dai-cert-ml'?)\n");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli show: an id is required, and show takes no --exclude: usage faults, exit 2") {
    const test::CliRun none = show({});
    CHECK(none.code == 2);
    CHECK(none.err == "credpath: error: ID is required\nRun with --help for more information.\n");
    const test::CliRun exclude = show({"pm-apm", "--exclude", "pm-fund"});
    CHECK(exclude.code == 2);
    CHECK_FALSE(exclude.wrote);
}

}  // namespace
}  // namespace credpath::cli
