// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "common/error.hpp"
#include "interpret/fusion_assessment.hpp"
#include "interpret/inputs.hpp"
#include "io/fusion_reader.hpp"
#include "io/sv_vcf_reader.hpp"
#include "support/test_support.hpp"
#include "test_paths.hpp"
#include "unit/inputs/inputs_test_genes.hpp"

namespace precis {
namespace {

using interpret::GeneSet;

//! The shared lookup: ../shared/realdata, else the bundled permissive copy; "" when absent.
std::string real(const std::string& relative) {
    return test::realdata(relative);
}

#define REQUIRE_FILE(path)                                                    \
    if ((path).empty()) {                                                     \
        GTEST_SKIP() << "real-data file not available in ../shared/realdata"; \
    }

const GeneSet& genes() {
    static const GeneSet set(test::input_test_genes());
    return set;
}

std::vector<interpret::FusionAssessment> assess_all(const std::vector<Fusion>& fusions, Genome genome) {
    std::vector<interpret::FusionAssessment> all;
    for (const Fusion& fusion : fusions) {
        const auto assessed = interpret::assess_fusion(fusion, genes(), genome);
        all.insert(all.end(), assessed.begin(), assessed.end());
    }
    return all;
}

const interpret::FusionAssessment* find(const std::vector<interpret::FusionAssessment>& all,
                                        const std::string& gene, const std::string& label_prefix = {}) {
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto& a) {
        return a.gene == gene && a.label.rfind(label_prefix, 0) == 0;
    });
    return it == all.end() ? nullptr : &*it;
}

TEST(FusionNames, SplitsTheUsualSeparators) {
    EXPECT_EQ(io::split_fusion_name("EML4--ALK"), std::make_pair(std::string("EML4"), std::string("ALK")));
    EXPECT_EQ(io::split_fusion_name("FGFR2::BICC1"),
              std::make_pair(std::string("FGFR2"), std::string("BICC1")));
    EXPECT_EQ(io::split_fusion_name("TMPRSS2-ERG"),
              std::make_pair(std::string("TMPRSS2"), std::string("ERG")));
    EXPECT_EQ(io::split_fusion_name("FGFR2--"), std::make_pair(std::string("FGFR2"), std::string()));
    EXPECT_EQ(io::split_fusion_name("--NTRK3"), std::make_pair(std::string(), std::string("NTRK3")));
    EXPECT_EQ(io::split_fusion_name("EGFR-intragenic"),
              std::make_pair(std::string("EGFR"), std::string("EGFR")));
    EXPECT_EQ(io::split_fusion_name("ETV6-RUNX1 fusion"),
              std::make_pair(std::string("ETV6"), std::string("RUNX1")));
}

TEST(BreakendAlt, ParsesTheFourBracketFormsAndSingleBreakends) {
    auto alt = io::parse_breakend_alt("T[8:107653411[");
    ASSERT_TRUE(alt);
    EXPECT_EQ(alt->local, io::Retained::left);
    EXPECT_EQ(alt->mate, io::Retained::right);
    EXPECT_EQ(alt->mate_chrom, "8");
    EXPECT_EQ(alt->mate_pos, 107653411);
    alt = io::parse_breakend_alt("]chr11:94987872]T");
    ASSERT_TRUE(alt);
    EXPECT_EQ(alt->local, io::Retained::right);
    EXPECT_EQ(alt->mate, io::Retained::left);
    EXPECT_EQ(alt->mate_chrom, "11");
    alt = io::parse_breakend_alt("]13:123456]AGTNNNNNCAT");
    ASSERT_TRUE(alt);
    EXPECT_EQ(alt->local, io::Retained::right);
    alt = io::parse_breakend_alt("A.");
    ASSERT_TRUE(alt);
    EXPECT_TRUE(alt->single);
    EXPECT_EQ(alt->local, io::Retained::left);
    EXPECT_FALSE(io::parse_breakend_alt("<DEL>"));
    EXPECT_FALSE(io::parse_breakend_alt("ACGT"));
}

TEST(FusionAssessment, FiveprimeNtrk1FromArribaIsNotMatched) {
    Fusion fusion;
    fusion.gene5 = "NTRK1";
    fusion.gene3 = "TPM3";
    fusion.caller = "arriba";
    fusion.orientation_note = "gene1 is the 5' partner (Arriba)";
    const auto assessed = interpret::assess_fusion(fusion, genes(), Genome::GRCh37);
    ASSERT_EQ(assessed.size(), 1u);
    EXPECT_EQ(assessed[0].role, "5prime");
    EXPECT_EQ(assessed[0].kinase_retained, false);
    EXPECT_EQ(assessed[0].label, "NTRK1 5' fragment without the kinase domain (partner TPM3)");
}

TEST(FusionAssessment, Fgfr2BreakpointOutsideRetainedRegionLosesKinase) {
    Fusion fusion;
    fusion.gene5 = "FGFR2";
    fusion.gene3 = "BICC1";
    fusion.caller = "arriba";
    fusion.breakpoint5 = Breakpoint{"10", 123300000, '-'};
    auto assessed = interpret::assess_fusion(fusion, genes(), Genome::GRCh37);
    ASSERT_EQ(assessed.size(), 1u);
    EXPECT_EQ(assessed[0].kinase_retained, false);
    EXPECT_EQ(assessed[0].label, "FGFR2 fusion without the kinase domain (partner BICC1)");
    fusion.breakpoint5 = Breakpoint{"10", 123243500, '-'};
    assessed = interpret::assess_fusion(fusion, genes(), Genome::GRCh37);
    EXPECT_EQ(assessed[0].kinase_retained, true);
    EXPECT_EQ(assessed[0].label, "FGFR2 fusion or rearrangement (partner BICC1)");
}

TEST(SvVcf, MantaFixture_Fgfr2KeepsFivePrimeEndWithUnknownPartner) {
    const std::string path = std::string(test::kTestData) + "/fusion/manta_fgfr2_bnd.vcf";
    const io::SvVcfData data = io::read_sv_vcf(path, "", false);
    EXPECT_EQ(data.caller, "manta");
    ASSERT_EQ(data.junctions.size(), 1u);  // one mate pair; the third record is filtered
    ASSERT_EQ(data.warnings.size(), 1u);
    EXPECT_EQ(data.warnings[0], path + ": 1 SV records skipped because FILTER is not PASS");
    EXPECT_EQ(data.junctions[0].split_reads, 9);
    EXPECT_EQ(data.junctions[0].spanning_reads, 12);
    std::vector<std::string> warnings;
    const auto fusions = interpret::fusions_from_junctions(data, genes(), Genome::GRCh37, 2, warnings);
    ASSERT_EQ(fusions.size(), 1u);
    EXPECT_EQ(fusions[0].gene5, "FGFR2");
    EXPECT_EQ(fusions[0].gene3, "");
    EXPECT_EQ(fusions[0].breakpoint5->pos, 123243500);
    const auto assessed = interpret::assess_fusion(fusions[0], genes(), Genome::GRCh37);
    ASSERT_EQ(assessed.size(), 1u);
    EXPECT_EQ(assessed[0].role, "5prime");
    EXPECT_EQ(assessed[0].kinase_retained, true);
    EXPECT_EQ(assessed[0].label, "FGFR2 fusion or rearrangement (partner not identified)");
}

TEST(FusionDedupe, KeepsBestSupportedRecordPerGenePair) {
    std::vector<Fusion> fusions(3);
    fusions[0].gene5 = "EML4";
    fusions[0].gene3 = "ALK";
    fusions[0].split_reads = 3;
    fusions[1] = fusions[0];
    fusions[1].split_reads = 10;
    fusions[2].gene5 = "CCDC6";
    fusions[2].gene3 = "RET";
    interpret::deduplicate_fusions(fusions);
    ASSERT_EQ(fusions.size(), 2u);
    EXPECT_EQ(fusions[0].split_reads, 10);
    EXPECT_EQ(fusions[0].orientation_note, "merged with 1 other record(s) of the same gene pair");
}

// ---- real data ----

TEST(FusionRealData, PcgrGrch37_NtrkRetAlkAndPartnerlessFgfr2) {
    const std::string path = real("sigven__pcgr/examples/T001-BRCA.grch37.fusions.tsv");
    REQUIRE_FILE(path);
    const io::FusionData data = io::read_fusions(path, io::FusionReadOptions{});
    EXPECT_EQ(data.format, "table");
    ASSERT_EQ(data.fusions.size(), 13u);
    const auto all = assess_all(data.fusions, Genome::GRCh37);
    const auto* ntrk1 = find(all, "NTRK1");
    ASSERT_NE(ntrk1, nullptr);
    EXPECT_EQ(ntrk1->role, "3prime");  // written NTRK1--TPM3: a plain table does not establish orientation
    EXPECT_EQ(ntrk1->label, "NTRK1 fusion (partner TPM3)");
    EXPECT_FALSE(ntrk1->kinase_retained.has_value());
    const auto* ret = find(all, "RET");
    ASSERT_NE(ret, nullptr);
    EXPECT_EQ(ret->label, "RET fusion (partner CCDC6)");
    ASSERT_NE(find(all, "ALK", "ALK fusion (partner EML4)"), nullptr);
    ASSERT_NE(find(all, "ALK", "ALK fusion (partner not identified)"), nullptr);
    ASSERT_NE(find(all, "NTRK3", "NTRK3 fusion (partner not identified)"), nullptr);
    const auto* fgfr2 = find(all, "FGFR2");
    ASSERT_NE(fgfr2, nullptr);
    EXPECT_EQ(fgfr2->label, "FGFR2 fusion or rearrangement (partner not identified)");
    EXPECT_EQ(fgfr2->role, "5prime");
    EXPECT_NE(fgfr2->reason.find("breakpoint 10:121483698 lies outside FGFR2 on GRCh37"), std::string::npos);
}

TEST(FusionRealData, PcgrGrch38_ReadsNineFusions) {
    const std::string path = real("sigven__pcgr/examples/T001-BRCA.grch38.fusions.tsv");
    REQUIRE_FILE(path);
    const io::FusionData data = io::read_fusions(path, io::FusionReadOptions{});
    ASSERT_EQ(data.fusions.size(), 9u);
    const auto all = assess_all(data.fusions, Genome::GRCh38);
    EXPECT_NE(find(all, "NTRK1"), nullptr);
    EXPECT_NE(find(all, "RET"), nullptr);
    EXPECT_NE(find(all, "ALK"), nullptr);
}

TEST(FusionRealData, StarFusionDecoy_NotCalledAlk) {
    const std::string path = real("vanallenlab__moalmanac/example_data/example_patient.rna.star.fusions.txt");
    REQUIRE_FILE(path);
    const io::FusionData data = io::read_fusions(path, io::FusionReadOptions{});
    EXPECT_EQ(data.format, "star-fusion");
    for (const Fusion& fusion : data.fusions) {
        EXPECT_NE(fusion.gene5, "EML4");
        EXPECT_NE(fusion.gene3, "ALK");
    }
    const auto decoy = std::find_if(data.fusions.begin(), data.fusions.end(),
                                    [](const Fusion& f) { return f.gene5 == "CD2AP"; });
    ASSERT_NE(decoy, data.fusions.end());
    EXPECT_EQ(decoy->gene3, "C11orf80");
    EXPECT_EQ(decoy->split_reads, 10);
    EXPECT_EQ(find(assess_all(data.fusions, Genome::GRCh37), "ALK"), nullptr);
    const auto warning = std::find_if(data.warnings.begin(), data.warnings.end(), [](const std::string& w) {
        return w.find("FusionName 'EML4--ALK' disagrees with LeftGene/RightGene (CD2AP, C11orf80)") !=
               std::string::npos;
    });
    EXPECT_NE(warning, data.warnings.end());
}

TEST(FusionRealData, ArribaOldAndNewColumns_BcrAbl1) {
    for (const auto& [file, split] : {std::pair{"suhrig__arriba/test/fusions.tsv", 11},
                                      std::pair{"suhrig__arriba@e437c631/test/fusions.tsv", 4}}) {
        const std::string path = real(file);
        REQUIRE_FILE(path);
        const io::FusionData data = io::read_fusions(path, io::FusionReadOptions{});
        EXPECT_EQ(data.format, "arriba");
        ASSERT_EQ(data.fusions.size(), 1u) << file;
        EXPECT_EQ(data.fusions[0].gene5, "BCR");
        EXPECT_EQ(data.fusions[0].gene3, "ABL1");
        EXPECT_EQ(data.fusions[0].split_reads, split) << file;
        EXPECT_EQ(data.fusions[0].frame, "in-frame");
        EXPECT_EQ(data.fusions[0].breakpoint3->pos, 133729451);
        EXPECT_EQ(data.fusions[0].breakpoint3->strand, '+');
    }
}

TEST(FusionRealData, CbioportalSvAndLinx) {
    const std::string sv =
        real("cBioPortal__cbioportal/test/test_data/study_es_0/data_structural_variants.txt");
    REQUIRE_FILE(sv);
    try {
        io::read_fusions(sv, io::FusionReadOptions{});
        FAIL() << "expected a sample error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::usage);
    }
    const std::string linx = real(
        "hartwigmedical__hmftools/cuppa/src/test/resources/pipeline_output/TUMOR_SAMPLE/"
        "TUMOR_SAMPLE.linx.fusion.tsv");
    REQUIRE_FILE(linx);
    const io::FusionData data = io::read_fusions(linx, io::FusionReadOptions{});
    ASSERT_EQ(data.fusions.size(), 3u);  // DMD_DMD is not reported
    const auto fgfr2 = std::find_if(data.fusions.begin(), data.fusions.end(),
                                    [](const Fusion& f) { return f.gene5 == "FGFR2"; });
    ASSERT_NE(fgfr2, data.fusions.end());
    EXPECT_EQ(fgfr2->gene3, "CDYL");
    EXPECT_EQ(fgfr2->caller, "linx");
}

TEST(SvVcfRealData, MantaDemo_ThreeMatePairs) {
    const std::string path = real("Illumina__manta/src/demo/expectedResults/somaticSV.vcf.gz");
    REQUIRE_FILE(path);
    const io::SvVcfData data = io::read_sv_vcf(path, "", false);
    EXPECT_EQ(data.caller, "manta");
    ASSERT_EQ(data.junctions.size(), 3u);
    EXPECT_EQ(data.junctions[0].first.chrom, "8");
    EXPECT_EQ(data.junctions[0].first.side, io::Retained::right);
    EXPECT_EQ(data.junctions[0].second->chrom, "11");
    EXPECT_EQ(data.junctions[0].second->pos, 94987872);
    EXPECT_EQ(data.junctions[0].split_reads, 19);
    EXPECT_EQ(data.junctions[0].spanning_reads, 4);
}

TEST(SvVcfRealData, DellySingleRecordTranslocations) {
    const std::string path = real("mskcc__vcf2maf/tests/test_delly.vcf");
    REQUIRE_FILE(path);
    const io::SvVcfData data = io::read_sv_vcf(path, "", false);
    EXPECT_EQ(data.caller, "delly");
    const auto bnd = std::find_if(data.junctions.begin(), data.junctions.end(),
                                  [](const io::SvJunction& j) { return j.first.chrom == "21"; });
    ASSERT_NE(bnd, data.junctions.end());
    EXPECT_EQ(bnd->first.side, io::Retained::right);  // CT 5to3: ]15:80623247]C
    EXPECT_EQ(bnd->second->chrom, "15");
    EXPECT_EQ(bnd->second->pos, 80623247);
    EXPECT_EQ(bnd->split_reads, 10);
    EXPECT_EQ(bnd->spanning_reads, 92);
}

TEST(SvVcfRealData, HmfGridssPurple_PtenDeletionIsIntragenic) {
    const std::string path = real(
        "hartwigmedical__hmftools/orange/src/test/resources/test_run/purple/"
        "tumor_sample.purple.sv.vcf");
    REQUIRE_FILE(path);
    const io::SvVcfData data = io::read_sv_vcf(path, "", false);
    EXPECT_EQ(data.caller, "gridss");
    EXPECT_EQ(data.junctions.size(), 91u);  // 177 PASS records: mate pairs, single breakends
    ASSERT_FALSE(data.warnings.empty());
    EXPECT_EQ(data.warnings[0], path + ": 366 SV records skipped because FILTER is not PASS");
    const bool single = std::any_of(data.junctions.begin(), data.junctions.end(),
                                    [](const io::SvJunction& j) { return !j.second.has_value(); });
    EXPECT_TRUE(single);
    std::vector<std::string> warnings;
    const auto fusions = interpret::fusions_from_junctions(data, genes(), Genome::GRCh37, 2, warnings);
    const bool intragenic_warning = std::any_of(warnings.begin(), warnings.end(), [](const std::string& w) {
        return w.find("intragenic rearrangements, not fusions") != std::string::npos;
    });
    EXPECT_TRUE(intragenic_warning);
    for (const Fusion& fusion : fusions) {
        EXPECT_FALSE(fusion.gene5 == "PTEN" && fusion.gene3 == "PTEN");
    }
}

TEST(ExtraInputs, SvVcfOnly_SetsDnaOnlyAssessability) {
    interpret::ExtraInputOptions options;
    options.sv_vcf_path = std::string(test::kTestData) + "/fusion/manta_fgfr2_bnd.vcf";
    Profile profile;
    std::vector<InputFile> inputs;
    interpret::read_extra_inputs(options, genes(), Genome::GRCh37, profile, inputs);
    EXPECT_TRUE(profile.assessed.fusions);
    EXPECT_TRUE(profile.assessed.fusions_dna_only);
    ASSERT_EQ(profile.fusions.size(), 1u);
    ASSERT_EQ(inputs.size(), 1u);
    EXPECT_EQ(inputs[0].role, "sv_vcf");
    EXPECT_EQ(inputs[0].format, "manta");
}

}  // namespace
}  // namespace precis
