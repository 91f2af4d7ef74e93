// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

#include "model/oncogenicity.hpp"
#include "model/profile.hpp"

namespace precis::oncogenicity {

//! Hotspot recurrence at a residue (or a non-coding hotspot position) from the bundled hotspot table.
struct HotspotCounts {
    int residue_samples = 0;  //!< tumours with any somatic change at the residue
    int change_samples = 0;   //!< tumours with this very change
    std::string source;       //!< e.g. "hotspots.tsv: cancerhotspots v2 (Chang 2018)"
};

//! Everything precis knows offline about one small variant, gathered before classification. A fact
//! that could not be obtained stays empty; the call then lists it under `not_evaluated`.
struct VariantFacts {
    std::string gene;
    std::string change;  //!< short protein change (R248Q) or genomic form for non-coding variants
    VariantClass variant_class = VariantClass::unknown;
    GeneRole role = GeneRole::unknown;
    std::string role_source;
    std::optional<HotspotCounts> hotspot;
    bool population_annotated = false;    //!< the annotation carries a population-frequency field
    std::optional<double> population_af;  //!< the highest population AF given (absent: not observed)
    std::string population_source;
    std::string domain;  //!< curated functional domain holding the residue ("" = none known)
    std::string domain_source;
    std::string established_change_source;   //!< non-empty: this change is established oncogenic
    std::string established_residue_source;  //!< non-empty: another missense here is established
};

//! Population allele-frequency limits of the standard.
inline constexpr double kBenignStandAloneAf = 0.05;  //!< SBVS1: above 5%
inline constexpr double kBenignStrongAf = 0.01;      //!< SBS1: above 1%
inline constexpr double kAbsentAf = 0.00001;         //!< OP4: absent or extremely rare (PCGR's limit)

//! Hotspot thresholds of OS3/OM3/OP3.
inline constexpr int kHotspotResidueSamples = 50;
inline constexpr int kHotspotChangeSamples = 10;

//! Applies the criteria the facts support, with the standard's exclusions, and sums the points.
OncogenicityCall classify(const VariantFacts& facts);

//! True for null variants in the sense of OVS1: nonsense, frameshift, canonical splice site, start loss.
bool is_null_variant(VariantClass variant_class) noexcept;

}  // namespace precis::oncogenicity
