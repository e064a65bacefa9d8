// credpath explain: the requirement tree of targets with the learner's status
// on every node and the cheapest way to meet each unmet one.
#include <fmt/format.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "credpath/render_advisor.hpp"

namespace credpath::cli {

namespace {
struct ExplainOptions {
    std::vector<std::string> catalogs;
    std::vector<std::string> targets;
    LearnerOptions learner;
    std::string minimize = "cost";
    std::string format = "text";
    std::uint32_t depth = 64;
    double time_limit = 300;    std::string output;
};

int run_explain(const ExplainOptions& options) {
    parse_as_of(options.learner.as_of);  // a bad date fails before the catalog loads
    open_result_output(options.output, [&] { return learner_inputs(options.catalogs, options.learner); });
    // Like a plan, an explanation needs only the cone of its targets and holdings.
    const CheckedCatalog checked = load_valid_catalog(options.catalogs, plan_scope(options.learner, options.targets, {}));
    const Catalog& catalog = checked.catalog;
    const Learner learner = resolve_learner(catalog, options.learner);

    ExplainRequest request;
    request.targets = resolve_ids(catalog, options.targets, "explain");
    request.held = learner.holdings.held;
    request.expired = learner.holdings.expired;
    request.excluded = learner.holdings.excluded;
    request.objective = *objective_from_string(options.minimize);
    request.time_limit_seconds = options.time_limit;
    request.max_depth = options.depth;
    const Explanation explanation = explain(catalog, checked.graph, request);

    const ExplainView view{catalog, request, explanation, LearnerView{learner.holdings, learner.as_of, learner.name}};
    write_result(options.format == "json" ? render_explain_json(view)
                                          : render_explain_text(view, result_style()));
    return 0;
}
}  // namespace

void add_explain(CLI::App& app, Action& action) {
    auto options = std::make_shared<ExplainOptions>();
    CLI::App* command = app.add_subcommand(
        "explain", "Show what a target requires, what the learner has of it, and the cheapest way to each gap");
    command->add_option("target", options->targets, "Credential(s) to explain")->required();
    add_catalog_option(*command, options->catalogs);
    add_learner_options(*command, options->learner);
    command->add_option("--minimize", options->minimize, "What the suggested ways to meet a gap minimise")
        ->check(CLI::IsMember({"cost", "hours", "count", "weeks"}))
        ->capture_default_str();
    command->add_option("--depth", options->depth, "Levels of credentials to expand below each target")
        ->check(positive_number)
        ->capture_default_str();
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    command->add_option("--time-limit", options->time_limit, "Seconds the solver may spend per solve")
        ->check(positive_number)
        ->capture_default_str();
    add_output_option(*command, options->output);
    command->callback([options, &action] { action = [options] { return run_explain(*options); }; });
}

}  // namespace credpath::cli
