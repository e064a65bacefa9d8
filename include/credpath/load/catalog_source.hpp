// Where a command's catalog comes from, and the one way it is loaded: the
// `-c` paths, else $CREDPATH_CATALOG, else the bundled catalogs, expanded
// once, read through the compiled image cache when it can, checked.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "credpath/load/check.hpp"
#include "credpath/load/loader.hpp"
#include "credpath/model/rates.hpp"

namespace credpath {

// How a catalog is read: explicit settings, never process state.
struct CatalogSettings {
    std::vector<std::string> paths;  // -c as given (files or folders); empty: the default below
    std::string cache_dir;           // "" = $XDG_CACHE_HOME/credpath
    bool no_cache = false;           // neither use nor write a compiled image
    LoadLimits limits;
    // Money and credits across files (rates.hpp): the rates file (--rates,
    // "" = none) and the currency and unit to show ("" = the first file's).
    std::string rates_path;
    std::string currency;
    std::string credit_unit;
    // Hears how a load from YAML goes, in bytes (see load_catalog_files).
    ProgressCallback progress;
};

// What a query needs of a catalog, so that a cached catalog can be read in part:
// these credentials, the credentials teaching these skills, and all they draw
// on. `whole` asks for everything.
struct CatalogScope {
    bool whole = true;
    std::vector<std::string> ids;
    std::vector<std::string> skills;
};

// How a load went, for --verbose.
struct LoadInfo {
    std::size_t catalog_size = 0;  // credentials in the catalog
    std::size_t loaded = 0;        // credentials read (fewer for a scoped cache hit)
    bool from_cache = false;
};

class CatalogSource {
public:
    // Chooses the paths (settings.paths, else $CREDPATH_CATALOG, else the first
    // folder of `bundled` that exists; InputError when there is none) and
    // expands the folders among them, once. Reads the rates file, if any
    // (InputError with its faults).
    CatalogSource(CatalogSettings settings, const std::vector<std::string>& bundled);

    const std::vector<std::string>& paths() const { return paths_; }
    // Every file the catalog is read from, and the paths themselves: what an
    // output file must never replace.
    std::vector<std::string> inputs() const;
    const LoadLimits& limits() const { return settings_.limits; }
    const Conversion& conversion() const { return conversion_; }

    // Loads and checks the catalog. Faults end the command: InputError with
    // every diagnostic ("invalid catalog: N faults"). Through the compiled
    // image cache when it can: a hit skips the YAML, and with a scope reads
    // only the cone of the scope's credentials. A conversion (--rates,
    // --currency, --credit-unit) reads the YAML: images hold one file's terms.
    CheckedCatalog load_valid(const CatalogScope& scope = {});
    // Loads it, faults and all, without the cycle check (validate counts what
    // was read before checking it).
    LoadResult load() const;
    // Loads and checks it, faults and all.
    CheckedCatalog load_checked() const;
    // How the last load_valid() went.
    const LoadInfo& last_load() const { return last_load_; }
    // The files of the folders given that were left out, not being catalogs
    // (warnings; load() reports them too).
    const std::vector<Diagnostic>& skipped() const { return skipped_; }

private:
    CheckedCatalog load_and_cache(const std::string& image_path);

    CatalogSettings settings_;
    Conversion conversion_;
    std::vector<std::string> paths_;
    std::vector<std::string> files_;
    std::vector<Diagnostic> expansion_faults_;  // missing paths, said by the load as always
    std::vector<Diagnostic> skipped_;
    LoadInfo last_load_;
};

}  // namespace credpath
