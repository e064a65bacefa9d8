#include "cli/run.hpp"

#include <cstdio>
#include <exception>
#include <fmt/format.h>
#include <new>

#include "cli/cli.hpp"
#include "cli/interrupt.hpp"

#ifndef CREDPATH_VERSION
#define CREDPATH_VERSION "0.0.0"
#endif

namespace credpath::cli {

int run(int argc, char** argv) {
    const InterruptWatch interrupts;  // first: threads started later inherit its signal mask
    CLI::App app{"credpath: plan stackable-credential pathways from YAML catalogs", "credpath"};
    app.set_version_flag("--version", std::string("credpath ") + CREDPATH_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);
    app.footer("Exit codes: 0 success, 1 no feasible plan or catalog faults, 2 could not answer.\n"
               "See credpath(1) for the catalog and profile formats.");
    Action action;
    add_validate(app, action);
    add_plan(app, action);
    add_explain(app, action);
    add_options(app, action);
    add_show(app, action);
    add_list(app, action);
    add_stats(app, action);
    add_graph(app, action);
    add_diff(app, action);
    add_batch(app, action);
    add_batch_merge(app, action);
    // Whatever ends the command before its answer, the --output file stays as it was.
    struct DiscardOutput {
        ~DiscardOutput() { discard_result_output(); }
    } const discard_output;
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
            return 2;
        }
        if (!action) return 2;
        const int code = action();
        // The command has its answer, whatever the exit code says of it.
        commit_result_output();
        return code;
    } catch (const Exit& exit) {
        return exit.code;
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
        return 2;
    } catch (const std::bad_alloc&) {
        fmt::print(stderr, "credpath: error: out of memory\n");
        return 2;
    } catch (const std::exception& error) {
        fmt::print(stderr, "credpath: error: {}\n", error.what());
        return 2;
    }
}

}  // namespace credpath::cli
