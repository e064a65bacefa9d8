// credpath import ctdl: CTDL JSON-LD in, a credpath/1 catalog out.
#include <fmt/format.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "cli/progress.hpp"
#include "credpath/load/catalog_writer.hpp"
#include "credpath/load/check.hpp"
#include "credpath/load/ctdl.hpp"
#include "credpath/load/rates.hpp"

namespace credpath::cli {

namespace {
struct ImportOptions {
    std::vector<std::string> paths;
    std::string external = "warn";
    std::string rates;
    std::string output;
};

int run_import(const ImportOptions& options, Context& context) {
    context.output.open(options.output, [&] {
        std::vector<std::string> inputs = options.paths;
        if (!options.rates.empty()) inputs.push_back(options.rates);
        return inputs;
    });
    CtdlOptions ctdl;
    ctdl.external_is_error = options.external == "error";
    if (!options.rates.empty()) ctdl.rates = load_rates(options.rates, context.catalog.limits.max_file_bytes);
    ProgressBar progress("import", progress_allowed(context.quiet));
    ctdl.progress = progress.callback();
    CtdlImport imported = import_ctdl_files(options.paths, ctdl, context.catalog.limits);
    progress.finish();
    const CtdlSummary summary = imported.summary;
    CheckedCatalog checked = check_catalog(load_ctdl_import(std::move(imported), context.catalog.limits));
    const Style style = style_for(STDERR_FILENO);
    fmt::print(stderr, "{}", render_diagnostics_text(checked.diagnostics, style, true));
    const std::string tally = fmt::format(
        "read {} and {}: {} mapped, {} kept as manual checks, {} external, {} of no mapped type",
        plural(summary.documents, "document", "documents"), plural(summary.nodes, "resource", "resources"),
        format_count(summary.mapped), format_count(summary.manual), format_count(summary.external),
        format_count(summary.ignored));
    if (!checked.ok())
        throw InputError{fmt::format("cannot import: {} ({})", plural(count_errors(checked.diagnostics), "fault", "faults"),
                                     tally),
                         {}};
    Catalog& catalog = checked.catalog;
    if (catalog.name.empty()) catalog.name = "Imported from CTDL";
    std::vector<std::string> comments;
    for (const Credential& c : catalog.credentials)
        comments.push_back(c.loc.file < catalog.files.size()
                               ? fmt::format("{} {}:{}:{}", c.external ? "referenced at" : "from",
                                             catalog.files[c.loc.file], c.loc.line, c.loc.column)
                               : std::string());
    const std::vector<std::string> header{
        "Imported by `credpath import ctdl` from CTDL JSON-LD; each credential keeps its CTID in same_as.",
        "A comment above each credential names the node it was made from."};
    context.output.write(catalog_to_yaml(catalog, header, comments));
    fmt::print(stderr, "credpath: {}\n", tally);
    return exit_code(ExitCode::Success);
}
}  // namespace

void add_import(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<ImportOptions>();
    CLI::App* import = app.add_subcommand("import", "Bring credential data from other formats into a catalog");
    import->require_subcommand(1);
    CLI::App* ctdl = import->add_subcommand(
        "ctdl", "Read CTDL JSON-LD (Credential Registry records, @graph documents, expanded JSON-LD, folders of "
                "them) and write a credpath/1 catalog");
    ctdl->add_option("path", options->paths, "CTDL files (.json, .jsonld) or folders of them")->required()->type_name("PATH");
    ctdl->add_option("--external", options->external,
                     "A reference to a resource not in the input: warn (kept as an external credential) or error")
        ->type_name("WHAT")
        ->check(CLI::IsMember({"warn", "error"}))
        ->default_str("warn");
    ctdl->add_option("--rates", options->rates,
                     "Rates file (credpath-rates/1): prices in another currency than the first one met are "
                     "converted with it (else left out)")
        ->type_name("FILE");
    add_output_option(*ctdl, options->output, context);
    set_examples(*ctdl, {"credpath import ctdl tests/data/ctdl/data-certificate.jsonld",
                         "credpath import ctdl tests/data/ctdl/bulk.zip --external error"});
    set_examples(*import, {"credpath import ctdl tests/data/ctdl/data-certificate.jsonld"});
    ctdl->callback([options, &action, &context] {
        action = [options, &context] { return run_import(*options, context); };
    });
}

}  // namespace credpath::cli
