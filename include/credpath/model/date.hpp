// Calendar dates (ISO 8601, proleptic Gregorian) for expiry and schedules.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include <cstdint>
#include <vector>

namespace credpath {

// A duration such as `3y`: count and unit ('d', 'w', 'm' or 'y').
struct Duration {
    std::uint32_t count = 0;
    char unit = 'd';
};

struct Date {
    int year = 1970;
    unsigned month = 1;
    unsigned day = 1;
    auto operator<=>(const Date&) const = default;
};

// Strict YYYY-MM-DD; nullopt when malformed or not a real day.
std::optional<Date> parse_date(std::string_view text);
// Why parse_date turns `text` down, to follow the quoted text in a message:
// "is not a date of the form YYYY-MM-DD", "is not a day: month 13 does not
// exist", "is not a day: February 2026 has 28 days". "" when it is a date.
std::string date_problem(std::string_view text);
std::string to_string(const Date& date);
// Today in UTC.
Date today();
// `date` plus a duration; a month or year step that lands past the month's
// end clamps to its last day (2024-01-31 + 1m = 2024-02-29).
Date add(const Date& date, const Duration& duration);
// The day `weeks` weeks after `start`, to the nearest day (a plan's weeks
// as calendar dates).
Date add_weeks(const Date& start, double weeks);
// Days from `from` to `to` (negative when `to` is earlier).
long days_between(const Date& from, const Date& to);

// A moment to the second: seconds since 1970-01-01T00:00:00Z. Badges are
// valid from and until moments, not days.
struct Instant {
    std::int64_t seconds = 0;
    auto operator<=>(const Instant&) const = default;
};

// 00:00:00 UTC of `date`; the UTC date of `instant`.
Instant start_of_day(const Date& date);
Date utc_date(Instant instant);
// A strict RFC 3339 date-time ("2026-12-01T10:00:00Z", "...T10:00:00.5+02:00"),
// its offset applied and any fraction of a second dropped; nullopt when
// malformed (date_time_problem says why).
std::optional<Instant> parse_date_time(std::string_view text);
// Why parse_date_time turns `text` down, to follow the quoted text: "is not a
// day: ...", "is not an RFC 3339 date-time: no time zone (Z or an offset such
// as +02:00)". "" when it is one.
std::string date_time_problem(std::string_view text);
// "2026-12-01T10:00:00Z"
std::string to_string(Instant instant);

// When a credential can be started (a catalog's `starts`): on the listed
// dates, or every `every` (unit d, w or m) from `from`, up to `until` when
// given.
struct Intakes {
    std::vector<Date> dates;        // sorted, no repeats; empty when recurring
    std::optional<Duration> every;  // set when recurring
    Date from;
    std::optional<Date> until;
};

// The first intake on or after `day`; nullopt when every intake is earlier.
std::optional<Date> next_intake(const Intakes& intakes, const Date& day);
// The last intake; nullopt when they recur without end.
std::optional<Date> last_intake(const Intakes& intakes);

}  // namespace credpath
