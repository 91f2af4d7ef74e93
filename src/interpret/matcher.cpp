// SPDX-License-Identifier: Apache-2.0
// interpret::match: the five stages in order (match_findings.cpp, match_therapies.cpp, match_panel.cpp).
#include "interpret/matcher.hpp"

#include "interpret/match_support.hpp"
#include "kb/tumor_scope.hpp"

namespace precis::interpret {

std::vector<ContextItem> tumor_context(const std::string& tumor_type, const kb::KnowledgeBase& kb) {
    std::vector<ContextItem> items;
    for (const kb::ContextEntry& entry : kb.context()) {
        if (detail::within_any(kb, tumor_type, entry.tumor_types)) {
            items.push_back(
                ContextItem{entry.id, entry.kind, entry.line, entry.title, entry.text, entry.sources});
        }
    }
    return items;
}

Report match(const MatchInput& input, const kb::KnowledgeBase& kb) {
    Report report;
    report.tumor_type = input.tumor_type;
    if (const kb::TumorType* type = kb.tumor_type(input.tumor_type)) {
        report.tumor_type_name = type->name;
    }
    report.tumor_type_lineage = kb.lineage(input.tumor_type);
    report.scope_note = kb::scope_note(kb, input.tumor_type);
    report.line_of_therapy = input.line_of_therapy;
    report.prior_therapies = input.prior_therapies;

    Alterations alterations = find_alterations(input, kb);  // 1
    for (Finding& finding : alterations.findings) {         // 2
        apply_evidence(finding, input.tumor_type, kb, input.line_of_therapy);
    }
    number_findings(alterations.findings, alterations.other_findings);
    const DetectedBiomarkers detected = detected_biomarkers(alterations.findings);
    apply_rules(alterations.findings, detected, kb);  // 3
    const kb::DrugClass* inhibitors = kb.drug_class(kCheckpointInhibitorClass);
    apply_treatment_history(alterations.findings, input.prior_therapies,
                            inhibitors != nullptr ? inhibitors->drugs : std::vector<std::string>{});
    report.therapy_summary = summarise_therapies(alterations.findings);  // 4

    report.not_interpreted = std::move(alterations.not_interpreted);  // 5
    std::vector<const NotInterpreted*> uncertain;
    for (const InputLedger& ledger : input.profile->ledgers) {
        for (const NotInterpreted& record : ledger.listed) {
            uncertain.push_back(&record);
        }
    }
    for (const NotInterpreted& record : report.not_interpreted) {
        uncertain.push_back(&record);
    }
    for (const NotInterpreted& record : alterations.uncertain) {
        uncertain.push_back(&record);
    }
    report.biomarkers = biomarker_panel(input, kb, detected, uncertain);
    report.context = tumor_context(input.tumor_type, kb);
    report.findings = std::move(alterations.findings);
    report.other_findings = std::move(alterations.other_findings);
    return report;
}

}  // namespace precis::interpret
