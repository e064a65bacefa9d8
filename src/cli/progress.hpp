// The one progress bar of the command line, for every command that can run
// past a second (batch, options, plan --pareto and --alternatives, large
// catalog loads, import ctdl). Private to the executable.
//
// A bar is drawn on standard error only when it is a terminal (and TERM is not
// dumb), never with --quiet, and only once the work has run for a second, so
// short commands never flash one. It is redrawn in place at most ten times a
// second, fits the terminal's width, and is erased when the work is done, when
// it is dropped (an error unwinding the command) and on an interrupt.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "credpath/model/progress.hpp"

namespace credpath::cli {

// What the count counts: things (requests, plans, files) or bytes.
enum class ProgressUnit { Items, Bytes };

// One moment of some work, as a line shows it.
struct ProgressState {
    std::string_view label;       // "batch", "loading", ...
    std::size_t done = 0;
    std::size_t total = 0;        // 0: not known ahead (no bar, no share, no time left)
    std::size_t first = 0;        // `done` when this run began (resumed work): the rate counts from it
    double elapsed_seconds = 0;
    ProgressUnit unit = ProgressUnit::Items;
};

// The line that draws `state` in place: "\r", then at most width - 1 columns
// (a line in the last column makes some terminals wrap), then "\x1b[K" to
// clear what a longer line left:
//   batch [########................]  523/10,000  5%  87.2/s  1m49s left
//   pareto  3 found  0.8/s  4s
// When the width is short the bar goes first, then the rate, the share and
// the label; "" when not even the count fits.
std::string progress_line(const ProgressState& state, std::size_t width);

// "\r\x1b[K": back to the line's start and clear it.
inline constexpr std::string_view kEraseProgress = "\r\x1b[K";

// Whether a bar may be shown at all: standard error is a terminal that
// understands "\x1b[K" (TERM is not dumb), and no --quiet.
bool progress_allowed(bool quiet);

// Where a bar is drawn; the default is standard error with its width and the
// steady clock, the tests give their own.
struct ProgressTerminal {
    std::function<void(std::string_view)> write;
    std::function<std::size_t()> width;
    std::function<std::chrono::steady_clock::time_point()> now;
};
ProgressTerminal stderr_terminal();

class ProgressBar {
public:
    static constexpr std::chrono::milliseconds kShowAfter{1000};
    static constexpr std::chrono::milliseconds kRedrawEvery{100};

    // Nothing is ever drawn unless `shown` (see progress_allowed).
    ProgressBar(std::string label, bool shown, ProgressUnit unit = ProgressUnit::Items,
                ProgressTerminal terminal = stderr_terminal());
    ~ProgressBar();  // erases the bar
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    // Work resumed with `done` units done already: the rate and the time left
    // count from there.
    void resume_at(std::size_t done);
    // Safe from any thread. Draws when the work has run for kShowAfter and
    // kRedrawEvery has passed since the last drawing; done >= total > 0 means
    // the work is done: the bar is erased and later updates draw nothing.
    void update(std::size_t done, std::size_t total);
    // Erases the bar, if drawn; later updates draw nothing.
    void finish();
    // Writes lines to standard error (`text` ends with "\n") below the work:
    // the bar, if drawn, is erased first and drawn again by the next update.
    void print(std::string_view text);
    // A callback for the layers below that reports to this bar; it must not
    // outlive the bar.
    ProgressCallback callback();

private:
    void erase_locked();

    std::mutex mutex_;
    std::string label_;
    bool shown_;
    ProgressUnit unit_;
    ProgressTerminal terminal_;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point last_drawn_;
    std::size_t first_ = 0;
    bool drawn_ = false;     // a line is on the screen
    bool finished_ = false;
};

// A callback that shows progress under `label` in a bar of its own, made at
// the first report and erased once done >= total > 0, or when the last copy
// of the callback goes (for work whose caller has no place to keep a bar, such
// as a catalog load). Empty (reports nothing) unless `shown`.
ProgressCallback progress_callback(std::string label, bool shown, ProgressUnit unit = ProgressUnit::Items);

}  // namespace credpath::cli
