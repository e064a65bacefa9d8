// The progress bar (src/cli/progress.cpp): the line it draws at each width,
// and when it draws, redraws and erases it, on a terminal of the test's own
// (a clock moved by hand, so no test waits).
#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "cli/progress.hpp"

namespace credpath::cli {

namespace {

ProgressState items(std::size_t done, std::size_t total, double seconds, std::string_view label = "batch") {
    return ProgressState{label, done, total, 0, seconds, ProgressUnit::Items};
}

// What a line shows: without "\r" and "\x1b[K".
std::string shown(const std::string& line) {
    REQUIRE(line.rfind("\r", 0) == 0);
    REQUIRE(line.size() >= 4);
    REQUIRE(line.substr(line.size() - 3) == "\x1b[K");
    return line.substr(1, line.size() - 4);
}

// A terminal whose clock the test moves and whose screen is a string.
struct FakeTerminal {
    std::string written;
    std::size_t width = 80;
    std::chrono::steady_clock::time_point now{};
    ProgressTerminal terminal() {
        return {[this](std::string_view text) { written += text; }, [this] { return width; },
                [this] { return now; }};
    }
    void wait(int milliseconds) { now += std::chrono::milliseconds(milliseconds); }
};

}  // namespace

TEST_CASE("progress_line: the label, a bar, done/total, the share, the rate and the time left") {
    // 523 of 10,000 in 6 s: 87.2/s, 9,477 left at that rate = 108.7 s -> 1m49s.
    const std::string line = progress_line(items(523, 10000, 6.0), 80);
    CHECK(line.find('\n') == std::string::npos);
    // 79 columns: "batch " 6, the bar's brackets 2, "  " 2, the numbers 34: the bar is 35 wide, 1 filled.
    CHECK(shown(line) == "batch [#" + std::string(34, '.') + "]  523/10,000  5%  87.2/s  1m49s left");
    CHECK(shown(line).size() == 79);
    // Wide: the bar stops at 40.
    CHECK(shown(progress_line(items(5, 10, 2), 120)) ==
          "batch [" + std::string(20, '#') + std::string(20, '.') + "]  5/10  50%  2.5/s  2s left");
}

TEST_CASE("progress_line: before any rate there is no time left; when done, the time taken") {
    CHECK(shown(progress_line(items(0, 10, 0), 60)) == "batch [" + std::string(34, '.') + "]  0/10  0%  0.0/s");
    CHECK(shown(progress_line(items(10, 10, 3725), 60)) ==
          "batch [" + std::string(22, '#') + "]  10/10  100%  0.2/min  1h02m");
    // More done than the total: a full bar, never more.
    CHECK(shown(progress_line(items(12, 10, 2), 60)) == "batch [" + std::string(27, '#') + "]  10/10  100%  5.0/s  2s");
    // The time left, rounded to whole seconds, minutes and hours.
    CHECK(shown(progress_line(items(1, 61, 1), 200)).ends_with("  1m00s left"));
    CHECK(shown(progress_line(items(1, 60, 1), 200)).ends_with("  59s left"));
    CHECK(shown(progress_line(items(1, 3601, 1), 200)).ends_with("  1h00m left"));
    // A slow rate per minute, or per hour.
    CHECK(shown(progress_line(items(1, 4, 40), 200)).ends_with("  1.5/min  2m00s left"));
    CHECK(shown(progress_line(items(1, 4, 7200), 200)).ends_with("  0.5/h  6h00m left"));
}

TEST_CASE("progress_line: a total not known ahead: a count, the rate and the time so far") {
    CHECK(shown(progress_line(items(3, 0, 4, "pareto"), 80)) == "pareto  3 found  0.8/s  4s");
}

TEST_CASE("progress_line: bytes in megabytes") {
    const ProgressState state{"loading", 12'500'000, 98'000'000, 0, 2.5, ProgressUnit::Bytes};
    CHECK(shown(progress_line(state, 80)) ==
          "loading [###" + std::string(27, '.') + "]  12.5/98.0 MB  12%  5.0 MB/s  17s left");
}

TEST_CASE("progress_line: resumed work: the rate counts only what this run did") {
    ProgressState state = items(600, 1000, 10);
    state.first = 500;  // 100 in 10 s: 10/s, 400 left: 40 s
    CHECK(shown(progress_line(state, 200)).ends_with("  600/1,000  60%  10.0/s  40s left"));
}

TEST_CASE("progress_line: what a narrow terminal drops: the bar, the rate, the share and time, the label") {
    const ProgressState state = items(1234567, 2000000, 100);
    CHECK(shown(progress_line(state, 120)).starts_with("batch ["));
    // The bar needs 5 columns past the rest (57 with the label) and the last column free: 63 do, 62 do not.
    CHECK(shown(progress_line(state, 63)) == "batch [###..]  1,234,567/2,000,000  61%  12345.7/s  1m02s left");
    CHECK(shown(progress_line(state, 62)) == "batch  1,234,567/2,000,000  61%  12345.7/s  1m02s left");
    CHECK(shown(progress_line(state, 50)) == "batch  1,234,567/2,000,000  61%  1m02s left");
    CHECK(shown(progress_line(state, 40)) == "batch  1,234,567/2,000,000  1m02s left");
    CHECK(shown(progress_line(state, 30)) == "batch  1,234,567/2,000,000");
    CHECK(shown(progress_line(state, 25)) == "1,234,567/2,000,000");
    CHECK(shown(progress_line(state, 20)) == "1,234,567/2,000,000");
    CHECK(progress_line(state, 19) == "");
    CHECK(progress_line(state, 1) == "");
    CHECK(progress_line(state, 0) == "");
}

TEST_CASE("progress_line: never wider than the terminal less one column, at any width") {
    for (const ProgressState& state :
         {items(523, 10000, 6), items(0, 0, 0, "pareto"), items(99, 100, 3725, "alternatives"),
          ProgressState{"loading", 1, 1'000'000'000'000, 0, 0.5, ProgressUnit::Bytes}})
        for (std::size_t width = 0; width <= 130; ++width) {
            const std::string line = progress_line(state, width);
            if (line.empty()) continue;
            CHECK(shown(line).size() <= width - 1);
        }
}

TEST_CASE("ProgressBar: nothing in the first second, then at most ten drawings a second") {
    FakeTerminal screen;
    ProgressBar bar("batch", true, ProgressUnit::Items, screen.terminal());
    bar.update(1, 100);
    screen.wait(999);
    bar.update(2, 100);
    CHECK(screen.written.empty());
    screen.wait(1);
    bar.update(3, 100);
    CHECK(screen.written == progress_line(items(3, 100, 1.0), 80));
    screen.wait(50);
    bar.update(4, 100);  // too soon: skipped
    CHECK(screen.written == progress_line(items(3, 100, 1.0), 80));
    screen.wait(50);
    screen.width = 60;  // the terminal narrowed: the next drawing fits it
    bar.update(5, 100);
    CHECK(screen.written == progress_line(items(3, 100, 1.0), 80) + progress_line(items(5, 100, 1.1), 60));
}

TEST_CASE("ProgressBar: erased when the work is done, and silent after") {
    FakeTerminal screen;
    ProgressBar bar("batch", true, ProgressUnit::Items, screen.terminal());
    screen.wait(2000);
    bar.update(1, 2);
    const std::string drawn = screen.written;
    CHECK_FALSE(drawn.empty());
    bar.update(2, 2);
    CHECK(screen.written == drawn + std::string(kEraseProgress));
    screen.wait(2000);
    bar.update(1, 2);
    bar.finish();
    CHECK(screen.written == drawn + std::string(kEraseProgress));
}

TEST_CASE("ProgressBar: finish and the destructor erase a bar on the screen, and only then") {
    FakeTerminal screen;
    {
        ProgressBar bar("pareto", true, ProgressUnit::Items, screen.terminal());
        bar.update(1, 0);
        screen.wait(1500);
        ProgressCallback report = bar.callback();
        report(2, 0);
    }
    CHECK(screen.written == progress_line(items(2, 0, 1.5, "pareto"), 80) + std::string(kEraseProgress));
    // Work done within the second: nothing drawn, nothing erased.
    FakeTerminal quick;
    {
        ProgressBar bar("options", true, ProgressUnit::Items, quick.terminal());
        bar.update(1, 3);
        bar.update(3, 3);
    }
    CHECK(quick.written.empty());
}

TEST_CASE("ProgressBar: a bar that is not shown never writes") {
    FakeTerminal screen;
    {
        ProgressBar bar("batch", false, ProgressUnit::Items, screen.terminal());
        screen.wait(5000);
        bar.update(1, 10);
        bar.finish();
    }
    CHECK(screen.written.empty());
    CHECK_FALSE(progress_callback("loading", false));
    CHECK(progress_callback("loading", true));
}

TEST_CASE("ProgressBar: resumed work counts its rate from where it resumed") {
    FakeTerminal screen;
    ProgressBar bar("batch", true, ProgressUnit::Items, screen.terminal());
    bar.resume_at(500);
    screen.wait(10000);
    bar.update(600, 1000);
    ProgressState state = items(600, 1000, 10);
    state.first = 500;
    CHECK(screen.written == progress_line(state, 80));
}

}  // namespace credpath::cli
