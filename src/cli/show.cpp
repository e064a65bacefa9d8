// credpath show: every field of credentials, their rules, what they stack into
// and who else teaches their skills.
#include <unistd.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "credpath/plan/browse.hpp"
#include "credpath/report/render_catalog.hpp"

namespace credpath::cli {

namespace {
struct ShowOptions {
    RequestFlags request;  // the ids to show are its targets
    std::string format;
    std::string output;
};

int run_show(const ShowOptions& options, Context& context) {
    LearnerCommand command = start_learner_command(options.request, context, options.output);
    const CheckedCatalog checked = command.source.load_valid();
    const Catalog& catalog = checked.catalog;
    const ResolvedRequest resolved = command.resolve(catalog, context, flag_names("show"));
    std::vector<CredentialDetails> details;
    for (std::uint32_t id : resolved.plan.targets) details.push_back(credential_details(catalog, checked.graph, id));
    const ShowView view{catalog, details, resolved.learner};
    context.output.write(options.format == "json" ? render_show_json(view)
                                                  : render_show_text(view, context.output.style()));
    return exit_code(ExitCode::Success);
}
}  // namespace

void add_show(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<ShowOptions>();
    CLI::App* command = app.add_subcommand(
        "show", "Show credentials in full: fields, rule, what they stack into, who else teaches their skills");
    command->add_option("ID", options->request.targets, "Credentials to show (ids, or comma-separated)")->required()->type_name("ID");
    add_catalog_option(*command, context.catalog);
    add_learner_options(*command, options->request, false);
    add_format_option(*command, options->format, formats::show);
    add_output_option(*command, options->output, context);
    set_examples(*command, {"credpath show dai-stats-applied", "credpath show dai-ml-fast dai-ml-fund --format json"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_show(*options, context); };
    });
}

}  // namespace credpath::cli
