// credpath batch-merge: the outputs of `batch --shard K/N` runs, merged back
// into exactly the output of one unsharded run (ordered by input line).
#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "credpath/jobs/batch.hpp"
#include "credpath/load/requests.hpp"

namespace credpath::cli {

namespace {
struct MergeOptions {
    std::vector<std::string> files;
    std::string fail_on = "error";
    std::string output;
};

int run_batch_merge(const MergeOptions& options, Context& context) {
    context.output.open(options.output, [&] { return options.files; });
    std::vector<OutputLine> lines;
    std::vector<std::string> origin;  // file of each line, for messages
    for (const std::string& path : options.files) {
        for (OutputLine& line : read_batch_output(read_input_file(path, context.catalog.limits.max_file_bytes), path)) {
            lines.push_back(std::move(line));
            origin.push_back(path);
        }
    }
    std::vector<std::size_t> order(lines.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return lines[a].line < lines[b].line; });
    for (std::size_t i = 1; i < order.size(); ++i)
        if (lines[order[i]].line == lines[order[i - 1]].line)
            throw InputError{fmt::format("line {} is answered twice (in {} and {}): were the shards overlapping?",
                                         lines[order[i]].line, origin[order[i - 1]], origin[order[i]]),
                             {}};
    std::string out;
    BatchTally tally;
    for (std::size_t i : order) {
        out += lines[i].text;
        tally.count(lines[i].status);
    }
    context.output.write(out);
    // The exit code an unsharded run with the same --fail-on would have given.
    return exit_code(batch_exit_code(tally.errors, tally.infeasible,
                                     value_in(kFailOn, options.fail_on).value_or(FailOn::Error)));
}
}  // namespace

void add_batch_merge(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<MergeOptions>();
    CLI::App* command = app.add_subcommand(
        "batch-merge", "Merge the outputs of sharded batch runs into the output of one unsharded run");
    command->add_option("FILES", options->files, "Outputs of `credpath batch --shard K/N`")
        ->type_name("FILE")
        ->required()
        ->check(CLI::ExistingFile);
    std::vector<std::string> fail_on;
    for (std::string_view name : names_in(kFailOn)) fail_on.emplace_back(name);
    command->add_option("--fail-on", options->fail_on,
                        "Which answers fail the merge, as for batch: error, infeasible or never")
        ->type_name("WHAT")
        ->check(CLI::IsMember(fail_on))
        ->capture_default_str();
    add_limit_options(*command, context.catalog.limits, false);
    add_output_option(*command, options->output, context);
    set_examples(*command, {"credpath batch-merge part-0.jsonl part-1.jsonl"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_batch_merge(*options, context); };
    });
}

}  // namespace credpath::cli
