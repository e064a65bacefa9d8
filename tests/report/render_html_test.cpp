// The HTML plan page and the Graphviz layout behind its pathway drawing.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <doctest/doctest.h>
#include <unistd.h>

#include "credpath/load/check.hpp"
#include "credpath/report/layout.hpp"
#include "credpath/load/loader.hpp"
#include "credpath/report/render.hpp"
#include "credpath/plan/schedule.hpp"
#include "plan_parts.hpp"
#include "planner_fixtures.hpp"
#include "test_support.hpp"

using namespace credpath;

namespace {

// Every string a catalog author controls tries to break out of the page.
const char* const hostile_catalog = R"yaml(
format: credpath/1
catalog:
  name: "<script>alert('catalog')</script>"
  credit_unit: "<b>units</b> & more"
credentials:
  - id: base
    title: "<script>alert(1)</script>"
    provider: 'A & B "q"'
    cost: 100
    hours: 20
    weeks: 4
    credits: 3
  - id: mid
    title: "A & B \"q\" 'x'"
    provider: "<img src=x onerror=alert(2)>"
    cost: 50
    weeks: 2
    requires: base
  - id: award
    title: "&amp; &lt;script&gt; \\N"
    requires: { all: [mid, held-one] }
  - id: held-one
    title: "</svg><script>alert(3)</script>"
  - id: gone
    title: "<iframe src='http://evil.example/'>"
    valid_for: 1y
)yaml";

struct Scenario {
    CheckedCatalog checked;
    PlanRequest request;
    Holdings holdings;
    Plan plan;

    std::uint32_t index(std::string_view id) const { return *checked.catalog.find(id); }

    explicit Scenario(const char* text, std::vector<std::string> targets = {"award"}) :
        checked(check_catalog(load_catalog_text(text, "hostile.yaml"))) {
        REQUIRE(checked.ok());
        for (const std::string& t : targets) request.targets.push_back(index(t));
        holdings.held = {index("held-one")};
        holdings.expired.push_back({index("gone"), *parse_date("2020-01-01"), *parse_date("2021-01-01")});
        request.held = holdings.held;
        request.time_limit_seconds = 60;
        plan = make_plan(checked.catalog, checked.graph, request);
    }

    mutable Learner learner;  // what view() refers to
    PlanView view(std::string name = "Ann <script>alert('learner')</script> & co") const {
        learner = Learner{holdings, *parse_date("2026-11-28"), std::move(name)};
        return PlanView{checked.catalog, checked.graph, request, plan, learner, std::nullopt, nullptr, {}};
    }
};

std::size_t count(const std::string& text, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

bool contains(const std::string& text, std::string_view what) { return text.find(what) != std::string::npos; }

// Nothing the page would fetch or run.
void check_self_contained(const std::string& page) {
    const std::string l = lower(page);
    CHECK_FALSE(contains(l, "<script"));
    CHECK_FALSE(contains(l, "<link"));
    CHECK_FALSE(contains(l, "<iframe"));
    CHECK_FALSE(contains(l, "<img"));
    CHECK_FALSE(contains(l, "src=\""));  // an attribute, not escaped text
    CHECK_FALSE(contains(l, "href=\""));
    CHECK_FALSE(contains(l, "url("));
    CHECK_FALSE(contains(l, "@import"));
    CHECK_FALSE(contains(l, "@font-face"));
    CHECK_FALSE(contains(l, "<?xml"));
    CHECK_FALSE(contains(l, "<!doctype svg"));
}

}  // namespace

TEST_CASE("html: a hostile catalog is escaped everywhere, the drawing included") {
    const Scenario s(hostile_catalog);
    REQUIRE(s.plan.feasible);
    REQUIRE(s.plan.steps.size() == 3);  // base, mid, award
    const std::string page = render_plan_html(s.view());
    check_self_contained(page);

    CHECK(contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(contains(page, "A &amp; B &quot;q&quot;"));
    CHECK(contains(page, "A &amp; B &quot;q&quot; &#39;x&#39;"));
    CHECK(contains(page, "&lt;img src=x onerror=alert(2)&gt;"));
    CHECK(contains(page, "&lt;/svg&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));
    CHECK(contains(page, "&lt;iframe src=&#39;http://evil.example/&#39;&gt;"));
    CHECK(contains(page, "Ann &lt;script&gt;alert(&#39;learner&#39;)&lt;/script&gt; &amp; co"));
    CHECK(contains(page, "catalog &lt;script&gt;alert(&#39;catalog&#39;)&lt;/script&gt;"));
    CHECK(contains(page, "&lt;b&gt;units&lt;/b&gt; &amp; more"));
    // Text that looks like an entity shows as written, in the table and in
    // Graphviz's drawing alike (Graphviz would leave "&amp;" unescaped).
    CHECK(count(page, "&amp;amp; &amp;lt;script&amp;gt; \\N") >= 2);

    // Titles appear in the Graphviz drawing, escaped by Graphviz.
    const std::size_t pathway = page.find("<section id=\"pathway\">");
    REQUIRE(pathway != std::string::npos);
    const std::string drawing = page.substr(pathway, page.find("</section>", pathway) - pathway);
    CHECK(contains(drawing, "<svg"));
    CHECK(contains(drawing, "class=\"node\""));
    CHECK(contains(drawing, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(contains(drawing, "A &amp; B &quot;q&quot; &#39;x&#39;"));
    CHECK(contains(drawing, "&lt;/svg&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));  // the held credential
    CHECK(count(page, "<svg") == 2);  // timeline and pathway
    CHECK(count(page, "</svg>") == 2);
}

TEST_CASE("html: the hostile fixture's strings are text in the table, the timeline and the Graphviz drawing") {
    const CheckedCatalog h = test::source_catalog("tests/data/hostile/hostile.yaml");
    PlanRequest request;
    request.targets = {*h.catalog.find("h-target")};
    request.time_limit_seconds = 60;
    const Plan plan = make_plan(h.catalog, h.graph, request);
    REQUIRE(plan.steps.size() == 5);
    const Learner nobody{{}, *parse_date("2026-01-01"), ""};
    const std::string page =
        render_plan_html(PlanView{h.catalog, h.graph, request, plan, nobody, std::nullopt, nullptr, {}});
    check_self_contained(page);
    CHECK_FALSE(contains(lower(page), "javascript:alert(1)\""));  // never an attribute value
    CHECK(std::none_of(page.begin(), page.end(), [](char c) {  // no control character but newline and tab
        return (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f;
    }));

    CHECK(contains(page, "<tr><td class=\"num\">1</td><td><code>h-ansi</code></td><td> [31mred [0m over write 2J</td>"
                         "<td>-2</td>"));
    CHECK(contains(page, "<td><code>h-formula</code></td><td>=cmd|&#39; /C calc&#39;!A0</td><td>+1</td>"));
    CHECK(contains(page, "<td><code>h-link</code></td><td>[link](javascript:alert(1))</td><td>\tTabbed provider</td>"));
    CHECK(contains(page, "<td><code>h-markup</code></td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"
                         "<td>&quot;quotes&quot; &amp; &#39;apostrophes&#39;</td>"));
    CHECK(contains(page, "<td><code>h-target</code></td><td># Heading\n- item | *x* _y_ `z` ~s~ \\ back</td>"
                         "<td>@SUM(1)</td>"));
    CHECK(contains(page, "catalog &lt;script&gt;alert(&#39;catalog&#39;)&lt;/script&gt; | =1+1</p>"));
    CHECK(contains(page, "<title>h-markup: &lt;script&gt;alert(1)&lt;/script&gt;: weeks 0-3</title>"));  // timeline

    const std::size_t pathway = page.find("<section id=\"pathway\">");
    REQUIRE(pathway != std::string::npos);
    const std::string drawing = page.substr(pathway, page.find("</section>", pathway) - pathway);
    CHECK(contains(drawing, ">&lt;script&gt;alert(1)&lt;/script&gt;</text>"));
    CHECK(contains(drawing, ">=cmd|&#39; /C calc&#39;!A0</text>"));
    CHECK(contains(drawing, ">[link](javascript:alert(1))</text>"));
    CHECK(contains(drawing, ">[31mred[0moverwrite2J</text>"));
    CHECK(contains(drawing, ">&#45; item | *x* _y_ `z` ~s~ \\ back</text>"));
}

TEST_CASE("html: the page's structure") {
    const Scenario s(hostile_catalog);
    const std::string page = render_plan_html(s.view(""));
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK(page.size() >= 8);
    CHECK(page.substr(page.size() - 8) == "</html>\n");
    CHECK(contains(page, "<meta charset=\"utf-8\">"));
    CHECK(contains(page, "<h1>Credential plan</h1>"));
    CHECK(contains(page, "@media print"));
    CHECK(contains(page, "<dt>As of</dt><dd>2026-11-28</dd>"));
    CHECK(contains(page, "<dt>Objective</dt><dd>minimize cost</dd>"));
    CHECK(contains(page, "<dt>Limits</dt><dd>none</dd>"));
    CHECK(contains(page, "<span class=\"optimal\">optimal</span>"));
    // Totals with their units.
    CHECK(contains(page, "<span class=\"value\">150 USD</span><span class=\"label\">cost</span>"));
    CHECK(contains(page, "<span class=\"value\">20</span><span class=\"label\">study hours</span>"));
    CHECK(contains(page, "<span class=\"value\">6</span><span class=\"label\">weeks to finish</span>"));
    CHECK(contains(page, "<span class=\"value\">3</span><span class=\"label\">&lt;b&gt;units&lt;/b&gt; &amp; more</span>"));
    CHECK(contains(page, "<span class=\"value\">3</span><span class=\"label\">steps</span>"));
    // The step table: the text output's columns, a row per step in order.
    CHECK(contains(page, "<th class=\"num\">#</th><th>id</th><th>title</th><th>provider</th><th class=\"num\">weeks</th>"
                         "<th class=\"num\">cost (USD)</th><th class=\"num\">hours</th>"));
    CHECK(count(page, "<tr><td class=\"num\">") + count(page, "<tr class=\"target\"><td class=\"num\">") == 3);
    const std::size_t base = page.find("<td><code>base</code></td>");
    const std::size_t mid = page.find("<td><code>mid</code></td>");
    const std::size_t award = page.find("<tr class=\"target\"><td class=\"num\">3</td><td><code>award</code></td>");
    CHECK(base < mid);
    CHECK(mid < award);
    CHECK(award != std::string::npos);
    CHECK(contains(page, "<td class=\"num\">0-4</td>"));
    CHECK(contains(page, "<td>(target)</td></tr>"));
    CHECK(contains(page, "<td>award</td></tr>"));  // mid unlocks award
    // No dates without a start date.
    CHECK_FALSE(contains(page, "<th>starts</th>"));
    CHECK(contains(page, "weeks from the start"));
    // Held and expired credentials.
    CHECK(contains(page, "<h2>Held credentials</h2>"));
    CHECK(contains(page, "<li><code>held-one</code> "));
    CHECK(contains(page, "<h2>Expired credentials</h2>"));
    CHECK(contains(page, "(earned 2020-01-01, expired 2021-01-01)"));
    // The pathway: the steps, the held credential they rely on, rule labels.
    CHECK(contains(page, "<title>base</title>"));
    CHECK(contains(page, "<title>held&#45;one</title>"));
    CHECK(contains(page, "<title>held&#45;one&#45;&gt;award</title>"));
    CHECK(contains(page, ">all</text>"));
    // The same plan gives the same bytes.
    CHECK(page == render_plan_html(s.view("")));
    CHECK(render_plan(s.view(""), *format_from_string("html"), Style{}) == page);
}

TEST_CASE("html: a wallet's badges that match no credential are listed, escaped") {
    Scenario s(hostile_catalog);
    CHECK_FALSE(contains(render_plan_html(s.view()), "Badges not in the catalog"));
    s.holdings.unmatched_badges.push_back({"urn:x:<b>", "<script>alert('badge')</script>", "w.json:1:1"});
    const std::string page = render_plan_html(s.view());
    CHECK(contains(page, "<h2>Badges not in the catalog</h2>"));
    CHECK(contains(page, "<li>&lt;script&gt;alert(&#39;badge&#39;)&lt;/script&gt; <code>urn:x:&lt;b&gt;</code></li>"));
}

TEST_CASE("html: with a start date the table and the timeline show dates") {
    const Scenario s(hostile_catalog);
    PlanView view = s.view();
    view.start = *parse_date("2027-01-04");
    const std::string page = render_plan_html(view);
    CHECK(contains(page, "<dt>Start</dt><dd>2027-01-04</dd>"));
    CHECK(contains(page, "<dt>Done by</dt><dd>2027-02-15</dd>"));
    CHECK(contains(page, "<th>starts</th><th>finishes</th>"));
    CHECK(contains(page, "<td class=\"date\">2027-01-04</td><td class=\"date\">2027-02-01</td>"));  // base: weeks 0-4
    CHECK(contains(page, "date (weeks from 2027-01-04)"));
    CHECK(contains(page, "weeks 0-4, 2027-01-04 to 2027-02-01"));
}

TEST_CASE("html: under a weekly capacity the weeks and dates are the schedule's") {
    const Scenario s(hostile_catalog);
    const CapacitySchedule schedule = schedule_with_capacity(s.checked.catalog, s.request.held, s.plan, 2, std::nullopt);
    PlanView view = s.view();
    view.start = *parse_date("2027-01-04");
    view.schedule = &schedule;
    view.schedule_note = "a <note>";
    const std::string page = render_plan_html(view);
    CHECK(contains(page, "<th class=\"num\">weeks at 2 h/week</th>"));
    // base: 20 hours at 2 a week take 10 weeks, not its own 4.
    CHECK(contains(page, "<td class=\"num\">0-10</td><td class=\"date\">2027-01-04</td><td class=\"date\">2027-03-15</td>"));
    CHECK(contains(page, "Scheduled at 2 study hours a week from 2027-01-04"));
    CHECK(contains(page, "<p class=\"note\">a &lt;note&gt;</p>"));
    CHECK(contains(page, "<title>base: &lt;script&gt;alert(1)&lt;/script&gt;: weeks 0-10, 2027-01-04 to 2027-03-15</title>"));
}

TEST_CASE("html: an infeasible plan gets a page with the reason") {
    Scenario s(hostile_catalog);
    s.request.max_cost = 10;
    s.plan = make_plan(s.checked.catalog, s.checked.graph, s.request);
    REQUIRE_FALSE(s.plan.feasible);
    const std::string page = render_plan_html(s.view());
    check_self_contained(page);
    CHECK(contains(page, "<h2>No plan</h2>"));
    CHECK(contains(page, "<p class=\"infeasible\">" + render_detail::html_escape(s.plan.reason) + "</p>"));
    CHECK(contains(page, "no plan meets the request"));
    CHECK(contains(page, "<dt>Limits</dt><dd>cost at most 10 USD</dd>"));
    CHECK_FALSE(contains(page, "<table"));
    CHECK_FALSE(contains(page, "<svg"));
    CHECK(contains(page, "<h2>Held credentials</h2>"));
    CHECK(page.substr(page.size() - 8) == "</html>\n");
}

TEST_CASE("html: every target already held") {
    Scenario s(hostile_catalog, {"held-one"});
    REQUIRE(s.plan.feasible);
    REQUIRE(s.plan.steps.empty());
    const std::string page = render_plan_html(s.view());
    CHECK(contains(page, "Every target is already held: nothing to add."));
    CHECK_FALSE(contains(page, "<svg"));
}

TEST_CASE("html: the timeline") {
    using render_detail::TimelineBar;
    const std::vector<TimelineBar> bars{{"1 a<b", "a<b: \"A\"", 0, 10, false},
                                        {"2 award", "award", 10, 10, true}};
    const std::string svg = render_detail::timeline_svg(bars, std::nullopt);
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.substr(svg.size() - 6) == "</svg>");
    CHECK(contains(svg, ">1 a&lt;b</text>"));
    CHECK(contains(svg, "<title>a&lt;b: &quot;A&quot;: weeks 0-10</title>"));
    CHECK(count(svg, "rx=\"3\"") == 1);    // one bar
    CHECK(count(svg, "<path d=\"M") == 1);  // the zero-week award as a diamond
    CHECK(contains(svg, ">weeks from the start</text>"));
    CHECK(contains(svg, ">10</text>"));  // an axis label

    const std::string dated = render_detail::timeline_svg(bars, parse_date("2026-01-05"));
    CHECK(contains(dated, ">2026-01-05</text>"));
    CHECK(contains(dated, "weeks 0-10, 2026-01-05 to 2026-03-16"));
    CHECK(contains(dated, ">date (weeks from 2026-01-05)</text>"));
}

TEST_CASE("layout: Graphviz lays out DOT as bare SVG") {
    const std::string dot = "digraph g { rankdir=LR; a [label=\"A & B <c>\"]; a -> b [label=\"2 of 3\"]; }";
    const SvgDrawing drawing = layout_svg(dot);
    REQUIRE(drawing.ok());
    CHECK(drawing.error.empty());
    CHECK(drawing.svg.rfind("<svg ", 0) == 0);
    CHECK(drawing.svg.substr(drawing.svg.size() - 6) == "</svg>");
    CHECK_FALSE(contains(drawing.svg, "<?xml"));
    CHECK_FALSE(contains(drawing.svg, "DOCTYPE"));
    CHECK_FALSE(contains(drawing.svg, "Generated by"));
    CHECK(contains(drawing.svg, ">A &amp; B &lt;c&gt;</text>"));
    CHECK(contains(drawing.svg, ">2 of 3</text>"));
    CHECK(layout_svg(dot).svg == drawing.svg);  // deterministic
}

TEST_CASE("layout: a Graphviz failure is a value, and stderr stays quiet") {
    // Capture file descriptor 2 while Graphviz reads bad input.
    std::FILE* capture = std::tmpfile();
    REQUIRE(capture);
    std::fflush(stderr);
    const int saved = dup(STDERR_FILENO);
    dup2(fileno(capture), STDERR_FILENO);
    const SvgDrawing broken = layout_svg("digraph { a -> ; }");
    const SvgDrawing latin = layout_svg("digraph { a [label=\"\xff\xfe\"]; }");  // not UTF-8: a warning
    std::fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    const long written = std::ftell(capture);
    std::fclose(capture);

    CHECK_FALSE(broken.ok());
    CHECK(contains(broken.error, "syntax error"));
    CHECK(latin.ok());
    CHECK(written == 0);
}

// ---------------------------------------------------------------- plan sets

namespace {

// Three ways to Q, each dearer and faster than the one before; markup in a
// title and the catalog's name.
test::Fixture thousands_trade_off() {
    test::CatalogBuilder b;
    b.add("Slow").cost(1000).hours(1200).weeks(20);
    b.add("Mid").cost(2500).hours(400).weeks(10);
    b.add("Fast").cost(12000).hours(100).weeks(1);
    b.add("Q").rule(test::any_of(test::refs({"Slow", "Mid", "Fast"})));
    test::Fixture fx(b);
    fx.catalog.credentials[fx.index("Mid")].title = "<script>alert('mid')</script> & co";
    fx.catalog.name = "<b>Catalog</b>";
    return fx;
}

}  // namespace

TEST_CASE("html: alternatives side by side, with what each swaps against the best") {
    const test::Fixture fx = thousands_trade_off();
    const PlanRequest request = fx.request({"Q"});
    const std::vector<Plan> plans = make_alternatives(fx.catalog, fx.graph, request, 3);
    REQUIRE(plans.size() == 3);
    const Learner learner{{}, *parse_date("2026-01-01"), "Ann <script>"};
    const std::string page = render_alternatives_html(PlanSetView{fx.catalog, fx.graph, request, plans, learner});
    check_self_contained(page);
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK(contains(page, "<title>Alternative plans for Ann &lt;script&gt;: Q</title>"));
    CHECK(contains(page, "catalog &lt;b&gt;Catalog&lt;/b&gt;"));
    CHECK(contains(page, "<dt>Result</dt><dd>the 3 best plans, best first</dd>"));
    CHECK(count(page, "<article class=\"plan\"") == 3);
    // The comparison: the best, then the deltas and swaps with separators.
    CHECK(contains(page, "<tr class=\"best\"><td class=\"num\">#1</td><td class=\"num\">1,000</td>"
                         "<td class=\"num\">20</td><td class=\"num\">1,200</td><td class=\"num\">2</td>"
                         "<td class=\"change\">best</td></tr>"));
    CHECK(contains(page, "+1,500 USD, -10 weeks; adds <code>Mid</code>; drops <code>Slow</code>"));
    CHECK(contains(page, "+11,000 USD, -19 weeks; adds <code>Fast</code>; drops <code>Slow</code>"));
    // Side by side: the new step highlighted and tagged, the dropped one struck through.
    CHECK(contains(page, "<li class=\"added\"><code>Mid</code> &lt;script&gt;alert(&#39;mid&#39;)&lt;/script&gt; "
                         "&amp; co<span class=\"tag\">not in #1</span>"));
    CHECK(contains(page, "<p class=\"drops\">Instead of <del class=\"dropped\"><code>Slow</code></del></p>"));
    CHECK(contains(page, "<strong>1,000 USD</strong> &middot; 20 weeks &middot; 1,200 hours &middot; 2 steps"));
    CHECK(contains(page, "weeks 0-1 &middot; 12,000 USD &middot; 100 hours"));
    CHECK(count(page, "class=\"added\"") == 2);  // Mid in #2, Fast in #3; nothing in #1
    // Columns that stack on a narrow screen and keep whole on paper.
    CHECK(contains(page, "grid-template-columns: repeat(auto-fit, minmax(min(18rem, 100%), 1fr))"));
    CHECK(contains(page, "article.plan { break-inside: avoid;"));
    CHECK(page == render_alternatives_html(PlanSetView{fx.catalog, fx.graph, request, plans, learner}));
}

TEST_CASE("html: one alternative, and none") {
    const test::Fixture fx = thousands_trade_off();
    const PlanRequest request = fx.request({"Q"});
    const Learner nobody{{}, *parse_date("2026-01-01"), ""};
    const std::vector<Plan> one = make_alternatives(fx.catalog, fx.graph, request, 1);
    const std::string page = render_alternatives_html(PlanSetView{fx.catalog, fx.graph, request, one, nobody});
    CHECK(contains(page, "<dt>Result</dt><dd>the best plan</dd>"));
    CHECK(contains(page, "<h3>#1: the best</h3>"));
    CHECK_FALSE(contains(page, "not in #1</span>"));
    const std::vector<Plan> none;
    const std::string empty = render_alternatives_html(PlanSetView{fx.catalog, fx.graph, request, none, nobody});
    CHECK(contains(empty, "<p class=\"infeasible\">No plan meets the limits.</p>"));
    CHECK_FALSE(contains(empty, "<article"));
}

TEST_CASE("html: the frontier as a chart, a table and each point's steps") {
    const test::Fixture fx = thousands_trade_off();
    const PlanRequest request = fx.request({"Q"});
    const std::vector<Plan> plans = make_pareto(fx.catalog, fx.graph, request);
    REQUIRE(plans.size() == 3);
    const Learner nobody{{}, *parse_date("2026-01-01"), ""};
    const std::string page = render_pareto_html(PlanSetView{fx.catalog, fx.graph, request, plans, nobody});
    check_self_contained(page);
    CHECK(contains(page, "<dt>Result</dt><dd>3 plans on the frontier: no plan is both cheaper and faster than any "
                         "of them</dd>"));
    CHECK(count(page, "<circle ") == 3);
    CHECK(contains(page, "<title>#3: 12,000 USD, 1 week, 2 steps</title>"));
    CHECK(contains(page, ">cost (USD)</text>"));
    CHECK(contains(page, ">10,000</text>"));  // a cost tick with its separator
    // The table: what each point changes from the one before.
    CHECK(contains(page, "<td class=\"num\">1</td><td class=\"num\">1,000</td><td class=\"num\">20</td>"
                         "<td class=\"num\">1,200</td><td class=\"num\">2</td><td>cheapest</td>"));
    CHECK(contains(page, "<td>adds <code>Fast</code>; drops <code>Mid</code> (fastest)</td>"));
    // Each point's plan as a step table.
    CHECK(count(page, "<section class=\"plan\" id=\"plan-") == 3);
    CHECK(count(page, "<table class=\"steps\">") == 3);
    CHECK(contains(page, "<h3>#3: 12,000 USD, 1 week</h3>"));
    CHECK(contains(page, "&lt;script&gt;alert(&#39;mid&#39;)&lt;/script&gt; &amp; co"));
}

TEST_CASE("html: a frontier cut short by the time limit says so") {
    const test::Fixture fx = thousands_trade_off();
    const PlanRequest request = fx.request({"Q"});
    std::vector<Plan> plans = make_pareto(fx.catalog, fx.graph, request);
    plans.resize(1);
    Plan stopped;
    stopped.reason = "the search stopped at its time limit <60 s>";
    plans.push_back(stopped);
    const Learner nobody{{}, *parse_date("2026-01-01"), ""};
    const std::string page = render_pareto_html(PlanSetView{fx.catalog, fx.graph, request, plans, nobody});
    CHECK(contains(page, "<p class=\"note\">The frontier may be incomplete: the search stopped at its time limit "
                         "&lt;60 s&gt;</p>"));
    CHECK(contains(page, "<dd>1 plan on the frontier: "));
    CHECK(count(page, "<circle ") == 1);
    CHECK(contains(page, "<td>cheapest and fastest</td>"));
}

TEST_CASE("html: frontier axes take round steps around the points") {
    using render_detail::axis_ticks;
    const render_detail::AxisTicks cost = axis_ticks(7617, 8056, 6);
    CHECK(cost.step == doctest::Approx(100));
    CHECK(cost.first == doctest::Approx(7500));
    CHECK(cost.last == doctest::Approx(8100));
    const render_detail::AxisTicks weeks = axis_ticks(16, 28, 8);
    CHECK(weeks.step == doctest::Approx(2));
    CHECK(weeks.first == doctest::Approx(14));
    CHECK(weeks.last == doctest::Approx(30));
    // One point: a range around it; never below zero for values that are not.
    const render_detail::AxisTicks single = axis_ticks(0, 0, 8);
    CHECK(single.first == 0);
    CHECK(single.last > 0);
    const render_detail::AxisTicks alone = axis_ticks(5000, 5000, 6);
    CHECK(alone.first < 5000);
    CHECK(alone.last > 5000);
}

TEST_CASE("html: the frontier's step line runs level from each plan to the next slower one") {
    const std::vector<render_detail::FrontierPoint> points{
        {"#1", "cheapest", 20, 1000}, {"#2", "middle", 10, 2000}, {"#3", "fastest", 0, 3000}};
    const std::string svg = render_detail::frontier_svg(points, "E<U>R");
    CHECK(svg.rfind("<svg ", 0) == 0);
    CHECK(contains(svg, "aria-label=\"Cost against weeks of the 3 plans on the frontier\""));
    CHECK(contains(svg, ">cost (E&lt;U&gt;R)</text>"));
    // Weeks 0..25 by 5 and cost 500..3,500 by 500 over a 640 x 324 plot at (90, 20):
    // from the fastest (0 weeks, 3,000) level to 10 weeks, down to its cost,
    // and so on; level after the slowest to the edge.
    CHECK(contains(svg, "<path d=\"M90.0 74.0H346.0V182.0H602.0V290.0H730.0\""));
    CHECK(contains(svg, ">3,500</text>"));
    CHECK(contains(svg, ">25</text>"));
    CHECK(svg == render_detail::frontier_svg(points, "E<U>R"));
}
