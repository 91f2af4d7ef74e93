// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "interpret/copy_number_caller.hpp"
#include "io/sv_vcf_reader.hpp"
#include "model/genome.hpp"
#include "model/profile.hpp"

namespace precis::interpret {

//! How one knowledge-base gene takes part in a fusion.
//! role: "5prime" / "3prime" (as established or, for plain tables, as assumed), "intragenic".
//! kinase_retained: true/false when decided from the roles and breakpoints, nullopt when unknown.
struct FusionAssessment {
    std::string gene;
    std::string role;
    std::optional<bool> kinase_retained;
    std::string
        label;  //!< "FGFR2 fusion or rearrangement (partner BICC1)", "NTRK1 fusion (partner TPM3)", ...
    std::string reason;  //!< why: roles, orientation source, breakpoint vs retained region
};

//! Interprets a fusion against the KB genes' fusion annotations (GeneInfo::fusion_retained_role, the role
//! in which the gene keeps its kinase/functional domain, and kinase_retained_region, the genomic interval
//! in which a breakpoint of the gene keeps that domain).
//! * The gene in its retained role: kinase_retained = true when its breakpoint lies in the region,
//!   false when it lies in the gene but outside it, nullopt when either is unknown. Labels: a 5'-retained
//!   gene (FGFR2) is "<G> fusion or rearrangement", a 3'-retained gene "<G> fusion", each with the
//!   partner or "partner not identified".
//! * The gene in the other role with an established orientation (Arriba, STAR-Fusion, LINX, SV VCF):
//!   kinase_retained = false, label "... without the kinase domain": reported, not matched.
//! * Plain tables ("A--B" as written) do not establish orientation: the gene is taken in its retained role
//!   (as for a named fusion) with kinase_retained = nullopt, and the reason says so.
//! * Both partners the same gene: role "intragenic", kinase_retained = nullopt.
//! Genes without a KB fusion role get role as written and kinase_retained = nullopt.
//! `genes` is taken by reference: build one GeneSet per run (copying the KB genes per fusion made a
//! million-row fusion table run out of memory).
std::vector<FusionAssessment> assess_fusion(const Fusion& fusion, const GeneSet& genes, Genome genome);

//! Turns SV junctions into fusions of KB genes. A breakend inside a KB gene keeps the gene's 5' end when
//! the retained side is upstream in transcription (+ strand: left of POS; - strand: right of POS), else its
//! 3' end (standards.md §2.1). Junctions touching no KB gene, or with both breakends in one gene
//! (intragenic), are dropped and counted. Partners outside the KB genes are left empty (unknown).
std::vector<Fusion> fusions_from_junctions(const io::SvVcfData& data, const GeneSet& genes, Genome genome,
                                           int min_reads, std::vector<std::string>& warnings);

//! Keeps one fusion per (gene5, gene3) pair: the one with the most reads (then the first seen); the
//! number of merged rows is noted in orientation_note.
void deduplicate_fusions(std::vector<Fusion>& fusions);

}  // namespace precis::interpret
