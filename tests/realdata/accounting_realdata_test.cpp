// SPDX-License-Identifier: Apache-2.0
// Issue 8, "Done means": precis interpret on every input file in ../shared/realdata and testdata/ leaves no
// input record unaccounted for. For each file the report's input_accounting must add up: records ==
// in_findings + in_other_findings + biomarker_evidence + not_interpreted, with unaccounted == 0. Files that
// are rejected on purpose (malformed VCFs, a log line before the header, an unknown CNV layout) are
// listed with their expected exit code instead, so that a silent acceptance is caught too.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace precis::test {

namespace fs = std::filesystem;

namespace {

struct InputCase {
    std::string path;  //!< under ../shared/realdata, or "testdata/..." in the repository
    std::string role;  //!< vcf, maf, cnv, fusions, sv-vcf, msi, ihc
    std::vector<std::string> extra;
    int exit_code = 0;
};

std::ostream& operator<<(std::ostream& out, const InputCase& c) {
    return out << c.role << " " << c.path;
}

const std::vector<InputCase>& input_cases() {
    const std::vector<std::string> g37 = {"--genome", "GRCh37"};
    const std::vector<std::string> g38 = {"--genome", "GRCh38"};
    static const std::vector<InputCase> cases = {
        // Small variants.
        {"sigven__pcgr/examples/T001-BRCA.grch37.vcf.gz", "vcf", g37},
        {"sigven__pcgr/examples/T001-BRCA.grch38.vcf.gz", "vcf", g38},
        {"sigven__pcgr/examples/T001-COAD.grch38.vcf.gz", "vcf", g38},
        {"mskcc__vcf2maf/tests/test_merged.vcf", "vcf", g37},
        {"mskcc__vcf2maf/tests/test_strelka.vcf", "vcf", g37},
        {"mskcc__vcf2maf/data/TCGA-AB-2968-03.laml.vcf",
         "vcf",
         {"--genome", "GRCh37", "--tumor-sample", "TCGA-AB-2968-03A-01D-0739-09"}},
        {"mskcc__vcf2maf/data/test_pindel.vep.vcf", "vcf", g37},
        {"Illumina__strelka/src/demo/expectedResults/somatic.snvs.vcf.gz", "vcf", g37},
        {"Illumina__strelka/src/demo/expectedResults/somatic.indels.vcf.gz", "vcf", g37},
        {"samtools__bcftools/test/split-vep.vcf", "vcf", {}},
        {"samtools__bcftools/test/split-vep.4.vcf", "vcf", {}},
        {"samtools__bcftools/test/split-vep.7.vcf", "vcf", {}},
        {"pcingola__SnpEff/examples/test.chr22.ann.filter_missense_any.vcf", "vcf", g37},
        {"pcingola__SnpEff/examples/cancer.ann.vcf", "vcf", g37, 3},
        {"samtools__htslib/test/tabix/large_chr.vcf", "vcf", g37},
        {"samtools__htslib/test/bcf-sr/weird-chr-names.vcf", "vcf", g37},
        {"samtools__htslib/test/noroundtrip.vcf", "vcf", g37},
        {"samtools__htslib/test/vcf44_1.vcf", "vcf", {"--genome", "GRCh37", "--tumor-sample", "HG00096"}},
        {"samtools__hts-specs/test/vcf/4.3/failed/failed_body_no_newline_000.vcf", "vcf", g37},
        {"samtools__hts-specs/test/vcf/4.3/failed/failed_body_info_integer_overflow.vcf", "vcf", g37},
        {"samtools__hts-specs/test/vcf/4.3/failed/failed_header_000.vcf", "vcf", g37, 3},
        {"hartwigmedical__hmftools/cuppa/src/test/resources/pipeline_output/TUMOR_SAMPLE/"
         "TUMOR_SAMPLE.purple.somatic.vcf.gz",
         "vcf",
         {"--genome", "GRCh37", "--tumor-sample", "COLO829v003T"}},
        {"oncokb__oncokb-annotator/data/example_maf.txt", "maf", {"--tumor-sample", "TCGA-05-4417-01"}},
        {"oncokb__oncokb-annotator/data/example_maf_grch38.txt",
         "maf",
         {"--tumor-sample", "TCGA-05-4417-01"}},
        {"vanallenlab__moalmanac/example_data/example_patient.capture.somatic.snvs.maf", "maf", {}},
        // Copy number.
        {"etal__cnvkit/test/formats/amplicon.cns", "cnv", g37},
        {"etal__cnvkit/test/formats/nv3.cns", "cnv", g37},
        {"etal__cnvkit/test/formats/tr95t.cns", "cnv", g37},
        {"etal__cnvkit/test/formats/regression/p2-9_2.call.cns", "cnv", g37},
        {"etal__cnvkit/test/formats/cw-tr-log2.seg",
         "cnv",
         {"--genome", "GRCh37", "--tumor-sample", "TR_95_T"}},
        {"sigven__pcgr/examples/T001-BRCA.grch37.cna.tsv", "cnv", g37},
        {"sigven__pcgr/examples/T001-BRCA.grch38.cna.tsv", "cnv", g38},
        {"broadinstitute__gatk/src/test/resources/org/broadinstitute/hellbender/tools/copynumber/"
         "call-copy-ratio-segments-segments.seg",
         "cnv", g37},
        {"hartwigmedical__hmftools/orange/src/test/resources/test_run/purple/"
         "tumor_sample.purple.cnv.somatic.tsv",
         "cnv", g37},
        {"vanallenlab__moalmanac/example_data/example_patient.capture.somatic.called.cna.txt", "cnv", g37},
        {"oncokb__oncokb-annotator/data/example_cna.txt",
         "cnv",
         {"--genome", "GRCh37", "--tumor-sample", "TCGA-05-4417-01"}},
        {"oncokb__oncokb-annotator/data/example_individual_cna.txt",
         "cnv",
         {"--genome", "GRCh37", "--tumor-sample", "TCGA-05-4417-01"}},
        {"vanallenlab__moalmanac/example_data/example_patient.capture.somatic.seg.annotated",
         "cnv",
         {"--genome", "GRCh37", "--tumor-sample", "example_tumor_profile"}},
        // Fusions and structural variants.
        {"sigven__pcgr/examples/T001-BRCA.grch37.fusions.tsv", "fusions", g37},
        {"sigven__pcgr/examples/T001-BRCA.grch38.fusions.tsv", "fusions", g38},
        {"suhrig__arriba/test/fusions.tsv", "fusions", g38},
        {"suhrig__arriba@e437c631/test/fusions.tsv", "fusions", g38},
        {"STAR-Fusion__STAR-Fusion/testing/__misc_tests/__BT474/"
         "star-fusion.fusion_candidates.final.abridged.FFPM",
         "fusions", g37},
        {"vanallenlab__moalmanac/example_data/example_patient.rna.star.fusions.txt", "fusions", g37},
        {"oncokb__oncokb-annotator/data/example_fusions.txt",
         "fusions",
         {"--genome", "GRCh37", "--tumor-sample", "TCGA-05-4417-01"}},
        {"oncokb__oncokb-annotator/data/example_sv.txt",
         "fusions",
         {"--genome", "GRCh37", "--tumor-sample", "TCGA-05-4417-01"}},
        {"hartwigmedical__hmftools/cuppa/src/test/resources/pipeline_output/TUMOR_SAMPLE/"
         "TUMOR_SAMPLE.linx.fusion.tsv",
         "fusions", g37},
        {"cBioPortal__cbioportal/test/test_data/study_es_0/data_structural_variants.txt",
         "fusions",
         {"--genome", "GRCh37", "--tumor-sample", "TCGA-A2-A04P-01"}},
        {"Illumina__manta/src/demo/expectedResults/somaticSV.vcf.gz",
         "sv-vcf",
         {"--genome", "GRCh37", "--tumor-sample", "HCC1954"}},
        {"mskcc__vcf2maf/tests/test_delly.vcf", "sv-vcf", {"--genome", "GRCh37", "--tumor-sample", "TUMOR"}},
        {"hartwigmedical__hmftools/orange/src/test/resources/test_run/purple/tumor_sample.purple.sv.vcf",
         "sv-vcf",
         {"--genome", "GRCh37", "--tumor-sample", "tumor_sample"}},
        {"samtools__hts-specs/examples/vcf/sv44.vcf",
         "sv-vcf",
         {"--genome", "GRCh37", "--tumor-sample", "sample"}},
        // MSI.
        {"hartwigmedical__hmftools/orange/src/test/resources/test_run/purple/tumor_sample.purple.purity.tsv",
         "msi",
         {}},
        // Repository test data.
        {"testdata/example/example.vcf", "vcf", {}},
        {"testdata/example/example.cna.tsv", "cnv", g38},
        {"testdata/example/example.ihc.json", "ihc", {}},
        {"testdata/cnv/copy_number.vcf", "cnv", {"--genome", "GRCh38", "--tumor-sample", "TUMOR"}},
        {"testdata/cnv/gatk_called.seg", "cnv", g38},
        {"testdata/cnv/purple.cnv.gene.tsv", "cnv", g38},
        {"testdata/cnv/gene_words.tsv", "cnv", g38},
        {"testdata/cnv/oncotator.seg.annotated",
         "cnv",
         {"--genome", "GRCh37", "--tumor-sample", "FIXTURE-T"}},
        {"testdata/cnv/oncotator_calls_only.seg.annotated",
         "cnv",
         {"--genome", "GRCh37", "--tumor-sample", "FIXTURE-T"}},
        {"testdata/fusion/manta_fgfr2_bnd.vcf", "sv-vcf", {"--genome", "GRCh38", "--tumor-sample", "TUMOR"}},
        {"testdata/ihc/ihc_mlh1_pms2_loss.json", "ihc", {}},
        {"testdata/ihc/ihc_msh2_msh6_loss.csv", "ihc", {}},
        {"testdata/msi/msisensor_msi_h.txt", "msi", {"--msi-caller", "msisensor"}},
        {"testdata/msi/msisensor_pro_indeterminate.txt", "msi", {"--msi-caller", "msisensor-pro"}},
        {"testdata/msi/mantis.status", "msi", {"--msi-caller", "mantis"}},
    };
    return cases;
}

class EveryInputRecordAccounted : public ::testing::TestWithParam<InputCase> {};

}  // namespace

TEST_P(EveryInputRecordAccounted, CountsAddUp) {
    const InputCase& input = GetParam();
    std::string path;
    if (input.path.rfind("testdata/", 0) == 0) {
        path = (fs::path(kSourceDir) / input.path).string();
    } else {
        path = realdata(input.path);
        if (path.empty()) {
            GTEST_SKIP() << "../shared/realdata/" << input.path << " is absent; real-data test skipped";
        }
    }
    const fs::path out = work_dir() / "out";
    std::vector<std::string> args = {"interpret", "--sample", "ACCOUNT",         "--tumor-type",
                                     "SOLID",     "--out",    out.string(),      "--formats",
                                     "json",      "--quiet",  "--" + input.role, path};
    args.insert(args.end(), input.extra.begin(), input.extra.end());
    const RunResult run = run_precis(args);
    ASSERT_EQ(run.exit_code, input.exit_code) << run.command << "\n" << run.err;
    if (input.exit_code != 0) {
        EXPECT_NE(run.err.find(path), std::string::npos) << "the error must name the file: " << run.err;
        return;
    }
    rapidjson::Document report;
    report.Parse(slurp(out / "ACCOUNT.precis.json").c_str());
    ASSERT_TRUE(report.IsObject() && report.HasMember("input_accounting"));
    const auto& accounts = report["input_accounting"];
    ASSERT_EQ(accounts.Size(), 1u) << "one accounting entry per input file";
    const auto& a = accounts[0];
    const std::int64_t records = a["records"].GetInt64();
    const std::int64_t out_entries = a["in_findings"].GetInt64() + a["in_other_findings"].GetInt64() +
                                     a["biomarker_evidence"].GetInt64() + a["not_interpreted"].GetInt64();
    EXPECT_GT(records, 0) << "no record counted in " << path;
    EXPECT_EQ(out_entries, records) << path;
    EXPECT_EQ(a["unaccounted"].GetInt64(), 0) << path;
    std::int64_t by_reason = 0;
    for (const auto& reason : a["not_interpreted_reasons"].GetArray()) {
        by_reason += reason["count"].GetInt64();
    }
    EXPECT_EQ(by_reason, a["not_interpreted"].GetInt64()) << "every not-interpreted record has a reason";
}

INSTANTIATE_TEST_SUITE_P(Inputs, EveryInputRecordAccounted, ::testing::ValuesIn(input_cases()),
                         [](const ::testing::TestParamInfo<InputCase>& param) {
                             std::string name = std::to_string(param.index) + "_" + param.param.role + "_" +
                                                fs::path(param.param.path).filename().string();
                             for (char& c : name) {
                                 if (!std::isalnum(static_cast<unsigned char>(c))) {
                                     c = '_';
                                 }
                             }
                             return name;
                         });

}  // namespace precis::test
