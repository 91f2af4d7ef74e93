// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/report.hpp"

//! Report writers for people and for other systems: HTML (tumour board), TSV (spreadsheets, LIMS),
//! FHIR R4 (EHRs) and PDF (HTML printed by headless Chromium). Writers hold no interpretation logic:
//! they render the Report exactly as built, in the order given. Formats are documented in
//! src/report/FORMATS.md.
namespace precis::report {

//! One self-contained HTML page (inline CSS and SVG, no scripts, no external resources) with print
//! CSS for A4 and Letter. Every string taken from the report is escaped with html_escape().
std::string render_html(const Report& report);

//! Tab-separated table: a header row, then one row per finding x therapy (a finding without
//! therapies still gets one row). Column order is fixed; see tsv_columns() and FORMATS.md.
std::string render_tsv(const Report& report);

//! "curator-assigned", or the source and its date ("oncokb 2024-12-19", "fda_label 2024-04-05"): how every
//! writer names the origin of a level.
std::string level_source_text(const LevelProvenance& source);
//! One prior therapy holding a row's drugs, as text: "imatinib: progression (best response PR)",
//! "pembrolizumab: toxicity (pneumonitis grade 3)". Shared by the TSV, HTML and FHIR writers.
std::string prior_therapy_text(const PriorTherapyMark& mark);

//! FHIR R4 Bundle (type "collection") following the HL7 Genomics Reporting IG STU3 (3.0.0) profiles:
//! genomic-report, variant, molecular-biomarker, therapeutic-implication. Ids are urn:uuid values
//! derived from the sample id and finding ids, so the output is byte-stable for the same report.
std::string render_fhir(const Report& report);

//! Prints an HTML page to PDF with headless Chromium and returns the PDF. Chromium works in a private
//! temporary directory (removed afterwards); nothing is written anywhere else. Throws Error(output),
//! naming `label` (the PDF path the user will look for), when Chromium is missing, fails or times out.
std::string print_pdf(const std::string& html, const std::string& label);

//! Prints an existing HTML file to PDF (print_pdf) and writes it to pdf_path atomically
//! (write_file_atomically). Throws Error(output) when the HTML is missing or Chromium fails.
void write_pdf(const std::string& html_path, const std::string& pdf_path);

//! The Chromium executable to use: $PRECIS_CHROMIUM if set and executable, else the first of
//! /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome found executable.
std::optional<std::string> find_chromium();

//! Escapes text for HTML and XML/SVG text and double- or single-quoted attribute values:
//! & < > " ' become entities; C0 control characters (except tab, LF, CR), DEL and NUL become U+FFFD.
std::string html_escape(std::string_view text);

//! Makes a value safe for one TSV cell: tab, CR and LF become a space; a value that a spreadsheet
//! would read as a formula (leading = + @, or - not followed by a digit or '.') gets a leading '.
std::string tsv_field(std::string_view text);

//! The TSV columns, in output order.
const std::vector<std::string>& tsv_columns();

//! Writes the report set of one sample into `out_dir` (ReportSet: every file to a temporary first, the
//! set replaced together under the sample's lock): `formats` is a comma list of json, html, tsv, fhir,
//! pdf; `pdf` adds pdf. Returns the paths written, in the order json, html, tsv, fhir, pdf.
std::vector<std::string> write_reports(const Report& report, const std::string& out_dir,
                                       const std::string& formats, bool pdf);

}  // namespace precis::report
