// credpath options: every qualification the learner could reach, with its
// cheapest and fastest plan, and what they can start today.
#include <chrono>
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "cli/progress.hpp"
#include "credpath/plan/browse.hpp"
#include "credpath/report/render_advisor.hpp"

namespace credpath::cli {

namespace {
struct OptionsOptions {
    RequestFlags request;
    std::vector<std::string> kinds;
    std::string sort = "cost";
    std::string format;
    bool verbose = false;
    unsigned jobs = 0;
    std::string output;
};

int run_options(const OptionsOptions& options, Context& context) {
    LearnerCommand command = start_learner_command(options.request, context, options.output);
    OptionsRequest request;
    request.kinds = kinds_from_names(split_list(options.kinds));
    if (request.kinds.empty()) request.kinds = default_option_kinds();
    const auto start = std::chrono::steady_clock::now();
    const CheckedCatalog checked = command.source.load_valid();
    const ResolvedRequest resolved = command.resolve(checked.catalog, context, flag_names());
    const Catalog& catalog = resolved.catalog_or(checked.catalog);
    request.held = resolved.learner.holdings.met();
    request.excluded = resolved.learner.holdings.excluded;
    request.max_cost = resolved.plan.max_cost;
    request.max_weeks = resolved.plan.max_weeks;
    request.sort = value_in(kOptionSorts, options.sort).value_or(OptionSort::Cost);
    request.time_limit_seconds = resolved.plan.time_limit_seconds;
    request.first_day = resolved.plan.first_day;
    request.skills = resolved.skills;
    request.jobs = options.jobs;
    const auto solve_start = std::chrono::steady_clock::now();
    ProgressBar progress("options", progress_allowed(context.quiet));
    request.progress = progress.callback();
    const OptionsResult result = find_options(catalog, resolved.graph_or(checked.graph), request);
    progress.finish();
    if (options.verbose) {
        using seconds = std::chrono::duration<double>;
        fmt::print(stderr, "credpath: load and check {:.3f} s ({}); options {:.3f} s ({}, {})\n",
                   seconds(solve_start - start).count(), plural(catalog.credentials.size(), "credential", "credentials"),
                   seconds(std::chrono::steady_clock::now() - solve_start).count(),
                   plural(result.candidates, "candidate", "candidates"),
                   plural(result.solver_plans, "exact plan", "exact plans"));
    }
    const OptionsView view{catalog, request, result, resolved.learner};
    const Format format = *format_from_string(options.format);
    if (format == Format::Json) context.output.write(render_options_json(view));
    else if (format == Format::Csv) context.output.write(render_options_csv(view));
    else context.output.write(render_options_text(view, context.output.style()));
    return exit_code(ExitCode::Success);
}
}  // namespace

void add_options(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<OptionsOptions>();
    RequestFlags& request = options->request;
    CLI::App* command = app.add_subcommand(
        "options", "List the qualifications the learner could reach, with the cost and weeks of each, and what to "
                   "start now");
    add_catalog_option(*command, context.catalog);
    add_learner_options(*command, request);
    command->add_option("--kind", options->kinds,
                        "Kinds to list (comma-separated; default: certificate,diploma,degree)")
        ->type_name("KIND");
    command->add_option("--max-cost", request.max_cost, "Only options with a plan within this total cost")
        ->type_name("AMOUNT")
        ->check(non_negative_number());
    command->add_option("--max-weeks", request.max_weeks, "Only options with a plan within these weeks")
        ->type_name("WEEKS")
        ->check(non_negative_number());
    std::vector<std::string> sorts;
    for (std::string_view name : names_in(kOptionSorts)) sorts.emplace_back(name);
    command->add_option("--sort", options->sort, "Order: cheapest cost, fastest weeks, or most progress first")
        ->type_name("ORDER")
        ->check(CLI::IsMember(sorts))
        ->capture_default_str();
    command->add_option("--skills", request.skills,
                        "Rank options by how many of these skills their cheapest route teaches (comma-separated)")
        ->type_name("SKILL");
    add_format_option(*command, options->format, formats::options);
    add_time_limit_option(*command, request, "Seconds the solver may spend per solve");
    command->add_option("-j,--jobs", options->jobs, "Threads planning the candidates (default: the number of cores)")
        ->type_name("N")
        ->check(CLI::Range(1u, 1024u));
    command->add_flag("-v,--verbose", options->verbose, "Print timings to standard error");
    add_output_option(*command, options->output, context);
    set_examples(*command, {"credpath options --have dai-py-basics,dai-sql-basics --kind certificate",
                            "credpath options --have dai-py-basics --sort progress",
                            "credpath options --max-cost 1300 --format csv"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_options(*options, context); };
    });
}

}  // namespace credpath::cli
