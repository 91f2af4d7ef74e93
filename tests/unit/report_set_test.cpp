// SPDX-License-Identifier: Apache-2.0
// Issue 9: temporary files (random names, O_EXCL, never through links, removed on every exit path), the
// report set replaced as a whole, and the private temporary copy of a VCF without ##fileformat.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/error.hpp"
#include "common/files.hpp"
#include "io/vcf_reader.hpp"
#include "report/report_set.hpp"
#include "support/test_support.hpp"

namespace precis::test {
namespace {

namespace fs = std::filesystem;

void put(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

unsigned permissions(const fs::path& path) {
    struct stat info {};
    EXPECT_EQ(::lstat(path.c_str(), &info), 0) << path;
    return info.st_mode & 07777U;
}

//! Runs `body`, which must throw Error(output); returns its message.
template <typename Body>
std::string output_error(Body body) {
    try {
        body();
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::output) << error.what();
        return error.what();
    }
    ADD_FAILURE() << "expected an output error";
    return {};
}

TEST(TemporaryFile, PrivateRandomNameRemovedUnlessReleased) {
    const fs::path dir = work_dir();
    fs::path first;
    {
        TemporaryFile a(dir, "precis-x-", 0600, "label");
        TemporaryFile b(dir, "precis-x-", 0600, "label");
        first = a.path();
        EXPECT_NE(a.path(), b.path());
        EXPECT_EQ(a.path().filename().string().size(), std::string("precis-x-").size() + 12);
        EXPECT_EQ(permissions(a.path()), 0600U);
        a.write("content");
        a.finish();
        EXPECT_EQ(slurp(a.path()), "content");
    }
    EXPECT_FALSE(fs::exists(first));
    EXPECT_TRUE(list_dir(dir).empty());
    {
        TemporaryFile kept(dir, "kept-", 0600, "label");
        kept.finish();
        kept.release();
    }
    EXPECT_EQ(list_dir(dir).size(), 1U);
}

TEST(TemporaryFile, RemovedWhenAnExceptionLeavesTheScope) {
    const fs::path dir = work_dir();
    try {
        TemporaryFile temporary(dir, "t-", 0600, "label");
        temporary.write("partial");
        throw Error(ErrorKind::input, "x", "a later failure");
    } catch (const Error&) {
    }
    EXPECT_TRUE(list_dir(dir).empty());
}

TEST(TemporaryFile, UnwritableDirectoryIsAnOutputErrorNamingTheLabel) {
    const std::string message =
        output_error([] { TemporaryFile t("/nonexistent-dir", "t-", 0600, "S1.json"); });
    EXPECT_NE(message.find("S1.json: cannot create a temporary file in /nonexistent-dir"), std::string::npos)
        << message;
}

// The old scheme wrote ".<name>.tmp.<pid>" and followed a link planted there.
TEST(AtomicWrite, LinkAtTheOldPredictableTemporaryNameIsNotFollowed) {
    const fs::path dir = work_dir();
    put(dir / "victim.txt", "precious");
    fs::create_symlink(dir / "victim.txt", dir / (".r.json.tmp." + std::to_string(::getpid())));
    write_file_atomically((dir / "r.json").string(), "new report");
    EXPECT_EQ(slurp(dir / "victim.txt"), "precious");
    EXPECT_EQ(slurp(dir / "r.json"), "new report");
}

TEST(ReportSet, LinksAtFinalAndPredictableNamesLeaveTheirTargetsAlone) {
    const fs::path dir = work_dir();
    put(dir / "victim.txt", "precious");
    for (const char* name : {".S1.precis.json.tmp.", ".S1.precis.html.tmp.", ".S1.precis.json.tmp"}) {
        fs::create_symlink(dir / "victim.txt", dir / (name + std::to_string(::getpid())));
    }
    fs::create_symlink(dir / "victim.txt", dir / "S1.precis.html");
    report::ReportSet reports(dir.string(), "S1");
    reports.add(".precis.json", "json");
    const std::string message = output_error([&] { reports.add(".precis.html", "html"); });
    EXPECT_NE(message.find((dir / "S1.precis.html").string() + ": the report path is a symbolic link"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("no report in " + dir.string() + " was changed"), std::string::npos) << message;
    EXPECT_EQ(slurp(dir / "victim.txt"), "precious");
    EXPECT_FALSE(fs::exists(dir / "S1.precis.json"));
}

TEST(ReportSet, CommitReplacesAllAndAbandonedSetChangesNothing) {
    const fs::path dir = work_dir();
    put(dir / "S1.precis.json", "old json");
    put(dir / "S1.precis.tsv", "old tsv");
    {
        report::ReportSet reports(dir.string(), "S1");
        reports.add(".precis.json", "new json");
        reports.add(".precis.tsv", "new tsv");
        EXPECT_EQ(list_dir(dir).size(), 4U);  // two temporaries beside the old files
    }                                         // destroyed without commit, as when a later step throws
    EXPECT_EQ(list_dir(dir), (std::vector<std::string>{"S1.precis.json", "S1.precis.tsv"}));
    EXPECT_EQ(slurp(dir / "S1.precis.json"), "old json");
    report::ReportSet reports(dir.string(), "S1");
    reports.add(".precis.json", "new json");
    reports.add(".precis.tsv", "new tsv");
    const auto written = reports.commit();
    EXPECT_EQ(written, (std::vector<std::string>{(dir / "S1.precis.json").string(),
                                                 (dir / "S1.precis.tsv").string()}));
    EXPECT_EQ(slurp(dir / "S1.precis.json"), "new json");
    EXPECT_EQ(slurp(dir / "S1.precis.tsv"), "new tsv");
    EXPECT_EQ(list_dir(dir),
              (std::vector<std::string>{".S1.precis.lock", "S1.precis.json", "S1.precis.tsv"}));
}

TEST(ReportSet, LinkedLockFileIsRefusedBeforeAnyRename) {
    const fs::path dir = work_dir();
    put(dir / "victim.txt", "precious");
    put(dir / "S1.precis.json", "old json");
    fs::create_symlink(dir / "victim.txt", dir / ".S1.precis.lock");
    report::ReportSet reports(dir.string(), "S1");
    reports.add(".precis.json", "new json");
    const std::string message = output_error([&] { reports.commit(); });
    EXPECT_NE(message.find("cannot open the lock file: it is a symbolic link"), std::string::npos) << message;
    EXPECT_EQ(slurp(dir / "S1.precis.json"), "old json");
    EXPECT_EQ(slurp(dir / "victim.txt"), "precious");
}

TEST(ReportSet, DanglingOutputLinkNamesTheLinkAndItsTarget) {
    const fs::path dir = work_dir();
    fs::create_symlink(dir / "missing", dir / "out");
    const std::string message =
        output_error([&] { report::ReportSet reports((dir / "out").string(), "S1"); });
    EXPECT_NE(message.find((dir / "out").string() +
                           ": the output directory cannot be created: this is a "
                           "symbolic link to '" +
                           (dir / "missing").string() + "', which does not exist"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("help: create the directory the link points to"), std::string::npos) << message;
    EXPECT_EQ(message.find("File exists"), std::string::npos) << message;
    // Also when the dangling link is a parent of --out.
    const std::string nested =
        output_error([&] { report::ReportSet reports((dir / "out" / "sub").string(), "S1"); });
    EXPECT_NE(nested.find((dir / "out").string() + ": the output directory cannot be created"),
              std::string::npos)
        << nested;
}

//! A VCF whose ##fileformat line is missing (as SnpSift writes them).
std::string vcf_without_fileformat(const std::string& last_record) {
    return "##contig=<ID=chr7,length=159345973>\n"
           "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
           "chr7\t140753336\t.\tA\tT\t.\tPASS\t.\n" +
           last_record;
}

// The copy with ##fileformat added lives in $TMPDIR only while htslib opens it: mode 0600 (see
// TemporaryFile above), unlinked at once, and never left behind, not even by a failing read.
TEST(VcfTemporaryCopy, NotLeftInTmpdirWhileOrAfterReading) {
    const fs::path dir = work_dir();
    fs::create_directories(dir / "tmp");
    const ScopedEnv tmpdir("TMPDIR", (dir / "tmp").c_str());
    put(dir / "a.vcf", vcf_without_fileformat("chr7\t140753337\t.\tNOT_DNA\tT\t.\tPASS\t.\n"));
    io::VcfReaderOptions options;
    options.strict = true;
    io::VcfReader reader((dir / "a.vcf").string(), options);
    ASSERT_EQ(reader.open_warnings().size(), 1U);
    EXPECT_NE(reader.open_warnings()[0].find("has no ##fileformat line"), std::string::npos);
    EXPECT_TRUE(list_dir(dir / "tmp").empty());
    int alleles = 0;
    try {
        reader.read([](const std::string&, std::int64_t, std::int64_t) { return true; },
                    [&](const io::VcfAllele&) { ++alleles; }, {});
        ADD_FAILURE() << "the malformed record should fail with --strict";
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::input);
    }
    EXPECT_EQ(alleles, 1);
    EXPECT_TRUE(list_dir(dir / "tmp").empty());
}

}  // namespace
}  // namespace precis::test
