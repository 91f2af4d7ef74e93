// SPDX-License-Identifier: Apache-2.0
// Issue 9: the number parsers every reader uses, the documented ranges, and the JSON/FHIR writers' refusal
// to write a non-finite number.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "common/limits.hpp"
#include "common/strings.hpp"
#include "interpret/protein.hpp"
#include "report/json_writer.hpp"
#include "report/writers.hpp"
#include "unit/report/sample_report.hpp"

namespace precis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(NumericParsing, NanInfinityHexAndOverflowAreNotNumbers) {
    for (const char* text : {"nan", "NaN", "-nan", "inf", "-inf", "Infinity", "0x10", "0x1p3", "1e400",
                             "-1e400", "1.5e8x", "+-5", "", " "}) {
        EXPECT_FALSE(str::to_double(text).has_value()) << text;
    }
    EXPECT_EQ(str::to_double(" 1e3 "), 1000.0);
    EXPECT_EQ(str::to_double("+2.5"), 2.5);
    EXPECT_EQ(str::to_double("-0.25"), -0.25);
    for (const char* text : {"0x10", "1.5e8", "9223372036854775808", "-9223372036854775809", "12.0", "1e3"}) {
        EXPECT_FALSE(str::to_int(text).has_value()) << text;
    }
    EXPECT_EQ(str::to_int("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
}

TEST(NumericParsing, RangesAndWholeNumbers) {
    EXPECT_FALSE(str::to_finite_double("7.5", 0.0, 1.0).has_value());  // a VAF of 7.5
    EXPECT_FALSE(str::to_finite_double("nan", 0.0, 1.0).has_value());
    EXPECT_EQ(str::to_finite_double("0.5", 0.0, 1.0), 0.5);
    EXPECT_FALSE(str::to_bounded_int("-5", 1, 10).has_value());
    EXPECT_FALSE(str::to_bounded_int("9223372036854775807", 1, limits::kMaxPosition).has_value());
    EXPECT_EQ(str::to_whole_number("1.2e+07", 0, limits::kMaxPosition), 12000000);
    EXPECT_EQ(str::to_whole_number("37756263.0", 0, limits::kMaxPosition), 37756263);
    EXPECT_FALSE(str::to_whole_number("1.5", 0, 10).has_value());
    EXPECT_FALSE(str::to_whole_number("1e20", 0, limits::kMaxReads).has_value());
    EXPECT_FALSE(str::to_whole_number("inf", 0, limits::kMaxReads).has_value());
}

TEST(NumericParsing, RangesNeverContainNonFiniteValues) {
    for (const limits::Range& range :
         {limits::kVaf, limits::kCopyNumber, limits::kLog2, limits::kMsiScore, limits::kTmb, limits::kPurity,
          limits::kPloidy, limits::kPanelSizeMb}) {
        EXPECT_FALSE(range.contains(kNaN)) << range.text();
        EXPECT_FALSE(range.contains(kInf)) << range.text();
        EXPECT_FALSE(range.contains(-kInf)) << range.text();
    }
    EXPECT_FALSE(limits::kPurity.contains(0.0));
    EXPECT_TRUE(limits::kPurity.contains(1.0));
    EXPECT_EQ(limits::kPurity.text(), "(0, 1]");
    EXPECT_EQ(limits::kTmb.text(), "[0, 10000]");
}

TEST(NumericParsing, LongListsAreShortenedInMessages) {
    std::vector<std::string> names;
    for (int i = 0; i < 100; ++i) {
        names.push_back("S" + std::to_string(i));
    }
    const std::string text = str::join_limited(names, ", ");
    EXPECT_NE(text.find("S9, ... and 90 more"), std::string::npos) << text;
    EXPECT_EQ(text.find("S10"), std::string::npos) << text;
    EXPECT_EQ(str::join_limited({"a", "b"}, ", "), "a, b");
}

TEST(NumericParsing, HugeResidueNumbersAreNotProteinChanges) {
    EXPECT_FALSE(interpret::parse_protein_change("p.V99999999999999999999E").has_value());
    EXPECT_FALSE(
        interpret::parse_protein_change("p.E9223372036854775807_A9223372036854775808del").has_value());
    EXPECT_FALSE(interpret::parse_protein_change("9999999999999V>E").has_value());
    const auto braf = interpret::parse_protein_change("p.Val600Glu");
    ASSERT_TRUE(braf.has_value());
    EXPECT_EQ(braf->short_form, "V600E");
}

//! A report whose numbers are all NaN or infinite: the writers leave those fields out and the output parses.
Report non_finite_report() {
    Report report = test::sample_report();
    for (Finding& finding : report.findings) {
        finding.vaf = kNaN;
        finding.value = kInf;
    }
    for (Finding& finding : report.other_findings) {
        finding.vaf = -kInf;
        finding.value = kNaN;
    }
    report.tmb.value = kInf;
    report.tmb.panel_size_mb = kNaN;
    report.tmb.threshold = kNaN;
    report.msi.score = kNaN;
    report.msi.threshold = kInf;
    report.msi.indeterminate_low = kNaN;
    return report;
}

TEST(ReportNumbers, JsonLeavesNonFiniteNumbersOutAndParses) {
    const std::string text = report::render_json(non_finite_report());
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    ASSERT_FALSE(doc.HasParseError()) << "JSON report does not parse:\n" << text.substr(0, 2000);
    ASSERT_TRUE(doc["findings"].IsArray());
    ASSERT_GT(doc["findings"].Size(), 0u);
    for (const auto& finding : doc["findings"].GetArray()) {
        EXPECT_FALSE(finding.HasMember("vaf"));
        EXPECT_FALSE(finding.HasMember("value"));
    }
    EXPECT_FALSE(doc["signatures"]["tmb"].HasMember("value"));
    EXPECT_FALSE(doc["signatures"]["msi"].HasMember("score"));
    EXPECT_EQ(text.find(": ,"), std::string::npos);
}

TEST(ReportNumbers, FhirLeavesNonFiniteNumbersOutAndParses) {
    const std::string text = report::render_fhir(non_finite_report());
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    ASSERT_FALSE(doc.HasParseError()) << "FHIR bundle does not parse:\n" << text.substr(0, 2000);
    EXPECT_EQ(text.find("\"value\": ,"), std::string::npos);
    // Every valueQuantity still has its value (components without a finite value are left out whole).
    for (const auto& entry : doc["entry"].GetArray()) {
        const auto& resource = entry["resource"];
        if (resource.HasMember("valueQuantity")) {
            EXPECT_TRUE(resource["valueQuantity"].HasMember("value"));
        }
        if (resource.HasMember("component")) {
            for (const auto& component : resource["component"].GetArray()) {
                if (component.HasMember("valueQuantity")) {
                    EXPECT_TRUE(component["valueQuantity"].HasMember("value"));
                }
            }
        }
    }
}

}  // namespace
}  // namespace precis
