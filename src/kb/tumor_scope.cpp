// SPDX-License-Identifier: Apache-2.0
#include "kb/tumor_scope.hpp"

#include <algorithm>
#include <vector>

#include "common/error.hpp"
#include "common/strings.hpp"

namespace precis::kb {

namespace {

//! "GB (Glioblastoma, IDH-Wildtype)", or the bare code when it has no name.
std::string described(const std::string& code, const std::string& name) {
    return name.empty() ? code : code + " (" + name + ")";
}

std::string described(const KnowledgeBase& kb, const std::string& code) {
    const TumorType* type = kb.tumor_type(code);
    return described(code, type == nullptr ? std::string() : type->name);
}

std::string nearest_codes(const KnowledgeBase& kb, const std::string& given) {
    return "nearest valid codes: " + str::join(kb.nearest_tumor_types(given, 5), ", ") +
           " (SOLID = any solid tumour)";
}

TumorTypeChoice resolve_replaced(const KnowledgeBase& kb, const ReplacedTumorType& old,
                                 const std::string& given) {
    const std::string what = "'" + given + "' = " + described(old.code, old.name) + ": " + old.note;
    if (old.replaced_by.empty()) {
        throw Error(ErrorKind::usage, "--tumor-type", what, nearest_codes(kb, given));
    }
    std::vector<std::string> candidates;
    for (const std::string& code : old.replaced_by) {
        candidates.push_back(described(kb, code));
    }
    if (candidates.size() > 1) {
        throw Error(ErrorKind::usage, "--tumor-type",
                    what + "; it maps to more than one code: " + str::join(candidates, ", "),
                    "pass the code that fits the diagnosis");
    }
    return {old.replaced_by.front(), "tumour type " + described(old.code, old.name) + ": " + old.note +
                                         "; interpreted as " + candidates.front()};
}

//! Whether the tumour-agnostic codes (SOLID) cover `code`, as the middle of a scope note.
std::string agnostic_clause(const KnowledgeBase& kb, const std::string& code) {
    const auto& agnostic = kb.focus().tumor_agnostic;
    const std::string list = str::join(agnostic, ", ");
    const bool covered = std::any_of(agnostic.begin(), agnostic.end(),
                                     [&](const std::string& root) { return kb.is_within(code, root); });
    return covered ? "Only tumour-agnostic evidence (" + list +
                         ") and evidence curated for this tumour type apply to it; "
                   : "Tumour-agnostic evidence (" + list +
                         ") does not cover it; only evidence curated for this tumour type applies; ";
}

}  // namespace

TumorTypeChoice resolve_tumor_type(const KnowledgeBase& kb, const std::string& given) {
    const std::string code = str::upper(given);
    if (kb.tumor_type(code) != nullptr) {
        return {code, {}};
    }
    if (const ReplacedTumorType* old = kb.replaced_tumor_type(code)) {
        return resolve_replaced(kb, *old, given);
    }
    throw Error(ErrorKind::usage, "--tumor-type", "'" + given + "' is not a known OncoTree code",
                nearest_codes(kb, given));
}

std::string scope_note(const KnowledgeBase& kb, const std::string& code) {
    if (kb.in_focus(code)) {
        return {};
    }
    const std::string& focus = kb.focus().description;
    return described(kb, str::upper(code)) + " is outside precis's curated focus (" +
           (focus.empty() ? "none declared in manifest.json" : focus) +
           "): the knowledge base was not curated for this tumour type, so therapies, resistance and "
           "standard of care specific to it may be missing. " +
           agnostic_clause(kb, code) +
           "evidence from another tumour type is shown off-label at a lowered level (3B or R2), never as a "
           "match.";
}

}  // namespace precis::kb
