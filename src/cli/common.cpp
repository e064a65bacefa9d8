#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <algorithm>
#include <mutex>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include "cli/cli.hpp"
#include "cli/interrupt.hpp"
#include "credpath/catalog_cache.hpp"

namespace credpath::cli {

namespace fs = std::filesystem;

namespace {
// The bundled catalogs: installed beside the binary, else the source tree's.
std::string bundled_catalogs() {
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        const fs::path installed = self.parent_path().parent_path() / "share" / "credpath" / "catalogs";
        if (fs::is_directory(installed, error)) return installed.string();
    }
#ifdef CREDPATH_INSTALLED_CATALOGS
    if (fs::is_directory(CREDPATH_INSTALLED_CATALOGS, error)) return CREDPATH_INSTALLED_CATALOGS;
#endif
#ifdef CREDPATH_SOURCE_CATALOGS
    if (fs::is_directory(CREDPATH_SOURCE_CATALOGS, error)) return CREDPATH_SOURCE_CATALOGS;
#endif
    throw InputError{"no catalog given and no bundled catalogs found: use -c PATH or set CREDPATH_CATALOG", {}};
}
}  // namespace

namespace {
// One subcommand runs per process, so its cache flags live here.
struct CacheSettings {
    std::string dir;
    bool disabled = false;
} cache_settings;

LoadInfo last_load;

LoadLimits limits_setting;

// The limits that decide validity key the cache image too, so that an image
// written under larger limits is never read under smaller ones.
std::string limits_key() {
    const LoadLimits& l = limits_setting;
    if (l == LoadLimits{}) return {};
    return fmt::format("{}/{}/{}/{}/{}/{}/{}", l.max_file_bytes, l.max_depth, l.max_alias_nodes, l.max_scalar_bytes,
                       l.max_number, l.max_credentials, l.max_rule_size);
}

// A full load, then the image for next time (best effort: a cache that
// cannot be written never fails the command).
CheckedCatalog load_and_cache(const std::vector<std::string>& files, const std::optional<std::vector<SourceStamp>>& before,
                              const std::string& image_path) {
    CheckedCatalog checked = check_catalog(load_catalog(files, limits_setting));
    last_load = {checked.catalog.credentials.size(), checked.catalog.credentials.size(), false};
    if (!checked.ok() || !before || image_path.empty()) return checked;
    std::vector<SourceStamp> stamps = *before;
    for (SourceStamp& stamp : stamps) {
        auto hash = hash_file(stamp.path);
        if (!hash) return checked;
        stamp.hash = *hash;
    }
    // A file changed while it was read: its image could mix two versions.
    const auto after = stamp_files(files);
    if (!after) return checked;
    for (std::size_t i = 0; i < stamps.size(); ++i)
        if ((*after)[i].size != stamps[i].size || (*after)[i].mtime_ns != stamps[i].mtime_ns) return checked;
    write_catalog_image(checked.catalog, stamps, image_path);
    return checked;
}

CheckedCatalog valid_or_throw(CheckedCatalog checked) {
    if (!checked.ok()) {
        const std::size_t errors = count_errors(checked.diagnostics);
        throw InputError{fmt::format("invalid catalog: {} {} (run `credpath validate` for the full report)", errors,
                                     errors == 1 ? "fault" : "faults"),
                         std::move(checked.diagnostics)};
    }
    return checked;
}

// The part of an image a scoped query needs, or nullopt when some name is not
// in it (then the whole catalog is loaded, so that messages are the same).
std::optional<std::vector<std::uint32_t>> scoped_subset(const CatalogImage& image, const CatalogScope& scope) {
    if (scope.whole) return std::nullopt;
    std::vector<std::uint32_t> roots;
    for (const std::string& id : scope.ids) {
        auto index = image.find(id);
        if (!index) return std::nullopt;
        roots.push_back(*index);
    }
    for (const std::string& skill : scope.skills) {
        std::vector<std::uint32_t> teaching = image.teaching(skill);
        if (teaching.empty()) return std::nullopt;
        roots.insert(roots.end(), teaching.begin(), teaching.end());
    }
    return image.cone(roots);
}
}  // namespace

namespace {
CLI::Validator number_check(bool zero_allowed) {
    return CLI::Validator(
        [zero_allowed](std::string& input) -> std::string {
            char* end = nullptr;
            errno = 0;
            const double value = std::strtod(input.c_str(), &end);
            const bool number = !input.empty() && end == input.c_str() + input.size() && errno != ERANGE &&
                                std::isfinite(value);
            if (number && (zero_allowed ? value >= 0 : value > 0)) return {};
            return fmt::format("must be a number {}, not '{}'", zero_allowed ? "of 0 or more" : "above 0", input);
        },
        zero_allowed ? "NON-NEGATIVE" : "POSITIVE");
}
}  // namespace

const CLI::Validator positive_number = number_check(false);
const CLI::Validator non_negative_number = number_check(true);

void add_catalog_option(CLI::App& command, std::vector<std::string>& paths) {
    // One value per use, so that positional arguments after `-c PATH` stay positional.
    command.add_option("-c,--catalog", paths,
                       "Catalog file or directory (repeatable; default: $CREDPATH_CATALOG or the bundled catalogs)")
        ->allow_extra_args(false);
    command.add_option("--cache-dir", cache_settings.dir,
                       "Where compiled catalog images are kept (default: $XDG_CACHE_HOME/credpath)");
    command.add_flag("--no-cache", cache_settings.disabled, "Read the YAML; neither use nor write a compiled image");
    add_limit_options(command);
}

void add_limit_options(CLI::App& command, bool with_catalog_limits) {
    const std::string group = "Limits";
    command
        .add_option("--max-file-size", limits_setting.max_file_bytes,
                    "Largest input file to read, in bytes or with a unit (512K, 64M, 2G)")
        ->transform(CLI::AsSizeValue(false))
        ->default_str("1G")
        ->group(group);
    if (!with_catalog_limits) return;
    command.add_option("--max-credentials", limits_setting.max_credentials, "Most credentials a catalog may have")
        ->check(positive_number)
        ->capture_default_str()
        ->group(group);
    command.add_option("--max-rule-size", limits_setting.max_rule_size,
                       "Most operators and names one credential's rule may have")
        ->check(positive_number)
        ->capture_default_str()
        ->group(group);
    command.add_option("--max-alias-nodes", limits_setting.max_alias_nodes,
                       "Most YAML nodes that aliases may copy in one file")
        ->capture_default_str()
        ->group(group);
}

const LoadLimits& load_limits() { return limits_setting; }

const LoadInfo& last_catalog_load() { return last_load; }

CatalogScope plan_scope(const LearnerOptions& learner, const std::vector<std::string>& targets,
                        const std::vector<std::string>& skills) {
    CatalogScope scope;
    scope.whole = false;
    for (const auto* list : {&targets, &learner.have, &learner.exclude})
        for (std::string& id : split_list(*list)) scope.ids.push_back(std::move(id));
    scope.skills = split_list(skills);
    if (!learner.profile.empty()) {
        try {
            Profile profile = load_profile(learner.profile, limits_setting.max_file_bytes);
            for (const auto* entries : {&profile.holds, &profile.exclude})
                for (const HeldEntry& entry : *entries) {
                    // A badge may name a credential through same_as, which
                    // only the whole catalog knows.
                    if (entry.badge) return {};
                    scope.ids.push_back(entry.id);
                }
        } catch (const InputError&) {
            return {};  // reported as usual once the whole catalog is loaded
        }
    }
    return scope;
}

std::vector<std::string> catalog_paths(const std::vector<std::string>& given) {
    if (!given.empty()) return given;
    if (const char* env = std::getenv("CREDPATH_CATALOG"); env && *env) return {env};
    return {bundled_catalogs()};
}

CheckedCatalog load_valid_catalog(const std::vector<std::string>& given, const CatalogScope& scope) {
    const std::vector<std::string> paths = catalog_paths(given);
    std::vector<Diagnostic> missing;
    const std::vector<std::string> files = expand_catalog_paths(paths, missing);
    const std::string dir = cache_settings.disabled ? ""
                            : cache_settings.dir.empty() ? default_cache_dir()
                                                         : cache_settings.dir;
    auto from_yaml = [&] {
        CheckedCatalog checked = check_catalog(load_catalog(paths, limits_setting));
        last_load = {checked.catalog.credentials.size(), checked.catalog.credentials.size(), false};
        return valid_or_throw(std::move(checked));
    };
    // Missing paths and the like: the YAML loader says it as always.
    if (dir.empty() || !missing.empty() || files.empty()) return from_yaml();
    const auto stamps = stamp_files(files);
    if (!stamps) return from_yaml();
    const std::string image_path = cache_path(dir, *stamps, limits_key());
    std::optional<CatalogImage> image = CatalogImage::open(image_path);
    if (!image || !image->matches(*stamps)) return valid_or_throw(load_and_cache(files, stamps, image_path));
    // Only valid catalogs are written, so an image needs no second check. One
    // that proves inconsistent all the same (the checksum matched, the
    // content did not) is only a cache: it is rebuilt from the YAML.
    Catalog catalog;
    try {
        if (auto subset = scoped_subset(*image, scope)) {
            catalog = image->catalog(*subset);
        } else {
            catalog = image->catalog();
        }
    } catch (const InputError&) {
        image.reset();
        return valid_or_throw(load_and_cache(files, stamps, image_path));
    }
    last_load = {image->size(), catalog.credentials.size(), true};
    DependencyGraph graph(catalog);
    return CheckedCatalog{std::move(catalog), std::move(graph), {}};
}

void add_learner_options(CLI::App& command, LearnerOptions& options, bool with_exclude) {
    command.add_option("--have", options.have, "Credentials already held (comma-separated, repeatable)")
        ->allow_extra_args(false);
    command.add_option("--profile", options.profile,
                       "Learner profile: YAML, or an Open Badges 3.0 / CLR 2.0 badge wallet (JSON)")
        ->check(CLI::ExistingFile);
    command.add_option("--as-of", options.as_of, "Date for expiry, YYYY-MM-DD (default: today)");
    if (with_exclude)
        command.add_option("--exclude", options.exclude, "Credentials never to add (comma-separated, repeatable)")
            ->allow_extra_args(false);
}

Learner resolve_learner(const Catalog& catalog, const LearnerOptions& options) {
    Learner learner;
    learner.as_of = parse_as_of(options.as_of);
    std::vector<HeldEntry> holds;
    std::vector<HeldEntry> excluded;
    if (!options.profile.empty()) {
        Profile profile = load_profile(options.profile, limits_setting.max_file_bytes);
        learner.name = profile.learner;
        holds = std::move(profile.holds);
        excluded = std::move(profile.exclude);
    }
    for (const std::string& id : split_list(options.have)) holds.push_back({id, std::nullopt, "--have"});
    for (const std::string& id : split_list(options.exclude)) excluded.push_back({id, std::nullopt, "--exclude"});
    learner.holdings = resolve_holdings(catalog, holds, excluded, learner.as_of);
    // Wallets hold badges from everywhere: one the catalog does not know is
    // worth a note, never a failure.
    for (const UnmatchedBadge& badge : learner.holdings.unmatched_badges)
        fmt::print(stderr, "credpath: note: {}\n", unmatched_badge_message(badge));
    return learner;
}

std::vector<std::uint32_t> resolve_ids(const Catalog& catalog, const std::vector<std::string>& values,
                                       std::string_view option) {
    std::vector<std::uint32_t> indices;
    std::vector<std::string> problems;
    for (const std::string& id : split_list(values)) {
        if (auto index = catalog.find(id)) {
            if (std::find(indices.begin(), indices.end(), *index) == indices.end()) indices.push_back(*index);
        } else {
            problems.push_back(fmt::format("{}: {}", option, unknown_id_message(catalog, id)));
        }
    }
    if (!problems.empty()) throw InputError{fmt::format("{}", fmt::join(problems, "\n")), {}};
    return indices;
}

std::vector<std::string> resolve_skills(const Catalog& catalog, const std::vector<std::string>& values) {
    std::vector<std::string> skills;
    std::vector<std::string> problems;
    std::vector<std::string_view> known;
    for (const auto& [skill, teachers] : catalog.by_skill) known.push_back(skill);
    std::sort(known.begin(), known.end());
    for (const std::string& skill : split_list(values)) {
        if (catalog.by_skill.count(skill)) {
            if (std::find(skills.begin(), skills.end(), skill) == skills.end()) skills.push_back(skill);
            continue;
        }
        const std::string hint = nearest(skill, known);
        problems.push_back(hint.empty() ? fmt::format("--skills: no credential teaches '{}'", skill)
                                        : fmt::format("--skills: no credential teaches '{}' (did you mean '{}'?)",
                                                      skill, hint));
    }
    if (!problems.empty()) throw InputError{fmt::format("{}", fmt::join(problems, "\n")), {}};
    return skills;
}

Style style_for(int fd) {
    Style style;
    style.terminal = isatty(fd) == 1;
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    style.color = style.terminal && !(no_color && *no_color) && !(term && std::strcmp(term, "dumb") == 0);
    return style;
}

std::vector<std::string> split_list(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const std::string& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t end = value.find(',', start);
            if (end == std::string::npos) end = value.size();
            std::string item = value.substr(start, end - start);
            const auto first = item.find_first_not_of(" \t");
            const auto last = item.find_last_not_of(" \t");
            if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
            start = end + 1;
        }
    }
    return out;
}

Date parse_as_of(const std::string& text) {
    if (text.empty()) return today();
    if (auto date = parse_date(text)) return *date;
    throw InputError{fmt::format("--as-of '{}' {}", text, date_problem(text)), {}};
}

namespace {
OutputFile result_file;

struct WatchedOutput {
    OutputFile* file;
    bool keep;
};
std::mutex watched_mutex;
std::vector<WatchedOutput> watched;

// On the interrupt watcher's thread, just before the process ends.
std::string abandon_outputs() {
    const std::lock_guard lock(watched_mutex);
    std::vector<std::string> notes;
    for (const WatchedOutput& output : watched) {
        const std::string partial = output.file->abandon(output.keep);
        if (!partial.empty())
            notes.push_back(fmt::format("{} ({} is as it was)", partial, output.file->path()));
    }
    return notes.empty() ? "" : fmt::format(": the answers so far are kept in {}", fmt::join(notes, " and "));
}
}  // namespace

void watch_output(OutputFile& file, bool keep) {
    const std::lock_guard lock(watched_mutex);
    watched.push_back({&file, keep});
    set_interrupt_cleanup(abandon_outputs);
}

void unwatch_output(OutputFile& file) {
    const std::lock_guard lock(watched_mutex);
    std::erase_if(watched, [&](const WatchedOutput& output) { return output.file == &file; });
}

void add_output_option(CLI::App& command, std::string& path) {
    command
        .add_option("-o,--output", path,
                    "Write the result to FILE instead of standard output; FILE is replaced only once the command "
                    "has its answer")
        ->type_name("FILE");
}

std::vector<std::string> catalog_inputs(const std::vector<std::string>& given) {
    const std::vector<std::string> paths = catalog_paths(given);
    std::vector<Diagnostic> missing;  // reported by the load, as always
    std::vector<std::string> files = expand_catalog_paths(paths, missing);
    files.insert(files.end(), paths.begin(), paths.end());
    return files;
}

std::vector<std::string> learner_inputs(const std::vector<std::string>& catalogs, const LearnerOptions& learner) {
    std::vector<std::string> inputs = catalog_inputs(catalogs);
    if (!learner.profile.empty()) inputs.push_back(learner.profile);
    return inputs;
}

std::vector<std::string> request_profiles(const std::vector<RequestLine>& lines, const std::string& profile_dir) {
    std::vector<std::string> profiles;
    for (const RequestLine& line : lines)
        if (std::string path = request_profile_path(line.request, profile_dir); !path.empty())
            profiles.push_back(std::move(path));
    return profiles;
}

void open_result_output(const std::string& path, const std::function<std::vector<std::string>()>& inputs,
                        bool keep_partial) {
    if (path.empty() || path == "-") return;
    refuse_input_overwrite(path, inputs());
    result_file.open(path);
    watch_output(result_file, keep_partial);
}

OutputFile* result_output() { return result_file.is_open() ? &result_file : nullptr; }

void write_result(std::string_view text) {
    if (result_file.is_open()) {
        result_file.write(text);
        return;
    }
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
        throw InputError{fmt::format("cannot write the output: {}", std::strerror(errno)), {}};
}

Style result_style() { return result_file.is_open() ? Style{} : style_for(STDOUT_FILENO); }

// Watched until done: an interrupt meanwhile waits for the file's lock.
void commit_result_output() {
    result_file.commit();  // when it fails, the temporary is gone already
    unwatch_output(result_file);
}

void discard_result_output() {
    result_file.discard();
    unwatch_output(result_file);
}

void print_errors(const std::vector<Diagnostic>& diagnostics) {
    const Style style = style_for(STDERR_FILENO);
    for (const Diagnostic& d : diagnostics)
        if (d.severity == Severity::Error)
            fmt::print(stderr, "{}", render_diagnostics_text({d}, style));
}

}  // namespace credpath::cli
