// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "common/error.hpp"
#include "common/files.hpp"
#include "report/writers.hpp"
#include "unit/report/sample_report.hpp"

namespace precis::report {
namespace {

namespace fs = std::filesystem;

//! Sets an environment variable for the scope of a test and restores it afterwards.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) {
            old_ = old;
        }
        ::setenv(name, value, 1);
    }
    ~ScopedEnv() {
        if (old_) {
            ::setenv(name_.c_str(), old_->c_str(), 1);
        } else {
            ::unsetenv(name_.c_str());
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    std::string name_;
    std::optional<std::string> old_;
};

fs::path fresh_dir(const std::string& name) {
    const fs::path dir =
        fs::temp_directory_path() / ("precis_report_test_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

TEST(report_pdf, MissingChromiumIsAClearOutputError) {
    const ScopedEnv env("PRECIS_CHROMIUM", "/nonexistent/chromium");
    EXPECT_FALSE(find_chromium().has_value());
    const fs::path dir = fresh_dir("nochromium");
    write_file_atomically((dir / "r.html").string(), "<!DOCTYPE html><title>x</title>");
    try {
        write_pdf((dir / "r.html").string(), (dir / "r.pdf").string());
        FAIL() << "expected an Error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::output);
        EXPECT_EQ(error.why().rfind("--pdf needs Chromium: apt-get install chromium", 0), 0U) << error.why();
        EXPECT_NE(error.help().find("PRECIS_CHROMIUM"), std::string::npos);
    }
    EXPECT_FALSE(fs::exists(dir / "r.pdf"));
    fs::remove_all(dir);
}

TEST(report_pdf, MissingHtmlIsAnOutputError) {
    if (!find_chromium()) {
        GTEST_SKIP() << "Chromium not installed (apt-get install chromium)";
    }
    const fs::path dir = fresh_dir("nohtml");
    try {
        write_pdf((dir / "absent.html").string(), (dir / "r.pdf").string());
        FAIL() << "expected an Error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::output);
    }
    fs::remove_all(dir);
}

TEST(report_pdf, PrintsTheHtmlReportWithChromium) {
    if (!find_chromium()) {
        GTEST_SKIP() << "Chromium not installed (apt-get install chromium): PDF printing not tested";
    }
    const fs::path dir = fresh_dir("print dir with space");
    const fs::path html = dir / "GBC-042.precis.html";
    const fs::path pdf = dir / "GBC-042.precis.pdf";
    write_file_atomically(html.string(), render_html(test::sample_report(test::kHostileSample)));
    write_file_atomically(pdf.string(), "old report");  // replaced only when the new one is complete
    write_pdf(html.string(), pdf.string());
    std::ifstream in(pdf, std::ios::binary);
    std::string magic(5, '\0');
    in.read(magic.data(), 5);
    EXPECT_EQ(magic, "%PDF-");
    EXPECT_GT(fs::file_size(pdf), 10000U);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) {
        ++files;
    }
    EXPECT_EQ(files, 2U) << "temporary files left behind in " << dir;
    fs::remove_all(dir);
}

}  // namespace
}  // namespace precis::report
