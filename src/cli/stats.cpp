// credpath stats: what a catalog holds, counted.
#include <unistd.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "credpath/plan/browse.hpp"
#include "credpath/report/render_catalog.hpp"

namespace credpath::cli {

namespace {
struct StatsOptions {
    RequestFlags request;
    std::string format;
    std::string output;
};

int run_stats(const StatsOptions& options, Context& context) {
    LearnerCommand command = start_learner_command(options.request, context, options.output);
    const CheckedCatalog checked = command.source.load_valid();
    const Catalog& catalog = checked.catalog;
    const ResolvedRequest resolved = command.resolve(catalog, context, flag_names());
    const CatalogStats stats = catalog_stats(catalog, checked.graph);
    const StatsView view{catalog, stats, resolved.learner};
    context.output.write(options.format == "json" ? render_stats_json(view)
                                                  : render_stats_text(view, context.output.style()));
    return exit_code(ExitCode::Success);
}
}  // namespace

void add_stats(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<StatsOptions>();
    CLI::App* command = app.add_subcommand(
        "stats", "Count a catalog's credentials by kind and provider, its rule kinds, longest chain and most "
                 "required credentials");
    add_catalog_option(*command, context.catalog);
    add_learner_options(*command, options->request, false);
    add_format_option(*command, options->format, formats::stats);
    add_output_option(*command, options->output, context);
    set_examples(*command, {"credpath stats", "credpath stats -c catalogs --format json"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_stats(*options, context); };
    });
}

}  // namespace credpath::cli
