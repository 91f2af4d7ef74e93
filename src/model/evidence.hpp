// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>

namespace precis {

// The closed sets of the clinical model. Their text form (the one table below, in model/evidence.cpp) is
// what every writer prints and what schemas/report.schema.json and schemas/kb/*.schema.json enumerate.

//! OncoKB-style therapeutic level, strongest first: 1 2 3A 3B 4, then resistance R1 R2.
enum class Level { level_1, level_2, level_3a, level_3b, level_4, level_r1, level_r2 };
const char* to_string(Level level) noexcept;  //!< "1", "2", "3A", "3B", "4", "R1", "R2"
std::optional<Level> parse_level(std::string_view text) noexcept;
//! Rank for sorting: lower is stronger (1 < 2 < 3A < 3B < 4 < R1 < R2).
inline int level_rank(Level level) noexcept {
    return static_cast<int>(level);
}
inline bool is_resistance(Level level) noexcept {
    return level == Level::level_r1 || level == Level::level_r2;
}

//! What the evidence says the alteration does to a therapy's effect.
enum class Direction { sensitivity, resistance };
const char* to_string(Direction direction) noexcept;
std::optional<Direction> parse_direction(std::string_view text) noexcept;

//! What a reasoning-rule flag says about the therapy it is attached to (rules.json `effect`).
enum class RuleEffect { resistance, caution, context };
const char* to_string(RuleEffect effect) noexcept;  //!< "resistance", "caution", "context"
std::optional<RuleEffect> parse_rule_effect(std::string_view text) noexcept;

//! A panel biomarker's status in this patient. not_assessed is never negative.
enum class BiomarkerState { detected, not_detected, indeterminate, not_assessed };
const char* to_string(BiomarkerState state) noexcept;  //!< "detected", "not_detected", ...
std::optional<BiomarkerState> parse_biomarker_state(std::string_view text) noexcept;

//! The report's definition of actionable: a sensitivity option at level 1 to 3B (the first screen's
//! "Actionable findings" count, the cohort's actionable fraction).
inline bool is_actionable(Direction direction, Level level) noexcept {
    return direction == Direction::sensitivity && level_rank(level) <= level_rank(Level::level_3b);
}

//! What precis concludes about a finding (findings and other findings).
enum class Oncogenicity {
    actionable,                   //!< matched therapy evidence in this report
    oncogenic_without_therapy,    //!< a KB biomarker, but no evidence applies in this tumour type
    oncogenic_hotspot,            //!< at a KB hotspot codon without a matched biomarker
    vus,                          //!< protein-altering, of unknown significance
    copy_number_without_therapy,  //!< amplification / homozygous deletion of a KB gene with no biomarker
    fusion_domain_lost            //!< fusion without the retained kinase/functional domain
};
const char* to_string(Oncogenicity oncogenicity) noexcept;

//! Why a prior line of therapy ended (case file `prior_therapies[].stopped_for`, --prior-therapy).
enum class StoppedFor { progression, toxicity, completed, other };
const char* to_string(StoppedFor reason) noexcept;  //!< "progression", "toxicity", "completed", "other"
std::optional<StoppedFor> parse_stopped_for(std::string_view text) noexcept;

//! Best response to a prior therapy (RECIST 1.1 categories).
enum class BestResponse { complete_response, partial_response, stable_disease, progressive_disease };
const char* to_string(BestResponse response) noexcept;  //!< "CR", "PR", "SD", "PD"
std::optional<BestResponse> parse_best_response(std::string_view text) noexcept;

}  // namespace precis
