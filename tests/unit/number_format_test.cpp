// SPDX-License-Identifier: Apache-2.0
// The shared text helpers of common/strings.hpp: number formatting (format_fixed, format_number,
// format_significant) and percent-encoding.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "common/strings.hpp"

namespace precis::str {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(FormatFixed, WritesExactlyTheDecimalsAsked) {
    EXPECT_EQ(format_fixed(12.4, 2), "12.40");
    EXPECT_EQ(format_fixed(9.95, 1), "9.9");    // 9.95 is 9.949999... in binary
    EXPECT_EQ(format_fixed(0.125, 2), "0.12");  // an exact tie rounds to even, like printf
    EXPECT_EQ(format_fixed(2.5, 0), "2");
    EXPECT_EQ(format_fixed(3.5, 0), "4");
    EXPECT_EQ(format_fixed(1.0 / 3.0, 3), "0.333");
    EXPECT_EQ(format_fixed(-0.04, 1), "-0.0");
    EXPECT_EQ(format_fixed(10000.0, 2), "10000.00");
    EXPECT_EQ(format_fixed(1e20, 1), "100000000000000000000.0");
    EXPECT_EQ(format_fixed(kNaN, 2), "nan");
    EXPECT_EQ(format_fixed(-kInf, 2), "-inf");
}

TEST(FormatNumber, DropsTrailingZerosAndNegativeZero) {
    EXPECT_EQ(format_number(9.0), "9");
    EXPECT_EQ(format_number(12.5), "12.5");
    EXPECT_EQ(format_number(0.123456), "0.1235");
    EXPECT_EQ(format_number(0.123456, 2), "0.12");
    EXPECT_EQ(format_number(23.14159, 2), "23.14");
    EXPECT_EQ(format_number(6.0, 2), "6");
    EXPECT_EQ(format_number(2.5, 2), "2.5");
    EXPECT_EQ(format_number(100.0, 0), "100");  // no point: the zeros of an integer stay
    EXPECT_EQ(format_number(1e6 / 1e6, 2), "1");
    EXPECT_EQ(format_number(-0.001, 2), "0");
    EXPECT_EQ(format_number(-1.25, 1), "-1.2");
    EXPECT_EQ(format_number(kNaN), "NA");
    EXPECT_EQ(format_number(-kInf, 2), "NA");
    EXPECT_EQ(format_number(1e70, 2), "1e+70");  // too long for fixed notation
}

TEST(FormatSignificant, FollowsPrintfG) {
    EXPECT_EQ(format_significant(0.5), "0.5");
    EXPECT_EQ(format_significant(1.5), "1.5");
    EXPECT_EQ(format_significant(1e9), "1e+09");
    EXPECT_EQ(format_significant(1e9, 15), "1000000000");
    EXPECT_EQ(format_significant(12.4), "12.4");
    EXPECT_EQ(format_significant(1234567.0), "1.23457e+06");
    EXPECT_EQ(format_significant(12.3456, 4), "12.35");
    EXPECT_EQ(format_significant(0.0001234, 4), "0.0001234");
    EXPECT_EQ(format_significant(0.00001234, 4), "1.234e-05");
    EXPECT_EQ(format_significant(static_cast<double>(1.2f)), "1.2");
    EXPECT_EQ(format_significant(7.0, 0), "7");
    EXPECT_EQ(format_significant(kNaN), "nan");
    EXPECT_EQ(format_significant(kInf), "inf");
    EXPECT_EQ(format_significant(-kInf), "-inf");
}

// The formatters replaced snprintf calls: they must write the same text for every double.
TEST(NumberFormatting, SameTextAsCLocalePrintf) {
    std::mt19937_64 random(20240611);
    std::vector<double> values = {0.0,  -0.0,        0.05,  0.15,    0.25, 2.675, 1.005, 9.995,
                                  1e-7, 123456789.0, 1e300, -1e-300, kNaN, kInf,  -kInf};
    for (int i = 0; i < 20000; ++i) {
        values.push_back(
            std::ldexp(static_cast<double>(random() >> 11), static_cast<int>(random() % 100) - 70));
        values.push_back(static_cast<double>(static_cast<std::int64_t>(random() % 200001) - 100000) / 1000.0);
        values.push_back(static_cast<double>(random() % 20001) / 8.0);  // exact binary ties
    }
    char buffer[512];
    for (const double value : values) {
        for (const int precision : {0, 1, 2, 3, 4, 6, 15}) {
            std::snprintf(buffer, sizeof buffer, "%.*f", precision, value);
            ASSERT_EQ(format_fixed(value, precision), buffer) << value;
            std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
            ASSERT_EQ(format_significant(value, precision), buffer) << value;
        }
    }
}

TEST(PercentEncode, KeepsUnreservedAndRequestedCharacters) {
    EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
    EXPECT_EQ(percent_encode("a b&c"), "a%20b%26c");
    EXPECT_EQ(percent_encode("/tmp/x y.html"), "%2Ftmp%2Fx%20y.html");
    EXPECT_EQ(percent_encode("/tmp/x y.html", "/"), "/tmp/x%20y.html");
    EXPECT_EQ(percent_encode("10.1016/S0140-6736(20)30183-5", "/()"), "10.1016/S0140-6736(20)30183-5");
    EXPECT_EQ(percent_encode("10.1000/a<b>\"c\"", "/()"), "10.1000/a%3Cb%3E%22c%22");
    EXPECT_EQ(percent_encode("\xC3\xA9"), "%C3%A9");  // UTF-8 bytes, upper-case hex
    EXPECT_EQ(percent_encode(std::string("a\0b", 3)), "a%00b");
    EXPECT_EQ(percent_encode("100%"), "100%25");
    EXPECT_EQ(percent_encode(""), "");
}

}  // namespace
}  // namespace precis::str
