// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kb/knowledge_base.hpp"
#include "model/profile.hpp"
#include "model/report.hpp"

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
    std::optional<int> line_of_therapy;         //!< the line being decided (nullopt: not checked)
    std::vector<PriorTherapy> prior_therapies;  //!< therapies already received
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
//!     - otherwise (another tumour type): reported off-label at a lower level: 1/2/3A -> 3B, R1 -> R2;
//!     - with a line of therapy given, an approval whose label lines (evidence `lines`) do not cover it
//!       does not make the therapy on-label for this line (label_other_line; the note says why).
//!     The AMP/ASCO/CAP tier is derived from that level (knowledgebase/README.md).
//!     A biomarker with evidence_from (the same event by another assay, e.g. HER2 IHC 2+ with ISH
//!     amplification) also receives the evidence of the biomarkers it names, at their curated levels.
//!  3. Reasoning rules (rules.json) add resistance/caution/context flags to therapies whose drugs they name
//!     when a co-biomarker is detected in another finding (or in the same finding for self_trigger rules),
//!     naming the findings that triggered them. Then the treatment history: drugs already received are
//!     marked on every row holding them, a row with a drug the patient progressed on ranks after the other
//!     rows of its direction, and checkpoint-inhibitor rows get a caution flag after an immune-related
//!     toxicity on a checkpoint inhibitor.
//!  4. Therapies are summarised per drug combination: within a direction, rows without a drug the patient
//!     progressed on first, then on-label, then level (1 > 2 > 3A > 3B > 4), then name; resistance
//!     evidence is listed with its flag and never ranked as a recommendation.
//!  5. Every panel biomarker is detected / not_detected / not_assessed, with why (inputs given, raw VCF
//!     limits, panel coverage).
Report match(const MatchInput& input, const kb::KnowledgeBase& kb);

// ---- the stages of match(), in order (each unit-tested on its own) ----

//! Stage 1: the profile's alterations that match at least one KB biomarker (`findings`, without ids yet),
//! protein-altering or high-level alterations in KB genes that match none (`other_findings`), and records
//! not interpreted (`not_interpreted`: to the report; `uncertain`: other findings whose gene-level effect is
//! unknown, e.g. no protein position).
//! A small variant below either limit carries a confirm-before-acting caveat (Finding::support_caveat),
//! shown on the report's first screen: VAF below kLowVafCaveat, or fewer than kFewReadsCaveat reads
//! supporting the variant allele.
inline constexpr double kLowVafCaveat = 0.05;
inline constexpr int kFewReadsCaveat = 5;

struct Alterations {
    std::vector<Finding> findings;
    std::vector<Finding> other_findings;
    std::vector<NotInterpreted> not_interpreted;
    std::vector<NotInterpreted> uncertain;
};
Alterations find_alterations(const MatchInput& input, const kb::KnowledgeBase& kb);

//! IHC markers that KB biomarkers recognise by a presence status (ihc_status: lost / retained), upper
//! case, e.g. SDHB: a lost result is a finding, a retained one the evidence that the biomarker is absent.
std::vector<std::string> status_ihc_markers(const kb::KnowledgeBase& kb);

//! Stage 2: the evidence of the finding's biomarkers applied in `tumor_type` (therapies ranked and
//! deduplicated, caveats for excluded or other-tumour resistance evidence, oncogenicity set). With
//! `line_of_therapy`, an approval counts as on-label only when the evidence's `lines` cover that line.
void apply_evidence(Finding& finding, const std::string& tumor_type, const kb::KnowledgeBase& kb,
                    std::optional<int> line_of_therapy = std::nullopt);
//! Findings in stable order (category, gene, alteration) with ids F1.., other findings O1.. as given.
void number_findings(std::vector<Finding>& findings, std::vector<Finding>& other_findings);

//! KB biomarker id -> ids of the findings that carry it.
using DetectedBiomarkers = std::map<std::string, std::vector<std::string>>;
DetectedBiomarkers detected_biomarkers(const std::vector<Finding>& findings);

//! Stage 3: reasoning rules (rules.json) flag sensitivity therapies whose drugs they name when a
//! co-biomarker is detected in another finding, or in the therapy's own finding for a self_trigger rule.
//! A rule's therapy_biomarkers also cover findings whose biomarker takes their evidence (evidence_from).
void apply_rules(std::vector<Finding>& findings, const DetectedBiomarkers& detected,
                 const kb::KnowledgeBase& kb);

//! Stage 3, second part: the treatment history. Every therapy row holding a drug of a prior therapy gets
//! a PriorTherapyMark (and the note "progressed on <drug> (prior line)" after progression); after an
//! immune-related toxicity on a checkpoint inhibitor (a drug of `checkpoint_inhibitors`, the knowledge
//! base's drug class kCheckpointInhibitorClass) (the toxicity text names pneumonitis, colitis,
//! hepatitis, myocarditis, nephritis, encephalitis, "immune" or "irAE"), every sensitivity row holding a
//! checkpoint inhibitor gets a caution flag (kIraeRuleId, sourced to the ASCO irAE guideline); each
//! finding's therapies are ranked again. No prior therapies: nothing changes.
inline constexpr const char* kIraeRuleId = "rule.prior_therapy.irae_rechallenge";
inline constexpr const char* kCheckpointInhibitorClass = "checkpoint_inhibitors";
void apply_treatment_history(std::vector<Finding>& findings, const std::vector<PriorTherapy>& prior,
                             const std::vector<std::string>& checkpoint_inhibitors);

//! Stage 4: one row per direction and drug combination, ranked (sensitivity first, on-label, level, an
//! approval for this tumour type, drugs).
std::vector<TherapySummary> summarise_therapies(const std::vector<Finding>& findings);

//! Stage 5: every panel biomarker detected / not_detected / indeterminate / not_assessed, with why.
//! `uncertain` are the records whose gene-level effect is unknown (they block small-variant biomarkers).
std::vector<BiomarkerStatus> biomarker_panel(const MatchInput& input, const kb::KnowledgeBase& kb,
                                             const DetectedBiomarkers& detected,
                                             const std::vector<const NotInterpreted*>& uncertain);

//! True when the biomarker is fixed to codons (exact protein changes or a codon list) that all have a
//! hotspot-codon location on `genome`: a raw record elsewhere is then excluded by its position.
bool codons_catalogued(const kb::Biomarker& biomarker, const kb::KnowledgeBase& kb, Genome genome);
//! The records that leave a small-variant biomarker unknown: an uninterpreted record in its gene (any
//! such record for GeneImpact::all; for GeneImpact::exon_level only when the biomarker is fixed to codons
//! (`codon_level` false), since codons were checked by position). Empty when none.
std::string blocking_records(const kb::Biomarker& biomarker, bool codon_level,
                             const std::vector<const NotInterpreted*>& records);

//! Standard-of-care, testing and caveat entries of the KB for the tumour type.
std::vector<ContextItem> tumor_context(const std::string& tumor_type, const kb::KnowledgeBase& kb);

//! AMP/ASCO/CAP 2017 tier derived from an OncoKB-style level and whether the evidence is for this tumour
//! type.
std::string amp_tier(Level level, bool tumor_type_match);
//! Level reported in another tumour type (off-label): 1/2/3A -> 3B, 3B -> 3B, 4 -> 4, R1 -> R2, R2 -> R2.
Level off_context_level(Level level);

}  // namespace precis::interpret
