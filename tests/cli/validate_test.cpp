// credpath validate, in-process: exit 0 for a valid catalog, 1 for faults (or
// warnings with --werror), 2 when the catalog cannot be read.
#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::kOut;
using test::source_path;

test::CliRun validate(const std::string& catalog, std::vector<std::string> more = {},
                      const test::CliInput& input = {}) {
    std::vector<std::string> words{"credpath", "validate", "-c", catalog, "--no-cache", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words, input);
}

const std::string kBroken = source_path("tests/cli/fixtures/broken");
const std::string kWarnings = source_path("tests/cli/fixtures/warnings");

TEST_CASE("cli validate: a valid catalog: exit 0 and the summary line") {
    const test::CliRun run = validate(source_path("tests/data/tree"));
    CHECK(run.code == 0);
    CHECK(run.output == "0 errors, 0 warnings in 3 files (3 credentials)\n");
    CHECK(run.out.empty());
    CHECK(run.err.empty());
    CHECK(run.others().empty());
}

TEST_CASE("cli validate: faults: exit 1, every one listed with file:line:col, then the counts") {
    const test::CliRun run = validate(kBroken);
    CHECK(run.code == 1);
    CHECK(run.err.empty());
    const std::vector<std::string> lines = test::lines_of(run.output);
    REQUIRE(lines.size() == 28);
    CHECK(lines[0] == kBroken + "/faults.yaml:1:9: error: format is 'credpath/2'; this tool reads `format: credpath/1`");
    CHECK(lines[26] == kBroken +
                           "/syntax.yaml:4:1: error: YAML syntax: the file ends inside a quoted string: a closing "
                           "quote is missing");
    CHECK(lines[27] == "26 errors, 1 warning in 3 files (14 credentials)");
}

TEST_CASE("cli validate: --format json: the faults and the summary") {
    const test::CliRun run = validate(kBroken, {"--format", "json"});
    CHECK(run.code == 1);
    REQUIRE(run.wrote);
    const nlohmann::json json = run.json();
    CHECK(json["format"] == "credpath-validate/1");
    CHECK(json["valid"] == false);
    CHECK_FALSE(json.contains("werror"));
    REQUIRE(json["faults"].size() == 27);
    const nlohmann::json& first = json["faults"][0];
    CHECK(first["file"] == kBroken + "/faults.yaml");
    CHECK(first["line"] == 1);
    CHECK(first["column"] == 9);
    CHECK(first["severity"] == "error");
    CHECK(first["code"] == "format");
    CHECK(json["faults"][2]["message"] == "unknown key 'nmae' (did you mean 'name'?)");
    CHECK(json["summary"] == nlohmann::json{{"errors", 26}, {"warnings", 1}, {"files", 3}, {"credentials", 14}});
}

TEST_CASE("cli validate: warnings alone pass (exit 0) and are listed before the counts") {
    const test::CliRun run = validate(kWarnings);
    CHECK(run.code == 0);
    const std::vector<std::string> lines = test::lines_of(run.output);
    REQUIRE(lines.size() == 6);
    CHECK(lines[1] == kWarnings + "/a.yaml:24:11: warning: `at_least: 0` is always met");
    CHECK(lines[5] == "0 errors, 5 warnings in 2 files (4 credentials)");
}

TEST_CASE("cli validate: --werror: warnings fail the check, exit 1") {
    const test::CliRun text = validate(kWarnings, {"--werror"});
    CHECK(text.code == 1);
    const std::vector<std::string> lines = test::lines_of(text.output);
    REQUIRE(lines.size() == 6);
    CHECK(lines[5] == "0 errors, 5 warnings in 2 files (4 credentials); --werror: the warnings fail the check");

    const test::CliRun json = validate(kWarnings, {"--werror", "--format", "json"});
    CHECK(json.code == 1);
    CHECK(json.json()["valid"] == true);
    CHECK(json.json()["werror"] == true);
    CHECK(json.json()["failed"] == true);
    CHECK(json.json()["summary"]["warnings"] == 5);

    // No warnings: --werror passes.
    const test::CliRun clean = validate(source_path("tests/data/diff/new"), {"--werror"});
    CHECK(clean.code == 0);
    CHECK(clean.output == "0 errors, 0 warnings in 2 files (9 credentials)\n");
}

TEST_CASE("cli validate: --quiet: errors only, no warnings and no summary") {
    const test::CliRun broken = validate(kBroken, {"--quiet"});
    CHECK(broken.code == 1);
    const std::vector<std::string> lines = test::lines_of(broken.output);
    CHECK(lines.size() == 26);
    for (const std::string& line : lines) CHECK(line.find(": error: ") != std::string::npos);

    const test::CliRun warnings = validate(kWarnings, {"-q"});
    CHECK(warnings.code == 0);
    CHECK(warnings.wrote);
    CHECK(warnings.output.empty());

    // With --werror the warnings fail the check, so --quiet keeps them (still no summary).
    const test::CliRun werror = validate(kWarnings, {"--werror", "--quiet"});
    CHECK(werror.code == 1);
    const std::vector<std::string> kept = test::lines_of(werror.output);
    REQUIRE(kept.size() == 5);
    CHECK(kept[3] == kWarnings + "/b.yaml:7:15: warning: `all: []` is always met; is something missing?");
}

TEST_CASE("cli validate: --format github writes workflow commands") {
    const test::CliRun broken = validate(kBroken, {"--format", "github"});
    CHECK(broken.code == 1);
    const std::vector<std::string> lines = test::lines_of(broken.output);
    REQUIRE(lines.size() == 27);
    CHECK(lines[0] == "::error file=" + kBroken +
                          "/faults.yaml,line=1,col=9,title=credpath format::format is 'credpath/2'; this tool reads "
                          "`format: credpath/1`");

    const test::CliRun warnings = validate(kWarnings, {"--format", "github"});
    CHECK(warnings.code == 0);
    const std::vector<std::string> annotations = test::lines_of(warnings.output);
    REQUIRE(annotations.size() == 5);
    CHECK(annotations[2] == "::warning file=" + kWarnings +
                                "/a.yaml,line=25,col=39,title=credpath unknown-tag::no credential is tagged '50%25 "
                                "off, today: only'");
}

TEST_CASE("cli validate: a catalog that cannot be read: exit 2, nothing written") {
    const std::string missing = source_path("tests/cli/fixtures/no-such-dir");
    const test::CliRun run = validate(missing);
    CHECK(run.code == 2);
    CHECK(run.err == missing + ": error: no such file or directory\ncredpath: error: cannot read the catalog (1 path)\n");
    CHECK_FALSE(run.wrote);
    CHECK(run.files.empty());
}

TEST_CASE("cli validate: --max-credentials: a catalog over the limit is a fault, exit 1") {
    const test::CliRun run = validate(test::catalogs(), {"--max-credentials", "100"});
    CHECK(run.code == 1);
    CHECK(run.output ==
          test::catalogs() +
              "/healthcare-tech.yaml:518:5: error: more than 100 credentials, the limit (--max-credentials raises it); "
              "the rest is not read\n1 error, 0 warnings in 3 files (100 credentials)\n");
}

TEST_CASE("cli validate: -o naming the catalog itself is refused: exit 2, the catalog untouched") {
    const std::string catalog = "format: credpath/1\ncredentials:\n  - {id: a, title: A}\n";
    test::CliInput input;
    input.files["result"] = catalog;
    const test::CliRun run = validate(kOut, {}, input);
    CHECK(run.code == 2);
    CHECK(run.err.find("credpath: error: refusing to overwrite input file '") == 0);
    CHECK(run.output == catalog);
    CHECK(run.others().empty());
}

TEST_CASE("cli validate: an unknown --format is a usage fault: exit 2") {
    const test::CliRun run = validate(kWarnings, {"--format", "csv"});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: --format: unknown value 'csv'; one of text, json, github\nRun with --help for more information.\n");
    CHECK_FALSE(run.wrote);
}

}  // namespace
}  // namespace credpath::cli
