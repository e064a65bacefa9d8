// credpath validate: check catalogs and list every fault.
#include <fmt/format.h>
#include <unistd.h>

#include "cli/cli.hpp"

namespace credpath::cli {

namespace {
struct ValidateOptions {
    std::vector<std::string> catalogs;
    std::string format = "text";
    bool quiet = false;
    bool werror = false;
    std::string output;
};
}  // namespace

void add_validate(CLI::App& app, Action& action) {
    auto options = std::make_shared<ValidateOptions>();
    CLI::App* command = app.add_subcommand("validate", "Check catalogs and list every fault with file:line:col");
    add_catalog_option(*command, options->catalogs);
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json", "github"}))
        ->capture_default_str();
    command->add_flag("-q,--quiet", options->quiet,
                      "Print errors only: no warnings (unless --werror), no summary");
    add_output_option(*command, options->output);
    command->add_flag("--werror", options->werror, "Warnings fail the check too: exit 1 when there is any");
    command->callback([options, &action] {
        action = [options] {
            open_result_output(options->output, [&] { return catalog_inputs(options->catalogs); });
            LoadResult loaded = load_catalog(catalog_paths(options->catalogs), load_limits());
            // A file that cannot be read is no answer about the catalog: exit 2.
            std::vector<Diagnostic> unreadable;
            for (const Diagnostic& d : loaded.diagnostics)
                if (d.code == "io") unreadable.push_back(d);
            if (!unreadable.empty())
                throw InputError{fmt::format("cannot read the catalog ({} {})", unreadable.size(),
                                             unreadable.size() == 1 ? "path" : "paths"),
                                 std::move(unreadable)};
            const ValidationSummary summary{loaded.catalog.files.size(), loaded.catalog.credentials.size()};
            CheckedCatalog checked = check_catalog(std::move(loaded));
            // With --werror the warnings fail the check, so --quiet keeps them.
            const bool with_warnings = !options->quiet || options->werror;
            if (options->format == "json") {
                write_result(render_validation_json(checked.diagnostics, summary, options->werror));
            } else if (options->format == "github") {
                // Workflow commands only: GitHub shows each as an annotation on its line.
                write_result(render_validation_github(checked.diagnostics, with_warnings));
            } else {
                std::string out = render_diagnostics_text(checked.diagnostics, result_style(), with_warnings);
                if (!options->quiet) out += render_validation_summary(checked.diagnostics, summary, options->werror);
                write_result(out);
            }
            const bool failed = !checked.ok() || (options->werror && !checked.diagnostics.empty());
            return failed ? 1 : 0;
        };
    });
}

}  // namespace credpath::cli
