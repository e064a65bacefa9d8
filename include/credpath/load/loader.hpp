// Reads catalogs and learner profiles from YAML. The only user of yaml-cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/model/diagnostic.hpp"
#include "credpath/model/model.hpp"
#include "credpath/model/progress.hpp"
#include "credpath/model/rates.hpp"

namespace credpath {

// Caps on what one load may cost, so hostile input fails fast and clearly.
// The CLI can raise those a real catalog could need more of (--max-file-size,
// --max-credentials, --max-rule-size, --max-alias-nodes); the others are fixed.
struct LoadLimits {
    std::uint64_t max_file_bytes = 1ull << 30;    // 1 GiB per file
    std::uint32_t max_depth = 128;                // nesting of YAML collections
    std::uint64_t max_alias_nodes = 1'000'000;    // nodes copied by alias expansion, per file
    std::uint64_t max_scalar_bytes = 1u << 20;    // one string value
    double max_number = 1e12;                     // cost, hours, weeks, credits
    std::uint64_t max_credentials = 10'000'000;   // in all files together
    std::uint64_t max_rule_size = 10'000;         // operators and names in one credential's rule

    bool operator==(const LoadLimits&) const = default;
};

struct LoadResult {
    Catalog catalog;
    std::vector<Diagnostic> diagnostics;  // sorted; errors and warnings
    bool ok() const { return count_errors(diagnostics) == 0; }
};

// One named in-memory file, for tests and for standard input.
struct SourceText {
    std::string name;
    std::string text;
};

// Expands `-c` paths: a file as is; a directory to every *.yaml / *.yml below
// it, in sorted path order. Missing paths become diagnostics. A file in a
// directory whose first lines give a `format:` that is no catalog's (a
// profile, a rates file kept beside the catalogs; not credpath/N) is left
// out, with a warning of code kSkippedFile at its format line.
inline constexpr const char* kSkippedFile = "skipped-file";
std::vector<std::string> expand_catalog_paths(const std::vector<std::string>& paths,
                                              std::vector<Diagnostic>& diagnostics);

// Loads and checks every rule of the format except dependency cycles (see
// check.hpp, which needs the graph). Files in other currencies or credit
// units than the catalog's are converted with `conversion` (rates.hpp), or
// are faults when it cannot.
LoadResult load_catalog(const std::vector<std::string>& paths, const LoadLimits& limits = {},
                        const Conversion& conversion = {});
// The same for paths expanded already (expand_catalog_paths), with the faults
// their expansion found. With `hashes`, also the XXH3-64 of each file's bytes
// taken in the same read (nullopt for a file not read to its end). `progress`
// hears the bytes of the YAML files read so far of all of theirs, block by
// block, and the total once more at the end (unless there are none).
LoadResult load_catalog_files(const std::vector<std::string>& files, std::vector<Diagnostic> expansion_faults,
                              const LoadLimits& limits = {},
                              std::vector<std::optional<std::uint64_t>>* hashes = nullptr,
                              const Conversion& conversion = {}, const ProgressCallback& progress = {});
LoadResult load_catalog_sources(const std::vector<SourceText>& sources, const LoadLimits& limits = {},
                                const Conversion& conversion = {});
LoadResult load_catalog_text(std::string_view text, std::string name = "catalog.yaml");

struct CtdlImport;
// A CTDL import (ctdl.hpp) as a catalog, checked as loaded YAML is.
LoadResult load_ctdl_import(CtdlImport imported, const LoadLimits& limits = {}, const Conversion& conversion = {});

}  // namespace credpath
