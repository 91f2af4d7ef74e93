// SPDX-License-Identifier: Apache-2.0
// The command-line contract: exit codes and messages for usage errors, bad inputs, a broken KB, outputs.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "support/test_support.hpp"

namespace precis::test {

namespace fs = std::filesystem;

namespace {

//! A tiny raw GRCh38 VCF with BRAF V600E (7:140753336 A>T) and IDH1 R132C (2:208248389 G>A), one sample,
//! contig lengths of GRCh38.
std::string tiny_vcf() {
    return "##fileformat=VCFv4.2\n"
           "##contig=<ID=chr2,length=242193529>\n"
           "##contig=<ID=chr7,length=159345973>\n"
           "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
           "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n"
           "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
           "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR_1\n"
           "chr2\t208248389\t.\tG\tA\t.\tPASS\t.\tGT:AD:DP\t0/1:60,40:100\n"
           "chr7\t140753336\t.\tA\tT\t.\tPASS\t.\tGT:AD:DP\t0/1:70,30:100\n";
}

}  // namespace

TEST(CommandLine, HelpListsOutputsAndExitCodes) {
    const RunResult r = run_precis({"interpret", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    for (const char* text : {"--tumor-type", "--vcf", "--maf", "--case", "--deterministic", "ID.precis.json",
                             "ID.precis.html", "ID.fhir.json", "Exit codes", "4  knowledge-base error"}) {
        EXPECT_NE(r.out.find(text), std::string::npos) << text;
    }
    const RunResult version = run_precis({"--version"});
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_EQ(version.out.rfind("precis 0.", 0), 0u) << version.out;
}

TEST(CommandLine, NoCommandIsUsageError) {
    const RunResult r = run_precis({});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no command given"), std::string::npos) << r.err;
}

TEST(CommandLine, UnknownOptionIsUsageError) {
    const RunResult r = run_precis({"interpret", "--frobnicate"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("usage error"), std::string::npos) << r.err;
}

TEST(CommandLine, UnknownTumourTypeSuggestsNearestCodes) {
    const fs::path dir = work_dir();
    write_file(dir / "t.vcf", tiny_vcf());
    const RunResult r = run_precis({"interpret", "--sample", "S1", "--tumor-type", "ICHC", "--vcf",
                                    (dir / "t.vcf").string(), "--out", (dir / "out").string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("'ICHC' is not a known OncoTree code"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("IHCH"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "out" / "S1.precis.json"));
}

TEST(CommandLine, InvalidSampleIdIsRejected) {
    const fs::path dir = work_dir();
    write_file(dir / "t.vcf", tiny_vcf());
    const RunResult r = run_precis({"interpret", "--sample", "../evil", "--tumor-type", "IHCH", "--vcf",
                                    (dir / "t.vcf").string(), "--out", (dir / "out").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("not a valid sample id"), std::string::npos) << r.err;
}

TEST(CommandLine, MissingInputFileIsInputError) {
    const fs::path dir = work_dir();
    const RunResult r =
        run_precis({"interpret", "--sample", "S1", "--tumor-type", "IHCH", "--genome", "GRCh38", "--vcf",
                    (dir / "nope.vcf").string(), "--out", (dir / "out").string()});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_NE(r.err.find("nope.vcf: the VCF file does not exist"), std::string::npos) << r.err;
}

TEST(CommandLine, NotAVcfIsInputErrorNamingTheFile) {
    const fs::path dir = work_dir();
    write_file(dir / "junk.vcf", "this is not a vcf\njust text\n");
    const RunResult r =
        run_precis({"interpret", "--sample", "S1", "--tumor-type", "IHCH", "--genome", "GRCh38", "--vcf",
                    (dir / "junk.vcf").string(), "--out", (dir / "out").string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("junk.vcf"), std::string::npos) << r.err;
}

TEST(CommandLine, TwoSamplesWithoutHintNameTheSamples) {
    const fs::path dir = work_dir();
    std::string vcf = tiny_vcf();
    vcf = vcf.replace(vcf.find("TUMOR_1"), 7, "S_A\tS_B");
    for (std::size_t pos = vcf.find("0/1:60,40:100"); pos != std::string::npos;
         pos = vcf.find("0/1:", pos + 30)) {
        vcf.insert(pos + 13, "\t0/0:50,0:50");
    }
    write_file(dir / "two.vcf", vcf);
    const RunResult r = run_precis({"interpret", "--sample", "S1", "--tumor-type", "IHCH", "--vcf",
                                    (dir / "two.vcf").string(), "--out", (dir / "out").string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("S_A, S_B"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--tumor-sample"), std::string::npos) << r.err;
}

TEST(CommandLine, GenomeContradictingHeaderIsUsageError) {
    const fs::path dir = work_dir();
    write_file(dir / "t.vcf", tiny_vcf());
    const RunResult r =
        run_precis({"interpret", "--sample", "S1", "--tumor-type", "IHCH", "--genome", "GRCh37", "--vcf",
                    (dir / "t.vcf").string(), "--out", (dir / "out").string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("contradicts the input, which is GRCh38"), std::string::npos) << r.err;
}

TEST(CommandLine, BrokenKnowledgeBaseExitsFour) {
    const fs::path dir = work_dir();
    write_file(dir / "t.vcf", tiny_vcf());
    fs::copy(kKnowledgeBase, dir / "kb", fs::copy_options::recursive);
    write_file(dir / "kb" / "rules.json", "{\"rules\": [{\"id\": \"bad\"}]}");
    const RunResult r =
        run_precis({"interpret", "--sample", "S1", "--tumor-type", "IHCH", "--vcf", (dir / "t.vcf").string(),
                    "--out", (dir / "out").string(), "--kb", (dir / "kb").string()});
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_NE(r.err.find("rules.json: /rules/0"), std::string::npos) << r.err;
    const RunResult validate = run_precis({"kb", "validate", (dir / "kb").string()});
    EXPECT_EQ(validate.exit_code, 4);
    EXPECT_NE(validate.err.find("problem"), std::string::npos);
    EXPECT_EQ(run_precis({"kb", "validate"}).exit_code, 0);
}

TEST(CommandLine, UnwritableOutputExitsFive) {
    const fs::path dir = work_dir();
    write_file(dir / "t.vcf", tiny_vcf());
    write_file(dir / "a-file", "x");
    const RunResult r = run_precis({"interpret", "--sample", "S1", "--tumor-type", "IHCH", "--vcf",
                                    (dir / "t.vcf").string(), "--out", (dir / "a-file" / "sub").string()});
    EXPECT_EQ(r.exit_code, 5) << r.err;
    EXPECT_NE(r.err.find("output error"), std::string::npos) << r.err;
}

TEST(Interpretation, RawVcfIdh1AndBrafInIntrahepaticCca) {
    const fs::path dir = work_dir();
    write_file(dir / "t.vcf", tiny_vcf());
    const RunResult r =
        run_precis({"interpret", "--sample", "S1", "--tumor-type", "IHCH", "--vcf", (dir / "t.vcf").string(),
                    "--out", (dir / "out").string(), "--formats", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const fs::path json = dir / "out" / "S1.precis.json";
    EXPECT_TRUE(report_schema_violations(json).empty());
    const std::string text = slurp(json);
    EXPECT_NE(text.find("\"alteration\": \"R132C\""), std::string::npos);
    EXPECT_NE(text.find("\"alteration\": \"V600E\""), std::string::npos);
    EXPECT_NE(text.find("\"ivosidenib\""), std::string::npos);
    EXPECT_NE(text.find("\"genome\": \"GRCh38\""), std::string::npos);  // from the contig lengths
    EXPECT_NE(text.find("\"vaf\": 0.4"), std::string::npos);
    // The paths of written files are printed on stdout, logs on stderr.
    EXPECT_NE(r.out.find("S1.precis.json"), std::string::npos);
    EXPECT_EQ(r.out.find("[precis]"), std::string::npos);
}

TEST(Interpretation, DeterministicOutputIsByteStable) {
    const fs::path dir = work_dir();
    write_file(dir / "a" / "t.vcf", tiny_vcf());
    write_file(dir / "b" / "t.vcf", tiny_vcf());
    for (const char* sub : {"a", "b"}) {
        const RunResult r = run_precis({"interpret", "--sample", "S1", "--tumor-type", "IHCH", "--vcf",
                                        (dir / sub / "t.vcf").string(), "--out", (dir / sub / "out").string(),
                                        "--deterministic", "--formats", "json"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    EXPECT_EQ(slurp(dir / "a" / "out" / "S1.precis.json"), slurp(dir / "b" / "out" / "S1.precis.json"));
}

TEST(Interpretation, CaseFileCarriesTheSettings) {
    const fs::path dir = work_dir();
    write_file(dir / "t.vcf", tiny_vcf());
    write_file(dir / "case.json",
               "{\"sample\": \"CASE1\", \"tumor_type\": \"IHCH\", \"vcf\": \"t.vcf\", \"out\": \"out\","
               " \"formats\": \"json\"}");
    const RunResult r = run_precis({"interpret", "--case", (dir / "case.json").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir / "out" / "CASE1.precis.json"));
    write_file(dir / "bad-case.json", "{\"sample\": \"CASE1\", \"tumour\": \"IHCH\"}");
    const RunResult bad = run_precis({"interpret", "--case", (dir / "bad-case.json").string()});
    EXPECT_EQ(bad.exit_code, 3) << bad.err;
    EXPECT_NE(bad.err.find("case.schema.json"), std::string::npos) << bad.err;
}

TEST(Interpretation, ExistingReportIsReplacedOnlyWhenComplete) {
    const fs::path dir = work_dir();
    write_file(dir / "t.vcf", tiny_vcf());
    write_file(dir / "out" / "S1.precis.json", "OLD");
    // A failing run (unknown tumour type) leaves the old report untouched and no temporary files.
    const RunResult failed = run_precis({"interpret", "--sample", "S1", "--tumor-type", "NOPE", "--vcf",
                                         (dir / "t.vcf").string(), "--out", (dir / "out").string()});
    EXPECT_EQ(failed.exit_code, 2);
    EXPECT_EQ(slurp(dir / "out" / "S1.precis.json"), "OLD");
    const RunResult ok =
        run_precis({"interpret", "--sample", "S1", "--tumor-type", "IHCH", "--vcf", (dir / "t.vcf").string(),
                    "--out", (dir / "out").string(), "--formats", "json"});
    ASSERT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(slurp(dir / "out" / "S1.precis.json"), "OLD");
    for (const auto& entry : fs::directory_iterator(dir / "out")) {
        EXPECT_EQ(entry.path().filename().string().find(".tmp."), std::string::npos) << entry.path();
    }
}

TEST(Interpretation, InputsAreNeverModified) {
    const fs::path dir = work_dir();
    write_file(dir / "t.vcf", tiny_vcf());
    const auto before = fs::last_write_time(dir / "t.vcf");
    const std::string content = slurp(dir / "t.vcf");
    ASSERT_EQ(run_precis({"interpret", "--sample", "S1", "--tumor-type", "IHCH", "--vcf",
                          (dir / "t.vcf").string(), "--out", (dir / "out").string(), "--formats", "json"})
                  .exit_code,
              0);
    EXPECT_EQ(slurp(dir / "t.vcf"), content);
    EXPECT_EQ(fs::last_write_time(dir / "t.vcf"), before);
}

namespace {

//! Replaces the first `from` in `file` by `to`; false when `from` is not there.
bool replace_in(const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = slurp(file);
    const auto at = text.find(from);
    if (at == std::string::npos) {
        return false;
    }
    text.replace(at, from.size(), to);
    std::ofstream(file, std::ios::trunc) << text;
    return true;
}

}  // namespace

TEST(KnowledgeBaseTools, DiffListsLevelSourceAndEvidenceFromChanges) {
    const fs::path dir = work_dir();
    fs::copy(kKnowledgeBase, dir / "new", fs::copy_options::recursive);
    // ev.erbb2_amp.pertuzumab_trastuzumab.biliary_tract: its OncoKB level (2023-05-19) is re-sourced to the
    // NCCN guideline of the same date, level unchanged; HER2 IHC 2+/ISH+ also borrows MET_AMP evidence.
    const fs::path biliary = dir / "new" / "evidence" / "biliary.json";
    std::string text = slurp(biliary);
    const auto item = text.find("\"id\": \"ev.erbb2_amp.pertuzumab_trastuzumab.biliary_tract\"");
    ASSERT_NE(item, std::string::npos);
    const auto type_at = text.find("\"type\": \"oncokb\"", item);
    ASSERT_NE(type_at, std::string::npos);
    text.replace(type_at, std::string("\"type\": \"oncokb\"").size(), "\"type\": \"guideline\"");
    std::ofstream(biliary, std::ios::trunc) << text;
    ASSERT_TRUE(replace_in(dir / "new" / "biomarkers.json", "\"biomarkers\": [\n     \"ERBB2_AMP\"\n    ]",
                           "\"biomarkers\": [\n     \"ERBB2_AMP\", \"MET_AMP\"\n    ]"));
    const RunResult r = run_precis({"kb", "diff", kKnowledgeBase, (dir / "new").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
    EXPECT_NE(r.out.find("level sources (1)"), std::string::npos) << r.out;
    EXPECT_NE(
        r.out.find("ev.erbb2_amp.pertuzumab_trastuzumab.biliary_tract: level_source oncokb (2023-05-19) "
                   "-> guideline (2023-05-19)"),
        std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("evidence re-levelled (0)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("biomarkers (1)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("HER2_IHC_2PLUS_ISH_POS: evidence_from ERBB2_AMP -> ERBB2_AMP, MET_AMP"),
              std::string::npos)
        << r.out;
}

}  // namespace precis::test

namespace precis::test {

TEST(KnowledgeBaseTools, DiffListsReLevelledEvidence) {
    const fs::path dir = work_dir();
    fs::copy(kKnowledgeBase, dir / "new", fs::copy_options::recursive);
    std::string text = slurp(dir / "new" / "evidence" / "biliary.json");
    // Re-level the first Level 1 item to 2 and add a hypothetical item by renaming another id.
    const auto at = text.find("\"oncokb_level\": \"1\"");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, std::string("\"oncokb_level\": \"1\"").size(), "\"oncokb_level\": \"2\"");
    std::ofstream(dir / "new" / "evidence" / "biliary.json", std::ios::trunc) << text;
    const RunResult r = run_precis({"kb", "diff", kKnowledgeBase, (dir / "new").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("evidence re-levelled (1)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("level 1 -> 2"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("evidence added (0)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("level sources (0)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("biomarkers (0)"), std::string::npos) << r.out;
    // A broken KB on either side is a knowledge-base error.
    std::ofstream(dir / "new" / "rules.json", std::ios::trunc) << "{";
    EXPECT_EQ(run_precis({"kb", "diff", kKnowledgeBase, (dir / "new").string()}).exit_code, 4);
}

}  // namespace precis::test

namespace precis::test {

// Issue 8: a MAF needs a protein-change column or genomic coordinates; with neither it is an input error
// naming the file and what was expected.
TEST(NoSilentNegatives, MafWithoutProteinChangeOrCoordinatesIsAnInputError) {
    const fs::path dir = work_dir();
    const fs::path maf = write_file(dir / "genes_only.maf",
                                    "Hugo_Symbol\tTumor_Sample_Barcode\tVariant_Classification\n"
                                    "KIT\tT1\tIn_Frame_Del\n");
    const RunResult r = run_precis({"interpret", "--sample", "S", "--tumor-type", "GIST", "--maf",
                                    maf.string(), "--genome", "GRCh38", "--out", (dir / "out").string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find(maf.string()), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("neither a protein-change column"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Tumor_Seq_Allele2"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "out" / "S.precis.json"));
}

// Issue 8: a score-only MSI run reads no coordinates and needs no --genome; a copy-number input still does.
TEST(NoSilentNegatives, GenomeIsNeededOnlyForInputsWithCoordinates) {
    const fs::path dir = work_dir();
    const RunResult score_only =
        run_precis({"interpret", "--sample", "S", "--tumor-type", "GBC", "--msi-score", "4.2", "--msi-caller",
                    "msisensor", "--out", (dir / "a").string(), "--formats", "json"});
    ASSERT_EQ(score_only.exit_code, 0) << score_only.err;
    const std::string report = slurp(dir / "a" / "S.precis.json");
    EXPECT_NE(report.find("\"status\": \"indeterminate\""), std::string::npos);
    EXPECT_NE(report.find("\"score\": 4.2"), std::string::npos);
    const fs::path segments =
        write_file(dir / "x.cns", "chromosome\tstart\tend\tgene\tlog2\n17\t1\t1000\t-\t0.1\n");
    const RunResult with_segments = run_precis({"interpret", "--sample", "S", "--tumor-type", "GBC", "--cnv",
                                                segments.string(), "--out", (dir / "b").string()});
    EXPECT_EQ(with_segments.exit_code, 2) << with_segments.err;
    EXPECT_NE(with_segments.err.find("--genome"), std::string::npos) << with_segments.err;
}

}  // namespace precis::test
