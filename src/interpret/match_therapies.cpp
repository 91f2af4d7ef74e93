// SPDX-License-Identifier: Apache-2.0
// Stages 2-4 of interpret::match: evidence -> therapies, reasoning rules, therapy summary.
#include <algorithm>
#include <set>
#include <tuple>

#include "common/strings.hpp"
#include "interpret/match_support.hpp"
#include "interpret/matcher.hpp"

namespace precis::interpret {
namespace {

//! The earliest line of therapy an evidence item covers (1 when its lines are not stated).
int first_line_covered(const std::optional<kb::LineCoverage>& lines) {
    if (!lines) {
        return 1;
    }
    if (!lines->lines.empty()) {
        return *std::min_element(lines->lines.begin(), lines->lines.end());
    }
    return lines->min;
}

using detail::in_list;
using detail::within_any;

//! Ranks a finding's therapies (detail::rank_therapies) and keeps one row per drug combination and
//! direction: the best-ranked.
void rank_and_deduplicate(std::vector<TherapyMatch>& therapies) {
    detail::rank_therapies(therapies);
    std::set<std::string> seen;
    std::vector<TherapyMatch> unique;
    for (TherapyMatch& therapy : therapies) {
        std::vector<std::string> drugs = therapy.drugs;
        std::sort(drugs.begin(), drugs.end());
        if (seen.insert(std::string(to_string(therapy.direction)) + ":" + str::join(drugs, "+")).second) {
            unique.push_back(std::move(therapy));
        }
    }
    therapies = std::move(unique);
}

void add_unique(std::vector<std::string>& list, const std::string& text) {
    if (!in_list(list, text)) {
        list.push_back(text);
    }
}

//! The regulatory statuses of the evidence for this tumour type; sets on_label / tumor_specific_label.
void apply_regulatory(const kb::EvidenceItem& evidence, const std::string& tumor_type,
                      const kb::KnowledgeBase& kb, TherapyMatch& therapy) {
    for (const kb::Regulatory& reg : evidence.regulatory) {
        RegulatoryStatus status{reg.agency, reg.status, reg.date, reg.indication, false};
        status.covers_tumor_type = within_any(kb, tumor_type, reg.tumor_types);
        const bool current = reg.status == "approved" || reg.status == "accelerated_approval" ||
                             reg.status == "conditional_approval";
        if (current && status.covers_tumor_type) {
            therapy.on_label = true;
            therapy.tumor_specific_label =
                therapy.tumor_specific_label ||
                std::find(reg.tumor_types.begin(), reg.tumor_types.end(), "SOLID") == reg.tumor_types.end();
        }
        therapy.regulatory.push_back(std::move(status));
    }
}

//! "line 2 or later", "line 2", "lines 2, 3".
std::string lines_text(const kb::LineCoverage& lines) {
    if (lines.lines.empty()) {
        return "line " + std::to_string(lines.min) + " or later";
    }
    std::vector<std::string> numbers;
    for (const int line : lines.lines) {
        numbers.push_back(std::to_string(line));
    }
    return (numbers.size() == 1 ? "line " : "lines ") + str::join(numbers, ", ");
}

//! With a line of therapy given, a label whose lines do not cover it makes the therapy not on-label for
//! this line (the regulatory entries stay as they are; the note says which lines the label covers).
void apply_line(const kb::EvidenceItem& evidence, std::optional<int> line, TherapyMatch& therapy) {
    if (!line || !therapy.on_label || !evidence.lines || evidence.lines->covers(*line)) {
        return;
    }
    therapy.on_label = false;
    therapy.tumor_specific_label = false;
    therapy.label_other_line = true;
    detail::append_note(therapy, "not on-label for this line: the label covers " +
                                     lines_text(*evidence.lines) + "; this is line " + std::to_string(*line));
}

TherapyMatch therapy_from(const kb::EvidenceItem& evidence, const std::string& tumor_type,
                          const kb::KnowledgeBase& kb, std::optional<int> line) {
    TherapyMatch therapy;
    therapy.evidence_id = evidence.id;
    therapy.drugs = evidence.drugs;
    therapy.direction = evidence.direction;
    therapy.kb_level = evidence.oncokb_level;
    therapy.level_source = evidence.level_source;
    therapy.tumor_type_match = within_any(kb, tumor_type, evidence.tumor_types);
    therapy.level =
        therapy.tumor_type_match ? evidence.oncokb_level : off_context_level(evidence.oncokb_level);
    therapy.amp_tier = amp_tier(therapy.level, therapy.tumor_type_match);
    therapy.escat = evidence.escat;
    therapy.evidence_tumor_types = evidence.tumor_types;
    therapy.line_of_therapy = evidence.line_of_therapy;
    therapy.first_line = first_line_covered(evidence.lines);
    apply_regulatory(evidence, tumor_type, kb, therapy);
    therapy.summary = evidence.summary;
    therapy.trials = evidence.trials;
    therapy.sources = evidence.sources;
    if (!therapy.tumor_type_match) {
        therapy.note = "the evidence is for " + str::join(evidence.tumor_types, ", ") +
                       "; level lowered from " + to_string(evidence.oncokb_level) + " to " +
                       to_string(therapy.level) +
                       (therapy.on_label ? " (on-label here through an approval that covers this tumour type)"
                                         : " (off-label)");
    }
    apply_line(evidence, line, therapy);
    return therapy;
}

//! One evidence item reached through the finding's biomarker `via` (the item's own biomarker, or one that
//! takes its evidence through evidence_from): a therapy row, or a caveat when the evidence excludes this
//! tumour type or is resistance evidence for other tumour types only.
void apply_evidence_item(const kb::EvidenceItem& evidence, const std::string& via,
                         const std::string& tumor_type, const kb::KnowledgeBase& kb, std::optional<int> line,
                         Finding& finding) {
    if (within_any(kb, tumor_type, evidence.excluded_tumor_types)) {
        finding.caveats.push_back(str::join(evidence.drugs, " + ") + " (" + evidence.id +
                                  "): not offered; the evidence excludes " +
                                  str::join(evidence.excluded_tumor_types, ", ") +
                                  (evidence.summary.empty() ? "" : ". " + evidence.summary));
        return;
    }
    TherapyMatch therapy = therapy_from(evidence, tumor_type, kb, line);
    // Resistance evidence from other tumour types is no row of this patient's therapy list.
    if (!therapy.tumor_type_match && therapy.direction == Direction::resistance && !therapy.on_label) {
        add_unique(finding.caveats, "Resistance evidence for other tumour types, not applied here: " +
                                        str::join(evidence.drugs, " + ") + " (" +
                                        to_string(evidence.oncokb_level) + " in " +
                                        str::join(evidence.tumor_types, ", ") + ").");
        return;
    }
    for (const kb::Caveat& caveat : evidence.caveats) {
        const bool type_ok = caveat.tumor_types.empty() || within_any(kb, tumor_type, caveat.tumor_types);
        const bool biomarker_ok = caveat.biomarkers.empty() || in_list(caveat.biomarkers, via);
        if (type_ok && biomarker_ok) {
            add_unique(finding.caveats, caveat.text);
        }
    }
    finding.therapies.push_back(std::move(therapy));
}

//! The biomarker ids whose evidence a finding's biomarker `id` receives: itself and its evidence_from.
std::vector<std::string> evidence_biomarkers(const std::string& id, const kb::KnowledgeBase& kb) {
    std::vector<std::string> ids{id};
    if (const kb::Biomarker* biomarker = kb.biomarker(id)) {
        ids.insert(ids.end(), biomarker->evidence_from.begin(), biomarker->evidence_from.end());
    }
    return ids;
}

//! The findings that trigger a rule on `self`'s therapies: the triggering findings other than `self`,
//! and `self` too when the rule is self-triggering. Each once, in order.
std::vector<std::string> counted_triggers(const std::vector<std::string>& triggers, const std::string& self,
                                          bool self_trigger) {
    std::vector<std::string> counted;
    for (const std::string& id : triggers) {
        if ((self_trigger || id != self) && !in_list(counted, id)) {
            counted.push_back(id);
        }
    }
    return counted;
}

//! True when the rule's therapy_biomarkers cover the finding (directly or through evidence_from).
bool rule_in_scope(const kb::ReasoningRule& rule, const Finding& finding, const kb::KnowledgeBase& kb) {
    if (rule.therapy_biomarkers.empty()) {
        return true;
    }
    return std::any_of(finding.biomarkers.begin(), finding.biomarkers.end(), [&](const std::string& b) {
        const std::vector<std::string> ids = evidence_biomarkers(b, kb);
        return std::any_of(ids.begin(), ids.end(),
                           [&](const std::string& id) { return in_list(rule.therapy_biomarkers, id); });
    });
}

void apply_rule(const kb::ReasoningRule& rule, const std::vector<std::string>& triggers, Finding& finding,
                const kb::KnowledgeBase& kb) {
    if (!rule_in_scope(rule, finding, kb)) {
        return;
    }
    const std::vector<std::string> counted = counted_triggers(triggers, finding.id, rule.self_trigger);
    if (counted.empty()) {
        return;
    }
    for (TherapyMatch& therapy : finding.therapies) {
        if (therapy.direction != Direction::sensitivity) {
            continue;
        }
        const bool drug_hit =
            std::any_of(therapy.drugs.begin(), therapy.drugs.end(),
                        [&](const std::string& d) { return in_list(rule.therapy_drugs, d); });
        if (drug_hit) {
            therapy.flags.push_back(TherapyFlag{rule.id, rule.effect, rule.text, counted, rule.sources});
        }
    }
}

void add_to_summary(const Finding& finding, const TherapyMatch& therapy,
                    const std::vector<std::string>& drugs, TherapySummary& row) {
    if (row.drugs.empty()) {
        row.drugs = drugs;
        row.direction = therapy.direction;
        row.best_level = therapy.level;
        row.best_level_source = therapy.level_source.type;
        row.first_line = therapy.first_line;
    }
    row.first_line = std::min(row.first_line, therapy.first_line);
    if (level_rank(therapy.level) < level_rank(row.best_level)) {
        row.best_level = therapy.level;
        row.best_level_source = therapy.level_source.type;
    }
    row.on_label = row.on_label || therapy.on_label;
    row.tumor_specific_label = row.tumor_specific_label || therapy.tumor_specific_label;
    add_unique(row.finding_ids, finding.id);
    add_unique(row.evidence_ids, therapy.evidence_id);
    for (const TherapyFlag& flag : therapy.flags) {
        add_unique(row.flags, std::string(to_string(flag.effect)) + ": " + flag.text + " [" + flag.rule_id +
                                  (flag.finding_ids.empty() ? "" : "; " + str::join(flag.finding_ids, ", ")) +
                                  "]");
    }
    for (const PriorTherapyMark& mark : therapy.prior_therapies) {
        if (std::find(row.prior_therapies.begin(), row.prior_therapies.end(), mark) ==
            row.prior_therapies.end()) {
            row.prior_therapies.push_back(mark);
        }
    }
    for (const std::string& trial : therapy.trials) {
        add_unique(row.trials, trial);
    }
}

}  // namespace

void detail::rank_therapies(std::vector<TherapyMatch>& therapies) {
    const auto key = [](const TherapyMatch& t) {
        return std::make_tuple(t.direction != Direction::sensitivity, progressed_on(t.prior_therapies),
                               !t.on_label, level_rank(t.level), !t.tumor_specific_label, !t.tumor_type_match,
                               t.first_line, str::join(t.drugs, "+"));
    };
    std::stable_sort(therapies.begin(), therapies.end(),
                     [&](const TherapyMatch& a, const TherapyMatch& b) { return key(a) < key(b); });
}

Level off_context_level(Level level) {
    switch (level) {
        case Level::level_1:
        case Level::level_2:
        case Level::level_3a:
            return Level::level_3b;
        case Level::level_r1:
            return Level::level_r2;
        default:
            return level;
    }
}

std::string amp_tier(Level level, bool tumor_type_match) {
    if (tumor_type_match) {
        switch (level) {
            case Level::level_1:
            case Level::level_2:
            case Level::level_r1:
                return "I-A";
            case Level::level_3a:
            case Level::level_r2:
                return "I-B";
            case Level::level_3b:
                return "II-C";
            default:
                return "II-D";
        }
    }
    return level == Level::level_4 ? "II-D" : "II-C";
}

void apply_evidence(Finding& finding, const std::string& tumor_type, const kb::KnowledgeBase& kb,
                    std::optional<int> line_of_therapy) {
    for (const std::string& biomarker_id : finding.biomarkers) {
        // Why borrowed evidence applies comes before the caveats of the items themselves.
        const kb::Biomarker* biomarker = kb.biomarker(biomarker_id);
        if (biomarker != nullptr && !biomarker->evidence_from.empty()) {
            add_unique(finding.caveats, biomarker->evidence_from_caveat);
        }
        const std::vector<std::string> sources = evidence_biomarkers(biomarker_id, kb);
        for (const kb::EvidenceItem& evidence : kb.evidence()) {
            if (in_list(sources, evidence.biomarker)) {
                apply_evidence_item(evidence, biomarker_id, tumor_type, kb, line_of_therapy, finding);
            }
        }
    }
    rank_and_deduplicate(finding.therapies);
    finding.oncogenicity =
        finding.therapies.empty() ? Oncogenicity::oncogenic_without_therapy : Oncogenicity::actionable;
}

void number_findings(std::vector<Finding>& findings, std::vector<Finding>& other_findings) {
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::make_tuple(static_cast<int>(a.category), a.gene, a.alteration) <
               std::make_tuple(static_cast<int>(b.category), b.gene, b.alteration);
    });
    for (std::size_t i = 0; i < findings.size(); ++i) {
        findings[i].id = "F" + std::to_string(i + 1);
    }
    for (std::size_t i = 0; i < other_findings.size(); ++i) {
        other_findings[i].id = "O" + std::to_string(i + 1);
    }
}

DetectedBiomarkers detected_biomarkers(const std::vector<Finding>& findings) {
    DetectedBiomarkers detected;
    for (const Finding& finding : findings) {
        for (const std::string& biomarker : finding.biomarkers) {
            detected[biomarker].push_back(finding.id);
        }
    }
    return detected;
}

void apply_rules(std::vector<Finding>& findings, const DetectedBiomarkers& detected,
                 const kb::KnowledgeBase& kb) {
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
            apply_rule(rule, triggers, finding, kb);
        }
    }
}

std::vector<TherapySummary> summarise_therapies(const std::vector<Finding>& findings) {
    std::map<std::string, TherapySummary> rows;
    for (const Finding& finding : findings) {
        for (const TherapyMatch& therapy : finding.therapies) {
            std::vector<std::string> drugs = therapy.drugs;
            std::sort(drugs.begin(), drugs.end());
            add_to_summary(finding, therapy, drugs,
                           rows[std::string(to_string(therapy.direction)) + ":" + str::join(drugs, "+")]);
        }
    }
    std::vector<TherapySummary> summary;
    summary.reserve(rows.size());
    for (auto& [key, row] : rows) {
        summary.push_back(std::move(row));
    }
    // Within a direction: rows with a drug the patient progressed on last, then on-label, level, an
    // approval for this tumour type before a tumour-agnostic one, an earlier line before a later one
    // (GIST: sunitinib 2L, regorafenib 3L, ripretinib 4L); drug names only break exact ties.
    const auto key = [](const TherapySummary& t) {
        return std::make_tuple(t.direction != Direction::sensitivity, progressed_on(t.prior_therapies),
                               !t.on_label, level_rank(t.best_level), !t.tumor_specific_label, t.first_line,
                               str::join(t.drugs, "+"));
    };
    std::stable_sort(summary.begin(), summary.end(),
                     [&](const TherapySummary& a, const TherapySummary& b) { return key(a) < key(b); });
    return summary;
}

}  // namespace precis::interpret
