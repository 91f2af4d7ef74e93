// SPDX-License-Identifier: Apache-2.0
#include "interpret/copy_number_caller.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <spdlog/spdlog.h>

#include "common/strings.hpp"

namespace precis::interpret {
namespace {

struct SegmentCall {
    const io::CnvSegment* segment = nullptr;
    double copy_number = 0.0;
    CopyNumberClass cn_class = CopyNumberClass::neutral;
    std::string rule;
    std::int64_t overlap = 0;
};

//! "log2 0.33 -> CN 2.51" (with the purity and ploidy used, when a purity is given).
std::string log2_origin(double log2, double copy_number, const CopyNumberRules& rules) {
    std::string origin =
        "log2 " + str::format_number(log2, 2) + " -> CN " + str::format_number(copy_number, 2);
    if (rules.purity) {
        origin += " (purity " + str::format_number(*rules.purity, 2) + ", ploidy " +
                  str::format_number(rules.baseline(), 2) + ")";
    }
    return origin;
}

SegmentCall call_segment(const io::CnvSegment& segment, const CopyNumberRules& rules) {
    SegmentCall call;
    call.segment = &segment;
    std::string origin;
    const bool recompute = segment.log2 && (rules.purity || !segment.copy_number);
    if (recompute) {
        call.copy_number = log2_to_copy_number(*segment.log2, rules.purity, rules.ploidy);
        origin = log2_origin(*segment.log2, call.copy_number, rules);
    } else {
        call.copy_number = segment.copy_number.value_or(0.0);
        origin = "CN " + str::format_number(call.copy_number, 2) + " as called";
    }
    std::string rule;
    call.cn_class = classify_copy_number(call.copy_number, rules, rule);
    call.rule = origin + "; " + rule;
    if (!segment.call.empty()) {
        call.rule += "; caller's call '" + segment.call + "'";
    }
    return call;
}

bool annotation_names(const std::string& annotation, const kb::GeneInfo& gene) {
    for (std::string_view part : str::split(annotation, ',')) {
        for (std::string_view name : str::split(part, ';')) {
            name = str::trim(name);
            if (str::iequals(name, gene.symbol)) {
                return true;
            }
        }
    }
    return false;
}

std::string code_meaning(CopyNumberClass cn_class) {
    switch (cn_class) {
        case CopyNumberClass::amplification:
            return "high-level amplification";
        case CopyNumberClass::gain:
            return "gain (not an amplification)";
        case CopyNumberClass::neutral:
            return "neutral";
        case CopyNumberClass::loss:
            return "single-copy loss";
        case CopyNumberClass::homozygous_deletion:
            return "deep (homozygous) deletion";
    }
    return "";
}

//! PURPLE gene copy number: minCopyNumber classified like a segment copy number.
void call_from_min_copy_number(const io::GeneCnvRow& row, const CopyNumberRules& rules,
                               CopyNumberCall& call) {
    std::string rule;
    call.copy_number = row.min_copy_number;
    call.cn_class = classify_copy_number(*row.min_copy_number, rules, rule);
    call.rule =
        "PURPLE minCopyNumber " + str::format_number(*row.min_copy_number, 2) +
        (row.max_copy_number ? " (max " + str::format_number(*row.max_copy_number, 2) + ")" : std::string()) +
        "; " + rule;
}

//! A gene table's word or code, read per its vocabulary; the rule names both.
void call_from_word(const io::GeneCnvRow& row, CopyNumberCall& call) {
    call.cn_class = *row.called_class;
    const bool code = str::to_double(row.call_text).has_value();
    call.rule = std::string(code ? "code " : "call '") + row.call_text + (code ? "" : "'") +
                " in the gene table (" + row.vocabulary + "): " + code_meaning(*row.called_class) +
                (row.ambiguity.empty() ? " as called by the source" : "; ambiguous without a copy number");
}

//! A gene row with a segment mean (Oncotator): the value decides amplification and homozygous deletion
//! by the usual rules; below those, the caller's own +/-/0 call decides between gain, neutral and loss
//! (it was made against the caller's noise model), and the rule gives both.
void call_from_log2(const io::GeneCnvRow& row, const CopyNumberRules& rules, CopyNumberCall& call) {
    call.log2 = row.log2;
    call.copy_number = log2_to_copy_number(*row.log2, rules.purity, rules.ploidy);
    std::string rule;
    const CopyNumberClass by_value = classify_copy_number(*call.copy_number, rules, rule);
    const std::string origin = "segment_mean " + log2_origin(*row.log2, *call.copy_number, rules);
    const bool value_decides = by_value == CopyNumberClass::amplification ||
                               by_value == CopyNumberClass::homozygous_deletion || !row.called_class ||
                               by_value == *row.called_class;
    if (value_decides) {
        call.cn_class = by_value;
        call.rule = origin + "; " + rule +
                    (row.call_text.empty() ? std::string() : "; caller's call '" + row.call_text + "'");
        return;
    }
    call.cn_class = *row.called_class;
    call.rule = origin + " (" + rule + "); " + row.vocabulary + " '" + row.call_text +
                "': " + code_meaning(*row.called_class) + " as called by the segmenter";
}

//! The call for one gene row of a KB gene; nullopt when the row says nothing usable.
std::optional<CopyNumberCall> gene_row_call(const io::GeneCnvRow& row, const kb::GeneInfo& gene,
                                            const io::CnvData& data, const std::string& path,
                                            const CopyNumberRules& rules) {
    CopyNumberCall call;
    call.gene = gene.symbol;
    call.source_format = data.format;
    call.chrom = row.chrom;
    call.start = row.start;
    call.end = row.end;
    call.ambiguity = row.ambiguity;
    if (row.min_copy_number) {
        call_from_min_copy_number(row, rules, call);
    } else if (row.log2) {
        call_from_log2(row, rules, call);
        if (row.start > 0 && row.end >= row.start) {
            call.focal = (row.end - row.start + 1) <= rules.focal_max_length;
        }
    } else if (row.called_class) {
        call_from_word(row, call);
    } else {
        return std::nullopt;
    }
    const std::string segment =
        row.chrom.empty() ? std::string()
                          : " " + row.chrom + ":" + std::to_string(row.start) + "-" + std::to_string(row.end);
    call.where = Where{path, row.line, row.gene + (row.log2 ? segment : " " + row.call_text)};
    if (gene.symbol != row.gene) {
        call.rule += " (written as " + row.gene + ")";
    }
    return call;
}

//! One call per KB gene from the gene rows. A row under the approved symbol wins over rows under an
//! alias (a whole-genome table such as Oncotator's lists NRG1-IT2 as well as NRG1); among alias rows the
//! first is used.
std::vector<CopyNumberCall> gene_row_calls(const io::CnvData& data, const std::string& path,
                                           const GeneSet& genes, const CopyNumberRules& rules) {
    std::vector<CopyNumberCall> calls;
    std::map<std::string, std::pair<std::size_t, bool>> chosen;  // symbol -> (index, by approved symbol)
    std::size_t not_in_kb = 0;
    for (const io::GeneCnvRow& row : data.genes) {
        const kb::GeneInfo* gene = genes.find(row.gene);
        if (gene == nullptr) {
            ++not_in_kb;
            continue;
        }
        auto call = gene_row_call(row, *gene, data, path, rules);
        if (!call) {
            continue;
        }
        const bool approved = str::iequals(row.gene, gene->symbol);
        const auto [it, added] = chosen.emplace(gene->symbol, std::make_pair(calls.size(), approved));
        if (added) {
            calls.push_back(std::move(*call));
        } else if (approved && !it->second.second) {
            calls[it->second.first] = std::move(*call);
            it->second.second = true;
        }
    }
    if (not_in_kb > 0) {
        spdlog::info("{}: {} gene row(s) are not knowledge-base genes and were not interpreted", path,
                     not_in_kb);
    }
    return calls;
}

}  // namespace

GeneSet::GeneSet(std::vector<kb::GeneInfo> genes) : genes_(std::move(genes)) {
    for (std::size_t i = 0; i < genes_.size(); ++i) {
        index_.emplace(str::upper(genes_[i].symbol), i);
    }
    for (std::size_t i = 0; i < genes_.size(); ++i) {
        for (const std::string& alias : genes_[i].aliases) {
            index_.emplace(str::upper(alias), i);  // an approved symbol wins over an alias
        }
    }
}

const kb::GeneInfo* GeneSet::find(const std::string& symbol_or_alias) const {
    const auto found = index_.find(str::upper(str::trim(symbol_or_alias)));
    return found == index_.end() ? nullptr : &genes_[found->second];
}

std::vector<const kb::GeneInfo*> GeneSet::overlapping(Genome genome, const std::string& chrom,
                                                      std::int64_t start, std::int64_t end) const {
    std::vector<const kb::GeneInfo*> result;
    for (const kb::GeneInfo& gene : genes_) {
        const auto span = gene.span.find(genome);
        if (span != gene.span.end() && span->second.overlaps(chrom, start, end)) {
            result.push_back(&gene);
        }
    }
    return result;
}

double CopyNumberRules::amp_threshold() const {
    return ploidy ? std::max(amp_min_copy_number, amp_ploidy_factor * *ploidy) : amp_min_copy_number;
}

std::string CopyNumberRules::describe() const {
    std::string text = "amplification: total copy number >= " + str::format_number(amp_threshold(), 2);
    text += ploidy ? " (max of " + str::format_number(amp_min_copy_number, 2) + " and " +
                         str::format_number(amp_ploidy_factor, 2) + " x ploidy " +
                         str::format_number(*ploidy, 2) + ")"
                   : " (ploidy unknown; with a ploidy: max of " + str::format_number(amp_min_copy_number, 2) +
                         " and " + str::format_number(amp_ploidy_factor, 2) + " x ploidy)";
    text += "; gains below it are not amplifications; homozygous deletion: copy number < " +
            str::format_number(homdel_below, 2) + " after purity adjustment";
    text += purity ? " (purity " + str::format_number(*purity, 2) + ")" : " (purity not given: 100% assumed)";
    text +=
        "; focal: segment <= " + str::format_number(static_cast<double>(focal_max_length) / 1e6, 2) + " Mb";
    return text;
}

double log2_to_copy_number(double log2, std::optional<double> purity, std::optional<double> ploidy) {
    const double p = purity ? std::clamp(*purity, 0.01, 1.0) : 1.0;
    const double tumour_ploidy = ploidy.value_or(2.0);
    const double ratio = std::pow(2.0, log2);
    const double normal = 2.0 * (1.0 - p);
    const double copy_number = (ratio * (p * tumour_ploidy + normal) - normal) / p;
    return std::max(0.0, copy_number);
}

CopyNumberClass classify_copy_number(double copy_number, const CopyNumberRules& rules, std::string& rule) {
    const double amp = rules.amp_threshold();
    const double base = rules.baseline();
    if (copy_number < rules.homdel_below) {
        rule = "CN " + str::format_number(copy_number, 2) + " < " +
               str::format_number(rules.homdel_below, 2) + ": homozygous deletion";
        return CopyNumberClass::homozygous_deletion;
    }
    if (copy_number >= amp) {
        rule = "total CN " + str::format_number(copy_number, 2) + " >= " + str::format_number(amp, 2) +
               ": amplification";
        return CopyNumberClass::amplification;
    }
    if (copy_number >= base + 0.5) {
        rule = "total CN " + str::format_number(copy_number, 2) + " above ploidy " +
               str::format_number(base, 2) + " but < " + str::format_number(amp, 2) +
               ": gain, not amplification";
        return CopyNumberClass::gain;
    }
    if (copy_number <= base - 0.5) {
        rule = "CN " + str::format_number(copy_number, 2) + " below ploidy " + str::format_number(base, 2) +
               ": loss";
        return CopyNumberClass::loss;
    }
    rule = "CN " + str::format_number(copy_number, 2) + " near ploidy " + str::format_number(base, 2) +
           ": neutral";
    return CopyNumberClass::neutral;
}

std::vector<CopyNumberCall> call_copy_numbers(const io::CnvData& data, const std::string& path,
                                              const GeneSet& genes, Genome genome,
                                              const CopyNumberRules& rules,
                                              std::vector<std::string>& warnings) {
    std::vector<CopyNumberCall> calls;
    // ---- gene-level rows ----
    calls = gene_row_calls(data, path, genes, rules);

    // ---- segments ----
    if (!data.segments.empty()) {
        std::size_t placed = 0;
        std::size_t by_annotation = 0;
        for (const kb::GeneInfo& gene : genes.all()) {
            const auto span_it = genome == Genome::unknown ? gene.span.end() : gene.span.find(genome);
            const bool have_span = span_it != gene.span.end();
            std::vector<SegmentCall> overlapping;
            for (const io::CnvSegment& segment : data.segments) {
                std::int64_t overlap = 0;
                if (have_span) {
                    const kb::Interval& span = span_it->second;
                    if (!span.overlaps(segment.chrom, segment.start, segment.end)) {
                        continue;
                    }
                    overlap = std::min(span.end, segment.end) - std::max(span.start, segment.start) + 1;
                } else if (!segment.genes.empty() && annotation_names(segment.genes, gene)) {
                    overlap = segment.end - segment.start + 1;
                } else {
                    continue;
                }
                SegmentCall call = call_segment(segment, rules);
                call.overlap = overlap;
                overlapping.push_back(std::move(call));
            }
            if (overlapping.empty()) {
                continue;
            }
            ++placed;
            if (!have_span) {
                ++by_annotation;
            }
            const auto pick = [&](CopyNumberClass wanted) -> const SegmentCall* {
                const SegmentCall* best = nullptr;
                for (const SegmentCall& candidate : overlapping) {
                    if (candidate.cn_class != wanted) {
                        continue;
                    }
                    // Deletions: the lowest copy number; amplifications: the highest.
                    if (best == nullptr || (wanted == CopyNumberClass::homozygous_deletion
                                                ? candidate.copy_number < best->copy_number
                                                : candidate.copy_number > best->copy_number)) {
                        best = &candidate;
                    }
                }
                return best;
            };
            const SegmentCall* chosen = pick(CopyNumberClass::homozygous_deletion);
            std::string why;
            if (chosen != nullptr) {
                why = overlapping.size() > 1
                          ? " (lowest of " + std::to_string(overlapping.size()) + " overlapping segments)"
                          : "";
            } else if ((chosen = pick(CopyNumberClass::amplification)) != nullptr) {
                why = overlapping.size() > 1
                          ? " (highest of " + std::to_string(overlapping.size()) + " overlapping segments)"
                          : "";
            } else {
                chosen = &*std::max_element(
                    overlapping.begin(), overlapping.end(),
                    [](const SegmentCall& a, const SegmentCall& b) { return a.overlap < b.overlap; });
                why = overlapping.size() > 1 ? " (segment with the largest overlap of " +
                                                   std::to_string(overlapping.size()) + ")"
                                             : "";
            }
            const io::CnvSegment& segment = *chosen->segment;
            CopyNumberCall call;
            call.gene = gene.symbol;
            call.cn_class = chosen->cn_class;
            call.copy_number = chosen->copy_number;
            call.log2 = segment.log2;
            call.chrom = segment.chrom;
            call.start = segment.start;
            call.end = segment.end;
            call.focal = (segment.end - segment.start + 1) <= rules.focal_max_length;
            call.rule = chosen->rule + why;
            if (!have_span) {
                call.rule += "; gene placed by the caller's segment annotation (no " +
                             std::string(genome == Genome::unknown ? "genome build" : "knowledge-base span") +
                             " to place it)";
            }
            call.source_format = data.format;
            call.where = Where{
                path, segment.line,
                segment.chrom + ":" + std::to_string(segment.start) + "-" + std::to_string(segment.end)};
            calls.push_back(std::move(call));
        }
        if (placed == 0) {
            warnings.push_back(
                path + ": no copy-number segment overlaps a knowledge-base gene" +
                std::string(genome == Genome::unknown ? " (the genome build is unknown)" : "") +
                "; copy number of the KB genes is not assessed from this file");
        } else if (by_annotation > 0) {
            warnings.push_back(
                path + ": " + std::to_string(by_annotation) +
                " gene(s) placed by the caller's segment gene names because the knowledge base has "
                "no span for them on " +
                std::string(to_string(genome)));
        }
    }
    std::sort(calls.begin(), calls.end(),
              [](const CopyNumberCall& a, const CopyNumberCall& b) { return a.gene < b.gene; });
    return calls;
}

}  // namespace precis::interpret
