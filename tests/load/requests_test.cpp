// The JSON Lines request reader (and the reader of batch outputs).
#include <doctest/doctest.h>

#include "credpath/load/requests.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {

// The error of the only line of `text`, or "ok".
std::string line_error(const std::string& text) {
    const std::vector<RequestLine> lines = read_requests(text, "r.jsonl");
    REQUIRE(lines.size() == 1);
    return lines[0].ok() ? std::string("ok") : lines[0].error;
}

}  // namespace

TEST_CASE("requests: every field of a line is read") {
    const auto lines = read_requests(
        R"({"id": "ana", "targets": ["a", "b"], "skills": ["sql"], "have": ["x"], "exclude": ["y", "z"], )"
        R"("profile": "p.yaml", "minimize": "weeks", "max_cost": 2000, "max_weeks": 12.5, "as_of": "2027-01-04"})",
        "r.jsonl");
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].ok());
    const Request& r = lines[0].request;
    CHECK(lines[0].id == "ana");
    CHECK(lines[0].line == 1);
    CHECK(r.targets == std::vector<std::string>{"a", "b"});
    CHECK(r.skills == std::vector<std::string>{"sql"});
    CHECK(r.have == std::vector<std::string>{"x"});
    CHECK(r.exclude == std::vector<std::string>{"y", "z"});
    CHECK(r.profile == "p.yaml");
    CHECK(r.objective == std::optional<Objective>(Objective::Weeks));
    CHECK(r.max_cost == std::optional<double>(2000));
    CHECK(r.max_weeks == std::optional<double>(12.5));
    CHECK(r.as_of == std::optional<Date>(Date{2027, 1, 4}));
}

TEST_CASE("requests: defaults, comma-separated strings, blank lines and CRLF") {
    const auto lines =
        read_requests("\n{\"targets\": \"a, b,,c\"}\r\n   \n{\"id\": \"s\", \"skills\": [\"x,y\"]}", "r.jsonl");
    REQUIRE(lines.size() == 2);
    REQUIRE(lines[0].ok());
    CHECK(lines[0].line == 2);
    CHECK(lines[0].id.empty());
    CHECK(request_label(lines[0]) == "line 2");
    CHECK(lines[0].request.targets == std::vector<std::string>{"a", "b", "c"});
    CHECK_FALSE(lines[0].request.objective);
    CHECK_FALSE(lines[0].request.max_cost);
    CHECK_FALSE(lines[0].request.as_of);
    REQUIRE(lines[1].ok());
    CHECK(lines[1].line == 4);
    CHECK(request_label(lines[1]) == "s");
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
    CHECK(lines[1].line == 2);
    CHECK(lines[1].error.rfind("r.jsonl:2: not valid JSON: parse error at column ", 0) == 0);
    CHECK(lines[1].error.find("json.exception") == std::string::npos);
    CHECK(lines[2].ok());
    CHECK(lines[2].id == "c");
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
    CHECK(lines[1].id == "a");
}

TEST_CASE("requests: an unreadable file is an InputError") {
    CHECK_THROWS_AS(read_requests_file("/nonexistent/requests.jsonl"), InputError);
    const auto lines = read_requests_file(std::string(CREDPATH_SOURCE_DIR) + "/tests/data/diff/requests-ok.jsonl");
    REQUIRE(lines.size() == 3);
    CHECK(lines[2].request.objective == std::optional<Objective>(Objective::Hours));
}

}  // namespace credpath

namespace credpath {

TEST_CASE("requests: a line may give a weekly capacity and a start date") {
    const auto lines =
        read_requests(R"({"targets": ["t"], "hours_per_week": 7.5, "start": "2027-01-04"})", "r.jsonl");
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].ok());
    CHECK(lines[0].request.hours_per_week == std::optional<double>(7.5));
    CHECK(lines[0].request.start == std::optional<Date>(Date{2027, 1, 4}));
    CHECK(line_error(R"({"targets": ["t"], "hours_per_week": 0})") == "r.jsonl:1: hours_per_week must be above 0");
    CHECK(line_error(R"({"targets": ["t"], "hours_per_week": "ten"})") ==
          "r.jsonl:1: hours_per_week must be a number, not a string");
    CHECK(line_error(R"({"targets": ["t"], "start": "2027-13-01"})") ==
          "r.jsonl:1: start '2027-13-01' is not a day: month 13 does not exist");
    CHECK(line_error(R"({"targets": ["t"], "strat": "2027-01-01"})") ==
          "r.jsonl:1: unknown key 'strat' (did you mean 'start'?)");
}

}  // namespace credpath
