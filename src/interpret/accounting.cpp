// SPDX-License-Identifier: Apache-2.0
#include "interpret/accounting.hpp"

#include <algorithm>
#include <set>

#include "common/strings.hpp"

namespace precis::interpret {

namespace {

//! A record's key: its line, and for VCF alleles (several per line) also the allele.
using RecordKey = std::string;
using LineSet = std::set<RecordKey>;

RecordKey key_of(const Where& where, bool per_allele) {
    return std::to_string(where.line) + (per_allele ? "|" + where.detail : std::string());
}

void collect(const std::vector<Finding>& findings, const std::string& file, bool per_allele, LineSet& lines) {
    for (const Finding& finding : findings) {
        if (finding.where.file == file && finding.where.line > 0) {
            lines.insert(key_of(finding.where, per_allele));
        }
    }
}

//! Lines of the profile's results from `file` that decide a biomarker status without being a finding, and
//! lines of results precis reads but does not interpret (reason per line).
void profile_results(const Profile& profile, const std::vector<std::string>& ihc_markers,
                     const std::string& file, LineSet& evidence,
                     std::map<RecordKey, std::string>& uninterpreted) {
    const auto from = [&](const Where& where) { return where.file == file && where.line > 0; };
    const auto key = [](const Where& where) { return key_of(where, false); };
    for (const CopyNumberCall& call : profile.copy_numbers) {
        if (from(call.where)) {
            evidence.insert(key(call.where));
        }
    }
    for (const IhcResult& result : profile.ihc) {
        if (!from(result.where)) {
            continue;
        }
        const std::string marker = str::upper(result.marker);
        const bool kb_marker = std::any_of(ihc_markers.begin(), ihc_markers.end(),
                                           [&](const std::string& m) { return str::iequals(m, marker); });
        if (marker == "HER2" || marker == "MLH1" || marker == "MSH2" || marker == "MSH6" ||
            marker == "PMS2" || kb_marker) {
            evidence.insert(key(result.where));
        } else {
            uninterpreted[key(result.where)] =
                "IHC marker " + result.marker + " has no biomarker in the knowledge base (reported as given)";
        }
    }
    if (profile.msi && from(profile.msi->where)) {
        evidence.insert(key(profile.msi->where));
    }
    for (const Fusion& fusion : profile.fusions) {
        if (from(fusion.where)) {
            uninterpreted[key(fusion.where)] =
                "no knowledge-base gene with a curated fusion role among the partners";
        }
    }
}

InputAccount account_one(const InputLedger& ledger, const Profile& profile,
                         const std::vector<std::string>& ihc_markers, const Report& report) {
    InputAccount account;
    account.role = ledger.role;
    account.file = ledger.file;
    account.unit = ledger.unit;
    account.records = ledger.records;
    const bool per_allele = ledger.unit == "allele";
    LineSet in_findings;
    LineSet in_other;
    collect(report.findings, ledger.file, per_allele, in_findings);
    collect(report.other_findings, ledger.file, per_allele, in_other);
    for (const RecordKey& key : in_findings) {
        in_other.erase(key);
    }
    account.in_findings = static_cast<std::int64_t>(in_findings.size());
    account.in_other_findings = static_cast<std::int64_t>(in_other.size());
    const auto placed = [&](const RecordKey& key) {
        return in_findings.count(key) != 0 || in_other.count(key) != 0;
    };

    LineSet evidence;
    std::map<RecordKey, std::string> uninterpreted;
    profile_results(profile, ihc_markers, ledger.file, evidence, uninterpreted);
    for (const NotInterpreted& entry : report.not_interpreted) {
        if (entry.where.file == ledger.file && entry.where.line > 0) {
            uninterpreted[key_of(entry.where, per_allele)] = entry.reason;
        }
    }
    for (const NotInterpreted& entry : ledger.listed) {
        uninterpreted[key_of(entry.where, per_allele)] = entry.reason;
    }
    for (const RecordKey& key : evidence) {
        if (!placed(key) && uninterpreted.count(key) == 0) {
            ++account.biomarker_evidence;
        }
    }
    for (const auto& [key, reason] : uninterpreted) {
        if (!placed(key)) {
            ++account.not_interpreted_reasons[reason];
            ++account.not_interpreted;
        }
    }
    for (const auto& [reason, count] : ledger.counted) {
        account.not_interpreted_reasons[reason] += count;
        account.not_interpreted += count;
        const auto examples = ledger.examples.find(reason);
        if (examples != ledger.examples.end() && !examples->second.empty()) {
            account.examples[reason] = examples->second;
        }
    }
    account.unaccounted = account.records - account.in_findings - account.in_other_findings -
                          account.biomarker_evidence - account.not_interpreted;
    return account;
}

}  // namespace

void account_inputs(const Profile& profile, const std::vector<std::string>& ihc_markers, Report& report) {
    for (const InputLedger& ledger : profile.ledgers) {
        for (const NotInterpreted& entry : ledger.listed) {
            report.not_interpreted.push_back(entry);
        }
    }
    for (NotInterpreted& entry : report.not_interpreted) {
        for (const InputLedger& ledger : profile.ledgers) {
            if (entry.role.empty() && ledger.file == entry.where.file) {
                entry.role = ledger.role;
            }
        }
    }
    for (const InputLedger& ledger : profile.ledgers) {
        InputAccount account = account_one(ledger, profile, ihc_markers, report);
        if (account.unaccounted != 0) {
            report.warnings.push_back(
                ledger.file + ": " + std::to_string(account.unaccounted) + " " + ledger.unit +
                "(s) could not be accounted for in this report (a precis bug: please report it)");
        }
        report.input_accounting.push_back(std::move(account));
    }
}

void measure_signatures(const Profile& profile, Report& report) {
    TmbMeasurement& tmb = report.tmb;
    if (profile.tmb) {
        tmb.status = profile.tmb->value >= profile.tmb->threshold ? "high" : "not_high";
        tmb.value = profile.tmb->value;
        tmb.mutation_count = profile.tmb->counted_variants;
        tmb.panel_size_mb = profile.tmb->panel_mb;
        tmb.counting_rule = profile.tmb->counting_rule;
        tmb.source = profile.tmb->source;
        tmb.threshold = profile.tmb->threshold;
    } else {
        tmb.status = "not_assessed";
    }
    MsiMeasurement& msi = report.msi;
    if (!profile.msi) {
        msi.status = "not_assessed";
        return;
    }
    msi.status = profile.msi->status.empty() ? "not_assessed" : profile.msi->status;
    msi.score = profile.msi->score;
    msi.caller = profile.msi->caller;
    msi.threshold = profile.msi->threshold;
    msi.indeterminate_low = profile.msi->indeterminate_low;
    msi.bands_source = profile.msi->threshold_source;
    if (msi.status == "indeterminate") {
        msi.advice =
            "The score lies in the caller's indeterminate band: the tumour is neither called MSI-H nor MSS. "
            "Confirm by MMR immunohistochemistry (MLH1, MSH2, MSH6, PMS2) or MSI PCR before acting on it.";
    }
}

}  // namespace precis::interpret
