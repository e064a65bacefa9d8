// The JSON Lines request reader and the resolution of a request against a catalog.
#include <doctest/doctest.h>

#include "credpath/requests.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {

// The error of the only line of `text`, or "ok".
std::string line_error(const std::string& text) {
    const std::vector<RequestLine> lines = read_requests(text, "r.jsonl");
    REQUIRE(lines.size() == 1);
    return lines[0].ok() ? std::string("ok") : lines[0].error;
}

Catalog small_catalog() {
    LoadResult r =
        load_catalog_text(test::catalog(R"(  - {id: py-fund, title: Python, cost: 100, weeks: 4, skills: [python]}
  - {id: sql-fund, title: SQL, cost: 80, weeks: 2, skills: [sql]}
  - {id: cert, title: Certificate, kind: certificate, requires: {all: [py-fund, sql-fund]}}
)"));
    REQUIRE(r.ok());
    return r.catalog;
}

std::string resolve_error(const Catalog& catalog, const BatchRequest& request, const ResolveOptions& options = {}) {
    try {
        resolve_request(catalog, request, options);
    } catch (const InputError& error) {
        return error.message;
    }
    return "no error";
}

}  // namespace

TEST_CASE("requests: every field of a line is read") {
    const auto lines = read_requests(
        R"({"id": "ana", "targets": ["a", "b"], "skills": ["sql"], "have": ["x"], "exclude": ["y", "z"], )"
        R"("profile": "p.yaml", "minimize": "weeks", "max_cost": 2000, "max_weeks": 12.5, "as_of": "2027-01-04"})",
        "r.jsonl");
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].ok());
    const BatchRequest& r = lines[0].request;
    CHECK(r.id == "ana");
    CHECK(r.line == 1);
    CHECK(r.targets == std::vector<std::string>{"a", "b"});
    CHECK(r.skills == std::vector<std::string>{"sql"});
    CHECK(r.have == std::vector<std::string>{"x"});
    CHECK(r.exclude == std::vector<std::string>{"y", "z"});
    CHECK(r.profile == "p.yaml");
    CHECK(r.minimize == std::optional<std::string>("weeks"));
    CHECK(r.max_cost == std::optional<double>(2000));
    CHECK(r.max_weeks == std::optional<double>(12.5));
    CHECK(r.as_of == std::optional<std::string>("2027-01-04"));
}

TEST_CASE("requests: defaults, comma-separated strings, blank lines and CRLF") {
    const auto lines =
        read_requests("\n{\"targets\": \"a, b,,c\"}\r\n   \n{\"id\": \"s\", \"skills\": [\"x,y\"]}", "r.jsonl");
    REQUIRE(lines.size() == 2);
    REQUIRE(lines[0].ok());
    CHECK(lines[0].request.line == 2);
    CHECK(lines[0].request.id.empty());
    CHECK(request_label(lines[0].request) == "line 2");
    CHECK(lines[0].request.targets == std::vector<std::string>{"a", "b", "c"});
    CHECK_FALSE(lines[0].request.minimize);
    CHECK_FALSE(lines[0].request.max_cost);
    CHECK_FALSE(lines[0].request.as_of);
    REQUIRE(lines[1].ok());
    CHECK(lines[1].request.line == 4);
    CHECK(request_label(lines[1].request) == "s");
    CHECK(lines[1].request.skills == std::vector<std::string>{"x", "y"});
    CHECK(read_requests("", "r.jsonl").empty());
}

TEST_CASE("requests: a bad line names its line and the reading goes on") {
    const auto lines = read_requests("{\"id\": \"a\", \"targets\": [\"t\"]}\n{\"id\": \"b\", \"targets\": [\"t\"]\n"
                                     "{\"id\": \"c\", \"targets\": [\"t\"]}\n",
                                     "r.jsonl");
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].ok());
    CHECK_FALSE(lines[1].ok());
    CHECK(lines[1].request.line == 2);
    CHECK(lines[1].error.rfind("r.jsonl:2: not valid JSON: parse error at column ", 0) == 0);
    CHECK(lines[1].error.find("json.exception") == std::string::npos);
    CHECK(lines[2].ok());
    CHECK(lines[2].request.id == "c");
}

TEST_CASE("requests: every fault of a line is named, unknown keys with did-you-mean") {
    CHECK(line_error(R"({"id": "a", "targest": ["t"]})") ==
          "r.jsonl:1: unknown key 'targest' (did you mean 'targets'?); a request needs targets, skills or both");
    CHECK(line_error(R"({"targets": ["t"], "colour": 1})") == "r.jsonl:1: unknown key 'colour'");
    CHECK(line_error(R"({"targets": ["t"], "targets": ["u"]})") == "r.jsonl:1: key 'targets' is given twice");
    CHECK(line_error(R"(["t"])") == "r.jsonl:1: a request is a JSON object, not an array");
    CHECK(line_error(R"({"targets": 3})") ==
          "r.jsonl:1: targets must be an array of strings, not a number; a request needs targets, skills or both");
    CHECK(line_error(R"({"targets": ["t", 4]})") ==
          "r.jsonl:1: targets must be an array of strings; it holds a number");
    CHECK(line_error(R"({"id": 7, "targets": ["t"]})") == "r.jsonl:1: id must be a string, not a number");
    CHECK(line_error(R"({"id": "", "targets": ["t"]})") == "r.jsonl:1: id must not be empty");
    CHECK(line_error(R"({"targets": ["t"], "minimize": "wekes"})") ==
          "r.jsonl:1: minimize 'wekes' is not cost, hours, count or weeks (did you mean 'weeks'?)");
    CHECK(line_error(R"({"targets": ["t"], "max_cost": "100"})") ==
          "r.jsonl:1: max_cost must be a number, not a string");
    CHECK(line_error(R"({"targets": ["t"], "max_weeks": -1})") ==
          "r.jsonl:1: max_weeks must be a finite number >= 0, not -1");
    CHECK(line_error(R"({"targets": ["t"], "as_of": "2027-02-30"})") ==
          "r.jsonl:1: as_of '2027-02-30' is not a day: February 2027 has 28 days");
    CHECK(line_error(R"({"targets": ["t"], "profile": null})") == "r.jsonl:1: profile must be a string, not null");
    CHECK(line_error(R"({"id": "x"})") == "r.jsonl:1: a request needs targets, skills or both");
    CHECK(line_error("{\"targets\": [\"t\"], \"a\\nb\": 1}") == "r.jsonl:1: unknown key 'a\\nb'");
}

TEST_CASE("requests: an id used twice is a fault of the later line") {
    const auto lines =
        read_requests("{\"id\": \"a\", \"targets\": [\"t\"]}\n{\"id\": \"a\", \"skills\": [\"s\"]}\n", "r.jsonl");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].ok());
    CHECK(lines[1].error == "r.jsonl:2: id 'a' is used again (first at line 1)");
    CHECK(lines[1].request.id == "a");
}

TEST_CASE("requests: an unreadable file is an InputError") {
    CHECK_THROWS_AS(read_requests_file("/nonexistent/requests.jsonl"), InputError);
    const auto lines = read_requests_file(std::string(CREDPATH_SOURCE_DIR) + "/tests/data/diff/requests-ok.jsonl");
    REQUIRE(lines.size() == 3);
    CHECK(lines[2].request.minimize == std::optional<std::string>("hours"));
}

TEST_CASE("requests: resolution against a catalog") {
    const Catalog catalog = small_catalog();
    BatchRequest request;
    request.targets = {"cert", "cert"};
    request.skills = {"sql"};
    request.have = {"py-fund"};
    request.minimize = "weeks";
    request.max_cost = 500;
    ResolveOptions options;
    options.as_of = Date{2027, 1, 4};
    options.time_limit_seconds = 7;
    const ResolvedRequest resolved = resolve_request(catalog, request, options);
    CHECK(resolved.request.targets == std::vector<std::uint32_t>{*catalog.find("cert")});
    CHECK(resolved.request.held == std::vector<std::uint32_t>{*catalog.find("py-fund")});
    CHECK(resolved.request.objective == Objective::Weeks);
    CHECK(resolved.request.max_cost == std::optional<double>(500));
    CHECK(resolved.request.time_limit_seconds == 7);
    CHECK(resolved.as_of == Date{2027, 1, 4});
    CHECK(resolved.request.goals.empty());
    // The skills goal points into the object plan_request() is called on, so a copy works.
    const ResolvedRequest copy = resolved;
    const PlanRequest plan_request = copy.plan_request();
    REQUIRE(plan_request.goals.size() == 1);
    CHECK(plan_request.goals[0].rule == &*copy.skills_goal);
    CHECK(plan_request.goals[0].rule->kind == RuleKind::Skills);
    CHECK(plan_request.goals[0].rule->names == std::vector<std::string>{"sql"});
    CHECK_FALSE(plan_request.goals[0].owner);

    BatchRequest dated;
    dated.targets = {"cert"};
    dated.as_of = "2026-05-01";
    CHECK(resolve_request(catalog, dated, options).as_of == Date{2026, 5, 1});
    CHECK(resolve_request(catalog, dated, options).request.objective == Objective::Cost);
}

TEST_CASE("requests: unknown ids, skills and profiles are named together") {
    const Catalog catalog = small_catalog();
    BatchRequest request;
    request.targets = {"cret"};
    request.skills = {"pyhton"};
    request.have = {"nope"};
    request.exclude = {"sql-fnd"};
    CHECK(resolve_error(catalog, request) ==
          "targets: unknown credential 'cret' (did you mean 'cert'?); skills: no credential teaches 'pyhton' (did you "
          "mean 'python'?); have: unknown credential 'nope'; exclude: unknown credential 'sql-fnd' (did you mean "
          "'sql-fund'?)");
    BatchRequest profiled;
    profiled.targets = {"cert"};
    profiled.profile = "missing.yaml";
    ResolveOptions options;
    options.profile_dir = "/nonexistent";
    CHECK(resolve_error(catalog, profiled, options).rfind("profile: ", 0) == 0);
    CHECK(resolve_error(catalog, profiled, options).find("/nonexistent/missing.yaml") != std::string::npos);
}

TEST_CASE("requests: a relative profile is read from profile_dir") {
    LoadResult loaded = load_catalog({std::string(CREDPATH_SOURCE_DIR) + "/tests/data/diff/new"});
    REQUIRE(loaded.ok());
    BatchRequest request;
    request.targets = {"viz-course"};
    request.profile = "learner.yaml";
    ResolveOptions options;
    options.profile_dir = std::string(CREDPATH_SOURCE_DIR) + "/tests/data/diff";
    const ResolvedRequest resolved = resolve_request(loaded.catalog, request, options);
    CHECK(resolved.learner == "Sam Lee");
    CHECK(resolved.request.held == std::vector<std::uint32_t>{*loaded.catalog.find("py-basics")});
}

}  // namespace credpath
