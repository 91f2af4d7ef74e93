// SPDX-License-Identifier: Apache-2.0
#include "io/annotation.hpp"

#include "common/strings.hpp"

namespace precis::io {

const char* to_string(AnnotationKind kind) noexcept {
    switch (kind) {
        case AnnotationKind::vep_csq:
            return "VEP CSQ";
        case AnnotationKind::snpeff_ann:
            return "SnpEff ANN";
        case AnnotationKind::bcftools_bcsq:
            return "bcftools BCSQ";
    }
    return "VEP CSQ";
}

namespace {

int index_of(const std::vector<std::string>& fields, std::initializer_list<std::string_view> names) {
    for (const std::string_view name : names) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (str::iequals(fields[i], name)) {
                return static_cast<int>(i);
            }
        }
    }
    return -1;
}

std::string_view at(const std::vector<std::string_view>& parts, int index) {
    return index >= 0 && static_cast<std::size_t>(index) < parts.size()
               ? parts[static_cast<std::size_t>(index)]
               : std::string_view();
}

//! VEP writes the allele without the shared leading base for indels; "-" when nothing is left.
std::string vep_allele(std::string_view ref, std::string_view alt) {
    if (ref.size() == alt.size() || ref.empty() || alt.empty() || ref.front() != alt.front()) {
        return std::string(alt);
    }
    const std::string trimmed(alt.substr(1));
    return trimmed.empty() ? "-" : trimmed;
}

}  // namespace

std::optional<AnnotationLayout> AnnotationLayout::from_header(std::string_view key,
                                                              std::string_view description) {
    AnnotationLayout layout;
    layout.key = std::string(key);
    std::string_view text = description;
    std::size_t start = std::string_view::npos;
    for (const std::string_view marker :
         {std::string_view("Format:"), std::string_view("Functional annotations:")}) {
        const auto pos = text.find(marker);
        if (pos != std::string_view::npos) {
            start = pos + marker.size();
            break;
        }
    }
    if (start == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view spec = text.substr(start);
    for (const auto part : str::split(spec, '|')) {
        std::string field(str::trim(part));
        // SnpEff wraps the list in single quotes; descriptions may end with '"'.
        while (!field.empty() && (field.front() == '\'' || field.front() == '"' || field.front() == ' ')) {
            field.erase(0, 1);
        }
        while (!field.empty() && (field.back() == '\'' || field.back() == '"' || field.back() == ' ')) {
            field.pop_back();
        }
        layout.fields.push_back(field);
    }
    if (layout.fields.size() < 3) {
        return std::nullopt;
    }
    const auto& f = layout.fields;
    if (index_of(f, {"Gene_Name"}) >= 0 && index_of(f, {"HGVS.p"}) >= 0) {
        layout.kind = AnnotationKind::snpeff_ann;
        layout.allele = index_of(f, {"Allele"});
        layout.consequence = index_of(f, {"Annotation"});
        layout.symbol = index_of(f, {"Gene_Name"});
        layout.feature = index_of(f, {"Feature_ID"});
        layout.hgvsp = index_of(f, {"HGVS.p"});
        layout.hgvsc = index_of(f, {"HGVS.c"});
    } else if (index_of(f, {"amino_acid_change"}) >= 0 ||
               (str::iequals(key, "BCSQ") && index_of(f, {"gene"}) >= 0)) {
        layout.kind = AnnotationKind::bcftools_bcsq;
        layout.consequence = index_of(f, {"Consequence"});
        layout.symbol = index_of(f, {"gene"});
        layout.feature = index_of(f, {"transcript"});
        layout.hgvsp = index_of(f, {"amino_acid_change"});
        layout.hgvsc = index_of(f, {"dna_change"});
        layout.strand = index_of(f, {"strand"});
    } else {
        layout.kind = AnnotationKind::vep_csq;
        layout.allele = index_of(f, {"Allele"});
        layout.consequence = index_of(f, {"Consequence"});
        layout.symbol = index_of(f, {"SYMBOL"});
        layout.feature = index_of(f, {"Feature"});
        layout.hgvsp = index_of(f, {"HGVSp"});
        layout.hgvsc = index_of(f, {"HGVSc"});
        layout.allele_num = index_of(f, {"ALLELE_NUM"});
        layout.canonical = index_of(f, {"CANONICAL"});
        layout.mane_select = index_of(f, {"MANE_SELECT", "MANE"});
        layout.pick = index_of(f, {"PICK"});
        layout.amino_acids = index_of(f, {"Amino_acids"});
        layout.protein_position = index_of(f, {"Protein_position"});
    }
    if (layout.symbol < 0 || layout.consequence < 0) {
        return std::nullopt;
    }
    return layout;
}

std::vector<TranscriptAnnotation> parse_annotations(const AnnotationLayout& layout, std::string_view value) {
    std::vector<TranscriptAnnotation> out;
    for (const auto entry : str::split(value, ',')) {
        if (entry.empty() || entry == "." || entry.front() == '@') {
            continue;  // BCSQ "@pos" points at the record carrying the full annotation
        }
        const auto parts = str::split(entry, '|');
        TranscriptAnnotation annotation;
        annotation.allele = std::string(at(parts, layout.allele));
        annotation.gene = std::string(at(parts, layout.symbol));
        annotation.transcript = std::string(at(parts, layout.feature));
        annotation.consequence = std::string(at(parts, layout.consequence));
        if (!annotation.consequence.empty() && annotation.consequence.front() == '*') {
            annotation.consequence.erase(0, 1);  // BCSQ: downstream of a stop
        }
        annotation.hgvsp = std::string(at(parts, layout.hgvsp));
        annotation.hgvsc = std::string(at(parts, layout.hgvsc));
        if (const auto n = str::to_bounded_int(at(parts, layout.allele_num), 0, 100000)) {
            annotation.allele_num = static_cast<int>(*n);
        }
        annotation.canonical = str::iequals(at(parts, layout.canonical), "YES");
        annotation.mane_select = !at(parts, layout.mane_select).empty();
        annotation.pick = at(parts, layout.pick) == "1";
        if (!annotation.gene.empty()) {
            out.push_back(std::move(annotation));
        }
    }
    return out;
}

bool annotation_matches_allele(const AnnotationLayout& layout, const TranscriptAnnotation& annotation,
                               std::string_view ref, std::string_view alt, int allele_index, int n_alt) {
    switch (layout.kind) {
        case AnnotationKind::vep_csq:
            if (annotation.allele_num > 0) {
                return annotation.allele_num == allele_index;
            }
            return n_alt == 1 || str::iequals(annotation.allele, vep_allele(ref, alt)) ||
                   str::iequals(annotation.allele, alt);
        case AnnotationKind::snpeff_ann: {
            if (n_alt == 1) {
                return true;
            }
            // Cancer mode writes "ALT-REF" (e.g. "G-C"); plain mode the ALT.
            const std::string_view allele = annotation.allele;
            const auto dash = allele.find('-');
            const std::string_view first = dash == std::string_view::npos ? allele : allele.substr(0, dash);
            return str::iequals(first, alt) && dash == std::string_view::npos;
        }
        case AnnotationKind::bcftools_bcsq: {
            if (n_alt == 1) {
                return true;
            }
            // dna_change like "140453136A>T" or "122106101G>A+122106102G>A": match on the ALT base(s).
            const std::string& change = annotation.hgvsc;
            const auto arrow = change.find('>');
            return arrow != std::string::npos &&
                   str::iequals(std::string_view(change).substr(arrow + 1, alt.size()), alt);
        }
    }
    return false;
}

}  // namespace precis::io
