// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

#include "model/report.hpp"

//! The cohort summary of a directory of per-sample reports (DIR/<sample>/<sample>.precis.json): the model
//! built from fresh reports (`precis batch`) or from the report JSON on disk (`precis cohort DIR`), and its
//! two outputs, DIR/cohort.precis.tsv and DIR/cohort.precis.html (documented in src/report/FORMATS.md).
//! Uses model, common and report (escaping); batch and the CLI use it.
namespace precis::cohort {

//! A sample's state in the cohort. Only ok and resumed samples have findings and biomarker calls.
enum class SampleStatus {
    ok,          //!< reported (interpreted in this batch, or read from its JSON report)
    resumed,     //!< `precis batch --resume`: the unchanged report of an earlier run
    failed,      //!< the interpretation failed (batch.json records the error)
    unreadable,  //!< its JSON report is missing, damaged or does not follow schemas/report.schema.json
};
const char* to_string(SampleStatus status) noexcept;  //!< "ok", "resumed", "failed", "unreadable"

//! One finding of a sample (a row of cohort.precis.tsv).
struct CohortFinding {
    std::string id;
    std::string gene;
    std::string alteration;
    std::string category;
    std::optional<Level> best_level;  //!< best sensitivity level
    bool on_label = false;
    bool actionable = false;             //!< is_actionable(): a sensitivity option at level 1 to 3B
    std::vector<std::string> therapies;  //!< "drug+drug" per sensitivity match, unique, in report order
};

//! One panel biomarker's status in one sample, as the report gives it.
struct BiomarkerCall {
    std::string id;
    std::string label;
    BiomarkerState state = BiomarkerState::not_assessed;
};

struct CohortSample {
    std::string sample;
    std::string tumor_type;  //!< OncoTree code; empty when unknown (an unreadable report)
    SampleStatus status = SampleStatus::failed;
    std::string error;  //!< why the sample failed or is unreadable
    //! The report files' path relative to the cohort directory without the suffix ("A/A"); the HTML
    //! report is <stem>.precis.html. Empty when there is no report directory.
    std::string report_stem;
    std::vector<CohortFinding> findings;
    std::vector<BiomarkerCall> biomarkers;  //!< in report order

    bool reported() const { return status == SampleStatus::ok || status == SampleStatus::resumed; }
    //! Findings with a sensitivity option at level 1 to 3B (the report's own "Actionable findings").
    std::size_t actionable_findings() const;
};

//! The cohort sample of a report just built (status ok).
CohortSample from_report(const Report& report, const std::string& report_stem);

//! The cohort sample of a parsed report JSON (schemas/report.schema.json; status ok). Throws Error(input)
//! naming `label` when a member the cohort needs is missing or has the wrong type.
CohortSample from_report_json(const rapidjson::Value& report, const std::string& label,
                              const std::string& report_stem);

//! Reads the cohort of `dir`: the samples of dir/batch.json when it exists (in its order; a failed one as
//! failed with its error, an ok or resumed one from dir/<sample>/<sample>.precis.json), else every
//! dir/*/*.precis.json (sorted by path). A report that cannot be read, parsed or validated against
//! `schemas_dir`/report.schema.json (skipped when `schemas_dir` is empty) becomes an unreadable sample
//! with the reason. Throws Error(usage) when `dir` is missing or not a directory, Error(input) when
//! batch.json is damaged or there is no sample at all.
std::vector<CohortSample> load_cohort(const std::string& dir, const std::string& schemas_dir);

//! cohort.precis.tsv: a header, then one row per sample x finding (a sample without findings, a failed
//! and an unreadable sample get one row each, with the error in the last column).
std::string render_cohort_tsv(const std::vector<CohortSample>& samples);

//! cohort.precis.html: one self-contained page (inline CSS and SVG, no scripts, no external resources,
//! the per-sample report's Content-Security-Policy): biomarker prevalence, the actionable fraction per
//! tumour type, an oncoprint of samples x biomarkers and the sample table with relative links to each
//! sample's HTML report (`html_links[i]`, empty for none). Every text is escaped.
std::string render_cohort_html(const std::vector<CohortSample>& samples,
                               const std::vector<std::string>& html_links);

//! Writes dir/cohort.precis.tsv and dir/cohort.precis.html, each to a temporary file renamed into place;
//! a sample's HTML report is linked when dir/<report_stem>.precis.html exists. Returns the two paths.
//! Throws Error(output).
std::vector<std::string> write_cohort(const std::string& dir, const std::vector<CohortSample>& samples);

}  // namespace precis::cohort
