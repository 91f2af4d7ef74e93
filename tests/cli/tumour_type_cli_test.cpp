// SPDX-License-Identifier: Apache-2.0
// --tumor-type on the command line: every OncoTree code is accepted, retired codes are read as their
// replacement with a warning, unknown ones exit 2.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>

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

}  // namespace

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

}  // namespace precis::test
