#include "credpath/load/catalog_source.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <optional>

#include "credpath/load/catalog_cache.hpp"
#include "credpath/load/rates.hpp"
#include "loader_support.hpp"

namespace credpath {

namespace fs = std::filesystem;

namespace {
std::vector<std::string> chosen_paths(const std::vector<std::string>& given, const std::vector<std::string>& bundled) {
    if (!given.empty()) return given;
    if (const char* env = std::getenv("CREDPATH_CATALOG"); env && *env) return {env};
    std::error_code error;
    for (const std::string& dir : bundled)
        if (!dir.empty() && fs::is_directory(dir, error)) return {dir};
    throw InputError{"no catalog given and no bundled catalogs found: use -c PATH or set CREDPATH_CATALOG", {}};
}

// The limits that decide validity key the cache image too, so that an image
// written under larger limits is never read under smaller ones.
std::string limits_key(const LoadLimits& l) {
    if (l == LoadLimits{}) return {};
    return fmt::format("{}/{}/{}/{}/{}/{}/{}", l.max_file_bytes, l.max_depth, l.max_alias_nodes, l.max_scalar_bytes,
                       l.max_number, l.max_credentials, l.max_rule_size);
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

Conversion conversion_of(const CatalogSettings& settings) {
    Conversion conversion;
    if (!settings.currency.empty() && !valid_currency(settings.currency))
        throw InputError{fmt::format("--currency '{}' is not an ISO 4217 code such as USD or EUR",
                                     printable(settings.currency)),
                         {}};
    if (!settings.credit_unit.empty() && unit_key(settings.credit_unit).empty())
        throw InputError{"--credit-unit is empty", {}};
    conversion.currency = settings.currency;
    conversion.credit_unit = settings.credit_unit;
    if (!settings.rates_path.empty()) conversion.rates = load_rates(settings.rates_path, settings.limits.max_file_bytes);
    return conversion;
}
}  // namespace

CatalogSource::CatalogSource(CatalogSettings settings, const std::vector<std::string>& bundled)
    : settings_(std::move(settings)),
      conversion_(conversion_of(settings_)),
      paths_(chosen_paths(settings_.paths, bundled)) {
    files_ = expand_catalog_paths(paths_, expansion_faults_);
    // Left-out files are no reason to bypass the image cache: kept apart.
    const auto kept = std::stable_partition(expansion_faults_.begin(), expansion_faults_.end(),
                                            [](const Diagnostic& d) { return d.code != kSkippedFile; });
    skipped_.assign(std::make_move_iterator(kept), std::make_move_iterator(expansion_faults_.end()));
    expansion_faults_.erase(kept, expansion_faults_.end());
    // A rates file kept beside the catalogs it converts is not a catalog.
    if (!settings_.rates_path.empty()) {
        std::error_code error;
        std::erase_if(files_, [&](const std::string& file) { return fs::equivalent(file, settings_.rates_path, error); });
        std::erase_if(skipped_, [&](const Diagnostic& d) { return fs::equivalent(d.file, settings_.rates_path, error); });
    }
}

std::vector<std::string> CatalogSource::inputs() const {
    std::vector<std::string> inputs = files_;
    inputs.insert(inputs.end(), paths_.begin(), paths_.end());
    if (!settings_.rates_path.empty()) inputs.push_back(settings_.rates_path);
    return inputs;
}

LoadResult CatalogSource::load() const {
    std::vector<Diagnostic> faults = expansion_faults_;
    faults.insert(faults.end(), skipped_.begin(), skipped_.end());
    return load_catalog_files(files_, std::move(faults), settings_.limits, nullptr, conversion_, settings_.progress);
}

CheckedCatalog CatalogSource::load_checked() const { return check_catalog(load()); }

// A full load, then the image for next time (best effort: a cache that
// cannot be written never fails the command).
CheckedCatalog CatalogSource::load_and_cache(const std::string& image_path) {
    const auto before = stamp_files(files_);
    // The files are hashed as they are parsed: each is read once.
    std::vector<std::optional<std::uint64_t>> hashes;
    CheckedCatalog checked =
        check_catalog(load_catalog_files(files_, expansion_faults_, settings_.limits, &hashes, {}, settings_.progress));
    last_load_ = {checked.catalog.credentials.size(), checked.catalog.credentials.size(), false};
    if (!checked.ok() || !before || image_path.empty()) return checked;
    std::vector<SourceStamp> stamps = *before;
    for (std::size_t i = 0; i < stamps.size(); ++i) {
        if (!hashes[i]) return checked;
        stamps[i].hash = *hashes[i];
    }
    // A file changed while it was read: its image could mix two versions.
    const auto after = stamp_files(files_);
    if (!after) return checked;
    for (std::size_t i = 0; i < stamps.size(); ++i)
        if ((*after)[i].size != stamps[i].size || (*after)[i].mtime_ns != stamps[i].mtime_ns) return checked;
    write_catalog_image(checked.catalog, stamps, image_path);
    return checked;
}

CheckedCatalog CatalogSource::load_valid(const CatalogScope& scope) {
    const std::string dir = settings_.no_cache             ? ""
                            : settings_.cache_dir.empty() ? default_cache_dir()
                                                          : settings_.cache_dir;
    auto from_yaml = [&] {
        CheckedCatalog checked = load_checked();
        last_load_ = {checked.catalog.credentials.size(), checked.catalog.credentials.size(), false};
        return valid_or_throw(std::move(checked));
    };
    // Missing paths and the like: the YAML loader says it as always.
    if (dir.empty() || !expansion_faults_.empty() || files_.empty() || conversion_.asked()) return from_yaml();
    const auto stamps = stamp_files(files_);
    if (!stamps) return from_yaml();
    const std::string image_path = cache_path(dir, *stamps, limits_key(settings_.limits));
    std::optional<CatalogImage> image = CatalogImage::open(image_path);
    if (!image || !image->matches(*stamps)) return valid_or_throw(load_and_cache(image_path));
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
        return valid_or_throw(load_and_cache(image_path));
    }
    last_load_ = {image->size(), catalog.credentials.size(), true};
    DependencyGraph graph(catalog);
    return CheckedCatalog{std::move(catalog), std::move(graph), {}};
}

}  // namespace credpath
