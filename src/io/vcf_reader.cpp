// SPDX-License-Identifier: Apache-2.0
#include "io/vcf_reader.hpp"

#include <htslib/bgzf.h>

#include <htslib/hts_log.h>
#include <htslib/kseq.h>
#include <htslib/kstring.h>

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/limits.hpp"
#include "common/strings.hpp"
#include "io/hts_handles.hpp"
#include "io/vcf_numbers.hpp"
#include "io/vcf_record_check.hpp"
#include "io/vcf_sample.hpp"

namespace precis::io {

namespace {

//! Contig lengths that tell the builds apart (GRCh37 vs GRCh38 primary assembly).
struct BuildLengths {
    const char* chrom;
    std::int64_t grch37;
    std::int64_t grch38;
};
constexpr BuildLengths kBuildLengths[] = {
    {"1", 249250621, 248956422},  {"2", 243199373, 242193529},  {"7", 159138663, 159345973},
    {"10", 135534747, 133797422}, {"12", 133851895, 133275309}, {"17", 81195210, 83257441},
    {"X", 155270560, 156040895},
};

std::string describe_format(const htsFormat& format) {
    const HtsMemory<char> text(hts_format_description(&format));
    return text ? std::string(text.get()) : std::string("unknown");
}

//! htslib accepts any text as REF/ALT; the spec allows bases (ACGTN, any case) for REF and, for ALT, also
//! '*', '.', symbolic <ID> and breakend notation. Returns what is wrong with the alleles, or "" when fine.
std::string allele_problem(std::string_view ref, const std::vector<std::string_view>& alts) {
    const auto bases = [](std::string_view text) {
        return !text.empty() && text.find_first_not_of("ACGTNacgtn") == std::string_view::npos;
    };
    if (!bases(ref)) {
        return "REF '" + std::string(ref.substr(0, 20)) + "' is not a DNA sequence (A, C, G, T, N)";
    }
    for (const std::string_view alt : alts) {
        const bool special =
            alt == "*" || alt == "." ||
            (!alt.empty() && (alt.front() == '<' || alt.front() == '.' || alt.back() == '.')) ||
            alt.find('[') != std::string_view::npos || alt.find(']') != std::string_view::npos;
        if (!special && !bases(alt)) {
            return "ALT '" + std::string(alt.substr(0, 20)) +
                   "' is not a valid allele (expected A, C, G, T, N, '*', a symbolic <ID> or a breakend)";
        }
    }
    return {};
}

}  // namespace

struct VcfReader::Impl {
    std::string path;   //!< the path opened
    std::string given;  //!< as the user gave it: errors
    std::string shown;  //!< as recorded in the report: warnings
    VcfReaderOptions options;
    HtsFilePtr file;
    BcfHeaderPtr header;
    Genome genome = Genome::unknown;
    std::string genome_evidence;
    std::vector<std::string> samples;
    std::string tumor_sample;
    std::string tumor_reason;
    int tumor_index = -1;
    std::vector<AnnotationLayout> layouts;
    bool has_index = false;
    bool is_bcf = false;
    std::vector<std::string> warnings;

    //! Some tools (SnpEff/SnpSift) write VCFs without the mandatory ##fileformat line, which htslib
    //! rejects. When the text file otherwise starts like a VCF header, read a temporary copy with
    //! "##fileformat=VCFv4.2" prepended (the input itself is never modified) and say so. The copy is
    //! private (mode 0600, random name in $TMPDIR, created like mkstemp) and is unlinked as soon as htslib
    //! has opened it, or by TemporaryFile's destructor on any earlier exit, so it never outlives the run.
    bool try_repair_header() {
        std::ifstream in(path, std::ios::binary);
        std::string first;
        if (!in || !std::getline(in, first)) {
            return false;
        }
        if (str::starts_with(first, "##fileformat")) {
            return false;
        }
        if (!str::starts_with(first, "##") && !str::starts_with(first, "#CHROM")) {
            // Show only a short, printable start of the line: the file may be anything (even a secret).
            std::string start = first.substr(0, 24);
            for (char& c : start) {
                if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) {
                    c = '?';
                }
            }
            start += first.size() > 24 ? "..." : "";
            fail("line 1 is not a VCF header line: '" + start + "' (expected '##fileformat=VCFv4.x')",
                 "remove whatever was written before the VCF header (e.g. a log line), then rerun");
        }
        TemporaryFile copy = write_repaired_copy(in, first);
        file.reset(hts_open(copy.path().c_str(), "r"));
        copy.remove();  // htslib reads through its open descriptor
        if (!file) {
            return false;
        }
        header.reset(bcf_hdr_read(file.get()));
        if (!header) {
            return false;
        }
        warnings.push_back(shown +
                           " has no ##fileformat line; read as VCFv4.2 (the file itself was not changed)");
        return true;
    }

    //! The input with "##fileformat=VCFv4.2" before `first` (already read from `in`), in $TMPDIR.
    TemporaryFile write_repaired_copy(std::ifstream& in, const std::string& first) const {
        std::error_code ec;
        const std::filesystem::path temp_dir = std::filesystem::temp_directory_path(ec);
        if (ec) {
            throw Error(ErrorKind::output, "TMPDIR", "no usable temporary directory: " + ec.message(),
                        "set TMPDIR to a writable directory (needed to read " + given + ")");
        }
        TemporaryFile copy(temp_dir, "precis-vcf-", 0600,
                           given + " (temporary copy in " + temp_dir.string() + ")");
        copy.write("##fileformat=VCFv4.2\n" + first + "\n");
        std::vector<char> buffer(1 << 16);
        while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
            copy.write(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
        }
        if (in.bad()) {
            fail("cannot read the file: " + std::string(std::strerror(errno)),
                 "check that the file is readable");
        }
        copy.finish();
        return copy;
    }

    [[noreturn]] void fail(const std::string& why, const std::string& help) const {
        throw Error(ErrorKind::input, given, why, help);
    }

    void open() {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            throw Error(ErrorKind::input, given, "the VCF file does not exist", "check the --vcf path");
        }
        if (std::filesystem::is_directory(path, ec)) {
            throw Error(ErrorKind::input, given, "the VCF path is a directory", "give the VCF file itself");
        }
        file.reset(hts_open(path.c_str(), "r"));
        if (!file) {
            fail("cannot open the file with htslib", "check that the file is readable and a VCF/BCF");
        }
        // A copy: `file` may be reopened below (header repair), which would free the original.
        const htsFormat format_copy = *hts_get_format(file.get());
        const htsFormat* format = &format_copy;
        if (format->category != variant_data && format->format != text_format) {
            fail("not a VCF or BCF file (htslib detected: " + describe_format(*format) + ")",
                 "give a VCF (.vcf, .vcf.gz) or BCF file; MAF files go to --maf");
        }
        is_bcf = format->format == bcf;
        if (format->compression == bgzf && bgzf_check_EOF(hts_get_bgzfp(file.get())) == 0) {
            fail(
                "the bgzip end-of-file marker is missing: the file is truncated (or was not closed when "
                "written)",
                "re-create the file (e.g. bcftools view -Oz, or bgzip a complete VCF); precis does not read "
                "a truncated file as if it were complete");
        }
        if (options.threads > 1 && format->compression == bgzf) {
            (void)hts_set_threads(file.get(), options.threads);
        }
        header.reset(bcf_hdr_read(file.get()));
        if (!header && format->compression == no_compression && try_repair_header()) {
            // read through the repaired copy
        } else if (!header) {
            diagnose_header();
            fail(
                "no valid VCF header (expected '##fileformat=VCFv4.x' meta lines and a '#CHROM POS ID REF "
                "ALT QUAL "
                "FILTER INFO' line before the first record)",
                "check that the file is a complete VCF; remove any log lines written before the header");
        }
        samples = vcf_sample_names(header.get());
        detect_genome();
        choose_tumor_sample();
        read_layouts();
        // An index is usable only for bgzipped VCF or BCF, and only when it is the file's own.
        if (format->compression == bgzf) {
            check_index();
        }
    }

    //! Names the usual reason htslib rejects a header that looks complete: a sample name given twice.
    void diagnose_header() const {
        HtsFilePtr again(hts_open(path.c_str(), "r"));
        if (!again) {
            return;
        }
        KString buffer;
        kstring_t& line = buffer.s;
        for (int n = 0; n < 100000 && hts_getline(again.get(), KS_SEP_LINE, &line) >= 0; ++n) {
            const std::string_view text(line.s, line.l);
            if (!str::starts_with(text, "#CHROM")) {
                continue;
            }
            const std::vector<std::string_view> columns = str::split(text, '\t');
            std::set<std::string_view> seen;
            for (std::size_t i = 9; i < columns.size(); ++i) {
                if (!seen.insert(columns[i]).second) {
                    fail("the sample name '" + std::string(columns[i]) + "' appears twice in the #CHROM line",
                         "give every sample column a distinct name (e.g. bcftools reheader --samples)");
                }
            }
            return;
        }
    }

    //! The suffix of the index file next to the data (.csi preferred by htslib, else .tbi), or "".
    std::string index_suffix() const {
        for (const char* suffix : {".csi", ".tbi"}) {
            std::error_code ec;
            if (std::filesystem::is_regular_file(path + suffix, ec)) {
                return suffix;
            }
        }
        return {};
    }

    //! Loads the index and checks that it can be the file's own: not older than the data, and naming
    //! only contigs of the header. A stale or foreign index is not used: warning and full scan (exit 3
    //! under --strict). Records outside the queried region are caught before reading (index_mismatch).
    void check_index() {
        std::vector<std::string> names;
        int n = 0;
        // The name arrays are htslib's to free, and the names live in the index: copy them before it goes.
        const auto copy_names = [&](const HtsMemory<const char*>& seqs) {
            for (int i = 0; i < n && seqs; ++i) {
                names.emplace_back(seqs.get()[i]);
            }
        };
        if (is_bcf) {
            const HtsIndexPtr index(bcf_index_load(path.c_str()));
            has_index = static_cast<bool>(index);
            copy_names(
                HtsMemory<const char*>(index ? bcf_index_seqnames(index.get(), header.get(), &n) : nullptr));
        } else {
            const TbxPtr index(tbx_index_load(path.c_str()));
            has_index = static_cast<bool>(index);
            copy_names(HtsMemory<const char*>(index ? tbx_seqnames(index.get(), &n) : nullptr));
        }
        if (!has_index) {
            return;
        }
        const std::string suffix = index_suffix();
        std::error_code ec;
        if (!suffix.empty() && std::filesystem::last_write_time(path + suffix, ec) <
                                   std::filesystem::last_write_time(path, ec)) {
            const auto stale = [&](const std::string& data) {
                return "the index " + data + suffix + " is older than the data (stale)";
            };
            reject_index(stale(given), stale(shown));
            return;
        }
        for (const std::string& name : names) {
            if (bcf_hdr_name2id(header.get(), name.c_str()) < 0) {
                const std::string problem =
                    "the index names contig '" + name +
                    "', which the VCF header does not define (an index of another file?)";
                reject_index(problem, problem);
                return;
            }
        }
    }

    //! True when the underlying (BGZF) stream reports an I/O or decompression error.
    bool stream_failed() const {
        BGZF* bgzf = hts_get_bgzfp(file.get());
        return bgzf != nullptr && bgzf->errcode != 0;
    }

    [[noreturn]] void read_failed(std::int64_t records) const {
        fail("reading failed after record " + std::to_string(records) +
                 " (truncated or corrupt file): a read error is not the end of the file",
             "check the file with `bcftools view` and re-create it");
    }

    //! Opens the file again at its first record (after a rejected index), keeping the parsed header. Only
    //! bgzipped files have an index, so the file is never a repaired (uncompressed) copy.
    void reopen() {
        file.reset(hts_open(path.c_str(), "r"));
        if (!file) {
            fail("cannot reopen the file for a full scan", "check that the file is readable");
        }
        BcfHeaderPtr again(bcf_hdr_read(file.get()));
        if (!again) {
            fail("cannot read the header again for a full scan", "check that the file is readable");
        }
    }

    //! Reads the requested regions through the index without interpreting them and returns what is wrong
    //! with the index, or "": a record on another contig or outside the queried interval, or a read or
    //! parse error, means the index does not belong to this file.
    std::string index_mismatch(const std::vector<Region>& regions);

    //! A stale or foreign index: read the whole file instead (exit 3 under --strict). `problem` names the
    //! index as given (errors), `problem_shown` as recorded in the report.
    void reject_index(const std::string& problem, const std::string& problem_shown) {
        if (options.strict) {
            fail(problem, "re-index the file (tabix -p vcf, bcftools index) or remove the index");
        }
        has_index = false;
        warnings.push_back(shown + ": " + problem_shown +
                           "; the index was not used and the whole file was read (re-index it with tabix "
                           "or bcftools index)");
    }

    //! The header's name for a chromosome ("7" may be written 7, chr7, NC_000007.14 or CM000669.2), or "".
    std::string contig_name(const std::string& chrom) const {
        for (int rid = 0; rid < header->n[BCF_DT_CTG]; ++rid) {
            const char* name = header->id[BCF_DT_CTG][rid].key;
            if (name != nullptr && str::normalise_chrom(name) == chrom) {
                return name;
            }
        }
        return {};
    }

    void detect_genome() {
        int votes37 = 0;
        int votes38 = 0;
        for (int rid = 0; rid < header->n[BCF_DT_CTG]; ++rid) {
            const bcf_idpair_t& pair = header->id[BCF_DT_CTG][rid];
            if (pair.key == nullptr || pair.val == nullptr) {
                continue;
            }
            const std::string chrom = str::normalise_chrom(pair.key);
            const std::int64_t length = static_cast<std::int64_t>(pair.val->info[0]);
            for (const BuildLengths& known : kBuildLengths) {
                if (chrom == known.chrom && length == known.grch37) {
                    ++votes37;
                } else if (chrom == known.chrom && length == known.grch38) {
                    ++votes38;
                }
            }
        }
        if (votes37 > 0 && votes38 == 0) {
            genome = Genome::GRCh37;
        } else if (votes38 > 0 && votes37 == 0) {
            genome = Genome::GRCh38;
        }
        genome_evidence = "contig lengths in the header: " + std::to_string(votes37) + " match GRCh37, " +
                          std::to_string(votes38) + " match GRCh38";
    }

    void choose_tumor_sample() {
        const SampleChoice choice = choose_sample(
            given, samples, vcf_tumor_sample_hint(header.get()),
            SampleRequest{options.tumor_sample, SampleNamedBy::tumor_sample_option, SampleDefault::tumour});
        tumor_index = choice.index;
        tumor_sample = choice.name;
        tumor_reason = choice.reason;
    }

    void read_layouts() {
        for (const char* key : {"CSQ", "ANN", "BCSQ", "vep"}) {
            bcf_hrec_t* hrec = bcf_hdr_get_hrec(header.get(), BCF_HL_INFO, "ID", key, nullptr);
            if (hrec == nullptr) {
                continue;
            }
            const int description = bcf_hrec_find_key(hrec, "Description");
            if (description < 0) {
                continue;
            }
            if (auto layout = AnnotationLayout::from_header(key, hrec->vals[description])) {
                layouts.push_back(std::move(*layout));
            }
        }
    }

    // ---- per-record helpers ----

    std::string filter_text(bcf1_t* record) const {
        if (record->d.n_flt == 0) {
            return ".";
        }
        std::string out;
        for (int i = 0; i < record->d.n_flt; ++i) {
            if (i != 0) {
                out += ';';
            }
            out += bcf_hdr_int2id(header.get(), BCF_DT_ID, record->d.flt[i]);
        }
        return out;
    }

    //! Fills VAF/depth for ALT `a` (1-based) of the tumour sample from the common callers' FORMAT fields.
    void fill_vaf(bcf1_t* record, int a, VcfAllele& allele, HtsBuffer<int32_t>& ints,
                  HtsBuffer<float>& floats) const {
        const int n_allele = static_cast<int>(record->n_allele);
        const auto format_ints = [&](const char* tag) -> int {
            return bcf_get_format_int32(header.get(), record, tag, &ints.data, &ints.capacity);
        };
        const auto format_floats = [&](const char* tag) -> int {
            return bcf_get_format_float(header.get(), record, tag, &floats.data, &floats.capacity);
        };
        const int n_samples = bcf_hdr_nsamples(header.get());
        std::optional<int> dp;
        if (tumor_index >= 0) {
            const int n = format_ints("DP");
            if (n >= n_samples && n > 0) {
                const int32_t v = ints.data[static_cast<std::ptrdiff_t>(tumor_index) * (n / n_samples)];
                if (v != bcf_int32_missing && v != bcf_int32_vector_end) {
                    dp = v;
                }
            }
            // AD (Number=R): Mutect2, FreeBayes, VarDict, DRAGEN, GATK.
            int n_ad = format_ints("AD");
            if (n_ad > 0 && n_ad / n_samples == n_allele) {
                const int32_t* ad = ints.data + static_cast<std::ptrdiff_t>(tumor_index) * n_allele;
                std::int64_t total = 0;
                bool ok = true;
                for (int i = 0; i < n_allele; ++i) {
                    if (ad[i] == bcf_int32_missing || ad[i] == bcf_int32_vector_end) {
                        ok = false;
                        break;
                    }
                    total += ad[i];
                }
                if (ok && total > 0) {
                    allele.alt_reads = ad[a];
                    allele.depth = dp.value_or(static_cast<int>(total));
                    allele.vaf = static_cast<double>(ad[a]) / static_cast<double>(total);
                    allele.vaf_source = "FORMAT/AD";
                    return;
                }
            }
            // AF (Number=A).
            const int n_af = format_floats("AF");
            if (n_af > 0 && n_af / n_samples == n_allele - 1) {
                const float v =
                    floats.data[static_cast<std::ptrdiff_t>(tumor_index) * (n_allele - 1) + (a - 1)];
                if (!bcf_float_is_missing(v) && !bcf_float_is_vector_end(v)) {
                    allele.vaf = v;
                    allele.depth = dp;
                    allele.vaf_source = "FORMAT/AF";
                    return;
                }
            }
            // Strelka2 SNVs: {REF}U/{ALT}U, tier-1 count first.
            const char* ref = record->d.allele[0];
            const char* alt = record->d.allele[a];
            if (std::strlen(ref) == 1 && std::strlen(alt) == 1) {
                const std::string ref_tag = std::string(1, ref[0]) + "U";
                const std::string alt_tag = std::string(1, alt[0]) + "U";
                const int n_ref = format_ints(ref_tag.c_str());
                if (n_ref > 0 && n_ref / n_samples >= 1) {
                    const int32_t ref_count =
                        ints.data[static_cast<std::ptrdiff_t>(tumor_index) * (n_ref / n_samples)];
                    const int n_alt = format_ints(alt_tag.c_str());
                    if (n_alt > 0) {
                        const int32_t alt_count =
                            ints.data[static_cast<std::ptrdiff_t>(tumor_index) * (n_alt / n_samples)];
                        if (ref_count >= 0 && alt_count >= 0 && ref_count + alt_count > 0) {
                            allele.alt_reads = alt_count;
                            allele.depth = dp.value_or(ref_count + alt_count);
                            allele.vaf = static_cast<double>(alt_count) / (ref_count + alt_count);
                            allele.vaf_source = "Strelka2 tier-1 base counts";
                            return;
                        }
                    }
                }
            }
            // Strelka2 indels: TAR/TIR tier-1.
            const int n_tar = format_ints("TAR");
            if (n_tar > 0) {
                const int32_t tar = ints.data[static_cast<std::ptrdiff_t>(tumor_index) * (n_tar / n_samples)];
                const int n_tir = format_ints("TIR");
                if (n_tir > 0) {
                    const int32_t tir =
                        ints.data[static_cast<std::ptrdiff_t>(tumor_index) * (n_tir / n_samples)];
                    if (tar >= 0 && tir >= 0 && tar + tir > 0) {
                        allele.alt_reads = tir;
                        allele.depth = dp.value_or(tar + tir);
                        allele.vaf = static_cast<double>(tir) / (tar + tir);
                        allele.vaf_source = "Strelka2 tier-1 TAR/TIR";
                        return;
                    }
                }
            }
        }
        // PCGR-style INFO/TVAF and INFO/TDP (tumour VAF/depth), when FORMAT gives nothing.
        int n = bcf_get_info_float(header.get(), record, "TVAF", &floats.data, &floats.capacity);
        if (n >= a && !bcf_float_is_missing(floats.data[std::min(a - 1, n - 1)])) {
            allele.vaf = floats.data[std::min(a - 1, n - 1)];
            allele.vaf_source = "INFO/TVAF";
            n = bcf_get_info_int32(header.get(), record, "TDP", &ints.data, &ints.capacity);
            if (n >= 1 && ints.data[0] != bcf_int32_missing) {
                allele.depth = ints.data[0];
            }
            return;
        }
        allele.depth = dp;
    }
};

VcfReader::VcfReader(const InputName& file, const VcfReaderOptions& options)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = file.open;
    impl_->given = file.given;
    impl_->shown = file.shown;
    impl_->options = options;
    impl_->open();
}

VcfReader::~VcfReader() = default;

const std::string& VcfReader::path() const noexcept {
    return impl_->path;
}
Genome VcfReader::header_genome() const noexcept {
    return impl_->genome;
}
std::string VcfReader::header_genome_evidence() const {
    return impl_->genome_evidence;
}
const std::vector<std::string>& VcfReader::samples() const noexcept {
    return impl_->samples;
}
const std::string& VcfReader::tumor_sample() const noexcept {
    return impl_->tumor_sample;
}
const std::string& VcfReader::tumor_sample_reason() const noexcept {
    return impl_->tumor_reason;
}
const std::vector<AnnotationLayout>& VcfReader::annotation_layouts() const noexcept {
    return impl_->layouts;
}
std::string VcfReader::Impl::index_mismatch(const std::vector<Region>& regions) {
    HtsIndexPtr bcf_index;
    TbxPtr tbx_index;
    if (is_bcf) {
        bcf_index.reset(bcf_index_load(path.c_str()));
    } else {
        tbx_index.reset(tbx_index_load(path.c_str()));
    }
    if (!bcf_index && !tbx_index) {
        return "the index could not be loaded";
    }
    BcfRecordPtr record(bcf_init());
    KString buffer;
    kstring_t& line = buffer.s;
    for (const VcfReader::Region& region : regions) {
        const std::string contig = contig_name(region.chrom);
        if (contig.empty()) {
            continue;
        }
        const std::string query =
            contig + ":" + std::to_string(region.start) + "-" + std::to_string(region.end);
        HtsIteratorPtr iterator(is_bcf ? bcf_itr_querys(bcf_index.get(), header.get(), query.c_str())
                                       : tbx_itr_querys(tbx_index.get(), query.c_str()));
        if (!iterator) {
            continue;
        }
        const int rid = bcf_hdr_name2id(header.get(), contig.c_str());
        // Only where the records lie is checked here; read() checks each record (check_record) when it
        // interprets it.
        while (true) {
            int status = is_bcf ? bcf_itr_next(file.get(), iterator.get(), record.get())
                                : tbx_itr_next(file.get(), tbx_index.get(), iterator.get(), &line);
            if (status >= 0 && !is_bcf) {
                status = vcf_parse(&line, header.get(), record.get()) < 0 ? -2 : 0;
            }
            if (status == -1) {
                break;
            }
            if (status < -1) {
                return "reading " + query + " through the index failed (an index of another file?)";
            }
            const std::int64_t start = record->pos + 1;
            const std::int64_t end = record->pos + std::max<std::int64_t>(record->rlen, 1);
            if (record->rid != rid || end < region.start || start > region.end) {
                return "the index returned a record at " +
                       std::string(bcf_seqname_safe(header.get(), record.get())) + ":" +
                       std::to_string(start) + " for the query " + query + " (an index of another file?)";
            }
        }
    }
    return {};
}

bool VcfReader::has_index() const noexcept {
    return impl_->has_index;
}
const std::vector<std::string>& VcfReader::open_warnings() const noexcept {
    return impl_->warnings;
}

namespace {

//! One pass over a VCF's records (sequential, pre-screened text, or indexed regions): checks each record,
//! counts what is skipped and hands every usable allele to the visitor.
class RecordPass {
  public:
    RecordPass(VcfReader::Impl& self, const VcfReader::Selector& select, const VcfReader::Visitor& visit)
        : self_(self), select_(select), visit_(visit), record_(bcf_init()) {
        if (!record_) {
            throw Error(ErrorKind::internal, self.given, "out of memory allocating a VCF record");
        }
    }

    void run_sequential();
    void run_prescreened();
    void run_indexed(const std::vector<VcfReader::Region>& regions);
    VcfReadStats take_stats() { return std::move(stats); }

  private:
    void note_malformed(const std::string& what);
    void note_malformed_at(const std::string& chrom, std::int64_t pos, const std::string& what);
    //! `pos_text`: POS as written in a text VCF ("" for BCF, or when already checked).
    void process(bcf1_t* rec, std::string_view pos_text);
    //! Checks a record before its alleles are read; false when it was counted and skipped.
    bool usable(bcf1_t* rec, std::string_view pos_text, std::string& chrom, std::int64_t& pos,
                std::string& filter);
    void read_alleles(bcf1_t* rec, const std::string& chrom, std::int64_t pos, const std::string& filter);

    VcfReader::Impl& self_;
    const VcfReader::Selector& select_;
    const VcfReader::Visitor& visit_;
    BcfRecordPtr record_;
    VcfReadStats stats;
    HtsBuffer<int32_t> ints_;
    HtsBuffer<float> floats_;
    HtsBuffer<char> info_text_;
    VcfAllele allele_;
    int consecutive_errors_ = 0;
};

void RecordPass::note_malformed(const std::string& what) {
    ++stats.malformed;
    const std::string message = "record " + std::to_string(stats.records) + ": " + what;
    if (self_.options.strict) {
        throw Error(
            ErrorKind::input, self_.given, "malformed record: " + message,
            "fix or remove the record, or run without --strict to skip malformed records with a warning");
    }
    if (stats.malformed_examples.size() < 5) {
        stats.malformed_examples.push_back(message);
    }
}

// A malformed record at a known position: counted, and kept so the caller can place it in a gene.
void RecordPass::note_malformed_at(const std::string& chrom, std::int64_t pos, const std::string& what) {
    note_malformed(chrom + ":" + std::to_string(pos) + ": " + what);
    if (stats.malformed_placed.size() < 100000) {
        stats.malformed_placed.push_back({stats.records, str::normalise_chrom(chrom), pos, what});
    }
}

bool RecordPass::usable(bcf1_t* rec, std::string_view pos_text, std::string& chrom, std::int64_t& pos,
                        std::string& filter) {
    VcfReader::Impl& self = self_;
    const auto& select = select_;
    const RecordCheck check = check_record(*rec);
    if (check.unusable()) {
        note_malformed(check.problem());
        return false;
    }
    if (bcf_unpack(rec, BCF_UN_STR | BCF_UN_FLT) < 0) {
        note_malformed("cannot unpack alleles");
        return false;
    }
    const char* contig = bcf_hdr_id2name(self.header.get(), rec->rid);
    // A blank line parses as a record with an empty CHROM and no alleles.
    if (rec->n_allele < 1 || rec->d.allele == nullptr || rec->d.allele[0] == nullptr || contig == nullptr ||
        *contig == '\0') {
        note_malformed("blank line, or a record without CHROM or REF");
        return false;
    }
    if (check.undefined_names()) {
        ++stats.undefined_tags;  // undefined contig/tag: htslib added a definition; the data are usable
    }
    chrom = str::normalise_chrom(contig != nullptr ? contig : "");
    pos = rec->pos + 1;  // htslib is 0-based; precis is 1-based
    if (rec->pos < 0) {
        note_malformed(chrom + ": POS is missing or not a positive integer");
        return false;
    }
    if (const std::string problem = vcf_position_problem(self.header.get(), rec, pos_text);
        !problem.empty()) {
        note_malformed(chrom + ": " + problem);
        return false;
    }
    std::vector<std::string_view> alts;
    for (int a = 1; a < rec->n_allele; ++a) {
        alts.emplace_back(rec->d.allele[a]);
    }
    if (const std::string problem = allele_problem(rec->d.allele[0], alts); !problem.empty()) {
        note_malformed_at(chrom, pos, problem);
        return false;
    }
    if (rec->n_allele < 2) {
        ++stats.no_alt;  // ALT "." : no variant
        return false;
    }
    if (!select(chrom, pos, pos + rec->rlen - 1)) {
        stats.unselected += rec->n_allele - 1;
        return false;
    }
    filter = self.filter_text(rec);
    const bool passing = filter == "PASS" || filter == ".";
    if (!passing && !self.options.include_filtered) {
        stats.filtered += rec->n_allele - 1;
        return false;
    }
    return true;
}

void RecordPass::process(bcf1_t* rec, std::string_view pos_text) {
    std::string chrom;
    std::int64_t pos = 0;
    std::string filter;
    if (usable(rec, pos_text, chrom, pos, filter)) {
        read_alleles(rec, chrom, pos, filter);
    }
}

void RecordPass::read_alleles(bcf1_t* rec, const std::string& chrom, std::int64_t pos,
                              const std::string& filter) {
    VcfReader::Impl& self = self_;
    HtsBuffer<int32_t>& ints = ints_;
    HtsBuffer<float>& floats = floats_;
    HtsBuffer<char>& info_text = info_text_;
    VcfAllele& allele = allele_;
    const auto& visit = visit_;
    // Annotations for the whole record, split per allele below.
    std::vector<std::pair<const AnnotationLayout*, std::vector<TranscriptAnnotation>>> annotations;
    for (const AnnotationLayout& layout : self.layouts) {
        const int n = bcf_get_info_string(self.header.get(), rec, layout.key.c_str(), &info_text.data,
                                          &info_text.capacity);
        if (n > 0) {
            annotations.emplace_back(
                &layout,
                parse_annotations(layout, std::string_view(info_text.data, std::strlen(info_text.data))));
        }
    }
    bool unpacked_format = false;
    bool checked_numbers = false;
    for (int a = 1; a < rec->n_allele; ++a) {
        const std::string_view alt = rec->d.allele[a];
        if (alt.empty() || alt == "*" || alt == "." || alt.front() == '<' ||
            alt.find('[') != std::string_view::npos || alt.find(']') != std::string_view::npos ||
            alt.front() == '.' || alt.back() == '.') {
            ++stats.symbolic;
            continue;
        }
        if (!unpacked_format && self.tumor_index >= 0) {
            if (bcf_unpack(rec, BCF_UN_FMT) < 0) {
                note_malformed("cannot unpack FORMAT");
                return;
            }
            unpacked_format = true;
        }
        if (!checked_numbers) {
            checked_numbers = true;
            if (const std::string problem =
                    vcf_number_problem(self.header.get(), rec, self.tumor_index, &ints.data, &ints.capacity,
                                       &floats.data, &floats.capacity);
                !problem.empty()) {
                note_malformed_at(chrom, pos, problem);
                return;
            }
        }
        ++stats.alleles;
        allele = VcfAllele{};
        allele.chrom = chrom;
        allele.pos = pos;
        allele.ref = rec->d.allele[0];
        allele.alt = std::string(alt);
        allele.allele_index = a;
        allele.n_alt = rec->n_allele - 1;
        allele.filter = filter;
        allele.record_number = stats.records;
        self.fill_vaf(rec, a, allele, ints, floats);
        for (const auto& [layout, entries] : annotations) {
            for (const TranscriptAnnotation& entry : entries) {
                if (annotation_matches_allele(*layout, entry, allele.ref, allele.alt, a, allele.n_alt)) {
                    allele.annotations.push_back(entry);
                    allele.layout = layout;
                }
            }
            if (!allele.annotations.empty()) {
                break;  // first annotation source that covers the allele wins
            }
        }
        visit(allele);
    }
}

void RecordPass::run_sequential() {
    VcfReader::Impl& self = self_;
    int& consecutive_errors = consecutive_errors_;
    BcfRecordPtr& record = record_;
    while (true) {
        const int status = bcf_read(self.file.get(), self.header.get(), record.get());
        if (status == -1) {
            break;
        }
        ++stats.records;
        if (stats.records % 2000000 == 0) {
            spdlog::info("{} records read", stats.records);
        }
        if (status < -1 && self.stream_failed()) {
            self.read_failed(stats.records - 1);
        }
        if (status < -1) {
            note_malformed("htslib could not parse it");
            if (++consecutive_errors > 100) {
                throw Error(ErrorKind::input, self.given,
                            "more than 100 consecutive unreadable records after record " +
                                std::to_string(stats.records - 100) + " (truncated or corrupt file?)",
                            "check the file with `bcftools view` and re-create it");
            }
            continue;
        }
        consecutive_errors = 0;
        process(record.get(), self.is_bcf ? std::string_view() : vcf_pos_field(self.file->line));
    }
}

// Text VCF and a position-only selection: screen each line's first five columns before parsing it.
void RecordPass::run_prescreened() {
    VcfReader::Impl& self = self_;
    const auto& select = select_;
    BcfRecordPtr& record = record_;
    KString buffer;
    kstring_t& line = buffer.s;
    std::string raw_chrom;
    std::string chrom;
    int got = 0;
    while ((got = hts_getline(self.file.get(), KS_SEP_LINE, &line)) >= 0) {
        if (line.l == 0 || line.s[0] == '#') {
            continue;
        }
        ++stats.records;
        if (stats.records % 2000000 == 0) {
            spdlog::info("{} records read", stats.records);
        }
        const std::string_view text(line.s, line.l);
        // Start offsets of CHROM, POS, ID, REF, ALT and QUAL.
        std::size_t fields[6] = {0, 0, 0, 0, 0, 0};
        std::size_t found = 1;
        for (std::size_t i = 0; i < text.size() && found < 6; ++i) {
            if (text[i] == '\t') {
                fields[found++] = i + 1;
            }
        }
        if (found < 6) {
            note_malformed("fewer than 8 tab-separated columns");
            continue;
        }
        const std::string_view contig = text.substr(0, fields[1] - 1);
        const std::string_view pos_text = text.substr(fields[1], fields[2] - fields[1] - 1);
        const std::string_view ref = text.substr(fields[3], fields[4] - fields[3] - 1);
        const std::string_view alt = text.substr(fields[4], fields[5] - fields[4] - 1);
        const auto pos = str::to_bounded_int(pos_text, 1, limits::kMaxPosition);
        if (!pos) {
            note_malformed(std::string(contig) + ": POS '" + std::string(pos_text.substr(0, 20)) +
                           "' is not a whole number in 1.." + std::to_string(limits::kMaxPosition));
            continue;
        }
        if (const std::string problem = allele_problem(ref, str::split(alt, ',')); !problem.empty()) {
            note_malformed_at(std::string(contig), *pos, problem);
            continue;
        }
        if (contig != raw_chrom) {
            raw_chrom = std::string(contig);
            chrom = str::normalise_chrom(contig);
        }
        if (!select(chrom, *pos, *pos + static_cast<std::int64_t>(ref.size()) - 1)) {
            if (alt == ".") {
                ++stats.no_alt;
            } else {
                stats.unselected += 1 + std::count(alt.begin(), alt.end(), ',');
            }
            continue;
        }
        if (vcf_parse(&line, self.header.get(), record.get()) < 0) {
            note_malformed_at(std::string(contig), *pos, "htslib could not parse it");
            continue;
        }
        process(record.get(), std::string_view());  // POS checked above
    }
    if (got < -1) {
        self.read_failed(stats.records);
    }
}

void RecordPass::run_indexed(const std::vector<VcfReader::Region>& regions) {
    VcfReader::Impl& self = self_;
    BcfRecordPtr& record = record_;
    // Read only the requested regions (merged, sorted) so each record is seen once.
    stats.used_index = true;
    HtsIndexPtr bcf_index;
    TbxPtr tbx_index;
    if (self.is_bcf) {
        bcf_index.reset(bcf_index_load(self.path.c_str()));
    } else {
        tbx_index.reset(tbx_index_load(self.path.c_str()));
    }
    KString buffer;
    kstring_t& line = buffer.s;
    std::map<std::string, std::int64_t> last_end;
    for (const VcfReader::Region& region : regions) {
        // The file may name contigs with or without "chr", or by RefSeq/GenBank accession.
        const std::string contig = self.contig_name(region.chrom);
        if (contig.empty()) {
            continue;
        }
        const std::string query =
            contig + ":" + std::to_string(region.start) + "-" + std::to_string(region.end);
        HtsIteratorPtr iterator(self.is_bcf
                                    ? bcf_itr_querys(bcf_index.get(), self.header.get(), query.c_str())
                                    : tbx_itr_querys(tbx_index.get(), query.c_str()));
        if (!iterator) {
            continue;  // contig absent from the index: no records there
        }
        const std::int64_t previous_end = last_end.count(region.chrom) != 0 ? last_end[region.chrom] : 0;
        while (true) {
            int status = 0;
            if (self.is_bcf) {
                status = bcf_itr_next(self.file.get(), iterator.get(), record.get());
            } else {
                status = tbx_itr_next(self.file.get(), tbx_index.get(), iterator.get(), &line);
                if (status >= 0) {
                    status = vcf_parse(&line, self.header.get(), record.get()) < 0 ? -2 : 0;
                }
            }
            if (status == -1) {
                break;
            }
            ++stats.records;
            if (status < -1) {
                note_malformed("htslib could not parse it");
                continue;
            }
            if (record->pos + 1 <= previous_end) {
                continue;  // already seen through the previous, overlapping region
            }
            process(record.get(), self.is_bcf ? std::string_view() : vcf_pos_field(line));
        }
        last_end[region.chrom] = std::max(previous_end, region.end);
    }
}

}  // namespace

VcfReadStats VcfReader::read(const Selector& select, const Visitor& visit, const std::vector<Region>& regions,
                             bool position_only) {
    Impl& self = *impl_;
    RecordPass pass(self, select, visit);
    const auto run_whole_file = [&]() {
        if (position_only && !self.is_bcf) {
            pass.run_prescreened();
        } else {
            pass.run_sequential();
        }
    };
    if (regions.empty() || !self.has_index) {
        run_whole_file();
    } else if (const std::string problem = self.index_mismatch(regions); !problem.empty()) {
        self.reject_index(problem, problem);
        self.reopen();
        run_whole_file();
    } else {
        pass.run_indexed(regions);
    }
    return pass.take_stats();
}

}  // namespace precis::io
