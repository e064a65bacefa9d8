// CTDL (Credential Transparency Description Language) JSON-LD in: Credential
// Registry records, compact @graph documents, single resources, envelopes
// and expanded JSON-LD, mapped to credpath credentials (see credpath(1),
// IMPORTING CTDL, for the table).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credpath/load/loader.hpp"
#include "credpath/model/diagnostic.hpp"
#include "credpath/model/model.hpp"
#include "credpath/model/progress.hpp"
#include "credpath/model/rates.hpp"

namespace credpath {

// What an import read and made of it.
struct CtdlSummary {
    std::size_t documents = 0;  // JSON documents read
    std::size_t nodes = 0;      // resources found in them (profiles inside a resource not counted)
    std::size_t mapped = 0;     // credentials made from them
    std::size_t manual = 0;     // requirements kept as manual checks (also_required)
    std::size_t external = 0;   // references to resources not in the input
    std::size_t ignored = 0;    // resources of no mapped type (organisations, frameworks, ...)
};

struct CtdlOptions {
    bool external_is_error = false;  // --external error: a reference outside the input is an error
    // --rates: prices in another currency than the import's (the first one
    // met) are converted with it, else left out.
    std::optional<Rates> rates;
    // Hears the files (and archives) read so far of all of them.
    ProgressCallback progress;
};

struct CtdlImport {
    std::vector<std::string> files;  // SourceLoc::file indexes this
    std::vector<Credential> credentials;
    std::string currency;     // ISO 4217 of the prices, "" when none was given
    std::string credit_unit;  // "" when no credit value named one
    std::vector<Diagnostic> diagnostics;  // sorted
    CtdlSummary summary;
    bool ok() const { return count_errors(diagnostics) == 0; }
};

// Whether `-c PATH` names CTDL rather than YAML: *.json, *.jsonld, *.zip (a
// folder of them is expanded by import_ctdl_files).
bool is_ctdl_path(std::string_view path);

// In-memory entry point (tests, standard input).
CtdlImport import_ctdl_sources(const std::vector<SourceText>& sources, const CtdlOptions& options = {});
// Files, ZIP archives (read member by member, each named ARCHIVE:MEMBER; a
// damaged member is a fault, the others are read) and folders (every *.json,
// *.jsonld and *.zip below them, sorted).
CtdlImport import_ctdl_files(const std::vector<std::string>& paths, const CtdlOptions& options = {},
                             const LoadLimits& limits = {});

}  // namespace credpath
