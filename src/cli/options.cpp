// SPDX-License-Identifier: Apache-2.0
#include "cli/options.hpp"

#include <algorithm>
#include <filesystem>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/strings.hpp"
#include "kb/json.hpp"
#include "re2/re2.h"

namespace precis::cli {

namespace {

bool set(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void apply_case_file(InterpretOptions& options, const std::vector<std::string>& cli) {
    if (options.case_file.empty()) {
        return;
    }
    const std::string text = read_text_file(options.case_file, "case file");
    const rapidjson::Document doc = kb::parse_json(text, options.case_file, ErrorKind::input);
    const auto problems = kb::validate_json(
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
                value = kb::to_json_string(member.value);
            } else if (member.value.IsBool()) {
                value = member.value.GetBool() ? "true" : "false";
            } else {
                continue;
            }
            options.specimen.emplace_back(member.name.GetString(), value);
        }
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
    if (options.purity && (*options.purity <= 0.0 || *options.purity > 1.0)) {
        throw Error(ErrorKind::usage, "--purity", "purity must be in (0, 1]",
                    "e.g. --purity 0.6 for 60% tumour cells");
    }
    if (options.ploidy && (*options.ploidy <= 0.0 || *options.ploidy > 10.0)) {
        throw Error(ErrorKind::usage, "--ploidy", "ploidy must be in (0, 10]", "e.g. --ploidy 2");
    }
    if (options.panel_size_mb && *options.panel_size_mb <= 0.0) {
        throw Error(ErrorKind::usage, "--panel-size-mb", "the panel size must be positive",
                    "e.g. --panel-size-mb 1.1");
    }
    if (options.threads < 1 || options.threads > 64) {
        throw Error(ErrorKind::usage, "--threads", "threads must be between 1 and 64", "e.g. --threads 2");
    }
}

}  // namespace precis::cli
