// SPDX-License-Identifier: Apache-2.0
// `precis batch`: samplesheet errors, per-sample failures, --resume, the cohort table and the exit code.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <chrono>
#include <filesystem>
#include <map>

#include "batch/batch.hpp"
#include "batch/samplesheet.hpp"
#include "common/error.hpp"
#include "support/test_support.hpp"

namespace precis::test {

namespace fs = std::filesystem;

namespace {

const fs::path kCases = fs::path(kSourceDir) / "tests" / "cases";

//! The BRAF V600E VCF of the IHCH clinical case, copied into `dir` as `name`.
fs::path braf_vcf(const fs::path& dir, const std::string& name) {
    const fs::path target = dir / name;
    fs::create_directories(target.parent_path());
    fs::copy_file(kCases / "ihch_braf_v600e_tumour_agnostic" / "variants.vcf", target,
                  fs::copy_options::overwrite_existing);
    return target;
}

RunResult run_batch(const fs::path& sheet, const fs::path& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"batch", "--samplesheet", sheet.string(),
                                     "--out", out.string(),    "--jobs",
                                     "2",     "--formats",     "json,tsv"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_precis(args);
}

rapidjson::Document read_json(const fs::path& path) {
    rapidjson::Document doc;
    doc.Parse(slurp(path).c_str());
    EXPECT_FALSE(doc.HasParseError()) << path;
    return doc;
}

//! batch.json's samples by id.
std::map<std::string, const rapidjson::Value*> samples_of(const rapidjson::Document& doc) {
    std::map<std::string, const rapidjson::Value*> samples;
    if (doc.IsObject() && doc.HasMember("samples") && doc["samples"].IsArray()) {
        for (const auto& sample : doc["samples"].GetArray()) {
            samples[sample["sample"].GetString()] = &sample;
        }
    }
    return samples;
}

std::vector<std::vector<std::string>> tsv_rows(const fs::path& path) {
    std::vector<std::vector<std::string>> rows;
    std::string text = slurp(path);
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string line = text.substr(start, end - start);
        std::vector<std::string> cells;
        std::size_t from = 0;
        while (true) {
            const std::size_t tab = line.find('\t', from);
            cells.push_back(line.substr(from, tab - from));
            if (tab == std::string::npos) {
                break;
            }
            from = tab + 1;
        }
        rows.push_back(cells);
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return rows;
}

void expect_usage_error(const std::string& sheet_text, const std::string& line, const std::string& why) {
    const fs::path dir = work_dir();
    braf_vcf(dir, "a.vcf");
    const fs::path sheet = write_file(dir / "sheet.csv", sheet_text);
    const RunResult r = run_batch(sheet, dir / "out");
    EXPECT_EQ(r.exit_code, 2) << r.command << "\n" << r.err;
    EXPECT_NE(r.err.find("sheet.csv:" + line + ":"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(why), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "out" / "batch.json")) << "no sample may run";
    EXPECT_FALSE(fs::exists(dir / "out" / "A")) << "no sample may run";
}

}  // namespace

TEST(Batch, UnknownColumnIsUsageErrorNamingLine) {
    expect_usage_error("sample,tumor_type,vcff\nA,IHCH,a.vcf\n", "1", "unknown column 'vcff'");
}

TEST(Batch, DuplicateSampleIsUsageErrorNamingLine) {
    expect_usage_error("sample,tumor_type,vcf\nA,IHCH,a.vcf\nB,IHCH,a.vcf\nA,GIST,a.vcf\n", "4",
                       "sample 'A' is repeated (first on line 2)");
}

TEST(Batch, MissingTumourTypeIsUsageErrorNamingLine) {
    expect_usage_error("sample,tumor_type,vcf\nA,IHCH,a.vcf\nB,,a.vcf\n", "3", "no tumor_type given");
}

TEST(Batch, BadNumberAndFieldCountAreUsageErrors) {
    expect_usage_error("sample,tumor_type,vcf,purity\nA,IHCH,a.vcf,1.5\n", "2", "column purity");
    expect_usage_error("sample,tumor_type,vcf\nA,IHCH,a.vcf,extra\n", "2",
                       "4 field(s) where the header has 3");
    expect_usage_error("tumor_type,vcf\nIHCH,a.vcf\n", "1", "required column 'sample'");
    expect_usage_error("sample,tumor_type,vcf,line_of_therapy\nA,IHCH,a.vcf,0\n", "2",
                       "column line_of_therapy");
}

TEST(Batch, LineOfTherapyColumnReachesTheReport) {
    const fs::path dir = work_dir();
    braf_vcf(dir, "a.vcf");
    const fs::path sheet = write_file(
        dir / "sheet.csv", "sample,tumor_type,vcf,line_of_therapy\nA,IHCH,a.vcf,2\nB,IHCH,a.vcf,\n");
    const RunResult r = run_batch(sheet, dir / "out");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string a = slurp(dir / "out" / "A" / "A.precis.json");
    const std::string b = slurp(dir / "out" / "B" / "B.precis.json");
    EXPECT_NE(a.find("\"line_of_therapy\": 2"), std::string::npos) << a.substr(0, 2000);
    EXPECT_NE(a.find("\"treatment\""), std::string::npos);
    EXPECT_EQ(b.find("\"treatment\""), std::string::npos);  // no line, no prior therapy: no treatment block
}

TEST(Batch, QuotedFieldWithCommaIsOnePath) {
    // With the byte-order mark spreadsheet programs write before the header.
    const fs::path dir = work_dir();
    braf_vcf(dir, "in,put/a.vcf");
    const fs::path sheet =
        write_file(dir / "sheet.csv", "\xEF\xBB\xBFsample,tumor_type,vcf\n\"A\",IHCH,\"in,put/a.vcf\"\n");
    const RunResult r = run_batch(sheet, dir / "out");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir / "out" / "A" / "A.precis.json"));
}

TEST(Batch, FailingSampleDoesNotStopOthers) {
    const fs::path dir = work_dir();
    braf_vcf(dir, "a.vcf");
    const fs::path sheet = write_file(dir / "sheet.csv",
                                      "sample,tumor_type,vcf,genome\n"
                                      "A,IHCH,a.vcf,GRCh38\n"
                                      "MISSING,IHCH,no_such.vcf,GRCh38\n"
                                      "C,GIST,a.vcf,\n");
    const RunResult r = run_batch(sheet, dir / "out");
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_TRUE(fs::exists(dir / "out" / "A" / "A.precis.json"));
    EXPECT_TRUE(fs::exists(dir / "out" / "A" / "A.precis.tsv"));
    EXPECT_FALSE(fs::exists(dir / "out" / "A" / "A.precis.html")) << "--formats json,tsv";
    EXPECT_TRUE(fs::exists(dir / "out" / "C" / "C.precis.json"));
    EXPECT_FALSE(fs::exists(dir / "out" / "MISSING" / "MISSING.precis.json"));
    EXPECT_NE(r.err.find("1 failed"), std::string::npos) << r.err;

    const rapidjson::Document doc = read_json(dir / "out" / "batch.json");
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(std::string(doc["kb_hash"].GetString()).size(), 71u) << doc["kb_hash"].GetString();
    EXPECT_EQ(doc["failed"].GetInt(), 1);
    auto samples = samples_of(doc);
    ASSERT_EQ(samples.size(), 3u);
    EXPECT_STREQ((*samples["A"])["status"].GetString(), "ok");
    EXPECT_EQ((*samples["A"])["exit_code"].GetInt(), 0);
    ASSERT_EQ((*samples["A"])["inputs"].Size(), 1u);
    EXPECT_EQ(std::string((*samples["A"])["inputs"][0]["sha256"].GetString()).size(), 64u);
    EXPECT_STREQ((*samples["MISSING"])["status"].GetString(), "failed");
    EXPECT_EQ((*samples["MISSING"])["exit_code"].GetInt(), 3);
    const std::string error = (*samples["MISSING"])["error"].GetString();
    EXPECT_NE(error.find("no_such.vcf"), std::string::npos) << error;
    EXPECT_EQ(error.rfind("input error", 0), 0u) << error;
    EXPECT_STREQ((*samples["C"])["status"].GetString(), "ok");

    bool failed_row = false;
    for (const auto& row : tsv_rows(dir / "out" / "cohort.precis.tsv")) {
        failed_row = failed_row || (row.size() > 2 && row[0] == "MISSING" && row[2] == "failed");
    }
    EXPECT_TRUE(failed_row);
}

TEST(Batch, ResumeSkipsUnchangedAndRerunsChangedSamples) {
    const fs::path dir = work_dir();
    braf_vcf(dir, "a.vcf");
    const fs::path b_vcf = braf_vcf(dir, "b.vcf");
    const fs::path sheet =
        write_file(dir / "sheet.csv", "sample,tumor_type,vcf\nA,IHCH,a.vcf\nB,IHCH,b.vcf\n");
    const fs::path out = dir / "out";
    ASSERT_EQ(run_batch(sheet, out).exit_code, 0);
    const fs::path a_json = out / "A" / "A.precis.json";
    const fs::path b_json = out / "B" / "B.precis.json";
    const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(24);
    fs::last_write_time(a_json, old_time);
    fs::last_write_time(b_json, old_time);
    // B's VCF changes (a different allele depth): B runs again, A is resumed.
    std::string text = slurp(b_vcf);
    text.replace(text.find("170,80:250:0.320"), 16, "150,100:250:0.40");
    write_file(b_vcf, text);

    const RunResult r = run_batch(sheet, out, {"--resume"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(fs::last_write_time(a_json), old_time) << "A's report was rewritten";
    EXPECT_NE(fs::last_write_time(b_json), old_time) << "B's report was not rewritten";
    const rapidjson::Document doc = read_json(out / "batch.json");
    auto samples = samples_of(doc);
    ASSERT_EQ(samples.size(), 2u);
    EXPECT_STREQ((*samples["A"])["status"].GetString(), "resumed");
    EXPECT_STREQ((*samples["B"])["status"].GetString(), "ok");
    // A resumed sample still has its findings in the cohort table.
    int a_rows = 0;
    for (const auto& row : tsv_rows(out / "cohort.precis.tsv")) {
        a_rows += row.size() > 4 && row[0] == "A" && row[4] == "BRAF" ? 1 : 0;
    }
    EXPECT_EQ(a_rows, 1);

    // Another knowledge base (same content plus a trailing newline: another hash) runs every sample again.
    const fs::path kb = dir / "kb";
    fs::copy(kKnowledgeBase, kb, fs::copy_options::recursive);
    write_file(kb / "genes.json", slurp(kb / "genes.json") + "\n");
    fs::last_write_time(a_json, old_time);
    const RunResult other_kb = run_batch(sheet, out, {"--resume", "--kb", kb.string()});
    ASSERT_EQ(other_kb.exit_code, 0) << other_kb.err;
    EXPECT_NE(fs::last_write_time(a_json), old_time) << "A was resumed under another knowledge base";
    EXPECT_STREQ((*samples_of(read_json(out / "batch.json"))["A"])["status"].GetString(), "ok");

    // Without --resume every sample runs again.
    fs::last_write_time(a_json, old_time);
    ASSERT_EQ(run_batch(sheet, out).exit_code, 0);
    EXPECT_NE(fs::last_write_time(a_json), old_time);
}

TEST(Batch, CohortTableRowForBrafV600E) {
    const fs::path dir = work_dir();
    braf_vcf(dir, "a.vcf");
    // The second sample takes its VCF and genome from a case file; its columns win (sample, tumour type).
    const fs::path case_json = kCases / "ihch_braf_v600e_tumour_agnostic" / "case.json";
    const fs::path sheet =
        write_file(dir / "sheet.csv",
                   "sample,tumor_type,vcf,case\nA,IHCH,a.vcf,\nFROMCASE,CHOL,," + case_json.string() + "\n");
    const RunResult r = run_batch(sheet, dir / "out", {"--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "") << "--quiet";
    const auto rows = tsv_rows(dir / "out" / "cohort.precis.tsv");
    ASSERT_GE(rows.size(), 3u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"sample", "tumor_type", "status", "finding_id", "gene",
                                                 "alteration", "category", "best_sensitivity_level",
                                                 "on_label", "therapies", "actionable", "error"}));
    const std::vector<std::string> expected_a = {
        "A",   "IHCH", "ok", "F1", "BRAF", "V600E", "small_variant", "1", "yes", "dabrafenib+trametinib",
        "yes", ""};
    bool found_a = false;
    bool found_case = false;
    for (const auto& row : rows) {
        found_a = found_a || row == expected_a;
        found_case = found_case || (row.size() == 12 && row[0] == "FROMCASE" && row[1] == "CHOL" &&
                                    row[4] == "BRAF" && row[5] == "V600E");
    }
    EXPECT_TRUE(found_a) << slurp(dir / "out" / "cohort.precis.tsv");
    EXPECT_TRUE(found_case) << slurp(dir / "out" / "cohort.precis.tsv");
    EXPECT_TRUE(fs::exists(dir / "out" / "FROMCASE" / "FROMCASE.precis.json"));
}

TEST(Batch, ParallelRunMatchesSerialRun) {
    // interpret() shares only the const knowledge base between workers: four workers give the same
    // cohort table (in samplesheet order) and the same per-sample reports as one.
    const fs::path dir = work_dir();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"ihch_braf_v600e_tumour_agnostic", "IHCH"},
        {"gist_braf_v600e", "GIST"},
        {"ehch_idh1_r132h", "EHCH"},
        {"coad_kras_g12d_anti_egfr_resistance", "COAD"}};
    std::string sheet_text = "sample,tumor_type,vcf,genome\n";
    for (int i = 0; i < 24; ++i) {
        const auto& [name, tumour] = cases[static_cast<std::size_t>(i) % cases.size()];
        sheet_text += "S" + std::to_string(i) + "," + tumour + "," +
                      (kCases / name / "variants.vcf").string() + ",GRCh38\n";
    }
    const fs::path sheet = write_file(dir / "sheet.csv", sheet_text);
    const RunResult serial =
        run_precis({"batch", "--samplesheet", sheet.string(), "--out", (dir / "one").string(), "--jobs", "1",
                    "--formats", "tsv", "--quiet"});
    const RunResult parallel =
        run_precis({"batch", "--samplesheet", sheet.string(), "--out", (dir / "four").string(), "--jobs", "4",
                    "--formats", "tsv", "--quiet"});
    ASSERT_EQ(serial.exit_code, 0) << serial.err;
    ASSERT_EQ(parallel.exit_code, 0) << parallel.err;
    const std::string cohort = slurp(dir / "one" / "cohort.precis.tsv");
    EXPECT_NE(cohort.find("S3\tCOAD\tok\t"), std::string::npos) << cohort;
    EXPECT_EQ(slurp(dir / "four" / "cohort.precis.tsv"), cohort);
    for (int i = 0; i < 24; ++i) {
        const std::string id = "S" + std::to_string(i);
        EXPECT_EQ(slurp(dir / "four" / id / (id + ".precis.tsv")),
                  slurp(dir / "one" / id / (id + ".precis.tsv")))
            << id;
    }
}

TEST(Batch, ExitCodeIsMostSevereClass) {
    using batch::combined_exit_code;
    EXPECT_EQ(combined_exit_code({0, 0}), 0);
    EXPECT_EQ(combined_exit_code({}), 0);
    EXPECT_EQ(combined_exit_code({0, 2, 3}), 3);
    EXPECT_EQ(combined_exit_code({3, 5, 2}), 5);
    EXPECT_EQ(combined_exit_code({5, 4, 3}), 4);
    EXPECT_EQ(combined_exit_code({2, 4, 1}), 1);
    EXPECT_EQ(combined_exit_code({2, 0}), 2);
}

TEST(Batch, CsvSplittingFollowsQuotes) {
    EXPECT_EQ(batch::split_csv_line("a,\"b,c\",,\"d\"\"e\"", "x:2"),
              (std::vector<std::string>{"a", "b,c", "", "d\"e"}));
    EXPECT_THROW(batch::split_csv_line("a,\"b", "x:2"), Error);
    EXPECT_THROW(batch::split_csv_line("a,\"b\"c", "x:2"), Error);
}

TEST(Batch, HelpDocumentsExitCodeOrder) {
    const RunResult r = run_precis({"batch", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    for (const char* text : {"--samplesheet", "--resume", "--jobs", "batch.json", "cohort.precis.tsv",
                             "internal 1 > knowledge base 4 > output 5 > input 3 > usage 2"}) {
        EXPECT_NE(r.out.find(text), std::string::npos) << text;
    }
}

}  // namespace precis::test
