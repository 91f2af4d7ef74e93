// SPDX-License-Identifier: Apache-2.0
#include "common/files.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.hpp"

namespace precis {

std::string read_text_file(const std::string& path, const std::string& what) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw Error(ErrorKind::input, path, "the " + what + " is a directory, not a file",
                    "give the path of the file itself");
    }
    // Text inputs are read whole: a file larger than this is not a table or JSON document precis expects.
    constexpr std::uintmax_t kMaxTextBytes = std::uintmax_t{1} << 30;
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) > kMaxTextBytes) {
        throw Error(ErrorKind::input, path, "the " + what + " is larger than 1 GiB",
                    "check that this is the intended file (text inputs are read whole)");
    }
    if (std::filesystem::is_character_file(path, ec) || std::filesystem::is_block_file(path, ec) ||
        std::filesystem::is_socket(path, ec)) {
        throw Error(ErrorKind::input, path, "the " + what + " is a device or socket, not a file",
                    "give a regular file (or a pipe)");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::input, path, "cannot open the " + what + ": " + std::strerror(errno),
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

void write_file_atomically(const std::string& path, const std::string& content) {
    const std::filesystem::path target(path);
    const std::filesystem::path temporary =
        target.parent_path() / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw Error(ErrorKind::output, temporary.string(),
                        std::string("cannot create the temporary output file: ") + std::strerror(errno),
                        "check that the output directory exists and is writable");
        }
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw Error(ErrorKind::output, temporary.string(), "writing the output failed (disk full?)",
                        "free space or choose another --out directory");
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, target, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw Error(ErrorKind::output, path, "cannot move the finished report into place: " + ec.message(),
                    "check permissions of the output directory");
    }
}

}  // namespace precis
