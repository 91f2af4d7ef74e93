// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "io/annotation.hpp"

namespace precis::io {

TEST(AnnotationLayout, VepFormatFromHeaderEvenUnderAnnKey) {
    const auto layout = AnnotationLayout::from_header("ANN",
                                                      "Consequence annotations from Ensembl VEP. Format: "
                                                      "Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|"
                                                      "Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|ALLELE_NUM");
    ASSERT_TRUE(layout);
    EXPECT_EQ(layout->kind, AnnotationKind::vep_csq);
    EXPECT_EQ(layout->symbol, 3);
    EXPECT_EQ(layout->hgvsp, 11);
    EXPECT_EQ(layout->allele_num, 12);
}

TEST(AnnotationLayout, SnpEffQuotedFieldList) {
    const auto layout = AnnotationLayout::from_header(
        "ANN",
        "Functional annotations: 'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | "
        "Feature_Type | "
        "Feature_ID | Transcript_BioType | Rank | HGVS.c | HGVS.p | cDNA.pos / cDNA.length | CDS.pos / "
        "CDS.length | AA.pos / AA.length | Distance | ERRORS / WARNINGS / INFO' ");
    ASSERT_TRUE(layout);
    EXPECT_EQ(layout->kind, AnnotationKind::snpeff_ann);
    EXPECT_EQ(layout->symbol, 3);
    EXPECT_EQ(layout->hgvsp, 10);
}

TEST(AnnotationLayout, BcsqAndUnrecognisedDescriptions) {
    const auto layout = AnnotationLayout::from_header(
        "BCSQ",
        "Haplotype-aware consequence annotation from BCFtools/csq, see "
        "http://samtools.github.io/bcftools/howtos/"
        "csq-calling.html for details. Format: "
        "Consequence|gene|transcript|biotype|strand|amino_acid_change|dna_change");
    ASSERT_TRUE(layout);
    EXPECT_EQ(layout->kind, AnnotationKind::bcftools_bcsq);
    EXPECT_FALSE(AnnotationLayout::from_header("CSQ", "some free text").has_value());
}

TEST(AnnotationMatching, VepTrimsIndelPaddingBase) {
    auto layout = *AnnotationLayout::from_header("CSQ", "Format: Allele|Consequence|SYMBOL|Feature|HGVSp");
    const auto entries =
        parse_annotations(layout, "-|frameshift_variant|PTEN|ENST1|p.X,AT|inframe_insertion|PTEN|ENST1|p.Y");
    ASSERT_EQ(entries.size(), 2u);
    // Record REF=CA ALT=C,CAT: allele 1 is a deletion ("-"), allele 2 an insertion ("AT").
    EXPECT_TRUE(annotation_matches_allele(layout, entries[0], "CA", "C", 1, 2));
    EXPECT_FALSE(annotation_matches_allele(layout, entries[1], "CA", "C", 1, 2));
    EXPECT_TRUE(annotation_matches_allele(layout, entries[1], "CA", "CAT", 2, 2));
}

TEST(AnnotationParsing, EmptyAndBcsqBackReferencesAreSkipped) {
    auto layout = *AnnotationLayout::from_header(
        "BCSQ", "Format: Consequence|gene|transcript|biotype|strand|amino_acid_change|dna_change");
    const auto entries = parse_annotations(
        layout, "@123456,missense|BRAF|ENST00000288602|protein_coding|-|600V>600E|140453136A>T");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].gene, "BRAF");
    EXPECT_EQ(entries[0].hgvsp, "600V>600E");
}

}  // namespace precis::io
