// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/profile.hpp"

namespace precis::io {

//! One copy-number segment as written by a caller (coordinates converted to 1-based closed).
struct CnvSegment {
    std::string chrom;  //!< without "chr"
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::optional<double> log2;  //!< log2 copy ratio (CNVkit, GATK, CBS .seg)
    std::optional<double>
        copy_number;  //!< absolute total copy number as given (PURPLE, nMajor+nMinor, VCF CN, CNVkit cn)
    std::optional<double> minor_copy_number;
    std::string call;   //!< the caller's own call, kept for the rule text ("+", "-", "0", "DEL", ...)
    std::string genes;  //!< the caller's gene annotation of the segment (CNVkit "gene"), comma-separated
    std::int64_t line = 0;
};

//! One gene-level row (gene tables, cBioPortal discrete CNA, PURPLE gene copy number).
struct GeneCnvRow {
    std::string gene;
    std::optional<CopyNumberClass> called_class;  //!< from a call word or a -2..2 code
    std::string call_text;                        //!< the value as written
    std::optional<double> min_copy_number;        //!< PURPLE minCopyNumber
    std::optional<double> max_copy_number;        //!< PURPLE maxCopyNumber
    std::string chrom;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t line = 0;
};

struct CnvData {
    std::string format;  //!< cnvkit, gatk-seg, seg, segments, purple, gene-table, vcf
    std::string detail;  //!< e.g. "CNVkit .call.cns (cn column)", "wide cBioPortal discrete table"
    std::string sample;  //!< sample the rows belong to, when the file names one
    std::vector<CnvSegment> segments;
    std::vector<GeneCnvRow> genes;
    std::int64_t rows = 0;                        //!< data rows (records) read
    std::map<std::string, std::int64_t> skipped;  //!< rows skipped or left out, per reason
    std::vector<std::string> warnings;
};

struct CnvReadOptions {
    std::string format = "auto";  //!< auto|cnvkit|gatk-seg|seg|segments|purple|gene-table|vcf
    std::string sample_id;        //!< picks the column / rows of a multi-sample table
    bool strict = false;
};

//! Format names accepted by read_cnv (for --help and error messages).
const std::vector<std::string>& cnv_formats();

//! Reads a copy-number file. Rows with end < start, unparsable numbers or unknown call words are skipped
//! with one counted warning per reason (Error(input) naming file:line when strict). A file whose format
//! cannot be recognised throws Error(input) listing the known formats; a multi-sample table without a
//! sample choice throws Error(usage) listing its samples.
CnvData read_cnv(const std::string& path, const CnvReadOptions& options);

//! Parses a gene-level call: words (Amplification, Gain, Loss, Deletion, Deep Deletion, HOMDEL, Wild type,
//! Neutral, ...; case-insensitive) or cBioPortal/GISTIC codes -2..2 (2 = high-level amplification,
//! -2 = deep deletion, taken as homozygous). "Deletion" alone means deep deletion, as in OncoKB's
//! individual CNA format. Returns nullopt when the text is not a call.
std::optional<CopyNumberClass> parse_cnv_call(std::string_view text);

}  // namespace precis::io
