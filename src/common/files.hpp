// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "common/input_name.hpp"

namespace precis {

//! Reads a whole text file (file.open); throws Error(input) naming file.given when it cannot be read.
std::string read_text_file(const InputName& file, const std::string& what);

//! A new file with an unpredictable name, created like mkstemp: O_CREAT | O_EXCL | O_NOFOLLOW, so an
//! existing file or a planted symbolic link at that name is never opened. The file is closed and removed
//! when the object is destroyed, on every exit path, unless release() was called (after renaming it).
//! Errors are Error(output) naming `label` (the path the user knows, e.g. the final report path).
class TemporaryFile {
  public:
    //! Creates dir/<stem><12 random letters and digits> with permissions `mode` minus the umask.
    TemporaryFile(const std::filesystem::path& dir, const std::string& stem, unsigned mode,
                  std::string label);
    ~TemporaryFile();
    TemporaryFile(TemporaryFile&& other) noexcept;
    TemporaryFile& operator=(TemporaryFile&& other) noexcept;
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    const std::filesystem::path& path() const noexcept { return path_; }

    //! Appends `data`; throws Error(output) saying why (disk full, file-size limit, ...).
    void write(std::string_view data);
    //! Flushes the file to disk (fsync) and closes it; throws Error(output) when that fails.
    void finish();
    //! The file now belongs elsewhere (it was renamed): it is no longer removed.
    void release() noexcept;
    //! Closes and removes the file now.
    void remove() noexcept;

  private:
    [[noreturn]] void fail(const std::string& doing, int error) const;

    std::filesystem::path path_;
    std::string label_;
    int fd_ = -1;
    bool owned_ = false;
};

//! Writes `content` to `path` atomically: a TemporaryFile in the same directory, flushed, then renamed.
//! An existing file is replaced only when the new one is complete. Throws Error(output).
void write_file_atomically(const std::string& path, const std::string& content);

//! What a user can do about a failed write with errno `error` (full disk, quota, ulimit -f, ...).
std::string write_failure_help(int error);

}  // namespace precis
