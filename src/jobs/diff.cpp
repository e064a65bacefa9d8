#include "credpath/jobs/diff.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "credpath/model/diagnostic.hpp"

namespace credpath {

// ---------------------------------------------------------------- catalog

std::string rule_text(const Rule& rule, std::string_view credit_unit) {
    const auto children = [&] {
        std::vector<std::string> parts;
        for (const Rule& child : rule.children) parts.push_back(rule_text(child, credit_unit));
        return fmt::format("({})", fmt::join(parts, ", "));
    };
    switch (rule.kind) {
    case RuleKind::Ref: return rule.ref;
    case RuleKind::All: return std::string("all of ").append(children());
    case RuleKind::Any: return std::string("any of ").append(children());
    case RuleKind::AtLeast: return fmt::format("at least {} of {}", rule.at_least, children());
    case RuleKind::CreditsFrom:
    case RuleKind::CreditsTagged: {
        std::string text = fmt::format("{} {} {} ({})", rule.credits, credit_unit,
                                       rule.kind == RuleKind::CreditsFrom ? "from" : "tagged",
                                       fmt::join(rule.names, ", "));
        for (const Rule& cap : rule.caps)
            text += fmt::format(", at most {} {} {} ({})", cap.credits, credit_unit,
                                cap.kind == RuleKind::CreditsFrom ? "from" : "tagged", fmt::join(cap.names, ", "));
        return text;
    }
    case RuleKind::Skills: return fmt::format("skills ({})", fmt::join(rule.names, ", "));
    }
    return {};
}

namespace {

std::string number_text(double value) { return fmt::format("{}", value); }

std::string duration_text(const std::optional<Duration>& duration) {
    return duration ? fmt::format("{}{}", duration->count, duration->unit) : std::string();
}

// `starts` as written: "2027-01-11, 2027-03-08" or "every 4w from 2027-01-04
// until 2027-12-31"; "" when not given.
std::string starts_text(const std::optional<Intakes>& intakes) {
    if (!intakes) return {};
    if (!intakes->every) {
        std::vector<std::string> days;
        for (const Date& day : intakes->dates) days.push_back(to_string(day));
        return fmt::format("{}", fmt::join(days, ", "));
    }
    return fmt::format("every {} from {}{}", duration_text(intakes->every), to_string(intakes->from),
                       intakes->until ? " until " + to_string(*intakes->until) : std::string());
}

std::string renewal_text(const std::optional<Renewal>& renewal) {
    return renewal ? fmt::format("cost {}, hours {}, weeks {}", number_text(renewal->cost), number_text(renewal->hours),
                                 number_text(renewal->weeks))
                   : std::string();
}

// `overlap` entries as "ID at most N".
std::vector<std::string> overlap_text(const std::vector<OverlapLimit>& limits) {
    std::vector<std::string> out;
    for (const OverlapLimit& limit : limits) out.push_back(fmt::format("{} at most {}", limit.with, limit.at_most));
    return out;
}

// Entries of `list` missing from `other`, in order, without repeats.
std::vector<std::string> missing_from(const std::vector<std::string>& list, const std::vector<std::string>& other) {
    std::vector<std::string> out;
    for (const std::string& item : list)
        if (std::find(other.begin(), other.end(), item) == other.end() &&
            std::find(out.begin(), out.end(), item) == out.end())
            out.push_back(item);
    return out;
}

std::vector<std::string> sorted_unique(std::vector<std::string> list) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    return list;
}

struct FieldCollector {
    std::vector<FieldChange>& out;

    void text(std::string field, const std::string& before, const std::string& after) {
        if (before == after) return;
        FieldChange change;
        change.field = std::move(field);
        change.type = FieldType::Text;
        change.before = before;
        change.after = after;
        out.push_back(std::move(change));
    }

    void number(std::string field, std::optional<double> before, std::optional<double> after) {
        if (before == after) return;
        FieldChange change;
        change.field = std::move(field);
        change.type = FieldType::Number;
        change.before = before ? number_text(*before) : std::string();
        change.after = after ? number_text(*after) : std::string();
        change.before_number = before;
        change.after_number = after;
        out.push_back(std::move(change));
    }

    // `as_set`: order and repeats do not matter.
    void list(std::string field, const std::vector<std::string>& before, const std::vector<std::string>& after,
              bool as_set) {
        if (as_set ? sorted_unique(before) == sorted_unique(after) : before == after) return;
        FieldChange change;
        change.field = std::move(field);
        change.type = FieldType::List;
        // Outcomes are sentences, so "; " between them.
        const std::string_view separator = as_set ? ", " : "; ";
        change.before = fmt::format("{}", fmt::join(before, separator));
        change.after = fmt::format("{}", fmt::join(after, separator));
        change.before_list = before;
        change.after_list = after;
        change.added = missing_from(after, before);
        change.removed = missing_from(before, after);
        out.push_back(std::move(change));
    }

    void rule(const std::string& before, const std::string& after, std::string field = "requires") {
        if (before == after) return;
        FieldChange change;
        change.field = std::move(field);
        change.type = FieldType::Rule;
        change.before = before;
        change.after = after;
        out.push_back(std::move(change));
    }
};

std::optional<double> level_of(const Credential& c) {
    return c.level ? std::optional<double>(*c.level) : std::nullopt;
}

std::vector<FieldChange> credential_fields(const Credential& a, const Credential& b, std::string_view unit_a,
                                           std::string_view unit_b) {
    std::vector<FieldChange> fields;
    FieldCollector f{fields};
    f.text("title", a.title, b.title);
    f.text("kind", std::string(to_string(a.kind)), std::string(to_string(b.kind)));
    f.text("provider", a.provider, b.provider);
    f.number("cost", a.cost, b.cost);
    f.number("hours", a.hours, b.hours);
    f.number("weeks", a.weeks, b.weeks);
    f.number("credits", a.credits, b.credits);
    f.number("level", level_of(a), level_of(b));
    f.list("tags", a.tags, b.tags, true);
    f.list("skills", a.skills, b.skills, true);
    f.text("modality", a.modality, b.modality);
    f.text("assessment", a.assessment, b.assessment);
    f.text("country", a.country, b.country);
    f.text("language", a.language, b.language);
    f.list("outcomes", a.outcomes, b.outcomes, false);
    f.text("quality_assurance", a.quality_assurance, b.quality_assurance);
    f.text("valid_for", duration_text(a.valid_for), duration_text(b.valid_for));
    f.text("renewal", renewal_text(a.renewal), renewal_text(b.renewal));
    f.text("starts", starts_text(a.starts), starts_text(b.starts));
    f.text("url", a.url, b.url);
    f.list("same_as", a.same_as, b.same_as, true);
    f.list("also_required", a.also_required, b.also_required, false);
    f.text("external", a.external ? "true" : "", b.external ? "true" : "");
    f.text("description", a.description, b.description);
    f.rule(a.rule ? rule_text(*a.rule, unit_a) : std::string(), b.rule ? rule_text(*b.rule, unit_b) : std::string());
    f.rule(a.corequisite ? rule_text(*a.corequisite, unit_a) : std::string(),
           b.corequisite ? rule_text(*b.corequisite, unit_b) : std::string(), "corequires");
    f.list("excludes", a.excludes, b.excludes, true);
    f.list("overlap", overlap_text(a.overlap), overlap_text(b.overlap), true);
    return fields;
}

std::vector<std::uint32_t> ids_sorted(const Catalog& catalog, std::vector<std::uint32_t> indices) {
    std::sort(indices.begin(), indices.end(), [&](std::uint32_t x, std::uint32_t y) {
        return catalog.credentials[x].id < catalog.credentials[y].id;
    });
    return indices;
}

}  // namespace

CatalogDiff diff_catalogs(const Catalog& before, const Catalog& after) {
    CatalogDiff diff;
    FieldCollector meta{diff.catalog};
    meta.text("name", before.name, after.name);
    meta.text("currency", before.currency, after.currency);
    meta.text("credit_unit", before.credit_unit, after.credit_unit);

    std::vector<std::uint32_t> removed;
    std::vector<std::uint32_t> kept;
    for (std::uint32_t i = 0; i < before.credentials.size(); ++i)
        (after.find(before.credentials[i].id) ? kept : removed).push_back(i);
    diff.removed = ids_sorted(before, std::move(removed));
    std::vector<std::uint32_t> added;
    for (std::uint32_t i = 0; i < after.credentials.size(); ++i)
        if (!before.find(after.credentials[i].id)) added.push_back(i);
    diff.added = ids_sorted(after, std::move(added));

    for (std::uint32_t i : ids_sorted(before, std::move(kept))) {
        const Credential& old_credential = before.credentials[i];
        const std::uint32_t j = *after.find(old_credential.id);
        std::vector<FieldChange> fields =
            credential_fields(old_credential, after.credentials[j], before.credit_unit, after.credit_unit);
        if (fields.empty()) {
            ++diff.unchanged;
            continue;
        }
        diff.changed.push_back({old_credential.id, i, j, std::move(fields)});
    }
    return diff;
}

// ---------------------------------------------------------------- requests

std::string_view to_string(RequestStatus status) {
    switch (status) {
    case RequestStatus::Unchanged: return "unchanged";
    case RequestStatus::Changed: return "changed";
    case RequestStatus::Better: return "better";
    case RequestStatus::Worse: return "worse";
    case RequestStatus::New: return "new";
    case RequestStatus::Error: return "error";
    }
    return "error";
}

std::size_t RequestsDiff::count(RequestStatus status) const {
    return static_cast<std::size_t>(std::count_if(requests.begin(), requests.end(),
                                                  [&](const RequestDiff& r) { return r.status == status; }));
}

RequestPlan plan_request(const Catalog& catalog, const DependencyGraph& graph, const Request& request,
                         const ResolveContext& context) {
    RequestPlan out;
    try {
        const ResolvedRequest resolved = resolve_request_line(catalog, request, context);
        const Plan plan = answer_plan(catalog, graph, resolved).plan;
        out.feasible = plan.feasible;
        out.optimal = plan.optimal;
        out.reason = plan.reason;
        out.totals = plan.totals;
        for (const PlanStep& step : plan.steps) out.steps.push_back(catalog.credentials[step.credential].id);
    } catch (const InputError& error) {
        out.error = error.message.empty() ? std::string("the request cannot be planned") : error.message;
    }
    return out;
}

namespace {

// a > b beyond the planner's relative tolerance.
bool above(double a, double b) { return a - b > 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

double objective_value(const PlanTotals& totals, Objective objective) {
    switch (objective) {
    case Objective::Cost: return totals.cost;
    case Objective::Hours: return totals.hours;
    case Objective::Count: return totals.count;
    case Objective::Weeks: return totals.weeks;
    }
    return totals.cost;
}

void compare(RequestDiff& diff) {
    const RequestPlan& a = diff.before;
    const RequestPlan& b = diff.after;
    if (!a.error.empty() && !b.error.empty()) {
        diff.status = RequestStatus::Error;
        diff.error = a.error == b.error ? a.error : fmt::format("old catalog: {}; new catalog: {}", a.error, b.error);
        return;
    }
    if (!a.error.empty()) {
        diff.status = RequestStatus::New;
        return;
    }
    if (!b.error.empty()) {
        diff.status = a.feasible ? RequestStatus::Worse : RequestStatus::Unchanged;
        if (a.feasible) diff.worse.push_back("unanswerable");
        return;
    }
    if (a.feasible != b.feasible) {
        diff.status = a.feasible ? RequestStatus::Worse : RequestStatus::Better;
        if (a.feasible) diff.worse.push_back("infeasible");
        return;
    }
    if (!a.feasible) {
        diff.status = RequestStatus::Unchanged;
        return;
    }
    diff.steps_added = missing_from(b.steps, a.steps);
    diff.steps_removed = missing_from(a.steps, b.steps);
    const std::string objective(to_string(diff.objective));
    if (above(objective_value(b.totals, diff.objective), objective_value(a.totals, diff.objective)))
        diff.worse.push_back(objective);
    if (objective != "cost" && above(b.totals.cost, a.totals.cost)) diff.worse.push_back("cost");
    if (objective != "weeks" && above(b.totals.weeks, a.totals.weeks)) diff.worse.push_back("weeks");
    if (!diff.worse.empty()) {
        diff.status = RequestStatus::Worse;
        return;
    }
    if (above(objective_value(a.totals, diff.objective), objective_value(b.totals, diff.objective)) ||
        above(a.totals.cost, b.totals.cost) || above(a.totals.weeks, b.totals.weeks)) {
        diff.status = RequestStatus::Better;
        return;
    }
    const bool same = a.steps == b.steps && !above(a.totals.hours, b.totals.hours) &&
                      !above(b.totals.hours, a.totals.hours) && !above(a.totals.credits, b.totals.credits) &&
                      !above(b.totals.credits, a.totals.credits) && a.totals.count == b.totals.count;
    diff.status = same ? RequestStatus::Unchanged : RequestStatus::Changed;
}

}  // namespace

RequestsDiff diff_requests(const CheckedCatalog& before, const CheckedCatalog& after,
                           const std::vector<RequestLine>& lines, const Request& defaults,
                           const ResolveContext& context) {
    RequestsDiff out;
    for (const RequestLine& line : lines) {
        RequestDiff diff;
        diff.request = line;
        const Request request = layer_requests(line.request, defaults);
        diff.objective = request.objective.value_or(Objective::Cost);
        if (!line.ok()) {
            diff.status = RequestStatus::Error;
            diff.error = line.error;
            diff.line_fault = true;
            out.requests.push_back(std::move(diff));
            continue;
        }
        diff.before = plan_request(before.catalog, before.graph, request, context);
        diff.after = plan_request(after.catalog, after.graph, request, context);
        compare(diff);
        out.requests.push_back(std::move(diff));
    }
    return out;
}

}  // namespace credpath
