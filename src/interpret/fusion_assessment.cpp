// SPDX-License-Identifier: Apache-2.0
#include "interpret/fusion_assessment.hpp"

#include <map>

#include "common/strings.hpp"
#include "kb/knowledge_base.hpp"

namespace precis::interpret {
namespace {

std::string prime(const std::string& role) {
    return role == "5prime" ? "5'" : "3'";
}

std::string location(const std::string& chrom, std::int64_t pos) {
    return chrom + ":" + std::to_string(pos);
}

//! Decides kinase retention from the breakpoint of `gene` and its KB region; appends the why to `reason`.
std::optional<bool> check_region(const kb::GeneInfo& gene, const std::optional<Breakpoint>& breakpoint,
                                 Genome genome, std::string& reason) {
    if (!breakpoint) {
        reason += "; no breakpoint given, so retention of the kinase domain was not checked";
        return std::nullopt;
    }
    const auto span = gene.span.find(genome);
    if (span != gene.span.end() && !span->second.contains(breakpoint->chrom, breakpoint->pos)) {
        reason += "; breakpoint " + location(breakpoint->chrom, breakpoint->pos) + " lies outside " +
                  gene.symbol + " on " + to_string(genome) + ", so the domain was not checked";
        return std::nullopt;
    }
    const auto region = gene.kinase_retained_region.find(genome);
    if (region == gene.kinase_retained_region.end()) {
        reason += "; the knowledge base has no kinase-retaining breakpoint region for " + gene.symbol +
                  " on " + to_string(genome) + ", so the domain was not checked";
        return std::nullopt;
    }
    const kb::Interval& interval = region->second;
    const std::string where =
        interval.chrom + ":" + std::to_string(interval.start) + "-" + std::to_string(interval.end);
    if (interval.contains(breakpoint->chrom, breakpoint->pos)) {
        reason += "; breakpoint " + location(breakpoint->chrom, breakpoint->pos) +
                  " is in the kinase-retaining region " + where;
        return true;
    }
    // The region ends at an exon/intron boundary. RNA callers report the junction on the boundary exon
    // itself (the last base of FGFR2 exon 17, the first base of RET exon 12 or ALK exon 20), and callers
    // differ by a few bases in where they put it: a breakpoint just across the boundary, inside the gene,
    // keeps the exon that carries or precedes the kinase domain.
    constexpr std::int64_t kJunctionTolerance = 50;
    const std::int64_t distance =
        breakpoint->pos < interval.start ? interval.start - breakpoint->pos : breakpoint->pos - interval.end;
    if (breakpoint->chrom == interval.chrom && distance <= kJunctionTolerance) {
        reason += "; breakpoint " + location(breakpoint->chrom, breakpoint->pos) + " is " +
                  std::to_string(distance) + " bp across the boundary of the kinase-retaining region " +
                  where +
                  " (an exon-boundary junction as RNA callers report it), so the kinase domain is kept";
        return true;
    }
    reason += "; breakpoint " + location(breakpoint->chrom, breakpoint->pos) +
              " is outside the kinase-retaining region " + where +
              ": the kinase domain is not in the fusion product";
    return false;
}

//! Which end of `gene` a breakend keeps: upstream (5') or downstream (3') in transcription.
std::string kept_end(const kb::GeneInfo& gene, io::Retained side) {
    const bool left = side == io::Retained::left;
    return (gene.strand == '-') == left ? "3prime" : "5prime";
}

//! Split + spanning reads in 64 bits (each count may be up to limits::kMaxReads); nullopt when neither is
//! given.
std::optional<std::int64_t> reads_of(const std::optional<int>& split, const std::optional<int>& spanning) {
    if (!split && !spanning) {
        return std::nullopt;
    }
    return std::int64_t{split.value_or(0)} + std::int64_t{spanning.value_or(0)};
}

std::optional<std::int64_t> reads_of(const Fusion& fusion) {
    return reads_of(fusion.split_reads, fusion.spanning_reads);
}

}  // namespace

std::vector<FusionAssessment> assess_fusion(const Fusion& fusion, const GeneSet& genes, Genome genome) {
    std::vector<FusionAssessment> result;
    const kb::GeneInfo* gene5 = fusion.gene5.empty() ? nullptr : genes.find(fusion.gene5);
    const kb::GeneInfo* gene3 = fusion.gene3.empty() ? nullptr : genes.find(fusion.gene3);
    const bool established = fusion.caller != "table";
    if (gene5 != nullptr && gene5 == gene3) {
        FusionAssessment assessment;
        assessment.gene = gene5->symbol;
        assessment.role = "intragenic";
        assessment.label = gene5->symbol + " intragenic rearrangement";
        assessment.reason =
            "both partners are " + gene5->symbol + ": an intragenic rearrangement, not a fusion";
        result.push_back(std::move(assessment));
        return result;
    }
    for (const bool five : {true, false}) {
        const kb::GeneInfo* gene = five ? gene5 : gene3;
        if (gene == nullptr) {
            continue;
        }
        const std::string& partner = five ? fusion.gene3 : fusion.gene5;
        const std::string partner_text = partner.empty() ? "partner not identified" : "partner " + partner;
        const std::string written = five ? "5prime" : "3prime";
        const std::optional<Breakpoint>& breakpoint = five ? fusion.breakpoint5 : fusion.breakpoint3;
        const std::string& retained = gene->fusion_retained_role;
        FusionAssessment assessment;
        assessment.gene = gene->symbol;
        const std::string source = fusion.orientation_note.empty() ? fusion.caller : fusion.orientation_note;
        if (retained.empty()) {
            assessment.role = written;
            assessment.label = gene->symbol + " rearrangement (" + partner_text + ")";
            assessment.reason =
                gene->symbol + " is the " + prime(written) + " partner (" + source +
                "); the knowledge base gives it no fusion role, so kinase retention is unknown";
        } else if (retained == written || !established) {
            assessment.role = retained;
            if (retained == written) {
                assessment.reason = gene->symbol + " is the " + prime(written) + " partner (" + source +
                                    "), the role in which it keeps its kinase domain";
            } else {
                assessment.reason = "the table writes " + gene->symbol + " as the " + prime(written) +
                                    " partner, but a plain table does not establish orientation; " +
                                    gene->symbol + " is taken as the " + prime(retained) +
                                    " partner, as for a named fusion: confirm the orientation";
            }
            assessment.kinase_retained = check_region(*gene, breakpoint, genome, assessment.reason);
            const std::string kind = retained == "5prime" ? " fusion or rearrangement" : " fusion";
            assessment.label = str::concat({gene->symbol, kind, " (", partner_text, ")"});
            if (assessment.kinase_retained == false) {
                assessment.label = gene->symbol + " fusion without the kinase domain (" + partner_text + ")";
            }
        } else {
            assessment.role = written;
            assessment.kinase_retained = false;
            assessment.label = gene->symbol + " " + prime(written) + " fragment without the kinase domain (" +
                               partner_text + ")";
            assessment.reason = gene->symbol + " is the " + prime(written) + " partner (" + source +
                                "), but it keeps "
                                "its kinase domain only as the " +
                                prime(retained) + " partner: reported, not matched";
        }
        result.push_back(std::move(assessment));
    }
    return result;
}

std::vector<Fusion> fusions_from_junctions(const io::SvVcfData& data, const GeneSet& genes, Genome genome,
                                           int min_reads, std::vector<std::string>& warnings) {
    std::vector<Fusion> fusions;
    if (data.junctions.empty()) {
        return fusions;
    }
    const std::string file = data.junctions.front().where.file;
    if (genome == Genome::unknown) {
        warnings.push_back(file +
                           ": SV breakends cannot be placed in genes without a genome build; "
                           "fusions were not assessed from this file");
        return fusions;
    }
    std::int64_t intragenic = 0;
    std::int64_t low_support = 0;
    const auto gene_at = [&](const io::SvBreakend& breakend) -> const kb::GeneInfo* {
        const auto found = genes.overlapping(genome, breakend.chrom, breakend.pos, breakend.pos);
        return found.empty() ? nullptr : found.front();
    };
    for (const io::SvJunction& junction : data.junctions) {
        const kb::GeneInfo* first = gene_at(junction.first);
        const kb::GeneInfo* second = junction.second ? gene_at(*junction.second) : nullptr;
        if (first == nullptr && second == nullptr) {
            continue;
        }
        if (first != nullptr && first == second) {
            ++intragenic;
            continue;
        }
        const auto reads = reads_of(junction.split_reads, junction.spanning_reads);
        if (reads && *reads < min_reads) {
            ++low_support;
            continue;
        }
        struct Side {
            const kb::GeneInfo* gene;
            const io::SvBreakend* breakend;
        };
        std::vector<Side> sides = {{first, &junction.first}};
        if (junction.second) {
            sides.push_back({second, &*junction.second});
        }
        const auto breakpoint_of = [](const Side& side) {
            return Breakpoint{side.breakend->chrom, side.breakend->pos, side.gene ? side.gene->strand : '.'};
        };
        Fusion base;
        base.split_reads = junction.split_reads;
        base.spanning_reads = junction.spanning_reads;
        base.support_note = junction.support_note;
        base.caller = data.caller;
        base.where = junction.where;
        if (first != nullptr && second != nullptr &&
            kept_end(*first, junction.first.side) != kept_end(*second, junction.second->side)) {
            Fusion fusion = base;
            const bool first_is_5 = kept_end(*first, junction.first.side) == "5prime";
            const Side& s5 = first_is_5 ? sides[0] : sides[1];
            const Side& s3 = first_is_5 ? sides[1] : sides[0];
            fusion.gene5 = s5.gene->symbol;
            fusion.gene3 = s3.gene->symbol;
            fusion.breakpoint5 = breakpoint_of(s5);
            fusion.breakpoint3 = breakpoint_of(s3);
            fusion.orientation_note = "5'/3' from breakend orientation and gene strand (" + data.caller +
                                      " " + junction.svtype + ")";
            fusions.push_back(std::move(fusion));
            continue;
        }
        // One KB gene (or two keeping the same end: not a productive fusion): one fusion per KB gene with the
        // partner unknown.
        for (std::size_t i = 0; i < sides.size(); ++i) {
            if (sides[i].gene == nullptr) {
                continue;
            }
            Fusion fusion = base;
            const std::string end = kept_end(*sides[i].gene, sides[i].breakend->side);
            const Breakpoint own = breakpoint_of(sides[i]);
            std::optional<Breakpoint> other;
            if (sides.size() == 2) {
                other = breakpoint_of(sides[1 - i]);
            }
            if (end == "5prime") {
                fusion.gene5 = sides[i].gene->symbol;
                fusion.breakpoint5 = own;
                fusion.breakpoint3 = other;
            } else {
                fusion.gene3 = sides[i].gene->symbol;
                fusion.breakpoint3 = own;
                fusion.breakpoint5 = other;
            }
            std::string note = sides[i].gene->symbol + " keeps its " + prime(end) +
                               " end (breakend orientation and " + "gene strand, " + data.caller + " " +
                               junction.svtype + ")";
            if (sides.size() == 1) {
                note += "; single breakend: partner unknown";
            } else if (sides[1 - i].gene == nullptr) {
                note += "; partner breakend " + location(other->chrom, other->pos) +
                        " is outside the knowledge-base genes";
            } else {
                note += "; " + sides[1 - i].gene->symbol + " also keeps its " + prime(end) +
                        " end: not a productive fusion";
            }
            fusion.orientation_note = note;
            fusions.push_back(std::move(fusion));
        }
    }
    if (intragenic > 0) {
        warnings.push_back(file + ": " + std::to_string(intragenic) +
                           " SV junction(s) with both breakends in one knowledge-base gene are intragenic "
                           "rearrangements, not fusions; not reported as fusions");
    }
    if (low_support > 0) {
        warnings.push_back(file + ": " + std::to_string(low_support) +
                           " SV junction(s) in knowledge-base genes with "
                           "fewer than " +
                           std::to_string(min_reads) + " supporting reads were skipped");
    }
    return fusions;
}

void deduplicate_fusions(std::vector<Fusion>& fusions) {
    std::vector<Fusion> kept;
    std::map<std::string, std::size_t> index;
    std::map<std::string, int> merged;
    for (Fusion& fusion : fusions) {
        const std::string key = str::upper(fusion.gene5) + "|" + str::upper(fusion.gene3);
        const auto found = index.find(key);
        if (found == index.end()) {
            index.emplace(key, kept.size());
            kept.push_back(std::move(fusion));
            continue;
        }
        ++merged[key];
        Fusion& current = kept[found->second];
        if (reads_of(fusion).value_or(-1) > reads_of(current).value_or(-1)) {
            current = std::move(fusion);
        }
    }
    for (const auto& [key, count] : merged) {
        Fusion& fusion = kept[index[key]];
        fusion.orientation_note += (fusion.orientation_note.empty() ? "" : "; ") +
                                   std::string("merged with ") + std::to_string(count) +
                                   " other record(s) of the same gene pair";
    }
    fusions = std::move(kept);
}

}  // namespace precis::interpret
