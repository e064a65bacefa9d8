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
