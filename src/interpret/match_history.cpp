// SPDX-License-Identifier: Apache-2.0
// Stage 3 of interpret::match, second part: the treatment history (prior therapies) on the therapy rows.
#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "common/strings.hpp"
#include "interpret/match_support.hpp"
#include "interpret/matcher.hpp"

namespace precis::interpret {
namespace {

using detail::in_list;

//! Organ-specific immune-related events named in a toxicity text; "immune" or "irAE" alone also count.
constexpr std::array<std::string_view, 6> kImmuneEvents = {"pneumonitis", "colitis",   "hepatitis",
                                                           "myocarditis", "nephritis", "encephalitis"};

//! The immune-related event a toxicity text names ("pneumonitis", or "adverse event" for a text that
//! only says "immune" or "irAE"); empty when it names none.
std::string immune_event(const std::string& toxicity) {
    const std::string text = str::lower(toxicity);
    for (const std::string_view event : kImmuneEvents) {
        if (text.find(event) != std::string::npos) {
            return std::string(event);
        }
    }
    if (text.find("immune") != std::string::npos || text.find("irae") != std::string::npos) {
        return "adverse event";
    }
    return {};
}

SourceRef irae_guideline() {
    return SourceRef{
        "PMID", "34724392",
        "Schneider BJ et al. Management of Immune-Related Adverse Events in Patients Treated With Immune "
        "Checkpoint Inhibitor Therapy: ASCO Guideline Update. J Clin Oncol 2021;39(36):4073-4126 "
        "(doi:10.1200/JCO.21.01440)",
        "2021-11-01", ""};
}

//! The caution flag for a re-challenge after an immune-related toxicity of `prior`; nullopt when the
//! prior therapy was not stopped for an immune-related toxicity of a checkpoint inhibitor.
std::optional<TherapyFlag> irae_flag(const PriorTherapy& prior, const std::vector<std::string>& inhibitors) {
    if (prior.stopped_for != StoppedFor::toxicity) {
        return std::nullopt;
    }
    const auto inhibitor = std::find_if(prior.drugs.begin(), prior.drugs.end(),
                                        [&](const std::string& drug) { return in_list(inhibitors, drug); });
    const std::string event = immune_event(prior.toxicity);
    if (inhibitor == prior.drugs.end() || event.empty()) {
        return std::nullopt;
    }
    const std::string text =
        "re-challenge after immune-related " + event + " on " + *inhibitor + " (stopped for toxicity: \"" +
        prior.toxicity +
        "\"): whether any checkpoint inhibitor may be given again depends on the event's grade and "
        "recovery. The ASCO guideline advises in general to consider resuming a checkpoint inhibitor only "
        "after a grade 2 event has resolved to grade 1 or less, to suspend it for grade 3 events and to "
        "discontinue it permanently after grade 4 events (except endocrinopathies controlled by hormone "
        "replacement), with some neurologic, haematologic and cardiac events (e.g. myocarditis) stopping "
        "treatment even at grade 1.";
    return TherapyFlag{kIraeRuleId, RuleEffect::caution, text, {}, {irae_guideline()}};
}

//! The marks of the prior therapies that share a drug with the therapy, and the progression note.
void mark_prior_therapies(TherapyMatch& therapy, const std::vector<PriorTherapy>& prior) {
    std::vector<std::string> progressed;
    for (const PriorTherapy& given : prior) {
        std::vector<std::string> shared;
        for (const std::string& drug : therapy.drugs) {
            if (in_list(given.drugs, drug)) {
                shared.push_back(drug);
            }
        }
        if (shared.empty()) {
            continue;
        }
        for (const std::string& drug : shared) {
            if (given.stopped_for == StoppedFor::progression && !in_list(progressed, drug)) {
                progressed.push_back(drug);
            }
        }
        therapy.prior_therapies.push_back(
            PriorTherapyMark{shared, given.stopped_for, given.toxicity, given.best_response});
    }
    if (!progressed.empty()) {
        detail::append_note(therapy, "progressed on " + str::join(progressed, " + ") + " (prior line)");
    }
}

}  // namespace

void apply_treatment_history(std::vector<Finding>& findings, const std::vector<PriorTherapy>& prior,
                             const std::vector<std::string>& checkpoint_inhibitors) {
    if (prior.empty()) {
        return;
    }
    std::vector<TherapyFlag> irae_flags;
    for (const PriorTherapy& given : prior) {
        if (auto flag = irae_flag(given, checkpoint_inhibitors)) {
            const bool repeated = std::any_of(irae_flags.begin(), irae_flags.end(),
                                              [&](const TherapyFlag& f) { return f.text == flag->text; });
            if (!repeated) {
                irae_flags.push_back(std::move(*flag));
            }
        }
    }
    for (Finding& finding : findings) {
        for (TherapyMatch& therapy : finding.therapies) {
            mark_prior_therapies(therapy, prior);
            const bool inhibitor =
                std::any_of(therapy.drugs.begin(), therapy.drugs.end(),
                            [&](const std::string& drug) { return in_list(checkpoint_inhibitors, drug); });
            if (inhibitor && therapy.direction == Direction::sensitivity) {
                therapy.flags.insert(therapy.flags.end(), irae_flags.begin(), irae_flags.end());
            }
        }
        detail::rank_therapies(finding.therapies);
    }
}

}  // namespace precis::interpret
