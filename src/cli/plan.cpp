// credpath plan: the optimal set of credentials to add to reach the targets.
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "credpath/profile.hpp"

namespace credpath::cli {

namespace {
struct PlanOptions {
    std::vector<std::string> catalogs;
    std::vector<std::string> targets;
    std::vector<std::string> have;
    std::string profile;
    std::string as_of;
    std::string minimize = "cost";
    std::optional<double> max_cost;
    std::optional<double> max_weeks;
    std::vector<std::string> exclude;
    std::string format = "text";
    double time_limit = 300;
    bool verbose = false;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run_plan(const PlanOptions& options) {
    const Date as_of = parse_as_of(options.as_of);
    const auto load_start = std::chrono::steady_clock::now();
    CheckedCatalog checked = load_valid_catalog(options.catalogs);
    const double load_seconds = seconds_since(load_start);
    const Catalog& catalog = checked.catalog;

    std::vector<HeldEntry> holds;
    std::vector<HeldEntry> excluded;
    std::string learner;
    if (!options.profile.empty()) {
        Profile profile = load_profile(options.profile);
        learner = profile.learner;
        holds = std::move(profile.holds);
        excluded = std::move(profile.exclude);
    }
    for (const std::string& id : split_list(options.have)) holds.push_back({id, std::nullopt, "--have"});
    for (const std::string& id : split_list(options.exclude)) excluded.push_back({id, std::nullopt, "--exclude"});
    const Holdings holdings = resolve_holdings(catalog, holds, excluded, as_of);

    PlanRequest request;
    std::vector<std::string> problems;
    for (const std::string& id : split_list(options.targets)) {
        if (auto index = catalog.find(id)) {
            if (std::find(request.targets.begin(), request.targets.end(), *index) == request.targets.end())
                request.targets.push_back(*index);
        } else {
            problems.push_back(fmt::format("-t: {}", unknown_id_message(catalog, id)));
        }
    }
    if (!problems.empty()) throw InputError{fmt::format("{}", fmt::join(problems, "\n")), {}};
    if (request.targets.empty()) throw InputError{"no target given: name one with -t ID", {}};
    request.held = holdings.held;
    request.excluded = holdings.excluded;
    request.objective = *objective_from_string(options.minimize);
    request.max_cost = options.max_cost;
    request.max_weeks = options.max_weeks;
    request.time_limit_seconds = options.time_limit;

    const auto plan_start = std::chrono::steady_clock::now();
    const Plan plan = make_plan(catalog, checked.graph, request);
    if (options.verbose)
        fmt::print(stderr,
                   "credpath: load and check {:.3f} s ({} credentials); plan {:.3f} s (cone {}, {} solver calls, "
                   "largest model {} variables x {} rows)\n",
                   load_seconds, catalog.credentials.size(), seconds_since(plan_start), plan.stats.cone_size,
                   plan.stats.solver_calls, plan.stats.variables, plan.stats.rows);
    const PlanView view{catalog, checked.graph, request, plan, holdings, as_of, learner};
    write_stdout(render_plan(view, *plan_format_from_string(options.format), style_for(STDOUT_FILENO)));
    return plan.feasible ? 0 : 1;
}
}  // namespace

void add_plan(CLI::App& app, Action& action) {
    auto options = std::make_shared<PlanOptions>();
    CLI::App* command = app.add_subcommand("plan", "Find the optimal credentials to add to reach one or more targets");
    add_catalog_option(*command, options->catalogs);
    command->add_option("-t,--target", options->targets, "Credential to reach (repeatable, or comma-separated)")
        ->required();
    command->add_option("--have", options->have, "Credentials already held (comma-separated, repeatable)");
    command->add_option("--profile", options->profile, "Learner profile (YAML)")->check(CLI::ExistingFile);
    command->add_option("--as-of", options->as_of, "Date for expiry, YYYY-MM-DD (default: today)");
    command->add_option("--minimize", options->minimize, "Objective")
        ->check(CLI::IsMember({"cost", "hours", "count", "weeks"}))
        ->capture_default_str();
    command->add_option("--max-cost", options->max_cost, "Hard limit on the total cost")
        ->check(CLI::NonNegativeNumber);
    command->add_option("--max-weeks", options->max_weeks, "Hard limit on the weeks to finish")
        ->check(CLI::NonNegativeNumber);
    command->add_option("--exclude", options->exclude, "Credentials never to add (comma-separated, repeatable)");
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json", "csv", "markdown", "dot"}))
        ->capture_default_str();
    command->add_option("--time-limit", options->time_limit,
                        "Seconds the solver may spend per solve; past it the best plan found is returned, marked "
                        "not optimal")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    command->add_flag("-v,--verbose", options->verbose,
                      "Print timings and the size of the problem (cone, solver calls) to standard error");
    command->callback([options, &action] { action = [options] { return run_plan(*options); }; });
}

}  // namespace credpath::cli
