// SPDX-License-Identifier: Apache-2.0
#include "interpret/oncogenicity.hpp"

#include <algorithm>
#include <utility>

#include "common/strings.hpp"

namespace precis::oncogenicity {
namespace {

using Criterion = OncogenicityCriterion;

bool is_inframe_indel(VariantClass variant_class) noexcept {
    return variant_class == VariantClass::inframe_deletion ||
           variant_class == VariantClass::inframe_insertion || variant_class == VariantClass::inframe_delins;
}

std::string hotspot_counts(const VariantFacts& f) {
    return str::concat({std::to_string(f.hotspot->residue_samples), " tumours at the residue, ",
                        std::to_string(f.hotspot->change_samples), " with ", f.change});
}

class Scorer {
  public:
    explicit Scorer(const VariantFacts& facts) : facts_(facts) {}

    void add(Criterion code, std::string reason, std::string source) {
        call_.criteria.push_back({code, std::move(reason), std::move(source)});
    }
    bool has(Criterion code) const {
        return std::any_of(call_.criteria.begin(), call_.criteria.end(),
                           [code](const CriterionMet& met) { return met.code == code; });
    }
    void not_evaluated(std::string what) { call_.not_evaluated.push_back(std::move(what)); }

    OncogenicityCall finish() {
        for (const CriterionMet& met : call_.criteria) {
            call_.points += points_of(met.code);
        }
        call_.value = class_from_points(call_.points);
        return std::move(call_);
    }

    const VariantFacts& facts() const { return facts_; }

  private:
    const VariantFacts& facts_;
    OncogenicityCall call_;
};

void null_variant(Scorer& scorer) {
    const VariantFacts& f = scorer.facts();
    if (!is_null_variant(f.variant_class)) {
        return;
    }
    if (acts_as_tumour_suppressor(f.role)) {
        scorer.add(Criterion::ovs1,
                   str::concat({to_string(f.variant_class), " in ", f.gene, ", a tumour suppressor"}),
                   f.role_source);
    } else if (f.role == GeneRole::unknown) {
        scorer.not_evaluated(
            str::concat({f.gene, " has no role in the cancer gene list: OVS1 not applicable"}));
    }
}

void protein_length(Scorer& scorer) {
    const VariantFacts& f = scorer.facts();
    if (scorer.has(Criterion::ovs1)) {
        return;
    }
    const bool inframe = is_inframe_indel(f.variant_class) && f.role != GeneRole::unknown;
    const bool stop_lost = f.variant_class == VariantClass::stop_lost && acts_as_tumour_suppressor(f.role);
    if (inframe || stop_lost) {
        scorer.add(Criterion::om2,
                   str::concat({to_string(f.variant_class), " changes the length of the ", f.gene,
                                " protein (", to_string(f.role), ")"}),
                   f.role_source);
    }
}

// OS1, then the hotspot and residue criteria, with the exclusions of the standard's implementations
// (PCGR, OncoVI): the same evidence is never counted twice.
void established(Scorer& scorer) {
    const VariantFacts& f = scorer.facts();
    if (!f.established_change_source.empty()) {
        scorer.add(Criterion::os1,
                   str::concat({f.gene, " ", f.change, " is an established oncogenic change"}),
                   f.established_change_source);
    }
}

void strong_hotspot(Scorer& scorer) {
    const VariantFacts& f = scorer.facts();
    if (scorer.has(Criterion::os1) || !f.hotspot) {
        return;
    }
    const HotspotCounts& h = *f.hotspot;
    if (h.residue_samples >= kHotspotResidueSamples && h.change_samples >= kHotspotChangeSamples) {
        scorer.add(Criterion::os3, "hotspot: " + hotspot_counts(f), h.source);
    }
}

void domain_and_residue(Scorer& scorer) {
    const VariantFacts& f = scorer.facts();
    if (scorer.has(Criterion::os1) || scorer.has(Criterion::os3)) {
        return;
    }
    const bool protein_change =
        f.variant_class == VariantClass::missense || is_inframe_indel(f.variant_class);
    if (!f.domain.empty() && protein_change) {
        scorer.add(Criterion::om1, str::concat({"in the ", f.domain, " of ", f.gene}), f.domain_source);
    } else if (!f.established_residue_source.empty() && f.variant_class == VariantClass::missense) {
        scorer.add(
            Criterion::om3,
            str::concat({"another missense change at this ", f.gene, " residue is established oncogenic"}),
            f.established_residue_source);
    }
}

void weak_hotspot(Scorer& scorer) {
    const VariantFacts& f = scorer.facts();
    if (!f.hotspot || scorer.has(Criterion::os1) || scorer.has(Criterion::os3) ||
        scorer.has(Criterion::om1) || scorer.has(Criterion::om3)) {
        return;
    }
    const HotspotCounts& h = *f.hotspot;
    if (h.change_samples >= kHotspotChangeSamples) {
        scorer.add(Criterion::om4, "hotspot: " + hotspot_counts(f), h.source);
    } else {
        scorer.add(Criterion::op3, "hotspot residue, change seen rarely: " + hotspot_counts(f), h.source);
    }
}

void population(Scorer& scorer) {
    const VariantFacts& f = scorer.facts();
    if (!f.population_annotated) {
        scorer.not_evaluated("population frequency: the annotation carries no gnomAD allele frequency");
        return;
    }
    const double af = f.population_af.value_or(0.0);
    const std::string shown = str::format_significant(af, 3);
    if (af > kBenignStandAloneAf) {
        scorer.add(Criterion::sbvs1, "population allele frequency " + shown + " > 5%", f.population_source);
    } else if (af > kBenignStrongAf) {
        scorer.add(Criterion::sbs1, "population allele frequency " + shown + " > 1%", f.population_source);
    } else if (af <= kAbsentAf) {
        scorer.add(Criterion::op4,
                   f.population_af ? "population allele frequency " + shown + " (extremely rare)"
                                   : std::string("absent from the population database"),
                   f.population_source);
    }
}

void synonymous(Scorer& scorer) {
    const VariantFacts& f = scorer.facts();
    if (f.variant_class == VariantClass::synonymous) {
        scorer.add(Criterion::sbp2, "synonymous change outside the canonical splice sites",
                   "variant consequence");
    }
}

}  // namespace

bool is_null_variant(VariantClass variant_class) noexcept {
    return variant_class == VariantClass::nonsense || variant_class == VariantClass::frameshift ||
           variant_class == VariantClass::splice || variant_class == VariantClass::start_lost;
}

OncogenicityCall classify(const VariantFacts& facts) {
    Scorer scorer(facts);
    null_variant(scorer);
    protein_length(scorer);
    established(scorer);
    strong_hotspot(scorer);
    domain_and_residue(scorer);
    weak_hotspot(scorer);
    population(scorer);
    synonymous(scorer);
    return scorer.finish();
}

}  // namespace precis::oncogenicity
