// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/input_name.hpp"
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

//! One gene-level row (gene tables, cBioPortal discrete CNA, PURPLE gene copy number, Oncotator
//! seg.annotated).
struct GeneCnvRow {
    std::string gene;
    std::optional<CopyNumberClass> called_class;  //!< from a call word, a -2..2 code or a +/-/0 call
    std::string call_text;                        //!< the value as written
    std::string vocabulary;                       //!< whose meaning of call_text was applied
    std::string ambiguity;       //!< what the call leaves open ("" = nothing); becomes a finding caveat
    std::optional<double> log2;  //!< Oncotator segment_mean (log2 copy ratio of the segment)
    std::optional<double> min_copy_number;  //!< PURPLE minCopyNumber
    std::optional<double> max_copy_number;  //!< PURPLE maxCopyNumber
    std::string chrom;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t line = 0;
};

struct CnvData {
    std::string format;  //!< cnvkit, gatk-seg, seg, segments, purple, oncotator, gene-table, vcf
    std::string detail;  //!< e.g. "CNVkit .call.cns (cn column)", "wide cBioPortal discrete table"
    std::string sample;  //!< sample the rows belong to, when the file names one
    std::vector<CnvSegment> segments;
    std::vector<GeneCnvRow> genes;
    std::int64_t rows = 0;                        //!< data rows (records) read
    std::map<std::string, std::int64_t> skipped;  //!< rows skipped or left out, per reason
    //! CNV VCF records naming a contig or tag the header does not define (kept; see io::check_record).
    std::int64_t undefined_names = 0;
    std::vector<std::string> warnings;
};

struct CnvReadOptions {
    std::string format = "auto";  //!< auto|cnvkit|gatk-seg|seg|segments|purple|oncotator|gene-table|vcf
    std::string sample_id;        //!< picks the column / rows of a multi-sample table
    bool strict = false;
};

//! Format names accepted by read_cnv (for --help and error messages).
const std::vector<std::string>& cnv_formats();

//! Reads a copy-number file. Rows with end < start, unparsable numbers or unknown call words are skipped
//! with one counted warning per reason (Error(input) naming file:line when strict). A file whose format
//! cannot be recognised throws Error(input) listing the known formats; a multi-sample table without a
//! sample choice throws Error(usage) listing its samples.
CnvData read_cnv(const InputName& file, const CnvReadOptions& options);

//! The gene-table vocabulary: every word and code precis understands, what it is read as, whose meaning
//! that is, and, for a word that does not fix the copy number, why it is ambiguous. Matching is
//! case-insensitive on the trimmed text. Summary (README "Copy number"):
//!   - GISTIC / cBioPortal discrete codes: 2 high-level amplification, 1 gain, 0 neutral, -1 single-copy
//!     loss, -2 deep (homozygous) deletion. Unambiguous by the format's definition.
//!   - OncoKB CNA words (its annotator maps GISTIC 2 -> Amplification, 1 -> Gain, -1 -> Loss,
//!     -2 -> Deletion): Gain and Loss are read as such. "Amplification" and "Deletion" are read in OncoKB's
//!     (and cBioPortal's) sense, high-level amplification and deep deletion, but are AMBIGUOUS: MOAlmanac's
//!     called-CN table writes them for the top / bottom 2.5% of a sample's segment means, i.e. also for
//!     low-level gains and one-copy losses. The call carries that fact, and the finding a caveat.
//!   - cBioPortal names (Deep Deletion, Shallow Deletion, Diploid, HOMDEL, HETLOSS, GAIN) and MOAlmanac's
//!     "Baseline" / "Wild type": unambiguous.
//! Anything else is not a call: the row is skipped with a counted warning (Error(input) when strict).
struct CnvVocabularyEntry {
    std::string_view text;  //!< lower case
    CopyNumberClass cn_class;
    std::string_view vocabulary;
    std::string_view ambiguity;  //!< "" when the word fixes the class; else how it was read and why
};
const std::vector<CnvVocabularyEntry>& cnv_vocabulary();

//! How one gene-table call was read.
struct CnvCallReading {
    CopyNumberClass cn_class = CopyNumberClass::neutral;
    std::string vocabulary;
    std::string ambiguity;  //!< names the word as written; "" when unambiguous
};

//! Reads a gene-level call (a word or code of cnv_vocabulary()); nullopt when the text is not a call.
std::optional<CnvCallReading> read_cnv_call(std::string_view text);

//! The class alone (see read_cnv_call).
std::optional<CopyNumberClass> parse_cnv_call(std::string_view text);

}  // namespace precis::io
