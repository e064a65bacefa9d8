// Two versions of a catalog compared: the credentials added, removed and
// changed field by field, and how the change moves the exact plans of a set of
// requests. Planner layer; returns values (see render_diff.hpp for output).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/load/check.hpp"
#include "credpath/model/model.hpp"
#include "credpath/plan/planner.hpp"
#include "credpath/load/requests.hpp"
#include "credpath/plan/answer.hpp"
#include "credpath/plan/resolve.hpp"

namespace credpath {

// ---------------------------------------------------------------- catalog

// A rule on one line: "a", "all of (a, b)", "any of (a, b)",
// "at least 2 of (a, b, c)", "12 ECTS from (a, b)", "12 ECTS tagged (x, y)",
// "skills (python, sql)", nested as written.
std::string rule_text(const Rule& rule, std::string_view credit_unit);

enum class FieldType {
    Text,    // a string; "" means not given
    Number,  // cost, hours, weeks, credits, level
    List,    // tags, skills, same_as, excludes (compared as sets) and outcomes (in order)
    Rule,    // requires, in rule_text form
};

struct FieldChange {
    std::string field;  // the catalog key: "title", "cost", "tags", "requires", ...
    FieldType type = FieldType::Text;
    // Readable values: numbers as written, lists joined by ", " (outcomes,
    // which are sentences, by "; "), the rule by rule_text; "" when the field
    // is not given.
    std::string before;
    std::string after;
    std::optional<double> before_number;  // Number: nullopt when not given (level)
    std::optional<double> after_number;
    std::vector<std::string> before_list;  // List
    std::vector<std::string> after_list;
    std::vector<std::string> added;    // List: entries only after, in their order
    std::vector<std::string> removed;  // List: entries only before, in their order
};

struct CredentialChange {
    std::string id;
    std::uint32_t before = 0;  // index in the old catalog
    std::uint32_t after = 0;   // index in the new catalog
    std::vector<FieldChange> fields;  // in the order of the catalog format, `requires` last
};

struct CatalogDiff {
    std::vector<FieldChange> catalog;       // catalog name, currency, credit_unit
    std::vector<std::uint32_t> added;       // indices in the new catalog, by id
    std::vector<std::uint32_t> removed;     // indices in the old catalog, by id
    std::vector<CredentialChange> changed;  // by id
    std::size_t unchanged = 0;              // credentials in both, equal in every field
    bool empty() const { return catalog.empty() && added.empty() && removed.empty() && changed.empty(); }
};

// Credentials are matched by id. Every field of the model is compared; where a
// credential is written (file, line) is not a field.
CatalogDiff diff_catalogs(const Catalog& before, const Catalog& after);

// ---------------------------------------------------------------- requests

// One request planned against one catalog.
struct RequestPlan {
    // The request cannot be asked of this catalog: an unknown id or skill, a
    // profile fault (resolve_request's message). Nothing else is set then.
    std::string error;
    bool feasible = false;
    bool optimal = false;
    std::string reason;  // when infeasible
    PlanTotals totals;
    std::vector<std::string> steps;  // ids, in plan order
};

enum class RequestStatus {
    Unchanged,  // same plan, or infeasible in both
    Changed,    // other steps, no total better or worse
    Better,     // feasible now, or a lower objective, cost or weeks, none higher
    Worse,      // see RequestDiff::worse
    New,        // only the new catalog can answer it (e.g. its target is new)
    Error,      // the line is bad, or neither catalog can answer it
};
std::string_view to_string(RequestStatus status);

struct RequestDiff {
    RequestLine request;
    std::string error;        // Error: the line's fault, or both catalogs' messages
    bool line_fault = false;  // Error from the line itself: it was not planned
    Objective objective = Objective::Cost;
    RequestPlan before;
    RequestPlan after;
    RequestStatus status = RequestStatus::Unchanged;
    // A plan is worse when the old catalog answers the request with a plan and
    // the new one with none (infeasible, or the request no longer fits it: an
    // id is gone), or with a higher value of the request's objective, or with a
    // higher cost or more weeks whatever the objective (relative tolerance
    // 1e-9). `worse` names each: "no plan now", "cost +300", "weeks +2", ...
    std::vector<std::string> worse;
    // When both catalogs give a plan: steps in one plan only, in its order.
    std::vector<std::string> steps_added;    // in the new plan only
    std::vector<std::string> steps_removed;  // in the old plan only
};

struct RequestsDiff {
    std::vector<RequestDiff> requests;  // one per line read, in order
    std::size_t count(RequestStatus status) const;
    bool any_worse() const { return count(RequestStatus::Worse) > 0; }
    bool any_error() const { return count(RequestStatus::Error) > 0; }
};

// Plans one request with make_plan; never throws for the request's content.
RequestPlan plan_request(const Catalog& catalog, const DependencyGraph& graph, const Request& request,
                         const ResolveContext& context);

// Plans every good line against both catalogs (both must be valid) and
// compares. Bad lines become Error entries; the others are still planned.
RequestsDiff diff_requests(const CheckedCatalog& before, const CheckedCatalog& after,
                           const std::vector<RequestLine>& lines, const Request& defaults,
                           const ResolveContext& context);

}  // namespace credpath
