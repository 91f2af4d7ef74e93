// SPDX-License-Identifier: Apache-2.0
// Text encoding shared by the report writers: HTML/SVG escaping, TSV cell sanitising. Numbers are
// written with str::format_number (common/strings.hpp).
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

}  // namespace precis::report
