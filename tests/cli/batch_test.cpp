// credpath batch, in-process: plan requests (JSON Lines) answered on worker
// threads, one JSON line each in input order; exit 0 when all are planned, 1
// when one is infeasible, 2 when one cannot be answered.
#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::kDir;
using test::kOut;
using test::source_path;

test::CliRun batch(std::vector<std::string> more, const test::CliInput& input = {}) {
    std::vector<std::string> words{"credpath", "batch", "-c", test::catalogs(), "--as-of", "2026-11-01",
                                   "--no-cache", "-q", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words, input);
}

std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    for (const std::string& line : test::lines_of(text)) out.push_back(nlohmann::json::parse(line));
    return out;
}

std::vector<int> line_numbers(const std::vector<nlohmann::json>& answers) {
    std::vector<int> out;
    for (const nlohmann::json& answer : answers) out.push_back(answer["line"].get<int>());
    return out;
}

TEST_CASE("cli batch: all planned: one JSON line each in input order, the summary in its file, exit 0") {
    const test::CliRun run = batch({source_path("tests/data/batch/planned.jsonl"), "-j", "2", "--summary", "csv",
                                    "--summary-file", kDir + "/summary.csv"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.out.empty());
    const std::vector<nlohmann::json> answers = json_lines(run.output);
    REQUIRE(answers.size() == 4);
    CHECK(line_numbers(answers) == std::vector<int>{1, 2, 3, 4});
    CHECK(answers[0]["id"] == "ana");
    CHECK(answers[0]["plan"]["format"] == "credpath-plan/1");
    CHECK(answers[0]["plan"]["totals"]["cost"] == 4900);
    CHECK(answers[2]["id"] == "cruz");
    CHECK(answers[2]["plan"]["objective"] == "weeks");
    CHECK(answers[3]["plan"]["objective"] == "count");
    CHECK(run.files.size() == 2);  // result and summary.csv, no temporaries
    CHECK(run.files.at("summary.csv") ==
          test::read_text(source_path("tests/cli/cases/batch-planned-summary-csv.stderr")));
}

TEST_CASE("cli batch: an infeasible request: exit 1, the summary on standard error") {
    const test::CliRun run = batch({source_path("tests/data/batch/infeasible.jsonl"), "--summary", "json"});
    CHECK(run.code == 1);
    const std::vector<nlohmann::json> answers = json_lines(run.output);
    REQUIRE(answers.size() == 2);
    CHECK(answers[1]["id"] == "dara");
    CHECK(answers[1]["plan"]["feasible"] == false);
    const nlohmann::json summary = nlohmann::json::parse(run.err);
    CHECK(summary["format"] == "credpath-batch-summary/1");
    CHECK(summary["requests"] == 2);
    CHECK(summary["planned"] == 1);
    CHECK(summary["infeasible"] == 1);
    CHECK(summary["errors"] == 0);
    CHECK(summary["goals"][0]["goal"] == "dai-cert-ml");
    CHECK(summary["goals"][0]["median_cost"] == 4900);
}

TEST_CASE("cli batch: --shard K/N answers the lines whose index is K modulo N; errors give exit 2") {
    const std::string requests = source_path("tests/data/batch/mixed.jsonl");
    const test::CliRun run = batch({requests, "-j", "1", "--shard", "1/3"});
    CHECK(run.code == 2);  // line 8 is not valid JSON
    REQUIRE(run.wrote);
    const std::vector<nlohmann::json> answers = json_lines(run.output);
    CHECK(line_numbers(answers) == std::vector<int>{2, 5, 8, 11, 14});
    CHECK(answers[0]["plan"]["totals"]["cost"] == 4450);
    CHECK(answers[1]["plan"]["reason"] ==
          "no plan meets the limits: the cheapest plan costs 4,900 USD, 4,800 over --max-cost 100");
    CHECK(answers[2]["id"].is_null());
    CHECK(answers[2]["error"]["message"] == requests +
                                                ":8: not valid JSON: parse error at column 40: syntax error while "
                                                "parsing array - unexpected end of input; expected ']'");
    CHECK(answers[4]["id"] == "kim");
    CHECK(answers[4]["plan"]["totals"]["cost"] == 11528);
}

TEST_CASE("cli batch: a relative profile is read beside the requests file") {
    const std::string requests = source_path("tests/data/batch/mixed.jsonl");
    const test::CliRun run = batch({requests, "--shard", "3/13"});  // line 4: chen, with a profile
    CHECK(run.code == 0);
    const std::vector<nlohmann::json> answers = json_lines(run.output);
    REQUIRE(answers.size() == 1);
    CHECK(answers[0]["id"] == "chen");
    CHECK(answers[0]["plan"]["held"] == nlohmann::json::array({"dai-py-basics", "hc-ehr-fund"}));
    CHECK(answers[0]["plan"]["totals"]["cost"] == 6502);
}

TEST_CASE("cli batch: requests from standard input, --as-of for those without their own") {
    test::CliInput input;
    input.stdin_text = "{\"id\": \"a\", \"targets\": [\"dai-cert-ml\"]}\n"
                       "{\"id\": \"b\", \"skills\": \"python,sql\"}\n"
                       "{\"id\": \"c\", \"targets\": [\"pm-apm\"], \"as_of\": \"2027-02-01\"}\n";
    const test::CliRun run = batch({"-", "-j", "3"}, input);
    CHECK(run.code == 0);
    const std::vector<nlohmann::json> answers = json_lines(run.output);
    REQUIRE(answers.size() == 3);
    CHECK(answers[0]["plan"]["as_of"] == "2026-11-01");
    CHECK(answers[1]["plan"]["skills"] == nlohmann::json::array({"python", "sql"}));
    CHECK(answers[1]["plan"]["totals"]["cost"] == 99);
    CHECK(answers[2]["plan"]["as_of"] == "2027-02-01");
}

TEST_CASE("cli batch: an empty requests file: no lines, exit 0") {
    test::CliInput input;
    input.files["requests.jsonl"] = "\n\n";
    const test::CliRun run = batch({kDir + "/requests.jsonl"}, input);
    CHECK(run.code == 0);
    CHECK(run.wrote);
    CHECK(run.output.empty());
}

TEST_CASE("cli batch: a bad --shard: exit 2, nothing written") {
    const test::CliRun run = batch({source_path("tests/data/batch/planned.jsonl"), "--shard", "4/4"});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: --shard: '4/4' is not K/N with 0 <= K < N (e.g. 0/4)\n");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli batch: a missing requests file: exit 2, nothing written") {
    const std::string missing = source_path("tests/data/batch/no-such-file.jsonl");
    const test::CliRun run = batch({missing});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: cannot read " + missing + ": No such file or directory\n");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli batch: an invalid catalog: exit 2, nothing written") {
    const test::CliRun run = test::run_cli({"credpath", "batch", source_path("tests/data/batch/planned.jsonl"), "-c",
                                            source_path("tests/cli/fixtures/broken"), "--no-cache", "-q", "-o", kOut});
    CHECK(run.code == 2);
    CHECK(test::lines_of(run.err).back() ==
          "credpath: error: invalid catalog: 26 faults (run `credpath validate` for the full report)");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli batch: --output and --summary-file naming one file: exit 2") {
    const test::CliRun run = batch({source_path("tests/data/batch/planned.jsonl"), "--summary", "csv",
                                    "--summary-file", kOut});
    CHECK(run.code == 2);
    CHECK(run.err.find("credpath: error: --output and --summary-file name the same file '") == 0);
    CHECK(run.err.find("': give them different files\n") != std::string::npos);
    CHECK(run.files.empty());
}

TEST_CASE("cli batch: -o naming the requests file is refused, the file untouched") {
    test::CliInput input;
    input.files["result"] = "{\"id\": \"a\", \"targets\": [\"pm-apm\"]}\n";
    const test::CliRun run = batch({kOut}, input);
    CHECK(run.code == 2);
    CHECK(run.err.find("credpath: error: refusing to overwrite input file '") == 0);
    CHECK(run.output == input.files.at("result"));
    CHECK(run.others().empty());
}

TEST_CASE("cli batch: -j must be 1 to 1024, --summary a known format: usage faults") {
    const test::CliRun jobs = batch({source_path("tests/data/batch/planned.jsonl"), "-j", "0"});
    CHECK(jobs.code == 2);
    CHECK(jobs.err.find("credpath: error: --jobs: ") == 0);
    CHECK_FALSE(jobs.wrote);
    const test::CliRun summary = batch({source_path("tests/data/batch/planned.jsonl"), "--summary", "html"});
    CHECK(summary.code == 2);
    CHECK(summary.err ==
          "credpath: error: --summary: unknown value 'html'; one of markdown, csv, json\nRun with --help for more information.\n");
}

}  // namespace
}  // namespace credpath::cli
