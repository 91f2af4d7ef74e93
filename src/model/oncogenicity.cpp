// SPDX-License-Identifier: Apache-2.0
#include "model/oncogenicity.hpp"

#include <array>
#include <utility>

#include "model/enum_text.hpp"

namespace precis {
namespace {

constexpr std::array<std::pair<OncogenicityClass, const char*>, 5> kClasses = {
    {{OncogenicityClass::oncogenic, "oncogenic"},
     {OncogenicityClass::likely_oncogenic, "likely_oncogenic"},
     {OncogenicityClass::vus, "vus"},
     {OncogenicityClass::likely_benign, "likely_benign"},
     {OncogenicityClass::benign, "benign"}}};

constexpr std::array<std::pair<GeneRole, const char*>, 4> kRoles = {{{GeneRole::oncogene, "oncogene"},
                                                                     {GeneRole::tumour_suppressor, "tsg"},
                                                                     {GeneRole::both, "both"},
                                                                     {GeneRole::unknown, "unknown"}}};

struct CriterionRow {
    OncogenicityCriterion code;
    const char* name;
    int points;
};
constexpr std::array<CriterionRow, 17> kCriteria = {{{OncogenicityCriterion::ovs1, "OVS1", 8},
                                                     {OncogenicityCriterion::os1, "OS1", 4},
                                                     {OncogenicityCriterion::os2, "OS2", 4},
                                                     {OncogenicityCriterion::os3, "OS3", 4},
                                                     {OncogenicityCriterion::om1, "OM1", 2},
                                                     {OncogenicityCriterion::om2, "OM2", 2},
                                                     {OncogenicityCriterion::om3, "OM3", 2},
                                                     {OncogenicityCriterion::om4, "OM4", 2},
                                                     {OncogenicityCriterion::op1, "OP1", 1},
                                                     {OncogenicityCriterion::op2, "OP2", 1},
                                                     {OncogenicityCriterion::op3, "OP3", 1},
                                                     {OncogenicityCriterion::op4, "OP4", 1},
                                                     {OncogenicityCriterion::sbvs1, "SBVS1", -8},
                                                     {OncogenicityCriterion::sbs1, "SBS1", -4},
                                                     {OncogenicityCriterion::sbs2, "SBS2", -4},
                                                     {OncogenicityCriterion::sbp1, "SBP1", -1},
                                                     {OncogenicityCriterion::sbp2, "SBP2", -1}}};

const CriterionRow* row_of(OncogenicityCriterion code) noexcept {
    for (const CriterionRow& row : kCriteria) {
        if (row.code == code) {
            return &row;
        }
    }
    return nullptr;
}

}  // namespace

const char* to_string(OncogenicityClass value) noexcept {
    return enum_text::name_of(kClasses, value);
}

std::optional<OncogenicityClass> parse_oncogenicity_class(std::string_view text) noexcept {
    return enum_text::parse(kClasses, text);
}

const char* to_string(GeneRole role) noexcept {
    return enum_text::name_of(kRoles, role);
}

std::optional<GeneRole> parse_gene_role(std::string_view text) noexcept {
    return enum_text::parse(kRoles, text);
}

OncogenicityClass class_from_points(int points) noexcept {
    if (points >= 10) {
        return OncogenicityClass::oncogenic;
    }
    if (points >= 6) {
        return OncogenicityClass::likely_oncogenic;
    }
    if (points >= 0) {
        return OncogenicityClass::vus;
    }
    if (points >= -6) {
        return OncogenicityClass::likely_benign;
    }
    return OncogenicityClass::benign;
}

const char* to_string(OncogenicityCriterion code) noexcept {
    const CriterionRow* row = row_of(code);
    return row != nullptr ? row->name : "?";
}

std::optional<OncogenicityCriterion> parse_oncogenicity_criterion(std::string_view text) noexcept {
    for (const CriterionRow& row : kCriteria) {
        if (text == row.name) {
            return row.code;
        }
    }
    return std::nullopt;
}

int points_of(OncogenicityCriterion code) noexcept {
    const CriterionRow* row = row_of(code);
    return row != nullptr ? row->points : 0;
}

}  // namespace precis
