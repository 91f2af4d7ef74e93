// SPDX-License-Identifier: Apache-2.0
// Small variants end to end on real files written by others (../shared/realdata; skipped when absent).
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "common/json.hpp"
#include "support/test_support.hpp"

namespace precis::test {

namespace fs = std::filesystem;

namespace {

struct Interpreted {
    RunResult run;
    rapidjson::Document report;
};

//! Runs `precis interpret` with the given inputs and parses (and schema-checks) the JSON report.
Interpreted interpret(const std::string& sample, const std::string& tumor_type,
                      std::vector<std::string> extra) {
    const fs::path out = work_dir() / "out";
    std::vector<std::string> args = {"interpret", "--sample",   sample,      "--tumor-type", tumor_type,
                                     "--out",     out.string(), "--formats", "json",         "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    Interpreted result;
    result.run = run_precis(args);
    const fs::path json = out / (sample + ".precis.json");
    if (result.run.exit_code == 0 && fs::exists(json)) {
        result.report.Parse(slurp(json).c_str());
        const auto violations = report_schema_violations(json);
        EXPECT_TRUE(violations.empty()) << ::testing::PrintToString(violations);
    }
    return result;
}

std::vector<std::string> findings(const rapidjson::Document& report, const char* section = "findings") {
    std::vector<std::string> out;
    for (const auto& finding : report[section].GetArray()) {
        out.push_back(std::string(finding["gene"].GetString()) + " " + finding["alteration"].GetString());
    }
    return out;
}

bool has(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::string biomarker_status(const rapidjson::Document& report, const std::string& id) {
    for (const auto& b : report["biomarkers"].GetArray()) {
        if (id == b["id"].GetString())
            return b["status"].GetString();
    }
    return "absent";
}

}  // namespace

TEST(PcgrT001Brca, BothBuildsGiveTheSamePik3caH1047R) {
    PRECIS_REALDATA_OR_SKIP(vcf37, "sigven__pcgr/examples/T001-BRCA.grch37.vcf.gz");
    PRECIS_REALDATA_OR_SKIP(vcf38, "sigven__pcgr/examples/T001-BRCA.grch38.vcf.gz");
    // No ##contig lines and a header that names an hg38ToHg19 chain: the build must come from --genome.
    const Interpreted r37 = interpret("T001-37", "BRCA", {"--vcf", vcf37, "--genome", "GRCh37"});
    const Interpreted r38 = interpret("T001-38", "BRCA", {"--vcf", vcf38, "--genome", "GRCh38"});
    ASSERT_EQ(r37.run.exit_code, 0) << r37.run.err;
    ASSERT_EQ(r38.run.exit_code, 0) << r38.run.err;
    EXPECT_EQ(findings(r37.report), std::vector<std::string>{"PIK3CA H1047R"});
    EXPECT_EQ(findings(r38.report), findings(r37.report));
    const auto& f37 = r37.report["findings"][0];
    const auto& f38 = r38.report["findings"][0];
    EXPECT_NEAR(f37["vaf"].GetDouble(), f38["vaf"].GetDouble(), 1e-6);
    EXPECT_STREQ(f37["where"]["record"].GetString(), "3:178952085 A>G");
    EXPECT_STREQ(f38["where"]["record"].GetString(), "3:179234297 A>G");
}

TEST(PcgrT001Brca, UndecidableBuildIsAUsageError) {
    PRECIS_REALDATA_OR_SKIP(vcf37, "sigven__pcgr/examples/T001-BRCA.grch37.vcf.gz");
    const Interpreted r = interpret("T001", "BRCA", {"--vcf", vcf37});
    EXPECT_EQ(r.run.exit_code, 2) << r.run.err;
    EXPECT_NE(r.run.err.find("cannot decide the genome build"), std::string::npos) << r.run.err;
    EXPECT_NE(r.run.err.find("--genome GRCh37 or --genome GRCh38"), std::string::npos) << r.run.err;
}

TEST(PcgrT001Coad, BrafV600EWithoutFalseHotspotCalls) {
    PRECIS_REALDATA_OR_SKIP(vcf, "sigven__pcgr/examples/T001-COAD.grch38.vcf.gz");
    const Interpreted r = interpret("T001-COAD", "COAD", {"--vcf", vcf, "--genome", "GRCh38"});
    ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
    const auto found = findings(r.report);
    EXPECT_TRUE(has(found, "BRAF V600E")) << ::testing::PrintToString(found);
    for (const std::string& f : found) {
        EXPECT_EQ(f.find("KIT"), std::string::npos) << f;
        EXPECT_EQ(f.find("PDGFRA"), std::string::npos) << f;
        EXPECT_EQ(f.find("NTRK2"), std::string::npos) << f;
    }
    // Colorectal: the tumour-agnostic dabrafenib + trametinib approval excludes CRC; a caveat says why.
    for (const auto& finding : r.report["findings"].GetArray()) {
        if (std::string(finding["gene"].GetString()) != "BRAF")
            continue;
        for (const auto& therapy : finding["therapies"].GetArray()) {
            for (const auto& drug : therapy["drugs"].GetArray()) {
                EXPECT_STRNE(drug.GetString(), "dabrafenib");
            }
        }
        ASSERT_GT(finding["caveats"].Size(), 0u);
    }
}

TEST(OncoKbMaf, KrasG12CAsSnvAndDelinsAndPik3caE542K) {
    PRECIS_REALDATA_OR_SKIP(maf, "oncokb__oncokb-annotator/data/example_maf.txt");
    const Interpreted r =
        interpret("TCGA-05-4417", "LUAD", {"--maf", maf, "--tumor-sample", "TCGA-05-4417-01"});
    ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
    const auto found = findings(r.report);
    EXPECT_EQ(std::count(found.begin(), found.end(), "KRAS G12C"), 2) << ::testing::PrintToString(found);
    const Interpreted pik3ca =
        interpret("TCGA-02-0033", "GB", {"--maf", maf, "--tumor-sample", "TCGA-02-0033-01"});
    ASSERT_EQ(pik3ca.run.exit_code, 0) << pik3ca.run.err;
    EXPECT_TRUE(has(findings(pik3ca.report), "PIK3CA E542K"))
        << ::testing::PrintToString(findings(pik3ca.report));
}

TEST(OncoKbMaf, SeveralSamplesNeedTumorSample) {
    PRECIS_REALDATA_OR_SKIP(maf, "oncokb__oncokb-annotator/data/example_maf.txt");
    const Interpreted r = interpret("X", "LUAD", {"--maf", maf});
    EXPECT_EQ(r.run.exit_code, 2);
    EXPECT_NE(r.run.err.find("TCGA-05-4417-01"), std::string::npos) << r.run.err;
    EXPECT_NE(r.run.err.find("--tumor-sample"), std::string::npos) << r.run.err;
}

TEST(OncoKbMaf, Grch38FileGivesTheSameKrasG12C) {
    PRECIS_REALDATA_OR_SKIP(maf, "oncokb__oncokb-annotator/data/example_maf_grch38.txt");
    const Interpreted r =
        interpret("TCGA-05-4417", "LUAD", {"--maf", maf, "--tumor-sample", "TCGA-05-4417-01"});
    ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
    EXPECT_TRUE(has(findings(r.report), "KRAS G12C"));
    EXPECT_STREQ(r.report["sample"]["genome"].GetString(), "GRCh38");
}

TEST(Vcf2mafFiles, RawStrelkaAndMergedAndLamlHotspots) {
    PRECIS_REALDATA_OR_SKIP(strelka, "mskcc__vcf2maf/tests/test_strelka.vcf");
    PRECIS_REALDATA_OR_SKIP(merged, "mskcc__vcf2maf/tests/test_merged.vcf");
    PRECIS_REALDATA_OR_SKIP(laml, "mskcc__vcf2maf/data/TCGA-AB-2968-03.laml.vcf");
    const Interpreted s =
        interpret("strelka", "MEL", {"--vcf", strelka, "--genome", "GRCh37", "--tumor-sample", "TUMOR"});
    ASSERT_EQ(s.run.exit_code, 0) << s.run.err;
    EXPECT_TRUE(has(findings(s.report), "BRAF V600E")) << ::testing::PrintToString(findings(s.report));
    // FILTER "." counts as passing.
    const Interpreted m = interpret("merged", "BRCA", {"--vcf", merged, "--genome", "GRCh37"});
    ASSERT_EQ(m.run.exit_code, 0) << m.run.err;
    const auto all = findings(m.report);
    EXPECT_TRUE(has(all, "PIK3CA H1047R")) << ::testing::PrintToString(all);
    const Interpreted l =
        interpret("laml", "AML",
                  {"--vcf", laml, "--genome", "GRCh37", "--tumor-sample", "TCGA-AB-2968-03A-01D-0739-09"});
    ASSERT_EQ(l.run.exit_code, 0) << l.run.err;
    EXPECT_TRUE(has(findings(l.report), "NRAS Q61H")) << ::testing::PrintToString(findings(l.report));
}

TEST(AnnotatedVcfs, VepSnpEffAndBcsqParseWithoutFalseFindings) {
    for (const std::string& relative :
         {std::string("samtools__bcftools/test/split-vep.vcf"),
          std::string("samtools__bcftools/test/split-vep.4.vcf"),
          std::string("samtools__bcftools/test/split-vep.7.vcf"),
          std::string("pcingola__SnpEff/examples/test.chr22.ann.filter_missense_any.vcf"),
          std::string("mskcc__vcf2maf/data/test_pindel.vep.vcf")}) {
        const std::string path = realdata(relative);
        if (path.empty()) {
            GTEST_SKIP() << relative << " absent";
        }
        const Interpreted r = interpret(
            "annotated", "CHOL",
            {"--vcf", path, "--genome", relative.find(".7.") != std::string::npos ? "GRCh38" : "GRCh37"});
        ASSERT_EQ(r.run.exit_code, 0) << relative << "\n" << r.run.err;
        EXPECT_EQ(r.report["findings"].Size(), 0u)
            << relative << ": " << ::testing::PrintToString(findings(r.report));
        // An annotated VCF assesses small-variant biomarkers: not_detected, not not_assessed.
        EXPECT_EQ(biomarker_status(r.report, "KIT_EXON11"), "not_detected") << relative;
        // No copy-number input: not assessed, never negative.
        EXPECT_EQ(biomarker_status(r.report, "ERBB2_AMP"), "not_assessed") << relative;
    }
}

TEST(MalformedVcfs, EndWithExitZeroOrThreeAndAClearMessage) {
    const std::vector<std::string> files = {
        "samtools__hts-specs/test/vcf/4.3/failed/failed_body_no_newline_000.vcf",
        "samtools__hts-specs/test/vcf/4.3/failed/failed_body_info_integer_overflow.vcf",
        "samtools__hts-specs/test/vcf/4.3/failed/failed_body_alt_000.vcf",
        "samtools__hts-specs/test/vcf/4.3/failed/failed_body_pos_000.vcf",
        "samtools__hts-specs/test/vcf/4.3/failed/failed_header_000.vcf",
        "samtools__hts-specs/test/vcf/4.3/passed/complexfile_passed_000.vcf",
        "samtools__htslib/test/noroundtrip.vcf",
        "samtools__htslib/test/vcf44_1.vcf",
        "samtools__htslib/test/bcf-sr/weird-chr-names.vcf",
        "samtools__htslib/test/tabix/large_chr.vcf",
        "samtools__hts-specs/examples/vcf/sv44.vcf",
        "pcingola__SnpEff/examples/cancer.ann.vcf",
        "Illumina__strelka/src/demo/expectedResults/somatic.snvs.vcf.gz",
        "Illumina__strelka/src/demo/expectedResults/somatic.indels.vcf.gz",
        "hartwigmedical__hmftools/chord/src/test/resources/vcf/EMPTY_SAMPLE.purple.somatic.vcf.gz",
        "hartwigmedical__hmftools/cuppa/src/test/resources/pipeline_output/TUMOR_SAMPLE/"
        "TUMOR_SAMPLE.purple.somatic.vcf.gz",
    };
    int run = 0;
    for (const std::string& relative : files) {
        const std::string path = realdata(relative);
        if (path.empty())
            continue;
        ++run;
        Interpreted r = interpret("malformed", "SOLID", {"--vcf", path, "--genome", "GRCh37"});
        if (r.run.exit_code == 2) {
            // Several samples and no hint: the message names them; rerun choosing the first one.
            const std::string marker = "header line: ";
            const auto at = r.run.err.find(marker);
            ASSERT_NE(at, std::string::npos) << relative << "\n" << r.run.err;
            const std::string rest = r.run.err.substr(at + marker.size());
            const std::string first = rest.substr(0, rest.find_first_of(",\n"));
            r = interpret("malformed", "SOLID",
                          {"--vcf", path, "--genome", "GRCh37", "--tumor-sample", first});
        }
        const int code = r.run.exit_code;
        EXPECT_TRUE(code == 0 || code == 3) << relative << " exit " << code << "\n" << r.run.err;
        if (code != 0) {
            EXPECT_NE(r.run.err.find("precis: input error: "), std::string::npos) << relative;
            EXPECT_NE(r.run.err.find(path), std::string::npos) << relative << ": message must name the file\n"
                                                               << r.run.err;
        }
    }
    if (run == 0)
        GTEST_SKIP() << "no malformed VCFs in ../shared/realdata";
}

TEST(MalformedVcfs, StrictModeFailsOnTheFirstBadRecord) {
    PRECIS_REALDATA_OR_SKIP(path, "samtools__hts-specs/test/vcf/4.3/failed/failed_body_alt_000.vcf");
    const Interpreted lenient =
        interpret("lenient", "SOLID", {"--vcf", path, "--genome", "GRCh37", "--tumor-sample", "HG00096"});
    const Interpreted strict = interpret(
        "strict", "SOLID", {"--vcf", path, "--genome", "GRCh37", "--tumor-sample", "HG00096", "--strict"});
    if (lenient.run.exit_code == 0) {
        // Skipped with a counted warning by default...
        bool warned = false;
        for (const auto& w : lenient.report["warnings"].GetArray()) {
            warned |= std::string(w.GetString()).find("malformed VCF record") != std::string::npos;
        }
        EXPECT_TRUE(warned);
        // ...and fatal under --strict.
        EXPECT_EQ(strict.run.exit_code, 3) << strict.run.err;
        EXPECT_NE(strict.run.err.find("malformed record"), std::string::npos) << strict.run.err;
    } else {
        EXPECT_EQ(lenient.run.exit_code, 3);
    }
}

TEST(PcgrFusions, PartnerlessFgfr2IsARearrangementWithACaveatInIntrahepaticCca) {
    PRECIS_REALDATA_OR_SKIP(fusions, "sigven__pcgr/examples/T001-BRCA.grch37.fusions.tsv");
    const Interpreted r = interpret("F", "IHCH", {"--genome", "GRCh37", "--fusions", fusions});
    ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
    const rapidjson::Document& report = r.report;
    bool fgfr2 = false;
    for (const auto& finding : report["findings"].GetArray()) {
        if (std::string(finding["gene"].GetString()) != "FGFR2")
            continue;
        fgfr2 = true;
        EXPECT_STREQ(finding["alteration"].GetString(),
                     "FGFR2 fusion or rearrangement (partner not identified)");
        bool caveat = false;
        for (const auto& c : finding["caveats"].GetArray()) {
            caveat |= std::string(c.GetString()).find("was not checked") != std::string::npos;
        }
        EXPECT_TRUE(caveat);
        // Pemigatinib and futibatinib are on-label in intrahepatic CCA; infigratinib (withdrawn) is not
        // offered.
        std::vector<std::string> on_label;
        for (const auto& t : finding["therapies"].GetArray()) {
            for (const auto& d : t["drugs"].GetArray()) {
                EXPECT_STRNE(d.GetString(), "infigratinib");
                if (t["on_label"].GetBool())
                    on_label.emplace_back(d.GetString());
            }
        }
        EXPECT_TRUE(has(on_label, "pemigatinib"));
        EXPECT_TRUE(has(on_label, "futibatinib"));
    }
    EXPECT_TRUE(fgfr2);
}

TEST(DnaFusionCalls, TargetedPanelLeavesRearrangementsNotAssessed) {
    PRECIS_REALDATA_OR_SKIP(manta, "Illumina__manta/src/demo/expectedResults/somaticSV.vcf.gz");
    const fs::path dir = work_dir();
    {
        std::ofstream bed(dir / "panel.bed");
        bed << "chr10\t123237000\t123358000\tFGFR2\n";
    }
    const auto status_of = [&](const std::vector<std::string>& extra, const std::string& id) {
        std::vector<std::string> args = {"interpret",
                                         "--sample",
                                         "SV",
                                         "--tumor-type",
                                         "IHCH",
                                         "--genome",
                                         "GRCh37",
                                         "--sv-vcf",
                                         manta,
                                         "--tumor-sample",
                                         "HCC1954",
                                         "--out",
                                         (dir / "out").string(),
                                         "--formats",
                                         "json",
                                         "--quiet"};
        args.insert(args.end(), extra.begin(), extra.end());
        const RunResult r = run_precis(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        rapidjson::Document report;
        report.Parse(slurp(dir / "out" / "SV.precis.json").c_str());
        for (const auto& b : report["biomarkers"].GetArray()) {
            if (id == b["id"].GetString())
                return std::string(b["status"].GetString()) + ": " + b["reason"].GetString();
        }
        return std::string("absent");
    };
    // Whole-genome SV calls: a fusion that is absent is not detected.
    EXPECT_EQ(status_of({}, "FGFR2_FUSION").rfind("not_detected", 0), 0u);
    // The same calls declared as coming from a targeted DNA panel: not assessed, with why.
    const std::string panel = status_of({"--panel-bed", (dir / "panel.bed").string()}, "FGFR2_FUSION");
    EXPECT_EQ(panel.rfind("not_assessed", 0), 0u) << panel;
    EXPECT_NE(panel.find("FGFR2 intron 17"), std::string::npos) << panel;
}

TEST(PcgrFusions, Grch38BreakpointsKeepTheKinaseOfAlkRetAndNtrk1) {
    PRECIS_REALDATA_OR_SKIP(fusions, "sigven__pcgr/examples/T001-BRCA.grch38.fusions.tsv");
    const Interpreted r = interpret("F", "LUAD", {"--genome", "GRCh38", "--fusions", fusions});
    ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
    const rapidjson::Document& report = r.report;
    const auto found = findings(report);
    EXPECT_TRUE(has(found, "ALK ALK fusion (partner EML4)")) << ::testing::PrintToString(found);
    EXPECT_TRUE(has(found, "RET RET fusion (partner CCDC6)")) << ::testing::PrintToString(found);
    EXPECT_TRUE(has(found, "NTRK1 NTRK1 fusion (partner TPM3)")) << ::testing::PrintToString(found);
}

TEST(FusionBreakpoints, Fgfr2Exon17JunctionKeepsTheKinaseAndIntron5DoesNot) {
    const fs::path dir = work_dir();
    {
        // GRCh38: FGFR2 exon 17 is 10:121483698-121483803 (minus strand); RNA callers put the 5' junction on
        // its last transcribed base, 121483698. Intron 5 lies far upstream (higher coordinates).
        std::ofstream(dir / "exon17.tsv") << "FusionGene\tLeftBreakpoint\tRightBreakpoint\tSplitReads\n"
                                             "FGFR2--BICC1\t10:121483698\t10:58800000\t40\n";
        std::ofstream(dir / "intron5.tsv") << "FusionGene\tLeftBreakpoint\tRightBreakpoint\tSplitReads\n"
                                              "FGFR2--BICC1\t10:121550000\t10:58800000\t40\n";
    }
    const auto fgfr2_status = [&](const std::string& file) {
        const RunResult r = run_precis({"interpret", "--sample", "F", "--tumor-type", "IHCH", "--genome",
                                        "GRCh38", "--fusions", (dir / file).string(), "--out",
                                        (dir / "out").string(), "--formats", "json", "--quiet"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        rapidjson::Document report;
        report.Parse(slurp(dir / "out" / "F.precis.json").c_str());
        for (const auto& b : report["biomarkers"].GetArray()) {
            if (std::string(b["id"].GetString()) == "FGFR2_FUSION")
                return std::string(b["status"].GetString());
        }
        return std::string("absent");
    };
    EXPECT_EQ(fgfr2_status("exon17.tsv"), "detected");
    EXPECT_EQ(fgfr2_status("intron5.tsv"), "not_detected");
}

//! The biomarker's reason in the report ("" when absent).
std::string biomarker_reason(const rapidjson::Document& report, const std::string& id) {
    for (const auto& b : report["biomarkers"].GetArray()) {
        if (id == b["id"].GetString() && b.HasMember("reason"))
            return b["reason"].GetString();
    }
    return "";
}

TEST(MoalmanacCopyNumber, OncotatorSegAnnotatedIsReadNotMistakenForAWideGeneTable) {
    PRECIS_REALDATA_OR_SKIP(
        seg, "vanallenlab__moalmanac/example_data/example_patient.capture.somatic.seg.annotated");
    const Interpreted r = interpret("example_tumor_profile", "MEL", {"--cnv", seg, "--genome", "GRCh37"});
    ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
    EXPECT_EQ(r.run.err.find("sample columns"), std::string::npos) << r.run.err;
    // BRAF '+' (CN 2.5), CDKN2A and FGFR2 '-' (CN 1.6, 1.4): gains and losses, so no copy-number finding.
    for (const std::string& f : findings(r.report)) {
        EXPECT_EQ(f.find("amplification"), std::string::npos) << f;
        EXPECT_EQ(f.find("deletion"), std::string::npos) << f;
    }
    EXPECT_EQ(biomarker_status(r.report, "CDKN2A_DEL"), "not_detected");
    EXPECT_EQ(biomarker_reason(r.report, "CDKN2A_DEL"), "CDKN2A is loss (copy number 1.6)");
    EXPECT_EQ(biomarker_status(r.report, "FGFR2_AMP"), "not_detected");
    EXPECT_EQ(biomarker_reason(r.report, "FGFR2_AMP"), "FGFR2 is loss (copy number 1.4)");
    bool recorded = false;
    for (const auto& input : r.report["provenance"]["inputs"].GetArray()) {
        if (std::string(input["role"].GetString()) == "cnv") {
            EXPECT_STREQ(input["format"].GetString(), "oncotator");
            recorded = true;
        }
    }
    EXPECT_TRUE(recorded);
}

TEST(MoalmanacCopyNumber, CalledCnaBareDeletionIsReadAsDeepButFlagged) {
    PRECIS_REALDATA_OR_SKIP(
        cna, "vanallenlab__moalmanac/example_data/example_patient.capture.somatic.called.cna.txt");
    const Interpreted r = interpret("MOA", "MEL", {"--cnv", cna, "--genome", "GRCh37"});
    ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
    bool cdkn2a = false;
    for (const auto& finding : r.report["findings"].GetArray()) {
        if (std::string(finding["gene"].GetString()) != "CDKN2A")
            continue;
        cdkn2a = true;
        EXPECT_STREQ(finding["alteration"].GetString(), "homozygous deletion");
        ASSERT_GT(finding["caveats"].Size(), 0u);
        EXPECT_NE(
            std::string(finding["caveats"][0].GetString())
                .find("The gene table says 'Deletion' without a copy number: read as a deep (homozygous) "
                      "deletion, as in OncoKB's CNA vocabulary"),
            std::string::npos)
            << finding["caveats"][0].GetString();
        EXPECT_NE(std::string(finding["details"].GetString()).find("(OncoKB CNA words)"), std::string::npos);
    }
    EXPECT_TRUE(cdkn2a);
    // FGFR2 'Deletion' is not an FGFR2 amplification.
    EXPECT_EQ(biomarker_status(r.report, "FGFR2_AMP"), "not_detected");
}

}  // namespace precis::test
