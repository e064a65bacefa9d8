// The plan as one self-contained HTML page that an advisor can email or print:
// inline CSS (with print rules), the step table, a timeline drawn here as SVG
// and the pathway laid out by Graphviz (layout.hpp). No scripts, fonts or
// other files: every catalog string is escaped, Graphviz's SVG included.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <set>

#include "credpath/report/layout.hpp"
#include "plan_parts.hpp"

namespace credpath {

using namespace render_detail;

namespace {

constexpr std::string_view page_style = R"css(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1f2328; background: #fff; line-height: 1.45; max-width: 1120px; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid #d0d7de; }
.subtitle { color: #59636e; margin: 0 0 1rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.25rem; margin: 0; }
dl.facts dt { font-weight: 600; color: #424a53; }
dl.facts dd { margin: 0; }
.optimal { color: #1a7f37; font-weight: 600; }
.not-optimal { color: #9a6700; font-weight: 600; }
.infeasible { border: 2px solid #cf222e; background: #ffebe9; border-radius: 6px; padding: .75rem 1rem; }
ul.totals { display: flex; flex-wrap: wrap; gap: .75rem; list-style: none; margin: 0; padding: 0; }
ul.totals li { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem 1rem; min-width: 8rem; }
ul.totals .value { display: block; font-size: 1.3rem; font-weight: 600; }
ul.totals .label { color: #59636e; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #d0d7de; }
th { background: #f6f8fa; }
td { overflow-wrap: break-word; }
.date { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr.target td { background: #fdf3e1; }
ul.plain { margin: 0; padding-left: 1.2rem; }
.note { color: #59636e; font-style: italic; }
.legend { color: #59636e; font-size: .85rem; margin: .4rem 0 0; }
.swatch { display: inline-block; width: .9em; height: .9em; border: 1px solid #888; vertical-align: -.1em; margin: 0 .3em 0 .8em; }
figure { margin: 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
figure.pathway svg text { font-family: Helvetica, Arial, sans-serif; }
footer { margin-top: 2.5rem; color: #6e7781; font-size: .8rem; }
@page { margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  table { font-size: 8.5pt; }
  th, td { padding: .2rem .3rem; }
  ul.totals li { min-width: 0; padding: .3rem .8rem; }
  ul.totals .value { font-size: 1.1rem; }
  h2 { break-after: avoid; }
  figure, ul.totals, dl.facts, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  figure { overflow: visible; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

const char* const target_fill = "#fde9c4";  // as in the DOT drawing
const char* const held_fill = "#d9ead3";

std::string e(std::string_view text) { return html_escape(text); }

bool is_target(const PlanView& view, std::uint32_t credential) {
    return std::find(view.request.targets.begin(), view.request.targets.end(), credential) !=
           view.request.targets.end();
}

std::vector<std::string> goal_skills(const PlanView& view) {
    std::vector<std::string> skills;
    for (const GoalRule& goal : view.request.goals)
        if (goal.rule && goal.rule->kind == RuleKind::Skills)
            skills.insert(skills.end(), goal.rule->names.begin(), goal.rule->names.end());
    return skills;
}

// "<code>id</code> Title"
std::string credential_html(const Credential& c) { return fmt::format("<code>{}</code> {}", e(c.id), e(c.title)); }

std::string limits_html(const PlanView& view) {
    std::vector<std::string> parts;
    if (view.request.max_cost)
        parts.push_back(fmt::format("cost at most {} {}", format_money(*view.request.max_cost), e(view.catalog.currency)));
    if (view.request.max_weeks) parts.push_back(fmt::format("at most {} weeks", format_number(*view.request.max_weeks)));
    if (view.request.max_overlap)
        parts.push_back(fmt::format("at most {} counted toward any two targets", *view.request.max_overlap));
    return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, "; "));
}

std::string request_section(const PlanView& view) {
    const Catalog& catalog = view.catalog;
    const Plan& plan = view.plan;
    std::string out = "<section id=\"request\">\n<h2>Request</h2>\n<dl class=\"facts\">\n";
    auto fact = [&out](std::string_view term, const std::string& html) {
        out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", term, html);
    };
    if (!view.learner.name.empty()) fact("Learner", e(view.learner.name));
    fact("As of", to_string(view.learner.as_of));
    if (!view.request.targets.empty()) {
        std::vector<std::string> targets;
        for (std::uint32_t t : view.request.targets) targets.push_back(credential_html(catalog.credentials[t]));
        fact(targets.size() == 1 ? "Target" : "Targets", fmt::format("{}", fmt::join(targets, "<br>")));
    }
    if (const std::vector<std::string> skills = goal_skills(view); !skills.empty()) {
        std::vector<std::string> escaped;
        for (const std::string& skill : skills) escaped.push_back(e(skill));
        fact("Skills to learn", fmt::format("{}", fmt::join(escaped, ", ")));
    }
    fact("Objective", fmt::format("minimize {}", to_string(view.request.objective)));
    fact("Limits", limits_html(view));
    if (!view.learner.holdings.excluded.empty())
        fact("Excluded", fmt::format("<code>{}</code>", e(ids_of(catalog, view.learner.holdings.excluded, ", "))));
    if (!view.request.included.empty())
        fact("Included", fmt::format("<code>{}</code>", e(ids_of(catalog, view.request.included, ", "))));
    if (!view.request.applied.empty()) {
        std::vector<std::string> pins;
        for (const auto& [d, toward] : view.request.applied)
            pins.push_back(fmt::format("<code>{}</code> to <code>{}</code>", e(catalog.credentials[d].id),
                                       e(catalog.credentials[toward].id)));
        fact("Applied", fmt::format("{}", fmt::join(pins, ", ")));
    }
    if (!plan.feasible)
        fact("Result", "<span class=\"not-optimal\">no plan meets the request</span>");
    else if (plan.optimal)
        fact("Result", "<span class=\"optimal\">optimal</span>");
    else
        fact("Result", fmt::format("<span class=\"not-optimal\">not proven optimal ({})</span>", e(not_optimal_text(view))));
    if (view.start && plan.feasible) {
        fact("Start", to_string(*view.start));
        if (const std::optional<Date> done = completion_date(view)) fact("Done by", to_string(*done));
    }
    return out + "</dl>\n</section>\n";
}

std::string totals_section(const PlanView& view) {
    const PlanTotals& t = view.plan.totals;
    const Catalog& catalog = view.catalog;
    std::string out = "<section id=\"totals\">\n<h2>Totals</h2>\n<ul class=\"totals\">\n";
    auto total = [&out](const std::string& value, const std::string& label) {
        out += fmt::format("<li><span class=\"value\">{}</span><span class=\"label\">{}</span></li>\n", value, label);
    };
    total(fmt::format("{} {}", format_money(t.cost), e(catalog.currency)), "cost");
    total(format_number(t.hours), "study hours");
    total(format_number(t.weeks), "weeks to finish");
    total(format_number(t.credits), e(catalog.credit_unit));
    total(std::to_string(t.count), t.count == 1 ? "step" : "steps");
    return out + "</ul>\n</section>\n";
}

// The columns of the text table, with dates when the plan has a start date.
// Under a weekly capacity the weeks and dates are the schedule's.
std::string steps_section(const PlanView& view) {
    const Catalog& catalog = view.catalog;
    const Plan& plan = view.plan;
    std::string out = "<section id=\"steps\">\n<h2>Steps</h2>\n";
    if (plan.steps.empty()) return out + "<p>Every target is already held: nothing to add.</p>\n</section>\n";
    const bool dated = view.start.has_value();
    const CapacitySchedule* schedule = view.schedule;
    out += fmt::format("<table class=\"steps\">\n<thead><tr><th class=\"num\">#</th><th>id</th><th>title</th>"
                       "<th>provider</th><th class=\"num\">weeks{}</th>",
                       schedule ? fmt::format(" at {} h/week", format_number(schedule->hours_per_week)) : "");
    if (dated) out += "<th>starts</th><th>finishes</th>";
    out += fmt::format("<th class=\"num\">cost ({})</th><th class=\"num\">hours</th><th class=\"num\">{}</th>"
                       "<th>unlocks</th></tr></thead>\n<tbody>\n",
                       e(catalog.currency), e(catalog.credit_unit));
    const std::vector<std::string> skills = goal_skills(view);
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const PlanStep& step = plan.steps[i];
        const Credential& c = catalog.credentials[step.credential];
        const bool target = is_target(view, step.credential);
        std::string unlocks = e(ids_of(catalog, step.unlocks, ", "));
        if (target) unlocks += unlocks.empty() ? "(target)" : " (target)";
        else if (std::find(view.request.included.begin(), view.request.included.end(), step.credential) !=
                 view.request.included.end())
            unlocks += unlocks.empty() ? "(included)" : " (included)";
        std::vector<std::string> taught;  // skills asked for with --skills that this step teaches
        for (const std::string& skill : skills)
            if (std::find(c.skills.begin(), c.skills.end(), skill) != c.skills.end()) taught.push_back(e(skill));
        if (!taught.empty())
            unlocks += fmt::format("{}(teaches {})", unlocks.empty() ? "" : " ", fmt::join(taught, ", "));
        std::string weeks = fmt::format("{}-{}", format_number(step.start_week), format_number(step.finish_week));
        if (schedule && i < schedule->steps.size())
            weeks = fmt::format("{}-{}", format_number(schedule->steps[i].start_week),
                                format_number(schedule->steps[i].finish_week));
        out += fmt::format("<tr{}><td class=\"num\">{}</td><td><code>{}</code></td><td>{}</td><td>{}</td>"
                           "<td class=\"num\">{}</td>",
                           target ? " class=\"target\"" : "", i + 1, e(c.id), e(c.title), e(c.provider), weeks);
        if (dated) {
            const std::optional<StepDates> dates = step_dates(view, i);
            out += dates ? fmt::format("<td class=\"date\">{}</td><td class=\"date\">{}</td>",
                                       to_string(dates->start), to_string(dates->finish))
                         : std::string("<td></td><td></td>");
        }
        out += fmt::format("<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                           e(cost_text(catalog, c)), format_number(c.hours), e(credits_text(catalog, c)), unlocks);
    }
    return out + "</tbody>\n</table>\n</section>\n";
}

std::string schedule_paragraph(const PlanView& view) {
    const CapacitySchedule* s = view.schedule;
    if (!s || !view.start) return {};
    std::string out = fmt::format("<p>Scheduled at {} study hours a week from {}: {} weeks, done by {}",
                                  format_number(s->hours_per_week), to_string(*view.start), format_number(s->weeks),
                                  to_string(*completion_date(view)));
    if (s->optimal)
        out += fmt::format(" (optimal: meets the lower bound of {} weeks; {}).", format_number(s->lower_bound),
                           critical_path_text(view));
    else
        out += fmt::format(" (not proven optimal; lower bound {} weeks: stretched chain {}, total hours {}, heavy "
                           "steps {}; {}).",
                           format_number(s->lower_bound), format_number(s->critical_path), s->hours_bound, s->heavy_bound,
                           critical_path_text(view));
    out += fmt::format(" Busiest week: {} hours.</p>\n", format_number(s->peak_load));
    if (!view.schedule_note.empty()) out += fmt::format("<p class=\"note\">{}</p>\n", e(view.schedule_note));
    return out;
}

std::string timeline_section(const PlanView& view) {
    const Plan& plan = view.plan;
    if (plan.steps.empty()) return {};
    std::vector<TimelineBar> bars;
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const PlanStep& step = plan.steps[i];
        const Credential& c = view.catalog.credentials[step.credential];
        TimelineBar bar;
        bar.label = fmt::format("{} {}", i + 1, c.id);
        bar.tooltip = fmt::format("{}: {}", c.id, c.title);
        bar.start_week = step.start_week;
        bar.finish_week = step.finish_week;
        if (view.schedule && i < view.schedule->steps.size()) {  // weeks under the capacity
            bar.start_week = view.schedule->steps[i].start_week;
            bar.finish_week = view.schedule->steps[i].finish_week;
        }
        bar.target = is_target(view, step.credential);
        bars.push_back(std::move(bar));
    }
    std::string out = "<section id=\"timeline\">\n<h2>Timeline</h2>\n" + schedule_paragraph(view);
    out += "<figure>\n" + timeline_svg(bars, view.start) + "\n</figure>\n";
    out += fmt::format("<p class=\"legend\">Each bar runs from the week a step can start to the week it ends{}."
                       "<span class=\"swatch\" style=\"background:#4f7fbf\"></span>step"
                       "<span class=\"swatch\" style=\"background:#e39b2d\"></span>target</p>\n",
                       view.schedule ? ", within the weekly study hours" : "");
    return out + "</section>\n";
}

std::string pathway_section(const PlanView& view) {
    if (view.plan.steps.empty()) return {};
    std::string out = "<section id=\"pathway\">\n<h2>Pathway</h2>\n";
    SvgDrawing drawing = layout_svg(render_plan_dot(view));
    if (!drawing.ok())
        return out + fmt::format("<p class=\"note\">The drawing of the pathway is left out: {}.</p>\n</section>\n",
                                 e(drawing.error));
    drawing.svg.insert(4, " role=\"img\" aria-label=\"The pathway: each step and what it builds on\"");
    out += "<figure class=\"pathway\">\n" + drawing.svg + "\n</figure>\n";
    out += fmt::format("<p class=\"legend\">An arrow goes from a credential to one that builds on it, labelled "
                       "with the part of the rule it serves."
                       "<span class=\"swatch\" style=\"background:{}\"></span>target"
                       "<span class=\"swatch\" style=\"background:{}\"></span>held</p>\n",
                       target_fill, held_fill);
    return out + "</section>\n";
}

std::string holdings_section(const PlanView& view) {
    const Catalog& catalog = view.catalog;
    std::string out = "<section id=\"held\">\n<h2>Held credentials</h2>\n";
    if (view.learner.holdings.held.empty()) {
        out += "<p>None.</p>\n";
    } else {
        std::vector<std::uint32_t> held = view.learner.holdings.held;
        std::sort(held.begin(), held.end(), [&](std::uint32_t a, std::uint32_t b) {
            return catalog.credentials[a].id < catalog.credentials[b].id;
        });
        out += "<ul class=\"plain\">\n";
        for (std::uint32_t h : held) out += "<li>" + credential_html(catalog.credentials[h]) + "</li>\n";
        out += "</ul>\n";
    }
    if (!view.learner.holdings.expired.empty()) {
        out += "<h2>Expired credentials</h2>\n<p>Held once but expired by the as-of date, so not counted.</p>\n"
               "<ul class=\"plain\">\n";
        for (const ExpiredCredential& x : view.learner.holdings.expired)
            out += fmt::format("<li>{} (earned {}, expired {})</li>\n", credential_html(catalog.credentials[x.credential]),
                               to_string(x.earned), to_string(x.expired_on));
        out += "</ul>\n";
    }
    if (const std::vector<std::string> exceptions = exception_lines(catalog, view.learner.holdings);
        !exceptions.empty()) {
        out += "<h2>Exceptions</h2>\n<p>Granted by an advisor: counted as met without being held, never a "
               "step.</p>\n<ul class=\"plain\">\n";
        for (const std::string& line : exceptions) out += "<li>" + e(line) + "</li>\n";
        out += "</ul>\n";
    }
    if (const std::vector<std::string> overlaps = overlap_lines(view); !overlaps.empty()) {
        out += "<h2>Overlap limits</h2>\n<p>What counts toward two qualifications with a limit on their "
               "overlap.</p>\n<ul class=\"plain\">\n";
        for (const std::string& line : overlaps) out += "<li>" + e(line) + "</li>\n";
        out += "</ul>\n";
    }
    if (const std::vector<std::string> caveats = caveat_lines(view); !caveats.empty()) {
        out += "<h2>Also to know</h2>\n<ul class=\"plain\">\n";
        for (const std::string& line : caveats) out += "<li>" + e(line) + "</li>\n";
        out += "</ul>\n";
    }
    if (const std::vector<std::string> lapses = lapse_lines(view); !lapses.empty()) {
        out += "<h2>Expiring during the plan</h2>\n<ul class=\"plain\">\n";
        for (const std::string& line : lapses) out += "<li>" + e(line) + "</li>\n";
        out += "</ul>\n";
    }
    if (const std::vector<std::string> begun = in_progress_lines(catalog, view.learner.in_progress); !begun.empty()) {
        out += "<h2>In progress</h2>\n<p>Begun: the plan counts what is left of each, due from its first "
               "day.</p>\n<ul class=\"plain\">\n";
        for (const std::string& line : begun) out += "<li>" + e(line) + "</li>\n";
        out += "</ul>\n";
    }
    if (!view.learner.holdings.unmatched_badges.empty()) {
        out += "<h2>Badges not in the catalog</h2>\n<p>In the learner's badge wallet but matching no credential of "
               "the catalog, so not counted.</p>\n<ul class=\"plain\">\n";
        for (const UnmatchedBadge& badge : view.learner.holdings.unmatched_badges)
            out += fmt::format("<li>{} <code>{}</code></li>\n", e(badge.name), e(badge.id));
        out += "</ul>\n";
    }
    return out + "</section>\n";
}

// Tick spacing in weeks: the smallest of `steps` that leaves `min_gap` units
// between labels.
double tick_step(double total_weeks, double chart_width, double min_gap, bool dated) {
    static const double week_steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
    static const double date_steps[] = {1, 2, 4, 13, 26, 52, 104, 260, 520, 1040};
    const double* steps = dated ? date_steps : week_steps;
    for (std::size_t i = 0; i < 10; ++i)
        if (steps[i] * chart_width / total_weeks >= min_gap) return steps[i];
    return std::ceil(total_weeks);
}

Date week_date(const Date& start, double week) {
    const auto days = static_cast<std::uint32_t>(std::lround(std::max(0.0, week) * 7));
    return add(start, Duration{days, 'd'});
}

}  // namespace

namespace render_detail {

std::string timeline_svg(const std::vector<TimelineBar>& bars, const std::optional<Date>& start) {
    constexpr double width = 960;
    constexpr double label_width = 230;  // step number and id
    constexpr double right_margin = 70;  // the weeks after the last bar
    constexpr double row = 24;
    constexpr double bar_height = 14;
    constexpr double top = 6;
    constexpr double axis = 40;
    const double chart = width - label_width - right_margin;
    double total = 0;
    for (const TimelineBar& bar : bars) total = std::max({total, bar.start_week, bar.finish_week});
    if (total <= 0) total = 1;
    const double scale = chart / total;
    const double height = top + row * static_cast<double>(bars.size()) + axis;
    const double bottom = top + row * static_cast<double>(bars.size());
    auto x_of = [&](double week) { return label_width + week * scale; };

    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"Timeline of the steps in weeks{2}\" "
        "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
        width, height, start ? " from " + to_string(*start) : std::string());
    // Stripes, then the grid and axis labels, then the bars on top.
    for (std::size_t i = 0; i < bars.size(); i += 2)
        out += fmt::format("<rect x=\"0\" y=\"{:.1f}\" width=\"{}\" height=\"{}\" fill=\"#f6f8fa\"/>\n",
                           top + row * static_cast<double>(i), width, row);
    const double step = tick_step(total, chart, start ? 80 : 32, start.has_value());
    for (double week = 0; week <= total + 1e-9; week += step) {
        const double x = x_of(week);
        out += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#d0d7de\"/>\n", x,
                           top, bottom + 4);
        const std::string label = start ? to_string(week_date(*start, week)) : format_number(week);
        out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#59636e\" "
                           "font-size=\"11\">{}</text>\n",
                           x, bottom + 17, label);
    }
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#59636e\" font-size=\"11\">{}</text>\n",
                       label_width + chart / 2, bottom + 33,
                       start ? fmt::format("date (weeks from {})", to_string(*start)) : std::string("weeks from the start"));
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const TimelineBar& bar = bars[i];
        const double y = top + row * static_cast<double>(i);
        const double mid = y + row / 2;
        const char* const fill = bar.target ? "#e39b2d" : "#4f7fbf";
        std::string when = fmt::format("weeks {}-{}", format_number(bar.start_week), format_number(bar.finish_week));
        if (start)
            when += fmt::format(", {} to {}", to_string(week_date(*start, bar.start_week)),
                                to_string(week_date(*start, bar.finish_week)));
        out += fmt::format("<g>\n<title>{}: {}</title>\n", html_escape(bar.tooltip), when);
        out += fmt::format("<text x=\"6\" y=\"{:.1f}\" dominant-baseline=\"central\">{}</text>\n", mid,
                           html_escape(clip(bar.label, 32)));
        const double x = x_of(bar.start_week);
        const double length = (bar.finish_week - bar.start_week) * scale;
        if (length >= 2) {
            out += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" rx=\"3\" fill=\"{}\"/>\n",
                               x, mid - bar_height / 2, length, bar_height, fill);
        } else {  // no duration of its own (an award on completion): a diamond
            out += fmt::format("<path d=\"M{0:.1f} {1:.1f}l7 7l-7 7l-7 -7z\" fill=\"{2}\"/>\n", x, mid - 7, fill);
        }
        out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" dominant-baseline=\"central\" fill=\"#424a53\" "
                           "font-size=\"11\">{}-{}</text>\n</g>\n",
                           x + std::max(length, 7.0) + 5, mid, format_number(bar.start_week),
                           format_number(bar.finish_week));
    }
    return out + "</svg>";
}

}  // namespace render_detail

std::string render_plan_html(const PlanView& view) {
    const Catalog& catalog = view.catalog;
    const Plan& plan = view.plan;
    std::vector<std::string> goals;
    for (std::uint32_t t : view.request.targets) goals.push_back(catalog.credentials[t].id);
    if (const std::vector<std::string> skills = goal_skills(view); !skills.empty())
        goals.push_back(fmt::format("skills {}", fmt::join(skills, ", ")));
    const std::string goal = fmt::format("{}", fmt::join(goals, ", "));
    const std::string heading = view.learner.name.empty() ? "Credential plan" : "Credential plan for " + view.learner.name;

    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta name=\"generator\" content=\"credpath\">\n";
    out += fmt::format("<title>{}: {}</title>\n<style>{}</style>\n</head>\n<body>\n", e(heading), e(goal), page_style);
    out += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{} &middot; as of {}{}</p>\n</header>\n<main>\n",
                       e(heading), e(goal), to_string(view.learner.as_of),
                       catalog.name.empty() ? std::string() : " &middot; catalog " + e(catalog.name));
    out += request_section(view);
    if (!plan.feasible) {
        out += fmt::format("<section id=\"result\">\n<h2>No plan</h2>\n<p class=\"infeasible\">{}</p>\n</section>\n",
                           e(plan.reason));
    } else {
        out += totals_section(view);
        out += steps_section(view);
        out += timeline_section(view);
        out += pathway_section(view);
    }
    out += holdings_section(view);
    out += "</main>\n<footer>Made with credpath. Weeks count from the start of the plan; steps whose weeks overlap "
           "can be taken at the same time.</footer>\n</body>\n</html>\n";
    return out;
}

}  // namespace credpath
