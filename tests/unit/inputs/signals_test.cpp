// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/error.hpp"
#include "common/strings.hpp"
#include "interpret/cross_checks.hpp"
#include "interpret/inputs.hpp"
#include "interpret/tmb.hpp"
#include "io/ihc_reader.hpp"
#include "io/msi_reader.hpp"
#include "io/table_reader.hpp"
#include "test_paths.hpp"
#include "unit/inputs/inputs_test_genes.hpp"

namespace precis {
namespace {

std::string data(const std::string& relative) {
    return std::string(test::kTestData) + "/" + relative;
}
std::string real(const std::string& relative) {
    return std::string(test::kRealData) + "/" + relative;
}

#define REQUIRE_FILE(path)                                          \
    if (!std::filesystem::exists(path)) {                           \
        GTEST_SKIP() << "real-data file not available: " << (path); \
    }

// ---- IHC ----

TEST(IhcReader, Json_HerAndMmrResults) {
    const io::IhcData ihc = io::read_ihc(data("ihc/ihc_mlh1_pms2_loss.json"), test::kSchemas);
    EXPECT_EQ(ihc.format, "json");
    ASSERT_EQ(ihc.results.size(), 6u);
    EXPECT_EQ(ihc.results[0].marker, "HER2");
    EXPECT_EQ(ihc.results[0].score, "3+");
    EXPECT_EQ(ihc.results[0].ish_status, "amplified");
    EXPECT_DOUBLE_EQ(*ihc.results[0].ish_ratio, 4.1);
    EXPECT_EQ(ihc.results[1].status, "lost");
    EXPECT_EQ(ihc.results[5].marker, "PD-L1");
    EXPECT_DOUBLE_EQ(*ihc.results[5].cps, 10.0);
    EXPECT_EQ(ihc.results[5].clone, "22C3");
    EXPECT_TRUE(io::is_dmmr(ihc.results));
}

TEST(IhcReader, Csv_NormalisesStatusWords) {
    const io::IhcData ihc = io::read_ihc(data("ihc/ihc_msh2_msh6_loss.csv"), test::kSchemas);
    EXPECT_EQ(ihc.format, "csv");
    ASSERT_EQ(ihc.results.size(), 5u);
    EXPECT_EQ(ihc.results[0].score, "2+");
    EXPECT_EQ(ihc.results[2].status, "intact");  // "Retained"
    EXPECT_EQ(ihc.results[3].status, "lost");    // "loss"
    EXPECT_EQ(ihc.results[3].where.line, 7);
}

TEST(IhcReader, SchemaViolation_IsAnInputError) {
    const std::string path = data("ihc/ihc_bad_score.json");
    try {
        io::read_ihc(path, test::kSchemas);
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::input);
        EXPECT_EQ(error.where(), path);
        EXPECT_EQ(error.why().rfind("does not match schemas/ihc.schema.json: ", 0), 0u);
        EXPECT_NE(error.why().find("/results/0/score"), std::string::npos);
    }
}

TEST(IhcReader, Her2WithoutScore_IsAnInputError) {
    const std::string path = data("ihc/ihc_her2_without_score.csv");
    try {
        io::read_ihc(path, test::kSchemas);
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::input);
        EXPECT_EQ(error.where(), path + ":3 (HER2)");
        EXPECT_EQ(error.why(), "HER2 result without a score (0, 1+, 2+ or 3+)");
    }
}

// ---- MSI ----

TEST(MsiReader, Msisensor_MsiHighAtTenPercent) {
    std::string format;
    MsiResult msi = io::read_msi_file(data("msi/msisensor_msi_h.txt"), "", format);
    EXPECT_EQ(format, "msisensor");
    EXPECT_DOUBLE_EQ(*msi.score, 12.5);
    EXPECT_EQ(msi.sites, 2480);
    io::classify_msi(msi, std::nullopt);
    EXPECT_EQ(msi.status, "MSI-H");
    EXPECT_DOUBLE_EQ(*msi.threshold, 10.0);
    EXPECT_DOUBLE_EQ(*msi.indeterminate_low, 3.0);
    EXPECT_NE(msi.threshold_source.find("PMID 30211344"), std::string::npos);
}

TEST(MsiReader, MsisensorPro_UnstableSitesHeaderAndIndeterminateBand) {
    std::string format;
    MsiResult msi = io::read_msi_file(data("msi/msisensor_pro_indeterminate.txt"), "msisensor-pro", format);
    EXPECT_EQ(format, "msisensor-pro");
    io::classify_msi(msi, std::nullopt);
    EXPECT_EQ(msi.status, "indeterminate");
    io::classify_msi(msi, 5.0);  // user threshold: no indeterminate band
    EXPECT_EQ(msi.status, "MSI-H");
    EXPECT_FALSE(msi.indeterminate_low.has_value());
}

TEST(MsiReader, Mantis_StepWiseDifference) {
    std::string format;
    MsiResult msi = io::read_msi_file(data("msi/mantis.status"), "", format);
    EXPECT_EQ(format, "mantis");
    EXPECT_DOUBLE_EQ(*msi.score, 0.4523);
    io::classify_msi(msi, std::nullopt);
    EXPECT_EQ(msi.status, "MSI-H");
    EXPECT_DOUBLE_EQ(*msi.threshold, 0.4);
}

TEST(MsiReader, UnknownFile_ListsKnownFormats) {
    const std::string path = data("ihc/ihc_msh2_msh6_loss.csv");
    std::string format;
    try {
        io::read_msi_file(path, "", format);
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::input);
        EXPECT_EQ(error.why().rfind("not a known MSI result: expected MSIsensor/MSIsensor-pro/msisensor2", 0),
                  0u);
    }
}

TEST(MsiReader, ScoreWithoutKnownCaller_IsAUsageError) {
    MsiResult msi;
    msi.caller = "mysterytool";
    msi.score = 12.0;
    try {
        io::classify_msi(msi, std::nullopt);
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::usage);
        EXPECT_EQ(error.why(),
                  "no default MSI threshold for this caller (scores are not comparable across tools)");
    }
}

TEST(MsiRealData, PurplePurity_MssAndTmbHigh) {
    const std::string path = real(
        "hartwigmedical__hmftools/orange/src/test/resources/test_run/purple/tumor_sample.purple.purity.tsv");
    REQUIRE_FILE(path);
    interpret::ExtraInputOptions options;
    options.msi_path = path;
    Profile profile;
    std::vector<InputFile> inputs;
    interpret::read_extra_inputs(options, interpret::GeneSet(test::input_test_genes()), Genome::GRCh37,
                                 profile, inputs);
    ASSERT_TRUE(profile.msi);
    EXPECT_EQ(profile.msi->caller, "purple");
    EXPECT_EQ(profile.msi->status, "MSS");
    EXPECT_DOUBLE_EQ(*profile.msi->score, 0.0951);
    ASSERT_TRUE(profile.tmb);
    EXPECT_DOUBLE_EQ(profile.tmb->value, 13.7219);
    EXPECT_EQ(inputs.at(0).format, "purple");
    const auto checks = interpret::cross_checks(profile);
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0].rfind("TMB-H (13.7 mutations/Mb) with MSS", 0), 0u);
}

TEST(Signatures, OncokbAtypicalAlterationSynonyms) {
    const std::string path = real("oncokb__oncokb-annotator/data/example_atypical_alterations.txt");
    REQUIRE_FILE(path);
    const io::Table table = io::Table::read(path, io::Table::Options{});
    const std::size_t column = table.require_column({"ALTERATION"});
    std::map<std::string, int> counts;
    for (const auto& row : table.rows()) {
        if (const auto signature = io::parse_signature(io::Table::field(row, column))) {
            ++counts[*signature];
        }
    }
    EXPECT_EQ(counts["MSI-H"], 2);  // "MSI-H" and "Microsatellite Instability-High"
    EXPECT_EQ(counts["TMB-H"], 2);  // "TMB-H" and "Tumor Mutational Burden-High"
    EXPECT_EQ(counts.size(), 2u);   // EGFR vIII, FLT3 ITD, ... are not signatures
    EXPECT_EQ(io::parse_signature("MSS"), "MSS");
    EXPECT_EQ(io::parse_signature("mismatch repair deficient"), "dMMR");
}

// ---- TMB ----

VariantClass maf_class(std::string_view text) {
    static const std::map<std::string, VariantClass, std::less<>> classes = {
        {"Missense_Mutation", VariantClass::missense},
        {"Nonsense_Mutation", VariantClass::nonsense},
        {"Frame_Shift_Del", VariantClass::frameshift},
        {"Frame_Shift_Ins", VariantClass::frameshift},
        {"In_Frame_Del", VariantClass::inframe_deletion},
        {"In_Frame_Ins", VariantClass::inframe_insertion},
        {"Splice_Site", VariantClass::splice},
        {"Silent", VariantClass::synonymous}};
    const auto found = classes.find(text);
    return found == classes.end() ? VariantClass::noncoding : found->second;
}

TEST(TmbRealData, MoalmanacMafAndCoverage_GiveTmbFigure) {
    const std::string maf =
        real("vanallenlab__moalmanac/example_data/example_patient.capture.somatic.snvs.maf");
    const std::string coverage =
        real("vanallenlab__moalmanac/example_data/example_patient.capture.somatic.coverage.txt");
    REQUIRE_FILE(maf);
    REQUIRE_FILE(coverage);
    std::ifstream in(coverage);
    double bases = 0;
    in >> bases;
    ASSERT_DOUBLE_EQ(bases, 29908096.0);
    interpret::ExtraInputOptions options;
    options.panel_size_mb = bases / 1e6;
    interpret::TmbCounter counter(options);
    const io::Table table = io::Table::read(maf, io::Table::Options{});
    const std::size_t chrom = table.require_column({"Chromosome"});
    const std::size_t pos = table.require_column({"Start_position"});
    const std::size_t ref = table.require_column({"Reference_Allele"});
    const std::size_t alt = table.require_column({"Tumor_Seq_Allele2"});
    const std::size_t klass = table.require_column({"Variant_Classification"});
    const std::size_t alt_count = table.require_column({"t_alt_count"});
    const std::size_t ref_count = table.require_column({"t_ref_count"});
    for (const auto& row : table.rows()) {
        const auto a = str::to_int(io::Table::field(row, alt_count)).value_or(0);
        const auto r = str::to_int(io::Table::field(row, ref_count)).value_or(0);
        VariantObservation observation;
        observation.chrom = io::Table::field(row, chrom);
        observation.pos = str::to_int(io::Table::field(row, pos)).value_or(0);
        observation.ref = io::Table::field(row, ref);
        observation.alt = io::Table::field(row, alt);
        observation.variant_class = maf_class(io::Table::field(row, klass));
        observation.depth = static_cast<int>(a + r);
        if (a + r > 0) {
            observation.vaf = static_cast<double>(a) / static_cast<double>(a + r);
        }
        counter.observe(observation);
    }
    std::vector<std::string> warnings;
    const auto tmb = counter.finish(warnings);
    ASSERT_TRUE(tmb);
    EXPECT_EQ(counter.observed(), 299);
    // 199 non-synonymous; 18 with VAF < 5% and 2 with depth < 20 (some of them silent) leave 192.
    EXPECT_EQ(tmb->counted_variants, 192);
    EXPECT_NEAR(tmb->value, 192.0 / 29.908096, 1e-9);
    EXPECT_EQ(tmb->source, "computed");
    EXPECT_TRUE(warnings.empty());
    EXPECT_NE(tmb->counting_rule.find("192 of 299 passing alleles counted over 29.908 Mb (--panel-size-mb)"),
              std::string::npos);
}

TEST(Tmb, GivenValueTakesPrecedenceAndNoDenominatorGivesNothing) {
    interpret::ExtraInputOptions options;
    std::vector<std::string> warnings;
    {
        interpret::TmbCounter counter(options);
        VariantObservation observation;
        observation.chrom = "1";
        observation.pos = 100;
        counter.observe(observation);
        EXPECT_FALSE(counter.finish(warnings));
        ASSERT_EQ(warnings.size(), 1u);
        EXPECT_EQ(warnings[0].rfind("TMB not computed: the panel size is unknown", 0), 0u);
    }
    options.tmb = 12.5;
    interpret::TmbCounter counter(options);
    const auto tmb = counter.finish(warnings);
    ASSERT_TRUE(tmb);
    EXPECT_DOUBLE_EQ(tmb->value, 12.5);
    EXPECT_EQ(tmb->source, "given");
}

TEST(Tmb, UnannotatedVariantsCountWithAWarning) {
    interpret::ExtraInputOptions options;
    options.panel_size_mb = 1.0;
    interpret::TmbCounter counter(options);
    VariantObservation observation;
    observation.chrom = "1";
    observation.pos = 100;
    observation.vaf = 0.3;
    observation.depth = 100;
    counter.observe(observation);
    observation.vaf = 0.01;  // below 5%
    counter.observe(observation);
    std::vector<std::string> warnings;
    const auto tmb = counter.finish(warnings);
    ASSERT_TRUE(tmb);
    EXPECT_DOUBLE_EQ(tmb->value, 1.0);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("over-estimate"), std::string::npos);
}

// ---- checks between inputs ----

TEST(CrossChecks, MlhPms2LossWithMssAndHer2Discordance) {
    Profile profile;
    profile.ihc = io::read_ihc(data("ihc/ihc_mlh1_pms2_loss.json"), test::kSchemas).results;
    MsiResult msi;
    msi.caller = "msisensor";
    msi.status = "MSS";
    profile.msi = msi;
    CopyNumberCall erbb2;
    erbb2.gene = "ERBB2";
    erbb2.cn_class = CopyNumberClass::neutral;
    erbb2.copy_number = 2.1;
    profile.copy_numbers.push_back(erbb2);
    const auto checks = interpret::cross_checks(profile);
    ASSERT_EQ(checks.size(), 4u);
    EXPECT_EQ(checks[0].rfind("HER2 IHC 3+ but ERBB2 neutral (copy number 2.1) by NGS: discordant", 0), 0u);
    EXPECT_EQ(
        checks[1],
        "HER2 ISH amplified but ERBB2 neutral (copy number 2.1) by NGS: discordant; check tumour content");
    EXPECT_EQ(checks[2].rfind("MLH1 and PMS2 loss: suggest MLH1 promoter methylation testing", 0), 0u);
    EXPECT_EQ(checks[3].rfind("dMMR by IHC but MSS (msisensor): discordant", 0), 0u);
}

TEST(CrossChecks, Msh2Msh6Loss_SuggestsLynchEvaluationAndHer2EquivocalNeedsIsh) {
    Profile profile;
    profile.ihc = io::read_ihc(data("ihc/ihc_msh2_msh6_loss.csv"), test::kSchemas).results;
    const auto checks = interpret::cross_checks(profile);
    ASSERT_EQ(checks.size(), 2u);
    EXPECT_EQ(checks[0].rfind("HER2 IHC 2+ is equivocal and no ISH result was given", 0), 0u);
    EXPECT_EQ(checks[1],
              "MSH2 and MSH6 loss: suggest germline (Lynch syndrome) evaluation of MSH2 and EPCAM");
}

TEST(ExtraInputs, IhcAndMsiStatus_SetAssessability) {
    interpret::ExtraInputOptions options;
    options.ihc_path = data("ihc/ihc_mlh1_pms2_loss.json");
    options.schemas_dir = test::kSchemas;
    options.msi_status = "Microsatellite Instability-High";
    Profile profile;
    std::vector<InputFile> inputs;
    interpret::read_extra_inputs(options, interpret::GeneSet(test::input_test_genes()), Genome::GRCh37,
                                 profile, inputs);
    EXPECT_TRUE(profile.assessed.ihc_her2);
    EXPECT_TRUE(profile.assessed.ihc_mmr);
    EXPECT_TRUE(profile.assessed.msi);
    EXPECT_EQ(profile.msi->status, "MSI-H");
    EXPECT_EQ(profile.msi->caller, "given");
    ASSERT_EQ(inputs.size(), 1u);
    EXPECT_EQ(inputs[0].format, "json");
    options.msi_status = "high";
    EXPECT_THROW(interpret::read_extra_inputs(options, interpret::GeneSet(test::input_test_genes()),
                                              Genome::GRCh37, profile, inputs),
                 Error);
}

}  // namespace
}  // namespace precis
