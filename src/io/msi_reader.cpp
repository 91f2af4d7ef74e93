// SPDX-License-Identifier: Apache-2.0
#include "io/msi_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/limits.hpp"
#include "common/strings.hpp"
#include "io/table_reader.hpp"

namespace precis::io {
namespace {

std::string squash(std::string_view text) {
    std::string result;
    for (const char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            result.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
    }
    return result;
}

Table::Options tsv() {
    Table::Options options;
    options.delimiter = '\t';
    return options;
}

}  // namespace

const std::vector<std::string>& msi_callers() {
    static const std::vector<std::string> callers = {"msisensor", "msisensor-pro", "msisensor2", "mantis",
                                                     "purple"};
    return callers;
}

std::optional<MsiDefaults> msi_defaults(const std::string& caller) {
    const std::string name = str::lower(caller);
    if (name == "msisensor") {
        return MsiDefaults{10.0, 3.0,
                           "MSIsensor score (% unstable sites): MSI-H >= 10, indeterminate 3 to <10, MSS < 3 "
                           "(MSK-IMPACT, Middha et al. JCO Precis Oncol 2017, PMID 30211344)"};
    }
    if (name == "msisensor-pro") {
        return MsiDefaults{
            10.0, 3.0,
            "MSIsensor-pro score (% unstable sites): no universal cut-off (panel-specific, per its "
            "authors); the MSIsensor MSK-IMPACT cut-offs are used (MSI-H >= 10, indeterminate 3 to "
            "<10): calibrate with --msi-threshold"};
    }
    if (name == "msisensor2") {
        return MsiDefaults{
            20.0, std::nullopt,
            "msisensor2 tumour-only score (% unstable sites): MSI-H >= 20 (msisensor2 authors' "
            "recommendation)"};
    }
    if (name == "mantis") {
        return MsiDefaults{0.4, std::nullopt,
                           "MANTIS step-wise difference: MSI-H >= 0.4 (Kautto et al. Oncotarget 2017)"};
    }
    if (name == "purple") {
        return MsiDefaults{4.0, std::nullopt,
                           "PURPLE msIndelsPerMb: MSI-H >= 4.0 (hmftools MicrosatelliteStatus)"};
    }
    return std::nullopt;
}

void classify_msi(MsiResult& result, std::optional<double> threshold_override) {
    if (!result.score) {
        return;
    }
    // Readers and options reject these; a NaN here would read as MSS (every comparison is false).
    if (!limits::kMsiScore.contains(*result.score) ||
        (threshold_override && !limits::kMsiThreshold.contains(*threshold_override))) {
        throw Error(ErrorKind::internal, result.where.to_string(),
                    "MSI score or threshold outside " + limits::kMsiScore.text() + " reached the classifier");
    }
    const auto defaults = msi_defaults(result.caller);
    if (threshold_override) {
        result.threshold = threshold_override;
        result.indeterminate_low.reset();
        result.threshold_source =
            "user-given threshold: MSI-H at score >= " + std::to_string(*threshold_override) +
            (defaults ? " (caller default: " + defaults->source + ")" : std::string());
    } else if (defaults) {
        result.threshold = defaults->threshold;
        result.indeterminate_low = defaults->indeterminate_low;
        result.threshold_source = defaults->source;
    } else {
        throw Error(ErrorKind::usage, "--msi-caller " + result.caller,
                    "no default MSI threshold for this caller (scores are not comparable across tools)",
                    "use one of " + str::join(msi_callers(), ", ") + ", or give --msi-threshold");
    }
    if (*result.score >= *result.threshold) {
        result.status = "MSI-H";
    } else if (result.indeterminate_low && *result.score >= *result.indeterminate_low) {
        result.status = "indeterminate";
    } else {
        result.status = "MSS";
    }
}

bool looks_like_purple_purity(const InputName& file) {
    const std::string text = read_text_file(file, "MSI result");
    return text.find("msIndelsPerMb") != std::string::npos && text.find("tmbPerMb") != std::string::npos;
}

PurpleQc read_purple_purity(const InputName& file) {
    const std::string& path = file.given;  // in errors
    const Table table = Table::read(file, tsv());
    if (table.rows().empty()) {
        throw Error(ErrorKind::input, path, "PURPLE purity file without a data row", "check the file");
    }
    const auto& row = table.rows().front();
    // A present value outside its range (or NaN, inf) makes the one-row file malformed: exit 3.
    const auto number = [&](std::string_view name, const limits::Range& range) -> std::optional<double> {
        const auto column = table.column({name});
        if (!column || Table::field(row, *column).empty()) {
            return std::nullopt;
        }
        const std::string_view text = Table::field(row, *column);
        const auto value = str::to_double(text);
        if (!value || !range.contains(*value)) {
            throw Error(ErrorKind::input, path + ":" + std::to_string(row.line),
                        std::string(name) + " '" + std::string(text) + "' is not a number in " + range.text(),
                        "check the PURPLE purity file");
        }
        return value;
    };
    PurpleQc qc;
    qc.purity = number("purity", limits::kPurity);
    qc.ploidy = number("ploidy", limits::kPloidy);
    qc.msi.caller = "purple";
    qc.msi.score = number("msIndelsPerMb", limits::kMsiScore);
    qc.msi.where = Where{file.shown, row.line, "msIndelsPerMb"};
    if (!qc.msi.score) {
        throw Error(ErrorKind::input, path + ":" + std::to_string(row.line), "msIndelsPerMb is not a number",
                    "check the PURPLE purity file");
    }
    const auto tmb = number("tmbPerMb", limits::kTmb);
    if (tmb) {
        qc.tmb.value = *tmb;
        qc.tmb.source = "given";
        qc.tmb.counting_rule = "PURPLE tmbPerMb (" + file.shown + ")";
    }
    return qc;
}

MsiResult read_msi_file(const InputName& file, const std::string& caller, std::string& detected_format) {
    const std::string& path = file.given;  // in errors
    const std::string text = read_text_file(file, "MSI result");
    MsiResult result;
    if (text.find("Step-Wise Difference") != std::string::npos) {
        detected_format = "mantis";
        result.caller = "mantis";
        std::int64_t line_number = 0;
        for (std::string_view line : str::split(text, '\n')) {
            ++line_number;
            if (!str::starts_with(str::trim(line), "Step-Wise Difference")) {
                continue;
            }
            const auto fields = split_delimited(line, '\t');
            if (fields.size() >= 2) {
                result.score = str::to_finite_double(fields[1], limits::kMsiScore.min, limits::kMsiScore.max);
            }
            if (!result.score) {
                throw Error(
                    ErrorKind::input, path + ":" + std::to_string(line_number),
                    "the MANTIS Step-Wise Difference row has no number in " + limits::kMsiScore.text(),
                    "check the .status file");
            }
            result.where = Where{file.shown, line_number, "Step-Wise Difference (DIF)"};
            return result;
        }
    }
    if (text.find("Total_Number_of_Sites") != std::string::npos) {
        const Table table = Table::read(file, tsv());
        const std::size_t total = table.require_column({"Total_Number_of_Sites"});
        const std::size_t percent = table.require_column({"%"});
        if (table.rows().empty()) {
            throw Error(ErrorKind::input, path, "MSIsensor result without a data row", "check the file");
        }
        const auto& row = table.rows().front();
        result.score = str::to_finite_double(Table::field(row, percent), limits::kMsiPercent.min,
                                             limits::kMsiPercent.max);
        result.sites = str::to_bounded_int(Table::field(row, total), 0, limits::kMaxReads);
        if (!result.score) {
            throw Error(
                ErrorKind::input, path + ":" + std::to_string(row.line),
                "the % column '" + std::string(Table::field(row, percent)) + "' is not a percentage 0-100",
                "check the MSIsensor output");
        }
        result.caller = caller.empty() ? "msisensor" : str::lower(caller);
        detected_format = result.caller;
        result.where = Where{file.shown, row.line, "%"};
        return result;
    }
    if (text.find("msIndelsPerMb") != std::string::npos) {
        detected_format = "purple";
        return read_purple_purity(file).msi;
    }
    throw Error(
        ErrorKind::input, path,
        "not a known MSI result: expected MSIsensor/MSIsensor-pro/msisensor2 (Total_Number_of_Sites ... %), "
        "a MANTIS .status file (Step-Wise Difference) or a PURPLE purity.tsv (msIndelsPerMb)",
        "give the caller's result file, or use --msi-score with --msi-caller, or --msi-status");
}

std::optional<std::string> parse_signature(std::string_view text) {
    static const std::map<std::string, std::string> names = {
        {"msih", "MSI-H"},
        {"msihigh", "MSI-H"},
        {"microsatelliteinstabilityhigh", "MSI-H"},
        {"microsatelliteinstable", "MSI-H"},
        {"microsatelliteinstability", "MSI-H"},
        {"msi", "MSI-H"},
        {"mss", "MSS"},
        {"microsatellitestable", "MSS"},
        {"microsatellitestability", "MSS"},
        {"msil", "MSS"},
        {"msilow", "MSS"},
        {"microsatelliteinstabilitylow", "MSS"},
        {"tmbh", "TMB-H"},
        {"tmbhigh", "TMB-H"},
        {"hightmb", "TMB-H"},
        {"tumormutationalburdenhigh", "TMB-H"},
        {"tumourmutationalburdenhigh", "TMB-H"},
        {"hightumormutationalburden", "TMB-H"},
        {"tmbl", "TMB-L"},
        {"tmblow", "TMB-L"},
        {"tumormutationalburdenlow", "TMB-L"},
        {"tumourmutationalburdenlow", "TMB-L"},
        {"dmmr", "dMMR"},
        {"mmrd", "dMMR"},
        {"mmrdeficient", "dMMR"},
        {"mismatchrepairdeficient", "dMMR"},
        {"mismatchrepairdeficiency", "dMMR"},
        {"deficientmismatchrepair", "dMMR"},
        {"pmmr", "pMMR"},
        {"mmrproficient", "pMMR"},
        {"mismatchrepairproficient", "pMMR"},
        {"proficientmismatchrepair", "pMMR"},
    };
    const auto found = names.find(squash(text));
    if (found == names.end()) {
        return std::nullopt;
    }
    return found->second;
}

}  // namespace precis::io
