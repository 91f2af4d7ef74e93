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
        if (o.drugs != e->drugs) {
            out.changed.push_back(id + ": drugs " + str::join(o.drugs, " + ") + " -> " +
                                  str::join(e->drugs, " + "));
        }
        if (o.tumor_types != e->tumor_types || o.excluded_tumor_types != e->excluded_tumor_types) {
            out.changed.push_back(id + ": tumour types " + str::join(o.tumor_types, "/") + " (excl. " +
                                  str::join(o.excluded_tumor_types, "/") + ") -> " +
                                  str::join(e->tumor_types, "/") + " (excl. " +
                                  str::join(e->excluded_tumor_types, "/") + ")");
        }
        if (regulatory_text(o) != regulatory_text(*e)) {
            out.changed.push_back(id + ": regulatory " + regulatory_text(o) + " -> " + regulatory_text(*e));
        }
        if (o.biomarker != e->biomarker || o.direction != e->direction) {
            out.changed.push_back(id + ": " + o.biomarker + "/" + to_string(o.direction) + " -> " +
                                  e->biomarker + "/" + to_string(e->direction));
        }
        if (sources_text(o.sources) != sources_text(e->sources)) {
            out.changed.push_back(id + ": sources " + sources_text(o.sources) + " -> " +
                                  sources_text(e->sources));
        }
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
    section("evidence changed", d.changed);
    section("rules", d.rules);
    if (d.empty()) {
        text += "no differences in evidence or rules\n";
    }
    return text;
}

}  // namespace precis::kb
