#include "credpath/report/render.hpp"
#include "credpath/report/render_ctdl.hpp"
#include "credpath/report/render_ics.hpp"
#include "credpath/model/rates.hpp"

#include "plan_parts.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/color.h>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace credpath {

using nlohmann::ordered_json;
using namespace render_detail;

// ---------------------------------------------------------------- helpers

std::string format_number(double value) {
    if (std::isnan(value)) return "nan";
    const double rounded = std::round(value);
    if (std::fabs(value - rounded) < 1e-9 && std::fabs(value) < 1e15)
        return fmt::format("{}", static_cast<long long>(rounded));
    std::string text = fmt::format("{:.2f}", value);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

std::string format_money(double value) {
    if (value < 0) return "-" + format_money(-value);  // diff deltas
    std::string text = format_number(value);
    const std::size_t dot = text.find('.');
    std::string whole = text.substr(0, dot);
    const std::string fraction = dot == std::string::npos ? "" : text.substr(dot);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    if (fraction.size() == 2) return grouped + fraction + "0";  // 12.5 -> 12.50
    return grouped + fraction;
}

std::string format_count(double value) {
    std::string text = format_money(value);
    // Money shows cents as a pair (12.50); a count keeps its fraction as it is.
    if (const std::size_t dot = text.find('.'); dot != std::string::npos && text.back() == '0') text.pop_back();
    return text;
}

std::string_view noun(double count, std::string_view one, std::string_view many) {
    // Singular when the number shown is 1 (or -1, as in "-1 week").
    return format_number(std::fabs(count)) == "1" ? one : many;
}

std::string plural(double count, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", format_count(count), noun(count, one, many));
}

namespace {

std::vector<std::string> target_ids(const PlanView& view) {
    std::vector<std::string> ids;
    for (std::uint32_t t : view.request.targets) ids.push_back(view.catalog.credentials[t].id);
    return ids;
}

// Skills asked for with --skills (goal rules of kind skills).
std::vector<std::string> goal_skills(const PlanView& view) {
    std::vector<std::string> skills;
    for (const GoalRule& goal : view.request.goals)
        if (goal.rule && goal.rule->kind == RuleKind::Skills)
            skills.insert(skills.end(), goal.rule->names.begin(), goal.rule->names.end());
    return skills;
}

std::vector<std::string> held_ids(const PlanView& view) {
    std::vector<std::string> ids;
    for (std::uint32_t h : view.learner.holdings.held) ids.push_back(view.catalog.credentials[h].id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::vector<std::string> expired_ids(const PlanView& view) {
    std::vector<std::string> ids;
    for (const auto& e : view.learner.holdings.expired) ids.push_back(view.catalog.credentials[e.credential].id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::string limits_text(const PlanView& view) {
    std::vector<std::string> parts;
    if (view.request.max_cost)
        parts.push_back(fmt::format("max cost {} {}", format_money(*view.request.max_cost), view.catalog.currency));
    if (view.request.max_weeks) parts.push_back("max " + plural(*view.request.max_weeks, "week", "weeks"));
    if (view.request.max_overlap) parts.push_back(fmt::format("max overlap {}", format_count(*view.request.max_overlap)));
    if (!view.request.included.empty())
        parts.push_back(fmt::format("including {}", ids_of(view.catalog, view.request.included, ", ")));
    std::vector<std::string> pins;
    for (const auto& [d, toward] : view.request.applied)
        pins.push_back(fmt::format("{} to {}", view.catalog.credentials[d].id, view.catalog.credentials[toward].id));
    if (!pins.empty()) parts.push_back(fmt::format("applying {}", fmt::join(pins, ", ")));
    return parts.empty() ? std::string() : fmt::format(", {}", fmt::join(parts, ", "));
}

}  // namespace

namespace render_detail {
std::vector<std::string> overlap_lines(const PlanView& view) {
    std::vector<std::string> out;
    const Catalog& catalog = view.catalog;
    std::vector<std::uint32_t> sides;
    for (const PlanOverlap& overlap : view.plan.overlaps) {
        out.push_back(fmt::format("Overlap: at most {} toward both {} and {}; counted toward both: {}",
                                  format_count(overlap.at_most),
                                  catalog.credentials[overlap.a].id, catalog.credentials[overlap.b].id,
                                  overlap.shared.empty() ? std::string("none") : ids_of(catalog, overlap.shared, ", ")));
        for (std::uint32_t side : {overlap.a, overlap.b})
            if (std::find(sides.begin(), sides.end(), side) == sides.end()) sides.push_back(side);
    }
    for (std::uint32_t side : sides) {
        std::vector<std::uint32_t> counted;
        for (const PlanStep& step : view.plan.steps)
            if (std::find(step.applied_to.begin(), step.applied_to.end(), side) != step.applied_to.end())
                counted.push_back(step.credential);
        out.push_back(fmt::format("  {} counts {}", catalog.credentials[side].id,
                                  counted.empty() ? std::string("no step") : ids_of(catalog, counted, ", ")));
    }
    return out;
}

std::vector<std::uint32_t> external_steps(const PlanView& view) {
    std::vector<std::uint32_t> out;
    if (!view.plan.feasible) return out;
    for (const PlanStep& step : view.plan.steps)
        if (view.catalog.credentials[step.credential].external) out.push_back(step.credential);
    return out;
}

std::vector<std::string> caveat_lines(const PlanView& view) {
    std::vector<std::string> out;
    const Catalog& catalog = view.catalog;
    if (view.plan.feasible && std::any_of(view.plan.steps.begin(), view.plan.steps.end(), [&](const PlanStep& step) {
            return written_terms(catalog, catalog.credentials[step.credential]).has_value();
        }))
        out.push_back(conversion_line(catalog));
    if (const std::vector<std::uint32_t> external = external_steps(view); !external.empty())
        out.push_back(fmt::format("External: {} {} known only by reference: {} cost, hours and weeks are unknown, so "
                                  "the totals are lower bounds",
                                  ids_of(catalog, external, ", "), external.size() == 1 ? "is" : "are",
                                  external.size() == 1 ? "its" : "their"));
    if (!view.plan.feasible) return out;
    std::vector<std::uint32_t> planned;
    for (const PlanStep& step : view.plan.steps) planned.push_back(step.credential);
    for (std::uint32_t target : view.request.targets)
        if (std::find(planned.begin(), planned.end(), target) == planned.end()) planned.push_back(target);
    for (std::uint32_t c : planned)
        for (const std::string& text : catalog.credentials[c].also_required)
            out.push_back(fmt::format("Also required for {}: {}", catalog.credentials[c].id, text));
    return out;
}

std::string goal_text(const PlanView& view) {
    std::string goal = fmt::format("{}", fmt::join(target_ids(view), ", "));
    if (const std::vector<std::string> skills = goal_skills(view); !skills.empty())
        goal += fmt::format("{}skills {}", goal.empty() ? "" : " and ", fmt::join(skills, ", "));
    return goal;
}

std::vector<std::string> lapse_lines(const PlanView& view) {
    std::vector<std::string> out;
    for (const ExpiringHolding& e : view.expiring) {
        const std::string& id = view.catalog.credentials[e.credential].id;
        out.push_back(e.renewed ? fmt::format("Renewed: {} (expires {}, before the plan is done): renewing it is a step",
                                              id, to_string(e.expires_on))
                                : fmt::format("Expires before the plan is done: {} on {} (--renew plans its renewal)",
                                              id, to_string(e.expires_on)));
    }
    return out;
}
}  // namespace render_detail

PlanView plan_view(const Catalog& catalog, const DependencyGraph& graph, const PlanAnswer& answer,
                   const Learner& learner) {
    // With work in progress the plan was made against what is left of it.
    const Catalog& planned = answer.adjusted ? answer.adjusted->catalog : catalog;
    const DependencyGraph& planned_graph = answer.adjusted ? answer.adjusted->graph : graph;
    PlanView view{planned, planned_graph, answer.request, answer.plan, learner, answer.start, nullptr,
                  answer.schedule_note, answer.critical_path_weeks};
    if (answer.schedule) view.schedule = &*answer.schedule;
    view.expiring = answer.expiring;
    view.renewals = answer.renewals;
    view.not_optimal_reason = answer.not_optimal_reason;
    return view;
}

// ---------------------------------------------------------------- validate

std::string render_diagnostics_text(const std::vector<Diagnostic>& diagnostics, const Style& style,
                                    bool with_warnings) {
    std::string out;
    for (const Diagnostic& d : diagnostics) {
        if (d.severity == Severity::Warning && !with_warnings) continue;
        if (!style.color) {
            out += terminal_safe(format_diagnostic(d)) + "\n";
            continue;
        }
        const auto severity_style = d.severity == Severity::Error ? fmt::fg(fmt::terminal_color::bright_red)
                                                                  : fmt::fg(fmt::terminal_color::bright_yellow);
        std::string place;
        if (!d.file.empty())
            place = d.line ? fmt::format("{}:{}:{}: ", d.file, d.line, d.column) : fmt::format("{}: ", d.file);
        out += fmt::format(fmt::emphasis::bold, "{}", terminal_safe(place));
        out += fmt::format(severity_style | fmt::emphasis::bold, "{}:", to_string(d.severity));
        out += ' ';
        out += terminal_safe(d.message);
        out += '\n';
    }
    return out;
}

std::string render_validation_summary(const std::vector<Diagnostic>& diagnostics, const ValidationSummary& summary,
                                      bool werror) {
    const std::size_t errors = count_errors(diagnostics);
    const std::size_t warnings = diagnostics.size() - errors;
    return fmt::format("{}, {} in {} ({}){}\n", plural(errors, "error", "errors"), plural(warnings, "warning", "warnings"),
                       plural(summary.files, "file", "files"), plural(summary.credentials, "credential", "credentials"),
                       werror && warnings > 0 ? "; --werror: the warnings fail the check" : "");
}

std::string render_validation_json(const std::vector<Diagnostic>& diagnostics, const ValidationSummary& summary,
                                   bool werror) {
    ordered_json faults = ordered_json::array();
    for (const Diagnostic& d : diagnostics)
        faults.push_back({{"file", d.file},
                          {"line", d.line},
                          {"column", d.column},
                          {"severity", to_string(d.severity)},
                          {"code", d.code},
                          {"message", d.message}});
    const std::size_t errors = count_errors(diagnostics);
    ordered_json out{{"format", "credpath-validate/1"}, {"valid", errors == 0}};
    if (werror) {
        out["werror"] = true;
        out["failed"] = !diagnostics.empty();
    }
    out["faults"] = std::move(faults);
    out["summary"] = {{"errors", errors},
                      {"warnings", diagnostics.size() - errors},
                      {"files", summary.files},
                      {"credentials", summary.credentials}};
    return dump(out);
}

namespace {
std::string github_escape(std::string_view text, bool property) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '%': out += "%25"; break;
        case '\r': out += "%0D"; break;
        case '\n': out += "%0A"; break;
        case ':': out += property ? "%3A" : ":"; break;
        case ',': out += property ? "%2C" : ","; break;
        default: out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
        }
    }
    return out;
}
}  // namespace

std::string github_escape_data(std::string_view text) { return github_escape(text, false); }
std::string github_escape_property(std::string_view text) { return github_escape(text, true); }

std::string render_validation_github(const std::vector<Diagnostic>& diagnostics, bool with_warnings) {
    std::string out;
    for (const Diagnostic& d : diagnostics) {
        if (d.severity == Severity::Warning && !with_warnings) continue;
        out += d.severity == Severity::Error ? "::error " : "::warning ";
        if (!d.file.empty()) {
            out += "file=";
            out += github_escape_property(d.file);
            out += ',';
            if (d.line) {
                out += fmt::format("line={},", d.line);
                if (d.column) out += fmt::format("col={},", d.column);
            }
        }
        out += "title=";
        out += github_escape_property(fmt::format("credpath {}", d.code));
        out += "::";
        out += github_escape_data(d.message);
        out += '\n';
    }
    return out;
}

// ---------------------------------------------------------------- plan

std::string render_plan(const PlanView& view, Format format, const Style& style) {
    switch (format) {
    case Format::Json: return render_plan_json(view);
    case Format::Csv: return render_plan_csv(view);
    case Format::Ctdl: return render_plan_ctdl(view);
    case Format::Markdown: return render_plan_markdown(view);
    case Format::Dot: return render_plan_dot(view);
    case Format::Html: return render_plan_html(view);
    case Format::Ics: return render_plan_ics(view);
    default: return render_plan_text(view, style);
    }
}

namespace render_detail {
std::string steps_table(const PlanView& view, const Style& style) {
    const Catalog& catalog = view.catalog;
    const Plan& plan = view.plan;
    // With a calendar the table is the schedule: dates beside the weeks (and
    // the weekly load under a capacity), in start order.
    const bool dated = view.start.has_value();
    const bool loaded = view.schedule != nullptr;
    Table table{{"#", "id", "title", "provider", "weeks"}, {true, false, false, false, true}, {}};
    if (loaded) table.add_column("h/week", true);
    if (dated) {
        table.add_column("starts", false);
        table.add_column("finishes", false);
    }
    for (const char* name : {"cost", "hours", "credits"}) table.add_column(name, true);
    table.add_column("unlocks", false);
    std::size_t number = 0;
    for (const PlanStep& step : plan.steps) {
        const Credential& c = catalog.credentials[step.credential];
        std::string unlocks = ids_of(catalog, step.unlocks, ", ");
        if (std::find(view.request.targets.begin(), view.request.targets.end(), step.credential) !=
            view.request.targets.end())
            unlocks = unlocks.empty() ? "(target)" : unlocks + " (target)";
        else if (std::find(view.request.included.begin(), view.request.included.end(), step.credential) !=
                 view.request.included.end())
            unlocks = unlocks.empty() ? "(included)" : unlocks + " (included)";
        std::vector<std::string> taught;  // skills asked for with --skills that this step teaches
        for (const std::string& skill : goal_skills(view))
            if (std::find(c.skills.begin(), c.skills.end(), skill) != c.skills.end()) taught.push_back(skill);
        if (!taught.empty())
            unlocks += fmt::format("{}(teaches {})", unlocks.empty() ? "" : " ", fmt::join(taught, ", "));
        const std::size_t index = number;
        std::vector<std::string> row{format_count(++number), terminal_safe(c.id), terminal_safe(c.title),
                                     terminal_safe(c.provider),
                                     fmt::format("{}-{}", format_count(step.start_week),
                                                 format_count(step.finish_week))};
        if (loaded) row.push_back(format_count(view.schedule->steps[index].load));
        if (dated) {
            const StepDates dates = *step_dates(view, index);
            row.push_back(to_string(dates.start));
            row.push_back(to_string(dates.finish));
        }
        for (std::string cell : {terminal_safe(cost_text(catalog, c)), format_count(c.hours),
                                 terminal_safe(credits_text(catalog, c)), terminal_safe(unlocks)})
            row.push_back(std::move(cell));
        table.rows.push_back(std::move(row));
    }
    table.wrap({"title", "provider", "unlocks"});
    table.droppable = {"hours", "credits", "provider", "title"};
    return table.render(style) + dropped_note(table, style);
}
}  // namespace render_detail

std::string render_plan_text(const PlanView& view, const Style& style) {
    const Catalog& catalog = view.catalog;
    const Plan& plan = view.plan;
    std::string out;
    const std::string targets = goal_text(view);
    if (!plan.feasible) {
        out += fmt::format("No plan for {} (minimize {}{}).\n", terminal_safe(targets),
                           to_string(view.request.objective), limits_text(view));
        out += terminal_safe(plan.reason) + "\n";
    } else {
        // Through an external step the optimum is over what is known.
        const char* optimal = external_steps(view).empty() ? "optimal" : "optimal for the known costs and weeks";
        std::string status = plan.optimal ? paint(style, fmt::fg(fmt::terminal_color::green), optimal)
                                          : paint(style, fmt::fg(fmt::terminal_color::yellow),
                                                  fmt::format("NOT proven optimal ({})", not_optimal_text(view)));
        out += fmt::format("Plan for {}{} (minimize {}{}): {}\n", terminal_safe(targets),
                           view.learner.name.empty() ? "" : fmt::format(" for {}", terminal_safe(view.learner.name)),
                           to_string(view.request.objective), limits_text(view), status);
        if (plan.steps.empty()) {
            out += "Every target is already held: nothing to add.\n";
        } else {
            out += "\n" + steps_table(view, style) + "\n";
        }
        const PlanTotals& t = plan.totals;
        out += external_steps(view).empty() ? "Total: " : "Total (at least): ";
        out += fmt::format("{} {}, {}, {}, {} {}, {}\n", format_money(t.cost), catalog.currency,
                           plural(t.hours, "hour", "hours"), plural(t.weeks, "week", "weeks"), format_count(t.credits),
                           terminal_safe(catalog.credit_unit), plural(t.count, "step", "steps"));
        for (const std::string& line : overlap_lines(view)) out += terminal_safe(line) + "\n";
        out += schedule_text(view, style);
    }
    if (!view.learner.holdings.held.empty())
        out += fmt::format("Held: {}\n", terminal_safe(fmt::format("{}", fmt::join(held_ids(view), ", "))));
    for (const std::string& line : badge_lines(catalog, view.learner.holdings))
        out += fmt::format("Badge: {}\n", terminal_safe(line));
    for (const ExpiredCredential& e : view.learner.holdings.expired)
        out += fmt::format("Expired: {} (earned {}, expired {})\n", terminal_safe(catalog.credentials[e.credential].id),
                           to_string(e.earned), to_string(e.expired_on));
    for (const std::string& line : set_aside_lines(view.learner.holdings))
        out += fmt::format("Not held: {}\n", terminal_safe(line));
    for (const std::string& line : exception_lines(catalog, view.learner.holdings))
        out += fmt::format("Exception: {}\n", terminal_safe(line));
    for (const std::string& line : in_progress_lines(catalog, view.learner.in_progress))
        out += fmt::format("In progress: {}\n", terminal_safe(line));
    for (const std::string& line : lapse_lines(view)) out += terminal_safe(line) + "\n";
    for (const std::string& line : caveat_lines(view)) out += terminal_safe(line) + "\n";
    return out;
}

std::string render_plan_json(const PlanView& view) {
    return dump(plan_json(view));
}

namespace render_detail {
ordered_json plan_json(const PlanView& view) {
    const Catalog& catalog = view.catalog;
    const Plan& plan = view.plan;
    ordered_json out;
    out["format"] = "credpath-plan/1";
    out["targets"] = target_ids(view);
    if (const std::vector<std::string> skills = goal_skills(view); !skills.empty()) out["skills"] = skills;
    out["objective"] = to_string(view.request.objective);
    out["feasible"] = plan.feasible;
    if (!plan.feasible) {
        out["reason"] = plan.reason;
    } else {
        out["optimal"] = plan.optimal;
        out["currency"] = catalog.currency;
        out["totals"] = {{"cost", number(plan.totals.cost)},
                         {"hours", number(plan.totals.hours)},
                         {"weeks", number(plan.totals.weeks)},
                         {"credits", number(plan.totals.credits)},
                         {"count", plan.totals.count}};
    }
    out["held"] = held_ids(view);
    out["expired"] = expired_ids(view);
    if (plan.feasible) {
        ordered_json steps = ordered_json::array();
        for (const PlanStep& step : plan.steps) {
            const Credential& c = catalog.credentials[step.credential];
            std::vector<std::string> unlocks;
            for (std::uint32_t u : step.unlocks) unlocks.push_back(catalog.credentials[u].id);
            std::vector<std::string> applied_to;
            for (std::uint32_t u : step.applied_to) applied_to.push_back(catalog.credentials[u].id);
            steps.push_back({{"id", c.id},
                             {"title", c.title},
                             {"cost", number(c.cost)},
                             {"hours", number(c.hours)},
                             {"weeks", number(c.weeks)},
                             {"credits", number(c.credits)},
                             {"start_week", number(step.start_week)},
                             {"finish_week", number(step.finish_week)},
                             {"unlocks", unlocks},
                             {"kind", to_string(c.kind)},
                             {"provider", c.provider},
                             {"applied_to", applied_to}});
            if (ordered_json original = original_json(catalog, c); !original.is_null())
                steps.back()["original"] = std::move(original);
            if (in_progress(view.learner, step.credential)) steps.back()["in_progress"] = true;
            if (std::binary_search(view.renewals.begin(), view.renewals.end(), step.credential))
                steps.back()["renewal"] = true;
        }
        out["steps"] = std::move(steps);
        if (!plan.overlaps.empty()) {
            ordered_json overlaps = ordered_json::array();
            for (const PlanOverlap& overlap : plan.overlaps)
                overlaps.push_back({{"between", {catalog.credentials[overlap.a].id, catalog.credentials[overlap.b].id}},
                                    {"at_most", overlap.at_most},
                                    {"shared", id_list(catalog, overlap.shared)}});
            out["overlaps"] = std::move(overlaps);
        }
    }
    // Additions to the contract (documented in credpath(1)).
    out["credit_unit"] = catalog.credit_unit;
    out["as_of"] = to_string(view.learner.as_of);
    ordered_json limits = ordered_json::object();
    if (view.request.max_cost) limits["max_cost"] = number(*view.request.max_cost);
    if (view.request.max_weeks) limits["max_weeks"] = number(*view.request.max_weeks);
    if (view.request.max_overlap) limits["max_overlap"] = *view.request.max_overlap;
    out["limits"] = std::move(limits);
    std::vector<std::string> excluded;
    for (std::uint32_t e : view.learner.holdings.excluded) excluded.push_back(catalog.credentials[e].id);
    out["excluded"] = excluded;
    if (!view.request.included.empty()) out["included"] = id_list(catalog, view.request.included);
    if (!view.request.applied.empty()) {
        ordered_json applied = ordered_json::array();
        for (const auto& [d, toward] : view.request.applied)
            applied.push_back({{"id", catalog.credentials[d].id}, {"applied_to", catalog.credentials[toward].id}});
        out["applied"] = std::move(applied);
    }
    if (const std::vector<std::uint32_t> external = external_steps(view); !external.empty()) {
        out["lower_bounds"] = true;
        out["external"] = id_list(catalog, external);
    }
    if (plan.feasible) {
        ordered_json also = ordered_json::array();
        for (const PlanStep& step : plan.steps)
            for (const std::string& text : catalog.credentials[step.credential].also_required)
                also.push_back({{"id", catalog.credentials[step.credential].id}, {"text", text}});
        if (!also.empty()) out["also_required"] = std::move(also);
    }
    if (ordered_json conversion = conversion_json(catalog); !conversion.is_null())
        out["conversion"] = std::move(conversion);
    if (!view.learner.name.empty()) out["learner"] = view.learner.name;
    add_exceptions_json(out, catalog, view.learner.holdings);
    add_in_progress_json(out, catalog, view.learner.in_progress);
    if (!view.expiring.empty()) {
        ordered_json expiring = ordered_json::array();
        for (const ExpiringHolding& e : view.expiring)
            expiring.push_back({{"id", catalog.credentials[e.credential].id},
                                {"expires_on", to_string(e.expires_on)},
                                {"renewed", e.renewed}});
        out["expiring"] = std::move(expiring);
    }
    add_unmatched_badges_json(out, view.learner.holdings);
    add_badges_json(out, catalog, view.learner.holdings);
    out["stats"] = {{"cone_size", plan.stats.cone_size},
                    {"solver_calls", plan.stats.solver_calls},
                    {"variables", plan.stats.variables},
                    {"rows", plan.stats.rows}};
    add_schedule_json(out, view);
    return out;
}
}  // namespace render_detail

std::string render_plan_csv(const PlanView& view) {
    const Catalog& catalog = view.catalog;
    // With a calendar, two more columns: the steps' dates (rows in start order).
    // applied_to comes last so that the columns before it keep their places.
    const bool dated = view.start.has_value() && view.plan.feasible;
    // A converted catalog adds what each step's file wrote, last.
    const bool converted = catalog.conversion.has_value();
    std::string out = "step,id,title,kind,provider,start_week,finish_week,cost,hours,weeks,credits,unlocks";
    out += dated ? ",start_date,finish_date,applied_to" : ",applied_to";
    out += converted ? ",original_cost,original_currency,original_credits,original_credit_unit\n" : "\n";
    std::size_t number = 0;
    for (const PlanStep& step : view.plan.steps) {
        const Credential& c = catalog.credentials[step.credential];
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}", number + 1, csv_cell(c.id), csv_cell(c.title),
                           to_string(c.kind), csv_cell(c.provider), format_number(step.start_week),
                           format_number(step.finish_week), format_number(c.cost), format_number(c.hours),
                           format_number(c.weeks), format_number(c.credits),
                           csv_cell(ids_of(catalog, step.unlocks, ";")));
        if (dated) {
            const StepDates dates = *step_dates(view, number);
            out += fmt::format(",{},{}", to_string(dates.start), to_string(dates.finish));
        }
        out += fmt::format(",{}", csv_cell(ids_of(catalog, step.applied_to, ";")));
        if (converted) {
            const std::optional<WrittenTerms> written = written_terms(catalog, c);
            const bool money = written && !written->currency.empty();
            const bool credits = written && !written->credit_unit.empty();
            out += fmt::format(",{},{},{},{}", money ? format_number(written->cost) : "",
                               money ? csv_cell(written->currency) : "", credits ? format_number(written->credits) : "",
                               credits ? csv_cell(written->credit_unit) : "");
        }
        out += "\n";
        ++number;
    }
    return out;
}

std::string render_plan_markdown(const PlanView& view) {
    const Catalog& catalog = view.catalog;
    const Plan& plan = view.plan;
    std::string out = fmt::format("## Plan for {}\n\n", markdown_cell(fmt::format("{}", fmt::join(target_ids(view), ", "))));
    if (!plan.feasible) {
        out += fmt::format("**No feasible plan** (minimize {}{}): {}\n", to_string(view.request.objective),
                           markdown_cell(limits_text(view)), markdown_cell(plan.reason));
        return out;
    }
    out += fmt::format("Minimize {}{}: {}.\n\n", to_string(view.request.objective), markdown_cell(limits_text(view)),
                       plan.optimal ? "optimal" : fmt::format("**not proven optimal** ({})", not_optimal_text(view)));
    const bool dated = view.start.has_value();
    out += dated ? "| # | id | title | provider | weeks | starts | finishes | cost | hours | credits | unlocks |\n"
                   "|--:|----|-------|----------|------:|--------|----------|-----:|------:|--------:|---------|\n"
                 : "| # | id | title | provider | weeks | cost | hours | credits | unlocks |\n"
                   "|--:|----|-------|----------|------:|-----:|------:|--------:|---------|\n";
    std::size_t number = 0;
    for (const PlanStep& step : plan.steps) {
        const Credential& c = catalog.credentials[step.credential];
        std::string dates;
        if (dated) {
            const StepDates when = *step_dates(view, number);
            dates = fmt::format(" {} | {} |", to_string(when.start), to_string(when.finish));
        }
        out += fmt::format("| {} | {} | {} | {} | {}-{} |{} {} | {} | {} | {} |\n", ++number, markdown_cell(c.id),
                           markdown_cell(c.title), markdown_cell(c.provider), format_count(step.start_week),
                           format_count(step.finish_week), dates, markdown_cell(cost_text(catalog, c)),
                           format_count(c.hours), markdown_cell(credits_text(catalog, c)),
                           markdown_cell(ids_of(catalog, step.unlocks, ", ")));
    }
    const PlanTotals& t = plan.totals;
    out += fmt::format("\n**Total:** {} {}, {}, {}, {} {}, {}.\n", format_money(t.cost), catalog.currency,
                       plural(t.hours, "hour", "hours"), plural(t.weeks, "week", "weeks"), format_count(t.credits),
                       markdown_cell(catalog.credit_unit), plural(t.count, "step", "steps"));
    if (dated && !plan.steps.empty()) {
        std::string calendar = fmt::format("From {}, done by {}", to_string(*view.start), to_string(*completion_date(view)));
        if (view.schedule)
            calendar += fmt::format(" at {} a week (lower bound {}, {})",
                                    plural(view.schedule->hours_per_week, "hour", "hours"),
                                    plural(view.schedule->lower_bound, "week", "weeks"), critical_path_text(view));
        out += "\n" + markdown_cell(calendar) + ".\n";
    }
    if (!view.learner.holdings.held.empty())
        out += fmt::format("\nHeld: {}\n", markdown_cell(fmt::format("{}", fmt::join(held_ids(view), ", "))));
    if (!view.learner.holdings.expired.empty())
        out += fmt::format("\nExpired: {}\n", markdown_cell(fmt::format("{}", fmt::join(expired_ids(view), ", "))));
    if (const std::vector<std::string> exceptions = exception_lines(view.catalog, view.learner.holdings);
        !exceptions.empty())
        out += fmt::format("\nExceptions: {}\n", markdown_cell(fmt::format("{}", fmt::join(exceptions, "; "))));
    if (const std::vector<std::string> begun = in_progress_lines(view.catalog, view.learner.in_progress);
        !begun.empty())
        out += fmt::format("\nIn progress: {}\n", markdown_cell(fmt::format("{}", fmt::join(begun, "; "))));
    for (const std::string& line : lapse_lines(view)) out += "\n" + markdown_cell(line) + "\n";
    for (const std::string& line : caveat_lines(view)) out += "\n" + markdown_cell(line) + "\n";
    return out;
}

namespace {
// The label of the innermost rule operator through which `rule` draws on each
// source: "all", "any", "2 of 3", "credits", "skills".
void label_sources(const Catalog& catalog, const Rule& rule, std::uint32_t owner, const std::string& label,
                   std::map<std::uint32_t, std::string>& labels) {
    std::string own = label;
    switch (rule.kind) {
    case RuleKind::Ref: break;
    case RuleKind::All: own = "all"; break;
    case RuleKind::Any: own = "any"; break;
    case RuleKind::AtLeast: own = fmt::format("{} of {}", rule.at_least, rule.children.size()); break;
    case RuleKind::CreditsFrom:
    case RuleKind::CreditsTagged: own = plural(rule.credits, "credit", "credits"); break;
    case RuleKind::Skills: own = "skills"; break;
    }
    if (rule.kind == RuleKind::Ref || rule.kind == RuleKind::CreditsFrom || rule.kind == RuleKind::CreditsTagged ||
        rule.kind == RuleKind::Skills) {
        for_each_source(catalog, rule, owner, [&](std::uint32_t source) { labels.try_emplace(source, own); });
        return;
    }
    for (const Rule& child : rule.children) label_sources(catalog, child, owner, own, labels);
}
}  // namespace

std::string render_plan_dot(const PlanView& view) {
    const Catalog& catalog = view.catalog;
    std::set<std::uint32_t> steps;
    for (const PlanStep& step : view.plan.steps) steps.insert(step.credential);
    const std::vector<std::uint32_t> met = view.learner.holdings.met();  // exceptions drawn as held
    const std::set<std::uint32_t> held(met.begin(), met.end());
    const std::set<std::uint32_t> targets(view.request.targets.begin(), view.request.targets.end());
    std::string out = "digraph plan {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n";
    std::set<std::uint32_t> drawn;
    auto node = [&](std::uint32_t index) {
        if (!drawn.insert(index).second) return;
        const Credential& c = catalog.credentials[index];
        std::string attributes;
        if (targets.count(index)) attributes = ", penwidth=2, style=\"rounded,bold,filled\", fillcolor=\"#fde9c4\"";
        else if (held.count(index)) attributes = ", style=\"rounded,filled\", fillcolor=\"#d9ead3\"";
        out += fmt::format("  {} [label={}{}];\n", dot_string(c.id),
                           dot_string(fmt::format("{}\n{} {}, {} wk", c.title, format_money(c.cost), catalog.currency,
                                                  format_count(c.weeks))),
                           attributes);
    };
    for (std::uint32_t t : targets) node(t);
    std::vector<std::string> edges;
    for (const PlanStep& step : view.plan.steps) {
        node(step.credential);
        const Credential& c = catalog.credentials[step.credential];
        if (!c.rule) continue;
        std::map<std::uint32_t, std::string> labels;
        label_sources(catalog, *c.rule, step.credential, "", labels);
        for (const auto& [source, label] : labels) {
            if (!steps.count(source) && !held.count(source)) continue;
            node(source);
            edges.push_back(fmt::format("  {} -> {}{};\n", dot_string(catalog.credentials[source].id), dot_string(c.id),
                                        label.empty() ? "" : fmt::format(" [label={}]", dot_string(label))));
        }
    }
    for (const std::string& edge : edges) out += edge;
    out += "}\n";
    return out;
}

}  // namespace credpath
