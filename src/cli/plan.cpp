// credpath plan: the optimal set of credentials to add to reach the targets.
#include <algorithm>
#include <chrono>
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "cli/progress.hpp"
#include "credpath/plan/answer.hpp"
#include "credpath/report/render_advisor.hpp"
#include "credpath/report/render_ics.hpp"

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
    const Format format = *format_from_string(options.format);
    if (std::find(allowed.begin(), allowed.end(), format) == allowed.end()) {
        std::vector<std::string_view> names;
        for (Format each : allowed) names.push_back(to_string(each));
        const std::string_view last = names.back();
        names.pop_back();
        throw InputError{fmt::format("--{} writes {} or {}, not {}", options.pareto ? "pareto" : "alternatives",
                                     fmt::join(names, ", "), last, options.format),
                         {}};
    }
    if (options.alternatives > 0 && request.asked.renew.value_or(false))
        throw InputError{"--renew with --alternatives is not supported yet: the best plan and --pareto take it", {}};
    const auto start = std::chrono::steady_clock::now();
    ProgressBar progress(options.pareto ? "pareto" : "alternatives", progress_allowed(context.quiet));
    const PlanSet set = answer_plan_set(checked.catalog, checked.graph, request, options.alternatives,
                                        options.pareto, progress.callback());
    progress.finish();
    if (options.verbose)
        fmt::print(stderr, "credpath: {} in {:.3f} s\n", plural(set.plans.size(), "plan", "plans"),
                   seconds_since(start));
    const PlanSetView view{request.catalog_or(checked.catalog), request.graph_or(checked.graph), set.request, set.plans,
                           request.learner};
    const Style style = context.output.style();
    if (format == Format::Json)
        context.output.write(options.pareto ? render_pareto_json(view) : render_alternatives_json(view));
    else if (format == Format::Html)
        context.output.write(options.pareto ? render_pareto_html(view) : render_alternatives_html(view));
    else
        context.output.write(options.pareto ? render_pareto_text(view, style) : render_alternatives_text(view, style));
    const bool any = std::any_of(set.plans.begin(), set.plans.end(), [](const Plan& plan) { return plan.feasible; });
    return exit_code(any ? ExitCode::Success : ExitCode::NoAnswer);
}

std::string load_note(const LoadInfo& load) {
    if (!load.from_cache) return "";
    if (load.loaded < load.catalog_size) return fmt::format(", {} read from the cache", format_count(load.loaded));
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
                   "credpath: load and check {:.3f} s ({}{}); plan {:.3f} s (cone {}, {}, largest model {} x {})\n",
                   load_seconds, plural(command.source.last_load().catalog_size, "credential", "credentials"),
                   load_note(command.source.last_load()), seconds_since(plan_start), format_count(plan.stats.cone_size),
                   plural(plan.stats.solver_calls, "solver call", "solver calls"),
                   plural(plan.stats.variables, "variable", "variables"), plural(plan.stats.rows, "row", "rows"));
    const PlanView view = plan_view(checked.catalog, checked.graph, answer, request.learner);
    const Format format = *format_from_string(options.format);
    if (format == Format::Ics)
        if (const std::string reason = ics_unwritten_reason(view); !reason.empty()) {
            // An empty calendar is no iCalendar object: say why, and leave the -o file as it was.
            fmt::print(stderr, "credpath: note: {}\n", reason);
            context.output.discard();
            return exit_code(plan.feasible ? ExitCode::Success : ExitCode::NoAnswer);
        }
    context.output.write(render_plan(view, format, context.output.style()));
    return exit_code(plan.feasible ? ExitCode::Success : ExitCode::NoAnswer);
}
}  // namespace

void add_plan(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<PlanOptions>();
    RequestFlags& request = options->request;
    CLI::App* command = app.add_subcommand("plan", "Find the optimal credentials to add to reach one or more targets");
    add_catalog_option(*command, context.catalog);
    command->add_option("-t,--target", request.targets, "Credential to reach (repeatable, or comma-separated)")
        ->type_name("ID")
        ->group(groups::kGoal);
    command->add_option("--skills", request.skills,
                        "Skills to learn (comma-separated): the plan adds credentials that together teach each")
        ->type_name("SKILL")
        ->group(groups::kGoal);
    add_learner_options(*command, request, false);
    add_objective_option(*command, request);
    command->add_option("--max-cost", request.max_cost, "Hard limit on the total cost")
        ->type_name("AMOUNT")
        ->group(groups::kGoal)
        ->check(non_negative_number());
    command->add_option("--max-weeks", request.max_weeks, "Hard limit on the weeks to finish")
        ->type_name("WEEKS")
        ->group(groups::kGoal)
        ->check(non_negative_number());
    command->add_option("--exclude", request.exclude, "Credentials never to add (comma-separated, repeatable)")
        ->type_name("ID")
        ->group(groups::kGoal);
    command->add_option("--include", request.include,
                        "Credentials to put into the plan, with what they require; the rest is optimal around them "
                        "(comma-separated, repeatable)")
        ->type_name("ID")
        ->group(groups::kGoal);
    command->add_option("--apply", request.apply,
                        "Count ID toward QUALIFICATION under the overlap limits (both join the plan; repeatable)")
        ->type_name("ID=QUALIFICATION")
        ->group(groups::kGoal);
    command->add_option("--max-overlap", request.max_overlap,
                        "At most N credentials may count toward any two targets")
        ->type_name("N")
        ->group(groups::kGoal)
        ->check(whole_number());
    add_format_option(*command, options->format, formats::plan);
    add_time_limit_option(*command, request,
                          "Seconds the solver may spend per solve; past it the best plan found is returned, marked "
                          "not optimal");
    command->add_option("--hours-per-week", request.hours_per_week,
                        "Weekly study hours: schedule the steps into calendar weeks within them")
        ->type_name("HOURS")
        ->group(groups::kSchedule)
        ->check(positive_number());
    command->add_option("--start", request.start, "Date the first step starts, YYYY-MM-DD (default: --as-of)")
        ->type_name("DATE")
        ->group(groups::kSchedule);
    command->add_flag("--renew", request.renew,
                      "Renew held credentials that would expire before the plan is done (their renewal, else the "
                      "credential again), chosen by the optimiser like any step")
        ->group(groups::kGoal);
    CLI::Option* alternatives =
        command->add_option("--alternatives", options->alternatives,
                            "Show the K best distinct plans in order, each with what it swaps against the best")
            ->type_name("K")
            ->check(positive_number());
    command->add_flag("--pareto", options->pareto,
                      "Show every plan on the cost-weeks frontier (none both cheaper and faster than another)")
        ->excludes(alternatives);
    add_output_option(*command, options->output, context);
    command->add_flag("-v,--verbose", options->verbose,
                      "Print timings and the size of the problem (cone, solver calls) to standard error");
    set_examples(*command, {"credpath plan -t dai-cert-ml --have dai-py-basics",
                            "credpath plan -t hc-cert-coding --hours-per-week 12 --start 2027-01-11",
                            "credpath plan -t dai-cert-ml --alternatives 3 --format json"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_plan(*options, context); };
    });
}

}  // namespace credpath::cli
