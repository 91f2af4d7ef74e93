// SPDX-License-Identifier: Apache-2.0
#include "cohort/cohort.hpp"

#include <algorithm>
#include <filesystem>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/json.hpp"
#include "common/strings.hpp"
#include "report/writers.hpp"

namespace precis::cohort {

namespace {

namespace fs = std::filesystem;

void add_therapy(CohortFinding& row, const std::vector<std::string>& drugs, Direction direction,
                 std::optional<Level> level, bool on_label) {
    if (direction != Direction::sensitivity || !level || is_resistance(*level)) {
        return;
    }
    row.actionable = row.actionable || is_actionable(direction, *level);
    if (!row.best_level || level_rank(*level) < level_rank(*row.best_level)) {
        row.best_level = level;
    }
    row.on_label = row.on_label || on_label;
    const std::string name = str::join(drugs, "+");
    if (std::find(row.therapies.begin(), row.therapies.end(), name) == row.therapies.end()) {
        row.therapies.push_back(name);
    }
}

[[noreturn]] void malformed(const std::string& label, const std::string& pointer, const std::string& why) {
    throw Error(ErrorKind::input, label + ": " + pointer, why,
                "the report is damaged or was not written by precis; run the sample again");
}

const rapidjson::Value& member(const rapidjson::Value& object, const char* key, const std::string& label,
                               const std::string& pointer) {
    const auto it = object.FindMember(key);
    if (it == object.MemberEnd()) {
        malformed(label, pointer, std::string("no member '") + key + "'");
    }
    return it->value;
}

std::string string_member(const rapidjson::Value& object, const char* key, const std::string& label,
                          const std::string& pointer) {
    const rapidjson::Value& value = member(object, key, label, pointer);
    if (!value.IsString()) {
        malformed(label, pointer + "/" + key, "not a string");
    }
    return {value.GetString(), value.GetStringLength()};
}

const rapidjson::Value& array_member(const rapidjson::Value& object, const char* key,
                                     const std::string& label, const std::string& pointer) {
    const rapidjson::Value& value = member(object, key, label, pointer);
    if (!value.IsArray()) {
        malformed(label, pointer + "/" + key, "not an array");
    }
    return value;
}

std::vector<std::string> string_array(const rapidjson::Value& value, const std::string& label,
                                      const std::string& pointer) {
    std::vector<std::string> out;
    for (const auto& item : value.GetArray()) {
        if (!item.IsString()) {
            malformed(label, pointer, "an item is not a string");
        }
        out.emplace_back(item.GetString(), item.GetStringLength());
    }
    return out;
}

CohortFinding finding_from_json(const rapidjson::Value& finding, const std::string& label,
                                const std::string& pointer) {
    if (!finding.IsObject()) {
        malformed(label, pointer, "not an object");
    }
    CohortFinding row;
    row.id = string_member(finding, "id", label, pointer);
    row.gene = string_member(finding, "gene", label, pointer);
    row.alteration = string_member(finding, "alteration", label, pointer);
    row.category = string_member(finding, "category", label, pointer);
    const rapidjson::Value& therapies = array_member(finding, "therapies", label, pointer);
    for (rapidjson::SizeType i = 0; i < therapies.Size(); ++i) {
        const rapidjson::Value& match = therapies[i];
        const std::string at = pointer + "/therapies/" + std::to_string(i);
        if (!match.IsObject()) {
            malformed(label, at, "not an object");
        }
        const std::optional<Direction> direction =
            parse_direction(string_member(match, "direction", label, at));
        const std::string level_text = string_member(match, "level", label, at);
        const std::optional<Level> level = parse_level(level_text);
        if (!direction || !level) {
            malformed(label, at, "unknown direction or level '" + level_text + "'");
        }
        const rapidjson::Value& on_label = member(match, "on_label", label, at);
        add_therapy(row, string_array(array_member(match, "drugs", label, at), label, at + "/drugs"),
                    *direction, level, on_label.IsBool() && on_label.GetBool());
    }
    return row;
}

BiomarkerCall biomarker_from_json(const rapidjson::Value& biomarker, const std::string& label,
                                  const std::string& pointer) {
    if (!biomarker.IsObject()) {
        malformed(label, pointer, "not an object");
    }
    BiomarkerCall call;
    call.id = string_member(biomarker, "id", label, pointer);
    call.label = string_member(biomarker, "label", label, pointer);
    const std::string status = string_member(biomarker, "status", label, pointer);
    const std::optional<BiomarkerState> state = parse_biomarker_state(status);
    if (!state) {
        malformed(label, pointer + "/status", "unknown biomarker status '" + status + "'");
    }
    call.state = *state;
    return call;
}

CohortSample unreadable(std::string sample, std::string tumor_type, std::string report_stem,
                        std::string why) {
    CohortSample result;
    result.sample = std::move(sample);
    result.tumor_type = std::move(tumor_type);
    result.status = SampleStatus::unreadable;
    result.report_stem = std::move(report_stem);
    result.error = std::move(why);
    return result;
}

//! Reads, parses and (with a schemas directory) validates one report JSON; any problem makes the sample
//! unreadable with the reason, so that it is listed rather than skipped.
CohortSample read_report(const fs::path& dir, const std::string& report_stem, const std::string& sample,
                         const std::string& tumor_type, const std::string& schemas_dir) {
    const fs::path path = dir / (report_stem + ".precis.json");
    const std::string label = report_stem + ".precis.json";
    try {
        const rapidjson::Document doc =
            json::parse_json(read_text_file(path.string(), "report"), label, ErrorKind::input);
        if (!schemas_dir.empty()) {
            const std::vector<std::string> problems =
                json::validate_json(doc, (fs::path(schemas_dir) / "report.schema.json").string(), label);
            if (!problems.empty()) {
                return unreadable(
                    sample, tumor_type, report_stem,
                    "input error: does not follow schemas/report.schema.json: " + problems.front());
            }
        }
        CohortSample result = from_report_json(doc, label, report_stem);
        if (!sample.empty() && result.sample != sample) {
            return unreadable(sample, tumor_type, report_stem,
                              "input error: " + label + " is the report of sample '" + result.sample + "'");
        }
        return result;
    } catch (const Error& error) {
        return unreadable(sample.empty() ? fs::path(report_stem).filename().string() : sample, tumor_type,
                          report_stem,
                          std::string(to_string(error.kind())) + ": " +
                              (error.where().empty() ? error.why() : error.where() + ": " + error.why()));
    }
}

std::vector<CohortSample> load_from_batch_json(const fs::path& dir, const std::string& schemas_dir) {
    const fs::path path = dir / "batch.json";
    const rapidjson::Document doc =
        json::parse_json(read_text_file(path.string(), "batch summary"), path.string(), ErrorKind::input);
    if (!doc.IsObject() || !doc.HasMember("samples") || !doc["samples"].IsArray()) {
        throw Error(ErrorKind::input, path.string(), "no 'samples' array", "run `precis batch` again");
    }
    std::vector<CohortSample> samples;
    const rapidjson::Value& list = doc["samples"];
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
        const std::string at = "/samples/" + std::to_string(i);
        if (!list[i].IsObject()) {
            throw Error(ErrorKind::input, path.string() + ": " + at, "not an object",
                        "run `precis batch` again");
        }
        const std::string sample = string_member(list[i], "sample", path.string(), at);
        const std::string status = string_member(list[i], "status", path.string(), at);
        const auto tumor = list[i].FindMember("tumor_type");
        const std::string tumor_type =
            tumor != list[i].MemberEnd() && tumor->value.IsString() ? tumor->value.GetString() : "";
        if (status != "ok" && status != "resumed") {
            CohortSample failed;
            failed.sample = sample;
            failed.tumor_type = tumor_type;
            failed.status = SampleStatus::failed;
            const auto error = list[i].FindMember("error");
            failed.error = error != list[i].MemberEnd() && error->value.IsString()
                               ? error->value.GetString()
                               : "failed (no error recorded)";
            samples.push_back(std::move(failed));
            continue;
        }
        CohortSample read =
            read_report(dir, str::concat({sample, "/", sample}), sample, tumor_type, schemas_dir);
        if (read.status == SampleStatus::ok && status == "resumed") {
            read.status = SampleStatus::resumed;
        }
        samples.push_back(std::move(read));
    }
    return samples;
}

std::vector<CohortSample> load_from_reports(const fs::path& dir, const std::string& schemas_dir) {
    std::vector<std::string> stems;
    std::error_code ec;
    for (const fs::directory_entry& sub : fs::directory_iterator(dir, ec)) {
        if (!sub.is_directory(ec) || sub.path().filename().string().starts_with(".")) {
            continue;
        }
        for (const fs::directory_entry& file : fs::directory_iterator(sub.path(), ec)) {
            const std::string name = file.path().filename().string();
            if (str::ends_with(name, ".precis.json") && !name.starts_with(".")) {
                stems.push_back(sub.path().filename().string() + "/" +
                                name.substr(0, name.size() - std::string_view(".precis.json").size()));
            }
        }
    }
    std::sort(stems.begin(), stems.end());
    std::vector<CohortSample> samples;
    samples.reserve(stems.size());
    for (const std::string& stem : stems) {
        samples.push_back(read_report(dir, stem, "", "", schemas_dir));
    }
    return samples;
}

}  // namespace

const char* to_string(SampleStatus status) noexcept {
    switch (status) {
        case SampleStatus::ok:
            return "ok";
        case SampleStatus::resumed:
            return "resumed";
        case SampleStatus::failed:
            return "failed";
        case SampleStatus::unreadable:
            break;
    }
    return "unreadable";
}

std::size_t CohortSample::actionable_findings() const {
    return static_cast<std::size_t>(
        std::count_if(findings.begin(), findings.end(), [](const CohortFinding& f) { return f.actionable; }));
}

CohortSample from_report(const Report& report, const std::string& report_stem) {
    CohortSample result;
    result.sample = report.sample_id;
    result.tumor_type = report.tumor_type;
    result.status = SampleStatus::ok;
    result.report_stem = report_stem;
    for (const Finding& finding : report.findings) {
        CohortFinding row;
        row.id = finding.id;
        row.gene = finding.gene;
        row.alteration = finding.alteration;
        row.category = to_string(finding.category);
        for (const TherapyMatch& match : finding.therapies) {
            add_therapy(row, match.drugs, match.direction, match.level, match.on_label);
        }
        result.findings.push_back(std::move(row));
    }
    for (const BiomarkerStatus& biomarker : report.biomarkers) {
        result.biomarkers.push_back(BiomarkerCall{biomarker.id, biomarker.label, biomarker.status});
    }
    return result;
}

CohortSample from_report_json(const rapidjson::Value& report, const std::string& label,
                              const std::string& report_stem) {
    if (!report.IsObject()) {
        malformed(label, "/", "not a JSON object");
    }
    const rapidjson::Value& sample = member(report, "sample", label, "");
    if (!sample.IsObject()) {
        malformed(label, "/sample", "not an object");
    }
    CohortSample result;
    result.sample = string_member(sample, "id", label, "/sample");
    result.tumor_type = string_member(sample, "tumor_type", label, "/sample");
    result.status = SampleStatus::ok;
    result.report_stem = report_stem;
    const rapidjson::Value& findings = array_member(report, "findings", label, "");
    for (rapidjson::SizeType i = 0; i < findings.Size(); ++i) {
        result.findings.push_back(finding_from_json(findings[i], label, "/findings/" + std::to_string(i)));
    }
    const rapidjson::Value& biomarkers = array_member(report, "biomarkers", label, "");
    for (rapidjson::SizeType i = 0; i < biomarkers.Size(); ++i) {
        result.biomarkers.push_back(
            biomarker_from_json(biomarkers[i], label, "/biomarkers/" + std::to_string(i)));
    }
    return result;
}

std::vector<CohortSample> load_cohort(const std::string& dir, const std::string& schemas_dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw Error(ErrorKind::usage, dir, fs::exists(dir, ec) ? "not a directory" : "no such directory",
                    "give the --out directory of `precis batch` or the directory holding one "
                    "<sample>/<sample>.precis.json per sample");
    }
    std::vector<CohortSample> samples = fs::exists(fs::path(dir) / "batch.json", ec)
                                            ? load_from_batch_json(dir, schemas_dir)
                                            : load_from_reports(dir, schemas_dir);
    if (samples.empty()) {
        throw Error(ErrorKind::input, dir,
                    "no samples: neither batch.json nor any <sample>/<sample>.precis.json",
                    "run `precis batch` or `precis interpret --out DIR/<sample>` for each sample first");
    }
    return samples;
}

std::string render_cohort_tsv(const std::vector<CohortSample>& samples) {
    std::string out =
        "sample\ttumor_type\tstatus\tfinding_id\tgene\talteration\tcategory\tbest_sensitivity_level\t"
        "on_label\ttherapies\tactionable\terror\n";
    const auto cell = [](const std::string& text) { return report::tsv_field(text); };
    for (const CohortSample& sample : samples) {
        const std::string prefix =
            cell(sample.sample) + "\t" + cell(sample.tumor_type) + "\t" + to_string(sample.status) + "\t";
        if (!sample.reported() || sample.findings.empty()) {
            out += prefix + "\t\t\t\t\t\t\t\t" + cell(sample.error) + "\n";
            continue;
        }
        for (const CohortFinding& f : sample.findings) {
            out += prefix + cell(f.id) + "\t" + cell(f.gene) + "\t" + cell(f.alteration) + "\t" +
                   cell(f.category) + "\t" + (f.best_level ? to_string(*f.best_level) : "") + "\t" +
                   (f.on_label ? "yes" : "no") + "\t" + cell(str::join(f.therapies, "; ")) + "\t" +
                   (f.actionable ? "yes" : "no") + "\t\n";
        }
    }
    return out;
}

std::vector<std::string> write_cohort(const std::string& dir, const std::vector<CohortSample>& samples) {
    std::vector<std::string> links;
    links.reserve(samples.size());
    std::error_code ec;
    for (const CohortSample& sample : samples) {
        const std::string relative = sample.report_stem + ".precis.html";
        links.push_back(!sample.report_stem.empty() && fs::is_regular_file(fs::path(dir) / relative, ec)
                            ? relative
                            : std::string());
    }
    const std::string tsv = (fs::path(dir) / "cohort.precis.tsv").string();
    const std::string html = (fs::path(dir) / "cohort.precis.html").string();
    write_file_atomically(tsv, render_cohort_tsv(samples));
    write_file_atomically(html, render_cohort_html(samples, links));
    return {tsv, html};
}

}  // namespace precis::cohort
