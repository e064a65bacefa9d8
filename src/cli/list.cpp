// credpath list: one row per credential, filtered.
#include <cstdio>
#include <fmt/format.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "cli/progress.hpp"
#include "credpath/plan/browse.hpp"
#include "credpath/report/render_catalog.hpp"

namespace credpath::cli {

namespace {
struct ListOptions {
    std::vector<std::string> words;
    RequestFlags request;
    std::vector<std::string> kinds;
    std::vector<std::string> tags;
    std::vector<std::string> skills;
    std::string provider;
    std::string level;
    std::optional<double> max_cost;  // of reaching it, from what the learner holds
    std::optional<double> max_fee;   // its own cost
    std::string format;
    bool ids = false;
    std::string output;
};

int run_list(const ListOptions& options, Context& context) {
    LearnerCommand command = start_learner_command(options.request, context, options.output);
    ListFilter filter;
    filter.kinds = kinds_from_names(split_list(options.kinds));
    filter.tags = split_list(options.tags);
    filter.skills = split_list(options.skills);
    filter.provider = options.provider;
    if (!options.level.empty()) {
        filter.level = parse_level_range(options.level);
        if (!filter.level)
            throw InputError{fmt::format("--level '{}' is not a level 1..8 or a range such as 5-7", options.level), {}};
    }
    filter.max_fee = options.max_fee;
    filter.words = options.words;

    const CheckedCatalog checked = command.source.load_valid();
    const Catalog& catalog = checked.catalog;
    check_filter_names(catalog, filter);
    const ResolvedRequest resolved = command.resolve(catalog, context, flag_names());
    std::vector<std::uint32_t> found = filter_credentials(catalog, filter);
    std::optional<ReachFiltered> reach;
    if (options.max_cost) {
        ReachFilter limits;
        limits.held = resolved.learner.holdings.met();
        limits.excluded = resolved.learner.holdings.excluded;
        limits.max_cost = *options.max_cost;
        limits.first_day = resolved.plan.first_day;
        ProgressBar progress("list", progress_allowed(context.quiet));
        limits.progress = progress.callback();
        reach = within_reach_cost(catalog, checked.graph, found, limits);
        progress.finish();
        found = reach->within;
        if (reach->unproven > 0)
            std::fputs(fmt::format("credpath: warning: {} left out: the solver reached its time limit before it "
                                   "found a plan\n",
                                   plural(reach->unproven, "credential", "credentials"))
                           .c_str(),
                       stderr);
    }
    ListView view{catalog, found, resolved.learner};
    if (reach) view.reach_cost = &reach->cost;
    const Format format = *format_from_string(options.format);
    if (options.ids) context.output.write(render_list_ids(view));
    else if (format == Format::Json) context.output.write(render_list_json(view));
    else if (format == Format::Csv) context.output.write(render_list_csv(view));
    else context.output.write(render_list_text(view, context.output.style()));
    // Nothing matched: a negative answer, which a script can test.
    return exit_code(found.empty() ? ExitCode::NoAnswer : ExitCode::Success);
}
}  // namespace

void add_list(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<ListOptions>();
    CLI::App* command = app.add_subcommand("list", "List credentials, one row each, filtered by kind, tag, provider, "
                                                   "level, cost, skill or text");
    command->add_option("QUERY", options->words,
                        "Words to find, each case-insensitively in the id, title, a skill or a tag")
        ->type_name("WORD");
    add_catalog_option(*command, context.catalog);
    add_learner_options(*command, options->request, false);
    command->add_option("--kind", options->kinds, "Only these kinds (comma-separated, repeatable)")->type_name("KIND");
    command->add_option("--tag", options->tags, "Only credentials with every one of these tags (comma-separated)")
        ->type_name("TAG");
    command->add_option("--skill", options->skills,
                        "Only credentials teaching every one of these skills (comma-separated)")
        ->type_name("SKILL");
    command->add_option("--provider", options->provider, "Only providers whose name contains this (any case)")
        ->type_name("TEXT");
    command->add_option("--level", options->level, "Only this EQF level, or a range such as 5-7")
        ->type_name("N|N-M");
    command->add_option("--max-cost", options->max_cost,
                        "Only credentials whose cheapest plan, from what the learner holds, costs at most this "
                        "(shown in a column 'to reach')")
        ->type_name("AMOUNT")
        ->check(non_negative_number());
    command->add_option("--max-fee", options->max_fee, "Only credentials whose own cost is at most this")
        ->type_name("AMOUNT")
        ->check(non_negative_number());
    add_format_option(*command, options->format, formats::list);
    // For scripts and the completion scripts (`credpath completion`): no header, no count.
    command->add_flag("--ids", options->ids, "Print only the ids, one a line")->excludes("--format");
    // One value per option, so that `--tag data python` leaves `python` to the query.
    for (const char* name : {"--kind", "--tag", "--skill"})
        command->get_option(name)->allow_extra_args(false);
    add_output_option(*command, options->output, context);
    set_examples(*command, {"credpath list sql --kind microcredential", "credpath list --provider ironwood",
                            "credpath list --skill python --format csv"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_list(*options, context); };
    });
}

}  // namespace credpath::cli
