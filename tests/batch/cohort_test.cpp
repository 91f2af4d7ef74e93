// SPDX-License-Identifier: Apache-2.0
// The cohort summary: cohort.precis.tsv and cohort.precis.html from a hand-made cohort (exact counts),
// `precis cohort DIR` after `precis batch` and after per-sample `precis interpret` runs, its errors and exit
// codes, and `--resume` against changed settings.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <chrono>
#include <filesystem>
#include <regex>

#include "cohort/cohort.hpp"
#include "common/error.hpp"
#include "support/test_support.hpp"

namespace precis::test {

namespace fs = std::filesystem;

namespace {

const fs::path kCases = fs::path(kSourceDir) / "tests" / "cases";

cohort::BiomarkerCall call(const std::string& id, BiomarkerState state) {
    return cohort::BiomarkerCall{id, "label of " + id, state};
}

cohort::CohortFinding finding(const std::string& id, std::optional<Level> level, bool actionable) {
    cohort::CohortFinding f;
    f.id = id;
    f.gene = "GENE" + id;
    f.alteration = "X1Y";
    f.category = "small_variant";
    f.best_level = level;
    f.actionable = actionable;
    if (level) {
        f.therapies = {"drug-" + id};
    }
    return f;
}

//! Five samples: three reported (two IHCH, one GIST), one failed in the batch, one with an unreadable
//! report. Biomarkers X, Y, Z; S2's report does not list Z.
std::vector<cohort::CohortSample> small_cohort() {
    using cohort::SampleStatus;
    std::vector<cohort::CohortSample> samples(5);
    samples[0].sample = "S1";
    samples[0].tumor_type = "IHCH";
    samples[0].status = SampleStatus::ok;
    samples[0].report_stem = "S1/S1";
    samples[0].biomarkers = {call("X", BiomarkerState::detected), call("Y", BiomarkerState::not_detected),
                             call("Z", BiomarkerState::not_assessed)};
    samples[0].findings = {finding("F1", Level::level_1, true), finding("F2", std::nullopt, false)};
    samples[1].sample = "S2";
    samples[1].tumor_type = "IHCH";
    samples[1].status = SampleStatus::resumed;
    samples[1].biomarkers = {call("X", BiomarkerState::not_detected),
                             call("Y", BiomarkerState::not_assessed)};
    samples[2].sample = "S3<b>&\"'";
    samples[2].tumor_type = "GIST";
    samples[2].status = SampleStatus::ok;
    samples[2].biomarkers = {call("X", BiomarkerState::not_assessed), call("Y", BiomarkerState::detected),
                             call("Z", BiomarkerState::indeterminate)};
    samples[2].findings = {finding("F1", Level::level_4, false)};
    samples[3].sample = "S4";
    samples[3].tumor_type = "GIST";
    samples[3].status = SampleStatus::failed;
    samples[3].error = "input error: no_such.vcf: cannot open";
    samples[4].sample = "S5";
    samples[4].status = SampleStatus::unreadable;
    samples[4].error = "input error: S5/S5.precis.json: not JSON";
    return samples;
}

//! The counts of a prevalence row: detected, not detected, indeterminate, not assessed, no report, and
//! the "detected / assessed" cell.
std::vector<std::string> prevalence_row(const std::string& html, const std::string& biomarker) {
    const std::size_t start = html.find("<tr data-biomarker=\"" + biomarker + "\">");
    if (start == std::string::npos) {
        return {};
    }
    const std::string row = html.substr(start, html.find("</tr>", start) - start);
    std::vector<std::string> cells;
    const std::regex num("<td class=\"num\">([^<]*)</td>");
    for (auto it = std::sregex_iterator(row.begin(), row.end(), num); it != std::sregex_iterator(); ++it) {
        cells.push_back((*it)[1]);
    }
    return cells;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) {
        ++n;
    }
    return n;
}

std::vector<std::vector<std::string>> tsv_rows(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string line = text.substr(start, end - start);
        std::vector<std::string> cells;
        for (std::size_t from = 0;;) {
            const std::size_t tab = line.find('\t', from);
            cells.push_back(line.substr(from, tab - from));
            if (tab == std::string::npos) {
                break;
            }
            from = tab + 1;
        }
        rows.push_back(cells);
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return rows;
}

fs::path copy_case_vcf(const fs::path& dir, const std::string& name, const std::string& case_name) {
    fs::path target = dir / name;
    fs::create_directories(target.parent_path());
    fs::copy_file(kCases / case_name / "variants.vcf", target, fs::copy_options::overwrite_existing);
    return target;
}

RunResult batch(const fs::path& sheet, const fs::path& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        "batch", "--samplesheet", sheet.string(), "--out", out.string(), "--jobs", "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_precis(args);
}

//! A three-sample batch (BRAF V600E in IHCH, the same VCF as GIST, one missing VCF) with every format.
fs::path run_three_sample_batch(const fs::path& dir) {
    copy_case_vcf(dir, "a.vcf", "ihch_braf_v600e_tumour_agnostic");
    const fs::path sheet = write_file(dir / "sheet.csv",
                                      "sample,tumor_type,vcf,genome\nA,IHCH,a.vcf,GRCh38\n"
                                      "MISSING,IHCH,no_such.vcf,GRCh38\nC,GIST,a.vcf,GRCh38\n");
    const RunResult r = batch(sheet, dir / "out", {"--formats", "json,html", "--quiet"});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    return dir / "out";
}

std::string status_of(const fs::path& batch_json, const std::string& sample) {
    rapidjson::Document doc;
    doc.Parse(slurp(batch_json).c_str());
    for (const auto& s : doc["samples"].GetArray()) {
        if (s["sample"].GetString() == sample) {
            return s["status"].GetString();
        }
    }
    return "absent";
}

}  // namespace

TEST(Cohort, PrevalenceCountsNeverTakeNotAssessedAsNegative) {
    const std::string html = cohort::render_cohort_html(small_cohort(), {"S1/S1.precis.html"});
    // detected, not detected, indeterminate, not assessed, no report, detected / assessed
    EXPECT_EQ(prevalence_row(html, "X"), (std::vector<std::string>{"1", "1", "0", "1", "2", "1/2 (50%)"}));
    EXPECT_EQ(prevalence_row(html, "Y"), (std::vector<std::string>{"1", "1", "0", "1", "2", "1/2 (50%)"}));
    // S2's report does not list Z: not assessed, not negative; nothing assessed it as present or absent.
    EXPECT_EQ(prevalence_row(html, "Z"), (std::vector<std::string>{"0", "0", "1", "2", "2", "0/1 (0%)"}));
}

TEST(Cohort, ActionableFractionPerTumourTypeIsOverReportedSamples) {
    const std::string html = cohort::render_cohort_html(small_cohort(), {});
    const auto row = [&html](const std::string& type) {
        const std::size_t start = html.find("<tr data-tumor-type=\"" + type + "\">");
        return start == std::string::npos ? std::string()
                                          : html.substr(start, html.find("</tr>", start) - start);
    };
    // IHCH: 2 samples, both reported, S1 actionable (level 1), S2 not.
    EXPECT_NE(row("IHCH").find("<td class=\"num\">2</td><td class=\"num\">2</td><td class=\"num\">0</td><td "
                               "class=\"num\">1/2 (50%)</td>"),
              std::string::npos)
        << row("IHCH");
    // GIST: S3 reported with a level 4 finding only (not actionable), S4 failed.
    EXPECT_NE(row("GIST").find("<td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">1</td><td "
                               "class=\"num\">0/1 (0%)</td>"),
              std::string::npos)
        << row("GIST");
    // The unreadable report's tumour type is unknown; no sample reported: no fraction.
    EXPECT_NE(row("").find("unknown"), std::string::npos) << row("");
    EXPECT_NE(row("").find("&ndash;"), std::string::npos) << row("");
}

TEST(Cohort, OncoprintHasOneClassedCellPerSampleAndBiomarker) {
    const std::string html = cohort::render_cohort_html(small_cohort(), {"S1/S1.precis.html"});
    EXPECT_EQ(count(html, "<rect class=\"cell "), 15u);  // 5 samples x 3 biomarkers
    EXPECT_EQ(count(html, "<rect class=\"cell st-det\""), 2u);
    EXPECT_EQ(count(html, "<rect class=\"cell st-neg\""), 2u);
    EXPECT_EQ(count(html, "<rect class=\"cell st-ind\""), 1u);
    EXPECT_EQ(count(html, "<rect class=\"cell st-na\""), 4u);    // S1 Z, S2 Y, S2 Z (not listed), S3 X
    EXPECT_EQ(count(html, "<rect class=\"cell st-fail\""), 6u);  // S4 and S5, every biomarker
    EXPECT_NE(html.find("data-sample=\"S4\" data-status=\"failed\""), std::string::npos);
    EXPECT_NE(html.find("data-sample=\"S5\" data-status=\"unreadable\""), std::string::npos);
    // A legend names each state.
    for (const char* text :
         {"detected", "not detected", "not assessed", "no report (sample failed or unreadable)"}) {
        EXPECT_NE(html.find(std::string("</svg>") + text + "</li>"), std::string::npos) << text;
    }
}

TEST(Cohort, HtmlIsSelfContainedEscapedAndLinksReports) {
    const std::string html = cohort::render_cohort_html(small_cohort(), {"S1/S1.precis.html"});
    EXPECT_NE(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
              std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(count(html, "http://"), 1u) << "only the SVG namespace";
    EXPECT_EQ(count(html, "https://"), 0u);
    EXPECT_EQ(count(html, "url("), 2u) << "only the two patterns of this page (.st-na, .st-fail)";
    EXPECT_NE(html.find("xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
    EXPECT_EQ(html.find("S3<b>"), std::string::npos) << "unescaped sample name";
    EXPECT_NE(html.find("S3&lt;b&gt;&amp;&quot;&#39;"), std::string::npos);
    EXPECT_NE(html.find("<a class=\"report-link\" href=\"S1/S1.precis.html\">"), std::string::npos);
    EXPECT_NE(html.find("<a href=\"S1/S1.precis.html\">"), std::string::npos) << "oncoprint row label link";
    EXPECT_EQ(count(html, "href="), 2u) << "only S1 has an HTML report";
    EXPECT_NE(html.find("input error: no_such.vcf: cannot open"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"status-unreadable\">unreadable</td>"), std::string::npos);
}

TEST(Cohort, TsvHasOneRowPerFindingAndOnePerSampleWithoutFindings) {
    const auto rows = tsv_rows(cohort::render_cohort_tsv(small_cohort()));
    ASSERT_EQ(rows.size(), 7u);  // header, S1 x2, S2, S3, S4, S5
    EXPECT_EQ(rows[0], (std::vector<std::string>{"sample", "tumor_type", "status", "finding_id", "gene",
                                                 "alteration", "category", "best_sensitivity_level",
                                                 "on_label", "therapies", "actionable", "error"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"S1", "IHCH", "ok", "F1", "GENEF1", "X1Y", "small_variant",
                                                 "1", "no", "drug-F1", "yes", ""}));
    EXPECT_EQ(rows[3],
              (std::vector<std::string>{"S2", "IHCH", "resumed", "", "", "", "", "", "", "", "", ""}));
    EXPECT_EQ(rows[4][10], "no") << "level 4 is not actionable";
    EXPECT_EQ(rows[5], (std::vector<std::string>{"S4", "GIST", "failed", "", "", "", "", "", "", "", "",
                                                 "input error: no_such.vcf: cannot open"}));
    EXPECT_EQ(rows[6][2], "unreadable");
}

TEST(CohortCommand, BatchWritesTheSameOutputsAsCohortCommand) {
    const fs::path dir = work_dir();
    const fs::path out = run_three_sample_batch(dir);
    const std::string html = slurp(out / "cohort.precis.html");
    const std::string tsv = slurp(out / "cohort.precis.tsv");
    EXPECT_NE(html.find("<a class=\"report-link\" href=\"A/A.precis.html\">"), std::string::npos);
    EXPECT_NE(html.find("<a class=\"report-link\" href=\"C/C.precis.html\">"), std::string::npos);
    EXPECT_NE(html.find("data-sample=\"MISSING\" data-status=\"failed\""), std::string::npos);
    EXPECT_NE(html.find("<td class=\"status-failed\">failed</td>"), std::string::npos);
    // BRAF V600E: detected in A and C; MISSING has no report.
    const auto braf = prevalence_row(html, "BRAF_V600E");
    ASSERT_EQ(braf.size(), 6u) << html.substr(0, 3000);
    EXPECT_EQ(braf[0], "2");
    EXPECT_EQ(braf[4], "1");
    // The cohort command rebuilds the same outputs from the JSON reports and batch.json.
    fs::remove(out / "cohort.precis.html");
    fs::remove(out / "cohort.precis.tsv");
    const RunResult r = run_precis({"cohort", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(slurp(out / "cohort.precis.html"), html);
    EXPECT_EQ(slurp(out / "cohort.precis.tsv"), tsv);
    EXPECT_NE(r.out.find((out / "cohort.precis.html").string()), std::string::npos) << r.out;
    EXPECT_EQ(list_dir(out),
              (std::vector<std::string>{"A", "C", "batch.json", "cohort.precis.html", "cohort.precis.tsv"}))
        << "no temporary file left";
}

TEST(CohortCommand, DamagedReportIsListedUnreadableWithReasonAndExitsThree) {
    const fs::path dir = work_dir();
    const fs::path out = run_three_sample_batch(dir);
    const std::string json = slurp(out / "C" / "C.precis.json");
    write_file(out / "C" / "C.precis.json", json.substr(0, json.size() / 2));
    const RunResult r = run_precis({"cohort", out.string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("precis cohort: C: report unreadable: input error: C/C.precis.json"),
              std::string::npos)
        << r.err;
    bool c_row = false;
    for (const auto& row : tsv_rows(slurp(out / "cohort.precis.tsv"))) {
        c_row = c_row || (row.size() == 12 && row[0] == "C" && row[1] == "GIST" && row[2] == "unreadable" &&
                          row[11].find("C/C.precis.json") != std::string::npos);
    }
    EXPECT_TRUE(c_row) << slurp(out / "cohort.precis.tsv");
    const std::string html = slurp(out / "cohort.precis.html");
    EXPECT_NE(html.find("data-sample=\"C\" data-status=\"unreadable\""), std::string::npos);
    EXPECT_NE(html.find("data-sample=\"A\" data-status=\"ok\""), std::string::npos);

    // Valid JSON that breaks the report schema is unreadable too, naming the schema.
    write_file(out / "C" / "C.precis.json", "{\"sample\": {\"id\": \"C\"}}\n");
    const RunResult schema = run_precis({"cohort", out.string()});
    EXPECT_EQ(schema.exit_code, 3) << schema.err;
    EXPECT_NE(schema.err.find("report.schema.json"), std::string::npos) << schema.err;
}

TEST(CohortCommand, FindsReportsOfSeparateInterpretRunsWithoutBatchJson) {
    const fs::path dir = work_dir();
    const fs::path vcf = copy_case_vcf(dir, "in/a.vcf", "ihch_braf_v600e_tumour_agnostic");
    const fs::path out = dir / "cohort";
    for (const auto& [sample, tumour] : {std::pair<std::string, std::string>{"P1", "IHCH"}, {"P2", "GIST"}}) {
        const RunResult r =
            run_precis({"interpret", "--sample", sample, "--tumor-type", tumour, "--vcf", vcf.string(),
                        "--genome", "GRCh38", "--out", (out / sample).string(), "--quiet"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const RunResult r = run_precis({"cohort", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto rows = tsv_rows(slurp(out / "cohort.precis.tsv"));
    std::vector<std::string> samples;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i].size() > 4 && rows[i][4] == "BRAF") {
            samples.push_back(rows[i][0] + ":" + rows[i][1] + ":" + rows[i][2]);
        }
    }
    EXPECT_EQ(samples, (std::vector<std::string>{"P1:IHCH:ok", "P2:GIST:ok"}));
    const std::string html = slurp(out / "cohort.precis.html");
    EXPECT_NE(html.find("href=\"P1/P1.precis.html\""), std::string::npos);
    EXPECT_NE(html.find("href=\"P2/P2.precis.html\""), std::string::npos);
    EXPECT_FALSE(fs::exists(out / "batch.json"));
}

TEST(CohortCommand, UsageAndInputErrors) {
    const fs::path dir = work_dir();
    const RunResult no_dir = run_precis({"cohort"});
    EXPECT_EQ(no_dir.exit_code, 2) << no_dir.err;
    EXPECT_NE(no_dir.err.find("DIR is required"), std::string::npos) << no_dir.err;

    const RunResult missing = run_precis({"cohort", (dir / "absent").string()});
    EXPECT_EQ(missing.exit_code, 2) << missing.err;
    EXPECT_NE(missing.err.find("usage error: " + (dir / "absent").string() + ": no such directory"),
              std::string::npos)
        << missing.err;

    const fs::path file = write_file(dir / "file.txt", "x\n");
    const RunResult not_dir = run_precis({"cohort", file.string()});
    EXPECT_EQ(not_dir.exit_code, 2) << not_dir.err;
    EXPECT_NE(not_dir.err.find("not a directory"), std::string::npos) << not_dir.err;

    fs::create_directories(dir / "empty" / "sub");
    const RunResult empty = run_precis({"cohort", (dir / "empty").string()});
    EXPECT_EQ(empty.exit_code, 3) << empty.err;
    EXPECT_NE(empty.err.find("no samples"), std::string::npos) << empty.err;
    EXPECT_FALSE(fs::exists(dir / "empty" / "cohort.precis.html"));

    write_file(dir / "damaged" / "batch.json", "{\"samples\": [");
    const RunResult damaged = run_precis({"cohort", (dir / "damaged").string()});
    EXPECT_EQ(damaged.exit_code, 3) << damaged.err;
    EXPECT_NE(damaged.err.find("batch.json"), std::string::npos) << damaged.err;

    const RunResult help = run_precis({"cohort", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    for (const char* text :
         {"cohort.precis.tsv", "cohort.precis.html", "batch.json", "unreadable", "Exit codes"}) {
        EXPECT_NE(help.out.find(text), std::string::npos) << text;
    }
    EXPECT_NE(run_precis({"--help"}).out.find("cohort"), std::string::npos);
}

TEST(BatchResume, ChangedSettingsRerunTheSample) {
    const fs::path dir = work_dir();
    copy_case_vcf(dir, "a.vcf", "ihch_braf_v600e_tumour_agnostic");
    const fs::path out = dir / "out";
    const auto sheet = [&dir](const std::string& a_line, const std::string& a_purity) {
        return write_file(dir / "sheet.csv", "sample,tumor_type,vcf,line_of_therapy,purity\nA,IHCH,a.vcf," +
                                                 a_line + "," + a_purity + "\nB,IHCH,a.vcf,,\n");
    };
    ASSERT_EQ(batch(sheet("", ""), out, {"--formats", "json,tsv", "--quiet"}).exit_code, 0);
    const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(24);
    const auto age = [&out, old_time] {
        fs::last_write_time(out / "A" / "A.precis.json", old_time);
        fs::last_write_time(out / "B" / "B.precis.json", old_time);
    };
    const auto rewritten = [&out, old_time](const std::string& sample) {
        return fs::last_write_time(out / sample / (sample + ".precis.json")) != old_time;
    };
    rapidjson::Document doc;
    doc.Parse(slurp(out / "batch.json").c_str());
    const std::string fingerprint = doc["samples"][0]["settings_fingerprint"].GetString();
    EXPECT_EQ(fingerprint.size(), 71u) << fingerprint;

    // Unchanged: both resumed.
    age();
    ASSERT_EQ(batch(sheet("", ""), out, {"--formats", "json,tsv", "--resume", "--quiet"}).exit_code, 0);
    EXPECT_FALSE(rewritten("A"));
    EXPECT_EQ(status_of(out / "batch.json", "A"), "resumed");
    // A's line of therapy changes (same input files): A runs again, B is resumed.
    age();
    ASSERT_EQ(batch(sheet("2", ""), out, {"--formats", "json,tsv", "--resume", "--quiet"}).exit_code, 0);
    EXPECT_TRUE(rewritten("A"));
    EXPECT_FALSE(rewritten("B"));
    EXPECT_EQ(status_of(out / "batch.json", "A"), "ok");
    EXPECT_EQ(status_of(out / "batch.json", "B"), "resumed");
    EXPECT_NE(slurp(out / "A" / "A.precis.json").find("\"line_of_therapy\": 2"), std::string::npos);
    // A's purity changes: A again.
    age();
    ASSERT_EQ(batch(sheet("2", "0.5"), out, {"--formats", "json,tsv", "--resume", "--quiet"}).exit_code, 0);
    EXPECT_TRUE(rewritten("A"));
    EXPECT_FALSE(rewritten("B"));
    // Other formats: every sample again, and the new format is written.
    age();
    ASSERT_EQ(batch(sheet("2", "0.5"), out, {"--formats", "json,html", "--resume", "--quiet"}).exit_code, 0);
    EXPECT_TRUE(rewritten("A"));
    EXPECT_TRUE(rewritten("B"));
    EXPECT_TRUE(fs::exists(out / "B" / "B.precis.html"));
    // A batch.json without fingerprints (an older precis) resumes nothing.
    write_file(out / "batch.json", "{\"samples\": [{\"sample\": \"A\", \"status\": \"ok\"}]}\n");
    age();
    ASSERT_EQ(batch(sheet("2", "0.5"), out, {"--formats", "json,html", "--resume", "--quiet"}).exit_code, 0);
    EXPECT_TRUE(rewritten("A"));
}

TEST(BatchLog, WarningsNameTheSample) {
    const fs::path dir = work_dir();
    copy_case_vcf(dir, "a.vcf", "ihch_braf_v600e_tumour_agnostic");
    // GBM is a retired OncoTree code: interpreting it warns.
    const fs::path sheet = write_file(
        dir / "sheet.csv", "sample,tumor_type,vcf,genome\nOLDCODE,GBM,a.vcf,GRCh38\nNEW,GB,a.vcf,GRCh38\n");
    const RunResult r = batch(sheet, dir / "out", {"--formats", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::size_t warning_lines = 0;
    std::size_t from = 0;
    while (from < r.err.size()) {
        const std::size_t end = r.err.find('\n', from);
        const std::string line = r.err.substr(from, end - from);
        if (line.find("interpreted as GB") != std::string::npos) {
            ++warning_lines;
            EXPECT_NE(line.find("warning: [OLDCODE] "), std::string::npos) << line;
        }
        from = end == std::string::npos ? r.err.size() : end + 1;
    }
    EXPECT_EQ(warning_lines, 1u) << r.err;
}

}  // namespace precis::test
