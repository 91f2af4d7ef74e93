// SPDX-License-Identifier: Apache-2.0
// Issue 9 hardening, damaged and unusual input: each test holds the minimal input beside it (written by
// the test) and asserts the exit code, the message and the clinical outcome.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "io/hts_handles.hpp"
#include "support/test_support.hpp"

namespace precis::test {

namespace fs = std::filesystem;

namespace {

const char* kHeader38 =
    "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr7,length=159345973>\n"
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";

//! `n` records on chr1 away from the knowledge base, then BRAF V600E (GRCh38) last.
std::string vcf_with_braf_last(int n) {
    std::ostringstream out;
    out << kHeader38;
    for (int i = 0; i < n; ++i) {
        out << "chr1\t" << 1000000 + i * 10 << "\t.\tA\tG\t.\tPASS\t.\n";
    }
    out << "chr7\t140753336\t.\tA\tT\t.\tPASS\t.\n";
    return out.str();
}

//! Writes `text` bgzipped with htslib (with its end-of-file marker).
fs::path bgzip(const fs::path& path, const std::string& text) {
    io::BgzfPtr out(bgzf_open(path.c_str(), "w"));
    if (!out) {
        ADD_FAILURE() << "cannot create " << path;
        return path;
    }
    EXPECT_EQ(bgzf_write(out.get(), text.data(), text.size()), static_cast<ssize_t>(text.size()));
    EXPECT_EQ(bgzf_close(out.release()), 0);
    return path;
}

RunResult interpret(const fs::path& dir, std::vector<std::string> extra) {
    std::vector<std::string> args = {
        "interpret", "--sample", "S", "--tumor-type", "GBC", "--out", (dir / "out").string(),
        "--formats", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_precis(args);
}

std::string report(const fs::path& dir) {
    return slurp(dir / "out" / "S.precis.json");
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST(DamagedVcf, BlankLinesBetweenRecordsAreCountedNotCrashes) {
    const fs::path dir = work_dir();
    std::string text = vcf_with_braf_last(3);
    text = std::string(kHeader38) +
           "chr1\t1000000\t.\tA\tG\t.\tPASS\t.\n\nchr7\t140753336\t.\tA\tT\t.\tPASS\t.\n\n";
    const fs::path vcf = write_file(dir / "blank.vcf", text);
    // Raw VCF with TMB counting (every record parsed by htslib), and the strict mode.
    RunResult r = interpret(dir, {"--vcf", vcf.string(), "--panel-size-mb", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(report(dir), "\"alteration\": \"V600E\""));
    EXPECT_TRUE(has(report(dir), "blank line, or a record without CHROM or REF"));
    r = interpret(dir, {"--vcf", vcf.string(), "--panel-size-mb", "1", "--strict"});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_TRUE(has(r.err, "record 2: blank line")) << r.err;
}

TEST(DamagedVcf, TruncatedBgzipIsAnInputErrorNotAnEarlyEnd) {
    const fs::path dir = work_dir();
    const fs::path whole = bgzip(dir / "whole.vcf.gz", vcf_with_braf_last(30000));
    const std::string bytes = slurp(whole);
    // Cut inside a block, and cut exactly after the first block (no end-of-file marker either way).
    // BGZF block header: BSIZE (total block size - 1) is the little-endian uint16 at bytes 16-17.
    ASSERT_GT(bytes.size(), 18u);
    const std::size_t first_block =
        (static_cast<unsigned char>(bytes[16]) | (static_cast<unsigned char>(bytes[17]) << 8)) + 1u;
    ASSERT_LT(first_block, bytes.size());
    for (const std::size_t cut : {bytes.size() * 2 / 3, first_block}) {
        const fs::path cut_file = write_file(dir / "cut.vcf.gz", bytes.substr(0, cut));
        for (const std::vector<std::string>& extra : {std::vector<std::string>{}, {"--panel-size-mb", "1"}}) {
            std::vector<std::string> args = {"--vcf", cut_file.string()};
            args.insert(args.end(), extra.begin(), extra.end());
            const RunResult r = interpret(dir, args);
            EXPECT_EQ(r.exit_code, 3) << "cut at " << cut << ": " << r.err;
            EXPECT_TRUE(has(r.err, cut_file.string())) << r.err;
            EXPECT_TRUE(has(r.err, "truncated")) << r.err;
        }
    }
}

TEST(DamagedVcf, StaleOrForeignIndexIsNotTrusted) {
    const fs::path dir = work_dir();
    const fs::path vcf = bgzip(dir / "calls.vcf.gz", vcf_with_braf_last(2000));
    // An index of another file (same contigs, other offsets), newer than the data.
    std::ostringstream other;
    other << kHeader38;
    for (int i = 0; i < 500; ++i) {
        other << "chr7\t" << 140000000 + i * 2000 << "\t.\tA\tG\t.\tPASS\t.\n";
    }
    const fs::path other_vcf = bgzip(dir / "other.vcf.gz", other.str());
    ASSERT_EQ(tbx_index_build(other_vcf.c_str(), 0, &tbx_conf_vcf), 0);
    fs::copy_file(dir / "other.vcf.gz.tbi", dir / "calls.vcf.gz.tbi");
    RunResult r = interpret(dir, {"--vcf", vcf.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(report(dir), "\"alteration\": \"V600E\"")) << "found by the full scan";
    EXPECT_TRUE(has(report(dir), "an index of another file?")) << report(dir);
    r = interpret(dir, {"--vcf", vcf.string(), "--strict"});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_TRUE(has(r.err, "re-index the file")) << r.err;
    // The file's own index, but older than the data.
    fs::remove(dir / "calls.vcf.gz.tbi");
    ASSERT_EQ(tbx_index_build(vcf.c_str(), 0, &tbx_conf_vcf), 0);
    fs::last_write_time(dir / "calls.vcf.gz.tbi", fs::last_write_time(vcf) - std::chrono::hours(48));
    r = interpret(dir, {"--vcf", vcf.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(report(dir), "is older than the data (stale)")) << report(dir);
    EXPECT_TRUE(has(report(dir), "\"alteration\": \"V600E\""));
}

TEST(DamagedVcf, RefSeqAndGenBankContigNamesAreChromosomes) {
    const fs::path dir = work_dir();
    const std::string text =
        "##fileformat=VCFv4.2\n##contig=<ID=NC_000007.14,length=159345973>\n"
        "##contig=<ID=CM000663.2,length=248956422>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        "CM000663.2\t1000\t.\tA\tG\t.\tPASS\t.\nNC_000007.14\t140753336\t.\tA\tT\t.\tPASS\t.\n";
    const fs::path plain = write_file(dir / "refseq.vcf", text);
    const fs::path indexed = bgzip(dir / "refseq.vcf.gz", text);
    ASSERT_EQ(tbx_index_build(indexed.c_str(), 0, &tbx_conf_vcf), 0);
    for (const fs::path& vcf : {plain, indexed}) {
        const RunResult r = interpret(dir, {"--vcf", vcf.string(), "--strict"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_TRUE(has(report(dir), "\"genome\": \"GRCh38\""))
            << "build from the accession contigs' lengths";
        EXPECT_TRUE(has(report(dir), "\"alteration\": \"V600E\"")) << vcf;
    }
}

TEST(DamagedVcf, DuplicateSampleNamesAndForeignFilesAreNamedClearly) {
    const fs::path dir = work_dir();
    const fs::path dup = write_file(dir / "dup.vcf",
                                    "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\t"
                                    "FORMAT\tT\tT\n");
    RunResult r = interpret(dir, {"--vcf", dup.string(), "--genome", "GRCh38"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_TRUE(has(r.err, "the sample name 'T' appears twice")) << r.err;
    const fs::path secret =
        write_file(dir / "secret.txt", "password=hunter2-and-a-long-secret-value\nmore\n");
    r = interpret(dir, {"--vcf", secret.string(), "--genome", "GRCh38"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_TRUE(has(r.err, "line 1 is not a VCF header line")) << r.err;
    EXPECT_FALSE(has(r.err, "long-secret-value")) << "at most a short start of the line is shown: " << r.err;
}

TEST(DamagedVcf, DeterministicRunsNameOnlyTheFileInEveryWarning) {
    const fs::path dir = work_dir();
    const std::string text = vcf_with_braf_last(1);
    const fs::path vcf = write_file(dir / "nofileformat.vcf", text.substr(text.find('\n') + 1));
    const RunResult r = interpret(dir, {"--vcf", vcf.string(), "--deterministic"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(report(dir), "\"nofileformat.vcf has no ##fileformat line")) << report(dir);
    EXPECT_FALSE(has(report(dir), dir.string())) << "no directory under --deterministic";
}

TEST(DamagedJson, DeepNestingDuplicateKeysAndNulAreInputErrors) {
    const fs::path dir = work_dir();
    const fs::path deep = write_file(
        dir / "deep.json", "{\"results\":" + std::string(100000, '[') + std::string(100000, ']') + "}");
    RunResult r = interpret(dir, {"--ihc", deep.string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_TRUE(has(r.err, "JSON nested deeper than 128 levels")) << r.err;
    const fs::path deep_case =
        write_file(dir / "case.json",
                   "{\"sample\": \"S\", \"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}");
    r = run_precis({"interpret", "--case", deep_case.string(), "--out", (dir / "out").string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_TRUE(has(r.err, "nested deeper")) << r.err;
    const fs::path dup =
        write_file(dir / "dup.json", R"({"results":[{"marker":"HER2","score":"3+","score":"0"}]})");
    r = interpret(dir, {"--ihc", dup.string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_TRUE(has(r.err, "/results/0/score: the key \"score\" appears twice")) << r.err;
    const fs::path nul =
        write_file(dir / "nul.json", R"({"results":[{"marker":"HER2\u0000X","score":"3+"}]})");
    r = interpret(dir, {"--ihc", nul.string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_TRUE(has(r.err, "NUL character")) << r.err;
    const fs::path array = write_file(dir / "array.json", R"([{"marker":"HER2","score":"3+"}])");
    r = interpret(dir, {"--ihc", array.string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_TRUE(has(r.err, "does not match schemas/ihc.schema.json"))
        << "read as JSON, not as CSV: " << r.err;
}

TEST(DamagedJson, ByteOrderMarksAreAccepted) {
    const fs::path dir = work_dir();
    const fs::path ihc =
        write_file(dir / "bom.json", "\xEF\xBB\xBF{\"results\":[{\"marker\":\"HER2\",\"score\":\"3+\"}]}");
    const fs::path csv = write_file(dir / "bom.csv", "\xEF\xBB\xBFmarker,status\nMLH1,lost\n");
    RunResult r = interpret(dir, {"--ihc", ihc.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(report(dir), "\"alteration\": \"HER2 IHC 3+\""));
    r = interpret(dir, {"--ihc", csv.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(report(dir), "\"alteration\": \"dMMR\""));
}

}  // namespace precis::test

namespace precis::test {

TEST(DamagedJson, CaseSchemaViolationIsListedOnce) {
    const fs::path dir = work_dir();
    const fs::path bad =
        write_file(dir / "case.json", R"({"sample": "S", "tumor_type": "GBC", "vcf": ["a", "b"]})");
    const RunResult r = run_precis({"interpret", "--case", bad.string(), "--out", (dir / "out").string()});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    const std::string violation = "/vcf: 'type' violated";
    const auto first = r.err.find(violation);
    ASSERT_NE(first, std::string::npos) << r.err;
    EXPECT_EQ(r.err.find(violation, first + 1), std::string::npos) << "repeated: " << r.err;
}

}  // namespace precis::test

namespace precis::test {

// A malformed record inside a knowledge-base gene may hide any of its variants: the gene's biomarkers are
// not assessed (naming the record), never "not detected".
TEST(DamagedVcf, MalformedRecordInAKbGeneLeavesItsBiomarkersNotAssessed) {
    const fs::path dir = work_dir();
    const fs::path vcf =
        write_file(dir / "bad.vcf", std::string(kHeader38) + "chr7\t140753336\t.\tA\tZ\t.\tPASS\t.\n");
    const RunResult r = interpret(dir, {"--vcf", vcf.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string json = report(dir);
    const auto braf = json.find("\"id\": \"BRAF_V600E\"");
    ASSERT_NE(braf, std::string::npos);
    const std::string row = json.substr(braf, 400);
    EXPECT_TRUE(has(row, "\"status\": \"not_assessed\"")) << row;
    EXPECT_TRUE(has(row, "malformed record")) << row;
    EXPECT_TRUE(has(json, "\"unaccounted\": 0"));
}

}  // namespace precis::test
