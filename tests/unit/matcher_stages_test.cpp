// SPDX-License-Identifier: Apache-2.0
// The stages of interpret::match, each on its own, against the bundled knowledge base.
#include <gtest/gtest.h>

#include <algorithm>

#include "interpret/matcher.hpp"
#include "test_paths.hpp"

namespace precis::interpret {
namespace {

const kb::KnowledgeBase& bundled_kb() {
    static const kb::KnowledgeBase kb = kb::KnowledgeBase::load(test::kKnowledgeBase, test::kSchemas);
    return kb;
}

const std::vector<std::string>& checkpoint_inhibitors() {
    return bundled_kb().drug_class(kCheckpointInhibitorClass)->drugs;
}

SmallVariant variant(const std::string& gene, const std::string& change, int codon,
                     VariantClass variant_class = VariantClass::missense) {
    SmallVariant v;
    v.gene = gene;
    v.protein_change = change;
    v.protein_start = codon;
    v.protein_end = codon;
    v.variant_class = variant_class;
    v.annotation_source = "VEP CSQ";
    v.vaf = 0.3;
    v.where = Where{"t.vcf", 10, gene + " " + change};
    return v;
}

CopyNumberCall copy_number(const std::string& gene, CopyNumberClass cn_class, double cn) {
    CopyNumberCall call;
    call.gene = gene;
    call.cn_class = cn_class;
    call.copy_number = cn;
    call.where = Where{"t.cns", 3, ""};
    return call;
}

Profile annotated_profile() {
    Profile profile;
    profile.assessed.small_variants = true;
    profile.assessed.small_variants_annotated = true;
    return profile;
}

bool has(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

const TherapyMatch* therapy_with(const Finding& finding, const std::string& drug) {
    for (const TherapyMatch& t : finding.therapies) {
        if (has(t.drugs, drug)) {
            return &t;
        }
    }
    return nullptr;
}

// ---- stage 1 ----

TEST(MatcherStages, FindAlterationsSplitsMatchedOtherAndNotInterpreted) {
    Profile profile = annotated_profile();
    profile.variants.push_back(variant("BRAF", "V600E", 600));
    profile.variants.push_back(variant("BRAF", "D22N", 22));                       // VUS
    profile.variants.push_back(variant("KRAS", "", 0, VariantClass::synonymous));  // not protein-altering
    profile.variants.back().protein_start.reset();
    profile.variants.push_back(variant("PTEN", "", 0, VariantClass::unknown));  // nothing to read
    profile.variants.back().protein_start.reset();
    profile.copy_numbers.push_back(copy_number("ERBB2", CopyNumberClass::amplification, 14));
    profile.copy_numbers.push_back(copy_number("MET", CopyNumberClass::neutral, 2));  // neutral: no finding
    MatchInput input;
    input.profile = &profile;
    input.tumor_type = "IHCH";
    input.genome = Genome::GRCh38;

    const Alterations out = find_alterations(input, bundled_kb());
    ASSERT_EQ(out.findings.size(), 2U);
    EXPECT_EQ(out.findings[0].gene, "BRAF");
    EXPECT_TRUE(has(out.findings[0].biomarkers, "BRAF_V600E"));
    EXPECT_EQ(out.findings[1].gene, "ERBB2");
    EXPECT_EQ(out.findings[1].alteration, "amplification");
    EXPECT_TRUE(has(out.findings[1].biomarkers, "ERBB2_AMP"));
    ASSERT_EQ(out.other_findings.size(), 1U);
    EXPECT_EQ(out.other_findings[0].alteration, "D22N");
    EXPECT_EQ(out.other_findings[0].oncogenicity, Oncogenicity::vus);
    ASSERT_EQ(out.not_interpreted.size(), 2U);
    EXPECT_EQ(out.not_interpreted[0].gene, "KRAS");
    EXPECT_EQ(out.not_interpreted[0].impact, GeneImpact::none);
    EXPECT_EQ(out.not_interpreted[1].gene, "PTEN");
    EXPECT_EQ(out.not_interpreted[1].impact, GeneImpact::all);
}

TEST(MatcherStages, LowVafVariantGetsACaveat) {
    Profile profile = annotated_profile();
    profile.variants.push_back(variant("IDH1", "R132C", 132));
    profile.variants.back().vaf = 0.03;
    MatchInput input;
    input.profile = &profile;
    const Alterations out = find_alterations(input, bundled_kb());
    ASSERT_EQ(out.findings.size(), 1U);
    ASSERT_FALSE(out.findings[0].caveats.empty());
    EXPECT_NE(out.findings[0].caveats[0].find("Low variant allele fraction (3%)"), std::string::npos);
}

// ---- stage 2 ----

TEST(MatcherStages, ApplyEvidenceKeepsLevelInContextAndLowersItOffContext) {
    Finding in_context;
    in_context.gene = "IDH1";
    in_context.biomarkers = {"IDH1_R132"};
    apply_evidence(in_context, "IHCH", bundled_kb());
    const TherapyMatch* ivosidenib = therapy_with(in_context, "ivosidenib");
    ASSERT_NE(ivosidenib, nullptr);
    EXPECT_EQ(ivosidenib->level, Level::level_1);
    EXPECT_TRUE(ivosidenib->tumor_type_match);
    EXPECT_TRUE(ivosidenib->on_label);
    EXPECT_EQ(in_context.oncogenicity, Oncogenicity::actionable);

    Finding off_context = in_context;
    off_context.therapies.clear();
    apply_evidence(off_context, "COAD", bundled_kb());
    const TherapyMatch* lowered = therapy_with(off_context, "ivosidenib");
    ASSERT_NE(lowered, nullptr);
    EXPECT_EQ(lowered->level, Level::level_3b);
    EXPECT_FALSE(lowered->tumor_type_match);
    EXPECT_NE(lowered->note.find("level lowered from 1 to 3B"), std::string::npos);
}

TEST(MatcherStages, ApplyEvidenceKeepsOneRowPerDrugCombination) {
    Finding finding;
    finding.gene = "ERBB2";
    finding.biomarkers = {"ERBB2_AMP", "HER2_IHC_3PLUS"};
    apply_evidence(finding, "GBC", bundled_kb());
    std::vector<std::string> keys;
    for (const TherapyMatch& t : finding.therapies) {
        std::vector<std::string> drugs = t.drugs;
        std::sort(drugs.begin(), drugs.end());
        std::string key = to_string(t.direction);
        for (const std::string& d : drugs) {
            key += ":" + d;
        }
        EXPECT_FALSE(has(keys, key)) << "duplicate row " << key;
        keys.push_back(key);
    }
    EXPECT_FALSE(finding.therapies.empty());
}

bool has_caveat_with(const Finding& finding, const std::string& fragment) {
    return std::any_of(finding.caveats.begin(), finding.caveats.end(),
                       [&](const std::string& c) { return c.find(fragment) != std::string::npos; });
}

// Issue 10: HER2 IHC 2+ with ISH amplification takes the ERBB2 amplification evidence (evidence_from).
TEST(MatcherStages, IhcTwoPlusIshAmplifiedGetsTheAmplificationEvidenceAtItsLevels) {
    Finding amplified;
    amplified.gene = "ERBB2";
    amplified.biomarkers = {"ERBB2_AMP"};
    apply_evidence(amplified, "GBC", bundled_kb());
    Finding ihc2;
    ihc2.gene = "ERBB2";
    ihc2.biomarkers = {"HER2_IHC_2PLUS_ISH_POS"};
    apply_evidence(ihc2, "GBC", bundled_kb());

    ASSERT_EQ(ihc2.therapies.size(), amplified.therapies.size());
    ASSERT_FALSE(ihc2.therapies.empty());
    for (std::size_t i = 0; i < ihc2.therapies.size(); ++i) {
        EXPECT_EQ(ihc2.therapies[i].evidence_id, amplified.therapies[i].evidence_id);
        EXPECT_EQ(ihc2.therapies[i].level, amplified.therapies[i].level);
        EXPECT_EQ(ihc2.therapies[i].level_source.type, amplified.therapies[i].level_source.type);
        EXPECT_FALSE(ihc2.therapies[i].on_label) << ihc2.therapies[i].evidence_id;
    }
    const TherapyMatch* zanidatamab = therapy_with(ihc2, "zanidatamab");
    ASSERT_NE(zanidatamab, nullptr);
    EXPECT_EQ(zanidatamab->level, Level::level_3a);
    EXPECT_EQ(zanidatamab->level_source.type, LevelSource::oncokb);
    EXPECT_EQ(therapy_with(ihc2, "trastuzumab deruxtecan"), nullptr);  // excluded in BTC, as for ERBB2_AMP
    EXPECT_EQ(ihc2.oncogenicity, Oncogenicity::actionable);

    // The why-caveat first; the HERIZON IHC 2+ caveat only through IHC 2+, the NGS caveat only through AMP.
    ASSERT_FALSE(ihc2.caveats.empty());
    EXPECT_NE(ihc2.caveats[0].find("is ERBB2 amplification shown by in-situ hybridisation"),
              std::string::npos);
    EXPECT_TRUE(has_caveat_with(ihc2, "5.6% (1 of 18) with IHC 2+"));
    EXPECT_FALSE(has_caveat_with(ihc2, "Confirm IHC before treating"));
    EXPECT_TRUE(has_caveat_with(amplified, "Confirm IHC before treating"));
    EXPECT_FALSE(has_caveat_with(amplified, "5.6% (1 of 18) with IHC 2+"));
    EXPECT_FALSE(has_caveat_with(amplified, "shown by in-situ hybridisation"));
}

TEST(MatcherStages, ApplyEvidenceWithALineTheLabelDoesNotCoverIsNotOnLabel) {
    Finding first_line;
    first_line.gene = "IDH1";
    first_line.biomarkers = {"IDH1_R132"};
    apply_evidence(first_line, "IHCH", bundled_kb(), 1);
    const TherapyMatch* ivosidenib = therapy_with(first_line, "ivosidenib");
    ASSERT_NE(ivosidenib, nullptr);
    EXPECT_FALSE(ivosidenib->on_label);  // FDA and EMA: previously treated
    EXPECT_TRUE(ivosidenib->label_other_line);
    EXPECT_FALSE(ivosidenib->tumor_specific_label);
    EXPECT_EQ(ivosidenib->level, Level::level_1);  // the level is the evidence's, whatever the line
    EXPECT_EQ(ivosidenib->regulatory.size(), 2U);  // the regulatory entries stay
    EXPECT_TRUE(ivosidenib->regulatory[0].covers_tumor_type);
    EXPECT_NE(ivosidenib->note.find("the label covers line 2 or later; this is line 1"), std::string::npos)
        << ivosidenib->note;

    Finding second_line = first_line;
    second_line.therapies.clear();
    apply_evidence(second_line, "IHCH", bundled_kb(), 2);
    EXPECT_TRUE(therapy_with(second_line, "ivosidenib")->on_label);
    EXPECT_FALSE(therapy_with(second_line, "ivosidenib")->label_other_line);
    EXPECT_TRUE(therapy_with(second_line, "ivosidenib")->note.empty());

    Finding any_line;  // larotrectinib: "any" line
    any_line.gene = "NTRK1";
    any_line.biomarkers = {"NTRK1_FUSION"};
    apply_evidence(any_line, "IHCH", bundled_kb(), 1);
    EXPECT_TRUE(therapy_with(any_line, "larotrectinib")->on_label);
}

TEST(MatcherStages, NumberFindingsOrdersByCategoryGeneAlteration) {
    std::vector<Finding> findings(3);
    findings[0].category = Category::copy_number;
    findings[0].gene = "ERBB2";
    findings[1].category = Category::small_variant;
    findings[1].gene = "KRAS";
    findings[2].category = Category::small_variant;
    findings[2].gene = "BRAF";
    std::vector<Finding> other(2);
    number_findings(findings, other);
    EXPECT_EQ(findings[0].gene, "BRAF");
    EXPECT_EQ(findings[0].id, "F1");
    EXPECT_EQ(findings[1].gene, "KRAS");
    EXPECT_EQ(findings[2].gene, "ERBB2");
    EXPECT_EQ(findings[2].id, "F3");
    EXPECT_EQ(other[1].id, "O2");
}

// ---- stage 3 ----

TEST(MatcherStages, RuleFlagsTherapyOnlyWhenTheCoBiomarkerIsInAnotherFinding) {
    std::vector<Finding> findings(2);
    findings[0].id = "F1";
    findings[0].biomarkers = {"ERBB2_AMP"};
    TherapyMatch trastuzumab;
    trastuzumab.drugs = {"trastuzumab", "pertuzumab"};
    trastuzumab.direction = Direction::sensitivity;
    findings[0].therapies.push_back(trastuzumab);
    findings[1].id = "F2";
    findings[1].biomarkers = {"PIK3CA_ACTIVATING"};

    apply_rules(findings, detected_biomarkers(findings), bundled_kb());
    ASSERT_EQ(findings[0].therapies[0].flags.size(), 1U);
    EXPECT_EQ(findings[0].therapies[0].flags[0].rule_id, "rule.antiher2.pi3k_pten");
    EXPECT_EQ(findings[0].therapies[0].flags[0].finding_ids, std::vector<std::string>{"F2"});

    // Without the PIK3CA finding nothing is flagged.
    std::vector<Finding> alone(findings.begin(), findings.begin() + 1);
    alone[0].therapies[0].flags.clear();
    apply_rules(alone, detected_biomarkers(alone), bundled_kb());
    EXPECT_TRUE(alone[0].therapies[0].flags.empty());
}

std::vector<std::string> rule_ids(const TherapyMatch& therapy) {
    std::vector<std::string> ids;
    for (const TherapyFlag& flag : therapy.flags) {
        ids.push_back(flag.rule_id);
    }
    return ids;
}

TherapyMatch sensitivity(std::vector<std::string> drugs) {
    TherapyMatch therapy;
    therapy.drugs = std::move(drugs);
    therapy.direction = Direction::sensitivity;
    return therapy;
}

// Issue 10: rule.antiher2.erbb2_kd is self-triggering, so a lone L755S flags its own ERBB2-directed rows.
TEST(MatcherStages, SelfTriggeringRuleFlagsTheTherapiesOfTheMutationsOwnFinding) {
    std::vector<Finding> findings(1);
    findings[0].id = "F1";
    findings[0].biomarkers = {"ERBB2_ACTIVATING", "ERBB2_KD_RESISTANCE"};
    findings[0].therapies = {sensitivity({"neratinib"}), sensitivity({"pertuzumab", "trastuzumab"}),
                             sensitivity({"trastuzumab deruxtecan"})};
    apply_rules(findings, detected_biomarkers(findings), bundled_kb());

    EXPECT_TRUE(findings[0].therapies[0].flags.empty());  // neratinib: active against L755S preclinically
    ASSERT_EQ(rule_ids(findings[0].therapies[1]), std::vector<std::string>{"rule.antiher2.erbb2_kd"});
    EXPECT_EQ(findings[0].therapies[1].flags[0].effect, RuleEffect::caution);
    EXPECT_EQ(findings[0].therapies[1].flags[0].finding_ids, std::vector<std::string>{"F1"});
    ASSERT_EQ(rule_ids(findings[0].therapies[2]), std::vector<std::string>{"rule.antiher2.erbb2_kd.tdxd"});
    EXPECT_EQ(findings[0].therapies[2].flags[0].effect, RuleEffect::context);
    EXPECT_EQ(findings[0].therapies.size(), 3U);  // a rule flags rows, it never adds one
}

TEST(MatcherStages, SelfTriggeringRuleStillNamesOtherFindingsAndCountsEachOnce) {
    std::vector<Finding> findings(2);
    findings[0].id = "F1";
    findings[0].biomarkers = {"ERBB2_AMP"};
    findings[0].therapies = {sensitivity({"zanidatamab"}), sensitivity({"tucatinib", "trastuzumab"})};
    findings[1].id = "F2";
    findings[1].biomarkers = {"ERBB2_ACTIVATING", "ERBB2_KD_RESISTANCE"};
    findings[1].therapies = {sensitivity({"pertuzumab", "trastuzumab"})};
    apply_rules(findings, detected_biomarkers(findings), bundled_kb());

    for (const TherapyMatch& therapy : findings[0].therapies) {
        ASSERT_EQ(rule_ids(therapy), std::vector<std::string>{"rule.antiher2.erbb2_kd"}) << therapy.drugs[0];
        EXPECT_EQ(therapy.flags[0].finding_ids, std::vector<std::string>{"F2"});
    }
    ASSERT_EQ(findings[1].therapies[0].flags.size(), 1U);
    EXPECT_EQ(findings[1].therapies[0].flags[0].finding_ids, std::vector<std::string>{"F2"});
}

TEST(MatcherStages, RuleWithoutSelfTriggerIgnoresTheCoBiomarkerOnTheSameFinding) {
    std::vector<Finding> findings(1);
    findings[0].id = "F1";
    findings[0].biomarkers = {"ERBB2_AMP", "PIK3CA_ACTIVATING"};  // artificial: both on one finding
    findings[0].therapies = {sensitivity({"pertuzumab", "trastuzumab"})};
    apply_rules(findings, detected_biomarkers(findings), bundled_kb());
    EXPECT_TRUE(findings[0].therapies[0].flags.empty());
}

// Issue 10: the PI3K caution covers zanidatamab (extrapolated); T-DXd gets a context flag only; and a
// rule scoped to ERBB2_AMP also covers a finding that takes its evidence (HER2 IHC 2+ with ISH).
TEST(MatcherStages, PiThreeKinaseRulesCoverZanidatamabAndBorrowedEvidence) {
    std::vector<Finding> findings(2);
    findings[0].id = "F1";
    findings[0].biomarkers = {"HER2_IHC_2PLUS_ISH_POS"};
    findings[0].therapies = {sensitivity({"zanidatamab"}), sensitivity({"trastuzumab deruxtecan"})};
    findings[1].id = "F2";
    findings[1].biomarkers = {"PTEN_LOSS"};
    apply_rules(findings, detected_biomarkers(findings), bundled_kb());
    EXPECT_EQ(rule_ids(findings[0].therapies[0]), std::vector<std::string>{"rule.antiher2.pi3k_pten"});
    ASSERT_EQ(rule_ids(findings[0].therapies[1]), std::vector<std::string>{"rule.antiher2.pi3k_pten.tdxd"});
    EXPECT_EQ(findings[0].therapies[1].flags[0].effect, RuleEffect::context);
}

TherapyMatch therapy_row(const std::vector<std::string>& drugs, Level level, bool on_label) {
    TherapyMatch t;
    t.drugs = drugs;
    t.direction = is_resistance(level) ? Direction::resistance : Direction::sensitivity;
    t.level = level;
    t.on_label = on_label;
    t.evidence_id = "ev." + drugs.front();
    return t;
}

TEST(MatcherStages, TreatmentHistoryMarksDrugsAndRanksProgressedOnRowsLast) {
    std::vector<Finding> findings(1);
    findings[0].id = "F1";
    findings[0].therapies = {therapy_row({"imatinib"}, Level::level_1, true),
                             therapy_row({"sunitinib"}, Level::level_3b, false),
                             therapy_row({"imatinib"}, Level::level_r2, false)};
    const std::vector<PriorTherapy> prior = {
        {{"imatinib"}, StoppedFor::progression, "", BestResponse::partial_response},
        {{"doxorubicin"}, StoppedFor::completed, "", std::nullopt}};
    apply_treatment_history(findings, prior, checkpoint_inhibitors());
    const std::vector<TherapyMatch>& rows = findings[0].therapies;
    // Progressed on imatinib: its sensitivity row goes after sunitinib although it is on-label Level 1;
    // the resistance row stays after every sensitivity row.
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0].drugs.front(), "sunitinib");
    EXPECT_TRUE(rows[0].prior_therapies.empty());
    EXPECT_EQ(rows[1].drugs.front(), "imatinib");
    EXPECT_EQ(rows[1].direction, Direction::sensitivity);
    ASSERT_EQ(rows[1].prior_therapies.size(), 1U);
    EXPECT_EQ(rows[1].prior_therapies[0].stopped_for, StoppedFor::progression);
    EXPECT_EQ(rows[1].prior_therapies[0].best_response, BestResponse::partial_response);
    EXPECT_EQ(rows[1].note, "progressed on imatinib (prior line)");
    EXPECT_EQ(rows[2].direction, Direction::resistance);
    EXPECT_TRUE(rows[1].flags.empty());  // no checkpoint inhibitor, no irAE flag

    const std::vector<TherapySummary> summary = summarise_therapies(findings);
    ASSERT_EQ(summary.size(), 3U);
    EXPECT_EQ(summary[0].drugs.front(), "sunitinib");
    EXPECT_EQ(summary[1].drugs.front(), "imatinib");
    EXPECT_TRUE(progressed_on(summary[1].prior_therapies));
}

TEST(MatcherStages, TreatmentHistoryMarksEachDrugOfACombination) {
    std::vector<Finding> findings(1);
    findings[0].therapies = {therapy_row({"trastuzumab", "pertuzumab"}, Level::level_2, false)};
    apply_treatment_history(findings,
                            {{{"trastuzumab", "oxaliplatin"}, StoppedFor::other, "", std::nullopt},
                             {{"pertuzumab"}, StoppedFor::progression, "", std::nullopt}},
                            checkpoint_inhibitors());
    const TherapyMatch& row = findings[0].therapies[0];
    ASSERT_EQ(row.prior_therapies.size(), 2U);
    EXPECT_EQ(row.prior_therapies[0].drugs, std::vector<std::string>{"trastuzumab"});
    EXPECT_EQ(row.prior_therapies[1].drugs, std::vector<std::string>{"pertuzumab"});
    EXPECT_EQ(row.note, "progressed on pertuzumab (prior line)");
}

TEST(MatcherStages, CheckpointInhibitorClassComesFromTheKnowledgeBase) {
    const kb::DrugClass* inhibitors = bundled_kb().drug_class(kCheckpointInhibitorClass);
    ASSERT_NE(inhibitors, nullptr);
    EXPECT_NE(std::find(inhibitors->drugs.begin(), inhibitors->drugs.end(), "pembrolizumab"),
              inhibitors->drugs.end());
    EXPECT_EQ(std::find(inhibitors->drugs.begin(), inhibitors->drugs.end(), "imatinib"),
              inhibitors->drugs.end());
    ASSERT_FALSE(inhibitors->sources.empty());
    EXPECT_EQ(inhibitors->sources[0].id, "34724392");
    // The class alone decides: with an empty class no drug is a checkpoint inhibitor, so no flag.
    std::vector<Finding> findings(1);
    findings[0].therapies = {therapy_row({"pembrolizumab"}, Level::level_1, true)};
    apply_treatment_history(findings, {{{"nivolumab"}, StoppedFor::toxicity, "pneumonitis", std::nullopt}},
                            {});
    EXPECT_TRUE(findings[0].therapies[0].flags.empty());
    apply_treatment_history(findings, {{{"nivolumab"}, StoppedFor::toxicity, "pneumonitis", std::nullopt}},
                            inhibitors->drugs);
    EXPECT_EQ(findings[0].therapies[0].flags.size(), 1U);
}

//! The irAE flags on a pembrolizumab row and a dostarlimab row after `prior`.
std::vector<std::size_t> irae_flag_counts(const PriorTherapy& prior) {
    std::vector<Finding> findings(1);
    findings[0].therapies = {therapy_row({"pembrolizumab"}, Level::level_1, true),
                             therapy_row({"dostarlimab"}, Level::level_1, true),
                             therapy_row({"ivosidenib"}, Level::level_1, true)};
    apply_treatment_history(findings, {prior}, checkpoint_inhibitors());
    std::vector<std::size_t> counts;
    for (const std::string drug : {"dostarlimab", "ivosidenib", "pembrolizumab"}) {
        const TherapyMatch* row = therapy_with(findings[0], drug);
        counts.push_back(static_cast<std::size_t>(
            std::count_if(row->flags.begin(), row->flags.end(),
                          [](const TherapyFlag& f) { return f.rule_id == kIraeRuleId; })));
    }
    return counts;
}

TEST(MatcherStages, ImmuneRelatedToxicityOnACheckpointInhibitorFlagsEveryCheckpointInhibitorRow) {
    const std::vector<std::size_t> flagged = {1, 0, 1};  // dostarlimab, ivosidenib, pembrolizumab
    const std::vector<std::size_t> none = {0, 0, 0};
    EXPECT_EQ(irae_flag_counts({{"nivolumab"}, StoppedFor::toxicity, "Colitis grade 3", std::nullopt}),
              flagged);
    EXPECT_EQ(irae_flag_counts({{"pembrolizumab"}, StoppedFor::toxicity, "irAE: hypophysitis", std::nullopt}),
              flagged);
    EXPECT_EQ(irae_flag_counts({{"durvalumab", "tremelimumab"},
                                StoppedFor::toxicity,
                                "immune-mediated myocarditis",
                                std::nullopt}),
              flagged);
    // Not immune-related, not stopped for toxicity, or not a checkpoint inhibitor: no flag.
    EXPECT_EQ(irae_flag_counts({{"pembrolizumab"}, StoppedFor::toxicity, "fatigue", std::nullopt}), none);
    EXPECT_EQ(irae_flag_counts({{"pembrolizumab"}, StoppedFor::toxicity, "", std::nullopt}), none);
    EXPECT_EQ(irae_flag_counts({{"pembrolizumab"}, StoppedFor::progression, "pneumonitis", std::nullopt}),
              none);
    EXPECT_EQ(
        irae_flag_counts({{"gemcitabine", "cisplatin"}, StoppedFor::toxicity, "pneumonitis", std::nullopt}),
        none);

    std::vector<Finding> findings(1);
    findings[0].therapies = {therapy_row({"atezolizumab"}, Level::level_3b, false)};
    apply_treatment_history(
        findings, {{{"ipilimumab", "nivolumab"}, StoppedFor::toxicity, "hepatitis G3", std::nullopt}},
        checkpoint_inhibitors());
    ASSERT_EQ(findings[0].therapies[0].flags.size(), 1U);
    const TherapyFlag& flag = findings[0].therapies[0].flags[0];
    EXPECT_EQ(flag.effect, RuleEffect::caution);
    EXPECT_EQ(flag.text.rfind("re-challenge after immune-related hepatitis on ipilimumab", 0), 0U)
        << flag.text;
    ASSERT_EQ(flag.sources.size(), 1U);
    EXPECT_EQ(flag.sources[0].id, "34724392");
    EXPECT_TRUE(findings[0].therapies[0].prior_therapies.empty());  // atezolizumab itself was not given
}

// ---- stage 4 ----

TEST(MatcherStages, SummaryRanksSensitivityBeforeResistanceAndKeepsBestLevel) {
    std::vector<Finding> findings(2);
    findings[0].id = "F1";
    findings[1].id = "F2";
    TherapyMatch a;
    a.drugs = {"drug_b"};
    a.direction = Direction::sensitivity;
    a.level = Level::level_3b;
    a.evidence_id = "E1";
    TherapyMatch b = a;
    b.level = Level::level_1;
    b.on_label = true;
    b.evidence_id = "E2";
    TherapyMatch r;
    r.drugs = {"drug_a"};
    r.direction = Direction::resistance;
    r.level = Level::level_r1;
    r.evidence_id = "E3";
    findings[0].therapies = {a, r};
    findings[1].therapies = {b};
    const std::vector<TherapySummary> summary = summarise_therapies(findings);
    ASSERT_EQ(summary.size(), 2U);
    EXPECT_EQ(summary[0].drugs, std::vector<std::string>{"drug_b"});
    EXPECT_EQ(summary[0].best_level, Level::level_1);
    EXPECT_TRUE(summary[0].on_label);
    EXPECT_EQ(summary[0].finding_ids, (std::vector<std::string>{"F1", "F2"}));
    EXPECT_EQ(summary[0].evidence_ids, (std::vector<std::string>{"E1", "E2"}));
    EXPECT_EQ(summary[1].direction, Direction::resistance);
}

// ---- stage 5 ----

const BiomarkerStatus& status_of(const std::vector<BiomarkerStatus>& panel, const std::string& id) {
    const auto it =
        std::find_if(panel.begin(), panel.end(), [&](const BiomarkerStatus& s) { return s.id == id; });
    if (it == panel.end()) {
        throw std::runtime_error("biomarker " + id + " not on the panel");
    }
    return *it;
}

TEST(MatcherStages, PanelSeparatesNotDetectedFromNotAssessed) {
    Profile profile = annotated_profile();  // small variants given, nothing else
    MatchInput input;
    input.profile = &profile;
    input.genome = Genome::GRCh38;
    const std::vector<BiomarkerStatus> panel = biomarker_panel(input, bundled_kb(), {}, {});
    EXPECT_EQ(status_of(panel, "BRAF_V600E").status, BiomarkerState::not_detected);
    EXPECT_EQ(status_of(panel, "ERBB2_AMP").status, BiomarkerState::not_assessed);
    EXPECT_EQ(status_of(panel, "ERBB2_AMP").reason, "no copy-number input (--cnv)");
    EXPECT_EQ(status_of(panel, "FGFR2_FUSION").status, BiomarkerState::not_assessed);
    EXPECT_EQ(status_of(panel, "MSI_H").status, BiomarkerState::not_assessed);
    // PTEN loss can also come from copy number: without --cnv it is not excluded.
    EXPECT_EQ(status_of(panel, "PTEN_LOSS").status, BiomarkerState::not_assessed);
}

TEST(MatcherStages, PanelMarksDetectedAndBlockedBiomarkers) {
    Profile profile = annotated_profile();
    MatchInput input;
    input.profile = &profile;
    input.genome = Genome::GRCh38;
    const NotInterpreted record{"", Where{"t.vcf", 7, ""}, "BRAF", "malformed record", GeneImpact::all};
    const DetectedBiomarkers detected = {{"IDH1_R132", {"F1"}}};
    const std::vector<BiomarkerStatus> panel = biomarker_panel(input, bundled_kb(), detected, {&record});
    EXPECT_EQ(status_of(panel, "IDH1_R132").status, BiomarkerState::detected);
    EXPECT_EQ(status_of(panel, "IDH1_R132").finding_ids, std::vector<std::string>{"F1"});
    const BiomarkerStatus& braf = status_of(panel, "BRAF_V600E");
    EXPECT_EQ(braf.status, BiomarkerState::not_assessed);
    EXPECT_NE(braf.reason.find("1 BRAF record(s) could not be interpreted (t.vcf:7"), std::string::npos)
        << braf.reason;
}

TEST(MatcherStages, PanelMsiIndeterminateBand) {
    Profile profile;
    profile.assessed.msi = true;
    MsiResult msi;
    msi.caller = "msisensor";
    msi.score = 5.0;
    msi.threshold = 10.0;
    msi.indeterminate_low = 3.0;
    msi.status = "indeterminate";
    profile.msi = msi;
    MatchInput input;
    input.profile = &profile;
    const std::vector<BiomarkerStatus> panel = biomarker_panel(input, bundled_kb(), {}, {});
    const BiomarkerStatus& status = status_of(panel, "MSI_H");
    EXPECT_EQ(status.status, BiomarkerState::indeterminate);
    EXPECT_NE(status.reason.find("(score 5 by msisensor; MSI-H >= 10, indeterminate 3 to <10)"),
              std::string::npos)
        << status.reason;
}

TEST(MatcherStages, TumorContextIsLimitedToTheTumourTypeLineage) {
    const std::vector<ContextItem> gist = tumor_context("GIST", bundled_kb());
    const std::vector<ContextItem> ihch = tumor_context("IHCH", bundled_kb());
    ASSERT_FALSE(gist.empty());
    ASSERT_FALSE(ihch.empty());
    for (const ContextItem& item : gist) {
        EXPECT_TRUE(std::none_of(ihch.begin(), ihch.end(),
                                 [&](const ContextItem& other) { return other.id == item.id; }) ||
                    item.id.find("solid") != std::string::npos)
            << item.id << " shown for both GIST and IHCH";
    }
}

TEST(MatcherStages, LevelHelpers) {
    EXPECT_EQ(off_context_level(Level::level_1), Level::level_3b);
    EXPECT_EQ(off_context_level(Level::level_3a), Level::level_3b);
    EXPECT_EQ(off_context_level(Level::level_4), Level::level_4);
    EXPECT_EQ(off_context_level(Level::level_r1), Level::level_r2);
    EXPECT_LT(level_rank(Level::level_1), level_rank(Level::level_3a));
    EXPECT_LT(level_rank(Level::level_4), level_rank(Level::level_r1));
    EXPECT_EQ(amp_tier(Level::level_1, true), "I-A");
    EXPECT_EQ(amp_tier(Level::level_3b, true), "II-C");
    EXPECT_EQ(amp_tier(Level::level_1, false), "II-C");
    EXPECT_EQ(amp_tier(Level::level_4, false), "II-D");
}

TEST(MatcherStages, ClosedSetsHaveOneTextForm) {
    for (const char* text : {"1", "2", "3A", "3B", "4", "R1", "R2"}) {
        const auto level = parse_level(text);
        ASSERT_TRUE(level) << text;
        EXPECT_STREQ(to_string(*level), text);
    }
    EXPECT_FALSE(parse_level("3"));
    EXPECT_FALSE(parse_level("r1"));
    EXPECT_EQ(parse_direction("resistance"), Direction::resistance);
    EXPECT_FALSE(parse_direction("sensitive"));
    EXPECT_STREQ(to_string(BiomarkerState::not_assessed), "not_assessed");
    EXPECT_STREQ(to_string(Oncogenicity::vus), "vus");
    for (const char* text : {"progression", "toxicity", "completed", "other"}) {
        const auto reason = parse_stopped_for(text);
        ASSERT_TRUE(reason) << text;
        EXPECT_STREQ(to_string(*reason), text);
    }
    EXPECT_FALSE(parse_stopped_for("Progression"));
    for (const char* text : {"CR", "PR", "SD", "PD"}) {
        const auto response = parse_best_response(text);
        ASSERT_TRUE(response) << text;
        EXPECT_STREQ(to_string(*response), text);
    }
    EXPECT_FALSE(parse_best_response("NE"));
}

}  // namespace
}  // namespace precis::interpret
