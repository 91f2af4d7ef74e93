// SPDX-License-Identifier: Apache-2.0
#include "kb/tumor_scope.hpp"

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

}  // namespace precis::kb
