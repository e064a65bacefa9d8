// `credpath batch` output (src/report/render_batch.cpp): one JSON line per
// answer, the summary in Markdown, CSV or JSON, and the closing tally. (The
// progress bar is the command line's: tests/cli/progress_test.cpp.)
#include <doctest/doctest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "credpath/jobs/batch.hpp"
#include "credpath/report/render_batch.hpp"
#include "batch_fixtures.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
using test::kSummaryRequests;
using test::resolve_options;
using test::small_catalog;


// The answers to every line of `text` (as "r.jsonl"), in order, with the
// command's `defaults`.
std::vector<BatchAnswer> answers(const CheckedCatalog& catalog, const std::string& text,
                                 const Request& defaults = Request{}) {
    std::vector<BatchAnswer> out;
    for (const RequestLine& line : read_requests(text, "r.jsonl"))
        out.push_back(answer_request(catalog, line, defaults, resolve_options()));
    return out;
}

BatchAnswer only_answer(const CheckedCatalog& catalog, const std::string& text, const Request& defaults = Request{}) {
    std::vector<BatchAnswer> all = answers(catalog, text, defaults);
    REQUIRE(all.size() == 1);
    return std::move(all[0]);
}


BatchSummary summarize(const CheckedCatalog& catalog, std::size_t top = 5) {
    SummaryBuilder builder(top);
    // As a run adds them: each answer's line written and read back.
    for (const BatchAnswer& answer : answers(catalog, kSummaryRequests))
        builder.add(answer_goal(answer), read_batch_output(render_batch_answer(catalog, answer), "out.jsonl").at(0));
    return builder.summary();
}

const char* const kCsvHeader =
    "goal,asked,feasible,infeasible,errors,median_cost,p90_cost,median_weeks,p90_weeks,most_missing\n";

}  // namespace

// ---- answer lines

TEST_CASE("render_batch_answer: a planned answer is one line, line first, then id, then the plan") {
    const CheckedCatalog catalog = small_catalog();
    const BatchAnswer answer = only_answer(catalog, R"({"id": "ana", "targets": ["cert"]})");
    const std::string text = render_batch_answer(catalog, answer);
    CHECK(text.rfind(R"({"line":1,"id":"ana","plan":{)", 0) == 0);
    REQUIRE(text.back() == '\n');
    CHECK(text.find('\n') == text.size() - 1);
    const nlohmann::json parsed = nlohmann::json::parse(text);
    CHECK(parsed["plan"]["format"] == "credpath-plan/1");
    CHECK(parsed["plan"]["feasible"] == true);
    CHECK(parsed["plan"]["currency"] == "EUR");
    CHECK(parsed["plan"]["totals"]["cost"] == 180);
    CHECK(parsed["plan"]["totals"]["weeks"] == 7);
    CHECK(parsed["plan"]["as_of"] == "2027-01-04");
    REQUIRE(parsed["plan"]["steps"].size() == 3);
    CHECK(parsed["plan"]["steps"][2]["id"] == "cert");
}

TEST_CASE("render_batch_answer: id is null when the request has none; errors carry their message") {
    const CheckedCatalog catalog = small_catalog();
    const std::vector<BatchAnswer> all =
        answers(catalog, "{\"targets\": [\"cert\"], \"max_cost\": 10}\n{\"targets\": [\"cret\"]}\n[1]\n");
    REQUIRE(all.size() == 3);
    const std::string infeasible = render_batch_answer(catalog, all[0]);
    CHECK(infeasible.rfind(R"({"line":1,"id":null,"plan":{)", 0) == 0);
    CHECK(nlohmann::json::parse(infeasible)["plan"]["feasible"] == false);
    CHECK(render_batch_answer(catalog, all[1]) ==
          "{\"line\":2,\"id\":null,\"error\":{\"message\":\"r.jsonl:2:14: unknown credential 'cret' (did you mean "
          "'cert'?)\"}}\n");
    CHECK(render_batch_answer(catalog, all[2]) ==
          "{\"line\":3,\"id\":null,\"error\":{\"message\":\"r.jsonl:3:1: a request is a JSON object, not an array\"}}\n");
}

TEST_CASE("render_batch_answer: a record is one line even with U+2028, U+2029 or U+0085 in its strings") {
    const CheckedCatalog catalog = small_catalog();
    const BatchAnswer answer =
        only_answer(catalog, "{\"id\": \"a\\u2028b\\u2029c\\u0085d \\u001b[31m\", \"targets\": [\"cert\"]}");
    const std::string text = render_batch_answer(catalog, answer);
    CHECK(text.rfind(R"({"line":1,"id":"a\u2028b\u2029c\u0085d \u001b[31m","plan":{)", 0) == 0);
    CHECK(text.find('\n') == text.size() - 1);
    CHECK(text.find("\xe2\x80\xa8") == std::string::npos);
    CHECK(text.find("\xc2\x85") == std::string::npos);
    CHECK(nlohmann::json::parse(text)["id"] == "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xc2\x85" "d \x1b[31m");
}

TEST_CASE("render_batch_answer: a capacity from the command line puts the calendar and the schedule in the plan") {
    const CheckedCatalog catalog = small_catalog();
    Request defaults;
    defaults.hours_per_week = 10;
    const BatchAnswer answer = only_answer(catalog, R"({"id": "ana", "targets": ["cert"]})", defaults);
    const std::string text = render_batch_answer(catalog, answer);
    CHECK(text.find('\n') == text.size() - 1);
    const nlohmann::json plan = nlohmann::json::parse(text)["plan"];
    // No hours in this catalog: the schedule is the plan's own weeks, from as_of.
    CHECK(plan["start_date"] == "2027-01-04");
    CHECK(plan["completion_date"] == "2027-02-22");
    REQUIRE(plan["steps"].size() == 3);
    CHECK(plan["steps"][0]["id"] == "py-fund");
    CHECK(plan["steps"][0]["start_date"] == "2027-01-04");
    CHECK(plan["steps"][0]["finish_date"] == "2027-02-01");
    CHECK(plan["steps"][2]["id"] == "cert");
    CHECK(plan["steps"][2]["start_date"] == "2027-02-01");
    CHECK(plan["steps"][2]["finish_date"] == "2027-02-22");
    CHECK(plan["schedule"] == nlohmann::json::parse(R"({
        "hours_per_week": 10, "weeks": 7, "lower_bound": 7, "critical_path": 7, "unlimited_weeks": 7,
        "hours_bound": 0,
        "heavy_bound": 0, "optimal": true, "peak_hours": 0, "note": "",
        "steps": [
          {"id": "py-fund", "start_week": 0, "finish_week": 4, "hours_per_week": 0,
           "start_date": "2027-01-04", "finish_date": "2027-02-01"},
          {"id": "sql-badge", "start_week": 0, "finish_week": 1, "hours_per_week": 0,
           "start_date": "2027-01-04", "finish_date": "2027-01-11"},
          {"id": "cert", "start_week": 4, "finish_week": 7, "hours_per_week": 0,
           "start_date": "2027-02-01", "finish_date": "2027-02-22"}]})"));
    // Without the capacity: none of it.
    const nlohmann::json bare =
        nlohmann::json::parse(render_batch_answer(catalog, only_answer(catalog, R"({"targets": ["cert"]})")))["plan"];
    CHECK_FALSE(bare.contains("start_date"));
    CHECK_FALSE(bare.contains("completion_date"));
    CHECK_FALSE(bare.contains("schedule"));
    CHECK_FALSE(bare["steps"][0].contains("start_date"));
}

TEST_CASE("render_batch_answer: an answer without its resolved request is written as an error") {
    const CheckedCatalog catalog = small_catalog();
    BatchAnswer answer;
    answer.request.line = 12;
    answer.request.id = "x\"y";
    answer.status = BatchStatus::Planned;  // but nothing to render a plan from
    CHECK(render_batch_answer(catalog, answer) == "{\"line\":12,\"id\":\"x\\\"y\",\"error\":{\"message\":\"\"}}\n");
    answer.status = BatchStatus::Error;
    answer.error = "broken\nline";
    CHECK(render_batch_answer(catalog, answer) ==
          "{\"line\":12,\"id\":\"x\\\"y\",\"error\":{\"message\":\"broken\\nline\"}}\n");
}

// ---- summaries and the tally

TEST_CASE("render_batch_summary: CSV has a header and one row per goal") {
    const CheckedCatalog catalog = small_catalog();
    const std::string csv = render_batch_summary(summarize(catalog), Format::Csv, "EUR");
    CHECK(csv ==
          "goal,asked,feasible,infeasible,errors,median_cost,p90_cost,median_weeks,p90_weeks,most_missing\n"
          "(unreadable requests),1,0,0,1,,,,,\n"
          "cert,5,3,1,1,150,174,7,7,py-fund:2;sql-badge:2\n"
          "cert + py-fund,1,1,0,0,180,180,7,7,sql-badge:1\n"
          "skills: sql,1,1,0,0,30,30,1,1,sql-badge:1\n");
}

TEST_CASE("render_batch_summary: CSV quotes goals with commas and defuses formulas") {
    BatchSummary summary;
    SummaryRow row;
    row.goal = "skills: python, sql";
    row.asked = 2;
    row.feasible = 2;
    row.median_cost = 1234.5;
    row.p90_cost = 2000;
    row.median_weeks = 3.25;
    row.p90_weeks = 4;
    row.most_missing = {{"a", 2}, {"b", 1}};
    summary.rows.push_back(row);
    SummaryRow formula;
    formula.goal = "=cmd";
    formula.asked = 1;
    formula.errors = 1;
    summary.rows.push_back(formula);
    CHECK(render_batch_summary(summary, Format::Csv, "USD") ==
          "goal,asked,feasible,infeasible,errors,median_cost,p90_cost,median_weeks,p90_weeks,most_missing\n"
          "\"skills: python, sql\",2,2,0,0,1234.5,2000,3.25,4,a:2;b:1\n"
          "\"'=cmd\",1,0,0,1,,,,,\n");
}

TEST_CASE("render_batch_summary: JSON names its format, the totals and every goal") {
    const CheckedCatalog catalog = small_catalog();
    const std::string text = render_batch_summary(summarize(catalog), Format::Json, "EUR");
    CHECK(text.rfind("{\n  \"format\": \"credpath-batch-summary/1\",\n", 0) == 0);
    CHECK(text.back() == '\n');
    const nlohmann::json json = nlohmann::json::parse(text);
    CHECK(json["format"] == "credpath-batch-summary/1");
    CHECK(json["currency"] == "EUR");
    CHECK(json["requests"] == 8);
    CHECK(json["planned"] == 5);
    CHECK(json["infeasible"] == 1);
    CHECK(json["errors"] == 2);
    REQUIRE(json["goals"].size() == 4);
    const nlohmann::json& unreadable = json["goals"][0];
    CHECK(unreadable["goal"] == "(unreadable requests)");
    CHECK(unreadable["median_cost"].is_null());
    CHECK(unreadable["p90_weeks"].is_null());
    CHECK(unreadable["most_missing"] == nlohmann::json::array());
    const nlohmann::json& cert = json["goals"][1];
    CHECK(cert["goal"] == "cert");
    CHECK(cert["asked"] == 5);
    CHECK(cert["feasible"] == 3);
    CHECK(cert["infeasible"] == 1);
    CHECK(cert["errors"] == 1);
    CHECK(cert["median_cost"] == 150);
    CHECK(cert["p90_cost"] == 174);
    CHECK(cert["median_weeks"] == 7);
    CHECK(cert["p90_weeks"] == 7);
    CHECK(cert["most_missing"] ==
          nlohmann::json::parse(R"([{"id": "py-fund", "plans": 2}, {"id": "sql-badge", "plans": 2}])"));
}

TEST_CASE("render_batch_summary: Markdown has the totals, a table header in the currency and a row per goal") {
    const CheckedCatalog catalog = small_catalog();
    const std::string md = render_batch_summary(summarize(catalog), Format::Markdown, "EUR");
    CHECK(md ==
          "## credpath batch summary\n"
          "\n"
          "8 requests: 5 planned, 1 infeasible, 2 could not be answered.\n"
          "\n"
          "| goal | asked | feasible | infeasible | errors | median cost (EUR) | p90 cost (EUR) | median weeks | p90 "
          "weeks | most often missing |\n"
          "|------|------:|---------:|-----------:|-------:|------:|------:|------:|------:|------|\n"
          "| \\(unreadable requests\\) | 1 | 0 | 0 | 1 |  |  |  |  |  |\n"
          "| cert | 5 | 3 | 1 | 1 | 150 | 174 | 7 | 7 | py-fund \\(2\\), sql-badge \\(2\\) |\n"
          "| cert \\+ py-fund | 1 | 1 | 0 | 0 | 180 | 180 | 7 | 7 | sql-badge \\(1\\) |\n"
          "| skills: sql | 1 | 1 | 0 | 0 | 30 | 30 | 1 | 1 | sql-badge \\(1\\) |\n");
}

TEST_CASE("render_batch_summary: Markdown money is grouped, pipes in goals escaped") {
    BatchSummary summary;
    summary.requests = 1;
    summary.planned = 1;
    SummaryRow row;
    row.goal = "a|b";
    row.asked = 1;
    row.feasible = 1;
    row.median_cost = 12345.5;
    row.p90_cost = 1000000;
    row.median_weeks = 2.5;
    row.p90_weeks = 3;
    summary.rows.push_back(row);
    const std::string md = render_batch_summary(summary, Format::Markdown, "USD");
    CHECK(md.find("\n| a\\|b | 1 | 1 | 0 | 0 | 12,345.50 | 1,000,000 | 2.5 | 3 |  |\n") != std::string::npos);
}

TEST_CASE("render_batch_summary: hostile goals from a request file are text in CSV and Markdown") {
    BatchSummary summary;
    summary.requests = 4;
    summary.planned = 1;
    summary.errors = 3;
    auto error_row = [](std::string goal) {
        SummaryRow row;
        row.goal = std::move(goal);
        row.asked = 1;
        row.errors = 1;
        return row;
    };
    summary.rows.push_back(error_row("\x1b[31mred\r + h-link"));
    summary.rows.push_back(error_row("-2 | x + h-ansi"));
    summary.rows.push_back(error_row("=cmd|' /C calc'!A0"));
    SummaryRow planned;
    planned.goal = "skills: *stars*, <script>alert(1)</script>";
    planned.asked = 1;
    planned.feasible = 1;
    planned.median_cost = planned.p90_cost = 300;
    planned.median_weeks = planned.p90_weeks = 3;
    planned.most_missing = {{"h-formula", 1}, {"h-markup", 1}};
    summary.rows.push_back(planned);
    // Numbers are credpath's own: written bare, never guarded.
    CHECK(render_batch_summary(summary, Format::Csv, "USD") ==
          "goal,asked,feasible,infeasible,errors,median_cost,p90_cost,median_weeks,p90_weeks,most_missing\n"
          "\" [31mred\r + h-link\",1,0,0,1,,,,,\n"
          "\"'-2 | x + h-ansi\",1,0,0,1,,,,,\n"
          "\"'=cmd|' /C calc'!A0\",1,0,0,1,,,,,\n"
          "\"skills: *stars*, <script>alert(1)</script>\",1,1,0,0,300,300,3,3,h-formula:1;h-markup:1\n");
    const std::string md = render_batch_summary(summary, Format::Markdown, "USD");
    CHECK(md.substr(md.find("|------|")) ==
          "|------|------:|---------:|-----------:|-------:|------:|------:|------:|------:|------|\n"
          "|  \\[31mred  \\+ h-link | 1 | 0 | 0 | 1 |  |  |  |  |  |\n"
          "| \\-2 \\| x \\+ h-ansi | 1 | 0 | 0 | 1 |  |  |  |  |  |\n"
          "| =cmd\\|' /C calc'\\!A0 | 1 | 0 | 0 | 1 |  |  |  |  |  |\n"
          "| skills: \\*stars\\*, \\<script\\>alert\\(1\\)\\</script\\> | 1 | 1 | 0 | 0 | 300 | 300 | 3 | 3 | "
          "h-formula \\(1\\), h-markup \\(1\\) |\n");
}

TEST_CASE("render_batch_summary: an empty summary in every format") {
    const BatchSummary empty;
    CHECK(render_batch_summary(empty, Format::Csv, "EUR") == kCsvHeader);
    CHECK(render_batch_summary(empty, Format::Json, "EUR") ==
          "{\n"
          "  \"format\": \"credpath-batch-summary/1\",\n"
          "  \"currency\": \"EUR\",\n"
          "  \"requests\": 0,\n"
          "  \"planned\": 0,\n"
          "  \"infeasible\": 0,\n"
          "  \"errors\": 0,\n"
          "  \"goals\": []\n"
          "}\n");
    CHECK(render_batch_summary(empty, Format::Markdown, "EUR") ==
          "## credpath batch summary\n"
          "\n"
          "0 requests: 0 planned, 0 infeasible, 0 could not be answered.\n"
          "\n"
          "| goal | asked | feasible | infeasible | errors | median cost (EUR) | p90 cost (EUR) | median weeks | p90 "
          "weeks | most often missing |\n"
          "|------|------:|---------:|-----------:|-------:|------:|------:|------:|------:|------|\n");
}

TEST_CASE("render_batch_summary: any other format is the Markdown one; the currency is escaped") {
    const CheckedCatalog catalog = small_catalog();
    const BatchSummary summary = summarize(catalog);
    const std::string markdown = render_batch_summary(summary, Format::Markdown, "EUR");
    CHECK(render_batch_summary(summary, Format::Text, "EUR") == markdown);
    CHECK(render_batch_summary(summary, Format::Html, "EUR") == markdown);
    const std::string odd = render_batch_summary(BatchSummary{}, Format::Markdown, "<b>|");
    CHECK(odd.find("| median cost (\\<b\\>\\|) | p90 cost (\\<b\\>\\|) |") != std::string::npos);
    // JSON and CSV take the currency as it is (CSV has no column for it).
    CHECK(nlohmann::json::parse(render_batch_summary(BatchSummary{}, Format::Json, "<b>|"))["currency"] == "<b>|");
}

TEST_CASE("render_batch_summary: JSON numbers are exact, fractions included") {
    BatchSummary summary;
    summary.requests = 3;
    summary.planned = 2;
    summary.errors = 1;
    SummaryRow row;
    row.goal = "a + b";
    row.asked = 3;
    row.feasible = 2;
    row.errors = 1;
    row.median_cost = 1234.5;
    row.p90_cost = 2000;
    row.median_weeks = 3.25;
    row.most_missing = {{"x", 2}};
    summary.rows.push_back(row);
    const nlohmann::json json = nlohmann::json::parse(render_batch_summary(summary, Format::Json, "USD"));
    CHECK(json["goals"] == nlohmann::json::parse(R"([{"goal": "a + b", "asked": 3, "feasible": 2, "infeasible": 0,
        "errors": 1, "median_cost": 1234.5, "p90_cost": 2000, "median_weeks": 3.25, "p90_weeks": null,
        "most_missing": [{"id": "x", "plans": 2}]}])"));
}

TEST_CASE("render_batch_tally: requests and what became of them, grouped, with the time in seconds") {
    BatchTally tally;
    tally.requests = 1234;
    tally.planned = 1200;
    tally.infeasible = 30;
    tally.errors = 4;
    tally.seconds = 2.314;
    CHECK(render_batch_tally(tally, "") == "credpath: 1,234 requests: 1,200 planned, 30 infeasible, 4 errors in 2.31 s\n");
    // One of a kind is singular; infeasible and planned have no plural.
    BatchTally one;
    one.count(BatchStatus::Error);
    CHECK(one.requests == 1);
    CHECK(one.errors == 1);
    CHECK(render_batch_tally(one, "") == "credpath: 1 request: 0 planned, 0 infeasible, 1 error in 0.00 s\n");
    CHECK(render_batch_tally(BatchTally{}, "") == "credpath: 0 requests: 0 planned, 0 infeasible, 0 errors in 0.00 s\n");
}

TEST_CASE("render_batch_tally: answers taken over from an interrupted run, and long runs") {
    BatchTally tally;
    for (int i = 0; i < 3; ++i) tally.count(BatchStatus::Planned);
    tally.count(BatchStatus::Infeasible);
    tally.resumed = 2;
    tally.seconds = 59.99;
    CHECK(render_batch_tally(tally, "plans.jsonl.partial") ==
          "credpath: 4 requests: 3 planned, 1 infeasible, 0 errors (2 resumed from plans.jsonl.partial) in 59.99 s\n");
    tally.seconds = 185;
    CHECK(render_batch_tally(tally, "p").find(" in 3m05s\n") != std::string::npos);
    tally.seconds = 3725;
    CHECK(render_batch_tally(tally, "p").find(" in 1h02m\n") != std::string::npos);
    // A file name cannot put control characters on the terminal.
    CHECK(render_batch_tally(tally, "a\x1b[31mb").find('\x1b') == std::string::npos);
}

}  // namespace credpath
