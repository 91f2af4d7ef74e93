// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
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
            error.help().rfind(
                "known formats: cnvkit, gatk-seg, seg, segments, purple, oncotator, gene-table, vcf", 0),
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
              "code 2 in the gene table (GISTIC/cBioPortal discrete codes): high-level "
              "amplification as called by the source");
    EXPECT_EQ(calls.at("ERBB2").ambiguity, "");  // a code fixes the class
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
    // MOAlmanac's 'Deletion' is the bottom 2.5% of segment means: read in OncoKB's sense (deep deletion),
    // never silently, since the word carries no copy number.
    EXPECT_EQ(calls.at("FGFR2").cn_class, CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(calls.at("FGFR2").rule,
              "call 'Deletion' in the gene table (OncoKB CNA words): deep (homozygous) "
              "deletion; ambiguous without a copy number");
    EXPECT_EQ(
        calls.at("FGFR2").ambiguity.rfind("the gene table says 'Deletion' without a copy number: read as "
                                          "a deep (homozygous) deletion, as in OncoKB's CNA vocabulary",
                                          0),
        0u);
    EXPECT_EQ(calls.at("CDK4").cn_class, CopyNumberClass::amplification);
    EXPECT_NE(calls.at("CDK4").ambiguity.find("MOAlmanac"), std::string::npos);
    EXPECT_EQ(calls.at("CDKN2A").cn_class, CopyNumberClass::homozygous_deletion);
    EXPECT_TRUE(warnings.empty()) << ::testing::PrintToString(warnings);  // "Wild type" is a known word
    EXPECT_EQ(calls.count("BLM"), 0u);                                    // not a KB gene
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

// ---- gene-table vocabulary (issue 8: no silent over-calls) ----

namespace precis {
namespace {

using interpret::CopyNumberRules;
using interpret::GeneSet;

std::map<std::string, CopyNumberCall> calls_by_gene(const io::CnvData& data, const std::string& path,
                                                    std::vector<kb::GeneInfo> genes,
                                                    std::vector<std::string>& warnings) {
    std::map<std::string, CopyNumberCall> map;
    for (const auto& call : interpret::call_copy_numbers(data, path, GeneSet(std::move(genes)),
                                                         Genome::GRCh37, CopyNumberRules{}, warnings)) {
        map[call.gene] = call;
    }
    return map;
}

TEST(CnvVocabulary, EveryEntryReadsBack_OnlyBareAmplificationAndDeletionWordsAreAmbiguous) {
    std::vector<std::string> ambiguous;
    for (const io::CnvVocabularyEntry& entry : io::cnv_vocabulary()) {
        const auto reading = io::read_cnv_call(std::string(entry.text));
        ASSERT_TRUE(reading.has_value()) << entry.text;
        EXPECT_EQ(reading->cn_class, entry.cn_class) << entry.text;
        EXPECT_EQ(reading->vocabulary, entry.vocabulary) << entry.text;
        if (!entry.ambiguity.empty()) {
            ambiguous.emplace_back(entry.text);
        }
    }
    EXPECT_EQ(ambiguous, (std::vector<std::string>{"amplification", "deletion", "amplified", "amp"}));
}

TEST(CnvVocabulary, WordsAreCaseInsensitiveAndTheAmbiguityQuotesTheWordAsWritten) {
    const auto deletion = io::read_cnv_call(" DELETION ");
    ASSERT_TRUE(deletion.has_value());
    EXPECT_EQ(deletion->cn_class, CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(deletion->vocabulary, "OncoKB CNA words");
    EXPECT_EQ(
        deletion->ambiguity.rfind("the gene table says 'DELETION' without a copy number: read as a deep "
                                  "(homozygous) deletion, as in OncoKB's CNA vocabulary (GISTIC -2); "
                                  "MOAlmanac and other tools also write it for one-copy (hemizygous) "
                                  "losses",
                                  0),
        0u);
    const auto code = io::read_cnv_call("-2.0");
    ASSERT_TRUE(code.has_value());
    EXPECT_EQ(code->cn_class, CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(code->vocabulary, "GISTIC/cBioPortal discrete codes");
    EXPECT_EQ(code->ambiguity, "");
    EXPECT_FALSE(io::read_cnv_call("-1.5").has_value());
    EXPECT_FALSE(io::read_cnv_call("Del").has_value());
}

TEST(CnvVocabulary, GeneTableFixture_OneDecisionPerWord) {
    const std::string path = std::string(test::kTestData) + "/cnv/gene_words.tsv";
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{});
    EXPECT_EQ(data.format, "gene-table");
    EXPECT_TRUE(data.warnings.empty()) << ::testing::PrintToString(data.warnings);
    std::vector<std::string> warnings;
    const auto calls = calls_by_gene(data, path, test::input_test_genes(), warnings);
    struct Expected {
        const char* gene;
        CopyNumberClass cn_class;
        const char* rule;
        bool ambiguous;
    };
    const std::vector<Expected> expected = {
        {"ERBB2", CopyNumberClass::amplification,
         "call 'Amplification' in the gene table (OncoKB CNA words): high-level amplification; ambiguous "
         "without a copy number",
         true},
        {"CDKN2A", CopyNumberClass::homozygous_deletion,
         "call 'Deletion' in the gene table (OncoKB CNA words): deep (homozygous) deletion; ambiguous "
         "without "
         "a copy number",
         true},
        {"MET", CopyNumberClass::amplification,
         "code 2 in the gene table (GISTIC/cBioPortal discrete codes): high-level amplification as called by "
         "the source",
         false},
        {"PTEN", CopyNumberClass::homozygous_deletion,
         "code -2 in the gene table (GISTIC/cBioPortal discrete codes): deep (homozygous) deletion as called "
         "by the source",
         false},
        {"CDK4", CopyNumberClass::gain,
         "call 'Gain' in the gene table (OncoKB CNA words): gain (not an amplification) as called by the "
         "source",
         false},
        {"FGFR2", CopyNumberClass::loss,
         "call 'Loss' in the gene table (OncoKB CNA words): single-copy loss as called by the source", false},
        {"RET", CopyNumberClass::neutral,
         "call 'Baseline' in the gene table (MOAlmanac called-CN words): neutral as called by the source",
         false},
        {"ALK", CopyNumberClass::homozygous_deletion,
         "call 'HOMDEL' in the gene table (cBioPortal CNA names): deep (homozygous) deletion as called by "
         "the "
         "source",
         false},
        {"NTRK1", CopyNumberClass::amplification,
         "call 'High-level amplification' in the gene table (common copy-number words): high-level "
         "amplification as called by the source",
         false},
        {"NTRK3", CopyNumberClass::loss,
         "call 'Shallow Deletion' in the gene table (cBioPortal CNA names): single-copy loss as called by "
         "the "
         "source",
         false},
        {"MDM2", CopyNumberClass::amplification,
         "call 'AMP' in the gene table (common copy-number words): high-level amplification; ambiguous "
         "without a copy number",
         true},
    };
    for (const Expected& want : expected) {
        ASSERT_TRUE(calls.count(want.gene)) << want.gene;
        const CopyNumberCall& call = calls.at(want.gene);
        EXPECT_EQ(call.cn_class, want.cn_class) << want.gene;
        EXPECT_EQ(call.rule, want.rule) << want.gene;
        EXPECT_EQ(!call.ambiguity.empty(), want.ambiguous) << want.gene << ": " << call.ambiguity;
    }
    EXPECT_NE(
        calls.at("ERBB2").ambiguity.find("the gene table says 'Amplification' without a copy number: read "
                                         "as a high-level amplification, as in OncoKB's and cBioPortal's"),
        std::string::npos);
    EXPECT_NE(calls.at("ERBB2").ambiguity.find("confirm the copy number"), std::string::npos);
    // Words for genes outside the knowledge base are still read (and counted as not interpreted).
    const auto row = [&](const std::string& gene) {
        return *std::find_if(data.genes.begin(), data.genes.end(),
                             [&](const io::GeneCnvRow& r) { return r.gene == gene; });
    };
    EXPECT_EQ(row("GENE_A").called_class, CopyNumberClass::neutral);  // MOAlmanac "Wild type"
    EXPECT_EQ(row("GENE_B").called_class, CopyNumberClass::homozygous_deletion);
    EXPECT_EQ(row("GENE_B").ambiguity, "");  // "Deep Deletion" says what it means
    EXPECT_EQ(row("GENE_C").called_class, CopyNumberClass::neutral);
}

TEST(CnvVocabulary, UnknownWords_SkippedWithACountedWarningNamingTheLine) {
    const std::string path = std::string(test::kTestData) + "/cnv/gene_words_unknown.tsv";
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{});
    ASSERT_EQ(data.genes.size(), 1u);
    EXPECT_EQ(data.genes[0].gene, "ERBB2");
    EXPECT_EQ(
        data.warnings,
        (std::vector<std::string>{
            path + ": 1 row skipped: unrecognised copy-number call '-1.5' (first at line 6)",
            path + ": 2 rows skipped: unrecognised copy-number call 'Amplificaton' (first at line 5)"}));
    try {
        io::read_cnv(path, io::CnvReadOptions{"auto", "", true});
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::input);  // exit 3
        EXPECT_EQ(error.where(), path + ":5");
        EXPECT_EQ(error.why(), "unrecognised copy-number call 'Amplificaton'");
    }
}

TEST(CnvGeneRows, ApprovedSymbolRowWinsOverAnAliasRow) {
    io::CnvData data;
    data.format = "gene-table";
    for (const auto& [gene, word, line] : {std::tuple{"HER2", "Amplification", 2},
                                           std::tuple{"ERBB2", "Gain", 3}, std::tuple{"HER-2", "2", 4}}) {
        io::GeneCnvRow row;
        row.gene = gene;
        row.call_text = word;
        row.line = line;
        const auto reading = io::read_cnv_call(word);
        row.called_class = reading->cn_class;
        row.vocabulary = reading->vocabulary;
        row.ambiguity = reading->ambiguity;
        data.genes.push_back(row);
    }
    std::vector<std::string> warnings;
    const auto calls = interpret::call_copy_numbers(data, "t.tsv", GeneSet(test::input_test_genes()),
                                                    Genome::unknown, CopyNumberRules{}, warnings);
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0].gene, "ERBB2");
    EXPECT_EQ(calls[0].cn_class, CopyNumberClass::gain);
    EXPECT_EQ(calls[0].where.line, 3);
}

// ---- Oncotator seg.annotated ----

TEST(CnvOncotator, Fixture_DetectedAndTheValueDecidesAmplificationAndHomozygousDeletion) {
    const std::string path = std::string(test::kTestData) + "/cnv/oncotator.seg.annotated";
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{});
    EXPECT_EQ(data.format, "oncotator");
    EXPECT_EQ(data.detail, "Oncotator gene-level segments (segment_mean as log2, segment_call)");
    EXPECT_EQ(data.sample, "FIXTURE-T");
    EXPECT_EQ(data.genes.size(), 9u);
    EXPECT_TRUE(data.warnings.empty()) << ::testing::PrintToString(data.warnings);
    std::vector<std::string> warnings;
    const auto calls = calls_by_gene(data, path, test::input_test_genes(), warnings);
    // log2 2.3 -> CN 9.85: an amplification by the value (segment_call '+' alone would only be a gain).
    EXPECT_EQ(calls.at("ERBB2").cn_class, CopyNumberClass::amplification);
    EXPECT_EQ(calls.at("ERBB2").rule,
              "segment_mean log2 2.3 -> CN 9.85; total CN 9.85 >= 6: amplification; caller's call '+'");
    EXPECT_EQ(calls.at("ERBB2").where.to_string(), path + ":4 (ERBB2 17:37800000-37950000)");
    EXPECT_EQ(calls.at("ERBB2").focal, true);
    EXPECT_EQ(calls.at("ERBB2").ambiguity, "");
    EXPECT_EQ(calls.at("ERBB2").source_format, "oncotator");
    EXPECT_EQ(calls.at("CDKN2A").cn_class, CopyNumberClass::homozygous_deletion);
    // log2 0.33 -> CN 2.51 and '+': a gain, not an amplification.
    EXPECT_EQ(calls.at("MET").cn_class, CopyNumberClass::gain);
    EXPECT_EQ(calls.at("MET").rule,
              "segment_mean log2 0.33 -> CN 2.51; total CN 2.51 above ploidy 2 but < 6: gain, not "
              "amplification; caller's call '+'");
    // log2 -0.29 -> CN 1.64 is within half a copy of 2, but the segmenter called the segment '-'.
    EXPECT_EQ(calls.at("PTEN").cn_class, CopyNumberClass::loss);
    EXPECT_EQ(calls.at("PTEN").rule,
              "segment_mean log2 -0.29 -> CN 1.64 (CN 1.64 near ploidy 2: neutral); Oncotator/ReCapSeg "
              "segment_call '-': single-copy loss as called by the segmenter");
    EXPECT_EQ(calls.at("FGFR2").cn_class, CopyNumberClass::loss);
    EXPECT_EQ(calls.at("CDK4").cn_class, CopyNumberClass::neutral);
    EXPECT_NEAR(*calls.at("FGFR2").copy_number, 1.443, 0.001);
    // '++' / '--' are the caller's stronger calls: the value still decides (log2 2.2 -> CN 9.19: amplified;
    // log2 -0.8 -> CN 1.15: a loss, not a homozygous deletion).
    EXPECT_EQ(calls.at("NTRK1").cn_class, CopyNumberClass::amplification);
    EXPECT_EQ(calls.at("RET").cn_class, CopyNumberClass::loss);
    EXPECT_EQ(calls.at("RET").rule,
              "segment_mean log2 -0.8 -> CN 1.15; CN 1.15 below ploidy 2: loss; caller's call '--'");
}

TEST(CnvOncotator, WithPurity_TheSegmentMeanIsAdjusted) {
    const std::string path = std::string(test::kTestData) + "/cnv/oncotator.seg.annotated";
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"oncotator", "FIXTURE-T", false});
    CopyNumberRules rules;
    rules.purity = 0.5;
    std::vector<std::string> warnings;
    const auto calls = interpret::call_copy_numbers(data, path, GeneSet(test::input_test_genes()),
                                                    Genome::GRCh37, rules, warnings);
    const auto met = std::find_if(calls.begin(), calls.end(), [](const auto& c) { return c.gene == "MET"; });
    ASSERT_NE(met, calls.end());
    // ratio 2^0.33 = 1.257 at purity 0.5: CN = (1.257 x 2 - 1) / 0.5 = 3.03
    EXPECT_NEAR(*met->copy_number, 3.03, 0.01);
    EXPECT_EQ(met->rule.rfind("segment_mean log2 0.33 -> CN 3.03 (purity 0.5, ploidy 2); total CN 3.03", 0),
              0u);
}

TEST(CnvOncotator, CallsWithoutSegmentMean_PlusIsAnAmbiguousGainNeverAnAmplification) {
    const std::string path = std::string(test::kTestData) + "/cnv/oncotator_calls_only.seg.annotated";
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{});
    EXPECT_EQ(data.format, "oncotator");
    EXPECT_EQ(data.detail, "Oncotator gene-level segments (segment_call only)");
    std::vector<std::string> warnings;
    const auto calls = calls_by_gene(data, path, test::input_test_genes(), warnings);
    EXPECT_EQ(calls.at("ERBB2").cn_class, CopyNumberClass::gain);
    EXPECT_EQ(
        calls.at("ERBB2").ambiguity,
        "Oncotator segment_call '+' without a segment mean: read as a gain (the caller's segment is above "
        "its neutral band); whether it is a high-level amplification cannot be told from this file");
    EXPECT_EQ(calls.at("CDKN2A").cn_class, CopyNumberClass::loss);
    EXPECT_NE(calls.at("CDKN2A").ambiguity.find("whether it is a homozygous deletion cannot be told"),
              std::string::npos);
    EXPECT_EQ(calls.at("MET").cn_class, CopyNumberClass::neutral);
    EXPECT_EQ(calls.at("MET").ambiguity, "");
    EXPECT_EQ(calls.at("ALK").cn_class, CopyNumberClass::gain);  // '++' alone is not an amplification
    EXPECT_EQ(calls.at("ALK").ambiguity.rfind(
                  "Oncotator segment_call '++' without a segment mean: read as a gain", 0),
              0u);
    EXPECT_EQ(calls.at("PTEN").cn_class, CopyNumberClass::loss);
    EXPECT_EQ(calls.at("ALK").rule,
              "call '++' in the gene table (Oncotator/ReCapSeg segment_call): gain (not an amplification); "
              "ambiguous without a copy number");
}

TEST(CnvOncotator, UnknownSampleIsAUsageErrorListingTheSamples) {
    const std::string path = std::string(test::kTestData) + "/cnv/oncotator.seg.annotated";
    try {
        io::read_cnv(path, io::CnvReadOptions{"auto", "OTHER", false});
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::usage);
        EXPECT_EQ(error.why(), "sample 'OTHER' is not in the table; it has: FIXTURE-T");
    }
}

TEST(CnvOncotator, NoNegativeSegmentMeanInAWholeGenomeFile_EveryCallIsFlagged) {
    // MOAlmanac's documentation shows segment_mean values such as 1.25 and 0.82: linear ratios, not log2.
    const std::filesystem::path path = test::work_dir() / "linear.seg.annotated";
    {
        std::ofstream out(path);
        out << "gene\tsegment_contig\tsegment_start\tsegment_end\tsegment_mean\tsample\n";
        out << "ERBB2\t17\t37800000\t37950000\t1.25\tS\n";
        for (int i = 0; i < 120; ++i) {
            out << "G" << i << "\t1\t" << 1000 * (i + 1) << "\t" << 1000 * (i + 1) + 500 << "\t0.96\tS\n";
        }
    }
    const io::CnvData data = io::read_cnv(path.string(), io::CnvReadOptions{});
    ASSERT_EQ(data.warnings.size(), 1u);
    EXPECT_EQ(data.warnings[0],
              path.string() +
                  ": none of the file's 121 segment means is negative: they may be linear copy "
                  "ratios rather than log2, and precis reads them as log2, which overstates "
                  "copy number");
    std::vector<std::string> warnings;
    const auto calls = calls_by_gene(data, path.string(), test::input_test_genes(), warnings);
    EXPECT_NE(calls.at("ERBB2").ambiguity.find("may be linear copy ratios"), std::string::npos);
}

TEST(CnvRealData, MoalmanacOncotatorSegAnnotated_BrafGainCdkn2aAndFgfr2LossNotAWideTable) {
    // Before issue 8 this file was taken for a wide gene table and failed with "the table holds 12 sample
    // columns (segment_contig, ...)".
    const std::string path =
        real("vanallenlab__moalmanac/example_data/example_patient.capture.somatic.seg.annotated");
    REQUIRE_FILE(path);
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{});
    EXPECT_EQ(data.format, "oncotator");
    EXPECT_EQ(data.sample, "example_tumor_profile");
    EXPECT_GT(data.genes.size(), 40000u);
    // The one warning: a gene name mangled by a spreadsheet ("2-Mar") on two rows with different calls.
    EXPECT_EQ(data.warnings, std::vector<std::string>{
                                 path + ": 1 row skipped: duplicate gene row with a different call (the "
                                        "first row is used) (first at line 17126)"});
    std::vector<kb::GeneInfo> genes = test::input_test_genes();
    genes.push_back(test::make_gene("BRAF", '-'));
    std::vector<std::string> warnings;
    const auto calls = calls_by_gene(data, path, genes, warnings);
    // BRAF: segment_call '+', log2 0.33 -> CN 2.51: a gain, not an amplification.
    ASSERT_TRUE(calls.count("BRAF"));
    EXPECT_EQ(calls.at("BRAF").cn_class, CopyNumberClass::gain);
    EXPECT_NEAR(*calls.at("BRAF").log2, 0.329410671, 1e-9);
    EXPECT_EQ(calls.at("BRAF").start, 140035306);
    EXPECT_EQ(calls.at("BRAF").chrom, "7");
    // CDKN2A: '-', log2 -0.29 (CN 1.63): a loss, not a homozygous deletion.
    EXPECT_EQ(calls.at("CDKN2A").cn_class, CopyNumberClass::loss);
    EXPECT_EQ(calls.at("CDKN2A").rule,
              "segment_mean log2 -0.29 -> CN 1.63 (CN 1.63 near ploidy 2: neutral); Oncotator/ReCapSeg "
              "segment_call '-': single-copy loss as called by the segmenter");
    // FGFR2: '-', log2 -0.47 (CN 1.44): a loss, not an amplification or a deletion.
    EXPECT_EQ(calls.at("FGFR2").cn_class, CopyNumberClass::loss);
    EXPECT_EQ(calls.at("ERBB2").cn_class, CopyNumberClass::neutral);
    for (const auto& [gene, call] : calls) {
        EXPECT_NE(call.cn_class, CopyNumberClass::amplification) << gene;
        EXPECT_NE(call.cn_class, CopyNumberClass::homozygous_deletion) << gene;
        EXPECT_EQ(call.ambiguity, "") << gene;  // every row has a segment mean
    }
}

}  // namespace
}  // namespace precis
