// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/evidence.hpp"
#include "model/profile.hpp"

namespace precis {

//! Version of schemas/report.schema.json that the writers produce (semver; additive changes bump minor).
inline constexpr const char* kReportSchemaVersion = "1.2.0";

struct SourceRef {
    std::string type;  //!< PMID, NCT, FDA, EMA, guideline, database, OncoKB, DOI, other
    std::string id;
    std::string note;
    std::string date;
    std::string url;
};

struct RegulatoryStatus {
    std::string agency;  //!< FDA, EMA
    std::string status;  //!< approved, accelerated_approval, conditional_approval, withdrawn, not_approved
    std::string date;
    std::string indication;
    bool covers_tumor_type = false;  //!< the label's population includes this patient's tumour type
};

//! A reasoning flag attached to a therapy ("resistance", "caution" or "context"), with its why.
struct TherapyFlag {
    std::string rule_id;
    RuleEffect effect = RuleEffect::caution;
    std::string text;
    std::vector<std::string> finding_ids;  //!< the findings that triggered it
    std::vector<SourceRef> sources;
};

//! A therapy the patient has already received (case file `prior_therapies`, --prior-therapy).
struct PriorTherapy {
    std::vector<std::string> drugs{};  //!< lower-case INN, as given
    StoppedFor stopped_for = StoppedFor::other;
    std::string toxicity{};  //!< free text, e.g. "pneumonitis grade 3" (empty when not given)
    std::optional<BestResponse> best_response{};
};

//! On a therapy row: drugs of the row that the patient already received in one prior therapy.
struct PriorTherapyMark {
    std::vector<std::string> drugs{};  //!< the row's drugs that were part of the prior therapy
    StoppedFor stopped_for = StoppedFor::other;
    std::string toxicity{};
    std::optional<BestResponse> best_response{};
    friend bool operator==(const PriorTherapyMark&, const PriorTherapyMark&) = default;
};

//! True when one of the marks says the patient progressed on a drug of the row.
inline bool progressed_on(const std::vector<PriorTherapyMark>& marks) {
    for (const PriorTherapyMark& mark : marks) {
        if (mark.stopped_for == StoppedFor::progression) {
            return true;
        }
    }
    return false;
}

//! One knowledge-base evidence item applied to this patient.
struct TherapyMatch {
    std::string evidence_id;
    std::vector<std::string> drugs;  //!< lower-case INN
    Direction direction = Direction::sensitivity;
    Level level = Level::level_4;     //!< OncoKB-style level for THIS tumour type
    Level kb_level = Level::level_4;  //!< level as curated for the evidence's own tumour types
    LevelProvenance level_source;     //!< where kb_level comes from (curator-assigned levels say so)
    std::string amp_tier;  //!< AMP/ASCO/CAP, e.g. "I-A", "II-C" (derived, see knowledgebase/README.md)
    std::string escat;     //!< empty unless verified
    bool on_label = false;
    bool tumor_specific_label =
        false;  //!< on-label through an approval for this tumour type, not tumour-agnostic
    //! A current approval covers this tumour type but not the line of therapy being decided
    //! (Request::line_of_therapy), so on_label is false; the note says which lines the label covers.
    bool label_other_line = false;
    bool tumor_type_match = false;  //!< evidence tumour types include the patient's tumour type
    std::vector<std::string> evidence_tumor_types;
    std::string line_of_therapy;
    int first_line = 1;  //!< earliest line its label or data cover: ranks 2L before 3L at equal level
    std::vector<RegulatoryStatus> regulatory;
    std::string summary;
    std::vector<std::string> trials;
    std::vector<SourceRef> sources;
    std::vector<TherapyFlag> flags;
    std::vector<PriorTherapyMark> prior_therapies{};  //!< the row's drugs the patient already received
    std::string note;                                 //!< e.g. "off-label: evidence is for CHOL"
};

//! A detected alteration, with the therapies it matches.
struct Finding {
    std::string id;  //!< stable within a report: F1, F2, ... in report order
    std::string gene;
    std::string alteration;  //!< short form: V600E, amplification, fusion, MSI-H, TMB-H, IHC 3+
    Category category = Category::small_variant;
    std::vector<std::string> biomarkers;  //!< KB biomarker ids matched
    Where where;
    std::optional<double> vaf;
    std::optional<int> depth;
    std::string details;          //!< human-readable extra facts (HGVS, copy number, partners, ...)
    std::optional<double> value;  //!< numeric value where meaningful (copy number, TMB, MSI score)
    std::vector<TherapyMatch> therapies;
    std::vector<std::string> caveats;
    //! The low-support caveat (low VAF or few variant-supporting reads), also in `caveats`; writers show
    //! it next to the finding on the first screen. Empty when the support is not low.
    std::string support_caveat;
    Oncogenicity oncogenicity = Oncogenicity::vus;
};

//! One row of the biomarker panel: detected / not_detected / not_assessed, with why.
struct BiomarkerStatus {
    std::string id;
    std::string label;
    std::string gene;
    Category category = Category::small_variant;
    BiomarkerState status = BiomarkerState::not_assessed;
    std::string reason;
    std::vector<std::string> finding_ids;
};

//! A per-patient therapy summary row: therapies ranked, each naming the findings that support it.
struct TherapySummary {
    std::vector<std::string> drugs;
    Level best_level = Level::level_4;
    bool on_label = false;
    Direction direction = Direction::sensitivity;
    std::vector<std::string> finding_ids;
    std::vector<std::string> evidence_ids;
    std::vector<std::string> flags;  //!< resistance/caution texts against it
    std::vector<std::string> trials;
    LevelSource best_level_source = LevelSource::curator;  //!< source of the evidence giving best_level
    bool tumor_specific_label =
        false;           //!< an approval for this tumour type (ranks before tumour-agnostic ones)
    int first_line = 1;  //!< earliest line any of its rows covers (ranking only)
    std::vector<PriorTherapyMark> prior_therapies{};  //!< of its rows, without repeats
};

//! Standard-of-care or testing context for the tumour type (shown apart from matched therapy).
struct ContextItem {
    std::string id;
    std::string kind;  //!< standard_of_care | testing | caveat
    std::string line;
    std::string title;
    std::string text;
    std::vector<SourceRef> sources;
};

struct InputFile {
    std::string role;  //!< vcf, maf, cnv, fusions, sv_vcf, ihc, msi, case, panel_bed
    std::string path;
    std::string sha256;
    std::string format;  //!< detected or given format
};

struct Provenance {
    std::string precis_version;
    std::string kb_version;
    std::string kb_hash;
    std::string command_line;
    std::string generated_at;  //!< ISO 8601 UTC; fixed under --deterministic
    std::vector<InputFile> inputs;
};

struct Setting {
    std::string name;
    std::string value;
};

//! Where the records of one input file ended (the counts add up to `records`).
struct InputAccount {
    std::string role;
    std::string file;
    std::string unit;  //!< allele, row, segment, record, result
    std::int64_t records = 0;
    std::int64_t in_findings = 0;
    std::int64_t in_other_findings = 0;
    std::int64_t biomarker_evidence = 0;  //!< results that decide a biomarker status (e.g. neutral CN, MSS)
    std::int64_t not_interpreted = 0;     //!< listed + counted
    std::map<std::string, std::int64_t> not_interpreted_reasons;  //!< reason -> count (listed and counted)
    std::map<std::string, std::vector<std::string>> examples;     //!< reason -> example records
    std::int64_t unaccounted = 0;  //!< records - the rest; 0 unless precis has a bug
};

//! The measured genomic signatures as numbers, whatever their status.
struct TmbMeasurement {
    std::string status;  //!< high | not_high | not_assessed
    std::optional<double> value;
    std::optional<std::int64_t> mutation_count;
    std::optional<double> panel_size_mb;
    std::string counting_rule;
    std::string source;  //!< computed | given
    double threshold = 10.0;
};

struct MsiMeasurement {
    std::string status;  //!< MSI-H | MSS | indeterminate | not_assessed
    std::optional<double> score;
    std::string caller;
    std::optional<double> threshold;          //!< MSI-H at score >= threshold
    std::optional<double> indeterminate_low;  //!< indeterminate in [low, threshold)
    std::string bands_source;
    std::string advice;
};

struct Report {
    std::string schema_version = kReportSchemaVersion;
    std::string sample_id;
    std::string tumor_type;
    std::string tumor_type_name;
    std::vector<std::string> tumor_type_lineage;  //!< e.g. IHCH, CHOL, BILIARY_TRACT, SOLID
    //! Set when the tumour type is outside the knowledge base's curated focus (kb::scope_note); the
    //! HTML header shows it and it is the first of `limitations` (no JSON field of its own).
    std::string scope_note;
    Genome genome = Genome::unknown;
    std::vector<Setting> specimen;              //!< specimen facts given by the user (purity, ...)
    std::optional<int> line_of_therapy;         //!< the line being decided, when given
    std::vector<PriorTherapy> prior_therapies;  //!< as given
    Provenance provenance;
    std::vector<Finding> findings;
    std::vector<Finding> other_findings;  //!< oncogenic non-actionable and VUS in KB genes
    std::vector<BiomarkerStatus> biomarkers;
    std::vector<NotInterpreted> not_interpreted;  //!< input records in knowledge-base genes not interpreted
    std::vector<InputAccount> input_accounting;   //!< per input file: where every record ended
    TmbMeasurement tmb;
    MsiMeasurement msi;
    std::vector<TherapySummary> therapy_summary;
    std::vector<ContextItem> context;
    std::vector<std::string> checks;    //!< consistency checks between inputs
    std::vector<Setting> thresholds;    //!< every rule/threshold used
    std::vector<std::string> warnings;  //!< skipped records (counted), build doubts, ...
    std::vector<std::string> limitations;
    std::string disclaimer;
    //! Copy-number segments and variant VAFs for plots (HTML); not in JSON.
    std::vector<CopyNumberCall> segments_for_plot;
    std::vector<SmallVariant> variants_for_plot;
};

}  // namespace precis
