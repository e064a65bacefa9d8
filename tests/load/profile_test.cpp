#include <doctest/doctest.h>

#include "credpath/load/profile.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
Catalog catalog() {
    LoadResult r = load_catalog_text(test::catalog(R"(  - {id: py-fund, title: Python}
  - {id: cpr, title: CPR, valid_for: 2y}
  - {id: hipaa, title: HIPAA, valid_for: 12m}
  - {id: x, title: X}
)"));
    REQUIRE(r.ok());
    return r.catalog;
}
std::string input_error(const std::string& text) {
    try {
        load_profile_text(text, "p.yaml");
    } catch (const InputError& error) {
        std::string out = error.message;
        for (const Diagnostic& d : error.diagnostics) out += "\n" + format_diagnostic(d);
        return out;
    }
    return "no error";
}
}  // namespace

TEST_CASE("profiles load holds with and without dates, and exclusions") {
    Profile p = load_profile_text(R"(format: credpath-profile/1
learner: Alex Doe
holds:
  - py-fund
  - id: cpr
    earned: 2023-04-01
exclude: [x]
)");
    CHECK(p.learner == "Alex Doe");
    REQUIRE(p.holds.size() == 2);
    CHECK(p.holds[0].id == "py-fund");
    CHECK_FALSE(p.holds[0].earned);
    CHECK(p.holds[1].earned == Date{2023, 4, 1});
    CHECK(p.holds[1].origin == "profile.yaml:5:9");
    REQUIRE(p.exclude.size() == 1);
    CHECK(p.exclude[0].id == "x");
}

TEST_CASE("profile faults carry their place") {
    CHECK(input_error("holds: []\n") == "invalid profile p.yaml\np.yaml:1:1: error: missing `format: credpath-profile/1`");
    CHECK(input_error("format: credpath/1\n") ==
          "invalid profile p.yaml\np.yaml:1:9: error: format is 'credpath/1'; a profile has `format: credpath-profile/1`");
    CHECK(input_error("format: credpath-profile/1\nholds:\n  - {id: a, earned: 2023-02-30}\n") ==
          "invalid profile p.yaml\np.yaml:3:21: error: earned '2023-02-30' is not a day: February 2023 has 28 days");
    CHECK(input_error("format: credpath-profile/1\nhold: []\n") ==
          "invalid profile p.yaml\np.yaml:2:1: error: unknown key 'hold' (did you mean 'holds'?)");
    CHECK(input_error("format: credpath-profile/1\nholds: [\n").find("syntax") != std::string::npos);
}

TEST_CASE("expiry: earned + valid_for before the as-of date means not held") {
    Catalog c = catalog();
    std::vector<HeldEntry> holds{{"py-fund", Date{2001, 1, 1}, "p"},
                                 {"cpr", Date{2023, 4, 1}, "p"},
                                 {"hipaa", Date{2024, 1, 31}, "p"}};
    Holdings h = resolve_holdings(c, holds, {{"x", std::nullopt, "p"}}, Date{2025, 4, 1});
    // cpr: valid until 2025-04-01, which is not before the as-of date.
    CHECK(h.held == std::vector<std::uint32_t>{0, 1});
    REQUIRE(h.expired.size() == 1);
    CHECK(h.expired[0].credential == 2);
    CHECK(h.expired[0].expired_on == Date{2025, 1, 31});
    CHECK(h.excluded == std::vector<std::uint32_t>{3});
    Holdings later = resolve_holdings(c, holds, {}, Date{2025, 4, 2});
    CHECK(later.held == std::vector<std::uint32_t>{0});
    CHECK(later.expired.size() == 2);
}

TEST_CASE("unknown held ids are errors with a suggestion") {
    Catalog c = catalog();
    try {
        resolve_holdings(c, {{"py-fnd", std::nullopt, "--have"}}, {{"zzz", std::nullopt, "p.yaml:7:3"}}, Date{2025, 1, 1});
        FAIL("expected an InputError");
    } catch (const InputError& error) {
        CHECK(error.message ==
              "--have: unknown credential 'py-fnd' (did you mean 'py-fund'?)\np.yaml:7:3: unknown credential 'zzz'");
    }
}

TEST_CASE("dates: a refused date says whether the form or the day is wrong") {
    CHECK(date_problem("2024-02-29") == "");
    CHECK(date_problem("2023-02-29") == "is not a day: February 2023 has 28 days");
    CHECK(date_problem("2026-04-31") == "is not a day: April 2026 has 30 days");
    CHECK(date_problem("2026-13-01") == "is not a day: month 13 does not exist");
    CHECK(date_problem("2026-00-10") == "is not a day: month 0 does not exist");
    CHECK(date_problem("2026-01-00") == "is not a day: January 2026 has 31 days");
    CHECK(date_problem("2023-1-01") == "is not a date of the form YYYY-MM-DD");
    CHECK(date_problem("") == "is not a date of the form YYYY-MM-DD");
    CHECK(date_problem("+026-01-01") == "is not a date of the form YYYY-MM-DD");
}

TEST_CASE("dates: parsing and adding durations") {
    CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
    CHECK_FALSE(parse_date("2023-02-29"));
    CHECK_FALSE(parse_date("2023-1-01"));
    CHECK_FALSE(parse_date("yesterday"));
    CHECK(add(Date{2024, 1, 31}, Duration{1, 'm'}) == Date{2024, 2, 29});
    CHECK(add(Date{2024, 2, 29}, Duration{1, 'y'}) == Date{2025, 2, 28});
    CHECK(add(Date{2024, 12, 30}, Duration{3, 'd'}) == Date{2025, 1, 2});
    CHECK(add(Date{2024, 1, 1}, Duration{2, 'w'}) == Date{2024, 1, 15});
    CHECK(to_string(Date{2024, 3, 5}) == "2024-03-05");
}

}  // namespace credpath

namespace credpath {

TEST_CASE("profiles carry the learner's question: goal, objective, limits, calendar, work and exceptions") {
    Profile p = load_profile_text(R"(format: credpath-profile/1
targets: [cert]
skills: [sql]
objective: weeks
budget: 3000
max_weeks: 40
hours_per_week: 10
start: 2027-01-04
in_progress:
  - {id: py-fund, done: 0.6}
  - {id: sql-fund, hours_done: 30, paid: false}
waive: [x]
substitute:
  - {held: cpr, for: hipaa}
)");
    const Request& asks = p.asks;
    CHECK(asks.targets == std::vector<std::string>{"cert"});
    CHECK(p.target_origins == std::vector<std::string>{"profile.yaml:2:11"});
    CHECK(asks.skills == std::vector<std::string>{"sql"});
    CHECK(asks.objective == std::optional<Objective>(Objective::Weeks));
    CHECK(asks.max_cost == std::optional<double>(3000));
    CHECK(asks.max_weeks == std::optional<double>(40));
    CHECK(asks.hours_per_week == std::optional<double>(10));
    CHECK(asks.start == std::optional<Date>(Date{2027, 1, 4}));
    REQUIRE(asks.in_progress.size() == 2);
    CHECK(asks.in_progress[0].id == "py-fund");
    CHECK(asks.in_progress[0].done == std::optional<double>(0.6));
    CHECK(asks.in_progress[0].paid);
    CHECK(asks.in_progress[0].origin == "profile.yaml:10:10");
    CHECK(asks.in_progress[1].hours_done == std::optional<double>(30));
    CHECK_FALSE(asks.in_progress[1].paid);
    REQUIRE(asks.waive.size() == 1);
    CHECK(asks.waive[0].id == "x");
    CHECK(asks.waive[0].origin == "profile.yaml:12:9");
    REQUIRE(asks.substitute.size() == 1);
    CHECK(asks.substitute[0].held == "cpr");
    CHECK(asks.substitute[0].for_id == "hipaa");
}

TEST_CASE("profile: each new key is checked where it is written") {
    const std::string head = "format: credpath-profile/1\n";
    auto error = [&](const std::string& body) { return input_error(head + body); };
    CHECK(error("objective: cots\n") ==
          "invalid profile p.yaml\np.yaml:2:12: error: unknown objective 'cots' (did you mean 'cost'?); expected one "
          "of cost, hours, count, weeks");
    CHECK(error("budjet: 10\n") == "invalid profile p.yaml\np.yaml:2:1: error: unknown key 'budjet' (did you mean 'budget'?)");
    CHECK(error("budget: -1\n") == "invalid profile p.yaml\np.yaml:2:9: error: -1 is negative; this value must be >= 0");
    CHECK(error("hours_per_week: 0\n") ==
          "invalid profile p.yaml\np.yaml:2:17: error: hours_per_week is 0; it must be above 0");
    CHECK(error("max_weeks: ten\n") == "invalid profile p.yaml\np.yaml:2:12: error: max_weeks: expected a number, found 'ten'");
    CHECK(error("start: 2027-02-30\n") ==
          "invalid profile p.yaml\np.yaml:2:8: error: start '2027-02-30' is not a day: February 2027 has 28 days");
    CHECK(error("in_progress: [{id: a, done: 1.5}]\n") ==
          "invalid profile p.yaml\np.yaml:2:29: error: 1.5 is out of range (at most 1)");
    CHECK(error("in_progress: [{id: a}]\n") ==
          "invalid profile p.yaml\np.yaml:2:15: error: an in_progress entry needs `done` (share done, 0 to 1) or "
          "`hours_done`");
    CHECK(error("in_progress: [{id: a, done: 0.5, hours_done: 3}]\n") ==
          "invalid profile p.yaml\np.yaml:2:46: error: an in_progress entry gives `done` (a share) or `hours_done`, "
          "not both");
    CHECK(error("in_progress: [{id: a, done: 0.5, paid: no}]\n") ==
          "invalid profile p.yaml\np.yaml:2:40: error: unknown value of paid 'no'; expected one of true, false");
    CHECK(error("in_progress: [a]\n") ==
          "invalid profile p.yaml\np.yaml:2:15: error: an in_progress entry is a mapping such as {id: X, done: 0.5}; "
          "found a scalar");
    CHECK(error("substitute: [{held: a}]\n") ==
          "invalid profile p.yaml\np.yaml:2:14: error: a substitution needs `for`");
    CHECK(error("substitute: [{held: a, fro: b}]\n").find("unknown key 'fro' (did you mean 'for'?)") != std::string::npos);
    CHECK(error("waive: x\n") == "invalid profile p.yaml\np.yaml:2:8: error: waive: expected a list, found a scalar");
    CHECK(error("targets: [a, [b]]\n").find("p.yaml:2:14: error:") != std::string::npos);
}

TEST_CASE("wallets: a profile's wallets (relative to it) and more besides are read as one learner") {
    const std::string dir = std::string(CREDPATH_SOURCE_DIR) + "/tests/data/badges/";
    const ProfileRead read = read_learner(dir + "profile.yaml", {dir + "tampered.jwt"}, 1u << 20, {});
    REQUIRE(read.profile.has_value());
    CHECK(read.profile->learner == "Sam Okafor");
    CHECK(read.profile->wallets == std::vector<std::string>{"python-essentials.jwt", "sql-foundations.svg",
                                                            "statistics.png", "dashboards-revoked.json",
                                                            "not-yet-valid.json"});
    CHECK(read.profile->holds.size() == 6);  // one badge per wallet
    CHECK(read.profile->holds.back().origin == dir + "tampered.jwt:1:1");
    // Wallets alone: the learner is the first subject's name.
    const ProfileRead alone = read_learner("", {dir + "statistics.png"}, 1u << 20, {});
    REQUIRE(alone.profile.has_value());
    CHECK(alone.path == dir + "statistics.png");
    CHECK(alone.profile->learner == "Sam Okafor");
    // Every wallet's faults together; a missing file among them.
    const ProfileRead bad = read_learner("", {dir + "nope.json", dir + "make-badges"}, 1u << 20, {});
    REQUIRE(bad.fault.has_value());
    CHECK(bad.fault->message == "2 badge wallets could not be read");
    REQUIRE(bad.fault->diagnostics.size() == 2);
    CHECK(bad.fault->diagnostics[0].message.find("nope.json") != std::string::npos);
    CHECK(bad.fault->diagnostics[1].file == dir + "make-badges");
    // The file limit applies to each wallet.
    CHECK(read_learner("", {dir + "statistics.png"}, 100, {}).fault.has_value());
    // A profile names its wallets as a list of strings.
    CHECK_THROWS_AS(load_profile_text("format: credpath-profile/1\nwallets: 5\n"), InputError);
}

}  // namespace credpath
