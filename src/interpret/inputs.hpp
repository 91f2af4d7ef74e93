// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/input_name.hpp"
#include "interpret/copy_number_caller.hpp"
#include "interpret/cross_checks.hpp"
#include "interpret/fusion_assessment.hpp"
#include "interpret/tmb.hpp"
#include "model/genome.hpp"
#include "model/profile.hpp"
#include "model/report.hpp"

namespace precis::interpret {

//! Extra inputs of `precis interpret` besides the small variants (issue 3). Each file is opened as
//! `open` and recorded in the report (Where, warnings, ledgers, InputFile) as `shown`.
struct ExtraInputOptions {
    InputName cnv_path;
    std::string cnv_format = "auto";  // auto|cnvkit|gatk-seg|seg|segments|purple|oncotator|gene-table|vcf
    std::optional<double> purity;
    std::optional<double> ploidy;
    InputName fusions_path;
    std::string fusion_format = "auto";  // auto|arriba|star-fusion|table
    InputName sv_vcf_path;
    InputName ihc_path;  // JSON or CSV
    InputName msi_path;
    std::string msi_caller;  // msisensor|msisensor-pro|msisensor2|mantis|purple
    std::optional<double> msi_score;
    std::string msi_status;               // MSI-H|MSS
    std::optional<double> msi_threshold;  // override of the caller default
    std::optional<double> tmb;
    std::optional<double> panel_size_mb;
    InputName panel_bed;
    // A fusion needs at least 2 supporting reads (split + spanning) when the caller reports counts: one read
    // is indistinguishable from a chimeric artefact, and Arriba/STAR-Fusion already filter their output.
    int min_fusion_reads = 2;
    // Amplification at total copy number >= 6, or >= 2.5 x ploidy when the ploidy is known and higher
    // (threshold = max of the two). 6 copies is 3-fold over diploid, above CNVkit's 5-copy "ampdel"
    // convention and within the 5-6 copies quoted for NGS ERBB2 calls; scaling with ploidy keeps
    // whole-genome-doubled tumours (ploidy ~4: threshold 10) from calling broad gains amplifications
    // (PURPLE uses > 3 x ploidy). Gains below the threshold are never amplifications.
    double amp_min_copy_number = 6.0;
    double amp_ploidy_factor = 2.5;
    bool strict = false;
    std::string sample_id;    // to pick the column/rows of multi-sample tables
    std::string schemas_dir;  // for schemas/ihc.schema.json
};

//! The copy-number rules implied by the options (also printed in the report's thresholds).
CopyNumberRules copy_number_rules(const ExtraInputOptions& options);

//! Reads every extra input that is set, appends to profile.copy_numbers / fusions / ihc / msi (and tmb
//! when a PURPLE purity file gives it and no --tmb was given), sets profile.assessed flags, appends
//! warnings (counted skips) and one InputFile {role, path, sha256, format} per file. Auto-detected formats
//! are logged with spdlog::info.
void read_extra_inputs(const ExtraInputOptions& options, const GeneSet& genes, Genome genome,
                       Profile& profile, std::vector<InputFile>& inputs);

}  // namespace precis::interpret
