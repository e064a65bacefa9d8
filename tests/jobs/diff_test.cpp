// Catalog diffs (field by field) and request diffs (exact plans against both
// catalogs), and the GitHub workflow commands of `validate --format github`.
#include <doctest/doctest.h>

#include <algorithm>

#include "credpath/jobs/diff.hpp"
#include "credpath/report/render.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {

CheckedCatalog checked(const std::string& credentials, const std::string& head = "") {
    CheckedCatalog c = check_catalog(load_catalog_text("format: credpath/1\n" + head + "credentials:\n" + credentials));
    REQUIRE(c.ok());
    return c;
}

const FieldChange* field(const CredentialChange& change, const std::string& name) {
    for (const FieldChange& f : change.fields)
        if (f.field == name) return &f;
    return nullptr;
}

std::vector<std::string> field_names(const CredentialChange& change) {
    std::vector<std::string> names;
    for (const FieldChange& f : change.fields) names.push_back(f.field);
    return names;
}

const Rule& rule_of(const CheckedCatalog& c, const std::string& id) {
    return *c.catalog.credentials[*c.catalog.find(id)].rule;
}

std::vector<RequestLine> lines(const std::string& text) { return read_requests(text, "r.jsonl"); }

}  // namespace

TEST_CASE("rule_text: every rule kind on one line, nested as written") {
    const CheckedCatalog c = checked(R"(  - {id: a, title: A, credits: 5, tags: [x], skills: [s1]}
  - {id: b, title: B, credits: 5, tags: [y], skills: [s2]}
  - {id: c, title: C, credits: 5}
  - {id: r1, title: R1, requires: a}
  - id: r2
    title: R2
    requires: {all: [a, {any: [b, c]}, {at_least: 2, of: [a, b, c]}, {credits: 7.5, from: [a, b]}, {credits: 5, tagged: [x, y]}, {skills: [s1, s2]}]}
)",
                                     "catalog: {credit_unit: ECTS}\n");
    CHECK(rule_text(rule_of(c, "r1"), "ECTS") == "a");
    CHECK(rule_text(rule_of(c, "r2"), "ECTS") ==
          "all of (a, any of (b, c), at least 2 of (a, b, c), 7.5 ECTS from (a, b), 5 ECTS tagged (x, y), skills (s1, "
          "s2))");
}

TEST_CASE("diff_catalogs: added, removed, changed and unchanged, by id") {
    const CheckedCatalog before = checked(R"(  - {id: keep, title: Keep, cost: 10}
  - {id: gone, title: Gone}
  - {id: b-change, title: B, cost: 100, tags: [x, y], outcomes: [one, two], level: 4, valid_for: 2y}
  - {id: a-change, title: A, requires: keep}
)");
    const CheckedCatalog after = checked(R"(  - {id: z-new, title: Z}
  - {id: a-change, title: A2, kind: badge, requires: {all: [keep, z-new]}}
  - {id: b-change, title: B, cost: 120.5, tags: [y, x], outcomes: [two, one], valid_for: 3y, same_as: [u]}
  - {id: keep, title: Keep, cost: 10}
  - {id: m-new, title: M}
)",
                                        "catalog: {name: Renamed}\n");
    const CatalogDiff d = diff_catalogs(before.catalog, after.catalog);
    CHECK_FALSE(d.empty());
    REQUIRE(d.catalog.size() == 1);
    CHECK(d.catalog[0].field == "name");
    CHECK(d.catalog[0].before.empty());
    CHECK(d.catalog[0].after == "Renamed");
    REQUIRE(d.added.size() == 2);
    CHECK(after.catalog.credentials[d.added[0]].id == "m-new");
    CHECK(after.catalog.credentials[d.added[1]].id == "z-new");
    REQUIRE(d.removed.size() == 1);
    CHECK(before.catalog.credentials[d.removed[0]].id == "gone");
    CHECK(d.unchanged == 1);
    REQUIRE(d.changed.size() == 2);

    const CredentialChange& a = d.changed[0];
    CHECK(a.id == "a-change");
    CHECK(after.catalog.credentials[a.after].id == "a-change");
    CHECK(before.catalog.credentials[a.before].id == "a-change");
    CHECK(field_names(a) == std::vector<std::string>{"title", "kind", "requires"});
    CHECK(field(a, "kind")->before == "microcredential");
    CHECK(field(a, "kind")->after == "badge");
    CHECK(field(a, "requires")->type == FieldType::Rule);
    CHECK(field(a, "requires")->before == "keep");
    CHECK(field(a, "requires")->after == "all of (keep, z-new)");

    const CredentialChange& b = d.changed[1];
    // tags only reordered: a set, so no change; outcomes in order: a change.
    CHECK(field_names(b) == std::vector<std::string>{"cost", "level", "outcomes", "valid_for", "same_as"});
    const FieldChange* cost = field(b, "cost");
    CHECK(cost->type == FieldType::Number);
    CHECK(cost->before_number == std::optional<double>(100));
    CHECK(cost->after_number == std::optional<double>(120.5));
    CHECK(cost->after == "120.5");
    const FieldChange* level = field(b, "level");
    CHECK(level->before_number == std::optional<double>(4));
    CHECK_FALSE(level->after_number);
    CHECK(level->after.empty());
    const FieldChange* outcomes = field(b, "outcomes");
    CHECK(outcomes->type == FieldType::List);
    CHECK(outcomes->added.empty());
    CHECK(outcomes->removed.empty());
    CHECK(outcomes->before == "one; two");
    CHECK(outcomes->after_list == std::vector<std::string>{"two", "one"});
    CHECK(field(b, "valid_for")->before == "2y");
    CHECK(field(b, "valid_for")->after == "3y");
    CHECK(field(b, "same_as")->added == std::vector<std::string>{"u"});
    CHECK(field(b, "same_as")->removed.empty());
    CHECK(field(b, "same_as")->after == "u");

    CHECK(diff_catalogs(before.catalog, before.catalog).empty());
}

TEST_CASE("diff_catalogs: every field of the model is compared") {
    const CheckedCatalog before = checked(R"(  - {id: c, title: T, skills: [s]}
  - {id: t, title: Teacher, skills: [s]}
)");
    const CheckedCatalog after = checked(R"(  - id: c
    title: T2
    kind: course
    provider: P
    cost: 1
    hours: 2
    weeks: 3
    credits: 4
    level: 5
    tags: [t]
    skills: [s, s2]
    modality: online
    assessment: exam
    country: CA
    language: en
    outcomes: [o]
    quality_assurance: Q
    valid_for: 1y
    url: https://example.org
    same_as: [x]
    description: D
    requires: {skills: [s]}
  - {id: t, title: Teacher, skills: [s]}
)");
    const CatalogDiff d = diff_catalogs(before.catalog, after.catalog);
    REQUIRE(d.changed.size() == 1);
    CHECK(field_names(d.changed[0]) ==
          std::vector<std::string>{"title",    "kind",       "provider", "cost",     "hours",    "weeks",
                                   "credits",  "level",      "tags",     "skills",   "modality", "assessment",
                                   "country",  "language",   "outcomes", "quality_assurance",   "valid_for",
                                   "url",      "same_as",    "description", "requires"});
    CHECK(field(d.changed[0], "skills")->added == std::vector<std::string>{"s2"});
    CHECK(field(d.changed[0], "requires")->before.empty());
    CHECK(field(d.changed[0], "requires")->after == "skills (s)");
}

namespace {
// Old: a (100, 4 wk) and b (200, 2 wk) both teach s; cert needs a.
// New: a costs 150, cert needs a and c; d is new; gone is removed.
const char* kOld = R"(  - {id: a, title: A, cost: 100, weeks: 4, hours: 10, skills: [s]}
  - {id: b, title: B, cost: 200, weeks: 2, hours: 10, skills: [s]}
  - {id: c, title: C, cost: 50, weeks: 1, hours: 5}
  - {id: cert, title: Cert, requires: a}
  - {id: gone, title: Gone, cost: 5}
  - {id: slow, title: Slow, cost: 10, weeks: 10}
  - {id: quick, title: Quick, cost: 30, weeks: 1, requires: slow}
)";
const char* kNew = R"(  - {id: a, title: A, cost: 150, weeks: 4, hours: 10, skills: [s]}
  - {id: b, title: B, cost: 200, weeks: 2, hours: 10, skills: [s]}
  - {id: c, title: C, cost: 50, weeks: 1, hours: 5}
  - {id: cert, title: Cert, requires: {all: [a, c]}}
  - {id: d, title: D, cost: 1}
  - {id: slow, title: Slow, cost: 10, weeks: 10}
  - {id: fast, title: Fast, cost: 40, weeks: 1}
  - {id: quick, title: Quick, cost: 30, weeks: 1, requires: {any: [slow, fast]}}
)";
}  // namespace

TEST_CASE("diff_requests: better, worse, new, unchanged and errors") {
    const CheckedCatalog before = checked(kOld);
    const CheckedCatalog after = checked(kNew);
    const RequestsDiff d = diff_requests(before, after,
                                         lines(R"({"id": "cert", "targets": ["cert"], "max_cost": 150}
{"id": "cert-open", "targets": ["cert"]}
{"id": "skill", "skills": ["s"], "minimize": "weeks"}
{"id": "gone", "targets": ["gone"]}
{"id": "d", "targets": ["d"]}
{"id": "c", "targets": ["c"]}
{"id": "ghost", "targets": ["dd"]}
{"id": "quick", "targets": ["quick"], "minimize": "weeks"}
{"id": "quick-cost", "targets": ["quick"]}
not json
)"),
                                         Request{}, ResolveContext{});
    REQUIRE(d.requests.size() == 10);
    const auto& r = d.requests;

    // A price rise pushes the plan over max_cost: no plan now.
    CHECK(r[0].status == RequestStatus::Worse);
    CHECK(r[0].worse == std::vector<std::string>{"infeasible"});
    CHECK(r[0].before.feasible);
    CHECK_FALSE(r[0].after.feasible);
    CHECK_FALSE(r[0].after.reason.empty());
    CHECK(r[0].steps_added.empty());  // only when both give a plan

    // Without the limit: dearer, and a new step.
    CHECK(r[1].status == RequestStatus::Worse);
    CHECK(r[1].worse == std::vector<std::string>{"cost"});
    CHECK(r[1].before.totals.cost == 100);
    CHECK(r[1].after.totals.cost == 200);
    CHECK(r[1].steps_added == std::vector<std::string>{"c"});
    CHECK(r[1].steps_removed.empty());
    CHECK(r[1].after.steps.back() == "cert");

    // Fastest teacher of s is b in both: unchanged.
    CHECK(r[2].status == RequestStatus::Unchanged);
    CHECK(r[2].objective == Objective::Weeks);
    CHECK(r[2].before.steps == std::vector<std::string>{"b"});

    // A removed target: the request no longer fits the catalog.
    CHECK(r[3].status == RequestStatus::Worse);
    CHECK(r[3].worse == std::vector<std::string>{"unanswerable"});
    CHECK(r[3].after.error == "r.jsonl:4:28: unknown credential 'gone'");

    // A new target: only the new catalog answers.
    CHECK(r[4].status == RequestStatus::New);
    CHECK_FALSE(r[4].before.error.empty());
    CHECK(r[4].after.feasible);

    CHECK(r[5].status == RequestStatus::Unchanged);
    CHECK(r[5].before.error.empty());

    // Unknown in both: an error with each catalog's message.
    CHECK(r[6].status == RequestStatus::Error);
    CHECK_FALSE(r[6].line_fault);
    CHECK(r[6].error ==
          "old catalog: r.jsonl:7:29: unknown credential 'dd'; new catalog: r.jsonl:7:29: unknown credential 'dd' "
          "(did you mean 'd'?)");

    // A new, faster prerequisite: fewer weeks for the weeks objective, but
    // dearer; any increase in cost is worse.
    CHECK(r[7].status == RequestStatus::Worse);
    CHECK(r[7].worse == std::vector<std::string>{"cost"});
    CHECK(r[7].before.totals.weeks == 11);
    CHECK(r[7].after.totals.weeks == 2);
    CHECK(r[7].steps_added == std::vector<std::string>{"fast"});
    CHECK(r[7].steps_removed == std::vector<std::string>{"slow"});

    // The cost objective keeps the old, cheaper route.
    CHECK(r[8].status == RequestStatus::Unchanged);

    CHECK(r[9].status == RequestStatus::Error);
    CHECK(r[9].line_fault);
    CHECK(r[9].error.rfind("r.jsonl:10:2: not valid JSON", 0) == 0);

    CHECK(d.any_worse());
    CHECK(d.any_error());
    CHECK(d.count(RequestStatus::Worse) == 4);
    CHECK(d.count(RequestStatus::Unchanged) == 3);
}

TEST_CASE("diff_requests: better plans, and the objective's own total") {
    const CheckedCatalog before = checked(kNew);
    const CheckedCatalog after = checked(kOld);
    const RequestsDiff d = diff_requests(before, after,
                                         lines(R"({"targets": ["cert"], "max_cost": 120}
{"targets": ["cert"]}
{"targets": ["quick"], "minimize": "weeks"}
)"),
                                         Request{}, ResolveContext{});
    REQUIRE(d.requests.size() == 3);
    CHECK(d.requests[0].status == RequestStatus::Better);  // infeasible before, a plan now
    CHECK(d.requests[1].status == RequestStatus::Better);  // cheaper
    CHECK(d.requests[1].steps_removed == std::vector<std::string>{"c"});
    // Weeks objective: 2 weeks before, 11 now: worse although cheaper.
    CHECK(d.requests[2].status == RequestStatus::Worse);
    CHECK(d.requests[2].worse == std::vector<std::string>{"weeks"});
    CHECK_FALSE(d.any_error());
}

TEST_CASE("diff_requests: hours objective, and changed steps with equal totals") {
    const CheckedCatalog before = checked(R"(  - {id: x, title: X, cost: 10, hours: 5, weeks: 1, skills: [s]}
  - {id: y, title: Y, cost: 10, hours: 5, weeks: 1, skills: [t]}
)");
    const CheckedCatalog after = checked(R"(  - {id: x, title: X, cost: 10, hours: 9, weeks: 1, skills: [t]}
  - {id: y, title: Y, cost: 10, hours: 5, weeks: 1, skills: [s]}
)");
    const RequestsDiff d = diff_requests(before, after,
                                         lines(R"({"skills": ["s"], "minimize": "hours"}
{"skills": ["s"], "minimize": "count"}
{"skills": ["t"], "minimize": "hours"}
)"),
                                         Request{}, ResolveContext{});
    REQUIRE(d.requests.size() == 3);
    // s moved from x to y: other steps, same cost, weeks and hours.
    CHECK(d.requests[0].status == RequestStatus::Changed);
    CHECK(d.requests[0].steps_added == std::vector<std::string>{"y"});
    CHECK(d.requests[1].status == RequestStatus::Changed);
    // t moved from y (5 hours) to x (9 hours): worse for the hours objective.
    CHECK(d.requests[2].status == RequestStatus::Worse);
    CHECK(d.requests[2].worse == std::vector<std::string>{"hours"});
}

TEST_CASE("validate --format github: workflow commands with GitHub's escaping") {
    CHECK(github_escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b");
    CHECK(github_escape_property("dir,x/a:b%.yaml\n") == "dir%2Cx/a%3Ab%25.yaml%0A");
    CHECK(github_escape_data(std::string("a\tb\x1b[31m")) == "a b [31m");

    std::vector<Diagnostic> faults;
    faults.push_back({Severity::Error, "cat,a:log.yaml", 3, 7, "unknown-key", "unknown key 'x' (did you mean 'y'?)"});
    faults.push_back({Severity::Warning, "c.yaml", 9, 0, "at-least-zero", "100%\nalways"});
    faults.push_back({Severity::Error, "", 0, 0, "io", "no place"});
    CHECK(
        render_validation_github(faults) ==
        "::error file=cat%2Ca%3Alog.yaml,line=3,col=7,title=credpath unknown-key::unknown key 'x' (did you mean 'y'?)\n"
        "::warning file=c.yaml,line=9,title=credpath at-least-zero::100%25%0Aalways\n"
        "::error title=credpath io::no place\n");
    CHECK(render_validation_github(faults, false).find("::warning") == std::string::npos);
    CHECK(render_validation_github({}).empty());
}

TEST_CASE("validate --werror: the summary and the JSON say the warnings fail") {
    const std::vector<Diagnostic> warnings{{Severity::Warning, "c.yaml", 1, 1, "empty-all", "always met"}};
    const ValidationSummary summary{1, 2};
    CHECK(render_validation_summary(warnings, summary) == "0 errors, 1 warning in 1 file (2 credentials)\n");
    CHECK(render_validation_summary(warnings, summary, true) ==
          "0 errors, 1 warning in 1 file (2 credentials); --werror: the warnings fail the check\n");
    CHECK(render_validation_summary({}, summary, true) == "0 errors, 0 warnings in 1 file (2 credentials)\n");
    const std::string json = render_validation_json(warnings, summary, true);
    CHECK(json.find("\"valid\": true,\n  \"werror\": true,\n  \"failed\": true,") != std::string::npos);
    CHECK(render_validation_json(warnings, summary).find("werror") == std::string::npos);
    CHECK(render_validation_json({}, summary, true).find("\"failed\": false") != std::string::npos);
}

}  // namespace credpath
