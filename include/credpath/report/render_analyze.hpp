// Printer of `credpath analyze`: the measures of each credential and
// qualification and the lint and gate findings, as text, JSON, CSV, Markdown
// or GitHub Actions annotations.
#pragma once

#include <string>

#include "credpath/model/model.hpp"
#include "credpath/plan/analyze.hpp"
#include "credpath/report/format.hpp"
#include "credpath/report/render.hpp"

namespace credpath {

struct AnalyzeView {
    const Catalog& catalog;
    const Analysis& analysis;
    bool whole = true;  // the whole catalog; else the cones of the targets
};

// Text and Markdown list the credentials most delaying first; JSON and CSV by
// id. GitHub writes the findings only, as ::error / ::warning annotations.
std::string render_analyze(const AnalyzeView& view, Format format, const Style& style);

}  // namespace credpath
