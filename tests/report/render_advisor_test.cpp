// Printers of the advisor commands: the frontier plot and the swap lines.
#include <doctest/doctest.h>

#include "credpath/report/render_advisor.hpp"
#include "planner_fixtures.hpp"

using namespace credpath;
using namespace credpath::test;

namespace {
Fixture trade_off() {
    CatalogBuilder b;
    b.add("Slow").cost(100).weeks(20);
    b.add("Mid").cost(200).weeks(10);
    b.add("Fast").cost(400).weeks(2);
    b.add("Q").rule(any_of(refs({"Slow", "Mid", "Fast"})));
    return Fixture(b);
}
}  // namespace

TEST_CASE("render: the frontier table, swaps and plot") {
    const Fixture fx = trade_off();
    const PlanRequest request = fx.request({"Q"});
    const std::vector<Plan> plans = make_pareto(fx.catalog, fx.graph, request);
    REQUIRE(plans.size() == 3);
    const Learner nobody{{}, *parse_date("2026-01-01"), ""};
    const PlanSetView view{fx.catalog, fx.graph, request, plans, nobody};

    Style style;
    const std::string text = render_pareto_text(view, style);
    CHECK(text.find("3 plans on the frontier") != std::string::npos);
    CHECK(text.find("adds Mid; drops Slow") != std::string::npos);
    CHECK(text.find("cost (") == std::string::npos);  // no plot off a terminal

    style.terminal = true;
    const std::string plotted = render_pareto_text(view, style);
    CHECK(plotted.find("cost (USD)") != std::string::npos);

    const std::string plot = render_pareto_plot(view, 21, 5);
    // Cheapest (1) bottom right, fastest (3) top left.
    CHECK(plot == "    cost (USD)\n"
                  "400 |3\n"
                  "    |\n"
                  "    |\n"
                  "    |         2\n"
                  "100 |                    1\n"
                  "    +---------------------\n"
                  "     2            20 weeks\n");
}

TEST_CASE("render: alternatives say what they swap against the best") {
    const Fixture fx = trade_off();
    const PlanRequest request = fx.request({"Q"});
    const std::vector<Plan> plans = make_alternatives(fx.catalog, fx.graph, request, 2);
    REQUIRE(plans.size() == 2);
    const Learner nobody{{}, *parse_date("2026-01-01"), ""};
    const PlanSetView view{fx.catalog, fx.graph, request, plans, nobody};
    const std::string text = render_alternatives_text(view, Style{});
    CHECK(text.find("vs #1: +100 USD, -10 weeks; adds Mid; drops Slow") != std::string::npos);
    const std::string json = render_alternatives_json(view);
    CHECK(json.find("\"vs_best\"") != std::string::npos);
    CHECK(json.find("\"format\": \"credpath-alternatives/1\"") != std::string::npos);
}

TEST_CASE("render: plan sets say their counts in agreement, thousands grouped") {
    CatalogBuilder b;
    b.add("Long").cost(1500).hours(1168).weeks(1);
    b.add("Q").rule(ref("Long"));
    const Fixture fx(b);
    const PlanRequest request = fx.request({"Q"});
    const Learner nobody{{}, *parse_date("2026-01-01"), ""};
    const std::vector<Plan> one = make_alternatives(fx.catalog, fx.graph, request, 3);
    REQUIRE(one.size() == 1);
    const std::string alternatives = render_alternatives_text(PlanSetView{fx.catalog, fx.graph, request, one, nobody},
                                                              Style{});
    CHECK(alternatives.rfind("The best plan for Q (minimize cost)\n", 0) == 0);
    CHECK(alternatives.find("#1: 1,500 USD, 1 week, 1,168 hours, 2 steps\n") != std::string::npos);
    const std::vector<Plan> frontier = make_pareto(fx.catalog, fx.graph, request);
    REQUIRE(frontier.size() == 1);
    const std::string pareto = render_pareto_text(PlanSetView{fx.catalog, fx.graph, request, frontier, nobody}, Style{});
    CHECK(pareto.find("1 plan on the frontier:") != std::string::npos);
    CHECK(pareto.find("1,500      1  1,168      2  cheapest and fastest") != std::string::npos);
}
