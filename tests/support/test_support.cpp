// SPDX-License-Identifier: Apache-2.0
#include "support/test_support.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include "common/error.hpp"
#include "common/json.hpp"

extern char** environ;

namespace precis::test {

namespace {

//! <tmp>/precis-tests/<build>: one directory per build tree (named from the binary's path), so that two
//! checkouts running the same test at the same time never share a work directory.
std::filesystem::path build_tmp_root() {
    const std::size_t build_id = std::hash<std::string>{}(kPrecisBinary);
    return std::filesystem::temp_directory_path() / "precis-tests" / std::to_string(build_id % 1000000007U);
}

}  // namespace

std::filesystem::path work_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::filesystem::path dir =
        build_tmp_root() / (std::string(info->test_suite_name()) + "." + info->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

RunResult run_precis(const std::vector<std::string>& args) {
    return run_precis(args, "/dev/null");
}

RunResult run_precis(const std::vector<std::string>& args, const std::string& stdin_path) {
    RunResult result;
    const std::filesystem::path dir = build_tmp_root() / "runs";
    std::filesystem::create_directories(dir);
    const std::string stem = (dir / std::to_string(::getpid())).string() + "-" +
                             std::to_string(reinterpret_cast<std::uintptr_t>(&result));
    const std::string out_path = stem + ".out";
    const std::string err_path = stem + ".err";
    std::vector<std::string> argv_strings{kPrecisBinary};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : argv_strings) {
        argv.push_back(arg.data());
        result.command += (result.command.empty() ? "" : " ") + arg;
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, kPrecisBinary, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        result.err = "posix_spawn failed";
        return result;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = slurp(out_path);
    result.err = slurp(err_path);
    std::filesystem::remove(out_path);
    std::filesystem::remove(err_path);
    return result;
}

std::filesystem::path write_file(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    return path;
}

std::string realdata(const std::string& relative) {
    const std::filesystem::path path = std::filesystem::path(kRealData) / relative;
    if (std::filesystem::exists(path)) {
        return path.string();
    }
    // Permissively licensed files are also bundled (testdata/vcf/ATTRIBUTION.md).
    const std::filesystem::path bundled = std::filesystem::path(kTestData) / "vcf" / "realdata" / relative;
    return std::filesystem::exists(bundled) ? bundled.string() : std::string();
}

ScopedEnv::ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) {
        old_ = old;
    }
    if (value != nullptr) {
        ::setenv(name, value, 1);
    } else {
        ::unsetenv(name);
    }
}

ScopedEnv::~ScopedEnv() {
    if (old_) {
        ::setenv(name_.c_str(), old_->c_str(), 1);
    } else {
        ::unsetenv(name_.c_str());
    }
}

std::vector<std::string> list_dir(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> report_schema_violations(const std::filesystem::path& path) {
    const rapidjson::Document document = json::parse_json(slurp(path), path.string(), ErrorKind::internal);
    return json::validate_json(document, std::string(kSchemas) + "/report.schema.json", path.string());
}

}  // namespace precis::test
