// SPDX-License-Identifier: Apache-2.0
// Shared helpers for tests that run the precis binary and check its reports.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "test_paths.hpp"

namespace precis::test {

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    std::string command;  //!< printed on failure
};

//! A fresh work directory per test: <tmp>/precis-tests/<build id>/<suite>.<test>.
std::filesystem::path work_dir();

//! Runs the built precis binary with `args` (no shell: arguments are passed as-is), capturing stdout,
//! stderr and the exit code.
RunResult run_precis(const std::vector<std::string>& args);
//! Same, with standard input read from `stdin_path` (a file or a named pipe) instead of /dev/null.
RunResult run_precis(const std::vector<std::string>& args, const std::string& stdin_path);

//! Path of a file under ../shared/realdata, or "" (and the caller should GTEST_SKIP) when absent.
std::string realdata(const std::string& relative);

//! Writes `text` to `path` (binary, truncating; parent directories created) and returns the path.
std::filesystem::path write_file(const std::filesystem::path& path, const std::string& text);

//! Reads a file whole.
std::string slurp(const std::filesystem::path& path);

//! Sets (or, with nullptr, unsets) an environment variable for a scope; the old value comes back after.
//! Children started by run_precis inherit it.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const char* value);
    ~ScopedEnv();
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    std::string name_;
    std::optional<std::string> old_;
};

//! Names of the entries of a directory, sorted.
std::vector<std::string> list_dir(const std::filesystem::path& dir);

//! Validates a JSON report file against schemas/report.schema.json; returns the violations.
std::vector<std::string> report_schema_violations(const std::filesystem::path& path);

}  // namespace precis::test

#define PRECIS_REALDATA_OR_SKIP(var, relative)                                                       \
    const std::string var = ::precis::test::realdata(relative);                                      \
    if (var.empty()) {                                                                               \
        GTEST_SKIP() << "../shared/realdata/" << (relative) << " is absent; real-data test skipped"; \
    }
