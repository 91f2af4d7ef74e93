// SPDX-License-Identifier: Apache-2.0
// Issue 9: every reader rejects NaN, infinity, hex, trailing text and out-of-range numbers as malformed
// (a counted warning; Error(input) under strict), and no coordinate or count can overflow. Inputs are
// written by the tests (a few lines each) or read from testdata/hardening/.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "interpret/copy_number_caller.hpp"
#include "interpret/fusion_assessment.hpp"
#include "io/bed_reader.hpp"
#include "io/cnv_reader.hpp"
#include "io/fusion_reader.hpp"
#include "io/ihc_reader.hpp"
#include "io/maf_reader.hpp"
#include "io/msi_reader.hpp"
#include "io/sv_vcf_reader.hpp"
#include "io/vcf_reader.hpp"
#include "support/test_support.hpp"
#include "test_paths.hpp"
#include "unit/inputs/inputs_test_genes.hpp"

namespace precis {
namespace {

namespace fs = std::filesystem;
using interpret::GeneSet;

std::string write(const std::string& name, const std::string& text) {
    const fs::path path = test::work_dir() / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    return path.string();
}

std::string hardening(const std::string& name) {
    return std::string(test::kTestData) + "/hardening/" + name;
}

bool contains(const std::vector<std::string>& texts, const std::string& part) {
    return std::any_of(texts.begin(), texts.end(),
                       [&](const std::string& text) { return text.find(part) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& texts) {
    std::string out;
    for (const std::string& text : texts) {
        out += text + "\n";
    }
    return out;
}

std::map<std::string, CopyNumberCall> calls_by_gene(const io::CnvData& data, const std::string& path) {
    std::vector<std::string> warnings;
    std::map<std::string, CopyNumberCall> calls;
    for (CopyNumberCall& call :
         interpret::call_copy_numbers(data, path, GeneSet(test::input_test_genes()), Genome::GRCh37,
                                      interpret::CopyNumberRules{}, warnings)) {
        calls[call.gene] = call;
    }
    return calls;
}

//! Expects `read` to throw Error(input) (exit 3) whose text contains `part`.
template <typename Read>
void expect_input_error(Read read, const std::string& part) {
    try {
        read();
        ADD_FAILURE() << "no error; expected one containing: " << part;
    } catch (const Error& error) {
        EXPECT_EQ(error.exit_code(), ExitCode::input) << error.what();
        EXPECT_NE(std::string(error.what()).find(part), std::string::npos) << error.what();
    }
}

// ---- copy number ----

TEST(NumericCnv, CnvkitLog2NanForPtenIsSkippedNotAHomozygousDeletion) {
    const std::string path = hardening("cnvkit_pten_log2_nan.cns");
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"auto", "", false});
    ASSERT_EQ(data.segments.size(), 1u);  // the ERBB2 segment; the PTEN one is skipped
    EXPECT_EQ(data.skipped.at("neither a log2 ratio nor a copy number (empty, NA or NaN)"), 1);
    EXPECT_TRUE(contains(data.warnings, "1 row skipped: neither a log2 ratio nor a copy number"))
        << joined(data.warnings);
    const auto calls = calls_by_gene(data, path);
    EXPECT_EQ(calls.count("PTEN"), 0u) << calls.at("PTEN").rule;  // no call: not assessed, never CN 0
    EXPECT_EQ(calls.at("ERBB2").cn_class, CopyNumberClass::neutral);
    expect_input_error(
        [&] {
            io::read_cnv(path, io::CnvReadOptions{"auto", "", true});
        },
        "neither a log2 ratio nor a copy number");
}

TEST(NumericCnv, InfiniteAndHugeValuesAreSkipped) {
    const std::string path = write("huge.cns",
                                   "chromosome\tstart\tend\tgene\tlog2\n"
                                   "10\t89622869\t89731687\tPTEN\tinf\n"
                                   "17\t37844166\t37886679\tERBB2\t1024\n"
                                   "9\t21967750\t21995300\tCDKN2A\t-1e308\n"
                                   "7\t116312443\t116438440\tMET\t0x10\n"
                                   "12\t58141509\t58149796\tCDK4\t3.2\n");
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"auto", "", false});
    ASSERT_EQ(data.segments.size(), 1u);
    EXPECT_EQ(data.skipped.at("log2 is not a finite number in [-100, 100]"), 4);
    const auto calls = calls_by_gene(data, path);
    EXPECT_EQ(calls.count("ERBB2"), 0u);
    EXPECT_EQ(calls.at("CDK4").cn_class, CopyNumberClass::amplification);
}

TEST(NumericCnv, PurpleCopyNumberInfinityIsSkipped) {
    const std::string path = write("purple.cnv.somatic.tsv",
                                   "chromosome\tstart\tend\tcopyNumber\tminorAlleleCopyNumber\n"
                                   "17\t37844167\t37886679\tinf\t1\n"
                                   "10\t89622870\t89731687\t1e308\t0\n"
                                   "9\t21967751\t21995300\tNaN\t0\n"
                                   "12\t58141510\t58149796\t-0.01\t0\n");
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"auto", "", false});
    ASSERT_EQ(data.segments.size(), 1u);
    EXPECT_DOUBLE_EQ(*data.segments[0].copy_number, 0.0);  // PURPLE's slightly negative fit reads as 0
    EXPECT_EQ(data.skipped.at("copy number is not a finite number in [-1, 1000]"), 2);
    EXPECT_EQ(data.skipped.at("neither a log2 ratio nor a copy number (empty, NA or NaN)"), 1);
}

TEST(NumericCnv, NanAlleleCopyNumbersOverErbb2AreSkippedNotNeutral) {
    const std::string path = write("segments.tsv",
                                   "Chromosome\tStart\tEnd\tnMajor\tnMinor\n"
                                   "17\t37844167\t37886679\tNaN\tNaN\n"
                                   "12\t58141510\t58149796\t8\tnan\n");
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"auto", "", false});
    EXPECT_TRUE(data.segments.empty());
    EXPECT_EQ(data.skipped.at("an allele copy number (nMajor, nMinor) is not a finite number in [-1, 1000]"),
              2);
    EXPECT_EQ(calls_by_gene(data, path).count("ERBB2"), 0u);  // not assessed, never "not detected"
}

TEST(NumericCnv, ExtremeCoordinatesAreSkippedWithoutOverflow) {
    const std::string path = write("coords.cns",
                                   "chromosome\tstart\tend\tgene\tlog2\n"
                                   "10\t9223372036854775807\t9223372036854775807\tPTEN\t-5\n"
                                   "10\t-9223372036854775808\t9223372036854775807\tPTEN\t-5\n"
                                   "10\t0x10\t89731687\tPTEN\t-5\n"
                                   "10\t-5\t89731687\tPTEN\t-5\n"
                                   "10\t1e300\t1e301\tPTEN\t-5\n"
                                   "17\t3.7844166e+07\t37886679\tERBB2\t0.1\n");
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"auto", "", false});
    ASSERT_EQ(data.segments.size(), 1u);
    EXPECT_EQ(data.segments[0].start, 37844167);  // an integral float position, 0-based + 1
    EXPECT_EQ(data.skipped.at("start/end are not whole numbers in 0..1000000000"), 5);
    EXPECT_EQ(calls_by_gene(data, path).count("PTEN"), 0u);
}

TEST(NumericCnv, SegFileSpanningTheWholeInt64RangeIsSkipped) {
    const std::string path = write("span.seg",
                                   "ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\n"
                                   "S1\t10\t-9223372036854775808\t9223372036854775807\t10\t-9\n"
                                   "S1\t17\t37844167\t37886679\t10\t0.05\n");
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"auto", "", false});
    ASSERT_EQ(data.segments.size(), 1u);
    EXPECT_EQ(calls_by_gene(data, path).count("PTEN"), 0u);
}

TEST(NumericCnv, OncotatorNanMeanKeepsItsNotProfiledMeaning) {
    const std::string path =
        write("oncotator.seg.annotated",
              "gene\tsegment_contig\tsegment_start\tsegment_end\tsegment_mean\tsegment_call\n"
              "ERBB2\t17\t37844167\t37886679\tNaN\t+\n"
              "PTEN\t10\t89622870\t89731687\tinf\t-\n"
              "MET\t7\t0x10\t116438440\t0.1\t0\n");
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"auto", "", false});
    ASSERT_EQ(data.genes.size(), 1u);
    EXPECT_EQ(data.genes[0].gene, "ERBB2");
    EXPECT_FALSE(data.genes[0].log2.has_value());   // NaN: no segment mean, never a number
    EXPECT_FALSE(data.genes[0].ambiguity.empty());  // the '+' alone is read as an ambiguous gain
    EXPECT_EQ(data.skipped.at("segment_mean is not a finite number in [-100, 100]"), 1);
    EXPECT_EQ(data.skipped.at("segment start/end are not whole numbers in 0..1000000000"), 1);
}

TEST(NumericCnv, CnvVcfPositionAndCopyNumberAreChecked) {
    const std::string path = write("cnv.vcf",
                                   "##fileformat=VCFv4.2\n"
                                   "##contig=<ID=17,length=81195210>\n"
                                   "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n"
                                   "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type\">\n"
                                   "##FORMAT=<ID=CN,Number=1,Type=Float,Description=\"Copy number\">\n"
                                   "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tT\n"
                                   "17\t1.5e8\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=37886679\tCN\t9\n"
                                   "17\t81195300\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=81195400\tCN\t9\n"
                                   "17\t37844166\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=37886679\tCN\tinf\n"
                                   "17\t37844166\t.\tN\t<DUP>\t.\tPASS\tSVTYPE=DUP;END=37886679\tCN\t9\n");
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"vcf", "", false});
    ASSERT_EQ(data.segments.size(), 1u);
    EXPECT_EQ(data.segments[0].line, 4);
    EXPECT_EQ(data.skipped.at("POS or END is not a position on the contig"), 2);
    EXPECT_EQ(data.skipped.at("CN is not a finite number in [0, 1000]"), 1);
}

// ---- small variants ----

std::string small_vcf(const std::string& records) {
    return "##fileformat=VCFv4.2\n"
           "##contig=<ID=chr7,length=159345973>\n"
           "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. "
           "Format: "
           "Allele|Consequence|SYMBOL|Feature|HGVSp\">\n"
           "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
           "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n"
           "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
           "##FORMAT=<ID=AF,Number=A,Type=Float,Description=\"Allele fraction\">\n"
           "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n" +
           records;
}

std::string braf(const std::string& pos, const std::string& format, const std::string& values) {
    return "chr7\t" + pos + "\t.\tA\tT\t.\tPASS\tCSQ=T|missense_variant|BRAF|ENST00000646891|p.Val640Glu\t" +
           format + "\t" + values + "\n";
}

io::VcfReadStats read_vcf(const std::string& path, std::vector<io::VcfAllele>& alleles, bool strict = false) {
    io::VcfReaderOptions options;
    options.strict = strict;
    io::VcfReader reader(path, options);
    return reader.read([](const std::string&, std::int64_t, std::int64_t) { return true; },
                       [&](const io::VcfAllele& allele) { alleles.push_back(allele); }, {});
}

TEST(NumericVcf, NonFiniteOrOutOfRangeFormatValuesMakeTheRecordMalformed) {
    const std::string path = write(
        "af.vcf",
        small_vcf(braf("140753336", "GT:AF", "0/1:inf") + braf("140753336", "GT:AF", "0/1:nan") +
                  braf("140753336", "GT:AF", "0/1:7.5") + braf("140753336", "GT:AD:DP", "0/1:10,-3:20") +
                  braf("140753336", "GT:AD:DP", "0/1:2000000000,2000000000:5") +
                  braf("140753336", "GT:AD:DP", "0/1:10,5:-1") +
                  braf("140753336", "GT:AF:DP", "0/1:0.25:100")));
    std::vector<io::VcfAllele> alleles;
    const io::VcfReadStats stats = read_vcf(path, alleles);
    EXPECT_EQ(stats.malformed, 6);
    ASSERT_EQ(alleles.size(), 1u);
    EXPECT_FLOAT_EQ(static_cast<float>(*alleles[0].vaf), 0.25f);
    const std::string examples = joined(stats.malformed_examples);
    EXPECT_NE(examples.find("FORMAT/AF inf is not an allele fraction in [0, 1]"), std::string::npos)
        << examples;
    EXPECT_NE(examples.find("FORMAT/AF 7.5 is not an allele fraction"), std::string::npos) << examples;
    EXPECT_NE(examples.find("FORMAT/AD -3 is not a read count"), std::string::npos) << examples;
    std::vector<io::VcfAllele> ignored;
    expect_input_error([&] { read_vcf(path, ignored, true); }, "FORMAT/AF inf is not an allele fraction");
}

TEST(NumericVcf, ExtremePositionsAreMalformedWithoutOverflow) {
    const std::string path =
        write("pos.vcf",
              small_vcf(braf("9223372036854775807", "GT", "0/1") + braf("2147483648", "GT", "0/1") +
                        braf("1.5e8", "GT", "0/1") + braf("0x10", "GT", "0/1") + braf("-5", "GT", "0/1") +
                        braf("159345974", "GT", "0/1") + braf("140753336", "GT", "0/1")));
    std::vector<io::VcfAllele> alleles;
    const io::VcfReadStats stats = read_vcf(path, alleles);
    EXPECT_EQ(stats.malformed, 6);
    ASSERT_EQ(alleles.size(), 1u);
    EXPECT_EQ(alleles[0].pos, 140753336);
    const std::string examples = joined(stats.malformed_examples);
    EXPECT_NE(examples.find("POS '1.5e8' is not a whole number in 1..1000000000"), std::string::npos)
        << examples;
    EXPECT_NE(examples.find("POS '9223372036854775807'"), std::string::npos) << examples;
}

TEST(NumericVcf, RawVcfPrescreenRejectsTheSamePositions) {
    const std::string path =
        write("raw.vcf", small_vcf("chr7\t1.5e8\t.\tA\tT\t.\tPASS\t.\tGT\t0/1\n"
                                   "chr7\t9223372036854775807\t.\tA\tT\t.\tPASS\t.\tGT\t0/1\n"
                                   "chr7\t140753336\t.\tA\tT\t.\tPASS\t.\tGT\t0/1\n"));
    io::VcfReader reader(path, io::VcfReaderOptions{});
    std::vector<io::VcfAllele> alleles;
    const io::VcfReadStats stats =
        reader.read([](const std::string&, std::int64_t, std::int64_t) { return true; },
                    [&](const io::VcfAllele& allele) { alleles.push_back(allele); }, {}, true);
    EXPECT_EQ(stats.malformed, 2);
    EXPECT_EQ(alleles.size(), 1u);
}

TEST(NumericMaf, PositionsAndCountsAreChecked) {
    const std::string path =
        write("x.maf",
              "Hugo_Symbol\tChromosome\tStart_Position\tReference_Allele\tTumor_Seq_Allele2\t"
              "HGVSp_Short\tt_alt_count\tt_ref_count\n"
              "BRAF\t7\t1.5e8\tA\tT\tp.V600E\t10\t20\n"
              "BRAF\t7\t140753336\tA\tT\tp.V600E\t2000000000\t2000000000\n"
              "BRAF\t7\t140753336\tA\tT\tp.V600E\t10\t20\n");
    const io::MafData data = io::read_maf(path, "", false);
    ASSERT_EQ(data.rows.size(), 1u);
    EXPECT_EQ(data.skipped, 2);
    EXPECT_EQ(data.skipped_reasons.at("Start_Position is not a whole number in 1..1000000000"), 1);
    EXPECT_EQ(
        data.skipped_reasons.at("t_alt_count, t_ref_count or t_depth is not a read count in 0..1000000000"),
        1);
    expect_input_error([&] { io::read_maf(path, "", true); }, "Start_Position is not a whole number");
}

TEST(NumericBed, HugeAndHexCoordinatesAreSkipped) {
    const std::string path = write("panel.bed",
                                   "7\t0\t9223372036854775807\n"
                                   "7\t-9223372036854775808\t10\n"
                                   "7\t0x10\t100\n"
                                   "7\t140753300\t140753400\n");
    std::vector<std::string> warnings;
    const io::BedRegions bed = io::BedRegions::read(path, false, warnings);
    EXPECT_EQ(bed.total_bases(), 100);
    EXPECT_TRUE(contains(warnings, "3 rows skipped: start/end are not whole numbers")) << joined(warnings);
    const std::string only_bad = write("bad.bed", "7\t0\t9223372036854775807\n");
    expect_input_error([&] { io::BedRegions::read(only_bad, false, warnings); }, "no valid BED interval");
}

// ---- fusions ----

TEST(NumericFusions, UnusableSplitReadsKeepTheAlkFusionWithUnknownSupport) {
    const std::string path = hardening("alk_split_reads_1e20.tsv");
    const io::FusionData data = io::read_fusions(path, io::FusionReadOptions{"auto", 2, "", false});
    ASSERT_EQ(data.fusions.size(), 4u) << joined(data.warnings);  // none dropped as "low support"
    for (const Fusion& fusion : data.fusions) {
        EXPECT_EQ(fusion.gene3, "ALK");
        EXPECT_FALSE(fusion.split_reads.has_value());
        EXPECT_FALSE(fusion.spanning_reads.has_value());
        EXPECT_NE(fusion.support_note.find("read support is unknown"), std::string::npos);
    }
    EXPECT_TRUE(contains(data.warnings, "4 rows kept with a warning: a read count is not a whole number"))
        << joined(data.warnings);
    EXPECT_TRUE(data.skipped.empty());  // kept rows are not counted as skipped (accounting unchanged)
    const GeneSet genes(test::input_test_genes());
    const auto assessed = interpret::assess_fusion(data.fusions[0], genes, Genome::GRCh37);
    ASSERT_EQ(assessed.size(), 1u);
    EXPECT_EQ(assessed[0].gene, "ALK");
    EXPECT_EQ(assessed[0].role, "3prime");
    expect_input_error(
        [&] {
            io::read_fusions(path, io::FusionReadOptions{"auto", 2, "", true});
        },
        "a read count is not a whole number");
}

TEST(NumericFusions, ArribaSplitReadsBeyondTheLimitDoNotOverflow) {
    const std::string path =
        write("arriba.tsv",
              "#gene1\tgene2\tbreakpoint1\tbreakpoint2\tsplit_reads1\tsplit_reads2\t"
              "discordant_mates\n"
              "EML4\tALK\t2:42522656\t2:29446394\t2000000000\t2000000000\t0\n"
              "EML4\tALK\t2:42522656\t2:0x1C1A0A9A\t5\t5\t1\n"
              "KIF5B\tRET\t10:32317356\t10:43612032\t1000000000\t1000000000\t1000000000\n");
    const io::FusionData data = io::read_fusions(path, io::FusionReadOptions{"auto", 2, "", false});
    ASSERT_EQ(data.fusions.size(), 3u);
    EXPECT_FALSE(data.fusions[0].split_reads.has_value());  // 2e9 is not a read count: support unknown
    EXPECT_FALSE(data.fusions[1].breakpoint3.has_value());  // hex position: no breakpoint
    EXPECT_EQ(data.fusions[1].split_reads, 10);
    EXPECT_EQ(data.fusions[2].split_reads, 2000000000);  // 1e9 + 1e9 still fits
    EXPECT_TRUE(contains(data.warnings, "a breakpoint is not chrom:pos")) << joined(data.warnings);
}

TEST(NumericFusions, SvVcfNegativeReadCountIsUnknownSupport) {
    const std::string path =
        write("delly.vcf",
              "##fileformat=VCFv4.2\n"
              "##contig=<ID=2,length=243199373>\n"
              "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type\">\n"
              "##INFO=<ID=CHR2,Number=1,Type=String,Description=\"Chr2\">\n"
              "##INFO=<ID=POS2,Number=1,Type=Integer,Description=\"Pos2\">\n"
              "##INFO=<ID=CT,Number=1,Type=String,Description=\"CT\">\n"
              "##INFO=<ID=SR,Number=1,Type=Integer,Description=\"SR\">\n"
              "##INFO=<ID=PE,Number=1,Type=Integer,Description=\"PE\">\n"
              "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
              "2\t29446000\tb1\tN\t<TRA>\t.\tPASS\tSVTYPE=BND;CHR2=2;POS2=42522656;CT=5to3;SR=-5;"
              "PE=0\n"
              "2\t29446000\tb2\tN\t<TRA>\t.\tPASS\tSVTYPE=BND;CHR2=2;POS2=2000000000;CT=5to3;"
              "SR=5;PE=5\n"
              "2\t29446000\tb3\tN\tN[2:0x10[\t.\tPASS\tSVTYPE=BND;SR=5;PE=5\n");
    const io::SvVcfData data = io::read_sv_vcf(path, "", false);
    ASSERT_EQ(data.junctions.size(), 1u) << joined(data.warnings);
    EXPECT_FALSE(data.junctions[0].split_reads.has_value());
    EXPECT_FALSE(data.junctions[0].support_note.empty());
    EXPECT_EQ(data.skipped.size(), 2u) << joined(data.warnings);
}

// ---- MSI, TMB, IHC ----

TEST(NumericSignals, MsiScoresThatAreNotFiniteNumbersExitThree) {
    std::string format;
    const std::string mantis = write("mantis.status",
                                     "Locus\tNormal_Reads\tTumor_Reads\tDifference\tDistance\tDissimilarity\n"
                                     "Step-Wise Difference (DIF)\tinf\n");
    expect_input_error([&] { io::read_msi_file(mantis, "", format); },
                       "Step-Wise Difference row has no number");
    const std::string msisensor =
        write("msisensor.tsv", "Total_Number_of_Sites\tNumber_of_Somatic_Sites\t%\n100\t20\tnan\n");
    expect_input_error([&] { io::read_msi_file(msisensor, "", format); }, "is not a percentage 0-100");
    const std::string purple = write("purple.purity.tsv",
                                     "purity\tploidy\tmsIndelsPerMb\ttmbPerMb\n"
                                     "0.6\t2.1\tNaN\t12\n");
    expect_input_error([&] { io::read_purple_purity(purple); },
                       "msIndelsPerMb 'NaN' is not a number in [0, 10000]");
    const std::string negative_tmb = write("purple2.purity.tsv",
                                           "purity\tploidy\tmsIndelsPerMb\ttmbPerMb\n"
                                           "0.6\t2.1\t0.5\t-3\n");
    expect_input_error([&] { io::read_purple_purity(negative_tmb); },
                       "tmbPerMb '-3' is not a number in [0, 10000]");
}

TEST(NumericSignals, ClassifierRefusesANanScore) {
    MsiResult result;
    result.caller = "msisensor";
    result.score = std::numeric_limits<double>::quiet_NaN();
    EXPECT_THROW(io::classify_msi(result, std::nullopt), Error);  // never MSS
}

TEST(NumericSignals, IhcNumbersOutsideTheirRangesExitThree) {
    const std::string csv = write("ihc.csv", "marker,score,ish_ratio\nHER2,2+,inf\n");
    expect_input_error([&] { io::read_ihc(csv, test::kSchemas); },
                       "ish_ratio 'inf' is not a number in [0, 100]");
    const std::string tps = write("ihc2.csv", "marker,tps\nPD-L1,150\n");
    expect_input_error([&] { io::read_ihc(tps, test::kSchemas); }, "tps '150' is not a number in [0, 100]");
}

}  // namespace
}  // namespace precis
