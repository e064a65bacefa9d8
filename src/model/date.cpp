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
