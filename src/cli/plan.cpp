// credpath plan: the optimal set of credentials to add to reach the targets.
#include <algorithm>
#include <chrono>
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/progress.hpp"
#include "credpath/plan/answer.hpp"
#include "credpath/report/render_advisor.hpp"

namespace credpath::cli {

namespace {
struct PlanOptions {
    RequestFlags request;
    std::string format;
    std::size_t alternatives = 0;
    bool pareto = false;
    bool verbose = false;
    std::string output;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --alternatives K and --pareto: several plans for one request.
int run_plan_set(const PlanOptions& options, Context& context, const CheckedCatalog& checked,
                 const ResolvedRequest& request) {
    const auto& allowed = formats::plan_set;
    if (std::find(allowed.begin(), allowed.end(), *format_from_string(options.format)) == allowed.end())
        throw InputError{fmt::format("--{} writes text or json, not {}", options.pareto ? "pareto" : "alternatives",
                                     options.format),
                         {}};
    if (options.alternatives > 0 && request.asked.renew.value_or(false))
        throw InputError{"--renew with --alternatives is not supported yet: the best plan and --pareto take it", {}};
    const auto start = std::chrono::steady_clock::now();
    ProgressBar progress(options.pareto ? "pareto" : "alternatives", progress_allowed(context.quiet));
    const PlanSet set = answer_plan_set(checked.catalog, checked.graph, request, options.alternatives,
                                        options.pareto, progress.callback());
    progress.finish();
    if (options.verbose)
        fmt::print(stderr, "credpath: {} plans in {:.3f} s\n", set.plans.size(), seconds_since(start));
    const PlanSetView view{request.catalog_or(checked.catalog), request.graph_or(checked.graph), set.request, set.plans,
                           request.learner};
    const Style style = context.output.style();
    if (options.format == "json")
        context.output.write(options.pareto ? render_pareto_json(view) : render_alternatives_json(view));
    else
        context.output.write(options.pareto ? render_pareto_text(view, style) : render_alternatives_text(view, style));
    const bool any = std::any_of(set.plans.begin(), set.plans.end(), [](const Plan& plan) { return plan.feasible; });
    return exit_code(any ? ExitCode::Success : ExitCode::NoAnswer);
}

std::string load_note(const LoadInfo& load) {
    if (!load.from_cache) return "";
    if (load.loaded < load.catalog_size) return fmt::format(", {} read from the cache", load.loaded);
    return ", from the cache";
}

int run_plan(const PlanOptions& options, Context& context) {
    LearnerCommand command = start_learner_command(options.request, context, options.output);
    const auto load_start = std::chrono::steady_clock::now();
    const CheckedCatalog checked = command.source.load_valid(request_scope(command.asked, command.profile));
    const double load_seconds = seconds_since(load_start);
    const ResolvedRequest request = command.resolve(checked.catalog, context, flag_names());
    if (request.plan.targets.empty() && !request.skills_goal)
        throw InputError{"no target given: name one with -t ID or skills with --skills", {}};

    if (options.alternatives > 0 || options.pareto) return run_plan_set(options, context, checked, request);

    const auto plan_start = std::chrono::steady_clock::now();
    const PlanAnswer answer = answer_plan(checked.catalog, checked.graph, request);
    const Plan& plan = answer.plan;
    if (options.verbose)
        fmt::print(stderr,
                   "credpath: load and check {:.3f} s ({} credentials{}); plan {:.3f} s (cone {}, {} solver calls, "
                   "largest model {} variables x {} rows)\n",
                   load_seconds, command.source.last_load().catalog_size, load_note(command.source.last_load()),
                   seconds_since(plan_start), plan.stats.cone_size, plan.stats.solver_calls, plan.stats.variables,
                   plan.stats.rows);
    const PlanView view = plan_view(checked.catalog, checked.graph, answer, request.learner);
    context.output.write(render_plan(view, *format_from_string(options.format), context.output.style()));
    return exit_code(plan.feasible ? ExitCode::Success : ExitCode::NoAnswer);
}
}  // namespace

void add_plan(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<PlanOptions>();
    RequestFlags& request = options->request;
    CLI::App* command = app.add_subcommand("plan", "Find the optimal credentials to add to reach one or more targets");
    add_catalog_option(*command, context.catalog);
    command->add_option("-t,--target", request.targets, "Credential to reach (repeatable, or comma-separated)");
    command->add_option("--skills", request.skills,
                        "Skills to learn (comma-separated): the plan adds credentials that together teach each");
    add_learner_options(*command, request, false);
    add_objective_option(*command, request);
    command->add_option("--max-cost", request.max_cost, "Hard limit on the total cost")->check(non_negative_number());
    command->add_option("--max-weeks", request.max_weeks, "Hard limit on the weeks to finish")
        ->check(non_negative_number());
    command->add_option("--exclude", request.exclude, "Credentials never to add (comma-separated, repeatable)");
    command->add_option("--include", request.include,
                        "Credentials to put into the plan, with what they require; the rest is optimal around them "
                        "(comma-separated, repeatable)");
    command->add_option("--apply", request.apply,
                        "Count ID toward QUALIFICATION under the overlap limits (ID=QUALIFICATION; both join the "
                        "plan; repeatable)");
    command->add_option("--max-overlap", request.max_overlap,
                        "At most N credentials may count toward any two targets")
        ->check(whole_number());
    add_format_option(*command, options->format, formats::plan);
    add_time_limit_option(*command, request,
                          "Seconds the solver may spend per solve; past it the best plan found is returned, marked "
                          "not optimal");
    command->add_option("--hours-per-week", request.hours_per_week,
                        "Weekly study hours: schedule the steps into calendar weeks within them")
        ->check(positive_number());
    command->add_option("--start", request.start, "Date the first step starts, YYYY-MM-DD (default: --as-of)");
    command->add_flag("--renew", request.renew,
                      "Renew held credentials that would expire before the plan is done (their renewal, else the "
                      "credential again), chosen by the optimiser like any step");
    CLI::Option* alternatives =
        command->add_option("--alternatives", options->alternatives,
                            "Show the K best distinct plans in order, each with what it swaps against the best")
            ->check(positive_number());
    command->add_flag("--pareto", options->pareto,
                      "Show every plan on the cost-weeks frontier (none both cheaper and faster than another)")
        ->excludes(alternatives);
    add_output_option(*command, options->output, context);
    command->add_flag("-v,--verbose", options->verbose,
                      "Print timings and the size of the problem (cone, solver calls) to standard error");
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_plan(*options, context); };
    });
}

}  // namespace credpath::cli
