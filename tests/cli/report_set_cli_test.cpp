// SPDX-License-Identifier: Apache-2.0
// Issue 9: the report set of a sample is replaced as a whole or not at all (a directory at a report path,
// a file-size limit, a failing --pdf, a planted link, two concurrent runs), a dangling --out link gets a
// clear message, and the temporary copy of a VCF without ##fileformat never outlives the run.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <string>
#include <vector>

#include "report/writers.hpp"
#include "support/test_support.hpp"

namespace precis::test {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kSet = {"S1.precis.json", "S1.precis.html", "S1.precis.tsv", "S1.fhir.json"};

//! A raw GRCh38 VCF with one variant: BRAF V600E (run "A") or IDH1 R132C (run "B").
std::string one_variant_vcf(char run) {
    std::string vcf =
        "##fileformat=VCFv4.2\n"
        "##contig=<ID=chr2,length=242193529>\n"
        "##contig=<ID=chr7,length=159345973>\n"
        "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tTUMOR\n";
    vcf += run == 'A' ? "chr7\t140753336\t.\tA\tT\t.\tPASS\t.\tAD\t70,30\n"
                      : "chr2\t208248389\t.\tG\tA\t.\tPASS\t.\tAD\t60,40\n";
    return vcf;
}

//! The input file name, which every report format records: it marks each file as written by run A or B.
const char* marker(char run) {
    return run == 'A' ? "run_A.vcf" : "run_B.vcf";
}

fs::path write_input(const fs::path& dir, char run) {
    const fs::path path = dir / (std::string("run_") + run + ".vcf");
    std::ofstream(path, std::ios::binary | std::ios::trunc) << one_variant_vcf(run);
    return path;
}

std::vector<std::string> interpret(const fs::path& vcf, const fs::path& out) {
    return {"interpret", "--sample",   "S1",    "--tumor-type", "IHCH",
            "--vcf",     vcf.string(), "--out", out.string()};
}

//! The run (A or B) whose marker each file carries; '?' when neither or both.
char run_of(const fs::path& file) {
    const std::string text = slurp(file);
    const bool a = text.find(marker('A')) != std::string::npos;
    const bool b = text.find(marker('B')) != std::string::npos;
    return a == b ? '?' : (a ? 'A' : 'B');
}

std::map<std::string, std::string> snapshot(const fs::path& out) {
    std::map<std::string, std::string> files;
    for (const std::string& name : list_dir(out)) {
        if (fs::is_regular_file(out / name)) {
            files[name] = slurp(out / name);
        }
    }
    return files;
}

//! Writes run A's complete set into dir/out and returns its contents.
std::map<std::string, std::string> old_set(const fs::path& dir) {
    const RunResult first = run_precis(interpret(write_input(dir, 'A'), dir / "out"));
    EXPECT_EQ(first.exit_code, 0) << first.err;
    for (const std::string& name : kSet) {
        EXPECT_EQ(run_of(dir / "out" / name), 'A') << name;
    }
    return snapshot(dir / "out");
}

void expect_no_temporaries(const fs::path& out) {
    for (const std::string& name : list_dir(out)) {
        EXPECT_EQ(name.find(".tmp."), std::string::npos) << "temporary file left in " << out << ": " << name;
    }
}

TEST(ReportSetCli, RunMarkersTellTheTwoInputsApart) {
    const fs::path dir = work_dir();
    const RunResult b = run_precis(interpret(write_input(dir, 'B'), dir / "out"));
    ASSERT_EQ(b.exit_code, 0) << b.err;
    for (const std::string& name : kSet) {
        EXPECT_EQ(run_of(dir / "out" / name), 'B') << name;
    }
    old_set(dir);  // checks run A's markers
}

TEST(ReportSetCli, TsvPathIsADirectoryLeavesTheOldSetUnchanged) {
    const fs::path dir = work_dir();
    const RunResult first = run_precis({"interpret", "--sample", "S1", "--tumor-type", "IHCH", "--vcf",
                                        write_input(dir, 'A').string(), "--out", (dir / "out").string(),
                                        "--formats", "json,html,fhir"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    fs::create_directory(dir / "out" / "S1.precis.tsv");
    const auto before = snapshot(dir / "out");
    ASSERT_EQ(before.size(), 4U);  // json, html, fhir and the lock file
    const RunResult r = run_precis(interpret(write_input(dir, 'B'), dir / "out"));
    EXPECT_EQ(r.exit_code, 5) << r.err;
    EXPECT_NE(r.err.find("output error: " + (dir / "out" / "S1.precis.tsv").string() +
                         ": the report path is a directory, not a file; no report in " +
                         (dir / "out").string() + " was changed"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("help: move or remove the directory"), std::string::npos) << r.err;
    EXPECT_EQ(snapshot(dir / "out"), before);
    expect_no_temporaries(dir / "out");
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(ReportSetCli, LinkAtAReportPathIsRefusedAndItsTargetUntouched) {
    const fs::path dir = work_dir();
    const auto before = old_set(dir);
    std::ofstream(dir / "victim.txt") << "precious";
    fs::remove(dir / "out" / "S1.fhir.json");
    fs::create_symlink(dir / "victim.txt", dir / "out" / "S1.fhir.json");
    const RunResult r = run_precis(interpret(write_input(dir, 'B'), dir / "out"));
    EXPECT_EQ(r.exit_code, 5) << r.err;
    EXPECT_NE(r.err.find((dir / "out" / "S1.fhir.json").string() +
                         ": the report path is a symbolic link; precis does not write through links"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(slurp(dir / "victim.txt"), "precious");
    for (const char* name : {"S1.precis.json", "S1.precis.html", "S1.precis.tsv"}) {
        EXPECT_EQ(slurp(dir / "out" / name), before.at(name)) << name;
    }
    expect_no_temporaries(dir / "out");
}

TEST(ReportSetCli, FailingPdfLeavesTheOldSetUnchanged) {
    const fs::path dir = work_dir();
    const auto before = old_set(dir);
    const fs::path input = write_input(dir, 'B');
    {
        const ScopedEnv chromium("PRECIS_CHROMIUM", "/nonexistent/chromium");
        const RunResult r = run_precis([&] {
            auto args = interpret(input, dir / "out");
            args.push_back("--pdf");
            return args;
        }());
        EXPECT_EQ(r.exit_code, 5) << r.err;
        EXPECT_NE(r.err.find("output error: " + (dir / "out" / "S1.precis.pdf").string() +
                             ": --pdf needs Chromium: apt-get install chromium"),
                  std::string::npos)
            << r.err;
        EXPECT_EQ(snapshot(dir / "out"), before);
        expect_no_temporaries(dir / "out");
    }
    const ScopedEnv chromium("PRECIS_CHROMIUM", "/bin/false");  // starts, prints nothing, exits 1
    auto args = interpret(input, dir / "out");
    args.insert(args.end(), {"--formats", "json,tsv,pdf"});
    const RunResult r = run_precis(args);
    EXPECT_EQ(r.exit_code, 5) << r.err;
    EXPECT_NE(r.err.find("S1.precis.pdf: Chromium failed to print the PDF (exit status 1)"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(snapshot(dir / "out"), before);
    expect_no_temporaries(dir / "out");
}

TEST(ReportSetCli, PdfIsPartOfTheSetAndChromiumLeavesNothingBehind) {
    if (!report::find_chromium()) {
        GTEST_SKIP() << "Chromium not installed (apt-get install chromium): --pdf not tested";
    }
    const fs::path dir = work_dir();
    // A short TMPDIR: Chromium puts a Unix socket there, whose path may not exceed 107 bytes.
    std::string short_tmp = (fs::temp_directory_path() / "pt-XXXXXX").string();
    ASSERT_NE(::mkdtemp(short_tmp.data()), nullptr);
    const ScopedEnv tmpdir("TMPDIR", short_tmp.c_str());
    auto args = interpret(write_input(dir, 'A'), dir / "out");
    args.push_back("--pdf");
    const RunResult r = run_precis(args);
    const std::vector<std::string> left_in_tmp = list_dir(short_tmp);
    fs::remove_all(short_tmp);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(list_dir(dir / "out"),
              (std::vector<std::string>{".S1.precis.lock", "S1.fhir.json", "S1.precis.html", "S1.precis.json",
                                        "S1.precis.pdf", "S1.precis.tsv"}));
    EXPECT_EQ(slurp(dir / "out" / "S1.precis.pdf").rfind("%PDF-", 0), 0U);
    EXPECT_NE(r.out.find((dir / "out" / "S1.precis.pdf").string()), std::string::npos) << r.out;
    EXPECT_EQ(left_in_tmp, std::vector<std::string>{"precis-tests"});  // Chromium's directory is gone
}

//! Lowers the soft file-size limit (ulimit -f) for the children started in its scope.
class ScopedFileSizeLimit {
  public:
    explicit ScopedFileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &old_);
        rlimit lower = old_;
        lower.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &lower);
    }
    ~ScopedFileSizeLimit() { ::setrlimit(RLIMIT_FSIZE, &old_); }
    ScopedFileSizeLimit(const ScopedFileSizeLimit&) = delete;
    ScopedFileSizeLimit& operator=(const ScopedFileSizeLimit&) = delete;

  private:
    rlimit old_{};
};

TEST(ReportSetCli, FileSizeLimitIsAnOutputErrorAndLeavesTheOldSetUnchanged) {
    const fs::path dir = work_dir();
    const auto before = old_set(dir);
    const fs::path input = write_input(dir, 'B');
    RunResult r;
    {
        const ScopedFileSizeLimit limit(8192);  // below the HTML report, above stderr
        r = run_precis(interpret(input, dir / "out"));
    }
    EXPECT_EQ(r.exit_code, 5) << r.err;
    EXPECT_NE(r.err.find("output error: " + (dir / "out").string()), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("help: the file-size limit (ulimit -f) is smaller than the file"), std::string::npos)
        << r.err;
    EXPECT_EQ(snapshot(dir / "out"), before);
    expect_no_temporaries(dir / "out");
}

TEST(ReportSetCli, ConcurrentRunsForOneSampleNeverMixTheirFiles) {
    const fs::path dir = work_dir();
    const fs::path a = write_input(dir, 'A');
    const fs::path b = write_input(dir, 'B');
    for (int round = 0; round < 30; ++round) {
        auto first = std::async(std::launch::async, [&] { return run_precis(interpret(a, dir / "out")); });
        auto second = std::async(std::launch::async, [&] { return run_precis(interpret(b, dir / "out")); });
        const RunResult ra = first.get();
        const RunResult rb = second.get();
        ASSERT_EQ(ra.exit_code, 0) << ra.err;
        ASSERT_EQ(rb.exit_code, 0) << rb.err;
        const char winner = run_of(dir / "out" / kSet[0]);
        ASSERT_NE(winner, '?') << "round " << round;
        for (const std::string& name : kSet) {
            ASSERT_EQ(run_of(dir / "out" / name), winner) << "round " << round << ": " << name << " mixed";
        }
        expect_no_temporaries(dir / "out");
    }
}

TEST(ReportSetCli, DanglingOutLinkIsAClearOutputError) {
    const fs::path dir = work_dir();
    fs::create_symlink(dir / "gone", dir / "out");
    const RunResult r = run_precis(interpret(write_input(dir, 'A'), dir / "out"));
    EXPECT_EQ(r.exit_code, 5) << r.err;
    EXPECT_NE(r.err.find("output error: " + (dir / "out").string() +
                         ": the output directory cannot be created: this is a symbolic link to '" +
                         (dir / "gone").string() + "', which does not exist"),
              std::string::npos)
        << r.err;
    EXPECT_NE(
        r.err.find("help: create the directory the link points to, remove the link, or choose another --out"),
        std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("File exists"), std::string::npos) << r.err;
}

//! Entries of $TMPDIR that could be precis's temporary VCF copy.
std::vector<std::string> vcf_copies(const fs::path& tmpdir) {
    std::vector<std::string> copies;
    for (const std::string& name : list_dir(tmpdir)) {
        if (name != "precis-tests") {  // run_precis keeps the child's stdout and stderr there
            copies.push_back(name);
        }
    }
    return copies;
}

TEST(ReportSetCli, TemporaryVcfCopyIsGoneAfterSuccessAndAfterExitThree) {
    const fs::path dir = work_dir();
    std::string vcf = one_variant_vcf('A');
    vcf.erase(0, vcf.find('\n') + 1);  // no ##fileformat line
    std::ofstream(dir / "no_fileformat.vcf") << vcf;
    std::ofstream(dir / "no_fileformat_bad.vcf")
        << vcf << "chr7\t140753340\t.\tNOT_DNA\tT\t.\tPASS\t.\tAD\t1,1\n";
    fs::create_directories(dir / "tmp");
    const ScopedEnv tmpdir("TMPDIR", (dir / "tmp").c_str());

    const RunResult ok = run_precis(interpret(dir / "no_fileformat.vcf", dir / "out"));
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.err.find("has no ##fileformat line; read as VCFv4.2"), std::string::npos) << ok.err;
    EXPECT_NE(slurp(dir / "out" / "S1.precis.json").find("\"alteration\": \"V600E\""), std::string::npos);
    EXPECT_TRUE(vcf_copies(dir / "tmp").empty());

    auto args = interpret(dir / "no_fileformat_bad.vcf", dir / "out2");
    args.push_back("--strict");
    const RunResult bad = run_precis(args);
    EXPECT_EQ(bad.exit_code, 3) << bad.err;
    EXPECT_NE(bad.err.find("input error: " + (dir / "no_fileformat_bad.vcf").string() + ": malformed record"),
              std::string::npos)
        << bad.err;
    EXPECT_TRUE(vcf_copies(dir / "tmp").empty());
    EXPECT_FALSE(fs::exists(dir / "out2" / "S1.precis.json"));
}

}  // namespace
}  // namespace precis::test
