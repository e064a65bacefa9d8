// credpath diff, in-process: two versions of a catalog compared, and what the
// change does to the plans of a set of requests (exit 1 when one got worse,
// 2 when a request cannot be answered).
#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::ids_of;
using test::kOut;
using test::source_path;

const std::string kOld = source_path("tests/data/diff/old");
const std::string kNew = source_path("tests/data/diff/new");

// diff takes no cache options: each side is read from its YAML.
test::CliRun diff(const std::string& before, const std::string& after, std::vector<std::string> more,
                  const test::CliInput& input = {}) {
    std::vector<std::string> words{"credpath", "diff", before, after, "--as-of", "2026-11-28", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words, input);
}

TEST_CASE("cli diff: the catalog changes as JSON: exit 0") {
    const test::CliRun run = diff(kOld, kNew, {"--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.others().empty());
    const nlohmann::json json = run.json();
    CHECK(json["format"] == "credpath-diff/1");
    CHECK(json["old"] == nlohmann::json{{"path", kOld},
                                        {"files", 1},
                                        {"credentials", 8},
                                        {"currency", "USD"},
                                        {"credit_unit", "credits"}});
    CHECK(json["new"]["files"] == 2);
    CHECK(json["new"]["credentials"] == 9);
    CHECK(json["summary"] == nlohmann::json{{"added", 2}, {"removed", 1}, {"changed", 4}, {"unchanged", 3}});
    CHECK(json["catalog"] == nlohmann::json::array({nlohmann::json{
                                 {"field", "name"}, {"before", "Diff demo"}, {"after", "Diff demo (2027)"}}}));
    CHECK(ids_of(json["added"]) == std::vector<std::string>{"linalg", "stats-fast"});
    CHECK(json["added"][0]["file"] == kNew + "/extra.yaml");
    CHECK(ids_of(json["removed"]) == std::vector<std::string>{"legacy-badge"});
    CHECK(ids_of(json["changed"]) == std::vector<std::string>{"data-cert", "ml-fund", "sql-basics", "viz-course"});
    CHECK(json["changed"][2]["fields"] ==
          nlohmann::json::array({nlohmann::json{{"field", "cost"}, {"before", 150}, {"after", 250}}}));
    CHECK_FALSE(json.contains("requests"));
}

TEST_CASE("cli diff: text: the counts and each change") {
    const test::CliRun run = diff(kOld, kNew, {});
    CHECK(run.code == 0);
    const std::vector<std::string> lines = test::lines_of(run.output);
    REQUIRE(lines.size() > 4);
    CHECK(lines[0] == "Catalog diff: " + kOld + " (8 credentials in 1 file) -> " + kNew + " (9 credentials in 2 files)");
    CHECK(lines[1] == "2 added, 1 removed, 4 changed, 3 unchanged");
    CHECK(run.output.find("  ~ sql-basics: SQL Basics\n      cost: 150 -> 250 (+100)\n") != std::string::npos);
}

TEST_CASE("cli diff: requests whose plans got worse: exit 1, the result written") {
    const std::string requests = source_path("tests/data/diff/requests-worse.jsonl");
    const test::CliRun run = diff(kOld, kNew, {"--requests", requests, "--format", "json"});
    CHECK(run.code == 1);
    REQUIRE(run.wrote);
    const nlohmann::json json = run.json();
    CHECK(json["worse"] == true);
    CHECK(json["requests"]["file"] == requests);
    CHECK(json["requests"]["summary"] == nlohmann::json{{"total", 7},
                                                        {"worse", 4},
                                                        {"better", 1},
                                                        {"changed", 0},
                                                        {"unchanged", 1},
                                                        {"new", 1},
                                                        {"errors", 0}});
    const nlohmann::json& first = json["requests"]["items"][0];
    CHECK(first["id"] == "analyst");
    CHECK(first["status"] == "better");
    CHECK(first["delta"] == nlohmann::json{{"cost", -80}, {"hours", -60}, {"weeks", -4}, {"count", 0}});
    CHECK(first["steps_added"] == nlohmann::json::array({"stats-fast"}));
    CHECK(json["requests"]["items"][1]["worse"] == nlohmann::json::array({"infeasible"}));
}

TEST_CASE("cli diff: requests that are all as good: exit 0 (markdown)") {
    const test::CliRun run =
        diff(kOld, kNew, {"--requests", source_path("tests/data/diff/requests-ok.jsonl"), "--format", "markdown"});
    CHECK(run.code == 0);
    const std::vector<std::string> lines = test::lines_of(run.output);
    REQUIRE(lines.size() > 3);
    CHECK(lines[0] == "## Catalog changes");
    CHECK(lines[2] == kOld + " (8 credentials) → " + kNew +
                          " (9 credentials): **2 added, 1 removed, 4 changed**, 3 unchanged.");
}

TEST_CASE("cli diff: a request that cannot be answered: exit 2, yet the result is written") {
    const test::CliRun run =
        diff(kOld, kNew, {"--requests", source_path("tests/data/diff/requests.jsonl"), "--format", "json"});
    CHECK(run.code == 2);
    REQUIRE(run.wrote);
    const nlohmann::json json = run.json();
    CHECK(json["requests"]["summary"]["total"] == 10);
    CHECK(json["requests"]["summary"]["errors"] == 3);
    const nlohmann::json& ghost = json["requests"]["items"][7];
    CHECK(ghost["id"] == "ghost");
    CHECK(ghost["status"] == "error");
    CHECK(ghost["error"] == source_path("tests/data/diff/requests.jsonl") +
                                ":9:29: unknown credential 'ml-certt' (did you mean 'ml-cert'?)");
}

TEST_CASE("cli diff: --as-of is the date of requests without their own") {
    test::CliInput input;
    const std::string line = "{\"id\": \"viz\", \"targets\": [\"viz-course\"], \"profile\": \"" +
                             source_path("tests/data/diff/learner.yaml") + "\"}\n";
    input.files["requests.jsonl"] = line;
    const test::CliRun run = diff(kOld, kNew, {"--requests", test::kDir + "/requests.jsonl", "--format", "json"},
                                  input);
    CHECK(run.code == 0);
    CHECK(run.json()["requests"]["summary"]["total"] == 1);
    CHECK(run.json()["requests"]["items"][0]["id"] == "viz");
}

TEST_CASE("cli diff: an invalid side: exit 2 naming it, nothing written") {
    const std::string broken = source_path("tests/cli/fixtures/broken");
    const test::CliRun run = diff(kOld, broken, {});
    CHECK(run.code == 2);
    CHECK(test::lines_of(run.err).back() == "credpath: error: invalid new catalog " + broken +
                                                ": 26 faults (run `credpath validate -c " + broken +
                                                "` for the full report)");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
    const std::string missing = source_path("tests/data/diff/no-such");
    const test::CliRun unread = diff(missing, kNew, {});
    CHECK(unread.code == 2);
    CHECK(test::lines_of(unread.err).back() == "credpath: error: cannot read the old catalog " + missing);
}

TEST_CASE("cli diff: two catalogs are required, --requests must exist: usage faults") {
    const test::CliRun one = test::run_cli({"credpath", "diff", kOld});
    CHECK(one.code == 2);
    CHECK(one.err == "credpath: error: NEW is required\nRun with --help for more information.\n");
    const test::CliRun requests = diff(kOld, kNew, {"--requests", "/no/such/requests.jsonl"});
    CHECK(requests.code == 2);
    CHECK(requests.err == "credpath: error: --requests: File does not exist: /no/such/requests.jsonl\nRun with "
                          "--help for more information.\n");
    CHECK_FALSE(requests.wrote);
}

TEST_CASE("cli diff: -o naming the requests file is refused") {
    test::CliInput input;
    input.files["result"] = "{\"id\": \"analyst\", \"targets\": [\"data-cert\"]}\n";
    const test::CliRun run = diff(kOld, kNew, {"--requests", kOut}, input);
    CHECK(run.code == 2);
    CHECK(run.err.find("credpath: error: refusing to overwrite input file '") == 0);
    CHECK(run.output == input.files.at("result"));
}

}  // namespace
}  // namespace credpath::cli
