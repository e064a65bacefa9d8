// `credpath batch` output: one JSON line per answer, the summary in Markdown,
// CSV or JSON, and the closing tally.
#pragma once

#include <string>
#include <string_view>

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

// The closing line on standard error, e.g.
// "credpath: 1,234 requests: 1,200 planned, 30 infeasible, 4 errors in 2.31 s\n",
// with "(1,000 resumed from FILE)" before " in" when a run took answers over.
// Under a minute the time is in seconds, else "3m05s" or "1h02m".
std::string render_batch_tally(const BatchTally& tally, std::string_view resumed_from);

}  // namespace credpath
