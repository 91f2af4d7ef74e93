// SPDX-License-Identifier: Apache-2.0
#include "report/json_writer.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <optional>
#include <utility>

#include "report/json_number.hpp"

namespace precis::report {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void key_string(Writer& w, const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void string_array(Writer& w, const char* key, const std::vector<std::string>& values) {
    w.Key(key);
    w.StartArray();
    for (const std::string& value : values) {
        w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
    }
    w.EndArray();
}

void write_where(Writer& w, const Where& where) {
    w.Key("where");
    w.StartObject();
    key_string(w, "file", where.file);
    if (where.line > 0) {
        w.Key("line");
        w.Int64(where.line);
    }
    if (!where.detail.empty()) {
        key_string(w, "record", where.detail);
    }
    w.EndObject();
}

void write_sources(Writer& w, const std::vector<SourceRef>& sources) {
    w.Key("sources");
    w.StartArray();
    for (const SourceRef& s : sources) {
        w.StartObject();
        key_string(w, "type", s.type);
        key_string(w, "id", s.id);
        if (!s.note.empty())
            key_string(w, "note", s.note);
        if (!s.date.empty())
            key_string(w, "date", s.date);
        if (!s.url.empty())
            key_string(w, "url", s.url);
        w.EndObject();
    }
    w.EndArray();
}

const char* to_string(GeneImpact impact) {
    switch (impact) {
        case GeneImpact::none:
            return "none";
        case GeneImpact::exon_level:
            return "exon_level_biomarkers_not_assessed";
        case GeneImpact::all:
            return "gene_biomarkers_not_assessed";
    }
    return "none";
}

void write_signatures(Writer& w, const Report& report) {
    w.Key("signatures");
    w.StartObject();
    w.Key("tmb");
    w.StartObject();
    key_string(w, "status", report.tmb.status);
    number_member(w, "value", report.tmb.value);
    if (report.tmb.mutation_count) {
        w.Key("mutation_count");
        w.Int64(*report.tmb.mutation_count);
    }
    number_member(w, "panel_size_mb", report.tmb.panel_size_mb);
    number_member(w, "threshold", report.tmb.threshold);
    if (!report.tmb.source.empty())
        key_string(w, "source", report.tmb.source);
    if (!report.tmb.counting_rule.empty())
        key_string(w, "counting_rule", report.tmb.counting_rule);
    w.EndObject();
    w.Key("msi");
    w.StartObject();
    key_string(w, "status", report.msi.status);
    number_member(w, "score", report.msi.score);
    if (!report.msi.caller.empty())
        key_string(w, "caller", report.msi.caller);
    number_member(w, "msi_h_at_or_above", report.msi.threshold);
    number_member(w, "indeterminate_from", report.msi.indeterminate_low);
    if (!report.msi.bands_source.empty())
        key_string(w, "bands_source", report.msi.bands_source);
    if (!report.msi.advice.empty())
        key_string(w, "advice", report.msi.advice);
    w.EndObject();
    w.EndObject();
}

void write_accounting(Writer& w, const Report& report) {
    w.Key("not_interpreted");
    w.StartArray();
    for (const NotInterpreted& entry : report.not_interpreted) {
        w.StartObject();
        key_string(w, "input", entry.role);
        write_where(w, entry.where);
        if (!entry.gene.empty())
            key_string(w, "gene", entry.gene);
        key_string(w, "reason", entry.reason);
        key_string(w, "effect", to_string(entry.impact));
        w.EndObject();
    }
    w.EndArray();
    w.Key("input_accounting");
    w.StartArray();
    for (const InputAccount& a : report.input_accounting) {
        w.StartObject();
        key_string(w, "input", a.role);
        key_string(w, "file", a.file);
        key_string(w, "unit", a.unit);
        const std::pair<const char*, std::int64_t> counts[] = {{"records", a.records},
                                                               {"in_findings", a.in_findings},
                                                               {"in_other_findings", a.in_other_findings},
                                                               {"biomarker_evidence", a.biomarker_evidence},
                                                               {"not_interpreted", a.not_interpreted},
                                                               {"unaccounted", a.unaccounted}};
        for (const auto& [key, value] : counts) {
            w.Key(key);
            w.Int64(value);
        }
        w.Key("not_interpreted_reasons");
        w.StartArray();
        for (const auto& [reason, count] : a.not_interpreted_reasons) {
            w.StartObject();
            key_string(w, "reason", reason);
            w.Key("count");
            w.Int64(count);
            const auto examples = a.examples.find(reason);
            if (examples != a.examples.end()) {
                string_array(w, "examples", examples->second);
            }
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
}

//! The prior therapies holding a row's drugs (written only when there are any).
void write_prior_marks(Writer& w, const std::vector<PriorTherapyMark>& marks) {
    if (marks.empty()) {
        return;
    }
    w.Key("prior_therapies");
    w.StartArray();
    for (const PriorTherapyMark& mark : marks) {
        w.StartObject();
        string_array(w, "drugs", mark.drugs);
        key_string(w, "stopped_for", to_string(mark.stopped_for));
        if (mark.best_response)
            key_string(w, "best_response", to_string(*mark.best_response));
        if (!mark.toxicity.empty())
            key_string(w, "toxicity", mark.toxicity);
        w.EndObject();
    }
    w.EndArray();
}

//! The treatment history as given (written only when a line or a prior therapy was given).
void write_treatment(Writer& w, const Report& report) {
    if (!report.line_of_therapy && report.prior_therapies.empty()) {
        return;
    }
    w.Key("treatment");
    w.StartObject();
    if (report.line_of_therapy) {
        w.Key("line_of_therapy");
        w.Int(*report.line_of_therapy);
    }
    w.Key("prior_therapies");
    w.StartArray();
    for (const PriorTherapy& prior : report.prior_therapies) {
        w.StartObject();
        string_array(w, "drugs", prior.drugs);
        key_string(w, "stopped_for", to_string(prior.stopped_for));
        if (prior.best_response)
            key_string(w, "best_response", to_string(*prior.best_response));
        if (!prior.toxicity.empty())
            key_string(w, "toxicity", prior.toxicity);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

void write_finding(Writer& w, const Finding& f) {
    w.StartObject();
    key_string(w, "id", f.id);
    key_string(w, "gene", f.gene);
    key_string(w, "alteration", f.alteration);
    key_string(w, "category", to_string(f.category));
    string_array(w, "biomarkers", f.biomarkers);
    write_where(w, f.where);
    number_member(w, "vaf", f.vaf);
    if (f.depth) {
        w.Key("depth");
        w.Int(*f.depth);
    }
    number_member(w, "value", f.value);
    key_string(w, "details", f.details);
    key_string(w, "oncogenicity", to_string(f.oncogenicity));
    string_array(w, "caveats", f.caveats);
    w.Key("therapies");
    w.StartArray();
    for (const TherapyMatch& t : f.therapies) {
        w.StartObject();
        key_string(w, "evidence_id", t.evidence_id);
        string_array(w, "drugs", t.drugs);
        key_string(w, "direction", to_string(t.direction));
        key_string(w, "level", to_string(t.level));
        key_string(w, "kb_level", to_string(t.kb_level));
        w.Key("level_source");
        w.StartObject();
        key_string(w, "type", to_string(t.level_source.type));
        key_string(w, "reference", t.level_source.reference);
        if (!t.level_source.date.empty())
            key_string(w, "date", t.level_source.date);
        w.EndObject();
        key_string(w, "amp_tier", t.amp_tier);
        if (!t.escat.empty())
            key_string(w, "escat", t.escat);
        w.Key("on_label");
        w.Bool(t.on_label);
        if (t.label_other_line) {
            w.Key("label_other_line");
            w.Bool(true);
        }
        w.Key("tumor_type_match");
        w.Bool(t.tumor_type_match);
        string_array(w, "evidence_tumor_types", t.evidence_tumor_types);
        if (!t.line_of_therapy.empty())
            key_string(w, "line_of_therapy", t.line_of_therapy);
        w.Key("regulatory");
        w.StartArray();
        for (const RegulatoryStatus& r : t.regulatory) {
            w.StartObject();
            key_string(w, "agency", r.agency);
            key_string(w, "status", r.status);
            if (!r.date.empty())
                key_string(w, "date", r.date);
            if (!r.indication.empty())
                key_string(w, "indication", r.indication);
            w.Key("covers_tumor_type");
            w.Bool(r.covers_tumor_type);
            w.EndObject();
        }
        w.EndArray();
        if (!t.summary.empty())
            key_string(w, "summary", t.summary);
        string_array(w, "trials", t.trials);
        write_sources(w, t.sources);
        w.Key("flags");
        w.StartArray();
        for (const TherapyFlag& flag : t.flags) {
            w.StartObject();
            key_string(w, "rule_id", flag.rule_id);
            key_string(w, "effect", to_string(flag.effect));
            key_string(w, "text", flag.text);
            string_array(w, "finding_ids", flag.finding_ids);
            write_sources(w, flag.sources);
            w.EndObject();
        }
        w.EndArray();
        write_prior_marks(w, t.prior_therapies);
        if (!t.note.empty())
            key_string(w, "note", t.note);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

}  // namespace

std::string render_json(const Report& report) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    key_string(w, "schema_version", report.schema_version);
    w.Key("sample");
    w.StartObject();
    key_string(w, "id", report.sample_id);
    key_string(w, "tumor_type", report.tumor_type);
    key_string(w, "tumor_type_name", report.tumor_type_name);
    string_array(w, "tumor_type_lineage", report.tumor_type_lineage);
    key_string(w, "genome", to_string(report.genome));
    w.Key("specimen");
    w.StartObject();
    for (const Setting& s : report.specimen) {
        key_string(w, s.name.c_str(), s.value);
    }
    w.EndObject();
    w.EndObject();
    write_treatment(w, report);

    w.Key("provenance");
    w.StartObject();
    key_string(w, "precis_version", report.provenance.precis_version);
    key_string(w, "kb_version", report.provenance.kb_version);
    key_string(w, "kb_hash", report.provenance.kb_hash);
    key_string(w, "command_line", report.provenance.command_line);
    key_string(w, "generated_at", report.provenance.generated_at);
    w.Key("inputs");
    w.StartArray();
    for (const InputFile& input : report.provenance.inputs) {
        w.StartObject();
        key_string(w, "role", input.role);
        key_string(w, "path", input.path);
        key_string(w, "sha256", input.sha256);
        if (!input.format.empty())
            key_string(w, "format", input.format);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();

    w.Key("findings");
    w.StartArray();
    for (const Finding& f : report.findings) {
        write_finding(w, f);
    }
    w.EndArray();
    w.Key("other_findings");
    w.StartArray();
    for (const Finding& f : report.other_findings) {
        write_finding(w, f);
    }
    w.EndArray();

    w.Key("biomarkers");
    w.StartArray();
    for (const BiomarkerStatus& b : report.biomarkers) {
        w.StartObject();
        key_string(w, "id", b.id);
        key_string(w, "label", b.label);
        if (!b.gene.empty())
            key_string(w, "gene", b.gene);
        key_string(w, "category", to_string(b.category));
        key_string(w, "status", to_string(b.status));
        key_string(w, "reason", b.reason);
        string_array(w, "finding_ids", b.finding_ids);
        w.EndObject();
    }
    w.EndArray();

    write_signatures(w, report);
    write_accounting(w, report);

    w.Key("therapy_summary");
    w.StartArray();
    for (const TherapySummary& t : report.therapy_summary) {
        w.StartObject();
        string_array(w, "drugs", t.drugs);
        key_string(w, "direction", to_string(t.direction));
        key_string(w, "best_level", to_string(t.best_level));
        key_string(w, "best_level_source", to_string(t.best_level_source));
        w.Key("on_label");
        w.Bool(t.on_label);
        string_array(w, "finding_ids", t.finding_ids);
        string_array(w, "evidence_ids", t.evidence_ids);
        string_array(w, "flags", t.flags);
        string_array(w, "trials", t.trials);
        write_prior_marks(w, t.prior_therapies);
        w.EndObject();
    }
    w.EndArray();

    w.Key("context");
    w.StartArray();
    for (const ContextItem& c : report.context) {
        w.StartObject();
        key_string(w, "id", c.id);
        key_string(w, "kind", c.kind);
        if (!c.line.empty())
            key_string(w, "line", c.line);
        if (!c.title.empty())
            key_string(w, "title", c.title);
        key_string(w, "text", c.text);
        write_sources(w, c.sources);
        w.EndObject();
    }
    w.EndArray();

    string_array(w, "checks", report.checks);
    w.Key("thresholds");
    w.StartObject();
    for (const Setting& s : report.thresholds) {
        key_string(w, s.name.c_str(), s.value);
    }
    w.EndObject();
    string_array(w, "warnings", report.warnings);
    string_array(w, "limitations", report.limitations);
    key_string(w, "disclaimer", report.disclaimer);
    w.EndObject();
    std::string out = buffer.GetString();
    out.push_back('\n');
    return out;
}

}  // namespace precis::report
