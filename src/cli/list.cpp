// credpath list: one row per credential, filtered.
#include <fmt/format.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "credpath/browse.hpp"
#include "credpath/render_catalog.hpp"

namespace credpath::cli {

namespace {
struct ListOptions {
    std::vector<std::string> catalogs;
    std::vector<std::string> words;
    LearnerOptions learner;
    std::vector<std::string> kinds;
    std::vector<std::string> tags;
    std::vector<std::string> skills;
    std::string provider;
    std::string level;
    std::optional<double> max_cost;
    std::string format = "text";    std::string output;
};

int run_list(const ListOptions& options) {
    parse_as_of(options.learner.as_of);
    open_result_output(options.output, [&] { return learner_inputs(options.catalogs, options.learner); });
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
    filter.max_cost = options.max_cost;
    filter.words = options.words;

    const CheckedCatalog checked = load_valid_catalog(options.catalogs);
    const Catalog& catalog = checked.catalog;
    check_filter_names(catalog, filter);
    const Learner learner = resolve_learner(catalog, options.learner);
    const std::vector<std::uint32_t> found = filter_credentials(catalog, filter);
    const BrowseLearner browse{learner.holdings, !options.learner.have.empty() || !options.learner.profile.empty(),
                               learner.as_of, learner.name};
    const ListView view{catalog, found, browse};
    if (options.format == "json") write_result(render_list_json(view));
    else if (options.format == "csv") write_result(render_list_csv(view));
    else write_result(render_list_text(view, result_style()));
    return 0;
}
}  // namespace

void add_list(CLI::App& app, Action& action) {
    auto options = std::make_shared<ListOptions>();
    CLI::App* command = app.add_subcommand("list", "List credentials, one row each, filtered by kind, tag, provider, "
                                                   "level, cost, skill or text");
    command->add_option("QUERY", options->words,
                        "Words to find, each case-insensitively in the id, title, a skill or a tag");
    add_catalog_option(*command, options->catalogs);
    add_learner_options(*command, options->learner, false);
    command->add_option("--kind", options->kinds, "Only these kinds (comma-separated, repeatable)");
    command->add_option("--tag", options->tags, "Only credentials with every one of these tags (comma-separated)");
    command->add_option("--skill", options->skills,
                        "Only credentials teaching every one of these skills (comma-separated)");
    command->add_option("--provider", options->provider, "Only providers whose name contains this (any case)");
    command->add_option("--level", options->level, "Only this EQF level, or a range such as 5-7");
    command->add_option("--max-cost", options->max_cost, "Only credentials costing at most this")
        ->check(non_negative_number);
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    // One value per option, so that `--tag data python` leaves `python` to the query.
    for (const char* name : {"--kind", "--tag", "--skill"})
        command->get_option(name)->allow_extra_args(false);
    add_output_option(*command, options->output);
    command->callback([options, &action] { action = [options] { return run_list(*options); }; });
}

}  // namespace credpath::cli
