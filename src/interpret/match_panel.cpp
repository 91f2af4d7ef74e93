// SPDX-License-Identifier: Apache-2.0
// Stage 5 of interpret::match: the biomarker panel (detected / not_detected / indeterminate / not_assessed).
#include <algorithm>

#include "common/strings.hpp"
#include "interpret/match_support.hpp"
#include "interpret/matcher.hpp"

namespace precis::interpret {
namespace {

using detail::in_list;
using str::format_number;

constexpr const char* kMsiIndeterminateAdvice =
    "confirm by MMR immunohistochemistry (MLH1, MSH2, MSH6, PMS2) or MSI PCR before acting on it";

//! What the inputs say about one biomarker that no finding carries.
struct Assessment {
    bool assessable = false;
    bool indeterminate = false;  //!< the test was done; its result is in a grey zone
    std::string reason;
};

//! " (score 5.2 by msisensor; MSI-H >= 10, indeterminate 3 to <10)" for a scored result, else "".
std::string msi_numbers(const MsiResult& msi) {
    if (!msi.score) {
        return {};
    }
    std::string text = " (score " + format_number(*msi.score, 2) + " by " + msi.caller;
    if (msi.threshold) {
        text += "; MSI-H >= " + format_number(*msi.threshold, 2);
    }
    if (msi.indeterminate_low && msi.threshold) {
        text += ", indeterminate " + format_number(*msi.indeterminate_low, 2) + " to <" +
                format_number(*msi.threshold, 2);
    }
    return text + ")";
}

Assessment assess_small_variant(const kb::Biomarker& biomarker, const MatchInput& input,
                                const kb::KnowledgeBase& kb) {
    const Assessability& assessed = input.profile->assessed;
    if (!assessed.small_variants) {
        return {false, false, "no small-variant input (--vcf or --maf)"};
    }
    if (assessed.small_variants_annotated) {
        return {true, false, "no qualifying variant in the annotated small-variant calls"};
    }
    // Raw VCF: only catalogued hotspot codons can be read from coordinates.
    if (codons_catalogued(biomarker, kb, input.genome)) {
        return {true, false,
                "hotspot codon(s) checked by genomic coordinate in the unannotated VCF; no variant found"};
    }
    return {false, false,
            "the VCF carries no consequence annotation (VEP CSQ, SnpEff ANN or bcftools BCSQ) and this "
            "biomarker is not fully covered by the knowledge base's hotspot coordinates; annotate the "
            "VCF to assess it"};
}

Assessment assess_copy_number(const kb::Biomarker& biomarker, const Profile& profile) {
    if (!profile.assessed.copy_number) {
        return {false, false, "no copy-number input (--cnv)"};
    }
    // The input must actually say something about this gene (a neutral call counts).
    for (const CopyNumberCall& c : profile.copy_numbers) {
        if (str::iequals(c.gene, biomarker.gene)) {
            return {true, false,
                    biomarker.gene + " is " + std::string(to_string(c.cn_class)) +
                        (c.copy_number ? " (copy number " + format_number(*c.copy_number, 1) + ")" : "") +
                        (c.ambiguity.empty() ? "" : "; " + c.ambiguity)};
        }
    }
    return {false, false,
            "the copy-number input gives no call for " + biomarker.gene +
                " (no segment overlaps its span on this build, or the knowledge base has no span for it)"};
}

Assessment assess_fusion(const kb::Biomarker& biomarker, const MatchInput& input,
                         const kb::KnowledgeBase& kb) {
    const Assessability& assessed = input.profile->assessed;
    if (!assessed.fusions) {
        return {false, false, "no fusion or structural-variant input (--fusions or --sv-vcf)"};
    }
    // On a DNA panel, a rearrangement is seen only where the baits cover the intronic breakpoint
    // (e.g. FGFR2 intron 17); the knowledge base does not curate those introns, so precis cannot
    // tell whether this panel could detect it.
    if (assessed.fusions_dna_only && !biomarker.gene.empty()) {
        // Breakends are placed on genes by the knowledge base's spans for this build.
        const kb::GeneInfo* gene = kb.gene(biomarker.gene);
        if (gene == nullptr || gene->span.count(input.genome) == 0) {
            return {false, false,
                    "fusions only from structural-variant calls, and the knowledge base has no " +
                        biomarker.gene + " span for this genome build to place breakends on"};
        }
    }
    if (assessed.fusions_dna_only && assessed.panel_bed) {
        return {false, false,
                "fusions only from DNA structural-variant calls on a targeted panel: detection needs "
                "bait coverage of the intronic breakpoints (e.g. FGFR2 intron 17), which precis cannot "
                "verify for this panel; give RNA fusion calls (--fusions) to assess it"};
    }
    return {true, false,
            assessed.fusions_dna_only
                ? "no qualifying fusion in the SV calls (DNA-only: fusions with intronic "
                  "breakpoints outside the panel's covered regions can be missed)"
                : "no qualifying fusion in the fusion calls"};
}

Assessment assess_protein_expression(const kb::Biomarker& biomarker, const Profile& profile) {
    if (!profile.assessed.ihc_her2) {
        return {false, false, "no HER2 IHC result (--ihc)"};
    }
    Assessment result{true, false, "HER2 IHC result does not meet the definition"};
    // An equivocal IHC score that the definition resolves by ISH needs the ISH result.
    if (!biomarker.match.ish_status.empty()) {
        for (const IhcResult& ihc : profile.ihc) {
            if (str::iequals(ihc.marker, biomarker.match.ihc_marker) &&
                in_list(biomarker.match.ihc_scores, ihc.score) && ihc.ish_status.empty()) {
                result = {false, false,
                          "HER2 IHC " + ihc.score + " is equivocal and no ISH result was given (reflex ISH)"};
            }
        }
    }
    return result;
}

Assessment assess_msi(const Profile& profile) {
    if (!profile.assessed.msi) {
        return {false, false, "no MSI input (--msi, --msi-score or --msi-status)"};
    }
    if (profile.msi && profile.msi->status == "indeterminate") {
        return {false, true,
                "MSI score in the caller's indeterminate band" + msi_numbers(*profile.msi) + "; " +
                    kMsiIndeterminateAdvice};
    }
    if (!profile.msi) {
        return {false, false, "MSI score in the caller's indeterminate band"};
    }
    return {true, false, "MSI result is microsatellite stable" + msi_numbers(*profile.msi)};
}

Assessment assess_tmb(const Profile& profile) {
    if (profile.assessed.tmb && profile.tmb.has_value()) {
        return {true, false,
                "TMB " + format_number(profile.tmb->value, 1) + " mut/Mb is below " +
                    format_number(profile.tmb->threshold, 0)};
    }
    return {false, false,
            "no TMB value and no panel size to compute one (--tmb, --panel-size-mb or --panel-bed)"};
}

//! dMMR is excluded only when all four MMR proteins were stained and retained.
Assessment assess_mmr(const Profile& profile) {
    if (!profile.assessed.ihc_mmr) {
        return {false, false, "no MMR IHC result (--ihc)"};
    }
    std::vector<std::string> missing;
    for (const char* marker : {"MLH1", "MSH2", "MSH6", "PMS2"}) {
        const bool intact = std::any_of(profile.ihc.begin(), profile.ihc.end(), [&](const IhcResult& r) {
            return str::iequals(r.marker, marker) && str::lower(r.status) == "intact";
        });
        if (!intact) {
            missing.push_back(marker);
        }
    }
    if (missing.empty()) {
        return {true, false, "MLH1, MSH2, MSH6 and PMS2 intact by IHC"};
    }
    return {false, false,
            "no loss seen, but " + str::join(missing, ", ") +
                " not reported as intact (missing or not evaluable)"};
}

Assessment assess_category(const kb::Biomarker& biomarker, const MatchInput& input,
                           const kb::KnowledgeBase& kb) {
    const Profile& profile = *input.profile;
    switch (biomarker.category) {
        case Category::small_variant:
            return assess_small_variant(biomarker, input, kb);
        case Category::copy_number:
            return assess_copy_number(biomarker, profile);
        case Category::fusion:
            return assess_fusion(biomarker, input, kb);
        case Category::protein_expression:
            return assess_protein_expression(biomarker, profile);
        case Category::genomic_signature:
            if (biomarker.match.signature == "MSI-H") {
                return assess_msi(profile);
            }
            if (biomarker.match.signature == "TMB-H") {
                return assess_tmb(profile);
            }
            return assess_mmr(profile);
    }
    return {};
}

//! What the inputs say about a panel biomarker no finding carries, after the limits that apply to every
//! category: uninterpreted records in its gene, copy number for biomarkers it can also establish, panel
//! coverage.
Assessment assess(const kb::Biomarker& biomarker, const MatchInput& input, const kb::KnowledgeBase& kb,
                  const std::vector<const NotInterpreted*>& uncertain) {
    const Assessability& assessed = input.profile->assessed;
    Assessment result = assess_category(biomarker, input, kb);
    if (biomarker.category == Category::small_variant && assessed.small_variants) {
        if (const std::string blocked =
                blocking_records(biomarker, codons_catalogued(biomarker, kb, input.genome), uncertain);
            !blocked.empty()) {
            result.reason = result.assessable ? blocked : result.reason + "; " + blocked;
            result.assessable = false;
        }
    }
    // Biomarkers that copy number can also establish (PTEN loss) need both inputs to be negative.
    const bool also_from_cn = std::find(biomarker.also_from.begin(), biomarker.also_from.end(),
                                        Category::copy_number) != biomarker.also_from.end();
    if (result.assessable && also_from_cn && !assessed.copy_number) {
        result.assessable = false;
        result.reason += "; copy number not assessed (no --cnv), so loss by deletion is not excluded";
    }
    if (result.assessable && !biomarker.gene.empty() && in_list(assessed.genes_not_covered, biomarker.gene)) {
        result.assessable = false;
        result.reason = biomarker.gene + " is not covered by the panel (--panel-bed)";
    }
    return result;
}

}  // namespace

bool codons_catalogued(const kb::Biomarker& biomarker, const kb::KnowledgeBase& kb, Genome genome) {
    std::vector<int> needed = biomarker.match.codons;
    for (const std::string& change : biomarker.match.protein_changes) {
        if (const auto digits = change.find_first_of("0123456789"); digits != std::string::npos) {
            needed.push_back(
                static_cast<int>(str::to_int(change.substr(digits, change.size() - digits - 1)).value_or(0)));
        }
    }
    return !needed.empty() && !biomarker.match.codon_range &&
           std::all_of(needed.begin(), needed.end(), [&](int codon) {
               return std::any_of(kb.hotspots().begin(), kb.hotspots().end(), [&](const kb::HotspotCodon& h) {
                   return str::iequals(h.gene, biomarker.gene) && h.codon == codon &&
                          h.location.count(genome) != 0;
               });
           });
}

std::string blocking_records(const kb::Biomarker& biomarker, bool codon_level,
                             const std::vector<const NotInterpreted*>& records) {
    std::vector<std::string> names;
    std::size_t count = 0;
    for (const NotInterpreted* record : records) {
        if (!str::iequals(record->gene, biomarker.gene) || record->impact == GeneImpact::none ||
            (record->impact == GeneImpact::exon_level && codon_level)) {
            continue;
        }
        if (++count <= 2) {
            names.push_back(record->where.to_string() + ": " + record->reason);
        }
    }
    if (count == 0) {
        return {};
    }
    return std::to_string(count) + " " + biomarker.gene + " record(s) could not be interpreted (" +
           str::join(names, "; ") + (count > 2 ? "; ..." : "") + ")";
}

std::vector<BiomarkerStatus> biomarker_panel(const MatchInput& input, const kb::KnowledgeBase& kb,
                                             const DetectedBiomarkers& detected,
                                             const std::vector<const NotInterpreted*>& uncertain) {
    std::vector<BiomarkerStatus> panel;
    for (const kb::Biomarker& biomarker : kb.biomarkers()) {
        if (!biomarker.panel) {
            continue;
        }
        BiomarkerStatus status;
        status.id = biomarker.id;
        status.label = biomarker.label;
        status.gene = biomarker.gene;
        status.category = biomarker.category;
        if (const auto it = detected.find(biomarker.id); it != detected.end()) {
            status.status = BiomarkerState::detected;
            status.finding_ids = it->second;
            status.reason = "found in the inputs";
        } else {
            const Assessment result = assess(biomarker, input, kb, uncertain);
            status.status = result.indeterminate ? BiomarkerState::indeterminate
                            : result.assessable  ? BiomarkerState::not_detected
                                                 : BiomarkerState::not_assessed;
            status.reason = result.reason;
        }
        panel.push_back(std::move(status));
    }
    return panel;
}

}  // namespace precis::interpret
