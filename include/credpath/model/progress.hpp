// How far a long piece of work has come, told to whoever started it. The
// layers below the command line report through this and never know whether,
// or how, it is shown (the command line draws a bar on a terminal only).
#pragma once

#include <cstddef>
#include <functional>

namespace credpath {

// `done` of `total` units so far (items, files, bytes: the caller knows which);
// total 0 means not known ahead (a Pareto frontier). May be called from any
// thread the work runs on, and must be cheap: a caller reports every unit.
using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

// Calls `progress` when there is one.
inline void report_progress(const ProgressCallback& progress, std::size_t done, std::size_t total) {
    if (progress) progress(done, total);
}

}  // namespace credpath
