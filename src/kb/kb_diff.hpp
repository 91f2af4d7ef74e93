// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "kb/knowledge_base.hpp"

namespace precis::kb {

//! What changed between two knowledge-base versions, per evidence item (by id), per biomarker (its
//! evidence_from) and per rule.
struct KbDiff {
    std::vector<std::string> added;  //!< "ev.x: BIOMARKER drugs (level L, tumour types)"
    std::vector<std::string> removed;
    std::vector<std::string> relevelled;  //!< "ev.x: level 3A -> 2"
    //! level provenance changed: "ev.x: level_source curator -> oncokb (2024-12-19)"
    std::vector<std::string> level_sources;
    std::vector<std::string> changed;     //!< other changes (drugs, tumour types, regulatory status, sources)
    std::vector<std::string> biomarkers;  //!< biomarkers added/removed, evidence_from changed
    std::vector<std::string> rules;       //!< rules added/removed/changed
    bool empty() const {
        return added.empty() && removed.empty() && relevelled.empty() && level_sources.empty() &&
               changed.empty() && biomarkers.empty() && rules.empty();
    }
};

KbDiff diff(const KnowledgeBase& old_kb, const KnowledgeBase& new_kb);
//! Human-readable report of a diff, one line per change, headed by both versions and hashes.
std::string to_text(const KbDiff& diff, const KnowledgeBase& old_kb, const KnowledgeBase& new_kb);

}  // namespace precis::kb
