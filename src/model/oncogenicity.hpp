// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace precis {

// The ClinGen/CGC/VICC somatic oncogenicity standard (Horak et al., Genet Med 2022): evidence criteria
// with points, summed into one of five classes. Text forms live in model/oncogenicity.cpp only.
// OM3/OM4 follow the erratum-era naming used by PCGR, OncoVI and the CGC/VICC calculator (OM3 = another
// established missense at the residue, OM4 = hotspot with < 50 samples); the points are the same.

//! The five oncogenicity classes of the standard.
enum class OncogenicityClass { oncogenic, likely_oncogenic, vus, likely_benign, benign };
const char* to_string(OncogenicityClass value) noexcept;  //!< "oncogenic", "likely_oncogenic", ...
std::optional<OncogenicityClass> parse_oncogenicity_class(std::string_view text) noexcept;

//! Class from the points total: >= 10 oncogenic, 6..9 likely oncogenic, 0..5 VUS, -1..-6 likely
//! benign, <= -7 benign.
OncogenicityClass class_from_points(int points) noexcept;

//! The criteria of the standard that precis can evaluate or record.
enum class OncogenicityCriterion {
    ovs1,   //!< null variant in a bona fide tumour suppressor (+8)
    os1,    //!< same amino-acid change as an established oncogenic variant (+4)
    os2,    //!< well-established functional studies (+4)
    os3,    //!< hotspot: >= 50 samples at the residue and >= 10 with the same change (+4)
    om1,    //!< in a critical, well-established part of a functional domain (+2)
    om2,    //!< protein length change: in-frame indel in an oncogene/TSG, stop-loss in a TSG (+2)
    om3,    //!< missense at a residue where a different missense is established oncogenic (+2)
    om4,    //!< hotspot: < 50 samples at the residue and >= 10 with the same change (+2)
    op1,    //!< computational evidence supports an oncogenic effect (+1)
    op2,    //!< somatic variant in a gene of a malignancy with a single genetic aetiology (+1)
    op3,    //!< hotspot residue, the same change seen in < 10 samples (+1)
    op4,    //!< absent from population databases (+1)
    sbvs1,  //!< population allele frequency > 5% (-8)
    sbs1,   //!< population allele frequency > 1% (-4)
    sbs2,   //!< well-established functional studies show no oncogenic effect (-4)
    sbp1,   //!< computational evidence suggests no impact (-1)
    sbp2    //!< synonymous with no predicted splicing impact (-1)
};
const char* to_string(OncogenicityCriterion code) noexcept;  //!< "OVS1", "OS1", ...
std::optional<OncogenicityCriterion> parse_oncogenicity_criterion(std::string_view text) noexcept;
int points_of(OncogenicityCriterion code) noexcept;

//! A cancer gene's role, as the bundled cancer gene list gives it.
enum class GeneRole { oncogene, tumour_suppressor, both, unknown };
const char* to_string(GeneRole role) noexcept;  //!< "oncogene", "tsg", "both", "unknown"
std::optional<GeneRole> parse_gene_role(std::string_view text) noexcept;
inline bool acts_as_tumour_suppressor(GeneRole role) noexcept {
    return role == GeneRole::tumour_suppressor || role == GeneRole::both;
}

//! One criterion met for a variant: what made it apply and where that fact comes from.
struct CriterionMet {
    OncogenicityCriterion code = OncogenicityCriterion::op4;
    std::string reason;  //!< e.g. "frameshift in BAP1 (tumour suppressor)"
    std::string source;  //!< e.g. "cancer_genes.tsv: IntOGen 2024-06", "gnomAD AF from VEP CSQ"
};

//! The classification of one alteration with the criteria behind it.
struct OncogenicityCall {
    OncogenicityClass value = OncogenicityClass::vus;
    int points = 0;
    std::vector<CriterionMet> criteria;
    //! Evidence the standard asks for that precis could not obtain (e.g. "no population frequency in
    //! the annotation"): a VUS is then "not assessable further", never "benign".
    std::vector<std::string> not_evaluated;
};

}  // namespace precis
