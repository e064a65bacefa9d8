// Printers of `credpath diff` (src/report/render_diff.cpp): text, JSON and
// Markdown of a catalog diff and of how it moves the plans of requests.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "credpath/jobs/diff.hpp"
#include "credpath/report/render_diff.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {

CheckedCatalog checked(const std::string& credentials, const std::string& head, const std::string& name) {
    CheckedCatalog c =
        check_catalog(load_catalog_text("format: credpath/1\n" + head + "credentials:\n" + credentials, name));
    REQUIRE(c.ok());
    return c;
}

// Old and new catalog: gone is removed, fresh added, pricey changed, keep
// unchanged, and the currency changes from USD to EUR.
struct Versions {
    CheckedCatalog before = checked(R"(  - {id: keep, title: Keep, cost: 10}
  - {id: gone, title: Gone Course, cost: 1250.5, weeks: 1}
  - {id: pricey, title: Pricey, cost: 1000, weeks: 2, tags: [a, b]}
)",
                                    "", "old.yaml");
    CheckedCatalog after = checked(R"(  - {id: keep, title: Keep, cost: 10}
  - {id: pricey, title: Pricey Now, cost: 1200, weeks: 2.5, tags: [b, c]}
  - {id: fresh, title: Fresh, kind: badge, provider: Acme, weeks: 1}
)",
                                   "catalog: {currency: EUR}\n", "new.yaml");

    std::uint32_t old_index(const char* id) const { return *before.catalog.find(id); }
    std::uint32_t new_index(const char* id) const { return *after.catalog.find(id); }
};

FieldChange text_change(std::string field, std::string before, std::string after) {
    FieldChange f;
    f.field = std::move(field);
    f.type = FieldType::Text;
    f.before = std::move(before);
    f.after = std::move(after);
    return f;
}

FieldChange number_change(std::string field, std::optional<double> before, std::optional<double> after) {
    FieldChange f;
    f.field = std::move(field);
    f.type = FieldType::Number;
    f.before_number = before;
    f.after_number = after;
    return f;
}

FieldChange list_change(std::string field, std::vector<std::string> before, std::vector<std::string> after,
                        std::vector<std::string> added, std::vector<std::string> removed, std::string separator) {
    FieldChange f;
    f.field = std::move(field);
    f.type = FieldType::List;
    for (std::size_t i = 0; i < before.size(); ++i) f.before += (i ? separator : "") + before[i];
    for (std::size_t i = 0; i < after.size(); ++i) f.after += (i ? separator : "") + after[i];
    f.before_list = std::move(before);
    f.after_list = std::move(after);
    f.added = std::move(added);
    f.removed = std::move(removed);
    return f;
}

// The catalog diff of Versions, written out by hand.
CatalogDiff catalog_diff(const Versions& v) {
    CatalogDiff d;
    d.catalog.push_back(text_change("currency", "USD", "EUR"));
    d.added = {v.new_index("fresh")};
    d.removed = {v.old_index("gone")};
    CredentialChange pricey;
    pricey.id = "pricey";
    pricey.before = v.old_index("pricey");
    pricey.after = v.new_index("pricey");
    pricey.fields.push_back(text_change("title", "Pricey", "Pricey Now"));
    pricey.fields.push_back(number_change("cost", 1000, 1200));
    pricey.fields.push_back(number_change("weeks", 2, 2.5));
    pricey.fields.push_back(number_change("level", std::nullopt, 3));
    pricey.fields.push_back(list_change("tags", {"a", "b"}, {"b", "c"}, {"c"}, {"a"}, ", "));
    pricey.fields.push_back(list_change("outcomes", {"Reads SQL", "Writes SQL"}, {"Writes SQL", "Reads SQL"}, {}, {}, "; "));
    pricey.fields.push_back(text_change("requires", "", "keep"));
    d.changed.push_back(pricey);
    d.unchanged = 1;
    return d;
}

RequestPlan planned(double cost, double weeks, double hours, std::uint32_t count, std::vector<std::string> steps,
                    bool optimal = true) {
    RequestPlan p;
    p.feasible = true;
    p.optimal = optimal;
    p.totals.cost = cost;
    p.totals.weeks = weeks;
    p.totals.hours = hours;
    p.totals.count = count;
    p.steps = std::move(steps);
    return p;
}

RequestPlan no_plan(std::string reason) {
    RequestPlan p;
    p.reason = std::move(reason);
    return p;
}

RequestPlan cannot_ask(std::string error) {
    RequestPlan p;
    p.error = std::move(error);
    return p;
}

RequestDiff request(std::size_t line, std::string id, RequestStatus status, RequestPlan before, RequestPlan after,
                    Objective objective = Objective::Cost) {
    RequestDiff r;
    r.request.line = line;
    r.request.id = std::move(id);
    r.status = status;
    r.objective = objective;
    r.before = std::move(before);
    r.after = std::move(after);
    return r;
}

// One request of every kind, with what diff_requests would have found.
RequestsDiff requests_diff() {
    RequestsDiff d;
    RequestDiff dearer = request(1, "ana", RequestStatus::Worse, planned(1000, 2, 10, 1, {"pricey"}),
                                 planned(1200, 2.5, 10, 1, {"pricey"}, false));
    dearer.worse = {"cost", "weeks"};
    d.requests.push_back(dearer);
    d.requests.push_back(request(2, "", RequestStatus::Better, no_plan("cost over 5"), planned(10, 0, 0, 1, {"keep"}),
                                 Objective::Weeks));
    RequestDiff moved = request(3, "cy", RequestStatus::Changed, planned(10, 1, 5, 2, {"keep", "gone"}),
                                planned(10, 1, 5, 2, {"keep", "fresh"}));
    moved.steps_added = {"fresh"};
    moved.steps_removed = {"gone"};
    d.requests.push_back(moved);
    d.requests.push_back(request(4, "dee", RequestStatus::Unchanged, planned(10, 0, 0, 1, {"keep"}),
                                 planned(10, 0, 0, 1, {"keep"})));
    RequestDiff fresh = request(5, "eve", RequestStatus::New, cannot_ask("targets: unknown credential 'fresh'"),
                                planned(0, 1, 0, 1, {"fresh"}));
    fresh.steps_added = {"fresh"};  // never shown: nothing to compare with
    d.requests.push_back(fresh);
    RequestDiff unknown = request(6, "fay", RequestStatus::Error, cannot_ask("targets: unknown credential 'x'"),
                                  cannot_ask("targets: unknown credential 'x'"), Objective::Hours);
    unknown.error = "old catalog: targets: unknown credential 'x'; new catalog: targets: unknown credential 'x'";
    d.requests.push_back(unknown);
    RequestDiff bad_line;
    bad_line.request.line = 7;
    bad_line.status = RequestStatus::Error;
    bad_line.line_fault = true;
    bad_line.error = "reqs.jsonl:7: not valid JSON";
    d.requests.push_back(bad_line);
    RequestDiff over = request(8, "gus", RequestStatus::Worse, planned(1000, 2, 0, 1, {"pricey"}),
                               no_plan("cost at most 500, the cheapest plan costs 1,200"));
    over.worse = {"infeasible"};
    d.requests.push_back(over);
    RequestDiff gone = request(9, "hal", RequestStatus::Worse, planned(1250.5, 1, 0, 1, {"gone"}),
                               cannot_ask("targets: unknown credential 'gone'"));
    gone.worse = {"unanswerable"};
    d.requests.push_back(gone);
    RequestDiff cheaper = request(10, "ivy", RequestStatus::Better, planned(1200, 3, 20, 3, {"x", "keep", "pricey"}),
                                  planned(1000, 3, 12, 2, {"keep", "pricey"}));
    cheaper.steps_removed = {"x"};
    d.requests.push_back(cheaper);
    return d;
}

}  // namespace

TEST_CASE("diff of hostile catalogs: Markdown escapes every catalog string, text has no control character") {
    const CheckedCatalog before = test::source_catalog("tests/data/hostile/hostile.yaml");
    const CheckedCatalog after = test::source_catalog("tests/data/hostile/new/hostile.yaml");
    const CatalogDiff d = diff_catalogs(before.catalog, after.catalog);
    const DiffView view{before.catalog, after.catalog, "old.yaml", "new.yaml", d, nullptr, ""};
    CHECK(render_diff_markdown(view) == R"md(## Catalog changes

old.yaml (5 credentials) → new.yaml (5 credentials): **1 added, 1 removed, 3 changed**, 1 unchanged.

### Catalog settings

| | field | before | after |
| --- | --- | --- | --- |
| catalog | name | \<script\>alert\('catalog'\)\</script\> \| =1\+1 | @catalog \`v2\` \<script\>alert\('v2'\)\</script\> |

### Added (1)

| id | title | kind | provider | cost | weeks |
| --- | --- | --- | --- | ---: | ---: |
| `h-new` | \<img src=x onerror=alert\(1\)\> | microcredential | \| --- \| | 20 | 1 |

### Removed (1)

| id | title | kind | provider |
| --- | --- | --- | --- |
| `h-markup` | \<script\>alert\(1\)\</script\> | microcredential | "quotes" \& 'apostrophes' |

### Changed (3)

| id | field | before | after |
| --- | --- | --- | --- |
| `h-ansi` | cost | 75 | 25 (-50) |
| `h-formula` | title | =cmd\|' /C calc'\!A0 | \-cmd\|' /C calc'\!A0 @SUM\(1\) |
|  | cost | 100 | 150 (+50) |
|  | tags | \-2, @SUM\(1\) | \-2, @SUM\(1\), =HYPERLINK\("http://evil.example"\) |
| `h-target` | requires | all of \(h-link, h-ansi, at least 1 of \(h-markup, h-formula\), 3 \*units\* \<b\> tagged \(-2, \|pipes\|\), sk… | all of \(h-link, h-ansi, at least 1 of \(h-new, h-formula\), 3 \*units\* \<b\> tagged \(-2, \|pipes\|\), skill… |
)md");
    const std::string text = render_diff_text(view, Style{});
    CHECK(std::none_of(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f; }));
    CHECK(text.find("\n  ~ h-ansi:  [31mred [0m over write 2J\n") != std::string::npos);
    CHECK(text.find("\n      title: =cmd|' /C calc'!A0 -> -cmd|' /C calc'!A0 @SUM(1)\n") != std::string::npos);
}

TEST_CASE("render_diff_text: the catalog part, field by field") {
    const Versions v;
    const CatalogDiff d = catalog_diff(v);
    const DiffView view{v.before.catalog, v.after.catalog, "old.yaml", "new.yaml", d, nullptr, ""};
    CHECK(render_diff_text(view, Style{}) ==
          "Catalog diff: old.yaml (3 credentials in 1 file) -> new.yaml (3 credentials in 1 file)\n"
          "1 added, 1 removed, 1 changed, 1 unchanged\n"
          "\n"
          "Catalog:\n"
          "  currency: USD -> EUR\n"
          "\n"
          "Added (1):\n"
          "  + fresh: Fresh (badge, 1 week)\n"
          "\n"
          "Removed (1):\n"
          "  - gone: Gone Course (microcredential, 1,250.50 USD, 1 week)\n"
          "\n"
          "Changed (1):\n"
          "  ~ pricey: Pricey Now\n"
          "      title: Pricey -> Pricey Now\n"
          "      cost: 1,000 -> 1,200 (+200)\n"
          "      weeks: 2 -> 2.5 (+0.5)\n"
          "      level: (none) -> 3\n"
          "      tags: added c; removed a\n"
          "      outcomes: order changed\n"
          "      requires: (none) -> keep\n");
}

TEST_CASE("render_diff_text: no changes, and the singulars and plurals of the headline") {
    const Versions v;
    const CatalogDiff none;
    const DiffView view{v.before.catalog, v.after.catalog, "a/old.yaml", "b/new.yaml", none, nullptr, ""};
    CHECK(render_diff_text(view, Style{}) ==
          "Catalog diff: a/old.yaml (3 credentials in 1 file) -> b/new.yaml (3 credentials in 1 file)\n"
          "0 added, 0 removed, 0 changed, 0 unchanged\n");
    const CheckedCatalog one = checked("  - {id: only, title: Only, weeks: 2}\n", "", "one.yaml");
    const DiffView single{one.catalog, one.catalog, "one.yaml", "one.yaml", none, nullptr, ""};
    CHECK(render_diff_text(single, Style{}).rfind(
              "Catalog diff: one.yaml (1 credential in 1 file) -> one.yaml (1 credential in 1 file)\n", 0) == 0);
}

TEST_CASE("render_diff_text: the plans of the requests") {
    const Versions v;
    const CatalogDiff d = catalog_diff(v);
    const RequestsDiff requests = requests_diff();
    const DiffView view{v.before.catalog, v.after.catalog, "old.yaml", "new.yaml", d, &requests, "reqs.jsonl"};
    const std::string text = render_diff_text(view, Style{});
    const std::string part = text.substr(text.find("\nPlans of"));
    CHECK(part ==
          "\nPlans of 10 requests (reqs.jsonl): 3 worse, 2 better, 1 changed, 1 unchanged, 1 new, 2 errors\n"
          "[worse] ana (line 1, minimize cost): cost +200 EUR, weeks +0.5\n"
          "    old: 1,000 USD, 2 weeks, 10 hours, 1 step\n"
          "    new: 1,200 EUR, 2.5 weeks, 10 hours, 1 step (not proven optimal)\n"
          "[better] line 2 (line 2, minimize weeks): a plan now\n"
          "    old: no plan: cost over 5\n"
          "    new: 10 EUR, 0 weeks, 0 hours, 1 step\n"
          "[changed] cy (line 3, minimize cost): other steps, same totals\n"
          "    old: 10 USD, 1 week, 5 hours, 2 steps\n"
          "    new: 10 EUR, 1 week, 5 hours, 2 steps\n"
          "    steps: + fresh; - gone\n"
          "[unchanged] dee (line 4, minimize cost): same plan\n"
          "    plan: 10 EUR, 0 weeks, 0 hours, 1 step\n"
          "[new] eve (line 5, minimize cost): only the new catalog can answer it\n"
          "    old: cannot be asked: targets: unknown credential 'fresh'\n"
          "    new: 0 EUR, 1 week, 0 hours, 1 step\n"
          "[error] fay (line 6, minimize hours): old catalog: targets: unknown credential 'x'; new catalog: targets: "
          "unknown credential 'x'\n"
          "[error] reqs.jsonl:7: not valid JSON\n"
          "[worse] gus (line 8, minimize cost): no plan now\n"
          "    old: 1,000 USD, 2 weeks, 0 hours, 1 step\n"
          "    new: no plan: cost at most 500, the cheapest plan costs 1,200\n"
          "[worse] hal (line 9, minimize cost): the request no longer fits the catalog\n"
          "    old: 1,250.50 USD, 1 week, 0 hours, 1 step\n"
          "    new: cannot be asked: targets: unknown credential 'gone'\n"
          "[better] ivy (line 10, minimize cost): cost -200 EUR, hours -8, steps -1\n"
          "    old: 1,200 USD, 3 weeks, 20 hours, 3 steps\n"
          "    new: 1,000 EUR, 3 weeks, 12 hours, 2 steps\n"
          "    steps: - x\n");
    // With colour, only the status tags are painted.
    const std::string coloured = render_diff_text(view, Style{true, true});
    CHECK(coloured.find("\x1b[1m\x1b[91m[worse]\x1b[0m ana (line 1, minimize cost)") != std::string::npos);
    CHECK(coloured.find("\x1b[1m\x1b[92m[better]\x1b[0m line 2") != std::string::npos);
    CHECK(coloured.find("\x1b[1m[unchanged]\x1b[0m dee") != std::string::npos);
    CHECK(coloured.find("\x1b[1m\x1b[91m[error]\x1b[0m reqs.jsonl:7") != std::string::npos);
}

TEST_CASE("render_diff_text: terminal controls in request ids and messages are neutralised") {
    const Versions v;
    const CatalogDiff none;
    RequestsDiff requests;
    RequestDiff r = request(1, "a\x1b[2Jb", RequestStatus::Error, cannot_ask("e"), cannot_ask("e"));
    r.error = "bad\x07 thing";
    requests.requests.push_back(r);
    const DiffView view{v.before.catalog, v.after.catalog, "old\x1b.yaml", "new.yaml", none, &requests, "r\n.jsonl"};
    const std::string text = render_diff_text(view, Style{});
    CHECK(std::none_of(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f; }));
    CHECK(text.find("[error] a [2Jb (line 1, minimize cost): bad  thing\n") != std::string::npos);
    CHECK(text.find("Plans of 1 request (r .jsonl): 0 worse, 0 better, 0 changed, 0 unchanged, 0 new, 1 error\n") !=
          std::string::npos);
}

TEST_CASE("render_diff_json: every part, numbers as numbers, nulls for what is not given") {
    const Versions v;
    const CatalogDiff d = catalog_diff(v);
    RequestsDiff requests;
    const RequestsDiff all = requests_diff();
    for (std::size_t i : {0, 5, 6, 7, 8}) requests.requests.push_back(all.requests[i]);
    const DiffView view{v.before.catalog, v.after.catalog, "old.yaml", "new.yaml", d, &requests, "reqs.jsonl"};
    const std::string text = render_diff_json(view);
    CHECK(text.rfind("{\n  \"format\": \"credpath-diff/1\",\n", 0) == 0);
    CHECK(text.back() == '\n');
    const nlohmann::json json = nlohmann::json::parse(text);
    CHECK(json == nlohmann::json::parse(R"({
      "format": "credpath-diff/1",
      "old": {"path": "old.yaml", "files": 1, "credentials": 3, "currency": "USD", "credit_unit": "credits"},
      "new": {"path": "new.yaml", "files": 1, "credentials": 3, "currency": "EUR", "credit_unit": "credits"},
      "summary": {"added": 1, "removed": 1, "changed": 1, "unchanged": 1},
      "catalog": [{"field": "currency", "before": "USD", "after": "EUR"}],
      "added": [{"id": "fresh", "title": "Fresh", "kind": "badge", "file": "new.yaml", "line": 6}],
      "removed": [{"id": "gone", "title": "Gone Course", "kind": "microcredential", "file": "old.yaml", "line": 4}],
      "changed": [{"id": "pricey", "title": "Pricey Now", "file": "new.yaml", "line": 5, "fields": [
        {"field": "title", "before": "Pricey", "after": "Pricey Now"},
        {"field": "cost", "before": 1000, "after": 1200},
        {"field": "weeks", "before": 2, "after": 2.5},
        {"field": "level", "before": null, "after": 3},
        {"field": "tags", "before": ["a", "b"], "after": ["b", "c"], "added": ["c"], "removed": ["a"]},
        {"field": "outcomes", "before": ["Reads SQL", "Writes SQL"], "after": ["Writes SQL", "Reads SQL"],
         "added": [], "removed": []},
        {"field": "requires", "before": null, "after": "keep"}]}],
      "requests": {
        "file": "reqs.jsonl",
        "summary": {"total": 5, "worse": 3, "better": 0, "changed": 0, "unchanged": 0, "new": 0, "errors": 2},
        "items": [
          {"id": "ana", "line": 1, "status": "worse", "objective": "cost", "worse": ["cost", "weeks"],
           "before": {"feasible": true, "optimal": true, "cost": 1000, "hours": 10, "weeks": 2, "credits": 0,
                      "count": 1, "steps": ["pricey"]},
           "after": {"feasible": true, "optimal": false, "cost": 1200, "hours": 10, "weeks": 2.5, "credits": 0,
                     "count": 1, "steps": ["pricey"]},
           "delta": {"cost": 200, "hours": 0, "weeks": 0.5, "count": 0},
           "steps_added": [], "steps_removed": []},
          {"id": "fay", "line": 6, "status": "error", "objective": "hours",
           "error": "old catalog: targets: unknown credential 'x'; new catalog: targets: unknown credential 'x'",
           "worse": [], "before": {"error": "targets: unknown credential 'x'"},
           "after": {"error": "targets: unknown credential 'x'"}, "steps_added": [], "steps_removed": []},
          {"id": null, "line": 7, "status": "error", "error": "reqs.jsonl:7: not valid JSON"},
          {"id": "gus", "line": 8, "status": "worse", "objective": "cost", "worse": ["infeasible"],
           "before": {"feasible": true, "optimal": true, "cost": 1000, "hours": 0, "weeks": 2, "credits": 0,
                      "count": 1, "steps": ["pricey"]},
           "after": {"feasible": false, "reason": "cost at most 500, the cheapest plan costs 1,200"},
           "steps_added": [], "steps_removed": []},
          {"id": "hal", "line": 9, "status": "worse", "objective": "cost", "worse": ["unanswerable"],
           "before": {"feasible": true, "optimal": true, "cost": 1250.5, "hours": 0, "weeks": 1, "credits": 0,
                      "count": 1, "steps": ["gone"]},
           "after": {"error": "targets: unknown credential 'gone'"},
           "steps_added": [], "steps_removed": []}]},
      "worse": true})"));
    // The keys in the documented order.
    std::vector<std::string> keys;
    const nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(text);
    for (const auto& item : ordered.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"format", "old", "new", "summary", "catalog", "added", "removed", "changed",
                                           "requests", "worse"});
}

TEST_CASE("render_diff_json: without requests there is no requests part and nothing is worse") {
    const Versions v;
    const CatalogDiff none;
    const DiffView view{v.before.catalog, v.after.catalog, "old.yaml", "new.yaml", none, nullptr, ""};
    const nlohmann::json json = nlohmann::json::parse(render_diff_json(view));
    CHECK_FALSE(json.contains("requests"));
    CHECK(json["worse"] == false);
    CHECK(json["catalog"] == nlohmann::json::array());
    CHECK(json["added"] == nlohmann::json::array());
    CHECK(json["summary"] == nlohmann::json::parse(R"({"added": 0, "removed": 0, "changed": 0, "unchanged": 0})"));
    // Requests, none of them worse.
    RequestsDiff better;
    better.requests.push_back(requests_diff().requests[1]);
    const DiffView with{v.before.catalog, v.after.catalog, "old.yaml", "new.yaml", none, &better, "r.jsonl"};
    CHECK(nlohmann::json::parse(render_diff_json(with))["worse"] == false);
}

TEST_CASE("render_diff_markdown: the catalog part") {
    const Versions v;
    const CatalogDiff d = catalog_diff(v);
    const DiffView view{v.before.catalog, v.after.catalog, "old.yaml", "new.yaml", d, nullptr, ""};
    CHECK(render_diff_markdown(view) == R"md(## Catalog changes

old.yaml (3 credentials) → new.yaml (3 credentials): **1 added, 1 removed, 1 changed**, 1 unchanged.

### Catalog settings

| | field | before | after |
| --- | --- | --- | --- |
| catalog | currency | USD | EUR |

### Added (1)

| id | title | kind | provider | cost | weeks |
| --- | --- | --- | --- | ---: | ---: |
| `fresh` | Fresh | badge | Acme | 0 | 1 |

### Removed (1)

| id | title | kind | provider |
| --- | --- | --- | --- |
| `gone` | Gone Course | microcredential |  |

### Changed (1)

| id | field | before | after |
| --- | --- | --- | --- |
| `pricey` | title | Pricey | Pricey Now |
|  | cost | 1,000 | 1,200 (+200) |
|  | weeks | 2 | 2.5 (+0.5) |
|  | level | (none) | 3 |
|  | tags | a, b | b, c |
|  | outcomes | Reads SQL; Writes SQL | Writes SQL; Reads SQL |
|  | requires | (none) | keep |
)md");
    // Nothing changed: the headline alone.
    const CatalogDiff none;
    const DiffView same{v.before.catalog, v.after.catalog, "old.yaml", "new.yaml", none, nullptr, ""};
    CHECK(render_diff_markdown(same) ==
          "## Catalog changes\n\nold.yaml (3 credentials) → new.yaml (3 credentials): **0 added, 0 removed, 0 "
          "changed**, 0 unchanged.\n");
}

TEST_CASE("render_diff_markdown: the plans of the requests, and the ones not compared") {
    const Versions v;
    const CatalogDiff none;
    const RequestsDiff requests = requests_diff();
    const DiffView view{v.before.catalog, v.after.catalog, "old.yaml", "new.yaml", none, &requests, "reqs.jsonl"};
    const std::string md = render_diff_markdown(view);
    CHECK(md.substr(md.find("\n### Plans")) ==
          R"md(
### Plans of 10 requests (reqs.jsonl)

**3 plans worse** (3 worse, 2 better, 1 changed, 1 unchanged, 1 new, 2 errors).

| status | request | minimize | before | after | change | steps added | steps removed |
| --- | --- | --- | --- | --- | --- | --- | --- |
| **worse** | ana | cost | 1,000 USD, 2 wk, 1 step | 1,200 EUR, 2.5 wk, 1 step (not proven optimal) | cost \+200 EUR, weeks \+0.5 |  |  |
| better | line 2 | weeks | no plan | 10 EUR, 0 wk, 1 step | a plan now |  |  |
| changed | cy | cost | 10 USD, 1 wk, 2 steps | 10 EUR, 1 wk, 2 steps | other steps, same totals | `fresh` | `gone` |
| unchanged | dee | cost | 10 USD, 0 wk, 1 step | 10 EUR, 0 wk, 1 step | same plan |  |  |
| new | eve | cost | cannot be asked | 0 EUR, 1 wk, 1 step | only the new catalog can answer it |  |  |
| **worse** | gus | cost | 1,000 USD, 2 wk, 1 step | no plan | no plan now: cost at most 500, the cheapest plan costs 1,200 |  |  |
| **worse** | hal | cost | 1,250.50 USD, 1 wk, 1 step | cannot be asked | the request no longer fits the catalog: targets: unknown credential 'gone' |  |  |
| better | ivy | cost | 1,200 USD, 3 wk, 3 steps | 1,000 EUR, 3 wk, 2 steps | cost -200 EUR, hours -8, steps -1 |  | `x` |

Not compared:

- fay (line 6): old catalog: targets: unknown credential 'x'; new catalog: targets: unknown credential 'x'
- reqs.jsonl:7: not valid JSON
)md");
}

TEST_CASE("render_diff_markdown: one worse plan, none worse, long step lists") {
    const Versions v;
    const CatalogDiff none;
    const RequestsDiff all = requests_diff();
    RequestsDiff one;
    one.requests.push_back(all.requests[7]);
    const DiffView worse{v.before.catalog, v.after.catalog, "old.yaml", "new.yaml", none, &one, "r.jsonl"};
    CHECK(render_diff_markdown(worse).find("\n**1 plan worse** (1 worse, 0 better, 0 changed, 0 unchanged, 0 new, 0 "
                                           "errors).\n") != std::string::npos);
    RequestsDiff many;
    RequestDiff moved = request(1, "zed", RequestStatus::Changed, planned(1, 1, 1, 1, {}), planned(1, 1, 1, 1, {}));
    for (char c = 'a'; c <= 'j'; ++c) moved.steps_added.push_back(std::string(1, c));
    moved.steps_removed = {"old"};
    many.requests.push_back(moved);
    const DiffView listed{v.before.catalog, v.after.catalog, "old.yaml", "new.yaml", none, &many, "r.jsonl"};
    const std::string md = render_diff_markdown(listed);
    CHECK(md.find("\nNo plan is worse (0 worse, 0 better, 1 changed, 0 unchanged, 0 new, 0 errors).\n") !=
          std::string::npos);
    CHECK(md.find("| changed | zed | cost | 1 USD, 1 wk, 1 step | 1 EUR, 1 wk, 1 step | other steps, same totals | "
                  "`a`, `b`, `c`, `d`, `e`, `f`, `g`, `h` and 2 more | `old` |\n") != std::string::npos);
    CHECK(md.find("Not compared") == std::string::npos);
    // The text lists every step.
    CHECK(render_diff_text(listed, Style{}).find("    steps: + a, b, c, d, e, f, g, h, i, j; - old\n") !=
          std::string::npos);
}

}  // namespace credpath
