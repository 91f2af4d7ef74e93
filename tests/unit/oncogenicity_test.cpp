// SPDX-License-Identifier: Apache-2.0
// The somatic oncogenicity standard (Horak et al., Genet Med 2022) as precis applies it offline.
#include "interpret/oncogenicity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace precis::oncogenicity {
namespace {

std::vector<std::string> codes(const OncogenicityCall& call) {
    std::vector<std::string> out;
    for (const CriterionMet& met : call.criteria) {
        out.emplace_back(to_string(met.code));
    }
    std::sort(out.begin(), out.end());
    return out;
}

VariantFacts rare(VariantFacts facts) {
    facts.population_annotated = true;
    facts.population_source = "gnomAD AF (VEP CSQ)";
    return facts;
}

TEST(OncogenicityClasses, PointThresholdsFollowTheStandard) {
    EXPECT_EQ(class_from_points(10), OncogenicityClass::oncogenic);
    EXPECT_EQ(class_from_points(9), OncogenicityClass::likely_oncogenic);
    EXPECT_EQ(class_from_points(6), OncogenicityClass::likely_oncogenic);
    EXPECT_EQ(class_from_points(5), OncogenicityClass::vus);
    EXPECT_EQ(class_from_points(0), OncogenicityClass::vus);
    EXPECT_EQ(class_from_points(-1), OncogenicityClass::likely_benign);
    EXPECT_EQ(class_from_points(-6), OncogenicityClass::likely_benign);
    EXPECT_EQ(class_from_points(-7), OncogenicityClass::benign);
    EXPECT_EQ(points_of(OncogenicityCriterion::ovs1), 8);
    EXPECT_EQ(points_of(OncogenicityCriterion::sbvs1), -8);
    EXPECT_STREQ(to_string(OncogenicityCriterion::om4), "OM4");
    EXPECT_EQ(parse_oncogenicity_class("likely_benign"), OncogenicityClass::likely_benign);
    EXPECT_FALSE(parse_oncogenicity_class("actionable").has_value());
}

TEST(Oncogenicity, TruncatingInTumourSuppressorIsAtLeastLikelyOncogenic) {
    VariantFacts facts = rare({});
    facts.gene = "BAP1";
    facts.change = "Q267fs";
    facts.variant_class = VariantClass::frameshift;
    facts.role = GeneRole::tumour_suppressor;
    facts.role_source = "cancer gene list";
    const OncogenicityCall call = classify(facts);
    EXPECT_EQ(codes(call), (std::vector<std::string>{"OP4", "OVS1"}));
    EXPECT_EQ(call.points, 9);
    EXPECT_EQ(call.value, OncogenicityClass::likely_oncogenic);
    for (const VariantClass null_class :
         {VariantClass::nonsense, VariantClass::splice, VariantClass::start_lost}) {
        facts.variant_class = null_class;
        EXPECT_EQ(classify(facts).value, OncogenicityClass::likely_oncogenic) << to_string(null_class);
    }
}

TEST(Oncogenicity, TruncatingInOncogeneIsNotOncogenic) {
    VariantFacts facts = rare({});
    facts.gene = "AKT3";
    facts.change = "E182*";
    facts.variant_class = VariantClass::nonsense;
    facts.role = GeneRole::oncogene;
    const OncogenicityCall call = classify(facts);
    EXPECT_EQ(codes(call), (std::vector<std::string>{"OP4"}));
    EXPECT_EQ(call.value, OncogenicityClass::vus);
}

TEST(Oncogenicity, HotspotCriteriaAreNotCountedTwice) {
    VariantFacts facts = rare({});
    facts.gene = "TP53";
    facts.change = "R248Q";
    facts.variant_class = VariantClass::missense;
    facts.role = GeneRole::tumour_suppressor;
    facts.hotspot = HotspotCounts{800, 300, "hotspot table"};
    facts.domain = "DNA-binding domain";
    facts.domain_source = "domain table";
    // A strong hotspot: OS3; the domain (OM1) is not added on top.
    OncogenicityCall call = classify(facts);
    EXPECT_EQ(codes(call), (std::vector<std::string>{"OP4", "OS3"}));
    EXPECT_EQ(call.points, 5);
    // The same change already established (OS1): no hotspot or domain criterion counts the same evidence.
    facts.established_change_source = "curated variants";
    EXPECT_EQ(codes(classify(facts)), (std::vector<std::string>{"OP4", "OS1"}));
    facts.established_change_source.clear();
    // A smaller hotspot inside a curated domain: OM1 wins over OM4.
    facts.hotspot->residue_samples = 30;
    EXPECT_EQ(codes(classify(facts)), (std::vector<std::string>{"OM1", "OP4"}));
    facts.domain.clear();
    EXPECT_EQ(codes(classify(facts)), (std::vector<std::string>{"OM4", "OP4"}));
    facts.hotspot->change_samples = 3;
    EXPECT_EQ(codes(classify(facts)), (std::vector<std::string>{"OP3", "OP4"}));
    // Truncating in a tumour suppressor at a hotspot: OVS1 + OS3 = 12, oncogenic.
    facts.variant_class = VariantClass::nonsense;
    facts.hotspot = HotspotCounts{120, 90, "hotspot table"};
    call = classify(facts);
    EXPECT_EQ(codes(call), (std::vector<std::string>{"OP4", "OS3", "OVS1"}));
    EXPECT_EQ(call.value, OncogenicityClass::oncogenic);
}

TEST(Oncogenicity, CommonPopulationVariantIsBenign) {
    VariantFacts facts = rare({});
    facts.gene = "TP53";
    facts.change = "P72R";
    facts.variant_class = VariantClass::missense;
    facts.role = GeneRole::tumour_suppressor;
    facts.population_af = 0.62;
    OncogenicityCall call = classify(facts);
    EXPECT_EQ(codes(call), (std::vector<std::string>{"SBVS1"}));
    EXPECT_EQ(call.value, OncogenicityClass::benign);
    facts.population_af = 0.02;
    call = classify(facts);
    EXPECT_EQ(codes(call), (std::vector<std::string>{"SBS1"}));
    EXPECT_EQ(call.value, OncogenicityClass::likely_benign);
    facts.population_af = 0.001;  // neither rare enough for OP4 nor common
    EXPECT_TRUE(classify(facts).criteria.empty());
}

TEST(Oncogenicity, MissingPopulationDataIsSaidNotAssumed) {
    VariantFacts facts;
    facts.gene = "ARID1A";
    facts.change = "G1000S";
    facts.variant_class = VariantClass::missense;
    facts.role = GeneRole::tumour_suppressor;
    const OncogenicityCall call = classify(facts);
    EXPECT_TRUE(call.criteria.empty());
    EXPECT_EQ(call.value, OncogenicityClass::vus);
    ASSERT_EQ(call.not_evaluated.size(), 1U);
    EXPECT_NE(call.not_evaluated[0].find("no gnomAD"), std::string::npos);
}

TEST(Oncogenicity, InFrameIndelsAndStopLossChangeProteinLength) {
    VariantFacts facts = rare({});
    facts.gene = "EGFR";
    facts.change = "E746_A750del";
    facts.variant_class = VariantClass::inframe_deletion;
    facts.role = GeneRole::oncogene;
    EXPECT_EQ(codes(classify(facts)), (std::vector<std::string>{"OM2", "OP4"}));
    facts.variant_class = VariantClass::stop_lost;
    EXPECT_EQ(codes(classify(facts)), (std::vector<std::string>{"OP4"}));  // stop loss counts in a TSG only
    facts.role = GeneRole::tumour_suppressor;
    EXPECT_EQ(codes(classify(facts)), (std::vector<std::string>{"OM2", "OP4"}));
}

TEST(Oncogenicity, OtherEstablishedMissenseAtResidueAndSynonymous) {
    VariantFacts facts = rare({});
    facts.gene = "KRAS";
    facts.change = "G12W";
    facts.variant_class = VariantClass::missense;
    facts.role = GeneRole::oncogene;
    facts.established_residue_source = "KRAS G12C/G12D/G12V";
    EXPECT_EQ(codes(classify(facts)), (std::vector<std::string>{"OM3", "OP4"}));
    facts.variant_class = VariantClass::synonymous;
    facts.population_af = 0.001;
    const OncogenicityCall call = classify(facts);
    EXPECT_EQ(codes(call), (std::vector<std::string>{"SBP2"}));
    EXPECT_EQ(call.value, OncogenicityClass::likely_benign);
}

}  // namespace
}  // namespace precis::oncogenicity
