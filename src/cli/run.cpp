#include "cli/run.hpp"

#include <cstdio>
#include <exception>
#include <fmt/format.h>
#include <new>

#include "cli/cli.hpp"
#include "cli/interrupt.hpp"
#include "credpath/model/exit_code.hpp"

#ifndef CREDPATH_VERSION
#define CREDPATH_VERSION "0.0.0"
#endif

namespace credpath::cli {

namespace {
// "Exit codes: 0 success, 1 ..., 2 ...." from the table (the answers; the
// interrupt codes are the manual's).
std::string exit_codes_footer() {
    std::string codes;
    for (const ExitCodeInfo& info : kExitCodes) {
        if (info.code == ExitCode::Interrupted || info.code == ExitCode::Terminated) continue;
        codes += fmt::format("{}{} {}", codes.empty() ? "" : ", ", exit_code(info.code), info.meaning);
    }
    return fmt::format("Exit codes: {}.\nSee credpath(1) for the catalog and profile formats.", codes);
}
}  // namespace

int run(int argc, char** argv) {
    const InterruptWatch interrupts;  // first: threads started later inherit its signal mask
    CLI::App app{"credpath: plan stackable-credential pathways from YAML catalogs", "credpath"};
    app.set_version_flag("--version", std::string("credpath ") + CREDPATH_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);
    app.footer(exit_codes_footer());
    Action action;
    Context context;
    add_validate(app, action, context);
    add_plan(app, action, context);
    add_explain(app, action, context);
    add_options(app, action, context);
    add_show(app, action, context);
    add_list(app, action, context);
    add_stats(app, action, context);
    add_import(app, action, context);
    add_export(app, action, context);
    add_graph(app, action, context);
    add_analyze(app, action, context);
    add_diff(app, action, context);
    add_batch(app, action, context);
    add_batch_merge(app, action, context);
    // Whatever ends the command before its answer, the --output file stays as it was.
    struct DiscardOutput {
        ResultOutput& output;
        ~DiscardOutput() { output.discard(); }
    } const discard_output{context.output};
    try {
        try {
            app.parse(argc, argv);
        } catch (const CLI::CallForHelp&) {
            return app.exit(CLI::CallForHelp());
        } catch (const CLI::ParseError& error) {
            // CLI11 prints its own message; usage faults are exit code 2.
            if (error.get_exit_code() == 0) return app.exit(error);
            std::fflush(stdout);
            fmt::print(stderr, "credpath: error: {}\n", error.what());
            fmt::print(stderr, "Run with --help for more information.\n");
            return exit_code(ExitCode::CannotAnswer);
        }
        if (!action) return exit_code(ExitCode::CannotAnswer);
        const int code = action();
        // The command has its answer, whatever the exit code says of it.
        context.output.commit();
        return code;
    } catch (const InputError& error) {
        print_errors(error.diagnostics);
        // One "credpath: error:" line per fault, so each greps on its own.
        std::size_t start = 0;
        while (start <= error.message.size()) {
            std::size_t end = error.message.find('\n', start);
            if (end == std::string::npos) end = error.message.size();
            fmt::print(stderr, "credpath: error: {}\n", error.message.substr(start, end - start));
            start = end + 1;
        }
        return exit_code(ExitCode::CannotAnswer);
    } catch (const std::bad_alloc&) {
        fmt::print(stderr, "credpath: error: out of memory\n");
        return exit_code(ExitCode::CannotAnswer);
    } catch (const std::exception& error) {
        fmt::print(stderr, "credpath: error: {}\n", error.what());
        return exit_code(ExitCode::CannotAnswer);
    }
}

}  // namespace credpath::cli
