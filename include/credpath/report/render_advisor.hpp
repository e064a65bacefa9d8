// Printers of the advisor commands: explain, options, plan --alternatives and
// plan --pareto.
#pragma once

#include <string>
#include <vector>

#include "credpath/plan/explain.hpp"
#include "credpath/plan/options.hpp"
#include "credpath/report/render.hpp"

namespace credpath {


// ---- explain
struct ExplainView {
    const Catalog& catalog;
    const ExplainRequest& request;
    const Explanation& explanation;
    const Learner& learner;
};
std::string render_explain_text(const ExplainView& view, const Style& style);
std::string render_explain_json(const ExplainView& view);

// ---- options
struct OptionsView {
    const Catalog& catalog;
    const OptionsRequest& request;
    const OptionsResult& result;
    const Learner& learner;
};
std::string render_options_text(const OptionsView& view, const Style& style);
std::string render_options_json(const OptionsView& view);
std::string render_options_csv(const OptionsView& view);

// ---- several plans for one request: alternatives (best first) or the
// cost-weeks frontier (cheapest first)
struct PlanSetView {
    const Catalog& catalog;
    const DependencyGraph& graph;
    const PlanRequest& request;
    const std::vector<Plan>& plans;
    const Learner& learner;
};
std::string render_alternatives_text(const PlanSetView& view, const Style& style);
std::string render_alternatives_json(const PlanSetView& view);
std::string render_pareto_text(const PlanSetView& view, const Style& style);
std::string render_pareto_json(const PlanSetView& view);
// One self-contained, printable HTML page each, styled as the plan's page
// (render_html.cpp): the alternatives compared and side by side with what
// each swaps against the best; the frontier as a chart, a table and each
// point's steps.
std::string render_alternatives_html(const PlanSetView& view);
std::string render_pareto_html(const PlanSetView& view);
// The frontier as a small character plot (weeks across, cost up), for a terminal.
std::string render_pareto_plot(const PlanSetView& view, std::size_t width = 60, std::size_t height = 12);

}  // namespace credpath
