// SPDX-License-Identifier: Apache-2.0
// Report -> one self-contained HTML page for a molecular tumour board. No logic: the Report decides
// what is shown and in which order; this file only lays it out. Every report string passes through
// html_escape(); links are built only for PMID / NCT / DOI ids and http(s) URLs.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/strings.hpp"
#include "report/svg_plots.hpp"
#include "report/writers.hpp"

namespace precis::report {

namespace {

std::string esc(std::string_view text) {
    return html_escape(text);
}

bool all_digits(std::string_view text) {
    if (text.empty()) {
        return false;
    }
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

bool is_nct_id(std::string_view text) {
    return text.size() > 3 && (text.substr(0, 3) == "NCT" || text.substr(0, 3) == "nct") &&
           all_digits(text.substr(3));
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

//! A link only for URLs of a known safe shape; anything else is shown as plain text.
std::string link(const std::string& url, std::string_view label, std::string_view title = {}) {
    if (!(starts_with(url, "https://") || starts_with(url, "http://"))) {
        return esc(label);
    }
    std::string out = "<a href=\"" + esc(url) + "\" rel=\"noopener noreferrer\"";
    if (!title.empty()) {
        out += " title=\"" + esc(title) + "\"";
    }
    out += ">" + esc(label) + "</a>";
    return out;
}

std::string source_url(const SourceRef& source) {
    if (source.type == "PMID" && all_digits(source.id)) {
        return "https://pubmed.ncbi.nlm.nih.gov/" + source.id + "/";
    }
    if (source.type == "NCT" && is_nct_id(source.id)) {
        return "https://clinicaltrials.gov/study/" + source.id;
    }
    if (source.type == "DOI" && !source.id.empty()) {
        return "https://doi.org/" + str::percent_encode(source.id, "/()");  // DOI delimiters kept readable
    }
    return source.url;
}

std::string source_label(const SourceRef& source) {
    if (source.id.empty()) {
        return source.type.empty() ? std::string("source") : source.type;
    }
    if (source.type.empty() || source.type == "other" || starts_with(source.id, source.type)) {
        return source.id;
    }
    return source.type + " " + source.id;
}

std::string source_links(const std::vector<SourceRef>& sources) {
    std::string out;
    for (const auto& source : sources) {
        if (!out.empty()) {
            out += "<br>";
        }
        std::string title = source.note;
        if (!source.date.empty()) {
            title += (title.empty() ? "" : " ") + std::string("(") + source.date + ")";
        }
        out += link(source_url(source), source_label(source), title);
    }
    return out;
}

std::string trial_links(const std::vector<std::string>& trials) {
    std::string out;
    for (const auto& trial : trials) {
        if (!out.empty()) {
            out += "<br>";
        }
        out += is_nct_id(trial) ? link("https://clinicaltrials.gov/study/" + trial, trial) : esc(trial);
    }
    return out;
}

std::string underscores_to_spaces(std::string text) {
    for (char& c : text) {
        if (c == '_') {
            c = ' ';
        }
    }
    return text;
}

std::string drugs_text(const std::vector<std::string>& drugs) {
    return str::join(drugs, " + ");
}

//! Level badge: a fixed CSS class per known level, and the level always written out as text.
std::string level_badge(Level level) {
    const char* css = "lvl-4";
    switch (level) {
        case Level::level_1:
            css = "lvl-1";
            break;
        case Level::level_2:
            css = "lvl-2";
            break;
        case Level::level_3a:
        case Level::level_3b:
            css = "lvl-3";
            break;
        case Level::level_4:
            break;
        case Level::level_r1:
        case Level::level_r2:
            css = "lvl-r";
            break;
    }
    return std::string("<span class=\"badge ") + css + "\">Level " + to_string(level) + "</span>";
}

std::string label_badge(bool on_label) {
    return on_label ? "<span class=\"tag tag-on\">On-label</span>"
                    : "<span class=\"tag tag-off\">Off-label</span>";
}

//! Tags for the prior therapies that held a row's drugs ("progressed on imatinib"), the details as tooltip.
std::string prior_tags(const std::vector<PriorTherapyMark>& marks) {
    std::string out;
    for (const PriorTherapyMark& mark : marks) {
        const std::string drugs = drugs_text(mark.drugs);
        std::string label;
        switch (mark.stopped_for) {
            case StoppedFor::progression:
                label = "progressed on " + drugs;
                break;
            case StoppedFor::toxicity:
                label = "stopped for toxicity: " + drugs;
                break;
            case StoppedFor::completed:
                label = "completed: " + drugs;
                break;
            case StoppedFor::other:
                label = "received before: " + drugs;
                break;
        }
        out += " <span class=\"tag tag-prior\" title=\"" + esc("prior therapy " + prior_therapy_text(mark)) +
               "\">" + esc(label) + "</span>";
    }
    return out;
}

std::string direction_text(Direction direction) {
    return direction == Direction::resistance ? "<span class=\"dir-res\">&#9888; Resistance</span>"
                                              : "Sensitivity";
}

//! A number for display ("12.4"); "not a finite number" for NaN or infinity.
std::string number_text(double value) {
    if (!std::isfinite(value)) {
        return "not a finite number";
    }
    return str::format_significant(value, 4);
}

//! Where a level comes from, under its badge: a visible "curator-assigned" tag for levels no primary
//! source gives, else the source and date, with the reference as a tooltip.
std::string source_tag(const LevelProvenance& source) {
    if (source.type == LevelSource::curator) {
        return "<div><span class=\"tag tag-curator\" title=\"" + esc(source.reference) +
               "\">curator-assigned</span></div>";
    }
    const char* name = source.type == LevelSource::oncokb      ? "OncoKB"
                       : source.type == LevelSource::fda_label ? "FDA label"
                       : source.type == LevelSource::ema_label ? "EMA label"
                                                               : "Guideline";
    return "<div class=\"small muted\" title=\"" + esc(source.reference) + "\">" + name + " " +
           esc(source.date) + "</div>";
}

//! Findings with a sensitivity option at level 1 to 3B for this tumour type (the first screen's count).
std::size_t actionable_count(const std::vector<Finding>& findings) {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
        return std::any_of(f.therapies.begin(), f.therapies.end(),
                           [](const TherapyMatch& t) { return is_actionable(t.direction, t.level); });
    }));
}

std::string msi_status_text(const std::string& status) {
    if (status == "not_assessed") {
        return "Not assessed";
    }
    if (status == "indeterminate") {
        return "<strong>Indeterminate</strong>";
    }
    return "<strong>" + esc(status) + "</strong>";
}

std::string status_badge(BiomarkerState status) {
    switch (status) {
        case BiomarkerState::detected:
            return "<span class=\"status st-det\"><span aria-hidden=\"true\">&#9679;</span> Detected</span>";
        case BiomarkerState::not_detected:
            return "<span class=\"status st-neg\"><span aria-hidden=\"true\">&#9675;</span> Not "
                   "detected</span>";
        case BiomarkerState::indeterminate:
            return "<span class=\"status st-ind\"><span aria-hidden=\"true\">&#9680;</span> "
                   "Indeterminate</span>";
        case BiomarkerState::not_assessed:
            break;
    }
    return "<span class=\"status st-na\"><span aria-hidden=\"true\">&#9676;</span> Not assessed</span>";
}

std::string category_text(Category category) {
    switch (category) {
        case Category::small_variant:
            return "Small variant";
        case Category::copy_number:
            return "Copy number";
        case Category::fusion:
            return "Fusion";
        case Category::protein_expression:
            return "Protein (IHC)";
        case Category::genomic_signature:
            return "Genomic signature";
    }
    return "";
}

std::string regulatory_text(const std::vector<RegulatoryStatus>& regulatory) {
    std::string out;
    for (const auto& status : regulatory) {
        if (!out.empty()) {
            out += "<br>";
        }
        out += "<strong>" + esc(status.agency) + "</strong> " + esc(underscores_to_spaces(status.status));
        if (!status.date.empty()) {
            out += " (" + esc(status.date) + ")";
        }
        if (!status.indication.empty()) {
            out += "<span class=\"small\"> &middot; " + esc(status.indication) + "</span>";
        }
        out += status.covers_tumor_type ? " <span class=\"tag tag-on\">covers this tumour type</span>"
                                        : " <span class=\"tag tag-off\">other indication</span>";
    }
    return out.empty() ? "<span class=\"muted\">&mdash;</span>" : out;
}

std::string optional_number(const std::optional<double>& value, int decimals) {
    return value ? str::format_number(*value, decimals) : std::string("&mdash;");
}

//! A finding's measured number with its unit, for the first screen: "9 copies", "12.5 mut/Mb", "MSI
//! score 0.42", "VAF 31%"; empty when there is none.
std::string measured_text(const Finding& finding) {
    if (finding.category == Category::small_variant) {
        return finding.vaf ? "VAF " + str::format_number(*finding.vaf * 100.0, 1) + "%" : std::string();
    }
    if (!finding.value) {
        return {};
    }
    std::string number = str::format_number(*finding.value, 2);
    if (finding.category == Category::copy_number) {
        return number + " copies";
    }
    if (finding.alteration == "TMB-H") {
        return number + " mut/Mb";
    }
    if (finding.alteration == "MSI-H") {
        return "MSI score " + number;
    }
    return number;
}

std::string finding_name(const Finding& finding) {
    std::string name = finding.gene;
    if (!finding.alteration.empty()) {
        name += (name.empty() ? "" : " ") + finding.alteration;
    }
    return name;
}

class Page {
  public:
    explicit Page(const Report& report) : report_(report) {
        for (const auto& finding : report.findings) {
            names_.emplace(finding.id, finding_name(finding));
        }
        for (const auto& finding : report.other_findings) {
            names_.emplace(finding.id, finding_name(finding));
        }
    }

    std::string render() {
        head();
        out_ += "<body>\n";
        banner();
        toc();
        out_ += "<main>\n";
        summary();
        biomarkers();
        therapies();
        flags();
        checks();
        findings();
        other_findings();
        not_interpreted();
        context();
        plots();
        methods();
        disclaimer();
        provenance();
        out_ += "</main>\n<footer class=\"page-foot\">Generated by precis " +
                esc(report_.provenance.precis_version) + " &middot; knowledge base " +
                esc(report_.provenance.kb_version) +
                " &middot; decision support only; does not replace clinical judgement.</footer>\n";
        out_ += "</body>\n</html>\n";
        return std::move(out_);
    }

  private:
    std::string finding_refs(const std::vector<std::string>& ids) const {
        std::string out;
        for (const auto& id : ids) {
            if (!out.empty()) {
                out += ", ";
            }
            const auto it = names_.find(id);
            out += it == names_.end() ? esc(id)
                                      : esc(it->second) + " <span class=\"muted\">(" + esc(id) + ")</span>";
        }
        return out;
    }

    void section_open(std::string_view id, std::string_view title, bool page_break) {
        out_ += "<section id=\"" + std::string(id) + "\"" + (page_break ? " class=\"page-break\"" : "") +
                ">\n<h2>" + std::string(title) + "</h2>\n";
    }
    void section_close() { out_ += "</section>\n"; }

    void list(const std::vector<std::string>& items, std::string_view empty_text) {
        if (items.empty()) {
            out_ += "<p class=\"muted\">" + std::string(empty_text) + "</p>\n";
            return;
        }
        out_ += "<ul>\n";
        for (const auto& item : items) {
            out_ += "<li>" + esc(item) + "</li>\n";
        }
        out_ += "</ul>\n";
    }

    void head() {
        out_ +=
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
            "'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"precis " +
            esc(report_.provenance.precis_version) + "\">\n<title>precis report &ndash; " +
            esc(report_.sample_id) + "</title>\n<style>\n" + css() +
            (report_.scope_note.empty() ? "" : scope_note_css()) +
            (report_.prior_therapies.empty()
                 ? ""
                 : ".tag-prior{color:#4a2473;border-color:#9a7cc0;background:#f5f0fa}\n") +
            "</style>\n</head>\n";
    }

    //! Only in reports that show a scope note (keeps other reports byte-identical).
    static std::string scope_note_css() {
        return ".scope-note{margin-top:8px;max-width:900px;border-left:4px solid #e0a33a;background:#fdf3e1;"
               "color:#3b2a05;padding:6px 10px;border-radius:3px;font-size:12.5px}\n"
               ".scope-note strong{color:#3b2a05}\n";
    }

    static std::string css() {
        return R"CSS(:root{--ink:#1b2333;--muted:#5b6475;--line:#d9dee7;--soft:#f5f7fa;--navy:#1f2a44;--accent:#0f5f8c}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;color:var(--ink);background:#fff;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans","Liberation Sans",Arial,sans-serif}
main,.banner-inner,nav.toc{max-width:1120px;margin:0 auto;padding:0 24px}
.banner{background:var(--navy);color:#fff;padding:18px 0 14px}
.banner h1{margin:0 0 2px;font-size:22px;font-weight:650;letter-spacing:.2px}
.banner .sub{color:#c9d3e6;font-size:13px}
.banner .sub strong{color:#fff}
.decision{margin-top:10px;display:inline-block;border:1px solid #8fa3c7;border-radius:4px;padding:3px 8px;font-size:12px;color:#e6ecf7}
.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:2px 18px;margin:14px 0 0;font-size:12.5px}
.meta div{display:flex;gap:6px;min-width:0;align-items:baseline}
.meta dt{color:#a9b7d1;white-space:nowrap}
.meta dd{margin:0;color:#fff;overflow-wrap:break-word;min-width:0}
nav.toc{font-size:12.5px;padding-top:10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
nav.toc a{color:var(--accent);text-decoration:none;margin-right:14px;white-space:nowrap}
section{margin:22px 0 8px}
h2{font-size:17px;margin:0 0 10px;padding-bottom:5px;border-bottom:2px solid var(--navy);color:var(--navy)}
h3{font-size:14.5px;margin:16px 0 6px;color:var(--navy)}
p{margin:6px 0}
a{color:var(--accent)}
.muted{color:var(--muted)}
.small{font-size:12px}
table{width:100%;border-collapse:collapse;margin:6px 0 10px;font-size:13px}
thead{display:table-header-group}
th{background:var(--soft);text-align:left;font-weight:600;color:#2c3548;border-bottom:1.5px solid #b9c1cf;padding:6px 8px;vertical-align:bottom}
td{border-bottom:1px solid var(--line);padding:6px 8px;vertical-align:top;overflow-wrap:break-word}
.nowrap{white-space:nowrap}
tr{break-inside:avoid}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.gene{font-weight:650}
.badge{display:inline-block;border-radius:3px;padding:1px 7px;font-size:12px;font-weight:650;white-space:nowrap;border:1px solid transparent}
.lvl-1{background:#14532d;color:#fff}
.lvl-2{background:#2f7d4a;color:#fff}
.lvl-3{background:#a15c07;color:#fff}
.lvl-4{background:#e7e9ee;color:#374151;border-color:#c5cad3}
.lvl-r{background:#a61b1b;color:#fff}
.lvl-other,.lvl-none{background:#fff;color:#374151;border-color:#9aa3b2}
.tag{display:inline-block;border-radius:3px;padding:0 5px;font-size:11.5px;border:1px solid;white-space:nowrap}
.tag-on{color:#14532d;border-color:#6aa77f;background:#f0f8f2}
.tag-off{color:#7a4a05;border-color:#d4a35a;background:#fdf7ec}
.dir-res{color:#a61b1b;font-weight:650}
.status{display:inline-block;border-radius:12px;padding:1px 10px;font-size:12.5px;font-weight:600;white-space:nowrap;border:1.5px solid}
.st-det{background:#1f2a44;color:#fff;border-color:#1f2a44}
.st-neg{background:#fff;color:#1f2a44;border-color:#1f2a44}
.tag-curator{background:#fff1e6;color:#8a3b00;border:1px dashed #b35c00;font-style:italic}
.st-ind{background:#fff6e0;color:#7a4b00;border-color:#b7791f;border-style:dotted}
.st-na{background:repeating-linear-gradient(135deg,#fff 0 5px,#eceef2 5px 10px);color:#5b6475;border-style:dashed;border-color:#8a93a3;font-style:italic}
tr.row-na td{color:#4b5363}
tr.row-na td.reason{font-style:italic}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:8px 0 14px}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:var(--soft);break-inside:avoid}
.card .k{font-size:11.5px;color:var(--muted);text-transform:uppercase;letter-spacing:.4px}
.card .v{font-size:20px;font-weight:650}
.therapy-line{margin:2px 0}
.callout{border-left:4px solid #a15c07;background:#fdf7ec;padding:8px 12px;margin:10px 0;break-inside:avoid}
.callout.res{border-left-color:#a61b1b;background:#fbefef}
.callout.info{border-left-color:var(--accent);background:#eef5fa}
.callout h3{margin-top:0}
.flag{margin:6px 0}
.kind{font-size:11px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted);border:1px solid var(--line);border-radius:3px;padding:0 4px}
.context-item{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:8px 0;break-inside:avoid}
.context-item h3{margin:2px 0 4px}
figure{margin:8px 0 16px;break-inside:avoid}
figcaption{font-size:12px;color:var(--muted);margin-top:2px}
svg.plot{width:100%;height:auto;border:1px solid var(--line);border-radius:4px;background:#fff}
svg .band-a{fill:#f3f5f8}
svg .band-b{fill:#ffffff}
svg .grid{stroke:#dfe3ea;stroke-width:1}
svg .ref-line{stroke:#6b7280;stroke-width:1;stroke-dasharray:5 4}
svg .axis-label{font-size:10.5px;fill:#4b5363}
svg .axis-title{font-size:12px;fill:#1b2333}
svg .legend{font-size:11.5px;fill:#1b2333}
svg .seg{stroke-width:6;stroke-linecap:butt}
svg .cn-amp{stroke:#b4232a}
svg .cn-gain{stroke:#e07b1a}
svg .cn-neutral{stroke:#7b8494}
svg .cn-loss{stroke:#2f6fd0}
svg .cn-homdel{stroke:#17306b}
svg .seg-label{font-size:11px;font-weight:650;fill:#1b2333}
svg .dot{fill:#0f5f8c;fill-opacity:.8;stroke:#fff;stroke-width:1}
.disclaimer{border:2px solid var(--navy);border-radius:6px;padding:10px 14px;background:#f4f6fb}
code,.mono{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:12px;overflow-wrap:anywhere}
.sha{font-size:11px;word-break:break-all}
footer.page-foot{max-width:1120px;margin:24px auto 30px;padding:8px 24px 0;border-top:1px solid var(--line);font-size:11.5px;color:var(--muted)}
@page{margin:14mm 12mm 16mm 12mm;@bottom-center{content:"precis molecular profile report \2014  decision support only \2014  page " counter(page) " of " counter(pages);font:8pt system-ui,"DejaVu Sans",sans-serif;color:#5b6475}}
@media print{
 body{font-size:9.5pt}
 main,.banner-inner{max-width:none;padding:0}
 .banner{padding:10px 12px 8px;border-radius:4px}
 nav.toc{display:none}
 .page-break{break-before:page}
 section{margin-top:12px}
 h2,h3{break-after:avoid}
 table{font-size:8.5pt}
 th,td{padding:3px 5px}
 a{color:inherit;text-decoration:none}
 footer.page-foot{display:none}
 .cards{grid-template-columns:repeat(4,1fr)}
}
)CSS";
    }

    void banner() {
        const auto& r = report_;
        out_ += "<header class=\"banner\" id=\"top\"><div class=\"banner-inner\">\n";
        out_ += "<h1>Molecular tumour profile &ndash; " + esc(r.sample_id) + "</h1>\n";
        out_ += "<div class=\"sub\">Tumour type: <strong>" +
                esc(r.tumor_type_name.empty() ? r.tumor_type : r.tumor_type_name) + "</strong>";
        if (!r.tumor_type.empty() && !r.tumor_type_name.empty()) {
            out_ += " (OncoTree " + esc(r.tumor_type) + ")";
        }
        out_ += "</div>\n";
        if (!r.scope_note.empty()) {
            out_ += "<div class=\"scope-note\" role=\"note\"><strong>Scope:</strong> " + esc(r.scope_note) +
                    "</div>\n";
        }
        out_ += "<dl class=\"meta\">\n";
        auto meta = [this](std::string_view key, const std::string& value) {
            out_ += "<div><dt>" + std::string(key) + "</dt><dd>" + value + "</dd></div>\n";
        };
        meta("Sample", esc(r.sample_id));
        if (!r.tumor_type_lineage.empty()) {
            meta("Lineage", esc(str::join(r.tumor_type_lineage, " \xE2\x80\xBA ")));
        }
        meta("Genome", esc(to_string(r.genome)));
        for (const auto& setting : r.specimen) {
            meta(esc(setting.name), esc(setting.value));
        }
        if (r.line_of_therapy) {
            meta("Line of therapy", std::to_string(*r.line_of_therapy));
        }
        if (!r.prior_therapies.empty()) {
            std::vector<std::string> given;
            for (const PriorTherapy& prior : r.prior_therapies) {
                given.push_back(prior_therapy_text(
                    PriorTherapyMark{prior.drugs, prior.stopped_for, prior.toxicity, prior.best_response}));
            }
            meta("Prior therapies", esc(str::join(given, "; ")));
        }
        meta("Report date", "<span class=\"nowrap\">" + esc(r.provenance.generated_at) + "</span>");
        meta("precis", esc(r.provenance.precis_version));
        meta("Knowledge base", esc(r.provenance.kb_version));
        out_ +=
            "</dl>\n<div class=\"decision\">Decision support: this report supports and does not replace "
            "clinical judgement.</div>\n";
        out_ += "</div></header>\n";
    }

    void toc() {
        out_ +=
            "<nav class=\"toc\" aria-label=\"Sections\"><a href=\"#summary\">Summary</a><a "
            "href=\"#biomarkers\">Biomarkers</a><a href=\"#therapies\">Therapies</a><a "
            "href=\"#flags\">Flags</a><a "
            "href=\"#checks\">Checks</a><a href=\"#findings\">Findings</a><a href=\"#other-findings\">Other "
            "findings</a><a href=\"#not-interpreted\">Not interpreted</a><a href=\"#context\">Standard of "
            "care</a><a href=\"#plots\">Plots</a><a "
            "href=\"#methods\">Methods</a><a href=\"#provenance\">Provenance</a></nav>\n";
    }

    void summary() {
        const auto& r = report_;
        section_open("summary", "Summary", false);
        std::size_t detected = 0;
        std::size_t not_assessed = 0;
        for (const auto& biomarker : r.biomarkers) {
            detected += biomarker.status == BiomarkerState::detected ? 1 : 0;
            not_assessed += biomarker.status == BiomarkerState::not_assessed ? 1 : 0;
        }
        auto card = [this](std::string_view key, std::size_t value) {
            out_ += "<div class=\"card\"><div class=\"k\">" + std::string(key) + "</div><div class=\"v\">" +
                    std::to_string(value) + "</div></div>";
        };
        out_ += "<div class=\"cards\">";
        card("Actionable findings", actionable_count(r.findings));
        card("Biomarkers detected", detected);
        card("Biomarkers not assessed", not_assessed);
        card("Warnings", r.warnings.size());
        out_ += "</div>\n";
        if (r.findings.empty()) {
            out_ +=
                "<p><strong>No actionable findings</strong> matched the knowledge base for this tumour type. "
                "See the biomarker panel for what was not assessed.</p>\n";
        } else {
            out_ +=
                "<table class=\"summary\"><thead><tr><th style=\"width:24%\">Finding</th><th>Top matched "
                "therapies</th><th style=\"width:22%\">Flags</th></tr></thead><tbody>\n";
            for (const auto& finding : r.findings) {
                out_ += "<tr><td><span class=\"gene\">" + esc(finding.gene) + "</span> " +
                        esc(finding.alteration);
                if (const std::string measured = measured_text(finding); !measured.empty()) {
                    out_ += " <span class=\"muted\">(" + esc(measured) + ")</span>";
                }
                out_ += "<br><span class=\"muted small\">" + category_text(finding.category) + " &middot; " +
                        esc(finding.id) + "</span>";
                if (!finding.support_caveat.empty()) {
                    out_ += "<div class=\"small dir-res support-caveat\">&#9888; " +
                            esc(finding.support_caveat) + "</div>";
                }
                out_ += "</td><td>";
                constexpr std::size_t kTop = 3;
                for (std::size_t i = 0; i < finding.therapies.size() && i < kTop; ++i) {
                    const auto& therapy = finding.therapies[i];
                    out_ += "<div class=\"therapy-line\">" + level_badge(therapy.level) + " " +
                            esc(drugs_text(therapy.drugs)) + " " + label_badge(therapy.on_label) +
                            prior_tags(therapy.prior_therapies);
                    if (therapy.level_source.type == LevelSource::curator) {
                        out_ += " <span class=\"tag tag-curator\">curator-assigned</span>";
                    }
                    if (therapy.direction == Direction::resistance) {
                        out_ += " " + direction_text(therapy.direction);
                    }
                    out_ += "</div>";
                }
                if (finding.therapies.size() > kTop) {
                    out_ += "<div class=\"muted small\">+ " +
                            std::to_string(finding.therapies.size() - kTop) +
                            " more in the therapy table</div>";
                }
                if (finding.therapies.empty()) {
                    out_ += "<span class=\"muted\">No matched therapy</span>";
                }
                out_ += "</td><td>";
                std::size_t flag_count = 0;
                for (const auto& therapy : finding.therapies) {
                    for (const auto& flag : therapy.flags) {
                        out_ += "<div class=\"small\"><strong>" + esc(to_string(flag.effect)) +
                                ":</strong> " + esc(drugs_text(therapy.drugs)) + "</div>";
                        ++flag_count;
                    }
                }
                if (flag_count == 0) {
                    out_ += "<span class=\"muted\">&mdash;</span>";
                }
                out_ += "</td></tr>\n";
            }
            out_ += "</tbody></table>\n";
        }
        if (!r.warnings.empty()) {
            out_ += "<div class=\"callout\"><strong>Warnings (" + std::to_string(r.warnings.size()) +
                    ")</strong><ul>";
            constexpr std::size_t kShown = 3;
            for (std::size_t i = 0; i < r.warnings.size() && i < kShown; ++i) {
                out_ += "<li>" + esc(r.warnings[i]) + "</li>";
            }
            out_ += "</ul>";
            if (r.warnings.size() > kShown) {
                out_ += "<a href=\"#methods\">All warnings under Methods</a>";
            }
            out_ += "</div>\n";
        }
        section_close();
    }

    void biomarkers() {
        section_open("biomarkers", "Biomarker panel", true);
        out_ +=
            "<p class=\"small muted\"><strong>Not detected</strong> means the input could show the biomarker "
            "and it was absent. <strong>Not assessed</strong> means the inputs could not show it (the reason "
            "is given): it is not a negative result.</p>\n";
        if (report_.biomarkers.empty()) {
            out_ += "<p class=\"muted\">No biomarker panel for this tumour type.</p>\n";
            section_close();
            return;
        }
        out_ +=
            "<table><thead><tr><th style=\"width:22%\">Biomarker</th><th style=\"width:9%\">Gene</th><th "
            "style=\"width:14%\">Type</th><th style=\"width:15%\">Status</th><th>Why / "
            "evidence</th></tr></thead><tbody>\n";
        for (const auto& b : report_.biomarkers) {
            out_ += std::string("<tr") +
                    (b.status == BiomarkerState::not_assessed ? " class=\"row-na\"" : "") + "><td>" +
                    esc(b.label.empty() ? b.id : b.label) + "</td><td class=\"gene\">" + esc(b.gene) +
                    "</td><td>" + category_text(b.category) + "</td><td>" + status_badge(b.status) +
                    "</td><td class=\"reason\">" + esc(b.reason);
            if (!b.finding_ids.empty()) {
                out_ += "<div class=\"small\">Findings: " + finding_refs(b.finding_ids) + "</div>";
            }
            out_ += "</td></tr>\n";
        }
        out_ += "</tbody></table>\n";
        signatures();
        section_close();
    }

    void signatures() {
        const TmbMeasurement& tmb = report_.tmb;
        const MsiMeasurement& msi = report_.msi;
        std::string tmb_text = tmb.value ? number_text(*tmb.value) + " mut/Mb" : std::string("not measured");
        if (tmb.mutation_count) {
            tmb_text += ", " + std::to_string(*tmb.mutation_count) + " mutations counted";
        }
        if (tmb.panel_size_mb) {
            tmb_text += " over " + number_text(*tmb.panel_size_mb) + " Mb";
        }
        std::string msi_text = msi.score ? "score " + number_text(*msi.score) + " (" + esc(msi.caller) + ")"
                               : msi.caller.empty() ? std::string("no score")
                                                    : "status from " + esc(msi.caller);
        if (msi.threshold) {
            msi_text += "; MSI-H at &ge; " + number_text(*msi.threshold);
        }
        if (msi.indeterminate_low && msi.threshold) {
            msi_text += ", indeterminate " + number_text(*msi.indeterminate_low) + " to &lt;" +
                        number_text(*msi.threshold);
        }
        out_ +=
            "<h3>Measured signatures</h3>\n<table><tbody><tr><th style=\"width:22%\">TMB</th><td>" +
            status_badge(tmb.status == "high"       ? BiomarkerState::detected
                         : tmb.status == "not_high" ? BiomarkerState::not_detected
                                                    : BiomarkerState::not_assessed) +
            " " + esc(tmb_text) +
            (tmb.counting_rule.empty() ? ""
                                       : "<div class=\"small muted\">" + esc(tmb.counting_rule) + "</div>") +
            "</td></tr><tr><th>MSI</th><td>" + msi_status_text(msi.status) + " &middot; " + msi_text +
            (msi.bands_source.empty() ? ""
                                      : "<div class=\"small muted\">" + esc(msi.bands_source) + "</div>") +
            (msi.advice.empty() ? ""
                                : "<div class=\"small\"><strong>" + esc(msi.advice) + "</strong></div>") +
            "</td></tr></tbody></table>\n";
    }

    void therapies() {
        const auto& r = report_;
        section_open("therapies", "Therapies", true);
        if (!r.therapy_summary.empty()) {
            out_ += "<h3>Therapy options for this patient (ranked)</h3>\n";
            out_ +=
                "<table><thead><tr><th>Therapy</th><th>Best level</th><th>Label</th><th>Direction</th><th>"
                "Supporting findings</th><th>Flags against</th><th>Trials</th></tr></thead><tbody>\n";
            for (const auto& t : r.therapy_summary) {
                out_ += "<tr><td><strong>" + esc(drugs_text(t.drugs)) + "</strong>" +
                        prior_tags(t.prior_therapies) + "</td><td>" + level_badge(t.best_level) +
                        (t.best_level_source == LevelSource::curator
                             ? std::string(" <span class=\"tag tag-curator\">curator-assigned</span>")
                             : std::string()) +
                        "</td><td>" + label_badge(t.on_label) + "</td><td>" + direction_text(t.direction) +
                        "</td><td>" + finding_refs(t.finding_ids) + "</td><td>";
                for (const auto& flag : t.flags) {
                    out_ += "<div class=\"small\">" + esc(flag) + "</div>";
                }
                out_ += (t.flags.empty() ? "<span class=\"muted\">&mdash;</span>" : "") +
                        std::string("</td><td class=\"nowrap\">") + trial_links(t.trials) + "</td></tr>\n";
            }
            out_ += "</tbody></table>\n";
        }
        out_ += "<h3>Evidence by finding</h3>\n";
        bool any = false;
        for (const auto& finding : r.findings) {
            any = any || !finding.therapies.empty();
        }
        if (!any) {
            out_ += "<p class=\"muted\">No therapy evidence matched.</p>\n";
            section_close();
            return;
        }
        out_ +=
            "<table class=\"therapy\"><thead><tr><th style=\"width:12%\">Finding</th><th>Therapy</th><th>"
            "Level</th><th>AMP tier</th><th>Label</th><th style=\"width:20%\">FDA / EMA</th><th "
            "style=\"width:18%\">Evidence</th><th>Sources</th></tr></thead><tbody>\n";
        for (const auto& finding : r.findings) {
            for (const auto& t : finding.therapies) {
                out_ += "<tr><td><span class=\"gene\">" + esc(finding.gene) + "</span> " +
                        esc(finding.alteration) + "</td><td><strong>" + esc(drugs_text(t.drugs)) +
                        "</strong>" + prior_tags(t.prior_therapies) + "<br><span class=\"small\">" +
                        direction_text(t.direction) + "</span>";
                if (!t.line_of_therapy.empty()) {
                    out_ += "<div class=\"small muted\">Line: " + esc(t.line_of_therapy) + "</div>";
                }
                out_ += "</td><td>" + level_badge(t.level) + source_tag(t.level_source);
                if (t.kb_level != t.level) {
                    out_ += std::string("<div class=\"small muted\">KB level ") + to_string(t.kb_level) +
                            "</div>";
                }
                if (!t.escat.empty()) {
                    out_ += "<div class=\"small\">ESCAT " + esc(t.escat) + "</div>";
                }
                out_ += "</td><td class=\"nowrap\">" +
                        (t.amp_tier.empty() ? std::string("&mdash;") : "Tier " + esc(t.amp_tier)) +
                        "</td><td>" + label_badge(t.on_label);
                if (!t.note.empty()) {
                    out_ += "<div class=\"small\">" + esc(t.note) + "</div>";
                }
                out_ += "</td><td>" + regulatory_text(t.regulatory) + "</td><td class=\"small\">" +
                        esc(t.summary);
                if (!t.evidence_tumor_types.empty()) {
                    out_ +=
                        "<div class=\"muted\">Evidence in: " + esc(str::join(t.evidence_tumor_types, ", ")) +
                        (t.tumor_type_match ? " (includes this tumour type)" : "") + "</div>";
                }
                for (const auto& flag : t.flags) {
                    out_ += "<div class=\"dir-res\">&#9888; " + esc(to_string(flag.effect)) + ": " +
                            esc(flag.text) + "</div>";
                }
                out_ += "</td><td class=\"small\">" + source_links(t.sources);
                if (!t.trials.empty()) {
                    out_ += "<div>Trials:<br>" + trial_links(t.trials) + "</div>";
                }
                out_ += "<div class=\"muted\">" + esc(t.evidence_id) + "</div></td></tr>\n";
            }
        }
        out_ += "</tbody></table>\n";
        section_close();
    }

    void flags() {
        section_open("flags", "Resistance and caution flags", false);
        bool any = false;
        for (const auto& finding : report_.findings) {
            for (const auto& therapy : finding.therapies) {
                for (const auto& flag : therapy.flags) {
                    any = true;
                    const bool resistance = flag.effect == RuleEffect::resistance;
                    out_ += std::string("<div class=\"callout") + (resistance ? " res" : "") +
                            " flag\"><strong>" + (resistance ? "&#9888; Resistance" : "&#9888; Caution") +
                            "</strong> &ndash; " + esc(drugs_text(therapy.drugs)) + " for " +
                            esc(finding_name(finding)) + "<br>" + esc(flag.text);
                    if (!flag.finding_ids.empty()) {
                        out_ +=
                            "<div class=\"small\">Triggered by: " + finding_refs(flag.finding_ids) + "</div>";
                    }
                    if (!flag.sources.empty()) {
                        out_ += "<div class=\"small\">Sources: " + source_links(flag.sources) + "</div>";
                    }
                    out_ += "<div class=\"small muted\">Rule " + esc(flag.rule_id) + "</div></div>\n";
                }
            }
        }
        if (!any) {
            out_ += "<p class=\"muted\">No resistance or caution flags were raised.</p>\n";
        }
        section_close();
    }

    void checks() {
        section_open("checks", "Checks between inputs", false);
        list(report_.checks, "No consistency checks were reported.");
        section_close();
    }

    void finding_table(const std::vector<Finding>& findings, bool show_oncogenicity) {
        out_ += "<table><thead><tr><th>ID</th><th>Gene</th><th>Alteration</th><th>Type</th>";
        if (show_oncogenicity) {
            out_ += "<th>Oncogenicity</th>";
        }
        out_ +=
            "<th>VAF</th><th>Depth</th><th>Value</th><th style=\"width:26%\">Details</th><th>Source "
            "record</th></tr></thead><tbody>\n";
        for (const auto& f : findings) {
            out_ += "<tr><td>" + esc(f.id) + "</td><td class=\"gene\">" + esc(f.gene) + "</td><td>" +
                    esc(f.alteration) + "</td><td>" + category_text(f.category) + "</td>";
            if (show_oncogenicity) {
                out_ += "<td>" + esc(to_string(f.oncogenicity)) + "</td>";
            }
            out_ += "<td class=\"num\">" + optional_number(f.vaf, 3) + "</td><td class=\"num\">" +
                    (f.depth ? std::to_string(*f.depth) : std::string("&mdash;")) +
                    "</td><td class=\"num\">" + optional_number(f.value, 2) + "</td><td class=\"small\">" +
                    esc(f.details);
            for (const auto& caveat : f.caveats) {
                out_ += "<div class=\"muted\">Caveat: " + esc(caveat) + "</div>";
            }
            out_ += "</td><td class=\"small mono\">" + esc(f.where.to_string()) + "</td></tr>\n";
        }
        out_ += "</tbody></table>\n";
    }

    void findings() {
        section_open("findings", "Actionable findings in detail", false);
        if (report_.findings.empty()) {
            out_ += "<p class=\"muted\">None.</p>\n";
        } else {
            finding_table(report_.findings, false);
        }
        section_close();
    }

    void other_findings() {
        section_open("other-findings",
                     "Other findings (oncogenic, not actionable here; variants of unknown "
                     "significance)",
                     false);
        if (report_.other_findings.empty()) {
            out_ += "<p class=\"muted\">None in knowledge-base genes.</p>\n";
        } else {
            finding_table(report_.other_findings, true);
        }
        section_close();
    }

    void not_interpreted() {
        section_open("not-interpreted", "Input records not interpreted, and where every record went", false);
        out_ +=
            "<p class=\"small muted\">Every record of every input ends in a finding, an other finding, the "
            "evidence for a biomarker status, or here. Records in knowledge-base genes are listed one by "
            "one; "
            "their genes' biomarkers are not assessed where the record could hide them.</p>\n";
        if (!report_.not_interpreted.empty()) {
            out_ +=
                "<table><thead><tr><th style=\"width:9%\">Gene</th><th style=\"width:26%\">Record</th>"
                "<th>Why not interpreted</th></tr></thead><tbody>\n";
            for (const NotInterpreted& entry : report_.not_interpreted) {
                out_ += "<tr><td class=\"gene\">" + esc(entry.gene) + "</td><td class=\"mono small\">" +
                        esc(entry.where.to_string()) + "</td><td class=\"reason\">" + esc(entry.reason) +
                        "</td></tr>\n";
            }
            out_ += "</tbody></table>\n";
        }
        out_ +=
            "<table><thead><tr><th>Input</th><th>Records</th><th>Findings</th><th>Other findings</th>"
            "<th>Biomarker evidence</th><th>Not interpreted (why)</th></tr></thead><tbody>\n";
        for (const InputAccount& a : report_.input_accounting) {
            std::string reasons;
            for (const auto& [reason, count] : a.not_interpreted_reasons) {
                reasons += "<div>" + std::to_string(count) + " &times; " + esc(reason) + "</div>";
            }
            if (a.unaccounted != 0) {
                reasons +=
                    "<div><strong>" + std::to_string(a.unaccounted) + " unaccounted (a bug)</strong></div>";
            }
            out_ += "<tr><td>" + esc(a.role) + " <span class=\"mono small\">" + esc(a.file) +
                    "</span></td><td>" + std::to_string(a.records) + " " + esc(a.unit) + "(s)</td><td>" +
                    std::to_string(a.in_findings) + "</td><td>" + std::to_string(a.in_other_findings) +
                    "</td><td>" + std::to_string(a.biomarker_evidence) + "</td><td class=\"small\">" +
                    std::to_string(a.not_interpreted) + reasons + "</td></tr>\n";
        }
        out_ += "</tbody></table>\n";
        section_close();
    }

    void context() {
        section_open("context", "Standard-of-care context for this tumour type", false);
        out_ +=
            "<p class=\"small muted\">Shown apart from the matched therapies: general guidance for the "
            "tumour "
            "type, not derived from this patient's alterations.</p>\n";
        if (report_.context.empty()) {
            out_ += "<p class=\"muted\">No context items for this tumour type.</p>\n";
        }
        for (const auto& item : report_.context) {
            out_ += "<div class=\"context-item\"><span class=\"kind\">" +
                    esc(underscores_to_spaces(item.kind)) + "</span>";
            if (!item.line.empty()) {
                out_ += " <span class=\"kind\">" + esc(item.line) + "</span>";
            }
            out_ += "<h3>" + esc(item.title) + "</h3><p>" + esc(item.text) + "</p>";
            if (!item.sources.empty()) {
                out_ += "<div class=\"small\">Sources: " + source_links(item.sources) + "</div>";
            }
            out_ += "</div>\n";
        }
        section_close();
    }

    void plots() {
        section_open("plots", "Genome-wide plots", true);
        out_ += "<h3>Copy number</h3>\n";
        const std::string cn = svg::copy_number_plot(report_.segments_for_plot, report_.genome);
        if (cn.empty()) {
            out_ += "<p class=\"muted\">No copy-number input: no copy-number plot.</p>\n";
        } else {
            out_ += "<figure>" + cn +
                    "<figcaption>Absolute copy number per segment (dashed line: 2 copies). Labels name genes "
                    "with a "
                    "called gain, amplification, loss or deletion; values above the axis are marked "
                    "&#9650;.</figcaption></figure>\n";
        }
        out_ += "<h3>Variant allele fractions</h3>\n";
        const std::string vaf = svg::vaf_plot(report_.variants_for_plot, report_.genome);
        if (vaf.empty()) {
            out_ += "<p class=\"muted\">No small variants with an allele fraction: no VAF plot.</p>\n";
        } else {
            out_ += "<figure>" + vaf +
                    "<figcaption>Variant allele fraction of each reported small variant, by genome "
                    "position.</figcaption></figure>\n";
        }
        section_close();
    }

    void methods() {
        section_open("methods", "Methods, thresholds and limitations", true);
        out_ += "<h3>Thresholds and rules used</h3>\n";
        if (report_.thresholds.empty()) {
            out_ += "<p class=\"muted\">None recorded.</p>\n";
        } else {
            out_ +=
                "<table><thead><tr><th style=\"width:35%\">Setting</th><th>Value</th></tr></thead><tbody>\n";
            for (const auto& setting : report_.thresholds) {
                out_ += "<tr><td>" + esc(setting.name) + "</td><td>" + esc(setting.value) + "</td></tr>\n";
            }
            out_ += "</tbody></table>\n";
        }
        out_ += "<h3>Warnings</h3>\n";
        list(report_.warnings, "No warnings.");
        out_ += "<h3>Limitations</h3>\n";
        list(report_.limitations, "None recorded.");
        section_close();
    }

    void disclaimer() {
        section_open("disclaimer", "Decision-support disclaimer", false);
        out_ +=
            "<div class=\"disclaimer\"><p><strong>This report supports and does not replace clinical "
            "judgement.</strong> Findings and therapy matches are decision support for a molecular tumour "
            "board and must be reviewed by qualified professionals together with the full clinical "
            "picture.</p>";
        if (!report_.disclaimer.empty()) {
            out_ += "<p>" + esc(report_.disclaimer) + "</p>";
        }
        out_ += "</div>\n";
        section_close();
    }

    void provenance() {
        const auto& p = report_.provenance;
        section_open("provenance", "Provenance", false);
        out_ += "<table><tbody>\n";
        auto row = [this](std::string_view key, const std::string& value) {
            out_ += "<tr><th style=\"width:22%\">" + std::string(key) + "</th><td>" + value + "</td></tr>\n";
        };
        row("precis version", esc(p.precis_version));
        row("Knowledge base",
            esc(p.kb_version) +
                (p.kb_hash.empty() ? "" : " <span class=\"mono\">" + esc(p.kb_hash) + "</span>"));
        row("Report schema", esc(report_.schema_version));
        row("Generated", esc(p.generated_at));
        row("Command line", "<code>" + esc(p.command_line) + "</code>");
        out_ += "</tbody></table>\n";
        if (!p.inputs.empty()) {
            out_ +=
                "<h3>Input files</h3>\n<table><thead><tr><th>Role</th><th>Format</th><th>Path</th><th>SHA-256"
                "</th></tr></thead><tbody>\n";
            for (const auto& input : p.inputs) {
                out_ += "<tr><td>" + esc(input.role) + "</td><td>" + esc(input.format) +
                        "</td><td class=\"mono\">" + esc(input.path) + "</td><td class=\"mono sha\">" +
                        esc(input.sha256) + "</td></tr>\n";
            }
            out_ += "</tbody></table>\n";
        }
        section_close();
    }

    const Report& report_;
    std::map<std::string, std::string> names_;
    std::string out_;
};

}  // namespace

std::string render_html(const Report& report) {
    return Page(report).render();
}

}  // namespace precis::report
