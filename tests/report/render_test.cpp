// The plan printers are checked end to end by the golden files in tests/cli;
// here, the number formatting they share, and every plan format on a hostile
// catalog (tests/data/hostile/hostile.yaml): catalog strings come out as text.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "credpath/plan/planner.hpp"
#include "credpath/report/render.hpp"
#include "test_support.hpp"

using namespace credpath;

TEST_CASE("format_money groups thousands and keeps cents") {
    CHECK(format_money(0) == "0");
    CHECK(format_money(999) == "999");
    CHECK(format_money(1000) == "1,000");
    CHECK(format_money(1234567) == "1,234,567");
    CHECK(format_money(12.5) == "12.50");
    CHECK(format_money(1999.99) == "1,999.99");
}

TEST_CASE("format_money puts the sign before the groups (diff deltas are negative)") {
    CHECK(format_money(-100) == "-100");
    CHECK(format_money(-1000) == "-1,000");
    CHECK(format_money(-123456.5) == "-123,456.50");
}

TEST_CASE("format_count groups thousands and keeps the fraction as it is") {
    CHECK(format_count(0) == "0");
    CHECK(format_count(999) == "999");
    CHECK(format_count(1168) == "1,168");
    CHECK(format_count(12.5) == "12.5");
    CHECK(format_count(1234.25) == "1,234.25");
    CHECK(format_count(-1500) == "-1,500");
    CHECK(format_count(std::size_t{2500000}) == "2,500,000");
}

TEST_CASE("plural: the noun agrees with the number shown") {
    CHECK(plural(1, "week", "weeks") == "1 week");
    CHECK(plural(2, "week", "weeks") == "2 weeks");
    CHECK(plural(0, "step", "steps") == "0 steps");
    CHECK(plural(1.5, "week", "weeks") == "1.5 weeks");
    CHECK(plural(1168.0, "hour", "hours") == "1,168 hours");
    CHECK(plural(std::size_t{1}, "credential", "credentials") == "1 credential");
    CHECK(plural(1.0000000001, "week", "weeks") == "1 week");  // shown as 1
    CHECK(noun(-1, "week", "weeks") == "week");                // "-1 week" in a delta
    CHECK(noun(-1.71, "week", "weeks") == "weeks");
}

namespace {

// The plan of h-target, which takes every credential of the hostile catalog.
struct HostilePlan {
    CheckedCatalog checked = test::source_catalog("tests/data/hostile/hostile.yaml");
    PlanRequest request;
    Holdings holdings;
    Plan plan;

    HostilePlan() {
        request.targets = {*checked.catalog.find("h-target")};
        request.time_limit_seconds = 60;
        plan = make_plan(checked.catalog, checked.graph, request);
        REQUIRE(plan.feasible);
        REQUIRE(plan.steps.size() == 5);
    }
    mutable Learner learner;  // what view() refers to
    PlanView view(std::string name = "") const {
        learner = Learner{holdings, Date{2026, 1, 1}, std::move(name)};
        return PlanView{checked.catalog, checked.graph, request, plan, learner, std::nullopt, nullptr, {}};
    }
};

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

}  // namespace

TEST_CASE("hostile catalog: the text plan sends no control character to the terminal") {
    const HostilePlan h;
    const std::string text = render_plan_text(h.view("Ann \x1b]0;pwned\x07 \xc2\x9b" "2J"), Style{});
    CHECK_FALSE(has_terminal_controls(text));
    CHECK(text ==
          "Plan for h-target for Ann  ]0;pwned   2J (minimize cost): optimal\n"
          "\n"
          "#  id         title                                      provider                  weeks  cost  hours  "
          "credits  unlocks\n"
          "1  h-ansi      [31mred [0m over write 2J                 -2                          0-2    75      0  "
          "      2  h-target\n"
          "2  h-formula  =cmd|' /C calc'!A0                         +1                          0-2   100     10  "
          "      3  h-link, h-target\n"
          "3  h-link     [link](javascript:alert(1))                 Tabbed provider            2-3    50      0  "
          "      1  h-target\n"
          "4  h-markup   <script>alert(1)</script>                  \"quotes\" & 'apostrophes'    0-3   200      0  "
          "      3  h-target\n"
          "5  h-target   # Heading - item | *x* _y_ `z` ~s~ \\ back  @SUM(1)                     3-4    10      0  "
          "      1  (target)\n"
          "\n"
          "Total: 435 USD, 10 hours, 4 weeks, 10 *units* <b>, 5 steps\n");
}

TEST_CASE("hostile catalog: CSV cells that would be formulas get an apostrophe and quotes; numbers stay numbers") {
    const HostilePlan h;
    CHECK(render_plan_csv(h.view()) ==
          "step,id,title,kind,provider,start_week,finish_week,cost,hours,weeks,credits,unlocks,applied_to\n"
          "1,h-ansi,\" [31mred [0m\rover write 2J\",microcredential,\"'-2\",0,2,75,0,2,2,h-target,h-target\n"
          "2,h-formula,\"'=cmd|' /C calc'!A0\",microcredential,\"'+1\",0,2,100,10,2,3,h-link;h-target,"
          "h-link;h-target\n"
          "3,h-link,[link](javascript:alert(1)),microcredential,\"'\tTabbed provider\",2,3,50,0,1,1,h-target,h-target\n"
          "4,h-markup,<script>alert(1)</script>,microcredential,\"\"\"quotes\"\" & 'apostrophes'\",0,3,200,0,3,3,"
          "h-target,h-target\n"
          "5,h-target,\"# Heading\n- item | *x* _y_ `z` ~s~ \\ back\",certificate,\"'@SUM(1)\",3,4,10,0,1,1,,\n");
}

TEST_CASE("hostile catalog: Markdown escapes markup, pipes and line breaks") {
    const HostilePlan h;
    CHECK(render_plan_markdown(h.view()) == R"md(## Plan for h-target

Minimize cost: optimal.

| # | id | title | provider | weeks | cost | hours | credits | unlocks |
|--:|----|-------|----------|------:|-----:|------:|--------:|---------|
| 1 | h-ansi |  \[31mred \[0m over write 2J | \-2 | 0-2 | 75 | 0 | 2 | h-target |
| 2 | h-formula | =cmd\|' /C calc'\!A0 | \+1 | 0-2 | 100 | 10 | 3 | h-link, h-target |
| 3 | h-link | \[link\]\(javascript:alert\(1\)\) |  Tabbed provider | 2-3 | 50 | 0 | 1 | h-target |
| 4 | h-markup | \<script\>alert\(1\)\</script\> | "quotes" \& 'apostrophes' | 0-3 | 200 | 0 | 3 | h-target |
| 5 | h-target | \# Heading - item \| \*x\* \_y\_ \`z\` \~s\~ \\ back | @SUM\(1\) | 3-4 | 10 | 0 | 1 |  |

**Total:** 435 USD, 10 hours, 4 weeks, 10 \*units\* \<b\>, 5 steps.
)md");
}

TEST_CASE("hostile catalog: DOT labels are quoted strings with quotes, backslashes and newlines escaped") {
    const HostilePlan h;
    CHECK(render_plan_dot(h.view()) == R"dot(digraph plan {
  rankdir=LR;
  node [shape=box, style=rounded, fontname="Helvetica"];
  "h-target" [label="# Heading\n- item | *x* _y_ `z` ~s~ \\ back\n10 USD, 1 wk", penwidth=2, style="rounded,bold,filled", fillcolor="#fde9c4"];
  "h-ansi" [label="[31mred[0moverwrite2J\n75 USD, 2 wk"];
  "h-formula" [label="=cmd|' /C calc'!A0\n100 USD, 2 wk"];
  "h-link" [label="[link](javascript:alert(1))\n50 USD, 1 wk"];
  "h-markup" [label="<script>alert(1)</script>\n200 USD, 3 wk"];
  "h-formula" -> "h-link";
  "h-formula" -> "h-target" [label="1 of 2"];
  "h-markup" -> "h-target" [label="1 of 2"];
  "h-link" -> "h-target" [label="all"];
  "h-ansi" -> "h-target" [label="all"];
}
)dot");
}

TEST_CASE("hostile catalog: JSON escapes control characters and keeps every string exact") {
    const HostilePlan h;
    const std::string text = render_plan_json(h.view());
    CHECK_FALSE(has_terminal_controls(text.substr(0, text.find("\xc2\x9b"))));  // C0 escaped; C1 is JSON text
    CHECK(text.find(R"("title": "\u001b[31mred\u001b[0m\rover\bwrite)" "\xc2\x9b" R"(2J",)") != std::string::npos);
    CHECK(text.find(R"("title": "# Heading\n- item | *x* _y_ `z` ~s~ \\ back",)") != std::string::npos);
    const nlohmann::json json = nlohmann::json::parse(text);
    std::vector<std::string> titles;
    for (const auto& step : json["steps"]) titles.push_back(step["title"]);
    CHECK(titles == std::vector<std::string>{"\x1b[31mred\x1b[0m\rover\bwrite\xc2\x9b" "2J", "=cmd|' /C calc'!A0",
                                             "[link](javascript:alert(1))", "<script>alert(1)</script>",
                                             "# Heading\n- item | *x* _y_ `z` ~s~ \\ back"});
    CHECK(json["steps"][1]["provider"] == "+1");
    CHECK(json["credit_unit"] == "*units* <b>");
}

TEST_CASE("JSON: U+2028 and U+2029 pass as text; invalid UTF-8 becomes U+FFFD, never an exception") {
    HostilePlan h;
    Credential& formula = h.checked.catalog.credentials[*h.checked.catalog.find("h-formula")];
    formula.title = "line\xe2\x80\xa8sep\xe2\x80\xa9para";
    formula.provider = "bad \xff\xfe utf-8 \xc3";  // the loader refuses this; a printer must not crash on it
    std::string text;
    REQUIRE_NOTHROW(text = render_plan_json(h.view()));
    const nlohmann::json json = nlohmann::json::parse(text);
    CHECK(json["steps"][1]["title"] == "line\xe2\x80\xa8sep\xe2\x80\xa9para");
    CHECK(json["steps"][1]["provider"] == "bad \xef\xbf\xbd\xef\xbf\xbd utf-8 \xef\xbf\xbd");
}
