// SPDX-License-Identifier: Apache-2.0
// The helpers shared by the VCF readers: the sample-column chooser (io/vcf_sample.hpp) and the check of
// htslib's record errcode (io/vcf_record_check.hpp), alone and as the SV and copy-number readers use them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "io/cnv_reader.hpp"
#include "io/hts_handles.hpp"
#include "io/sv_vcf_reader.hpp"
#include "io/vcf_record_check.hpp"
#include "io/vcf_sample.hpp"
#include "support/test_support.hpp"

namespace precis::io {
namespace {

const std::vector<std::string> kPair = {"NORMAL", "TUMOR"};

SampleRequest tumour(const std::string& name = {}) {
    return SampleRequest{name, SampleNamedBy::tumor_sample_option, SampleDefault::tumour};
}

//! "why | help" of the Error(usage) that choose_sample throws, or "no error".
std::string usage_error(const std::vector<std::string>& samples, std::string_view hint,
                        const SampleRequest& request) {
    try {
        (void)choose_sample("in.vcf", samples, hint, request);
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::usage);
        EXPECT_EQ(error.where(), "in.vcf");
        return error.why() + " | " + error.help();
    }
    return "no error";
}

// ---- sample chooser ----

TEST(SampleChooser, TumourRequestedByName) {
    const SampleChoice choice = choose_sample("in.vcf", kPair, "", tumour("NORMAL"));
    EXPECT_EQ(choice.index, 0);
    EXPECT_EQ(choice.name, "NORMAL");
    EXPECT_EQ(choice.reason, "given with --tumor-sample");
    EXPECT_EQ(
        usage_error(kPair, "", tumour("T1")),
        "--tumor-sample 'T1' is not a sample of this VCF; it has: NORMAL, TUMOR | pass one of the listed "
        "sample names");
}

TEST(SampleChooser, TumourFromHeaderLineThenOnlySampleThenColumnName) {
    const std::vector<std::string> three = {"N1", "T1", "T2"};
    SampleChoice choice = choose_sample("in.vcf", three, "T2", tumour());
    EXPECT_EQ(choice.index, 2);
    EXPECT_EQ(choice.reason, "from the header line ##tumor_sample=");
    // A header line naming no sample of the file is no hint.
    EXPECT_EQ(usage_error(three, "T9", tumour()),
              "the VCF has 3 samples and no ##tumor_sample= header line: N1, T1, T2 | choose the tumour "
              "column with --tumor-sample NAME");
    choice = choose_sample("in.vcf", {"S1"}, "T9", tumour());
    EXPECT_EQ(choice.index, 0);
    EXPECT_EQ(choice.name, "S1");
    EXPECT_EQ(choice.reason, "the only sample in the VCF");
    choice = choose_sample("in.vcf", kPair, "", tumour());
    EXPECT_EQ(choice.index, 1);
    EXPECT_EQ(choice.reason, "the sample column named TUMOR");
    choice = choose_sample("in.vcf", {"tumour", "normal", "Tumor"}, "", tumour());
    EXPECT_EQ(choice.index, 2);  // the last column so named
    EXPECT_EQ(choice.name, "Tumor");
}

TEST(SampleChooser, TumourSitesOnlyHasNoColumnEvenWhenOneIsNamed) {
    for (const std::string& name : {std::string(), std::string("T1")}) {
        const SampleChoice choice = choose_sample("in.vcf", {}, "", tumour(name));
        EXPECT_EQ(choice.index, -1);
        EXPECT_EQ(choice.name, "");
        EXPECT_EQ(choice.reason, "sites-only VCF (no sample columns): VAF and depth not available");
    }
}

TEST(SampleChooser, FirstAndNoneDefaults) {
    const SampleRequest first{"", SampleNamedBy::sample_id, SampleDefault::first};
    const SampleRequest none{"", SampleNamedBy::sample_id, SampleDefault::none};
    EXPECT_EQ(choose_sample("in.vcf", kPair, "", first).index, 0);
    EXPECT_EQ(choose_sample("in.vcf", kPair, "", first).name, "NORMAL");
    EXPECT_EQ(choose_sample("in.vcf", {}, "", first).index, -1);
    EXPECT_EQ(choose_sample("in.vcf", kPair, "TUMOR", none).index, -1);  // no header hint for SVs
    EXPECT_EQ(choose_sample("in.vcf", kPair, "", none).name, "");
    const SampleRequest named{"TUMOR", SampleNamedBy::sample_id, SampleDefault::none};
    EXPECT_EQ(choose_sample("in.vcf", kPair, "", named).index, 1);
    const SampleRequest absent{"S", SampleNamedBy::sample_id, SampleDefault::first};
    EXPECT_EQ(usage_error(kPair, "", absent),
              "sample 'S' is not in the VCF; it has: NORMAL, TUMOR | give one of the sample names listed");
    EXPECT_EQ(usage_error({}, "", absent),
              "sample 'S' is not in the VCF; it has:  | give one of the sample "
              "names listed");
}

//! An opened VCF header (file and header handles owned).
struct OpenVcf {
    HtsFilePtr file;
    BcfHeaderPtr header;
    explicit OpenVcf(const std::string& path) : file(hts_open(path.c_str(), "r")) {
        EXPECT_TRUE(file) << path;
        if (file) {
            header.reset(bcf_hdr_read(file.get()));
        }
        EXPECT_TRUE(header) << path;
    }
};

const char* kHeader =
    "##fileformat=VCFv4.2\n"
    "##tumor_sample=T2\n"
    "##contig=<ID=chr7,length=159345973>\n"
    "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
    "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tN1\tT1\tT2\n";

TEST(SampleChooser, ReadsSamplesAndHintFromTheHeader) {
    const auto path = test::write_file(test::work_dir() / "hint.vcf", kHeader);
    const OpenVcf vcf(path.string());
    ASSERT_TRUE(vcf.header);
    EXPECT_EQ(vcf_sample_names(vcf.header.get()), (std::vector<std::string>{"N1", "T1", "T2"}));
    EXPECT_EQ(vcf_tumor_sample_hint(vcf.header.get()), "T2");
    const SampleChoice choice = choose_sample(path.string(), vcf.header.get(), tumour());
    EXPECT_EQ(choice.index, 2);
    EXPECT_EQ(choice.name, "T2");
    EXPECT_EQ(choose_sample(path.string(), vcf.header.get(), tumour("T1")).index, 1);
}

// ---- record errcode ----

TEST(RecordCheck, ClassifiesEveryErrorFlag) {
    EXPECT_FALSE(RecordCheck{0}.unusable());
    EXPECT_FALSE(RecordCheck{0}.undefined_names());
    EXPECT_EQ(RecordCheck{0}.problem(), "");
    for (const int undefined :
         {BCF_ERR_CTG_UNDEF, BCF_ERR_TAG_UNDEF, BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF}) {
        EXPECT_TRUE(RecordCheck{undefined}.undefined_names()) << undefined;
        EXPECT_FALSE(RecordCheck{undefined}.unusable()) << undefined;
        EXPECT_EQ(RecordCheck{undefined}.problem(), "") << undefined;
    }
    for (const int severe :
         {BCF_ERR_NCOLS, BCF_ERR_LIMITS, BCF_ERR_CHAR, BCF_ERR_CTG_INVALID, BCF_ERR_TAG_INVALID}) {
        EXPECT_TRUE(RecordCheck{severe}.unusable()) << severe;
        EXPECT_FALSE(RecordCheck{severe}.undefined_names()) << severe;
    }
    EXPECT_EQ(RecordCheck{BCF_ERR_NCOLS}.problem(), "htslib could not parse it (error flags 4)");
    // A contig htslib could not add: undefined and invalid, so unusable.
    const RecordCheck both{BCF_ERR_CTG_UNDEF | BCF_ERR_CTG_INVALID};
    EXPECT_TRUE(both.unusable());
    EXPECT_FALSE(both.undefined_names());
    EXPECT_EQ(both.problem(), "htslib could not parse it (error flags 33)");
}

//! check_record() of `line` parsed by htslib against kHeader; `parsed` is vcf_parse's status.
RecordCheck parse(const std::string& line, int& parsed) {
    const auto path = test::write_file(test::work_dir() / "parse.vcf", kHeader);
    const OpenVcf vcf(path.string());
    BcfRecordPtr record(bcf_init());
    KString text;
    kputs(line.c_str(), &text.s);
    parsed = vcf.header ? vcf_parse(&text.s, vcf.header.get(), record.get()) : -99;
    return check_record(*record);
}

TEST(RecordCheck, RecordsParsedByHtslib) {
    int parsed = 0;
    RecordCheck check = parse("chr7\t140753336\t.\tA\tT\t.\tPASS\tDP=5\tGT\t0/0\t0/1\t0/1", parsed);
    EXPECT_EQ(parsed, 0);
    EXPECT_EQ(check.flags, 0);
    check = parse("chr9\t100\t.\tA\tT\t.\tPASS\tDP=5\tGT\t0/0\t0/1\t0/1", parsed);
    EXPECT_EQ(parsed, 0);
    EXPECT_EQ(check.flags, BCF_ERR_CTG_UNDEF);
    EXPECT_TRUE(check.undefined_names());
    check = parse("chr7\t100\t.\tA\tT\t.\tPASS\tXX=1\tGT\t0/0\t0/1\t0/1", parsed);
    EXPECT_EQ(parsed, 0);
    EXPECT_EQ(check.flags, BCF_ERR_TAG_UNDEF);
    EXPECT_TRUE(check.undefined_names());
    check = parse("chr7\t100\t.\tA\tT\t.\tPASS\tDP=5\tGT\t0/0\t0/1", parsed);  // a sample column missing
    EXPECT_LT(parsed, 0);
    EXPECT_TRUE(check.unusable());
    EXPECT_EQ(check.problem(), "htslib could not parse it (error flags 4)");
}

// The SV and copy-number readers keep a record naming an undefined tag and count it, without a warning.
TEST(RecordCheck, SvReaderCountsUndefinedFilter) {
    const std::string path = std::string(test::kTestData) + "/fusion/manta_fgfr2_bnd.vcf";
    const SvVcfData data = read_sv_vcf(path, "", false);
    EXPECT_EQ(data.undefined_names, 1);  // FILTER MinSomaticScore is not in the header
    EXPECT_EQ(data.rows, 3);
    EXPECT_EQ(data.junctions.size(), 1u);
    EXPECT_EQ(data.warnings.size(), 1u);
}

TEST(RecordCheck, CnvVcfReaderCountsUndefinedInfo) {
    const auto path = test::write_file(test::work_dir() / "cn.vcf",
                                       "##fileformat=VCFv4.2\n"
                                       "##contig=<ID=17,length=81195210>\n"
                                       "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n"
                                       "##FORMAT=<ID=CN,Number=1,Type=Integer,Description=\"Copy number\">\n"
                                       "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\n"
                                       "17\t37800000\tc1\tN\t<DUP>\t.\tPASS\tEND=37900000;CALLER=x\tCN\t12\n"
                                       "17\t38000000\tc2\tN\t<DUP>\t.\tPASS\tEND=38100000\tCN\t9\n");
    const CnvData data = read_cnv_vcf(path.string(), "", false);
    EXPECT_EQ(data.undefined_names, 1);
    EXPECT_EQ(data.sample, "T");
    ASSERT_EQ(data.segments.size(), 2u);
    EXPECT_EQ(data.segments[0].copy_number, 12.0);
    EXPECT_TRUE(data.warnings.empty());
}

}  // namespace
}  // namespace precis::io
