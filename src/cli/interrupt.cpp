#include "cli/interrupt.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <pthread.h>
#include <thread>
#include <unistd.h>

namespace credpath::cli {

namespace {
std::atomic<bool> requested{false};
std::atomic<bool> graceful{false};
std::atomic<bool> watching{false};
std::thread watcher;
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
    // Unbuffered and async-safe: the main thread may be mid-write to stdout.
    const char message[] = "\ncredpath: interrupted\n";
    [[maybe_unused]] auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
    std::_Exit(128 + signal);
}

void watch() {
    const sigset_t set = interrupt_signals();
    const timespec tick{0, 100'000'000};  // how often to look whether the run ended
    // timeout(1) and kill of a process group can deliver one interrupt twice
    // in a row; a second one counts only when it comes a moment later.
    const auto repeat_after = std::chrono::milliseconds(500);
    std::chrono::steady_clock::time_point first;
    while (watching.load()) {
        const int signal = sigtimedwait(&set, nullptr, &tick);
        if (signal <= 0) continue;  // timeout or EINTR
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
    watching.store(true);
    watcher = std::thread(watch);
}

InterruptWatch::~InterruptWatch() {
    watching.store(false);
    if (watcher.joinable()) watcher.join();
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

}  // namespace credpath::cli
