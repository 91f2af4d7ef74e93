// SPDX-License-Identifier: Apache-2.0
#include "interpret/request_check.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/json.hpp"
#include "common/strings.hpp"
#include "re2/re2.h"

namespace precis::interpret {

namespace {

bool set(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string expected(const NumericSetting& setting) {
    return std::string(setting.whole ? "a whole number" : "a number") + " in " + setting.range.text();
}

//! Throws Error(usage) at `where` when `value` is outside the setting's range.
void check_value(const NumericSetting& setting, double value, const std::string& where) {
    if (setting.range.contains(value) && (!setting.whole || value == std::floor(value))) {
        return;
    }
    throw Error(
        ErrorKind::usage, where, "'" + str::format_significant(value) + "' is not " + expected(setting),
        std::string("give ") + setting.option + " " + expected(setting) + ", e.g. " + setting.example);
}

//! Case-file numbers are range-checked before the schema, so that a bad value exits 2 (a bad setting)
//! with the same message as on the command line.
void check_case_numbers(const rapidjson::Document& doc, const std::string& case_file) {
    if (!doc.IsObject()) {
        return;
    }
    for (const NumericSetting& setting : numeric_settings()) {
        const auto it = doc.FindMember(setting.key);
        if (it != doc.MemberEnd() && it->value.IsNumber()) {
            check_value(setting, it->value.GetDouble(),
                        case_file + ": " + setting.key + " (" + setting.option + ")");
        }
    }
}

constexpr const char* kPriorTherapyForm =
    "DRUG[+DRUG]:REASON[:TOXICITY] with REASON progression, toxicity, completed or other, e.g. "
    "imatinib:progression or pembrolizumab:toxicity:pneumonitis grade 3";
constexpr const char* kPriorTherapyObject =
    "{\"drugs\": [\"DRUG\", ...], \"stopped_for\": \"progression|toxicity|completed|other\", "
    "\"toxicity\": \"free text\", \"best_response\": \"CR|PR|SD|PD\"}";

//! What is wrong with a (lower-cased, trimmed) drug name of a prior therapy; "" when it is one.
std::string drug_problem(const std::string& drug) {
    static const RE2 kDrug("[a-z0-9][a-z0-9 -]{0,99}", RE2::Quiet);
    if (drug.empty()) {
        return "a drug name is empty";
    }
    if (!RE2::FullMatch(drug, kDrug)) {
        return "'" + drug +
               "' is not a drug name (the international non-proprietary name: letters, digits, spaces and "
               "'-')";
    }
    return {};
}

std::string drug_name(std::string_view text) {
    return str::lower(str::trim(text));
}

//! Throws Error(usage) at `where` (a case-file key) saying what is wrong and what is expected.
[[noreturn]] void bad_prior_therapy(const std::string& where, const std::string& why) {
    throw Error(ErrorKind::usage, where, why,
                std::string("give prior_therapies as a list of ") + kPriorTherapyObject +
                    " (or on the command line --prior-therapy " + kPriorTherapyForm + ")");
}

PriorTherapy case_prior_therapy(const rapidjson::Value& item, const std::string& where) {
    if (!item.IsObject()) {
        bad_prior_therapy(where, "is not an object");
    }
    PriorTherapy prior;
    for (const auto& member : item.GetObject()) {
        const std::string key = member.name.GetString();
        const rapidjson::Value& value = member.value;
        if (key == "drugs" && value.IsArray() && !value.Empty()) {
            for (const rapidjson::Value& drug : value.GetArray()) {
                const std::string name = drug.IsString() ? drug_name(drug.GetString()) : std::string();
                if (const std::string problem = drug_problem(name); !problem.empty()) {
                    bad_prior_therapy(where + ".drugs", problem);
                }
                prior.drugs.push_back(name);
            }
        } else if (key == "stopped_for" && value.IsString() && parse_stopped_for(value.GetString())) {
            prior.stopped_for = *parse_stopped_for(value.GetString());
        } else if (key == "toxicity" && value.IsString()) {
            prior.toxicity = std::string(str::trim(value.GetString()));
        } else if (key == "best_response" && value.IsString() && parse_best_response(value.GetString())) {
            prior.best_response = parse_best_response(value.GetString());
        } else if (key == "drugs" || key == "stopped_for" || key == "toxicity" || key == "best_response") {
            bad_prior_therapy(str::concat({where, ".", key}),
                              json::to_json_string(value) + " is not a valid value");
        } else {
            bad_prior_therapy(where, "unknown key '" + key + "'");
        }
    }
    if (prior.drugs.empty() || !item.HasMember("stopped_for")) {
        bad_prior_therapy(where, "needs \"drugs\" and \"stopped_for\"");
    }
    return prior;
}

//! line_of_therapy and prior_therapies of a case file, checked before the schema so that a bad value exits
//! 2 (a bad setting) naming the key and what is expected (a number out of range: check_case_numbers).
std::vector<PriorTherapy> case_treatment(const rapidjson::Document& doc, const std::string& case_file) {
    std::vector<PriorTherapy> prior;
    if (!doc.IsObject()) {
        return prior;
    }
    if (const auto it = doc.FindMember("line_of_therapy"); it != doc.MemberEnd() && !it->value.IsNumber()) {
        const NumericSetting& setting = numeric_setting("--line");
        throw Error(ErrorKind::usage, case_file + ": line_of_therapy (--line)",
                    json::to_json_string(it->value) + " is not " + expected(setting),
                    std::string("give the line of therapy being decided as ") + expected(setting) +
                        ", e.g. " + setting.example);
    }
    const auto it = doc.FindMember("prior_therapies");
    if (it == doc.MemberEnd()) {
        return prior;
    }
    const std::string where = case_file + ": prior_therapies";
    if (!it->value.IsArray()) {
        bad_prior_therapy(where, "is not a list");
    }
    for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
        prior.push_back(case_prior_therapy(it->value[i], where + "[" + std::to_string(i) + "]"));
    }
    return prior;
}

}  // namespace

std::optional<PriorTherapy> parse_prior_therapy(const std::string& text, std::string& problem) {
    const std::size_t first = text.find(':');
    if (first == std::string::npos) {
        problem = "'" + text + "' has no ':REASON' (expected " + kPriorTherapyForm + ")";
        return std::nullopt;
    }
    PriorTherapy prior;
    for (const std::string_view part : str::split(std::string_view(text).substr(0, first), '+')) {
        const std::string drug = drug_name(part);
        if (const std::string why = drug_problem(drug); !why.empty()) {
            problem = str::concat({"'", text, "': ", why, " (expected ", kPriorTherapyForm, ")"});
            return std::nullopt;
        }
        prior.drugs.push_back(drug);
    }
    const std::size_t second = text.find(':', first + 1);
    const std::string reason = drug_name(std::string_view(text).substr(
        first + 1, second == std::string::npos ? std::string::npos : second - first - 1));
    const auto stopped_for = parse_stopped_for(reason);
    if (!stopped_for) {
        problem = "'" + text + "': '" + reason + "' is not a reason the therapy stopped (expected " +
                  kPriorTherapyForm + ")";
        return std::nullopt;
    }
    prior.stopped_for = *stopped_for;
    if (second != std::string::npos) {
        prior.toxicity = std::string(str::trim(std::string_view(text).substr(second + 1)));
    }
    return prior;
}

const std::vector<NumericSetting>& numeric_settings() {
    using limits::Range;
    static const std::vector<NumericSetting> settings = {
        {"--purity", "purity", limits::kPurity, false, "0.6 for 60% tumour cells", &InterpretOptions::purity},
        {"--ploidy", "ploidy", limits::kPloidy, false, "2", &InterpretOptions::ploidy},
        {"--amp-min-copy-number", "amp_min_copy_number", limits::kAmpMinCopyNumber, false, "6",
         &InterpretOptions::amp_min_copy_number},
        {"--min-fusion-reads", "min_fusion_reads", Range{0.0, static_cast<double>(limits::kMaxReads)}, true,
         "2", nullptr},
        {"--msi-score", "msi_score", limits::kMsiScore, false, "12.5", &InterpretOptions::msi_score},
        {"--msi-threshold", "msi_threshold", limits::kMsiThreshold, false, "10",
         &InterpretOptions::msi_threshold},
        {"--tmb", "tmb", limits::kTmb, false, "12.4", &InterpretOptions::tmb},
        {"--panel-size-mb", "panel_size_mb", limits::kPanelSizeMb, false, "1.1",
         &InterpretOptions::panel_size_mb},
        {"--threads", "threads", Range{1.0, 64.0}, true, "2", nullptr},
        {"--line", "line_of_therapy", Range{1.0, static_cast<double>(kMaxLineOfTherapy)}, true, "2", nullptr},
    };
    return settings;
}

const NumericSetting& numeric_setting(const std::string& option) {
    for (const NumericSetting& setting : numeric_settings()) {
        if (option == setting.option) {
            return setting;
        }
    }
    throw Error(ErrorKind::internal, option, "not a numeric option");
}

std::string numeric_problem(const NumericSetting& setting, const std::string& text) {
    std::optional<double> value;
    if (!setting.whole) {
        value = str::to_double(text);
    } else if (const auto whole = str::to_int(text)) {
        value = static_cast<double>(*whole);
    }
    if (value && setting.range.contains(*value)) {
        return {};
    }
    return "'" + text + "' is not " + expected(setting) + " (e.g. " + setting.example + ")";
}

void apply_case_file(InterpretOptions& options, const std::vector<std::string>& cli) {
    if (options.case_file.empty()) {
        return;
    }
    const std::string text = read_text_file(options.case_file, "case file");
    const rapidjson::Document doc = json::parse_json(text, options.case_file, ErrorKind::input);
    check_case_numbers(doc, options.case_file);
    std::vector<PriorTherapy> prior_therapies = case_treatment(doc, options.case_file);
    const auto problems = json::validate_json(
        doc, (std::filesystem::path(options.schemas_dir) / "case.schema.json").string(), options.case_file);
    if (!problems.empty()) {
        throw Error(
            ErrorKind::input, options.case_file,
            "the case file does not follow schemas/case.schema.json:\n  " + str::join(problems, "\n  "),
            "fix the listed fields (see README, 'Case files')");
    }
    const std::filesystem::path base = std::filesystem::path(options.case_file).parent_path();
    const auto string_field = [&](const char* key, std::string& target, bool is_path) {
        const auto it = doc.FindMember(key);
        if (it == doc.MemberEnd() || set(cli, key)) {
            return;
        }
        std::string value = it->value.GetString();
        if (is_path && !value.empty() && std::filesystem::path(value).is_relative()) {
            value = (base / value).string();
        }
        target = value;
    };
    const auto number_field = [&](const char* key, std::optional<double>& target) {
        const auto it = doc.FindMember(key);
        if (it != doc.MemberEnd() && !set(cli, key) && it->value.IsNumber()) {
            target = it->value.GetDouble();
        }
    };
    const auto bool_field = [&](const char* key, bool& target) {
        const auto it = doc.FindMember(key);
        if (it != doc.MemberEnd() && !set(cli, key) && it->value.IsBool()) {
            target = it->value.GetBool();
        }
    };
    string_field("sample", options.sample, false);
    string_field("tumor_type", options.tumor_type, false);
    string_field("genome", options.genome, false);
    string_field("vcf", options.vcf, true);
    string_field("tumor_sample", options.tumor_sample, false);
    string_field("maf", options.maf, true);
    string_field("out", options.out, true);
    string_field("formats", options.formats, false);
    string_field("cnv", options.cnv, true);
    string_field("cnv_format", options.cnv_format, false);
    string_field("fusions", options.fusions, true);
    string_field("fusion_format", options.fusion_format, false);
    string_field("sv_vcf", options.sv_vcf, true);
    string_field("ihc", options.ihc, true);
    string_field("msi", options.msi, true);
    string_field("msi_caller", options.msi_caller, false);
    string_field("msi_status", options.msi_status, false);
    string_field("panel_bed", options.panel_bed, true);
    number_field("purity", options.purity);
    number_field("ploidy", options.ploidy);
    number_field("msi_score", options.msi_score);
    number_field("msi_threshold", options.msi_threshold);
    number_field("tmb", options.tmb);
    number_field("panel_size_mb", options.panel_size_mb);
    number_field("amp_min_copy_number", options.amp_min_copy_number);
    if (const auto it = doc.FindMember("specimen"); it != doc.MemberEnd() && it->value.IsObject()) {
        for (const auto& member : it->value.GetObject()) {
            std::string value;
            if (member.value.IsString()) {
                value = member.value.GetString();
            } else if (member.value.IsNumber()) {
                value = json::to_json_string(member.value);
            } else if (member.value.IsBool()) {
                value = member.value.GetBool() ? "true" : "false";
            } else {
                continue;
            }
            options.specimen.emplace_back(member.name.GetString(), value);
        }
    }
    if (const auto it = doc.FindMember("line_of_therapy");
        it != doc.MemberEnd() && !set(cli, "line") && it->value.IsNumber()) {
        options.line_of_therapy = static_cast<int>(it->value.GetDouble());  // whole, range-checked
    }
    if (doc.HasMember("prior_therapies") && !set(cli, "prior_therapy")) {
        options.prior_therapies = std::move(prior_therapies);
    }
    bool_field("strict", options.strict);
    bool_field("include_filtered", options.include_filtered);
    bool_field("deterministic", options.deterministic);
    bool_field("pdf", options.pdf);
}

void validate_options(const InterpretOptions& options) {
    if (options.sample.empty()) {
        throw Error(ErrorKind::usage, "--sample", "a sample id is required",
                    "pass --sample ID (or \"sample\" in --case)");
    }
    static const RE2 kSampleId("[A-Za-z0-9][A-Za-z0-9._-]{0,99}", RE2::Quiet);
    if (!RE2::FullMatch(options.sample, kSampleId)) {
        throw Error(ErrorKind::usage, "--sample",
                    "'" + options.sample +
                        "' is not a valid sample id (letters, digits, '.', '_' and '-' only, "
                        "starting with a letter or digit, at most 100 characters; it names the report files)",
                    "choose a sample id such as PT-0042_T1");
    }
    if (options.tumor_type.empty()) {
        throw Error(
            ErrorKind::usage, "--tumor-type", "a tumour type is required",
            "pass an OncoTree code, e.g. --tumor-type IHCH (intrahepatic cholangiocarcinoma) or SOLID");
    }
    if (options.out.empty()) {
        throw Error(ErrorKind::usage, "--out", "an output directory is required", "pass --out DIR");
    }
    if (options.vcf.empty() && options.maf.empty() && options.cnv.empty() && options.fusions.empty() &&
        options.sv_vcf.empty() && options.ihc.empty() && options.msi.empty() && !options.msi_score &&
        options.msi_status.empty() && !options.tmb) {
        throw Error(
            ErrorKind::usage, "precis interpret", "no input given",
            "give at least one of --vcf, --maf, --cnv, --fusions, --sv-vcf, --ihc, --msi, --msi-score, "
            "--msi-status, --tmb");
    }
    if (!options.vcf.empty() && !options.maf.empty()) {
        throw Error(ErrorKind::usage, "--vcf/--maf",
                    "give small variants either as --vcf or as --maf, not both", "drop one of the two");
    }
    for (const auto part : str::split(options.formats, ',')) {
        const std::string format(str::trim(part));
        if (format != "json" && format != "html" && format != "tsv" && format != "fhir" && format != "pdf") {
            throw Error(ErrorKind::usage, "--formats", "unknown report format '" + format + "'",
                        "use a comma-separated list of json, html, tsv, fhir, pdf");
        }
    }
    for (const NumericSetting& setting : numeric_settings()) {
        if (setting.field != nullptr && options.*setting.field) {
            check_value(setting, *(options.*setting.field), setting.option);
        }
    }
    check_value(numeric_setting("--min-fusion-reads"), options.min_fusion_reads, "--min-fusion-reads");
    check_value(numeric_setting("--threads"), options.threads, "--threads");
    if (options.line_of_therapy) {
        check_value(numeric_setting("--line"), *options.line_of_therapy, "--line");
    }
    for (const PriorTherapy& prior : options.prior_therapies) {
        for (const std::string& drug : prior.drugs) {
            if (const std::string problem = drug_problem(drug); !problem.empty()) {
                throw Error(ErrorKind::usage, "--prior-therapy", problem,
                            std::string("give --prior-therapy ") + kPriorTherapyForm);
            }
        }
    }
}

}  // namespace precis::interpret
