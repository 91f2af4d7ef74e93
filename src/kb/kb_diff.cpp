// SPDX-License-Identifier: Apache-2.0
#include "kb/kb_diff.hpp"

#include <map>

#include "common/strings.hpp"

namespace precis::kb {

namespace {

std::string describe(const EvidenceItem& e) {
    return e.id + ": " + e.biomarker + " -> " + str::join(e.drugs, " + ") + " (" + to_string(e.direction) +
           ", level " + to_string(e.oncokb_level) + ", " + str::join(e.tumor_types, "/") + ")";
}

std::string regulatory_text(const EvidenceItem& e) {
    std::vector<std::string> parts;
    for (const Regulatory& r : e.regulatory) {
        parts.push_back(r.agency + " " + r.status + (r.date.empty() ? "" : " " + r.date));
    }
    return parts.empty() ? "none" : str::join(parts, ", ");
}

std::string sources_text(const std::vector<SourceRef>& sources) {
    std::vector<std::string> ids;
    ids.reserve(sources.size());
    for (const SourceRef& s : sources) {
        ids.push_back(s.type + ":" + s.id);
    }
    return str::join(ids, ", ");
}

std::string provenance_text(const LevelProvenance& p) {
    return std::string(to_string(p.type)) + (p.date.empty() ? "" : " (" + p.date + ")");
}

std::string evidence_from_text(const Biomarker& b) {
    return b.evidence_from.empty() ? "none" : str::join(b.evidence_from, ", ");
}

//! Biomarkers added or removed, and changes of what a biomarker borrows (evidence_from and its caveat).
std::vector<std::string> biomarker_changes(const KnowledgeBase& old_kb, const KnowledgeBase& new_kb) {
    std::vector<std::string> lines;
    for (const Biomarker& b : new_kb.biomarkers()) {
        const Biomarker* o = old_kb.biomarker(b.id);
        if (o == nullptr) {
            lines.push_back(
                "added " + b.id + ": " + b.label +
                (b.evidence_from.empty() ? "" : " (evidence_from " + evidence_from_text(b) + ")"));
        } else if (o->evidence_from != b.evidence_from) {
            lines.push_back(b.id + ": evidence_from " + evidence_from_text(*o) + " -> " +
                            evidence_from_text(b));
        } else if (o->evidence_from_caveat != b.evidence_from_caveat) {
            lines.push_back(b.id + ": evidence_from caveat changed");
        }
    }
    for (const Biomarker& o : old_kb.biomarkers()) {
        if (new_kb.biomarker(o.id) == nullptr) {
            lines.push_back("removed " + o.id + ": " + o.label);
        }
    }
    return lines;
}

//! Changes of one evidence item other than its level, in `out.changed` / `out.level_sources`.
void item_changes(const std::string& id, const EvidenceItem& o, const EvidenceItem& e, KbDiff& out) {
    if (o.level_source.type != e.level_source.type || o.level_source.date != e.level_source.date) {
        out.level_sources.push_back(id + ": level_source " + provenance_text(o.level_source) + " -> " +
                                    provenance_text(e.level_source));
    } else if (o.level_source.reference != e.level_source.reference) {
        out.level_sources.push_back(id + ": level_source reference changed (" +
                                    provenance_text(e.level_source) + ")");
    }
    if (o.drugs != e.drugs) {
        out.changed.push_back(id + ": drugs " + str::join(o.drugs, " + ") + " -> " +
                              str::join(e.drugs, " + "));
    }
    if (o.tumor_types != e.tumor_types || o.excluded_tumor_types != e.excluded_tumor_types) {
        out.changed.push_back(id + ": tumour types " + str::join(o.tumor_types, "/") + " (excl. " +
                              str::join(o.excluded_tumor_types, "/") + ") -> " +
                              str::join(e.tumor_types, "/") + " (excl. " +
                              str::join(e.excluded_tumor_types, "/") + ")");
    }
    if (regulatory_text(o) != regulatory_text(e)) {
        out.changed.push_back(id + ": regulatory " + regulatory_text(o) + " -> " + regulatory_text(e));
    }
    if (o.biomarker != e.biomarker || o.direction != e.direction) {
        out.changed.push_back(id + ": " + o.biomarker + "/" + to_string(o.direction) + " -> " + e.biomarker +
                              "/" + to_string(e.direction));
    }
    if (sources_text(o.sources) != sources_text(e.sources)) {
        out.changed.push_back(id + ": sources " + sources_text(o.sources) + " -> " + sources_text(e.sources));
    }
}

}  // namespace

KbDiff diff(const KnowledgeBase& old_kb, const KnowledgeBase& new_kb) {
    KbDiff out;
    std::map<std::string, const EvidenceItem*> before;
    std::map<std::string, const EvidenceItem*> after;
    for (const EvidenceItem& e : old_kb.evidence())
        before[e.id] = &e;
    for (const EvidenceItem& e : new_kb.evidence())
        after[e.id] = &e;
    for (const auto& [id, e] : after) {
        const auto it = before.find(id);
        if (it == before.end()) {
            out.added.push_back(describe(*e));
            continue;
        }
        const EvidenceItem& o = *it->second;
        if (o.oncokb_level != e->oncokb_level) {
            out.relevelled.push_back(id + ": level " + to_string(o.oncokb_level) + " -> " +
                                     to_string(e->oncokb_level));
        }
        item_changes(id, o, *e, out);
    }
    for (const auto& [id, e] : before) {
        if (after.count(id) == 0) {
            out.removed.push_back(describe(*e));
        }
    }
    std::map<std::string, const ReasoningRule*> rules_before;
    std::map<std::string, const ReasoningRule*> rules_after;
    for (const ReasoningRule& r : old_kb.rules())
        rules_before[r.id] = &r;
    for (const ReasoningRule& r : new_kb.rules())
        rules_after[r.id] = &r;
    for (const auto& [id, r] : rules_after) {
        const auto it = rules_before.find(id);
        if (it == rules_before.end()) {
            out.rules.push_back("added " + id + ": " + r->name);
        } else if (it->second->text != r->text || it->second->therapy_drugs != r->therapy_drugs ||
                   it->second->therapy_biomarkers != r->therapy_biomarkers ||
                   it->second->co_biomarkers != r->co_biomarkers ||
                   it->second->self_trigger != r->self_trigger || it->second->effect != r->effect) {
            out.rules.push_back("changed " + id + ": " + r->name);
        }
    }
    for (const auto& [id, r] : rules_before) {
        if (rules_after.count(id) == 0) {
            out.rules.push_back("removed " + id + ": " + r->name);
        }
    }
    for (const DrugClass& c : new_kb.drug_classes()) {
        const DrugClass* o = old_kb.drug_class(c.id);
        if (o == nullptr || o->drugs != c.drugs) {
            out.rules.push_back("drug class " + c.id + ": " +
                                (o == nullptr ? "none" : str::join(o->drugs, ", ")) + " -> " +
                                str::join(c.drugs, ", "));
        }
    }
    out.biomarkers = biomarker_changes(old_kb, new_kb);
    return out;
}

std::string to_text(const KbDiff& d, const KnowledgeBase& old_kb, const KnowledgeBase& new_kb) {
    std::string text = "knowledge base " + old_kb.version() + " (" + old_kb.content_hash() + ") -> " +
                       new_kb.version() + " (" + new_kb.content_hash() + ")\n";
    const auto section = [&](const char* title, const std::vector<std::string>& lines) {
        text += std::string(title) + " (" + std::to_string(lines.size()) + ")\n";
        for (const std::string& line : lines) {
            text += "  " + line + "\n";
        }
    };
    section("evidence added", d.added);
    section("evidence removed", d.removed);
    section("evidence re-levelled", d.relevelled);
    section("level sources", d.level_sources);
    section("evidence changed", d.changed);
    section("biomarkers", d.biomarkers);
    section("rules", d.rules);
    if (d.empty()) {
        text += "no differences in evidence, biomarkers or rules\n";
    }
    return text;
}

}  // namespace precis::kb
