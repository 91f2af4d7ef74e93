// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "report/writers.hpp"
#include "unit/report/sample_report.hpp"

namespace precis::report {
namespace {

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + part.size())) {
        ++n;
    }
    return n;
}

TEST(report_html, HasEverySection) {
    const std::string html = render_html(test::sample_report());
    for (const char* id : {"summary", "biomarkers", "therapies", "flags", "checks", "findings",
                           "other-findings", "context", "plots", "methods", "disclaimer", "provenance"}) {
        EXPECT_NE(html.find("<section id=\"" + std::string(id) + "\""), std::string::npos) << id;
    }
    EXPECT_NE(html.find("<header class=\"banner\""), std::string::npos);
    EXPECT_NE(html.find("supports and does not replace clinical judgement"), std::string::npos);
    EXPECT_NE(html.find("Gallbladder Cancer"), std::string::npos);
    EXPECT_NE(html.find("GRCh38"), std::string::npos);
    EXPECT_NE(html.find("2025.06"), std::string::npos);
    EXPECT_NE(html.find("FFPE resection"), std::string::npos);
    EXPECT_NE(html.find("zanidatamab"), std::string::npos);
    EXPECT_NE(html.find("Level 2"), std::string::npos);
    EXPECT_NE(html.find("Tier I-B"), std::string::npos);
    EXPECT_NE(html.find("Off-label"), std::string::npos);
    EXPECT_NE(html.find("On-label"), std::string::npos);
    EXPECT_NE(html.find("accelerated approval"), std::string::npos);
    EXPECT_NE(html.find("Gemcitabine-cisplatin"), std::string::npos);
    EXPECT_NE(html.find("Germline status cannot be determined"), std::string::npos);
    EXPECT_NE(html.find("total CN &gt;= 6"), std::string::npos);
    EXPECT_NE(html.find("<code>precis interpret --vcf tumour.vcf.gz"), std::string::npos);
}

//! The HTML of the first screen: the summary section.
std::string summary_section(const std::string& html) {
    const auto begin = html.find("<section id=\"summary\"");
    const auto end = html.find("</section>", begin);
    return begin == std::string::npos || end == std::string::npos ? std::string()
                                                                  : html.substr(begin, end - begin);
}

TEST(report_html, FirstScreenNumbersCarryUnitsAndLowSupportCaveats) {
    const std::string summary = summary_section(render_html(test::sample_report()));
    ASSERT_FALSE(summary.empty());
    EXPECT_NE(summary.find("(9 copies)"), std::string::npos) << summary;     // ERBB2 amplification
    EXPECT_NE(summary.find("(12.5 mut/Mb)"), std::string::npos) << summary;  // TMB-H
    EXPECT_NE(summary.find("(VAF 31%)"), std::string::npos) << summary;      // PIK3CA H1047R
    EXPECT_EQ(summary.find("(9)"), std::string::npos) << "a number without its unit";
    EXPECT_EQ(summary.find("(12.5)"), std::string::npos) << "a number without its unit";
    // KRAS G12D has only 3 supporting reads: its caveat is on the first screen, next to the finding.
    const auto kras = summary.find("G12D");
    const auto caveat = summary.find("Only 3 variant-supporting reads");
    ASSERT_NE(kras, std::string::npos);
    ASSERT_NE(caveat, std::string::npos) << summary;
    EXPECT_LT(kras, caveat);
    EXPECT_EQ(count(summary, "support-caveat"), 1U);  // PIK3CA (VAF 31%, 412 reads) carries none
}

TEST(report_html, IsOneDocumentWithPrintCss) {
    const std::string html = render_html(test::sample_report());
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
    EXPECT_EQ(count(html, "<html"), 1U);
    EXPECT_EQ(count(html, "</html>"), 1U);
    EXPECT_NE(html.find("@media print"), std::string::npos);
    EXPECT_NE(html.find("@page"), std::string::npos);
    EXPECT_NE(html.find("thead{display:table-header-group}"), std::string::npos);
    EXPECT_NE(html.find(".page-break{break-before:page}"), std::string::npos);
    EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
}

TEST(report_html, EscapesHostileSampleNameAndInfoValues) {
    const std::string html = render_html(test::sample_report(test::kHostileSample));
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<svg onload"), std::string::npos);
    EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
    EXPECT_NE(html.find("&quot;&gt;&lt;script&gt;alert(&#39;info&#39;)&lt;/script&gt;&amp;x="),
              std::string::npos);
    EXPECT_NE(html.find("&lt;svg onload=alert(2)&gt;"), std::string::npos);  // gene label inside the SVG
    // No element carries an event-handler attribute.
    EXPECT_FALSE(std::regex_search(html, std::regex("<[a-zA-Z][^>]*\\son[a-z]+\\s*=", std::regex::icase)));
}

TEST(report_html, LoadsNoExternalResourcesAndRunsNoScript) {
    const std::string html = render_html(test::sample_report(test::kHostileSample));
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("<iframe"), std::string::npos);
    EXPECT_EQ(html.find("<object"), std::string::npos);
    EXPECT_EQ(html.find("<embed"), std::string::npos);
    EXPECT_EQ(html.find("@import"), std::string::npos);
    EXPECT_EQ(html.find("url("), std::string::npos);
    EXPECT_EQ(html.find("javascript:"), std::string::npos);
    EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
    // Input text is escaped, so every '<' opens a real tag. No tag has a src attribute; href appears
    // only on <a> (in-page anchors and https source links, which are never loaded); the only other
    // "http" in a tag is the SVG namespace and http-equiv, neither of which is fetched.
    const std::regex tag("<[a-zA-Z][^>]*>");
    const std::regex href_attr("\\shref=\"([^\"]*)\"");
    std::size_t links = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator(); ++it) {
        std::string text = it->str();
        EXPECT_EQ(text.find(" src="), std::string::npos) << text;
        std::smatch href;
        if (std::regex_search(text, href, href_attr)) {
            ++links;
            EXPECT_EQ(text.rfind("<a ", 0), 0U) << text;
            const std::string url = href[1];
            EXPECT_TRUE(url.rfind("#", 0) == 0 || url.rfind("https://", 0) == 0) << url;
            text = std::regex_replace(text, href_attr, "");
        }
        text = std::regex_replace(text, std::regex("xmlns=\"http://www.w3.org/2000/svg\"|http-equiv="), "");
        EXPECT_EQ(text.find("http"), std::string::npos) << text;
    }
    EXPECT_GT(links, 10U);
}

TEST(report_html, SourcesBecomeLinksOnlyForKnownIdsAndWebUrls) {
    Report report = test::sample_report();
    report.context[0].sources.push_back({"other", "evil", "", "", "javascript:alert(1)"});
    report.context[0].sources.push_back({"PMID", "123\"onmouseover=x", "", "", ""});
    report.context[0].sources.push_back({"DOI", "10.1056/NEJMoa2203690", "", "", ""});
    const std::string html = render_html(report);
    EXPECT_NE(html.find("<a href=\"https://pubmed.ncbi.nlm.nih.gov/37276871/\""), std::string::npos);
    EXPECT_NE(html.find("<a href=\"https://clinicaltrials.gov/study/NCT04466891\""), std::string::npos);
    EXPECT_NE(html.find("<a href=\"https://clinicaltrials.gov/study/NCT02628067\""), std::string::npos);
    EXPECT_NE(html.find("<a href=\"https://doi.org/10.1056/NEJMoa2203690\""), std::string::npos);
    EXPECT_EQ(html.find("javascript:"), std::string::npos);
    EXPECT_NE(html.find("PMID 123&quot;onmouseover=x"), std::string::npos);  // text, not a link
}

TEST(report_html, NotAssessedLooksDifferentFromNotDetected) {
    const std::string html = render_html(test::sample_report());
    EXPECT_NE(html.find("class=\"status st-na\""), std::string::npos);
    EXPECT_NE(html.find("class=\"status st-neg\""), std::string::npos);
    EXPECT_NE(html.find("Not assessed</span>"), std::string::npos);
    EXPECT_NE(html.find("Not detected</span>"), std::string::npos);
    EXPECT_NE(html.find("<tr class=\"row-na\">"), std::string::npos);
    EXPECT_NE(html.find("no fusion input was given (--fusions)"), std::string::npos);
    // Not by colour alone: a dashed, italic style and a different symbol.
    EXPECT_NE(html.find(".st-na{"), std::string::npos);
    EXPECT_NE(html.find("border-style:dashed"), std::string::npos);
    EXPECT_NE(html.find("&#9676;</span> Not assessed"), std::string::npos);
    EXPECT_NE(html.find("&#9675;</span> Not detected"), std::string::npos);
}

TEST(report_html, LevelBadgesCarryTextLabels) {
    const std::string html = render_html(test::sample_report());
    EXPECT_NE(html.find("<span class=\"badge lvl-1\">Level 1</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"badge lvl-2\">Level 2</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"badge lvl-3\">Level 3A</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"badge lvl-r\">Level R1</span>"), std::string::npos);
}

TEST(report_html, ShowsFlagsChecksAndPlots) {
    const std::string html = render_html(test::sample_report());
    EXPECT_NE(html.find("PIK3CA activating mutation may reduce benefit"), std::string::npos);
    EXPECT_NE(html.find("&#9888; Resistance</strong>"), std::string::npos);
    EXPECT_NE(html.find("confirm by IHC/ISH"), std::string::npos);
    EXPECT_EQ(count(html, "<svg class=\"plot\""), 2U);
    EXPECT_NE(html.find("MYC \xE2\x96\xB2 24"), std::string::npos);  // above the axis cap, value written out
    EXPECT_NE(html.find("ARID1A"), std::string::npos);
}

TEST(report_html, SaysWhenThereIsNoCopyNumberInput) {
    Report report = test::sample_report();
    report.segments_for_plot.clear();
    report.variants_for_plot.clear();
    const std::string html = render_html(report);
    EXPECT_NE(html.find("No copy-number input"), std::string::npos);
    EXPECT_NE(html.find("no VAF plot"), std::string::npos);
    EXPECT_EQ(html.find("<svg"), std::string::npos);
}

TEST(report_html, RendersAnEmptyReport) {
    Report report;
    report.sample_id = "EMPTY";
    const std::string html = render_html(report);
    EXPECT_NE(html.find("No actionable findings"), std::string::npos);
    EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(report_html, ShowsTheTreatmentHistoryAndTagsReceivedDrugs) {
    Report report = test::sample_report();
    EXPECT_EQ(render_html(report).find("tag-prior"), std::string::npos);  // none without a history
    report.line_of_therapy = 2;
    report.prior_therapies = {
        {{"zanidatamab"}, StoppedFor::progression, "", BestResponse::partial_response},
        {{"pembrolizumab"}, StoppedFor::toxicity, "pneumonitis <grade 3>", std::nullopt}};
    report.findings[0].therapies[0].prior_therapies = {
        {{"zanidatamab"}, StoppedFor::progression, "", BestResponse::partial_response}};
    report.findings[0].therapies[1].prior_therapies = {
        {{"trastuzumab deruxtecan"}, StoppedFor::toxicity, "pneumonitis <grade 3>", std::nullopt}};
    report.therapy_summary[1].prior_therapies =
        report.findings[0].therapies[0].prior_therapies;  // zanidatamab
    const std::string html = render_html(report);
    EXPECT_NE(html.find("<dt>Line of therapy</dt><dd>2</dd>"), std::string::npos);
    EXPECT_NE(html.find("zanidatamab: progression (best response PR); pembrolizumab: toxicity (pneumonitis "
                        "&lt;grade 3&gt;)"),
              std::string::npos);
    EXPECT_NE(html.find(".tag-prior{"), std::string::npos);
    EXPECT_NE(html.find(">progressed on zanidatamab</span>"), std::string::npos);
    EXPECT_NE(html.find(">stopped for toxicity: trastuzumab deruxtecan</span>"), std::string::npos);
    EXPECT_EQ(html.find("<grade 3>"), std::string::npos);  // escaped everywhere
    // Summary top three, the ranked summary and the evidence table.
    EXPECT_GE(count(html, ">progressed on zanidatamab</span>"), 3U);
}

TEST(report_html, IsDeterministic) {
    EXPECT_EQ(render_html(test::sample_report()), render_html(test::sample_report()));
}

}  // namespace
}  // namespace precis::report
