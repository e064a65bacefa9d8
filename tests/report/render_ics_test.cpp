// The plan as an iCalendar file (src/report/render_ics.cpp): TEXT escaping,
// line folding and CRLF by hand, and every calendar parsed back by libical
// (its parser marks each fault with an X-LIC-ERROR property), the golden CLI
// outputs included.
#include <doctest/doctest.h>

#include <fmt/format.h>
#include <libical/ical.h>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "credpath/load/check.hpp"
#include "credpath/load/loader.hpp"
#include "credpath/plan/schedule.hpp"
#include "credpath/report/render_ics.hpp"
#include "test_support.hpp"

using namespace credpath;

namespace {

const char* const kCatalog = R"yaml(
format: credpath/1
catalog:
  currency: EUR
  credit_unit: ECTS
credentials:
  - id: basics
    title: "Basics; one, two \\ three"
    kind: badge
    provider: Open School
    cost: 100
    hours: 20
    weeks: 2
    credits: 1
    url: https://example.org/basics?a=1&b=2
  - id: advanced
    title: "Ünïcode Advanced Course — a title long enough to be folded over more than one line"
    provider: "Line one\nline two"
    cost: 250.5
    hours: 40
    weeks: 4
    credits: 3
    url: "javascript:alert(1)"
    requires: basics
  - id: side
    title: Side Course
    hours: 10
    weeks: 1
  - id: award
    title: The Award
    kind: certificate
    requires: {all: [advanced, side]}
)yaml";

struct Scenario {
    CheckedCatalog checked;
    PlanRequest request;
    Plan plan;
    Learner learner;

    std::uint32_t index(std::string_view id) const { return *checked.catalog.find(id); }

    explicit Scenario(const char* text = kCatalog, const char* target = "award")
        : checked(check_catalog(load_catalog_text(text, "t.yaml"))) {
        REQUIRE(checked.ok());
        request.targets = {index(target)};
        request.time_limit_seconds = 60;
        plan = make_plan(checked.catalog, checked.graph, request);
        learner.as_of = Date{2026, 11, 28};
    }

    PlanView view(std::optional<Date> start = Date{2027, 1, 4}, const CapacitySchedule* schedule = nullptr) const {
        return PlanView{checked.catalog, checked.graph, request, plan, learner, start, schedule, {}};
    }
};

std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", start)) {
        lines.push_back(text.substr(start, at - start));
        start = at + 2;
    }
    CHECK(start == text.size());  // ends in CRLF
    return lines;
}

// RFC 5545 3.1 by hand: CRLF only, at most 75 octets a line, a continuation
// never begins inside a UTF-8 character.
void check_lines(const std::string& text) {
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
        REQUIRE(at > 0);
        CHECK(text[at - 1] == '\r');
    }
    for (std::size_t at = text.find('\r'); at != std::string::npos; at = text.find('\r', at + 1))
        CHECK(text.compare(at, 2, "\r\n") == 0);
    for (const std::string& line : physical_lines(text)) {
        CHECK_MESSAGE(line.size() <= 75, line);
        CHECK_FALSE(line.empty());
        if (line.size() > 1 && line[0] == ' ') CHECK((static_cast<unsigned char>(line[1]) & 0xC0) != 0x80);
    }
}

std::string unfold(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

struct ComponentFree {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// What libical found wrong anywhere in `c`: its X-LIC-ERROR texts.
void lic_errors(icalcomponent* c, std::vector<std::string>& out) {
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
        out.emplace_back(icalproperty_get_xlicerror(p));
    for (icalcomponent* sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        lic_errors(sub, out);
}

// One event as libical reads it back.
struct Event {
    std::string uid, summary, description, start, end, url, alarm_action, alarm_text;
    int trigger_seconds = 0;
    int alarms = 0;
};

std::string date_of(icaltimetype t) {
    CHECK(t.is_date);
    return fmt::format("{:04}-{:02}-{:02}", t.year, t.month, t.day);
}

std::string text_of(const char* text) {
    return text ? text : "";
}

// Parses `text` strictly: one VCALENDAR, no fault libical marks, none of
// its restrictions broken (with no METHOD, RFC 5545's own), the events.
std::vector<Event> parse_back(const std::string& text) {
    icalerror_set_errors_are_fatal(0);
    const Component root{icalparser_parse_string(text.c_str())};
    REQUIRE(root);
    REQUIRE(icalcomponent_isa(root.get()) == ICAL_VCALENDAR_COMPONENT);
    std::vector<std::string> errors;
    lic_errors(root.get(), errors);
    CHECK(errors == std::vector<std::string>{});
    CHECK(icalrestriction_check(root.get()) == 1);
    errors.clear();
    lic_errors(root.get(), errors);  // what the restriction check added
    CHECK(errors == std::vector<std::string>{});
    CHECK(text_of(icalcomponent_get_first_property(root.get(), ICAL_VERSION_PROPERTY)
                      ? icalproperty_get_version(icalcomponent_get_first_property(root.get(), ICAL_VERSION_PROPERTY))
                      : nullptr) == "2.0");
    std::vector<Event> events;
    for (icalcomponent* e = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT)) {
        Event event;
        event.uid = text_of(icalcomponent_get_uid(e));
        event.summary = text_of(icalcomponent_get_summary(e));
        event.description = text_of(icalcomponent_get_description(e));
        event.start = date_of(icalcomponent_get_dtstart(e));
        event.end = date_of(icalcomponent_get_dtend(e));
        if (icalproperty* url = icalcomponent_get_first_property(e, ICAL_URL_PROPERTY))
            event.url = text_of(icalproperty_get_url(url));
        CHECK(icalcomponent_get_first_property(e, ICAL_DTSTAMP_PROPERTY));
        for (icalcomponent* a = icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT); a;
             a = icalcomponent_get_next_component(e, ICAL_VALARM_COMPONENT)) {
            ++event.alarms;
            icalproperty* action = icalcomponent_get_first_property(a, ICAL_ACTION_PROPERTY);
            REQUIRE(action);
            event.alarm_action = icalproperty_get_action(action) == ICAL_ACTION_DISPLAY ? "DISPLAY" : "other";
            event.alarm_text = text_of(icalcomponent_get_description(a));
            icalproperty* trigger = icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY);
            REQUIRE(trigger);
            const icaltriggertype t = icalproperty_get_trigger(trigger);
            event.trigger_seconds = icaldurationtype_as_int(t.duration);
        }
        events.push_back(event);
    }
    return events;
}

std::string read_source_file(const std::string& path) {
    std::ifstream in(std::string(CREDPATH_SOURCE_DIR) + "/" + path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

// ---- escaping and folding

TEST_CASE("ics_text: backslash, semicolon, comma and newline escaped; CR as newline, controls as spaces") {
    CHECK(ics_text("plain: \"quoted\"") == "plain: \"quoted\"");
    CHECK(ics_text("a\\b;c,d") == "a\\\\b\\;c\\,d");
    CHECK(ics_text("one\ntwo") == "one\\ntwo");
    CHECK(ics_text("one\r\ntwo\rthree") == "one\\ntwo\\nthree");
    CHECK(ics_text("tab\there") == "tab\there");
    CHECK(ics_text("esc\x1b[31m bell\x07 del\x7f c1\xc2\x9b") == "esc [31m bell  del  c1 ");
    CHECK(ics_text("\xc3\xbc \xe2\x80\xa8") == "\xc3\xbc \xe2\x80\xa8");  // text, not controls
}

TEST_CASE("ics_content_line: short lines as they are, with CRLF") {
    CHECK(ics_content_line("BEGIN:VEVENT") == "BEGIN:VEVENT\r\n");
    const std::string full(75, 'x');
    CHECK(ics_content_line(full) == full + "\r\n");
}

TEST_CASE("ics_content_line: folded at 75 octets, continuations begin with a space and hold 74") {
    const std::string line(75 + 74 + 3, 'x');
    CHECK(ics_content_line(line) ==
          std::string(75, 'x') + "\r\n " + std::string(74, 'x') + "\r\n " + std::string(3, 'x') + "\r\n");
}

TEST_CASE("ics_content_line: never inside a UTF-8 character") {
    // 'ü' is 2 octets, '€' 3, '😀' 4: whatever the offset, each stays whole.
    for (const std::string character : {"\xc3\xbc", "\xe2\x82\xac", "\xf0\x9f\x98\x80"})
        for (std::size_t offset = 0; offset < 5; ++offset) {
            std::string line = "SUMMARY:" + std::string(offset, 'a');
            for (int i = 0; i < 60; ++i) line += character;
            const std::string folded = ics_content_line(line);
            check_lines(folded);
            CHECK(unfold(folded) == line + "\r\n");
        }
}

TEST_CASE("ics_content_line: never between a backslash and what it escapes") {
    // The escape would straddle octets 75 and 76: the line breaks before it.
    const std::string line = std::string(74, 'x') + "\\,rest";
    CHECK(ics_content_line(line) == std::string(74, 'x') + "\r\n \\,rest\r\n");
    const std::string escaped_backslash = std::string(74, 'x') + "\\\\n";
    CHECK(ics_content_line(escaped_backslash) == std::string(74, 'x') + "\r\n \\\\n\r\n");
}

// ---- the check itself

TEST_CASE("parse-back: libical marks what is no iCalendar, so the checks above can fail") {
    icalerror_set_errors_are_fatal(0);
    const std::string faulty =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:u\r\nDTSTAMP:20261128T000000Z\r\nDTSTART;VALUE=DATE:202701\r\n"
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:d\r\nTRIGGER:-7D\r\nEND:VALARM\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n";
    const Component root{icalparser_parse_string(faulty.c_str())};
    REQUIRE(root);
    std::vector<std::string> errors;
    lic_errors(root.get(), errors);
    CHECK(errors.size() == 2);  // the short date, the duration without its P (in the alarm)
    // An iTIP PUBLISH needs an ORGANIZER, which a plan has not: why the file has no METHOD.
    const std::string published =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:PUBLISH\r\n"
        "BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20261128T000000Z\r\n"
        "DTSTART;VALUE=DATE:20270104\r\nSUMMARY:s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const Component publish{icalparser_parse_string(published.c_str())};
    REQUIRE(publish);
    CHECK(icalrestriction_check(publish.get()) == 0);
}

// ---- the calendar

TEST_CASE("render_plan_ics: one all-day event per step in start order, each with a reminder a week before") {
    const Scenario s;
    REQUIRE(s.plan.feasible);
    REQUIRE(s.plan.steps.size() == 4);
    const std::string ics = render_plan_ics(s.view());
    check_lines(ics);
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//credpath//credpath plan//EN\r\nCALSCALE:GREGORIAN\r\n",
                    0) == 0);
    CHECK(ics.find("METHOD:") == std::string::npos);  // a snapshot to import, not an iTIP message
    CHECK(ics.find("DTSTAMP:20261128T000000Z\r\n") != std::string::npos);
    CHECK(ics.size() >= 15);
    CHECK(ics.substr(ics.size() - 15) == "END:VCALENDAR\r\n");

    const std::vector<Event> events = parse_back(ics);
    REQUIRE(events.size() == 4);
    // basics 0-2, side 0-1, advanced 2-6, award 6-6 (a day).
    CHECK(events[0].uid == "basics-20270104@credpath");
    CHECK(events[0].start == "2027-01-04");
    CHECK(events[0].end == "2027-01-18");  // exclusive: the day it is done
    CHECK(events[1].uid == "side-20270104@credpath");
    CHECK(events[1].end == "2027-01-11");
    CHECK(events[2].uid == "advanced-20270118@credpath");
    CHECK(events[2].start == "2027-01-18");
    CHECK(events[2].end == "2027-02-15");
    CHECK(events[3].uid == "award-20270215@credpath");
    CHECK(events[3].start == "2027-02-15");
    CHECK(events[3].end == "2027-02-16");
    for (const Event& e : events) {
        CHECK(e.alarms == 1);
        CHECK(e.alarm_action == "DISPLAY");
        CHECK(e.trigger_seconds == -7 * 24 * 3600);
    }
    CHECK(events[0].alarm_text == "In a week: Basics; one, two \\ three (basics) starts on 2027-01-04");
}

TEST_CASE("render_plan_ics: titles and descriptions read back as the catalog wrote them") {
    const Scenario s;
    const std::vector<Event> events = parse_back(render_plan_ics(s.view()));
    REQUIRE(events.size() == 4);
    CHECK(events[0].summary == "Basics; one, two \\ three");
    CHECK(events[0].description ==
          "Step 1 of 4 of the plan for award.\n"
          "basics: badge from Open School.\n"
          "Starts 2027-01-04, done by 2027-01-18.\n"
          "Cost 100 EUR, 20 hours, 1 ECTS.\n"
          "Unlocks advanced.");
    CHECK(events[2].summary == "Ünïcode Advanced Course — a title long enough to be folded over more than one line");
    CHECK(events[2].description ==
          "Step 3 of 4 of the plan for award.\n"
          "advanced: microcredential from Line one\nline two.\n"
          "Starts 2027-01-18, done by 2027-02-15.\n"
          "Cost 250.50 EUR, 40 hours, 3 ECTS.\n"
          "Unlocks award.");
    CHECK(events[3].description ==
          "Step 4 of 4 of the plan for award.\n"
          "award: certificate.\n"
          "Starts 2027-02-15, done by 2027-02-15.\n"
          "Cost 0 EUR, 0 hours, 0 ECTS.\n"
          "A target of the plan.");
}

TEST_CASE("render_plan_ics: a web address only when calendar applications may open it") {
    const Scenario s;
    const std::vector<Event> events = parse_back(render_plan_ics(s.view()));
    REQUIRE(events.size() == 4);
    CHECK(events[0].url == "https://example.org/basics?a=1&b=2");
    CHECK(events[2].url == "");  // javascript: is left out
}

TEST_CASE("render_plan_ics: without a calendar the dates count from the as-of date") {
    const Scenario s;
    const std::vector<Event> events = parse_back(render_plan_ics(s.view(std::nullopt)));
    REQUIRE(events.size() == 4);
    CHECK(events[0].start == "2026-11-28");
    CHECK(events[3].start == "2027-01-09");
    CHECK(render_plan_ics(s.view(std::nullopt)) == render_plan_ics(s.view(Date{2026, 11, 28})));
}

TEST_CASE("render_plan_ics: under a capacity the dates and weekly hours are the schedule's") {
    const Scenario s;
    const CapacitySchedule schedule = schedule_with_capacity(s.checked.catalog, {}, s.plan, 10, Date{2027, 1, 4});
    REQUIRE(schedule.feasible);
    const std::vector<Event> events = parse_back(render_plan_ics(s.view(Date{2027, 1, 4}, &schedule)));
    REQUIRE(events.size() == 4);
    std::set<std::string> expected, got;
    for (const ScheduledStep& step : schedule.steps) {
        const Date start = add_weeks(Date{2027, 1, 4}, step.start_week);
        expected.insert(fmt::format(
            "{}-{:04}{:02}{:02}@credpath {} {}", s.checked.catalog.credentials[step.credential].id, start.year,
            start.month, start.day, to_string(start),
            to_string(std::max(add_weeks(Date{2027, 1, 4}, step.finish_week), add(start, Duration{1, 'd'})))));
    }
    for (const Event& e : events) got.insert(fmt::format("{} {} {}", e.uid, e.start, e.end));
    CHECK(got == expected);
    // 10 hours a week: basics and side cannot run side by side.
    CHECK(events[0].start != events[1].start);
    CHECK(events[0].description.find("\nStudy load: 10 hours a week.\n") != std::string::npos);
}

TEST_CASE("ics_unwritten_reason: no calendar for no plan, an empty plan or a date past 9999") {
    Scenario s;
    CHECK(ics_unwritten_reason(s.view()) == "");
    s.plan.feasible = false;
    s.plan.reason = "cannot reach target award: \x1b[31mno way";
    CHECK(ics_unwritten_reason(s.view()) ==
          "no plan for award (minimize cost): cannot reach target award:  [31mno way; no calendar written");
    CHECK(render_plan_ics(s.view()) == "");
    s.plan.feasible = true;
    s.plan.steps.clear();
    CHECK(ics_unwritten_reason(s.view()) ==
          "the plan for award adds nothing (every target is held); no calendar written");
    CHECK(render_plan_ics(s.view()) == "");
    Scenario late;
    CHECK(ics_unwritten_reason(late.view(Date{9999, 12, 1})) ==
          "advanced would finish after 9999-12-31, the last day an iCalendar date can name; no calendar written");
    CHECK(render_plan_ics(late.view(Date{9999, 12, 1})) == "");
}

TEST_CASE("render_plan_ics: a hostile catalog still parses back, its strings as text") {
    const CheckedCatalog checked = test::source_catalog("tests/data/hostile/hostile.yaml");
    PlanRequest request;
    request.targets = {*checked.catalog.find("h-target")};
    request.time_limit_seconds = 60;
    const Plan plan = make_plan(checked.catalog, checked.graph, request);
    REQUIRE(plan.feasible);
    Learner learner;
    learner.as_of = Date{2026, 1, 1};
    const PlanView view{checked.catalog, checked.graph, request, plan, learner, std::nullopt, nullptr, {}};
    const std::string ics = render_plan_ics(view);
    check_lines(ics);
    CHECK(ics.find('\x1b') == std::string::npos);
    const std::vector<Event> events = parse_back(ics);
    CHECK(events.size() == plan.steps.size());
    for (const Event& e : events) CHECK(e.url.rfind("https://", 0) == std::string::npos);  // <2> is no URI
}

TEST_CASE("render_plan_ics: the golden CLI calendars parse back") {
    for (const std::string name : {"plan-ics", "plan-ics-intakes", "plan-ics-capacity", "hostile-plan-ics"}) {
        CAPTURE(name);
        const std::string ics = read_source_file("tests/cli/cases/" + name + ".stdout");
        check_lines(ics);
        const std::vector<Event> events = parse_back(ics);
        CHECK_FALSE(events.empty());
        for (const Event& e : events) CHECK(e.alarms == 1);
    }
}
