// credpath batch: many plan requests (JSON Lines) against one catalog, answered
// on worker threads and written in input order, one JSON line each.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/stat.h>
#include <thread>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "cli/interrupt.hpp"
#include "cli/progress.hpp"
#include "credpath/jobs/batch.hpp"
#include "credpath/report/render_batch.hpp"

namespace credpath::cli {

namespace {
struct BatchOptions {
    std::string requests = "-";
    unsigned jobs = 0;
    std::string shard;
    std::string summary;
    std::string summary_file;
    RequestFlags defaults;  // for requests without their own
    bool quiet = false;
    std::string fail_on = "error";
    bool resume = false;
    std::string output;
};

struct Answered {
    std::string line;  // the JSON line
    BatchAnswer answer;
    std::optional<OutputLine> written;  // the line read back, for --summary
};

Shard shard_of(const std::string& text) {
    if (text.empty()) return {};
    auto parsed = parse_shard(text);
    if (!parsed) throw InputError{fmt::format("--shard: '{}' is not K/N with 0 <= K < N (e.g. 0/4)", text), {}};
    return *parsed;
}

// "credpath: interrupted: N of M requests answered, kept in ..." after the
// files that have answers are kept beside the untouched targets.
void report_interrupt(std::size_t written, std::size_t total, std::initializer_list<OutputFile*> files) {
    std::vector<std::string> kept;
    std::vector<std::string> untouched;
    for (OutputFile* file : files) {
        if (!file) continue;
        const std::string partial = file->keep_partial();
        if (partial.empty()) continue;
        kept.push_back(partial);
        untouched.push_back(file->path());
    }
    const std::string where =
        kept.empty() ? ""
                     : fmt::format(", kept in {} ({} {} as {})", fmt::join(kept, " and "),
                                   fmt::join(untouched, " and "), untouched.size() == 1 ? "is" : "are",
                                   untouched.size() == 1 ? "it was" : "they were");
    fmt::print(stderr, "credpath: interrupted: {} of {} requests answered{}\n", written, total, where);
}

// Where a batch writes: results (the context's output) and the summary.
// Output files are checked before anything is read: no input may be
// replaced, and the summary is not the results.
struct BatchOutputs {
    std::optional<Format> summary_format;
    bool summary_to_file = false;
    bool output_to_file = false;
    OutputFile summary_file;

    ~BatchOutputs() { unwatch_output(summary_file); }

    void open(const BatchOptions& options, Context& context, const std::function<std::vector<std::string>()>& inputs) {
        summary_format = format_from_string(options.summary);
        summary_to_file = summary_format && !options.summary_file.empty() && options.summary_file != "-";
        output_to_file = !options.output.empty() && options.output != "-";
        if (output_to_file && summary_to_file && same_file(options.output, options.summary_file))
            throw InputError{
                fmt::format("--output and --summary-file name the same file '{}': give them different files",
                            options.summary_file),
                {}};
        if (summary_to_file) {
            refuse_input_overwrite(options.summary_file, inputs(), "--summary-file");
            summary_file.open(options.summary_file);
            watch_output(summary_file, false);  // nothing in it until the end
        }
        context.output.open(
            options.output,
            [&] {
                std::vector<std::string> paths = inputs();
                if (summary_to_file) paths.push_back(options.summary_file);
                // What an interrupt would replace too.
                refuse_input_overwrite(follow_symlinks(options.output) + ".partial", paths);
                return paths;
            },
            true);
    }
    // The profiles the requests name are inputs too.
    void refuse_profiles(const BatchOptions& options, const std::vector<std::string>& profiles) const {
        if (output_to_file) refuse_input_overwrite(options.output, profiles);
        if (summary_to_file) refuse_input_overwrite(options.summary_file, profiles, "--summary-file");
    }
    void write_summary(const BatchSummary& totals, const std::string& currency) {
        if (!summary_format) return;
        const std::string text = render_batch_summary(totals, *summary_format, currency);
        if (summary_to_file) summary_file.write(text);
        else std::fputs(text.c_str(), stderr);
    }
};

// --resume: the file an interrupted run left to continue from: FILE.partial
// (what an interrupt keeps) when it is there and no older than FILE, else
// FILE itself (a run whose output went to FILE some other way), else none.
std::string resume_source(const std::string& output) {
    const std::string target = follow_symlinks(output);
    const std::string partial = target + ".partial";
    struct stat kept {};
    struct stat whole {};
    const bool has_partial = ::stat(partial.c_str(), &kept) == 0 && S_ISREG(kept.st_mode);
    const bool has_target = ::stat(target.c_str(), &whole) == 0;
    const auto newer_or_same = [](const struct stat& a, const struct stat& b) {
        return a.st_mtim.tv_sec != b.st_mtim.tv_sec ? a.st_mtim.tv_sec > b.st_mtim.tv_sec
                                                    : a.st_mtim.tv_nsec >= b.st_mtim.tv_nsec;
    };
    if (has_partial && (!has_target || newer_or_same(kept, whole))) return partial;
    if (!has_target) return "";
    if (!S_ISREG(whole.st_mode))
        throw InputError{fmt::format("--resume: '{}' is no regular file to continue", output), {}};
    return output;
}

// How many answers that are errors are shown on standard error; the rest
// only in the output, counted by the tally.
constexpr std::size_t kErrorsShown = 10;

// One fault of request line `line` of `name` as a diagnostic: "NAME:LINE:COL:
// error: message" where the fault is located in the line, else "NAME:LINE:
// error: message".
std::string request_diagnostic(std::string_view name, std::size_t line, const std::string& problem) {
    const std::string prefix = fmt::format("{}:{}:", name, line);
    if (problem.rfind(prefix, 0) == 0) {
        std::size_t at = prefix.size();
        while (at < problem.size() && problem[at] >= '0' && problem[at] <= '9') ++at;
        if (at > prefix.size() && problem.compare(at, 2, ": ") == 0)
            return fmt::format("{} error: {}\n", problem.substr(0, at + 1), problem.substr(at + 2));
    }
    return fmt::format("{} error: {}\n", prefix, problem);
}

int run_batch(const BatchOptions& options, Context& context) {
    const auto started = std::chrono::steady_clock::now();
    context.quiet = options.quiet;
    const FailOn fail_on = value_in(kFailOn, options.fail_on).value_or(FailOn::Error);
    if (options.resume && (options.output.empty() || options.output == "-"))
        throw InputError{"--resume continues the output file of an interrupted run: name it with -o FILE", {}};
    const Request defaults = request_from_flags(options.defaults);
    const WalletTrust trust = trust_from_flags(options.defaults, context);
    ResolveContext resolve;
    resolve.trust = &trust;
    resolve.today = today();
    resolve.max_file_bytes = context.catalog.limits.max_file_bytes;
    const Shard shard = shard_of(options.shard);
    CatalogSource source = catalog_source(context);
    BatchOutputs outputs;
    outputs.open(options, context, [&] {
        std::vector<std::string> paths = source.inputs();
        paths.push_back(options.requests);
        return paths;
    });

    std::vector<RequestLine> all;
    if (options.requests == "-") {
        all = read_requests(read_standard_input(context.catalog.limits.max_file_bytes), "<stdin>");
    } else {
        all = read_requests_file(options.requests, context.catalog.limits.max_file_bytes);
        // A relative profile in a request is read beside the requests file.
        resolve.profile_dir = std::filesystem::path(options.requests).parent_path().string();
    }
    // Nothing to answer is a mistake (a wrong file, an upstream step that
    // failed), never a silent success.
    if (all.empty())
        throw InputError{fmt::format("{} holds no requests (no line that is not blank): nothing to answer",
                                     options.requests == "-" ? std::string("standard input") : options.requests),
                         {}};
    outputs.refuse_profiles(options, request_profiles(all, resolve.profile_dir));
    std::vector<const RequestLine*> lines;
    for (const RequestLine& line : all)
        if (shard.takes(line.line)) lines.push_back(&line);

    // The answers an interrupted run wrote, checked against the requests.
    std::vector<OutputLine> kept;
    const std::string resumed_from = options.resume ? resume_source(options.output) : "";
    if (!resumed_from.empty())
        kept = answers_to_keep(read_input_file(resumed_from, context.catalog.limits.max_file_bytes), resumed_from,
                               lines);

    const CheckedCatalog catalog = source.load_valid();
    BatchTally tally;
    SummaryBuilder summary;
    const bool summarize = outputs.summary_format.has_value();
    std::string earlier;
    for (std::size_t i = 0; i < kept.size(); ++i) {
        earlier += kept[i].text;
        tally.count(kept[i].status);
        ++tally.resumed;
        if (summarize)
            summary.add(written_goal(catalog, *lines[i], kept[i].status, defaults, resolve), kept[i]);
    }
    if (!earlier.empty()) context.output.write(earlier);

    const std::vector<const RequestLine*> rest(lines.begin() + static_cast<std::ptrdiff_t>(kept.size()), lines.end());
    ProgressBar progress("batch", progress_allowed(options.quiet));
    progress.resume_at(kept.size());
    std::size_t written = 0;
    std::size_t errors_seen = 0;
    const std::string requests_name = options.requests == "-" ? "<stdin>" : options.requests;
    const unsigned jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    GracefulInterrupt graceful;
    run_in_order<Answered>(
        rest.size(), jobs,
        [&](std::size_t i) {
            Answered out;
            out.answer = answer_request(catalog, *rest[i], defaults, resolve);
            out.line = render_batch_answer(catalog, out.answer);
            // Counted as written, as a resumed run counts what it reads (see SummaryBuilder).
            if (summarize) out.written = read_batch_output(out.line, "answer").at(0);
            return out;
        },
        [&](std::size_t, Answered&& answered) {
            context.output.write(answered.line);
            ++written;
            if (answered.answer.status == BatchStatus::Error && !options.quiet && ++errors_seen <= kErrorsShown) {
                std::string text;
                for (const std::string& problem : answered.answer.problems)
                    text += request_diagnostic(requests_name, answered.answer.request.line, problem);
                progress.print(text);
            }
            tally.count(answered.answer.status);
            if (answered.written) summary.add(answer_goal(answered.answer), *answered.written);
            progress.update(kept.size() + written, lines.size());
        },
        [] { return interrupt_requested(); });
    progress.finish();

    outputs.write_summary(summary.summary(), catalog.catalog.currency);
    if (written < rest.size()) {
        // The files stay as they were; what was answered is kept beside them.
        report_interrupt(kept.size() + written, lines.size(),
                         {context.output.file(), outputs.summary_to_file ? &outputs.summary_file : nullptr});
        return exit_code(ExitCode::Interrupted);
    }
    context.output.commit();
    if (outputs.summary_to_file) outputs.summary_file.commit();
    if (!resumed_from.empty()) {
        // What the interrupted run kept is in the output now; a later --resume
        // must not find it again.
        std::error_code ignored;
        if (resumed_from != options.output) std::filesystem::remove(resumed_from, ignored);
        if (outputs.summary_to_file) std::filesystem::remove(follow_symlinks(options.summary_file) + ".partial", ignored);
    }
    if (errors_seen > kErrorsShown && !options.quiet)
        std::fputs(fmt::format("credpath: {} more requests with errors: the output has them all\n",
                               format_count(errors_seen - kErrorsShown))
                       .c_str(),
                   stderr);
    tally.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!options.quiet) std::fputs(render_batch_tally(tally, resumed_from).c_str(), stderr);
    return exit_code(batch_exit_code(tally.errors, tally.infeasible, fail_on));
}
}  // namespace

void add_batch(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<BatchOptions>();
    CLI::App* command = app.add_subcommand(
        "batch", "Plan many requests (JSON Lines, one per line) against one catalog; one JSON result line each");
    add_catalog_option(*command, context.catalog);
    command->add_option("REQUESTS", options->requests, "Requests file, or - for standard input (the default)")
        ->type_name("FILE");
    command->add_option("-j,--jobs", options->jobs, "Worker threads (default: the number of cores)")
        ->type_name("N")
        ->check(CLI::Range(1u, 1024u));
    command->add_option("--shard", options->shard,
                        "Answer only the requests whose line index (line - 1) is K modulo N, e.g. 0/4")
        ->type_name("K/N");
    std::vector<std::string> summaries;
    for (Format format : formats::batch_summary) summaries.emplace_back(to_string(format));
    command->add_option("--summary", options->summary, "Also write an aggregate per goal")
        ->type_name("FORMAT")
        ->check(CLI::IsMember(summaries));
    command->add_option("--summary-file", options->summary_file,
                        "Where the summary goes (default: standard error)")
        ->type_name("FILE");
    add_request_defaults(*command, options->defaults);
    std::vector<std::string> fail_on;
    for (std::string_view name : names_in(kFailOn)) fail_on.emplace_back(name);
    command->add_option("--fail-on", options->fail_on,
                        "Which answers fail the run: error (exit 2), infeasible (also no feasible plan: exit 1), "
                        "or never (exit 0)")
        ->type_name("WHAT")
        ->check(CLI::IsMember(fail_on))
        ->capture_default_str();
    command->add_flag("--resume", options->resume,
                      "Continue an interrupted run from its -o FILE (FILE.partial, else FILE): keep the answers "
                      "there, answer the rest");
    command->add_flag("-q,--quiet", options->quiet, "No progress bar and no closing tally");
    add_output_option(*command, options->output, context);
    set_examples(*command, {"credpath batch tests/data/batch/planned.jsonl --summary markdown",
                            "credpath batch tests/data/batch/planned.jsonl --shard 0/2 -o part-0.jsonl",
                            "credpath batch tests/data/batch/planned.jsonl --shard 1/2 -o part-1.jsonl"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_batch(*options, context); };
    });
}

}  // namespace credpath::cli
