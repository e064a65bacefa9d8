#include "cli/interrupt.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <mutex>
#include <vector>

#include "cli/output.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <string>
#include <sys/signalfd.h>
#include <thread>
#include <unistd.h>

namespace credpath::cli {

namespace {
std::atomic<bool> requested{false};
std::atomic<bool> graceful{false};
std::atomic<InterruptCleanup> cleanup_hook{nullptr};
std::atomic<bool> progress_on_screen{false};
std::thread watcher;
int signal_fd = -1;
int wake_pipe[2] = {-1, -1};
sigset_t previous_mask;
struct sigaction previous_int, previous_term;

sigset_t interrupt_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

[[noreturn]] void end_process(int signal) {
    // This is the watcher thread, not a signal handler, so the cleanup may
    // take locks and allocate.
    // A new line after the terminal's "^C", or the progress bar's line cleared.
    std::string message = progress_on_screen.load() ? "\r\x1b[Kcredpath: interrupted" : "\ncredpath: interrupted";
    if (const InterruptCleanup cleanup = cleanup_hook.load()) message += cleanup();
    message += "\n";
    // Unbuffered: the main thread may be mid-write to stdout.
    [[maybe_unused]] auto written = ::write(STDERR_FILENO, message.data(), message.size());
    std::_Exit(128 + signal);
}

// Waits on a signalfd for the interrupts and on a pipe for the end of the run,
// so the process never waits for a polling tick at exit.
void watch(int signals, int wake) {
    // timeout(1) and kill of a process group can deliver one interrupt twice
    // in a row; a second one counts only when it comes a moment later.
    const auto repeat_after = std::chrono::milliseconds(500);
    std::chrono::steady_clock::time_point first;
    for (;;) {
        pollfd fds[2] = {{signals, POLLIN, 0}, {wake, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) continue;  // EINTR
        if (fds[1].revents != 0) return;
        if ((fds[0].revents & POLLIN) == 0) continue;
        signalfd_siginfo info{};
        if (::read(signals, &info, sizeof info) != static_cast<ssize_t>(sizeof info)) continue;
        const int signal = static_cast<int>(info.ssi_signo);
        if (graceful.load()) {
            if (!requested.exchange(true)) {
                first = std::chrono::steady_clock::now();
                continue;
            }
            if (std::chrono::steady_clock::now() - first < repeat_after) continue;
        }
        end_process(signal);
    }
}
}  // namespace

InterruptWatch::InterruptWatch() {
    const sigset_t set = interrupt_signals();
    pthread_sigmask(SIG_BLOCK, &set, &previous_mask);
    sigaction(SIGINT, nullptr, &previous_int);
    sigaction(SIGTERM, nullptr, &previous_term);
    signal_fd = ::signalfd(-1, &set, SFD_CLOEXEC);
    if (signal_fd < 0 || ::pipe2(wake_pipe, O_CLOEXEC) != 0) {
        pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);  // no watcher: the default actions
        return;
    }
    watcher = std::thread(watch, signal_fd, wake_pipe[0]);
}

InterruptWatch::~InterruptWatch() {
    if (watcher.joinable()) {
        const char wake = 1;
        [[maybe_unused]] auto written = ::write(wake_pipe[1], &wake, 1);
        watcher.join();
    }
    for (int fd : {signal_fd, wake_pipe[0], wake_pipe[1]})
        if (fd >= 0) ::close(fd);
    // Whatever a library left installed goes; a signal still pending now
    // meets the disposition the process started with.
    sigaction(SIGINT, &previous_int, nullptr);
    sigaction(SIGTERM, &previous_term, nullptr);
    pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
}

GracefulInterrupt::GracefulInterrupt() {
    requested.store(false);
    graceful.store(true);
}

GracefulInterrupt::~GracefulInterrupt() { graceful.store(false); }

bool interrupt_requested() { return requested.load(); }

void set_interrupt_cleanup(InterruptCleanup cleanup) { cleanup_hook.store(cleanup); }

void note_progress_on_screen(bool on_screen) { progress_on_screen.store(on_screen); }

namespace {
struct WatchedOutput {
    OutputFile* file;
    bool keep;
};
// What the interrupt watcher puts in order before the process ends: like the
// watcher's own state, process-wide by nature.
std::mutex watched_mutex;
std::vector<WatchedOutput> watched;

// On the interrupt watcher's thread, just before the process ends.
std::string abandon_outputs() {
    const std::lock_guard lock(watched_mutex);
    std::vector<std::string> notes;
    for (const WatchedOutput& output : watched) {
        const std::string partial = output.file->abandon(output.keep);
        if (!partial.empty())
            notes.push_back(fmt::format("{} ({} is as it was)", partial, output.file->path()));
    }
    return notes.empty() ? "" : fmt::format(": the answers so far are kept in {}", fmt::join(notes, " and "));
}
}  // namespace

void watch_output(OutputFile& file, bool keep) {
    const std::lock_guard lock(watched_mutex);
    watched.push_back({&file, keep});
    set_interrupt_cleanup(abandon_outputs);
}

void unwatch_output(OutputFile& file) {
    const std::lock_guard lock(watched_mutex);
    std::erase_if(watched, [&](const WatchedOutput& output) { return output.file == &file; });
}

}  // namespace credpath::cli
