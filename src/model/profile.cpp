// SPDX-License-Identifier: Apache-2.0
#include "model/profile.hpp"

#include <cctype>

namespace precis {

std::string Where::to_string() const {
    std::string text = file;
    if (line > 0) {
        text += ":" + std::to_string(line);
    }
    if (!detail.empty()) {
        text += " (" + detail + ")";
    }
    return text;
}

const char* to_string(LevelSource source) noexcept {
    switch (source) {
        case LevelSource::oncokb:
            return "oncokb";
        case LevelSource::fda_label:
            return "fda_label";
        case LevelSource::ema_label:
            return "ema_label";
        case LevelSource::guideline:
            return "guideline";
        case LevelSource::curator:
            return "curator";
    }
    return "curator";
}

std::optional<LevelSource> parse_level_source(std::string_view text) noexcept {
    for (const LevelSource source : {LevelSource::oncokb, LevelSource::fda_label, LevelSource::ema_label,
                                     LevelSource::guideline, LevelSource::curator}) {
        if (text == to_string(source)) {
            return source;
        }
    }
    return std::nullopt;
}

const char* to_string(Category category) noexcept {
    switch (category) {
        case Category::small_variant:
            return "small_variant";
        case Category::copy_number:
            return "copy_number";
        case Category::fusion:
            return "fusion";
        case Category::protein_expression:
            return "protein_expression";
        case Category::genomic_signature:
            return "genomic_signature";
    }
    return "small_variant";
}

const char* to_string(VariantClass variant_class) noexcept {
    switch (variant_class) {
        case VariantClass::missense:
            return "missense";
        case VariantClass::nonsense:
            return "nonsense";
        case VariantClass::frameshift:
            return "frameshift";
        case VariantClass::inframe_deletion:
            return "inframe_deletion";
        case VariantClass::inframe_insertion:
            return "inframe_insertion";
        case VariantClass::inframe_delins:
            return "inframe_delins";
        case VariantClass::synonymous:
            return "synonymous";
        case VariantClass::splice:
            return "splice";
        case VariantClass::start_lost:
            return "start_lost";
        case VariantClass::stop_lost:
            return "stop_lost";
        case VariantClass::other_coding:
            return "other_coding";
        case VariantClass::noncoding:
            return "noncoding";
        case VariantClass::unknown:
            break;
    }
    return "unknown";
}

bool is_protein_altering(VariantClass variant_class) noexcept {
    switch (variant_class) {
        case VariantClass::missense:
        case VariantClass::nonsense:
        case VariantClass::frameshift:
        case VariantClass::inframe_deletion:
        case VariantClass::inframe_insertion:
        case VariantClass::inframe_delins:
        case VariantClass::splice:
        case VariantClass::start_lost:
        case VariantClass::stop_lost:
        case VariantClass::other_coding:
            return true;
        default:
            return false;
    }
}

const char* to_string(CopyNumberClass cn_class) noexcept {
    switch (cn_class) {
        case CopyNumberClass::amplification:
            return "amplification";
        case CopyNumberClass::gain:
            return "gain";
        case CopyNumberClass::neutral:
            return "neutral";
        case CopyNumberClass::loss:
            return "loss";
        case CopyNumberClass::homozygous_deletion:
            return "homozygous_deletion";
    }
    return "neutral";
}

void InputLedger::count(const std::string& reason, const std::string& example, std::int64_t n) {
    if (n <= 0) {
        return;
    }
    counted[reason] += n;
    std::vector<std::string>& list = examples[reason];
    if (!example.empty() && list.size() < 3) {
        list.push_back(example);
    }
}

void InputLedger::list(NotInterpreted entry) {
    entry.role = role;
    listed.push_back(std::move(entry));
}

InputLedger& Profile::ledger(const std::string& role, const std::string& file, const std::string& unit) {
    for (InputLedger& existing : ledgers) {
        if (existing.role == role && existing.file == file) {
            return existing;
        }
    }
    ledgers.push_back(InputLedger{role, file, unit, 0, {}, {}, {}});
    return ledgers.back();
}

std::string ihc_presence(const std::string& status) {
    std::string s;
    s.reserve(status.size());
    for (const char c : status) {
        s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    if (s == "lost" || s == "loss" || s == "absent" || s == "negative" || s == "deficient") {
        return "lost";
    }
    if (s == "retained" || s == "intact" || s == "present" || s == "positive" || s == "proficient") {
        return "retained";
    }
    return {};
}

}  // namespace precis
