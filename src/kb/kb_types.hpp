// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/genome.hpp"
#include "model/oncogenicity.hpp"
#include "model/profile.hpp"
#include "model/report.hpp"

namespace precis::kb {

//! A closed 1-based genomic interval on one build.
struct Interval {
    std::string chrom;  //!< without "chr"
    std::int64_t start = 0;
    std::int64_t end = 0;
    bool contains(const std::string& c, std::int64_t pos) const {
        return c == chrom && pos >= start && pos <= end;
    }
    bool overlaps(const std::string& c, std::int64_t s, std::int64_t e) const {
        return c == chrom && s <= end && e >= start;
    }
};

//! Transcripts whose protein numbering differs from the reference transcript (e.g. BRAF MANE
//! NM_001374258: V640E is V600E on NM_004333). residue_ref = residue_alt + offset for residue_alt >= from.
struct AlternateNumbering {
    std::vector<std::string> ids;  //!< versionless NM_/ENST/ENSP/NP_ accessions
    int from_residue = 1;
    int offset = 0;
    std::string note;
};

struct GeneInfo {
    std::string symbol;
    std::vector<std::string> aliases;
    std::string hgnc_id;
    char strand = '+';
    std::string role;                           //!< oncogene, tsg, other
    std::map<Genome, std::string> transcripts;  //!< reference RefSeq transcript per build
    std::map<Genome, std::string> ensembl;
    std::map<Genome, Interval> span;
    std::vector<AlternateNumbering> alternate_numbering;
    //! Fusion role in which the kinase/functional domain is kept ("5prime" or "3prime"), empty if none.
    std::string fusion_retained_role;
    std::string fusion_rule;
    std::map<Genome, Interval> kinase_retained_region;
    std::vector<SourceRef> sources;
};

//! Genomic location of one hotspot codon on one build.
struct CodonLocation {
    std::string chrom;
    std::int64_t start = 0;  //!< lowest genomic coordinate of the codon
    std::int64_t end = 0;
    char strand = '+';
    std::string ref_codon;  //!< transcript-sense reference codon
};

struct HotspotCodon {
    std::string gene;
    int codon = 0;
    char ref_aa = 'X';
    std::string transcript;
    std::map<Genome, CodonLocation> location;
    std::vector<SourceRef> sources;
};

//! How a biomarker is recognised among the profile's alterations. Only the fields relevant to the
//! biomarker's category are set.
struct BiomarkerMatch {
    std::vector<std::string> protein_changes;        //!< exact, e.g. V600E
    std::vector<int> codons;                         //!< any change at these residues
    std::optional<std::pair<int, int>> codon_range;  //!< any change overlapping [first, last]
    std::vector<VariantClass> variant_classes;  //!< restricts codons/codon_range; empty = protein-altering
    std::vector<std::string> copy_number;       //!< amplification, homozygous_deletion, ...
    std::string fusion_role;                    //!< 5prime / 3prime / any
    std::string signature;                      //!< MSI-H, TMB-H, dMMR
    std::string ihc_marker;                     //!< HER2
    std::vector<std::string> ihc_scores;        //!< 3+, 2+
    std::string ish_status;                     //!< amplified
    std::vector<std::string> ihc_status;        //!< lost, retained (non-HER2 markers, e.g. SDHB)
};

struct Biomarker {
    std::string id;
    std::string label;
    std::string gene;  //!< empty for signatures
    Category category = Category::small_variant;
    //! Further categories that can also establish this biomarker (PTEN_LOSS: small_variant + copy_number).
    std::vector<Category> also_from;
    BiomarkerMatch match;
    BiomarkerMatch copy_number_match;  //!< used when also_from includes copy_number
    BiomarkerMatch ihc_match;          //!< used when also_from includes protein_expression (SDHB loss)
    //! The same genomic event shown by another assay: a finding with this biomarker also receives the
    //! evidence of these biomarkers at their curated levels (HER2_IHC_2PLUS_ISH_POS: ERBB2_AMP).
    std::vector<std::string> evidence_from;
    std::string evidence_from_caveat;  //!< added to the finding when evidence_from is set
    bool panel = true;                 //!< listed in the report's biomarker panel
    std::string description;
};

struct Regulatory {
    std::string agency;
    std::string status;
    std::string date;
    std::vector<std::string> tumor_types;
    std::string indication;
};

struct Caveat {
    std::vector<std::string> tumor_types;
    //! Only when the item is applied to a finding with one of these biomarkers (empty: always).
    std::vector<std::string> biomarkers;
    std::string text;
};

//! The lines of therapy an evidence item's label covers (for an item without a current approval: the
//! lines its supporting data cover); `lines` in evidence/*.json: "any", {"min": N} or [N, ...].
struct LineCoverage {
    int min = 1;             //!< line `min` and every later line ("any" is min 1)
    std::vector<int> lines;  //!< when given as a list: exactly these lines (`min` unused)
    bool any() const { return lines.empty() && min <= 1; }
    bool covers(int line) const {
        if (lines.empty()) {
            return line >= min;
        }
        return std::find(lines.begin(), lines.end(), line) != lines.end();
    }
};

struct EvidenceItem {
    std::string id;
    std::string biomarker;
    std::vector<std::string> tumor_types;
    std::vector<std::string> excluded_tumor_types;
    std::vector<std::string> drugs;
    Direction direction = Direction::sensitivity;
    Level oncokb_level = Level::level_4;
    LevelProvenance level_source;  //!< where oncokb_level comes from
    std::string escat;
    std::string line_of_therapy;        //!< free text shown in reports: "any", "1L", "2L", "2L+", ...
    std::optional<LineCoverage> lines;  //!< machine-readable; nullopt = not stated (never checked)
    std::vector<Regulatory> regulatory;
    std::string summary;
    std::vector<std::string> trials;
    std::vector<Caveat> caveats;
    std::vector<SourceRef> sources;
    std::string file;  //!< KB file it came from
};

//! A named cross-finding reasoning rule (knowledgebase/rules.json).
struct ReasoningRule {
    std::string id;
    std::string name;
    std::vector<std::string> therapy_biomarkers;
    std::vector<std::string> therapy_drugs;
    std::vector<std::string> co_biomarkers;
    //! A co-biomarker on the therapy's own finding also triggers the rule (default: only other findings).
    bool self_trigger = false;
    RuleEffect effect = RuleEffect::caution;
    std::string text;
    std::vector<SourceRef> sources;
};

//! A named class of drugs (knowledgebase/drug_classes.json), e.g. the immune checkpoint inhibitors.
struct DrugClass {
    std::string id;                  //!< e.g. checkpoint_inhibitors
    std::string name;                //!< shown in reports
    std::vector<std::string> drugs;  //!< lower-case INN
    std::vector<SourceRef> sources;
};

//! A cancer gene and its role (knowledgebase/cancer_genes.json), for the oncogenicity classification.
struct CancerGene {
    std::string symbol;
    GeneRole role = GeneRole::unknown;
    std::string release;   //!< the releases[].id it comes from: intogen, cancermine, curator
    std::string evidence;  //!< why this role, e.g. "IntOGen ROLE LoF"
    std::string source;    //!< the release's name, version and licence, for reports
};

struct TumorType {
    std::string code;
    std::string name;
    std::string parent;
    std::string tissue;
    std::string main_type;
};

//! An OncoTree code that is not in the bundled release: retired in an earlier release, or only in
//! OncoTree's development tree. `replaced_by` lists codes of the release (empty: no replacement).
struct ReplacedTumorType {
    std::string code;
    std::string name;
    std::vector<std::string> replaced_by;
    std::string note;
};

//! The tumour types the knowledge base is curated for (manifest.json "focus"; none when absent).
struct Focus {
    std::string description;                  //!< e.g. "biliary tract cancers, GIST"
    std::vector<std::string> tumor_types;     //!< in focus with their descendants
    std::vector<std::string> tumor_agnostic;  //!< in focus as exactly this code (e.g. SOLID)
};

struct ContextEntry {
    std::string id;
    std::string kind;  //!< standard_of_care, testing, caveat
    std::vector<std::string> tumor_types;
    std::vector<std::string> biomarkers;
    std::string line;
    std::string title;
    std::string text;
    std::vector<SourceRef> sources;
};

}  // namespace precis::kb
