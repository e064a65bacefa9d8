#include "credpath/model/date.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <chrono>
#include <fmt/format.h>

namespace credpath {

namespace chr = std::chrono;

namespace {
chr::year_month_day to_ymd(const Date& date) {
    return chr::year_month_day{chr::year{date.year}, chr::month{date.month}, chr::day{date.day}};
}
Date from_ymd(const chr::year_month_day& ymd) {
    return Date{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}
bool digits(std::string_view text) {
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

// The numbers of a YYYY-MM-DD text, whether or not they make a real day.
std::optional<Date> date_fields(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
    Date date;
    std::from_chars(y.data(), y.data() + 4, date.year);
    std::from_chars(m.data(), m.data() + 2, date.month);
    std::from_chars(d.data(), d.data() + 2, date.day);
    return date;
}
}  // namespace

std::optional<Date> parse_date(std::string_view text) {
    auto date = date_fields(text);
    if (!date || !to_ymd(*date).ok()) return std::nullopt;
    return date;
}

std::string date_problem(std::string_view text) {
    const auto fields = date_fields(text);
    if (!fields) return "is not a date of the form YYYY-MM-DD";
    const Date& date = *fields;
    if (to_ymd(date).ok()) return {};
    if (date.month < 1 || date.month > 12) return fmt::format("is not a day: month {} does not exist", date.month);
    static constexpr const char* names[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
    const chr::year_month_day_last last{chr::year{date.year}, chr::month_day_last{chr::month{date.month}}};
    return fmt::format("is not a day: {} {} has {} days", names[date.month - 1], date.year,
                       static_cast<unsigned>(last.day()));
}

std::string to_string(const Date& date) { return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day); }

Date today() { return from_ymd(chr::year_month_day{chr::floor<chr::days>(chr::system_clock::now())}); }

Date add(const Date& date, const Duration& duration) {
    const chr::year_month_day ymd = to_ymd(date);
    switch (duration.unit) {
    case 'd': return from_ymd(chr::sys_days{ymd} + chr::days{duration.count});
    case 'w': return from_ymd(chr::sys_days{ymd} + chr::weeks{duration.count});
    default: {
        const auto months = chr::months{duration.unit == 'y' ? 12 * static_cast<long>(duration.count)
                                                             : static_cast<long>(duration.count)};
        chr::year_month_day moved = ymd + months;
        if (!moved.ok()) moved = chr::year_month_day_last{moved.year(), chr::month_day_last{moved.month()}};
        return from_ymd(moved);
    }
    }
}

}  // namespace credpath

namespace credpath {

Date add_weeks(const Date& start, double weeks) {
    const auto days = static_cast<std::uint32_t>(std::lround(std::max(0.0, weeks) * 7));
    return add(start, Duration{days, 'd'});
}

long days_between(const Date& from, const Date& to) {
    return static_cast<long>((chr::sys_days{to_ymd(to)} - chr::sys_days{to_ymd(from)}).count());
}

Instant start_of_day(const Date& date) {
    return Instant{static_cast<std::int64_t>(chr::sys_days{to_ymd(date)}.time_since_epoch().count()) * 86400};
}

Date utc_date(Instant instant) {
    const std::int64_t day = instant.seconds >= 0 ? instant.seconds / 86400 : -((-instant.seconds + 86399) / 86400);
    return from_ymd(chr::year_month_day{chr::sys_days{chr::days{day}}});
}

std::string to_string(Instant instant) {
    const Date day = utc_date(instant);
    const std::int64_t second = instant.seconds - start_of_day(day).seconds;
    return fmt::format("{}T{:02}:{:02}:{:02}Z", to_string(day), second / 3600, second / 60 % 60, second % 60);
}

namespace {
// The time of day and offset after an RFC 3339 date ("T10:00:00Z",
// "T10:00:00.5+02:00"): seconds after midnight, less the offset; or why not.
struct TimeOfDay {
    std::int64_t seconds = 0;
    std::string problem;
};
TimeOfDay time_of_day(std::string_view rest) {
    const auto digits = [&](std::size_t from, std::size_t count) {
        if (rest.size() < from + count) return -1;
        int value = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (rest[i] < '0' || rest[i] > '9') return -1;
            value = value * 10 + (rest[i] - '0');
        }
        return value;
    };
    auto refuse = [](std::string problem) { return TimeOfDay{0, std::move(problem)}; };
    if (rest.empty() || (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' '))
        return refuse("the date is followed by neither T nor a time");
    const int hour = digits(1, 2);
    const int minute = digits(4, 2);
    const int second = digits(7, 2);
    if (hour < 0 || minute < 0 || second < 0 || rest[3] != ':' || rest[6] != ':')
        return refuse("the time is not HH:MM:SS");
    if (hour > 23) return refuse(fmt::format("hour {} does not exist", hour));
    if (minute > 59) return refuse(fmt::format("minute {} does not exist", minute));
    if (second > 60) return refuse(fmt::format("second {} does not exist", second));  // 60: a leap second
    std::size_t at = 9;
    if (at < rest.size() && rest[at] == '.') {
        const std::size_t first = ++at;
        while (at < rest.size() && rest[at] >= '0' && rest[at] <= '9') ++at;
        if (at == first) return refuse("a decimal point without digits after the seconds");
    }
    if (at == rest.size()) return refuse("no time zone (Z or an offset such as +02:00)");
    std::int64_t offset = 0;
    if (rest[at] == 'Z' || rest[at] == 'z') {
        ++at;
    } else if (rest[at] == '+' || rest[at] == '-') {
        const int offset_hour = digits(at + 1, 2);
        const int offset_minute = digits(at + 4, 2);
        if (offset_hour < 0 || offset_minute < 0 || rest[at + 3] != ':')
            return refuse("the time zone offset is not +HH:MM or -HH:MM");
        if (offset_hour > 23 || offset_minute > 59) return refuse("the time zone offset is out of range");
        offset = (rest[at] == '-' ? -1 : 1) * (offset_hour * 3600 + offset_minute * 60);
        at += 6;
    } else {
        return refuse("no time zone (Z or an offset such as +02:00)");
    }
    if (at != rest.size()) return refuse("text after the time zone");
    // A leap second counts as the last second of its minute.
    return TimeOfDay{hour * 3600 + minute * 60 + std::min(second, 59) - offset, ""};
}
}  // namespace

std::optional<Instant> parse_date_time(std::string_view text) {
    const std::optional<Date> day = parse_date(text.substr(0, 10));
    if (!day || text.size() <= 10) return std::nullopt;
    const TimeOfDay time = time_of_day(text.substr(10));
    if (!time.problem.empty()) return std::nullopt;
    return Instant{start_of_day(*day).seconds + time.seconds};
}

std::string date_time_problem(std::string_view text) {
    if (!parse_date(text.substr(0, 10))) return date_problem(text.substr(0, 10));
    if (text.size() <= 10) return "is not an RFC 3339 date-time: it has no time (THH:MM:SSZ)";
    const TimeOfDay time = time_of_day(text.substr(10));
    return time.problem.empty() ? "" : "is not an RFC 3339 date-time: " + time.problem;
}

}  // namespace credpath

namespace credpath {

std::optional<Date> next_intake(const Intakes& intakes, const Date& day) {
    if (!intakes.every) {
        const auto found = std::lower_bound(intakes.dates.begin(), intakes.dates.end(), day);
        if (found == intakes.dates.end()) return std::nullopt;
        return *found;
    }
    const Duration step = *intakes.every;
    std::optional<Date> found;
    if (step.unit == 'm') {
        // Months are not all alike: the k-th intake is `from` plus k x step
        // months (clamped to the month's end), found by a short search.
        const long months_apart = (static_cast<long>(day.year) - intakes.from.year) * 12 +
                                  (static_cast<long>(day.month) - static_cast<long>(intakes.from.month));
        long k = std::max(0L, months_apart / static_cast<long>(step.count) - 1);
        for (;; ++k) {
            const Date candidate = add(intakes.from, Duration{static_cast<std::uint32_t>(k * step.count), 'm'});
            if (!(candidate < day)) {
                found = candidate;
                break;
            }
        }
    } else {
        const long period = static_cast<long>(step.count) * (step.unit == 'w' ? 7 : 1);
        const long behind = days_between(intakes.from, day);
        const long k = behind <= 0 ? 0 : (behind + period - 1) / period;
        found = add(intakes.from, Duration{static_cast<std::uint32_t>(k * period), 'd'});
    }
    if (intakes.until && *intakes.until < *found) return std::nullopt;
    return found;
}

std::optional<Date> last_intake(const Intakes& intakes) {
    if (!intakes.every) {
        if (intakes.dates.empty()) return std::nullopt;
        return intakes.dates.back();
    }
    if (!intakes.until || *intakes.until < intakes.from) return std::nullopt;
    const Duration step = *intakes.every;
    if (step.unit == 'm') {
        Date last = intakes.from;
        for (std::uint32_t k = 1;; ++k) {
            const Date next = add(intakes.from, Duration{k * step.count, 'm'});
            if (*intakes.until < next) return last;
            last = next;
        }
    }
    const long period = static_cast<long>(step.count) * (step.unit == 'w' ? 7 : 1);
    const long steps = days_between(intakes.from, *intakes.until) / period;
    return add(intakes.from, Duration{static_cast<std::uint32_t>(steps * period), 'd'});
}

}  // namespace credpath
