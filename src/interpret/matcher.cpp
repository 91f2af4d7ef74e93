// SPDX-License-Identifier: Apache-2.0
#include "interpret/matcher.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "common/strings.hpp"
#include "kb/tumor_scope.hpp"

namespace precis::interpret {

namespace {

std::string format_number(double value, int precision = 2) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(precision);
    out << value;
    std::string text = out.str();
    while (text.find('.') != std::string::npos && (text.back() == '0' || text.back() == '.')) {
        const bool dot = text.back() == '.';
        text.pop_back();
        if (dot) {
            break;
        }
    }
    return text;
}

bool in_list(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

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

std::string fusion_alteration(const FusionEvent& event) {
    return event.label.empty() ? "fusion" : event.label;
}

bool mmr_marker(const std::string& marker) {
    const std::string m = str::upper(marker);
    return m == "MLH1" || m == "MSH2" || m == "MSH6" || m == "PMS2";
}

bool is_lost(const IhcResult& result) {
    const std::string s = str::lower(result.status);
    return s == "lost" || s == "loss" || s == "absent" || s == "deficient" || s == "negative";
}

//! True when the biomarker is fixed to codons (exact protein changes or a codon list) that all have a
//! hotspot-codon location on `genome`: a raw record elsewhere is then excluded by its position.
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

//! The records that leave a small-variant biomarker unknown: an uninterpreted record in its gene (any
//! such record for GeneImpact::all; for GeneImpact::exon_level only when the biomarker is not fixed to
//! codons, which were checked by position). Empty when none.
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

constexpr const char* kMsiIndeterminateAdvice =
    "confirm by MMR immunohistochemistry (MLH1, MSH2, MSH6, PMS2) or MSI PCR before acting on it";

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

//! Ranks a finding's therapies (on-label first, then level, then an approval for this tumour type before a
//! tumour-agnostic one) and keeps one row per drug combination and direction: the best-ranked.
void rank_and_deduplicate(std::vector<TherapyMatch>& therapies) {
    const auto key = [](const TherapyMatch& t) {
        return std::make_tuple(!t.on_label, level_rank(t.level), !t.tumor_specific_label, !t.tumor_type_match,
                               str::join(t.drugs, "+"));
    };
    std::stable_sort(therapies.begin(), therapies.end(),
                     [&](const TherapyMatch& a, const TherapyMatch& b) { return key(a) < key(b); });
    std::set<std::string> seen;
    std::vector<TherapyMatch> unique;
    for (TherapyMatch& therapy : therapies) {
        std::vector<std::string> drugs = therapy.drugs;
        std::sort(drugs.begin(), drugs.end());
        if (seen.insert(therapy.direction + ":" + str::join(drugs, "+")).second) {
            unique.push_back(std::move(therapy));
        }
    }
    therapies = std::move(unique);
}

struct Level {
    std::string level;
    bool match = false;
};

}  // namespace

int level_rank(const std::string& level) {
    static const std::map<std::string, int> kRank = {{"1", 0}, {"2", 1},  {"3A", 2}, {"3B", 3},
                                                     {"4", 4}, {"R1", 5}, {"R2", 6}};
    const auto it = kRank.find(level);
    return it == kRank.end() ? 9 : it->second;
}

std::string off_context_level(const std::string& level) {
    if (level == "1" || level == "2" || level == "3A")
        return "3B";
    if (level == "R1")
        return "R2";
    return level;
}

std::string amp_tier(const std::string& level, bool tumor_type_match) {
    if (tumor_type_match) {
        if (level == "1" || level == "2" || level == "R1")
            return "I-A";
        if (level == "3A" || level == "R2")
            return "I-B";
        if (level == "3B")
            return "II-C";
        return "II-D";
    }
    if (level == "4")
        return "II-D";
    return "II-C";
}

Report match(const MatchInput& input, const kb::KnowledgeBase& kb) {
    const Profile& profile = *input.profile;
    Report report;
    report.tumor_type = input.tumor_type;
    if (const kb::TumorType* type = kb.tumor_type(input.tumor_type)) {
        report.tumor_type_name = type->name;
    }
    report.tumor_type_lineage = kb.lineage(input.tumor_type);
    report.scope_note = kb::scope_note(kb, input.tumor_type);

    const auto within_any = [&](const std::vector<std::string>& codes) {
        return std::any_of(codes.begin(), codes.end(),
                           [&](const std::string& code) { return kb.is_within(input.tumor_type, code); });
    };

    // ---- 1. alterations -> findings ----
    std::vector<Finding> findings;
    const auto add_finding = [&](Finding finding) {
        findings.push_back(std::move(finding));
        return findings.size() - 1;
    };
    // Records whose gene is uncertain: listed as not interpreted, or other findings without a position.
    std::vector<NotInterpreted> uncertain;
    for (const SmallVariant& v : profile.variants) {
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
        if (v.vaf && *v.vaf < 0.05) {
            finding.caveats.push_back("Low variant allele fraction (" + format_number(*v.vaf * 100.0, 1) +
                                      "%): possibly subclonal or an artefact; confirm before acting.");
        }
        for (const kb::Biomarker& biomarker : kb.biomarkers()) {
            const bool primary = biomarker.category == Category::small_variant &&
                                 matches_small_variant(biomarker, biomarker.match, v);
            if (primary) {
                finding.biomarkers.push_back(biomarker.id);
            }
        }
        if (v.variant_class == VariantClass::unknown && v.protein_change.empty()) {
            report.not_interpreted.push_back(
                {"", v.where, v.gene,
                 "no consequence and no protein change for this " + v.gene +
                     " variant: not interpreted, so the gene's biomarkers are not assessed",
                 GeneImpact::all});
            continue;
        }
        if (finding.biomarkers.empty()) {
            if (!is_protein_altering(v.variant_class)) {
                report.not_interpreted.push_back(
                    {"", v.where, v.gene,
                     std::string("not protein-altering (") + to_string(v.variant_class) + ")",
                     GeneImpact::none});
                continue;
            }
            if (!v.protein_start) {
                finding.caveats.push_back(
                    "No protein position in the annotation: which " + v.gene +
                    " exon or codon this variant affects is unknown, so the gene's biomarkers are not "
                    "assessed.");
                uncertain.push_back({"", v.where, v.gene,
                                     "protein-altering but without a protein position (see other findings)",
                                     GeneImpact::all});
            }
            const bool hotspot_codon =
                std::any_of(kb.hotspots().begin(), kb.hotspots().end(), [&](const auto& codon) {
                    return codon.gene == v.gene && v.protein_start && *v.protein_start == codon.codon;
                });
            finding.oncogenicity = hotspot_codon ? "oncogenic (hotspot codon, no matched therapy)" : "vus";
            report.other_findings.push_back(std::move(finding));
            continue;
        }
        add_finding(std::move(finding));
    }
    for (const CopyNumberCall& c : profile.copy_numbers) {
        if (c.cn_class == CopyNumberClass::neutral) {
            continue;
        }
        Finding finding;
        finding.gene = c.gene;
        finding.alteration = c.cn_class == CopyNumberClass::homozygous_deletion ? "homozygous deletion"
                                                                                : to_string(c.cn_class);
        finding.category = Category::copy_number;
        finding.where = c.where;
        finding.value = c.copy_number;
        std::vector<std::string> details;
        if (c.copy_number)
            details.push_back("copy number " + format_number(*c.copy_number, 1));
        if (c.log2)
            details.push_back("log2 " + format_number(*c.log2, 2));
        if (!c.chrom.empty())
            details.push_back("segment " + c.chrom + ":" + std::to_string(c.start) + "-" +
                              std::to_string(c.end));
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
        for (const kb::Biomarker& biomarker : kb.biomarkers()) {
            if ((biomarker.category == Category::copy_number &&
                 matches_copy_number(biomarker, biomarker.match, c)) ||
                (std::find(biomarker.also_from.begin(), biomarker.also_from.end(), Category::copy_number) !=
                     biomarker.also_from.end() &&
                 matches_copy_number(biomarker, biomarker.copy_number_match, c))) {
                finding.biomarkers.push_back(biomarker.id);
            }
        }
        if (finding.biomarkers.empty()) {
            if (c.cn_class == CopyNumberClass::amplification ||
                c.cn_class == CopyNumberClass::homozygous_deletion) {
                finding.oncogenicity = "no matched therapy";
                report.other_findings.push_back(std::move(finding));
            }
            continue;
        }
        add_finding(std::move(finding));
    }
    for (const FusionEvent& event : input.fusions) {
        Finding finding;
        finding.gene = event.gene;
        finding.alteration = fusion_alteration(event);
        finding.category = Category::fusion;
        finding.where = event.fusion.where;
        std::vector<std::string> details;
        details.push_back("5' " + (event.fusion.gene5.empty() ? std::string("unknown") : event.fusion.gene5) +
                          ", 3' " +
                          (event.fusion.gene3.empty() ? std::string("unknown") : event.fusion.gene3));
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
        if (!finding.biomarkers.empty() && !event.kinase_retained) {
            finding.caveats.push_back(
                "Retention of the " + event.gene + " kinase/functional domain was not checked (" +
                (event.fusion.breakpoint5 || event.fusion.breakpoint3
                     ? std::string("no curated kinase-retaining region for this build")
                     : std::string("no breakpoint given")) +
                "): confirm the fusion structure (partner, frame, breakpoint) before acting.");
        }
        if (finding.biomarkers.empty()) {
            finding.oncogenicity =
                "fusion without the retained kinase/functional domain (reported, not matched)";
            report.other_findings.push_back(std::move(finding));
            continue;
        }
        add_finding(std::move(finding));
    }
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
            add_finding(std::move(finding));
        }
    }
    // Genomic signatures.
    const auto add_signature = [&](const std::string& signature, const std::string& alteration, Where where,
                                   std::optional<double> value, const std::string& details) {
        Finding finding;
        finding.alteration = alteration;
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
            add_finding(std::move(finding));
        }
    };
    if (profile.msi && profile.msi->status == "MSI-H") {
        std::string details = "caller " + profile.msi->caller;
        if (profile.msi->score)
            details += "; score " + format_number(*profile.msi->score, 2);
        if (profile.msi->threshold)
            details += "; MSI-H at >= " + format_number(*profile.msi->threshold, 2);
        add_signature("MSI-H", "MSI-H", profile.msi->where, profile.msi->score, details);
    }
    if (profile.tmb && profile.tmb->value >= profile.tmb->threshold) {
        std::string details = format_number(profile.tmb->value, 1) + " mut/Mb (" + profile.tmb->source + ")";
        if (profile.tmb->counted_variants)
            details += "; " + std::to_string(*profile.tmb->counted_variants) + " variants counted";
        if (profile.tmb->panel_mb)
            details += " over " + format_number(*profile.tmb->panel_mb, 2) + " Mb";
        if (!profile.tmb->counting_rule.empty())
            details += "; " + profile.tmb->counting_rule;
        add_signature("TMB-H", "TMB-H", Where{"TMB", 0, ""}, profile.tmb->value, details);
    }
    {
        std::vector<std::string> lost;
        Where where;
        for (const IhcResult& result : profile.ihc) {
            if (mmr_marker(result.marker) && is_lost(result)) {
                lost.push_back(str::upper(result.marker));
                where = result.where;
            }
        }
        if (!lost.empty()) {
            add_signature("dMMR", "dMMR", where, std::nullopt,
                          "MMR protein loss by IHC: " + str::join(lost, ", "));
        }
    }

    // ---- 2. evidence -> therapies ----
    for (Finding& finding : findings) {
        for (const std::string& biomarker_id : finding.biomarkers) {
            for (const kb::EvidenceItem& evidence : kb.evidence()) {
                if (evidence.biomarker != biomarker_id) {
                    continue;
                }
                if (within_any(evidence.excluded_tumor_types)) {
                    finding.caveats.push_back(str::join(evidence.drugs, " + ") + " (" + evidence.id +
                                              "): not offered; the evidence excludes " +
                                              str::join(evidence.excluded_tumor_types, ", ") +
                                              (evidence.summary.empty() ? "" : ". " + evidence.summary));
                    continue;
                }
                TherapyMatch therapy;
                therapy.evidence_id = evidence.id;
                therapy.drugs = evidence.drugs;
                therapy.direction = evidence.direction;
                therapy.kb_level = evidence.oncokb_level;
                therapy.level_source = evidence.level_source;
                therapy.tumor_type_match = within_any(evidence.tumor_types);
                therapy.level = therapy.tumor_type_match ? evidence.oncokb_level
                                                         : off_context_level(evidence.oncokb_level);
                therapy.amp_tier = amp_tier(therapy.level, therapy.tumor_type_match);
                therapy.escat = evidence.escat;
                therapy.evidence_tumor_types = evidence.tumor_types;
                therapy.line_of_therapy = evidence.line_of_therapy;
                for (const kb::Regulatory& reg : evidence.regulatory) {
                    RegulatoryStatus status{reg.agency, reg.status, reg.date, reg.indication, false};
                    status.covers_tumor_type = within_any(reg.tumor_types);
                    const bool current = reg.status == "approved" || reg.status == "accelerated_approval" ||
                                         reg.status == "conditional_approval";
                    if (current && status.covers_tumor_type) {
                        therapy.on_label = true;
                        therapy.tumor_specific_label =
                            therapy.tumor_specific_label ||
                            std::find(reg.tumor_types.begin(), reg.tumor_types.end(), "SOLID") ==
                                reg.tumor_types.end();
                    }
                    therapy.regulatory.push_back(std::move(status));
                }
                therapy.summary = evidence.summary;
                therapy.trials = evidence.trials;
                therapy.sources = evidence.sources;
                // Resistance evidence from other tumour types is no row of this patient's therapy list.
                if (!therapy.tumor_type_match && therapy.direction == "resistance" && !therapy.on_label) {
                    const std::string note =
                        "Resistance evidence for other tumour types, not applied here: " +
                        str::join(evidence.drugs, " + ") + " (" + evidence.oncokb_level + " in " +
                        str::join(evidence.tumor_types, ", ") + ").";
                    if (!in_list(finding.caveats, note)) {
                        finding.caveats.push_back(note);
                    }
                    continue;
                }
                if (!therapy.tumor_type_match) {
                    therapy.note = "the evidence is for " + str::join(evidence.tumor_types, ", ") +
                                   "; level lowered from " + evidence.oncokb_level + " to " + therapy.level +
                                   (therapy.on_label
                                        ? " (on-label here through an approval that covers this tumour type)"
                                        : " (off-label)");
                }
                for (const kb::Caveat& caveat : evidence.caveats) {
                    if (caveat.tumor_types.empty() || within_any(caveat.tumor_types)) {
                        const std::string text = caveat.text;
                        if (!in_list(finding.caveats, text)) {
                            finding.caveats.push_back(text);
                        }
                    }
                }
                finding.therapies.push_back(std::move(therapy));
            }
        }
        rank_and_deduplicate(finding.therapies);
        finding.oncogenicity =
            finding.therapies.empty() ? "oncogenic (biomarker without matched therapy here)" : "actionable";
    }

    // Stable order: category, then gene, then alteration; ids F1.. in that order.
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::make_tuple(static_cast<int>(a.category), a.gene, a.alteration) <
               std::make_tuple(static_cast<int>(b.category), b.gene, b.alteration);
    });
    for (std::size_t i = 0; i < findings.size(); ++i) {
        findings[i].id = "F" + std::to_string(i + 1);
    }
    for (std::size_t i = 0; i < report.other_findings.size(); ++i) {
        report.other_findings[i].id = "O" + std::to_string(i + 1);
    }

    // ---- 3. reasoning rules ----
    std::map<std::string, std::vector<std::string>> detected;  // biomarker -> finding ids
    for (const Finding& finding : findings) {
        for (const std::string& biomarker : finding.biomarkers) {
            detected[biomarker].push_back(finding.id);
        }
    }
    for (const kb::ReasoningRule& rule : kb.rules()) {
        std::vector<std::string> triggers;
        for (const std::string& co : rule.co_biomarkers) {
            const auto it = detected.find(co);
            if (it != detected.end()) {
                triggers.insert(triggers.end(), it->second.begin(), it->second.end());
            }
        }
        if (triggers.empty()) {
            continue;
        }
        for (Finding& finding : findings) {
            const bool finding_in_scope =
                rule.therapy_biomarkers.empty() ||
                std::any_of(finding.biomarkers.begin(), finding.biomarkers.end(),
                            [&](const std::string& b) { return in_list(rule.therapy_biomarkers, b); });
            if (!finding_in_scope) {
                continue;
            }
            for (TherapyMatch& therapy : finding.therapies) {
                if (therapy.direction != "sensitivity") {
                    continue;
                }
                const bool drug_hit =
                    std::any_of(therapy.drugs.begin(), therapy.drugs.end(),
                                [&](const std::string& d) { return in_list(rule.therapy_drugs, d); });
                std::vector<std::string> others;
                for (const std::string& id : triggers) {
                    if (id != finding.id && !in_list(others, id)) {
                        others.push_back(id);
                    }
                }
                if (drug_hit && !others.empty()) {
                    therapy.flags.push_back(
                        TherapyFlag{rule.id, rule.effect, rule.text, others, rule.sources});
                }
            }
        }
    }

    // ---- 4. therapy summary ----
    std::map<std::string, TherapySummary> summary;
    for (const Finding& finding : findings) {
        for (const TherapyMatch& therapy : finding.therapies) {
            std::vector<std::string> drugs = therapy.drugs;
            std::sort(drugs.begin(), drugs.end());
            const std::string key = therapy.direction + ":" + str::join(drugs, "+");
            TherapySummary& row = summary[key];
            if (row.drugs.empty()) {
                row.drugs = drugs;
                row.direction = therapy.direction;
                row.best_level = therapy.level;
                row.best_level_source = therapy.level_source.type;
            }
            if (level_rank(therapy.level) < level_rank(row.best_level)) {
                row.best_level = therapy.level;
                row.best_level_source = therapy.level_source.type;
            }
            row.on_label = row.on_label || therapy.on_label;
            row.tumor_specific_label = row.tumor_specific_label || therapy.tumor_specific_label;
            if (!in_list(row.finding_ids, finding.id))
                row.finding_ids.push_back(finding.id);
            if (!in_list(row.evidence_ids, therapy.evidence_id))
                row.evidence_ids.push_back(therapy.evidence_id);
            for (const TherapyFlag& flag : therapy.flags) {
                const std::string text = flag.effect + ": " + flag.text + " [" + flag.rule_id + "; " +
                                         str::join(flag.finding_ids, ", ") + "]";
                if (!in_list(row.flags, text))
                    row.flags.push_back(text);
            }
            for (const std::string& trial : therapy.trials) {
                if (!in_list(row.trials, trial))
                    row.trials.push_back(trial);
            }
        }
    }
    for (auto& [key, row] : summary) {
        report.therapy_summary.push_back(row);
    }
    std::stable_sort(
        report.therapy_summary.begin(), report.therapy_summary.end(), [](const auto& a, const auto& b) {
            // Level, then an approval for this tumour type before a tumour-agnostic one.
            return std::make_tuple(a.direction != "sensitivity", !a.on_label, level_rank(a.best_level),
                                   !a.tumor_specific_label, str::join(a.drugs, "+")) <
                   std::make_tuple(b.direction != "sensitivity", !b.on_label, level_rank(b.best_level),
                                   !b.tumor_specific_label, str::join(b.drugs, "+"));
        });

    // ---- 5. biomarker panel ----
    const Assessability& assessed = profile.assessed;
    std::vector<const NotInterpreted*> uncertain_records;
    for (const InputLedger& ledger : profile.ledgers) {
        for (const NotInterpreted& record : ledger.listed) {
            uncertain_records.push_back(&record);
        }
    }
    for (const NotInterpreted& record : report.not_interpreted) {
        uncertain_records.push_back(&record);
    }
    for (const NotInterpreted& record : uncertain) {
        uncertain_records.push_back(&record);
    }
    std::set<int> hotspot_codons_for_gene;
    for (const kb::Biomarker& biomarker : kb.biomarkers()) {
        if (!biomarker.panel) {
            continue;
        }
        BiomarkerStatus status;
        status.id = biomarker.id;
        status.label = biomarker.label;
        status.gene = biomarker.gene;
        status.category = biomarker.category;
        const auto it = detected.find(biomarker.id);
        if (it != detected.end()) {
            status.status = "detected";
            status.finding_ids = it->second;
            status.reason = "found in the inputs";
            report.biomarkers.push_back(std::move(status));
            continue;
        }
        std::string reason;
        bool assessable = false;
        bool indeterminate = false;  // the test was done; its result is in a grey zone
        const bool gene_not_covered =
            !biomarker.gene.empty() && in_list(assessed.genes_not_covered, biomarker.gene);
        switch (biomarker.category) {
            case Category::small_variant: {
                if (!assessed.small_variants) {
                    reason = "no small-variant input (--vcf or --maf)";
                    break;
                }
                if (assessed.small_variants_annotated) {
                    assessable = true;
                    reason = "no qualifying variant in the annotated small-variant calls";
                    break;
                }
                // Raw VCF: only catalogued hotspot codons can be read from coordinates.
                const bool all_catalogued = codons_catalogued(biomarker, kb, input.genome);
                if (all_catalogued) {
                    assessable = true;
                    reason =
                        "hotspot codon(s) checked by genomic coordinate in the unannotated VCF; no variant "
                        "found";
                } else {
                    reason =
                        "the VCF carries no consequence annotation (VEP CSQ, SnpEff ANN or bcftools BCSQ) "
                        "and this "
                        "biomarker is not fully covered by the knowledge base's hotspot coordinates; "
                        "annotate the "
                        "VCF to assess it";
                }
                break;
            }
            case Category::copy_number: {
                assessable = assessed.copy_number;
                reason = assessable ? "no qualifying copy-number call" : "no copy-number input (--cnv)";
                // The input must actually say something about this gene (a neutral call counts).
                const bool called = std::any_of(
                    profile.copy_numbers.begin(), profile.copy_numbers.end(),
                    [&](const CopyNumberCall& c) { return str::iequals(c.gene, biomarker.gene); });
                if (assessable && !called) {
                    assessable = false;
                    reason = "the copy-number input gives no call for " + biomarker.gene +
                             " (no segment overlaps its span on this build, or the knowledge base has no "
                             "span for it)";
                } else if (assessable) {
                    for (const CopyNumberCall& c : profile.copy_numbers) {
                        if (str::iequals(c.gene, biomarker.gene)) {
                            reason =
                                biomarker.gene + " is " + std::string(to_string(c.cn_class)) +
                                (c.copy_number ? " (copy number " + format_number(*c.copy_number, 1) + ")"
                                               : "") +
                                (c.ambiguity.empty() ? "" : "; " + c.ambiguity);
                            break;
                        }
                    }
                }
                break;
            }
            case Category::fusion:
                assessable = assessed.fusions;
                // On a DNA panel, a rearrangement is seen only where the baits cover the intronic breakpoint
                // (e.g. FGFR2 intron 17); the knowledge base does not curate those introns, so precis cannot
                // tell whether this panel could detect it.
                if (assessable && assessed.fusions_dna_only && !biomarker.gene.empty()) {
                    // Breakends are placed on genes by the knowledge base's spans for this build.
                    const kb::GeneInfo* gene = kb.gene(biomarker.gene);
                    if (gene == nullptr || gene->span.count(input.genome) == 0) {
                        assessable = false;
                        reason =
                            "fusions only from structural-variant calls, and the knowledge base has no " +
                            biomarker.gene + " span for this genome build to place breakends on";
                        break;
                    }
                }
                if (assessable && assessed.fusions_dna_only && assessed.panel_bed) {
                    assessable = false;
                    reason =
                        "fusions only from DNA structural-variant calls on a targeted panel: detection needs "
                        "bait coverage of the intronic breakpoints (e.g. FGFR2 intron 17), which precis "
                        "cannot "
                        "verify for this panel; give RNA fusion calls (--fusions) to assess it";
                    break;
                }
                reason = assessable
                             ? (assessed.fusions_dna_only
                                    ? "no qualifying fusion in the SV calls (DNA-only: fusions with intronic "
                                      "breakpoints outside the panel's covered regions can be missed)"
                                    : "no qualifying fusion in the fusion calls")
                             : "no fusion or structural-variant input (--fusions or --sv-vcf)";
                break;
            case Category::protein_expression: {
                assessable = assessed.ihc_her2;
                reason = assessable ? "HER2 IHC result does not meet the definition"
                                    : "no HER2 IHC result (--ihc)";
                // An equivocal IHC score that the definition resolves by ISH needs the ISH result.
                if (assessable && !biomarker.match.ish_status.empty()) {
                    for (const IhcResult& result : profile.ihc) {
                        if (str::iequals(result.marker, biomarker.match.ihc_marker) &&
                            in_list(biomarker.match.ihc_scores, result.score) && result.ish_status.empty()) {
                            assessable = false;
                            reason = "HER2 IHC " + result.score +
                                     " is equivocal and no ISH result was given (reflex ISH)";
                        }
                    }
                }
                break;
            }
            case Category::genomic_signature:
                if (biomarker.match.signature == "MSI-H") {
                    assessable = assessed.msi && profile.msi && profile.msi->status != "indeterminate";
                    indeterminate = assessed.msi && profile.msi && profile.msi->status == "indeterminate";
                    reason = !assessed.msi ? "no MSI input (--msi, --msi-score or --msi-status)"
                             : assessable  ? "MSI result is microsatellite stable" + msi_numbers(*profile.msi)
                                           : "MSI score in the caller's indeterminate band" +
                                                msi_numbers(*profile.msi) + "; " + kMsiIndeterminateAdvice;
                } else if (biomarker.match.signature == "TMB-H") {
                    assessable = assessed.tmb && profile.tmb.has_value();
                    reason = assessable ? "TMB " + format_number(profile.tmb->value, 1) +
                                              " mut/Mb is below " + format_number(profile.tmb->threshold, 0)
                                        : "no TMB value and no panel size to compute one (--tmb, "
                                          "--panel-size-mb or --panel-bed)";
                } else {
                    // dMMR is excluded only when all four MMR proteins were stained and retained.
                    std::vector<std::string> missing;
                    for (const char* marker : {"MLH1", "MSH2", "MSH6", "PMS2"}) {
                        const bool intact =
                            std::any_of(profile.ihc.begin(), profile.ihc.end(), [&](const IhcResult& r) {
                                return str::iequals(r.marker, marker) && str::lower(r.status) == "intact";
                            });
                        if (!intact) {
                            missing.push_back(marker);
                        }
                    }
                    assessable = assessed.ihc_mmr && missing.empty();
                    reason = !assessed.ihc_mmr ? "no MMR IHC result (--ihc)"
                             : assessable      ? "MLH1, MSH2, MSH6 and PMS2 intact by IHC"
                                               : "no loss seen, but " + str::join(missing, ", ") +
                                                " not reported as intact (missing or not evaluable)";
                }
                break;
        }
        if (biomarker.category == Category::small_variant && assessed.small_variants) {
            if (const std::string blocked = blocking_records(
                    biomarker, codons_catalogued(biomarker, kb, input.genome), uncertain_records);
                !blocked.empty()) {
                reason = assessable ? blocked : reason + "; " + blocked;
                assessable = false;
            }
        }
        // Biomarkers that copy number can also establish (PTEN loss) need both inputs to be negative.
        if (assessable && !biomarker.also_from.empty() && !assessed.copy_number) {
            assessable = false;
            reason += "; copy number not assessed (no --cnv), so loss by deletion is not excluded";
        }
        if (assessable && gene_not_covered) {
            assessable = false;
            reason = biomarker.gene + " is not covered by the panel (--panel-bed)";
        }
        status.status = indeterminate ? "indeterminate" : assessable ? "not_detected" : "not_assessed";
        status.reason = reason;
        report.biomarkers.push_back(std::move(status));
    }

    // ---- context for the tumour type ----
    for (const kb::ContextEntry& entry : kb.context()) {
        if (!within_any(entry.tumor_types)) {
            continue;
        }
        report.context.push_back(
            ContextItem{entry.id, entry.kind, entry.line, entry.title, entry.text, entry.sources});
    }

    report.findings = std::move(findings);
    return report;
}

}  // namespace precis::interpret
