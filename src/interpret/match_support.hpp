// SPDX-License-Identifier: Apache-2.0
#pragma once

// Helpers shared by the stages of interpret::match (matcher.cpp, match_findings.cpp, match_therapies.cpp,
// match_panel.cpp); not part of the interpret API.

#include <algorithm>
#include <string>
#include <vector>

#include "kb/knowledge_base.hpp"
#include "model/report.hpp"

namespace precis::interpret::detail {

inline bool in_list(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

//! True when `tumor_type` lies within any of the OncoTree `codes` (itself or a descendant).
inline bool within_any(const kb::KnowledgeBase& kb, const std::string& tumor_type,
                       const std::vector<std::string>& codes) {
    return std::any_of(codes.begin(), codes.end(),
                       [&](const std::string& code) { return kb.is_within(tumor_type, code); });
}

//! Orders a finding's therapies: sensitivity before resistance; within a direction, rows without a drug
//! the patient progressed on first; then on-label, level, an approval for this tumour type before a
//! tumour-agnostic one, evidence for this tumour type, drugs (stable; match_therapies.cpp).
void rank_therapies(std::vector<TherapyMatch>& therapies);

//! Adds `text` to the therapy's note ("; "-separated).
inline void append_note(TherapyMatch& therapy, const std::string& text) {
    therapy.note += (therapy.note.empty() ? "" : "; ") + text;
}

}  // namespace precis::interpret::detail
