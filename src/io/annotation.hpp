// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace precis::io {

//! Which tool wrote a per-transcript consequence annotation inside a VCF INFO field.
enum class AnnotationKind { vep_csq, snpeff_ann, bcftools_bcsq };
const char* to_string(AnnotationKind kind) noexcept;

//! Column layout of an annotation field, always taken from the header's Description (VEP "Format: ...",
//! SnpEff "Functional annotations: '...'", BCSQ "Format: ..."), never assumed from the INFO key:
//! bcftools' split-vep.7.vcf shows VEP output written under the key "ANN".
struct AnnotationLayout {
    AnnotationKind kind = AnnotationKind::vep_csq;
    std::string key;  //!< INFO key
    std::vector<std::string> fields;
    int allele = -1, consequence = -1, symbol = -1, feature = -1, hgvsp = -1, hgvsc = -1, allele_num = -1;
    int canonical = -1, mane_select = -1, pick = -1, amino_acids = -1, protein_position = -1, strand = -1;

    //! Builds a layout from the INFO header Description; nullopt when it names no recognisable format.
    static std::optional<AnnotationLayout> from_header(std::string_view key, std::string_view description);
};

//! One transcript-level annotation of one allele.
struct TranscriptAnnotation {
    std::string allele;  //!< as written by the annotator (VEP-trimmed, SnpEff ALT, ...)
    int allele_num = 0;  //!< VEP ALLELE_NUM (1-based ALT index) when present
    std::string gene;
    std::string transcript;
    std::string consequence;
    std::string hgvsp;
    std::string hgvsc;
    bool canonical = false;
    bool mane_select = false;
    bool pick = false;
};

//! Splits one INFO value into its transcript annotations (comma-separated entries, '|' fields).
std::vector<TranscriptAnnotation> parse_annotations(const AnnotationLayout& layout, std::string_view value);

//! True when `annotation` describes ALT allele number `allele_index` (1-based) of a record with `ref` and
//! `alt`. VEP trims the shared first base of indels ("-" for empty); SnpEff writes the ALT (cancer mode
//! "ALT-REF"); BCSQ has no allele column and matches via its DNA change.
bool annotation_matches_allele(const AnnotationLayout& layout, const TranscriptAnnotation& annotation,
                               std::string_view ref, std::string_view alt, int allele_index, int n_alt);

}  // namespace precis::io
