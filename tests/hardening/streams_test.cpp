// SPDX-License-Identifier: Apache-2.0
// Issue 9 hardening, streamed input: every input is read exactly once, whatever it is (a regular file,
// standard input, a named pipe), the checksum is that of the bytes read, and a device that never ends is
// refused. Before: the checksum thread reopened the path and consumed half of a pipe (BRAF V600E "not
// detected" in half the runs), a FIFO hung, --cnv/--ihc from a pipe failed, and "--vcf -" was "missing".
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "common/sha256.hpp"
#include "support/test_support.hpp"

namespace precis::test {

namespace fs = std::filesystem;

namespace {

//! A raw GRCh38 VCF of `n` records away from the knowledge base, with BRAF V600E as the last record.
std::string long_vcf(int n) {
    std::ostringstream out;
    out << "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr7,length=159345973>\n"
           "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
    for (int i = 0; i < n; ++i) {
        out << "chr1\t" << 1000000 + i * 10 << "\t.\tA\tG\t.\tPASS\t.\n";
    }
    out << "chr7\t140753336\t.\tA\tT\t.\tPASS\t.\n";
    return out.str();
}

//! Writes `text` into the named pipe `fifo` from another thread (opening blocks until a reader comes).
std::thread feed(const fs::path& fifo, const std::string& text) {
    return std::thread([fifo, text] { std::ofstream(fifo, std::ios::binary) << text; });
}

std::string report_of(const fs::path& out) {
    return slurp(out / "S.precis.json");
}

}  // namespace

TEST(StreamedInput, StdinDashReadsEveryRecordAndHashesWhatWasRead) {
    const fs::path dir = work_dir();
    const std::string vcf = long_vcf(200000);
    const fs::path file = write_file(dir / "in.vcf", vcf);
    const fs::path fifo = dir / "stdin.fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::thread writer = feed(fifo, vcf);
    const RunResult r = run_precis({"interpret", "--sample", "S", "--tumor-type", "GBC", "--vcf", "-",
                                    "--out", (dir / "out").string(), "--formats", "json"},
                                   fifo.string());
    writer.join();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string report = report_of(dir / "out");
    EXPECT_NE(report.find("\"alteration\": \"V600E\""), std::string::npos) << "the last record was read";
    EXPECT_NE(report.find("\"records\": 200001"), std::string::npos) << "every record was counted";
    EXPECT_NE(report.find("\"path\": \"(stdin)\""), std::string::npos);
    EXPECT_NE(report.find(sha256_file(file.string())), std::string::npos) << "checksum of the bytes read";
}

TEST(StreamedInput, NamedPipeDoesNotHangAndTablesFromPipesAreReadOnce) {
    const fs::path dir = work_dir();
    const fs::path vcf_fifo = dir / "vcf.fifo";
    const fs::path cnv_fifo = dir / "cnv.fifo";
    const fs::path ihc_fifo = dir / "ihc.fifo";
    for (const fs::path& fifo : {vcf_fifo, cnv_fifo, ihc_fifo}) {
        ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    }
    const fs::path example = fs::path(kSourceDir) / "testdata" / "example";
    std::thread a = feed(vcf_fifo, long_vcf(1000));
    std::thread b = feed(cnv_fifo, slurp(example / "example.cna.tsv"));
    std::thread c = feed(ihc_fifo, slurp(example / "example.ihc.json"));
    const RunResult r = run_precis({"interpret", "--sample", "S", "--tumor-type", "GBC", "--vcf",
                                    vcf_fifo.string(), "--cnv", cnv_fifo.string(), "--ihc", ihc_fifo.string(),
                                    "--out", (dir / "out").string(), "--formats", "json"});
    a.join();
    b.join();
    c.join();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string report = report_of(dir / "out");
    EXPECT_NE(report.find("\"alteration\": \"V600E\""), std::string::npos);
    EXPECT_NE(report.find("\"alteration\": \"amplification\""), std::string::npos) << "CNV from a pipe";
    EXPECT_NE(report.find("\"alteration\": \"HER2 IHC 3+"), std::string::npos) << "IHC from a pipe";
    EXPECT_NE(report.find("\"file\": \"" + cnv_fifo.string() + "\""), std::string::npos)
        << "the pipe is named as given, never its temporary copy";
    EXPECT_EQ(report.find("precis-input-"), std::string::npos);
}

TEST(StreamedInput, DevicesAreRefusedAndBinaryStreamsRejected) {
    const fs::path dir = work_dir();
    for (const std::string option : {"--vcf", "--cnv", "--ihc", "--panel-bed"}) {
        const RunResult r =
            run_precis({"interpret", "--sample", "S", "--tumor-type", "GBC", "--genome", "GRCh38",
                        "--msi-status", "MSS", option, "/dev/zero", "--out", (dir / "out").string()});
        EXPECT_EQ(r.exit_code, 3) << option << ": " << r.err;
        EXPECT_NE(r.err.find("/dev/zero: " + option + " is a device"), std::string::npos) << r.err;
    }
    const RunResult case_device =
        run_precis({"interpret", "--case", "/dev/urandom", "--out", (dir / "out").string()});
    EXPECT_EQ(case_device.exit_code, 3) << case_device.err;
    EXPECT_NE(case_device.err.find("/dev/urandom: the case file is a device"), std::string::npos)
        << case_device.err;
    const fs::path binary = write_file(dir / "binary.dat", std::string("\0\1\2\3garbage", 11));
    const fs::path fifo = dir / "bin.fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::thread writer = feed(fifo, slurp(binary));
    const RunResult r = run_precis(
        {"interpret", "--sample", "S", "--tumor-type", "GBC", "--vcf", "-", "--out", (dir / "out").string()},
        fifo.string());
    writer.join();
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find("(stdin): the stream does not start like a text file"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "out" / "S.precis.json"));
}

TEST(StreamedInput, OnlyOneInputMayBeStandardInput) {
    const fs::path dir = work_dir();
    const RunResult r = run_precis({"interpret", "--sample", "S", "--tumor-type", "GBC", "--genome", "GRCh38",
                                    "--vcf", "-", "--cnv", "-", "--out", (dir / "out").string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("standard input ('-') is already used"), std::string::npos) << r.err;
}

// Every path in the report is recorded as given, and by its file name only under --deterministic, also
// where it is part of a sentence. Before: the panel BED in the TMB counting rule was neither, so a streamed
// BED put its temporary copy ("size of /tmp/precis-input-...") into the report.
TEST(StreamedInput, DeterministicReportNamesThePanelBedByItsFileNameOnly) {
    const fs::path dir = work_dir();
    const fs::path vcf = write_file(dir / "in.vcf", long_vcf(3));
    const fs::path bed = write_file(dir / "panel.bed", "chr7\t140000000\t141000000\n");
    const RunResult streamed =
        run_precis({"interpret", "--sample", "S", "--tumor-type", "GBC", "--vcf", vcf.string(), "--panel-bed",
                    "-", "--deterministic", "--out", (dir / "streamed").string(), "--formats", "json"},
                   bed.string());
    ASSERT_EQ(streamed.exit_code, 0) << streamed.err;
    const std::string from_stdin = report_of(dir / "streamed");
    EXPECT_NE(from_stdin.find("(size of (stdin))"), std::string::npos);
    EXPECT_EQ(from_stdin.find("precis-input-"), std::string::npos) << "no temporary copy is named";

    const RunResult given =
        run_precis({"interpret", "--sample", "S", "--tumor-type", "GBC", "--vcf", vcf.string(), "--panel-bed",
                    bed.string(), "--deterministic", "--out", (dir / "given").string(), "--formats", "json"});
    ASSERT_EQ(given.exit_code, 0) << given.err;
    const std::string from_file = report_of(dir / "given");
    EXPECT_NE(from_file.find("(size of panel.bed)"), std::string::npos);
    EXPECT_EQ(from_file.find(dir.string()), std::string::npos) << "no directory is named";
}

}  // namespace precis::test
