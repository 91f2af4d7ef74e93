// SPDX-License-Identifier: Apache-2.0
#include "interpret/protein.hpp"

#include <array>
#include <cctype>
#include <map>

#include "common/limits.hpp"
#include "common/strings.hpp"

namespace precis::interpret {

namespace {

char three_to_one(std::string_view three) {
    static const std::map<std::string, char> kCodes = {
        {"ala", 'A'}, {"arg", 'R'}, {"asn", 'N'}, {"asp", 'D'}, {"cys", 'C'}, {"gln", 'Q'},
        {"glu", 'E'}, {"gly", 'G'}, {"his", 'H'}, {"ile", 'I'}, {"leu", 'L'}, {"lys", 'K'},
        {"met", 'M'}, {"phe", 'F'}, {"pro", 'P'}, {"ser", 'S'}, {"thr", 'T'}, {"trp", 'W'},
        {"tyr", 'Y'}, {"val", 'V'}, {"ter", '*'}, {"sec", 'U'}, {"xaa", 'X'}};
    const auto it = kCodes.find(str::lower(three));
    return it == kCodes.end() ? '\0' : it->second;
}

bool is_upper(char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0;
}
bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

//! Converts 3-letter amino acids inside a p. body to 1-letter ("Val600Glu" -> "V600E"); leaves keywords
//! (del, ins, dup, fs, ext) and digits alone.
std::string to_one_letter(std::string_view body) {
    std::string out;
    std::size_t i = 0;
    while (i < body.size()) {
        if (is_upper(body[i]) && i + 3 <= body.size()) {
            const char aa = three_to_one(body.substr(i, 3));
            if (aa != '\0') {
                out.push_back(aa);
                i += 3;
                continue;
            }
        }
        out.push_back(body[i]);
        ++i;
    }
    return out;
}

}  // namespace

std::optional<ProteinChange> parse_protein_change(std::string_view text) {
    std::string value(str::trim(text));
    if (value.empty() || value == "." || value == "-") {
        return std::nullopt;
    }
    value = str::replace_all(value, "%3D", "=");
    // bcftools BCSQ: "600V>600E", "12G>12C", "141W>141*", "18AGRGP>18AQAGGP"
    if (is_digit(value.front()) && value.find('>') != std::string::npos) {
        const auto parts = str::split(value, '>');
        if (parts.size() != 2) {
            return std::nullopt;
        }
        std::size_t d1 = 0;
        while (d1 < parts[0].size() && is_digit(parts[0][d1])) {
            ++d1;
        }
        std::size_t d2 = 0;
        while (d2 < parts[1].size() && is_digit(parts[1][d2])) {
            ++d2;
        }
        const auto position = str::to_bounded_int(parts[0].substr(0, d1), 1, limits::kMaxResidue);
        const std::string_view ref = parts[0].substr(d1);
        const std::string_view alt = parts[1].substr(d2);
        if (!position || ref.empty() || alt.empty()) {
            return std::nullopt;
        }
        ProteinChange change;
        change.start = static_cast<int>(*position);
        if (ref.size() == 1 && alt.size() == 1) {
            change.short_form = std::string(ref) + std::to_string(*position) + std::string(alt);
            change.end = change.start;
            change.inferred_class = alt == "*"   ? VariantClass::nonsense
                                    : ref == alt ? VariantClass::synonymous
                                                 : VariantClass::missense;
        } else {
            change.end = static_cast<int>(*position + static_cast<std::int64_t>(ref.size()) - 1);
            change.short_form = std::string(ref.substr(0, 1)) + std::to_string(*position) + "_" +
                                std::string(ref) + ">" + std::string(alt);
            change.inferred_class = VariantClass::inframe_delins;
        }
        return change;
    }
    // Strip "ENSP...:" / "NP_...:" prefixes, "p.", and predicted-change parentheses.
    if (const auto colon = value.rfind(':'); colon != std::string::npos) {
        value.erase(0, colon + 1);
    }
    if (str::starts_with(value, "p.")) {
        value.erase(0, 2);
    }
    if (value.size() >= 2 && value.front() == '(' && value.back() == ')') {
        value = value.substr(1, value.size() - 2);
    }
    if (value.empty() || value == "?" || value == "=" || value == "0") {
        return std::nullopt;
    }
    std::string body = to_one_letter(value);
    // Normalise stop notation: "X" or "Ter" -> '*' at the end of a missense ("R213X" -> "R213*").
    ProteinChange change;
    // Leading residue + position.
    if (body.empty() || !(is_upper(body[0]) || body[0] == '*')) {
        return std::nullopt;
    }
    std::size_t i = 1;
    std::size_t digits_start = i;
    while (i < body.size() && is_digit(body[i])) {
        ++i;
    }
    if (i == digits_start) {
        return std::nullopt;
    }
    // Residue numbers beyond limits::kMaxResidue (or overflowing) are not a protein change.
    const auto start = str::to_bounded_int(std::string_view(body).substr(digits_start, i - digits_start), 1,
                                           limits::kMaxResidue);
    if (!start) {
        return std::nullopt;
    }
    change.start = static_cast<int>(*start);
    change.end = change.start;
    const std::string rest = body.substr(i);
    if (rest.empty()) {
        return std::nullopt;
    }
    // Range "E746_A750del", "W557_K558del", "A502_Y503dup", "E746_A750delinsQ"
    std::string tail = rest;
    if (rest.front() == '_') {
        std::size_t j = 1;
        if (j < rest.size() && (is_upper(rest[j]) || rest[j] == '*')) {
            ++j;
        }
        const std::size_t end_digits = j;
        while (j < rest.size() && is_digit(rest[j])) {
            ++j;
        }
        if (j > end_digits) {
            const auto end = str::to_bounded_int(std::string_view(rest).substr(end_digits, j - end_digits), 1,
                                                 limits::kMaxResidue);
            if (!end) {
                return std::nullopt;
            }
            change.end = static_cast<int>(*end);
        }
        tail = rest.substr(j);
    }
    if (str::starts_with(tail, "delins")) {
        change.inferred_class = VariantClass::inframe_delins;
    } else if (str::starts_with(tail, "del")) {
        change.inferred_class = VariantClass::inframe_deletion;
    } else if (str::starts_with(tail, "ins") || str::starts_with(tail, "dup")) {
        change.inferred_class = VariantClass::inframe_insertion;
    } else if (tail.find("fs") != std::string::npos) {
        change.inferred_class = VariantClass::frameshift;
        // "G12Afs*3" / "G12fs" -> "G12fs"
        change.short_form = body.substr(0, i) + "fs";
        return change;
    } else if (tail == "=") {
        change.inferred_class = VariantClass::synonymous;
    } else if (tail == "*" || tail == "X") {
        change.inferred_class = VariantClass::nonsense;
        tail = "*";
    } else if (str::starts_with(tail, "ext") || tail.find("ext") != std::string::npos) {
        change.inferred_class = VariantClass::stop_lost;
    } else if (tail.size() == 1 && is_upper(tail[0])) {
        change.inferred_class = body[0] == 'M' && change.start == 1 ? VariantClass::start_lost
                                : tail[0] == body[0]                ? VariantClass::synonymous
                                                                    : VariantClass::missense;
    } else {
        change.inferred_class = VariantClass::other_coding;  // "?" (unknown) or anything else
    }
    change.short_form = body.substr(0, i) + rest.substr(0, rest.size() - tail.size()) + tail;
    return change;
}

ProteinChange renumber(const ProteinChange& change, int from_residue, int offset) {
    ProteinChange out = change;
    const auto shift = [&](int residue) { return residue >= from_residue ? residue + offset : residue; };
    if (change.start) {
        out.start = shift(*change.start);
    }
    if (change.end) {
        out.end = shift(*change.end);
    }
    // Rewrite every number in the short form that is a residue position (numbers after a letter).
    std::string rewritten;
    const std::string& text = change.short_form;
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_digit(text[i]) && i > 0 && (is_upper(text[i - 1]) || text[i - 1] == '*')) {
            std::size_t j = i;
            while (j < text.size() && is_digit(text[j])) {
                ++j;
            }
            const int residue = static_cast<int>(
                str::to_bounded_int(std::string_view(text).substr(i, j - i), 0, limits::kMaxResidue)
                    .value_or(0));
            rewritten += std::to_string(shift(residue));
            i = j;
        } else {
            rewritten.push_back(text[i]);
            ++i;
        }
    }
    out.short_form = rewritten;
    return out;
}

VariantClass classify_consequence(std::string_view consequence) {
    const std::string text = str::lower(consequence);
    const auto has = [&](std::string_view term) { return text.find(term) != std::string::npos; };
    // Most severe first (VEP/SnpEff SO terms and MAF Variant_Classification values).
    if (has("frameshift") || has("frame_shift"))
        return VariantClass::frameshift;
    if (has("stop_gained") || has("nonsense"))
        return VariantClass::nonsense;
    if (has("splice_acceptor") || has("splice_donor") || text == "splice_site")
        return VariantClass::splice;
    if (has("stop_lost") || has("nonstop"))
        return VariantClass::stop_lost;
    if (has("start_lost") || has("translation_start_site") || has("initiator_codon"))
        return VariantClass::start_lost;
    if (has("inframe_deletion") || has("in_frame_del") || has("disruptive_inframe_deletion"))
        return VariantClass::inframe_deletion;
    if (has("inframe_insertion") || has("in_frame_ins") || has("disruptive_inframe_insertion"))
        return VariantClass::inframe_insertion;
    if (has("missense") || has("protein_altering"))
        return VariantClass::missense;
    if (has("synonymous") || text == "silent")
        return VariantClass::synonymous;
    if (has("coding_sequence") || has("incomplete_terminal"))
        return VariantClass::other_coding;
    if (has("splice"))
        return VariantClass::noncoding;
    if (!text.empty())
        return VariantClass::noncoding;
    return VariantClass::unknown;
}

char translate_codon(std::string_view codon) {
    static constexpr std::string_view kBases = "TCAG";
    // Amino acids for codons ordered TTT, TTC, TTA, TTG, TCT, ... (first base slowest), standard code.
    static constexpr std::string_view kTable =
        "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";
    if (codon.size() != 3) {
        return 'X';
    }
    std::size_t index = 0;
    for (const char base : codon) {
        const std::size_t b = kBases.find(static_cast<char>(std::toupper(static_cast<unsigned char>(base))));
        if (b == std::string_view::npos) {
            return 'X';
        }
        index = index * 4 + b;
    }
    return kTable[index];
}

std::string reverse_complement(std::string_view bases) {
    std::string out(bases.rbegin(), bases.rend());
    for (char& c : out) {
        switch (std::toupper(static_cast<unsigned char>(c))) {
            case 'A':
                c = 'T';
                break;
            case 'C':
                c = 'G';
                break;
            case 'G':
                c = 'C';
                break;
            case 'T':
                c = 'A';
                break;
            default:
                c = 'N';
        }
    }
    return out;
}

void trim_alleles(std::int64_t& pos, std::string& ref, std::string& alt) {
    // Shared suffix first (keeps the left-most representation), then shared prefix.
    while (ref.size() > 1 && alt.size() > 1 && ref.back() == alt.back()) {
        ref.pop_back();
        alt.pop_back();
    }
    std::size_t prefix = 0;
    while (prefix + 1 < ref.size() && prefix + 1 < alt.size() && ref[prefix] == alt[prefix]) {
        ++prefix;
    }
    if (ref.size() == alt.size()) {
        // Substitutions: drop all identical leading bases.
        while (prefix < ref.size() && ref[prefix] == alt[prefix]) {
            ++prefix;
        }
        if (prefix == ref.size()) {
            return;  // identical alleles: leave as is
        }
    }
    if (prefix > 0) {
        ref.erase(0, prefix);
        alt.erase(0, prefix);
        pos += static_cast<std::int64_t>(prefix);
    }
}

std::optional<CodonTranslation> translate_in_codon(const kb::CodonLocation& codon, std::int64_t pos,
                                                   std::string_view ref, std::string_view alt) {
    if (ref.empty() || ref.size() != alt.size()) {
        return std::nullopt;
    }
    const std::int64_t last = pos + static_cast<std::int64_t>(ref.size()) - 1;
    if (pos < codon.start || last > codon.end) {
        return std::nullopt;
    }
    // Plus-strand bases of the codon.
    std::string genomic = codon.strand == '+' ? codon.ref_codon : reverse_complement(codon.ref_codon);
    CodonTranslation result;
    result.ref_aa = translate_codon(codon.ref_codon);
    for (std::size_t i = 0; i < ref.size(); ++i) {
        const std::size_t offset = static_cast<std::size_t>(pos - codon.start) + i;
        if (std::toupper(static_cast<unsigned char>(ref[i])) != genomic[offset]) {
            result.ref_mismatch = true;
        }
        genomic[offset] = static_cast<char>(std::toupper(static_cast<unsigned char>(alt[i])));
    }
    const std::string sense = codon.strand == '+' ? genomic : reverse_complement(genomic);
    result.alt_aa = translate_codon(sense);
    return result;
}

}  // namespace precis::interpret
