// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/input_name.hpp"
#include "model/genome.hpp"

namespace precis::io {

//! One MAF row of the chosen tumour sample (columns found by name: GDC/vcf2maf MAF, cBioPortal MAF,
//! the OncoKB annotator's minimal MAF, MOAlmanac's "Start_position"/"Protein_Change" variant).
struct MafRow {
    std::int64_t line = 0;
    std::string gene;
    std::string chrom;
    std::int64_t start = 0;
    std::string ref;
    std::string alt;
    std::string protein;  //!< HGVSp_Short, else Protein_Change, else HGVSp
    std::string variant_classification;
    std::string transcript;
    std::optional<int> alt_count;
    std::optional<int> ref_count;
    std::optional<int> depth;
};

struct MafData {
    std::string sample;
    std::string sample_reason;
    Genome genome = Genome::unknown;  //!< from NCBI_Build (unknown when absent or mixed)
    std::vector<MafRow> rows;
    bool has_protein_column = true;                       //!< false: coordinates only (TCGA MAF v2.4 style)
    std::int64_t data_rows = 0;                           //!< every data row of the file
    std::int64_t other_sample_rows = 0;                   //!< rows of other Tumor_Sample_Barcodes
    std::int64_t skipped = 0;                             //!< malformed rows (see skipped_reasons)
    std::map<std::string, std::int64_t> skipped_reasons;  //!< no gene/protein/position, numbers out of range
    std::vector<std::string> skipped_examples;
};

//! Reads a MAF; `sample` picks Tumor_Sample_Barcode when the file has several (else Error(usage) naming
//! them). Throws Error(input) for a missing file or missing required columns (Hugo_Symbol, and a protein
//! change column or Chromosome/Start_Position/Reference_Allele/Tumor_Seq_Allele2).
MafData read_maf(const InputName& file, const std::string& sample, bool strict);

}  // namespace precis::io
