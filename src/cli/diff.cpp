// credpath diff: compare two versions of a catalog, and what the change does to
// the plans of a set of requests.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "cli/help.hpp"
#include "credpath/jobs/diff.hpp"
#include "credpath/report/render_diff.hpp"
#include "credpath/load/requests.hpp"

namespace credpath::cli {

namespace {
struct DiffOptions {
    std::string before;
    std::string after;
    std::string format;
    std::string requests;
    RequestFlags defaults;  // for requests without their own
    std::string output;
};

// One side, loaded and checked like a -c path: faults end the command (exit 2).
CheckedCatalog load_side(const CatalogSource& source, const std::string& path, std::string_view which) {
    CheckedCatalog checked = source.load_checked();
    if (!checked.ok()) {
        const std::size_t errors = count_errors(checked.diagnostics);
        const bool unreadable =
            std::all_of(checked.diagnostics.begin(), checked.diagnostics.end(),
                        [](const Diagnostic& d) { return d.severity != Severity::Error || d.code == "io"; });
        if (unreadable)
            throw InputError{fmt::format("cannot read the {} catalog {}", which, path), std::move(checked.diagnostics)};
        throw InputError{fmt::format("invalid {} catalog {}: {} (run `credpath validate -c {}` for the full report)",
                                     which, path, plural(errors, "fault", "faults"), path),
                         std::move(checked.diagnostics)};
    }
    return checked;
}

// One side of the comparison: that path alone, read without the cache.
CatalogSource side_source(const Context& context, const std::string& path) {
    CatalogSettings settings;
    settings.paths = {path};
    settings.no_cache = true;
    settings.limits = context.catalog.limits;
    settings.progress = load_progress(context);
    return CatalogSource(std::move(settings), {});
}

int run_diff(const DiffOptions& options, Context& context) {
    const Request defaults = request_from_flags(options.defaults);  // a bad date fails before anything loads
    const WalletTrust trust = trust_from_flags(options.defaults, context);
    ResolveContext resolve;
    resolve.trust = &trust;
    resolve.today = today();
    resolve.max_file_bytes = context.catalog.limits.max_file_bytes;
    std::vector<RequestLine> lines;
    if (!options.requests.empty()) {
        lines = read_requests_file(options.requests, context.catalog.limits.max_file_bytes);
        // A relative profile in a request is read beside the requests file.
        resolve.profile_dir = std::filesystem::path(options.requests).parent_path().string();
    }
    const CatalogSource old_source = side_source(context, options.before);
    const CatalogSource new_source = side_source(context, options.after);
    context.output.open(options.output, [&] {
        std::vector<std::string> inputs = old_source.inputs();
        for (std::string& input : new_source.inputs()) inputs.push_back(std::move(input));
        inputs.push_back(options.requests);
        for (std::string& profile : request_profiles(lines, resolve.profile_dir)) inputs.push_back(std::move(profile));
        return inputs;
    });
    const CheckedCatalog before = load_side(old_source, options.before, "old");
    const CheckedCatalog after = load_side(new_source, options.after, "new");

    const CatalogDiff catalog = diff_catalogs(before.catalog, after.catalog);
    std::optional<RequestsDiff> requests;
    if (!options.requests.empty()) requests = diff_requests(before, after, lines, defaults, resolve);

    DiffView view{before.catalog, after.catalog, options.before, options.after, catalog, nullptr, options.requests};
    if (requests) view.requests = &*requests;
    const Format format = *format_from_string(options.format);
    if (format == Format::Json) context.output.write(render_diff_json(view));
    else if (format == Format::Markdown) context.output.write(render_diff_markdown(view));
    else context.output.write(render_diff_text(view, context.output.style()));

    if (requests && requests->any_error()) return exit_code(ExitCode::CannotAnswer);
    if (requests && requests->any_worse()) return exit_code(ExitCode::NoAnswer);
    return exit_code(ExitCode::Success);
}
}  // namespace

void add_diff(CLI::App& app, Action& action, Context& context) {
    auto options = std::make_shared<DiffOptions>();
    CLI::App* command = app.add_subcommand(
        "diff", "Compare two versions of a catalog: credentials added, removed and changed, and plans made worse");
    command->add_option("OLD", options->before, "The old catalog (file or directory)")->required();
    command->add_option("NEW", options->after, "The new catalog (file or directory)")->required();
    add_format_option(*command, options->format, formats::diff);
    command->add_option("--requests", options->requests,
                        "Plan requests, one JSON object per line: plan each against both catalogs and compare")
        ->type_name("FILE")
        ->check(CLI::ExistingFile);
    add_request_defaults(*command, options->defaults);
    add_limit_options(*command, context.catalog.limits);
    add_output_option(*command, options->output, context);
    set_examples(*command, {"credpath diff tests/data/diff/old tests/data/diff/new",
                            "credpath diff tests/data/diff/old tests/data/diff/new --format markdown"});
    command->callback([options, &action, &context] {
        action = [options, &context] { return run_diff(*options, context); };
    });
}

}  // namespace credpath::cli
