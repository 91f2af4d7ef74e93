// SPDX-License-Identifier: Apache-2.0
#include "fuzz_targets.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "cli/options.hpp"
#include "common/error.hpp"
#include "interpret/copy_number_caller.hpp"
#include "interpret/fusion_assessment.hpp"
#include "io/bed_reader.hpp"
#include "io/cnv_reader.hpp"
#include "io/fusion_reader.hpp"
#include "io/hts_runtime.hpp"
#include "io/ihc_reader.hpp"
#include "io/maf_reader.hpp"
#include "io/msi_reader.hpp"
#include "io/sv_vcf_reader.hpp"
#include "io/vcf_reader.hpp"
#include "kb/knowledge_base.hpp"

#ifndef PRECIS_FUZZ_SOURCE_DIR
#error "PRECIS_FUZZ_SOURCE_DIR must name the source tree (for knowledgebase/ and schemas/)"
#endif

namespace precis::fuzz {
namespace {

std::string schemas_dir() {
    return std::string(PRECIS_FUZZ_SOURCE_DIR) + "/schemas";
}

//! The bundled knowledge base's genes, loaded once per process (copy-number calls and fusion assessment).
const interpret::GeneSet& kb_genes() {
    static const interpret::GeneSet genes = [] {
        const kb::KnowledgeBase kb =
            kb::KnowledgeBase::load(std::string(PRECIS_FUZZ_SOURCE_DIR) + "/knowledgebase", schemas_dir());
        return interpret::GeneSet(kb.genes());
    }();
    return genes;
}

constexpr Genome kGenomes[] = {Genome::GRCh37, Genome::GRCh38, Genome::unknown};

//! Each input is read leniently, then strictly (strict mode turns counted skips into errors).
template <typename Read>
void lenient_then_strict(const Read& read) {
    try {
        read(false);
    } catch (const Error&) {
    }
    read(true);
}

// ---- small variants ----

void run_vcf(const std::string& path) {
    const auto read = [&](bool strict) {
        io::VcfReaderOptions options;
        options.strict = strict;
        io::VcfReader reader(path, options);
        (void)reader.header_genome();
        (void)reader.header_genome_evidence();
        std::size_t seen = reader.samples().size() + reader.tumor_sample().size();
        const auto select_all = [](const std::string&, std::int64_t, std::int64_t) { return true; };
        const auto select_some = [](const std::string& chrom, std::int64_t pos, std::int64_t end) {
            return chrom == "7" || chrom == "17" || (pos <= 1000 && end >= pos);
        };
        const auto visit = [&](const io::VcfAllele& allele) {
            seen += allele.ref.size() + allele.alt.size() + allele.annotations.size();
            if (allele.vaf && (*allele.vaf < 0.0 || *allele.vaf > 1.0)) {
                seen += 1;
            }
        };
        // Full parse (annotation, VAF) unless strict; strict runs the position-only pre-screen of text VCFs.
        if (strict) {
            (void)reader.read(select_some, visit, {}, true);
        } else {
            (void)reader.read(select_all, visit, {}, false);
        }
        if (seen == static_cast<std::size_t>(-1)) {
            std::abort();  // keeps `seen` alive
        }
    };
    lenient_then_strict(read);
}

void run_maf(const std::string& path) {
    lenient_then_strict([&](bool strict) { (void)io::read_maf(path, "", strict); });
}

// ---- copy number ----

void call_all(const io::CnvData& data, const std::string& path) {
    interpret::CopyNumberRules with_purity;
    with_purity.purity = 0.4;
    with_purity.ploidy = 3.2;
    for (const Genome genome : kGenomes) {
        for (const interpret::CopyNumberRules& rules : {interpret::CopyNumberRules{}, with_purity}) {
            std::vector<std::string> warnings;
            (void)interpret::call_copy_numbers(data, path, kb_genes(), genome, rules, warnings);
        }
    }
}

void read_cnv_as(const std::string& path, const std::string& format) {
    lenient_then_strict([&](bool strict) {
        const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{format, "", strict});
        call_all(data, path);
    });
}

//! The named format, then auto-detection (which may pick another reader for a mutated header).
void run_cnv(const std::string& path, std::initializer_list<const char*> formats) {
    for (const char* format : formats) {
        try {
            read_cnv_as(path, format);
        } catch (const Error&) {
        }
    }
    read_cnv_as(path, "auto");
}

void run_cnv_cnvkit(const std::string& path) {
    run_cnv(path, {"cnvkit"});
}
void run_cnv_seg(const std::string& path) {
    run_cnv(path, {"gatk-seg", "seg"});
}
void run_cnv_segments(const std::string& path) {
    run_cnv(path, {"segments"});
}
void run_cnv_purple(const std::string& path) {
    run_cnv(path, {"purple"});
}
void run_cnv_oncotator(const std::string& path) {
    run_cnv(path, {"oncotator"});
}
void run_cnv_gene_table(const std::string& path) {
    run_cnv(path, {"gene-table"});
}
void run_cnv_vcf(const std::string& path) {
    try {
        lenient_then_strict([&](bool strict) { call_all(io::read_cnv_vcf(path, "", strict), path); });
    } catch (const Error&) {
    }
    read_cnv_as(path, "vcf");
}

// ---- fusions and structural variants ----

void assess_all(std::vector<Fusion> fusions) {
    for (const Fusion& fusion : fusions) {
        for (const Genome genome : kGenomes) {
            (void)interpret::assess_fusion(fusion, kb_genes(), genome);
        }
    }
    interpret::deduplicate_fusions(fusions);
}

void run_fusion(const std::string& path) {
    for (const char* format : {"arriba", "star-fusion", "table"}) {
        try {
            lenient_then_strict([&](bool strict) {
                assess_all(io::read_fusions(path, io::FusionReadOptions{format, 2, "", strict}).fusions);
            });
        } catch (const Error&) {
        }
    }
    lenient_then_strict([&](bool strict) {
        assess_all(io::read_fusions(path, io::FusionReadOptions{"auto", 1, "", strict}).fusions);
    });
}

void run_sv_vcf(const std::string& path) {
    lenient_then_strict([&](bool strict) {
        const io::SvVcfData data = io::read_sv_vcf(path, "", strict);
        for (const Genome genome : kGenomes) {
            std::vector<std::string> warnings;
            assess_all(interpret::fusions_from_junctions(data, kb_genes(), genome, 2, warnings));
        }
    });
}

// ---- IHC, MSI, case files, BED ----

void run_ihc(const std::string& path) {
    const io::IhcData data = io::read_ihc(path, schemas_dir());
    (void)io::is_dmmr(data.results);
}

void run_msi(const std::string& path) {
    if (io::looks_like_purple_purity(path)) {
        try {
            io::PurpleQc qc = io::read_purple_purity(path);
            io::classify_msi(qc.msi, std::nullopt);
        } catch (const Error&) {
        }
    }
    for (const std::string& caller : io::msi_callers()) {
        try {
            std::string format;
            MsiResult result = io::read_msi_file(path, caller, format);
            io::classify_msi(result, std::nullopt);
            io::classify_msi(result, 10.0);
        } catch (const Error&) {
        }
    }
    std::string format;
    MsiResult result = io::read_msi_file(path, "", format);
    io::classify_msi(result, std::nullopt);
}

void run_case_json(const std::string& path) {
    cli::InterpretOptions options;
    options.case_file = path;
    options.schemas_dir = schemas_dir();
    cli::apply_case_file(options, {});
    cli::validate_options(options);
}

void run_bed(const std::string& path) {
    lenient_then_strict([&](bool strict) {
        std::vector<std::string> warnings;
        const io::BedRegions bed = io::BedRegions::read(path, strict, warnings);
        (void)bed.contains("7", 140453136);
        (void)bed.overlaps("17", 37844167, 37886679);
        (void)bed.total_bases();
    });
}

}  // namespace

const std::vector<Target>& targets() {
    static const std::vector<Target> all = {
        {"vcf", ".vcf", run_vcf},
        {"maf", ".maf", run_maf},
        {"cnv_cnvkit", ".cns", run_cnv_cnvkit},
        {"cnv_seg", ".seg", run_cnv_seg},
        {"cnv_segments", ".tsv", run_cnv_segments},
        {"cnv_purple", ".tsv", run_cnv_purple},
        {"cnv_oncotator", ".seg.annotated", run_cnv_oncotator},
        {"cnv_gene_table", ".tsv", run_cnv_gene_table},
        {"cnv_vcf", ".vcf", run_cnv_vcf},
        {"fusion", ".tsv", run_fusion},
        {"sv_vcf", ".vcf", run_sv_vcf},
        {"ihc", ".json", run_ihc},
        {"msi", ".txt", run_msi},
        {"case_json", ".json", run_case_json},
        {"bed", ".bed", run_bed},
    };
    return all;
}

const Target* find_target(std::string_view name) {
    for (const Target& target : targets()) {
        if (name == target.name) {
            return &target;
        }
    }
    return nullptr;
}

void quiet_logging() {
    spdlog::set_level(spdlog::level::off);
    io::set_htslib_logging(false);  // htslib reports every malformed record on stderr
}

bool run_target(const Target& target, std::string_view bytes) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path();
    const std::string suffix = target.suffix;
    std::string name = (dir / ("precis-fuzz-XXXXXX" + suffix)).string();
    const int fd = ::mkstemps(name.data(), static_cast<int>(suffix.size()));
    if (fd < 0) {
        std::perror("precis fuzz: mkstemps");
        std::abort();
    }
    // Removes the file however the reader returns.
    struct Remove {
        const std::string& path;
        ~Remove() { ::unlink(path.c_str()); }
    } remove{name};
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n <= 0) {
            std::perror("precis fuzz: write");
            std::abort();
        }
        written += static_cast<std::size_t>(n);
    }
    ::close(fd);
    try {
        target.run(name);
        return true;
    } catch (const Error&) {
        return false;  // bad input reported the documented way
    }
}

}  // namespace precis::fuzz
