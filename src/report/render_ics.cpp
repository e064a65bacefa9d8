#include "credpath/report/render_ics.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <numeric>

#include "plan_parts.hpp"

namespace credpath {

using namespace render_detail;

namespace {

// RFC 5545 3.1: lines of at most 75 octets, CRLF excluded.
constexpr std::size_t kLineOctets = 75;
// Calendar applications remind a week before each step starts.
constexpr const char* kReminder = "-P7D";
// iCalendar dates have four-digit years.
constexpr int kLastYear = 9999;

std::string ics_date(const Date& date) {
    return fmt::format("{:04}{:02}{:02}", date.year, date.month, date.day);
}

Date next_day(const Date& date) {
    return add(date, Duration{1, 'd'});
}

// The dates of a plan that may have no calendar: from the as-of date then,
// as --start's default, since the planner counted the weeks from there.
PlanView dated(const PlanView& view) {
    PlanView out = view;
    if (!out.start) out.start = view.learner.as_of;
    return out;
}

// Plan step indices in start order (ties in the plan's order): a plan with a
// calendar is in that order already, one without is in the plan's order.
std::vector<std::size_t> start_order(const PlanView& view) {
    std::vector<std::size_t> order(view.plan.steps.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return step_dates(view, a)->start < step_dates(view, b)->start;
    });
    return order;
}

// The exclusive end of a step's event: the day it is done (its finish date,
// as the text table's "finishes"), at least the day after its start.
Date event_end(const StepDates& dates) {
    return std::max(dates.finish, next_day(dates.start));
}

bool is_target(const PlanView& view, std::uint32_t credential) {
    return std::find(view.request.targets.begin(), view.request.targets.end(), credential) !=
           view.request.targets.end();
}

// A URL calendar applications may open: http(s) and URI characters only
// (RFC 3986), else none (a URI value has no escaping to fall back on).
bool linkable(std::string_view url) {
    if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) return false;
    constexpr std::string_view kUriChars = "-._~:/?#[]@!$&'()*+,;=%";
    return std::all_of(url.begin(), url.end(), [&](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
               kUriChars.find(c) != std::string_view::npos;
    });
}

// What a step is and why it is in the plan, a line each (raw text); `ordinal`
// counts in start order, as the text table with a calendar does.
std::vector<std::string> step_description(const PlanView& view, std::size_t index, std::size_t ordinal,
                                          const StepDates& dates) {
    const Catalog& catalog = view.catalog;
    const PlanStep& step = view.plan.steps[index];
    const Credential& c = catalog.credentials[step.credential];
    std::vector<std::string> lines;
    lines.push_back(fmt::format("Step {} of {} of the plan for {}.", ordinal, view.plan.steps.size(), goal_text(view)));
    lines.push_back(c.provider.empty() ? fmt::format("{}: {}.", c.id, to_string(c.kind))
                                       : fmt::format("{}: {} from {}.", c.id, to_string(c.kind), c.provider));
    lines.push_back(fmt::format("Starts {}, done by {}.", to_string(dates.start), to_string(dates.finish)));
    lines.push_back(fmt::format("Cost {} {}, {} hours, {} {}.", cost_text(catalog, c), catalog.currency,
                                format_number(c.hours), credits_text(catalog, c), catalog.credit_unit));
    if (view.schedule && index < view.schedule->steps.size())
        lines.push_back(fmt::format("Study load: {} hours a week.", format_number(view.schedule->steps[index].load)));
    if (c.external) lines.push_back("Known only by reference: its cost, hours and weeks are not known.");
    if (in_progress(view.learner, step.credential)) lines.push_back("In progress: what is left of it.");
    if (std::binary_search(view.renewals.begin(), view.renewals.end(), step.credential))
        lines.push_back("Renews a held credential that lapses before the plan is done.");
    if (is_target(view, step.credential)) lines.push_back("A target of the plan.");
    if (!step.unlocks.empty())
        lines.push_back(fmt::format("Unlocks {}.", fmt::join(id_list(catalog, step.unlocks), ", ")));
    for (const std::string& text : c.also_required) lines.push_back(fmt::format("Also required: {}", text));
    return lines;
}

void add_line(std::string& out, std::string_view line) {
    out += ics_content_line(line);
}

}  // namespace

std::string ics_text(std::string_view text) {
    std::string lines;
    lines.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r') {
            lines += text[i];
            continue;
        }
        lines += '\n';
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
    std::string out;
    for (const char c : controls_as_spaces(lines, "\t\n")) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case ';':
                out += "\\;";
                break;
            case ',':
                out += "\\,";
                break;
            case '\n':
                out += "\\n";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string ics_content_line(std::string_view line) {
    std::string out;
    std::size_t used = 0;  // octets on the current output line
    for (std::size_t i = 0; i < line.size();) {
        // The next unit that must stay whole: an escape pair or a UTF-8 character.
        std::size_t unit = 1;
        if (line[i] == '\\' && i + 1 < line.size())
            unit = 2;
        else
            while (unit < 4 && i + unit < line.size() && (static_cast<unsigned char>(line[i + unit]) & 0xC0) == 0x80 &&
                   static_cast<unsigned char>(line[i]) >= 0xC0)
                ++unit;
        if (used + unit > kLineOctets) {
            out += "\r\n ";
            used = 1;
        }
        out.append(line.substr(i, unit));
        used += unit;
        i += unit;
    }
    out += "\r\n";
    return out;
}

std::string ics_unwritten_reason(const PlanView& view) {
    if (!view.plan.feasible)
        return terminal_safe(fmt::format("no plan for {} (minimize {}): {}; no calendar written", goal_text(view),
                                         to_string(view.request.objective), view.plan.reason));
    if (view.plan.steps.empty())
        return terminal_safe(
            fmt::format("the plan for {} adds nothing (every target is held); no calendar written", goal_text(view)));
    const PlanView with_dates = dated(view);
    for (std::size_t i = 0; i < view.plan.steps.size(); ++i)
        if (event_end(*step_dates(with_dates, i)).year > kLastYear)
            return terminal_safe(fmt::format(
                "{} would finish after {}-12-31, the last day an iCalendar date can name; no calendar written",
                view.catalog.credentials[view.plan.steps[i].credential].id, kLastYear));
    return "";
}

std::string render_plan_ics(const PlanView& given) {
    if (!ics_unwritten_reason(given).empty()) return "";
    const PlanView view = dated(given);
    const Catalog& catalog = view.catalog;
    std::string out;
    const std::string name = ics_text(fmt::format("Plan for {}", goal_text(view)));
    add_line(out, "BEGIN:VCALENDAR");
    add_line(out, "VERSION:2.0");
    add_line(out, "PRODID:-//credpath//credpath plan//EN");
    add_line(out, "CALSCALE:GREGORIAN");
    // The calendar's name: RFC 7986's NAME, and the X-WR-CALNAME most
    // applications read instead.
    add_line(out, "NAME:" + name);
    add_line(out, "X-WR-CALNAME:" + name);
    // The as-of date: a fixed stamp, so that the same request gives the same file.
    const std::string stamp = ics_date(view.learner.as_of) + "T000000Z";
    const std::vector<std::size_t> order = start_order(view);
    for (std::size_t ordinal = 1; ordinal <= order.size(); ++ordinal) {
        const std::size_t index = order[ordinal - 1];
        const PlanStep& step = view.plan.steps[index];
        const Credential& c = catalog.credentials[step.credential];
        const StepDates dates = *step_dates(view, index);
        add_line(out, "BEGIN:VEVENT");
        add_line(out, fmt::format("UID:{}", ics_text(fmt::format("{}-{}@credpath", c.id, ics_date(dates.start)))));
        add_line(out, "DTSTAMP:" + stamp);
        add_line(out, "DTSTART;VALUE=DATE:" + ics_date(dates.start));
        add_line(out, "DTEND;VALUE=DATE:" + ics_date(event_end(dates)));
        add_line(out, "SUMMARY:" + ics_text(c.title.empty() ? c.id : c.title));
        add_line(out, "DESCRIPTION:" +
                          ics_text(fmt::format("{}", fmt::join(step_description(view, index, ordinal, dates), "\n"))));
        if (linkable(c.url)) add_line(out, "URL:" + c.url);
        // Weeks of study are not busy days: the learner's free/busy stays free.
        add_line(out, "TRANSP:TRANSPARENT");
        add_line(out, "BEGIN:VALARM");
        add_line(out, "ACTION:DISPLAY");
        add_line(out, "DESCRIPTION:" +
                          ics_text(fmt::format("In a week: {} ({}) starts on {}", c.title.empty() ? c.id : c.title,
                                               c.id, to_string(dates.start))));
        add_line(out, fmt::format("TRIGGER:{}", kReminder));
        add_line(out, "END:VALARM");
        add_line(out, "END:VEVENT");
    }
    add_line(out, "END:VCALENDAR");
    return out;
}

}  // namespace credpath
