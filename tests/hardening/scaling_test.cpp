// SPDX-License-Identifier: Apache-2.0
// Issue 9, quadratic and copy-heavy paths: a segment file with 100,000 samples, a fusion table with
// 100,000 calls, and an IHC document with thousands of results are read in linear time, and error
// messages list at most 10 names. The time limits are generous (sanitizer builds are slower); the
// quadratic versions took tens of seconds.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/error.hpp"
#include "common/json.hpp"
#include "io/cnv_reader.hpp"
#include "io/ihc_reader.hpp"
#include "support/test_support.hpp"
#include "test_paths.hpp"

namespace precis {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string write(const std::string& name, const std::string& text) {
    const fs::path path = test::work_dir() / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    return path.string();
}

std::string seg_with_samples(int samples) {
    std::string text = "ID\tchrom\tloc.start\tloc.end\tnum.mark\tseg.mean\n";
    for (int i = 0; i < samples; ++i) {
        text += "SAMPLE_" + std::to_string(i) + "\t17\t37844167\t37886679\t10\t0.1\n";
    }
    return text;
}

TEST(Scaling, SegFileWith100000SamplesFailsFastListingTenNames) {
    const std::string path = write("many.seg", seg_with_samples(100000));
    for (const std::string& sample : {std::string(), std::string("NOT_THERE")}) {
        const auto start = Clock::now();
        try {
            io::read_cnv(path, io::CnvReadOptions{"auto", sample, false});
            ADD_FAILURE() << "a multi-sample .seg without a matching sample must be a usage error";
        } catch (const Error& error) {
            const std::string what = error.what();
            EXPECT_EQ(error.exit_code(), ExitCode::usage);
            EXPECT_NE(what.find("SAMPLE_9, ... and 99990 more"), std::string::npos) << what.substr(0, 500);
            EXPECT_EQ(what.find("SAMPLE_10,"), std::string::npos) << what.substr(0, 500);
            EXPECT_LT(what.size(), 1000u);
        }
        EXPECT_LT(seconds_since(start), 5.0);
    }
    const auto start = Clock::now();
    const io::CnvData data = io::read_cnv(path, io::CnvReadOptions{"auto", "SAMPLE_99999", false});
    EXPECT_EQ(data.segments.size(), 1u);
    EXPECT_EQ(data.skipped.at("row of another sample"), 99999);
    EXPECT_LT(seconds_since(start), 5.0);
}

TEST(Scaling, FusionTableWith100000CallsIsAssessedWithOneGeneSet) {
    const fs::path dir = test::work_dir();
    std::string table = "FusionGene\tSplitReads\tSpanningReads\n";
    for (int i = 0; i < 100000; ++i) {
        table += "GENEA" + std::to_string(i) + "--GENEB" + std::to_string(i) + "\t5\t5\n";
    }
    table += "EML4--ALK\t12\t3\n";
    const std::string path = write("fusions.tsv", table);
    const auto start = Clock::now();
    const test::RunResult r = test::run_precis(
        {"interpret", "--sample", "S1", "--tumor-type", "LUAD", "--genome", "GRCh38", "--fusions", path,
         "--out", (dir / "out").string(), "--formats", "json", "--deterministic"});
    EXPECT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
    EXPECT_LT(seconds_since(start), 60.0);
}

std::string ihc_document(int items, const char* status) {
    std::string text = R"({"comment": ")" + std::string(100000, 'c') + R"(", "results": [)";
    for (int i = 0; i < items; ++i) {
        text += std::string(i == 0 ? "" : ",") + R"({"marker": "M)" + std::to_string(i) +
                R"(", "status": ")" + status + R"(", "clone": "x"})";
    }
    return text + "]}";
}

TEST(Scaling, IhcDocumentIsValidatedOnceAndErrorsAreShort) {
    const std::string schema = std::string(test::kSchemas) + "/ihc.schema.json";
    const rapidjson::Document valid =
        json::parse_json(ihc_document(20000, "positive"), "valid.json", ErrorKind::input);
    auto start = Clock::now();
    EXPECT_TRUE(json::validate_json(valid, schema, "valid.json").empty());
    EXPECT_LT(seconds_since(start), 5.0);

    const std::string invalid = write("invalid.json", ihc_document(2000, "weird"));
    start = Clock::now();
    try {
        io::read_ihc(invalid, test::kSchemas);
        ADD_FAILURE() << "an IHC document with 2000 bad statuses must be an input error";
    } catch (const Error& error) {
        const std::string what = error.what();
        EXPECT_EQ(error.exit_code(), ExitCode::input);
        EXPECT_NE(what.find("/results/9/status"), std::string::npos) << what.substr(0, 1500);
        EXPECT_NE(what.find("... and 1990 more"), std::string::npos) << what.substr(0, 1500);
        EXPECT_EQ(what.find("/results/10/status"), std::string::npos);
    }
    EXPECT_LT(seconds_since(start), 10.0);
}

}  // namespace
}  // namespace precis
