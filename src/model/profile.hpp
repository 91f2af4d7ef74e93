// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/genome.hpp"

namespace precis {

//! Where a fact came from: the file and, when known, the line or record number and a short description
//! of the record (e.g. "7:140753336 A>T"). Rendered as "file:line (detail)".
struct Where {
    std::string file;
    std::int64_t line = 0;  //!< 1-based line number or record ordinal; 0 = unknown
    std::string detail;

    std::string to_string() const;
};

enum class Category { small_variant, copy_number, fusion, protein_expression, genomic_signature };
const char* to_string(Category category) noexcept;

//! Where an evidence level comes from: OncoKB (a dated news entry or release), a regulatory label, a
//! guideline, or the curator (no primary source gives this level).
enum class LevelSource { oncokb, fda_label, ema_label, guideline, curator };
const char* to_string(LevelSource source) noexcept;
std::optional<LevelSource> parse_level_source(std::string_view text) noexcept;

struct LevelProvenance {
    LevelSource type = LevelSource::curator;
    std::string reference;  //!< e.g. "OncoKB news 2024-12-19 (12192024): ..." or "curator-assigned: ..."
    std::string date;       //!< YYYY-MM-DD; empty for curator levels
};

//! Protein-level class of a small variant (from the annotation, or derived from a hotspot translation).
enum class VariantClass {
    missense,
    nonsense,
    frameshift,
    inframe_deletion,
    inframe_insertion,
    inframe_delins,
    synonymous,
    splice,
    start_lost,
    stop_lost,
    other_coding,
    noncoding,
    unknown
};
const char* to_string(VariantClass variant_class) noexcept;
bool is_protein_altering(VariantClass variant_class) noexcept;

//! A somatic SNV/MNV/indel after allele splitting, with its protein consequence on the knowledge base's
//! reference transcript (protein numbering already normalised; see numbering_note).
struct SmallVariant {
    std::string gene;
    std::string chrom;  //!< without "chr"
    std::int64_t pos = 0;
    std::string ref;
    std::string alt;
    std::string protein_change;  //!< short one-letter form without "p.", e.g. V600E, G12C, E746_A750del
    std::string hgvsp;           //!< as annotated (may use another transcript)
    std::string hgvsc;
    std::string transcript;  //!< transcript the protein_change is numbered on
    VariantClass variant_class = VariantClass::unknown;
    std::optional<int> protein_start;  //!< first affected residue, reference numbering
    std::optional<int> protein_end;
    std::optional<double> vaf;
    std::optional<int> depth;
    std::optional<int> alt_reads;
    std::string
        annotation_source;       //!< "VEP CSQ", "SnpEff ANN", "bcftools BCSQ", "MAF", "hotspot coordinates"
    std::string numbering_note;  //!< e.g. "renumbered from NM_001374258 p.V640E"
    std::string filter;          //!< FILTER value as written
    Where where;
};

enum class CopyNumberClass { amplification, gain, neutral, loss, homozygous_deletion };
const char* to_string(CopyNumberClass cn_class) noexcept;

//! A gene-level copy-number call derived from segments or gene tables.
struct CopyNumberCall {
    std::string gene;
    CopyNumberClass cn_class = CopyNumberClass::neutral;
    std::optional<double> copy_number;  //!< absolute total copy number (purity/ploidy-adjusted when known)
    std::optional<double> log2;
    std::string chrom;
    std::int64_t start = 0;  //!< segment used for the call
    std::int64_t end = 0;
    std::optional<bool> focal;  //!< segment shorter than the focal limit
    std::string rule;           //!< the rule that fired, e.g. "total CN 9 >= 6"
    //! What the input leaves open about the class ("" = nothing), naming the word and the vocabulary, e.g.
    //! a gene table's bare "Deletion" read as a deep deletion. The matcher makes it a finding caveat and
    //! adds it to a not-detected reason, so that no reading is silent.
    std::string ambiguity;
    std::string source_format;  //!< "cnvkit", "gatk-seg", "seg", "segments", "purple", "oncotator",
                                //!< "gene-table", "vcf"
    Where where;
};

struct Breakpoint {
    std::string chrom;
    std::int64_t pos = 0;
    char strand = '.';  //!< '+', '-', or '.' when unknown
};

//! A gene fusion or rearrangement. gene5/gene3 are the 5' and 3' partners; either may be empty when the
//! partner is unknown or intergenic.
struct Fusion {
    std::string gene5;
    std::string gene3;
    std::optional<Breakpoint> breakpoint5;
    std::optional<Breakpoint> breakpoint3;
    std::optional<int> split_reads;
    std::optional<int> spanning_reads;
    std::string frame;             //!< "in-frame", "out-of-frame", ... as the caller says; empty = unknown
    std::string caller;            //!< "arriba", "star-fusion", "table", "manta", "delly", "gridss", ...
    std::string orientation_note;  //!< how 5'/3' was decided
    std::string support_note;      //!< why the read support is unknown (an unusable count); a finding caveat
    Where where;
};

//! One IHC marker result as reported by pathology.
struct IhcResult {
    std::string marker;      //!< HER2, MLH1, MSH2, MSH6, PMS2, PD-L1, ...
    std::string score;       //!< HER2: 0, 1+, 2+, 3+
    std::string status;      //!< MMR: lost / intact; free text otherwise
    std::string scoring;     //!< gastric, breast, ...
    std::string ish_status;  //!< amplified / not_amplified / equivocal / empty
    std::optional<double> ish_ratio;
    std::optional<double> tps;
    std::optional<double> cps;
    std::string clone;
    Where where;
};

//! A presence-scored IHC status (MMR proteins, SDHB): "lost" (lost, loss, absent, negative, deficient),
//! "retained" (retained, intact, present, positive, proficient) or "" (equivocal, not evaluable, other).
std::string ihc_presence(const std::string& status);

//! Microsatellite-instability result (score from a caller, or a status given by the user).
struct MsiResult {
    std::string caller;  //!< msisensor, msisensor-pro, mantis, purple, given
    std::optional<double> score;
    std::optional<double> threshold;          //!< MSI-H at score >= threshold
    std::optional<double> indeterminate_low;  //!< scores in [indeterminate_low, threshold) are indeterminate
    std::optional<std::int64_t> sites;
    std::string status;  //!< "MSI-H", "MSS", "indeterminate"
    std::string threshold_source;
    Where where;
};

//! Tumour mutational burden, computed or given.
struct TmbResult {
    double value = 0.0;  //!< mutations per megabase
    std::string source;  //!< "computed" or "given"
    std::optional<std::int64_t> counted_variants;
    std::optional<double> panel_mb;
    std::string counting_rule;
    double threshold = 10.0;
};

//! One passing small-variant allele as seen while streaming the VCF/MAF (every allele, not only
//! those in knowledge-base genes); used for TMB counting without keeping all records in memory.
struct VariantObservation {
    std::string_view chrom;  //!< without "chr"
    std::int64_t pos = 0;
    std::string_view ref;
    std::string_view alt;
    VariantClass variant_class = VariantClass::unknown;  //!< unknown when the record is not annotated
    std::optional<double> vaf;
    std::optional<int> depth;
};

//! How far an input record that was not interpreted limits the biomarker panel of its gene.
enum class GeneImpact {
    none,        //!< the record says nothing about the gene's biomarkers (e.g. another gene, non-coding)
    exon_level,  //!< exon/range/class biomarkers of the gene cannot be excluded (codons were checked)
    all          //!< every small-variant biomarker of the gene is unknown (the record could be any of them)
};

//! An input record that precis read but did not turn into a finding, with the reason. Records in
//! knowledge-base genes are listed one by one; the rest are counted per reason (InputLedger::counted).
struct NotInterpreted {
    std::string role;  //!< input role: vcf, maf, cnv, fusions, sv_vcf, ihc, msi
    Where where;
    std::string gene;  //!< knowledge-base gene the record touches, or empty
    std::string reason;
    GeneImpact impact = GeneImpact::none;
};

//! Every record of one input file ends in exactly one place: a finding, an other finding, the evidence of
//! a biomarker status (e.g. a neutral copy-number call, an MSS result), or a not-interpreted entry (listed
//! or counted). The ledger holds what the readers know; interpret::account_inputs adds the rest.
struct InputLedger {
    std::string role;
    std::string file;  //!< as recorded in Where::file
    std::string unit;  //!< "allele", "row", "segment", "record", "result"
    std::int64_t records = 0;
    std::vector<NotInterpreted> listed;
    std::map<std::string, std::int64_t> counted;               //!< reason -> records not listed one by one
    std::map<std::string, std::vector<std::string>> examples;  //!< reason -> up to 3 example records

    void count(const std::string& reason, const std::string& example, std::int64_t n = 1);
    void list(NotInterpreted entry);
};

//! What each input can tell us: drives "not assessed" vs "not detected".
struct Assessability {
    bool small_variants = false;
    bool small_variants_annotated = false;  //!< some records carried CSQ/ANN/BCSQ (or a MAF was given)
    bool copy_number = false;
    bool fusions = false;
    bool fusions_dna_only = false;  //!< fusions only from an SV VCF
    bool ihc_her2 = false;
    bool ihc_mmr = false;
    bool msi = false;
    bool tmb = false;
    std::vector<std::string> genes_not_covered;  //!< genes outside a --panel-bed
    bool panel_bed = false;                      //!< a targeted panel (--panel-bed) was declared
};

//! Everything read from the inputs for one tumour sample.
struct Profile {
    std::vector<SmallVariant> variants;
    std::vector<CopyNumberCall> copy_numbers;
    std::vector<Fusion> fusions;
    std::vector<IhcResult> ihc;
    std::optional<MsiResult> msi;
    std::optional<TmbResult> tmb;
    Assessability assessed;
    std::vector<std::string> warnings;
    std::vector<InputLedger> ledgers;  //!< one per input file, in reading order

    //! The ledger of `role` (created on first use with `file` and `unit`).
    InputLedger& ledger(const std::string& role, const std::string& file, const std::string& unit);
};

}  // namespace precis
