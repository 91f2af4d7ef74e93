// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "kb/knowledge_base.hpp"

namespace precis::kb {

//! A --tumor-type as precis reads it: a code of the bundled OncoTree release, and a warning when the
//! given code was retired (or is only in OncoTree's development tree) and was read as its replacement.
struct TumorTypeChoice {
    std::string code;
    std::string warning;
};

//! Resolves a user's tumour type (case-insensitive). Throws Error(usage) for an unknown code (listing
//! the nearest codes) and for a retired code without exactly one replacement (listing the candidates).
TumorTypeChoice resolve_tumor_type(const KnowledgeBase& kb, const std::string& given);

//! Empty when `code` is within the knowledge base's curated focus; else a note for the report's
//! limitations and the HTML header saying which evidence can and cannot apply.
std::string scope_note(const KnowledgeBase& kb, const std::string& code);

}  // namespace precis::kb
