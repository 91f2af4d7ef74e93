// SPDX-License-Identifier: Apache-2.0
#include "interpret/pipeline.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <future>
#include <iterator>

#include "common/error.hpp"
#include "common/input_source.hpp"
#include "common/sha256.hpp"
#include "common/strings.hpp"
#include "common/version.hpp"
#include "interpret/accounting.hpp"
#include "interpret/inputs.hpp"
#include "interpret/matcher.hpp"
#include "interpret/small_variants.hpp"
#include "io/maf_reader.hpp"
#include "io/vcf_reader.hpp"
#include "kb/tumor_scope.hpp"

namespace precis::interpret {
namespace {

constexpr const char* kDisclaimer =
    "precis is a decision-support tool. This report supports, and does not replace, the clinical judgement "
    "of "
    "the treating physician and the molecular tumour board. Evidence levels and approvals are those of the "
    "knowledge-base version named in the report and may have changed since; verify before acting.";

//! Input size limits for streamed inputs (regular files are read in place, whatever their size).
constexpr std::uint64_t kMaxTableBytes = std::uint64_t{1} << 30;   // copy number, fusions, BED: 1 GiB
constexpr std::uint64_t kMaxSmallBytes = std::uint64_t{64} << 20;  // IHC, MSI: 64 MiB

std::string now_iso8601() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

//! The input files of one interpretation (empty when not given): what each reader opens and the names
//! it writes.
struct InputFiles {
    InputName vcf;
    InputName maf;
    InputName cnv;
    InputName fusions;
    InputName sv_vcf;
    InputName ihc;
    InputName msi;
    InputName panel_bed;
};

//! Streams ("-", pipes, FIFOs, /dev/fd/N) are read once into private temporary copies; devices are refused.
//! Every input is named as the user gave it and, under --deterministic, recorded by its file name only
//! (byte-stable reports whatever the directory).
InputFiles prepare_inputs(const Request& request, InputSources& sources) {
    const auto prepare = [&](const std::string& given, const std::string& option, const InputLimits& limits) {
        const InputName name = sources.prepare(given, option, limits);
        return request.deterministic ? name.file_name_only() : name;
    };
    InputFiles files;
    files.vcf = prepare(request.vcf, "--vcf", {0, true});
    files.maf = prepare(request.maf, "--maf", {0, false});
    files.cnv = prepare(request.cnv, "--cnv", {kMaxTableBytes, true});
    files.fusions = prepare(request.fusions, "--fusions", {kMaxTableBytes, false});
    files.sv_vcf = prepare(request.sv_vcf, "--sv-vcf", {0, true});
    files.ihc = prepare(request.ihc, "--ihc", {kMaxSmallBytes, false});
    files.msi = prepare(request.msi, "--msi", {kMaxSmallBytes, false});
    files.panel_bed = prepare(request.panel_bed, "--panel-bed", {kMaxTableBytes, false});
    return files;
}

ExtraInputOptions extra_input_options(const Request& request, const InputFiles& files) {
    ExtraInputOptions extra;
    extra.cnv_path = files.cnv;
    extra.cnv_format = request.cnv_format;
    extra.purity = request.purity;
    extra.ploidy = request.ploidy;
    extra.fusions_path = files.fusions;
    extra.fusion_format = request.fusion_format;
    extra.sv_vcf_path = files.sv_vcf;
    extra.ihc_path = files.ihc;
    extra.msi_path = files.msi;
    extra.msi_caller = request.msi_caller;
    extra.msi_score = request.msi_score;
    extra.msi_status = request.msi_status;
    extra.msi_threshold = request.msi_threshold;
    extra.tmb = request.tmb;
    extra.panel_size_mb = request.panel_size_mb;
    extra.panel_bed = files.panel_bed;
    extra.min_fusion_reads = request.min_fusion_reads;
    if (request.amp_min_copy_number) {
        extra.amp_min_copy_number = *request.amp_min_copy_number;
    }
    extra.strict = request.strict;
    // Multi-sample tables and SV VCFs are matched on the tumour sample when given, else on the sample id.
    extra.sample_id = request.tumor_sample.empty() ? request.sample : request.tumor_sample;
    extra.schemas_dir = request.schemas_dir;
    return extra;
}

//! The genome build: the one the data names, checked against request.genome when both are known.
Genome decide_genome(const Request& request, Genome from_data, const std::string& evidence,
                     const std::string& input) {
    if (!request.genome.empty()) {
        const auto given = parse_genome(request.genome);
        if (!given) {
            throw Error(ErrorKind::usage, "--genome", "unknown genome build '" + request.genome + "'",
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
bool needs_coordinates(const Request& request) {
    return !request.cnv.empty() || !request.fusions.empty() || !request.sv_vcf.empty() ||
           !request.panel_bed.empty();
}

//! The state of one interpretation while its inputs are read.
class Run {
  public:
    Run(const Request& given, const InputFiles& input_files, const kb::KnowledgeBase& knowledge_base)
        : request(given),
          files(input_files),
          kb(knowledge_base),
          extra(extra_input_options(given, input_files)),
          tmb_counter(extra),
          count_tmb(!given.tmb && (given.panel_size_mb || !given.panel_bed.empty())) {}

    void warn(std::string warning) { profile.warnings.push_back(std::move(warning)); }

    const Request& request;
    const InputFiles& files;
    const kb::KnowledgeBase& kb;
    ExtraInputOptions extra;
    TmbCounter tmb_counter;
    const bool count_tmb;
    Profile profile;
    std::vector<InputFile> inputs;
    Genome genome = Genome::unknown;
};

//! The small-variant VCF's read statistics, into its ledger and the report's warnings.
void account_vcf(Run& run, const io::VcfReadStats& stats, const SmallVariantAnnotator& annotator,
                 InputLedger& ledger) {
    ledger.records =
        stats.alleles + stats.filtered + stats.symbolic + stats.malformed + stats.unselected + stats.no_alt;
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
    ledger.count("outside the knowledge base's genes and hotspot codons (not parsed)", "", stats.unselected);
    ledger.count("no ALT allele ('.')", "", stats.no_alt);
    if (stats.used_index) {
        run.warn(
            "indexed read: only records in the knowledge base's regions were read; records elsewhere are "
            "not counted in the input accounting");
    }
    if (stats.malformed > 0) {
        run.warn(std::to_string(stats.malformed) + " malformed VCF record(s) skipped in " +
                 run.files.vcf.shown + " (e.g. " + str::join(stats.malformed_examples, "; ") + ")");
    }
    if (stats.filtered > 0) {
        run.warn(std::to_string(stats.filtered) +
                 " allele(s) not PASS were ignored (use --include-filtered to keep them)");
    }
    if (stats.symbolic > 0) {
        run.warn(std::to_string(stats.symbolic) +
                 " symbolic/breakend allele(s) in the small-variant VCF were ignored (give SVs "
                 "with --sv-vcf and copy number with --cnv)");
    }
    if (stats.undefined_tags > 0) {
        run.warn(std::to_string(stats.undefined_tags) +
                 " record(s) use contigs or tags not defined in the VCF header (kept)");
    }
}

//! The annotation layouts of a VCF, for the log and the report's input format.
std::vector<std::string> describe_layouts(const io::VcfReader& reader) {
    std::vector<std::string> layouts;
    for (const auto& layout : reader.annotation_layouts()) {
        layouts.push_back(std::string(io::to_string(layout.kind)) + " (INFO/" + layout.key + ")");
    }
    return layouts;
}

void read_vcf(Run& run) {
    const Request& request = run.request;
    io::VcfReaderOptions vcf_options;
    vcf_options.tumor_sample = request.tumor_sample;
    vcf_options.include_filtered = request.include_filtered;
    vcf_options.strict = request.strict;
    vcf_options.threads = request.threads;
    io::VcfReader reader(run.files.vcf, vcf_options);
    run.genome =
        decide_genome(request, reader.header_genome(), reader.header_genome_evidence(), run.files.vcf.given);
    for (const std::string& warning : reader.open_warnings()) {
        spdlog::warn("{}", warning);
        run.warn(warning);
    }
    if (!reader.tumor_sample().empty()) {
        spdlog::info("tumour sample '{}' ({})", reader.tumor_sample(), reader.tumor_sample_reason());
    }
    SmallVariantAnnotator annotator(run.kb, run.genome);
    const bool annotated = !reader.annotation_layouts().empty();
    const std::vector<std::string> layouts = describe_layouts(reader);
    spdlog::info("annotation: {}", layouts.empty() ? std::string("none (raw VCF: hotspot coordinates only)")
                                                   : str::join(layouts, ", "));
    std::vector<io::VcfReader::Region> regions;
    if (reader.has_index() && !run.count_tmb && (!annotated || annotator.genes_without_span().empty())) {
        regions = annotator.regions();
        spdlog::info("index found: reading {} knowledge-base regions only", regions.size());
    }
    const auto select = [&](const std::string& chrom, std::int64_t pos, std::int64_t end) {
        return annotated || run.count_tmb || annotator.in_kb_region(chrom, pos, end);
    };
    std::int64_t seen = 0;
    InputLedger& ledger = run.profile.ledger("vcf", run.files.vcf.shown, "allele");
    const auto visit = [&](const io::VcfAllele& allele) {
        if (++seen % 1000000 == 0) {
            spdlog::info("{} alleles read ({}:{})", seen, allele.chrom, allele.pos);
        }
        if (run.count_tmb) {
            run.tmb_counter.observe(observation_of(allele));
        }
        if (auto variant = annotator.from_vcf(allele, ledger.file, ledger)) {
            run.profile.variants.push_back(std::move(*variant));
        }
    };
    // The input checksum is computed while the records are read.
    auto checksum = std::async(std::launch::async, [file = run.files.vcf] { return sha256_file(file); });
    const std::size_t warned = reader.open_warnings().size();
    const io::VcfReadStats stats = reader.read(select, visit, regions, !annotated && !run.count_tmb);
    for (std::size_t i = warned; i < reader.open_warnings().size(); ++i) {  // e.g. a rejected index
        spdlog::warn("{}", reader.open_warnings()[i]);
        run.warn(reader.open_warnings()[i]);
    }
    const std::string vcf_sha256 = checksum.get();
    spdlog::info("{} records, {} alleles considered, {} variants in knowledge-base genes", stats.records,
                 stats.alleles, run.profile.variants.size());
    run.profile.assessed.small_variants = true;
    run.profile.assessed.small_variants_annotated = annotated;
    account_vcf(run, stats, annotator, ledger);
    if (!annotated) {
        run.warn(
            "the VCF has no consequence annotation: only the knowledge base's hotspot codons were "
            "interpreted "
            "(from genomic coordinates); annotate with VEP, SnpEff or bcftools csq for full coverage");
    }
    for (std::string& warning : annotator.take_warnings()) {
        run.warn(std::move(warning));
    }
    run.inputs.push_back(
        InputFile{"vcf", run.files.vcf.shown, vcf_sha256,
                  annotated ? "VCF (" + str::join(layouts, ", ") + ")" : "VCF (unannotated)"});
}

void read_maf(Run& run) {
    const Request& request = run.request;
    const io::MafData maf = io::read_maf(run.files.maf, request.tumor_sample, request.strict);
    run.genome = decide_genome(request, maf.genome, maf.genome == Genome::unknown ? "" : "NCBI_Build column",
                               run.files.maf.given);
    SmallVariantAnnotator annotator(run.kb, run.genome);
    InputLedger& ledger = run.profile.ledger("maf", run.files.maf.shown, "row");
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
        if (run.count_tmb) {
            run.tmb_counter.observe(observation_of(row));
        }
        if (auto variant = annotator.from_maf(row, ledger.file, ledger)) {
            run.profile.variants.push_back(std::move(*variant));
        }
    }
    spdlog::info("MAF sample '{}': {} rows, {} variants in knowledge-base genes", maf.sample, maf.rows.size(),
                 run.profile.variants.size());
    run.profile.assessed.small_variants = true;
    // A MAF without a protein-change column is read like a raw VCF: hotspot codons from coordinates.
    run.profile.assessed.small_variants_annotated = maf.has_protein_column;
    if (!maf.has_protein_column) {
        run.warn(
            "the MAF has no protein-change column (HGVSp_Short, Protein_Change or HGVSp): only the "
            "knowledge base's hotspot codons were interpreted, from the genomic coordinates");
    }
    if (maf.skipped > 0) {
        run.warn(std::to_string(maf.skipped) + " MAF row(s) skipped (" +
                 str::join(maf.skipped_examples, "; ") + ")");
    }
    for (std::string& warning : annotator.take_warnings()) {
        run.warn(std::move(warning));
    }
    run.inputs.push_back(InputFile{"maf", run.files.maf.shown, sha256_file(run.files.maf), "MAF"});
}

//! Small variants (VCF or MAF), which also decide the genome build; without them the build comes from
//! request.genome when an input needs coordinates.
void read_small_variants(Run& run) {
    if (!run.request.vcf.empty()) {
        read_vcf(run);
    } else if (!run.request.maf.empty()) {
        read_maf(run);
    } else if (needs_coordinates(run.request) || !run.request.genome.empty()) {
        run.genome = decide_genome(run.request, Genome::unknown, "", "");
    } else {
        spdlog::info("genome build not needed: no input with genomic coordinates");
    }
}

//! Copy number, fusions, SVs, IHC, MSI, TMB and the panel BED; then the TMB from the counted variants.
void read_other_inputs(Run& run, const GeneSet& kb_genes) {
    read_extra_inputs(run.extra, kb_genes, run.genome, run.profile, run.inputs);
    run.profile.assessed.panel_bed = !run.request.panel_bed.empty();
    if (run.count_tmb || run.request.tmb) {
        if (auto tmb = run.tmb_counter.finish(run.profile.warnings)) {
            run.profile.tmb = tmb;
            run.profile.assessed.tmb = true;
        }
    }
}

std::vector<FusionEvent> assess_fusions(const Profile& profile, const GeneSet& kb_genes, Genome genome) {
    std::vector<FusionEvent> events;
    for (const Fusion& fusion : profile.fusions) {
        for (const FusionAssessment& assessment : assess_fusion(fusion, kb_genes, genome)) {
            events.push_back(FusionEvent{fusion, assessment.gene, assessment.role, assessment.kinase_retained,
                                         assessment.label, assessment.reason});
        }
    }
    return events;
}

void add_provenance(const Run& run, const kb::TumorTypeChoice& tumor_choice, Report& report) {
    const Request& request = run.request;
    report.sample_id = request.sample;
    report.genome = run.genome;
    for (const auto& [name, value] : request.specimen) {
        report.specimen.push_back({name, value});
    }
    if (request.purity) {
        report.specimen.push_back({"purity", str::format_significant(*request.purity)});
    }
    if (request.ploidy) {
        report.specimen.push_back({"ploidy", str::format_significant(*request.ploidy)});
    }
    report.provenance.precis_version = kVersion;
    report.provenance.kb_version = run.kb.version();
    report.provenance.kb_hash = run.kb.content_hash();
    report.provenance.command_line =
        request.deterministic ? "(omitted under --deterministic)" : str::join(request.command_line, " ");
    report.provenance.generated_at = request.deterministic ? "1970-01-01T00:00:00Z" : now_iso8601();
    report.provenance.inputs = run.inputs;
    report.warnings = run.profile.warnings;
    if (!tumor_choice.warning.empty()) {
        report.warnings.insert(report.warnings.begin(), tumor_choice.warning);
    }
}

void add_thresholds_and_limitations(const Run& run, Report& report) {
    const Profile& profile = run.profile;
    report.thresholds.push_back(
        {"small_variant_filter", run.request.include_filtered ? "all FILTER values" : "FILTER PASS or ."});
    report.thresholds.push_back({"tmb_high", ">= 10 mutations/Mb"});
    if (profile.assessed.small_variants) {
        report.thresholds.push_back(
            {"low_support_caveat", "VAF < " + str::format_number(kLowVafCaveat * 100.0, 1) + "% or < " +
                                       std::to_string(kFewReadsCaveat) +
                                       " variant-supporting reads: confirm before acting (first screen)"});
    }
    if (profile.msi && profile.msi->threshold) {
        report.thresholds.push_back(
            {"msi_high",
             profile.msi->caller + " score >= " + str::format_significant(*profile.msi->threshold) +
                 (profile.msi->threshold_source.empty() ? "" : " (" + profile.msi->threshold_source + ")")});
    }
    if (profile.assessed.copy_number) {
        report.thresholds.push_back({"copy_number", copy_number_rules(run.extra).describe()});
    }
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
}

Report interpret_files(const Request& request, const InputFiles& files, const kb::KnowledgeBase& kb) {
    spdlog::info("precis {} interpreting sample {}", kVersion, request.sample);
    // A retired OncoTree code is read as its replacement, with a warning.
    const kb::TumorTypeChoice tumor_choice = kb::resolve_tumor_type(kb, request.tumor_type);
    if (!tumor_choice.warning.empty()) {
        spdlog::warn("{}", tumor_choice.warning);
    }
    Run run(request, files, kb);
    read_small_variants(run);
    const GeneSet kb_genes(kb.genes());  // built once: copying it per fusion is quadratic
    read_other_inputs(run, kb_genes);

    MatchInput match_input;
    match_input.profile = &run.profile;
    match_input.fusions = assess_fusions(run.profile, kb_genes, run.genome);
    match_input.tumor_type = tumor_choice.code;
    match_input.genome = run.genome;
    match_input.line_of_therapy = request.line_of_therapy;
    match_input.prior_therapies = request.prior_therapies;
    Report report = match(match_input, kb);
    add_provenance(run, tumor_choice, report);
    account_inputs(run.profile, status_ihc_markers(kb), report);
    measure_signatures(run.profile, report);
    report.checks = cross_checks(run.profile);
    add_thresholds_and_limitations(run, report);
    report.segments_for_plot = run.profile.copy_numbers;
    report.variants_for_plot = run.profile.variants;
    return report;
}

}  // namespace

Report interpret(const Request& request, const kb::KnowledgeBase& kb) {
    InputSources sources;  // the private copies of streamed inputs, removed when the interpretation ends
    const InputFiles files = prepare_inputs(request, sources);
    return interpret_files(request, files, kb);
}

}  // namespace precis::interpret
