// SPDX-License-Identifier: Apache-2.0
// Text encoding shared by the report writers: HTML/SVG escaping, TSV cell sanitising, numbers.
#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "report/writers.hpp"

namespace precis::report {

namespace {
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD in UTF-8
}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '`':
                out += "&#96;";
                break;
            case '\t':
            case '\n':
            case '\r':
                out += c;
                break;
            default: {
                const auto byte = static_cast<unsigned char>(c);
                if (byte < 0x20 || byte == 0x7F) {
                    out += kReplacementCharacter;
                } else {
                    out += c;
                }
            }
        }
    }
    return out;
}

std::string tsv_field(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 1);
    if (!text.empty()) {
        const char first = text.front();
        const bool formula_like =
            first == '=' || first == '+' || first == '@' ||
            (first == '-' && (text.size() == 1 || !((text[1] >= '0' && text[1] <= '9') || text[1] == '.')));
        if (formula_like && text != "-") {
            out += '\'';
        }
    }
    for (const char c : text) {
        out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    }
    return out;
}

std::string format_number(double value, int decimals) {
    if (!std::isfinite(value)) {
        return "NA";
    }
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

}  // namespace precis::report
