// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "interpret/protein.hpp"

namespace precis::interpret {

TEST(ProteinParsing, ThreeLetterHgvsWithTranscriptPrefix) {
    const auto change = parse_protein_change("ENSP00000288602.6:p.Val600Glu");
    ASSERT_TRUE(change);
    EXPECT_EQ(change->short_form, "V600E");
    EXPECT_EQ(change->start, 600);
    EXPECT_EQ(change->inferred_class, VariantClass::missense);
}

TEST(ProteinParsing, ShortFormsAndSpecialCases) {
    EXPECT_EQ(parse_protein_change("p.G12C")->short_form, "G12C");
    EXPECT_EQ(parse_protein_change("T790M")->short_form, "T790M");
    EXPECT_EQ(parse_protein_change("p.(Gly12Cys)")->short_form, "G12C");
    EXPECT_EQ(parse_protein_change("p.E182*")->inferred_class, VariantClass::nonsense);
    EXPECT_EQ(parse_protein_change("p.Arg213Ter")->short_form, "R213*");
    EXPECT_EQ(parse_protein_change("p.Leu12%3D")->inferred_class, VariantClass::synonymous);
    const auto deletion = parse_protein_change("p.Trp557_Lys558del");
    ASSERT_TRUE(deletion);
    EXPECT_EQ(deletion->short_form, "W557_K558del");
    EXPECT_EQ(deletion->start, 557);
    EXPECT_EQ(deletion->end, 558);
    EXPECT_EQ(deletion->inferred_class, VariantClass::inframe_deletion);
    EXPECT_EQ(parse_protein_change("p.Gly12AlafsTer3")->short_form, "G12fs");
    EXPECT_FALSE(parse_protein_change("p.?").has_value());
    EXPECT_FALSE(parse_protein_change("").has_value());
}

TEST(ProteinParsing, BcftoolsCsqNotation) {
    const auto change = parse_protein_change("600V>600E");
    ASSERT_TRUE(change);
    EXPECT_EQ(change->short_form, "V600E");
    EXPECT_EQ(parse_protein_change("141W>141*")->inferred_class, VariantClass::nonsense);
}

TEST(ProteinNumbering, BrafManeV640EBecomesV600E) {
    const auto change = parse_protein_change("p.Val640Glu");
    ASSERT_TRUE(change);
    const ProteinChange renumbered = renumber(*change, 441, -40);
    EXPECT_EQ(renumbered.short_form, "V600E");
    EXPECT_EQ(renumbered.start, 600);
}

TEST(ProteinNumbering, Fgfr2IIIbToIIIcShiftsByOne) {
    const ProteinChange renumbered = renumber(*parse_protein_change("p.N550K"), 400, -1);
    EXPECT_EQ(renumbered.short_form, "N549K");
    const ProteinChange range = renumber(*parse_protein_change("p.E566_K567del"), 400, -1);
    EXPECT_EQ(range.short_form, "E565_K566del");
}

TEST(CodonTranslation, BrafV600EOnMinusStrand) {
    // BRAF codon 600 (GTG) at GRCh37 7:140453135-140453137, minus strand; c.1799T>A is 7:140453136 A>T.
    const kb::CodonLocation codon{"7", 140453135, 140453137, '-', "GTG"};
    const auto translation = translate_in_codon(codon, 140453136, "A", "T");
    ASSERT_TRUE(translation);
    EXPECT_EQ(translation->ref_aa, 'V');
    EXPECT_EQ(translation->alt_aa, 'E');
    EXPECT_FALSE(translation->ref_mismatch);
    // V600K (c.1798_1799GT>AA) is the MNV 7:140453136-140453137 CA>TT.
    const auto v600k = translate_in_codon(codon, 140453136, "AC", "TT");
    ASSERT_TRUE(v600k);
    EXPECT_EQ(v600k->alt_aa, 'K');
    // A REF that disagrees with the codon flags a wrong build.
    EXPECT_TRUE(translate_in_codon(codon, 140453136, "G", "T")->ref_mismatch);
    // Outside the codon: not translated.
    EXPECT_FALSE(translate_in_codon(codon, 140453138, "A", "T").has_value());
}

TEST(AlleleTrimming, SharedFlanksAreRemoved) {
    std::int64_t pos = 100;
    std::string ref = "CAT";
    std::string alt = "CGT";
    trim_alleles(pos, ref, alt);
    EXPECT_EQ(pos, 101);
    EXPECT_EQ(ref, "A");
    EXPECT_EQ(alt, "G");
}

TEST(Consequences, SeverestTermWins) {
    EXPECT_EQ(classify_consequence("missense_variant&splice_region_variant"), VariantClass::missense);
    EXPECT_EQ(classify_consequence("frameshift_variant"), VariantClass::frameshift);
    EXPECT_EQ(classify_consequence("Nonsense_Mutation"), VariantClass::nonsense);
    EXPECT_EQ(classify_consequence("In_Frame_Del"), VariantClass::inframe_deletion);
    EXPECT_EQ(classify_consequence("synonymous_variant"), VariantClass::synonymous);
    EXPECT_EQ(classify_consequence("intron_variant"), VariantClass::noncoding);
}

}  // namespace precis::interpret
