// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "kb/kb_types.hpp"

namespace precis::kb {

//! The immutable, validated knowledge base. Load with KnowledgeBase::load(); an invalid KB throws
//! Error(knowledge_base) listing every problem found (schema and cross-reference checks).
class KnowledgeBase {
  public:
    //! Loads `kb_dir` (manifest.json and the files it names), validating each file against
    //! `schemas_dir`/kb/*.schema.json, then checking cross-references (unknown biomarker, gene or
    //! tumour-type ids, duplicate ids, missing sources).
    static KnowledgeBase load(const std::string& kb_dir, const std::string& schemas_dir);
    //! Like load() but returns all problems instead of throwing (for `precis kb validate`).
    static std::vector<std::string> validate(const std::string& kb_dir, const std::string& schemas_dir);

    const std::string& version() const noexcept { return version_; }
    const std::string& content_hash() const noexcept { return content_hash_; }
    const std::string& date() const noexcept { return date_; }

    const std::vector<GeneInfo>& genes() const noexcept { return genes_; }
    const GeneInfo* gene(const std::string& symbol_or_alias) const;
    const std::vector<HotspotCodon>& hotspots() const noexcept { return hotspots_; }
    const std::vector<Biomarker>& biomarkers() const noexcept { return biomarkers_; }
    const Biomarker* biomarker(const std::string& id) const;
    const std::vector<EvidenceItem>& evidence() const noexcept { return evidence_; }
    const std::vector<ReasoningRule>& rules() const noexcept { return rules_; }
    const std::vector<ContextEntry>& context() const noexcept { return context_; }
    const std::vector<DrugClass>& drug_classes() const noexcept { return drug_classes_; }
    //! The drug class with this id, or nullptr.
    const DrugClass* drug_class(const std::string& id) const;
    //! The cancer gene with this symbol (knowledgebase/cancer_genes.json), or nullptr.
    const CancerGene* cancer_gene(const std::string& symbol) const;
    std::size_t cancer_gene_count() const noexcept { return cancer_genes_.size(); }

    // ---- tumour types (OncoTree) ----
    const TumorType* tumor_type(const std::string& code) const;
    //! code, parent, grandparent, ... up to the root (e.g. IHCH, CHOL, BILIARY_TRACT, SOLID).
    std::vector<std::string> lineage(const std::string& code) const;
    //! True when `code` equals `ancestor` or descends from it.
    bool is_within(const std::string& code, const std::string& ancestor) const;
    //! A retired or development-tree OncoTree code, mapped to codes of the bundled release; else nullptr.
    const ReplacedTumorType* replaced_tumor_type(const std::string& code) const;
    //! The tumour types the knowledge base is curated for (manifest.json "focus").
    const Focus& focus() const noexcept { return focus_; }
    //! True when `code` is within a focus tumour type or is one of its tumour-agnostic codes.
    bool in_focus(const std::string& code) const;
    //! Up to `count` valid codes nearest to an unknown one (edit distance on code and name).
    std::vector<std::string> nearest_tumor_types(const std::string& code, std::size_t count) const;

  private:
    std::string version_;
    std::string date_;
    std::string content_hash_;
    std::vector<GeneInfo> genes_;
    std::map<std::string, std::size_t> gene_index_;  //!< upper-case symbol/alias -> genes_ index
    std::vector<HotspotCodon> hotspots_;
    std::vector<Biomarker> biomarkers_;
    std::vector<EvidenceItem> evidence_;
    std::vector<ReasoningRule> rules_;
    std::vector<ContextEntry> context_;
    std::vector<DrugClass> drug_classes_;
    std::unordered_map<std::string, CancerGene> cancer_genes_;
    std::map<std::string, TumorType> tumor_types_;
    std::map<std::string, ReplacedTumorType> replaced_tumor_types_;
    Focus focus_;
};

}  // namespace precis::kb
