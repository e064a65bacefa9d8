#include "cli/progress.hpp"

#include <cstdio>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include "cli/interrupt.hpp"

namespace credpath::cli {

namespace {
// 12345678 -> "12,345,678", as the results write counts.
std::string grouped(std::size_t value) {
    std::string digits = std::to_string(value);
    for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
    return digits;
}

std::string duration_text(double seconds) {
    const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
    if (total >= 3600) return fmt::format("{}h{:02}m", total / 3600, (total % 3600) / 60);
    if (total >= 60) return fmt::format("{}m{:02}s", total / 60, total % 60);
    return fmt::format("{}s", total);
}

// Bytes as megabytes with one decimal: a count of bytes would not fit.
std::string megabytes(std::size_t bytes) { return fmt::format("{:.1f}", static_cast<double>(bytes) / 1e6); }

std::string rate_text(double rate, ProgressUnit unit) {
    if (unit == ProgressUnit::Bytes) return fmt::format("{:.1f} MB/s", rate / 1e6);
    // A slow rate (a solve of a minute each) in a unit that still says something.
    if (rate > 0 && rate * 60 < 0.1) return fmt::format("{:.1f}/h", rate * 3600);
    if (rate > 0 && rate < 0.1) return fmt::format("{:.1f}/min", rate * 60);
    return fmt::format("{:.1f}/s", rate);
}
}  // namespace

std::string progress_line(const ProgressState& state, std::size_t width) {
    if (width < 2) return "";
    const std::size_t room = width - 1;
    const bool known = state.total > 0;
    const std::size_t done = known ? std::min(state.done, state.total) : state.done;
    const std::size_t counted = done > state.first ? done - state.first : 0;
    const double rate = state.elapsed_seconds > 0 ? static_cast<double>(counted) / state.elapsed_seconds : 0;

    std::string count;
    if (state.unit == ProgressUnit::Bytes)
        count = known ? fmt::format("{}/{} MB", megabytes(done), megabytes(state.total))
                      : fmt::format("{} MB", megabytes(done));
    else
        count = known ? fmt::format("{}/{}", grouped(done), grouped(state.total)) : fmt::format("{} found", grouped(done));
    const std::string share = known ? fmt::format("{}%", done * 100 / state.total) : "";
    const std::string speed = rate_text(rate, state.unit);
    std::string time;
    if (!known || done >= state.total) time = duration_text(state.elapsed_seconds);
    else if (rate > 0) time = fmt::format("{} left", duration_text(static_cast<double>(state.total - done) / rate));

    // Dropped in this order when the width is short: the bar, the rate, the
    // share and the time, then the label (and all of them again).
    const auto join = [](const std::vector<std::string_view>& parts) {
        std::string out;
        for (std::string_view part : parts) {
            if (part.empty()) continue;
            if (!out.empty()) out += "  ";
            out += part;
        }
        return out;
    };
    const std::vector<std::vector<std::string_view>> tries = {
        {count, share, speed, time}, {count, share, time}, {count, time}, {count}};
    const std::string label(state.label);
    const std::string head = label.empty() ? "" : label + " ";
    for (const bool labelled : {true, false}) {
        for (std::size_t t = 0; t < tries.size(); ++t) {
            const std::string numbers = join(tries[t]);
            // With everything shown, a bar between the label and the numbers:
            // "label [###...]  numbers", 5 to 40 wide.
            const std::size_t fixed = head.size() + 2 + 2 + numbers.size();
            if (labelled && t == 0 && known && fixed + 5 <= room) {
                const std::size_t inner = std::min<std::size_t>(room - fixed, 40);
                const std::size_t filled = inner * done / state.total;
                return "\r" + head + "[" + std::string(filled, '#') + std::string(inner - filled, '.') + "]  " +
                       numbers + "\x1b[K";
            }
            const std::string line = labelled && !label.empty() ? label + "  " + numbers : numbers;
            if (line.size() <= room) return "\r" + line + "\x1b[K";
        }
    }
    return "";
}

bool progress_allowed(bool quiet) {
    if (quiet || ::isatty(STDERR_FILENO) != 1) return false;
    const char* term = std::getenv("TERM");
    return !(term && std::strcmp(term, "dumb") == 0);
}

ProgressTerminal stderr_terminal() {
    ProgressTerminal terminal;
    terminal.write = [](std::string_view text) {
        // Unbuffered, as the interrupt watcher writes: the two never interleave within a line.
        while (!text.empty()) {
            const ssize_t n = ::write(STDERR_FILENO, text.data(), text.size());
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return;
            text.remove_prefix(static_cast<std::size_t>(n));
        }
    };
    terminal.width = [] {
        // The terminal's own width first: a bar wider than the screen wraps
        // and every redraw would leave a line behind.
        winsize size{};
        if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return std::size_t{size.ws_col};
        if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
            char* end = nullptr;
            const long value = std::strtol(columns, &end, 10);
            if (*end == '\0' && value > 0 && value < 100000) return static_cast<std::size_t>(value);
        }
        return std::size_t{80};
    };
    terminal.now = [] { return std::chrono::steady_clock::now(); };
    return terminal;
}

ProgressBar::ProgressBar(std::string label, bool shown, ProgressUnit unit, ProgressTerminal terminal)
    : label_(std::move(label)), shown_(shown), unit_(unit), terminal_(std::move(terminal)) {
    if (shown_) started_ = last_drawn_ = terminal_.now();
}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::resume_at(std::size_t done) {
    const std::lock_guard lock(mutex_);
    first_ = done;
}

void ProgressBar::update(std::size_t done, std::size_t total) {
    if (!shown_) return;
    if (total > 0 && done >= total) {  // done: never skipped
        finish();
        return;
    }
    // A drawing in progress on another thread: this report can be skipped.
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock() || finished_) return;
    const auto now = terminal_.now();
    if (now - started_ < kShowAfter || (drawn_ && now - last_drawn_ < kRedrawEvery)) return;
    last_drawn_ = now;
    ProgressState state{label_, done, total, first_, std::chrono::duration<double>(now - started_).count(), unit_};
    const std::string line = progress_line(state, terminal_.width());
    if (line.empty()) return;
    terminal_.write(line);
    if (!drawn_) note_progress_on_screen(true);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (!shown_) return;
    const std::lock_guard lock(mutex_);
    erase_locked();
    finished_ = true;
}

void ProgressBar::print(std::string_view text) {
    if (!shown_) {
        std::fwrite(text.data(), 1, text.size(), stderr);
        return;
    }
    const std::lock_guard lock(mutex_);
    erase_locked();
    terminal_.write(text);
}

void ProgressBar::erase_locked() {
    if (!drawn_) return;
    terminal_.write(kEraseProgress);
    drawn_ = false;
    note_progress_on_screen(false);
}

ProgressCallback ProgressBar::callback() {
    return [this](std::size_t done, std::size_t total) { update(done, total); };
}

ProgressCallback progress_callback(std::string label, bool shown, ProgressUnit unit) {
    if (!shown) return {};
    struct Shared {
        std::mutex mutex;
        std::string label;
        ProgressUnit unit;
        std::unique_ptr<ProgressBar> bar;
    };
    auto shared = std::make_shared<Shared>();
    shared->label = std::move(label);
    shared->unit = unit;
    return [shared](std::size_t done, std::size_t total) {
        const std::lock_guard lock(shared->mutex);
        // Made at the first report, so that its second counts from the work's start.
        if (!shared->bar) shared->bar = std::make_unique<ProgressBar>(shared->label, true, shared->unit);
        shared->bar->update(done, total);
        // Done: the next report is new work (another load), with a bar of its own.
        if (total > 0 && done >= total) shared->bar.reset();
    };
}

}  // namespace credpath::cli
