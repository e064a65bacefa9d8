// credpath explain, in-process: the requirement tree of targets with the
// learner's status on every node and the cheapest way to each gap.
#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::kOut;
using test::source_path;

test::CliRun explain(std::vector<std::string> more) {
    std::vector<std::string> words{"credpath", "explain", "-c", test::catalogs(), "--as-of", "2026-11-28",
                                   "--no-cache", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words);
}

TEST_CASE("cli explain: the tree as JSON with a profile's holdings: exit 0") {
    const test::CliRun run = explain({"hc-cert-health-info-tech", "--profile",
                                      source_path("tests/cli/fixtures/profile-health.yaml"), "--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.others().empty());
    const nlohmann::json json = run.json();
    CHECK(json["format"] == "credpath-explain/1");
    CHECK(json["objective"] == "cost");
    CHECK(json["as_of"] == "2026-11-28");
    CHECK(json["learner"] == "Jordan Rivera");
    CHECK(json["held"] == nlohmann::json::array({"dai-py-basics", "hc-ehr-fund"}));
    CHECK(json["expired"] == nlohmann::json::array({nlohmann::json{
                                 {"id", "hc-hipaa-basics"}, {"earned", "2023-03-15"}, {"expired_on", "2024-03-15"}}}));
    REQUIRE(json["targets"].size() == 1);
    const nlohmann::json& target = json["targets"][0];
    CHECK(target["id"] == "hc-cert-health-info-tech");
    CHECK(target["status"] == "missing");
    CHECK(target["met"] == false);
    CHECK(target["ready"] == false);
    CHECK(target["remedy"]["totals"]["cost"] == 1158);
    CHECK(target["remedy"]["steps"] == nlohmann::json::array({"hc-ehr-super-user", "hc-health-it-fund", "hc-health-sql",
                                                              "hc-terminology-express", "hc-cert-health-info-tech"}));
    const nlohmann::json& requires_ = target["requires"];
    CHECK(requires_["node"] == "all");
    CHECK(requires_["have"] == 1);
    CHECK(requires_["need"] == 4);
    REQUIRE(requires_["children"].size() == 4);
    CHECK(requires_["children"][0]["id"] == "hc-ehr-fund");
    CHECK(requires_["children"][0]["status"] == "held");
    CHECK(requires_["children"][1]["id"] == "hc-health-it-fund");
    CHECK(requires_["children"][1]["ready"] == true);
    CHECK(requires_["children"][1]["remedy"]["totals"]["cost"] == 420);
}

TEST_CASE("cli explain: text with --have: the held parts marked, the cheapest way to each gap") {
    const test::CliRun run = explain({"dai-cert-ml", "--have", "dai-py-fund-ncc,dai-stats-intro"});
    CHECK(run.code == 0);
    const std::vector<std::string> lines = test::lines_of(run.output);
    REQUIRE(lines.size() > 5);
    CHECK(lines[0] ==
          "Requirements of dai-cert-ml (Professional Certificate in Machine Learning) as of 2026-11-28");
    CHECK(lines[1] == "Held: dai-py-fund-ncc, dai-stats-intro");
    CHECK(lines[3] == "[missing] dai-cert-ml — Professional Certificate in Machine Learning (certificate)");
    CHECK(lines[4] == "│  ↳ cheapest way: 6 steps (dai-math-ml, dai-ml-fund, dai-resp-ai, dai-genai-apps, "
                      "dai-stats-applied, dai-cert-ml), 4,340 USD, 34.29 weeks");
}

TEST_CASE("cli explain: --depth limits the levels expanded") {
    const test::CliRun deep = explain({"eu-msc", "--have", "eu-data-literacy", "--format", "json"});
    const test::CliRun shallow = explain({"eu-msc", "--have", "eu-data-literacy", "--depth", "1", "--format", "json"});
    CHECK(deep.code == 0);
    CHECK(shallow.code == 0);
    CHECK(shallow.output.size() < deep.output.size());
    CHECK(shallow.json()["targets"][0]["id"] == "eu-msc");
    CHECK(shallow.json()["targets"][0]["remedy"] == deep.json()["targets"][0]["remedy"]);
}

TEST_CASE("cli explain: several targets, each its own tree") {
    const test::CliRun run = explain({"dai-cert-ml", "pm-cert-agile", "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    REQUIRE(json["targets"].size() == 2);
    CHECK(json["targets"][0]["id"] == "dai-cert-ml");
    CHECK(json["targets"][1]["id"] == "pm-cert-agile");
    CHECK(json["targets"][0]["remedy"]["totals"]["cost"] == 4900);
    CHECK(json["targets"][1]["remedy"]["totals"]["cost"] == 1819);
}

TEST_CASE("cli explain: an unknown target is named with explain's own name: exit 2, nothing written") {
    const test::CliRun run = explain({"dai-cert-ml", "hc-aas-x"});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: explain: unknown credential 'hc-aas-x' (did you mean 'hc-aas'?)\n");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli explain: a target is required, --depth above 0, and no csv: usage faults, exit 2") {
    const test::CliRun none = explain({});
    CHECK(none.code == 2);
    CHECK(none.err == "credpath: error: target is required\nRun with --help for more information.\n");
    const test::CliRun depth = explain({"dai-cert-ml", "--depth", "0"});
    CHECK(depth.code == 2);
    CHECK(depth.err ==
          "credpath: error: --depth: must be a number above 0, not '0'\nRun with --help for more information.\n");
    const test::CliRun csv = explain({"dai-cert-ml", "--format", "csv"});
    CHECK(csv.code == 2);
    CHECK(csv.err == "credpath: error: --format: unknown value 'csv'; one of text, json\nRun with --help for more information.\n");
    CHECK_FALSE(csv.wrote);
}

TEST_CASE("cli explain: a bad --as-of: exit 2 before the catalog is read") {
    const test::CliRun run = test::run_cli({"credpath", "explain", "dai-cert-ml", "-c", "/no/such/catalog",
                                            "--as-of", "2026-02-30", "--no-cache", "-o", kOut});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: --as-of '2026-02-30' is not a day: February 2026 has 28 days\n");
    CHECK_FALSE(run.wrote);
}

}  // namespace
}  // namespace credpath::cli
