// credpath options: every qualification the learner could reach, with its
// cheapest and fastest plan, and what they can start today.
#include <chrono>
#include <fmt/format.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "credpath/browse.hpp"
#include "credpath/render_advisor.hpp"

namespace credpath::cli {

namespace {
struct OptionsOptions {
    std::vector<std::string> catalogs;
    LearnerOptions learner;
    std::vector<std::string> kinds;
    std::optional<double> max_cost;
    std::optional<double> max_weeks;
    std::string sort = "cost";
    std::vector<std::string> skills;
    std::string format = "text";
    double time_limit = 300;
    bool verbose = false;    std::string output;
};

int run_options(const OptionsOptions& options) {
    parse_as_of(options.learner.as_of);
    open_result_output(options.output, [&] { return learner_inputs(options.catalogs, options.learner); });
    OptionsRequest request;
    request.kinds = kinds_from_names(split_list(options.kinds));
    if (request.kinds.empty()) request.kinds = default_option_kinds();
    const auto start = std::chrono::steady_clock::now();
    const CheckedCatalog checked = load_valid_catalog(options.catalogs);
    const Catalog& catalog = checked.catalog;
    const Learner learner = resolve_learner(catalog, options.learner);
    request.held = learner.holdings.held;
    request.excluded = learner.holdings.excluded;
    request.max_cost = options.max_cost;
    request.max_weeks = options.max_weeks;
    request.sort = options.sort == "weeks"      ? OptionSort::Weeks
                   : options.sort == "progress" ? OptionSort::Progress
                                                : OptionSort::Cost;
    request.time_limit_seconds = options.time_limit;
    request.skills = resolve_skills(catalog, options.skills);
    const auto solve_start = std::chrono::steady_clock::now();
    const OptionsResult result = find_options(catalog, checked.graph, request);
    if (options.verbose) {
        using seconds = std::chrono::duration<double>;
        fmt::print(stderr, "credpath: load and check {:.3f} s ({} credentials); options {:.3f} s ({} candidates, {} "
                           "exact plans)\n",
                   seconds(solve_start - start).count(), catalog.credentials.size(),
                   seconds(std::chrono::steady_clock::now() - solve_start).count(), result.candidates,
                   result.solver_plans);
    }
    const OptionsView view{catalog, request, result, LearnerView{learner.holdings, learner.as_of, learner.name}};
    if (options.format == "json") write_result(render_options_json(view));
    else if (options.format == "csv") write_result(render_options_csv(view));
    else write_result(render_options_text(view, result_style()));
    return 0;
}
}  // namespace

void add_options(CLI::App& app, Action& action) {
    auto options = std::make_shared<OptionsOptions>();
    CLI::App* command = app.add_subcommand(
        "options", "List the qualifications the learner could reach, with the cost and weeks of each, and what to "
                   "start now");
    add_catalog_option(*command, options->catalogs);
    add_learner_options(*command, options->learner);
    command->add_option("--kind", options->kinds,
                        "Kinds to list (comma-separated; default: certificate,diploma,degree)");
    command->add_option("--max-cost", options->max_cost, "Only options with a plan within this total cost")
        ->check(non_negative_number);
    command->add_option("--max-weeks", options->max_weeks, "Only options with a plan within these weeks")
        ->check(non_negative_number);
    command->add_option("--sort", options->sort, "Order: cheapest cost, fastest weeks, or most progress first")
        ->check(CLI::IsMember({"cost", "weeks", "progress"}))
        ->capture_default_str();
    command->add_option("--skills", options->skills,
                        "Rank options by how many of these skills their cheapest route teaches (comma-separated)");
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    command->add_option("--time-limit", options->time_limit, "Seconds the solver may spend per solve")
        ->check(positive_number)
        ->capture_default_str();
    command->add_flag("-v,--verbose", options->verbose, "Print timings to standard error");
    add_output_option(*command, options->output);
    command->callback([options, &action] { action = [options] { return run_options(*options); }; });
}

}  // namespace credpath::cli
