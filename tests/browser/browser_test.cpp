// SPDX-License-Identifier: Apache-2.0
// Renders the sample report (with a hostile sample name) and checks it in headless Chromium via
// check_page.mjs. Skips with a message when chromium or node is not installed.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/files.hpp"
#include "report/writers.hpp"
#include "unit/report/sample_report.hpp"

extern char** environ;

namespace precis::report {
namespace {

namespace fs = std::filesystem;

std::string find_node() {
    for (const char* candidate : {"/usr/bin/node", "/usr/bin/nodejs", "/usr/local/bin/node"}) {
        if (::access(candidate, X_OK) == 0) {
            return candidate;
        }
    }
    return {};
}

int run(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    std::vector<std::string> copy = args;
    for (auto& arg : copy) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
        return -1;
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(report_browser, PageLoadsWithoutRequestsOrConsoleErrorsAndPrints) {
    const auto chromium = find_chromium();
    if (!chromium) {
        GTEST_SKIP() << "Chromium not installed (apt-get install chromium): browser check skipped";
    }
    const std::string node = find_node();
    if (node.empty()) {
        GTEST_SKIP() << "Node.js not installed (apt-get install nodejs): browser check skipped";
    }
    const fs::path out = fs::current_path() / "report_browser";
    fs::create_directories(out);
    const fs::path html = out / "sample.precis.html";
    write_file_atomically(html.string(), render_html(test::sample_report(test::kHostileSample)));
    const int code = run(
        {node, PRECIS_BROWSER_CHECK_SCRIPT, *chromium, html.string(), out.string(), test::kHostileSample});
    if (code == 77) {
        GTEST_SKIP() << "Chromium could not be started";
    }
    ASSERT_EQ(code, 0) << "browser check failed; see the output above";
    for (const char* file : {"report_top.png", "report_full.png", "report_a4.pdf", "report_letter.pdf"}) {
        EXPECT_TRUE(fs::exists(out / file)) << file;
        EXPECT_GT(fs::file_size(out / file), 1000U) << file;
    }
    std::cout << "screenshots and PDFs: " << out << "\n";
}

}  // namespace
}  // namespace precis::report
