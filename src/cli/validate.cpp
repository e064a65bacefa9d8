// credpath validate: check catalogs and list every fault.
#include <fmt/format.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"

namespace credpath::cli {

namespace {
struct ValidateOptions {
    std::string format;
    bool quiet = false;
    bool werror = false;
    std::string output;
};
}  // namespace

void add_validate(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<ValidateOptions>();
    CLI::App* command = app.add_subcommand("validate", "Check catalogs and list every fault with file:line:col");
    add_catalog_option(*command, context.catalog);
    add_format_option(*command, options->format, formats::validate);
    command->add_flag("-q,--quiet", options->quiet,
                      "Print errors only: no warnings (unless --werror), no summary");
    add_output_option(*command, options->output, context);
    command->add_flag("--werror", options->werror, "Warnings fail the check too: exit 1 when there is any");
    set_examples(*command, {"credpath validate", "credpath validate -c catalogs/data-ai.yaml --format json",
                            "credpath validate -c catalogs --werror --quiet"});
    command->callback([options, &action, &context] {
        action = [options, &context] {
            context.quiet = options->quiet;
            const CatalogSource source = catalog_source(context, false);
            context.output.open(options->output, [&] { return source.inputs(); });
            LoadResult loaded = source.load();
            // A file that cannot be read is no answer about the catalog: exit 2.
            std::vector<Diagnostic> unreadable;
            for (const Diagnostic& d : loaded.diagnostics)
                if (d.code == "io") unreadable.push_back(d);
            if (!unreadable.empty())
                throw InputError{fmt::format("cannot read the catalog ({})", plural(unreadable.size(), "path", "paths")),
                                 std::move(unreadable)};
            const ValidationSummary summary{loaded.catalog.files.size(), loaded.catalog.credentials.size()};
            CheckedCatalog checked = check_catalog(std::move(loaded));
            // With --werror the warnings fail the check, so --quiet keeps them.
            const bool with_warnings = !options->quiet || options->werror;
            if (options->format == "json") {
                context.output.write(render_validation_json(checked.diagnostics, summary, options->werror));
            } else if (options->format == "github") {
                // Workflow commands only: GitHub shows each as an annotation on its line.
                context.output.write(render_validation_github(checked.diagnostics, with_warnings));
            } else {
                std::string out = render_diagnostics_text(checked.diagnostics, context.output.style(), with_warnings);
                if (!options->quiet) out += render_validation_summary(checked.diagnostics, summary, options->werror);
                context.output.write(out);
            }
            const bool failed = !checked.ok() || (options->werror && !checked.diagnostics.empty());
            return exit_code(failed ? ExitCode::NoAnswer : ExitCode::Success);
        };
    });
}

}  // namespace credpath::cli
