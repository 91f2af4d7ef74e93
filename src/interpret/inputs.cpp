// SPDX-License-Identifier: Apache-2.0
#include "interpret/inputs.hpp"

#include <spdlog/spdlog.h>

#include <iterator>
#include <set>
#include <utility>

#include "common/error.hpp"
#include "common/limits.hpp"
#include "common/sha256.hpp"
#include "common/strings.hpp"
#include "io/bed_reader.hpp"
#include "io/cnv_reader.hpp"
#include "io/fusion_reader.hpp"
#include "io/ihc_reader.hpp"
#include "io/msi_reader.hpp"
#include "io/sv_vcf_reader.hpp"
#include "kb/knowledge_base.hpp"

namespace precis::interpret {
namespace {

InputLedger& open_ledger(Profile& profile, const std::string& role, const std::string& path,
                         const std::string& unit, std::int64_t rows,
                         const std::map<std::string, std::int64_t>& skipped);

void add_input(std::vector<InputFile>& inputs, const std::string& role, const InputName& file,
               const std::string& format) {
    inputs.push_back(InputFile{role, file.shown, sha256_file(file), format});
}

void read_msi(const ExtraInputOptions& options, Profile& profile, std::vector<InputFile>& inputs) {
    if (!options.msi_path.empty()) {
        std::string format;
        MsiResult result;
        if (io::looks_like_purple_purity(options.msi_path)) {
            io::PurpleQc qc = io::read_purple_purity(options.msi_path);
            format = "purple";
            result = qc.msi;
            if (!profile.tmb && !options.tmb && qc.tmb.source == "given") {
                profile.tmb = qc.tmb;
                profile.assessed.tmb = true;
            }
        } else {
            result = io::read_msi_file(options.msi_path, options.msi_caller, format);
        }
        spdlog::info("{}: MSI result read as {} (score {})", options.msi_path.given, format,
                     result.score.value_or(0.0));
        io::classify_msi(result, options.msi_threshold);
        profile.msi = result;
        profile.assessed.msi = true;
        open_ledger(profile, "msi", result.where.file, "result", 1, {});
        add_input(inputs, "msi", options.msi_path, format);
        return;
    }
    if (options.msi_score) {
        if (options.msi_caller.empty()) {
            throw Error(ErrorKind::usage, "--msi-score",
                        "an MSI score needs its caller (scores are not comparable "
                        "across tools)",
                        "add --msi-caller " + str::join(io::msi_callers(), "|"));
        }
        MsiResult result;
        result.caller = str::lower(options.msi_caller);
        result.score = options.msi_score;
        result.where = Where{"--msi-score", 0, ""};
        io::classify_msi(result, options.msi_threshold);
        profile.msi = result;
        profile.assessed.msi = true;
        return;
    }
    if (!options.msi_status.empty()) {
        const auto status = io::parse_signature(options.msi_status);
        if (!status || (*status != "MSI-H" && *status != "MSS")) {
            throw Error(ErrorKind::usage, "--msi-status " + options.msi_status, "expected MSI-H or MSS",
                        "give --msi-status MSI-H or --msi-status MSS");
        }
        MsiResult result;
        result.caller = "given";
        result.status = *status;
        result.threshold_source = "status given by the user (--msi-status)";
        result.where = Where{"--msi-status", 0, ""};
        profile.msi = result;
        profile.assessed.msi = true;
    }
}

//! Opens the ledger of one input with the reader's row count and its per-reason skips.
InputLedger& open_ledger(Profile& profile, const std::string& role, const std::string& path,
                         const std::string& unit, std::int64_t rows,
                         const std::map<std::string, std::int64_t>& skipped) {
    InputLedger& ledger = profile.ledger(role, path, unit);
    ledger.records += rows;
    for (const auto& [reason, count] : skipped) {
        ledger.count(reason, "", count);
    }
    return ledger;
}

//! Fusion rows merged into another call of the same gene pair.
void account_merged_fusions(const std::vector<Where>& before, const std::vector<Fusion>& kept,
                            Profile& profile) {
    std::set<std::pair<std::string, std::int64_t>> kept_rows;
    for (const Fusion& fusion : kept) {
        kept_rows.emplace(fusion.where.file, fusion.where.line);
    }
    for (const Where& where : before) {
        if (kept_rows.count({where.file, where.line}) != 0) {
            continue;
        }
        for (InputLedger& ledger : profile.ledgers) {
            if (ledger.file == where.file) {
                ledger.count(
                    "merged with another call of the same gene pair (the one with most reads is kept)",
                    where.to_string());
            }
        }
    }
}

//! Copy-number rows that gave no gene call: outside every KB gene, or overlapping one whose call another
//! segment decided.
void account_cnv_rows(const io::CnvData& data, const std::vector<CopyNumberCall>& calls, const GeneSet& genes,
                      Genome genome, InputLedger& ledger) {
    std::set<std::int64_t> used;
    for (const CopyNumberCall& call : calls) {
        used.insert(call.where.line);
    }
    for (const io::CnvSegment& segment : data.segments) {
        if (used.count(segment.line) != 0) {
            continue;
        }
        const std::string example = ledger.file + ":" + std::to_string(segment.line);
        if (genome != Genome::unknown &&
            !genes.overlapping(genome, segment.chrom, segment.start, segment.end).empty()) {
            ledger.count("overlaps a knowledge-base gene whose call another overlapping segment decided",
                         example);
        } else {
            ledger.count("no knowledge-base gene in the segment", example);
        }
    }
    for (const io::GeneCnvRow& row : data.genes) {
        if (used.count(row.line) == 0) {
            ledger.count(genes.find(row.gene) == nullptr ? "gene not in the knowledge base"
                                                         : "no usable call for the gene",
                         ledger.file + ":" + std::to_string(row.line) + " " + row.gene);
        }
    }
}

//! The numeric settings, for callers that bypass the command line (cli::validate_options checks them
//! first with the same ranges): NaN or a value outside the documented range is a usage error.
void check_numbers(const ExtraInputOptions& options) {
    if (options.purity && !limits::kPurity.contains(*options.purity)) {
        throw Error(ErrorKind::usage, "--purity", "purity must be a number in " + limits::kPurity.text(),
                    "give the tumour cell fraction, e.g. 0.6");
    }
    if (options.ploidy && !limits::kPloidy.contains(*options.ploidy)) {
        throw Error(ErrorKind::usage, "--ploidy", "ploidy must be a number in " + limits::kPloidy.text(),
                    "give the tumour ploidy, e.g. 2.0");
    }
    if (!limits::kAmpMinCopyNumber.contains(options.amp_min_copy_number)) {
        throw Error(ErrorKind::usage, "--amp-min-copy-number",
                    "the amplification threshold must be a number in " + limits::kAmpMinCopyNumber.text(),
                    "give a total copy number, e.g. 6");
    }
    if (options.msi_score && !limits::kMsiScore.contains(*options.msi_score)) {
        throw Error(ErrorKind::usage, "--msi-score",
                    "the MSI score must be a number in " + limits::kMsiScore.text(),
                    "give the caller's score, e.g. 12.5");
    }
    if (options.msi_threshold && !limits::kMsiThreshold.contains(*options.msi_threshold)) {
        throw Error(ErrorKind::usage, "--msi-threshold",
                    "the MSI-H threshold must be a number in " + limits::kMsiThreshold.text(),
                    "give the score at which MSI-H starts, e.g. 10");
    }
}

}  // namespace

CopyNumberRules copy_number_rules(const ExtraInputOptions& options) {
    CopyNumberRules rules;
    rules.amp_min_copy_number = options.amp_min_copy_number;
    rules.amp_ploidy_factor = options.amp_ploidy_factor;
    rules.purity = options.purity;
    rules.ploidy = options.ploidy;
    return rules;
}

void read_extra_inputs(const ExtraInputOptions& options, const GeneSet& genes, Genome genome,
                       Profile& profile, std::vector<InputFile>& inputs) {
    check_numbers(options);
    if (!options.cnv_path.empty()) {
        const io::CnvData data = io::read_cnv(
            options.cnv_path, io::CnvReadOptions{options.cnv_format, options.sample_id, options.strict});
        profile.warnings.insert(profile.warnings.end(), data.warnings.begin(), data.warnings.end());
        std::vector<CopyNumberCall> calls = call_copy_numbers(data, options.cnv_path.shown, genes, genome,
                                                              copy_number_rules(options), profile.warnings);
        spdlog::info("{}: {} ({}), {} gene-level calls for knowledge-base genes", options.cnv_path.given,
                     data.format, data.detail, calls.size());
        InputLedger& ledger = open_ledger(profile, "cnv", options.cnv_path.shown,
                                          data.segments.empty() ? "row" : "segment", data.rows, data.skipped);
        account_cnv_rows(data, calls, genes, genome, ledger);
        profile.copy_numbers.insert(profile.copy_numbers.end(), calls.begin(), calls.end());
        profile.assessed.copy_number = true;
        add_input(inputs, "cnv", options.cnv_path, data.format);
    }
    std::vector<Fusion> fusions;
    if (!options.fusions_path.empty()) {
        io::FusionData data = io::read_fusions(
            options.fusions_path, io::FusionReadOptions{options.fusion_format, options.min_fusion_reads,
                                                        options.sample_id, options.strict});
        profile.warnings.insert(profile.warnings.end(), data.warnings.begin(), data.warnings.end());
        spdlog::info("{}: {} ({}), {} fusions", options.fusions_path.given, data.format, data.detail,
                     data.fusions.size());
        open_ledger(profile, "fusions", options.fusions_path.shown, "row", data.rows, data.skipped);
        fusions.insert(fusions.end(), std::make_move_iterator(data.fusions.begin()),
                       std::make_move_iterator(data.fusions.end()));
        profile.assessed.fusions = true;
        add_input(inputs, "fusions", options.fusions_path, data.format);
    }
    if (!options.sv_vcf_path.empty()) {
        const io::SvVcfData data = io::read_sv_vcf(options.sv_vcf_path, options.sample_id, options.strict);
        profile.warnings.insert(profile.warnings.end(), data.warnings.begin(), data.warnings.end());
        std::vector<Fusion> dna =
            fusions_from_junctions(data, genes, genome, options.min_fusion_reads, profile.warnings);
        spdlog::info("{}: SV VCF from {}, {} junctions, {} involving knowledge-base genes",
                     options.sv_vcf_path.given, data.caller, data.junctions.size(), dna.size());
        InputLedger& ledger =
            open_ledger(profile, "sv_vcf", options.sv_vcf_path.shown, "record", data.rows, data.skipped);
        std::set<std::int64_t> placed;
        for (const Fusion& fusion : dna) {
            placed.insert(fusion.where.line);
        }
        std::set<std::int64_t> unplaced;
        for (const io::SvJunction& junction : data.junctions) {
            if (placed.count(junction.where.line) == 0) {
                unplaced.insert(junction.where.line);
            }
        }
        ledger.count("junction with no knowledge-base gene at a breakend, or below the read support", "",
                     static_cast<std::int64_t>(unplaced.size()));
        fusions.insert(fusions.end(), std::make_move_iterator(dna.begin()),
                       std::make_move_iterator(dna.end()));
        if (!profile.assessed.fusions && genome != Genome::unknown) {
            profile.assessed.fusions = true;
            profile.assessed.fusions_dna_only = true;
        }
        add_input(inputs, "sv_vcf", options.sv_vcf_path, data.caller);
    }
    std::vector<Where> before;
    before.reserve(fusions.size());
    for (const Fusion& fusion : fusions) {
        before.push_back(fusion.where);
    }
    deduplicate_fusions(fusions);
    account_merged_fusions(before, fusions, profile);
    profile.fusions.insert(profile.fusions.end(), std::make_move_iterator(fusions.begin()),
                           std::make_move_iterator(fusions.end()));

    if (!options.ihc_path.empty()) {
        io::IhcData data = io::read_ihc(options.ihc_path, options.schemas_dir);
        for (const IhcResult& result : data.results) {
            if (result.marker == "HER2") {
                profile.assessed.ihc_her2 = true;
            }
            if (result.marker == "MLH1" || result.marker == "MSH2" || result.marker == "MSH6" ||
                result.marker == "PMS2") {
                profile.assessed.ihc_mmr = true;
            }
        }
        open_ledger(profile, "ihc", options.ihc_path.shown, "result", data.rows, data.skipped);
        profile.ihc.insert(profile.ihc.end(), data.results.begin(), data.results.end());
        add_input(inputs, "ihc", options.ihc_path, data.format);
    }
    read_msi(options, profile, inputs);
    if (options.tmb) {
        profile.assessed.tmb = true;
    }
    if (!options.panel_bed.empty()) {
        std::vector<std::string> ignored;
        const io::BedRegions bed = io::BedRegions::read(options.panel_bed, options.strict, ignored);
        for (const kb::GeneInfo& gene : genes.all()) {
            const auto span = gene.span.find(genome);
            if (span != gene.span.end() &&
                !bed.overlaps(span->second.chrom, span->second.start, span->second.end)) {
                profile.assessed.genes_not_covered.push_back(gene.symbol);
            }
        }
        add_input(inputs, "panel_bed", options.panel_bed, "bed");
    }
}

}  // namespace precis::interpret
