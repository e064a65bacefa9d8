// credpath stats: what a catalog holds, counted.
#include <unistd.h>

#include "cli/cli.hpp"
#include "credpath/browse.hpp"
#include "credpath/render_catalog.hpp"

namespace credpath::cli {

namespace {
struct StatsOptions {
    std::vector<std::string> catalogs;
    LearnerOptions learner;
    std::string format = "text";    std::string output;
};

int run_stats(const StatsOptions& options) {
    parse_as_of(options.learner.as_of);
    open_result_output(options.output, [&] { return learner_inputs(options.catalogs, options.learner); });
    const CheckedCatalog checked = load_valid_catalog(options.catalogs);
    const Catalog& catalog = checked.catalog;
    const Learner learner = resolve_learner(catalog, options.learner);
    const CatalogStats stats = catalog_stats(catalog, checked.graph);
    const BrowseLearner browse{learner.holdings, !options.learner.have.empty() || !options.learner.profile.empty(),
                               learner.as_of, learner.name};
    const StatsView view{catalog, stats, browse};
    write_result(options.format == "json" ? render_stats_json(view) : render_stats_text(view, result_style()));
    return 0;
}
}  // namespace

void add_stats(CLI::App& app, Action& action) {
    auto options = std::make_shared<StatsOptions>();
    CLI::App* command = app.add_subcommand(
        "stats", "Count a catalog's credentials by kind and provider, its rule kinds, longest chain and most "
                 "required credentials");
    add_catalog_option(*command, options->catalogs);
    add_learner_options(*command, options->learner, false);
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    add_output_option(*command, options->output);
    command->callback([options, &action] { action = [options] { return run_stats(*options); }; });
}

}  // namespace credpath::cli
