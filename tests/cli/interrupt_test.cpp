// Ctrl-C and SIGTERM (src/cli/interrupt.cpp): taken by the watcher thread of
// an InterruptWatch; with a GracefulInterrupt alive the first one only sets
// interrupt_requested().
//
// An interrupt without a GracefulInterrupt ends the process at once, so in
// this process a signal is only ever sent with a GracefulInterrupt alive (and
// with a harmless handler installed around it, in case some thread that does
// not block the signal took it). What ends the process is checked in a forked
// child: its exit code, its standard error and the files it leaves.
#include "cli/interrupt.hpp"

#include <chrono>
#include <csignal>
#include <functional>
#include <pthread.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "cli/output.hpp"
#include "cli_support.hpp"
#include "test_support.hpp"

namespace credpath::cli {
namespace {

using namespace std::chrono_literals;

std::atomic<int> stray_signals{0};
extern "C" void count_stray(int) { stray_signals.fetch_add(1); }

// For its lifetime, SIGINT and SIGTERM that reach a handler only count, so
// that a mistake in a test cannot end the test process.
struct HarmlessHandlers {
    struct sigaction old_int {}, old_term {};
    HarmlessHandlers() {
        struct sigaction action {};
        action.sa_handler = count_stray;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &old_int);
        sigaction(SIGTERM, &action, &old_term);
    }
    ~HarmlessHandlers() {
        sigaction(SIGINT, &old_int, nullptr);
        sigaction(SIGTERM, &old_term, nullptr);
    }
};

// Waits (at most 5 s) until interrupt_requested().
bool wait_for_request() {
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < until) {
        if (interrupt_requested()) return true;
        std::this_thread::sleep_for(1ms);
    }
    return interrupt_requested();
}

bool blocked(int signal) {
    sigset_t mask;
    pthread_sigmask(SIG_BLOCK, nullptr, &mask);
    return sigismember(&mask, signal) == 1;
}

// Runs `body` in a forked child with standard error in `err`; what the body
// does must end the child. Returns its exit code, 1000 + the signal that
// ended it, or 99 when the body returned (95 when it threw).
int in_child(const std::function<void()>& body, const std::string& err) {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0) ::_exit(98);
        ::dup2(fd, STDERR_FILENO);
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        try {
            body();
        } catch (...) {
            ::_exit(95);  // never back into the test runner in the child
        }
        ::_exit(99);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 1000 + WTERMSIG(status) : -1;
}

// In the child: waits for the watcher to end the process; returning means it did not.
void wait_to_be_ended() {
    for (int i = 0; i < 500; ++i) std::this_thread::sleep_for(10ms);
    ::_exit(97);
}

TEST_CASE("cli interrupt: nothing is requested before an interrupt") {
    const HarmlessHandlers harmless;
    const InterruptWatch watch;
    const GracefulInterrupt graceful;
    CHECK_FALSE(interrupt_requested());
}

TEST_CASE("cli interrupt: the watch blocks SIGINT and SIGTERM while it lives and puts the mask back") {
    REQUIRE_FALSE(blocked(SIGINT));
    REQUIRE_FALSE(blocked(SIGTERM));
    {
        const InterruptWatch watch;
        CHECK(blocked(SIGINT));
        CHECK(blocked(SIGTERM));
        CHECK_FALSE(blocked(SIGHUP));
    }
    CHECK_FALSE(blocked(SIGINT));
    CHECK_FALSE(blocked(SIGTERM));
}

TEST_CASE("cli interrupt: with a GracefulInterrupt, SIGINT only sets interrupt_requested()") {
    const HarmlessHandlers harmless;
    stray_signals = 0;
    {
        const InterruptWatch watch;
        const GracefulInterrupt graceful;
        REQUIRE_FALSE(interrupt_requested());
        REQUIRE(::kill(::getpid(), SIGINT) == 0);
        CHECK(wait_for_request());
        CHECK(interrupt_requested());
    }
    CHECK(stray_signals == 0);  // the watcher took it, no handler ran
}

TEST_CASE("cli interrupt: with a GracefulInterrupt, SIGTERM only sets interrupt_requested() too") {
    const HarmlessHandlers harmless;
    stray_signals = 0;
    {
        const InterruptWatch watch;
        const GracefulInterrupt graceful;
        REQUIRE_FALSE(interrupt_requested());
        REQUIRE(::kill(::getpid(), SIGTERM) == 0);
        CHECK(wait_for_request());
    }
    CHECK(stray_signals == 0);
}

TEST_CASE("cli interrupt: a new GracefulInterrupt starts with no interrupt requested") {
    const HarmlessHandlers harmless;
    const InterruptWatch watch;
    {
        const GracefulInterrupt graceful;
        REQUIRE(::kill(::getpid(), SIGINT) == 0);
        REQUIRE(wait_for_request());
    }
    CHECK(interrupt_requested());  // as it was left
    const GracefulInterrupt again;
    CHECK_FALSE(interrupt_requested());
}

TEST_CASE("cli interrupt: without a GracefulInterrupt an interrupt ends the process: 130 for SIGINT") {
    const test::Scratch scratch;
    const int code = in_child(
        [] {
            const InterruptWatch watch;
            ::kill(::getpid(), SIGINT);
            wait_to_be_ended();
        },
        scratch / "stderr");
    CHECK(code == 130);
    CHECK(test::read_text(scratch.path / "stderr") == "\ncredpath: interrupted\n");
}

TEST_CASE("cli interrupt: without a GracefulInterrupt SIGTERM ends the process with 143") {
    const test::Scratch scratch;
    const int code = in_child(
        [] {
            const InterruptWatch watch;
            ::kill(::getpid(), SIGTERM);
            wait_to_be_ended();
        },
        scratch / "stderr");
    CHECK(code == 143);
    CHECK(test::read_text(scratch.path / "stderr") == "\ncredpath: interrupted\n");
}

TEST_CASE("cli interrupt: a second interrupt a moment after the first ends a graceful run") {
    const test::Scratch scratch;
    const int code = in_child(
        [] {
            const InterruptWatch watch;
            const GracefulInterrupt graceful;
            ::kill(::getpid(), SIGINT);
            if (!wait_for_request()) ::_exit(96);
            std::this_thread::sleep_for(700ms);  // past the 500 ms in which a repeat counts as the same one
            ::kill(::getpid(), SIGINT);
            wait_to_be_ended();
        },
        scratch / "stderr");
    CHECK(code == 130);
    CHECK(test::read_text(scratch.path / "stderr") == "\ncredpath: interrupted\n");
}

TEST_CASE("cli interrupt: the cleanup's words are added to the interrupted line") {
    const test::Scratch scratch;
    const int code = in_child(
        [] {
            set_interrupt_cleanup([] { return std::string(": tidied up"); });
            const InterruptWatch watch;
            ::kill(::getpid(), SIGTERM);
            wait_to_be_ended();
        },
        scratch / "stderr");
    CHECK(code == 143);
    CHECK(test::read_text(scratch.path / "stderr") == "\ncredpath: interrupted: tidied up\n");
}

TEST_CASE("cli interrupt: a progress bar on the screen is erased, not left above the interrupted line") {
    const test::Scratch scratch;
    const int code = in_child(
        [] {
            const InterruptWatch watch;
            note_progress_on_screen(true);
            ::kill(::getpid(), SIGINT);
            wait_to_be_ended();
        },
        scratch / "stderr");
    CHECK(code == 130);
    CHECK(test::read_text(scratch.path / "stderr") == "\r\x1b[Kcredpath: interrupted\n");
}

TEST_CASE("cli interrupt: watch_output(keep) keeps the whole writes so far in FILE.partial") {
    const test::Scratch scratch;
    test::write_text(scratch.path / "answers.jsonl", "old\n");
    const std::string target = scratch / "answers.jsonl";
    const int code = in_child(
        [&] {
            const InterruptWatch watch;
            OutputFile file;
            file.open(target);
            file.write("{\"line\":1}\n");
            watch_output(file, true);
            ::kill(::getpid(), SIGINT);
            wait_to_be_ended();
        },
        scratch / "stderr");
    CHECK(code == 130);
    CHECK(test::read_text(scratch.path / "stderr") ==
          "\ncredpath: interrupted: the answers so far are kept in " + target + ".partial (" + target +
              " is as it was)\n");
    const auto files = scratch.files();
    CHECK(files.size() == 3);  // answers.jsonl, answers.jsonl.partial, stderr: no temporary
    CHECK(files.at("answers.jsonl") == "old\n");
    CHECK(files.at("answers.jsonl.partial") == "{\"line\":1}\n");
}

TEST_CASE("cli interrupt: watch_output(not keep) removes the temporary and says nothing of it") {
    const test::Scratch scratch;
    const std::string target = scratch / "summary.csv";
    const int code = in_child(
        [&] {
            const InterruptWatch watch;
            OutputFile file;
            file.open(target);
            file.write("goal,asked\n");
            watch_output(file, false);
            ::kill(::getpid(), SIGINT);
            wait_to_be_ended();
        },
        scratch / "stderr");
    CHECK(code == 130);
    CHECK(test::read_text(scratch.path / "stderr") == "\ncredpath: interrupted\n");
    const auto files = scratch.files();
    CHECK(files.size() == 1);  // stderr only
    CHECK(files.count("stderr") == 1);
}

TEST_CASE("cli interrupt: an unwatched output is no longer put in order") {
    const test::Scratch scratch;
    const std::string kept = scratch / "kept.jsonl";
    const std::string dropped = scratch / "dropped.jsonl";
    const int code = in_child(
        [&] {
            const InterruptWatch watch;
            OutputFile first;
            OutputFile second;
            first.open(kept);
            second.open(dropped);
            first.write("a\n");
            second.write("b\n");
            watch_output(first, true);
            watch_output(second, true);
            unwatch_output(second);
            ::kill(::getpid(), SIGINT);
            wait_to_be_ended();
        },
        scratch / "stderr");
    CHECK(code == 130);
    CHECK(test::read_text(scratch.path / "stderr") ==
          "\ncredpath: interrupted: the answers so far are kept in " + kept + ".partial (" + kept +
              " is as it was)\n");
    const auto files = scratch.files();
    CHECK(files.count("kept.jsonl.partial") == 1);
    CHECK(files.count("dropped.jsonl.partial") == 0);
    CHECK(files.count("kept.jsonl") == 0);
    CHECK(files.count("dropped.jsonl") == 0);
}

}  // namespace
}  // namespace credpath::cli
