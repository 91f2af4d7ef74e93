// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/input_name.hpp"
#include "io/annotation.hpp"
#include "model/genome.hpp"

namespace precis::io {

//! One ALT allele of a VCF record after multi-allelic splitting (1-based POS, chrom without "chr").
struct VcfAllele {
    std::string chrom;
    std::int64_t pos = 0;
    std::string ref;
    std::string alt;
    int allele_index = 1;  //!< 1-based ALT index
    int n_alt = 1;
    std::string filter;  //!< "PASS", "." or the failed filters joined by ';'
    std::optional<double> vaf;
    std::optional<int> depth;
    std::optional<int> alt_reads;
    std::string vaf_source;  //!< FORMAT/AD, FORMAT/AF, Strelka tier1 counts, INFO/TVAF, ...
    std::vector<TranscriptAnnotation> annotations;  //!< for this allele only
    const AnnotationLayout* layout = nullptr;       //!< layout the annotations came from
    std::int64_t record_number = 0;                 //!< 1-based ordinal of the record in the file
};

struct VcfReadStats {
    std::int64_t records = 0;
    std::int64_t alleles = 0;
    std::int64_t filtered = 0;        //!< alleles skipped for FILTER
    std::int64_t symbolic = 0;        //!< symbolic / breakend / '*' alleles ignored
    std::int64_t malformed = 0;       //!< records skipped as malformed
    std::int64_t undefined_tags = 0;  //!< records using tags missing from the header (kept)
    std::int64_t unselected = 0;      //!< alleles outside the selection (not parsed further)
    std::int64_t no_alt = 0;          //!< records whose ALT is '.' (no variant)
    std::vector<std::string> malformed_examples;
    //! Malformed records whose CHROM and POS could be read (so that a caller can tell which gene they hide).
    struct Placed {
        std::int64_t record = 0;
        std::string chrom;  //!< without "chr"
        std::int64_t pos = 0;
        std::string what;
    };
    std::vector<Placed> malformed_placed;
    bool used_index = false;
};

struct VcfReaderOptions {
    std::string tumor_sample;  //!< --tumor-sample; empty = header hint or the only sample
    bool include_filtered = false;
    bool strict = false;
    int threads = 2;  //!< htslib decompression threads
};

//! Reads VCF 4.1-4.4 (.vcf, .vcf.gz, BCF) through htslib. Construction opens the file and reads the
//! header; errors throw precis::Error naming the file. Not copyable; all htslib handles are RAII.
class VcfReader {
  public:
    //! Opens file.open; errors name file.given, warnings file.shown.
    VcfReader(const InputName& file, const VcfReaderOptions& options);
    ~VcfReader();
    VcfReader(const VcfReader&) = delete;
    VcfReader& operator=(const VcfReader&) = delete;

    const std::string& path() const noexcept;
    //! Genome build decided from contig lengths in the header; unknown when there are none or they fit
    //! neither.
    Genome header_genome() const noexcept;
    std::string header_genome_evidence() const;
    const std::vector<std::string>& samples() const noexcept;
    //! The tumour sample column chosen (empty for sites-only VCFs) and why.
    const std::string& tumor_sample() const noexcept;
    const std::string& tumor_sample_reason() const noexcept;
    //! Consequence annotations declared in the header (VEP CSQ, SnpEff ANN, bcftools BCSQ).
    const std::vector<AnnotationLayout>& annotation_layouts() const noexcept;
    bool has_index() const noexcept;
    //! Problems found while opening or reading (a missing ##fileformat line that precis supplied, an index
    //! that was not used).
    const std::vector<std::string>& open_warnings() const noexcept;

    //! A genomic region to read (chrom without "chr"); used only with an index.
    struct Region {
        std::string chrom;
        std::int64_t start = 0;
        std::int64_t end = 0;
    };
    //! Decides per record whether its alleles are wanted in full (annotations, VAF): called with the
    //! normalised chrom, POS and the record's end.
    using Selector = std::function<bool(const std::string& chrom, std::int64_t pos, std::int64_t end)>;
    using Visitor = std::function<void(const VcfAllele& allele)>;

    //! Streams every record (or, when `regions` is non-empty and an index exists, only those regions),
    //! splitting alleles and calling `visit` for each passing allele that `select` wants. Malformed
    //! records are counted and skipped (strict: Error(input) naming the record).
    //! `position_only`: the selector looks at CHROM/POS/REF only (no annotation, no TMB). A text VCF is
    //! then pre-screened line by line (CHROM, POS, REF, ALT checked and validated) and only the lines
    //! that may touch a selected region are parsed in full by htslib; malformed INFO/FORMAT columns of
    //! records outside the regions go unnoticed, as with an indexed read.
    VcfReadStats read(const Selector& select, const Visitor& visit, const std::vector<Region>& regions,
                      bool position_only = false);

    struct Impl;  //!< the open file and header (vcf_reader.cpp only)

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace precis::io
