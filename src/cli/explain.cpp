// credpath explain: the requirement tree of targets with the learner's status
// on every node and the cheapest way to meet each unmet one.
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "credpath/report/render_advisor.hpp"

namespace credpath::cli {

namespace {
struct ExplainOptions {
    RequestFlags request;
    std::string format;
    std::uint32_t depth = 64;
    std::string output;
};

int run_explain(const ExplainOptions& options, Context& context) {
    LearnerCommand command = start_learner_command(options.request, context, options.output);
    // Like a plan, an explanation needs only the cone of its targets and holdings.
    const CheckedCatalog checked = command.source.load_valid(request_scope(command.asked, command.profile));
    const ResolvedRequest resolved = command.resolve(checked.catalog, context, flag_names("explain"));
    // With work in progress: what is left of each begun credential.
    const Catalog& catalog = resolved.catalog_or(checked.catalog);

    ExplainRequest request;
    request.targets = resolved.plan.targets;
    request.held = resolved.learner.holdings.held;
    request.expired = resolved.learner.holdings.expired;
    request.excluded = resolved.learner.holdings.excluded;
    request.waived = resolved.learner.holdings.waived;
    request.substituted = resolved.learner.holdings.substituted;
    request.objective = resolved.plan.objective;
    request.time_limit_seconds = resolved.plan.time_limit_seconds;
    request.first_day = resolved.plan.first_day;
    request.max_depth = options.depth;
    for (const InProgressStep& step : resolved.learner.in_progress) request.in_progress.push_back(step.credential);
    const Explanation explanation = explain(catalog, resolved.graph_or(checked.graph), request);

    const ExplainView view{catalog, request, explanation, resolved.learner};
    context.output.write(options.format == "json" ? render_explain_json(view)
                                                  : render_explain_text(view, context.output.style()));
    return exit_code(ExitCode::Success);
}
}  // namespace

void add_explain(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<ExplainOptions>();
    CLI::App* command = app.add_subcommand(
        "explain", "Show what a target requires, what the learner has of it, and the cheapest way to each gap");
    command->add_option("target", options->request.targets, "Credential(s) to explain")->required()->type_name("ID");
    add_catalog_option(*command, context.catalog);
    add_learner_options(*command, options->request);
    add_objective_option(*command, options->request, "What the suggested ways to meet a gap minimise");
    command->add_option("--depth", options->depth, "Levels of credentials to expand below each target")
        ->type_name("N")
        ->check(positive_number())
        ->capture_default_str();
    add_format_option(*command, options->format, formats::explain);
    add_time_limit_option(*command, options->request, "Seconds the solver may spend per solve");
    add_output_option(*command, options->output, context);
    set_examples(*command, {"credpath explain dai-cert-ml --have dai-py-basics",
                            "credpath explain dai-cert-ml --minimize weeks",
                            "credpath explain dai-cert-ml --depth 1 --format json"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_explain(*options, context); };
    });
}

}  // namespace credpath::cli
