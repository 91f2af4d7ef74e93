// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/kb_types.hpp"
#include "model/profile.hpp"

namespace precis::interpret {

//! A protein change parsed from HGVS p. notation (3- or 1-letter), BCSQ ("600V>600E") or MAF short form.
struct ProteinChange {
    std::string short_form;  //!< V600E, G12C, E746_A750del, G12fs, W557_K558del, R132C
    std::optional<int> start;
    std::optional<int> end;
    VariantClass inferred_class = VariantClass::unknown;
};

//! Parses "ENSP...:p.Val600Glu", "p.V600E", "V600E", "p.(Gly12Cys)", "p.Leu12%3D", "600V>600E" ...
//! Returns nullopt for empty, "p.?", "p.=", or anything unparseable.
std::optional<ProteinChange> parse_protein_change(std::string_view text);

//! Rewrites residue numbers in a short form by `offset` for residues >= from (e.g. V640E -> V600E).
ProteinChange renumber(const ProteinChange& change, int from_residue, int offset);

//! Maps SO consequence terms (VEP/SnpEff, '&'-joined) or MAF Variant_Classification to a class.
VariantClass classify_consequence(std::string_view consequence);

//! Standard genetic code; '*' for stop, 'X' for anything not ACGT.
char translate_codon(std::string_view codon);
std::string reverse_complement(std::string_view bases);

//! Translates a substitution (SNV or MNV; ref/alt equal length, already trimmed of shared flanks) that
//! falls inside a hotspot codon. Returns nullopt when the change is not entirely inside the codon.
//! `ref_mismatch` is set when the VCF REF disagrees with the knowledge base's reference codon (a sign of
//! the wrong genome build).
struct CodonTranslation {
    char ref_aa = 'X';
    char alt_aa = 'X';
    bool ref_mismatch = false;
};
std::optional<CodonTranslation> translate_in_codon(const kb::CodonLocation& codon, std::int64_t pos,
                                                   std::string_view ref, std::string_view alt);

//! Trims the shared leading and trailing bases of an equal-length or indel allele pair, adjusting pos.
void trim_alleles(std::int64_t& pos, std::string& ref, std::string& alt);

}  // namespace precis::interpret
