// SPDX-License-Identifier: Apache-2.0
// --tumor-type on the command line: every OncoTree code is accepted, retired codes are read as their
// replacement with a warning, tumour types outside the curated focus get a scope note, and evidence from
// another tumour type is never presented as matching.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "support/test_support.hpp"

namespace precis::test {

namespace fs = std::filesystem;

namespace {

//! BRAF V600E (7:140753336 A>T) and IDH1 R132C (2:208248389 G>A) on GRCh38, raw (hotspot codons only).
std::string braf_idh1_vcf() {
    return "##fileformat=VCFv4.2\n"
           "##contig=<ID=chr2,length=242193529>\n"
           "##contig=<ID=chr7,length=159345973>\n"
           "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
           "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n"
           "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
           "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR_1\n"
           "chr2\t208248389\t.\tG\tA\t.\tPASS\t.\tGT:AD:DP\t0/1:60,40:100\n"
           "chr7\t140753336\t.\tA\tT\t.\tPASS\t.\tGT:AD:DP\t0/1:70,30:100\n";
}

struct Interpreted {
    RunResult run;
    fs::path out;
};

Interpreted interpret(const std::string& tumor_type) {
    const fs::path dir = work_dir() / tumor_type;
    fs::create_directories(dir);
    std::ofstream(dir / "t.vcf", std::ios::binary | std::ios::trunc) << braf_idh1_vcf();
    Interpreted result{run_precis({"interpret", "--sample", "S1", "--tumor-type", tumor_type, "--vcf",
                                   (dir / "t.vcf").string(), "--out", (dir / "out").string(), "--formats",
                                   "json,html", "--deterministic"}),
                       dir / "out"};
    return result;
}

rapidjson::Document report_json(const fs::path& out) {
    rapidjson::Document doc;
    doc.Parse(slurp(out / "S1.precis.json").c_str());
    EXPECT_FALSE(doc.HasParseError());
    return doc;
}

std::string joined(const rapidjson::Value& strings) {
    std::string out;
    for (const auto& item : strings.GetArray()) {
        out += std::string(item.GetString()) + "\n";
    }
    return out;
}

const rapidjson::Value* therapy(const rapidjson::Document& doc, const std::string& gene,
                                const std::string& drug) {
    for (const auto& finding : doc["findings"].GetArray()) {
        for (const auto& t : finding["therapies"].GetArray()) {
            if (finding["gene"].GetString() == gene && t["drugs"][0].GetString() == drug) {
                return &t;
            }
        }
    }
    return nullptr;
}

}  // namespace

TEST(TumourTypeOption, OutOfFocusCodesRunWithAScopeNote) {
    for (const std::string code : {"BLLETV6RUNX1", "GB"}) {
        const Interpreted r = interpret(code);
        ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
        EXPECT_TRUE(report_schema_violations(r.out / "S1.precis.json").empty());
        const auto doc = report_json(r.out);
        EXPECT_EQ(doc["sample"]["tumor_type"].GetString(), code);
        const std::string first = doc["limitations"][0].GetString();
        EXPECT_EQ(first.rfind(code + " (", 0), 0u) << first;
        EXPECT_NE(first.find("is outside precis's curated focus (biliary tract cancers, GIST)"),
                  std::string::npos)
            << first;
        const std::string html = slurp(r.out / "S1.precis.html");
        const auto note =
            html.find("<div class=\"scope-note\" role=\"note\"><strong>Scope:</strong> " + code);
        EXPECT_NE(note, std::string::npos);
        EXPECT_LT(note, html.find("</header>"));  // in the header, above every section
        EXPECT_NE(html.find("curated focus (biliary tract cancers, GIST)"), std::string::npos);
    }
}

TEST(TumourTypeOption, InFocusCodesHaveNoScopeNote) {
    const Interpreted r = interpret("IHCH");
    ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
    EXPECT_EQ(joined(report_json(r.out)["limitations"]).find("curated focus"), std::string::npos);
    EXPECT_EQ(slurp(r.out / "S1.precis.html").find("<div class=\"scope-note\""), std::string::npos);
}

TEST(TumourTypeOption, RetiredGbmIsReadAsGbWithAWarning) {
    const Interpreted r = interpret("GBM");
    ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
    const auto doc = report_json(r.out);
    EXPECT_STREQ(doc["sample"]["tumor_type"].GetString(), "GB");
    const std::string warnings = joined(doc["warnings"]);
    EXPECT_NE(warnings.find("GBM (Glioblastoma Multiforme)"), std::string::npos) << warnings;
    EXPECT_NE(warnings.find("interpreted as GB (Glioblastoma, IDH-Wildtype)"), std::string::npos) << warnings;
    EXPECT_NE(r.run.err.find("interpreted as GB"), std::string::npos) << r.run.err;
    EXPECT_NE(slurp(r.out / "S1.precis.html").find("GBM (Glioblastoma Multiforme)"), std::string::npos);
}

TEST(TumourTypeOption, UnknownAndAmbiguousCodesExitTwo) {
    const Interpreted unknown = interpret("QXZZY");
    EXPECT_EQ(unknown.run.exit_code, 2) << unknown.run.err;
    EXPECT_NE(unknown.run.err.find("'QXZZY' is not a known OncoTree code"), std::string::npos)
        << unknown.run.err;
    EXPECT_NE(unknown.run.err.find("nearest valid codes: "), std::string::npos) << unknown.run.err;
    EXPECT_FALSE(fs::exists(unknown.out / "S1.precis.json"));
    const Interpreted all = interpret("ALL");  // retired: split into BLL and TLL
    EXPECT_EQ(all.run.exit_code, 2) << all.run.err;
    EXPECT_NE(all.run.err.find("more than one code: BLL ("), std::string::npos) << all.run.err;
}

// Glioblastoma is outside the focus: BRAF V600E keeps its tumour-agnostic (SOLID) Level 1 on-label;
// ivosidenib for IDH1 R132 (evidence for CHOL) is off-label at 3B, never a match.
TEST(TumourTypeOption, EvidenceFromAnotherTumourTypeIsNeverAMatch) {
    const Interpreted r = interpret("GB");
    ASSERT_EQ(r.run.exit_code, 0) << r.run.err;
    const auto doc = report_json(r.out);
    const rapidjson::Value* braf = therapy(doc, "BRAF", "dabrafenib");
    ASSERT_NE(braf, nullptr);
    EXPECT_TRUE((*braf)["tumor_type_match"].GetBool());
    EXPECT_TRUE((*braf)["on_label"].GetBool());
    EXPECT_STREQ((*braf)["level"].GetString(), "1");
    const rapidjson::Value* idh1 = therapy(doc, "IDH1", "ivosidenib");
    ASSERT_NE(idh1, nullptr);
    EXPECT_FALSE((*idh1)["tumor_type_match"].GetBool());
    EXPECT_FALSE((*idh1)["on_label"].GetBool());
    EXPECT_STREQ((*idh1)["level"].GetString(), "3B");
    std::set<std::string> lineage;
    for (const auto& code : doc["sample"]["tumor_type_lineage"].GetArray()) {
        lineage.insert(code.GetString());
    }
    const std::set<std::string> matching_levels{"1", "2", "3A", "R1"};
    for (const auto& finding : doc["findings"].GetArray()) {
        for (const auto& t : finding["therapies"].GetArray()) {
            bool covered = false;
            for (const auto& code : t["evidence_tumor_types"].GetArray()) {
                covered = covered || lineage.count(code.GetString()) != 0;
            }
            EXPECT_EQ(t["tumor_type_match"].GetBool(), covered) << t["evidence_id"].GetString();
            if (!covered) {
                EXPECT_EQ(matching_levels.count(t["level"].GetString()), 0u) << t["evidence_id"].GetString();
            }
        }
    }
}

}  // namespace precis::test
