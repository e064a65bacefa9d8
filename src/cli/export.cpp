// credpath export ctdl: a catalog out as CTDL JSON-LD.
#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "credpath/report/render_ctdl.hpp"

namespace credpath::cli {

namespace {
struct ExportOptions {
    std::string output;
};

int run_export(const ExportOptions& options, Context& context) {
    const CatalogSource source = catalog_source(context);
    context.output.open(options.output, [&] { return source.inputs(); });
    CatalogSource loading = source;
    const CheckedCatalog checked = loading.load_valid();
    std::vector<std::string> notes;
    context.output.write(render_catalog_ctdl(checked.catalog, &notes));
    // What CTDL cannot say is named, never dropped unseen.
    for (const std::string& note : notes) fmt::print(stderr, "credpath: note: {}\n", note);
    return exit_code(ExitCode::Success);
}
}  // namespace

void add_export(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<ExportOptions>();
    CLI::App* command = app.add_subcommand("export", "Write a catalog in other formats");
    command->require_subcommand(1);
    CLI::App* ctdl = command->add_subcommand(
        "ctdl", "Write the catalog as CTDL JSON-LD (a compact @graph) that `import ctdl` reads back");
    add_catalog_option(*ctdl, context.catalog);
    add_output_option(*ctdl, options->output, context);
    set_examples(*ctdl, {"credpath export ctdl -c tests/data/caps/transfer.yaml"});
    set_examples(*command, {"credpath export ctdl -c tests/data/caps/transfer.yaml"});
    ctdl->callback([options, &action, &context] {
        action = [options, &context] { return run_export(*options, context); };
    });
}

}  // namespace credpath::cli
