// SPDX-License-Identifier: Apache-2.0
// Issue 9, end to end: numeric options exit 2 naming the option and its range; NaN/inf in inputs never
// change a clinical result (a skipped record leaves its biomarker not assessed, never detected or not
// detected) and never make an invalid JSON or FHIR report.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"
#include "test_paths.hpp"

namespace precis::test {
namespace {

namespace fs = std::filesystem;

std::string hardening(const std::string& name) {
    return std::string(kTestData) + "/hardening/" + name;
}

//! Runs `precis interpret --sample S1 --out DIR/out --formats json,fhir --deterministic` plus `args`.
RunResult interpret(const fs::path& dir, const std::vector<std::string>& args) {
    std::vector<std::string> all = {
        "interpret", "--sample",       "S1", "--out", (dir / "out").string(), "--formats",
        "json,fhir", "--deterministic"};
    all.insert(all.end(), args.begin(), args.end());
    return run_precis(all);
}

//! Parses a report file; fails the test when it is not JSON.
rapidjson::Document parsed(const fs::path& path) {
    const std::string text = slurp(path);
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    EXPECT_FALSE(doc.HasParseError()) << path << " is not valid JSON";
    return doc;
}

//! Both reports of sample S1 parse as JSON; returns the precis report.
rapidjson::Document reports(const fs::path& dir) {
    parsed(dir / "out" / "S1.fhir.json");
    return parsed(dir / "out" / "S1.precis.json");
}

std::string status_of(const rapidjson::Document& doc, const std::string& biomarker) {
    if (doc.IsObject() && doc.HasMember("biomarkers")) {
        for (const auto& row : doc["biomarkers"].GetArray()) {
            if (row["id"].GetString() == biomarker) {
                return row["status"].GetString();
            }
        }
    }
    return "(absent)";
}

bool any_text(const rapidjson::Value& array, const std::string& part) {
    for (const auto& item : array.GetArray()) {
        if (item.IsString() && std::string(item.GetString()).find(part) != std::string::npos) {
            return true;
        }
    }
    return false;
}

void expect_usage_error(const RunResult& r, const std::string& option, const std::string& range) {
    EXPECT_EQ(r.exit_code, 2) << r.command << "\n" << r.err;
    EXPECT_NE(r.err.find("usage error"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(option), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(range), std::string::npos) << r.err;
}

// ---- options ----

TEST(NumericOptions, NanInfinityHexAndOutOfRangeValuesExitTwoNamingTheOptionAndRange) {
    struct Case {
        const char* option;
        const char* value;
        const char* range;
    };
    const Case cases[] = {
        {"--msi-score", "nan", "[0, 10000]"},
        {"--msi-score", "-1", "[0, 10000]"},
        {"--msi-threshold", "nan", "(0, 10000]"},
        {"--tmb", "nan", "[0, 10000]"},
        {"--tmb", "inf", "[0, 10000]"},
        {"--tmb", "-1", "[0, 10000]"},
        {"--amp-min-copy-number", "nan", "[1, 1000]"},
        {"--purity", "nan", "(0, 1]"},
        {"--purity", "0x1p-1", "(0, 1]"},
        {"--ploidy", "1e400", "(0, 10]"},
        {"--panel-size-mb", "0", "(0, 3500]"},
        {"--min-fusion-reads", "1e20", "[0, 1000000000]"},
        {"--threads", "nan", "[1, 64]"},
    };
    const fs::path dir = work_dir();
    for (const Case& c : cases) {
        const RunResult r =
            interpret(dir, {"--tumor-type", "COAD", "--msi-caller", "msisensor", c.option, c.value});
        expect_usage_error(r, c.option, c.range);
        EXPECT_NE(r.err.find(std::string("'") + c.value + "'"), std::string::npos) << r.err;
    }
    EXPECT_FALSE(fs::exists(dir / "out" / "S1.precis.json"));
}

TEST(NumericOptions, MsiScoreNanIsAUsageErrorNotMss) {
    const fs::path dir = work_dir();
    const RunResult r =
        interpret(dir, {"--tumor-type", "COAD", "--msi-score", "nan", "--msi-caller", "msisensor"});
    expect_usage_error(r, "--msi-score", "[0, 10000]");
    EXPECT_FALSE(fs::exists(dir / "out" / "S1.precis.json"));
}

TEST(NumericOptions, CaseFileNumbersOutsideTheirRangesExitTwo) {
    const fs::path dir = work_dir();
    write_file(
        dir / "case.json",
        R"({"sample": "S1", "tumor_type": "COAD", "msi_caller": "msisensor", "msi_score": -1, "out": "out"})");
    RunResult r = run_precis({"interpret", "--case", (dir / "case.json").string()});
    expect_usage_error(r, "msi_score (--msi-score)", "[0, 10000]");
    write_file(dir / "case2.json",
               R"({"sample": "S1", "tumor_type": "COAD", "tmb": 12, "purity": 1.5, "out": "out"})");
    r = run_precis({"interpret", "--case", (dir / "case2.json").string()});
    expect_usage_error(r, "purity (--purity)", "(0, 1]");
}

// ---- small variants ----

std::string braf_vcf(const std::string& pos, const std::string& af) {
    return "##fileformat=VCFv4.2\n"
           "##contig=<ID=chr7,length=159345973>\n"
           "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. "
           "Format: "
           "Allele|Consequence|SYMBOL|Feature|HGVSp\">\n"
           "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
           "##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Allele fraction\">\n"
           "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n"
           "chr7\t" +
           pos +
           "\t.\tA\tT\t.\tPASS\tCSQ=T|missense_variant|BRAF|ENST00000646891|p.Val640Glu\tGT:AF\t0/1:" + af +
           "\n";
}

std::string malformed_examples(const rapidjson::Document& doc) {
    std::string out;
    for (const auto& account : doc["input_accounting"].GetArray()) {
        for (const auto& reason : account["not_interpreted_reasons"].GetArray()) {
            if (std::string(reason["reason"].GetString()) == "malformed record") {
                out += std::to_string(reason["count"].GetInt64()) + ":";
                for (const auto& example : reason["examples"].GetArray()) {
                    out += example.GetString();
                }
            }
        }
    }
    return out;
}

TEST(NumericVcfCli, FormatAfInfinityIsSkippedCountedAndTheReportsParse) {
    const fs::path dir = work_dir();
    write_file(dir / "af_inf.vcf", braf_vcf("140753336", "inf"));
    const RunResult r = interpret(dir, {"--tumor-type", "COAD", "--vcf", (dir / "af_inf.vcf").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const rapidjson::Document doc = reports(dir);
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(doc["findings"].Size(), 0u);  // the record was not interpreted with a made-up VAF
    // The record lies in BRAF: it is listed as not interpreted (issue 8) and BRAF V600E is not assessed.
    const std::string text = slurp(dir / "out" / "S1.precis.json");
    EXPECT_NE(text.find("FORMAT/AF inf is not an allele fraction in [0, 1]"), std::string::npos) << text;
    EXPECT_NE(text.find("\"gene\": \"BRAF\""), std::string::npos);
    EXPECT_TRUE(any_text(doc["warnings"], "malformed VCF record(s) skipped"));
    EXPECT_EQ(slurp(dir / "out" / "S1.precis.json").find(": ,"), std::string::npos);

    const RunResult strict =
        interpret(dir, {"--tumor-type", "COAD", "--strict", "--vcf", (dir / "af_inf.vcf").string()});
    EXPECT_EQ(strict.exit_code, 3) << strict.err;
    EXPECT_NE(strict.err.find("FORMAT/AF inf is not an allele fraction"), std::string::npos) << strict.err;
}

TEST(NumericVcfCli, Pos2To63Minus1IsMalformedNotOverflowed) {
    const fs::path dir = work_dir();
    write_file(dir / "pos.vcf", braf_vcf("9223372036854775807", "0.3"));
    const RunResult r = interpret(dir, {"--tumor-type", "COAD", "--vcf", (dir / "pos.vcf").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const rapidjson::Document doc = reports(dir);
    ASSERT_TRUE(doc.IsObject());
    const std::string malformed = malformed_examples(doc);
    EXPECT_NE(malformed.find("POS '9223372036854775807' is not a whole number in 1..1000000000"),
              std::string::npos)
        << malformed;
}

// ---- copy number ----

TEST(NumericCnvCli, CnvkitLog2NanForPtenLeavesPtenLossNotAssessedNotDetected) {
    const fs::path dir = work_dir();
    const std::vector<std::string> args = {"--tumor-type", "EHCH",  "--genome",
                                           "GRCh37",       "--cnv", hardening("cnvkit_pten_log2_nan.cns")};
    const RunResult r = interpret(dir, args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const rapidjson::Document doc = reports(dir);
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(status_of(doc, "PTEN_LOSS"), "not_assessed");
    EXPECT_EQ(status_of(doc, "ERBB2_AMP"), "not_detected");  // ERBB2's segment is read: neutral
    EXPECT_TRUE(any_text(doc["warnings"], "1 row skipped: neither a log2 ratio nor a copy number"));

    std::vector<std::string> strict = args;
    strict.push_back("--strict");
    const RunResult s = interpret(dir, strict);
    EXPECT_EQ(s.exit_code, 3) << s.err;
    EXPECT_NE(s.err.find("cnvkit_pten_log2_nan.cns:2"), std::string::npos) << s.err;
    EXPECT_NE(s.err.find("neither a log2 ratio nor a copy number"), std::string::npos) << s.err;
}

TEST(NumericCnvCli, NanAlleleCopyNumbersLeaveErbb2AmplificationNotAssessed) {
    const fs::path dir = work_dir();
    write_file(dir / "segments.tsv",
               "Chromosome\tStart\tEnd\tnMajor\tnMinor\n"
               "17\t37844167\t37886679\tNaN\tNaN\n"
               "10\t89622870\t89731687\t1\t1\n");
    const RunResult r = interpret(
        dir, {"--tumor-type", "GBC", "--genome", "GRCh37", "--cnv", (dir / "segments.tsv").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const rapidjson::Document doc = reports(dir);
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(status_of(doc, "ERBB2_AMP"), "not_assessed");
}

TEST(NumericCnvCli, InfiniteCopyNumberIsSkippedAndTheReportsParse) {
    const fs::path dir = work_dir();
    write_file(dir / "tumor.purple.cnv.somatic.tsv",
               "chromosome\tstart\tend\tcopyNumber\n"
               "17\t37844167\t37886679\tinf\n"
               "10\t89622870\t89731687\t1e308\n");
    const RunResult r = interpret(dir, {"--tumor-type", "GBC", "--genome", "GRCh37", "--cnv",
                                        (dir / "tumor.purple.cnv.somatic.tsv").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const rapidjson::Document doc = reports(dir);
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(status_of(doc, "ERBB2_AMP"), "not_assessed");
    EXPECT_TRUE(
        any_text(doc["warnings"], "2 rows skipped: copy number is not a finite number in [-1, 1000]"));
}

// ---- fusions ----

TEST(NumericFusionCli, SplitReads1e20KeepsTheAlkFusionWithACaveat) {
    const fs::path dir = work_dir();
    const std::vector<std::string> args = {
        "--tumor-type", "LUAD", "--genome", "GRCh38", "--fusions", hardening("alk_split_reads_1e20.tsv")};
    const RunResult r = interpret(dir, args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const rapidjson::Document doc = reports(dir);
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(status_of(doc, "ALK_FUSION"), "detected");  // not dropped as "low support"
    bool caveat = false;
    for (const auto& finding : doc["findings"].GetArray()) {
        if (std::string(finding["gene"].GetString()) == "ALK") {
            caveat = caveat || any_text(finding["caveats"], "read support is unknown");
        }
    }
    EXPECT_TRUE(caveat);
    EXPECT_TRUE(any_text(doc["warnings"], "4 rows kept with a warning: a read count is not a whole number"));
    for (const auto& account : doc["input_accounting"].GetArray()) {
        EXPECT_EQ(account["unaccounted"].GetInt64(), 0);  // kept rows are not also counted as skipped
    }

    std::vector<std::string> strict = args;
    strict.push_back("--strict");
    const RunResult s = interpret(dir, strict);
    EXPECT_EQ(s.exit_code, 3) << s.err;
    EXPECT_NE(s.err.find("alk_split_reads_1e20.tsv:2"), std::string::npos) << s.err;
}

// ---- MSI ----

TEST(NumericMsiCli, NanOrInfiniteScoresInMsiFilesExitThree) {
    const fs::path dir = work_dir();
    write_file(dir / "msisensor.tsv", "Total_Number_of_Sites\tNumber_of_Somatic_Sites\t%\n100\t20\tnan\n");
    write_file(dir / "mantis.status", "Locus\tNormal_Reads\tTumor_Reads\nStep-Wise Difference (DIF)\tinf\n");
    write_file(dir / "purple.purity.tsv", "purity\tploidy\tmsIndelsPerMb\ttmbPerMb\n0.6\t2\tinf\t3\n");
    for (const char* file : {"msisensor.tsv", "mantis.status", "purple.purity.tsv"}) {
        const RunResult r = interpret(
            dir, {"--tumor-type", "COAD", "--msi", (dir / file).string(), "--msi-caller", "msisensor"});
        EXPECT_EQ(r.exit_code, 3) << file << "\n" << r.err;
        EXPECT_NE(r.err.find(file), std::string::npos) << r.err;
    }
}

}  // namespace
}  // namespace precis::test
