// credpath analyze: curricular analytics for catalog authors (blocking and
// delay factors, centrality, structural complexity, lint), and a CI gate.
#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "credpath/plan/analyze.hpp"
#include "credpath/report/render_analyze.hpp"

namespace credpath::cli {

namespace {
struct AnalyzeOptions {
    std::vector<std::string> targets;
    std::optional<std::uint32_t> max_delay;
    std::optional<std::uint32_t> max_complexity;
    std::string format;
    std::string output;
};

int run_analyze(const AnalyzeOptions& options, Context& context) {
    CatalogSource source = catalog_source(context);
    context.output.open(options.output, [&] { return source.inputs(); });
    const CheckedCatalog checked = source.load_valid();
    const Catalog& catalog = checked.catalog;
    AnalyzeRequest request;
    request.targets = resolve_ids(catalog, options.targets, "-t");
    request.max_delay = options.max_delay;
    request.max_complexity = options.max_complexity;
    const Analysis analysis = analyze(catalog, checked.graph, request);
    const AnalyzeView view{catalog, analysis, request.targets.empty()};
    context.output.write(render_analyze(view, *format_from_string(options.format), context.output.style()));
    return exit_code(analysis.gate_failed() ? ExitCode::NoAnswer : ExitCode::Success);
}
}  // namespace

void add_analyze(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<AnalyzeOptions>();
    CLI::App* command = app.add_subcommand(
        "analyze", "Curricular analytics for catalog authors: blocking and delay factors, centrality, structural "
                   "complexity, rules that never work; a CI gate with --max-delay and --max-complexity");
    add_catalog_option(*command, context.catalog);
    command->add_option("-t,--target", options->targets,
                        "Analyse this qualification and what it draws on (repeatable, or comma-separated; default: "
                        "every certificate, diploma and degree of the whole catalog)")
        ->type_name("ID");
    command->add_option("--max-delay", options->max_delay,
                        "Fail (exit 1) when a credential's delay factor is above N")
        ->type_name("N");
    command->add_option("--max-complexity", options->max_complexity,
                        "Fail (exit 1) when a qualification's structural complexity is above N")
        ->type_name("N");
    add_format_option(*command, options->format, formats::analyze);
    add_output_option(*command, options->output, context);
    set_examples(*command, {"credpath analyze -c tests/data/analyze/example.yaml",
                            "credpath analyze -t dai-cert-ml --format markdown",
                            "credpath analyze -c catalogs --max-delay 10 --format github"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_analyze(*options, context); };
    });
}

}  // namespace credpath::cli
