// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kb/knowledge_base.hpp"
#include "model/profile.hpp"
#include "report/report.hpp"

namespace precis::interpret {

//! A fusion after interpretation against the KB genes: the KB gene involved, its role, and whether the
//! kinase (functional) domain is kept (nullopt = cannot tell, e.g. no breakpoints).
struct FusionEvent {
    Fusion fusion;
    std::string gene;
    std::string role;  //!< 5prime / 3prime / unknown
    std::optional<bool> kinase_retained;
    std::string
        label;  //!< e.g. "FGFR2::BICC1 fusion", "FGFR2 fusion or rearrangement (partner not identified)"
    std::string reason;
};

struct MatchInput {
    const Profile* profile = nullptr;
    std::vector<FusionEvent> fusions;
    std::string tumor_type;  //!< validated OncoTree code
    Genome genome = Genome::unknown;
};

//! Builds findings, matched therapies, the biomarker panel, reasoning flags, the therapy summary and
//! tumour-type context.
//!
//! Design (the order in which the matcher decides):
//!  1. Each alteration in the profile is tested against every KB biomarker of its category
//!     (small variants: exact protein change > codon list > codon range, restricted by variant class;
//!     copy number: class; fusions: KB gene in the retained role with the kinase domain not known to be
//!     lost; IHC: marker + score (+ ISH); signatures: MSI-H status, TMB >= threshold, any MMR protein lost).
//!     An alteration matching at least one biomarker becomes a Finding; protein-altering variants in KB genes
//!     that match none go to other_findings.
//!  2. Each evidence item of a matched biomarker is applied in the patient's tumour type:
//!     - excluded_tumor_types containing the patient's type: not offered; a caveat explains why;
//!     - tumour type within evidence tumor_types: the curated level; on_label when a current FDA/EMA
//!       approval (not withdrawn) lists a covering tumour type;
//!     - otherwise (another tumour type): reported off-label at a lower level: 1/2/3A -> 3B, R1 -> R2.
//!     The AMP/ASCO/CAP tier is derived from that level (knowledgebase/README.md).
//!  3. Reasoning rules (rules.json) add resistance/caution flags to therapies whose drugs they name when
//!     a co-biomarker is detected, naming the findings that triggered them.
//!  4. Therapies are summarised per drug combination: on-label first, then level (1 > 2 > 3A > 3B > 4),
//!     then name; resistance evidence is listed with its flag and never ranked as a recommendation.
//!  5. Every panel biomarker is detected / not_detected / not_assessed, with why (inputs given, raw VCF
//!     limits, panel coverage).
Report match(const MatchInput& input, const kb::KnowledgeBase& kb);

//! AMP/ASCO/CAP 2017 tier derived from an OncoKB-style level and whether the evidence is for this tumour
//! type.
std::string amp_tier(const std::string& level, bool tumor_type_match);
//! Level reported in another tumour type (off-label): 1/2/3A -> 3B, 3B -> 3B, 4 -> 4, R1 -> R2, R2 -> R2.
std::string off_context_level(const std::string& level);
//! Rank for sorting: lower is stronger (1 < 2 < 3A < 3B < 4; R1 < R2 after sensitivity levels).
int level_rank(const std::string& level);

}  // namespace precis::interpret
