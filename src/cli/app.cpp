// SPDX-License-Identifier: Apache-2.0
#include "cli/app.hpp"

#include <htslib/hts.h>
#include <htslib/hts_log.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <future>
#include <iostream>
#include <iterator>
#include <set>

#include "cli/options.hpp"
#include "common/error.hpp"
#include "common/files.hpp"
#include "common/input_source.hpp"
#include "common/logging.hpp"
#include "common/sha256.hpp"
#include "common/strings.hpp"
#include "common/version.hpp"
#include "interpret/accounting.hpp"
#include "interpret/matcher.hpp"
#include "interpret/protein.hpp"
#include "interpret/small_variants.hpp"
#include "io/maf_reader.hpp"
#include "io/vcf_reader.hpp"
#include "kb/kb_diff.hpp"
#include "kb/knowledge_base.hpp"
#include "kb/tumor_scope.hpp"
#include "report/json_writer.hpp"
#include "report/report_set.hpp"
#if __has_include("interpret/inputs.hpp")
#include "interpret/inputs.hpp"
#define PRECIS_HAVE_INPUTS 1
#endif
#if __has_include("report/writers.hpp")
#include "report/writers.hpp"
#define PRECIS_HAVE_WRITERS 1
#endif

namespace precis::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  success (reports written)\n"
    "  1  internal error (a bug: please report it with the command line)\n"
    "  2  usage error (bad option, unknown tumour type, ambiguous sample, undecidable genome build)\n"
    "  3  input error (unreadable or malformed input file; with --strict also a malformed record)\n"
    "  4  knowledge-base error (the knowledge base failed validation)\n"
    "  5  output error (a report could not be written)\n";

constexpr const char* kOutputs =
    "Outputs (in --out DIR; all are written to temporary files first and replace the sample's previous\n"
    "files together, under the lock .ID.precis.lock, only when every one is complete):\n"
    "  ID.precis.json   always unless --formats omits json: the structured report "
    "(schemas/report.schema.json)\n"
    "  ID.precis.html   self-contained tumour-board report (formats: html)\n"
    "  ID.precis.tsv    one row per finding x therapy, for spreadsheets and LIMS (formats: tsv)\n"
    "  ID.fhir.json     HL7 FHIR R4 Genomics Reporting Bundle (formats: fhir)\n"
    "  ID.precis.pdf    PDF of the HTML report, with --pdf (needs Chromium)\n";

constexpr const char* kDisclaimer =
    "precis is a decision-support tool. This report supports, and does not replace, the clinical judgement "
    "of "
    "the treating physician and the molecular tumour board. Evidence levels and approvals are those of the "
    "knowledge-base version named in the report and may have changed since; verify before acting.";

std::string default_dir(const char* env, const char* compiled, const char* relative) {
    if (const char* value = std::getenv(env); value != nullptr && *value != '\0') {
        return value;
    }
    // Next to the executable's source tree (build dir) or installed share dir; fall back to the compiled
    // path.
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (fs::path dir = self.parent_path(); !dir.empty() && dir != dir.root_path();
             dir = dir.parent_path()) {
            if (fs::exists(dir / relative / "manifest.json", ec) ||
                fs::exists(dir / relative / "report.schema.json", ec)) {
                return (dir / relative).string();
            }
        }
    }
    return compiled;
}

std::string now_iso8601() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::string format_number(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

//! The path recorded in the report: as given, or its file name under --deterministic (stable across dirs).
std::string recorded_path(const std::string& path, bool deterministic) {
    return deterministic ? fs::path(path).filename().string() : path;
}

// ---------------------------------------------------------------- interpret

Genome decide_genome(const InterpretOptions& options, Genome from_data, const std::string& evidence,
                     const std::string& input) {
    if (!options.genome.empty()) {
        const auto given = parse_genome(options.genome);
        if (!given) {
            throw Error(ErrorKind::usage, "--genome", "unknown genome build '" + options.genome + "'",
                        "use GRCh37 or GRCh38");
        }
        if (from_data != Genome::unknown && from_data != *given) {
            throw Error(ErrorKind::usage, input,
                        std::string("--genome ") + to_string(*given) + " contradicts the input, which is " +
                            to_string(from_data) + " (" + evidence + ")",
                        "check which reference the calls were made on and fix --genome");
        }
        return *given;
    }
    if (from_data == Genome::unknown) {
        throw Error(ErrorKind::usage, input.empty() ? "--genome" : input,
                    "cannot decide the genome build (" +
                        (evidence.empty() ? std::string("no build information") : evidence) +
                        "); precis does not guess from file names or header words",
                    "pass --genome GRCh37 or --genome GRCh38");
    }
    spdlog::info("genome build {} ({})", to_string(from_data), evidence);
    return from_data;
}

//! True when an input is placed on the genome by coordinates (copy number, fusion breakpoints, SVs, a
//! panel BED). Scores and statuses alone (MSI, TMB, IHC) need no genome build.
bool needs_coordinates(const InterpretOptions& options) {
    return !options.cnv.empty() || !options.fusions.empty() || !options.sv_vcf.empty() ||
           !options.panel_bed.empty();
}

struct SmallVariantResult {
    Genome genome = Genome::unknown;
    std::vector<InputFile> inputs;
};

//! Input size limits for streamed inputs (regular files are read in place, whatever their size).
constexpr std::uint64_t kMaxTableBytes = std::uint64_t{1} << 30;   // copy number, fusions, BED: 1 GiB
constexpr std::uint64_t kMaxSmallBytes = std::uint64_t{64} << 20;  // IHC, MSI: 64 MiB

//! Streams ("-", pipes, FIFOs, /dev/fd/N) are read once into private temporary copies; devices are refused.
void prepare_inputs(InterpretOptions& options, InputSources& sources) {
    options.vcf = sources.prepare(options.vcf, "--vcf", {0, true});
    options.maf = sources.prepare(options.maf, "--maf", {0, false});
    options.cnv = sources.prepare(options.cnv, "--cnv", {kMaxTableBytes, true});
    options.fusions = sources.prepare(options.fusions, "--fusions", {kMaxTableBytes, false});
    options.sv_vcf = sources.prepare(options.sv_vcf, "--sv-vcf", {0, true});
    options.ihc = sources.prepare(options.ihc, "--ihc", {kMaxSmallBytes, false});
    options.msi = sources.prepare(options.msi, "--msi", {kMaxSmallBytes, false});
    options.panel_bed = sources.prepare(options.panel_bed, "--panel-bed", {kMaxTableBytes, false});
}

int run_interpret_prepared(InterpretOptions& options, const InputSources& sources);

int run_interpret(InterpretOptions& options) {
    validate_options(options);
    InputSources sources;
    try {
        prepare_inputs(options, sources);
        return run_interpret_prepared(options, sources);
    } catch (const Error& error) {
        // Name the input as given, never its temporary copy.
        throw Error(error.kind(), sources.restore(error.where()), sources.restore(error.why()), error.help());
    }
}

int run_interpret_prepared(InterpretOptions& options, const InputSources& sources) {
    spdlog::info("precis {} interpreting sample {}", kVersion, options.sample);

    // 1. Knowledge base.
    spdlog::info("loading knowledge base {}", options.kb_dir);
    const kb::KnowledgeBase kb = kb::KnowledgeBase::load(options.kb_dir, options.schemas_dir);
    spdlog::info("knowledge base {} ({}), {} evidence items", kb.version(), kb.content_hash().substr(0, 19),
                 kb.evidence().size());

    // 2. Tumour type (a retired OncoTree code is read as its replacement, with a warning).
    const kb::TumorTypeChoice tumor_choice = kb::resolve_tumor_type(kb, options.tumor_type);
    const std::string& tumor_type = tumor_choice.code;
    if (!tumor_choice.warning.empty()) {
        spdlog::warn("{}", tumor_choice.warning);
    }

    Profile profile;
    std::vector<InputFile> inputs;
    Genome genome = Genome::unknown;
    const bool deterministic = options.deterministic;
    // The path recorded in the report: as given by the user, and only its file name under --deterministic.
    const auto shown = [&](const std::string& path) {
        return recorded_path(sources.restore(path), deterministic);
    };

#ifdef PRECIS_HAVE_INPUTS
    interpret::ExtraInputOptions extra;
    extra.cnv_path = options.cnv;
    extra.cnv_format = options.cnv_format;
    extra.purity = options.purity;
    extra.ploidy = options.ploidy;
    extra.fusions_path = options.fusions;
    extra.fusion_format = options.fusion_format;
    extra.sv_vcf_path = options.sv_vcf;
    extra.ihc_path = options.ihc;
    extra.msi_path = options.msi;
    extra.msi_caller = options.msi_caller;
    extra.msi_score = options.msi_score;
    extra.msi_status = options.msi_status;
    extra.msi_threshold = options.msi_threshold;
    extra.tmb = options.tmb;
    extra.panel_size_mb = options.panel_size_mb;
    extra.panel_bed = options.panel_bed;
    extra.min_fusion_reads = options.min_fusion_reads;
    if (options.amp_min_copy_number) {
        extra.amp_min_copy_number = *options.amp_min_copy_number;
    }
    extra.strict = options.strict;
    // Multi-sample tables and SV VCFs are matched on --tumor-sample when given, else on the sample id.
    extra.sample_id = options.tumor_sample.empty() ? options.sample : options.tumor_sample;
    extra.schemas_dir = options.schemas_dir;
    interpret::TmbCounter tmb_counter(extra);
    const bool count_tmb = !options.tmb && (options.panel_size_mb || !options.panel_bed.empty());
#else
    const bool count_tmb = false;
#endif

    // 3. Small variants.
    if (!options.vcf.empty()) {
        io::VcfReaderOptions vcf_options;
        vcf_options.tumor_sample = options.tumor_sample;
        vcf_options.include_filtered = options.include_filtered;
        vcf_options.strict = options.strict;
        vcf_options.threads = options.threads;
        io::VcfReader reader(options.vcf, vcf_options);
        genome = decide_genome(options, reader.header_genome(), reader.header_genome_evidence(), options.vcf);
        for (const std::string& warning : reader.open_warnings()) {
            spdlog::warn("{}", warning);
            profile.warnings.push_back(warning);
        }
        if (!reader.tumor_sample().empty()) {
            spdlog::info("tumour sample '{}' ({})", reader.tumor_sample(), reader.tumor_sample_reason());
        }
        interpret::SmallVariantAnnotator annotator(kb, genome);
        const bool annotated = !reader.annotation_layouts().empty();
        std::vector<std::string> layouts;
        for (const auto& layout : reader.annotation_layouts()) {
            layouts.push_back(std::string(io::to_string(layout.kind)) + " (INFO/" + layout.key + ")");
        }
        spdlog::info("annotation: {}", layouts.empty()
                                           ? std::string("none (raw VCF: hotspot coordinates only)")
                                           : str::join(layouts, ", "));
        std::vector<io::VcfReader::Region> regions;
        if (reader.has_index() && !count_tmb && (!annotated || annotator.genes_without_span().empty())) {
            regions = annotator.regions();
            spdlog::info("index found: reading {} knowledge-base regions only", regions.size());
        }
        const auto select = [&](const std::string& chrom, std::int64_t pos, std::int64_t end) {
            return annotated || count_tmb || annotator.in_kb_region(chrom, pos, end);
        };
        std::int64_t seen = 0;
        InputLedger& ledger = profile.ledger("vcf", shown(options.vcf), "allele");
        const auto visit = [&](const io::VcfAllele& allele) {
            if (++seen % 1000000 == 0) {
                spdlog::info("{} alleles read ({}:{})", seen, allele.chrom, allele.pos);
            }
#ifdef PRECIS_HAVE_INPUTS
            if (count_tmb) {
                VariantObservation observation;
                observation.chrom = allele.chrom;
                observation.pos = allele.pos;
                observation.ref = allele.ref;
                observation.alt = allele.alt;
                observation.vaf = allele.vaf;
                observation.depth = allele.depth;
                if (!allele.annotations.empty()) {
                    VariantClass worst = VariantClass::noncoding;
                    for (const auto& a : allele.annotations) {
                        const VariantClass c = interpret::classify_consequence(a.consequence);
                        if (is_protein_altering(c) ||
                            (c == VariantClass::synonymous && worst == VariantClass::noncoding)) {
                            worst = c;
                            if (is_protein_altering(c))
                                break;
                        }
                    }
                    observation.variant_class = worst;
                }
                tmb_counter.observe(observation);
            }
#endif
            if (auto variant = annotator.from_vcf(allele, ledger.file, ledger)) {
                profile.variants.push_back(std::move(*variant));
            }
        };
        // The input checksum is computed while the records are read.
        auto checksum = std::async(std::launch::async, [path = options.vcf] { return sha256_file(path); });
        const std::size_t warned = reader.open_warnings().size();
        const io::VcfReadStats stats = reader.read(select, visit, regions, !annotated && !count_tmb);
        for (std::size_t i = warned; i < reader.open_warnings().size(); ++i) {  // e.g. a rejected index
            spdlog::warn("{}", reader.open_warnings()[i]);
            profile.warnings.push_back(reader.open_warnings()[i]);
        }
        const std::string vcf_sha256 = checksum.get();
        spdlog::info("{} records, {} alleles considered, {} variants in knowledge-base genes", stats.records,
                     stats.alleles, profile.variants.size());
        profile.assessed.small_variants = true;
        profile.assessed.small_variants_annotated = annotated;
        ledger.records = stats.alleles + stats.filtered + stats.symbolic + stats.malformed +
                         stats.unselected + stats.no_alt;
        ledger.count("FILTER not PASS (use --include-filtered to keep)", "", stats.filtered);
        ledger.count("symbolic or breakend allele (give SVs with --sv-vcf)", "", stats.symbolic);
        // A malformed record inside a knowledge-base gene may hide any of its variants: listed, and the
        // gene's biomarkers are not assessed. Elsewhere (or without a readable position) it is counted.
        std::int64_t placed = 0;
        for (const io::VcfReadStats::Placed& bad : stats.malformed_placed) {
            if (const kb::GeneInfo* gene = annotator.gene_at(bad.chrom, bad.pos)) {
                ledger.list({"", Where{ledger.file, bad.record, bad.chrom + ":" + std::to_string(bad.pos)},
                             gene->symbol, "malformed record (" + bad.what + "): not read", GeneImpact::all});
                ++placed;
            }
        }
        ledger.count("malformed record", str::join(stats.malformed_examples, "; "), stats.malformed - placed);
        ledger.count("outside the knowledge base's genes and hotspot codons (not parsed)", "",
                     stats.unselected);
        ledger.count("no ALT allele ('.')", "", stats.no_alt);
        if (stats.used_index) {
            profile.warnings.push_back(
                "indexed read: only records in the knowledge base's regions were read; records elsewhere are "
                "not counted in the input accounting");
        }
        if (stats.malformed > 0) {
            profile.warnings.push_back(std::to_string(stats.malformed) +
                                       " malformed VCF record(s) skipped in " + shown(options.vcf) +
                                       " (e.g. " + str::join(stats.malformed_examples, "; ") + ")");
        }
        if (stats.filtered > 0) {
            profile.warnings.push_back(
                std::to_string(stats.filtered) +
                " allele(s) not PASS were ignored (use --include-filtered to keep them)");
        }
        if (stats.symbolic > 0) {
            profile.warnings.push_back(
                std::to_string(stats.symbolic) +
                " symbolic/breakend allele(s) in the small-variant VCF were ignored (give SVs "
                "with --sv-vcf and copy number with --cnv)");
        }
        if (stats.undefined_tags > 0) {
            profile.warnings.push_back(std::to_string(stats.undefined_tags) +
                                       " record(s) use contigs or tags not defined in the VCF header (kept)");
        }
        if (!annotated) {
            profile.warnings.push_back(
                "the VCF has no consequence annotation: only the knowledge base's hotspot codons were "
                "interpreted "
                "(from genomic coordinates); annotate with VEP, SnpEff or bcftools csq for full coverage");
        }
        for (std::string& warning : annotator.take_warnings()) {
            profile.warnings.push_back(std::move(warning));
        }
        inputs.push_back(
            InputFile{"vcf", shown(options.vcf), vcf_sha256,
                      annotated ? "VCF (" + str::join(layouts, ", ") + ")" : "VCF (unannotated)"});
    } else if (!options.maf.empty()) {
        const io::MafData maf = io::read_maf(options.maf, options.tumor_sample, options.strict);
        genome = decide_genome(options, maf.genome, maf.genome == Genome::unknown ? "" : "NCBI_Build column",
                               options.maf);
        interpret::SmallVariantAnnotator annotator(kb, genome);
        InputLedger& ledger = profile.ledger("maf", shown(options.maf), "row");
        ledger.records = maf.data_rows;
        ledger.count("row of another Tumor_Sample_Barcode", "", maf.other_sample_rows);
        for (const auto& [reason, count] : maf.skipped_reasons) {
            std::vector<std::string> examples;
            std::copy_if(
                maf.skipped_examples.begin(), maf.skipped_examples.end(), std::back_inserter(examples),
                [&reason = reason](const std::string& example) { return str::ends_with(example, reason); });
            ledger.count(reason, str::join(examples, "; "), count);
        }
        for (const io::MafRow& row : maf.rows) {
#ifdef PRECIS_HAVE_INPUTS
            if (count_tmb) {
                VariantObservation observation;
                observation.chrom = row.chrom;
                observation.pos = row.start;
                observation.ref = row.ref;
                observation.alt = row.alt;
                observation.variant_class = interpret::classify_consequence(row.variant_classification);
                if (row.alt_count && row.ref_count && *row.alt_count + *row.ref_count > 0) {
                    observation.vaf = static_cast<double>(*row.alt_count) / (*row.alt_count + *row.ref_count);
                    observation.depth = *row.alt_count + *row.ref_count;
                }
                tmb_counter.observe(observation);
            }
#endif
            if (auto variant = annotator.from_maf(row, ledger.file, ledger)) {
                profile.variants.push_back(std::move(*variant));
            }
        }
        spdlog::info("MAF sample '{}': {} rows, {} variants in knowledge-base genes", maf.sample,
                     maf.rows.size(), profile.variants.size());
        profile.assessed.small_variants = true;
        // A MAF without a protein-change column is read like a raw VCF: hotspot codons from coordinates.
        profile.assessed.small_variants_annotated = maf.has_protein_column;
        if (!maf.has_protein_column) {
            profile.warnings.push_back(
                "the MAF has no protein-change column (HGVSp_Short, Protein_Change or HGVSp): only the "
                "knowledge base's hotspot codons were interpreted, from the genomic coordinates");
        }
        if (maf.skipped > 0) {
            profile.warnings.push_back(std::to_string(maf.skipped) + " MAF row(s) skipped (" +
                                       str::join(maf.skipped_examples, "; ") + ")");
        }
        for (std::string& warning : annotator.take_warnings()) {
            profile.warnings.push_back(std::move(warning));
        }
        inputs.push_back(InputFile{"maf", shown(options.maf), sha256_file(options.maf), "MAF"});
    } else if (needs_coordinates(options)) {
        genome = decide_genome(options, Genome::unknown, "", "");
    } else if (!options.genome.empty()) {
        genome = decide_genome(options, Genome::unknown, "", "");
    } else {
        spdlog::info("genome build not needed: no input with genomic coordinates");
    }

    // 4. Copy number, fusions, IHC, MSI, TMB.
    std::vector<interpret::FusionEvent> fusion_events;
#ifdef PRECIS_HAVE_INPUTS
    const interpret::GeneSet kb_genes(kb.genes());  // built once: copying it per fusion is quadratic
    interpret::read_extra_inputs(extra, kb_genes, genome, profile, inputs);
    profile.assessed.panel_bed = !options.panel_bed.empty();
    if (count_tmb || options.tmb) {
        if (auto tmb = tmb_counter.finish(profile.warnings)) {
            profile.tmb = tmb;
            profile.assessed.tmb = true;
        }
    }
    {
        // Every recorded path is the one the user gave (not a temporary copy of a stream) and, under
        // --deterministic, only its file name (byte-stable output whatever the directory).
        const auto strip = [&](std::string& text) {
            text = sources.restore(text);
            for (const std::string& path : {options.vcf, options.maf}) {
                if (!path.empty()) {
                    text = str::replace_all(text, sources.restore(path), shown(path));
                }
            }
            for (const InputFile& input : inputs) {
                if (!input.path.empty()) {
                    text = str::replace_all(text, input.path, shown(input.path));
                }
            }
        };
        for (CopyNumberCall& call : profile.copy_numbers)
            strip(call.where.file);
        for (Fusion& fusion : profile.fusions)
            strip(fusion.where.file);
        for (IhcResult& result : profile.ihc)
            strip(result.where.file);
        if (profile.msi)
            strip(profile.msi->where.file);
        for (std::string& warning : profile.warnings)
            strip(warning);
        for (InputLedger& ledger : profile.ledgers) {
            strip(ledger.file);
            for (NotInterpreted& entry : ledger.listed)
                strip(entry.where.file);
            for (auto& [reason, examples] : ledger.examples)
                for (std::string& example : examples)
                    strip(example);
        }
        for (InputFile& input : inputs) {
            input.path = shown(input.path);
        }
    }
    for (const Fusion& fusion : profile.fusions) {
        for (const interpret::FusionAssessment& assessment :
             interpret::assess_fusion(fusion, kb_genes, genome)) {
            fusion_events.push_back(interpret::FusionEvent{fusion, assessment.gene, assessment.role,
                                                           assessment.kinase_retained, assessment.label,
                                                           assessment.reason});
        }
    }
#endif

    // 5. Match.
    interpret::MatchInput match_input;
    match_input.profile = &profile;
    match_input.fusions = std::move(fusion_events);
    match_input.tumor_type = tumor_type;
    match_input.genome = genome;
    Report report = interpret::match(match_input, kb);
    report.sample_id = options.sample;
    report.genome = genome;
    for (const auto& [name, value] : options.specimen) {
        report.specimen.push_back({name, value});
    }
    if (options.purity) {
        report.specimen.push_back({"purity", format_number(*options.purity)});
    }
    if (options.ploidy) {
        report.specimen.push_back({"ploidy", format_number(*options.ploidy)});
    }
    report.provenance.precis_version = kVersion;
    report.provenance.kb_version = kb.version();
    report.provenance.kb_hash = kb.content_hash();
    report.provenance.command_line =
        deterministic ? "(omitted under --deterministic)" : str::join(options.command_line, " ");
    report.provenance.generated_at = deterministic ? "1970-01-01T00:00:00Z" : now_iso8601();
    report.provenance.inputs = inputs;
    report.warnings = profile.warnings;
    if (!tumor_choice.warning.empty()) {
        report.warnings.insert(report.warnings.begin(), tumor_choice.warning);
    }
    interpret::account_inputs(profile, report);
    interpret::measure_signatures(profile, report);
#ifdef PRECIS_HAVE_INPUTS
    report.checks = interpret::cross_checks(profile);
#endif
    report.thresholds.push_back(
        {"small_variant_filter", options.include_filtered ? "all FILTER values" : "FILTER PASS or ."});
    report.thresholds.push_back({"tmb_high", ">= 10 mutations/Mb"});
    if (profile.msi && profile.msi->threshold) {
        report.thresholds.push_back(
            {"msi_high",
             profile.msi->caller + " score >= " + format_number(*profile.msi->threshold) +
                 (profile.msi->threshold_source.empty() ? "" : " (" + profile.msi->threshold_source + ")")});
    }
#ifdef PRECIS_HAVE_INPUTS
    if (profile.assessed.copy_number) {
        report.thresholds.push_back({"copy_number", interpret::copy_number_rules(extra).describe()});
    }
#endif
    report.thresholds.push_back(
        {"off_label_levels", "evidence from another tumour type: 1/2/3A -> 3B, R1 -> R2"});
    if (!report.scope_note.empty()) {
        report.limitations.push_back(report.scope_note);  // first: the tumour type is outside the focus
    }
    report.limitations.push_back(
        "Germline status is not assessed: variants are interpreted as somatic as given by the caller.");
    if (profile.assessed.small_variants && !profile.assessed.small_variants_annotated) {
        report.limitations.push_back(
            "Small variants without consequence annotation: only the knowledge base's hotspot codons "
            "(hotspots.json) were interpreted from genomic coordinates; other variants in actionable genes "
            "are listed as not interpreted and their genes' exon-level biomarkers are not assessed.");
    }
    report.limitations.push_back(
        "Biomarkers listed as not assessed were not tested by the given inputs: they are "
        "not negative.");
    report.disclaimer = kDisclaimer;
    report.segments_for_plot = profile.copy_numbers;
    report.variants_for_plot = profile.variants;

    // 6. Write: every report to a temporary file first; the set replaces the old one only when all are
    // complete, under a per-sample lock (report/report_set.hpp). A failure changes no report file.
    std::set<std::string> formats;
    for (const auto part : str::split(options.formats, ',')) {
        formats.insert(std::string(str::trim(part)));
    }
    if (options.pdf) {
        formats.insert("pdf");
    }
    report::ReportSet reports(options.out, options.sample);
    if (formats.count("json") != 0) {
        reports.add(".precis.json", report::render_json(report));
    }
#ifdef PRECIS_HAVE_WRITERS
    const bool html = formats.count("html") != 0 || formats.count("pdf") != 0;
    const std::string html_report = html ? report::render_html(report) : std::string();
    if (html) {
        reports.add(".precis.html", html_report);
    }
    if (formats.count("tsv") != 0) {
        reports.add(".precis.tsv", report::render_tsv(report));
    }
    if (formats.count("fhir") != 0) {
        reports.add(".fhir.json", report::render_fhir(report));
    }
    if (formats.count("pdf") != 0) {
        reports.add(".precis.pdf", report::print_pdf(html_report, reports.final_path(".precis.pdf")));
    }
#endif
    const std::vector<std::string> written = reports.commit();
    std::size_t detected = 0;
    for (const auto& b : report.biomarkers) {
        detected += b.status == "detected" ? 1 : 0;
    }
    spdlog::info("{} finding(s), {} biomarker(s) detected, {} therapy option(s)", report.findings.size(),
                 detected, report.therapy_summary.size());
    for (const std::string& path : written) {
        std::cout << path << '\n';
    }
    return 0;
}

int run_kb_validate(const std::string& kb_dir, const std::string& schemas_dir) {
    const auto problems = kb::KnowledgeBase::validate(kb_dir, schemas_dir);
    if (problems.empty()) {
        const kb::KnowledgeBase kb = kb::KnowledgeBase::load(kb_dir, schemas_dir);
        std::cout << "knowledge base " << kb_dir << " is valid: version " << kb.version() << ", "
                  << kb.genes().size() << " genes, " << kb.hotspots().size() << " hotspot codons, "
                  << kb.biomarkers().size() << " biomarkers, " << kb.evidence().size() << " evidence items, "
                  << kb.rules().size() << " rules; " << kb.content_hash() << '\n';
        return 0;
    }
    std::cerr << "knowledge base " << kb_dir << " has " << problems.size() << " problem(s):\n";
    for (const std::string& problem : problems) {
        std::cerr << "  " << problem << '\n';
    }
    return static_cast<int>(ExitCode::knowledge_base);
}

//! Checks a numeric option's text before CLI11 converts it: NaN, infinity, hex, trailing text or a value
//! outside the documented range exits 2 naming the option and the range.
CLI::Validator numeric_check(const std::string& option) {
    const NumericSetting& setting = numeric_setting(option);
    return CLI::Validator([&setting](std::string& text) { return numeric_problem(setting, text); },
                          setting.range.text());
}

void print_error(const Error& error) {
    std::cerr << "precis: " << to_string(error.kind()) << ": " << error.what() << '\n';
}

}  // namespace

int run(int argc, char** argv) {
    CLI::App app{
        "precis: interprets a tumour's molecular profile (small variants, copy number, fusions, IHC, "
        "MSI, TMB) against a curated, offline knowledge base and writes reports for pipelines, LIMS and "
        "molecular tumour boards.",
        "precis"};
    app.footer(std::string("\n") + kOutputs + "\n" + kExitCodes);
    app.require_subcommand(0, 1);
    bool show_version = false;
    app.add_flag("--version", show_version, "Print the version and exit");

    InterpretOptions options;
    options.command_line.assign(argv, argv + argc);
    bool quiet = false;
    bool verbose = false;
    CLI::App* interpret =
        app.add_subcommand("interpret", "Interpret one tumour sample and write its reports");
    interpret->footer(std::string("\n") + kOutputs + "\n" + kExitCodes);
    interpret->add_option("--sample", options.sample, "Sample id (names the report files)");
    interpret->add_option(
        "--tumor-type", options.tumor_type,
        "OncoTree code, e.g. IHCH, EHCH, PHCH, CHOL, GBC, GIST, COAD; SOLID = any solid tumour");
    interpret->add_option("--genome", options.genome,
                          "GRCh37 or GRCh38 (default: from the VCF header contig lengths or MAF NCBI_Build)");
    interpret->add_option("--vcf", options.vcf,
                          "Somatic small variants: VCF 4.1-4.4, .vcf/.vcf.gz/BCF, raw or annotated (VEP CSQ, "
                          "SnpEff ANN, bcftools BCSQ)");
    interpret->add_option("--tumor-sample", options.tumor_sample,
                          "Tumour sample column of the VCF / Tumor_Sample_Barcode of the MAF");
    interpret->add_option("--maf", options.maf,
                          "Somatic small variants as MAF (HGVSp_Short or Protein_Change)");
    interpret->add_option("--out", options.out, "Output directory (created if missing)");
    interpret->add_option(
        "--case", options.case_file,
        "All settings as one JSON file (schemas/case.schema.json); command-line options win");
    interpret->add_option(
        "--formats", options.formats,
        "Reports to write: comma list of json,html,tsv,fhir,pdf (default json,html,tsv,fhir)");
    interpret->add_flag("--pdf", options.pdf, "Also write ID.precis.pdf (needs Chromium)");
    interpret->add_flag("--deterministic", options.deterministic,
                        "Byte-stable output: fixed time, no command line, file names without directories");
    interpret->add_flag(
        "--strict", options.strict,
        "Fail (exit 3) on the first malformed record instead of skipping it with a counted warning");
    interpret->add_flag("--include-filtered", options.include_filtered,
                        "Keep variants whose FILTER is not PASS or '.'");
    interpret->add_option(
        "--cnv", options.cnv,
        "Copy number: CNVkit .cns/.call.cns, GATK or CBS .seg, allele-specific segments, PURPLE, Oncotator "
        "seg.annotated, gene table, or CNV VCF. Gene-table calls: GISTIC codes -2..2; OncoKB words "
        "Amplification/Gain/Loss/Deletion (a bare Amplification or Deletion is read as high-level/deep but "
        "flagged as ambiguous); cBioPortal Deep/Shallow Deletion, Diploid; MOAlmanac Baseline/Wild type");
    interpret->add_option("--cnv-format", options.cnv_format,
                          "auto|cnvkit|gatk-seg|seg|segments|purple|oncotator|gene-table|vcf (default auto)");
    interpret->add_option("--purity", options.purity, "Tumour purity (0-1] used to adjust copy number")
        ->check(numeric_check("--purity"));
    interpret->add_option("--ploidy", options.ploidy, "Tumour ploidy used for copy-number calls")
        ->check(numeric_check("--ploidy"));
    interpret
        ->add_option("--amp-min-copy-number", options.amp_min_copy_number,
                     "Amplification threshold on total copy number (default 6)")
        ->check(numeric_check("--amp-min-copy-number"));
    interpret->add_option("--fusions", options.fusions,
                          "Fusion calls: Arriba, STAR-Fusion, or a table (A--B / A::B)");
    interpret->add_option("--fusion-format", options.fusion_format,
                          "auto|arriba|star-fusion|table (default auto)");
    interpret
        ->add_option("--min-fusion-reads", options.min_fusion_reads,
                     "Minimum supporting reads for a fusion (default 2)")
        ->check(numeric_check("--min-fusion-reads"));
    interpret->add_option("--sv-vcf", options.sv_vcf,
                          "Structural variants as BND VCF (Manta, DELLY, GRIDSS)");
    interpret->add_option(
        "--ihc", options.ihc,
        "IHC results (JSON or CSV; schemas/ihc.schema.json): HER2 + ISH, MMR proteins, PD-L1");
    interpret->add_option("--msi", options.msi, "MSI caller output (MSIsensor, MSIsensor-pro, MANTIS)");
    interpret->add_option("--msi-caller", options.msi_caller,
                          "msisensor|msisensor-pro|mantis (with --msi or --msi-score)");
    interpret->add_option("--msi-score", options.msi_score, "MSI score from --msi-caller")
        ->check(numeric_check("--msi-score"));
    interpret->add_option("--msi-status", options.msi_status, "MSI status as given: MSI-H or MSS");
    interpret
        ->add_option("--msi-threshold", options.msi_threshold,
                     "Override the caller's default MSI-H threshold")
        ->check(numeric_check("--msi-threshold"));
    interpret->add_option("--tmb", options.tmb, "TMB in mutations/Mb as given")
        ->check(numeric_check("--tmb"));
    interpret
        ->add_option("--panel-size-mb", options.panel_size_mb,
                     "Coding size of the panel in Mb (to compute TMB)")
        ->check(numeric_check("--panel-size-mb"));
    interpret->add_option("--panel-bed", options.panel_bed,
                          "Panel target BED (TMB denominator; genes outside it are not assessed)");
    interpret->add_option("--kb", options.kb_dir,
                          "Knowledge-base directory (default: bundled knowledgebase/, or $PRECIS_KB_DIR)");
    interpret->add_option("--threads", options.threads, "htslib decompression threads (default 2)")
        ->check(numeric_check("--threads"));
    interpret->add_flag("--quiet", quiet, "Only errors on stderr");
    interpret->add_flag("--verbose", verbose, "Debug logging on stderr");

    CLI::App* kb_command = app.add_subcommand("kb", "Knowledge-base tools");
    kb_command->require_subcommand(1);
    std::string validate_dir;
    CLI::App* kb_validate = kb_command->add_subcommand(
        "validate", "Validate a knowledge base; lists every problem with file and JSON pointer");
    kb_validate->add_option("KB_DIR", validate_dir, "Knowledge-base directory (default: the bundled one)");
    std::string diff_old;
    std::string diff_new;
    CLI::App* kb_diff = kb_command->add_subcommand(
        "diff",
        "Evidence added, removed and re-levelled between two knowledge-base directories (both validated)");
    kb_diff->add_option("OLD_DIR", diff_old, "Older knowledge base")->required();
    kb_diff->add_option("NEW_DIR", diff_new, "Newer knowledge base")->required();

    try {
        try {
            app.parse(argc, argv);
        } catch (const CLI::CallForHelp& e) {
            return app.exit(e);
        } catch (const CLI::CallForAllHelp& e) {
            return app.exit(e);
        } catch (const CLI::ParseError& e) {
            std::cerr << "precis: usage error: " << e.what()
                      << "\n  help: run `precis --help` or `precis interpret --help`\n";
            return static_cast<int>(ExitCode::usage);
        }
        if (show_version) {
            std::cout << "precis " << kVersion << " (htslib " << hts_version() << ")\n";
            return 0;
        }
        setup_logging(quiet ? Verbosity::quiet : verbose ? Verbosity::verbose : Verbosity::normal);
        hts_set_log_level(verbose ? HTS_LOG_WARNING : HTS_LOG_OFF);
        const std::string schemas_dir =
            default_dir("PRECIS_SCHEMAS_DIR", PRECIS_DEFAULT_SCHEMAS_DIR, "schemas");
        const std::string kb_default = default_dir("PRECIS_KB_DIR", PRECIS_DEFAULT_KB_DIR, "knowledgebase");
        if (interpret->parsed()) {
            std::vector<std::string> on_command_line;
            for (const CLI::Option* option : interpret->get_options()) {
                if (option->count() > 0) {
                    std::string name = option->get_name();
                    name.erase(0, name.find_first_not_of('-'));
                    std::replace(name.begin(), name.end(), '-', '_');
                    on_command_line.push_back(name);
                }
            }
            options.schemas_dir = schemas_dir;
            if (options.kb_dir.empty()) {
                options.kb_dir = kb_default;
            }
            apply_case_file(options, on_command_line);
            return run_interpret(options);
        }
        if (kb_diff->parsed()) {
            const kb::KnowledgeBase old_kb = kb::KnowledgeBase::load(diff_old, schemas_dir);
            const kb::KnowledgeBase new_kb = kb::KnowledgeBase::load(diff_new, schemas_dir);
            std::cout << kb::to_text(kb::diff(old_kb, new_kb), old_kb, new_kb);
            return 0;
        }
        if (kb_validate->parsed()) {
            return run_kb_validate(validate_dir.empty() ? kb_default : validate_dir, schemas_dir);
        }
        std::cerr << app.help() << "precis: usage error: no command given (interpret, kb)\n";
        return static_cast<int>(ExitCode::usage);
    } catch (const Error& error) {
        print_error(error);
        return static_cast<int>(error.exit_code());
    } catch (const std::bad_alloc&) {
        std::cerr << "precis: internal error: out of memory\n";
        return static_cast<int>(ExitCode::internal);
    } catch (const std::exception& error) {
        std::cerr << "precis: internal error: " << error.what()
                  << "\n  help: this is a bug; please report it with the command line\n";
        return static_cast<int>(ExitCode::internal);
    }
}

}  // namespace precis::cli
