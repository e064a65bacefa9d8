#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "credpath/plan/browse.hpp"
#include "credpath/load/check.hpp"
#include "credpath/report/render_catalog.hpp"
#include "test_support.hpp"

namespace credpath {

namespace {
using nlohmann::json;
using Ids = std::vector<std::string>;

const char* const sample_text = R"(catalog: {currency: EUR, credit_unit: ECTS}
credentials:
  - {id: py, title: Python, kind: badge, provider: Open Academy, cost: 1200, weeks: 4, credits: 2, level: 4, tags: [mod, data], skills: [python], valid_for: 1y, url: "https://x.example/py", same_as: ["urn:a", "urn:b"], outcomes: [Write programs., Test them.]}
  - {id: sql, title: SQL Basics, provider: open academy, cost: 200, weeks: 6, credits: 3, level: 5, tags: [mod], skills: [sql]}
  - {id: stats, title: "Statistics, \"Applied\"", kind: course, provider: City College, cost: 300, credits: 4, level: 6, tags: [mod, data], skills: [statistics, python]}
  - {id: cert, title: Data Certificate, kind: certificate, provider: City College, cost: 50, level: 6, requires: {all: [py, {any: [sql, stats]}]}}
  - {id: dipl, title: Data Diploma, kind: diploma, provider: City College, requires: {all: [cert, {credits: 6, tagged: [mod]}, {skills: [sql]}]}}
  - {id: deg, title: "=Degree [hons] <b>", kind: degree, requires: dipl}
  - {id: rpl, title: Prior Learning, kind: certificate, requires: {at_least: 1, of: [py, {credits: 3, from: [sql, stats]}]}}
)";

struct Fixture {
    CheckedCatalog checked = check_catalog(load_catalog_text("format: credpath/1\n" + std::string(sample_text)));
    Holdings none;
    Holdings holdings;
    Fixture() {
        for (const Diagnostic& d : checked.diagnostics) INFO(format_diagnostic(d));
        REQUIRE(checked.ok());
        holdings.held = {at("sql")};
        holdings.expired = {{at("py"), Date{2023, 1, 10}, Date{2024, 1, 10}}};
    }
    std::uint32_t at(std::string_view id) const { return *checked.catalog.find(id); }
    const Catalog& catalog() const { return checked.catalog; }
    Learner nobody() const { return Learner{none, Date{2026, 1, 1}, "", false}; }
    Learner learner() const { return Learner{holdings, Date{2026, 1, 1}, "Alex", true}; }
};

std::string show_text(const Fixture& f, std::string_view id, const Learner& learner) {
    const std::vector<CredentialDetails> details{credential_details(f.catalog(), f.checked.graph, f.at(id))};
    return render_show_text(ShowView{f.catalog(), details, learner}, Style{});
}
}  // namespace

TEST_CASE("rule outline: an indented tree, flat lists inline, learner marks") {
    Fixture f;
    const Catalog& c = f.catalog();
    CHECK(rule_outline(c, *c.credentials[f.at("cert")].rule) == "all of:\n  py\n  any of: sql, stats\n");
    CHECK(rule_outline(c, *c.credentials[f.at("dipl")].rule, nullptr, "  ") ==
          "  all of:\n    cert\n    6 ECTS tagged 'mod'\n    skills: sql\n");
    CHECK(rule_outline(c, *c.credentials[f.at("rpl")].rule) == "1 of:\n  py\n  3 ECTS from: sql, stats\n");
    CHECK(rule_outline(c, *c.credentials[f.at("deg")].rule) == "dipl\n");
    const Learner learner = f.learner();
    CHECK(rule_outline(c, *c.credentials[f.at("cert")].rule, &learner) ==
          "all of:\n  py (expired)\n  any of: sql (held), stats\n");
    // Long lists wrap after a comma, under the first item.
    Rule any;
    any.kind = RuleKind::Any;
    for (int i = 0; i < 12; ++i) {
        Rule ref;
        ref.ref = "credential-" + std::to_string(i);
        any.children.push_back(ref);
    }
    const std::string wrapped = rule_outline(c, any);
    CHECK(wrapped.rfind("any of: credential-0, credential-1,", 0) == 0);
    CHECK(wrapped.find("\n        credential-") != std::string::npos);
    for (std::size_t start = 0, end; (end = wrapped.find('\n', start)) != std::string::npos; start = end + 1)
        CHECK(end - start <= 80);
}

TEST_CASE("rule JSON mirrors the catalog syntax") {
    Fixture f;
    const Catalog& c = f.catalog();
    CHECK(rule_json(*c.credentials[f.at("cert")].rule) == R"({"all":["py",{"any":["sql","stats"]}]})");
    CHECK(rule_json(*c.credentials[f.at("dipl")].rule) ==
          R"({"all":["cert",{"credits":6,"tagged":["mod"]},{"skills":["sql"]}]})");
    CHECK(rule_json(*c.credentials[f.at("rpl")].rule) == R"({"at_least":1,"of":["py",{"credits":3,"from":["sql","stats"]}]})");
}

TEST_CASE("show text: fields, the rule, what it stacks into, the skills elsewhere, the status") {
    Fixture f;
    const std::string py = show_text(f, "py", f.learner());
    CHECK(py.rfind("py: Python\nStatus:            expired on 2024-01-10 (earned 2023-01-10)\n", 0) == 0);
    CHECK(py.find("Cost:              1,200 EUR\n") != std::string::npos);
    CHECK(py.find("Credits:           2 ECTS\n") != std::string::npos);
    CHECK(py.find("Level:             4 (EQF)\n") != std::string::npos);
    CHECK(py.find("Valid for:         1 year\n") != std::string::npos);
    CHECK(py.find("Same as:           urn:a\n                   urn:b\n") != std::string::npos);
    CHECK(py.find("Outcomes:          - Write programs.\n                   - Test them.\n") != std::string::npos);
    CHECK(py.find("Defined at:        catalog.yaml:4:5\n") != std::string::npos);
    CHECK(py.find("\nRequires: nothing\n") != std::string::npos);
    CHECK(py.find("\nStacks into directly (3):\n  cert  Data Certificate\n  dipl  Data Diploma\n  rpl   Prior Learning\n"
                  "Stacks into in all (4): cert, deg, dipl, rpl\n") != std::string::npos);
    CHECK(py.find("\nIts skills, also taught by:\n  python (1): stats\n") != std::string::npos);
    CHECK(py.find("Modality") == std::string::npos);  // not set, not shown

    const std::string dipl = show_text(f, "dipl", f.nobody());
    CHECK(dipl.find("Status") == std::string::npos);
    CHECK(dipl.find("\nRequires:\n  all of:\n    cert\n    6 ECTS tagged 'mod'\n    skills: sql\n"
                    "Draws on (4): cert, py, sql, stats\n") != std::string::npos);
    CHECK(show_text(f, "sql", f.learner()).find("Status:            held\n") != std::string::npos);
    CHECK(show_text(f, "rpl", f.learner()).find("Status:            not held\n") != std::string::npos);
    CHECK(show_text(f, "rpl", f.nobody()).find("\nStacks into: nothing\n") != std::string::npos);
}

TEST_CASE("show JSON: every field, null when unset; the status only with a learner") {
    Fixture f;
    const std::vector<CredentialDetails> details{credential_details(f.catalog(), f.checked.graph, f.at("py")),
                                                 credential_details(f.catalog(), f.checked.graph, f.at("deg"))};
    const Learner learner = f.learner();
    const json out = json::parse(render_show_json(ShowView{f.catalog(), details, learner}));
    CHECK(out["format"] == "credpath-show/1");
    CHECK(out["currency"] == "EUR");
    CHECK(out["learner"]["name"] == "Alex");
    CHECK(out["learner"]["held"] == json{"sql"});
    REQUIRE(out["credentials"].size() == 2);
    const json& py = out["credentials"][0];
    CHECK(py["id"] == "py");
    CHECK(py["cost"] == 1200);
    CHECK(py["level"] == 4);
    CHECK(py["valid_for"] == "1y");
    CHECK(py["modality"].is_null());
    CHECK(py["requires"].is_null());
    CHECK(py["same_as"] == json{"urn:a", "urn:b"});
    CHECK(py["source"] == json{{"file", "catalog.yaml"}, {"line", 4}, {"column", 5}});
    CHECK(py["status"] == json{{"state", "expired"}, {"earned", "2023-01-10"}, {"expired_on", "2024-01-10"}});
    CHECK(py["stacks_into"] == json{"cert", "dipl", "rpl"});
    CHECK(py["stacks_into_all"] == json{"cert", "deg", "dipl", "rpl"});
    CHECK(py["skills_elsewhere"] == json::parse(R"([{"skill": "python", "also_taught_by": ["stats"]}])"));
    const json& deg = out["credentials"][1];
    CHECK(deg["provider"].is_null());
    CHECK(deg["level"].is_null());
    CHECK(deg["requires"] == "dipl");
    CHECK(deg["draws_on"] == json{"dipl"});
    CHECK(deg["status"] == json{{"state", "not held"}});

    const Learner nobody = f.nobody();
    const json plain = json::parse(render_show_json(ShowView{f.catalog(), details, nobody}));
    CHECK(!plain.contains("learner"));
    CHECK(plain["credentials"][0]["status"].is_null());
    // Every credential has the same keys, set or not.
    std::vector<std::string> py_keys, deg_keys;
    for (const auto& item : plain["credentials"][0].items()) py_keys.push_back(item.key());
    for (const auto& item : plain["credentials"][1].items()) deg_keys.push_back(item.key());
    CHECK(py_keys == deg_keys);
}

TEST_CASE("list: --ids prints the ids alone, one a line, in the order given, learner or not") {
    Fixture f;
    const std::vector<std::uint32_t> rows{f.at("deg"), f.at("py"), f.at("sql")};
    const Learner nobody = f.nobody();
    const Learner learner = f.learner();
    CHECK(render_list_ids(ListView{f.catalog(), rows, nobody}) == "deg\npy\nsql\n");
    CHECK(render_list_ids(ListView{f.catalog(), rows, learner}) == "deg\npy\nsql\n");
    const std::vector<std::uint32_t> empty;
    CHECK(render_list_ids(ListView{f.catalog(), empty, nobody}).empty());
}

TEST_CASE("list: text with a status column only for a learner, CSV quoting, JSON") {
    Fixture f;
    const std::vector<std::uint32_t> rows{f.at("deg"), f.at("py"), f.at("sql"), f.at("stats")};
    const Learner nobody = f.nobody();
    const Learner learner = f.learner();
    const std::string text = render_list_text(ListView{f.catalog(), rows, nobody}, Style{});
    CHECK(text.rfind("id     kind             provider       cost  weeks  title\n", 0) == 0);
    CHECK(text.find("py     badge            Open Academy  1,200      4  Python\n") != std::string::npos);
    CHECK(text.find("\n4 of 7 credentials (cost in EUR)\n") != std::string::npos);
    const std::string held = render_list_text(ListView{f.catalog(), rows, learner}, Style{});
    CHECK(held.rfind("status   id     kind", 0) == 0);
    CHECK(held.find("\nexpired  py ") != std::string::npos);
    CHECK(held.find("\nheld     sql ") != std::string::npos);
    CHECK(held.find("As of 2026-01-01 Alex holds 1 of 7 credentials (1 expired).\n") != std::string::npos);
    const std::vector<std::uint32_t> empty;
    CHECK(render_list_text(ListView{f.catalog(), empty, nobody}, Style{}) ==
          "No credential matches.\n0 of 7 credentials (cost in EUR)\n");

    const std::string csv = render_list_csv(ListView{f.catalog(), rows, learner});
    CHECK(csv ==
          "id,title,kind,provider,level,cost,hours,weeks,credits,tags,skills,status\n"
          // Empty cells: fields the catalog leaves out.
          "deg,\"'=Degree [hons] <b>\",degree,,,,,,,,,not held\n"
          "py,Python,badge,Open Academy,4,1200,,4,2,mod;data,python,expired\n"
          "sql,SQL Basics,microcredential,open academy,5,200,,6,3,mod,sql,held\n"
          "stats,\"Statistics, \"\"Applied\"\"\",course,City College,6,300,,,4,mod;data,statistics;python,not held\n");
    CHECK(render_list_csv(ListView{f.catalog(), rows, nobody}).find(",python,\n") != std::string::npos);

    const json out = json::parse(render_list_json(ListView{f.catalog(), rows, learner}));
    CHECK(out["format"] == "credpath-list/1");
    CHECK(out["count"] == 4);
    CHECK(out["of"] == 7);
    CHECK(out["credentials"][1] == json::parse(R"({"id": "py", "title": "Python", "kind": "badge",
        "provider": "Open Academy", "level": 4, "cost": 1200, "hours": null, "weeks": 4, "credits": 2,
        "tags": ["mod", "data"], "skills": ["python"], "status": "expired"})"));
    CHECK(json::parse(render_list_json(ListView{f.catalog(), rows, nobody}))["credentials"][0]["status"].is_null());
}

TEST_CASE("stats: text and JSON") {
    Fixture f;
    const CatalogStats stats = catalog_stats(f.catalog(), f.checked.graph);
    const Learner nobody = f.nobody();
    const std::string text = render_stats_text(StatsView{f.catalog(), stats, nobody}, Style{});
    CHECK(text.rfind("7 credentials in 1 file; 4 with requirements\n"
                     "3 providers, 3 skills, 2 tags; cost in EUR, credits in ECTS\n",
                     0) == 0);
    CHECK(text.find("\nBy kind:\n  microcredential  1\n  certificate      2\n") != std::string::npos);
    CHECK(text.find("  (no provider)  2\n") != std::string::npos);
    CHECK(text.find("Longest chain (4 credentials, each stacks into the next):\n  py -> cert -> dipl -> deg\n") !=
          std::string::npos);
    CHECK(text.find("  py     3  Python\n  sql    3  SQL Basics\n") != std::string::npos);

    const json out = json::parse(render_stats_json(StatsView{f.catalog(), stats, nobody}));
    CHECK(out["format"] == "credpath-stats/1");
    CHECK(out["totals"] == json::parse(R"({"credentials": 7, "files": 1, "providers": 3, "skills": 3, "tags": 2,
        "with_requirements": 4})"));
    CHECK(out["by_kind"]["license"] == 0);
    CHECK(out["by_provider"][1] == json::parse(R"({"provider": null, "count": 2})"));
    CHECK(out["rule_kinds"] == json::parse(R"({"ref": 4, "all": 2, "any": 1, "at_least": 1, "credits_from": 1,
        "credits_tagged": 1, "skills": 1})"));
    CHECK(out["longest_chain"] == json::parse(R"({"length": 4, "credentials": ["py", "cert", "dipl", "deg"]})"));
    CHECK(out["most_required"][0] == json::parse(R"({"id": "py", "title": "Python", "dependents": 3})"));
}

TEST_CASE("graph DOT: junctions, styles for targets, held and expired, a legend, escaped labels") {
    Fixture f;
    const std::vector<std::uint32_t> targets{f.at("deg")};
    const RuleDiagram diagram = rule_diagram(f.catalog(), f.checked.graph, targets);
    const Learner learner = f.learner();
    const std::string dot = render_graph_dot(GraphView{f.catalog(), diagram, targets, learner});
    CHECK(dot.rfind("digraph credentials {\n", 0) == 0);
    CHECK(dot.find(R"(  "deg" [label="deg\n=Degree [hons] <b>", style="rounded,bold,filled", fillcolor="#fde9c4", penwidth=2];)") !=
          std::string::npos);
    CHECK(dot.find(R"(  "stats" [label="stats\nStatistics, \"Applied\""];)") != std::string::npos);
    CHECK(dot.find(R"(  "sql" [label="sql\nSQL Basics", style="rounded,filled", fillcolor="#d9ead3"];)") !=
          std::string::npos);
    CHECK(dot.find(R"(  "py" [label="py\nPython", style="rounded,dashed,filled", fillcolor="#f4cccc"];)") !=
          std::string::npos);
    CHECK(dot.find(R"(  "dipl#0.2" [shape=octagon, label="6 ECTS\ntagged mod", )") != std::string::npos);
    CHECK(dot.find(R"(  "cert#0.2" [shape=circle, label="any", )") != std::string::npos);
    CHECK(dot.find("  \"dipl\" -> \"deg\";\n") != std::string::npos);  // a single reference: no junction
    CHECK(dot.find("  \"sql\" -> \"dipl#0.3\";\n") != std::string::npos);
    CHECK(dot.find("rpl") == std::string::npos);  // outside the cone
    for (const char* entry : {"credential", "target", "held", "expired", "rule"})
        CHECK(dot.find(std::string("\"#legend-") + entry + "\"") != std::string::npos);
    CHECK(dot.substr(dot.size() - 6) == "  }\n}\n");
}

TEST_CASE("graph Mermaid: sanitised unique ids, escaped labels, classes and a legend") {
    CheckedCatalog checked = check_catalog(load_catalog_text(test::catalog(R"(  - {id: a-b, title: "Say \"hi\" [now] (ok) {x} <b> #1 & | `q`"}
  - {id: a_b, title: Second}
  - {id: a.b, title: Third}
  - {id: end, title: End, requires: {all: [a-b, {at_least: 1, of: [a_b, a.b]}]}}
)")));
    REQUIRE(checked.ok());
    const Catalog& c = checked.catalog;
    const std::vector<std::uint32_t> targets{*c.find("end")};
    Holdings holdings;
    holdings.held = {*c.find("end")};
    const Learner learner{holdings, Date{2026, 1, 1}, "", true};
    const RuleDiagram diagram = rule_diagram(c, checked.graph, targets);
    const std::string out = render_graph_mermaid(GraphView{c, diagram, targets, learner});
    CHECK(out.rfind("flowchart LR\n", 0) == 0);
    // a-b, a.b and a_b all sanitise to c_a_b: in id order a-b, a.b, a_b.
    CHECK(out.find("  c_a_b[\"a-b<br/>Say #quot;hi#quot; #91;now#93; #40;ok#41; #123;x#125; #60;b#62; #35;1 #38; #124; "
                   "#96;q#96;\"]\n") != std::string::npos);
    CHECK(out.find("  c_a_b_2[\"a.b<br/>Third\"]\n") != std::string::npos);
    CHECK(out.find("  c_a_b_3[\"a_b<br/>Second\"]\n") != std::string::npos);
    CHECK(out.find("  c_end[\"end<br/>End\"]:::target_held\n") != std::string::npos);
    CHECK(out.find("  j1((\"all\")):::junction\n  j2((\"1 of 2\")):::junction\n") != std::string::npos);
    CHECK(out.find("  j1 --> c_end\n  c_a_b --> j1\n  j2 --> j1\n  c_a_b_3 --> j2\n  c_a_b_2 --> j2\n") !=
          std::string::npos);
    CHECK(out.find("  classDef target_held ") != std::string::npos);
    CHECK(out.find("  subgraph legend [Legend]\n    legend_credential[\"credential\"]\n"
                   "    legend_target_held[\"target held\"]:::target_held\n    legend_rule((\"rule\")):::junction\n  end\n") !=
          std::string::npos);
    CHECK(mermaid_id("x:y.z-1_2") == "c_x_y_z_1_2");
    CHECK(mermaid_text("a\nb\x01") == "a b");
}

namespace {
// Bytes a terminal would act on: C0 controls but newline, DEL, C1 controls.
bool has_terminal_controls(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\n') || c == 0x7f) return true;
        if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9f)
            return true;
    }
    return false;
}

bool contains(const std::string& text, std::string_view what) { return text.find(what) != std::string::npos; }

struct Hostile {
    CheckedCatalog checked = test::source_catalog("tests/data/hostile/hostile.yaml");
    Holdings none;
    std::vector<std::uint32_t> all;
    Hostile() {
        for (std::uint32_t i = 0; i < checked.catalog.credentials.size(); ++i) all.push_back(i);
    }
    Learner nobody() const { return Learner{none, Date{2026, 1, 1}, "", false}; }
};
}  // namespace

TEST_CASE("hostile catalog: list, show and stats text send no control character to the terminal") {
    const Hostile h;
    const Learner nobody = h.nobody();
    const std::string list = render_list_text(ListView{h.checked.catalog, h.all, nobody}, Style{});
    CHECK_FALSE(has_terminal_controls(list));
    CHECK(contains(list, "\nh-ansi     microcredential  -2                          75      2  "
                         " [31mred [0m over write 2J\n"));
    CHECK(contains(list, "\nh-link     microcredential   Tabbed provider            50      1  "
                         "[link](javascript:alert(1))\n"));
    CHECK(contains(list, "\nh-target   certificate      @SUM(1)                     10      1  "
                         "# Heading - item | *x* _y_ `z` ~s~ \\ back\n"));

    std::vector<CredentialDetails> details;
    for (std::uint32_t i : h.all) details.push_back(credential_details(h.checked.catalog, h.checked.graph, i));
    const std::string show = render_show_text(ShowView{h.checked.catalog, details, nobody}, Style{});
    CHECK_FALSE(has_terminal_controls(show));
    CHECK(contains(show, "\nh-ansi:  [31mred [0m over write 2J\n"));
    CHECK(contains(show, "\nDescription:       Line one line two [31m red [0m\n"));
    CHECK(contains(show, "\nDescription:       back\\slash \\N \\\" end\\\n"));
    CHECK(contains(show, "\nURL:               javascript:alert(1)\n"));
    CHECK(contains(show, "\n    3 *units* <b> tagged '-2' or '|pipes|'\n"
                         "    skills: *stars*, <script>alert(1)</script>\n"));

    const CatalogStats stats = catalog_stats(h.checked.catalog, h.checked.graph);
    const std::string text = render_stats_text(StatsView{h.checked.catalog, stats, nobody}, Style{});
    CHECK_FALSE(has_terminal_controls(text));
    CHECK(contains(text, "\n   Tabbed provider          1\n  \"quotes\" & 'apostrophes'  1\n"));
    CHECK(contains(text, "\n  h-ansi     1   [31mred [0m over write 2J\n"));
}

TEST_CASE("hostile catalog: list CSV guards formula cells, quotes line breaks, keeps numbers bare") {
    const Hostile h;
    const Learner nobody = h.nobody();
    CHECK(render_list_csv(ListView{h.checked.catalog, h.all, nobody}) ==
          "id,title,kind,provider,level,cost,hours,weeks,credits,tags,skills,status\n"
          "h-formula,\"'=cmd|' /C calc'!A0\",microcredential,\"'+1\",,100,10,2,3,\"'-2;@SUM(1)\","
          "<script>alert(1)</script>,\n"
          "h-markup,<script>alert(1)</script>,microcredential,\"\"\"quotes\"\" & 'apostrophes'\",,200,,3,3,|pipes|,"
          "*stars*;_under_ `code`,\n"
          "h-link,[link](javascript:alert(1)),microcredential,\"'\tTabbed provider\",,50,,1,1,,,\n"
          "h-ansi,\" [31mred [0m\rover write 2J\",microcredential,\"'-2\",,75,,2,2,\"'@SUM(1)\",,\n"
          "h-target,\"# Heading\n- item | *x* _y_ `z` ~s~ \\ back\",certificate,\"'@SUM(1)\",,10,,1,1,,,\n");
}

TEST_CASE("hostile catalog: graph DOT and Mermaid labels are escaped, ids quoted") {
    const Hostile h;
    const Catalog& c = h.checked.catalog;
    const std::vector<std::uint32_t> targets{*c.find("h-target")};
    const RuleDiagram diagram = rule_diagram(c, h.checked.graph, targets);
    const Learner nobody = h.nobody();
    const std::string dot = render_graph_dot(GraphView{c, diagram, targets, nobody});
    CHECK_FALSE(has_terminal_controls(dot));
    CHECK(contains(dot, "\n  \"h-ansi\" [label=\"h-ansi\\n[31mred[0moverwrite2J\"];\n"));
    CHECK(contains(dot, "\n  \"h-target\" [label=\"h-target\\n# Heading\\n- item | *x* _y_ `z` ~s~ \\\\ back\", "));
    CHECK(contains(dot, "\n  \"h-target#0.4\" [shape=octagon, label=\"3 *units* <b>\\ntagged -2 or |pipes|\", "));
    CHECK(contains(dot, "\n  \"h-target#0.5\" [shape=hexagon, "
                        "label=\"skills\\n*stars*, <script>alert(1)</script>\", "));

    const std::string mermaid = render_graph_mermaid(GraphView{c, diagram, targets, nobody});
    CHECK_FALSE(has_terminal_controls(mermaid));
    CHECK(contains(mermaid, "\n  c_h_ansi[\"h-ansi<br/>#91;31mred#91;0moverwrite2J\"]\n"));
    CHECK(contains(mermaid, "\n  c_h_formula[\"h-formula<br/>=cmd#124;' /C calc'!A0\"]\n"));
    CHECK(contains(mermaid, "\n  c_h_link[\"h-link<br/>#91;link#93;#40;javascript:alert#40;1#41;#41;\"]\n"));
    CHECK(contains(mermaid, "\n  c_h_markup[\"h-markup<br/>#60;script#62;alert#40;1#41;#60;/script#62;\"]\n"));
    CHECK(contains(mermaid, "\n  c_h_target[\"h-target<br/>#35; Heading - item #124; *x* _y_ #96;z#96; ~s~ #92; back\"]"
                            ":::target\n"));
    CHECK(contains(mermaid, "\n  j3{{\"3 *units* #60;b#62;<br/>tagged -2 or #124;pipes#124;\"}}:::junction\n"));
    CHECK(contains(mermaid, "\n  j4{{\"skills<br/>*stars*, #60;script#62;alert#40;1#41;#60;/script#62;\"}}"
                            ":::junction\n"));
    CHECK(mermaid_text("C1\xc2\x9b" "2J\x1b[0m") == "C12J#91;0m");
}

}  // namespace credpath
