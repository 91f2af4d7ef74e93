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
#include "cohort/cohort.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "common/json.hpp"
#include "common/logging.hpp"
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

struct SampleResult {
    std::string status = "failed";  //!< ok | failed | resumed
    int exit_code = 1;
    std::string error;
    std::vector<InputFile> inputs;
    double seconds = 0;
    std::string fingerprint;  //!< settings_fingerprint() of a reported sample (empty when failed)
    cohort::CohortSample cohort;
};

std::string member_string(const rapidjson::Value& object, const char* key) {
    const auto it = object.FindMember(key);
    return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

void add_setting(std::string& text, const char* key, const std::string& value) {
    text += key;
    text += '=';
    text += std::to_string(value.size());  // length-prefixed: no value can fake another key
    text += ':';
    text += value;
    text += '\n';
}

void add_setting(std::string& text, const char* key, const std::optional<double>& value) {
    add_setting(text, key, value ? str::format_significant(*value, 17) : std::string());
}

//! What, besides the input files' content, decides a sample's reports: every setting of the request after
//! its case file is applied, the batch's formats, the knowledge base and the precis version. A resumed
//! sample must have the same fingerprint as when its reports were written.
std::string settings_fingerprint(const interpret::InterpretOptions& o, const kb::KnowledgeBase& kb) {
    std::string text;
    const std::pair<const char*, const std::string*> texts[] = {
        {"sample", &o.sample},
        {"tumor_type", &o.tumor_type},
        {"genome", &o.genome},
        {"vcf", &o.vcf},
        {"tumor_sample", &o.tumor_sample},
        {"maf", &o.maf},
        {"cnv", &o.cnv},
        {"cnv_format", &o.cnv_format},
        {"fusions", &o.fusions},
        {"fusion_format", &o.fusion_format},
        {"sv_vcf", &o.sv_vcf},
        {"ihc", &o.ihc},
        {"msi", &o.msi},
        {"msi_caller", &o.msi_caller},
        {"msi_status", &o.msi_status},
        {"panel_bed", &o.panel_bed},
        {"formats", &o.formats},
    };
    add_setting(text, "precis", std::string(kVersion));
    for (const auto& [key, value] : texts) {
        add_setting(text, key, *value);
    }
    add_setting(text, "kb_version", kb.version());
    add_setting(text, "kb_hash", kb.content_hash());
    const std::pair<const char*, const std::optional<double>*> numbers[] = {
        {"purity", &o.purity},
        {"ploidy", &o.ploidy},
        {"msi_score", &o.msi_score},
        {"msi_threshold", &o.msi_threshold},
        {"tmb", &o.tmb},
        {"panel_size_mb", &o.panel_size_mb},
        {"amp_min_copy_number", &o.amp_min_copy_number},
    };
    for (const auto& [key, value] : numbers) {
        add_setting(text, key, *value);
    }
    add_setting(text, "min_fusion_reads", std::to_string(o.min_fusion_reads));
    add_setting(text, "line_of_therapy", o.line_of_therapy ? std::to_string(*o.line_of_therapy) : "");
    add_setting(text, "flags",
                std::string(o.strict ? "strict," : "") + (o.include_filtered ? "filtered," : "") +
                    (o.deterministic ? "deterministic" : ""));
    for (const PriorTherapy& prior : o.prior_therapies) {
        add_setting(text, "prior_therapy",
                    str::join(prior.drugs, "+") + "|" + to_string(prior.stopped_for) + "|" + prior.toxicity +
                        "|" + (prior.best_response ? to_string(*prior.best_response) : ""));
    }
    for (const auto& [name, value] : o.specimen) {
        add_setting(text, "specimen", str::concat({name, "=", value}));
    }
    Sha256 digest;
    digest.update(text);
    return "sha256:" + digest.hex_digest();
}

//! The settings fingerprint of each sample in the previous run's DIR/batch.json (none when absent or
//! unreadable: then nothing is resumed).
std::map<std::string, std::string> previous_fingerprints(const std::string& out) {
    std::map<std::string, std::string> fingerprints;
    const fs::path path = fs::path(out) / "batch.json";
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        return fingerprints;
    }
    try {
        const rapidjson::Document doc =
            json::parse_json(read_text_file(path.string(), "batch summary"), path.string(), ErrorKind::input);
        if (doc.IsObject() && doc.HasMember("samples") && doc["samples"].IsArray()) {
            for (const auto& sample : doc["samples"].GetArray()) {
                if (sample.IsObject()) {
                    fingerprints[member_string(sample, "sample")] =
                        member_string(sample, "settings_fingerprint");
                }
            }
        }
    } catch (const Error& error) {
        spdlog::warn("{}: not read, no sample is resumed: {}", path.string(), error.what());
    }
    return fingerprints;
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

//! The sample's previous result when the previous batch.json records the same settings fingerprint and its
//! JSON report records the current KB hash and input hashes.
std::optional<SampleResult> resumable(const interpret::InterpretOptions& options, const kb::KnowledgeBase& kb,
                                      const std::string& fingerprint,
                                      const std::string& previous_fingerprint) {
    if (previous_fingerprint.empty() || previous_fingerprint != fingerprint) {
        return std::nullopt;
    }
    const fs::path json_path = fs::path(options.out) / (options.sample + ".precis.json");
    std::error_code ec;
    if (!fs::is_regular_file(json_path, ec)) {
        return std::nullopt;
    }
    SampleResult result;
    try {
        const rapidjson::Document doc = json::parse_json(read_text_file(json_path.string(), "report"),
                                                         json_path.string(), ErrorKind::input);
        if (!doc.IsObject() || !doc.HasMember("provenance") || !doc["provenance"].IsObject()) {
            return std::nullopt;
        }
        const rapidjson::Value& provenance = doc["provenance"];
        if (member_string(provenance, "kb_hash") != kb.content_hash()) {
            return std::nullopt;
        }
        std::map<std::string, std::string> recorded;
        if (const auto it = provenance.FindMember("inputs");
            it != provenance.MemberEnd() && it->value.IsArray()) {
            for (const auto& input : it->value.GetArray()) {
                if (input.IsObject()) {
                    recorded[member_string(input, "role")] = member_string(input, "sha256");
                    result.inputs.push_back(
                        InputFile{member_string(input, "role"), member_string(input, "path"),
                                  member_string(input, "sha256"), member_string(input, "format")});
                }
            }
        }
        const std::map<std::string, std::string> current = current_input_hashes(options);
        if (current != recorded || std::any_of(current.begin(), current.end(),
                                               [](const auto& entry) { return entry.second.empty(); })) {
            return std::nullopt;
        }
        result.cohort =
            cohort::from_report_json(doc, json_path.string(), options.sample + "/" + options.sample);
    } catch (const Error& error) {
        spdlog::warn("not resumed, its report is run again: {}", error.what());
        return std::nullopt;
    }
    result.cohort.status = cohort::SampleStatus::resumed;
    result.status = "resumed";
    result.exit_code = 0;
    result.fingerprint = fingerprint;
    return result;
}

//! Interprets one sample and writes its reports; every error is caught and recorded. Every log line the
//! sample causes names it.
SampleResult run_sample(const SampleRow& row, const BatchOptions& batch, const kb::KnowledgeBase& kb,
                        const std::string& previous_fingerprint) {
    const LogContext log_context(row.options.sample);
    SampleResult result;
    const Clock::time_point start = Clock::now();
    try {
        interpret::InterpretOptions options = row.options;
        interpret::apply_case_file(options, row.given);
        options.out = (fs::path(batch.out) / options.sample).string();
        options.formats = batch.formats;
        options.pdf = false;
        interpret::validate_options(options);
        const std::string fingerprint = settings_fingerprint(options, kb);
        std::optional<SampleResult> previous;
        if (batch.resume) {
            previous = resumable(options, kb, fingerprint, previous_fingerprint);
        }
        if (previous) {
            result = std::move(*previous);
        } else {
            const Report report = interpret::interpret(options, kb);
            report::write_reports(report, options.out, options.formats, false);
            result.inputs = report.provenance.inputs;
            result.cohort = cohort::from_report(report, options.sample + "/" + options.sample);
            result.status = "ok";
            result.exit_code = 0;
            result.fingerprint = fingerprint;
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
    if (result.exit_code != 0) {
        result.cohort = cohort::CohortSample{};
        result.cohort.sample = row.options.sample;
        result.cohort.tumor_type = row.options.tumor_type;
        result.cohort.status = cohort::SampleStatus::failed;
        result.cohort.error = result.error;
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
        key_string("tumor_type", result.cohort.tumor_type);
        key_string("status", result.status);
        w.Key("exit_code");
        w.Int(result.exit_code);
        key_string("error", result.error);
        key_string("settings_fingerprint", result.fingerprint);
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
    const std::map<std::string, std::string> previous =
        options.resume ? previous_fingerprints(options.out) : std::map<std::string, std::string>();
    std::vector<SampleResult> results(requests.size());
    Progress progress(requests.size(), options.quiet);
    std::atomic<std::size_t> next{0};
    const auto worker = [&] {
        for (std::size_t i = next++; i < requests.size(); i = next++) {
            const auto it = previous.find(requests[i].options.sample);
            results[i] =
                run_sample(requests[i], options, kb, it != previous.end() ? it->second : std::string());
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
    std::vector<cohort::CohortSample> samples;
    samples.reserve(results.size());
    for (SampleResult& result : results) {
        samples.push_back(std::move(result.cohort));
    }
    cohort::write_cohort(options.out, samples);
    std::vector<int> codes;
    codes.reserve(results.size());
    for (const SampleResult& result : results) {
        codes.push_back(result.exit_code);
    }
    return combined_exit_code(codes);
}

}  // namespace precis::batch
