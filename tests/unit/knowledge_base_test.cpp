// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "common/error.hpp"
#include "kb/knowledge_base.hpp"
#include "support/test_support.hpp"

namespace precis::kb {

namespace fs = std::filesystem;
using test::kKnowledgeBase;
using test::kSchemas;

namespace {

//! Copies the real KB to a work directory so a test can break one file.
fs::path copy_kb() {
    const fs::path dir = test::work_dir() / "kb";
    fs::copy(kKnowledgeBase, dir, fs::copy_options::recursive);
    return dir;
}

void replace_in_file(const fs::path& path, const std::string& from, const std::string& to) {
    std::string text = test::slurp(path);
    const auto pos = text.find(from);
    ASSERT_NE(pos, std::string::npos) << from << " not in " << path;
    text.replace(pos, from.size(), to);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace

TEST(BundledKnowledgeBase, LoadsWithoutProblems) {
    const KnowledgeBase kb = KnowledgeBase::load(kKnowledgeBase, kSchemas);
    EXPECT_FALSE(kb.evidence().empty());
    EXPECT_FALSE(kb.hotspots().empty());
    const std::string& hash = kb.content_hash();
    ASSERT_EQ(hash.size(), 7u + 64u) << hash;
    EXPECT_EQ(hash.rfind("sha256:", 0), 0u) << hash;
    EXPECT_EQ(hash.find_first_not_of("0123456789abcdef", 7), std::string::npos) << hash;
    EXPECT_TRUE(KnowledgeBase::validate(kKnowledgeBase, kSchemas).empty());
}

TEST(BundledKnowledgeBase, EveryStatementHasASource) {
    const KnowledgeBase kb = KnowledgeBase::load(kKnowledgeBase, kSchemas);
    for (const EvidenceItem& item : kb.evidence()) {
        EXPECT_FALSE(item.sources.empty()) << item.id;
        for (const SourceRef& source : item.sources) {
            EXPECT_FALSE(source.id.empty()) << item.id;
        }
    }
    for (const ReasoningRule& rule : kb.rules()) {
        EXPECT_FALSE(rule.sources.empty()) << rule.id;
    }
    for (const HotspotCodon& codon : kb.hotspots()) {
        EXPECT_GE(codon.sources.size(), 2u) << codon.gene << " " << codon.codon;
    }
    for (const ContextEntry& entry : kb.context()) {
        EXPECT_FALSE(entry.sources.empty()) << entry.id;
    }
}

TEST(BundledKnowledgeBase, MedicalFactsMostOftenGottenWrong) {
    const KnowledgeBase kb = KnowledgeBase::load(kKnowledgeBase, kSchemas);
    for (const EvidenceItem& item : kb.evidence()) {
        const bool infigratinib =
            std::find(item.drugs.begin(), item.drugs.end(), "infigratinib") != item.drugs.end();
        for (const Regulatory& reg : item.regulatory) {
            // Infigratinib's US approval was withdrawn (final 16 May 2024): never shown as approved.
            if (infigratinib && reg.agency == "FDA") {
                EXPECT_EQ(reg.status, "withdrawn") << item.id;
            }
        }
        // OncoKB rates ERBB2 amplification in BTC at Level 2, not 1.
        if (item.biomarker == "ERBB2_AMP" && item.direction == Direction::sensitivity) {
            EXPECT_NE(item.oncokb_level, Level::level_1) << item.id;
        }
        // BRAF V600E tumour-agnostic dabrafenib + trametinib excludes colorectal cancer.
        if (item.biomarker == "BRAF_V600E" &&
            std::find(item.drugs.begin(), item.drugs.end(), "dabrafenib") != item.drugs.end()) {
            EXPECT_NE(
                std::find(item.excluded_tumor_types.begin(), item.excluded_tumor_types.end(), "COADREAD"),
                item.excluded_tumor_types.end());
        }
    }
    // ERBB2 S310F/Y is a sensitising extracellular-domain mutation, not a resistance marker.
    const Biomarker* resistance = kb.biomarker("ERBB2_KD_RESISTANCE");
    ASSERT_NE(resistance, nullptr);
    for (const std::string& change : resistance->match.protein_changes) {
        EXPECT_NE(change.substr(0, 4), "S310");
    }
}

TEST(BundledKnowledgeBase, HotspotCodonsTranslateToTheirReferenceResidue) {
    const KnowledgeBase kb = KnowledgeBase::load(kKnowledgeBase, kSchemas);
    const HotspotCodon* braf = nullptr;
    for (const HotspotCodon& codon : kb.hotspots()) {
        if (codon.gene == "BRAF" && codon.codon == 600)
            braf = &codon;
    }
    ASSERT_NE(braf, nullptr);
    // Two independent builds of the same codon: BRAF V600E c.1799T>A at 7:140453136 (GRCh37), 7:140753336
    // (GRCh38).
    EXPECT_EQ(braf->location.at(Genome::GRCh37).start, 140453135);
    EXPECT_EQ(braf->location.at(Genome::GRCh38).start, 140753335);
    EXPECT_EQ(braf->location.at(Genome::GRCh37).strand, '-');
}

TEST(TumourTypes, OncoTreeParentsCoverSubtypes) {
    const KnowledgeBase kb = KnowledgeBase::load(kKnowledgeBase, kSchemas);
    EXPECT_TRUE(kb.is_within("IHCH", "CHOL"));
    EXPECT_TRUE(kb.is_within("EHCH", "CHOL"));
    EXPECT_TRUE(kb.is_within("PHCH", "CHOL"));
    EXPECT_TRUE(kb.is_within("GBC", "BILIARY_TRACT"));
    EXPECT_TRUE(kb.is_within("GIST", "SOLID"));
    EXPECT_TRUE(kb.is_within("COAD", "COADREAD"));
    EXPECT_FALSE(kb.is_within("GBC", "CHOL"));
    EXPECT_FALSE(kb.is_within("AML", "SOLID"));
    const auto nearest = kb.nearest_tumor_types("ICHC", 5);
    ASSERT_FALSE(nearest.empty());
    EXPECT_NE(std::find_if(nearest.begin(), nearest.end(),
                           [](const std::string& s) { return s.rfind("IHCH", 0) == 0; }),
              nearest.end());
}

TEST(BrokenKnowledgeBase, InvalidJsonNamesFileLineAndColumn) {
    const fs::path dir = copy_kb();
    replace_in_file(dir / "rules.json", "{", "{,");
    const auto problems = KnowledgeBase::validate(dir.string(), kSchemas);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("rules.json"), std::string::npos);
    EXPECT_NE(problems[0].find("invalid JSON at line 1, column 2"), std::string::npos) << problems[0];
}

TEST(BrokenKnowledgeBase, AllSchemaViolationsAreReportedWithPointers) {
    const fs::path dir = copy_kb();
    replace_in_file(dir / "evidence" / "gist.json", "\"direction\": \"sensitivity\"",
                    "\"direction\": \"sensitive\"");
    replace_in_file(dir / "biomarkers.json", "\"category\": \"copy_number\"", "\"category\": \"cnv\"");
    const auto problems = KnowledgeBase::validate(dir.string(), kSchemas);
    ASSERT_EQ(problems.size(), 2u) << ::testing::PrintToString(problems);
    bool saw_gist = false;
    bool saw_biomarkers = false;
    for (const std::string& problem : problems) {
        saw_gist |= problem.find("gist.json: /evidence/") != std::string::npos &&
                    problem.find("/direction") != std::string::npos;
        saw_biomarkers |= problem.find("biomarkers.json: /biomarkers/") != std::string::npos &&
                          problem.find("/category") != std::string::npos;
    }
    EXPECT_TRUE(saw_gist) << ::testing::PrintToString(problems);
    EXPECT_TRUE(saw_biomarkers) << ::testing::PrintToString(problems);
}

TEST(BrokenKnowledgeBase, DanglingReferencesAndMissingSources) {
    const fs::path dir = copy_kb();
    replace_in_file(dir / "evidence" / "biliary.json", "\"biomarker\": \"IDH1_R132\"",
                    "\"biomarker\": \"IDH1_R999\"");
    const auto problems = KnowledgeBase::validate(dir.string(), kSchemas);
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems[0].find("unknown biomarker 'IDH1_R999'"), std::string::npos) << problems[0];
    try {
        (void)KnowledgeBase::load(dir.string(), kSchemas);
        FAIL() << "expected a knowledge-base error";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::knowledge_base);
        EXPECT_EQ(error.exit_code(), ExitCode::knowledge_base);
    }
}

TEST(BrokenKnowledgeBase, EvidenceWithoutSourceIsRejected) {
    const fs::path dir = copy_kb();
    std::string text = test::slurp(dir / "evidence" / "gist.json");
    // Empty the first "sources" array.
    const auto start = text.find("\"sources\": [");
    ASSERT_NE(start, std::string::npos);
    int depth = 0;
    std::size_t end = start + std::string("\"sources\": ").size();
    for (; end < text.size(); ++end) {
        if (text[end] == '[')
            ++depth;
        if (text[end] == ']' && --depth == 0)
            break;
    }
    text.replace(start, end - start + 1, "\"sources\": []");
    std::ofstream(dir / "evidence" / "gist.json", std::ios::trunc) << text;
    const auto problems = KnowledgeBase::validate(dir.string(), kSchemas);
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems[0].find("minItems"), std::string::npos) << problems[0];
    EXPECT_NE(problems[0].find("/sources"), std::string::npos) << problems[0];
}

}  // namespace precis::kb

namespace precis::kb {

// Issue 10: every level says where it comes from, and a level from a primary source carries its date.
TEST(LevelSources, EveryEvidenceItemHasOneAndPrimarySourcesAreDated) {
    const KnowledgeBase kb = KnowledgeBase::load(test::kKnowledgeBase, test::kSchemas);
    std::size_t curator = 0;
    for (const EvidenceItem& item : kb.evidence()) {
        EXPECT_FALSE(item.level_source.reference.empty()) << item.id;
        if (item.level_source.type == LevelSource::curator) {
            ++curator;
            continue;
        }
        EXPECT_EQ(item.level_source.date.size(), 10u) << item.id << ": a dated source is required";
    }
    EXPECT_GT(curator, 0u) << "curator-assigned levels exist and must be marked as such";
    // The verified changes of issue 10 (OncoKB news 2024-12-19; FDA 2024-11-20 and 2024-04-05).
    const auto level_of = [&](const std::string& id) {
        for (const EvidenceItem& item : kb.evidence()) {
            if (item.id == id) {
                return std::string(to_string(item.oncokb_level)) + " " + to_string(item.level_source.type);
            }
        }
        return std::string("missing");
    };
    EXPECT_EQ(level_of("ev.erbb2_amp.zanidatamab.biliary_tract"), "3A oncokb");
    EXPECT_EQ(level_of("ev.her2_ihc_3plus.zanidatamab.biliary_tract"), "1 fda_label");
    EXPECT_EQ(level_of("ev.her2_ihc_3plus.trastuzumab_deruxtecan.solid"), "1 fda_label");
    EXPECT_EQ(level_of("ev.fgfr2_kd_resistance.infigratinib.chol.resistance"), "missing");
    // GIST sequence and PDGFRA (OncoKB news 2017-04-05, 2020-08-28; D842V resistance is the curator's).
    EXPECT_EQ(level_of("ev.kit_exon11.sunitinib.gist"), "1 oncokb");
    EXPECT_EQ(level_of("ev.kit_exon11.regorafenib.gist"), "1 oncokb");
    EXPECT_EQ(level_of("ev.kit_exon11.ripretinib.gist"), "1 oncokb");
    EXPECT_EQ(level_of("ev.pdgfra_d842v.avapritinib.gist"), "1 oncokb");
    EXPECT_EQ(level_of("ev.pdgfra_d842v.imatinib.gist.resistance"), "R2 curator");
    EXPECT_EQ(level_of("ev.pdgfra_exon18_non_d842.sunitinib.gist"), "2 oncokb");
    EXPECT_EQ(level_of("ev.sdhb_loss.imatinib.gist.resistance"), "R2 curator");
}

TEST(LevelSources, AnOncoKbLevelWithoutADateIsAProblem) {
    const fs::path dir = copy_kb();
    std::string text = test::slurp(dir / "evidence" / "biliary.json");
    const std::string dated = "\"type\": \"oncokb\"";
    const auto at = text.find(dated);
    ASSERT_NE(at, std::string::npos);
    // Remove the level's date: `,` + newline + indentation + "date": "YYYY-MM-DD".
    const auto date = text.find("\"date\": \"", at);
    ASSERT_NE(date, std::string::npos);
    const auto comma = text.rfind(',', date);
    text.erase(comma, date + std::string("\"date\": \"2020-05-11\"").size() - comma);
    std::ofstream(dir / "evidence" / "biliary.json", std::ios::trunc) << text;
    const auto problems = KnowledgeBase::validate(dir.string(), test::kSchemas);
    ASSERT_FALSE(problems.empty());
    bool named = false;
    for (const std::string& problem : problems) {
        named |= problem.find("biliary.json") != std::string::npos &&
                 problem.find("needs a dated source") != std::string::npos;
    }
    EXPECT_TRUE(named) << ::testing::PrintToString(problems);
}

}  // namespace precis::kb

namespace precis::kb {
namespace {

bool any_contains(const std::vector<std::string>& problems, const std::string& fragment) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(fragment) != std::string::npos; });
}

const ReasoningRule* rule_of(const KnowledgeBase& kb, const std::string& id) {
    for (const ReasoningRule& rule : kb.rules()) {
        if (rule.id == id) {
            return &rule;
        }
    }
    return nullptr;
}

bool names(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

//! The problems of the bundled KB with `from` replaced by `to` in evidence/gist.json.
std::vector<std::string> problems_with_gist_edit(const std::string& from, const std::string& to) {
    const fs::path dir = test::work_dir() / "kb";
    fs::copy(test::kKnowledgeBase, dir, fs::copy_options::recursive);
    std::string text = test::slurp(dir / "evidence" / "gist.json");
    const auto at = text.find(from);
    if (at == std::string::npos) {
        ADD_FAILURE() << from << " not in gist.json";
        return {};
    }
    text.replace(at, from.size(), to);
    std::ofstream(dir / "evidence" / "gist.json", std::ios::trunc) << text;
    return KnowledgeBase::validate(dir.string(), test::kSchemas);
}

}  // namespace

// Issue 10: the anti-HER2 rules name only the drugs their sources support.
TEST(BundledKnowledgeBase, AntiHer2RulesNameOnlySupportedDrugs) {
    const KnowledgeBase kb = KnowledgeBase::load(kKnowledgeBase, kSchemas);
    const ReasoningRule* kd = rule_of(kb, "rule.antiher2.erbb2_kd");
    ASSERT_NE(kd, nullptr);
    EXPECT_TRUE(kd->self_trigger);
    EXPECT_EQ(kd->effect, RuleEffect::caution);
    for (const char* drug : {"trastuzumab", "lapatinib", "tucatinib", "zanidatamab"}) {
        EXPECT_TRUE(names(kd->therapy_drugs, drug)) << drug;
    }
    // Neratinib stays active against L755S preclinically; no source links L755S to T-DXd resistance.
    EXPECT_FALSE(names(kd->therapy_drugs, "neratinib"));
    EXPECT_FALSE(names(kd->therapy_drugs, "trastuzumab deruxtecan"));
    const ReasoningRule* kd_tdxd = rule_of(kb, "rule.antiher2.erbb2_kd.tdxd");
    ASSERT_NE(kd_tdxd, nullptr);
    EXPECT_EQ(kd_tdxd->effect, RuleEffect::context);
    EXPECT_TRUE(kd_tdxd->self_trigger);

    const ReasoningRule* pi3k = rule_of(kb, "rule.antiher2.pi3k_pten");
    ASSERT_NE(pi3k, nullptr);
    EXPECT_FALSE(pi3k->self_trigger);
    EXPECT_TRUE(names(pi3k->therapy_drugs, "zanidatamab"));
    EXPECT_FALSE(names(pi3k->therapy_drugs, "trastuzumab deruxtecan"));
    EXPECT_NE(pi3k->text.find("extrapolated"), std::string::npos);
    const ReasoningRule* pi3k_tdxd = rule_of(kb, "rule.antiher2.pi3k_pten.tdxd");
    ASSERT_NE(pi3k_tdxd, nullptr);
    EXPECT_EQ(pi3k_tdxd->effect, RuleEffect::context);

    const Biomarker* ihc2 = kb.biomarker("HER2_IHC_2PLUS_ISH_POS");
    ASSERT_NE(ihc2, nullptr);
    EXPECT_EQ(ihc2->evidence_from, std::vector<std::string>{"ERBB2_AMP"});
    EXPECT_FALSE(ihc2->evidence_from_caveat.empty());
}

TEST(BrokenKnowledgeBase, EvidenceFromMustNameAnotherBiomarkerThatDoesNotBorrow) {
    const fs::path dir = copy_kb();
    replace_in_file(dir / "biomarkers.json", "\"biomarkers\": [\n     \"ERBB2_AMP\"",
                    "\"biomarkers\": [\n     \"HER2_IHC_2PLUS_ISH_POS\",\n     \"ERBB2_AMPX\"");
    const auto problems = KnowledgeBase::validate(dir.string(), kSchemas);
    EXPECT_TRUE(any_contains(problems,
                             "HER2_IHC_2PLUS_ISH_POS: evidence_from 'HER2_IHC_2PLUS_ISH_POS' must be "
                             "another biomarker without evidence_from"))
        << ::testing::PrintToString(problems);
    EXPECT_TRUE(any_contains(problems, "evidence_from unknown biomarker 'ERBB2_AMPX'"))
        << ::testing::PrintToString(problems);
}

TEST(BrokenKnowledgeBase, CaveatBiomarkerMustReachTheItem) {
    const fs::path dir = copy_kb();
    replace_in_file(dir / "evidence" / "biliary.json", "\"biomarkers\": [\n      \"HER2_IHC_2PLUS_ISH_POS\"",
                    "\"biomarkers\": [\n      \"HER2_IHC_3PLUS\"");
    const auto problems = KnowledgeBase::validate(dir.string(), kSchemas);
    EXPECT_TRUE(any_contains(problems,
                             "ev.erbb2_amp.zanidatamab.biliary_tract: caveat biomarker "
                             "'HER2_IHC_3PLUS' is neither ERBB2_AMP nor takes its evidence"))
        << ::testing::PrintToString(problems);
}

TEST(LinesOfTherapy, EveryBundledEvidenceItemStatesItsLines) {
    const KnowledgeBase kb = KnowledgeBase::load(test::kKnowledgeBase, test::kSchemas);
    for (const EvidenceItem& evidence : kb.evidence()) {
        EXPECT_TRUE(evidence.lines.has_value()) << evidence.id << " has no `lines`";
    }
    const auto item = [&](const std::string& id) {
        for (const EvidenceItem& evidence : kb.evidence()) {
            if (evidence.id == id) {
                return *evidence.lines;
            }
        }
        throw std::runtime_error(id + " not in the knowledge base");
    };
    EXPECT_TRUE(item("ev.ntrk1_fusion.larotrectinib.solid").any());
    EXPECT_TRUE(item("ev.ret_fusion.selpercatinib.solid").any());
    EXPECT_TRUE(item("ev.pdgfra_exon18.avapritinib.gist").any());
    EXPECT_TRUE(item("ev.kit_exon11.imatinib.gist").any());  // the GIST label has no line restriction
    EXPECT_EQ(item("ev.fgfr2_fusion.pemigatinib.chol").min, 2);
    EXPECT_EQ(item("ev.msi_h.pembrolizumab.solid").min, 2);
    EXPECT_EQ(item("ev.kit_exon13.sunitinib.gist").min, 2);
    EXPECT_EQ(item("ev.kit_exon17.regorafenib.gist").min, 3);
    EXPECT_EQ(item("ev.kit_exon17.ripretinib.gist").min, 4);
    EXPECT_FALSE(item("ev.kit_exon17.ripretinib.gist").covers(3));
    EXPECT_EQ(item("ev.erbb2_amp.trastuzumab_mfolfox6.biliary_tract").lines, std::vector<int>{2});
    EXPECT_FALSE(item("ev.erbb2_amp.trastuzumab_mfolfox6.biliary_tract").covers(3));
}

// Issue 10: `line_of_therapy` (free text) and `lines` (what the label covers) agree.
TEST(LinesOfTherapy, FreeTextOutsideTheLabelLinesIsAProblem) {
    // Sunitinib: "2L" within {"min": 2}; make the label start at line 3.
    const auto problems =
        problems_with_gist_edit("\"line_of_therapy\": \"2L\",\n   \"lines\": {\n    \"min\": 2",
                                "\"line_of_therapy\": \"2L\",\n   \"lines\": {\n    \"min\": 3");
    EXPECT_TRUE(any_contains(problems,
                             "ev.kit_exon13.sunitinib.gist: line_of_therapy '2L' names lines that "
                             "`lines` does not cover"))
        << ::testing::PrintToString(problems);
}

TEST(LinesOfTherapy, FreeTextThatIsNotAnyNlOrNlPlusIsAProblem) {
    const auto problems =
        problems_with_gist_edit("\"line_of_therapy\": \"3L\"", "\"line_of_therapy\": \"third\"");
    EXPECT_TRUE(any_contains(problems,
                             "ev.kit_exon17.regorafenib.gist: line_of_therapy 'third' is not 'any', "
                             "'NL' or 'NL+'"))
        << ::testing::PrintToString(problems);
}

TEST(LinesOfTherapy, LinesOfAnotherShapeFailTheSchema) {
    const auto problems =
        problems_with_gist_edit("\"lines\": {\n    \"min\": 4", "\"lines\": {\n    \"max\": 4");
    ASSERT_FALSE(problems.empty());
    EXPECT_TRUE(any_contains(problems, "/lines")) << ::testing::PrintToString(problems);
}

TEST(CancerGenes, RolesFromRedistributableReleasesWithTheIssueExamples) {
    const KnowledgeBase kb = KnowledgeBase::load(kKnowledgeBase, kSchemas);
    EXPECT_GE(kb.cancer_gene_count(), 700U);
    // Truncating variants count as null variants (OVS1) in tumour suppressors only: AKT3 is not one.
    const CancerGene* akt3 = kb.cancer_gene("AKT3");
    ASSERT_NE(akt3, nullptr);
    EXPECT_EQ(akt3->role, GeneRole::unknown);
    for (const char* tsg : {"BAP1", "TP53", "PTEN", "ARID1A", "ATM", "RB1", "NF1"}) {
        const CancerGene* gene = kb.cancer_gene(tsg);
        ASSERT_NE(gene, nullptr) << tsg;
        EXPECT_TRUE(acts_as_tumour_suppressor(gene->role)) << tsg << " " << to_string(gene->role);
    }
    const CancerGene* kras = kb.cancer_gene("KRAS");
    ASSERT_NE(kras, nullptr);
    EXPECT_EQ(kras->role, GeneRole::oncogene);
    EXPECT_EQ(kras->release, "intogen");
    EXPECT_NE(kras->source.find("CC0-1.0"), std::string::npos) << kras->source;
    const CancerGene* mlh1 = kb.cancer_gene("MLH1");
    ASSERT_NE(mlh1, nullptr);
    EXPECT_EQ(mlh1->release, "curator");
    EXPECT_EQ(kb.cancer_gene("NOT_A_GENE"), nullptr);
}

TEST(BrokenKnowledgeBase, CancerGeneMustNameAReleaseAndAppearOnce) {
    const fs::path dir = copy_kb();
    replace_in_file(dir / "cancer_genes.json",
                    "\"symbol\": \"AKT3\",\n   \"role\": \"unknown\",\n   \"from\": \"intogen\"",
                    "\"symbol\": \"AKT3\",\n   \"role\": \"unknown\",\n   \"from\": \"cosmic\"");
    replace_in_file(dir / "cancer_genes.json", "\"symbol\": \"ABL1\"", "\"symbol\": \"ABI1\"");
    const auto problems = KnowledgeBase::validate(dir.string(), kSchemas);
    EXPECT_TRUE(any_contains(problems, "cancer_genes.json: gene AKT3 names an unknown release 'cosmic'"))
        << ::testing::PrintToString(problems);
    EXPECT_TRUE(any_contains(problems, "cancer_genes.json: duplicate gene ABI1"))
        << ::testing::PrintToString(problems);
}

TEST(BrokenKnowledgeBase, CancerGeneRoleOutsideTheClosedSetFailsTheSchema) {
    const fs::path dir = copy_kb();
    replace_in_file(dir / "cancer_genes.json", "\"role\": \"oncogene\"", "\"role\": \"driver\"");
    const auto problems = KnowledgeBase::validate(dir.string(), kSchemas);
    ASSERT_EQ(problems.size(), 1U) << ::testing::PrintToString(problems);
    EXPECT_TRUE(any_contains(problems, "cancer_genes.json: /genes/0/role: 'enum' violated"))
        << ::testing::PrintToString(problems);
}

}  // namespace precis::kb
