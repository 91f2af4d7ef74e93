// SPDX-License-Identifier: Apache-2.0
#include "common/input_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "common/error.hpp"

namespace precis {

namespace {

//! Owns a file descriptor.
class Fd {
  public:
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    int get() const noexcept { return fd_; }

  private:
    int fd_;
};

std::string display_name(const std::string& given) {
    return given == "-" ? std::string("(stdin)") : given;
}

std::string temporary_directory() {
    const char* dir = std::getenv("TMPDIR");
    return dir != nullptr && *dir != '\0' ? dir : "/tmp";
}

//! The first bytes of a VCF-like stream: text ('#'), gzip/BGZF (1f 8b) or BCF ("BCF").
bool plausible_start(const char* data, std::size_t size, bool binary_ok) {
    if (size == 0) {
        return true;
    }
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(data[i]); };
    if (binary_ok && size >= 2 && byte(0) == 0x1f && byte(1) == 0x8b) {
        return true;
    }
    if (binary_ok && size >= 3 && std::memcmp(data, "BCF", 3) == 0) {
        return true;
    }
    // Text: no NUL byte in the first block.
    return std::memchr(data, '\0', size) == nullptr;
}

//! Copies the stream `in` into a new private temporary file; returns its path.
std::string spool(int in, const std::string& name, const std::string& option, const InputLimits& limits) {
    std::string pattern = temporary_directory() + "/precis-input-XXXXXX";
    std::vector<char> buffer_name(pattern.begin(), pattern.end());
    buffer_name.push_back('\0');
    const Fd out(::mkstemp(buffer_name.data()));  // mode 0600, O_EXCL
    if (out.get() < 0) {
        throw Error(
            ErrorKind::input, name,
            std::string("cannot create a temporary copy of the streamed input: ") + std::strerror(errno),
            "set TMPDIR to a writable directory, or give a regular file to " + option);
    }
    std::string temporary(buffer_name.data());  // not const: returned by move
    std::array<char, 1 << 16> buffer{};
    std::uint64_t total = 0;
    bool first = true;
    while (true) {
        const ssize_t n = ::read(in, buffer.data(), buffer.size());
        if (n == 0) {
            break;
        }
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const std::string reason = std::strerror(errno);
            ::unlink(temporary.c_str());
            throw Error(ErrorKind::input, name,
                        "reading the stream failed after " + std::to_string(total) + " bytes: " + reason,
                        "check the command that produces " + option);
        }
        if (first && !plausible_start(buffer.data(), static_cast<std::size_t>(n), limits.binary_ok)) {
            ::unlink(temporary.c_str());
            throw Error(ErrorKind::input, name,
                        "the stream does not start like a text file" +
                            std::string(limits.binary_ok ? ", a bgzipped file or a BCF" : "") +
                            " (binary data?)",
                        "check what is given to " + option);
        }
        first = false;
        total += static_cast<std::uint64_t>(n);
        if (limits.max_bytes != 0 && total > limits.max_bytes) {
            ::unlink(temporary.c_str());
            throw Error(ErrorKind::input, name,
                        "the stream is longer than the " + std::to_string(limits.max_bytes >> 20) +
                            " MiB accepted for " + option,
                        "check what is given to " + option + "; precis refuses unbounded input");
        }
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(out.get(), buffer.data() + done, static_cast<std::size_t>(n - done));
            if (w < 0 && errno == EINTR) {
                continue;
            }
            if (w <= 0) {
                const std::string reason = std::strerror(errno);
                ::unlink(temporary.c_str());
                throw Error(ErrorKind::input, name, "cannot keep a temporary copy of the stream: " + reason,
                            "free space in " + temporary_directory() + " (or set TMPDIR)");
            }
            done += w;
        }
    }
    return temporary;
}

}  // namespace

InputName InputName::file_name_only() const {
    return {open, given, std::filesystem::path(given).filename().string()};
}

InputSources::~InputSources() {
    for (const std::string& temporary : temporaries_) {
        ::unlink(temporary.c_str());
    }
}

InputName InputSources::prepare(const std::string& given, const std::string& option,
                                const InputLimits& limits) {
    if (given.empty()) {
        return {};
    }
    const std::string name = display_name(given);
    if (given == "-") {
        if (stdin_used_) {
            throw Error(ErrorKind::usage, option, "standard input ('-') is already used by another input",
                        "give at most one input as '-'");
        }
        stdin_used_ = true;
        temporaries_.push_back(spool(STDIN_FILENO, name, option, limits));
        return {temporaries_.back(), name, name};
    }
    struct stat info {};
    if (::stat(given.c_str(), &info) != 0) {
        return given;  // the reader reports the missing file with its own message
    }
    if (S_ISREG(info.st_mode)) {
        return given;
    }
    if (S_ISDIR(info.st_mode)) {
        throw Error(ErrorKind::input, given, option + " is a directory, not a file",
                    "give the path of the file itself");
    }
    if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) {
        throw Error(ErrorKind::input, given, option + " is a device, not a file or a pipe",
                    "give a regular file, a pipe or '-' for standard input");
    }
    const Fd in(::open(given.c_str(), O_RDONLY | O_CLOEXEC));
    if (in.get() < 0) {
        throw Error(ErrorKind::input, given, std::string("cannot open: ") + std::strerror(errno),
                    "check that the path exists and is readable");
    }
    temporaries_.push_back(spool(in.get(), name, option, limits));
    return {temporaries_.back(), name, name};
}

}  // namespace precis
