// SPDX-License-Identifier: Apache-2.0
// cohort.precis.html: oncoprint, actionable fraction per tumour type, prevalence, sample table.
#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "cohort/cohort.hpp"
#include "common/strings.hpp"
#include "common/version.hpp"
#include "report/writers.hpp"

namespace precis::cohort {

namespace {

std::string esc(std::string_view text) {
    return report::html_escape(text);
}

//! The cell states of the oncoprint: a biomarker state, or no report at all (failed, unreadable).
enum class Cell { detected, not_detected, indeterminate, not_assessed, no_report };
constexpr std::size_t kCells = 5;

struct CellStyle {
    const char* css_class;
    const char* text;
};
constexpr std::array<CellStyle, kCells> kCellStyles = {
    {{"st-det", "detected"},
     {"st-neg", "not detected"},
     {"st-ind", "indeterminate"},
     {"st-na", "not assessed"},
     {"st-fail", "no report (sample failed or unreadable)"}}};

const CellStyle& style(Cell cell) {
    return kCellStyles.at(static_cast<std::size_t>(cell));
}

Cell cell_of(BiomarkerState state) {
    switch (state) {
        case BiomarkerState::detected:
            return Cell::detected;
        case BiomarkerState::not_detected:
            return Cell::not_detected;
        case BiomarkerState::indeterminate:
            return Cell::indeterminate;
        case BiomarkerState::not_assessed:
            break;
    }
    return Cell::not_assessed;
}

//! One biomarker column: its label and how many samples are in each cell state.
struct Column {
    std::string id;
    std::string label;
    std::array<std::size_t, kCells> counts{};
    std::size_t first_seen = 0;
};

//! A sample's cell for a biomarker: its report's state; not assessed when the report does not list the
//! biomarker (never negative); no report when the sample failed or is unreadable.
Cell sample_cell(const CohortSample& sample, const std::string& biomarker) {
    if (!sample.reported()) {
        return Cell::no_report;
    }
    const auto it = std::find_if(sample.biomarkers.begin(), sample.biomarkers.end(),
                                 [&biomarker](const BiomarkerCall& call) { return call.id == biomarker; });
    return it == sample.biomarkers.end() ? Cell::not_assessed : cell_of(it->state);
}

//! The biomarker columns over the cohort: every biomarker any report lists, most often detected first,
//! then in the order first seen.
std::vector<Column> columns_of(const std::vector<CohortSample>& samples) {
    std::vector<Column> columns;
    std::map<std::string, std::size_t> index;
    for (const CohortSample& sample : samples) {
        for (const BiomarkerCall& call : sample.biomarkers) {
            if (index.emplace(call.id, columns.size()).second) {
                columns.push_back(Column{call.id, call.label, {}, columns.size()});
            }
        }
    }
    for (Column& column : columns) {
        for (const CohortSample& sample : samples) {
            ++column.counts.at(static_cast<std::size_t>(sample_cell(sample, column.id)));
        }
    }
    std::stable_sort(columns.begin(), columns.end(),
                     [](const Column& a, const Column& b) { return a.counts[0] > b.counts[0]; });
    return columns;
}

std::string percent(std::size_t part, std::size_t whole) {
    if (whole == 0) {
        return "&ndash;";
    }
    return std::to_string(part) + "/" + std::to_string(whole) + " (" +
           str::format_number(100.0 * static_cast<double>(part) / static_cast<double>(whole), 0) + "%)";
}

std::string css() {
    return R"CSS(:root{--ink:#1b2333;--muted:#5b6475;--line:#d9dee7;--soft:#f5f7fa;--navy:#1f2a44;--accent:#0f5f8c}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;color:var(--ink);background:#fff;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans","Liberation Sans",Arial,sans-serif}
main,.banner-inner{max-width:1200px;margin:0 auto;padding:0 24px}
.banner{background:var(--navy);color:#fff;padding:18px 0 14px}
.banner h1{margin:0 0 2px;font-size:22px;font-weight:650}
.banner .sub{color:#c9d3e6;font-size:13px}
section{margin:22px 0 8px}
h2{font-size:17px;margin:0 0 10px;padding-bottom:5px;border-bottom:2px solid var(--navy);color:var(--navy)}
p{margin:6px 0}
a{color:var(--accent)}
.muted{color:var(--muted)}
.small{font-size:12px}
table{width:100%;border-collapse:collapse;margin:6px 0 10px;font-size:13px}
thead{display:table-header-group}
th{background:var(--soft);text-align:left;font-weight:600;border-bottom:1.5px solid #b9c1cf;padding:6px 8px;vertical-align:bottom}
td{border-bottom:1px solid var(--line);padding:5px 8px;vertical-align:top;overflow-wrap:anywhere}
tr{break-inside:avoid}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:150px;background:var(--soft)}
.card .n{font-size:22px;font-weight:650}
.status-failed,.status-unreadable{color:#a61b1b;font-weight:650}
.oncoprint-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:4px;padding:8px}
svg text{font:11px system-ui,"DejaVu Sans",Arial,sans-serif;fill:var(--ink)}
svg a text{fill:var(--accent)}
.st-det{fill:#b4232a}
.st-neg{fill:#cfd5de}
.st-ind{fill:#e0a33a}
.st-na{fill:url(#na-hatch);stroke:#9aa3b2;stroke-width:1}
.st-fail{fill:url(#fail-cross)}
.defs{position:absolute}
.legend{display:flex;flex-wrap:wrap;gap:16px;margin:8px 0 4px;font-size:12.5px;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:6px}
@media print{.oncoprint-wrap{overflow:visible;border:0}}
)CSS";
}

//! The patterns of "not assessed" (hatched) and "no report" (crossed) cells, so that texture as well as
//! colour tells the states apart; the .st-na and .st-fail classes of every SVG on the page refer to them.
std::string hatch_defs() {
    return "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs><pattern id=\"na-hatch\" "
           "width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"#fff\"/>"
           "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#aab2c0\" "
           "stroke-width=\"1.5\"/></pattern><pattern id=\"fail-cross\" width=\"7\" height=\"7\" "
           "patternUnits=\"userSpaceOnUse\"><rect width=\"7\" height=\"7\" fill=\"#2b3340\"/><path d=\"M0 "
           "0L7 7M7 "
           "0L0 7\" stroke=\"#fff\" stroke-width=\"1\"/></pattern></defs></svg>\n";
}

std::string head(std::size_t samples) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
           "'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"precis " +
           esc(kVersion) + "\">\n<title>precis cohort &ndash; " + std::to_string(samples) +
           " samples</title>\n<style>\n" + css() + "</style>\n</head>\n";
}

std::string card(const std::string& label, const std::string& value) {
    return "<div class=\"card\"><div class=\"small muted\">" + label + "</div><div class=\"n\">" + value +
           "</div></div>\n";
}

std::string summary(const std::vector<CohortSample>& samples) {
    std::size_t reported = 0;
    std::size_t failed = 0;
    std::size_t unreadable = 0;
    std::size_t actionable = 0;
    for (const CohortSample& sample : samples) {
        reported += sample.reported() ? 1U : 0U;
        failed += sample.status == SampleStatus::failed ? 1U : 0U;
        unreadable += sample.status == SampleStatus::unreadable ? 1U : 0U;
        actionable += sample.reported() && sample.actionable_findings() > 0 ? 1U : 0U;
    }
    return "<div class=\"cards\" id=\"summary\">\n" + card("Samples", std::to_string(samples.size())) +
           card("Reported", std::to_string(reported)) + card("Failed", std::to_string(failed)) +
           card("Unreadable report", std::to_string(unreadable)) +
           card("With an actionable finding", percent(actionable, reported)) + "</div>\n";
}

std::string prevalence(const std::vector<Column>& columns) {
    std::string out =
        "<section id=\"prevalence\">\n<h2>Biomarker prevalence</h2>\n<p class=\"small muted\">Counts over "
        "the "
        "cohort. <em>Not assessed</em> (no input could show the biomarker, or the report does not list it) "
        "is "
        "never counted as negative; the share detected is over the samples in which the biomarker was "
        "assessed.</p>\n<table>\n<thead><tr><th>Biomarker</th><th class=\"num\">Detected</th><th "
        "class=\"num\">Not detected</th><th class=\"num\">Indeterminate</th><th class=\"num\">Not "
        "assessed</th><th class=\"num\">No report</th><th class=\"num\">Detected / assessed</th></tr></thead>"
        "\n<tbody>\n";
    for (const Column& c : columns) {
        const std::size_t assessed = c.counts[0] + c.counts[1] + c.counts[2];
        out += "<tr data-biomarker=\"" + esc(c.id) + "\"><td>" + esc(c.label) +
               " <span class=\"small muted\">" + esc(c.id) + "</span></td>";
        for (const std::size_t count : c.counts) {
            out += "<td class=\"num\">" + std::to_string(count) + "</td>";
        }
        out += "<td class=\"num\">" + percent(c.counts[0], assessed) + "</td></tr>\n";
    }
    if (columns.empty()) {
        out += "<tr><td colspan=\"7\" class=\"muted\">No report lists a biomarker.</td></tr>\n";
    }
    return out + "</tbody>\n</table>\n</section>\n";
}

std::string actionable_by_tumour_type(const std::vector<CohortSample>& samples) {
    struct Counts {
        std::size_t samples = 0;
        std::size_t reported = 0;
        std::size_t actionable = 0;
    };
    std::map<std::string, Counts> by_type;
    for (const CohortSample& sample : samples) {
        Counts& counts = by_type[sample.tumor_type];
        ++counts.samples;
        counts.reported += sample.reported() ? 1U : 0U;
        counts.actionable += sample.reported() && sample.actionable_findings() > 0 ? 1U : 0U;
    }
    std::string out =
        "<section id=\"actionable\">\n<h2>Actionable fraction per tumour type</h2>\n<p class=\"small "
        "muted\">A sample is actionable when its report has at least one finding with a sensitivity option "
        "at "
        "level 1 to 3B for its tumour type (the report's &ldquo;Actionable findings&rdquo;); the fraction is "
        "over the reported samples.</p>\n<table>\n<thead><tr><th>Tumour type</th><th "
        "class=\"num\">Samples</th><th class=\"num\">Reported</th><th class=\"num\">Failed or "
        "unreadable</th><th class=\"num\">Actionable</th></tr></thead>\n<tbody>\n";
    for (const auto& [type, counts] : by_type) {
        out += "<tr data-tumor-type=\"" + esc(type) + "\"><td>" +
               (type.empty() ? std::string("<span class=\"muted\">unknown</span>") : esc(type)) +
               "</td><td class=\"num\">" + std::to_string(counts.samples) + "</td><td class=\"num\">" +
               std::to_string(counts.reported) + "</td><td class=\"num\">" +
               std::to_string(counts.samples - counts.reported) + "</td><td class=\"num\">" +
               percent(counts.actionable, counts.reported) + "</td></tr>\n";
    }
    return out + "</tbody>\n</table>\n</section>\n";
}

std::string legend() {
    std::string out = "<ul class=\"legend\">\n";
    for (const CellStyle& s : kCellStyles) {
        out += "<li><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><rect class=\"swatch " +
               std::string(s.css_class) + "\" x=\"0.5\" y=\"0.5\" width=\"13\" height=\"13\"/></svg>" +
               s.text + "</li>\n";
    }
    return out + "</ul>\n";
}

//! The oncoprint: one row per sample (its name linked to its report), one column per biomarker, one cell
//! per sample x biomarker classed by its state.
std::string oncoprint(const std::vector<CohortSample>& samples, const std::vector<std::string>& links,
                      const std::vector<Column>& columns) {
    constexpr std::size_t kPitch = 16;
    constexpr std::size_t kCell = 14;
    constexpr std::size_t kMaxName = 32;
    std::size_t name_chars = 6;
    for (const CohortSample& sample : samples) {
        name_chars = std::max(name_chars, std::min(sample.sample.size(), kMaxName));
    }
    std::size_t id_chars = 4;
    for (const Column& c : columns) {
        id_chars = std::max(id_chars, std::min(c.id.size(), kMaxName));
    }
    const std::size_t left = 7 * name_chars + 16;
    const std::size_t top = 7 * id_chars + 14;  // rotated labels: about 7 px per character
    const std::size_t width = left + kPitch * columns.size() + 8;
    const std::size_t height = top + kPitch * samples.size() + 4;
    std::string out = "<svg id=\"oncoprint\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      std::to_string(width) + "\" height=\"" + std::to_string(height) +
                      "\" role=\"img\" aria-label=\"Oncoprint: " + std::to_string(samples.size()) +
                      " samples by " + std::to_string(columns.size()) + " biomarkers\">\n";
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const std::size_t x = left + kPitch * j + kCell / 2 + 4;
        out += "<text class=\"col-label\" transform=\"translate(" + std::to_string(x) + " " +
               std::to_string(top - 4) + ") rotate(-90)\"><title>" + esc(columns[j].label) + "</title>" +
               esc(columns[j].id.substr(0, kMaxName)) + "</text>\n";
    }
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const CohortSample& sample = samples[i];
        const std::size_t y = top + kPitch * i;
        const std::string name = sample.sample.size() > kMaxName
                                     ? sample.sample.substr(0, kMaxName - 1) + "\xE2\x80\xA6"
                                     : sample.sample;
        std::string label = "<text x=\"4\" y=\"" + std::to_string(y + 11) + "\"><title>" +
                            esc(sample.sample) + " (" + to_string(sample.status) + ")</title>" + esc(name) +
                            "</text>";
        if (!links[i].empty()) {
            label =
                str::concat({"<a href=\"", esc(str::percent_encode(links[i], "/")), "\">", label, "</a>"});
        }
        out += "<g class=\"sample-row\" data-sample=\"" + esc(sample.sample) + "\" data-status=\"" +
               to_string(sample.status) + "\">" + label;
        for (std::size_t j = 0; j < columns.size(); ++j) {
            const CellStyle& s = style(sample_cell(sample, columns[j].id));
            out += "<rect class=\"cell " + std::string(s.css_class) + "\" data-biomarker=\"" +
                   esc(columns[j].id) + "\" x=\"" + std::to_string(left + kPitch * j) + "\" y=\"" +
                   std::to_string(y) + "\" width=\"" + std::to_string(kCell) + "\" height=\"" +
                   std::to_string(kCell) + "\"><title>" + esc(sample.sample) + " &middot; " +
                   esc(columns[j].label) + ": " + s.text + "</title></rect>";
        }
        out += "</g>\n";
    }
    return "<section id=\"oncoprint-section\">\n<h2>Oncoprint</h2>\n<p class=\"small muted\">Rows are "
           "samples "
           "(linked to their reports), columns biomarkers, most often detected first.</p>\n" +
           legend() + "<div class=\"oncoprint-wrap\">\n" + out + "</svg>\n</div>\n</section>\n";
}

std::string sample_table(const std::vector<CohortSample>& samples, const std::vector<std::string>& links) {
    std::string out =
        "<section id=\"samples\">\n<h2>Samples</h2>\n<table>\n<thead><tr><th>Sample</th><th>Tumour "
        "type</th><th>Status</th><th class=\"num\">Actionable findings</th><th>Detected "
        "biomarkers</th><th>Report or error</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const CohortSample& s = samples[i];
        std::vector<std::string> detected;
        for (const BiomarkerCall& call : s.biomarkers) {
            if (call.state == BiomarkerState::detected) {
                detected.push_back(call.label);
            }
        }
        const std::string status = to_string(s.status);
        std::string report = links[i].empty() ? std::string("<span class=\"muted\">no HTML report</span>")
                                              : "<a class=\"report-link\" href=\"" +
                                                    esc(str::percent_encode(links[i], "/")) + "\">" +
                                                    esc(links[i]) + "</a>";
        if (!s.error.empty()) {
            report = "<span class=\"error\">" + esc(s.error) + "</span>";
        }
        out += str::concat(
            {"<tr data-sample=\"", esc(s.sample), "\"><td>", esc(s.sample), "</td><td>", esc(s.tumor_type),
             "</td><td class=\"status-", status, "\">", status, "</td><td class=\"num\">",
             s.reported() ? std::to_string(s.actionable_findings()) : std::string("&ndash;"), "</td><td>",
             esc(str::join(detected, "; ")), "</td><td>", report, "</td></tr>\n"});
    }
    return out + "</tbody>\n</table>\n</section>\n";
}

}  // namespace

std::string render_cohort_html(const std::vector<CohortSample>& samples,
                               const std::vector<std::string>& html_links) {
    std::vector<std::string> links = html_links;
    links.resize(samples.size());
    const std::vector<Column> columns = columns_of(samples);
    return head(samples.size()) + "<body>\n" + hatch_defs() +
           "<header class=\"banner\"><div class=\"banner-inner\">\n<h1>precis cohort "
           "report</h1>\n<div class=\"sub\">" +
           std::to_string(samples.size()) + " samples, " + std::to_string(columns.size()) +
           " biomarkers. Research summary of the per-sample reports; each sample's report is the clinical "
           "document.</div>\n</div></header>\n<main>\n" +
           summary(samples) + oncoprint(samples, links, columns) + actionable_by_tumour_type(samples) +
           prevalence(columns) + sample_table(samples, links) + "</main>\n</body>\n</html>\n";
}

}  // namespace precis::cohort
