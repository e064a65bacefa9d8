// credpath batch-merge, in-process: the outputs of sharded batch runs merged
// back into the output of one unsharded run, with its exit code.
#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::kDir;
using test::kOut;
using test::source_path;

// The output of `batch REQUESTS --shard SHARD` (all when SHARD is "").
test::CliRun batch(const std::string& requests, const std::string& shard) {
    std::vector<std::string> words{"credpath", "batch",      requests, "-c", test::catalogs(), "--as-of",
                                   "2026-11-01", "--no-cache", "-q",     "-j", "1",              "-o",
                                   kOut};
    if (!shard.empty()) words.insert(words.end(), {"--shard", shard});
    return test::run_cli(words);
}

test::CliRun merge(const std::map<std::string, std::string>& files, std::vector<std::string> more = {}) {
    test::CliInput input;
    input.files = files;
    std::vector<std::string> words{"credpath", "batch-merge", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words, input);
}

TEST_CASE("cli batch-merge: the shards merged give the unsharded output and its exit code") {
    const std::string requests = source_path("tests/data/batch/planned.jsonl");
    const test::CliRun whole = batch(requests, "");
    const test::CliRun first = batch(requests, "0/2");
    const test::CliRun second = batch(requests, "1/2");
    REQUIRE(whole.code == 0);
    REQUIRE(first.code == 0);
    REQUIRE(second.code == 0);
    CHECK(test::lines_of(first.output).size() == 2);
    // Given in any order.
    const test::CliRun run = merge({{"s1.jsonl", second.output}, {"s0.jsonl", first.output}},
                                   {kDir + "/s1.jsonl", kDir + "/s0.jsonl"});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    CHECK(run.output == whole.output);
    CHECK(run.files.size() == 3);
}

TEST_CASE("cli batch-merge: the exit code an unsharded run would give: 2 an error, 1 infeasible by --fail-on") {
    const std::string planned = "{\"line\":1,\"id\":\"a\",\"plan\":{\"feasible\":true}}\n";
    const std::string infeasible = "{\"line\":2,\"id\":\"b\",\"plan\":{\"feasible\":false}}\n";
    const std::string error = "{\"line\":3,\"id\":\"c\",\"error\":{\"message\":\"nope\"}}\n";
    const test::CliRun answered = merge({{"a", infeasible}, {"b", planned}}, {kDir + "/a", kDir + "/b"});
    CHECK(answered.code == 0);  // a request without a plan is an answer (--fail-on error)
    CHECK(answered.output == planned + infeasible);
    const test::CliRun one =
        merge({{"a", infeasible}, {"b", planned}}, {kDir + "/a", kDir + "/b", "--fail-on", "infeasible"});
    CHECK(one.code == 1);
    CHECK(one.output == planned + infeasible);
    const test::CliRun two = merge({{"a", error + infeasible}, {"b", planned}}, {kDir + "/a", kDir + "/b"});
    CHECK(two.code == 2);
    CHECK(two.output == planned + infeasible + error);
    const test::CliRun never =
        merge({{"a", error + infeasible}, {"b", planned}}, {kDir + "/a", kDir + "/b", "--fail-on", "never"});
    CHECK(never.code == 0);
    CHECK(never.output == two.output);
    const test::CliRun zero = merge({{"a", planned}}, {kDir + "/a"});
    CHECK(zero.code == 0);
    CHECK(zero.output == planned);
}

TEST_CASE("cli batch-merge: a line answered twice: exit 2 naming both files, nothing written") {
    const std::string line = "{\"line\":1,\"id\":\"a\",\"plan\":{\"feasible\":true}}\n";
    const test::CliRun run = merge({{"x.jsonl", line}, {"y.jsonl", line}}, {kDir + "/x.jsonl", kDir + "/y.jsonl"});
    CHECK(run.code == 2);
    // The scratch directory's path is gone with the run: compare around it.
    CHECK(run.err.find("credpath: error: line 1 is answered twice (in ") == 0);
    CHECK(run.err.find("/x.jsonl and ") != std::string::npos);
    CHECK(run.err.find("/y.jsonl): were the shards overlapping?\n") != std::string::npos);
    CHECK_FALSE(run.wrote);
    CHECK(run.files.size() == 2);
}

TEST_CASE("cli batch-merge: a file that is no batch output: exit 2") {
    const std::string requests = source_path("tests/data/batch/mixed.jsonl");
    const test::CliRun run = merge({}, {requests});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: " + requests + ":1: no positive integer \"line\"\n");
    CHECK_FALSE(run.wrote);
}

TEST_CASE("cli batch-merge: --max-file-size limits what is read") {
    const std::string planned = source_path("tests/data/batch/planned.jsonl");
    const test::CliRun run = merge({}, {planned, "--max-file-size", "1"});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: cannot read " + planned +
                         ": file is over the limit of 1 bytes (--max-file-size raises it)\n");
}

TEST_CASE("cli batch-merge: files are required and must exist; -o may not be one of them") {
    const test::CliRun none = merge({});
    CHECK(none.code == 2);
    CHECK(none.err == "credpath: error: FILES is required\nRun with --help for more information.\n");
    const test::CliRun missing = merge({}, {"/no/such/shard.jsonl"});
    CHECK(missing.code == 2);
    CHECK(missing.err ==
          "credpath: error: FILES: File does not exist: /no/such/shard.jsonl\nRun with --help for more information.\n");
    const std::string line = "{\"line\":1,\"id\":\"a\",\"plan\":{\"feasible\":true}}\n";
    const test::CliRun self = merge({{"result", line}}, {kOut});
    CHECK(self.code == 2);
    CHECK(self.err.find("credpath: error: refusing to overwrite input file '") == 0);
    CHECK(self.output == line);
}

}  // namespace
}  // namespace credpath::cli
