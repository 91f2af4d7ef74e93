// SPDX-License-Identifier: Apache-2.0
#include "interpret/cross_checks.hpp"

#include <algorithm>
#include <map>

#include "common/strings.hpp"

namespace precis::interpret {
namespace {

const IhcResult* marker(const Profile& profile, const std::string& name) {
    const auto found = std::find_if(profile.ihc.begin(), profile.ihc.end(),
                                    [&](const IhcResult& result) { return result.marker == name; });
    return found == profile.ihc.end() ? nullptr : &*found;
}

void her2_checks(const Profile& profile, std::vector<std::string>& checks) {
    const IhcResult* her2 = marker(profile, "HER2");
    const auto erbb2 = std::find_if(profile.copy_numbers.begin(), profile.copy_numbers.end(),
                                    [](const CopyNumberCall& call) { return call.gene == "ERBB2"; });
    const bool have_cn = erbb2 != profile.copy_numbers.end();
    const bool amplified = have_cn && erbb2->cn_class == CopyNumberClass::amplification;
    const std::string cn_text =
        have_cn ? std::string("ERBB2 ") + to_string(erbb2->cn_class) +
                      (erbb2->copy_number ? " (copy number " + str::format_fixed(*erbb2->copy_number, 1) + ")"
                                          : std::string())
                : std::string();
    if (her2 == nullptr) {
        return;
    }
    const std::string& score = her2->score;
    const std::string& ish = her2->ish_status;
    if (score == "2+" && ish.empty()) {
        checks.push_back(
            "HER2 IHC 2+ is equivocal and no ISH result was given: reflex ISH is needed to call the "
            "tumour HER2-positive (IHC 2+/ISH+)" +
            std::string(amplified ? "; NGS shows " + cn_text + ", which supports ISH testing" : ""));
    }
    if (!have_cn) {
        return;
    }
    if (score == "3+" && amplified) {
        checks.push_back("HER2 IHC 3+ and " + cn_text + " are concordant");
    } else if (score == "3+" && !amplified) {
        checks.push_back("HER2 IHC 3+ but " + cn_text +
                         " by NGS: discordant; consider low tumour content in the NGS sample, HER2 protein "
                         "overexpression without amplification, or heterogeneity (ISH can arbitrate)");
    } else if ((score == "0" || score == "1+") && amplified) {
        checks.push_back(cn_text + " by NGS but HER2 IHC " + score +
                         ": discordant; ERBB2 amplification without protein overexpression does not meet the "
                         "HER2-positive (IHC 3+) label definitions; review IHC and consider ISH");
    }
    if (ish == "amplified" && !amplified) {
        checks.push_back("HER2 ISH amplified but " + cn_text + " by NGS: discordant; check tumour content");
    } else if (ish == "not_amplified" && amplified) {
        checks.push_back("HER2 ISH not amplified but " + cn_text +
                         " by NGS: discordant; check the ISH and NGS samples");
    }
}

void mmr_checks(const Profile& profile, std::vector<std::string>& checks) {
    std::map<std::string, std::string> status;
    for (const char* name : {"MLH1", "MSH2", "MSH6", "PMS2"}) {
        if (const IhcResult* result = marker(profile, name)) {
            status[name] = result->status;
        }
    }
    if (status.empty()) {
        return;
    }
    const auto lost = [&](const char* name) {
        const auto found = status.find(name);
        return found != status.end() && found->second == "lost";
    };
    const bool dmmr = lost("MLH1") || lost("MSH2") || lost("MSH6") || lost("PMS2");
    const bool all_intact =
        status.size() == 4 &&
        std::all_of(status.begin(), status.end(), [](const auto& item) { return item.second == "intact"; });
    if (status.size() < 4 && !dmmr) {
        std::vector<std::string> missing;
        for (const char* name : {"MLH1", "MSH2", "MSH6", "PMS2"}) {
            if (status.count(name) == 0) {
                missing.emplace_back(name);
            }
        }
        std::string text = "MMR IHC is incomplete (";
        for (std::size_t i = 0; i < missing.size(); ++i) {
            text += (i ? ", " : "") + missing[i];
        }
        checks.push_back(text + " not given): proficient MMR cannot be concluded from IHC");
    }
    if (lost("MLH1") && lost("PMS2")) {
        checks.push_back(
            "MLH1 and PMS2 loss: suggest MLH1 promoter methylation testing (and BRAF V600E in colorectal "
            "cancer) to separate sporadic loss from germline MLH1 (Lynch syndrome)");
    } else if (lost("PMS2") && !lost("MLH1")) {
        checks.push_back("isolated PMS2 loss: suggest germline evaluation of PMS2 (Lynch syndrome)");
    } else if (lost("MLH1")) {
        checks.push_back(
            "MLH1 loss: suggest MLH1 promoter methylation testing and germline evaluation (Lynch syndrome)");
    }
    if (lost("MSH2")) {
        checks.push_back(std::string(lost("MSH6") ? "MSH2 and MSH6 loss" : "MSH2 loss") +
                         ": suggest germline (Lynch syndrome) evaluation of MSH2 and EPCAM");
    } else if (lost("MSH6")) {
        checks.push_back("isolated MSH6 loss: suggest germline (Lynch syndrome) evaluation of MSH6");
    }
    if (profile.msi && !profile.msi->status.empty()) {
        const std::string& msi = profile.msi->status;
        const std::string caller = profile.msi->caller.empty() ? "" : " (" + profile.msi->caller + ")";
        if (dmmr && msi == "MSS") {
            checks.push_back(
                "dMMR by IHC but MSS" + caller +
                ": discordant; dMMR alone qualifies for the MSI-H/dMMR labels, but review both tests "
                "(MSH6 loss and low tumour content can give MSS)");
        } else if (all_intact && msi == "MSI-H") {
            checks.push_back("MSI-H" + caller +
                             " but all four MMR proteins intact by IHC: discordant; consider "
                             "a missense MMR variant with retained protein, or repeat testing");
        } else if (dmmr && msi == "MSI-H") {
            checks.push_back("dMMR by IHC and MSI-H" + caller + " are concordant");
        } else if (msi == "indeterminate") {
            checks.push_back(std::string("MSI score is indeterminate") + caller + "; MMR IHC shows " +
                             (dmmr         ? "loss (dMMR)"
                              : all_intact ? "all proteins intact (pMMR)"
                                           : "an incomplete panel"));
        }
    }
}

}  // namespace

std::vector<std::string> cross_checks(const Profile& profile) {
    std::vector<std::string> checks;
    her2_checks(profile, checks);
    mmr_checks(profile, checks);
    if (profile.msi && profile.tmb) {
        if (profile.msi->status == "MSI-H" && profile.tmb->value < profile.tmb->threshold) {
            checks.push_back(
                "MSI-H with TMB " + str::format_fixed(profile.tmb->value, 1) +
                " mutations/Mb (< 10): unusual, as MSI-H tumours are usually hypermutated; review both");
        } else if (profile.msi->status == "MSS" && profile.tmb->value >= profile.tmb->threshold) {
            checks.push_back(
                "TMB-H (" + str::format_fixed(profile.tmb->value, 1) +
                " mutations/Mb) with MSS: TMB-H from another cause (e.g. POLE, tobacco or UV signature)");
        }
    }
    return checks;
}

}  // namespace precis::interpret
