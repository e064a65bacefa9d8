// credpath show: every field of credentials, their rules, what they stack into
// and who else teaches their skills.
#include <unistd.h>

#include "cli/cli.hpp"
#include "credpath/browse.hpp"
#include "credpath/render_catalog.hpp"

namespace credpath::cli {

namespace {
struct ShowOptions {
    std::vector<std::string> catalogs;
    std::vector<std::string> ids;
    LearnerOptions learner;
    std::string format = "text";    std::string output;
};

int run_show(const ShowOptions& options) {
    parse_as_of(options.learner.as_of);  // a bad date fails before the catalog loads
    open_result_output(options.output, [&] { return learner_inputs(options.catalogs, options.learner); });
    const CheckedCatalog checked = load_valid_catalog(options.catalogs);
    const Catalog& catalog = checked.catalog;
    const std::vector<std::uint32_t> ids = resolve_ids(catalog, options.ids, "show");
    const Learner learner = resolve_learner(catalog, options.learner);
    std::vector<CredentialDetails> details;
    for (std::uint32_t id : ids) details.push_back(credential_details(catalog, checked.graph, id));
    const BrowseLearner browse{learner.holdings, !options.learner.have.empty() || !options.learner.profile.empty(),
                               learner.as_of, learner.name};
    const ShowView view{catalog, details, browse};
    write_result(options.format == "json" ? render_show_json(view) : render_show_text(view, result_style()));
    return 0;
}
}  // namespace

void add_show(CLI::App& app, Action& action) {
    auto options = std::make_shared<ShowOptions>();
    CLI::App* command = app.add_subcommand(
        "show", "Show credentials in full: fields, rule, what they stack into, who else teaches their skills");
    command->add_option("ID", options->ids, "Credentials to show (ids, or comma-separated)")->required();
    add_catalog_option(*command, options->catalogs);
    add_learner_options(*command, options->learner, false);
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    add_output_option(*command, options->output);
    command->callback([options, &action] { action = [options] { return run_show(*options); }; });
}

}  // namespace credpath::cli
