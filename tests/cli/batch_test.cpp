// credpath batch, in-process: plan requests (JSON Lines) answered on worker
// threads, one JSON line each in input order; exit 2 when one cannot be
// answered, and what --fail-on says of infeasible ones; the closing tally;
// --resume continuing an interrupted run to the bytes of an uninterrupted one.
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

// Without -q: the closing tally on standard error.
test::CliRun batch_with_tally(std::vector<std::string> more, const test::CliInput& input = {}) {
    std::vector<std::string> words{"credpath", "batch", "-c", test::catalogs(), "--as-of", "2026-11-01",
                                   "--no-cache", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words, input);
}

// The tally's words without its time ("... in 0.52 s").
std::string untimed(const std::string& line) {
    const std::size_t in = line.rfind(" in ");
    REQUIRE(in != std::string::npos);
    CHECK(line.substr(line.size() - 2) == " s");
    return line.substr(0, in);
}

// The first `count` lines of a text, with their ends.
std::string first_lines(const std::string& text, std::size_t count) {
    std::size_t end = 0;
    for (std::size_t i = 0; i < count; ++i) end = text.find('\n', end) + 1;
    return text.substr(0, end);
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
    // The golden's standard error is the summary, then the tally.
    const std::string golden = test::read_text(source_path("tests/cli/cases/batch-planned-summary-csv.stderr"));
    CHECK(run.files.at("summary.csv") + "credpath: 4 requests: 4 planned, 0 infeasible, 0 errors in TIME\n" == golden);
}

TEST_CASE("cli batch: an infeasible request is an answer: exit 0, the summary on standard error") {
    const test::CliRun run = batch({source_path("tests/data/batch/infeasible.jsonl"), "--summary", "json"});
    CHECK(run.code == 0);
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
                                                ":8:40: not valid JSON: parse error: syntax error while "
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

TEST_CASE("cli batch: --fail-on infeasible fails on a request without a plan, never on nothing") {
    const std::string infeasible = source_path("tests/data/batch/infeasible.jsonl");
    CHECK(batch({infeasible, "--fail-on", "infeasible"}).code == 1);
    CHECK(batch({infeasible, "--fail-on", "error"}).code == 0);
    CHECK(batch({source_path("tests/data/batch/planned.jsonl"), "--fail-on", "infeasible"}).code == 0);
    // Errors and infeasible requests both (mixed.jsonl): 2 wins, but never says 0.
    const std::string mixed = source_path("tests/data/batch/mixed.jsonl");
    const test::CliRun failing = batch({mixed, "--fail-on", "infeasible", "--shard", "1/3"});
    CHECK(failing.code == 2);
    const test::CliRun never = batch({mixed, "--fail-on", "never", "--shard", "1/3"});
    CHECK(never.code == 0);
    CHECK(never.output == failing.output);  // the answers are the same whatever fails the run
    // A run that cannot start fails whatever --fail-on says.
    CHECK(batch({source_path("tests/data/batch/no-such-file.jsonl"), "--fail-on", "never"}).code == 2);
}

TEST_CASE("cli batch: the closing tally on standard error, unless --quiet") {
    const test::CliRun run = batch_with_tally({source_path("tests/data/batch/mixed.jsonl"), "-j", "2"});
    CHECK(run.code == 2);
    const std::vector<std::string> err = test::lines_of(run.err);
    // Each request with errors first, located as a compiler would, then the tally.
    REQUIRE(err.size() == 6);
    const std::string mixed = source_path("tests/data/batch/mixed.jsonl");
    CHECK(err[0] == mixed + ":6:27: error: unknown credential 'dai-cert-mll' (did you mean 'dai-cert-ml'?)");
    CHECK(err[2] == mixed + ":8:40: error: not valid JSON: parse error: syntax error while parsing array - unexpected "
                            "end of input; expected ']'");
    CHECK(untimed(err[5]) == "credpath: 13 requests: 6 planned, 2 infeasible, 5 errors");
    CHECK(batch({source_path("tests/data/batch/mixed.jsonl"), "-j", "2"}).err.empty());
}

TEST_CASE("cli batch: an empty requests file is an error that says so; nothing written") {
    test::CliInput input;
    input.files["requests.jsonl"] = "\n\n";
    const test::CliRun run = batch({kDir + "/requests.jsonl"}, input);
    CHECK(run.code == 2);
    CHECK(run.err.find("credpath: error: ") == 0);
    CHECK(run.err.find("/requests.jsonl holds no requests (no line that is not blank): nothing to answer\n") !=
          std::string::npos);
    CHECK_FALSE(run.wrote);
    test::CliInput nothing;
    const test::CliRun from_stdin = batch({"-"}, nothing);
    CHECK(from_stdin.code == 2);
    CHECK(from_stdin.err ==
          "credpath: error: standard input holds no requests (no line that is not blank): nothing to answer\n");
}

TEST_CASE("cli batch: standard input is bounded by --max-file-size like a file") {
    test::CliInput input;
    // 30,000 bytes (blank lines are no requests): over every bundled catalog file, so that the limit
    // can leave them be.
    input.stdin_text = "{\"id\": \"a\", \"targets\": [\"dai-cert-ml\"]}\n";
    input.stdin_text += std::string(30000 - input.stdin_text.size(), '\n');
    const test::CliRun run = batch({"-", "--max-file-size", "29999"}, input);
    CHECK(run.code == 2);
    CHECK(run.err ==
          "credpath: error: cannot read standard input: the input is over the limit of 29999 bytes "
          "(--max-file-size raises it)\n");
    CHECK_FALSE(run.wrote);
    // At the limit it is read.
    const test::CliRun at_limit = batch({"-", "--max-file-size", "30000"}, input);
    CHECK(at_limit.code == 0);
    CHECK(test::lines_of(at_limit.output).size() == 1);
}

// ---- --resume

TEST_CASE("cli batch: --resume continues from FILE.partial to the bytes of an uninterrupted run") {
    const std::string mixed = source_path("tests/data/batch/mixed.jsonl");
    const test::CliRun whole = batch({mixed, "-j", "2"});
    REQUIRE(whole.code == 2);
    const std::vector<std::string> lines = test::lines_of(whole.output);
    REQUIRE(lines.size() == 13);
    // An interrupt kept five answers and, killed mid-write, half of the sixth.
    test::CliInput input;
    input.files["result.partial"] = first_lines(whole.output, 5) + lines[5].substr(0, 30);
    const test::CliRun resumed = batch_with_tally({mixed, "-j", "2", "--resume"}, input);
    CHECK(resumed.code == whole.code);
    CHECK(resumed.output == whole.output);
    CHECK(resumed.others().empty());  // the partial file is gone: its answers are in the result
    const std::vector<std::string> err = test::lines_of(resumed.err);
    // The errors among the requests answered again, then the tally.
    REQUIRE_FALSE(err.empty());
    for (std::size_t i = 0; i + 1 < err.size(); ++i) CHECK(err[i].find(": error: ") != std::string::npos);
    const std::string tally = untimed(err.back());
    CHECK(tally.starts_with("credpath: 13 requests: 6 planned, 2 infeasible, 5 errors (5 resumed from "));
    CHECK(tally.ends_with("/result.partial)"));
}

TEST_CASE("cli batch: --resume from FILE itself, or from nothing, or with every answer there") {
    const std::string mixed = source_path("tests/data/batch/mixed.jsonl");
    const test::CliRun whole = batch({mixed, "-j", "2"});
    const std::vector<std::string> lines = test::lines_of(whole.output);
    // Output that went to FILE another way (a shell redirect), cut mid-line.
    test::CliInput cut;
    cut.files["result"] = first_lines(whole.output, 9) + lines[9].substr(0, 10);
    const test::CliRun from_file = batch({mixed, "-j", "1", "--resume"}, cut);
    CHECK(from_file.code == whole.code);
    CHECK(from_file.output == whole.output);
    // Nothing to continue: a plain run.
    const test::CliRun fresh = batch({mixed, "-j", "2", "--resume"});
    CHECK(fresh.output == whole.output);
    // Every answer there already: the same file again, nothing planned.
    test::CliInput done;
    done.files["result"] = whole.output;
    const test::CliRun again = batch_with_tally({mixed, "--resume"}, done);
    CHECK(again.code == whole.code);
    CHECK(again.output == whole.output);
    CHECK(test::lines_of(again.err).back().find("(13 resumed from ") != std::string::npos);
}

TEST_CASE("cli batch: --resume keeps shards and summaries as an uninterrupted run has them") {
    const std::string mixed = source_path("tests/data/batch/mixed.jsonl");
    for (const std::string format : {"json", "csv", "markdown"}) {
        const test::CliRun whole = batch({mixed, "-j", "2", "--shard", "0/2", "--summary", format, "--summary-file",
                                          kDir + "/summary"});
        const std::vector<std::string> lines = test::lines_of(whole.output);
        REQUIRE(lines.size() == 6);  // lines 1, 5, 7, 9, 11 and 13 (3 is blank: no request)
        test::CliInput input;
        input.files["result.partial"] = first_lines(whole.output, 3);
        input.files["summary.partial"] = "what the interrupted run had summed";
        const test::CliRun resumed = batch({mixed, "-j", "2", "--shard", "0/2", "--summary", format,
                                            "--summary-file", kDir + "/summary", "--resume"},
                                           input);
        CHECK(resumed.code == whole.code);
        CHECK(resumed.output == whole.output);
        CHECK(resumed.files.at("summary") == whole.files.at("summary"));
        CHECK(resumed.files.count("summary.partial") == 0);
        CHECK(resumed.files.count("result.partial") == 0);
    }
}

TEST_CASE("cli batch: --resume refuses answers of another requests file, and needs -o") {
    test::CliInput input;
    input.files["result.partial"] = "{\"line\":1,\"id\":\"zed\",\"error\":{\"message\":\"x\"}}\n";
    const test::CliRun other = batch({source_path("tests/data/batch/mixed.jsonl"), "--resume"}, input);
    CHECK(other.code == 2);
    CHECK(other.err.find("result.partial: answer 1 is for line 1 ('zed'), but the request to answer there is line 1 "
                         "('ana'): is it the output of another requests file or --shard?\n") != std::string::npos);
    CHECK(other.files.at("result.partial") == input.files.at("result.partial"));  // left as it was
    CHECK_FALSE(other.wrote);
    const test::CliRun no_output = test::run_cli({"credpath", "batch", "-c", test::catalogs(), "--no-cache",
                                                  source_path("tests/data/batch/planned.jsonl"), "--resume"});
    CHECK(no_output.code == 2);
    CHECK(no_output.err ==
          "credpath: error: --resume continues the output file of an interrupted run: name it with -o FILE\n");
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
