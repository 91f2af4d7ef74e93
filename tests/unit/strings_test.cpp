// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "common/strings.hpp"

namespace precis::str {

TEST(Splitting, KeepsEmptyFields) {
    const auto parts = split("a||b|", '|');
    ASSERT_EQ(parts.size(), 4u);
    EXPECT_EQ(parts[1], "");
    EXPECT_EQ(parts[3], "");
}

TEST(NumericParsing, RejectsTrailingGarbage) {
    EXPECT_EQ(to_double(" 2.5 "), 2.5);
    EXPECT_FALSE(to_double("2.5x").has_value());
    EXPECT_FALSE(to_double("").has_value());
    EXPECT_EQ(to_int("+12"), 12);
    EXPECT_FALSE(to_int("12.0").has_value());
}

TEST(Accessions, VersionIsStrippedOnlyWhenNumeric) {
    EXPECT_EQ(strip_version("NM_004333.6"), "NM_004333");
    EXPECT_EQ(strip_version("ENST00000288602"), "ENST00000288602");
    EXPECT_EQ(strip_version("file.vcf"), "file.vcf");
}

TEST(Chromosomes, ChrPrefixAndMitochondrion) {
    EXPECT_EQ(normalise_chrom("chr7"), "7");
    EXPECT_EQ(normalise_chrom("CHRX"), "X");
    EXPECT_EQ(normalise_chrom("chrM"), "MT");
    EXPECT_EQ(normalise_chrom("17"), "17");
}

TEST(EditDistance, CaseInsensitive) {
    EXPECT_EQ(edit_distance("IHCH", "ihch"), 0u);
    EXPECT_EQ(edit_distance("ICHC", "IHCH"), 2u);
}

}  // namespace precis::str
