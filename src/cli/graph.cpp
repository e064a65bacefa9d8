// credpath graph: the catalog, or the cone of targets, as Graphviz DOT or a
// Mermaid flowchart.
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "credpath/browse.hpp"
#include "credpath/render_catalog.hpp"

namespace credpath::cli {

namespace {
struct GraphOptions {
    std::vector<std::string> catalogs;
    std::vector<std::string> targets;
    LearnerOptions learner;
    std::string format = "dot";    std::string output;
};

int run_graph(const GraphOptions& options) {
    parse_as_of(options.learner.as_of);
    open_result_output(options.output, [&] { return learner_inputs(options.catalogs, options.learner); });
    const CheckedCatalog checked = load_valid_catalog(options.catalogs);
    const Catalog& catalog = checked.catalog;
    const std::vector<std::uint32_t> targets = resolve_ids(catalog, options.targets, "-t");
    const Learner learner = resolve_learner(catalog, options.learner);
    const RuleDiagram diagram = rule_diagram(catalog, checked.graph, targets);
    const BrowseLearner browse{learner.holdings, !options.learner.have.empty() || !options.learner.profile.empty(),
                               learner.as_of, learner.name};
    const GraphView view{catalog, diagram, targets, browse};
    // Mermaid renderers (GitHub's among them) refuse more than 500 edges unless configured otherwise.
    constexpr std::size_t mermaid_max_edges = 500;
    if (options.format == "mermaid" && diagram.edges.size() > mermaid_max_edges)
        fmt::print(stderr,
                   "credpath: warning: the flowchart has {} edges; Mermaid draws at most {} unless its maxEdges "
                   "setting is raised: draw a part with -t ID\n",
                   diagram.edges.size(), mermaid_max_edges);
    write_result(options.format == "mermaid" ? render_graph_mermaid(view) : render_graph_dot(view));
    return 0;
}
}  // namespace

void add_graph(CLI::App& app, Action& action) {
    auto options = std::make_shared<GraphOptions>();
    CLI::App* command = app.add_subcommand(
        "graph", "Draw the catalog, or what targets draw on, with its rules as Graphviz DOT or Mermaid");
    add_catalog_option(*command, options->catalogs);
    command->add_option("-t,--target", options->targets,
                        "Draw only this credential and what it draws on (repeatable, or comma-separated)");
    add_learner_options(*command, options->learner, false);
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"dot", "mermaid"}))
        ->capture_default_str();
    add_output_option(*command, options->output);
    command->callback([options, &action] { action = [options] { return run_graph(*options); }; });
}

}  // namespace credpath::cli
