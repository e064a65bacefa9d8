// Result files (--output, batch's --summary-file): written whole or not at all.
//
// The result goes to a temporary file beside the target (.NAME.credpath-XXXXXX),
// which is flushed to disk and renamed over the target only once the command
// has its answer, so an interrupted or failed run leaves the old file as it
// was, never half written. Private to the executable.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include "credpath/report/style.hpp"

namespace credpath::cli {

// The file a path names once its symbolic links are followed (the link
// itself is kept; its target is replaced). A path that is no link is returned
// as is; a dangling link gives the path it points to.
std::string follow_symlinks(const std::string& path);

// Throws InputError when `output` is one of `inputs` (same device and inode,
// symbolic links followed): "refusing to overwrite input file 'X' with OPTION".
// Inputs that do not exist, and an output that does not, never match.
void refuse_input_overwrite(const std::string& output, const std::vector<std::string>& inputs,
                            std::string_view option = "--output");

// Whether two paths name one file: the same device and inode when both exist,
// else the same path once links are followed and made absolute.
bool same_file(const std::string& a, const std::string& b);

class OutputFile {
public:
    OutputFile() = default;
    ~OutputFile();  // an open file that was not committed: the temporary goes
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // Creates the temporary file beside `path` (symbolic links followed). A
    // target that exists but is no regular file (a FIFO, /dev/null, a
    // terminal) cannot be replaced and is written in place. InputError naming
    // the file when it cannot be created (a missing or read-only directory,
    // a directory as the target) or the target is write-protected.
    void open(const std::string& path);
    bool is_open() const { return fd_ >= 0; }
    const std::string& path() const { return given_; }  // as given to open()

    // All of `text`, or InputError naming the file (a full disk, say).
    void write(std::string_view text);
    // Flushes to disk, sets the mode (a replaced file keeps its permission
    // bits and, where allowed, its owner; a new one gets 0666 less the umask)
    // and renames the temporary over the target. InputError when any step fails;
    // the temporary is gone then too.
    void commit();
    // Renames what was written so far to TARGET.partial and returns that path;
    // "" when nothing was written (the temporary goes), when written in place
    // or nothing is open. The target is untouched.
    std::string keep_partial();
    // Removes the temporary; the target is untouched.
    void discard();

    // For the interrupt watcher, when the process is about to end at once:
    // waits (briefly) for a write in progress, then keeps the partial file when
    // `keep` (so it holds only whole writes) or removes the temporary, and
    // leaves the file closed: a later write() fails. Returns the partial path,
    // or "".
    std::string abandon(bool keep);

private:
    // These expect writing_ held.
    std::string keep_partial_locked();
    void remove_temp();
    void close_fd();
    [[noreturn]] void fail(std::string_view what, int error);  // removes the temporary, throws InputError

    std::string given_;
    std::string target_;  // the file replaced: given_ with its links followed
    std::string temp_;    // "" when written in place, committed or removed
    std::string temp_name_;  // temp_ as made, for abandon() without the lock
    int fd_ = -1;
    std::size_t written_ = 0;  // bytes
    bool existed_ = false;
    mode_t mode_ = 0;
    uid_t owner_ = 0;
    gid_t group_ = 0;
    std::timed_mutex writing_;  // held across each write(), for abandon()
};

// A command's result: standard output, or the file of -o,--output written
// through an OutputFile (a temporary beside it, renamed over it once the
// command has its answer). run() commits it when the command returns, whatever
// its exit code, and discards it when the command fails.
class ResultOutput {
public:
    // Starts the --output file; "" or "-" mean standard output. First refuses a
    // FILE that is one of the inputs (computed only when there is a FILE):
    // InputError, exit code 2, nothing written. With `keep_partial`, an
    // interrupt that ends the process at once keeps the whole writes so far in
    // FILE.partial.
    void open(const std::string& path, const std::function<std::vector<std::string>()>& inputs,
              bool keep_partial = false);
    // The open --output file, or nullptr for standard output.
    OutputFile* file() { return file_.is_open() ? &file_ : nullptr; }
    // Writes a result in full, or fails with exit code 2.
    void write(std::string_view text);
    // How results are styled: as on standard output, plain in a file; tables
    // fit the terminal, or the --width given.
    Style style() const;
    void set_width(std::size_t width) { width_ = width; }
    // --color: always or never, whatever the output is (auto: unset).
    void set_color(std::optional<bool> color) { color_ = color; }
    void commit();
    void discard();

private:
    OutputFile file_;
    std::optional<std::size_t> width_;
    std::optional<bool> color_;
};

// Colour only on a terminal, and never with NO_COLOR or TERM=dumb.
Style style_for(int fd);

}  // namespace credpath::cli
