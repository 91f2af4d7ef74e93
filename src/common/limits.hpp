// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

namespace precis::limits {

//! The documented range of one numeric input or option (README, "Numeric limits"). NaN and infinity are
//! never inside a range.
struct Range {
    double min = 0.0;
    double max = 0.0;
    bool min_open = false;  //!< (min, max] rather than [min, max]

    bool contains(double value) const noexcept;
    //! "[0, 1]", "(0, 10]", "[0, 10000]".
    std::string text() const;
};

//! 1-based genomic coordinates: 1 to 1e9. The longest human contig (GRCh38 chr1) is 248,956,422 bp; the
//! bound keeps every sum of a position and a length far from 64-bit overflow and within htslib's VCF range.
//! A VCF record is also bounded by its contig's declared length.
inline constexpr std::int64_t kMaxPosition = 1'000'000'000;
//! Read counts and depths (AD, DP, split/spanning reads, MAF t_alt_count ...): 0 to 1e9, so that the sum
//! of two still fits a 32-bit int.
inline constexpr std::int64_t kMaxReads = 1'000'000'000;
//! Protein residue numbers: 1 to 100,000 (titin, the longest human protein, has 34,350).
inline constexpr std::int64_t kMaxResidue = 100'000;

inline constexpr Range kVaf{0.0, 1.0};
//! Absolute copy numbers as written (PURPLE fits slightly negative values, read as 0; ecDNA rarely exceeds
//! a few hundred copies).
inline constexpr Range kCopyNumber{-1.0, 1000.0};
//! log2 copy ratios. Deep deletions reach about -31 in CNVkit output (its amplicon test file has -30.79);
//! +-100 is far beyond any measurement and keeps 2^log2, and the copy number computed from it, finite.
inline constexpr Range kLog2{-100.0, 100.0};
//! MSI scores of every caller (MSIsensor %, MANTIS step-wise difference, PURPLE msIndelsPerMb).
inline constexpr Range kMsiScore{0.0, 10000.0};
inline constexpr Range kMsiThreshold{0.0, 10000.0, true};
inline constexpr Range kMsiPercent{0.0, 100.0};
//! Mutations per megabase.
inline constexpr Range kTmb{0.0, 10000.0};
//! Panel size in megabases (a whole human genome is about 3,100 Mb).
inline constexpr Range kPanelSizeMb{0.0, 3500.0, true};
inline constexpr Range kPurity{0.0, 1.0, true};
inline constexpr Range kPloidy{0.0, 10.0, true};
//! --amp-min-copy-number: above the homozygous-deletion cut-off (0.5), at most the copy-number limit.
inline constexpr Range kAmpMinCopyNumber{1.0, 1000.0};
//! IHC: HER2/CEP17 ISH ratio, PD-L1 TPS (%) and CPS (capped at 100 by definition).
inline constexpr Range kIshRatio{0.0, 100.0};
inline constexpr Range kPercent{0.0, 100.0};

}  // namespace precis::limits
