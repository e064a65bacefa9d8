#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

#include "credpath/plan/browse.hpp"
#include "credpath/load/check.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
using Indices = std::vector<std::uint32_t>;
using Ids = std::vector<std::string>;

// py, sql and stats are modules (tag `mod`); cert needs py and one of sql or
// stats; dipl needs cert, 6 credits tagged mod and the skill sql; deg needs
// dipl; rpl needs py or 3 credits from sql and stats.
const char* const sample_text = R"(  - {id: py, title: Python, kind: badge, provider: Open Academy, cost: 100, weeks: 4, credits: 2, level: 4, tags: [mod, data], skills: [python], valid_for: 1y}
  - {id: sql, title: SQL Basics, provider: open academy, cost: 200, weeks: 6, credits: 3, level: 5, tags: [mod], skills: [sql]}
  - {id: stats, title: "Statistics, Applied", kind: course, provider: City College, cost: 300, credits: 4, level: 6, tags: [mod, data], skills: [statistics, python]}
  - {id: cert, title: Data Certificate, kind: certificate, provider: City College, cost: 50, level: 6, requires: {all: [py, {any: [sql, stats]}]}}
  - {id: dipl, title: Data Diploma, kind: diploma, provider: City College, requires: {all: [cert, {credits: 6, tagged: [mod]}, {skills: [sql]}]}}
  - {id: deg, title: Degree, kind: degree, requires: dipl}
  - {id: rpl, title: Prior Learning, kind: certificate, requires: {at_least: 1, of: [py, {credits: 3, from: [sql, stats]}]}}
)";

CheckedCatalog sample() {
    CheckedCatalog checked = check_catalog(load_catalog_text(test::catalog(sample_text)));
    for (const Diagnostic& d : checked.diagnostics) INFO(format_diagnostic(d));
    REQUIRE(checked.ok());
    return checked;
}

std::uint32_t at(const Catalog& catalog, std::string_view id) {
    auto index = catalog.find(id);
    REQUIRE(index);
    return *index;
}

Ids ids(const Catalog& catalog, const Indices& indices) {
    Ids out;
    for (std::uint32_t i : indices) out.push_back(catalog.credentials[i].id);
    return out;
}

std::string input_error(const std::function<void()>& body) {
    try {
        body();
    } catch (const InputError& error) {
        return error.message;
    }
    return "no error";
}
}  // namespace

TEST_CASE("details: what a credential draws on and stacks into, through every kind of source") {
    const CheckedCatalog checked = sample();
    const Catalog& c = checked.catalog;
    const CredentialDetails py = credential_details(c, checked.graph, at(c, "py"));
    CHECK(py.draws_on.empty());
    // dipl through its `tagged` rule; rpl and cert by reference.
    CHECK(ids(c, py.stacks_into) == Ids{"cert", "dipl", "rpl"});
    CHECK(ids(c, py.stacks_into_all) == Ids{"cert", "deg", "dipl", "rpl"});
    REQUIRE(py.skills.size() == 1);
    CHECK(py.skills[0].skill == "python");
    CHECK(ids(c, py.skills[0].others) == Ids{"stats"});

    const CredentialDetails dipl = credential_details(c, checked.graph, at(c, "dipl"));
    CHECK(ids(c, dipl.draws_on) == Ids{"cert", "py", "sql", "stats"});
    CHECK(ids(c, dipl.stacks_into) == Ids{"deg"});
    CHECK(ids(c, dipl.stacks_into_all) == Ids{"deg"});
    CHECK(dipl.skills.empty());

    const CredentialDetails stats = credential_details(c, checked.graph, at(c, "stats"));
    REQUIRE(stats.skills.size() == 2);
    CHECK(stats.skills[0].others.empty());  // nobody else teaches statistics
    CHECK(ids(c, stats.skills[1].others) == Ids{"py"});
    CHECK(ids(c, transitive_dependents(c, checked.graph, at(c, "deg"))).empty());
}

TEST_CASE("standing: held, expired with its dates, not held") {
    const CheckedCatalog checked = sample();
    const Catalog& c = checked.catalog;
    Holdings holdings;
    holdings.held = {at(c, "cert")};
    holdings.expired = {{at(c, "py"), Date{2023, 1, 10}, Date{2024, 1, 10}}};
    CHECK(standing_of(holdings, at(c, "cert")).standing == Standing::Held);
    const CredentialStanding py = standing_of(holdings, at(c, "py"));
    CHECK(py.standing == Standing::Expired);
    CHECK(py.earned == Date{2023, 1, 10});
    CHECK(py.expired_on == Date{2024, 1, 10});
    CHECK(standing_of(holdings, at(c, "sql")).standing == Standing::NotHeld);
    CHECK(to_string(Standing::NotHeld) == "not held");
}

TEST_CASE("levels: one level or a range within 1..8") {
    auto range = [](std::string_view text) {
        auto r = parse_level_range(text);
        return r ? std::to_string(r->low) + "-" + std::to_string(r->high) : std::string("none");
    };
    CHECK(range("5") == "5-5");
    CHECK(range("5-7") == "5-7");
    CHECK(range("1-8") == "1-8");
    CHECK(range("7-5") == "none");
    CHECK(range("9") == "none");
    CHECK(range("0") == "none");
    CHECK(range("") == "none");
    CHECK(range("5-") == "none");
    CHECK(range("-5") == "none");
    CHECK(range("10") == "none");
    CHECK(range("five") == "none");
}

TEST_CASE("kinds: names to kinds; an unknown one names the kinds and the nearest") {
    CHECK(kinds_from_names({"degree", "badge", "degree"}) == std::vector<Kind>{Kind::Degree, Kind::Badge});
    CHECK(kinds_from_names({}).empty());
    CHECK(all_kinds().size() == 7);
    CHECK(input_error([] { kinds_from_names({"certficate", "cert", "zzz"}); }) ==
          "--kind: unknown kind 'certficate' (did you mean 'certificate'? one of microcredential, certificate, "
          "diploma, degree, badge, license, course)\n"
          "--kind: unknown kind 'cert' (did you mean 'certificate'? one of microcredential, certificate, diploma, degree, "
          "badge, license, course)\n"
          "--kind: unknown kind 'zzz' (one of microcredential, certificate, diploma, degree, badge, license, course)");
}

TEST_CASE("filters: unknown tags and skills get a did-you-mean") {
    const CheckedCatalog checked = sample();
    ListFilter filter;
    filter.tags = {"mod", "dat"};
    filter.skills = {"sqll", "quantum"};
    CHECK(input_error([&] { check_filter_names(checked.catalog, filter); }) ==
          "--tag: no credential has the tag 'dat' (did you mean 'data'?)\n"
          "--skill: no credential has the skill 'sqll' (did you mean 'sql'?)\n"
          "--skill: no credential has the skill 'quantum'");
    filter.tags = {"mod"};
    filter.skills = {"sql"};
    CHECK(input_error([&] { check_filter_names(checked.catalog, filter); }) == "no error");
}

TEST_CASE("filters combine with AND, sorted by id") {
    const CheckedCatalog checked = sample();
    const Catalog& c = checked.catalog;
    auto run = [&](const ListFilter& filter) { return ids(c, filter_credentials(c, filter)); };
    CHECK(run({}) == Ids{"cert", "deg", "dipl", "py", "rpl", "sql", "stats"});
    ListFilter f;
    f.kinds = {Kind::Certificate, Kind::Degree};
    CHECK(run(f) == Ids{"cert", "deg", "rpl"});
    f = {};
    f.tags = {"mod", "data"};  // every tag
    CHECK(run(f) == Ids{"py", "stats"});
    f = {};
    f.skills = {"python"};
    CHECK(run(f) == Ids{"py", "stats"});
    f = {};
    f.provider = "OPEN acad";  // any case, substring
    CHECK(run(f) == Ids{"py", "sql"});
    f = {};
    f.level = LevelRange{5, 6};  // without a level never matches
    CHECK(run(f) == Ids{"cert", "sql", "stats"});
    f = {};
    f.max_fee = 100;
    CHECK(run(f) == Ids{"cert", "deg", "dipl", "py", "rpl"});
    f = {};
    f.words = {"DATA"};  // id, title, tag or skill
    CHECK(run(f) == Ids{"cert", "dipl", "py", "stats"});
    f.words = {"data", "cert"};  // every word
    CHECK(run(f) == Ids{"cert"});
    f = {};
    f.words = {"statist"};  // a skill or a title
    CHECK(run(f) == Ids{"stats"});
    f = {};
    f.provider = "city";
    f.max_fee = 100;
    f.level = LevelRange{6, 6};
    CHECK(run(f) == Ids{"cert"});
}

TEST_CASE("stats: counts, rule kinds, the longest chain and the most required") {
    const CheckedCatalog checked = sample();
    const Catalog& c = checked.catalog;
    const CatalogStats s = catalog_stats(c, checked.graph, 2);
    CHECK(s.credentials == 7);
    CHECK(s.files == 1);
    CHECK(s.providers == 3);  // "Open Academy" and "open academy" are two; none does not count
    CHECK(s.skills == 3);
    CHECK(s.tags == 2);
    CHECK(s.with_rule == 4);
    REQUIRE(s.by_file.size() == 1);
    CHECK(s.by_file[0].second == 7);
    CHECK(s.by_kind == Counts<Kind>{{Kind::Microcredential, 1},
                                    {Kind::Certificate, 2},
                                    {Kind::Diploma, 1},
                                    {Kind::Degree, 1},
                                    {Kind::Badge, 1},
                                    {Kind::License, 0},
                                    {Kind::Course, 1}});
    CHECK(s.by_provider ==
          Counts<std::string>{{"City College", 3}, {"", 2}, {"Open Academy", 1}, {"open academy", 1}});
    CHECK(s.rule_kinds == Counts<RuleKind>{{RuleKind::Ref, 4},
                                           {RuleKind::All, 2},
                                           {RuleKind::Any, 1},
                                           {RuleKind::AtLeast, 1},
                                           {RuleKind::CreditsFrom, 1},
                                           {RuleKind::CreditsTagged, 1},
                                           {RuleKind::Skills, 1}});
    CHECK(ids(c, s.longest_chain) == Ids{"py", "cert", "dipl", "deg"});
    // py, sql and stats have three dependents each: ties go by id; top 2.
    CHECK(s.most_required == Counts<std::uint32_t>{{at(c, "py"), 3}, {at(c, "sql"), 3}});
    CHECK(catalog_stats(c, checked.graph).most_required.size() == 5);
}

TEST_CASE("stats of an empty catalog") {
    CheckedCatalog checked = check_catalog(load_catalog_text("format: credpath/1\ncredentials: []\n"));
    REQUIRE(checked.ok());
    const CatalogStats s = catalog_stats(checked.catalog, checked.graph);
    CHECK(s.credentials == 0);
    CHECK(s.longest_chain.empty());
    CHECK(s.most_required.empty());
}

TEST_CASE("the longest chain of the bundled catalogs is a real chain of graph.longest_chain() credentials") {
    CheckedCatalog checked = check_catalog(load_catalog({std::string(CREDPATH_SOURCE_DIR) + "/catalogs"}));
    REQUIRE(checked.ok());
    const Indices chain = longest_chain_path(checked.catalog, checked.graph);
    CHECK(chain.size() == checked.graph.longest_chain());
    for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
        const auto dependents = checked.graph.dependents(chain[i]);
        CHECK(std::find(dependents.begin(), dependents.end(), chain[i + 1]) != dependents.end());
    }
    CHECK(checked.graph.sources(chain.front()).empty());
}

TEST_CASE("rule diagram: junctions for rule operators, none for a single reference") {
    const CheckedCatalog checked = sample();
    const Catalog& c = checked.catalog;
    const RuleDiagram d = rule_diagram(c, checked.graph, {});
    CHECK(ids(c, d.credentials) == Ids{"cert", "deg", "dipl", "py", "rpl", "sql", "stats"});
    std::vector<std::string> junctions;
    for (const RuleDiagram::Junction& j : d.junctions)
        junctions.push_back(c.credentials[j.owner].id + "#" + j.path + " " + std::string(to_string(j.rule->kind)));
    CHECK(junctions == Ids{"cert#0 all", "cert#0.2 any", "dipl#0 all", "dipl#0.2 credits-tagged",
                           "dipl#0.3 skills", "rpl#0 at_least", "rpl#0.2 credits-from"});
    auto name = [&](const RuleDiagram::End& end) {
        return end.junction ? c.credentials[d.junctions[end.index].owner].id + "#" + d.junctions[end.index].path
                            : c.credentials[end.index].id;
    };
    std::vector<std::string> edges;
    for (const RuleDiagram::Edge& e : d.edges) edges.push_back(name(e.from) + " -> " + name(e.to));
    CHECK(edges == Ids{"cert#0 -> cert",         "py -> cert#0",        "cert#0.2 -> cert#0",
                       "sql -> cert#0.2",        "stats -> cert#0.2",   "dipl -> deg",
                       "dipl#0 -> dipl",         "cert -> dipl#0",      "dipl#0.2 -> dipl#0",
                       "py -> dipl#0.2",         "sql -> dipl#0.2",     "stats -> dipl#0.2",
                       "dipl#0.3 -> dipl#0",     "sql -> dipl#0.3",     "rpl#0 -> rpl",
                       "py -> rpl#0",            "rpl#0.2 -> rpl#0",    "sql -> rpl#0.2",
                       "stats -> rpl#0.2"});

    const RuleDiagram cone = rule_diagram(c, checked.graph, {at(c, "cert")});
    CHECK(ids(c, cone.credentials) == Ids{"cert", "py", "sql", "stats"});
    CHECK(cone.junctions.size() == 2);
    CHECK(cone.edges.size() == 5);
}

TEST_CASE("rule diagram: a pooled source counts once per junction and never the owner") {
    CheckedCatalog checked = check_catalog(load_catalog_text(test::catalog(R"(  - {id: a, title: A, credits: 5, tags: [x, y], skills: [s, t]}
  - {id: b, title: B, tags: [x], skills: [s], requires: {all: [{credits: 5, tagged: [x, y]}, {skills: [s, t]}]}}
)")));
    REQUIRE(checked.ok());
    const RuleDiagram d = rule_diagram(checked.catalog, checked.graph, {});
    CHECK(d.junctions.size() == 3);
    CHECK(d.edges.size() == 5);  // all -> b, tagged -> all, a -> tagged, skills -> all, a -> skills
}

}  // namespace credpath
