// SPDX-License-Identifier: Apache-2.0
// Golden-file tests: --deterministic JSON, TSV, FHIR and HTML for each case under testdata/golden/ must
// match testdata/golden/<case>/expected/ byte for byte. Regenerate with tools/regen_golden.sh and
// review the diff like code.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.hpp"

namespace precis::test {

namespace fs = std::filesystem;

class GoldenReports : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenReports, MatchExpectedFiles) {
    const fs::path case_dir = fs::path(kTestData) / "golden" / GetParam();
    const fs::path out = work_dir() / "out";
    const RunResult r =
        run_precis({"interpret", "--case", (case_dir / "case.json").string(), "--out", out.string(),
                    "--deterministic", "--formats", "json,html,tsv,fhir", "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.command << "\n" << r.err;
    const fs::path expected_dir = case_dir / "expected";
    ASSERT_TRUE(fs::is_directory(expected_dir)) << "run tools/regen_golden.sh";
    std::size_t compared = 0;
    for (const auto& entry : fs::directory_iterator(expected_dir)) {
        const fs::path produced = out / entry.path().filename();
        ASSERT_TRUE(fs::exists(produced)) << produced;
        const std::string want = slurp(entry.path());
        const std::string got = slurp(produced);
        if (want != got) {
            std::size_t at = 0;
            while (at < want.size() && at < got.size() && want[at] == got[at])
                ++at;
            ADD_FAILURE() << entry.path().filename() << " differs from the golden file at byte " << at
                          << ":\n  expected: " << want.substr(at, 120)
                          << "\n  produced: " << got.substr(at, 120)
                          << "\nIf the change is intended, run tools/regen_golden.sh and review the diff.";
        }
        ++compared;
    }
    EXPECT_EQ(compared, 4u) << "expected json, html, tsv and fhir golden files";
    EXPECT_TRUE(
        report_schema_violations(
            out / (std::string(GetParam() == "gbc_her2" ? "GOLDEN-GBC" : "GOLDEN-IHCH") + ".precis.json"))
            .empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenReports, ::testing::Values("gbc_her2", "ihch_idh1_raw"));

}  // namespace precis::test
