// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/maf_reader.hpp"
#include "io/vcf_reader.hpp"
#include "kb/knowledge_base.hpp"
#include "model/profile.hpp"

namespace precis::interpret {

//! Turns VCF alleles and MAF rows into SmallVariants in knowledge-base genes, with protein changes on
//! the KB reference transcript. Design, in order of precedence:
//!  1. A substitution inside a KB hotspot codon (hotspots.json, this build) is translated from the
//!     genome: this needs no annotation and is authoritative when an annotation disagrees.
//!  2. Otherwise the annotation (VEP CSQ, SnpEff ANN, BCSQ, MAF HGVSp_Short) of a KB gene is used,
//!     choosing the transcript: KB reference transcript > a transcript with known alternate numbering
//!     (renumbered, e.g. BRAF NM_001374258 p.V640E -> V600E) > MANE/canonical/picked > the first one.
//!  3. Variants in genes the KB does not know are not kept.
class SmallVariantAnnotator {
  public:
    SmallVariantAnnotator(const kb::KnowledgeBase& kb, Genome genome);

    //! The variant of a KB gene, or nullopt; a record that is not interpreted is entered in `ledger`
    //! (listed when it touches a KB gene or hotspot codon, counted otherwise) with the reason.
    std::optional<SmallVariant> from_vcf(const io::VcfAllele& allele, const std::string& file,
                                         InputLedger& ledger);
    std::optional<SmallVariant> from_maf(const io::MafRow& row, const std::string& file, InputLedger& ledger);

    //! True when POS..END touches a hotspot codon or a KB gene span on this build. Called for every
    //! record of a full scan: a binary search in per-contig sorted, merged intervals built once, with
    //! the last contig remembered (records arrive sorted).
    bool in_kb_region(const std::string& chrom, std::int64_t pos, std::int64_t end) const;
    //! Regions for an indexed read: hotspot codons and gene spans on this build.
    std::vector<io::VcfReader::Region> regions() const;
    //! Genes with a biomarker but no span on this build (indexed reads would miss their annotated variants).
    std::vector<std::string> genes_without_span() const;

    //! Warnings gathered while annotating (e.g. REF disagrees with the KB codon: wrong build?).
    std::vector<std::string> take_warnings();

    //! The KB gene whose span on this build contains chrom:pos, or nullptr.
    const kb::GeneInfo* gene_at(const std::string& chrom, std::int64_t pos) const;
    //! The hotspot codon on this build that [pos, end] overlaps, or nullptr.
    const kb::HotspotCodon* codon_overlapping(const std::string& chrom, std::int64_t pos,
                                              std::int64_t end) const;

  private:
    //! Enters a record that gave no variant: why, and how far it limits its gene's biomarkers.
    void note_skipped(const std::string& chrom, std::int64_t pos, const std::string& ref,
                      const std::string& alt, const Where& where, bool annotated,
                      const std::string& annotated_genes, InputLedger& ledger);
    void note_maf_skipped(const io::MafRow& row, const kb::GeneInfo& gene, const Where& where,
                          InputLedger& ledger);
    std::string mismatch_reason(const std::string& chrom, std::int64_t pos, std::int64_t end) const;
    std::optional<SmallVariant> from_hotspot(const std::string& chrom, std::int64_t pos, std::string ref,
                                             std::string alt, const Where& where);
    void apply_numbering(const kb::GeneInfo& gene, const std::string& transcript,
                         SmallVariant& variant) const;

    const kb::KnowledgeBase& kb_;
    Genome genome_;
    //! contig -> sorted, merged [start, end] intervals (hotspot codons and gene spans).
    std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> region_index_;
    mutable const std::vector<std::pair<std::int64_t, std::int64_t>>* last_intervals_ = nullptr;
    mutable std::string last_chrom_;
    std::vector<std::string> warnings_;
    std::int64_t ref_mismatches_ = 0;
    bool last_ref_mismatch_ = false;  //!< the last from_hotspot call failed on a REF mismatch
};

}  // namespace precis::interpret
