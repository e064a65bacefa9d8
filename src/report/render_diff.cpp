#include "credpath/report/render_diff.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/color.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "plan_parts.hpp"

namespace credpath {

using namespace render_detail;

namespace {

constexpr std::size_t kValueWidth = 100;  // a changed value in text and Markdown is clipped here
constexpr std::size_t kStepsShown = 8;    // step ids listed per request in Markdown


std::string weeks_text(double weeks) { return plural(weeks, "week", "weeks"); }

// "+200" / "-1,250.50" (money) or "+2" / "-0.5".
std::string signed_value(double delta, bool money) {
    const std::string magnitude = money ? format_money(std::fabs(delta)) : format_count(std::fabs(delta));
    return std::string(delta < 0 ? "-" : "+").append(magnitude);
}

bool differs(double a, double b) { return std::fabs(a - b) > 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

// ---------------------------------------------------------------- fields

bool is_money(const FieldChange& f) { return f.field == "cost"; }

std::string clipped_terminal(std::string_view text) { return clip(terminal_safe(text), kValueWidth); }
std::string clipped_markdown(std::string_view text) { return markdown_cell(clip(text, kValueWidth)); }

// One side of a change, readable and safe for a terminal, clipped.
std::string side_text(const FieldChange& f, bool after) {
    if (f.type == FieldType::Number) {
        const std::optional<double>& value = after ? f.after_number : f.before_number;
        if (!value) return "(none)";
        return is_money(f) ? format_money(*value) : format_count(*value);
    }
    const std::string& value = after ? f.after : f.before;
    return value.empty() ? "(none)" : clip(terminal_safe(value), kValueWidth);
}

std::string joined(const std::vector<std::string>& list, std::string (*item)(std::string_view)) {
    std::vector<std::string> out;
    for (const std::string& entry : list) out.push_back(item(entry));
    return fmt::format("{}", fmt::join(out, ", "));
}

std::string list_change_text(const FieldChange& f, std::string (*item)(std::string_view)) {
    std::vector<std::string> parts;
    if (!f.added.empty()) parts.push_back(std::string("added ").append(joined(f.added, item)));
    if (!f.removed.empty()) parts.push_back(std::string("removed ").append(joined(f.removed, item)));
    if (parts.empty()) return "order changed";
    return fmt::format("{}", fmt::join(parts, "; "));
}

std::string quoted_terminal(std::string_view text) { return fmt::format("\"{}\"", clipped_terminal(text)); }

// "cost: 1,000 -> 1,200 (+200)", "tags: added x; removed y".
std::string field_line_text(const FieldChange& f) {
    // Outcomes are sentences: each in quotes.
    if (f.type == FieldType::List)
        return fmt::format("{}: {}", f.field,
                           list_change_text(f, f.field == "outcomes" ? quoted_terminal : clipped_terminal));
    std::string line = fmt::format("{}: {} -> {}", f.field, side_text(f, false), side_text(f, true));
    if (f.type == FieldType::Number && f.before_number && f.after_number)
        line += fmt::format(" ({})", signed_value(*f.after_number - *f.before_number, is_money(f)));
    return line;
}

ordered_json field_json(const FieldChange& f) {
    ordered_json out{{"field", f.field}};
    auto text = [](const std::string& value) { return value.empty() ? ordered_json() : ordered_json(value); };
    switch (f.type) {
    case FieldType::Number:
        out["before"] = f.before_number ? number(*f.before_number) : ordered_json();
        out["after"] = f.after_number ? number(*f.after_number) : ordered_json();
        break;
    case FieldType::List:
        out["before"] = f.before_list;
        out["after"] = f.after_list;
        out["added"] = f.added;
        out["removed"] = f.removed;
        break;
    case FieldType::Text:
    case FieldType::Rule:
        out["before"] = text(f.before);
        out["after"] = text(f.after);
        break;
    }
    return out;
}

// ---------------------------------------------------------------- requests

std::string request_head(const RequestDiff& r) {
    return fmt::format("{} (line {}, minimize {})", terminal_safe(request_label(r.request)), r.request.line,
                       to_string(r.objective));
}

std::string plan_text(const RequestPlan& p, const Catalog& catalog) {
    if (!p.error.empty()) return std::string("cannot be asked: ").append(p.error);
    if (!p.feasible) return std::string("no plan: ").append(p.reason);
    return fmt::format("{} {}, {}, {}, {}{}", format_money(p.totals.cost), catalog.currency,
                       weeks_text(p.totals.weeks), plural(p.totals.hours, "hour", "hours"),
                       plural(p.totals.count, "step", "steps"), p.optimal ? "" : " (not proven optimal)");
}

// Each reason a plan is worse, with its amount: "cost +300 USD".
std::vector<std::string> worse_texts(const RequestDiff& r, const Catalog& after) {
    std::vector<std::string> out;
    const PlanTotals& a = r.before.totals;
    const PlanTotals& b = r.after.totals;
    for (const std::string& key : r.worse) {
        if (key == "infeasible") out.push_back("no plan now");
        else if (key == "unanswerable") out.push_back("the request no longer fits the catalog");
        else if (key == "cost")
            out.push_back(fmt::format("cost {} {}", signed_value(b.cost - a.cost, true), after.currency));
        else if (key == "weeks") out.push_back(fmt::format("weeks {}", signed_value(b.weeks - a.weeks, false)));
        else if (key == "hours") out.push_back(fmt::format("hours {}", signed_value(b.hours - a.hours, false)));
        else if (key == "count")
            out.push_back(fmt::format("steps {}", signed_value(static_cast<double>(b.count) - a.count, false)));
        else out.push_back(key);
    }
    return out;
}

// Every total that moved, when both catalogs give a plan: "cost -200 USD, weeks -2".
std::vector<std::string> delta_texts(const RequestDiff& r, const Catalog& after) {
    std::vector<std::string> out;
    if (!r.before.error.empty() || !r.after.error.empty() || !r.before.feasible || !r.after.feasible) return out;
    const PlanTotals& a = r.before.totals;
    const PlanTotals& b = r.after.totals;
    if (differs(a.cost, b.cost))
        out.push_back(fmt::format("cost {} {}", signed_value(b.cost - a.cost, true), after.currency));
    if (differs(a.weeks, b.weeks)) out.push_back(fmt::format("weeks {}", signed_value(b.weeks - a.weeks, false)));
    if (differs(a.hours, b.hours)) out.push_back(fmt::format("hours {}", signed_value(b.hours - a.hours, false)));
    if (a.count != b.count)
        out.push_back(fmt::format("steps {}", signed_value(static_cast<double>(b.count) - a.count, false)));
    return out;
}

// What the headline of a request says after its status.
std::string change_text(const RequestDiff& r, const Catalog& after) {
    switch (r.status) {
    case RequestStatus::Worse: return fmt::format("{}", fmt::join(worse_texts(r, after), ", "));
    case RequestStatus::Better:
        if (!r.before.feasible) return "a plan now";
        return fmt::format("{}", fmt::join(delta_texts(r, after), ", "));
    case RequestStatus::Changed: {
        const std::vector<std::string> deltas = delta_texts(r, after);
        return deltas.empty() ? "other steps, same totals" : fmt::format("{}", fmt::join(deltas, ", "));
    }
    case RequestStatus::New: return "only the new catalog can answer it";
    case RequestStatus::Unchanged: return r.before.feasible ? "same plan" : "no plan in either";
    case RequestStatus::Error: return r.error;
    }
    return {};
}

std::string id_list(const std::vector<std::string>& ids, std::size_t shown) {
    std::vector<std::string> items(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min(shown, ids.size())));
    std::string out = fmt::format("{}", fmt::join(items, ", "));
    if (ids.size() > shown) out += fmt::format(" and {} more", format_count(ids.size() - shown));
    return out;
}

std::string steps_change_text(const RequestDiff& r) {
    std::vector<std::string> parts;
    if (!r.steps_added.empty()) parts.push_back(std::string("+ ").append(id_list(r.steps_added, SIZE_MAX)));
    if (!r.steps_removed.empty()) parts.push_back(std::string("- ").append(id_list(r.steps_removed, SIZE_MAX)));
    return fmt::format("{}", fmt::join(parts, "; "));
}

fmt::text_style status_style(RequestStatus status) {
    switch (status) {
    case RequestStatus::Worse:
    case RequestStatus::Error: return fmt::fg(fmt::terminal_color::bright_red) | fmt::emphasis::bold;
    case RequestStatus::Better: return fmt::fg(fmt::terminal_color::bright_green) | fmt::emphasis::bold;
    default: return fmt::emphasis::bold;
    }
}

std::string requests_counts(const RequestsDiff& requests) {
    return fmt::format("{} worse, {} better, {} changed, {} unchanged, {} new, {}",
                       format_count(requests.count(RequestStatus::Worse)),
                       format_count(requests.count(RequestStatus::Better)),
                       format_count(requests.count(RequestStatus::Changed)),
                       format_count(requests.count(RequestStatus::Unchanged)),
                       format_count(requests.count(RequestStatus::New)),
                       plural(requests.count(RequestStatus::Error), "error", "errors"));
}

ordered_json plan_json(const RequestPlan& p) {
    if (!p.error.empty()) return {{"error", p.error}};
    if (!p.feasible) return {{"feasible", false}, {"reason", p.reason}};
    return {{"feasible", true},
            {"optimal", p.optimal},
            {"cost", number(p.totals.cost)},
            {"hours", number(p.totals.hours)},
            {"weeks", number(p.totals.weeks)},
            {"credits", number(p.totals.credits)},
            {"count", p.totals.count},
            {"steps", p.steps}};
}

ordered_json side_json(const Catalog& catalog, const std::string& name) {
    return {{"path", name},
            {"files", catalog.files.size()},
            {"credentials", catalog.credentials.size()},
            {"currency", catalog.currency},
            {"credit_unit", catalog.credit_unit}};
}

ordered_json place_json(const Catalog& catalog, const Credential& c) {
    return {{"id", c.id},
            {"title", c.title},
            {"kind", to_string(c.kind)},
            {"file", c.loc.file < catalog.files.size() ? catalog.files[c.loc.file] : std::string()},
            {"line", c.loc.line}};
}

}  // namespace

// ---------------------------------------------------------------- text

std::string render_diff_text(const DiffView& view, const Style& style) {
    const CatalogDiff& d = view.catalog;
    std::string out = fmt::format(
        "Catalog diff: {} ({} in {}) -> {} ({} in {})\n", terminal_safe(view.before_name),
        plural(view.before.credentials.size(), "credential", "credentials"),
        plural(view.before.files.size(), "file", "files"), terminal_safe(view.after_name),
        plural(view.after.credentials.size(), "credential", "credentials"),
        plural(view.after.files.size(), "file", "files"));
    out += fmt::format("{} added, {} removed, {} changed, {} unchanged\n", format_count(d.added.size()),
                       format_count(d.removed.size()), format_count(d.changed.size()), format_count(d.unchanged));
    if (!d.catalog.empty()) {
        out += "\nCatalog:\n";
        for (const FieldChange& f : d.catalog) out += fmt::format("  {}\n", field_line_text(f));
    }
    auto credential_line = [&](char mark, const Catalog& catalog, std::uint32_t index) {
        const Credential& c = catalog.credentials[index];
        std::string line = fmt::format("  {} {}: {} ({}", mark, c.id, terminal_safe(c.title), to_string(c.kind));
        if (c.cost > 0) line += fmt::format(", {} {}", format_money(c.cost), catalog.currency);
        if (c.weeks > 0) line += fmt::format(", {}", weeks_text(c.weeks));
        return line + ")\n";
    };
    if (!d.added.empty()) {
        out += fmt::format("\nAdded ({}):\n", format_count(d.added.size()));
        for (std::uint32_t i : d.added) out += credential_line('+', view.after, i);
    }
    if (!d.removed.empty()) {
        out += fmt::format("\nRemoved ({}):\n", format_count(d.removed.size()));
        for (std::uint32_t i : d.removed) out += credential_line('-', view.before, i);
    }
    if (!d.changed.empty()) {
        out += fmt::format("\nChanged ({}):\n", format_count(d.changed.size()));
        for (const CredentialChange& c : d.changed) {
            out += fmt::format("  ~ {}: {}\n", c.id, terminal_safe(view.after.credentials[c.after].title));
            for (const FieldChange& f : c.fields) out += fmt::format("      {}\n", field_line_text(f));
        }
    }
    if (!view.requests) return out;

    const RequestsDiff& requests = *view.requests;
    out += fmt::format("\nPlans of {} ({}): {}\n", plural(requests.requests.size(), "request", "requests"),
                       terminal_safe(view.requests_name), requests_counts(requests));
    for (const RequestDiff& r : requests.requests) {
        const std::string status = paint(style, status_style(r.status), fmt::format("[{}]", to_string(r.status)));
        if (r.line_fault) {
            out += fmt::format("{} {}\n", status, terminal_safe(r.error));
            continue;
        }
        out += fmt::format("{} {}: {}\n", status, request_head(r), terminal_safe(change_text(r, view.after)));
        if (r.status == RequestStatus::Error) continue;
        if (r.status == RequestStatus::Unchanged) {
            out += fmt::format("    plan: {}\n", terminal_safe(plan_text(r.after, view.after)));
            continue;
        }
        out += fmt::format("    old: {}\n", terminal_safe(plan_text(r.before, view.before)));
        out += fmt::format("    new: {}\n", terminal_safe(plan_text(r.after, view.after)));
        const std::string steps = steps_change_text(r);
        if (!steps.empty() && r.status != RequestStatus::New) out += fmt::format("    steps: {}\n", steps);
    }
    return out;
}

// ---------------------------------------------------------------- JSON

std::string render_diff_json(const DiffView& view) {
    const CatalogDiff& d = view.catalog;
    ordered_json out{{"format", "credpath-diff/1"},
                     {"old", side_json(view.before, view.before_name)},
                     {"new", side_json(view.after, view.after_name)},
                     {"summary",
                      {{"added", d.added.size()},
                       {"removed", d.removed.size()},
                       {"changed", d.changed.size()},
                       {"unchanged", d.unchanged}}}};
    ordered_json catalog = ordered_json::array();
    for (const FieldChange& f : d.catalog) catalog.push_back(field_json(f));
    out["catalog"] = std::move(catalog);
    ordered_json added = ordered_json::array();
    for (std::uint32_t i : d.added) added.push_back(place_json(view.after, view.after.credentials[i]));
    out["added"] = std::move(added);
    ordered_json removed = ordered_json::array();
    for (std::uint32_t i : d.removed) removed.push_back(place_json(view.before, view.before.credentials[i]));
    out["removed"] = std::move(removed);
    ordered_json changed = ordered_json::array();
    for (const CredentialChange& c : d.changed) {
        ordered_json entry = place_json(view.after, view.after.credentials[c.after]);
        entry.erase("kind");
        ordered_json fields = ordered_json::array();
        for (const FieldChange& f : c.fields) fields.push_back(field_json(f));
        entry["fields"] = std::move(fields);
        changed.push_back(std::move(entry));
    }
    out["changed"] = std::move(changed);
    if (view.requests) {
        const RequestsDiff& requests = *view.requests;
        ordered_json items = ordered_json::array();
        for (const RequestDiff& r : requests.requests) {
            ordered_json item{{"id", r.request.id.empty() ? ordered_json() : ordered_json(r.request.id)},
                              {"line", r.request.line},
                              {"status", to_string(r.status)}};
            if (r.line_fault) {
                item["error"] = r.error;
                items.push_back(std::move(item));
                continue;
            }
            item["objective"] = to_string(r.objective);
            if (r.status == RequestStatus::Error) item["error"] = r.error;
            item["worse"] = r.worse;
            item["before"] = plan_json(r.before);
            item["after"] = plan_json(r.after);
            if (r.before.error.empty() && r.after.error.empty() && r.before.feasible && r.after.feasible) {
                const PlanTotals& a = r.before.totals;
                const PlanTotals& b = r.after.totals;
                item["delta"] = {{"cost", number(b.cost - a.cost)},
                                 {"hours", number(b.hours - a.hours)},
                                 {"weeks", number(b.weeks - a.weeks)},
                                 {"count", static_cast<long long>(b.count) - static_cast<long long>(a.count)}};
            }
            item["steps_added"] = r.steps_added;
            item["steps_removed"] = r.steps_removed;
            items.push_back(std::move(item));
        }
        out["requests"] = {{"file", view.requests_name},
                           {"summary",
                            {{"total", requests.requests.size()},
                             {"worse", requests.count(RequestStatus::Worse)},
                             {"better", requests.count(RequestStatus::Better)},
                             {"changed", requests.count(RequestStatus::Changed)},
                             {"unchanged", requests.count(RequestStatus::Unchanged)},
                             {"new", requests.count(RequestStatus::New)},
                             {"errors", requests.count(RequestStatus::Error)}}},
                           {"items", std::move(items)}};
    }
    out["worse"] = view.requests && view.requests->any_worse();
    return dump(out);
}

// ---------------------------------------------------------------- Markdown

namespace {
// Field rows of the Markdown tables, `first_cell` on the first only.
std::string markdown_field_rows(const std::string& first_cell, const std::vector<FieldChange>& fields) {
    auto markdown_side = [](const FieldChange& f, bool after) {
        if (f.type == FieldType::Number) return side_text(f, after);
        const std::string& value = after ? f.after : f.before;
        return value.empty() ? std::string("(none)") : clipped_markdown(value);
    };
    std::string rows;
    std::string lead = first_cell;
    for (const FieldChange& f : fields) {
        std::string before = markdown_side(f, false);
        std::string after = markdown_side(f, true);
        if (f.type == FieldType::Number && f.before_number && f.after_number) {
            after += fmt::format(" ({})", signed_value(*f.after_number - *f.before_number, is_money(f)));
        }
        rows += fmt::format("| {} | {} | {} | {} |\n", lead, f.field, before, after);
        lead.clear();
    }
    return rows;
}

// "## Catalog changes" with its settings, added, removed and changed tables.
std::string markdown_catalog_changes(const DiffView& view) {
    const CatalogDiff& d = view.catalog;
    std::string out = "## Catalog changes\n\n";
    out += fmt::format("{} ({}) → {} ({}): **{} added, {} removed, {} changed**, {} unchanged.\n",
                       markdown_cell(view.before_name),
                       plural(view.before.credentials.size(), "credential", "credentials"),
                       markdown_cell(view.after_name),
                       plural(view.after.credentials.size(), "credential", "credentials"),
                       format_count(d.added.size()), format_count(d.removed.size()), format_count(d.changed.size()),
                       format_count(d.unchanged));
    if (!d.catalog.empty()) {
        out += "\n### Catalog settings\n\n| | field | before | after |\n| --- | --- | --- | --- |\n";
        out += markdown_field_rows("catalog", d.catalog);
    }
    if (!d.added.empty()) {
        out += fmt::format("\n### Added ({})\n\n| id | title | kind | provider | cost | weeks |\n"
                           "| --- | --- | --- | --- | ---: | ---: |\n",
                           format_count(d.added.size()));
        for (std::uint32_t i : d.added) {
            const Credential& c = view.after.credentials[i];
            out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", c.id, markdown_cell(c.title), to_string(c.kind),
                               markdown_cell(c.provider), format_money(c.cost), format_count(c.weeks));
        }
    }
    if (!d.removed.empty()) {
        out += fmt::format("\n### Removed ({})\n\n| id | title | kind | provider |\n| --- | --- | --- | --- |\n",
                           format_count(d.removed.size()));
        for (std::uint32_t i : d.removed) {
            const Credential& c = view.before.credentials[i];
            out += fmt::format("| `{}` | {} | {} | {} |\n", c.id, markdown_cell(c.title), to_string(c.kind),
                               markdown_cell(c.provider));
        }
    }
    if (!d.changed.empty()) {
        out += fmt::format("\n### Changed ({})\n\n| id | field | before | after |\n| --- | --- | --- | --- |\n",
                           format_count(d.changed.size()));
        for (const CredentialChange& c : d.changed) out += markdown_field_rows(fmt::format("`{}`", c.id), c.fields);
    }
    return out;
}

// "1,250 USD, 6 wk, 3 steps" for a table cell.
std::string markdown_short_plan(const RequestPlan& p, const Catalog& catalog) {
    if (!p.error.empty()) return "cannot be asked";
    if (!p.feasible) return "no plan";
    return fmt::format("{} {}, {} wk, {}{}", format_money(p.totals.cost), catalog.currency,
                       format_count(p.totals.weeks), plural(p.totals.count, "step", "steps"),
                       p.optimal ? "" : " (not proven optimal)");
}

// "`a`, `b` and 3 more".
std::string markdown_ids(const std::vector<std::string>& list) {
    std::vector<std::string> coded;
    for (std::size_t i = 0; i < list.size() && i < kStepsShown; ++i) coded.push_back(fmt::format("`{}`", list[i]));
    std::string cell = fmt::format("{}", fmt::join(coded, ", "));
    if (list.size() > kStepsShown) cell += fmt::format(" and {} more", format_count(list.size() - kStepsShown));
    return cell;
}

// One row of the plans table.
std::string markdown_request_row(const DiffView& view, const RequestDiff& r) {
    const std::string status = r.status == RequestStatus::Worse ? "**worse**" : std::string(to_string(r.status));
    std::string change = markdown_cell(change_text(r, view.after));
    // Why there is no plan, when the new catalog has none.
    if (r.after.error.empty() && !r.after.feasible && r.before.feasible)
        change += fmt::format(": {}", clipped_markdown(r.after.reason));
    if (!r.after.error.empty() && r.before.error.empty())
        change += fmt::format(": {}", clipped_markdown(r.after.error));
    const bool compared = r.status != RequestStatus::New;
    return fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", status, markdown_cell(request_label(r.request)),
                       to_string(r.objective), markdown_short_plan(r.before, view.before),
                       markdown_short_plan(r.after, view.after), change,
                       compared ? markdown_ids(r.steps_added) : std::string(),
                       compared ? markdown_ids(r.steps_removed) : std::string());
}

// "### Plans of N requests": the table, then the requests not compared.
std::string markdown_request_changes(const DiffView& view, const RequestsDiff& requests) {
    std::string out = fmt::format("\n### Plans of {} ({})\n\n", plural(requests.requests.size(), "request", "requests"),
                                  markdown_cell(view.requests_name));
    const std::size_t worse = requests.count(RequestStatus::Worse);
    out += worse > 0 ? fmt::format("**{} worse**", plural(worse, "plan", "plans")) : std::string("No plan is worse");
    out += fmt::format(" ({}).\n", requests_counts(requests));
    std::string table;
    std::vector<std::string> errors;
    for (const RequestDiff& r : requests.requests) {
        if (r.status == RequestStatus::Error) {
            errors.push_back(r.line_fault ? markdown_cell(r.error)
                                          : fmt::format("{} (line {}): {}", markdown_cell(request_label(r.request)),
                                                        r.request.line, markdown_cell(r.error)));
            continue;
        }
        table += markdown_request_row(view, r);
    }
    if (!table.empty())
        out += fmt::format("\n| status | request | minimize | before | after | change | steps added | steps removed |\n"
                           "| --- | --- | --- | --- | --- | --- | --- | --- |\n{}",
                           table);
    if (!errors.empty()) {
        out += "\nNot compared:\n\n";
        for (const std::string& e : errors) out += fmt::format("- {}\n", e);
    }
    return out;
}
}  // namespace

std::string render_diff_markdown(const DiffView& view) {
    std::string out = markdown_catalog_changes(view);
    if (view.requests) out += markdown_request_changes(view, *view.requests);
    return out;
}

}  // namespace credpath
