// SPDX-License-Identifier: Apache-2.0
// Protein-numbering normalisation and the precedence between genome translation and annotations.
#include <gtest/gtest.h>

#include "interpret/small_variants.hpp"
#include "kb/knowledge_base.hpp"
#include "test_paths.hpp"

namespace precis::interpret {

namespace {

const kb::KnowledgeBase& bundled_kb() {
    static const kb::KnowledgeBase kb = kb::KnowledgeBase::load(test::kKnowledgeBase, test::kSchemas);
    return kb;
}

const io::AnnotationLayout& vep_layout() {
    static const io::AnnotationLayout layout = *io::AnnotationLayout::from_header(
        "CSQ", "Format: Allele|Consequence|SYMBOL|Feature|HGVSc|HGVSp|CANONICAL");
    return layout;
}

//! An allele away from every hotspot codon, so only its annotation can name the protein change.
io::VcfAllele annotated(const std::string& gene, const std::string& transcript, const std::string& hgvsp,
                        const std::string& consequence = "missense_variant", bool canonical = false) {
    io::VcfAllele allele;
    allele.chrom = "1";
    allele.pos = 1000;
    allele.ref = "A";
    allele.alt = "T";
    allele.record_number = 7;
    io::TranscriptAnnotation annotation;
    annotation.allele = "T";
    annotation.gene = gene;
    annotation.transcript = transcript;
    annotation.consequence = consequence;
    annotation.hgvsp = hgvsp;
    annotation.canonical = canonical;
    allele.annotations.push_back(annotation);
    allele.layout = &vep_layout();
    return allele;
}

InputLedger& scratch_ledger() {
    static InputLedger ledger{"vcf", "x.vcf", "allele", 0, {}, {}, {}};
    return ledger;
}

}  // namespace

TEST(ProteinNumberingNormalisation, BrafNm001374258V640EIsReportedAsV600E) {
    SmallVariantAnnotator annotator(bundled_kb(), Genome::GRCh38);
    const auto variant = annotator.from_vcf(
        annotated("BRAF", "ENST00000644969.2", "ENSP00000493543.1:p.Val640Glu"), "x.vcf", scratch_ledger());
    ASSERT_TRUE(variant);
    EXPECT_EQ(variant->protein_change, "V600E");
    EXPECT_EQ(variant->protein_start, 600);
    EXPECT_NE(variant->numbering_note.find("renumbered from ENST00000644969 p.V640E"), std::string::npos)
        << variant->numbering_note;
    EXPECT_EQ(variant->transcript.rfind("NM_004333", 0), 0u) << variant->transcript;
}

TEST(ProteinNumberingNormalisation, Fgfr2IIIbN550KIsIIIcN549K) {
    SmallVariantAnnotator annotator(bundled_kb(), Genome::GRCh38);
    const auto variant = annotator.from_vcf(annotated("FGFR2", "NM_022970.4", "NP_075259.4:p.Asn550Lys"),
                                            "x.vcf", scratch_ledger());
    ASSERT_TRUE(variant);
    EXPECT_EQ(variant->protein_change, "N549K");
}

TEST(ProteinNumberingNormalisation, ReferenceTranscriptIsKeptAsIs) {
    SmallVariantAnnotator annotator(bundled_kb(), Genome::GRCh38);
    const auto variant =
        annotator.from_vcf(annotated("KRAS", "NM_004985.5", "p.Gly12Cys"), "x.vcf", scratch_ledger());
    ASSERT_TRUE(variant);
    EXPECT_EQ(variant->protein_change, "G12C");
    EXPECT_TRUE(variant->numbering_note.empty()) << variant->numbering_note;
    EXPECT_EQ(variant->where.line, 7);
}

TEST(ProteinNumberingNormalisation, UnknownTranscriptIsFlagged) {
    SmallVariantAnnotator annotator(bundled_kb(), Genome::GRCh38);
    const auto variant = annotator.from_vcf(
        annotated("KIT", "ENST99999999999", "p.Trp557_Lys558del", "inframe_deletion", true), "x.vcf",
        scratch_ledger());
    ASSERT_TRUE(variant);
    EXPECT_EQ(variant->protein_change, "W557_K558del");
    EXPECT_EQ(variant->variant_class, VariantClass::inframe_deletion);
    EXPECT_NE(variant->numbering_note.find("numbered on ENST99999999999"), std::string::npos);
}

TEST(ProteinNumberingNormalisation, GenesOutsideTheKnowledgeBaseAreNotKept) {
    SmallVariantAnnotator annotator(bundled_kb(), Genome::GRCh38);
    EXPECT_FALSE(
        annotator.from_vcf(annotated("TTN", "ENST1", "p.Ala1Val"), "x.vcf", scratch_ledger()).has_value());
}

TEST(GenomeTranslation, HotspotCodonWinsOverADisagreeingAnnotation) {
    SmallVariantAnnotator annotator(bundled_kb(), Genome::GRCh38);
    io::VcfAllele allele = annotated("BRAF", "ENST00000999999", "p.Val600Lys");
    allele.chrom = "7";
    allele.pos = 140753336;  // c.1799T>A: V600E on GRCh38
    allele.ref = "A";
    allele.alt = "T";
    const auto variant = annotator.from_vcf(allele, "x.vcf", scratch_ledger());
    ASSERT_TRUE(variant);
    EXPECT_EQ(variant->protein_change, "V600E");
    EXPECT_NE(variant->numbering_note.find("translated from the genome"), std::string::npos);
}

TEST(GenomeTranslation, Fgfr2GatekeeperV564FOnBothBuilds) {
    // FGFR2 V564F (IIIc; V565F in IIIb numbering) is c.1690G>T: C>A on the plus strand.
    for (const auto& [genome, pos] : {std::pair{Genome::GRCh37, std::int64_t{123256219}},
                                      std::pair{Genome::GRCh38, std::int64_t{121496705}}}) {
        SmallVariantAnnotator annotator(bundled_kb(), genome);
        io::VcfAllele allele;
        allele.chrom = "10";
        allele.pos = pos;
        allele.ref = "C";
        allele.alt = "A";
        const auto variant = annotator.from_vcf(allele, "x.vcf", scratch_ledger());
        ASSERT_TRUE(variant) << to_string(genome);
        EXPECT_EQ(variant->gene, "FGFR2");
        EXPECT_EQ(variant->protein_change, "V564F") << to_string(genome);
    }
}

TEST(GenomeTranslation, WrongBuildShowsAsReferenceMismatch) {
    SmallVariantAnnotator annotator(bundled_kb(), Genome::GRCh38);
    io::VcfAllele allele;
    allele.chrom = "7";
    allele.pos = 140753336;
    allele.ref = "G";  // the GRCh38 codon has A here
    allele.alt = "T";
    EXPECT_FALSE(annotator.from_vcf(allele, "x.vcf", scratch_ledger()).has_value());
    const auto warnings = annotator.take_warnings();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("genome build may be wrong"), std::string::npos);
}

TEST(NotInterpreted, ReferenceMismatchIsListedAndBlocksTheGene) {
    SmallVariantAnnotator annotator(bundled_kb(), Genome::GRCh38);
    io::VcfAllele allele;
    allele.chrom = "7";
    allele.pos = 140753336;
    allele.ref = "G";
    allele.alt = "T";
    InputLedger ledger{"vcf", "x.vcf", "allele", 0, {}, {}, {}};
    EXPECT_FALSE(annotator.from_vcf(allele, "x.vcf", ledger).has_value());
    ASSERT_EQ(ledger.listed.size(), 1u);
    EXPECT_EQ(ledger.listed[0].gene, "BRAF");
    EXPECT_EQ(ledger.listed[0].impact, GeneImpact::all);
    EXPECT_NE(ledger.listed[0].reason.find("BRAF codon 600"), std::string::npos);
}

TEST(NotInterpreted, RawVariantInAKbGeneAwayFromHotspotsIsListed) {
    SmallVariantAnnotator annotator(bundled_kb(), Genome::GRCh38);
    io::VcfAllele allele;
    allele.chrom = "7";
    allele.pos = 140800000;  // inside BRAF (GRCh38 140719327-140924929), no hotspot codon
    allele.ref = "C";
    allele.alt = "T";
    InputLedger ledger{"vcf", "x.vcf", "allele", 0, {}, {}, {}};
    EXPECT_FALSE(annotator.from_vcf(allele, "x.vcf", ledger).has_value());
    ASSERT_EQ(ledger.listed.size(), 1u);
    EXPECT_EQ(ledger.listed[0].impact, GeneImpact::exon_level);
    EXPECT_NE(ledger.listed[0].reason.find("not at a knowledge-base hotspot codon"), std::string::npos);
}

TEST(NotInterpreted, AlleleOutsideKbGenesIsCounted) {
    SmallVariantAnnotator annotator(bundled_kb(), Genome::GRCh38);
    io::VcfAllele allele;
    allele.chrom = "2";
    allele.pos = 1000;
    allele.ref = "C";
    allele.alt = "T";
    InputLedger ledger{"vcf", "x.vcf", "allele", 0, {}, {}, {}};
    EXPECT_FALSE(annotator.from_vcf(allele, "x.vcf", ledger).has_value());
    EXPECT_TRUE(ledger.listed.empty());
    EXPECT_EQ(ledger.counted["outside the knowledge base's genes"], 1);
}

TEST(GenomeTranslation, BrafV600KAsOneTwoBaseSubstitutionOnBothBuilds) {
    // DoCM/COSMIC write V600K (c.1798_1799delinsAA) as AC>TT at c.1799-c.1798 (plus strand).
    for (const auto& [genome, pos] : {std::pair{Genome::GRCh37, std::int64_t{140453136}},
                                      std::pair{Genome::GRCh38, std::int64_t{140753336}}}) {
        SmallVariantAnnotator annotator(bundled_kb(), genome);
        io::VcfAllele allele;
        allele.chrom = "7";
        allele.pos = pos;
        allele.ref = "AC";
        allele.alt = "TT";
        const auto variant = annotator.from_vcf(allele, "x.vcf", scratch_ledger());
        ASSERT_TRUE(variant) << to_string(genome);
        EXPECT_EQ(variant->protein_change, "V600K") << to_string(genome);
    }
}

}  // namespace precis::interpret
