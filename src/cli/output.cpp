#include "cli/output.hpp"
#include "cli/interrupt.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utility>

#include "credpath/model/diagnostic.hpp"

namespace credpath::cli {

namespace fs = std::filesystem;

namespace {
// 0666 less the umask, as open(2) would make a new file. The umask is read
// from /proc, since umask(2) can only be read by setting it.
mode_t new_file_mode() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("Umask:", 0) != 0) continue;
        const unsigned long mask = std::strtoul(line.c_str() + 6, nullptr, 8);
        return static_cast<mode_t>(0666 & ~mask);
    }
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
}

// Makes a written file and its name durable (best effort for the directory:
// some file systems refuse fsync on one).
void sync_directory(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

std::string directory_of(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? "." : parent.string();
}
}  // namespace

std::string follow_symlinks(const std::string& path) {
    fs::path current = path;
    for (int hops = 0; hops < 40; ++hops) {  // a loop of links ends in ELOOP at open()
        struct stat info {};
        if (::lstat(current.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) break;
        std::error_code error;
        const fs::path next = fs::read_symlink(current, error);
        if (error) break;
        current = next.is_absolute() ? next : current.parent_path() / next;
    }
    return current.string();
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat first {};
    struct stat second {};
    if (::stat(a.c_str(), &first) == 0 && ::stat(b.c_str(), &second) == 0)
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
    std::error_code error;
    const fs::path left = fs::weakly_canonical(fs::absolute(follow_symlinks(a)), error);
    if (error) return false;
    const fs::path right = fs::weakly_canonical(fs::absolute(follow_symlinks(b)), error);
    return !error && left == right;
}

void refuse_input_overwrite(const std::string& output, const std::vector<std::string>& inputs,
                            std::string_view option) {
    if (output.empty() || output == "-") return;
    struct stat out {};
    if (::stat(output.c_str(), &out) != 0) return;
    for (const std::string& input : inputs) {
        struct stat in {};
        if (input.empty() || input == "-" || ::stat(input.c_str(), &in) != 0) continue;
        if (in.st_dev == out.st_dev && in.st_ino == out.st_ino)
            throw InputError{fmt::format("refusing to overwrite input file '{}' with {}", input, option), {}};
    }
}

OutputFile::~OutputFile() {
    const std::lock_guard lock(writing_);
    remove_temp();
}

void OutputFile::open(const std::string& path) {
    const std::lock_guard lock(writing_);
    remove_temp();
    temp_name_.clear();
    written_ = 0;
    given_ = path;
    target_ = follow_symlinks(path);
    existed_ = false;
    struct stat info {};
    if (::stat(target_.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode)) fail("write", EISDIR);
        if (!S_ISREG(info.st_mode)) {
            // A FIFO or a device is no file to replace: it is written as it is.
            fd_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
            if (fd_ < 0) fail("write", errno);
            return;
        }
        // rename() would replace a write-protected file too; like `> FILE`, refuse it.
        if (::access(target_.c_str(), W_OK) != 0) fail("write", errno);
        existed_ = true;
        mode_ = info.st_mode & 07777;
        owner_ = info.st_uid;
        group_ = info.st_gid;
    } else if (errno != ENOENT) {
        fail("write", errno);
    } else {
        mode_ = new_file_mode();
    }
    // Beside the target, so that rename() stays within one file system; the
    // name is cut short so that the temporary's fits where the target's does.
    const std::string name = fs::path(target_).filename().string().substr(0, 200);
    std::string temp = (fs::path(directory_of(target_)) / ("." + name + ".credpath-XXXXXX")).string();
    fd_ = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd_ < 0) fail("write", errno);
    temp_ = temp;
    temp_name_ = std::move(temp);
}

void OutputFile::write(std::string_view text) {
    const std::lock_guard lock(writing_);
    if (fd_ < 0) fail("write", EBADF);
    while (!text.empty()) {
        const ssize_t written = ::write(fd_, text.data(), text.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            fail("write", errno);
        }
        text.remove_prefix(static_cast<std::size_t>(written));
        written_ += static_cast<std::size_t>(written);
    }
}

void OutputFile::commit() {
    const std::lock_guard lock(writing_);
    if (fd_ < 0) return;
    if (temp_.empty()) {  // written in place
        const int fd = std::exchange(fd_, -1);
        if (::close(fd) != 0) fail("write", errno);
        return;
    }
    if (::fsync(fd_) != 0) fail("write", errno);
    // The owner first: chown clears the set-id bits that fchmod then restores.
    if (existed_ && (owner_ != ::geteuid() || group_ != ::getegid())) {
        [[maybe_unused]] const int ignored = ::fchown(fd_, owner_, group_);  // only root may give a file away
    }
    if (::fchmod(fd_, mode_) != 0) fail("write", errno);
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0) fail("write", errno);
    if (::rename(temp_.c_str(), target_.c_str()) != 0) fail("replace", errno);
    temp_.clear();
    sync_directory(directory_of(target_));
}

std::string OutputFile::keep_partial() {
    const std::lock_guard lock(writing_);
    return keep_partial_locked();
}

std::string OutputFile::keep_partial_locked() {
    if (temp_.empty() || written_ == 0) {  // an empty partial file would say nothing
        remove_temp();
        return "";
    }
    ::fsync(fd_);
    ::fchmod(fd_, mode_);
    close_fd();
    const std::string partial = target_ + ".partial";
    if (::rename(temp_.c_str(), partial.c_str()) != 0) {
        remove_temp();
        return "";
    }
    temp_.clear();
    return partial;
}

void OutputFile::discard() {
    const std::lock_guard lock(writing_);
    remove_temp();
}

std::string OutputFile::abandon(bool keep) {
    // A writer stuck on a full or hung disk must not keep the process alive.
    if (!writing_.try_lock_for(std::chrono::seconds(1))) {
        if (!temp_name_.empty()) ::unlink(temp_name_.c_str());  // gone already after a rename: no harm
        return "";
    }
    const std::lock_guard lock(writing_, std::adopt_lock);
    // Closed from here on: a write that follows fails instead of adding to the partial file.
    if (keep) return keep_partial_locked();
    remove_temp();
    return "";
}

void OutputFile::close_fd() {
    if (fd_ >= 0) ::close(std::exchange(fd_, -1));
}

void OutputFile::remove_temp() {
    close_fd();
    if (!temp_.empty()) ::unlink(temp_.c_str());
    temp_.clear();
}

void OutputFile::fail(std::string_view what, int error) {
    remove_temp();
    throw InputError{fmt::format("cannot {} '{}': {}", what, given_, std::strerror(error)), {}};
}

void ResultOutput::open(const std::string& path, const std::function<std::vector<std::string>()>& inputs,
                        bool keep_partial) {
    if (path.empty() || path == "-") return;
    refuse_input_overwrite(path, inputs());
    file_.open(path);
    watch_output(file_, keep_partial);
}

void ResultOutput::write(std::string_view text) {
    if (file_.is_open()) {
        file_.write(text);
        return;
    }
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
        throw InputError{fmt::format("cannot write the output: {}", std::strerror(errno)), {}};
}

Style ResultOutput::style() const {
    Style style = file_.is_open() ? Style{} : style_for(STDOUT_FILENO);
    if (width_) style.width = *width_;
    if (color_) style.color = *color_;
    return style;
}

// Watched until done: an interrupt meanwhile waits for the file's lock.
void ResultOutput::commit() {
    file_.commit();  // when it fails, the temporary is gone already
    unwatch_output(file_);
}

void ResultOutput::discard() {
    file_.discard();
    unwatch_output(file_);
}

namespace {
// A terminal's width: $COLUMNS, else what the terminal says, else 80.
std::size_t terminal_width(int fd) {
    if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
        char* end = nullptr;
        const long value = std::strtol(columns, &end, 10);
        if (*end == '\0' && value > 0 && value < 100000) return static_cast<std::size_t>(value);
    }
    winsize size{};
    if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return 80;
}
}  // namespace

Style style_for(int fd) {
    Style style;
    style.terminal = isatty(fd) == 1;
    if (style.terminal) style.width = terminal_width(fd);
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    style.color = style.terminal && !(no_color && *no_color) && !(term && std::strcmp(term, "dumb") == 0);
    return style;
}

}  // namespace credpath::cli
