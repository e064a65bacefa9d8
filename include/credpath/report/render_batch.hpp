// `credpath batch` output: one JSON line per answer, the summary in Markdown,
// CSV or JSON, and the progress line of a terminal.
#pragma once

#include <string>

#include "credpath/jobs/batch.hpp"
#include "credpath/report/format.hpp"

namespace credpath {

// {"line":N,"id":"...","plan":{...}} or {"line":N,"id":"...","error":{"message":"..."}}
// on one line, ending in "\n". `line` comes first, so that sorting shard
// outputs on it (`sort -t: -k2,2n`) restores the input order. `id` is null
// when the request has none.
std::string render_batch_answer(const CheckedCatalog& catalog, const BatchAnswer& answer);

// One of formats::batch_summary.
std::string render_batch_summary(const BatchSummary& summary, Format format, const std::string& currency);

// A one-line progress bar to redraw in place ("\r" first, no newline):
// "[#####.....]  523/10,000  87.2/s  1m49s left". `width` is the terminal's.
std::string render_progress(std::size_t done, std::size_t total, double elapsed_seconds, std::size_t width);

}  // namespace credpath
