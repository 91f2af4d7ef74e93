// SPDX-License-Identifier: Apache-2.0
#include <set>

#include "common/strings.hpp"
#include "report/json_writer.hpp"
#include "report/report_set.hpp"
#include "report/writers.hpp"

namespace precis::report {

std::vector<std::string> write_reports(const Report& report, const std::string& out_dir,
                                       const std::string& formats, bool pdf) {
    std::set<std::string> wanted;
    for (const auto part : str::split(formats, ',')) {
        wanted.insert(std::string(str::trim(part)));
    }
    if (pdf) {
        wanted.insert("pdf");
    }
    ReportSet reports(out_dir, report.sample_id);
    if (wanted.count("json") != 0) {
        reports.add(".precis.json", render_json(report));
    }
    const bool html = wanted.count("html") != 0 || wanted.count("pdf") != 0;
    const std::string html_report = html ? render_html(report) : std::string();
    if (html) {
        reports.add(".precis.html", html_report);
    }
    if (wanted.count("tsv") != 0) {
        reports.add(".precis.tsv", render_tsv(report));
    }
    if (wanted.count("fhir") != 0) {
        reports.add(".fhir.json", render_fhir(report));
    }
    if (wanted.count("pdf") != 0) {
        reports.add(".precis.pdf", print_pdf(html_report, reports.final_path(".precis.pdf")));
    }
    return reports.commit();
}

}  // namespace precis::report
