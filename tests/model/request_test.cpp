// What a learner asks: the objectives' names, and the layering of requests,
// the more specific over the more general.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "credpath/model/request.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
using Strings = std::vector<std::string>;

// Every field set.
Request specific_request() {
    Request r;
    r.targets = {"s-target"};
    r.skills = {"s-skill"};
    r.have = {"s-have", "s-have-2"};
    r.exclude = {"s-exclude"};
    r.profile = "specific.yaml";
    r.as_of = Date{2026, 1, 1};
    r.objective = Objective::Hours;
    r.max_cost = 100;
    r.max_weeks = 10;
    r.hours_per_week = 5;
    r.start = Date{2026, 2, 1};
    r.time_limit_seconds = 1;
    return r;
}

Request general_request() {
    Request r;
    r.targets = {"g-target", "g-target-2"};
    r.skills = {"g-skill"};
    r.have = {"g-have"};
    r.exclude = {"g-exclude", "s-exclude"};
    r.profile = "general.yaml";
    r.as_of = Date{2025, 6, 30};
    r.objective = Objective::Weeks;
    r.max_cost = 900;
    r.max_weeks = 90;
    r.hours_per_week = 40;
    r.start = Date{2025, 7, 1};
    r.time_limit_seconds = 300;
    return r;
}
}  // namespace

TEST_CASE("request: kObjectives names the four objectives in order") {
    REQUIRE(std::size(kObjectives) == 4);
    CHECK(kObjectives[0].value == Objective::Cost);
    CHECK(kObjectives[0].name == "cost");
    CHECK(kObjectives[1].value == Objective::Hours);
    CHECK(kObjectives[1].name == "hours");
    CHECK(kObjectives[2].value == Objective::Count);
    CHECK(kObjectives[2].name == "count");
    CHECK(kObjectives[3].value == Objective::Weeks);
    CHECK(kObjectives[3].name == "weeks");
}

TEST_CASE("request: to_string(Objective) and objective_from_string are each other's inverse") {
    CHECK(to_string(Objective::Cost) == "cost");
    CHECK(to_string(Objective::Hours) == "hours");
    CHECK(to_string(Objective::Count) == "count");
    CHECK(to_string(Objective::Weeks) == "weeks");
    CHECK(to_string(static_cast<Objective>(17)) == "");
    for (const Named<Objective>& entry : kObjectives) {
        INFO(entry.name);
        CHECK(objective_from_string(entry.name) == entry.value);
        CHECK(to_string(entry.value) == entry.name);
    }
}

TEST_CASE("request: objective_from_string takes only the exact names") {
    for (const char* text : {"", "Cost", "COST", "cost ", " hours", "hour", "price", "time", "credits", "weeks,"}) {
        INFO(text);
        CHECK_FALSE(objective_from_string(text).has_value());
    }
}

TEST_CASE("request: a default Request has nothing set") {
    const Request r;
    CHECK(r.targets.empty());
    CHECK(r.skills.empty());
    CHECK(r.have.empty());
    CHECK(r.exclude.empty());
    CHECK(r.profile == "");
    CHECK_FALSE(r.as_of.has_value());
    CHECK_FALSE(r.objective.has_value());
    CHECK_FALSE(r.max_cost.has_value());
    CHECK_FALSE(r.max_weeks.has_value());
    CHECK_FALSE(r.hours_per_week.has_value());
    CHECK_FALSE(r.start.has_value());
    CHECK_FALSE(r.time_limit_seconds.has_value());
}

TEST_CASE("request: layer_requests joins the lists, the specific request's first, repeats kept") {
    const Request out = layer_requests(specific_request(), general_request());
    CHECK(out.targets == Strings{"s-target", "g-target", "g-target-2"});
    CHECK(out.skills == Strings{"s-skill", "g-skill"});
    CHECK(out.have == Strings{"s-have", "s-have-2", "g-have"});
    CHECK(out.exclude == Strings{"s-exclude", "g-exclude", "s-exclude"});
    // The other way round, the other order.
    const Request back = layer_requests(general_request(), specific_request());
    CHECK(back.targets == Strings{"g-target", "g-target-2", "s-target"});
    CHECK(back.have == Strings{"g-have", "s-have", "s-have-2"});
}

TEST_CASE("request: layer_requests takes each scalar set in the specific request") {
    const Request out = layer_requests(specific_request(), general_request());
    CHECK(out.profile == "specific.yaml");
    CHECK(out.as_of == Date{2026, 1, 1});
    CHECK(out.objective == Objective::Hours);
    CHECK(out.max_cost == 100.0);
    CHECK(out.max_weeks == 10.0);
    CHECK(out.hours_per_week == 5.0);
    CHECK(out.start == Date{2026, 2, 1});
    CHECK(out.time_limit_seconds == 1.0);
}

TEST_CASE("request: layer_requests falls back to the general request for what the specific one leaves unset") {
    const Request out = layer_requests(Request{}, general_request());
    CHECK(out.targets == Strings{"g-target", "g-target-2"});
    CHECK(out.skills == Strings{"g-skill"});
    CHECK(out.have == Strings{"g-have"});
    CHECK(out.exclude == Strings{"g-exclude", "s-exclude"});
    CHECK(out.profile == "general.yaml");
    CHECK(out.as_of == Date{2025, 6, 30});
    CHECK(out.objective == Objective::Weeks);
    CHECK(out.max_cost == 900.0);
    CHECK(out.max_weeks == 90.0);
    CHECK(out.hours_per_week == 40.0);
    CHECK(out.start == Date{2025, 7, 1});
    CHECK(out.time_limit_seconds == 300.0);
}

TEST_CASE("request: layer_requests field by field: each scalar decided on its own") {
    Request specific;
    specific.max_cost = 0;  // set to zero is set: it wins
    specific.start = Date{2030, 3, 3};
    const Request out = layer_requests(specific, general_request());
    CHECK(out.max_cost == 0.0);
    CHECK(out.start == Date{2030, 3, 3});
    CHECK(out.max_weeks == 90.0);
    CHECK(out.objective == Objective::Weeks);
    CHECK(out.as_of == Date{2025, 6, 30});
    CHECK(out.profile == "general.yaml");
}

TEST_CASE("request: the profile is replaced only when the specific request names one") {
    Request specific;
    Request general;
    general.profile = "learner.yaml";
    CHECK(layer_requests(specific, general).profile == "learner.yaml");
    specific.profile = "wallet.json";
    CHECK(layer_requests(specific, general).profile == "wallet.json");
    general.profile = "";
    CHECK(layer_requests(specific, general).profile == "wallet.json");
    specific.profile = "";
    CHECK(layer_requests(specific, general).profile == "");
}

TEST_CASE("request: layering over an empty general request gives the specific one back") {
    const Request out = layer_requests(specific_request(), Request{});
    const Request expected = specific_request();
    CHECK(out.targets == expected.targets);
    CHECK(out.skills == expected.skills);
    CHECK(out.have == expected.have);
    CHECK(out.exclude == expected.exclude);
    CHECK(out.profile == expected.profile);
    CHECK(out.as_of == expected.as_of);
    CHECK(out.objective == expected.objective);
    CHECK(out.max_cost == expected.max_cost);
    CHECK(out.max_weeks == expected.max_weeks);
    CHECK(out.hours_per_week == expected.hours_per_week);
    CHECK(out.start == expected.start);
    CHECK(out.time_limit_seconds == expected.time_limit_seconds);
    // Two empty requests layer to an empty one.
    const Request none = layer_requests(Request{}, Request{});
    CHECK(none.targets.empty());
    CHECK(none.profile == "");
    CHECK_FALSE(none.objective.has_value());
    CHECK_FALSE(none.time_limit_seconds.has_value());
}

TEST_CASE("request: three layers: batch line over flags over profile") {
    Request line;
    line.targets = {"line-target"};
    line.objective = Objective::Count;
    Request flags;
    flags.targets = {"flag-target"};
    flags.max_cost = 500;
    flags.objective = Objective::Cost;
    Request profile;
    profile.have = {"held"};
    profile.max_cost = 1000;
    profile.hours_per_week = 8;
    const Request out = layer_requests(line, layer_requests(flags, profile));
    CHECK(out.targets == Strings{"line-target", "flag-target"});
    CHECK(out.have == Strings{"held"});
    CHECK(out.objective == Objective::Count);
    CHECK(out.max_cost == 500.0);
    CHECK(out.hours_per_week == 8.0);
    CHECK_FALSE(out.max_weeks.has_value());
}

}  // namespace credpath

namespace credpath {

TEST_CASE("request: over_profile: the request's goal replaces the profile's, other fields layer") {
    Request profile;
    profile.targets = {"p-target"};
    profile.skills = {"p-skill"};
    profile.max_cost = 3000;
    profile.hours_per_week = 10;
    profile.waive = {{"p-waived", "p.yaml:3:8"}};
    Request request;
    request.max_cost = 1000;
    Request out = over_profile(request, profile);
    CHECK(out.targets == Strings{"p-target"});  // no goal of its own: the profile's
    CHECK(out.skills == Strings{"p-skill"});
    CHECK(out.max_cost == std::optional<double>(1000));  // the flag wins
    CHECK(out.hours_per_week == std::optional<double>(10));
    REQUIRE(out.waive.size() == 1);
    request.targets = {"r-target"};
    out = over_profile(request, profile);
    CHECK(out.targets == Strings{"r-target"});  // replaced, not joined
    CHECK(out.skills.empty());
    request.waive = {{"r-waived", "--"}};
    out = over_profile(request, profile);
    REQUIRE(out.waive.size() == 2);  // exceptions join, the request's first
    CHECK(out.waive[0].id == "r-waived");
    CHECK(out.waive[1].id == "p-waived");
}

TEST_CASE("request: layer_requests keeps the specific learner name, else the general one") {
    Request specific;
    Request general;
    general.learner = "General";
    CHECK(layer_requests(specific, general).learner == "General");
    specific.learner = "Specific";
    CHECK(layer_requests(specific, general).learner == "Specific");
}

}  // namespace credpath
