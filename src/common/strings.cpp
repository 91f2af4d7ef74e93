// SPDX-License-Identifier: Apache-2.0
#include "common/strings.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace precis::str {

std::vector<std::string_view> split(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t pos = text.find(sep, start);
        if (pos == std::string_view::npos) {
            parts.push_back(text.substr(start));
            break;
        }
        parts.push_back(text.substr(start, pos - start));
        start = pos + 1;
    }
    return parts;
}

std::string_view trim(std::string_view text) {
    const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i != 0) {
            out += sep;
        }
        out += parts[i];
    }
    return out;
}

std::string concat(std::initializer_list<std::string_view> parts) {
    std::size_t size = 0;
    for (const std::string_view part : parts) {
        size += part.size();
    }
    std::string out;
    out.reserve(size);
    for (const std::string_view part : parts) {
        out += part;
    }
    return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    if (from.empty()) {
        return text;
    }
    std::size_t pos = 0;
    while ((pos = text.find(from, pos)) != std::string::npos) {
        text.replace(pos, from.size(), to);
        pos += to.size();
    }
    return text;
}

std::optional<double> to_double(std::string_view text) {
    text = trim(text);
    if (text.size() > 1 && text.front() == '+' && text[1] != '-') {
        text.remove_prefix(1);
    }
    // from_chars: locale-independent, no hexadecimal in the general format; "nan" and "inf" parse and are
    // rejected as not finite below.
    double value = 0.0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> to_int(std::string_view text) {
    text = trim(text);
    if (text.size() > 1 && text.front() == '+' && text[1] != '-') {
        text.remove_prefix(1);
    }
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> to_finite_double(std::string_view text, double min, double max) {
    const auto value = to_double(text);
    if (!value || *value < min || *value > max) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> to_bounded_int(std::string_view text, std::int64_t min, std::int64_t max) {
    const auto value = to_int(text);
    if (!value || *value < min || *value > max) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> to_whole_number(std::string_view text, std::int64_t min, std::int64_t max) {
    if (const auto value = to_int(text)) {
        return *value >= min && *value <= max ? value : std::nullopt;
    }
    // Bounds checked on the double first, so the conversion below cannot overflow.
    const auto value = to_finite_double(text, static_cast<double>(min), static_cast<double>(max));
    if (!value || *value != std::floor(*value)) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(*value);
}

std::string join_limited(const std::vector<std::string>& parts, std::string_view sep, std::size_t shown) {
    if (parts.size() <= shown) {
        return join(parts, sep);
    }
    const std::vector<std::string> head(parts.begin(), parts.begin() + static_cast<std::ptrdiff_t>(shown));
    return join(head, sep) + std::string(sep) + "... and " + std::to_string(parts.size() - shown) + " more";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string_view strip_version(std::string_view accession) {
    const std::size_t dot = accession.rfind('.');
    if (dot == std::string_view::npos) {
        return accession;
    }
    const std::string_view tail = accession.substr(dot + 1);
    const bool digits = !tail.empty() && std::all_of(tail.begin(), tail.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    return digits ? accession.substr(0, dot) : accession;
}

namespace {

//! Chromosome of a RefSeq (NC_0000NN.v, NC_012920 = MT) or GenBank (CM0006NN.v: 63 = chr1 ... 84 = chr22,
//! 85 = X, 86 = Y) accession of GRCh37/GRCh38, or "" (the accession families are shared by both builds;
//! the build itself is decided from contig lengths).
std::string chrom_of_accession(std::string_view name) {
    const auto number = [](std::string_view digits) {
        int value = 0;
        for (const char c : digits) {
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return digits.empty() ? -1 : value;
    };
    const std::string_view bare = name.substr(0, name.find('.'));
    int index = -1;
    if (bare.size() == 9 && bare.substr(0, 3) == "NC_") {
        if (bare == "NC_012920") {
            return "MT";
        }
        const int n = number(bare.substr(3));
        index = n >= 1 && n <= 24 ? n : -1;
    } else if (bare.size() == 8 && bare.substr(0, 2) == "CM") {
        const int n = number(bare.substr(2));
        index = n >= 663 && n <= 686 ? n - 662 : -1;
    }
    if (index < 1) {
        return {};
    }
    return index == 23 ? "X" : index == 24 ? "Y" : std::to_string(index);
}

}  // namespace

std::string normalise_chrom(std::string_view chrom) {
    if (std::string accession = chrom_of_accession(chrom); !accession.empty()) {
        return accession;
    }
    if (chrom.size() > 3 && iequals(chrom.substr(0, 3), "chr")) {
        chrom.remove_prefix(3);
    }
    if (chrom == "M") {
        return "MT";
    }
    return std::string(chrom);
}

std::string format_fixed(double value, int decimals) {
    decimals = std::clamp(decimals, 0, 100);
    // The longest fixed text of a double: sign, 309 integer digits, point and the decimals.
    std::string text(static_cast<std::size_t>(decimals) + 320, '\0');
    const auto result =
        std::to_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed, decimals);
    text.resize(result.ec == std::errc{} ? static_cast<std::size_t>(result.ptr - text.data()) : 0);
    return text;
}

std::string format_number(double value, int decimals) {
    if (!std::isfinite(value)) {
        return "NA";
    }
    decimals = std::clamp(decimals, 0, 100);
    std::array<char, 64> buffer{};
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                   std::chars_format::fixed, decimals);
    if (ec != std::errc{}) {
        // Too large for fixed notation in the buffer: fall back to the shortest round-trip form.
        auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
        return std::string(buffer.data(), result.ptr);
    }
    std::string text(buffer.data(), end);
    if (text.find('.') != std::string::npos) {
        while (!text.empty() && text.back() == '0') {
            text.pop_back();
        }
        if (!text.empty() && text.back() == '.') {
            text.pop_back();
        }
    }
    if (text == "-0") {
        text = "0";
    }
    return text;
}

std::string format_significant(double value, int digits) {
    digits = std::clamp(digits, 0, 100);
    std::string text(static_cast<std::size_t>(digits) + 32, '\0');
    const auto result =
        std::to_chars(text.data(), text.data() + text.size(), value, std::chars_format::general, digits);
    text.resize(result.ec == std::errc{} ? static_cast<std::size_t>(result.ptr - text.data()) : 0);
    return text;
}

std::string percent_encode(std::string_view text, std::string_view keep) {
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved || keep.find(c) != std::string_view::npos) {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0F];
        }
    }
    return out;
}

}  // namespace precis::str
