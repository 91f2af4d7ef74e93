// SPDX-License-Identifier: Apache-2.0
// Renders the sample report and the cohort report (with hostile sample names) and checks them in headless
// Chromium via check_page.mjs. Skips with a message when chromium or node is not installed.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rapidjson/document.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cohort/cohort.hpp"
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

//! Four samples: two reported (one hostile name, one whose report lacks biomarker C), one failed, one
//! unreadable; biomarkers A, B, C.
std::vector<cohort::CohortSample> browser_cohort() {
    using cohort::SampleStatus;
    std::vector<cohort::CohortSample> samples(4);
    const auto call = [](const char* id, BiomarkerState state) {
        return cohort::BiomarkerCall{id, std::string("label ") + id, state};
    };
    samples[0].sample = test::kHostileSample;
    samples[0].tumor_type = "IHCH";
    samples[0].status = SampleStatus::ok;
    samples[0].biomarkers = {call("A", BiomarkerState::detected), call("B", BiomarkerState::not_detected),
                             call("C", BiomarkerState::not_assessed)};
    samples[1].sample = "S2";
    samples[1].tumor_type = "GIST";
    samples[1].status = SampleStatus::ok;
    samples[1].biomarkers = {call("A", BiomarkerState::not_assessed), call("B", BiomarkerState::detected)};
    samples[2].sample = "S3";
    samples[2].status = SampleStatus::failed;
    samples[2].error = "input error: no_such.vcf";
    samples[3].sample = "S4";
    samples[3].status = SampleStatus::unreadable;
    samples[3].error = "input error: S4/S4.precis.json: truncated";
    return samples;
}

TEST(report_browser, CohortOncoprintShowsEveryCellInItsStateWithoutRequests) {
    const auto chromium = find_chromium();
    const std::string node = find_node();
    if (!chromium || node.empty()) {
        GTEST_SKIP() << "Chromium or Node.js not installed: browser check skipped";
    }
    const fs::path out = fs::current_path() / "cohort_browser";
    fs::create_directories(out);
    const fs::path html = out / "cohort.precis.html";
    write_file_atomically(html.string(),
                          cohort::render_cohort_html(browser_cohort(), {"", "S2/S2.precis.html"}));
    const fs::path dom_path = out / "dom.json";
    fs::remove(dom_path);
    const int code = run({node, PRECIS_BROWSER_CHECK_SCRIPT, *chromium, html.string(), out.string(),
                          "precis cohort report", dom_path.string()});
    if (code == 77) {
        GTEST_SKIP() << "Chromium could not be started";
    }
    ASSERT_EQ(code, 0) << "browser check failed (network request, console error, script or CSP); see above";
    rapidjson::Document dom;
    dom.Parse(read_text_file(dom_path.string(), "DOM dump").c_str());
    ASSERT_TRUE(dom.IsObject() && dom["cells"].IsArray());
    EXPECT_TRUE(dom["cohort"].GetBool());
    EXPECT_EQ(std::string(dom["csp"].GetString()).rfind("default-src 'none';", 0), 0U)
        << dom["csp"].GetString();
    // One cell per sample x biomarker, in the state the report gives (a biomarker the report does not list is
    // not assessed; failed and unreadable samples have no report).
    const std::map<std::string, std::string> expected = {
        {std::string(test::kHostileSample) + "|A", "cell st-det"},
        {std::string(test::kHostileSample) + "|B", "cell st-neg"},
        {std::string(test::kHostileSample) + "|C", "cell st-na"},
        {"S2|A", "cell st-na"},
        {"S2|B", "cell st-det"},
        {"S2|C", "cell st-na"},
        {"S3|A", "cell st-fail"},
        {"S3|B", "cell st-fail"},
        {"S3|C", "cell st-fail"},
        {"S4|A", "cell st-fail"},
        {"S4|B", "cell st-fail"},
        {"S4|C", "cell st-fail"}};
    std::map<std::string, std::string> seen;
    std::map<std::string, std::set<std::string>> fills;
    for (const auto& cell : dom["cells"].GetArray()) {
        const std::string key = std::string(cell["sample"].GetString()) + "|" + cell["biomarker"].GetString();
        EXPECT_TRUE(seen.emplace(key, cell["cls"].GetString()).second) << "two cells for " << key;
        fills[cell["cls"].GetString()].insert(cell["fill"].GetString());
        EXPECT_GT(cell["width"].GetDouble(), 10.0) << key;
    }
    EXPECT_EQ(seen, expected);
    // The four states are drawn differently: one fill each, no two alike.
    std::set<std::string> distinct;
    for (const auto& [cls, fill] : fills) {
        ASSERT_EQ(fill.size(), 1U) << cls;
        distinct.insert(*fill.begin());
    }
    EXPECT_EQ(distinct.size(), 4U);
    EXPECT_NE(fills["cell st-na"].begin()->find("url("), std::string::npos) << "not assessed is hatched";
    EXPECT_NE(fills["cell st-fail"].begin()->find("url("), std::string::npos) << "no report is crossed";
    std::vector<std::string> links;
    for (const auto& link : dom["links"].GetArray()) {
        links.emplace_back(link.GetString());
    }
    EXPECT_EQ(links, (std::vector<std::string>{"S2/S2.precis.html", "S2/S2.precis.html"}));
    EXPECT_GE(dom["legend"].Size(), 4U);
}

}  // namespace
}  // namespace precis::report
