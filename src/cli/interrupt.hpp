// Ctrl-C and SIGTERM for the whole process, taken by one watcher thread.
//
// Why not a signal handler: Clp (inside CBC) installs its own SIGINT handler
// around each LP solve and puts the previous one back afterwards. With solves
// on several threads those save/restore pairs interleave and can leave Clp's
// handler in place, which swallows Ctrl-C. So SIGINT and SIGTERM are blocked
// in every thread and a watcher takes them with sigtimedwait(): whatever
// handler a library sets never runs.
#pragma once

#include <string>

namespace credpath::cli {

// Lives for the whole run (made first in run(), before any other thread, as
// threads inherit the signal mask). By default an interrupt ends the process
// with exit code 130 (143 for SIGTERM) after "credpath: interrupted".
class InterruptWatch {
public:
    InterruptWatch();
    ~InterruptWatch();
    InterruptWatch(const InterruptWatch&) = delete;
    InterruptWatch& operator=(const InterruptWatch&) = delete;
};

// While one lives, the first interrupt only sets interrupt_requested(), for a
// command that stops cleanly between results (batch); a second interrupt
// ends the process at once.
class GracefulInterrupt {
public:
    GracefulInterrupt();
    ~GracefulInterrupt();
    GracefulInterrupt(const GracefulInterrupt&) = delete;
    GracefulInterrupt& operator=(const GracefulInterrupt&) = delete;
};

bool interrupt_requested();

// Run on the watcher thread just before an interrupt ends the process at once
// (any command but a graceful batch, or a second interrupt there): puts
// result files in order (see OutputFile::abandon). What it returns is added to
// the "credpath: interrupted" line. nullptr for none.
using InterruptCleanup = std::string (*)();
void set_interrupt_cleanup(InterruptCleanup cleanup);

// Whether a progress bar (progress.hpp) is on standard error's last line: an
// interrupt that ends the process erases it rather than leave it above
// "credpath: interrupted".
void note_progress_on_screen(bool on_screen);

class OutputFile;
// Output files that an interrupt ending the process at once must put in order
// (abandon(keep)): kept here, beside what the watcher needs, since the watcher
// thread is where they are put in order.
void watch_output(OutputFile& file, bool keep);
void unwatch_output(OutputFile& file);

}  // namespace credpath::cli
