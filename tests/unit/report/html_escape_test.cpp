// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/strings.hpp"
#include "report/writers.hpp"

namespace precis::report {
namespace {

TEST(report_escape, EscapesMarkupCharactersForTextAndAttributes) {
    EXPECT_EQ(html_escape("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
    EXPECT_EQ(html_escape("a & b"), "a &amp; b");
    EXPECT_EQ(html_escape("\"double\" 'single' `tick`"),
              "&quot;double&quot; &#39;single&#39; &#96;tick&#96;");
    EXPECT_EQ(html_escape("\"><script>x</script>"), "&quot;&gt;&lt;script&gt;x&lt;/script&gt;");
}

TEST(report_escape, AlreadyEscapedTextIsEscapedAgainNotTrusted) {
    EXPECT_EQ(html_escape("&lt;b&gt;"), "&amp;lt;b&amp;gt;");
}

TEST(report_escape, LeavesPlainTextAndUtf8Untouched) {
    EXPECT_EQ(html_escape("ERBB2 amplification, CN 9"), "ERBB2 amplification, CN 9");
    EXPECT_EQ(html_escape("tumour \xE2\x80\x93 \xC3\xA9"), "tumour \xE2\x80\x93 \xC3\xA9");
    EXPECT_EQ(html_escape(""), "");
}

TEST(report_escape, ControlCharactersBecomeReplacementCharacter) {
    EXPECT_EQ(html_escape(std::string_view("a\0b", 3)),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(html_escape("a\x1b[31mb"), "a\xEF\xBF\xBD[31mb");
    EXPECT_EQ(html_escape("a\x7F"), "a\xEF\xBF\xBD");
    EXPECT_EQ(html_escape("tab\tnew\nline\r"), "tab\tnew\nline\r");
}

TEST(report_tsv_field, TabsAndNewlinesBecomeSpaces) {
    EXPECT_EQ(tsv_field("a\tb\nc\r\nd"), "a b c  d");
}

TEST(report_tsv_field, FormulaLikeValuesArePrefixed) {
    EXPECT_EQ(tsv_field("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    EXPECT_EQ(tsv_field("+1+2"), "'+1+2");
    EXPECT_EQ(tsv_field("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(tsv_field("-cmd"), "'-cmd");
    EXPECT_EQ(tsv_field("-0.5"), "-0.5");
    EXPECT_EQ(tsv_field("-.5"), "-.5");
    EXPECT_EQ(tsv_field("-"), "-");
    EXPECT_EQ(tsv_field("V600E"), "V600E");
    EXPECT_EQ(tsv_field(""), "");
}

TEST(report_format_number, DropsTrailingZerosAndIsLocaleFree) {
    EXPECT_EQ(str::format_number(9.0), "9");
    EXPECT_EQ(str::format_number(12.5), "12.5");
    EXPECT_EQ(str::format_number(0.31), "0.31");
    EXPECT_EQ(str::format_number(0.123456), "0.1235");
    EXPECT_EQ(str::format_number(0.123456, 2), "0.12");
    EXPECT_EQ(str::format_number(-0.00001), "0");
    EXPECT_EQ(str::format_number(std::numeric_limits<double>::quiet_NaN()), "NA");
    EXPECT_EQ(str::format_number(std::numeric_limits<double>::infinity()), "NA");
}

}  // namespace
}  // namespace precis::report
