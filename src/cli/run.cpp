#include "cli/run.hpp"

#include <cstdio>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <exception>
#include <fmt/format.h>
#include <new>
#include <regex>
#include <algorithm>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "cli/interrupt.hpp"
#include "credpath/model/diagnostic.hpp"
#include "credpath/model/exit_code.hpp"

#ifndef CREDPATH_VERSION
#define CREDPATH_VERSION "0.0.0"
#endif

namespace credpath::cli {

namespace {
// The exit codes from the table, one per line (the answers; the interrupt
// codes are the manual's).
std::string exit_codes_footer() {
    std::string codes = "Exit codes:\n";
    for (const ExitCodeInfo& info : kExitCodes) {
        if (info.code == ExitCode::Interrupted || info.code == ExitCode::Terminated) continue;
        codes += fmt::format("  {:<3} {}\n", exit_code(info.code), info.meaning);
    }
    return codes + "See credpath(1) for the catalog and profile formats.";
}

// The command a command line names (`import ctdl` is two deep), or nullptr.
const CLI::App* named_command(const CLI::App& app, int argc, char** argv) {
    const CLI::App* command = nullptr;
    const CLI::App* parent = &app;
    for (int i = 1; i < argc && argv[i][0] != '-'; ++i) {
        const CLI::App* sub = nullptr;
        for (const CLI::App* candidate : parent->get_subcommands([](const CLI::App*) { return true; }))
            if (candidate->get_name() == argv[i]) sub = candidate;
        if (!sub) break;
        command = parent = sub;
    }
    return command;
}

std::string command_path(const CLI::App* command) {
    std::string path;
    for (const CLI::App* at = command; at && at->get_parent(); at = at->get_parent())
        path = at->get_name() + (path.empty() ? "" : " " + path);
    return "credpath " + path;
}

// A usage fault in the project's own words, with "did you mean" where a
// closed set was missed: commands, options, option values.
std::string usage_message(const CLI::ParseError& error, const CLI::App& app, int argc, char** argv) {
    const std::string what = error.what();
    const bool extras = dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr;
    const bool required = dynamic_cast<const CLI::RequiredError*>(&error) != nullptr;
    const CLI::App* command = named_command(app, argc, argv);
    const auto hint = [](std::string_view word, const std::vector<std::string>& names) {
        std::vector<std::string_view> views(names.begin(), names.end());
        const std::string near = nearest(word, views);
        return near.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", near);
    };
    // An unknown command: the first word that names none.
    const CLI::App* parent = command ? command : &app;
    std::vector<std::string> commands;
    for (const CLI::App* sub : parent->get_subcommands([](const CLI::App*) { return true; }))
        commands.push_back(sub->get_name());
    if (!commands.empty() && (required || extras)) {
        int at = 1;
        for (const CLI::App* c = command; c; c = c->get_parent() == &app ? nullptr : c->get_parent()) ++at;
        if (at < argc && argv[at][0] != '-')
            return fmt::format("unknown command '{}'{}; {} has {}", argv[at], hint(argv[at], commands),
                               command ? command_path(command) : std::string("credpath"),
                               fmt::join(commands, ", "));
        if (required && what.find("subcommand") != std::string::npos)
            return fmt::format("{} needs a command: {}", command ? command_path(command) : std::string("credpath"),
                               fmt::join(commands, ", "));
    }
    if (command && extras) {
        std::vector<std::string> options;
        for (const CLI::Option* option : command->get_options())
            for (std::string& name : dashed_names(*option)) options.push_back(std::move(name));
        for (int i = 1; i < argc; ++i) {
            std::string word = argv[i];
            if (word.size() < 2 || word[0] != '-' || (word[1] >= '0' && word[1] <= '9')) continue;
            word = word.substr(0, word.find('='));
            if (std::find(options.begin(), options.end(), word) != options.end()) continue;
            return fmt::format("unknown option '{}' for `{}`{}", word, command_path(command), hint(word, options));
        }
        const std::size_t colon = what.find(": ");
        return fmt::format("unexpected argument for `{}`: {}", command_path(command),
                           colon == std::string::npos ? what : what.substr(colon + 2));
    }
    // "--format: jsno not in {text,json,...}" from a set of allowed values.
    static const std::regex not_in(R"(^(\S+): (.*) not in (\{.*\})$)");
    if (std::smatch match; std::regex_match(what, match, not_in)) {
        const std::vector<std::string> allowed = braced_values(match[3].str());
        return fmt::format("{}: unknown value '{}'{}; one of {}", match[1].str(), match[2].str(),
                           hint(match[2].str(), allowed), fmt::join(allowed, ", "));
    }
    // CLI11's counts: "--x: At Most 1 required but received 2", "--x: 1 required DATE missing".
    static const std::regex repeated(R"(^(\S+): At Most (\d+) required but received (\d+)$)");
    if (std::smatch match; std::regex_match(what, match, repeated))
        return match[2].str() == "1"
                   ? fmt::format("{} is given {} times; it takes one value", match[1].str(), match[3].str())
                   : fmt::format("{} is given {} times; it takes at most {}", match[1].str(), match[3].str(),
                                 match[2].str());
    static const std::regex missing(R"(^(\S+): (\d+) required (\S+) missing$)");
    if (std::smatch match; std::regex_match(what, match, missing)) {
        const std::string type = match[3].str();  // "WEEKS:NON-NEGATIVE": the value's name, then CLI11's check
        return fmt::format("{} needs a value ({})", match[1].str(), type.substr(0, type.find(':')));
    }
    static const std::regex range(R"(^(\S+): Value (.*) not in range (\S+) to (\S+)$)");
    if (std::smatch match; std::regex_match(what, match, range))
        return fmt::format("{}: must be a number from {} to {}, not '{}'", match[1].str(), match[3].str(),
                           match[4].str(), match[2].str());
    return what;
}
}  // namespace

namespace {
// Each solve allocates and frees the solver's arrays (megabytes at a time);
// with glibc's defaults every free hands the top of the heap back and the next
// solve faults it in again, which cost a sixth of the time of `options` on
// 10,000 credentials. Freed memory up to these sizes stays with the process.
void keep_freed_memory() {
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}
}  // namespace

int run(int argc, char** argv) {
    const InterruptWatch interrupts;  // first: threads started later inherit its signal mask
    keep_freed_memory();
    CLI::App app{"credpath: plan stackable-credential pathways from YAML catalogs", "credpath"};
    // First: subcommands take the formatter and the help flag as they are made.
    app.formatter(help_formatter(exit_codes_footer()));
    app.set_help_flag("-h,--help", "Show this help and exit");
    app.set_version_flag("--version", std::string("credpath ") + CREDPATH_VERSION, "Show the version and exit");
    app.require_subcommand(1);
    app.fallthrough(false);
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
    add_completion(app, action, context);
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
            fmt::print(stderr, "credpath: error: {}\n", usage_message(error, app, argc, argv));
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
