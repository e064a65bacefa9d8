// credpath stats: what a catalog holds, counted.
#include <unistd.h>

#include "cli/cli.hpp"
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
    const Request asked = request_from_flags(options.request);  // a bad date fails before the catalog loads
    CatalogSource source = catalog_source(context);
    context.output.open(options.output, [&] {
        std::vector<std::string> inputs = source.inputs();
        if (!asked.profile.empty()) inputs.push_back(asked.profile);
        return inputs;
    });
    const ProfileRead profile = read_request_profile(asked, context);
    const CheckedCatalog checked = source.load_valid();
    const Catalog& catalog = checked.catalog;
    const ResolvedRequest resolved = resolve_for_command(catalog, asked, context, flag_names(), profile);
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
    add_output_option(*command, options->output);
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_stats(*options, context); };
    });
}

}  // namespace credpath::cli
