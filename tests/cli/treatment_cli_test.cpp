// SPDX-License-Identifier: Apache-2.0
// The treatment history on the command line and in a --case file: --line / line_of_therapy and
// --prior-therapy / prior_therapies. A bad value exits 2 naming the option or key and what is expected;
// good values reach the report.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace precis::test {

namespace fs = std::filesystem;

namespace {

//! `precis interpret` on an MSI-H gallbladder cancer (status given, no input file) plus `extra`.
RunResult run_msi_case(const fs::path& dir, const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"interpret",    "--sample", "S1",
                                     "--tumor-type", "GBC",      "--msi-status",
                                     "MSI-H",        "--out",    (dir / "out").string(),
                                     "--formats",    "json",     "--deterministic"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_precis(args);
}

//! `precis interpret --case` on a case file holding the MSI-H gallbladder settings plus `members`
//! (JSON object members, e.g. "\"line_of_therapy\": 0").
RunResult run_case_file(const fs::path& dir, const std::string& members,
                        const std::vector<std::string>& extra = {}) {
    write_file(dir / "case.json",
               "{\"sample\": \"S1\", \"tumor_type\": \"GBC\", \"msi_status\": \"MSI-H\", \"out\": \"out\", "
               "\"formats\": \"json\", \"deterministic\": true, " +
                   members + "}");
    std::vector<std::string> args = {"interpret", "--case", (dir / "case.json").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_precis(args);
}

rapidjson::Document report(const fs::path& dir) {
    rapidjson::Document doc;
    doc.Parse(slurp(dir / "out" / "S1.precis.json").c_str());
    return doc;
}

void expect_usage_error(const RunResult& r, const std::vector<std::string>& texts) {
    EXPECT_EQ(r.exit_code, 2) << r.command << "\n" << r.err;
    EXPECT_NE(r.err.find("usage error"), std::string::npos) << r.err;
    for (const std::string& text : texts) {
        EXPECT_NE(r.err.find(text), std::string::npos) << "'" << text << "' missing from: " << r.err;
    }
}

}  // namespace

TEST(TreatmentOptions, LineOutsideOneToTwentyIsUsageError) {
    const fs::path dir = work_dir();
    expect_usage_error(run_msi_case(dir, {"--line", "0"}), {"--line", "[1, 20]"});
    expect_usage_error(run_msi_case(dir, {"--line", "21"}), {"--line", "[1, 20]"});
    expect_usage_error(run_msi_case(dir, {"--line", "1.5"}), {"--line", "a whole number"});
    expect_usage_error(run_msi_case(dir, {"--line", "second"}), {"--line", "'second'"});
    EXPECT_FALSE(fs::exists(dir / "out" / "S1.precis.json"));
}

TEST(TreatmentOptions, PriorTherapyWithoutReasonIsUsageError) {
    const fs::path dir = work_dir();
    expect_usage_error(run_msi_case(dir, {"--prior-therapy", "imatinib"}),
                       {"--prior-therapy", "'imatinib' has no ':REASON'", "DRUG[+DRUG]:REASON[:TOXICITY]"});
}

TEST(TreatmentOptions, PriorTherapyWithUnknownReasonIsUsageError) {
    const fs::path dir = work_dir();
    expect_usage_error(run_msi_case(dir, {"--prior-therapy", "imatinib:stopped"}),
                       {"--prior-therapy", "'stopped' is not a reason the therapy stopped",
                        "progression, toxicity, completed or other"});
}

TEST(TreatmentOptions, PriorTherapyWithEmptyOrBadDrugIsUsageError) {
    const fs::path dir = work_dir();
    expect_usage_error(run_msi_case(dir, {"--prior-therapy", "gemcitabine+:progression"}),
                       {"--prior-therapy", "a drug name is empty"});
    expect_usage_error(run_msi_case(dir, {"--prior-therapy", "5-FU/LV:completed"}),
                       {"--prior-therapy", "'5-fu/lv' is not a drug name"});
}

TEST(TreatmentOptions, CaseFileLineThatIsNotAWholeNumberIsUsageError) {
    const fs::path dir = work_dir();
    expect_usage_error(run_case_file(dir, "\"line_of_therapy\": \"second\""),
                       {"line_of_therapy (--line)", "\"second\" is not a whole number in [1, 20]"});
    expect_usage_error(run_case_file(dir, "\"line_of_therapy\": 0"), {"line_of_therapy (--line)", "[1, 20]"});
}

TEST(TreatmentOptions, CaseFileBadPriorTherapyIsUsageErrorNamingTheKey) {
    const fs::path dir = work_dir();
    expect_usage_error(
        run_case_file(dir, "\"prior_therapies\": [{\"drugs\": [\"imatinib\"], \"stopped_for\": \"bored\"}]"),
        {"prior_therapies[0].stopped_for", "\"bored\" is not a valid value",
         "progression|toxicity|completed|other"});
    expect_usage_error(run_case_file(dir, "\"prior_therapies\": [{\"drugs\": [\"imatinib\"]}]"),
                       {"prior_therapies[0]", "needs \"drugs\" and \"stopped_for\""});
    expect_usage_error(
        run_case_file(dir,
                      "\"prior_therapies\": [{\"drugs\": [\"imatinib\"], \"stopped_for\": \"progression\", "
                      "\"best_response\": \"partial\"}]"),
        {"prior_therapies[0].best_response", "CR|PR|SD|PD"});
    expect_usage_error(
        run_case_file(dir, "\"prior_therapies\": [{\"drugs\": [], \"stopped_for\": \"progression\"}]"),
        {"prior_therapies[0].drugs"});
    expect_usage_error(run_case_file(dir,
                                     "\"prior_therapies\": [{\"drugs\": [\"imatinib\"], \"stopped_for\": "
                                     "\"progression\", \"reason\": \"PD\"}]"),
                       {"prior_therapies[0]", "unknown key 'reason'"});
    expect_usage_error(run_case_file(dir, "\"prior_therapies\": {\"drugs\": [\"imatinib\"]}"),
                       {"prior_therapies", "is not a list"});
}

TEST(TreatmentOptions, CommandLineValuesReachTheReport) {
    const fs::path dir = work_dir();
    const RunResult r =
        run_msi_case(dir, {"--line", "2", "--prior-therapy", "Pembrolizumab:toxicity:pneumonitis grade 3"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const rapidjson::Document doc = report(dir);
    ASSERT_TRUE(doc.HasMember("treatment"));
    EXPECT_EQ(doc["treatment"]["line_of_therapy"].GetInt(), 2);
    const auto& prior = doc["treatment"]["prior_therapies"][0];
    EXPECT_STREQ(prior["drugs"][0].GetString(), "pembrolizumab");  // read in lower case
    EXPECT_STREQ(prior["stopped_for"].GetString(), "toxicity");
    EXPECT_STREQ(prior["toxicity"].GetString(), "pneumonitis grade 3");
    const auto& therapy = doc["findings"][0]["therapies"][0];
    EXPECT_STREQ(therapy["drugs"][0].GetString(), "pembrolizumab");
    EXPECT_STREQ(therapy["prior_therapies"][0]["stopped_for"].GetString(), "toxicity");
    ASSERT_EQ(therapy["flags"].Size(), 1u);
    EXPECT_STREQ(therapy["flags"][0]["rule_id"].GetString(), "rule.prior_therapy.irae_rechallenge");
    EXPECT_TRUE(report_schema_violations(dir / "out" / "S1.precis.json").empty());
}

TEST(TreatmentOptions, CommandLineWinsOverTheCaseFile) {
    const fs::path dir = work_dir();
    const RunResult r = run_case_file(
        dir,
        "\"line_of_therapy\": 1, \"prior_therapies\": [{\"drugs\": [\"imatinib\"], \"stopped_for\": "
        "\"progression\"}]",
        {"--line", "3", "--prior-therapy", "nivolumab+ipilimumab:completed"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const rapidjson::Document doc = report(dir);
    EXPECT_EQ(doc["treatment"]["line_of_therapy"].GetInt(), 3);
    ASSERT_EQ(doc["treatment"]["prior_therapies"].Size(), 1u);
    EXPECT_STREQ(doc["treatment"]["prior_therapies"][0]["drugs"][1].GetString(), "ipilimumab");
    EXPECT_STREQ(doc["treatment"]["prior_therapies"][0]["stopped_for"].GetString(), "completed");
}

TEST(TreatmentOptions, WithoutTreatmentHistoryTheReportHasNoTreatmentEntry) {
    const fs::path dir = work_dir();
    const RunResult r = run_msi_case(dir, {});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const rapidjson::Document doc = report(dir);
    EXPECT_FALSE(doc.HasMember("treatment"));
    EXPECT_FALSE(doc["findings"][0]["therapies"][0].HasMember("prior_therapies"));
    EXPECT_TRUE(doc["findings"][0]["therapies"][0]["on_label"].GetBool());
}

}  // namespace precis::test
