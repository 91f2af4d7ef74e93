// SPDX-License-Identifier: Apache-2.0
#include "model/evidence.hpp"

#include <array>
#include <utility>

#include "model/enum_text.hpp"

namespace precis {
namespace {

using enum_text::name_of;
using enum_text::parse;

constexpr std::array<std::pair<Level, const char*>, 7> kLevels = {{{Level::level_1, "1"},
                                                                   {Level::level_2, "2"},
                                                                   {Level::level_3a, "3A"},
                                                                   {Level::level_3b, "3B"},
                                                                   {Level::level_4, "4"},
                                                                   {Level::level_r1, "R1"},
                                                                   {Level::level_r2, "R2"}}};
constexpr std::array<std::pair<Direction, const char*>, 2> kDirections = {
    {{Direction::sensitivity, "sensitivity"}, {Direction::resistance, "resistance"}}};
constexpr std::array<std::pair<RuleEffect, const char*>, 3> kRuleEffects = {
    {{RuleEffect::resistance, "resistance"},
     {RuleEffect::caution, "caution"},
     {RuleEffect::context, "context"}}};
constexpr std::array<std::pair<BiomarkerState, const char*>, 4> kStates = {
    {{BiomarkerState::detected, "detected"},
     {BiomarkerState::not_detected, "not_detected"},
     {BiomarkerState::indeterminate, "indeterminate"},
     {BiomarkerState::not_assessed, "not_assessed"}}};
constexpr std::array<std::pair<Oncogenicity, const char*>, 6> kOncogenicity = {
    {{Oncogenicity::actionable, "actionable"},
     {Oncogenicity::oncogenic_without_therapy, "oncogenic (biomarker without matched therapy here)"},
     {Oncogenicity::oncogenic_hotspot, "oncogenic (hotspot codon, no matched therapy)"},
     {Oncogenicity::vus, "vus"},
     {Oncogenicity::copy_number_without_therapy, "no matched therapy"},
     {Oncogenicity::fusion_domain_lost,
      "fusion without the retained kinase/functional domain (reported, not matched)"}}};

constexpr std::array<std::pair<StoppedFor, const char*>, 4> kStoppedFor = {
    {{StoppedFor::progression, "progression"},
     {StoppedFor::toxicity, "toxicity"},
     {StoppedFor::completed, "completed"},
     {StoppedFor::other, "other"}}};
constexpr std::array<std::pair<BestResponse, const char*>, 4> kBestResponses = {
    {{BestResponse::complete_response, "CR"},
     {BestResponse::partial_response, "PR"},
     {BestResponse::stable_disease, "SD"},
     {BestResponse::progressive_disease, "PD"}}};

}  // namespace

const char* to_string(Level level) noexcept {
    return name_of(kLevels, level);
}
std::optional<Level> parse_level(std::string_view text) noexcept {
    return parse(kLevels, text);
}
const char* to_string(Direction direction) noexcept {
    return name_of(kDirections, direction);
}
std::optional<Direction> parse_direction(std::string_view text) noexcept {
    return parse(kDirections, text);
}
const char* to_string(RuleEffect effect) noexcept {
    return name_of(kRuleEffects, effect);
}
std::optional<RuleEffect> parse_rule_effect(std::string_view text) noexcept {
    return parse(kRuleEffects, text);
}
const char* to_string(BiomarkerState state) noexcept {
    return name_of(kStates, state);
}
std::optional<BiomarkerState> parse_biomarker_state(std::string_view text) noexcept {
    return parse(kStates, text);
}
const char* to_string(Oncogenicity oncogenicity) noexcept {
    return name_of(kOncogenicity, oncogenicity);
}
const char* to_string(StoppedFor reason) noexcept {
    return name_of(kStoppedFor, reason);
}
std::optional<StoppedFor> parse_stopped_for(std::string_view text) noexcept {
    return parse(kStoppedFor, text);
}
const char* to_string(BestResponse response) noexcept {
    return name_of(kBestResponses, response);
}
std::optional<BestResponse> parse_best_response(std::string_view text) noexcept {
    return parse(kBestResponses, text);
}

}  // namespace precis
