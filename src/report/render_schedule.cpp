// The calendar part of a plan: dates per step from --start, and the schedule
// under a weekly hours capacity (--hours-per-week).
#include <cmath>
#include <fmt/format.h>

#include "plan_parts.hpp"

namespace credpath::render_detail {

namespace {

Date week_date(const Date& start, double week) { return add_weeks(start, week); }

const ScheduledStep* scheduled(const PlanView& view, std::size_t step) {
    if (!view.schedule || step >= view.schedule->steps.size()) return nullptr;
    return &view.schedule->steps[step];
}

}  // namespace

std::optional<StepDates> step_dates(const PlanView& view, std::size_t step) {
    if (!view.start || step >= view.plan.steps.size()) return std::nullopt;
    if (const ScheduledStep* s = scheduled(view, step))
        return StepDates{week_date(*view.start, s->start_week), week_date(*view.start, s->finish_week)};
    const PlanStep& p = view.plan.steps[step];
    return StepDates{week_date(*view.start, p.start_week), week_date(*view.start, p.finish_week)};
}

std::optional<Date> completion_date(const PlanView& view) {
    if (!view.start || !view.plan.feasible) return std::nullopt;
    const double weeks = view.schedule ? view.schedule->weeks : view.plan.totals.weeks;
    return week_date(*view.start, weeks);
}

std::string not_optimal_text(const PlanView& view) {
    return view.not_optimal_reason.empty() ? "solver time limit reached" : view.not_optimal_reason;
}

std::string critical_path_text(const PlanView& view) {
    if (!view.critical_path_weeks) return {};
    return "critical path: " + plural(*view.critical_path_weeks, "week", "weeks");
}

// The calendar's summary under the totals; the steps table above carries the
// dates (one table, in start order).
std::string schedule_text(const PlanView& view, const Style& style) {
    if (!view.start || !view.plan.feasible || view.plan.steps.empty()) return {};
    std::string out;
    const std::string critical = critical_path_text(view);
    if (const CapacitySchedule* s = view.schedule) {
        out += fmt::format("Schedule at {} a week from {}: done by {}, {}", plural(s->hours_per_week, "hour", "hours"),
                           to_string(*view.start), to_string(*completion_date(view)), plural(s->weeks, "week", "weeks"));
        if (s->optimal)
            out += paint(style, fmt::fg(fmt::terminal_color::green),
                         fmt::format(" (optimal: meets the lower bound of {}", plural(s->lower_bound, "week", "weeks"))) +
                   fmt::format("; {})", critical);
        else
            out += fmt::format(" (not proven optimal; lower bound {}: stretched chain {}, total hours {}, "
                               "heavy steps {}; {})",
                               plural(s->lower_bound, "week", "weeks"), format_count(s->critical_path),
                               format_count(s->hours_bound), format_count(s->heavy_bound), critical);
        out += "\n";
        if (!view.schedule_note.empty()) out += terminal_safe(view.schedule_note) + "\n";
        out += fmt::format("Busiest week: {}.\n", plural(s->peak_load, "hour", "hours"));
        return out;
    }
    return fmt::format("Calendar from {}: done by {}\n", to_string(*view.start), to_string(*completion_date(view)));
}

void add_schedule_json(ordered_json& out, const PlanView& view) {
    if (!view.start || !view.plan.feasible) return;
    out["start_date"] = to_string(*view.start);
    out["completion_date"] = to_string(*completion_date(view));
    if (out.contains("steps"))
        for (std::size_t i = 0; i < out["steps"].size() && i < view.plan.steps.size(); ++i) {
            const StepDates dates = *step_dates(view, i);
            out["steps"][i]["start_date"] = to_string(dates.start);
            out["steps"][i]["finish_date"] = to_string(dates.finish);
        }
    if (const CapacitySchedule* s = view.schedule) {
        ordered_json steps = ordered_json::array();
        for (std::size_t i = 0; i < s->steps.size(); ++i) {
            const ScheduledStep& step = s->steps[i];
            const StepDates dates = *step_dates(view, i);
            steps.push_back({{"id", view.catalog.credentials[step.credential].id},
                             {"start_week", number(step.start_week)},
                             {"finish_week", number(step.finish_week)},
                             {"hours_per_week", number(step.load)},
                             {"start_date", to_string(dates.start)},
                             {"finish_date", to_string(dates.finish)}});
        }
        out["schedule"] = {{"hours_per_week", number(s->hours_per_week)},
                           {"weeks", number(s->weeks)},
                           {"lower_bound", number(s->lower_bound)},
                           {"critical_path", number(s->critical_path)},
                           {"unlimited_weeks", number(view.critical_path_weeks.value_or(0))},
                           {"hours_bound", s->hours_bound},
                           {"heavy_bound", s->heavy_bound},
                           {"optimal", s->optimal},
                           {"peak_hours", number(s->peak_load)},
                           {"note", view.schedule_note},
                           {"steps", std::move(steps)}};
    }
}

}  // namespace credpath::render_detail
