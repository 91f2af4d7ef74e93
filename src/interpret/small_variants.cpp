// SPDX-License-Identifier: Apache-2.0
#include "interpret/small_variants.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "common/strings.hpp"
#include "interpret/protein.hpp"

namespace precis::interpret {

namespace {

bool same_accession(std::string_view a, std::string_view b) {
    return !a.empty() && !b.empty() && str::iequals(str::strip_version(a), str::strip_version(b));
}

//! The transcript accession of an HGVS string prefix ("ENSP0000:p.X" -> "ENSP0000"), or "".
std::string hgvs_prefix(const std::string& hgvs) {
    const auto colon = hgvs.find(':');
    return colon == std::string::npos ? std::string() : hgvs.substr(0, colon);
}

}  // namespace

SmallVariantAnnotator::SmallVariantAnnotator(const kb::KnowledgeBase& kb, Genome genome)
    : kb_(kb), genome_(genome) {
    for (const io::VcfReader::Region& region : regions()) {
        region_index_[region.chrom].emplace_back(region.start, region.end);
    }
}

std::vector<std::string> SmallVariantAnnotator::take_warnings() {
    if (ref_mismatches_ > 0) {
        warnings_.push_back(
            std::to_string(ref_mismatches_) +
            " variant(s) at hotspot codons have a REF base that disagrees with the knowledge base's " +
            std::string(to_string(genome_)) +
            " reference codon: the genome build may be wrong (check --genome); those variants were "
            "not interpreted from coordinates");
        ref_mismatches_ = 0;
    }
    return std::exchange(warnings_, {});
}

bool SmallVariantAnnotator::in_kb_region(const std::string& chrom, std::int64_t pos, std::int64_t end) const {
    if (last_intervals_ == nullptr || chrom != last_chrom_) {
        const auto it = region_index_.find(chrom);
        static const std::vector<std::pair<std::int64_t, std::int64_t>> kNone;
        last_intervals_ = it == region_index_.end() ? &kNone : &it->second;
        last_chrom_ = chrom;
    }
    const auto& intervals = *last_intervals_;
    // First interval whose end is >= pos; it overlaps when its start is <= end.
    const auto it =
        std::lower_bound(intervals.begin(), intervals.end(), pos,
                         [](const auto& interval, std::int64_t p) { return interval.second < p; });
    return it != intervals.end() && it->first <= end;
}

std::vector<io::VcfReader::Region> SmallVariantAnnotator::regions() const {
    std::vector<io::VcfReader::Region> out;
    for (const kb::HotspotCodon& codon : kb_.hotspots()) {
        const auto it = codon.location.find(genome_);
        if (it != codon.location.end()) {
            out.push_back({it->second.chrom, it->second.start, it->second.end});
        }
    }
    for (const kb::GeneInfo& gene : kb_.genes()) {
        const auto it = gene.span.find(genome_);
        if (it != gene.span.end()) {
            out.push_back({it->second.chrom, it->second.start, it->second.end});
        }
    }
    // Sort and merge so that every record is read once.
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return std::tie(a.chrom, a.start, a.end) < std::tie(b.chrom, b.start, b.end);
    });
    std::vector<io::VcfReader::Region> merged;
    for (const auto& region : out) {
        if (!merged.empty() && merged.back().chrom == region.chrom && region.start <= merged.back().end + 1) {
            merged.back().end = std::max(merged.back().end, region.end);
        } else {
            merged.push_back(region);
        }
    }
    return merged;
}

std::vector<std::string> SmallVariantAnnotator::genes_without_span() const {
    std::set<std::string> genes;
    for (const kb::Biomarker& biomarker : kb_.biomarkers()) {
        if (biomarker.category != Category::small_variant || biomarker.gene.empty()) {
            continue;
        }
        const kb::GeneInfo* gene = kb_.gene(biomarker.gene);
        if (gene == nullptr || gene->span.count(genome_) == 0) {
            genes.insert(biomarker.gene);
        }
    }
    return {genes.begin(), genes.end()};
}

std::optional<SmallVariant> SmallVariantAnnotator::from_hotspot(const std::string& chrom, std::int64_t pos,
                                                                std::string ref, std::string alt,
                                                                const Where& where) {
    last_ref_mismatch_ = false;
    trim_alleles(pos, ref, alt);
    if (ref.size() != alt.size() || ref.empty() || ref.size() > 3) {
        return std::nullopt;
    }
    for (const kb::HotspotCodon& codon : kb_.hotspots()) {
        const auto it = codon.location.find(genome_);
        if (it == codon.location.end() || it->second.chrom != chrom) {
            continue;
        }
        const auto translation = translate_in_codon(it->second, pos, ref, alt);
        if (!translation) {
            continue;
        }
        if (translation->ref_mismatch) {
            ++ref_mismatches_;
            last_ref_mismatch_ = true;
            return std::nullopt;
        }
        SmallVariant variant;
        variant.gene = codon.gene;
        variant.transcript = codon.transcript;
        variant.protein_change = std::string(1, translation->ref_aa) + std::to_string(codon.codon) +
                                 std::string(1, translation->alt_aa);
        variant.protein_start = codon.codon;
        variant.protein_end = codon.codon;
        variant.variant_class = translation->alt_aa == translation->ref_aa ? VariantClass::synonymous
                                : translation->alt_aa == '*'               ? VariantClass::nonsense
                                                                           : VariantClass::missense;
        variant.annotation_source = "hotspot coordinates (knowledge base)";
        variant.where = where;
        return variant;
    }
    return std::nullopt;
}

const kb::GeneInfo* SmallVariantAnnotator::gene_at(const std::string& chrom, std::int64_t pos) const {
    for (const kb::GeneInfo& gene : kb_.genes()) {
        const auto it = gene.span.find(genome_);
        if (it != gene.span.end() && it->second.chrom == chrom && it->second.start <= pos &&
            pos <= it->second.end) {
            return &gene;
        }
    }
    return nullptr;
}

const kb::HotspotCodon* SmallVariantAnnotator::codon_overlapping(const std::string& chrom, std::int64_t pos,
                                                                 std::int64_t end) const {
    for (const kb::HotspotCodon& codon : kb_.hotspots()) {
        const auto it = codon.location.find(genome_);
        if (it != codon.location.end() && it->second.chrom == chrom && it->second.start <= end &&
            pos <= it->second.end) {
            return &codon;
        }
    }
    return nullptr;
}

std::string SmallVariantAnnotator::mismatch_reason(const std::string& chrom, std::int64_t pos,
                                                   std::int64_t end) const {
    const kb::HotspotCodon* codon = codon_overlapping(chrom, pos, end);
    const std::string name = codon == nullptr ? std::string("a hotspot codon")
                                              : codon->gene + " codon " + std::to_string(codon->codon);
    return "REF disagrees with the " + std::string(to_string(genome_)) + " reference bases of " + name +
           " (wrong genome build?): not interpreted, so the gene's biomarkers are not assessed";
}

void SmallVariantAnnotator::note_skipped(const std::string& chrom, std::int64_t pos, const std::string& ref,
                                         const std::string& alt, const Where& where, bool annotated,
                                         const std::string& annotated_genes, InputLedger& ledger) {
    const std::int64_t end = pos + static_cast<std::int64_t>(std::max<std::size_t>(ref.size(), 1)) - 1;
    const kb::HotspotCodon* codon = codon_overlapping(chrom, pos, end);
    const kb::GeneInfo* gene = gene_at(chrom, pos);
    if (last_ref_mismatch_ && codon != nullptr) {
        ledger.list({"", where, codon->gene, mismatch_reason(chrom, pos, end), GeneImpact::all});
        return;
    }
    if (codon != nullptr && !annotated) {
        ledger.list({"", where, codon->gene,
                     "overlaps " + codon->gene + " codon " + std::to_string(codon->codon) + " but " + ref +
                         ">" + alt +
                         " is not a substitution inside that codon (indel or change across codons): not "
                         "translated from coordinates; annotate the VCF (VEP, SnpEff or bcftools csq)",
                     GeneImpact::all});
        return;
    }
    if (gene != nullptr && !annotated) {
        ledger.list({"", where, gene->symbol,
                     "in " + gene->symbol +
                         " but not at a knowledge-base hotspot codon, and the VCF has no consequence "
                         "annotation: not interpreted (annotate the VCF to assess exon-level biomarkers)",
                     GeneImpact::exon_level});
        return;
    }
    if (gene != nullptr) {
        ledger.list({"", where, gene->symbol,
                     "inside the " + gene->symbol + " span, but the annotation names no " + gene->symbol +
                         " transcript (" + (annotated_genes.empty() ? "no gene" : annotated_genes) +
                         "): read as outside the gene",
                     GeneImpact::none});
        return;
    }
    if (annotated) {
        ledger.count("gene not in the knowledge base",
                     where.to_string() + (annotated_genes.empty() ? "" : " " + annotated_genes));
    } else {
        ledger.count("outside the knowledge base's genes", where.to_string());
    }
}

void SmallVariantAnnotator::note_maf_skipped(const io::MafRow& row, const kb::GeneInfo& gene,
                                             const Where& where, InputLedger& ledger) {
    const bool has_coordinates = !row.chrom.empty() && row.start > 0 && !row.ref.empty();
    const std::int64_t end =
        row.start + static_cast<std::int64_t>(row.ref == "-" ? 1 : std::max<std::size_t>(row.ref.size(), 1)) -
        1;
    const std::string what = row.protein.empty()
                                 ? "no protein change in the row" +
                                       (row.variant_classification.empty()
                                            ? std::string()
                                            : " (Variant_Classification " + row.variant_classification + ")")
                                 : "protein change '" + row.protein + "' could not be read";
    if (last_ref_mismatch_ && has_coordinates) {
        ledger.list({"", where, gene.symbol, mismatch_reason(row.chrom, row.start, end), GeneImpact::all});
        return;
    }
    if (!has_coordinates) {
        ledger.list(
            {"", where, gene.symbol, what + " and no genomic coordinates: not interpreted", GeneImpact::all});
        return;
    }
    if (const kb::HotspotCodon* codon = codon_overlapping(row.chrom, row.start, end)) {
        ledger.list({"", where, gene.symbol,
                     what + "; it overlaps " + codon->gene + " codon " + std::to_string(codon->codon) +
                         " but is not a substitution inside it: not interpreted",
                     GeneImpact::all});
        return;
    }
    ledger.list({"", where, gene.symbol,
                 what + "; not at a knowledge-base hotspot codon: not interpreted (codon-level biomarkers "
                        "elsewhere in the gene are excluded by position)",
                 GeneImpact::exon_level});
}

void SmallVariantAnnotator::apply_numbering(const kb::GeneInfo& gene, const std::string& transcript,
                                            SmallVariant& variant) const {
    const std::string_view bare = str::strip_version(transcript);
    for (const auto& [build, reference] : gene.transcripts) {
        if (same_accession(reference, transcript)) {
            return;
        }
    }
    for (const auto& [build, reference] : gene.ensembl) {
        if (same_accession(reference, transcript)) {
            return;
        }
    }
    for (const kb::AlternateNumbering& alternate : gene.alternate_numbering) {
        if (std::any_of(alternate.ids.begin(), alternate.ids.end(),
                        [&](const std::string& id) { return str::iequals(id, bare); })) {
            if (const auto parsed = parse_protein_change(variant.protein_change)) {
                if (parsed->start && *parsed->start >= alternate.from_residue) {
                    const ProteinChange renumbered =
                        renumber(*parsed, alternate.from_residue, alternate.offset);
                    variant.numbering_note = "renumbered from " + std::string(bare) + " p." +
                                             variant.protein_change + " to the reference transcript";
                    variant.protein_change = renumbered.short_form;
                    variant.protein_start = renumbered.start;
                    variant.protein_end = renumbered.end;
                    const auto it = gene.transcripts.find(genome_);
                    variant.transcript = it != gene.transcripts.end() ? it->second : std::string();
                    return;
                }
                variant.numbering_note =
                    "numbered on " + std::string(bare) +
                    " whose numbering differs from the reference transcript (not converted: " +
                    alternate.note + ")";
            }
            return;
        }
    }
    const auto it = gene.transcripts.find(genome_);
    if (!transcript.empty() && it != gene.transcripts.end()) {
        variant.numbering_note = "numbered on " + std::string(bare) +
                                 "; the knowledge base's reference transcript is " + it->second;
    }
}

std::optional<SmallVariant> SmallVariantAnnotator::from_vcf(const io::VcfAllele& allele,
                                                            const std::string& file, InputLedger& ledger) {
    Where where{file, allele.record_number,
                allele.chrom + ":" + std::to_string(allele.pos) + " " + allele.ref + ">" + allele.alt};
    std::optional<SmallVariant> from_genome =
        from_hotspot(allele.chrom, allele.pos, allele.ref, allele.alt, where);

    // Best annotation of a KB gene.
    const io::TranscriptAnnotation* best = nullptr;
    const kb::GeneInfo* best_gene = nullptr;
    int best_score = -1;
    for (const io::TranscriptAnnotation& annotation : allele.annotations) {
        const kb::GeneInfo* gene = kb_.gene(annotation.gene);
        if (gene == nullptr) {
            continue;
        }
        const std::string transcript =
            annotation.transcript.empty() ? hgvs_prefix(annotation.hgvsp) : annotation.transcript;
        int score = 1;
        const bool reference =
            std::any_of(gene->transcripts.begin(), gene->transcripts.end(),
                        [&](const auto& t) { return same_accession(t.second, transcript); }) ||
            std::any_of(gene->ensembl.begin(), gene->ensembl.end(),
                        [&](const auto& t) { return same_accession(t.second, transcript); });
        const bool alternate = std::any_of(
            gene->alternate_numbering.begin(), gene->alternate_numbering.end(), [&](const auto& alt) {
                return std::any_of(alt.ids.begin(), alt.ids.end(), [&](const std::string& id) {
                    return str::iequals(id, str::strip_version(transcript));
                });
            });
        if (reference) {
            score = 5;
        } else if (alternate) {
            score = 4;
        } else if (annotation.mane_select || annotation.pick || annotation.canonical) {
            score = 3;
        }
        if (!annotation.hgvsp.empty()) {
            score += 1;  // prefer entries that carry a protein change at equal rank
        }
        if (from_genome && gene->symbol != from_genome->gene) {
            continue;
        }
        if (score > best_score) {
            best_score = score;
            best = &annotation;
            best_gene = gene;
        }
    }
    if (best == nullptr) {
        if (!from_genome) {
            std::vector<std::string> genes;
            for (const io::TranscriptAnnotation& annotation : allele.annotations) {
                if (!annotation.gene.empty() &&
                    std::find(genes.begin(), genes.end(), annotation.gene) == genes.end()) {
                    genes.push_back(annotation.gene);
                }
            }
            note_skipped(allele.chrom, allele.pos, allele.ref, allele.alt, where, allele.layout != nullptr,
                         str::join(genes, ","), ledger);
        }
        if (from_genome) {
            from_genome->vaf = allele.vaf;
            from_genome->depth = allele.depth;
            from_genome->alt_reads = allele.alt_reads;
            from_genome->chrom = allele.chrom;
            from_genome->pos = allele.pos;
            from_genome->ref = allele.ref;
            from_genome->alt = allele.alt;
            from_genome->filter = allele.filter;
        }
        return from_genome;
    }
    SmallVariant variant;
    variant.gene = best_gene->symbol;
    variant.chrom = allele.chrom;
    variant.pos = allele.pos;
    variant.ref = allele.ref;
    variant.alt = allele.alt;
    variant.vaf = allele.vaf;
    variant.depth = allele.depth;
    variant.alt_reads = allele.alt_reads;
    variant.filter = allele.filter;
    variant.where = where;
    variant.hgvsp = best->hgvsp;
    variant.hgvsc = best->hgvsc;
    variant.transcript = best->transcript.empty() ? hgvs_prefix(best->hgvsp) : best->transcript;
    variant.annotation_source = allele.layout != nullptr ? io::to_string(allele.layout->kind) : "annotation";
    variant.variant_class = classify_consequence(best->consequence);
    if (const auto parsed = parse_protein_change(best->hgvsp)) {
        variant.protein_change = parsed->short_form;
        variant.protein_start = parsed->start;
        variant.protein_end = parsed->end;
        if (variant.variant_class == VariantClass::noncoding ||
            variant.variant_class == VariantClass::unknown) {
            variant.variant_class = parsed->inferred_class;
        }
        apply_numbering(*best_gene, variant.transcript, variant);
    }
    if (from_genome) {
        if (from_genome->protein_change != variant.protein_change) {
            variant.numbering_note = "annotation said '" + variant.protein_change + "' (" +
                                     variant.transcript + "); translated from the genome on " +
                                     from_genome->transcript + " as " + from_genome->protein_change;
        }
        variant.protein_change = from_genome->protein_change;
        variant.protein_start = from_genome->protein_start;
        variant.protein_end = from_genome->protein_end;
        variant.variant_class = from_genome->variant_class;
        variant.transcript = from_genome->transcript;
    }
    return variant;
}

std::optional<SmallVariant> SmallVariantAnnotator::from_maf(const io::MafRow& row, const std::string& file,
                                                            InputLedger& ledger) {
    const std::string coordinates =
        row.chrom.empty() ? std::string()
                          : row.chrom + ":" + std::to_string(row.start) + " " + row.ref + ">" + row.alt;
    Where where{file, row.line, row.gene + " " + (row.protein.empty() ? coordinates : row.protein)};
    const kb::GeneInfo* gene = kb_.gene(row.gene);
    if (gene == nullptr) {
        ledger.count("gene not in the knowledge base", where.to_string());
        return std::nullopt;
    }
    SmallVariant variant;
    variant.gene = gene->symbol;
    variant.chrom = row.chrom;
    variant.pos = row.start;
    variant.ref = row.ref;
    variant.alt = row.alt;
    variant.where = where;
    variant.hgvsp = row.protein;
    variant.transcript = row.transcript;
    variant.annotation_source = "MAF";
    if (row.alt_count && row.ref_count && *row.alt_count + *row.ref_count > 0) {
        variant.alt_reads = row.alt_count;
        variant.depth = row.depth.value_or(*row.alt_count + *row.ref_count);
        variant.vaf = static_cast<double>(*row.alt_count) / (*row.alt_count + *row.ref_count);
    }
    variant.variant_class = classify_consequence(row.variant_classification);
    if (const auto parsed = parse_protein_change(row.protein)) {
        variant.protein_change = parsed->short_form;
        variant.protein_start = parsed->start;
        variant.protein_end = parsed->end;
        if (variant.variant_class == VariantClass::noncoding ||
            variant.variant_class == VariantClass::unknown) {
            variant.variant_class = parsed->inferred_class;
        }
        if (!row.transcript.empty()) {
            apply_numbering(*gene, row.transcript, variant);
        }
        return variant;
    }
    // No protein change: fall back to coordinates at a hotspot codon.
    if (!row.chrom.empty() && row.start > 0 && !row.ref.empty() && row.ref != "-" && row.alt != "-") {
        if (auto from_genome = from_hotspot(row.chrom, row.start, row.ref, row.alt, where)) {
            from_genome->chrom = row.chrom;
            from_genome->pos = row.start;
            from_genome->vaf = variant.vaf;
            from_genome->depth = variant.depth;
            return from_genome;
        }
    }
    note_maf_skipped(row, *gene, where, ledger);
    return std::nullopt;
}

}  // namespace precis::interpret
