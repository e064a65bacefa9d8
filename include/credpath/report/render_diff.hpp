// Printers of `credpath diff`: text, JSON and Markdown (a pull-request comment
// or a GitHub step summary).
#pragma once

#include <string>

#include "credpath/jobs/diff.hpp"
#include "credpath/model/model.hpp"
#include "credpath/report/render.hpp"

namespace credpath {

struct DiffView {
    const Catalog& before;
    const Catalog& after;
    std::string before_name;  // the OLD path as given
    std::string after_name;   // the NEW path as given
    const CatalogDiff& catalog;
    const RequestsDiff* requests = nullptr;  // with --requests
    std::string requests_name;               // the requests file as given
};

std::string render_diff_text(const DiffView& view, const Style& style);
// {"format": "credpath-diff/1", "old", "new", "summary", "catalog", "added",
//  "removed", "changed", "requests" (with --requests), "worse"}; see credpath(1).
std::string render_diff_json(const DiffView& view);
std::string render_diff_markdown(const DiffView& view);

}  // namespace credpath
