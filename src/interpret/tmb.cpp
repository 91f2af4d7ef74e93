// SPDX-License-Identifier: Apache-2.0
#include "interpret/tmb.hpp"

#include "common/error.hpp"
#include "common/limits.hpp"
#include "common/strings.hpp"
#include "interpret/inputs.hpp"
#include "interpret/protein.hpp"

namespace precis::interpret {

VariantObservation observation_of(const io::VcfAllele& allele) {
    VariantObservation observation;
    observation.chrom = allele.chrom;
    observation.pos = allele.pos;
    observation.ref = allele.ref;
    observation.alt = allele.alt;
    observation.vaf = allele.vaf;
    observation.depth = allele.depth;
    if (!allele.annotations.empty()) {
        VariantClass worst = VariantClass::noncoding;
        for (const auto& annotation : allele.annotations) {
            const VariantClass c = classify_consequence(annotation.consequence);
            if (is_protein_altering(c) ||
                (c == VariantClass::synonymous && worst == VariantClass::noncoding)) {
                worst = c;
                if (is_protein_altering(c)) {
                    break;
                }
            }
        }
        observation.variant_class = worst;
    }
    return observation;
}

VariantObservation observation_of(const io::MafRow& row) {
    VariantObservation observation;
    observation.chrom = row.chrom;
    observation.pos = row.start;
    observation.ref = row.ref;
    observation.alt = row.alt;
    observation.variant_class = classify_consequence(row.variant_classification);
    if (row.alt_count && row.ref_count && *row.alt_count + *row.ref_count > 0) {
        observation.vaf = static_cast<double>(*row.alt_count) / (*row.alt_count + *row.ref_count);
        observation.depth = *row.alt_count + *row.ref_count;
    }
    return observation;
}

TmbCounter::TmbCounter(const ExtraInputOptions& options) : given_(options.tmb) {
    if (given_ && !limits::kTmb.contains(*given_)) {
        throw Error(ErrorKind::usage, "--tmb " + str::format_fixed(*given_, 2),
                    "TMB must be a number in " + limits::kTmb.text() + " mutations/Mb",
                    "give the TMB in mutations per megabase");
    }
    if (options.panel_size_mb) {
        if (!limits::kPanelSizeMb.contains(*options.panel_size_mb)) {
            throw Error(ErrorKind::usage, "--panel-size-mb " + str::format_fixed(*options.panel_size_mb, 2),
                        "the panel size must be a number in " + limits::kPanelSizeMb.text() + " Mb",
                        "give the coding target size in megabases, e.g. 0.8");
        }
        panel_mb_ = options.panel_size_mb;
        panel_source_ = "--panel-size-mb";
    }
    if (!options.panel_bed.empty()) {
        bed_ = io::BedRegions::read(options.panel_bed, options.strict, bed_warnings_);
        if (!panel_mb_) {
            panel_mb_ = static_cast<double>(bed_->total_bases()) / 1e6;
            panel_source_ = "size of " + options.panel_bed.shown;
        }
    }
}

void TmbCounter::observe(const VariantObservation& observation) {
    ++observed_;
    if (bed_ && !bed_->contains(std::string(observation.chrom), observation.pos)) {
        ++outside_panel_;
        return;
    }
    if (observation.vaf && *observation.vaf < kMinVaf) {
        ++low_vaf_;
        return;
    }
    if (observation.depth && *observation.depth < kMinDepth) {
        ++low_depth_;
        return;
    }
    if (observation.variant_class == VariantClass::unknown) {
        ++counted_;
        ++counted_unannotated_;
        return;
    }
    if (!is_protein_altering(observation.variant_class)) {
        ++not_coding_;
        return;
    }
    ++counted_;
}

std::optional<TmbResult> TmbCounter::finish(std::vector<std::string>& warnings) const {
    warnings.insert(warnings.end(), bed_warnings_.begin(), bed_warnings_.end());
    TmbResult result;
    result.threshold = kHighThreshold;
    if (given_) {
        result.value = *given_;
        result.source = "given";
        result.panel_mb = panel_mb_;
        result.counting_rule = "TMB given by the user (--tmb); TMB-H at >= 10 mutations/Mb";
        return result;
    }
    if (!panel_mb_) {
        if (observed_ > 0) {
            warnings.push_back(
                "TMB not computed: the panel size is unknown (give --panel-size-mb or --panel-bed, "
                "or the assay's TMB with --tmb)");
        }
        return std::nullopt;
    }
    result.value = static_cast<double>(counted_) / *panel_mb_;
    result.source = "computed";
    result.counted_variants = counted_;
    result.panel_mb = panel_mb_;
    result.counting_rule =
        std::to_string(counted_) + " of " + std::to_string(observed_) + " passing alleles counted over " +
        str::format_fixed(*panel_mb_, 3) + " Mb (" + panel_source_ +
        "): coding non-synonymous when annotated, VAF >= 5% and depth >= 20 when given" +
        (bed_ ? ", inside the panel BED" : "") + "; excluded: " + std::to_string(not_coding_) +
        " synonymous/non-coding, " + std::to_string(low_vaf_) + " VAF < 5%, " + std::to_string(low_depth_) +
        " depth < 20" + (bed_ ? ", " + std::to_string(outside_panel_) + " outside the BED" : "") +
        "; TMB-H at >= 10 mutations/Mb";
    if (counted_unannotated_ > 0) {
        warnings.push_back(
            "TMB: " + std::to_string(counted_unannotated_) +
            " counted alleles carry no consequence annotation, so synonymous and non-coding variants "
            "could not be excluded: the computed TMB is an over-estimate (annotate with VEP or give "
            "--tmb)");
    }
    return result;
}

}  // namespace precis::interpret
