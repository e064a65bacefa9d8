// credpath graph: the catalog, or the cone of targets, as Graphviz DOT or a
// Mermaid flowchart.
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "credpath/plan/browse.hpp"
#include "credpath/report/render_catalog.hpp"

namespace credpath::cli {

namespace {
struct GraphOptions {
    RequestFlags request;
    std::string format;
    std::string output;
};

int run_graph(const GraphOptions& options, Context& context) {
    LearnerCommand command = start_learner_command(options.request, context, options.output);
    const CheckedCatalog checked = command.source.load_valid();
    const Catalog& catalog = checked.catalog;
    const ResolvedRequest resolved = command.resolve(catalog, context, flag_names());
    const std::vector<std::uint32_t>& targets = resolved.plan.targets;
    const RuleDiagram diagram = rule_diagram(catalog, checked.graph, targets);
    const GraphView view{catalog, diagram, targets, resolved.learner};
    // Mermaid renderers (GitHub's among them) refuse more than 500 edges unless configured otherwise.
    constexpr std::size_t mermaid_max_edges = 500;
    if (options.format == "mermaid" && diagram.edges.size() > mermaid_max_edges)
        fmt::print(stderr,
                   "credpath: warning: the flowchart has {} edges; Mermaid draws at most {} unless its maxEdges "
                   "setting is raised: draw a part with -t ID\n",
                   diagram.edges.size(), mermaid_max_edges);
    context.output.write(options.format == "mermaid" ? render_graph_mermaid(view) : render_graph_dot(view));
    return exit_code(ExitCode::Success);
}
}  // namespace

void add_graph(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<GraphOptions>();
    CLI::App* command = app.add_subcommand(
        "graph", "Draw the catalog, or what targets draw on, with its rules as Graphviz DOT or Mermaid");
    add_catalog_option(*command, context.catalog);
    command->add_option("-t,--target", options->request.targets,
                        "Draw only this credential and what it draws on (repeatable, or comma-separated)")
        ->type_name("ID");
    add_learner_options(*command, options->request, false);
    add_format_option(*command, options->format, formats::graph);
    add_output_option(*command, options->output, context);
    set_examples(*command, {"credpath graph -t dai-cert-ml", "credpath graph -t dai-cert-ml --format mermaid"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_graph(*options, context); };
    });
}

}  // namespace credpath::cli
