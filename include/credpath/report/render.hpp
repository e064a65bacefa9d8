// Turns results into text, JSON, CSV, Markdown, Graphviz DOT and HTML. The only
// printer: every other layer returns values.
#pragma once

#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/model/date.hpp"
#include "credpath/model/diagnostic.hpp"
#include "credpath/graph/graph.hpp"
#include "credpath/model/model.hpp"
#include "credpath/plan/planner.hpp"
#include "credpath/load/profile.hpp"
#include "credpath/plan/answer.hpp"
#include "credpath/plan/resolve.hpp"
#include "credpath/plan/schedule.hpp"
#include "credpath/report/format.hpp"
#include "credpath/report/style.hpp"

namespace credpath {


// ---- validate
struct ValidationSummary {
    std::size_t files = 0;
    std::size_t credentials = 0;
};
std::string render_diagnostics_text(const std::vector<Diagnostic>& diagnostics, const Style& style,
                                    bool with_warnings = true);
// With `werror` and any warning, the summary says the warnings fail the check.
std::string render_validation_summary(const std::vector<Diagnostic>& diagnostics, const ValidationSummary& summary,
                                      bool werror = false);
// With `werror`, also "werror": true and "failed" (any error or warning);
// "valid" keeps meaning "no errors".
std::string render_validation_json(const std::vector<Diagnostic>& diagnostics, const ValidationSummary& summary,
                                   bool werror = false);
// GitHub Actions workflow commands, one line per fault and nothing else:
// `::error file=F,line=L,col=C,title=credpath CODE::MESSAGE` (`::warning` for
// warnings; file, line and col left out when unknown).
std::string render_validation_github(const std::vector<Diagnostic>& diagnostics, bool with_warnings = true);
// Workflow-command escaping: a message turns '%', '\r' and '\n' into %25, %0D
// and %0A; a property value also ':' and ',' into %3A and %2C. Other control
// characters become spaces.
std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

// ---- plan
struct PlanView {
    const Catalog& catalog;
    const DependencyGraph& graph;
    const PlanRequest& request;
    const Plan& plan;
    const Learner& learner;
    // Calendar: with a start date every step gets dates; with a capacity
    // schedule (--hours-per-week) those dates come from it.
    std::optional<Date> start;
    const CapacitySchedule* schedule = nullptr;
    std::string schedule_note;  // e.g. which credential set the schedule chose
    // With a calendar: the weeks with unlimited parallelism (PlanAnswer).
    std::optional<double> critical_path_weeks = std::nullopt;
    std::vector<ExpiringHolding> expiring{};  // PlanAnswer::expiring
    std::vector<std::uint32_t> renewals{};    // PlanAnswer::renewals
    std::string not_optimal_reason{};         // PlanAnswer::not_optimal_reason
};

// The view of one answer, for the learner who asked.
PlanView plan_view(const Catalog& catalog, const DependencyGraph& graph, const PlanAnswer& answer,
                   const Learner& learner);

// One of formats::plan.
std::string render_plan(const PlanView& view, Format format, const Style& style);
std::string render_plan_text(const PlanView& view, const Style& style);
std::string render_plan_json(const PlanView& view);
std::string render_plan_csv(const PlanView& view);
std::string render_plan_markdown(const PlanView& view);
std::string render_plan_dot(const PlanView& view);
// One self-contained, printable HTML page (render_html.cpp).
std::string render_plan_html(const PlanView& view);

// Numbers as people write them: 1250, 12.5, never 1250.000000.
std::string format_number(double value);
// With thousands separators for money: 12,500 or 1,250.50.
std::string format_money(double value);
// Hours, weeks and counts as people read them: thousands separators, the
// fraction as it is (1,168, 12.5); JSON and CSV keep format_number.
std::string format_count(double value);
template <std::integral Count> std::string format_count(Count value) {
    return format_count(static_cast<double>(value));
}
// A number and its noun in agreement, the number by format_count: "1 week",
// "2 weeks", "1.5 weeks", "1,168 hours". Every printer says counts with it.
std::string plural(double count, std::string_view one, std::string_view many);
template <std::integral Count> std::string plural(Count count, std::string_view one, std::string_view many) {
    return plural(static_cast<double>(count), one, many);
}
// The noun alone, for a number said elsewhere ("weeks" in a table header).
std::string_view noun(double count, std::string_view one, std::string_view many);

}  // namespace credpath
