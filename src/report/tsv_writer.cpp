// SPDX-License-Identifier: Apache-2.0
// Report -> TSV for spreadsheets and LIMS: one row per finding x therapy; column order is a contract
// (see FORMATS.md; append new columns at the end, never reorder).
#include <string>
#include <vector>

#include "common/strings.hpp"
#include "report/writers.hpp"

namespace precis::report {

namespace {

std::string regulatory(const std::vector<RegulatoryStatus>& statuses, std::string_view agency) {
    std::vector<std::string> parts;
    for (const auto& status : statuses) {
        if (status.agency != agency) {
            continue;
        }
        std::string part = status.status;
        if (!status.date.empty()) {
            part += " (" + status.date + ")";
        }
        if (!status.indication.empty()) {
            part += ": " + status.indication;
        }
        parts.push_back(std::move(part));
    }
    return str::join(parts, "; ");
}

std::string sources_text(const std::vector<SourceRef>& sources) {
    std::vector<std::string> parts;
    parts.reserve(sources.size());
    for (const auto& source : sources) {
        parts.push_back(source.type.empty() ? source.id : source.type + " " + source.id);
    }
    return str::join(parts, "; ");
}

std::string flags_text(const std::vector<TherapyFlag>& flags) {
    std::vector<std::string> parts;
    parts.reserve(flags.size());
    for (const auto& flag : flags) {
        parts.push_back(std::string(to_string(flag.effect)) + ": " + flag.text);
    }
    return str::join(parts, "; ");
}

std::string prior_therapies_text(const std::vector<PriorTherapyMark>& marks) {
    std::vector<std::string> parts;
    parts.reserve(marks.size());
    for (const PriorTherapyMark& mark : marks) {
        parts.push_back(prior_therapy_text(mark));
    }
    return str::join(parts, "; ");
}

void add_row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) {
            out += '\t';
        }
        out += tsv_field(cells[i]);
    }
    out += '\n';
}

void add_finding(std::string& out, const Report& report, const Finding& f, std::string_view section) {
    const std::vector<std::string> finding_cells = {
        report.sample_id,
        report.tumor_type,
        std::string(section),
        f.id,
        f.gene,
        f.alteration,
        to_string(f.category),
        to_string(f.oncogenicity),
        f.vaf ? str::format_number(*f.vaf) : std::string(),
        f.depth ? std::to_string(*f.depth) : std::string(),
        f.value ? str::format_number(*f.value) : std::string(),
        f.details,
        f.where.to_string(),
    };
    const std::string caveats = str::join(f.caveats, "; ");
    if (f.therapies.empty()) {
        std::vector<std::string> cells = finding_cells;
        cells.resize(tsv_columns().size() - 3);
        cells.push_back(caveats);
        cells.emplace_back();  // level_source
        cells.emplace_back();  // prior_therapy
        add_row(out, cells);
        return;
    }
    for (const auto& t : f.therapies) {
        std::vector<std::string> cells = finding_cells;
        cells.push_back(str::join(t.drugs, " + "));
        cells.push_back(to_string(t.direction));
        cells.push_back(to_string(t.level));
        cells.push_back(to_string(t.kb_level));
        cells.push_back(t.amp_tier);
        cells.push_back(t.escat);
        cells.push_back(t.on_label ? "yes" : "no");
        cells.push_back(t.tumor_type_match ? "yes" : "no");
        cells.push_back(str::join(t.evidence_tumor_types, "; "));
        cells.push_back(regulatory(t.regulatory, "FDA"));
        cells.push_back(regulatory(t.regulatory, "EMA"));
        cells.push_back(flags_text(t.flags));
        cells.push_back(sources_text(t.sources));
        cells.push_back(str::join(t.trials, "; "));
        cells.push_back(t.evidence_id);
        cells.push_back(t.note);
        cells.push_back(caveats);
        cells.push_back(level_source_text(t.level_source));
        cells.push_back(prior_therapies_text(t.prior_therapies));
        add_row(out, cells);
    }
}

}  // namespace

std::string prior_therapy_text(const PriorTherapyMark& mark) {
    std::string text = str::join(mark.drugs, " + ") + ": " + to_string(mark.stopped_for);
    std::vector<std::string> details;
    if (!mark.toxicity.empty()) {
        details.push_back(mark.toxicity);
    }
    if (mark.best_response) {
        details.push_back(std::string("best response ") + to_string(*mark.best_response));
    }
    return details.empty() ? text : text + " (" + str::join(details, ", ") + ")";
}

std::string level_source_text(const LevelProvenance& source) {
    if (source.type == LevelSource::curator) {
        return "curator-assigned";
    }
    return std::string(to_string(source.type)) + (source.date.empty() ? "" : " " + source.date);
}

const std::vector<std::string>& tsv_columns() {
    static const std::vector<std::string> columns = {
        "sample_id",
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
        "prior_therapy",
    };
    return columns;
}

std::string render_tsv(const Report& report) {
    std::string out;
    add_row(out, tsv_columns());
    for (const auto& finding : report.findings) {
        add_finding(out, report, finding, "actionable");
    }
    for (const auto& finding : report.other_findings) {
        add_finding(out, report, finding, "other");
    }
    return out;
}

}  // namespace precis::report
