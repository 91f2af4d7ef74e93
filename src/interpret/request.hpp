// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/report.hpp"

namespace precis::interpret {

//! Everything one interpretation needs besides the knowledge base: the sample, its tumour type, the input
//! files and the reading options. Filled by a front end (the CLI from options and a --case file, batch from
//! a samplesheet row) and passed to interpret() (interpret/pipeline.hpp). Paths are as the user gave them;
//! "-" is standard input (small variants only).
struct Request {
    std::string sample;
    std::string tumor_type;
    std::string genome;  //!< empty = detect from the input
    std::string vcf;
    std::string tumor_sample;
    std::string maf;
    std::string schemas_dir;     //!< for schemas/ihc.schema.json
    bool deterministic = false;  //!< byte-stable report: fixed time, no command line, file names only
    bool strict = false;
    bool include_filtered = false;
    int threads = 2;
    // Copy number, fusions, IHC, MSI, TMB.
    std::string cnv;
    std::string cnv_format = "auto";
    std::optional<double> purity;
    std::optional<double> ploidy;
    std::string fusions;
    std::string fusion_format = "auto";
    std::string sv_vcf;
    std::string ihc;
    std::string msi;
    std::string msi_caller;
    std::optional<double> msi_score;
    std::string msi_status;
    std::optional<double> msi_threshold;
    std::optional<double> tmb;
    std::optional<double> panel_size_mb;
    std::string panel_bed;
    int min_fusion_reads = 2;
    std::optional<double> amp_min_copy_number;
    //! Treatment history: the line of therapy being decided (1 = first line; nullopt = not given: the
    //! label's line is then not checked) and the therapies already received. Both are shown in the
    //! report; they change on_label (a label for other lines), ranking and flags (interpret/matcher.hpp).
    std::optional<int> line_of_therapy;
    std::vector<PriorTherapy> prior_therapies;
    //! Specimen facts from the case file ("specimen": {"stage": "IV", ...}), shown in every report.
    std::vector<std::pair<std::string, std::string>> specimen;
    //! The command line recorded in the report's provenance (omitted under `deterministic`).
    std::vector<std::string> command_line;
};

}  // namespace precis::interpret
