// SPDX-License-Identifier: Apache-2.0
#include "common/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <utility>

#include "common/error.hpp"

namespace precis {

namespace {

constexpr int kNameAttempts = 100;

std::string random_name_part() {
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::random_device device;  // the kernel's random source (getrandom)
    std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
    std::string part(12, 'x');
    for (char& c : part) {
        c = kAlphabet[pick(device)];
    }
    return part;
}

}  // namespace

std::string read_text_file(const InputName& file, const std::string& what) {
    const std::string& path = file.open;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw Error(ErrorKind::input, file.given, "the " + what + " is a directory, not a file",
                    "give the path of the file itself");
    }
    // Text inputs are read whole: a file larger than this is not a table or JSON document precis expects.
    constexpr std::uintmax_t kMaxTextBytes = std::uintmax_t{1} << 30;
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) > kMaxTextBytes) {
        throw Error(ErrorKind::input, file.given, "the " + what + " is larger than 1 GiB",
                    "check that this is the intended file (text inputs are read whole)");
    }
    if (std::filesystem::is_character_file(path, ec) || std::filesystem::is_block_file(path, ec) ||
        std::filesystem::is_socket(path, ec)) {
        throw Error(ErrorKind::input, file.given, "the " + what + " is a device or socket, not a file",
                    "give a regular file (or a pipe)");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::input, file.given, "cannot open the " + what + ": " + std::strerror(errno),
                    "check that the path exists and is readable");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    // A UTF-8 byte-order mark (written by some spreadsheet exports) is not part of the first header name.
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        text.erase(0, 3);
    }
    return text;
}

std::string write_failure_help(int error) {
    switch (error) {
        case ENOSPC:
            return "the file system is full: free space or write to another directory";
        case EDQUOT:
            return "the disk quota is exhausted: free space or write to another directory";
        case EFBIG:
            return "the file-size limit (ulimit -f) is smaller than the file: raise the limit";
        case EACCES:
        case EPERM:
        case EROFS:
            return "check that the directory exists and is writable";
        default:
            return "check the directory and the disk it is on";
    }
}

TemporaryFile::TemporaryFile(const std::filesystem::path& dir, const std::string& stem, unsigned mode,
                             std::string label)
    : label_(std::move(label)) {
    for (int attempt = 0; attempt < kNameAttempts; ++attempt) {
        path_ = dir / (stem + random_name_part());
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                     static_cast<mode_t>(mode));
        if (fd_ >= 0) {
            owned_ = true;
            return;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    const int error = errno;
    throw Error(ErrorKind::output, label_,
                "cannot create a temporary file in " + dir.string() + ": " + std::strerror(error),
                write_failure_help(error));
}

TemporaryFile::~TemporaryFile() {
    remove();
}

TemporaryFile::TemporaryFile(TemporaryFile&& other) noexcept
    : path_(std::move(other.path_)),
      label_(std::move(other.label_)),
      fd_(std::exchange(other.fd_, -1)),
      owned_(std::exchange(other.owned_, false)) {}

TemporaryFile& TemporaryFile::operator=(TemporaryFile&& other) noexcept {
    if (this != &other) {
        remove();
        path_ = std::move(other.path_);
        label_ = std::move(other.label_);
        fd_ = std::exchange(other.fd_, -1);
        owned_ = std::exchange(other.owned_, false);
    }
    return *this;
}

void TemporaryFile::fail(const std::string& doing, int error) const {
    throw Error(
        ErrorKind::output, label_,
        "cannot " + doing + " (temporary file " + path_.filename().string() + "): " + std::strerror(error),
        write_failure_help(error));
}

void TemporaryFile::write(std::string_view data) {
    while (!data.empty()) {
        const ssize_t written = ::write(fd_, data.data(), data.size());
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            fail("write the file", written < 0 ? errno : ENOSPC);
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
}

void TemporaryFile::finish() {
    if (::fsync(fd_) != 0 && errno != EINVAL) {
        fail("flush the file to disk", errno);
    }
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0 && errno != EINTR) {
        fail("close the file", errno);
    }
}

void TemporaryFile::release() noexcept {
    owned_ = false;
}

void TemporaryFile::remove() noexcept {
    if (fd_ >= 0) {
        ::close(std::exchange(fd_, -1));
    }
    if (owned_) {
        ::unlink(path_.c_str());
        owned_ = false;
    }
}

void write_file_atomically(const std::string& path, const std::string& content) {
    const std::filesystem::path target(path);
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
    TemporaryFile temporary(dir, "." + target.filename().string() + ".tmp.", 0666, path);
    temporary.write(content);
    temporary.finish();
    if (::rename(temporary.path().c_str(), target.c_str()) != 0) {
        const int error = errno;
        throw Error(ErrorKind::output, path,
                    std::string("cannot move the finished file into place: ") + std::strerror(error),
                    error == EISDIR ? "remove the directory of that name or write elsewhere"
                                    : "check permissions of the directory");
    }
    temporary.release();
}

}  // namespace precis
