// Parts of the plan output that other printers reuse (the plan JSON, the step
// table, the calendar and the timeline). Private to the render layer; built
// on render_support.hpp, never the other way round.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "credpath/model/date.hpp"
#include "credpath/report/render.hpp"
#include "credpath/report/render_advisor.hpp"
#include "render_support.hpp"

namespace credpath::render_detail {

// The plan JSON of the contract's section 4 with credpath's additions.
ordered_json plan_json(const PlanView& view);
// The text table of a plan's steps.
std::string steps_table(const PlanView& view, const Style& style);

// Calendar (render_schedule.cpp): dates of plan step `step` when a start date
// is known, from the capacity schedule when there is one.
struct StepDates {
    Date start;
    Date finish;
};
std::optional<StepDates> step_dates(const PlanView& view, std::size_t step);
std::optional<Date> completion_date(const PlanView& view);
// "Schedule ..." or "Calendar ..." section of the text plan ("" without a start).
std::string schedule_text(const PlanView& view, const Style& style);
// "critical path: N weeks" (the weeks with unlimited parallelism), "" without a calendar.
std::string critical_path_text(const PlanView& view);
// Why the plan is not proven optimal: the answer's reason, else the solver's time limit.
std::string not_optimal_text(const PlanView& view);
// "Overlap: at most N toward both A and B; counted toward both: ...", then
// what each side counts (raw text); none without limits in force.
std::vector<std::string> overlap_lines(const PlanView& view);
// What the plan is for: "a, b", "skills x, y" or "a and skills x" (raw text).
std::string goal_text(const PlanView& view);
// Held credentials that lapse before the plan is done, renewed or not, one
// line each (raw text).
std::vector<std::string> lapse_lines(const PlanView& view);
// The steps known only by reference (`external`), in plan order.
std::vector<std::uint32_t> external_steps(const PlanView& view);
// "External: X is known only by reference: ... lower bounds" and "Also
// required for X: TEXT" for the steps and targets (raw text).
std::vector<std::string> caveat_lines(const PlanView& view);
// start_date, completion_date, per-step dates and the `schedule` block.
void add_schedule_json(ordered_json& out, const PlanView& view);

// The timeline of the HTML page (render_html.cpp): inline SVG, one horizontal
// bar per step from start_week to finish_week. With a start date the axis
// shows dates, else weeks from the start.
struct TimelineBar {
    std::string label;    // left of the bar, e.g. "1 py-fund"
    std::string tooltip;  // the bar's title on hover
    double start_week = 0;
    double finish_week = 0;
    bool target = false;
};
std::string timeline_svg(const std::vector<TimelineBar>& bars, const std::optional<Date>& start);

// Plan sets (render_advisor.cpp), shared by their text and HTML printers.
// What a plan adds and drops against another, each sorted by id.
struct Swap {
    std::vector<std::uint32_t> adds;   // in this plan, not in the reference
    std::vector<std::uint32_t> drops;  // in the reference, not in this plan
};
Swap swap_against(const Catalog& catalog, const Plan& plan, const Plan& reference);
// A difference with its sign: "+240", "-1.71", "±0" (money with format_money).
std::string signed_number(double value, bool money_value);
// One plan of a set as a plan view, with the held credentials it renews.
PlanView plan_of_set(const PlanSetView& view, const Plan& plan);

// The frontier chart of the --pareto HTML page (render_html.cpp): inline
// SVG, weeks across and cost up, one labelled point per plan and the step
// line of the cheapest cost within each number of weeks.
struct FrontierPoint {
    std::string label;    // beside the point, e.g. "#1"
    std::string tooltip;  // the point's title on hover
    double weeks = 0;
    double cost = 0;
};
std::string frontier_svg(const std::vector<FrontierPoint>& points, std::string_view currency);
// Axis ticks: a round step (1, 2 or 5 times a power of ten) giving about
// `count` intervals over [low, high] widened a little, and the first and
// last ticks, which enclose it.
struct AxisTicks {
    double first = 0;
    double last = 1;
    double step = 1;
};
AxisTicks axis_ticks(double low, double high, int count);

}  // namespace credpath::render_detail
