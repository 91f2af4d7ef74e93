// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "report/writers.hpp"
#include "unit/report/sample_report.hpp"

namespace precis::report {
namespace {

std::vector<std::vector<std::string>> parse(const std::string& tsv) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(tsv);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::size_t start = 0;
        while (true) {
            const auto tab = line.find('\t', start);
            cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
            if (tab == std::string::npos) {
                break;
            }
            start = tab + 1;
        }
        rows.push_back(cells);
    }
    return rows;
}

std::size_t column(const std::string& name) {
    const auto& columns = tsv_columns();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i] == name) {
            return i;
        }
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
}

TEST(report_tsv, HeaderHasTheDocumentedColumnsInOrder) {
    const std::vector<std::string> documented = {"sample_id",
                                                 "tumor_type",
                                                 "section",
                                                 "finding_id",
                                                 "gene",
                                                 "alteration",
                                                 "category",
                                                 "oncogenicity",
                                                 "vaf",
                                                 "depth",
                                                 "value",
                                                 "details",
                                                 "source_record",
                                                 "therapy",
                                                 "direction",
                                                 "level",
                                                 "kb_level",
                                                 "amp_tier",
                                                 "escat",
                                                 "on_label",
                                                 "tumor_type_match",
                                                 "evidence_tumor_types",
                                                 "fda_status",
                                                 "ema_status",
                                                 "flags",
                                                 "sources",
                                                 "trials",
                                                 "evidence_id",
                                                 "note",
                                                 "caveats",
                                                 "level_source",
                                                 "prior_therapy"};
    EXPECT_EQ(tsv_columns(), documented);
    const auto rows = parse(render_tsv(test::sample_report()));
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0], documented);
}

TEST(report_tsv, OneRowPerFindingAndTherapy) {
    const Report report = test::sample_report();
    const auto rows = parse(render_tsv(report));
    // F1 x2 therapies, F2 x1, F3 x1, F4 x1, F5 (other, no therapy) x1 -> 6 rows + header.
    ASSERT_EQ(rows.size(), 7U);
    for (const auto& row : rows) {
        EXPECT_EQ(row.size(), tsv_columns().size());
    }
    EXPECT_EQ(rows[1][column("finding_id")], "F1");
    EXPECT_EQ(rows[1][column("therapy")], "zanidatamab");
    EXPECT_EQ(rows[1][column("level")], "2");
    EXPECT_EQ(rows[1][column("amp_tier")], "I-B");
    EXPECT_EQ(rows[1][column("on_label")], "no");
    EXPECT_EQ(rows[1][column("value")], "9");
    EXPECT_EQ(rows[1][column("sources")], "PMID 37276871");
    EXPECT_EQ(rows[1][column("trials")], "NCT04466891");
    EXPECT_EQ(rows[2][column("therapy")], "trastuzumab deruxtecan");
    EXPECT_EQ(rows[2][column("flags")],
              "caution: PIK3CA activating mutation may reduce benefit from HER2-directed therapy.");
    EXPECT_EQ(rows[3][column("finding_id")], "F2");
    EXPECT_EQ(rows[3][column("alteration")], "TMB-H");
    EXPECT_EQ(rows[3][column("value")], "12.5");
    EXPECT_EQ(rows[3][column("on_label")], "yes");
    EXPECT_EQ(rows[3][column("fda_status")],
              "accelerated_approval (2020-06-16): TMB-H (>=10 mut/Mb) solid tumours");
    EXPECT_EQ(rows[3][column("ema_status")], "not_approved");
    EXPECT_EQ(rows[4][column("therapy")], "alpelisib + fulvestrant");
    EXPECT_EQ(rows[4][column("vaf")], "0.31");
    EXPECT_EQ(rows[4][column("depth")], "412");
    EXPECT_EQ(rows[5][column("direction")], "resistance");
    EXPECT_EQ(rows[5][column("level")], "R1");
    EXPECT_EQ(rows[6][column("section")], "other");
    EXPECT_EQ(rows[6][column("finding_id")], "F5");
    EXPECT_EQ(rows[6][column("therapy")], "");
    EXPECT_EQ(rows[6][column("on_label")], "");
    for (std::size_t i = 1; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i][column("sample_id")], "GBC-042");
        EXPECT_EQ(rows[i][column("tumor_type")], "GBC");
    }
}

TEST(report_tsv, FindingWithoutTherapyStillGetsARow) {
    Report report = test::sample_report();
    report.findings[0].therapies.clear();
    const auto rows = parse(render_tsv(report));
    ASSERT_EQ(rows.size(), 6U);
    EXPECT_EQ(rows[1][column("finding_id")], "F1");
    EXPECT_EQ(rows[1][column("therapy")], "");
}

TEST(report_tsv, SanitisesTabsNewlinesAndFormulas) {
    Report report = test::sample_report("=HYPERLINK(\"http://x\")");
    const std::string tsv = render_tsv(report);
    const auto rows = parse(tsv);
    ASSERT_EQ(rows.size(), 7U);  // the INFO value's tab and newline did not split the row
    EXPECT_EQ(rows[4][column("details")],
              "NM_006218.4:c.3140A>G INFO=\"><script>alert('info')</script>&x= tab line");
    EXPECT_EQ(rows[1][column("sample_id")], "'=HYPERLINK(\"http://x\")");
}

TEST(report_tsv, PriorTherapyIsTheLastColumn) {
    Report report = test::sample_report();
    report.findings[0].therapies[0].prior_therapies = {
        {{"zanidatamab"}, StoppedFor::progression, "", BestResponse::stable_disease},
        {{"zanidatamab"}, StoppedFor::toxicity, "infusion reaction", std::nullopt}};
    const auto rows = parse(render_tsv(report));
    ASSERT_EQ(rows.size(), 7U);
    EXPECT_EQ(column("prior_therapy"), tsv_columns().size() - 1);
    EXPECT_EQ(rows[1][column("prior_therapy")],
              "zanidatamab: progression (best response SD); zanidatamab: toxicity (infusion reaction)");
    EXPECT_EQ(rows[2][column("prior_therapy")], "");
    EXPECT_EQ(rows[6][column("prior_therapy")], "");  // the finding without therapy
    EXPECT_EQ(rows[6].size(), tsv_columns().size());
}

TEST(report_tsv, EmptyReportIsHeaderOnly) {
    Report report;
    const auto rows = parse(render_tsv(report));
    EXPECT_EQ(rows.size(), 1U);
}

TEST(report_tsv, IsDeterministic) {
    EXPECT_EQ(render_tsv(test::sample_report()), render_tsv(test::sample_report()));
}

}  // namespace
}  // namespace precis::report
