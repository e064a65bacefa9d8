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

std::vector<std::string> goal_skills(const PlanRequest& request) {
    std::vector<std::string> skills;
    for (const GoalRule& goal : request.goals)
        if (goal.rule && goal.rule->kind == RuleKind::Skills)
            skills.insert(skills.end(), goal.rule->names.begin(), goal.rule->names.end());
    return skills;
}

// "<code>id</code> Title"
std::string credential_html(const Credential& c) { return fmt::format("<code>{}</code> {}", e(c.id), e(c.title)); }

std::string limits_html(const Catalog& catalog, const PlanRequest& request) {
    std::vector<std::string> parts;
    if (request.max_cost)
        parts.push_back(fmt::format("cost at most {} {}", format_money(*request.max_cost), e(catalog.currency)));
    if (request.max_weeks) parts.push_back("at most " + plural(*request.max_weeks, "week", "weeks"));
    if (request.max_overlap)
        parts.push_back(fmt::format("at most {} counted toward any two targets", format_count(*request.max_overlap)));
    return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, "; "));
}

// "<dt>term</dt><dd>html</dd>" of a facts list.
std::string fact_html(std::string_view term, const std::string& html) {
    return fmt::format("<dt>{}</dt><dd>{}</dd>\n", term, html);
}

// The facts of a request, from the learner to the pinned assignments, every
// page's first section; `objective` as the page words it.
std::string request_facts(const Catalog& catalog, const PlanRequest& request, const Learner& learner,
                          const std::string& objective) {
    std::string out;
    if (!learner.name.empty()) out += fact_html("Learner", e(learner.name));
    out += fact_html("As of", to_string(learner.as_of));
    if (!request.targets.empty()) {
        std::vector<std::string> targets;
        for (std::uint32_t t : request.targets) targets.push_back(credential_html(catalog.credentials[t]));
        out += fact_html(targets.size() == 1 ? "Target" : "Targets", fmt::format("{}", fmt::join(targets, "<br>")));
    }
    if (const std::vector<std::string> skills = goal_skills(request); !skills.empty()) {
        std::vector<std::string> escaped;
        for (const std::string& skill : skills) escaped.push_back(e(skill));
        out += fact_html("Skills to learn", fmt::format("{}", fmt::join(escaped, ", ")));
    }
    out += fact_html("Objective", objective);
    out += fact_html("Limits", limits_html(catalog, request));
    if (!learner.holdings.excluded.empty())
        out += fact_html("Excluded", fmt::format("<code>{}</code>", e(ids_of(catalog, learner.holdings.excluded, ", "))));
    if (!request.included.empty())
        out += fact_html("Included", fmt::format("<code>{}</code>", e(ids_of(catalog, request.included, ", "))));
    if (!request.applied.empty()) {
        std::vector<std::string> pins;
        for (const auto& [d, toward] : request.applied)
            pins.push_back(fmt::format("<code>{}</code> to <code>{}</code>", e(catalog.credentials[d].id),
                                       e(catalog.credentials[toward].id)));
        out += fact_html("Applied", fmt::format("{}", fmt::join(pins, ", ")));
    }
    return out;
}

std::string request_section(const PlanView& view) {
    const Plan& plan = view.plan;
    std::string out = "<section id=\"request\">\n<h2>Request</h2>\n<dl class=\"facts\">\n";
    out += request_facts(view.catalog, view.request, view.learner,
                         fmt::format("minimize {}", to_string(view.request.objective)));
    auto fact = [&out](std::string_view term, const std::string& html) { out += fact_html(term, html); };
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
    total(format_count(t.hours), std::string(noun(t.hours, "study hour", "study hours")));
    total(format_count(t.weeks), fmt::format("{} to finish", noun(t.weeks, "week", "weeks")));
    total(format_count(t.credits), e(catalog.credit_unit));
    total(format_count(t.count), std::string(noun(t.count, "step", "steps")));
    return out + "</ul>\n</section>\n";
}

// The columns of the text table, with dates when the plan has a start date.
// Under a weekly capacity the weeks and dates are the schedule's.
std::string steps_table_html(const PlanView& view) {
    const Catalog& catalog = view.catalog;
    const Plan& plan = view.plan;
    const bool dated = view.start.has_value();
    const CapacitySchedule* schedule = view.schedule;
    std::string out =
        fmt::format("<table class=\"steps\">\n<thead><tr><th class=\"num\">#</th><th>id</th><th>title</th>"
                    "<th>provider</th><th class=\"num\">weeks{}</th>",
                    schedule ? fmt::format(" at {} h/week", format_count(schedule->hours_per_week)) : "");
    if (dated) out += "<th>starts</th><th>finishes</th>";
    out += fmt::format("<th class=\"num\">cost ({})</th><th class=\"num\">hours</th><th class=\"num\">{}</th>"
                       "<th>unlocks</th></tr></thead>\n<tbody>\n",
                       e(catalog.currency), e(catalog.credit_unit));
    const std::vector<std::string> skills = goal_skills(view.request);
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
                           e(cost_text(catalog, c)), format_count(c.hours), e(credits_text(catalog, c)), unlocks);
    }
    return out + "</tbody>\n</table>\n";
}

std::string steps_section(const PlanView& view) {
    std::string out = "<section id=\"steps\">\n<h2>Steps</h2>\n";
    if (view.plan.steps.empty()) return out + "<p>Every target is already held: nothing to add.</p>\n</section>\n";
    return out + steps_table_html(view) + "</section>\n";
}

std::string schedule_paragraph(const PlanView& view) {
    const CapacitySchedule* s = view.schedule;
    if (!s || !view.start) return {};
    std::string out = fmt::format("<p>Scheduled at {} a week from {}: {}, done by {}",
                                  plural(s->hours_per_week, "study hour", "study hours"), to_string(*view.start),
                                  plural(s->weeks, "week", "weeks"), to_string(*completion_date(view)));
    if (s->optimal)
        out += fmt::format(" (optimal: meets the lower bound of {}; {}).", plural(s->lower_bound, "week", "weeks"),
                           critical_path_text(view));
    else
        out += fmt::format(" (not proven optimal; lower bound {}: stretched chain {}, total hours {}, heavy "
                           "steps {}; {}).",
                           plural(s->lower_bound, "week", "weeks"), format_count(s->critical_path),
                           format_count(s->hours_bound), format_count(s->heavy_bound), critical_path_text(view));
    out += fmt::format(" Busiest week: {}.</p>\n", plural(s->peak_load, "hour", "hours"));
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

// Held and expired credentials and the advisor's exceptions: the learner's
// part of the last section.
std::string held_html(const Catalog& catalog, const Learner& learner) {
    std::string out;
    if (learner.holdings.held.empty()) {
        out += "<p>None.</p>\n";
    } else {
        std::vector<std::uint32_t> held = learner.holdings.held;
        std::sort(held.begin(), held.end(), [&](std::uint32_t a, std::uint32_t b) {
            return catalog.credentials[a].id < catalog.credentials[b].id;
        });
        out += "<ul class=\"plain\">\n";
        for (std::uint32_t h : held) out += "<li>" + credential_html(catalog.credentials[h]) + "</li>\n";
        out += "</ul>\n";
    }
    if (!learner.holdings.expired.empty()) {
        out += "<h2>Expired credentials</h2>\n<p>Held once but expired by the as-of date, so not counted.</p>\n"
               "<ul class=\"plain\">\n";
        for (const ExpiredCredential& x : learner.holdings.expired)
            out += fmt::format("<li>{} (earned {}, expired {})</li>\n", credential_html(catalog.credentials[x.credential]),
                               to_string(x.earned), to_string(x.expired_on));
        out += "</ul>\n";
    }
    if (const std::vector<std::string> badges = badge_lines(catalog, learner.holdings); !badges.empty()) {
        out += "<h2>Badges</h2>\n<p>Where each credential held by a badge comes from: issuer, award, file and "
               "what was verified.</p>\n<ul class=\"plain\">\n";
        for (const std::string& line : badges) out += "<li>" + e(line) + "</li>\n";
        out += "</ul>\n";
    }
    if (const std::vector<std::string> aside = set_aside_lines(learner.holdings); !aside.empty()) {
        out += "<h2>Badges not held</h2>\n<p>Read from a wallet but not counted.</p>\n<ul class=\"plain\">\n";
        for (const std::string& line : aside) out += "<li>" + e(line) + "</li>\n";
        out += "</ul>\n";
    }
    if (const std::vector<std::string> exceptions = exception_lines(catalog, learner.holdings); !exceptions.empty()) {
        out += "<h2>Exceptions</h2>\n<p>Granted by an advisor: counted as met without being held, never a "
               "step.</p>\n<ul class=\"plain\">\n";
        for (const std::string& line : exceptions) out += "<li>" + e(line) + "</li>\n";
        out += "</ul>\n";
    }
    return out;
}

// Work in progress and the wallet's badges that match nothing: the learner's
// part that closes the last section.
std::string begun_html(const Catalog& catalog, const Learner& learner) {
    std::string out;
    if (const std::vector<std::string> begun = in_progress_lines(catalog, learner.in_progress); !begun.empty()) {
        out += "<h2>In progress</h2>\n<p>Begun: the plan counts what is left of each, due from its first "
               "day.</p>\n<ul class=\"plain\">\n";
        for (const std::string& line : begun) out += "<li>" + e(line) + "</li>\n";
        out += "</ul>\n";
    }
    if (!learner.holdings.unmatched_badges.empty()) {
        out += "<h2>Badges not in the catalog</h2>\n<p>In the learner's badge wallet but matching no credential of "
               "the catalog, so not counted.</p>\n<ul class=\"plain\">\n";
        for (const UnmatchedBadge& badge : learner.holdings.unmatched_badges)
            out += fmt::format("<li>{} <code>{}</code></li>\n", e(badge.name), e(badge.id));
        out += "</ul>\n";
    }
    return out;
}

std::string holdings_section(const PlanView& view) {
    std::string out = "<section id=\"held\">\n<h2>Held credentials</h2>\n" + held_html(view.catalog, view.learner);
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
    return out + begun_html(view.catalog, view.learner) + "</section>\n";
}

// What the pages of several plans add to page_style: plans side by side in
// columns that stack on a narrow screen, what a plan swaps against the best,
// and the frontier chart.
constexpr std::string_view set_style = R"css(
.wide { overflow-x: auto; }
table.compare td.change { min-width: 14rem; }
tr.best td { background: #f6f8fa; }
.plans { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(18rem, 100%), 1fr)); gap: 1rem; align-items: start; }
article.plan { border: 1px solid #d0d7de; border-radius: 6px; padding: .75rem 1rem; }
article.plan h3, section.plan h3 { font-size: 1.05rem; margin: 0 0 .3rem; }
section.plan { margin-top: 1.5rem; }
.plan-totals { margin: 0 0 .4rem; }
.swap { margin: 0 0 .4rem; color: #424a53; font-size: .9rem; }
ol.plan-steps { margin: .4rem 0 0; padding-left: 1.6rem; font-size: .9rem; }
ol.plan-steps li { padding: .15rem .3rem; border-radius: 4px; }
ol.plan-steps .when { display: block; color: #59636e; font-size: .85em; font-variant-numeric: tabular-nums; }
.added { background: #dafbe1; }
.tag { display: inline-block; margin-left: .4em; padding: 0 .35em; border: 1px solid #1a7f37; border-radius: 4px;
       color: #1a7f37; font-size: .75em; font-weight: 600; white-space: nowrap; }
del.dropped { color: #cf222e; }
.drops { margin: .5rem 0 0; font-size: .9rem; }
figure.frontier { margin: .5rem 0; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 .75rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .4rem; }
}
@media print {
  .plans { grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .6rem; }
  article.plan { break-inside: avoid; padding: .4rem .6rem; }
  ol.plan-steps { font-size: 8.5pt; }
  section.plan h3, .plan-totals { break-after: avoid; }
  .wide { overflow: visible; }
}
)css";

// "a, b, skills x, y": what a page is about, for its title and subtitle.
std::string goal_text(const Catalog& catalog, const PlanRequest& request) {
    std::vector<std::string> goals;
    for (std::uint32_t t : request.targets) goals.push_back(catalog.credentials[t].id);
    if (const std::vector<std::string> skills = goal_skills(request); !skills.empty())
        goals.push_back(fmt::format("skills {}", fmt::join(skills, ", ")));
    return fmt::format("{}", fmt::join(goals, ", "));
}

// Every page up to its <main>: one head, one style, one header.
std::string page_start(const std::string& heading, const std::string& goal, const Date& as_of,
                       const std::string& catalog_name, std::string_view extra_style) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta name=\"generator\" content=\"credpath\">\n";
    out += fmt::format("<title>{}: {}</title>\n<style>{}{}</style>\n</head>\n<body>\n", e(heading), e(goal), page_style,
                       extra_style);
    out += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{} &middot; as of {}{}</p>\n</header>\n<main>\n",
                       e(heading), e(goal), to_string(as_of),
                       catalog_name.empty() ? std::string() : " &middot; catalog " + e(catalog_name));
    return out;
}

std::string page_end(std::string_view footer) {
    return fmt::format("</main>\n<footer>{}</footer>\n</body>\n</html>\n", footer);
}

std::size_t feasible_count(const std::vector<Plan>& plans) {
    return static_cast<std::size_t>(
        std::count_if(plans.begin(), plans.end(), [](const Plan& plan) { return plan.feasible; }));
}

std::string set_request_section(const PlanSetView& view, const std::string& objective, const std::string& result) {
    return "<section id=\"request\">\n<h2>Request</h2>\n<dl class=\"facts\">\n" +
           request_facts(view.catalog, view.request, view.learner, objective) + fact_html("Result", e(result)) +
           "</dl>\n</section>\n";
}

// "<code>a</code>, <code>b</code>"
std::string codes_html(const Catalog& catalog, const std::vector<std::uint32_t>& indices) {
    std::vector<std::string> codes;
    for (std::uint32_t index : indices) codes.push_back(fmt::format("<code>{}</code>", e(catalog.credentials[index].id)));
    return fmt::format("{}", fmt::join(codes, ", "));
}

std::string money_html(const Catalog& catalog, double value) {
    return fmt::format("{} {}", format_money(value), e(catalog.currency));
}

// "+240 USD, -1.71 weeks": a plan's cost and weeks against another's.
std::string deltas_html(const Catalog& catalog, const Plan& plan, const Plan& reference) {
    const double weeks = plan.totals.weeks - reference.totals.weeks;
    return fmt::format("{} {}, {} {}", signed_number(plan.totals.cost - reference.totals.cost, true),
                       e(catalog.currency), signed_number(weeks, false), noun(weeks, "week", "weeks"));
}

// "4,900 USD · 22 weeks · 401 hours · 7 steps"
std::string plan_totals_html(const Catalog& catalog, const PlanTotals& t) {
    return fmt::format("<strong>{}</strong> &middot; {} &middot; {} &middot; {}", money_html(catalog, t.cost),
                       plural(t.weeks, "week", "weeks"), plural(t.hours, "hour", "hours"), plural(t.count, "step", "steps"));
}

std::string not_optimal_html(const Plan& plan) {
    return plan.optimal ? std::string() : " <span class=\"not-optimal\">(not proven optimal)</span>";
}

// One row per plan: its totals, and what it changes against the best.
std::string alternatives_comparison(const PlanSetView& view) {
    const Catalog& catalog = view.catalog;
    std::string out = fmt::format(
        "<section id=\"comparison\">\n<h2>The plans compared</h2>\n<div class=\"wide\">\n<table class=\"compare\">\n"
        "<thead><tr><th class=\"num\">rank</th><th class=\"num\">cost ({})</th><th class=\"num\">weeks</th>"
        "<th class=\"num\">hours</th><th class=\"num\">steps</th><th>against #1</th></tr></thead>\n<tbody>\n",
        e(catalog.currency));
    const Plan& best = view.plans.front();
    for (std::size_t i = 0; i < view.plans.size(); ++i) {
        const Plan& plan = view.plans[i];
        if (!plan.feasible) {
            out += fmt::format("<tr><td class=\"num\">#{}</td><td colspan=\"5\" class=\"note\">{}</td></tr>\n", i + 1,
                               e(plan.reason));
            continue;
        }
        std::string change = "best";
        if (i > 0) {
            const Swap swap = swap_against(catalog, plan, best);
            change = deltas_html(catalog, plan, best);
            if (!swap.adds.empty()) change += "; adds " + codes_html(catalog, swap.adds);
            if (!swap.drops.empty()) change += "; drops " + codes_html(catalog, swap.drops);
        }
        const PlanTotals& t = plan.totals;
        out += fmt::format("<tr{}><td class=\"num\">#{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                           "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"change\">{}{}</td></tr>\n",
                           i == 0 ? " class=\"best\"" : "", i + 1, format_money(t.cost), format_count(t.weeks),
                           format_count(t.hours), format_count(t.count), change, not_optimal_html(plan));
    }
    return out + "</tbody>\n</table>\n</div>\n</section>\n";
}

// A plan's steps as a list for a narrow column; the steps the best plan does
// not have are highlighted (and tagged in words, for paper in grey).
std::string plan_steps_list(const PlanSetView& view, const Plan& plan, const std::vector<std::uint32_t>& added) {
    const Catalog& catalog = view.catalog;
    std::string out = "<ol class=\"plan-steps\">\n";
    for (const PlanStep& step : plan.steps) {
        const Credential& c = catalog.credentials[step.credential];
        const bool is_added = std::find(added.begin(), added.end(), step.credential) != added.end();
        const bool target = std::find(view.request.targets.begin(), view.request.targets.end(), step.credential) !=
                            view.request.targets.end();
        out += fmt::format("<li{}><code>{}</code> {}{}{}<span class=\"when\">weeks {}-{} &middot; {} &middot; "
                           "{}</span></li>\n",
                           is_added ? " class=\"added\"" : "", e(c.id), e(c.title), target ? " (target)" : "",
                           is_added ? "<span class=\"tag\">not in #1</span>" : "", format_count(step.start_week),
                           format_count(step.finish_week), money_html(catalog, c.cost),
                           plural(c.hours, "hour", "hours"));
    }
    return out + "</ol>\n";
}

// The plans in columns, best first.
std::string alternatives_side_by_side(const PlanSetView& view) {
    const Catalog& catalog = view.catalog;
    const Plan& best = view.plans.front();
    std::string out = "<section id=\"plans\">\n<h2>Side by side</h2>\n<div class=\"plans\">\n";
    for (std::size_t i = 0; i < view.plans.size(); ++i) {
        const Plan& plan = view.plans[i];
        out += fmt::format("<article class=\"plan\" id=\"plan-{0}\">\n<h3>#{0}{1}</h3>\n", i + 1, i == 0 ? ": the best" : "");
        if (!plan.feasible) {
            out += fmt::format("<p class=\"note\">{}</p>\n</article>\n", e(plan.reason));
            continue;
        }
        out += fmt::format("<p class=\"plan-totals\">{}{}</p>\n", plan_totals_html(catalog, plan.totals),
                           not_optimal_html(plan));
        Swap swap;
        if (i > 0) {
            swap = swap_against(catalog, plan, best);
            out += fmt::format("<p class=\"swap\">{} against #1</p>\n", deltas_html(catalog, plan, best));
        }
        if (plan.steps.empty()) out += "<p>Nothing to add: every target is held.</p>\n";
        else out += plan_steps_list(view, plan, swap.adds);
        if (!swap.drops.empty()) {
            std::vector<std::string> dropped;
            for (std::uint32_t d : swap.drops)
                dropped.push_back(fmt::format("<del class=\"dropped\"><code>{}</code></del>", e(catalog.credentials[d].id)));
            out += fmt::format("<p class=\"drops\">Instead of {}</p>\n", fmt::join(dropped, ", "));
        }
        out += "</article>\n";
    }
    return out + "</div>\n<p class=\"legend\"><span class=\"swatch added\"></span>a step the best plan does not "
                 "have; struck through: a step of the best plan that this one does without.</p>\n</section>\n";
}

// "adds a; drops b" against the previous point, as in the text table.
std::string frontier_change_html(const PlanSetView& view, std::size_t i) {
    std::string change;
    if (i == 0) {
        change = "cheapest";
    } else {
        const Swap swap = swap_against(view.catalog, view.plans[i], view.plans[i - 1]);
        std::vector<std::string> parts;
        if (!swap.adds.empty()) parts.push_back("adds " + codes_html(view.catalog, swap.adds));
        if (!swap.drops.empty()) parts.push_back("drops " + codes_html(view.catalog, swap.drops));
        change = fmt::format("{}", fmt::join(parts, "; "));
    }
    if (i + 1 == view.plans.size()) change += i == 0 ? " and fastest" : change.empty() ? "fastest" : " (fastest)";
    return change;
}

std::string pareto_frontier_section(const PlanSetView& view, const std::string& stopped) {
    const Catalog& catalog = view.catalog;
    std::string out = "<section id=\"frontier\">\n<h2>Frontier</h2>\n";
    if (!stopped.empty()) out += fmt::format("<p class=\"note\">The frontier may be incomplete: {}</p>\n", e(stopped));
    std::vector<FrontierPoint> points;
    for (std::size_t i = 0; i < view.plans.size(); ++i) {
        const PlanTotals& t = view.plans[i].totals;
        points.push_back({fmt::format("#{}", i + 1),
                          fmt::format("#{}: {} {}, {}, {}", i + 1, format_money(t.cost), catalog.currency,
                                      plural(t.weeks, "week", "weeks"), plural(t.count, "step", "steps")),
                          t.weeks, t.cost});
    }
    out += "<figure class=\"frontier\">\n" + frontier_svg(points, catalog.currency) + "\n</figure>\n";
    out += "<p class=\"legend\">Each point is a plan; the line is the least cost within each number of weeks: "
           "below it, no plan.</p>\n";
    out += fmt::format("<div class=\"wide\">\n<table class=\"frontier\">\n<thead><tr><th class=\"num\">#</th>"
                       "<th class=\"num\">cost ({})</th><th class=\"num\">weeks</th><th class=\"num\">hours</th>"
                       "<th class=\"num\">steps</th><th>what changes from the previous</th></tr></thead>\n<tbody>\n",
                       e(catalog.currency));
    for (std::size_t i = 0; i < view.plans.size(); ++i) {
        const Plan& plan = view.plans[i];
        out += fmt::format("<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                           "<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}{}</td></tr>\n",
                           i + 1, format_money(plan.totals.cost), format_count(plan.totals.weeks),
                           format_count(plan.totals.hours), format_count(plan.totals.count),
                           frontier_change_html(view, i), not_optimal_html(plan));
    }
    return out + "</tbody>\n</table>\n</div>\n</section>\n";
}

// Each point's plan: its step table as on the page of one plan.
std::string pareto_plans_section(const PlanSetView& view) {
    const Catalog& catalog = view.catalog;
    std::string out = "<section id=\"plans\">\n<h2>The plans</h2>\n";
    for (std::size_t i = 0; i < view.plans.size(); ++i) {
        const Plan& plan = view.plans[i];
        const PlanView one = plan_of_set(view, plan);
        out += fmt::format("<section class=\"plan\" id=\"plan-{0}\">\n<h3>#{0}: {1}, {2}</h3>\n", i + 1,
                           money_html(catalog, plan.totals.cost), plural(plan.totals.weeks, "week", "weeks"));
        out += fmt::format("<p class=\"plan-totals\">{} &middot; {}{}{}</p>\n", plural(plan.totals.hours, "hour", "hours"),
                           plural(plan.totals.count, "step", "steps"),
                           one.renewals.empty() ? std::string()
                                                : " &middot; renews " + codes_html(catalog, one.renewals),
                           not_optimal_html(plan));
        out += plan.steps.empty() ? std::string("<p>Nothing to add: every target is held.</p>\n")
                                  : "<div class=\"wide\">\n" + steps_table_html(one) + "</div>\n";
        out += "</section>\n";
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

AxisTicks axis_ticks(double low, double high, int count) {
    if (high < low) std::swap(low, high);
    const bool never_negative = low >= 0;
    // A single value (one plan, or plans alike on this axis) gets a range
    // around it; any range a margin, so that no point sits on an axis.
    const double span = high - low > 1e-9 ? high - low : std::max(1.0, std::fabs(high) / 10);
    if (high - low <= 1e-9) {
        low -= span / 2;
        high += span / 2;
    } else {
        low -= span / 20;
        high += span / 20;
    }
    const double rough = (high - low) / std::max(count, 1);
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    double step = power;
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        step = factor * power;
        if (step >= rough) break;
    }
    AxisTicks ticks;
    ticks.step = step;
    ticks.first = std::floor(low / step) * step;
    ticks.last = std::ceil(high / step) * step;
    // Weeks and costs are never negative: a range that starts at them starts at 0.
    if (never_negative && ticks.first < 0) ticks.first = 0;
    return ticks;
}

std::string frontier_svg(const std::vector<FrontierPoint>& points, std::string_view currency) {
    constexpr double width = 760;
    constexpr double height = 400;
    constexpr double left = 90;    // the cost labels
    constexpr double right = 30;
    constexpr double top = 20;
    constexpr double bottom = 56;  // the week labels and the axis title
    const double plot_width = width - left - right;
    const double plot_height = height - top - bottom;
    if (points.empty()) return {};
    double min_weeks = points.front().weeks, max_weeks = min_weeks;
    double min_cost = points.front().cost, max_cost = min_cost;
    for (const FrontierPoint& point : points) {
        min_weeks = std::min(min_weeks, point.weeks);
        max_weeks = std::max(max_weeks, point.weeks);
        min_cost = std::min(min_cost, point.cost);
        max_cost = std::max(max_cost, point.cost);
    }
    const AxisTicks x_ticks = axis_ticks(min_weeks, max_weeks, 8);
    const AxisTicks y_ticks = axis_ticks(min_cost, max_cost, 6);
    auto x_of = [&](double weeks) {
        return left + (weeks - x_ticks.first) / (x_ticks.last - x_ticks.first) * plot_width;
    };
    auto y_of = [&](double cost) {
        return top + plot_height - (cost - y_ticks.first) / (y_ticks.last - y_ticks.first) * plot_height;
    };
    // Ticks counted, not summed, so that no rounding adds or loses one.
    auto tick_values = [](const AxisTicks& ticks) {
        std::vector<double> values;
        const auto intervals = static_cast<long>(std::lround((ticks.last - ticks.first) / ticks.step));
        for (long i = 0; i <= intervals; ++i) values.push_back(ticks.first + static_cast<double>(i) * ticks.step);
        return values;
    };

    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"frontier\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"Cost against weeks of the {2} on the frontier\" "
        "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
        width, height, plural(points.size(), "plan", "plans"));
    // The grid and tick labels, the axes, the step line, then the points on top.
    for (const double week : tick_values(x_ticks)) {
        const double x = x_of(week);
        out += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#d0d7de\"/>\n", x, top,
                           top + plot_height + 4);
        out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#59636e\" font-size=\"11\">{}"
                           "</text>\n",
                           x, top + plot_height + 18, format_count(week));
    }
    for (const double cost : tick_values(y_ticks)) {
        const double y = y_of(cost);
        out += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"#d0d7de\"/>\n",
                           left - 4, y, left + plot_width);
        out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" dominant-baseline=\"central\" "
                           "fill=\"#59636e\" font-size=\"11\">{}</text>\n",
                           left - 8, y, format_money(cost));
    }
    out += fmt::format("<path d=\"M{0} {1}V{2:.1f}H{3:.1f}\" fill=\"none\" stroke=\"#59636e\"/>\n", left, top,
                       top + plot_height, left + plot_width);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#424a53\">weeks to finish</text>\n",
                       left + plot_width / 2, height - 12);
    out += fmt::format("<text x=\"16\" y=\"{0:.1f}\" text-anchor=\"middle\" fill=\"#424a53\" "
                       "transform=\"rotate(-90 16 {0:.1f})\">cost ({1})</text>\n",
                       top + plot_height / 2, html_escape(currency));
    // The least cost within a number of weeks: from the fastest plan, level
    // until the next slower (and cheaper) one, down to it, and so on; level
    // after the slowest to the edge.
    std::vector<const FrontierPoint*> by_weeks;
    for (const FrontierPoint& point : points) by_weeks.push_back(&point);
    std::stable_sort(by_weeks.begin(), by_weeks.end(),
                     [](const FrontierPoint* a, const FrontierPoint* b) { return a->weeks < b->weeks; });
    std::string line = fmt::format("M{:.1f} {:.1f}", x_of(by_weeks.front()->weeks), y_of(by_weeks.front()->cost));
    for (std::size_t i = 1; i < by_weeks.size(); ++i)
        line += fmt::format("H{:.1f}V{:.1f}", x_of(by_weeks[i]->weeks), y_of(by_weeks[i]->cost));
    line += fmt::format("H{:.1f}", left + plot_width);
    out += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"#4f7fbf\" stroke-width=\"2\"/>\n", line);
    for (const FrontierPoint& point : points) {
        const double x = x_of(point.weeks), y = y_of(point.cost);
        out += fmt::format("<g>\n<title>{}</title>\n<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"#e39b2d\" "
                           "stroke=\"#fff\" stroke-width=\"1.5\"/>\n",
                           html_escape(point.tooltip), x, y);
        out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"#1f2328\" font-weight=\"600\">{}</text>\n</g>\n",
                           x + 8, y - 8, html_escape(point.label));
    }
    return out + "</svg>";
}

}  // namespace render_detail

std::string render_plan_html(const PlanView& view) {
    const Catalog& catalog = view.catalog;
    const Plan& plan = view.plan;
    const std::string heading = view.learner.name.empty() ? "Credential plan" : "Credential plan for " + view.learner.name;
    std::string out = page_start(heading, goal_text(catalog, view.request), view.learner.as_of, catalog.name, "");
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
    return out + page_end("Made with credpath. Weeks count from the start of the plan; steps whose weeks overlap "
                          "can be taken at the same time.");
}

std::string render_alternatives_html(const PlanSetView& view) {
    const Catalog& catalog = view.catalog;
    const std::string heading =
        view.learner.name.empty() ? "Alternative plans" : "Alternative plans for " + view.learner.name;
    std::string out = page_start(heading, goal_text(catalog, view.request), view.learner.as_of, catalog.name, set_style);
    std::string result = "no plan meets the limits";
    if (const std::size_t found = feasible_count(view.plans); found > 0)
        result = found == 1 ? std::string("the best plan") : fmt::format("the {} best plans, best first", format_count(found));
    out += set_request_section(view, fmt::format("minimize {}", to_string(view.request.objective)), result);
    if (view.plans.empty()) {
        out += "<section id=\"result\">\n<h2>No plan</h2>\n<p class=\"infeasible\">No plan meets the limits.</p>\n"
               "</section>\n";
    } else {
        out += alternatives_comparison(view);
        out += alternatives_side_by_side(view);
    }
    out += "<section id=\"held\">\n<h2>Held credentials</h2>\n" + held_html(catalog, view.learner) +
           begun_html(catalog, view.learner) + "</section>\n";
    return out + page_end("Made with credpath. Each plan after the first is the best route that is not the same as "
                          "an earlier one; weeks count from the start of the plan.");
}

std::string render_pareto_html(const PlanSetView& full) {
    const Catalog& catalog = full.catalog;
    // As in the text: a plan the search could not finish ends the list with its reason.
    std::vector<Plan> feasible;
    std::string stopped;
    for (const Plan& plan : full.plans) {
        if (plan.feasible) feasible.push_back(plan);
        else stopped = plan.reason;
    }
    const PlanSetView view{catalog, full.graph, full.request, feasible, full.learner};
    const std::string heading =
        view.learner.name.empty() ? "Cost and time trade-offs" : "Cost and time trade-offs for " + view.learner.name;
    std::string out = page_start(heading, goal_text(catalog, view.request), view.learner.as_of, catalog.name, set_style);
    const std::string result =
        view.plans.empty() ? std::string("no plan meets the limits")
                           : fmt::format("{} on the frontier: no plan is both cheaper and faster than any of them",
                                         plural(view.plans.size(), "plan", "plans"));
    out += set_request_section(view, "cost against weeks", result);
    if (view.plans.empty()) {
        out += fmt::format("<section id=\"result\">\n<h2>No plan</h2>\n<p class=\"infeasible\">{}</p>\n</section>\n",
                           e(stopped.empty() ? "No plan meets the limits." : stopped));
    } else {
        out += pareto_frontier_section(view, stopped);
        out += pareto_plans_section(view);
    }
    out += "<section id=\"held\">\n<h2>Held credentials</h2>\n" + held_html(catalog, view.learner) +
           begun_html(catalog, view.learner) + "</section>\n";
    return out + page_end("Made with credpath. A plan is on the frontier when no other plan is both cheaper and "
                          "faster; weeks count from the start of the plan.");
}

}  // namespace credpath
