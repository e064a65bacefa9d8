// Calendar dates: strict parsing, the reasons a text is not a date, printing,
// today in UTC and adding durations with month-end clamping.
#include <doctest/doctest.h>

#include <ctime>
#include <string>
#include <vector>

#include "credpath/model/date.hpp"

namespace credpath {

namespace {
Date d(int year, unsigned month, unsigned day) { return Date{year, month, day}; }

// The date of `when` in UTC, by the C library (a second opinion on today()).
Date utc_date(std::time_t when) {
    std::tm parts{};
    ::gmtime_r(&when, &parts);
    return Date{parts.tm_year + 1900, static_cast<unsigned>(parts.tm_mon + 1), static_cast<unsigned>(parts.tm_mday)};
}

std::string added(const Date& date, std::uint32_t count, char unit) { return to_string(add(date, Duration{count, unit})); }
}  // namespace

TEST_CASE("date: a default Date is 1970-01-01") {
    const Date date;
    CHECK(date.year == 1970);
    CHECK(date.month == 1u);
    CHECK(date.day == 1u);
    CHECK(to_string(date) == "1970-01-01");
}

TEST_CASE("date: parse_date reads YYYY-MM-DD into its fields") {
    const auto date = parse_date("2024-02-29");
    REQUIRE(date.has_value());
    CHECK(date->year == 2024);
    CHECK(date->month == 2u);
    CHECK(date->day == 29u);
    CHECK(parse_date("1999-12-31") == d(1999, 12, 31));
    CHECK(parse_date("2000-02-29") == d(2000, 2, 29));  // divisible by 400: a leap year
    CHECK(parse_date("0000-01-01") == d(0, 1, 1));
    CHECK(parse_date("9999-12-31") == d(9999, 12, 31));
    CHECK(parse_date("2026-04-30") == d(2026, 4, 30));
    CHECK(parse_date("0042-07-04") == d(42, 7, 4));
}

TEST_CASE("date: parse_date turns down anything but exactly ten characters of the form") {
    for (const char* text : {"", "2024-1-01", "2024-01-1", "24-01-01", "2024-01-011", "20240-01-01", " 2024-01-01",
                             "2024-01-01 ", "2024/01/01", "2024.01.01", "2024-01_01", "20240101", "2024-0a-01",
                             "2024-01-0x", "x024-01-01", "+024-01-01", "-024-01-01", "2024--1-01", "2024-01--1",
                             "2024-01-01T00:00", "２024-01-01"}) {
        INFO(text);
        CHECK_FALSE(parse_date(text).has_value());
        CHECK(date_problem(text) == "is not a date of the form YYYY-MM-DD");
    }
}

TEST_CASE("date: parse_date turns down numbers that name no day") {
    for (const char* text : {"2023-02-29", "1900-02-29", "2100-02-29", "2024-02-30", "2024-04-31", "2024-06-31",
                             "2024-09-31", "2024-11-31", "2024-01-32", "2024-13-01", "2024-00-10", "2024-01-00",
                             "2024-99-99", "2024-12-00"}) {
        INFO(text);
        CHECK_FALSE(parse_date(text).has_value());
        CHECK(date_problem(text) != "");
    }
}

TEST_CASE("date: date_problem is empty for a date") {
    CHECK(date_problem("2024-02-29") == "");
    CHECK(date_problem("2026-12-31") == "");
    CHECK(date_problem("0000-01-01") == "");
}

TEST_CASE("date: date_problem names a month that does not exist") {
    CHECK(date_problem("2026-13-01") == "is not a day: month 13 does not exist");
    CHECK(date_problem("2026-00-05") == "is not a day: month 0 does not exist");
    CHECK(date_problem("2026-99-99") == "is not a day: month 99 does not exist");
    // The month is checked before the day.
    CHECK(date_problem("2026-13-32") == "is not a day: month 13 does not exist");
}

TEST_CASE("date: date_problem says how many days the month has") {
    CHECK(date_problem("2026-02-29") == "is not a day: February 2026 has 28 days");
    CHECK(date_problem("2024-02-30") == "is not a day: February 2024 has 29 days");
    CHECK(date_problem("1900-02-29") == "is not a day: February 1900 has 28 days");
    CHECK(date_problem("2026-01-32") == "is not a day: January 2026 has 31 days");
    CHECK(date_problem("2026-03-32") == "is not a day: March 2026 has 31 days");
    CHECK(date_problem("2026-04-31") == "is not a day: April 2026 has 30 days");
    CHECK(date_problem("2026-05-32") == "is not a day: May 2026 has 31 days");
    CHECK(date_problem("2026-06-31") == "is not a day: June 2026 has 30 days");
    CHECK(date_problem("2026-07-32") == "is not a day: July 2026 has 31 days");
    CHECK(date_problem("2026-08-32") == "is not a day: August 2026 has 31 days");
    CHECK(date_problem("2026-09-31") == "is not a day: September 2026 has 30 days");
    CHECK(date_problem("2026-10-32") == "is not a day: October 2026 has 31 days");
    CHECK(date_problem("2026-11-31") == "is not a day: November 2026 has 30 days");
    CHECK(date_problem("2026-12-99") == "is not a day: December 2026 has 31 days");
}

TEST_CASE("date: to_string pads every field") {
    CHECK(to_string(d(2024, 2, 9)) == "2024-02-09");
    CHECK(to_string(d(2026, 12, 31)) == "2026-12-31");
    CHECK(to_string(d(5, 1, 1)) == "0005-01-01");
    CHECK(to_string(d(0, 10, 10)) == "0000-10-10");
}

TEST_CASE("date: to_string and parse_date round-trip") {
    for (const char* text : {"2024-02-29", "0001-01-01", "1970-01-01", "2038-01-19", "9999-12-31"}) {
        INFO(text);
        const auto date = parse_date(text);
        REQUIRE(date.has_value());
        CHECK(to_string(*date) == text);
    }
}

TEST_CASE("date: dates order by year, then month, then day") {
    CHECK(d(2024, 1, 1) < d(2025, 1, 1));
    CHECK(d(2024, 12, 31) < d(2025, 1, 1));
    CHECK(d(2024, 2, 1) < d(2024, 10, 1));
    CHECK(d(2024, 2, 28) < d(2024, 2, 29));
    CHECK(d(2024, 2, 29) == d(2024, 2, 29));
    CHECK(d(2024, 2, 29) != d(2024, 3, 1));
    CHECK(d(2025, 1, 1) > d(2024, 12, 31));
    CHECK(d(2024, 3, 1) >= d(2024, 3, 1));
    CHECK_FALSE(d(2024, 3, 2) <= d(2024, 3, 1));
}

TEST_CASE("date: today is the UTC date") {
    const std::time_t before = std::time(nullptr);
    const Date now = today();
    const std::time_t after = std::time(nullptr);
    // Midnight may pass between the two readings.
    const bool matches = now == utc_date(before) || now == utc_date(after);
    CHECK(matches);
    CHECK(parse_date(to_string(now)) == now);
    CHECK(now >= d(2024, 1, 1));
}

TEST_CASE("date: add days and weeks") {
    CHECK(added(d(2024, 1, 1), 0, 'd') == "2024-01-01");
    CHECK(added(d(2024, 1, 31), 1, 'd') == "2024-02-01");
    CHECK(added(d(2024, 2, 28), 1, 'd') == "2024-02-29");
    CHECK(added(d(2023, 2, 28), 1, 'd') == "2023-03-01");
    CHECK(added(d(2024, 12, 31), 1, 'd') == "2025-01-01");
    CHECK(added(d(2023, 1, 1), 365, 'd') == "2024-01-01");
    CHECK(added(d(2024, 1, 1), 365, 'd') == "2024-12-31");  // 2024 has 366 days
    CHECK(added(d(2024, 1, 1), 100000, 'd') == "2297-10-16");
    CHECK(added(d(2024, 1, 1), 1, 'w') == "2024-01-08");
    CHECK(added(d(2024, 2, 22), 2, 'w') == "2024-03-07");
    CHECK(added(d(2024, 12, 25), 52, 'w') == "2025-12-24");
    CHECK(added(d(2024, 1, 1), 0, 'w') == "2024-01-01");
}

TEST_CASE("date: add months, clamping to the month's last day") {
    CHECK(added(d(2024, 1, 15), 1, 'm') == "2024-02-15");
    CHECK(added(d(2024, 1, 31), 1, 'm') == "2024-02-29");
    CHECK(added(d(2023, 1, 31), 1, 'm') == "2023-02-28");
    CHECK(added(d(2024, 3, 31), 1, 'm') == "2024-04-30");
    CHECK(added(d(2024, 8, 31), 1, 'm') == "2024-09-30");
    CHECK(added(d(2024, 1, 31), 2, 'm') == "2024-03-31");  // no clamping when the day exists
    CHECK(added(d(2024, 11, 15), 3, 'm') == "2025-02-15");
    CHECK(added(d(2024, 11, 30), 3, 'm') == "2025-02-28");
    CHECK(added(d(2024, 5, 5), 12, 'm') == "2025-05-05");
    CHECK(added(d(2024, 5, 5), 0, 'm') == "2024-05-05");
    CHECK(added(d(2024, 12, 31), 14, 'm') == "2026-02-28");
}

TEST_CASE("date: add years, a leap day becoming February 28 when the year has none") {
    CHECK(added(d(2024, 2, 29), 1, 'y') == "2025-02-28");
    CHECK(added(d(2024, 2, 29), 4, 'y') == "2028-02-29");
    CHECK(added(d(2024, 2, 29), 100, 'y') == "2124-02-29");
    CHECK(added(d(2096, 2, 29), 4, 'y') == "2100-02-28");  // 2100 is no leap year
    CHECK(added(d(2023, 6, 15), 3, 'y') == "2026-06-15");
    CHECK(added(d(2023, 6, 15), 0, 'y') == "2023-06-15");
    // A year is twelve months.
    for (const Date& from : {d(2024, 2, 29), d(2023, 1, 31), d(2020, 12, 31)})
        CHECK(add(from, Duration{2, 'y'}) == add(from, Duration{24, 'm'}));
}

TEST_CASE("date: add does not change its argument") {
    const Date from = d(2024, 1, 31);
    const Date later = add(from, Duration{1, 'm'});
    CHECK(from == d(2024, 1, 31));
    CHECK(later == d(2024, 2, 29));
}

}  // namespace credpath

namespace credpath {

TEST_CASE("date: days_between counts calendar days, across months and leap years") {
    CHECK(days_between(Date{2027, 1, 4}, Date{2027, 1, 4}) == 0);
    CHECK(days_between(Date{2027, 1, 4}, Date{2027, 2, 1}) == 28);
    CHECK(days_between(Date{2028, 2, 28}, Date{2028, 3, 1}) == 2);  // 2028 is a leap year
    CHECK(days_between(Date{2027, 2, 1}, Date{2027, 1, 4}) == -28);
}

TEST_CASE("date: add_weeks rounds a plan's weeks to the nearest day") {
    CHECK(add_weeks(Date{2027, 1, 4}, 0) == Date{2027, 1, 4});
    CHECK(add_weeks(Date{2027, 1, 4}, 2) == Date{2027, 1, 18});
    CHECK(add_weeks(Date{2027, 1, 4}, 3.29) == Date{2027, 1, 27});  // 23.03 days
    CHECK(add_weeks(Date{2027, 1, 4}, -1) == Date{2027, 1, 4});     // never before the start
}

}  // namespace credpath

namespace credpath {

TEST_CASE("date: next_intake on listed dates, and on recurring ones in days, weeks and months") {
    Intakes listed;
    listed.dates = {Date{2027, 1, 11}, Date{2027, 9, 6}};
    CHECK(next_intake(listed, Date{2027, 1, 4}) == std::optional<Date>(Date{2027, 1, 11}));
    CHECK(next_intake(listed, Date{2027, 1, 11}) == std::optional<Date>(Date{2027, 1, 11}));  // on the day
    CHECK(next_intake(listed, Date{2027, 1, 12}) == std::optional<Date>(Date{2027, 9, 6}));
    CHECK_FALSE(next_intake(listed, Date{2027, 9, 7}));  // every intake is past

    Intakes weekly;
    weekly.every = Duration{4, 'w'};
    weekly.from = Date{2027, 1, 4};
    CHECK(next_intake(weekly, Date{2026, 12, 1}) == std::optional<Date>(Date{2027, 1, 4}));  // not before from
    CHECK(next_intake(weekly, Date{2027, 1, 5}) == std::optional<Date>(Date{2027, 2, 1}));
    CHECK(next_intake(weekly, Date{2027, 2, 1}) == std::optional<Date>(Date{2027, 2, 1}));
    weekly.until = Date{2027, 2, 28};
    CHECK_FALSE(next_intake(weekly, Date{2027, 3, 2}));  // the next would be 2027-03-01, after until

    Intakes monthly;
    monthly.every = Duration{1, 'm'};
    monthly.from = Date{2027, 1, 31};
    CHECK(next_intake(monthly, Date{2027, 2, 1}) == std::optional<Date>(Date{2027, 2, 28}));  // clamped
    CHECK(next_intake(monthly, Date{2027, 3, 1}) == std::optional<Date>(Date{2027, 3, 31}));
    CHECK(next_intake(monthly, Date{2029, 6, 15}) == std::optional<Date>(Date{2029, 6, 30}));
}

TEST_CASE("date: moments to the second, RFC 3339 with offsets, and back in UTC") {
    CHECK(start_of_day(Date{1970, 1, 1}).seconds == 0);
    CHECK(start_of_day(Date{2026, 12, 1}).seconds == 1796083200);
    CHECK(utc_date(Instant{1796083200 + 86399}) == Date{2026, 12, 1});
    CHECK(utc_date(Instant{-1}) == Date{1969, 12, 31});
    CHECK(to_string(Instant{-1}) == "1969-12-31T23:59:59Z");
    CHECK(parse_date_time("2026-12-01T10:00:00+02:00") == Instant{1796083200 + 8 * 3600});
    CHECK(parse_date_time("2026-12-01T10:00:00.999Z") == Instant{1796083200 + 10 * 3600});
    CHECK(parse_date_time("2026-11-30T23:30:00-01:00") == Instant{1796083200 + 1800});
    CHECK(to_string(*parse_date_time("2026-11-30T23:30:00-01:00")) == "2026-12-01T00:30:00Z");
    CHECK(parse_date_time("2016-12-31T23:59:60Z") == parse_date_time("2016-12-31T23:59:59Z"));  // a leap second
    CHECK_FALSE(parse_date_time("2026-12-01").has_value());
    CHECK_FALSE(parse_date_time("2026-12-01T10:00:00").has_value());
    CHECK(date_time_problem("2026-12-01") == "is not an RFC 3339 date-time: it has no time (THH:MM:SSZ)");
    CHECK(date_time_problem("2026-02-30T00:00:00Z") == "is not a day: February 2026 has 28 days");
    CHECK(date_time_problem("2026-12-01T24:00:00Z") == "is not an RFC 3339 date-time: hour 24 does not exist");
    CHECK(date_time_problem("2026-12-01T10:00:00Z").empty());
}

}  // namespace credpath
