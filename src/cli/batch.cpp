// credpath batch: many plan requests (JSON Lines) against one catalog, answered
// on worker threads and written in input order, one JSON line each.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iostream>
#include <iterator>
#include <sys/ioctl.h>
#include <thread>
#include <unistd.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "cli/interrupt.hpp"
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
    std::string output;
};

std::string read_stdin() {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (std::cin.bad()) throw InputError{"cannot read the requests from standard input", {}};
    return text;
}

std::size_t terminal_width() {
    winsize size{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}

struct Answered {
    std::string line;  // the JSON line
    BatchAnswer answer;
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

// The progress line on standard error, at most ten times a second.
class ProgressLine {
public:
    ProgressLine(bool shown, std::size_t total) : shown_(shown), total_(total) {}
    void answered(std::size_t written) {
        if (!shown_) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - last_drawn_ < std::chrono::milliseconds(100) && written != total_) return;
        last_drawn_ = now;
        const double seconds = std::chrono::duration<double>(now - started_).count();
        std::fputs(render_progress(written, total_, seconds, terminal_width()).c_str(), stderr);
    }
    void done() const {
        if (shown_ && total_ > 0) std::fputs("\n", stderr);
    }

private:
    bool shown_;
    std::size_t total_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_drawn_ = started_ - std::chrono::seconds(1);
};

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

int run_batch(const BatchOptions& options, Context& context) {
    const Request defaults = request_from_flags(options.defaults);
    ResolveContext resolve;
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
        all = read_requests(read_stdin(), "<stdin>");
    } else {
        all = read_requests_file(options.requests, context.catalog.limits.max_file_bytes);
        // A relative profile in a request is read beside the requests file.
        resolve.profile_dir = std::filesystem::path(options.requests).parent_path().string();
    }
    // An empty requests file is an answer of nothing, but never a silent one.
    if (all.empty())
        fmt::print(stderr, "credpath: note: {} holds no requests: nothing to answer\n",
                   options.requests == "-" ? std::string("standard input") : options.requests);
    outputs.refuse_profiles(options, request_profiles(all, resolve.profile_dir));
    std::vector<const RequestLine*> lines;
    for (const RequestLine& line : all)
        if (shard.takes(line.line)) lines.push_back(&line);

    const CheckedCatalog catalog = source.load_valid();
    ProgressLine progress(!options.quiet && isatty(STDERR_FILENO), lines.size());
    std::size_t written = 0;
    SummaryBuilder summary;
    const unsigned jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    GracefulInterrupt graceful;
    run_in_order<Answered>(
        lines.size(), jobs,
        [&](std::size_t i) {
            Answered out;
            out.answer = answer_request(catalog, *lines[i], defaults, resolve);
            out.line = render_batch_answer(catalog, out.answer);
            return out;
        },
        [&](std::size_t, Answered&& answered) {
            context.output.write(answered.line);
            ++written;
            summary.add(catalog.catalog, answered.answer);
            progress.answered(written);
        },
        [] { return interrupt_requested(); });
    progress.done();

    const BatchSummary totals = summary.summary();
    outputs.write_summary(totals, catalog.catalog.currency);
    if (written < lines.size()) {
        // The files stay as they were; what was answered is kept beside them.
        report_interrupt(written, lines.size(),
                         {context.output.file(), outputs.summary_to_file ? &outputs.summary_file : nullptr});
        return exit_code(ExitCode::Interrupted);
    }
    context.output.commit();
    if (outputs.summary_to_file) outputs.summary_file.commit();
    if (totals.errors > 0) return exit_code(ExitCode::CannotAnswer);
    if (totals.infeasible > 0) return exit_code(ExitCode::NoAnswer);
    return exit_code(ExitCode::Success);
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
    command->add_flag("-q,--quiet", options->quiet, "No progress bar");
    add_output_option(*command, options->output, context);
    set_examples(*command, {"credpath batch tests/data/batch/planned.jsonl --summary markdown",
                            "credpath batch tests/data/batch/planned.jsonl --shard 0/2 -o part-0.jsonl",
                            "credpath batch tests/data/batch/planned.jsonl --shard 1/2 -o part-1.jsonl"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_batch(*options, context); };
    });
}

}  // namespace credpath::cli
