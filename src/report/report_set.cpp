// SPDX-License-Identifier: Apache-2.0
#include "report/report_set.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include <spdlog/spdlog.h>

#include "common/error.hpp"

namespace precis::report {

namespace {

namespace fs = std::filesystem;

//! The first component of `path` (itself or a parent) that is a symbolic link to nothing.
std::optional<fs::path> dangling_link(fs::path path) {
    if (!path.has_filename()) {
        path = path.parent_path();  // "dir/" names "dir"
    }
    for (; !path.empty() && path != path.root_path(); path = path.parent_path()) {
        std::error_code ec;
        if (fs::is_symlink(fs::symlink_status(path, ec)) && !fs::exists(path, ec) && !ec) {
            return path;  // (an unreadable target sets ec and is not reported as missing)
        }
    }
    return std::nullopt;
}

fs::path prepare_directory(const std::string& out) {
    if (const auto link = dangling_link(out)) {
        std::error_code ec;
        const std::string target = fs::read_symlink(*link, ec).string();
        throw Error(ErrorKind::output, link->string(),
                    "the output directory cannot be created: this is a symbolic link to '" + target +
                        "', which does not exist",
                    "create the directory the link points to, remove the link, or choose another --out");
    }
    std::error_code ec;
    const fs::file_status status = fs::status(out, ec);
    if (fs::exists(status) && !fs::is_directory(status)) {
        throw Error(ErrorKind::output, out, "the output path exists and is not a directory",
                    "choose a directory for --out");
    }
    fs::create_directories(out, ec);
    if (ec || !fs::is_directory(out, ec)) {
        throw Error(ErrorKind::output, out, "cannot create the output directory: " + ec.message(),
                    "choose a writable --out directory");
    }
    return fs::path(out);
}

//! Holds an exclusive flock on the sample's lock file while it exists. The file is created if missing,
//! never through a symbolic link, and stays in place (removing it would let a third run lock a new file).
class SampleLock {
  public:
    explicit SampleLock(const fs::path& path) {
        fd_ = ::open(path.c_str(), O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
        if (fd_ < 0) {
            const int error = errno;
            throw Error(ErrorKind::output, path.string(),
                        std::string("cannot open the lock file: ") +
                            (error == ELOOP ? "it is a symbolic link" : std::strerror(error)),
                        error == ELOOP ? "remove the link; precis creates the lock file itself"
                                       : write_failure_help(error));
        }
        struct stat info {};
        if (::fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) {
            ::close(fd_);
            throw Error(ErrorKind::output, path.string(), "the lock file is not a regular file",
                        "remove it; precis creates the lock file itself");
        }
        lock(path);
    }
    ~SampleLock() { ::close(fd_); }
    SampleLock(const SampleLock&) = delete;
    SampleLock& operator=(const SampleLock&) = delete;

  private:
    void lock(const fs::path& path) const {
        while (::flock(fd_, LOCK_EX) != 0) {
            const int error = errno;
            if (error != EINTR) {
                spdlog::warn("{}: cannot lock ({}); reports are replaced without the per-sample lock",
                             path.string(), std::strerror(error));
                return;
            }
        }
    }

    int fd_ = -1;
};

//! Makes the renames durable; best effort (a failure here does not undo a complete set).
void sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)::fsync(fd);
        ::close(fd);
    }
}

[[noreturn]] void rename_failed(const fs::path& target, int error, const std::vector<std::string>& done) {
    std::string changed = "no report file was changed";
    if (!done.empty()) {
        changed = "already replaced by this run:";
        for (const std::string& path : done) {
            changed += " " + path;
        }
        changed += "; the others keep their previous content";
    }
    throw Error(
        ErrorKind::output, target.string(),
        std::string("cannot move the new report into place: ") + std::strerror(error) + "; " + changed,
        "fix the cause and rerun precis to write the whole set again");
}

//! The same error, saying that the existing reports were not touched.
Error with_nothing_changed(const Error& error, const fs::path& dir) {
    return Error(ErrorKind::output, error.where(),
                 error.why() + "; no report in " + dir.string() + " was changed", error.help());
}

}  // namespace

void check_report_target(const fs::path& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) {
            return;
        }
        throw Error(ErrorKind::output, path.string(),
                    std::string("cannot check the report path: ") + std::strerror(errno),
                    "check permissions of the output directory");
    }
    if (S_ISLNK(info.st_mode)) {
        throw Error(ErrorKind::output, path.string(),
                    "the report path is a symbolic link; precis does not write through links",
                    "remove the link (precis then writes a new file in its place) or choose another --out");
    }
    if (S_ISDIR(info.st_mode)) {
        throw Error(ErrorKind::output, path.string(), "the report path is a directory, not a file",
                    "move or remove the directory, or choose another --out");
    }
    if (!S_ISREG(info.st_mode)) {
        throw Error(ErrorKind::output, path.string(), "the report path exists and is not a regular file",
                    "remove it or choose another --out");
    }
}

ReportSet::ReportSet(const std::string& out_dir, const std::string& sample)
    : dir_(prepare_directory(out_dir)), sample_(sample) {}

std::string ReportSet::final_path(const std::string& suffix) const {
    return (dir_ / (sample_ + suffix)).string();
}

void ReportSet::add(const std::string& suffix, std::string_view content) {
    const fs::path target = final_path(suffix);
    try {
        check_report_target(target);
        TemporaryFile temporary(dir_, "." + target.filename().string() + ".tmp.", 0666, target.string());
        temporary.write(content);
        temporary.finish();
        entries_.push_back({target, std::move(temporary)});
    } catch (const Error& error) {
        throw with_nothing_changed(error, dir_);
    }
}

std::vector<std::string> ReportSet::commit() {
    std::optional<SampleLock> lock;
    try {
        lock.emplace(dir_ / ("." + sample_ + ".precis.lock"));
        for (const Entry& entry : entries_) {
            check_report_target(entry.target);  // again: the directory may have changed since add()
        }
    } catch (const Error& error) {
        throw with_nothing_changed(error, dir_);
    }
    std::vector<std::string> done;
    for (Entry& entry : entries_) {
        if (::rename(entry.temporary.path().c_str(), entry.target.c_str()) != 0) {
            rename_failed(entry.target, errno, done);
        }
        entry.temporary.release();
        done.push_back(entry.target.string());
    }
    sync_directory(dir_);
    entries_.clear();
    return done;
}

}  // namespace precis::report
