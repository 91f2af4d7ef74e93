// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "common/error.hpp"
#include "interpret/copy_number_caller.hpp"
#include "interpret/inputs.hpp"
#include "io/cnv_reader.hpp"
#include "support/test_support.hpp"
#include "test_paths.hpp"
#include "unit/inputs/inputs_test_genes.hpp"

namespace precis {
namespace {

using interpret::CopyNumberRules;
using interpret::GeneSet;

//! The shared lookup: ../shared/realdata, else the bundled permissive copy; "" when absent.
std::string real(const std::string& relative) {
    return test::realdata(relative);
}

#define REQUIRE_FILE(path)                                                    \
    if ((path).empty()) {                                                     \
        GTEST_SKIP() << "real-data file not available in ../shared/realdata"; \
    }

std::map<std::string, CopyNumberCall> by_gene(const std::vector<CopyNumberCall>& calls) {
    std::map<std::string, CopyNumberCall> map;
    for (const auto& call : calls) {
        map[call.gene] = call;
    }
    return map;
}

std::vector<CopyNumberCall> call_file(const std::string& path, Genome genome,
                                      std::vector<std::string>& warnings, const std::string& format = "auto",
                                      const std::string& sample = {}) {
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{format, sample, false});
    warnings.insert(warnings.end(), data.warnings.begin(), data.warnings.end());
    return interpret::call_copy_numbers(data, path, GeneSet(test::input_test_genes()), genome,
                                        CopyNumberRules{}, warnings);
}

TEST(CopyNumberRules, Log2ToCopyNumber_AdjustsForPurityAndPloidy) {
    EXPECT_DOUBLE_EQ(interpret::log2_to_copy_number(0.0, std::nullopt, std::nullopt), 2.0);
    EXPECT_DOUBLE_EQ(interpret::log2_to_copy_number(1.0, std::nullopt, std::nullopt), 4.0);
    // purity 0.5, diploid: ratio 2 -> (2*(0.5*2+1) - 1)/0.5 = 6
    EXPECT_DOUBLE_EQ(interpret::log2_to_copy_number(1.0, 0.5, std::nullopt), 6.0);
    // extreme values clamp to 0
    EXPECT_DOUBLE_EQ(interpret::log2_to_copy_number(-30.0, 0.5, std::nullopt), 0.0);
}

TEST(CopyNumberRules, Classify_GainIsNotAmplification) {
    CopyNumberRules rules;
    std::string rule;
    EXPECT_EQ(interpret::classify_copy_number(5.0, rules, rule), CopyNumberClass::gain);
    EXPECT_EQ(rule, "total CN 5 above ploidy 2 but < 6: gain, not amplification");
    EXPECT_EQ(interpret::classify_copy_number(6.0, rules, rule), CopyNumberClass::amplification);
    EXPECT_EQ(rule, "total CN 6 >= 6: amplification");
    EXPECT_EQ(interpret::classify_copy_number(0.3, rules, rule), CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(interpret::classify_copy_number(1.0, rules, rule), CopyNumberClass::loss);
    EXPECT_EQ(interpret::classify_copy_number(2.2, rules, rule), CopyNumberClass::neutral);
    rules.ploidy = 4.0;  // whole-genome doubled: threshold max(6, 2.5 x 4) = 10
    EXPECT_DOUBLE_EQ(rules.amp_threshold(), 10.0);
    EXPECT_EQ(interpret::classify_copy_number(8.0, rules, rule), CopyNumberClass::gain);
}

TEST(CnvCallParsing, WordsAndCodes) {
    EXPECT_EQ(io::parse_cnv_call("Amplification"), CopyNumberClass::amplification);
    EXPECT_EQ(io::parse_cnv_call("2"), CopyNumberClass::amplification);
    EXPECT_EQ(io::parse_cnv_call("Gain"), CopyNumberClass::gain);
    EXPECT_EQ(io::parse_cnv_call("-1"), CopyNumberClass::loss);
    EXPECT_EQ(io::parse_cnv_call("Deletion"), CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(io::parse_cnv_call("-2"), CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(io::parse_cnv_call("Wild type"), CopyNumberClass::neutral);
    EXPECT_FALSE(io::parse_cnv_call("3").has_value());
    EXPECT_FALSE(io::parse_cnv_call("big").has_value());
}

TEST(CnvReader, GatkCalledSeg_GainIsNotAmplifiedAndEndBeforeStartSkipped) {
    std::vector<std::string> warnings;
    const std::string path = std::string(test::kTestData) + "/cnv/gatk_called.seg";
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{});
    EXPECT_EQ(data.format, "gatk-seg");
    EXPECT_EQ(data.detail, "GATK CallCopyRatioSegments .called.seg");
    ASSERT_EQ(data.segments.size(), 3u);
    ASSERT_EQ(data.warnings.size(), 1u);
    EXPECT_EQ(data.warnings[0], path + ": 1 row skipped: end < start (first at line 12)");
    const auto calls = by_gene(call_file(path, Genome::GRCh37, warnings));
    ASSERT_TRUE(calls.count("ERBB2"));
    // log2 2.1 -> CN 2 x 2^2.1 = 8.57: amplification, although GATK only says "+"
    EXPECT_EQ(calls.at("ERBB2").cn_class, CopyNumberClass::amplification);
    EXPECT_NEAR(*calls.at("ERBB2").copy_number, 8.574, 0.001);
    EXPECT_EQ(calls.at("ERBB2").rule,
              "log2 2.1 -> CN 8.57; total CN 8.57 >= 6: amplification; caller's call '+'");
    EXPECT_EQ(calls.at("CDKN2A").cn_class, CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(calls.at("ERBB2").where.to_string(), path + ":9 (17:37800000-37900000)");
}

TEST(CnvReader, StrictMode_EndBeforeStartIsAnInputError) {
    const std::string path = std::string(test::kTestData) + "/cnv/gatk_called.seg";
    try {
        io::read_cnv(path, io::CnvReadOptions{"auto", "", true});
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::input);
        EXPECT_EQ(error.where(), path + ":12");
        EXPECT_EQ(error.why(), "end < start");
    }
}

TEST(CnvReader, PurpleGeneTable_UsesMinCopyNumberAndCanonicalRows) {
    std::vector<std::string> warnings;
    const std::string path = std::string(test::kTestData) + "/cnv/purple.cnv.gene.tsv";
    const auto calls = by_gene(call_file(path, Genome::GRCh37, warnings));
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(calls.at("ERBB2").cn_class, CopyNumberClass::amplification);
    EXPECT_EQ(calls.at("ERBB2").rule,
              "PURPLE minCopyNumber 14.2 (max 15.1); total CN 14.2 >= 6: amplification");
    EXPECT_EQ(calls.at("PTEN").cn_class, CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(calls.at("CDK4").cn_class, CopyNumberClass::gain);
}

TEST(CnvReader, UnknownFormat_ListsKnownFormats) {
    const std::string path = std::string(test::kTestData) + "/msi/msisensor_msi_h.txt";
    try {
        io::read_cnv(path, io::CnvReadOptions{});
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::input);
        EXPECT_NE(error.why().find("cannot tell the copy-number format from the header: "
                                   "Total_Number_of_Sites, Number_of_Somatic_Sites, %"),
                  std::string::npos);
        EXPECT_EQ(
            error.help().rfind("known formats: cnvkit, gatk-seg, seg, segments, purple, gene-table, vcf", 0),
            0u);
    }
}

// ---- real data ----

TEST(CnvRealData, PcgrAlleleSpecificSegments_Erbb2AmplifiedInBothBuilds) {
    for (const auto& [file, genome, start] :
         {std::tuple{"sigven__pcgr/examples/T001-BRCA.grch37.cna.tsv", Genome::GRCh37, 37756263},
          std::tuple{"sigven__pcgr/examples/T001-BRCA.grch38.cna.tsv", Genome::GRCh38, 39600010}}) {
        const std::string path = real(file);
        REQUIRE_FILE(path);
        std::vector<std::string> warnings;
        const auto calls = by_gene(call_file(path, genome, warnings));
        ASSERT_TRUE(calls.count("ERBB2")) << file;
        const CopyNumberCall& erbb2 = calls.at("ERBB2");
        EXPECT_EQ(erbb2.cn_class, CopyNumberClass::amplification) << file;
        EXPECT_DOUBLE_EQ(*erbb2.copy_number, 9.0);
        EXPECT_EQ(erbb2.start, start);
        EXPECT_EQ(erbb2.focal, true);
        EXPECT_EQ(erbb2.source_format, "segments");
        EXPECT_EQ(erbb2.rule, "CN 9 as called; total CN 9 >= 6: amplification");
    }
}

TEST(CnvRealData, CnvkitTr95t_Cdk4AndMdm2Amplified) {
    const std::string path = real("etal__cnvkit/test/formats/tr95t.cns");
    REQUIRE_FILE(path);
    std::vector<std::string> warnings;
    const auto calls = by_gene(call_file(path, Genome::GRCh37, warnings));
    EXPECT_EQ(calls.at("CDK4").cn_class, CopyNumberClass::amplification);
    EXPECT_NEAR(*calls.at("CDK4").copy_number, 23.14, 0.01);
    EXPECT_EQ(calls.at("CDK4").start, 57914723);  // CNVkit's 0-based start + 1
    EXPECT_EQ(calls.at("MDM2").cn_class, CopyNumberClass::amplification);
    EXPECT_NEAR(*calls.at("MDM2").copy_number, 14.10, 0.01);
}

TEST(CnvRealData, CnvkitAmplicon_MetAmplifiedCdkn2aDeletedDespiteEndBeforeStart) {
    const std::string path = real("etal__cnvkit/test/formats/amplicon.cns");
    REQUIRE_FILE(path);
    std::vector<std::string> warnings;
    const auto calls = by_gene(call_file(path, Genome::GRCh37, warnings));
    EXPECT_EQ(calls.at("MET").cn_class, CopyNumberClass::amplification);
    EXPECT_NEAR(*calls.at("MET").log2, 3.81256, 1e-6);  // the highest of the two MET segments
    EXPECT_EQ(calls.at("CDKN2A").cn_class, CopyNumberClass::homozygous_deletion);
    EXPECT_NEAR(*calls.at("CDKN2A").log2, -30.7923, 1e-6);
    EXPECT_EQ(calls.at("CDKN2A").rule,
              "log2 -30.79 -> CN 0; CN 0 < 0.5: homozygous deletion (lowest of 3 overlapping segments)");
    ASSERT_FALSE(warnings.empty());
    EXPECT_EQ(warnings[0], path + ": 8 rows skipped: end < start (first at line 5)");
}

TEST(CnvRealData, CnvkitWithoutBuild_FallsBackToSegmentGeneNames) {
    const std::string path = real("etal__cnvkit/test/formats/tr95t.cns");
    REQUIRE_FILE(path);
    std::vector<std::string> warnings;
    const auto calls = by_gene(call_file(path, Genome::unknown, warnings));
    ASSERT_TRUE(calls.count("CDK4"));
    EXPECT_EQ(calls.at("CDK4").cn_class, CopyNumberClass::amplification);
    EXPECT_NE(calls.at("CDK4").rule.find("gene placed by the caller's segment annotation (no genome build"),
              std::string::npos);
}

TEST(CnvRealData, OncokbWideTable_NeedsSampleAndReadsCodes) {
    const std::string path = real("oncokb__oncokb-annotator/data/example_cna.txt");
    REQUIRE_FILE(path);
    try {
        io::read_cnv(path, io::CnvReadOptions{});
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::usage);
        EXPECT_EQ(error.why(), "the table holds 2 sample columns (TCGA-05-4417-01, TCGA-02-0033-01)");
    }
    std::vector<std::string> warnings;
    const auto calls = by_gene(call_file(path, Genome::unknown, warnings, "auto", "TCGA-05-4417-01"));
    EXPECT_EQ(calls.at("ERBB2").cn_class, CopyNumberClass::amplification);
    EXPECT_EQ(calls.at("MET").cn_class, CopyNumberClass::amplification);
    EXPECT_EQ(calls.at("CDK4").cn_class,
              CopyNumberClass::homozygous_deletion);  // the first of the duplicates
    EXPECT_EQ(calls.at("ERBB2").rule,
              "code 2 in the gene table: high-level amplification as called by the source");
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0], path +
                               ": 1 row skipped: duplicate gene row with a different call (the first row is "
                               "used) (first at line 5)");
}

TEST(CnvRealData, OncokbLongTable_CrlfAndMixedWordsAndCodes) {
    const std::string path = real("oncokb__oncokb-annotator/data/example_individual_cna.txt");
    REQUIRE_FILE(path);
    std::vector<std::string> warnings;
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"gene-table", "TCGA-05-4417-01", false});
    ASSERT_EQ(data.genes.size(), 3u);
    const auto calls = by_gene(interpret::call_copy_numbers(data, path, GeneSet(test::input_test_genes()),
                                                            Genome::unknown, CopyNumberRules{}, warnings));
    EXPECT_EQ(calls.at("MET").cn_class, CopyNumberClass::amplification);
    EXPECT_EQ(calls.at("ERBB2").cn_class, CopyNumberClass::amplification);
    EXPECT_EQ(calls.at("CDK4").cn_class, CopyNumberClass::homozygous_deletion);
    // CDK4 -1, CDK4 Loss and ERBB2 Gain contradict earlier rows: 3 counted skips; MET Amplification and CDK4
    // Deletion repeat earlier calls and merge silently.
    ASSERT_EQ(data.warnings.size(), 1u);
    EXPECT_EQ(data.warnings[0].rfind(path + ": 3 rows skipped: duplicate gene row with a different call", 0),
              0u);
}

TEST(CnvRealData, MoalmanacCalledCna_Fgfr2IsADeletionNotAnAmplification) {
    const std::string path =
        real("vanallenlab__moalmanac/example_data/example_patient.capture.somatic.called.cna.txt");
    REQUIRE_FILE(path);
    std::vector<std::string> warnings;
    const auto calls = by_gene(call_file(path, Genome::GRCh37, warnings));
    ASSERT_TRUE(calls.count("FGFR2"));
    EXPECT_EQ(calls.at("FGFR2").cn_class, CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(calls.at("FGFR2").rule,
              "call 'Deletion' in the gene table: deep (homozygous) deletion as called by the source");
    EXPECT_EQ(calls.at("CDK4").cn_class, CopyNumberClass::amplification);
    EXPECT_EQ(calls.at("CDKN2A").cn_class, CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(calls.count("BLM"), 0u);  // not a KB gene
}

TEST(CnvRealData, PurpleSegments_PtenHomozygousDeletion) {
    const std::string path = real(
        "hartwigmedical__hmftools/orange/src/test/resources/test_run/purple/"
        "tumor_sample.purple.cnv.somatic.tsv");
    REQUIRE_FILE(path);
    std::vector<std::string> warnings;
    const auto calls = by_gene(call_file(path, Genome::GRCh37, warnings));
    EXPECT_EQ(calls.at("PTEN").cn_class, CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(calls.at("PTEN").start, 89700300);
}

TEST(CnvRealData, CbioportalLongTable_ExtraColumnsIgnored) {
    const std::string path = real("cBioPortal__cbioportal/test/test_data/study_es_0/data_cna_discrete.txt");
    REQUIRE_FILE(path);
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"auto", "TCGA-A1-A0SB-01", false});
    EXPECT_EQ(data.format, "gene-table");
    EXPECT_EQ(data.sample, "TCGA-A1-A0SB-01");
    EXPECT_FALSE(data.genes.empty());
}

TEST(ExtraInputs, CnvFile_RecordsInputAndAssessability) {
    const std::string path = std::string(test::kTestData) + "/cnv/gatk_called.seg";
    interpret::ExtraInputOptions options;
    options.cnv_path = path;
    Profile profile;
    std::vector<InputFile> inputs;
    interpret::read_extra_inputs(options, GeneSet(test::input_test_genes()), Genome::GRCh37, profile, inputs);
    EXPECT_TRUE(profile.assessed.copy_number);
    ASSERT_EQ(inputs.size(), 1u);
    EXPECT_EQ(inputs[0].role, "cnv");
    EXPECT_EQ(inputs[0].format, "gatk-seg");
    EXPECT_EQ(inputs[0].sha256.size(), 64u);
    EXPECT_EQ(profile.warnings.size(), 1u);
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

TEST(CnvReader, SymbolicVcf_CopyNumberFromFormatCn) {
    const std::string path = std::string(test::kTestData) + "/cnv/copy_number.vcf";
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{});
    EXPECT_EQ(data.format, "vcf");
    EXPECT_EQ(data.sample, "TUMOR");
    ASSERT_EQ(data.segments.size(), 2u);
    EXPECT_EQ(data.segments[0].start, 37800001);
    EXPECT_EQ(data.segments[0].end, 37900000);
    ASSERT_EQ(data.warnings.size(), 1u);
    EXPECT_EQ(data.warnings[0], path + ": 1 row skipped: FILTER is not PASS (first at record 3)");
    std::vector<std::string> warnings;
    const auto calls = interpret::call_copy_numbers(data, path, interpret::GeneSet(test::input_test_genes()),
                                                    Genome::GRCh37, interpret::CopyNumberRules{}, warnings);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0].gene, "ERBB2");
    EXPECT_EQ(calls[0].cn_class, CopyNumberClass::amplification);
    EXPECT_EQ(calls[1].gene, "PTEN");
    EXPECT_EQ(calls[1].cn_class, CopyNumberClass::homozygous_deletion);
}

}  // namespace
}  // namespace precis
