// SPDX-License-Identifier: Apache-2.0
// InputName: every reader opens `open`, records `shown` in what reaches the report and names `given` in
// its errors (issue 12: --deterministic is applied when the report is built, never by rewriting text).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/input_name.hpp"
#include "interpret/inputs.hpp"
#include "io/cnv_reader.hpp"
#include "io/ihc_reader.hpp"
#include "io/msi_reader.hpp"
#include "io/vcf_reader.hpp"
#include "support/test_support.hpp"
#include "test_paths.hpp"
#include "unit/inputs/inputs_test_genes.hpp"

namespace precis {
namespace {

//! A file written under the test's work directory, opened from there but given and shown otherwise.
InputName renamed(const std::string& file_name, const std::string& text) {
    const std::string open = test::write_file(test::work_dir() / file_name, text).string();
    return InputName{open, "/given/dir/" + file_name, file_name};
}

//! The error thrown by `read`, or a failure when it throws none.
template <typename Read>
Error error_of(Read read) {
    try {
        read();
    } catch (const Error& error) {
        return error;
    }
    ADD_FAILURE() << "no Error thrown";
    return Error(ErrorKind::internal, "", "");
}

TEST(InputName, PlainPathIsOpenedGivenAndShownAsItself) {
    const InputName name = std::string("dir/x.vcf");
    EXPECT_EQ(name.open, "dir/x.vcf");
    EXPECT_EQ(name.given, "dir/x.vcf");
    EXPECT_EQ(name.shown, "dir/x.vcf");
    EXPECT_FALSE(name.empty());
    EXPECT_TRUE(InputName().empty());
}

TEST(InputName, FileNameOnlyChangesOnlyTheShownName) {
    const InputName name =
        InputName{"/tmp/precis-input-Ab12", "/data/run 7/t.cns", "/data/run 7/t.cns"}.file_name_only();
    EXPECT_EQ(name.open, "/tmp/precis-input-Ab12");
    EXPECT_EQ(name.given, "/data/run 7/t.cns");
    EXPECT_EQ(name.shown, "t.cns");
    EXPECT_EQ(InputName("-").file_name_only().shown, "-");
}

TEST(InputName, TableWarningsShowTheShownNameAndStrictErrorsTheGivenName) {
    const InputName file = renamed("seg.called.seg",
                                   "CONTIG\tSTART\tEND\tNUM_POINTS_COPY_RATIO\tMEAN_LOG2_COPY_RATIO\tCALL\n"
                                   "17\t37800000\t37900000\t40\t2.1\t+\n"
                                   "17\t50000000\t40000000\t40\t0.1\t0\n");
    const io::CnvData data = io::read_cnv(file, io::CnvReadOptions{"auto", "", false});
    ASSERT_FALSE(data.warnings.empty());
    for (const std::string& warning : data.warnings) {
        EXPECT_EQ(warning.rfind("seg.called.seg: ", 0), 0u) << warning;
        EXPECT_EQ(warning.find(file.open), std::string::npos) << warning;
    }
    const Error error = error_of([&] { (void)io::read_cnv(file, io::CnvReadOptions{"auto", "", true}); });
    EXPECT_EQ(error.where(), "/given/dir/seg.called.seg:3");
}

TEST(InputName, IhcResultsRecordTheShownNameAndErrorsNameTheGivenOne) {
    const InputName file = renamed("ihc.csv", "marker,score\nHER2,3+\n");
    const io::IhcData data = io::read_ihc(file, test::kSchemas);
    ASSERT_EQ(data.results.size(), 1u);
    EXPECT_EQ(data.results[0].where.file, "ihc.csv");

    const InputName twice = renamed("twice.csv", "marker,score\nHER2,3+\nHER2,2+\n");
    const Error error = error_of([&] { (void)io::read_ihc(twice, test::kSchemas); });
    EXPECT_EQ(error.where().rfind("/given/dir/twice.csv:", 0), 0u) << error.where();
}

TEST(InputName, MissingFilesAreNamedAsGiven) {
    const InputName missing{(test::work_dir() / "absent.tsv").string(), "given.tsv", "shown.tsv"};
    std::string format;
    EXPECT_EQ(error_of([&] { (void)io::read_msi_file(missing, "", format); }).where(), "given.tsv");
    EXPECT_EQ(error_of([&] { io::VcfReader reader(missing, io::VcfReaderOptions{}); }).where(), "given.tsv");
}

TEST(InputName, ExtraInputsRecordTheShownNameEverywhere) {
    const std::string open = std::string(test::kTestData) + "/fusion/manta_fgfr2_bnd.vcf";
    interpret::ExtraInputOptions options;
    options.sv_vcf_path = InputName{open, "/given/manta.vcf", "manta.vcf"};
    Profile profile;
    std::vector<InputFile> inputs;
    interpret::read_extra_inputs(options, interpret::GeneSet(test::input_test_genes()), Genome::GRCh37,
                                 profile, inputs);
    ASSERT_EQ(profile.fusions.size(), 1u);
    EXPECT_EQ(profile.fusions[0].where.file, "manta.vcf");
    ASSERT_EQ(profile.ledgers.size(), 1u);
    EXPECT_EQ(profile.ledgers[0].file, "manta.vcf");
    ASSERT_EQ(inputs.size(), 1u);
    EXPECT_EQ(inputs[0].path, "manta.vcf");
    EXPECT_EQ(inputs[0].sha256.size(), 64u);  // the checksum of the file opened
    for (const std::string& warning : profile.warnings) {
        EXPECT_EQ(warning.find(open), std::string::npos) << warning;
    }
}

}  // namespace
}  // namespace precis
