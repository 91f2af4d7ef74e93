// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/files.hpp"

namespace precis::report {

//! The report files of one sample (ID.precis.json, ID.precis.html, ...), replaced as a whole.
//!
//! add() writes each file to a TemporaryFile in the output directory and flushes it to disk; nothing
//! visible changes. commit() then takes an exclusive lock on <out>/.<sample>.precis.lock, so that two runs
//! for one sample never interleave, and renames every temporary over its final name in the order added.
//! When any add() fails, or the set is destroyed without commit() (an exception), every temporary is
//! removed and the existing files are untouched. Files of formats not added are left as they are.
class ReportSet {
  public:
    //! Creates `out_dir` when missing. Throws Error(output) naming the path when it is a dangling
    //! symbolic link, exists but is not a directory, or cannot be created.
    ReportSet(const std::string& out_dir, const std::string& sample);

    //! Writes <out>/<sample><suffix>'s new content to a temporary file. Throws Error(output) when the
    //! final path is a directory or a symbolic link, or the write fails (disk full, ulimit -f, ...).
    void add(const std::string& suffix, std::string_view content);

    //! The final path of <sample><suffix>.
    std::string final_path(const std::string& suffix) const;

    //! Renames all temporaries into place under the per-sample lock; returns the final paths in the
    //! order added. Throws Error(output); a failing rename names the files already replaced.
    std::vector<std::string> commit();

  private:
    struct Entry {
        std::filesystem::path target;
        TemporaryFile temporary;
    };

    std::filesystem::path dir_;
    std::string sample_;
    std::vector<Entry> entries_;
};

//! Checks that `path` may be replaced by a report: absent or a regular file, not a directory or a
//! symbolic link. Throws Error(output) naming it and saying what to do.
void check_report_target(const std::filesystem::path& path);

}  // namespace precis::report
