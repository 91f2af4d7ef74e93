// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/bed_reader.hpp"
#include "io/maf_reader.hpp"
#include "io/vcf_reader.hpp"
#include "model/profile.hpp"

namespace precis::interpret {

struct ExtraInputOptions;

//! Counting rules for a computed TMB (documented in the report through TmbResult::counting_rule):
//! * every passing SNV/MNV/indel allele streamed by the VCF/MAF reader is considered once;
//! * annotated alleles count only when coding non-synonymous (is_protein_altering: missense, nonsense,
//!   frameshift, in-frame, splice, start/stop lost); synonymous and non-coding alleles do not count;
//!   unannotated alleles (raw VCF) all count, and a warning says TMB is then over-estimated;
//! * VAF >= 5% and depth >= 20 reads when the record gives them (5%: FoundationOne CDx and PURPLE);
//! * inside --panel-bed when given; the denominator is --panel-size-mb, else the BED's merged size.
//! TMB-H at >= 10 mutations/Mb (FDA pembrolizumab tumour-agnostic label).
//! What the TMB counter needs of one VCF allele: its position, VAF, depth and worst consequence (the
//! first protein-altering one, else synonymous, else non-coding; unannotated alleles keep the default).
VariantObservation observation_of(const io::VcfAllele& allele);
//! The same for one MAF row (VAF and depth from t_alt_count / t_ref_count when both are given).
VariantObservation observation_of(const io::MafRow& row);

class TmbCounter {
  public:
    static constexpr double kMinVaf = 0.05;
    static constexpr int kMinDepth = 20;
    static constexpr double kHighThreshold = 10.0;

    //! Reads --panel-bed when given (throws Error(input) for an unreadable or empty BED).
    explicit TmbCounter(const ExtraInputOptions& options);

    void observe(const VariantObservation& observation);
    //! The TMB (a given value takes precedence) or nullopt when no denominator is known.
    std::optional<TmbResult> finish(std::vector<std::string>& warnings) const;

    std::int64_t observed() const noexcept { return observed_; }
    std::int64_t counted() const noexcept { return counted_; }

  private:
    std::optional<double> given_;
    std::optional<double> panel_mb_;
    std::string panel_source_;
    std::optional<io::BedRegions> bed_;
    std::vector<std::string> bed_warnings_;
    std::int64_t observed_ = 0;
    std::int64_t counted_ = 0;
    std::int64_t counted_unannotated_ = 0;
    std::int64_t not_coding_ = 0;
    std::int64_t low_vaf_ = 0;
    std::int64_t low_depth_ = 0;
    std::int64_t outside_panel_ = 0;
};

}  // namespace precis::interpret
