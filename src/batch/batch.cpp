// SPDX-License-Identifier: Apache-2.0
#include "batch/batch.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <new>
#include <optional>
#include <thread>

#include "batch/samplesheet.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "common/json.hpp"
#include "common/sha256.hpp"
#include "common/strings.hpp"
#include "common/version.hpp"
#include "interpret/pipeline.hpp"
#include "kb/knowledge_base.hpp"
#include "report/writers.hpp"

namespace precis::batch {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

//! One row of the cohort table, from a fresh report or a resumed report's JSON.
struct CohortFinding {
    std::string id;
    std::string gene;
    std::string alteration;
    std::string category;
    std::optional<Level> best_level;  //!< best sensitivity level
    bool on_label = false;
    std::vector<std::string> therapies;  //!< "drug+drug" per sensitivity match, unique, in report order
};

struct SampleResult {
    std::string status = "failed";  //!< ok | failed | resumed
    int exit_code = 1;
    std::string error;
    std::vector<InputFile> inputs;
    double seconds = 0;
    std::vector<CohortFinding> findings;
};

void add_therapy(CohortFinding& row, const std::vector<std::string>& drugs, const std::string& direction,
                 std::optional<Level> level, bool on_label) {
    if (direction != "sensitivity" || !level || is_resistance(*level)) {
        return;
    }
    if (!row.best_level || level_rank(*level) < level_rank(*row.best_level)) {
        row.best_level = level;
    }
    row.on_label = row.on_label || on_label;
    const std::string name = str::join(drugs, "+");
    if (std::find(row.therapies.begin(), row.therapies.end(), name) == row.therapies.end()) {
        row.therapies.push_back(name);
    }
}

std::vector<CohortFinding> cohort_findings(const Report& report) {
    std::vector<CohortFinding> rows;
    for (const Finding& finding : report.findings) {
        CohortFinding row;
        row.id = finding.id;
        row.gene = finding.gene;
        row.alteration = finding.alteration;
        row.category = to_string(finding.category);
        for (const TherapyMatch& match : finding.therapies) {
            add_therapy(row, match.drugs, to_string(match.direction), match.level, match.on_label);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string member_string(const rapidjson::Value& object, const char* key) {
    const auto it = object.FindMember(key);
    return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

//! Input files the request names, by report role, with their current SHA-256 ("" when unreadable).
std::map<std::string, std::string> current_input_hashes(const interpret::InterpretOptions& options) {
    std::map<std::string, std::string> hashes;
    const std::pair<const char*, const std::string*> files[] = {
        {"vcf", &options.vcf},       {"maf", &options.maf},
        {"cnv", &options.cnv},       {"fusions", &options.fusions},
        {"sv_vcf", &options.sv_vcf}, {"ihc", &options.ihc},
        {"msi", &options.msi},       {"panel_bed", &options.panel_bed},
    };
    for (const auto& [role, path] : files) {
        if (path->empty()) {
            continue;
        }
        try {
            hashes[role] = *path == "-" ? std::string() : sha256_file(*path);
        } catch (const Error&) {
            hashes[role] = std::string();
        }
    }
    return hashes;
}

//! The sample's previous result when its JSON report records the current KB hash and input hashes.
std::optional<SampleResult> resumable(const interpret::InterpretOptions& options,
                                      const std::string& kb_hash) {
    const fs::path json_path = fs::path(options.out) / (options.sample + ".precis.json");
    std::error_code ec;
    if (!fs::is_regular_file(json_path, ec)) {
        return std::nullopt;
    }
    rapidjson::Document doc;
    try {
        doc = json::parse_json(read_text_file(json_path.string(), "report"), json_path.string(),
                               ErrorKind::input);
    } catch (const Error&) {
        return std::nullopt;
    }
    if (!doc.IsObject() || !doc.HasMember("provenance") || !doc["provenance"].IsObject()) {
        return std::nullopt;
    }
    const rapidjson::Value& provenance = doc["provenance"];
    if (member_string(provenance, "kb_hash") != kb_hash) {
        return std::nullopt;
    }
    SampleResult result;
    std::map<std::string, std::string> recorded;
    if (const auto it = provenance.FindMember("inputs");
        it != provenance.MemberEnd() && it->value.IsArray()) {
        for (const auto& input : it->value.GetArray()) {
            if (input.IsObject()) {
                recorded[member_string(input, "role")] = member_string(input, "sha256");
                result.inputs.push_back(InputFile{member_string(input, "role"), member_string(input, "path"),
                                                  member_string(input, "sha256"),
                                                  member_string(input, "format")});
            }
        }
    }
    const std::map<std::string, std::string> current = current_input_hashes(options);
    if (current != recorded ||
        std::any_of(current.begin(), current.end(), [](const auto& entry) { return entry.second.empty(); })) {
        return std::nullopt;
    }
    if (const auto it = doc.FindMember("findings"); it != doc.MemberEnd() && it->value.IsArray()) {
        for (const auto& finding : it->value.GetArray()) {
            if (!finding.IsObject()) {
                continue;
            }
            CohortFinding row;
            row.id = member_string(finding, "id");
            row.gene = member_string(finding, "gene");
            row.alteration = member_string(finding, "alteration");
            row.category = member_string(finding, "category");
            const auto therapies = finding.FindMember("therapies");
            if (therapies != finding.MemberEnd() && therapies->value.IsArray()) {
                for (const auto& match : therapies->value.GetArray()) {
                    std::vector<std::string> drugs;
                    if (const auto d = match.FindMember("drugs");
                        d != match.MemberEnd() && d->value.IsArray()) {
                        for (const auto& drug : d->value.GetArray()) {
                            drugs.emplace_back(drug.IsString() ? drug.GetString() : "");
                        }
                    }
                    const auto on_label = match.FindMember("on_label");
                    add_therapy(row, drugs, member_string(match, "direction"),
                                parse_level(member_string(match, "level")),
                                on_label != match.MemberEnd() && on_label->value.IsBool() &&
                                    on_label->value.GetBool());
                }
            }
            result.findings.push_back(std::move(row));
        }
    }
    result.status = "resumed";
    result.exit_code = 0;
    return result;
}

//! Interprets one sample and writes its reports; every error is caught and recorded.
SampleResult run_sample(const SampleRow& row, const BatchOptions& batch, const kb::KnowledgeBase& kb) {
    SampleResult result;
    const Clock::time_point start = Clock::now();
    try {
        interpret::InterpretOptions options = row.options;
        interpret::apply_case_file(options, row.given);
        options.out = (fs::path(batch.out) / options.sample).string();
        options.formats = batch.formats;
        options.pdf = false;
        interpret::validate_options(options);
        std::optional<SampleResult> previous;
        if (batch.resume) {
            previous = resumable(options, kb.content_hash());
        }
        if (previous) {
            result = std::move(*previous);
        } else {
            const Report report = interpret::interpret(options, kb);
            report::write_reports(report, options.out, options.formats, false);
            result.inputs = report.provenance.inputs;
            result.findings = cohort_findings(report);
            result.status = "ok";
            result.exit_code = 0;
        }
    } catch (const Error& error) {
        result.exit_code = static_cast<int>(error.exit_code());
        result.error = std::string(to_string(error.kind())) + ": " + error.what();
    } catch (const std::bad_alloc&) {
        result.exit_code = static_cast<int>(ExitCode::internal);
        result.error = "internal error: out of memory";
    } catch (const std::exception& error) {
        result.exit_code = static_cast<int>(ExitCode::internal);
        result.error = std::string("internal error: ") + error.what();
    }
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
}

//! Progress on stderr: done/total, failures and the estimated time left; at most about once a second.
class Progress {
  public:
    Progress(std::size_t total, bool quiet) : total_(total), quiet_(quiet), start_(Clock::now()) {}

    void sample_done(const std::string& sample, const SampleResult& result) {
        const std::lock_guard<std::mutex> lock(mutex_);
        ++done_;
        failed_ += result.exit_code == 0 ? 0 : 1;
        if (quiet_) {
            return;
        }
        if (result.exit_code != 0) {
            std::cerr << "precis batch: " << sample << " failed: " << result.error << '\n';
        }
        const Clock::time_point now = Clock::now();
        if (done_ < total_ && now - last_ < std::chrono::seconds(1)) {
            return;
        }
        last_ = now;
        const double elapsed = std::chrono::duration<double>(now - start_).count();
        const double eta = elapsed / static_cast<double>(done_) * static_cast<double>(total_ - done_);
        std::cerr << "precis batch: " << done_ << "/" << total_ << " done, " << failed_ << " failed, "
                  << (done_ < total_ ? "ETA " + std::to_string(std::lround(eta)) + " s"
                                     : "in " + std::to_string(std::lround(elapsed)) + " s")
                  << '\n';
    }

  private:
    std::mutex mutex_;
    std::size_t total_;
    bool quiet_;
    Clock::time_point start_;
    Clock::time_point last_{};
    std::size_t done_ = 0;
    std::size_t failed_ = 0;
};

std::string batch_json(const std::vector<SampleRow>& rows, const std::vector<SampleResult>& results,
                       const kb::KnowledgeBase& kb) {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    const auto key_string = [&w](const char* key, const std::string& value) {
        w.Key(key);
        w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
    };
    w.StartObject();
    key_string("precis_version", kVersion);
    key_string("kb_version", kb.version());
    key_string("kb_hash", kb.content_hash());
    std::size_t failed = 0;
    for (const SampleResult& result : results) {
        failed += result.exit_code == 0 ? 0 : 1;
    }
    w.Key("total");
    w.Uint64(results.size());
    w.Key("failed");
    w.Uint64(failed);
    w.Key("samples");
    w.StartArray();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const SampleResult& result = results[i];
        w.StartObject();
        key_string("sample", rows[i].options.sample);
        key_string("status", result.status);
        w.Key("exit_code");
        w.Int(result.exit_code);
        key_string("error", result.error);
        w.Key("inputs");
        w.StartArray();
        for (const InputFile& input : result.inputs) {
            w.StartObject();
            key_string("role", input.role);
            key_string("path", input.path);
            key_string("sha256", input.sha256);
            w.EndObject();
        }
        w.EndArray();
        w.Key("seconds");
        w.Double(std::round(result.seconds * 1000.0) / 1000.0);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string cohort_tsv(const std::vector<SampleRow>& rows, const std::vector<SampleResult>& results) {
    std::string out =
        "sample\ttumor_type\tstatus\tfinding_id\tgene\talteration\tcategory\tbest_sensitivity_level\t"
        "on_label\ttherapies\n";
    const auto cell = [](const std::string& text) { return report::tsv_field(text); };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const SampleResult& result = results[i];
        const std::string prefix =
            cell(rows[i].options.sample) + "\t" + cell(rows[i].options.tumor_type) + "\t";
        if (result.exit_code != 0) {
            out += prefix + "failed\t\t\t\t\t\t\t\n";
            continue;
        }
        for (const CohortFinding& f : result.findings) {
            out += prefix + cell(result.status) + "\t" + cell(f.id) + "\t" + cell(f.gene) + "\t" +
                   cell(f.alteration) + "\t" + cell(f.category) + "\t" +
                   (f.best_level ? to_string(*f.best_level) : "") + "\t" + (f.on_label ? "yes" : "no") +
                   "\t" + cell(str::join(f.therapies, "; ")) + "\n";
        }
    }
    return out;
}

}  // namespace

int combined_exit_code(const std::vector<int>& codes) {
    // Most severe first: internal, knowledge base, output, input, usage.
    static constexpr int kOrder[] = {1, 4, 5, 3, 2};
    for (const int code : kOrder) {
        if (std::find(codes.begin(), codes.end(), code) != codes.end()) {
            return code;
        }
    }
    return std::any_of(codes.begin(), codes.end(), [](int code) { return code != 0; }) ? 1 : 0;
}

int run_batch(const BatchOptions& options) {
    const std::vector<SampleRow> rows = read_samplesheet(options.samplesheet);
    if (options.resume && options.formats.find("json") == std::string::npos) {
        throw Error(ErrorKind::usage, "--resume", "resuming needs the JSON reports",
                    "keep json in --formats");
    }
    interpret::InterpretOptions format_check;
    format_check.sample = "x";
    format_check.tumor_type = "x";
    format_check.out = options.out;
    format_check.tmb = 1.0;
    format_check.formats = options.formats;
    interpret::validate_options(format_check);
    spdlog::info("loading knowledge base {}", options.kb_dir);
    const kb::KnowledgeBase kb = kb::KnowledgeBase::load(options.kb_dir, options.schemas_dir);
    std::error_code ec;
    fs::create_directories(options.out, ec);
    if (ec) {
        throw Error(ErrorKind::output, options.out, "cannot create the output directory: " + ec.message());
    }

    std::vector<SampleRow> requests = rows;
    for (SampleRow& row : requests) {
        row.options.kb_dir = options.kb_dir;
        row.options.schemas_dir = options.schemas_dir;
        row.options.threads = 1;  // the workers are the parallelism
        row.options.command_line = options.command_line;
    }
    std::vector<SampleResult> results(requests.size());
    Progress progress(requests.size(), options.quiet);
    std::atomic<std::size_t> next{0};
    const auto worker = [&] {
        for (std::size_t i = next++; i < requests.size(); i = next++) {
            results[i] = run_sample(requests[i], options, kb);
            progress.sample_done(requests[i].options.sample, results[i]);
        }
    };
    unsigned jobs = options.jobs != 0 ? options.jobs : std::max(1U, std::thread::hardware_concurrency());
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, requests.size()));
    {
        std::vector<std::jthread> threads;
        for (unsigned j = 1; j < jobs; ++j) {
            threads.emplace_back(worker);
        }
        worker();
    }
    write_file_atomically((fs::path(options.out) / "batch.json").string(), batch_json(rows, results, kb));
    write_file_atomically((fs::path(options.out) / "cohort.precis.tsv").string(), cohort_tsv(rows, results));
    std::vector<int> codes;
    codes.reserve(results.size());
    for (const SampleResult& result : results) {
        codes.push_back(result.exit_code);
    }
    return combined_exit_code(codes);
}

}  // namespace precis::batch
