// iCalendar out (RFC 5545): a plan in the learner's calendar (`plan --format
// ics`), one all-day event per step with a reminder a week before it starts.
#pragma once

#include <string>
#include <string_view>

#include "credpath/report/render.hpp"

namespace credpath {

// The plan as an iCalendar object: CRLF content lines folded at 75 octets,
// one VEVENT per step (in start order) from its start date up to its finish
// date (DTEND is exclusive: the day it is done; a step of no weeks is one day),
// each with a VALARM 7 days before DTSTART. UID is "ID-YYYYMMDD@credpath"
// (the credential and its start), DTSTAMP the as-of date at 00:00:00Z, so the
// same request gives the same file. Without a calendar (no --start, capacity
// or intakes) the dates count from the as-of date, --start's default. A plan
// with no step has no calendar: "" (see ics_unwritten_reason).
std::string render_plan_ics(const PlanView& view);

// Why no calendar is written for this plan, "" when one is: an iCalendar
// object holds at least one component, and a plan that cannot be made or
// adds nothing has none. "no plan for T (minimize cost): REASON; no calendar
// written" (terminal-safe).
std::string ics_unwritten_reason(const PlanView& view);

// A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline
// escaped (CRLF and a lone CR are newlines), other control characters but tab
// as spaces.
std::string ics_text(std::string_view text);

// One content line, folded (3.1): at most 75 octets a line, each
// continuation begun with a space, never inside a UTF-8 character or a
// backslash escape; every line ends in CRLF.
std::string ics_content_line(std::string_view line);

}  // namespace credpath
