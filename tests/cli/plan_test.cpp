// credpath plan, in-process on the bundled catalogs: exit 0 with a plan, 1
// when no plan meets the limits, 2 for a question that cannot be answered.
#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using test::ids_of;
using test::kOut;
using test::source_path;

// credpath plan on the bundled catalogs, as of 2026-11-28, no cache, to the -o file.
test::CliRun plan(std::vector<std::string> more, const test::CliInput& input = {}) {
    std::vector<std::string> words{"credpath", "plan",     "-c", test::catalogs(), "--as-of", "2026-11-28",
                                   "--no-cache", "-o", kOut};
    words.insert(words.end(), more.begin(), more.end());
    return test::run_cli(words, input);
}

// In start order: the bootcamp's intakes (every four weeks) date the plan.
const std::vector<std::string> kCheapestMl{"dai-py-fund-ncc",   "dai-resp-ai",    "dai-stats-placement",
                                           "dai-stats-applied", "dai-genai-apps", "dai-ml-fast",
                                           "dai-cert-ml"};

TEST_CASE("cli plan: the cheapest plan as JSON: exit 0") {
    const test::CliRun run = plan({"-t", "dai-cert-ml", "--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.out.empty());
    CHECK(run.err.empty());
    CHECK(run.others().empty());
    REQUIRE(run.wrote);
    const nlohmann::json json = run.json();
    CHECK(json["format"] == "credpath-plan/1");
    CHECK(json["targets"] == nlohmann::json::array({"dai-cert-ml"}));
    CHECK(json["objective"] == "cost");
    CHECK(json["feasible"] == true);
    CHECK(json["optimal"] == true);
    CHECK(json["currency"] == "USD");
    CHECK(json["credit_unit"] == "ECTS");
    CHECK(json["as_of"] == "2026-11-28");
    CHECK(json["totals"] ==
          nlohmann::json{{"cost", 4900}, {"hours", 401}, {"weeks", 22}, {"credits", 19}, {"count", 7}});
    CHECK(ids_of(json["steps"]) == kCheapestMl);
    CHECK(json["steps"][0]["unlocks"] == nlohmann::json::array({"dai-ml-fast", "dai-genai-apps"}));
    CHECK(json["held"] == nlohmann::json::array());
    CHECK(json["limits"] == nlohmann::json::object());
}

TEST_CASE("cli plan: --minimize weeks: the fastest plan") {
    const test::CliRun run = plan({"-t", "dai-cert-ml", "--minimize", "weeks", "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    CHECK(json["objective"] == "weeks");
    // The bootcamp's next cohort starts on Monday 2026-12-07, nine days in.
    CHECK(json["totals"]["weeks"] == 16.285714);
    CHECK(json["totals"]["cost"] == 5850);
    CHECK(ids_of(json["steps"])[3] == "dai-py-bootcamp");
    CHECK(json["steps"][3]["start_date"] == "2026-12-07");
}

TEST_CASE("cli plan: no plan within --max-cost: exit 1, the reason written") {
    const test::CliRun run = plan({"-t", "dai-cert-ml", "--max-cost", "1000", "--format", "json"});
    CHECK(run.code == 1);
    REQUIRE(run.wrote);
    const nlohmann::json json = run.json();
    CHECK(json["feasible"] == false);
    CHECK(json["reason"] == "no plan meets the limits: the cheapest plan costs 4,900 USD, 3,900 over --max-cost 1000");
    CHECK(json["limits"] == nlohmann::json{{"max_cost", 1000}});
    CHECK_FALSE(json.contains("steps"));
}

TEST_CASE("cli plan: no plan within --max-weeks: exit 1 in text too") {
    const test::CliRun run = plan({"-t", "dai-cert-ml", "--max-weeks", "12"});
    CHECK(run.code == 1);
    CHECK(run.wrote);
    CHECK(run.output.find("--max-weeks 12") != std::string::npos);
}

TEST_CASE("cli plan: a target already held: an empty plan, exit 0") {
    const test::CliRun run = plan({"-t", "dai-cert-ml", "--have", "dai-cert-ml", "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    CHECK(json["feasible"] == true);
    CHECK(json["held"] == nlohmann::json::array({"dai-cert-ml"}));
    CHECK(json["steps"] == nlohmann::json::array());
    CHECK(json["totals"]["cost"] == 0);
    CHECK(json["stats"]["solver_calls"] == 0);
}

TEST_CASE("cli plan: --exclude keeps a credential out of the plan") {
    const test::CliRun run = plan({"-t", "dai-cert-ml", "--exclude", "dai-ml-fast", "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    CHECK(json["excluded"] == nlohmann::json::array({"dai-ml-fast"}));
    const std::vector<std::string> steps = ids_of(json["steps"]);
    CHECK(std::find(steps.begin(), steps.end(), "dai-ml-fast") == steps.end());
    CHECK(std::find(steps.begin(), steps.end(), "dai-ml-fund") != steps.end());
    CHECK(json["totals"]["cost"] == 5170);
}

TEST_CASE("cli plan: a profile gives the holdings, the expired ones and the exclusions") {
    const test::CliRun run = plan(
        {"-t", "hc-aas", "--profile", source_path("tests/cli/fixtures/profile-health.yaml"), "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    CHECK(json["learner"] == "Jordan Rivera");
    CHECK(json["held"] == nlohmann::json::array({"dai-py-basics", "hc-ehr-fund"}));
    CHECK(json["expired"] == nlohmann::json::array({"hc-hipaa-basics"}));
    CHECK(json["excluded"] == nlohmann::json::array({"hc-coding-fast"}));
    CHECK(json["totals"]["cost"] == 7057);
    CHECK(json["totals"]["count"] == 17);
    CHECK(ids_of(json["steps"]).back() == "hc-aas");
}

TEST_CASE("cli plan: a badge wallet: holdings matched, an unknown badge only noted") {
    const test::CliRun run = plan({"-t", "dai-cert-data-analyst", "--profile",
                                   source_path("tests/data/wallets/ob3-wallet.json"), "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    CHECK(json["learner"] == "Ana Lima");
    CHECK(json["held"] == nlohmann::json::array({"dai-dashboards", "dai-sql-basics"}));
    CHECK(json["expired"] == nlohmann::json::array({"dai-excel-analytics"}));
    CHECK(json["totals"]["cost"] == 1270);
    CHECK(json["unmatched_badges"][0]["name"] == "Teamwork");
    CHECK(run.err == "credpath: note: " + source_path("tests/data/wallets/ob3-wallet.json") +
                         ":96:22: badge 'Teamwork' (id https://example.com/achievements/21st-century-skills/teamwork) "
                         "matches no catalog credential\n");
}

TEST_CASE("cli plan: --skills with a target: credentials that teach each skill") {
    const test::CliRun run =
        plan({"--skills", "hipaa,ehr", "-t", "pm-scrum-master", "--minimize", "weeks", "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    CHECK(json["skills"] == nlohmann::json::array({"hipaa", "ehr"}));
    CHECK(ids_of(json["steps"]) ==
          std::vector<std::string>{"hc-hipaa-basics", "hc-ehr-fund", "pm-agile-fund", "pm-scrum-master"});
    CHECK(json["totals"]["weeks"] == 9);
}

TEST_CASE("cli plan: --hours-per-week and --start: a calendar") {
    const test::CliRun run = plan(
        {"-t", "hc-cert-coding", "--hours-per-week", "12", "--start", "2027-01-11", "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    CHECK(json["start_date"] == "2027-01-11");
    CHECK(json["completion_date"] == "2027-06-14");
    CHECK(json["totals"]["cost"] == 2258);
    CHECK(json.contains("schedule"));
}

TEST_CASE("cli plan: --alternatives K: the K best plans, each against the best") {
    const test::CliRun run =
        plan({"-t", "pm-cert-agile", "--alternatives", "2", "--minimize", "weeks", "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    CHECK(json["format"] == "credpath-alternatives/1");
    REQUIRE(json["plans"].size() == 2);
    CHECK(json["plans"][0]["rank"] == 1);
    CHECK(json["plans"][0]["totals"]["weeks"] == 4);
    CHECK(json["plans"][1]["rank"] == 2);
    CHECK(json["plans"][1]["totals"]["weeks"] == 5);
    CHECK(json["plans"][1]["vs_best"] == nlohmann::json{{"adds", {"pm-scaling-agile"}},
                                                        {"drops", {"pm-kanban"}},
                                                        {"cost", 850},
                                                        {"weeks", 1}});
}

TEST_CASE("cli plan: --pareto: the cost-weeks frontier") {
    const test::CliRun run = plan({"-t", "dai-cert-ml", "--pareto", "--format", "json"});
    CHECK(run.code == 0);
    const nlohmann::json json = run.json();
    CHECK(json["format"] == "credpath-pareto/1");
    REQUIRE(json["plans"].size() == 3);
    CHECK(json["plans"][0]["totals"]["cost"] == 4900);
    CHECK(json["plans"][0]["totals"]["weeks"] == 22);
    // The self-paced edition of the Python bootcamp: between the college
    // course and the bootcamp, in cost and in time.
    CHECK(json["plans"][1]["totals"]["cost"] == 5140);
    CHECK(json["plans"][1]["steps"][0]["id"] == "dai-py-selfpaced");
    CHECK(json["plans"][2]["totals"]["cost"] == 5850);
    CHECK(json["plans"][2]["totals"]["weeks"] == 16.285714);
}

TEST_CASE("cli plan: --pareto and --alternatives write text, json or html only: exit 2, nothing written") {
    const test::CliRun pareto = plan({"-t", "dai-cert-ml", "--pareto", "--format", "csv"});
    CHECK(pareto.code == 2);
    CHECK(pareto.err == "credpath: error: --pareto writes text, json or html, not csv\n");
    CHECK_FALSE(pareto.wrote);
    CHECK(pareto.files.empty());
    const test::CliRun alternatives = plan({"-t", "dai-cert-ml", "--alternatives", "2", "--format", "markdown"});
    CHECK(alternatives.code == 2);
    CHECK(alternatives.err == "credpath: error: --alternatives writes text, json or html, not markdown\n");
    CHECK_FALSE(alternatives.wrote);
}

TEST_CASE("cli plan: --pareto excludes --alternatives: a usage fault") {
    const test::CliRun run = plan({"-t", "dai-cert-ml", "--pareto", "--alternatives", "2"});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: --alternatives excludes --pareto\nRun with --help for more information.\n");
    CHECK_FALSE(run.wrote);
}

TEST_CASE("cli plan: the other formats: csv, markdown, dot, html, text") {
    const test::CliRun csv = plan({"-t", "dai-cert-ml", "--format", "csv"});
    CHECK(csv.code == 0);
    const std::vector<std::string> rows = test::lines_of(csv.output);
    REQUIRE(rows.size() >= 8);
    // Dated: a step has intakes.
    CHECK(rows[0] == "step,id,title,kind,provider,start_week,finish_week,cost,hours,weeks,credits,unlocks,start_date,"
                     "finish_date,applied_to");
    CHECK(rows[1] == "1,dai-py-fund-ncc,Python for Data Analysis,microcredential,Northgate Community College,0,10,450,"
                     "75,10,3,dai-ml-fast;dai-genai-apps,2026-11-28,2027-02-06,dai-ml-fast;dai-genai-apps");
    const test::CliRun markdown = plan({"-t", "dai-cert-ml", "--format", "markdown"});
    CHECK(markdown.code == 0);
    CHECK(markdown.output.find("## Plan for dai-cert-ml\n\nMinimize cost: optimal.\n") == 0);
    const test::CliRun dot = plan({"-t", "dai-cert-ml", "--format", "dot"});
    CHECK(dot.code == 0);
    CHECK(dot.output.find("digraph plan {\n  rankdir=LR;\n") == 0);
    const test::CliRun html = plan({"-t", "dai-cert-ml", "--format", "html"});
    CHECK(html.code == 0);
    CHECK(html.output.find("<!DOCTYPE html>\n<html lang=\"en\">\n") == 0);
    const test::CliRun text = plan({"-t", "dai-cert-ml"});
    CHECK(text.code == 0);
    CHECK(text.output.find("Plan for dai-cert-ml (minimize cost): optimal\n") == 0);
    CHECK(text.output.find("\nTotal: 4,900 USD, 401 hours, 22 weeks, 19 ECTS, 7 steps\n") != std::string::npos);
    CHECK(text.output.find('\x1b') == std::string::npos);  // no colour in a file
}

TEST_CASE("cli plan: no target: exit 2") {
    const test::CliRun run = plan({});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: no target given: name one with -t ID or skills with --skills\n");
    CHECK_FALSE(run.wrote);
}

TEST_CASE("cli plan: an unknown target or skill: exit 2 with a did-you-mean") {
    const test::CliRun target = plan({"-t", "dai-cert-mll"});
    CHECK(target.code == 2);
    CHECK(target.err == "credpath: error: -t: unknown credential 'dai-cert-mll' (did you mean 'dai-cert-ml'?)\n");
    CHECK_FALSE(target.wrote);
    const test::CliRun skills = plan({"--skills", "pyhton,sql,quantum-baking"});
    CHECK(skills.code == 2);
    CHECK(skills.err ==
          "credpath: error: --skills: no credential teaches 'pyhton' (did you mean 'python'?)\n"
          "credpath: error: --skills: no credential teaches 'quantum-baking'\n");
}

TEST_CASE("cli plan: a bad date fails before the catalog is read: exit 2") {
    // The catalog does not exist: the date is named all the same.
    const test::CliRun as_of = test::run_cli({"credpath", "plan", "-c", "/no/such/catalog", "-t", "dai-cert-ml",
                                              "--as-of", "2026-13-01", "--no-cache", "-o", kOut});
    CHECK(as_of.code == 2);
    CHECK(as_of.err == "credpath: error: --as-of '2026-13-01' is not a day: month 13 does not exist\n");
    CHECK_FALSE(as_of.wrote);
    const test::CliRun start = plan({"-t", "pm-cert-agile", "--start", "2027-13-01"});
    CHECK(start.code == 2);
    CHECK(start.err == "credpath: error: --start '2027-13-01' is not a day: month 13 does not exist\n");
}

TEST_CASE("cli plan: a profile naming an unknown credential, or a broken wallet: exit 2") {
    const std::string typo = source_path("tests/cli/fixtures/profile-typo.yaml");
    const test::CliRun run = plan({"-t", "hc-aas", "--profile", typo});
    CHECK(run.code == 2);
    CHECK(run.err == "credpath: error: " + typo + ":4:5: unknown credential 'dai-pyhton'\n");
    CHECK_FALSE(run.wrote);
    const std::string bad = source_path("tests/data/wallets/bad-syntax.json");
    const test::CliRun wallet = plan({"-t", "dai-cert-data-analyst", "--profile", bad});
    CHECK(wallet.code == 2);
    CHECK(wallet.err == bad +
                            ":5:3: error: not valid JSON: syntax error while parsing object - unexpected string "
                            "literal; expected '}'\ncredpath: error: invalid badge wallet " +
                            bad + "\n");
}

TEST_CASE("cli plan: numeric options are checked: exit 2") {
    for (const auto& [option_name, value, message] :
         {std::tuple<std::string, std::string, std::string>{"--max-cost", "-1", "must be a number of 0 or more, not '-1'"},
          {"--max-weeks", "nan", "must be a number of 0 or more, not 'nan'"},
          {"--hours-per-week", "0", "must be a number above 0, not '0'"},
          {"--time-limit", "inf", "must be a number above 0, not 'inf'"},
          {"--alternatives", "0", "must be a number above 0, not '0'"}}) {
        // A copy: clang before 16 cannot capture a structured binding in CAPTURE's lambda.
        const std::string option = option_name;
        CAPTURE(option);
        const test::CliRun run = plan({"-t", "dai-cert-ml", option, value});
        CHECK(run.code == 2);
        CHECK(run.err == "credpath: error: " + option + ": " + message + "\nRun with --help for more information.\n");
        CHECK_FALSE(run.wrote);
    }
}

TEST_CASE("cli plan: -v prints the timings and the problem's size to standard error") {
    const test::CliRun run = plan({"-t", "dai-cert-ml", "-v", "--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.err.find("credpath: load and check ") == 0);
    CHECK(run.err.find(" s (173 credentials); plan ") != std::string::npos);
    CHECK(run.err.find(" s (cone 14, ") != std::string::npos);
    CHECK(run.err.back() == '\n');
    CHECK(run.json()["totals"]["cost"] == 4900);
}

TEST_CASE("cli plan: --cache-dir: a cold and a warm run give the same plan, the image kept there") {
    const test::Scratch cache;
    const std::vector<std::string> words{"credpath", "plan",      "-c",         test::catalogs(),  "-t",
                                         "dai-cert-ml", "--as-of", "2026-11-28", "--format",        "json",
                                         "--cache-dir", cache.path.string(), "-o", kOut, "-v"};
    const test::CliRun cold = test::run_cli(words);
    CHECK(cold.code == 0);
    CHECK(cold.err.find("from the cache") == std::string::npos);
    CHECK_FALSE(cache.files().empty());
    const test::CliRun warm = test::run_cli(words);
    CHECK(warm.code == 0);
    CHECK(warm.err.find("from the cache") != std::string::npos);
    CHECK(warm.output == cold.output);
}

}  // namespace
}  // namespace credpath::cli
