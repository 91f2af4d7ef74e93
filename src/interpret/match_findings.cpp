// SPDX-License-Identifier: Apache-2.0
// Stage 1 of interpret::match: alterations -> findings.
#include <algorithm>
#include <cctype>

#include "common/strings.hpp"
#include "interpret/match_support.hpp"
#include "interpret/matcher.hpp"

namespace precis::interpret {
namespace {

using detail::in_list;
using str::format_number;

bool class_allowed(const kb::BiomarkerMatch& match, VariantClass variant_class) {
    if (match.variant_classes.empty()) {
        return is_protein_altering(variant_class);
    }
    return std::find(match.variant_classes.begin(), match.variant_classes.end(), variant_class) !=
           match.variant_classes.end();
}

bool matches_small_variant(const kb::Biomarker& biomarker, const kb::BiomarkerMatch& match,
                           const SmallVariant& v) {
    if (!str::iequals(biomarker.gene, v.gene)) {
        return false;
    }
    if (!match.protein_changes.empty()) {
        return in_list(match.protein_changes, v.protein_change);
    }
    if (!v.protein_start) {
        return false;
    }
    const int first = *v.protein_start;
    const int last = v.protein_end.value_or(first);
    if (!match.codons.empty()) {
        const bool hit = std::any_of(match.codons.begin(), match.codons.end(),
                                     [&](int codon) { return codon >= first && codon <= last; });
        return hit && class_allowed(match, v.variant_class);
    }
    if (match.codon_range) {
        const bool hit = first <= match.codon_range->second && last >= match.codon_range->first;
        return hit && class_allowed(match, v.variant_class);
    }
    // Gene-level class rule (e.g. PTEN truncating).
    return !match.variant_classes.empty() && class_allowed(match, v.variant_class);
}

bool matches_copy_number(const kb::Biomarker& biomarker, const kb::BiomarkerMatch& match,
                         const CopyNumberCall& c) {
    return str::iequals(biomarker.gene, c.gene) && in_list(match.copy_number, to_string(c.cn_class));
}

bool mmr_marker(const std::string& marker) {
    const std::string m = str::upper(marker);
    return m == "MLH1" || m == "MSH2" || m == "MSH6" || m == "PMS2";
}

bool is_lost(const IhcResult& result) {
    return ihc_presence(result.status) == "lost";
}

//! "Low variant allele fraction (2.0%)", "Only 3 variant-supporting reads", or both, with the advice to
//! confirm; empty when the variant's support is not low (or not known).
std::string support_caveat(const SmallVariant& v) {
    std::vector<std::string> reasons;
    if (v.vaf && *v.vaf < kLowVafCaveat) {
        reasons.push_back("low variant allele fraction (" + format_number(*v.vaf * 100.0, 1) + "%)");
    }
    if (v.alt_reads && *v.alt_reads < kFewReadsCaveat) {
        reasons.push_back("only " + std::to_string(*v.alt_reads) + " variant-supporting read" +
                          (*v.alt_reads == 1 ? "" : "s"));
    }
    if (reasons.empty()) {
        return {};
    }
    std::string text =
        str::join(reasons, " and ") + ": possibly subclonal or an artefact; confirm before acting.";
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

Finding variant_finding(const SmallVariant& v) {
    Finding finding;
    finding.gene = v.gene;
    finding.alteration =
        v.protein_change.empty() ? (v.hgvsc.empty() ? "variant" : v.hgvsc) : v.protein_change;
    finding.category = Category::small_variant;
    finding.where = v.where;
    finding.vaf = v.vaf;
    finding.depth = v.depth;
    std::vector<std::string> details;
    if (!v.chrom.empty()) {
        details.push_back(v.chrom + ":" + std::to_string(v.pos) + " " + v.ref + ">" + v.alt);
    }
    if (!v.transcript.empty()) {
        details.push_back(v.transcript);
    }
    details.push_back(to_string(v.variant_class));
    details.push_back("from " + v.annotation_source);
    if (!v.numbering_note.empty()) {
        details.push_back(v.numbering_note);
    }
    finding.details = str::join(details, "; ");
    finding.support_caveat = support_caveat(v);
    if (!finding.support_caveat.empty()) {
        finding.caveats.push_back(finding.support_caveat);
    }
    return finding;
}

void add_variants(const Profile& profile, const kb::KnowledgeBase& kb, Alterations& out) {
    for (const SmallVariant& v : profile.variants) {
        Finding finding = variant_finding(v);
        for (const kb::Biomarker& biomarker : kb.biomarkers()) {
            if (biomarker.category == Category::small_variant &&
                matches_small_variant(biomarker, biomarker.match, v)) {
                finding.biomarkers.push_back(biomarker.id);
            }
        }
        if (v.variant_class == VariantClass::unknown && v.protein_change.empty()) {
            out.not_interpreted.push_back({"", v.where, v.gene,
                                           "no consequence and no protein change for this " + v.gene +
                                               " variant: not interpreted, so the gene's biomarkers are not "
                                               "assessed",
                                           GeneImpact::all});
            continue;
        }
        if (!finding.biomarkers.empty()) {
            out.findings.push_back(std::move(finding));
            continue;
        }
        if (!is_protein_altering(v.variant_class)) {
            out.not_interpreted.push_back(
                {"", v.where, v.gene,
                 std::string("not protein-altering (") + to_string(v.variant_class) + ")", GeneImpact::none});
            continue;
        }
        if (!v.protein_start) {
            finding.caveats.push_back(
                "No protein position in the annotation: which " + v.gene +
                " exon or codon this variant affects is unknown, so the gene's biomarkers are not "
                "assessed.");
            out.uncertain.push_back({"", v.where, v.gene,
                                     "protein-altering but without a protein position (see other findings)",
                                     GeneImpact::all});
        }
        const bool hotspot_codon =
            std::any_of(kb.hotspots().begin(), kb.hotspots().end(), [&](const auto& codon) {
                return codon.gene == v.gene && v.protein_start && *v.protein_start == codon.codon;
            });
        finding.oncogenicity = hotspot_codon ? Oncogenicity::oncogenic_hotspot : Oncogenicity::vus;
        out.other_findings.push_back(std::move(finding));
    }
}

Finding copy_number_finding(const CopyNumberCall& c) {
    Finding finding;
    finding.gene = c.gene;
    finding.alteration =
        c.cn_class == CopyNumberClass::homozygous_deletion ? "homozygous deletion" : to_string(c.cn_class);
    finding.category = Category::copy_number;
    finding.where = c.where;
    finding.value = c.copy_number;
    std::vector<std::string> details;
    if (c.copy_number)
        details.push_back("copy number " + format_number(*c.copy_number, 1));
    if (c.log2)
        details.push_back("log2 " + format_number(*c.log2, 2));
    if (!c.chrom.empty())
        details.push_back("segment " + c.chrom + ":" + std::to_string(c.start) + "-" + std::to_string(c.end));
    if (c.focal)
        details.push_back(*c.focal ? "focal" : "broad");
    if (!c.rule.empty())
        details.push_back("rule: " + c.rule);
    finding.details = str::join(details, "; ");
    if (!c.ambiguity.empty()) {
        std::string caveat = c.ambiguity + ".";
        caveat[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(caveat[0])));
        finding.caveats.push_back(std::move(caveat));
    }
    return finding;
}

void add_copy_numbers(const Profile& profile, const kb::KnowledgeBase& kb, Alterations& out) {
    for (const CopyNumberCall& c : profile.copy_numbers) {
        if (c.cn_class == CopyNumberClass::neutral) {
            continue;
        }
        Finding finding = copy_number_finding(c);
        for (const kb::Biomarker& biomarker : kb.biomarkers()) {
            const bool also_from_cn = std::find(biomarker.also_from.begin(), biomarker.also_from.end(),
                                                Category::copy_number) != biomarker.also_from.end();
            if ((biomarker.category == Category::copy_number &&
                 matches_copy_number(biomarker, biomarker.match, c)) ||
                (also_from_cn && matches_copy_number(biomarker, biomarker.copy_number_match, c))) {
                finding.biomarkers.push_back(biomarker.id);
            }
        }
        if (!finding.biomarkers.empty()) {
            out.findings.push_back(std::move(finding));
        } else if (c.cn_class == CopyNumberClass::amplification ||
                   c.cn_class == CopyNumberClass::homozygous_deletion) {
            finding.oncogenicity = Oncogenicity::copy_number_without_therapy;
            out.other_findings.push_back(std::move(finding));
        }
    }
}

Finding fusion_finding(const FusionEvent& event) {
    Finding finding;
    finding.gene = event.gene;
    finding.alteration = event.label.empty() ? "fusion" : event.label;
    finding.category = Category::fusion;
    finding.where = event.fusion.where;
    std::vector<std::string> details;
    details.push_back("5' " + (event.fusion.gene5.empty() ? std::string("unknown") : event.fusion.gene5) +
                      ", 3' " + (event.fusion.gene3.empty() ? std::string("unknown") : event.fusion.gene3));
    if (event.fusion.split_reads)
        details.push_back(std::to_string(*event.fusion.split_reads) + " split reads");
    if (event.fusion.spanning_reads)
        details.push_back(std::to_string(*event.fusion.spanning_reads) + " spanning");
    if (!event.fusion.frame.empty())
        details.push_back(event.fusion.frame);
    if (!event.reason.empty())
        details.push_back(event.reason);
    details.push_back("caller: " + event.fusion.caller);
    finding.details = str::join(details, "; ");
    return finding;
}

void add_fusions(const std::vector<FusionEvent>& events, const kb::KnowledgeBase& kb, Alterations& out) {
    for (const FusionEvent& event : events) {
        Finding finding = fusion_finding(event);
        for (const kb::Biomarker& biomarker : kb.biomarkers()) {
            if (biomarker.category != Category::fusion || !str::iequals(biomarker.gene, event.gene)) {
                continue;
            }
            const std::string& role = biomarker.match.fusion_role;
            const bool role_ok =
                role.empty() || role == "any" || role == event.role || event.role == "unknown";
            if (role_ok && event.kinase_retained != std::optional<bool>(false)) {
                finding.biomarkers.push_back(biomarker.id);
            }
        }
        if (!event.fusion.support_note.empty()) {
            finding.caveats.push_back(event.fusion.support_note);
        }
        if (finding.biomarkers.empty()) {
            finding.oncogenicity = Oncogenicity::fusion_domain_lost;
            out.other_findings.push_back(std::move(finding));
            continue;
        }
        if (!event.kinase_retained) {
            finding.caveats.push_back(
                "Retention of the " + event.gene + " kinase/functional domain was not checked (" +
                (event.fusion.breakpoint5 || event.fusion.breakpoint3
                     ? std::string("no curated kinase-retaining region for this build")
                     : std::string("no breakpoint given")) +
                "): confirm the fusion structure (partner, frame, breakpoint) before acting.");
        }
        out.findings.push_back(std::move(finding));
    }
}

void add_her2_ihc(const Profile& profile, const kb::KnowledgeBase& kb, Alterations& out) {
    for (const IhcResult& result : profile.ihc) {
        if (str::upper(result.marker) != "HER2") {
            continue;
        }
        Finding finding;
        finding.gene = "ERBB2";
        finding.alteration = "HER2 IHC " + result.score;
        if (!result.ish_status.empty()) {
            finding.alteration += ", ISH " + result.ish_status;
        }
        finding.category = Category::protein_expression;
        finding.where = result.where;
        std::vector<std::string> details;
        if (!result.scoring.empty())
            details.push_back(result.scoring + " scoring");
        if (result.ish_ratio)
            details.push_back("HER2/CEP17 ratio " + format_number(*result.ish_ratio, 2));
        finding.details = str::join(details, "; ");
        for (const kb::Biomarker& biomarker : kb.biomarkers()) {
            if (biomarker.category != Category::protein_expression ||
                !str::iequals(biomarker.match.ihc_marker, result.marker)) {
                continue;
            }
            const bool score_ok = in_list(biomarker.match.ihc_scores, result.score);
            const bool ish_ok =
                biomarker.match.ish_status.empty() || biomarker.match.ish_status == result.ish_status;
            if (score_ok && ish_ok) {
                finding.biomarkers.push_back(biomarker.id);
            }
        }
        if (!finding.biomarkers.empty()) {
            out.findings.push_back(std::move(finding));
        }
    }
}

//! Whether a KB biomarker recognises this IHC marker by status (ihc_status in its match or ihc_match).
bool status_marker(const kb::Biomarker& biomarker, const std::string& marker) {
    const bool also_ihc = std::find(biomarker.also_from.begin(), biomarker.also_from.end(),
                                    Category::protein_expression) != biomarker.also_from.end();
    return (biomarker.category == Category::protein_expression && !biomarker.match.ihc_status.empty() &&
            str::iequals(biomarker.match.ihc_marker, marker)) ||
           (also_ihc && str::iequals(biomarker.ihc_match.ihc_marker, marker));
}

bool status_matches(const kb::Biomarker& biomarker, const std::string& status) {
    const kb::BiomarkerMatch& match =
        biomarker.category == Category::protein_expression ? biomarker.match : biomarker.ihc_match;
    return in_list(match.ihc_status, status);
}

//! Presence-scored IHC markers with a KB biomarker (SDHB): "lost" becomes a finding with the biomarkers
//! whose ihc_status lists it; a status that is neither lost nor retained is not interpreted (with why).
void add_status_ihc(const Profile& profile, const kb::KnowledgeBase& kb, Alterations& out) {
    for (const IhcResult& result : profile.ihc) {
        std::vector<const kb::Biomarker*> candidates;
        for (const kb::Biomarker& biomarker : kb.biomarkers()) {
            if (status_marker(biomarker, result.marker)) {
                candidates.push_back(&biomarker);
            }
        }
        if (candidates.empty()) {
            continue;
        }
        const std::string status = ihc_presence(result.status);
        if (status.empty()) {
            out.not_interpreted.push_back({"", result.where, candidates.front()->gene,
                                           result.marker + " IHC status '" + result.status +
                                               "' is neither lost nor retained: not interpreted, so " +
                                               result.marker + " loss by IHC is not assessed",
                                           GeneImpact::none});
            continue;
        }
        Finding finding;
        for (const kb::Biomarker* biomarker : candidates) {
            if (status_matches(*biomarker, status)) {
                finding.biomarkers.push_back(biomarker->id);
            }
        }
        if (finding.biomarkers.empty()) {
            continue;  // e.g. SDHB retained: the evidence that SDH deficiency is not shown (accounting)
        }
        finding.gene = candidates.front()->gene;
        finding.alteration = result.marker + (status == "lost" ? " loss by IHC" : " retained by IHC");
        finding.category = Category::protein_expression;
        finding.where = result.where;
        finding.details =
            "IHC status " + result.status + (result.clone.empty() ? "" : "; clone " + result.clone);
        out.findings.push_back(std::move(finding));
    }
}

void add_signature(const kb::KnowledgeBase& kb, const std::string& signature, Where where,
                   std::optional<double> value, const std::string& details, Alterations& out) {
    Finding finding;
    finding.alteration = signature;
    finding.category = Category::genomic_signature;
    finding.where = std::move(where);
    finding.value = value;
    finding.details = details;
    for (const kb::Biomarker& biomarker : kb.biomarkers()) {
        if (biomarker.category == Category::genomic_signature && biomarker.match.signature == signature) {
            finding.biomarkers.push_back(biomarker.id);
        }
    }
    if (!finding.biomarkers.empty()) {
        out.findings.push_back(std::move(finding));
    }
}

void add_signatures(const Profile& profile, const kb::KnowledgeBase& kb, Alterations& out) {
    if (profile.msi && profile.msi->status == "MSI-H") {
        std::string details = "caller " + profile.msi->caller;
        if (profile.msi->score)
            details += "; score " + format_number(*profile.msi->score, 2);
        if (profile.msi->threshold)
            details += "; MSI-H at >= " + format_number(*profile.msi->threshold, 2);
        add_signature(kb, "MSI-H", profile.msi->where, profile.msi->score, details, out);
    }
    if (profile.tmb && profile.tmb->value >= profile.tmb->threshold) {
        std::string details = format_number(profile.tmb->value, 1) + " mut/Mb (" + profile.tmb->source + ")";
        if (profile.tmb->counted_variants)
            details += "; " + std::to_string(*profile.tmb->counted_variants) + " variants counted";
        if (profile.tmb->panel_mb)
            details += " over " + format_number(*profile.tmb->panel_mb, 2) + " Mb";
        if (!profile.tmb->counting_rule.empty())
            details += "; " + profile.tmb->counting_rule;
        add_signature(kb, "TMB-H", Where{"TMB", 0, ""}, profile.tmb->value, details, out);
    }
    std::vector<std::string> lost;
    Where where;
    for (const IhcResult& result : profile.ihc) {
        if (mmr_marker(result.marker) && is_lost(result)) {
            lost.push_back(str::upper(result.marker));
            where = result.where;
        }
    }
    if (!lost.empty()) {
        add_signature(kb, "dMMR", where, std::nullopt, "MMR protein loss by IHC: " + str::join(lost, ", "),
                      out);
    }
}

}  // namespace

std::vector<std::string> status_ihc_markers(const kb::KnowledgeBase& kb) {
    std::vector<std::string> markers;
    for (const kb::Biomarker& biomarker : kb.biomarkers()) {
        for (const kb::BiomarkerMatch* match : {&biomarker.match, &biomarker.ihc_match}) {
            if (!match->ihc_marker.empty() && status_marker(biomarker, match->ihc_marker) &&
                !in_list(markers, str::upper(match->ihc_marker))) {
                markers.push_back(str::upper(match->ihc_marker));
            }
        }
    }
    return markers;
}

Alterations find_alterations(const MatchInput& input, const kb::KnowledgeBase& kb) {
    const Profile& profile = *input.profile;
    Alterations out;
    add_variants(profile, kb, out);
    add_copy_numbers(profile, kb, out);
    add_fusions(input.fusions, kb, out);
    add_her2_ihc(profile, kb, out);
    add_status_ihc(profile, kb, out);
    add_signatures(profile, kb, out);
    return out;
}

}  // namespace precis::interpret
