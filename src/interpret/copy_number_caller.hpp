// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "io/cnv_reader.hpp"
#include "kb/kb_types.hpp"
#include "model/genome.hpp"
#include "model/profile.hpp"

namespace precis::interpret {

//! The knowledge-base genes, looked up by symbol or alias (case-insensitive). Copy-number and fusion
//! interpretation take this rather than the whole KnowledgeBase so that tests can build genes by hand.
class GeneSet {
  public:
    explicit GeneSet(std::vector<kb::GeneInfo> genes);
    const std::vector<kb::GeneInfo>& all() const noexcept { return genes_; }
    const kb::GeneInfo* find(const std::string& symbol_or_alias) const;
    //! KB genes whose span on `genome` overlaps [start, end] (1-based closed).
    std::vector<const kb::GeneInfo*> overlapping(Genome genome, const std::string& chrom, std::int64_t start,
                                                 std::int64_t end) const;

  private:
    std::vector<kb::GeneInfo> genes_;
    std::map<std::string, std::size_t> index_;
};

//! Gene-level copy-number rules. Amplification: absolute total copy number >= amp_threshold(), where
//! amp_threshold() = amp_min_copy_number when the ploidy is unknown, else
//! max(amp_min_copy_number, amp_ploidy_factor x ploidy). Gains (above ploidy, below the threshold) are
//! never amplifications. Homozygous deletion: copy number < homdel_below (i.e. rounds to 0) after purity
//! adjustment. Loss/gain: copy number more than half a copy below/above the ploidy (2 when unknown).
struct CopyNumberRules {
    double amp_min_copy_number = 6.0;
    double amp_ploidy_factor = 2.5;
    std::optional<double> purity;  //!< tumour cell fraction 0-1
    std::optional<double> ploidy;  //!< tumour ploidy
    double homdel_below = 0.5;
    std::int64_t focal_max_length =
        10'000'000;  //!< segments up to 10 Mb are "focal" (arm-level events are longer)

    double amp_threshold() const;
    double baseline() const { return ploidy.value_or(2.0); }
    //! One line describing the rules, for the report's thresholds section.
    std::string describe() const;
};

//! Absolute total copy number from a log2 copy ratio (relative to a diploid normal), adjusting for
//! purity p and tumour ploidy P when known: ratio r = 2^log2 = (p*CN + 2(1-p)) / (p*P + 2(1-p)), so
//! CN = (r*(p*P + 2(1-p)) - 2(1-p)) / p. Without purity p = 1; without ploidy P = 2 (CN = 2r).
//! Clamped at 0 (extreme values such as log2 -30 give 0).
double log2_to_copy_number(double log2, std::optional<double> purity, std::optional<double> ploidy);

//! Classifies an absolute copy number; `rule` receives the rule that fired ("total CN 9 >= 6").
CopyNumberClass classify_copy_number(double copy_number, const CopyNumberRules& rules, std::string& rule);

//! Gene-level calls for the KB genes from segments or gene rows. Segments: each KB gene with a span on
//! `genome` takes the segments overlapping it; homozygous deletion if any overlapping segment is CN 0
//! (partial deletions inactivate a tumour suppressor), else amplification if any overlapping segment
//! reaches the threshold, else the class of the segment with the largest overlap. When the build is
//! unknown or a gene has no span, the caller's own gene annotation of the segment (CNVkit "gene") is
//! used instead, and the rule says so. Gene rows: a call word/code is read per io::cnv_vocabulary() and
//! the rule names the word and its vocabulary; an ambiguous word (a bare "Deletion" or "Amplification")
//! sets CopyNumberCall::ambiguity. PURPLE minCopyNumber is classified like a segment copy number. An
//! Oncotator row's segment_mean (log2) decides amplification and homozygous deletion by the rules above;
//! below them the segmenter's +/-/0 call decides gain/loss/neutral, and without a segment_mean '+'/'-'
//! are only a gain/loss (ambiguous). One call per KB gene: a row under the approved symbol wins over rows
//! under an alias. Calls are made for every KB gene covered, neutral ones included
//! (they distinguish "not detected" from "not assessed"). `file` names the input as recorded in the
//! report (in Where::file and the warnings).
std::vector<CopyNumberCall> call_copy_numbers(const io::CnvData& data, const std::string& file,
                                              const GeneSet& genes, Genome genome,
                                              const CopyNumberRules& rules,
                                              std::vector<std::string>& warnings);

}  // namespace precis::interpret
