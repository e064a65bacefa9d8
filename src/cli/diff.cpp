// credpath diff: compare two versions of a catalog, and what the change does to
// the plans of a set of requests.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "credpath/diff.hpp"
#include "credpath/render_diff.hpp"
#include "credpath/requests.hpp"

namespace credpath::cli {

namespace {
struct DiffOptions {
    std::string before;
    std::string after;
    std::string format = "text";
    std::string requests;
    std::string as_of;
    double time_limit = 300;
    std::string output;
};

// One side, loaded and checked like a -c path: faults end the command (exit 2).
CheckedCatalog load_side(const std::string& path, std::string_view which) {
    CheckedCatalog checked = check_catalog(load_catalog({path}, load_limits()));
    if (!checked.ok()) {
        const std::size_t errors = count_errors(checked.diagnostics);
        const bool unreadable =
            std::all_of(checked.diagnostics.begin(), checked.diagnostics.end(),
                        [](const Diagnostic& d) { return d.severity != Severity::Error || d.code == "io"; });
        if (unreadable)
            throw InputError{fmt::format("cannot read the {} catalog {}", which, path), std::move(checked.diagnostics)};
        throw InputError{fmt::format("invalid {} catalog {}: {} {} (run `credpath validate -c {}` for the full report)",
                                     which, path, errors, errors == 1 ? "fault" : "faults", path),
                         std::move(checked.diagnostics)};
    }
    return checked;
}

int run_diff(const DiffOptions& options) {
    ResolveOptions resolve;
    resolve.as_of = parse_as_of(options.as_of);  // a bad date fails before anything loads
    resolve.time_limit_seconds = options.time_limit;
    resolve.max_file_bytes = load_limits().max_file_bytes;
    std::vector<RequestLine> lines;
    if (!options.requests.empty()) {
        lines = read_requests_file(options.requests, load_limits().max_file_bytes);
        // A relative profile in a request is read beside the requests file.
        resolve.profile_dir = std::filesystem::path(options.requests).parent_path().string();
    }
    open_result_output(options.output, [&] {
        std::vector<std::string> inputs = catalog_inputs({options.before, options.after});
        inputs.push_back(options.requests);
        for (std::string& profile : request_profiles(lines, resolve.profile_dir)) inputs.push_back(std::move(profile));
        return inputs;
    });
    const CheckedCatalog before = load_side(options.before, "old");
    const CheckedCatalog after = load_side(options.after, "new");

    const CatalogDiff catalog = diff_catalogs(before.catalog, after.catalog);
    std::optional<RequestsDiff> requests;
    if (!options.requests.empty()) requests = diff_requests(before, after, lines, resolve);

    DiffView view{before.catalog, after.catalog, options.before, options.after, catalog, nullptr, options.requests};
    if (requests) view.requests = &*requests;
    if (options.format == "json") write_result(render_diff_json(view));
    else if (options.format == "markdown") write_result(render_diff_markdown(view));
    else write_result(render_diff_text(view, result_style()));

    if (requests && requests->any_error()) return 2;
    if (requests && requests->any_worse()) return 1;
    return 0;
}
}  // namespace

void add_diff(CLI::App& app, Action& action) {
    auto options = std::make_shared<DiffOptions>();
    CLI::App* command = app.add_subcommand(
        "diff", "Compare two versions of a catalog: credentials added, removed and changed, and plans made worse");
    command->add_option("OLD", options->before, "The old catalog (file or directory)")->required();
    command->add_option("NEW", options->after, "The new catalog (file or directory)")->required();
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json", "markdown"}))
        ->capture_default_str();
    command->add_option("--requests", options->requests,
                        "Plan requests, one JSON object per line: plan each against both catalogs and compare")
        ->check(CLI::ExistingFile);
    command->add_option("--as-of", options->as_of,
                        "Date for expiry in requests without their own as_of, YYYY-MM-DD (default: today)");
    command->add_option("--time-limit", options->time_limit, "Seconds the solver may spend per solve")
        ->check(positive_number)
        ->capture_default_str();
    add_limit_options(*command);
    add_output_option(*command, options->output);
    command->callback([options, &action] { action = [options] { return run_diff(*options); }; });
}

}  // namespace credpath::cli
