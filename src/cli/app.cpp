// SPDX-License-Identifier: Apache-2.0
#include "cli/app.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "batch/batch.hpp"
#include "cli/options.hpp"
#include "cohort/cohort.hpp"
#include "common/error.hpp"
#include "common/logging.hpp"
#include "common/version.hpp"
#include "interpret/pipeline.hpp"
#include "io/hts_runtime.hpp"
#include "kb/kb_diff.hpp"
#include "kb/knowledge_base.hpp"
#include "report/writers.hpp"

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

//! A data directory ("knowledgebase", "schemas"; `marker` is a file it must hold): $`env` when set; else
//! <prefix>/share/precis/<relative> for an installed <prefix>/bin/precis; else the nearest ancestor of the
//! executable's directory that holds <relative> (a build tree inside the source tree). Never a path compiled
//! into the binary: an installed copy keeps working when the source tree is gone. Throws Error when absent.
std::string default_dir(const char* env, const char* relative, const char* marker, const char* option) {
    if (const char* value = std::getenv(env); value != nullptr && *value != '\0') {
        return value;
    }
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = self.parent_path().parent_path() / "share" / "precis" / relative;
        if (fs::exists(installed / marker, ec)) {
            return installed.string();
        }
        for (fs::path dir = self.parent_path(); !dir.empty() && dir != dir.root_path();
             dir = dir.parent_path()) {
            if (fs::exists(dir / relative / marker, ec)) {
                return (dir / relative).string();
            }
        }
    }
    throw Error(ErrorKind::knowledge_base, relative,
                std::string("cannot find the ") + relative + " directory: not in " + env +
                    ", not in <prefix>/share/precis/ beside the executable, not in a parent directory of it",
                (*option != '\0' ? std::string("pass ") + option + " DIR or set " : std::string("set ")) +
                    env + " (or reinstall precis)");
}

int run_interpret(const InterpretOptions& options) {
    validate_options(options);
    spdlog::info("loading knowledge base {}", options.kb_dir);
    const kb::KnowledgeBase kb = kb::KnowledgeBase::load(options.kb_dir, options.schemas_dir);
    spdlog::info("knowledge base {} ({}), {} evidence items", kb.version(), kb.content_hash().substr(0, 19),
                 kb.evidence().size());
    const Report report = interpret::interpret(options, kb);
    const std::vector<std::string> written =
        report::write_reports(report, options.out, options.formats, options.pdf);
    std::size_t detected = 0;
    for (const auto& b : report.biomarkers) {
        detected += b.status == BiomarkerState::detected ? 1 : 0;
    }
    spdlog::info("{} finding(s), {} biomarker(s) detected, {} therapy option(s)", report.findings.size(),
                 detected, report.therapy_summary.size());
    for (const std::string& path : written) {
        std::cout << path << '\n';
    }
    return 0;
}

//! `precis cohort DIR`: rewrites DIR/cohort.precis.tsv and DIR/cohort.precis.html from the reports in DIR.
int run_cohort(const std::string& dir, const std::string& schemas_dir) {
    const std::vector<cohort::CohortSample> samples = cohort::load_cohort(dir, schemas_dir);
    std::size_t unreadable = 0;
    std::size_t failed = 0;
    for (const cohort::CohortSample& sample : samples) {
        if (sample.status == cohort::SampleStatus::unreadable) {
            ++unreadable;
            std::cerr << "precis cohort: " << sample.sample << ": report unreadable: " << sample.error
                      << '\n';
        }
        failed += sample.status == cohort::SampleStatus::failed ? 1 : 0;
    }
    for (const std::string& path : cohort::write_cohort(dir, samples)) {
        std::cout << path << '\n';
    }
    spdlog::info("{} sample(s): {} failed in the batch, {} with an unreadable report", samples.size(), failed,
                 unreadable);
    if (unreadable > 0) {
        std::cerr << "precis: input error: " << unreadable
                  << " report(s) could not be read; they are listed as unreadable in the cohort outputs\n";
        return static_cast<int>(ExitCode::input);
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

//! The commands and the values their options fill.
struct Commands {
    bool show_version = false;
    bool quiet = false;
    bool verbose = false;
    InterpretOptions options;
    CLI::App* interpret = nullptr;
    CLI::App* kb_validate = nullptr;
    CLI::App* batch = nullptr;
    batch::BatchOptions batch_options;
    CLI::App* kb_diff = nullptr;
    CLI::App* cohort = nullptr;
    std::string cohort_dir;
    std::string validate_dir;
    std::string diff_old;
    std::string diff_new;
    std::vector<std::string> prior_therapies;  //!< --prior-therapy texts, parsed after the command line
};

//! Checks a --prior-therapy value before it is kept (exit 2 naming the option and the form expected).
CLI::Validator prior_therapy_check() {
    return CLI::Validator(
        [](std::string& text) {
            std::string problem;
            return parse_prior_therapy(text, problem) ? std::string() : problem;
        },
        "DRUG[+DRUG]:REASON[:TOXICITY]");
}

void add_interpret_command(CLI::App& app, Commands& commands) {
    CLI::App* interpret =
        app.add_subcommand("interpret", "Interpret one tumour sample and write its reports");
    interpret->footer(std::string("\n") + kOutputs + "\n" + kExitCodes);
    interpret->add_option("--sample", commands.options.sample, "Sample id (names the report files)");
    interpret->add_option(
        "--tumor-type", commands.options.tumor_type,
        "OncoTree code, e.g. IHCH, EHCH, PHCH, CHOL, GBC, GIST, COAD; SOLID = any solid tumour");
    interpret->add_option("--genome", commands.options.genome,
                          "GRCh37 or GRCh38 (default: from the VCF header contig lengths or MAF NCBI_Build)");
    interpret->add_option("--vcf", commands.options.vcf,
                          "Somatic small variants: VCF 4.1-4.4, .vcf/.vcf.gz/BCF, raw or annotated (VEP CSQ, "
                          "SnpEff ANN, bcftools BCSQ)");
    interpret->add_option("--tumor-sample", commands.options.tumor_sample,
                          "Tumour sample column of the VCF / Tumor_Sample_Barcode of the MAF");
    interpret->add_option("--maf", commands.options.maf,
                          "Somatic small variants as MAF (HGVSp_Short or Protein_Change)");
    interpret->add_option("--out", commands.options.out, "Output directory (created if missing)");
    interpret->add_option(
        "--case", commands.options.case_file,
        "All settings as one JSON file (schemas/case.schema.json); command-line options win");
    interpret->add_option(
        "--formats", commands.options.formats,
        "Reports to write: comma list of json,html,tsv,fhir,pdf (default json,html,tsv,fhir)");
    interpret->add_flag("--pdf", commands.options.pdf, "Also write ID.precis.pdf (needs Chromium)");
    interpret->add_flag("--deterministic", commands.options.deterministic,
                        "Byte-stable output: fixed time, no command line, file names without directories");
    interpret->add_flag(
        "--strict", commands.options.strict,
        "Fail (exit 3) on the first malformed record instead of skipping it with a counted warning");
    interpret->add_flag("--include-filtered", commands.options.include_filtered,
                        "Keep variants whose FILTER is not PASS or '.'");
    interpret->add_option(
        "--cnv", commands.options.cnv,
        "Copy number: CNVkit .cns/.call.cns, GATK or CBS .seg, allele-specific segments, PURPLE, Oncotator "
        "seg.annotated, gene table, or CNV VCF. Gene-table calls: GISTIC codes -2..2; OncoKB words "
        "Amplification/Gain/Loss/Deletion (a bare Amplification or Deletion is read as high-level/deep but "
        "flagged as ambiguous); cBioPortal Deep/Shallow Deletion, Diploid; MOAlmanac Baseline/Wild type");
    interpret->add_option("--cnv-format", commands.options.cnv_format,
                          "auto|cnvkit|gatk-seg|seg|segments|purple|oncotator|gene-table|vcf (default auto)");
    interpret
        ->add_option("--purity", commands.options.purity, "Tumour purity (0-1] used to adjust copy number")
        ->check(numeric_check("--purity"));
    interpret->add_option("--ploidy", commands.options.ploidy, "Tumour ploidy used for copy-number calls")
        ->check(numeric_check("--ploidy"));
    interpret
        ->add_option("--amp-min-copy-number", commands.options.amp_min_copy_number,
                     "Amplification threshold on total copy number (default 6)")
        ->check(numeric_check("--amp-min-copy-number"));
    interpret->add_option("--fusions", commands.options.fusions,
                          "Fusion calls: Arriba, STAR-Fusion, or a table (A--B / A::B)");
    interpret->add_option("--fusion-format", commands.options.fusion_format,
                          "auto|arriba|star-fusion|table (default auto)");
    interpret
        ->add_option("--min-fusion-reads", commands.options.min_fusion_reads,
                     "Minimum supporting reads for a fusion (default 2)")
        ->check(numeric_check("--min-fusion-reads"));
    interpret->add_option("--sv-vcf", commands.options.sv_vcf,
                          "Structural variants as BND VCF (Manta, DELLY, GRIDSS)");
    interpret->add_option(
        "--ihc", commands.options.ihc,
        "IHC results (JSON or CSV; schemas/ihc.schema.json): HER2 + ISH, MMR proteins, PD-L1");
    interpret->add_option("--msi", commands.options.msi,
                          "MSI caller output (MSIsensor, MSIsensor-pro, MANTIS)");
    interpret->add_option("--msi-caller", commands.options.msi_caller,
                          "msisensor|msisensor-pro|mantis (with --msi or --msi-score)");
    interpret->add_option("--msi-score", commands.options.msi_score, "MSI score from --msi-caller")
        ->check(numeric_check("--msi-score"));
    interpret->add_option("--msi-status", commands.options.msi_status, "MSI status as given: MSI-H or MSS");
    interpret
        ->add_option("--msi-threshold", commands.options.msi_threshold,
                     "Override the caller's default MSI-H threshold")
        ->check(numeric_check("--msi-threshold"));
    interpret->add_option("--tmb", commands.options.tmb, "TMB in mutations/Mb as given")
        ->check(numeric_check("--tmb"));
    interpret
        ->add_option("--panel-size-mb", commands.options.panel_size_mb,
                     "Coding size of the panel in Mb (to compute TMB)")
        ->check(numeric_check("--panel-size-mb"));
    interpret->add_option("--panel-bed", commands.options.panel_bed,
                          "Panel target BED (TMB denominator; genes outside it are not assessed)");
    interpret->add_option("--kb", commands.options.kb_dir,
                          "Knowledge-base directory (default: bundled knowledgebase/, or $PRECIS_KB_DIR)");
    interpret->add_option("--threads", commands.options.threads, "htslib decompression threads (default 2)")
        ->check(numeric_check("--threads"));
    interpret
        ->add_option("--line", commands.options.line_of_therapy,
                     "Line of therapy being decided (1 = first line): a label for other lines is then "
                     "not on-label")
        ->check(numeric_check("--line"));
    interpret
        ->add_option("--prior-therapy", commands.prior_therapies,
                     "A therapy already received, DRUG[+DRUG]:REASON[:TOXICITY] (REASON progression, "
                     "toxicity, completed or other; repeatable), e.g. pembrolizumab:toxicity:pneumonitis "
                     "grade 3")
        ->check(prior_therapy_check());
    interpret->add_flag("--quiet", commands.quiet, "Only errors on stderr");
    interpret->add_flag("--verbose", commands.verbose, "Debug logging on stderr");

    commands.interpret = interpret;
}

constexpr const char* kBatchHelp =
    "Samplesheet (CSV with a header; quote fields that contain commas):\n"
    "  sample, tumor_type        required in every row\n"
    "  case                      a case JSON (as --case); the row's non-empty cells win over it\n"
    "  genome, vcf, tumor_sample, maf, cnv, cnv_format, purity, ploidy, amp_min_copy_number, fusions,\n"
    "  fusion_format, sv_vcf, ihc, msi, msi_caller, msi_score, msi_status, msi_threshold, tmb,\n"
    "  panel_size_mb, panel_bed  as the interpret options of the same name (with '_')\n"
    "  line_of_therapy           as --line\n"
    "  Empty cells are not given; relative paths resolve against the samplesheet's directory.\n"
    "\n"
    "Outputs (in --out DIR):\n"
    "  SAMPLE/             each sample's reports, as written by `precis interpret`\n"
    "  batch.json          versions, KB hash and per sample: status (ok, failed, resumed), exit code,\n"
    "                      error, input checksums, seconds\n"
    "  cohort.precis.tsv   one row per sample x finding; one row per failed sample (as `precis cohort`)\n"
    "  cohort.precis.html  biomarker prevalence, actionable fraction per tumour type, oncoprint, links\n"
    "  --resume reruns a sample whose settings fingerprint (every samplesheet value, case file content,\n"
    "  --formats, KB version and hash, precis version; kept in batch.json) or input checksums changed.\n"
    "\n"
    "Exit codes:\n"
    "  0  every sample succeeded (or was resumed unchanged)\n"
    "  2  bad option or samplesheet (named with its line; no sample runs)\n"
    "  4  the knowledge base failed to load (no sample runs)\n"
    "  otherwise the most severe failure among the samples, in the order\n"
    "     internal 1 > knowledge base 4 > output 5 > input 3 > usage 2\n";

void add_batch_command(CLI::App& app, Commands& commands) {
    CLI::App* batch = app.add_subcommand(
        "batch", "Interpret every sample of a samplesheet on worker threads, with one loaded knowledge base");
    batch->footer(std::string("\n") + kBatchHelp);
    batch::BatchOptions& options = commands.batch_options;
    batch->add_option("--samplesheet", options.samplesheet, "CSV samplesheet (see below)")->required();
    batch->add_option("--out", options.out, "Output directory (created if missing)")->required();
    batch->add_option("--jobs", options.jobs, "Worker threads (default: the number of CPUs)")
        ->check(CLI::Range(1U, 256U));
    batch->add_option(
        "--formats", options.formats,
        "Reports per sample: comma list of json,html,tsv,fhir,pdf (default json,html,tsv,fhir)");
    batch->add_option("--kb", options.kb_dir,
                      "Knowledge-base directory (default: bundled knowledgebase/, or $PRECIS_KB_DIR)");
    batch->add_flag(
        "--resume", options.resume,
        "Skip samples whose JSON report records the current input checksums and KB hash and whose "
        "settings (fingerprint in batch.json) are unchanged");
    batch->add_flag("--quiet", commands.quiet, "No progress; only errors on stderr");
    batch->add_flag("--verbose", commands.verbose, "Debug logging on stderr");
    commands.batch = batch;
}

constexpr const char* kCohortHelp =
    "Reads DIR/batch.json when present (its samples, in order; failed ones stay failed), else every\n"
    "DIR/*/*.precis.json (as written by `precis interpret --sample S --out DIR/S`), and rewrites\n"
    "  DIR/cohort.precis.tsv   one row per sample x finding; failed and unreadable samples with the reason\n"
    "  DIR/cohort.precis.html  self-contained: biomarker prevalence (detected / not detected / not "
    "assessed),\n"
    "                          actionable fraction per tumour type, oncoprint, links to each sample's "
    "report\n"
    "Each is written to a temporary file and renamed into place. A report that cannot be read or does not\n"
    "follow schemas/report.schema.json is listed as unreadable, with the reason, never skipped.\n"
    "\n"
    "Exit codes:\n"
    "  0  cohort outputs written; every report listed was read (failed batch samples do not count)\n"
    "  2  DIR not given, missing or not a directory\n"
    "  3  batch.json damaged or no sample found (nothing written); or outputs written but at least one\n"
    "     report is unreadable\n"
    "  5  an output could not be written\n";

void add_cohort_command(CLI::App& app, Commands& commands) {
    commands.cohort = app.add_subcommand(
        "cohort",
        "Summarise a directory of per-sample reports: DIR/cohort.precis.tsv and DIR/cohort.precis.html");
    commands.cohort->footer(std::string("\n") + kCohortHelp);
    commands.cohort
        ->add_option("DIR", commands.cohort_dir, "The --out directory of `precis batch` (or of a workflow)")
        ->required();
    commands.cohort->add_flag("--quiet", commands.quiet, "Only errors on stderr");
    commands.cohort->add_flag("--verbose", commands.verbose, "Debug logging on stderr");
}

void add_kb_commands(CLI::App& app, Commands& commands) {
    CLI::App* kb_command = app.add_subcommand("kb", "Knowledge-base tools");
    kb_command->require_subcommand(1);
    commands.kb_validate = kb_command->add_subcommand(
        "validate", "Validate a knowledge base; lists every problem with file and JSON pointer");
    commands.kb_validate->add_option("KB_DIR", commands.validate_dir,
                                     "Knowledge-base directory (default: the bundled one)");
    commands.kb_diff = kb_command->add_subcommand(
        "diff",
        "Evidence added, removed and re-levelled between two knowledge-base directories (both validated)");
    commands.kb_diff->add_option("OLD_DIR", commands.diff_old, "Older knowledge base")->required();
    commands.kb_diff->add_option("NEW_DIR", commands.diff_new, "Newer knowledge base")->required();
}

//! The option names given on the command line, as case-file keys ("tumor_type"): they win over the case.
std::vector<std::string> given_options(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::Option* option : command.get_options()) {
        if (option->count() > 0) {
            std::string name = option->get_name();
            name.erase(0, name.find_first_not_of('-'));
            std::replace(name.begin(), name.end(), '-', '_');
            names.push_back(name);
        }
    }
    return names;
}

//! Runs the parsed command. Throws Error.
int run_command(const CLI::App& app, Commands& commands) {
    if (commands.show_version) {
        std::cout << "precis " << kVersion << " (htslib " << io::htslib_version() << ")\n";
        return 0;
    }
    setup_logging(commands.quiet     ? Verbosity::quiet
                  : commands.verbose ? Verbosity::verbose
                                     : Verbosity::normal);
    io::set_htslib_logging(commands.verbose);
    const std::string schemas_dir = default_dir("PRECIS_SCHEMAS_DIR", "schemas", "report.schema.json", "");
    if (commands.cohort->parsed()) {
        return run_cohort(commands.cohort_dir, schemas_dir);
    }
    const bool kb_given =
        !commands.options.kb_dir.empty() || !commands.validate_dir.empty() || commands.kb_diff->parsed();
    const std::string kb_default =
        kb_given ? std::string() : default_dir("PRECIS_KB_DIR", "knowledgebase", "manifest.json", "--kb");
    if (commands.interpret->parsed()) {
        InterpretOptions& options = commands.options;
        options.schemas_dir = schemas_dir;
        if (options.kb_dir.empty()) {
            options.kb_dir = kb_default;
        }
        for (const std::string& text : commands.prior_therapies) {
            std::string problem;
            options.prior_therapies.push_back(parse_prior_therapy(text, problem).value());
        }
        apply_case_file(options, given_options(*commands.interpret));
        return run_interpret(options);
    }
    if (commands.batch->parsed()) {
        batch::BatchOptions& options = commands.batch_options;
        options.schemas_dir = schemas_dir;
        if (options.kb_dir.empty()) {
            options.kb_dir = kb_default;
        }
        options.quiet = commands.quiet;
        if (!commands.quiet && !commands.verbose) {
            // Samples log from several threads at once: keep warnings (and the progress lines) only.
            spdlog::set_level(spdlog::level::warn);
        }
        return batch::run_batch(options);
    }
    if (commands.kb_diff->parsed()) {
        const kb::KnowledgeBase old_kb = kb::KnowledgeBase::load(commands.diff_old, schemas_dir);
        const kb::KnowledgeBase new_kb = kb::KnowledgeBase::load(commands.diff_new, schemas_dir);
        std::cout << kb::to_text(kb::diff(old_kb, new_kb), old_kb, new_kb);
        return 0;
    }
    if (commands.kb_validate->parsed()) {
        return run_kb_validate(commands.validate_dir.empty() ? kb_default : commands.validate_dir,
                               schemas_dir);
    }
    std::cerr << app.help() << "precis: usage error: no command given (interpret, batch, cohort, kb)\n";
    return static_cast<int>(ExitCode::usage);
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
    Commands commands;
    app.add_flag("--version", commands.show_version, "Print the version and exit");
    commands.options.command_line.assign(argv, argv + argc);
    commands.batch_options.command_line = commands.options.command_line;
    add_interpret_command(app, commands);
    add_batch_command(app, commands);
    add_cohort_command(app, commands);
    add_kb_commands(app, commands);
    // The one catch point: every Error becomes its documented exit code.
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
        return run_command(app, commands);
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
