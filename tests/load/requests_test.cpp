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
    // At the end of the line, where the parser ran out of input.
    CHECK(lines[1].error.rfind("r.jsonl:2:29: not valid JSON: parse error: ", 0) == 0);
    CHECK(lines[1].error.find("json.exception") == std::string::npos);
    CHECK(lines[2].ok());
    CHECK(lines[2].id == "c");
}

TEST_CASE("requests: every fault of a line is named, unknown keys with did-you-mean") {
    CHECK(line_error(R"({"id": "a", "targest": ["t"]})") ==
          "r.jsonl:1:13: unknown key 'targest' (did you mean 'targets'?); r.jsonl:1:1: a request needs targets, skills or a profile that names them");
    CHECK(line_error(R"({"targets": ["t"], "colour": 1})") == "r.jsonl:1:20: unknown key 'colour'");
    CHECK(line_error(R"({"targets": ["t"], "targets": ["u"]})") == "r.jsonl:1:13: key 'targets' is given twice");
    CHECK(line_error(R"(["t"])") == "r.jsonl:1:1: a request is a JSON object, not an array");
    CHECK(line_error(R"({"targets": 3})") ==
          "r.jsonl:1:13: targets must be an array of strings, not a number; r.jsonl:1:1: a request needs targets, skills or a profile that names them");
    CHECK(line_error(R"({"targets": ["t", 4]})") ==
          "r.jsonl:1:19: targets must be an array of strings; it holds a number");
    CHECK(line_error(R"({"id": 7, "targets": ["t"]})") == "r.jsonl:1:8: id must be a string, not a number");
    CHECK(line_error(R"({"id": "", "targets": ["t"]})") == "r.jsonl:1:8: id must not be empty");
    CHECK(line_error(R"({"targets": ["t"], "minimize": "wekes"})") ==
          "r.jsonl:1:32: minimize 'wekes' is not cost, hours, count or weeks (did you mean 'weeks'?)");
    CHECK(line_error(R"({"targets": ["t"], "max_cost": "100"})") ==
          "r.jsonl:1:32: max_cost must be a number, not a string");
    CHECK(line_error(R"({"targets": ["t"], "max_weeks": -1})") ==
          "r.jsonl:1:33: max_weeks must be a finite number >= 0, not -1");
    CHECK(line_error(R"({"targets": ["t"], "as_of": "2027-02-30"})") ==
          "r.jsonl:1:29: as_of '2027-02-30' is not a day: February 2027 has 28 days");
    CHECK(line_error(R"({"targets": ["t"], "profile": null})") == "r.jsonl:1:31: profile must be a string, not null");
    CHECK(line_error(R"({"id": "x"})") == "r.jsonl:1:1: a request needs targets, skills or a profile that names them");
    CHECK(line_error("{\"targets\": [\"t\"], \"a\\nb\": 1}") == "r.jsonl:1:20: unknown key 'a\\nb'");
}

TEST_CASE("requests: an id used twice is a fault of the later line") {
    const auto lines =
        read_requests("{\"id\": \"a\", \"targets\": [\"t\"]}\n{\"id\": \"a\", \"skills\": [\"s\"]}\n", "r.jsonl");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].ok());
    CHECK(lines[1].error == "r.jsonl:2:8: id 'a' is used again (first at line 1)");
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
    CHECK(line_error(R"({"targets": ["t"], "hours_per_week": 0})") == "r.jsonl:1:38: hours_per_week must be above 0");
    CHECK(line_error(R"({"targets": ["t"], "hours_per_week": "ten"})") ==
          "r.jsonl:1:38: hours_per_week must be a number, not a string");
    CHECK(line_error(R"({"targets": ["t"], "start": "2027-13-01"})") ==
          "r.jsonl:1:29: start '2027-13-01' is not a day: month 13 does not exist");
    CHECK(line_error(R"({"targets": ["t"], "strat": "2027-01-01"})") ==
          "r.jsonl:1:20: unknown key 'strat' (did you mean 'start'?)");
}

}  // namespace credpath

namespace credpath {

TEST_CASE("requests: a line takes every profile key") {
    const auto lines = read_requests(
        R"({"learner": "Ana", "holds": ["a", {"id": "b", "earned": "2025-03-01"}], "objective": "weeks", )"
        R"("budget": 900, "in_progress": [{"id": "c", "done": 0.5}, {"id": "d", "hours_done": 12, "paid": false}], )"
        R"("waive": ["e"], "substitute": [{"held": "f", "for": "g"}], "format": "credpath-profile/1", "targets": ["t"]})",
        "r.jsonl");
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].ok());
    const Request& r = lines[0].request;
    CHECK(r.learner == "Ana");
    REQUIRE(r.holds.size() == 2);
    CHECK(r.holds[0].id == "a");
    CHECK_FALSE(r.holds[0].earned);
    CHECK(r.holds[1].earned == std::optional<Date>(Date{2025, 3, 1}));
    // Where each name was written, for the resolver's messages.
    CHECK(r.holds[0].origin == "r.jsonl:1:30");
    CHECK(r.holds[1].origin == "r.jsonl:1:42");
    CHECK(r.in_progress[0].origin == "r.jsonl:1:133");
    CHECK(r.origins.targets == std::vector<std::string>{"r.jsonl:1:302"});
    CHECK(r.objective == std::optional<Objective>(Objective::Weeks));
    CHECK(r.max_cost == std::optional<double>(900));
    REQUIRE(r.in_progress.size() == 2);
    CHECK(r.in_progress[0].done == std::optional<double>(0.5));
    CHECK(r.in_progress[0].paid);
    CHECK(r.in_progress[1].hours_done == std::optional<double>(12));
    CHECK_FALSE(r.in_progress[1].paid);
    REQUIRE(r.waive.size() == 1);
    CHECK(r.waive[0].id == "e");
    REQUIRE(r.substitute.size() == 1);
    CHECK(r.substitute[0].held == "f");
    CHECK(r.substitute[0].for_id == "g");
    // A profile may bring the goal.
    CHECK(line_error(R"({"profile": "p.yaml"})") == "ok");
}

TEST_CASE("requests: the profile keys of a line are checked as the others") {
    CHECK(line_error(R"({"targets": ["t"], "objective": "cots"})") ==
          "r.jsonl:1:33: objective 'cots' is not cost, hours, count or weeks (did you mean 'cost'?)");
    CHECK(line_error(R"({"targets": ["t"], "objective": "cost", "minimize": "cost"})") ==
          "r.jsonl:1:33: minimize and objective name the same thing: give one");
    CHECK(line_error(R"({"targets": ["t"], "budget": -5})") == "r.jsonl:1:30: budget must be a finite number >= 0, not -5");
    CHECK(line_error(R"({"targets": ["t"], "in_progress": [{"id": "c", "done": 1.5}]})") ==
          "r.jsonl:1:56: in_progress.done is a share from 0 to 1, not 1.5");
    CHECK(line_error(R"({"targets": ["t"], "in_progress": [{"id": "c"}]})") ==
          "r.jsonl:1:36: in_progress: 'c' needs done (a share, 0 to 1) or hours_done, one of them");
    CHECK(line_error(R"({"targets": ["t"], "in_progress": [{"id": "c", "don": 1}]})") ==
          "r.jsonl:1:48: in_progress: unknown key 'don' (did you mean 'done'?)");
    CHECK(line_error(R"({"targets": ["t"], "in_progress": ["c"]})") ==
          "r.jsonl:1:36: in_progress must be an array of objects such as {\"id\": \"X\", \"done\": 0.5}; it holds a string");
    CHECK(line_error(R"({"targets": ["t"], "substitute": [{"held": "a"}]})") == "r.jsonl:1:35: substitute: an entry needs 'for'");
    CHECK(line_error(R"({"targets": ["t"], "holds": [{"id": "a", "earned": "2025-13-01"}]})").find("holds.earned '2025-13-01'") !=
          std::string::npos);
    CHECK(line_error(R"({"targets": ["t"], "hols": []})") == "r.jsonl:1:20: unknown key 'hols' (did you mean 'holds'?)");
    CHECK(line_error(R"({"targets": ["t"], "format": "credpath/1"})") == "r.jsonl:1:30: format 'credpath/1' is not credpath-profile/1");
}

}  // namespace credpath
