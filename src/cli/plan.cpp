// credpath plan: the optimal set of credentials to add to reach the targets.
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "credpath/profile.hpp"
#include "credpath/render_advisor.hpp"

namespace credpath::cli {

namespace {
struct PlanOptions {
    std::vector<std::string> catalogs;
    std::vector<std::string> targets;
    LearnerOptions learner;
    std::string minimize = "cost";
    std::optional<double> max_cost;
    std::optional<double> max_weeks;
    std::string format = "text";
    double time_limit = 300;
    std::size_t alternatives = 0;
    bool pareto = false;
    std::vector<std::string> skills;
    std::optional<double> hours_per_week;
    std::string start;
    bool verbose = false;
    std::string output;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --alternatives K and --pareto: several plans for one request.
int run_plan_set(const PlanOptions& options, const CheckedCatalog& checked, const Learner& learner,
                 const PlanRequest& request) {
    if (options.format != "text" && options.format != "json")
        throw InputError{fmt::format("--{} writes text or json, not {}", options.pareto ? "pareto" : "alternatives",
                                     options.format),
                         {}};
    const auto start = std::chrono::steady_clock::now();
    const std::vector<Plan> plans = options.pareto
                                        ? make_pareto(checked.catalog, checked.graph, request)
                                        : make_alternatives(checked.catalog, checked.graph, request, options.alternatives);
    if (options.verbose)
        fmt::print(stderr, "credpath: {} plans in {:.3f} s\n", plans.size(), seconds_since(start));
    const PlanSetView view{checked.catalog, checked.graph, request,     plans,
                           learner.holdings, learner.as_of, learner.name};
    const Style style = result_style();
    if (options.format == "json")
        write_result(options.pareto ? render_pareto_json(view) : render_alternatives_json(view));
    else
        write_result(options.pareto ? render_pareto_text(view, style) : render_alternatives_text(view, style));
    const bool any = std::any_of(plans.begin(), plans.end(), [](const Plan& plan) { return plan.feasible; });
    return any ? 0 : 1;
}

Date parse_start(const std::string& text) {
    if (auto date = parse_date(text)) return *date;
    throw InputError{fmt::format("--start '{}' {}", text, date_problem(text)), {}};
}

int run_plan(const PlanOptions& options) {
    if (!options.start.empty()) parse_start(options.start);
    parse_as_of(options.learner.as_of);  // a bad date fails before the catalog loads
    open_result_output(options.output, [&] { return learner_inputs(options.catalogs, options.learner); });
    const auto load_start = std::chrono::steady_clock::now();
    CheckedCatalog checked =
        load_valid_catalog(options.catalogs, plan_scope(options.learner, options.targets, options.skills));
    const double load_seconds = seconds_since(load_start);
    const Catalog& catalog = checked.catalog;

    const Learner learner = resolve_learner(catalog, options.learner);
    const Holdings& holdings = learner.holdings;

    PlanRequest request;
    request.targets = resolve_ids(catalog, options.targets, "-t");
    // The skills goal: a `skills` rule of no credential, met like a target's.
    Rule skills_goal;
    skills_goal.kind = RuleKind::Skills;
    skills_goal.names = resolve_skills(catalog, options.skills);
    skills_goal.name_locs.resize(skills_goal.names.size());
    if (!skills_goal.names.empty()) request.goals.push_back({&skills_goal, std::nullopt});
    if (request.targets.empty() && request.goals.empty())
        throw InputError{"no target given: name one with -t ID or skills with --skills", {}};
    request.held = holdings.held;
    request.excluded = holdings.excluded;
    request.objective = *objective_from_string(options.minimize);
    request.max_cost = options.max_cost;
    request.max_weeks = options.max_weeks;
    request.time_limit_seconds = options.time_limit;

    if (options.alternatives > 0 || options.pareto) return run_plan_set(options, checked, learner, request);

    const auto plan_start = std::chrono::steady_clock::now();
    Plan plan = make_plan(catalog, checked.graph, request);
    std::optional<CapacitySchedule> schedule;
    std::string schedule_note;
    if (options.hours_per_week && plan.feasible) {
        schedule = schedule_with_capacity(catalog, request.held, plan, *options.hours_per_week);
        if (request.objective == Objective::Weeks && !plan.steps.empty()) {
            // The fastest set need not be the fastest under a weekly capacity:
            // the set with the fewest study hours may schedule sooner.
            PlanRequest lighter = request;
            lighter.objective = Objective::Hours;
            Plan light = make_plan(catalog, checked.graph, lighter);
            if (light.feasible) {
                CapacitySchedule light_schedule =
                    schedule_with_capacity(catalog, request.held, light, *options.hours_per_week);
                if (light_schedule.weeks < schedule->weeks) {
                    schedule_note = fmt::format(
                        "The fewest-hours set finishes sooner at this capacity ({} weeks) than the fastest set ({} "
                        "weeks), so it is the plan shown.",
                        light_schedule.weeks, schedule->weeks);
                    plan = std::move(light);
                    schedule = std::move(light_schedule);
                    plan.optimal = false;  // optimal for weeks without a capacity no longer describes it
                } else {
                    schedule_note = fmt::format(
                        "The fastest set was kept: at this capacity it takes {} weeks, the fewest-hours set {}.",
                        schedule->weeks, light_schedule.weeks);
                }
            }
        }
    }
    std::optional<Date> start;
    if (!options.start.empty() || options.hours_per_week)
        start = options.start.empty() ? learner.as_of : parse_start(options.start);
    if (options.verbose)
        fmt::print(stderr,
                   "credpath: load and check {:.3f} s ({} credentials{}); plan {:.3f} s (cone {}, {} solver calls, "
                   "largest model {} variables x {} rows)\n",
                   load_seconds, last_catalog_load().catalog_size,
                   !last_catalog_load().from_cache ? ""
                   : last_catalog_load().loaded < last_catalog_load().catalog_size
                       ? fmt::format(", {} read from the cache", last_catalog_load().loaded)
                       : ", from the cache",
                   seconds_since(plan_start), plan.stats.cone_size,
                   plan.stats.solver_calls, plan.stats.variables, plan.stats.rows);
    PlanView view{catalog, checked.graph, request, plan, holdings, learner.as_of, learner.name, std::nullopt, nullptr, {}};
    view.start = start;
    view.schedule = schedule ? &*schedule : nullptr;
    view.schedule_note = schedule_note;
    write_result(render_plan(view, *plan_format_from_string(options.format), result_style()));
    return plan.feasible ? 0 : 1;
}
}  // namespace

void add_plan(CLI::App& app, Action& action) {
    auto options = std::make_shared<PlanOptions>();
    CLI::App* command = app.add_subcommand("plan", "Find the optimal credentials to add to reach one or more targets");
    add_catalog_option(*command, options->catalogs);
    command->add_option("-t,--target", options->targets, "Credential to reach (repeatable, or comma-separated)");
    command->add_option("--skills", options->skills,
                        "Skills to learn (comma-separated): the plan adds credentials that together teach each");
    add_learner_options(*command, options->learner, false);
    command->add_option("--minimize", options->minimize, "Objective")
        ->check(CLI::IsMember({"cost", "hours", "count", "weeks"}))
        ->capture_default_str();
    command->add_option("--max-cost", options->max_cost, "Hard limit on the total cost")
        ->check(non_negative_number);
    command->add_option("--max-weeks", options->max_weeks, "Hard limit on the weeks to finish")
        ->check(non_negative_number);
    command->add_option("--exclude", options->learner.exclude,
                        "Credentials never to add (comma-separated, repeatable)");
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json", "csv", "markdown", "dot", "html"}))
        ->capture_default_str();
    command->add_option("--time-limit", options->time_limit,
                        "Seconds the solver may spend per solve; past it the best plan found is returned, marked "
                        "not optimal")
        ->check(positive_number)
        ->capture_default_str();
    command->add_option("--hours-per-week", options->hours_per_week,
                        "Weekly study hours: schedule the steps into calendar weeks within them")
        ->check(positive_number);
    command->add_option("--start", options->start, "Date the first step starts, YYYY-MM-DD (default: --as-of)");
    CLI::Option* alternatives =
        command->add_option("--alternatives", options->alternatives,
                            "Show the K best distinct plans in order, each with what it swaps against the best")
            ->check(positive_number);
    command->add_flag("--pareto", options->pareto,
                      "Show every plan on the cost-weeks frontier (none both cheaper and faster than another)")
        ->excludes(alternatives);
    add_output_option(*command, options->output);
    command->add_flag("-v,--verbose", options->verbose,
                      "Print timings and the size of the problem (cone, solver calls) to standard error");
    command->callback([options, &action] { action = [options] { return run_plan(*options); }; });
}

}  // namespace credpath::cli
