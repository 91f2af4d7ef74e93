// SPDX-License-Identifier: Apache-2.0
// Report -> FHIR R4 Bundle (type "collection") following the HL7 Genomics Reporting IG STU3 (3.0.0):
// a genomic-report DiagnosticReport, variant / molecular-biomarker Observations for findings, and
// therapeutic-implication Observations derived from them. Mapping documented in FORMATS.md.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/sha256.hpp"
#include "report/json_number.hpp"
#include "report/writers.hpp"

namespace precis::report {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

constexpr const char* kLoinc = "http://loinc.org";
constexpr const char* kUcum = "http://unitsofmeasure.org";
constexpr const char* kTbd = "http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs";
constexpr const char* kSequenceOntology = "http://www.sequenceontology.org";
constexpr const char* kHgvs = "http://varnomen.hgvs.org";
constexpr const char* kProfileBase = "http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/";
constexpr const char* kPrecisLevel =
    "urn:precis:evidence-level";  //!< OncoKB-style level as precis assigns it
constexpr const char* kAmpTier = "urn:precis:amp-asco-cap-2017-tier";
constexpr const char* kEscat = "urn:precis:escat-tier";
constexpr const char* kSampleSystem = "urn:precis:sample-id";

//! Replaces bytes that are not well-formed UTF-8 with U+FFFD so the JSON is always valid.
std::string utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto b0 = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        if (b0 < 0x80) {
            length = 1;
        } else if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
        }
        bool ok = length > 0 && i + length <= text.size();
        for (std::size_t k = 1; ok && k < length; ++k) {
            ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        }
        if (ok && length >= 3) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(b0 == 0xE0 && b1 < 0xA0) && !(b0 == 0xED && b1 > 0x9F) && !(b0 == 0xF0 && b1 < 0x90) &&
                 !(b0 == 0xF4 && b1 > 0x8F);
        }
        if (ok) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

void str(Writer& w, std::string_view text) {
    const std::string clean = utf8(text);
    w.String(clean.c_str(), static_cast<rapidjson::SizeType>(clean.size()));
}

void key(Writer& w, const char* name) {
    w.Key(name);
}

void coding(Writer& w, std::string_view system, std::string_view code, std::string_view display) {
    w.StartObject();
    key(w, "system");
    str(w, system);
    key(w, "code");
    str(w, code);
    if (!display.empty()) {
        key(w, "display");
        str(w, display);
    }
    w.EndObject();
}

void codeable(Writer& w, std::string_view system, std::string_view code, std::string_view display) {
    w.StartObject();
    key(w, "coding");
    w.StartArray();
    coding(w, system, code, display);
    w.EndArray();
    w.EndObject();
}

void text_concept(Writer& w, std::string_view text) {
    w.StartObject();
    key(w, "text");
    str(w, text);
    w.EndObject();
}

void reference(Writer& w, const std::string& uuid, std::string_view display = {}) {
    w.StartObject();
    key(w, "reference");
    str(w, "urn:uuid:" + uuid);
    if (!display.empty()) {
        key(w, "display");
        str(w, display);
    }
    w.EndObject();
}

//! A component whose value is a CodeableConcept with one coding.
void component_coded(Writer& w, std::string_view code_system, std::string_view code,
                     std::string_view code_display, std::string_view value_system,
                     std::string_view value_code, std::string_view value_display) {
    w.StartObject();
    key(w, "code");
    codeable(w, code_system, code, code_display);
    key(w, "valueCodeableConcept");
    codeable(w, value_system, value_code, value_display);
    w.EndObject();
}

void component_text(Writer& w, std::string_view code_system, std::string_view code,
                    std::string_view code_display, std::string_view value_text) {
    w.StartObject();
    key(w, "code");
    codeable(w, code_system, code, code_display);
    key(w, "valueCodeableConcept");
    text_concept(w, value_text);
    w.EndObject();
}

//! A component with a valueQuantity; nothing at all when the value is absent or not finite.
void component_quantity(Writer& w, std::string_view code, std::string_view code_display,
                        const std::optional<double>& value, std::string_view unit_code,
                        std::string_view unit) {
    if (!is_finite(value)) {
        return;
    }
    w.StartObject();
    key(w, "code");
    codeable(w, kLoinc, code, code_display);
    key(w, "valueQuantity");
    w.StartObject();
    number_member(w, "value", value);
    if (!unit.empty()) {
        key(w, "unit");
        str(w, unit);
    }
    key(w, "system");
    str(w, kUcum);
    key(w, "code");
    str(w, unit_code);
    w.EndObject();
    w.EndObject();
}

//! Deterministic RFC 9562 version-8 UUID from SHA-256 of the sample id and a key.
std::string make_uuid(const std::string& sample_id, const std::string& what) {
    Sha256 hash;
    hash.update("precis-fhir\x1f");
    hash.update(sample_id);
    hash.update("\x1f");
    hash.update(what);
    std::string hex = hash.hex_digest().substr(0, 32);
    hex[12] = '8';
    static constexpr std::string_view kDigits = "0123456789abcdef";
    const auto nibble = kDigits.find(hex[16]);
    hex[16] = kDigits[(nibble & 0x3U) | 0x8U];
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) +
           "-" + hex.substr(20, 12);
}

std::string finding_name(const Finding& finding) {
    std::string name = finding.gene;
    if (!finding.alteration.empty()) {
        name += (name.empty() ? "" : " ") + finding.alteration;
    }
    return name;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

//! The small variant behind a finding (for HGVS and transcript), matched by source record, else by
//! gene and protein change. The Report keeps these in variants_for_plot.
const SmallVariant* variant_for(const Report& report, const Finding& finding) {
    if (finding.where.line > 0) {
        for (const auto& v : report.variants_for_plot) {
            if (v.where.file == finding.where.file && v.where.line == finding.where.line &&
                v.gene == finding.gene) {
                return &v;
            }
        }
    }
    for (const auto& v : report.variants_for_plot) {
        if (v.gene == finding.gene && !v.protein_change.empty() && v.protein_change == finding.alteration) {
            return &v;
        }
    }
    return nullptr;
}

struct Node {
    const Finding* finding;
    std::string uuid;
    std::string section;
};

struct Implication {
    const Finding* finding;
    const TherapyMatch* therapy;
    std::string uuid;
    std::string finding_uuid;
};

class Bundle {
  public:
    explicit Bundle(const Report& report) : report_(report), w_(buffer_) {
        w_.SetIndent(' ', 2);
        report_uuid_ = make_uuid(report.sample_id, "report");
        specimen_uuid_ = make_uuid(report.sample_id, "specimen");
        auto add = [this](const std::vector<Finding>& findings, const std::string& section) {
            for (std::size_t i = 0; i < findings.size(); ++i) {
                const Finding& f = findings[i];
                const std::string finding_uuid = make_uuid(
                    report_.sample_id, "finding\x1f" + section + "\x1f" + f.id + "\x1f" + std::to_string(i));
                nodes_.push_back({&f, finding_uuid, section});
                for (std::size_t j = 0; j < f.therapies.size(); ++j) {
                    implications_.push_back(
                        {&f, &f.therapies[j],
                         make_uuid(report_.sample_id, "implication\x1f" + section + "\x1f" + f.id + "\x1f" +
                                                          f.therapies[j].evidence_id + "\x1f" +
                                                          std::to_string(j)),
                         finding_uuid});
                }
            }
        };
        add(report.findings, "actionable");
        add(report.other_findings, "other");
    }

    std::string render() {
        w_.StartObject();
        key(w_, "resourceType");
        str(w_, "Bundle");
        key(w_, "id");
        str(w_, make_uuid(report_.sample_id, "bundle"));
        key(w_, "identifier");
        w_.StartObject();
        key(w_, "system");
        str(w_, "urn:ietf:rfc:3986");
        key(w_, "value");
        str(w_, "urn:uuid:" + make_uuid(report_.sample_id, "bundle"));
        w_.EndObject();
        key(w_, "type");
        str(w_, "collection");
        if (!report_.provenance.generated_at.empty()) {
            key(w_, "timestamp");
            str(w_, report_.provenance.generated_at);
        }
        key(w_, "entry");
        w_.StartArray();
        entry_open(report_uuid_);
        diagnostic_report();
        entry_close();
        entry_open(specimen_uuid_);
        specimen();
        entry_close();
        for (const auto& node : nodes_) {
            entry_open(node.uuid);
            finding_observation(node);
            entry_close();
        }
        for (const auto& implication : implications_) {
            entry_open(implication.uuid);
            implication_observation(implication);
            entry_close();
        }
        w_.EndArray();
        w_.EndObject();
        return std::string(buffer_.GetString(), buffer_.GetSize()) + "\n";
    }

  private:
    void entry_open(const std::string& uuid) {
        w_.StartObject();
        key(w_, "fullUrl");
        str(w_, "urn:uuid:" + uuid);
        key(w_, "resource");
    }
    void entry_close() { w_.EndObject(); }

    void resource_header(std::string_view type, const std::string& uuid, std::string_view profile) {
        w_.StartObject();
        key(w_, "resourceType");
        str(w_, type);
        key(w_, "id");
        str(w_, uuid);
        if (!profile.empty()) {
            key(w_, "meta");
            w_.StartObject();
            key(w_, "profile");
            w_.StartArray();
            str(w_, std::string(kProfileBase) + std::string(profile));
            w_.EndArray();
            w_.EndObject();
        }
    }

    void categories(bool biomarker) {
        key(w_, "category");
        w_.StartArray();
        codeable(w_, "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory",
                 "Laboratory");
        codeable(w_, "http://terminology.hl7.org/CodeSystem/v2-0074", "GE", "Genetics");
        if (biomarker) {
            codeable(w_, kTbd, "biomarker-category", "");
        }
        w_.EndArray();
    }

    void subject_and_specimen() {
        key(w_, "specimen");
        reference(w_, specimen_uuid_, "Sample " + report_.sample_id);
    }

    void note(const std::vector<std::string>& lines) {
        std::string text;
        for (const auto& line : lines) {
            if (line.empty()) {
                continue;
            }
            text += (text.empty() ? "" : "\n") + line;
        }
        if (text.empty()) {
            return;
        }
        key(w_, "note");
        w_.StartArray();
        w_.StartObject();
        key(w_, "text");
        str(w_, text);
        w_.EndObject();
        w_.EndArray();
    }

    void diagnostic_report() {
        resource_header("DiagnosticReport", report_uuid_, "genomic-report");
        key(w_, "identifier");
        w_.StartArray();
        w_.StartObject();
        key(w_, "system");
        str(w_, "urn:ietf:rfc:3986");
        key(w_, "value");
        str(w_, "urn:uuid:" + report_uuid_);
        w_.EndObject();
        w_.EndArray();
        key(w_, "status");
        str(w_, "final");
        key(w_, "category");
        w_.StartArray();
        codeable(w_, "http://terminology.hl7.org/CodeSystem/v2-0074", "GE", "Genetics");
        w_.EndArray();
        key(w_, "code");
        codeable(w_, kLoinc, "51969-4", "Genetic analysis report");
        if (!report_.provenance.generated_at.empty()) {
            key(w_, "issued");
            str(w_, report_.provenance.generated_at);
        }
        key(w_, "specimen");
        w_.StartArray();
        reference(w_, specimen_uuid_, "Sample " + report_.sample_id);
        w_.EndArray();
        key(w_, "result");
        w_.StartArray();
        for (const auto& node : nodes_) {
            reference(w_, node.uuid, finding_name(*node.finding));
        }
        for (const auto& implication : implications_) {
            reference(w_, implication.uuid);
        }
        w_.EndArray();
        std::string conclusion;
        if (report_.findings.empty()) {
            conclusion = "No actionable findings.";
        } else {
            conclusion = "Actionable findings: ";
            for (std::size_t i = 0; i < report_.findings.size(); ++i) {
                conclusion += (i > 0 ? "; " : "") + finding_name(report_.findings[i]);
            }
            conclusion += ".";
        }
        conclusion +=
            " Tumour type: " +
            (report_.tumor_type_name.empty() ? report_.tumor_type
                                             : report_.tumor_type_name + " (" + report_.tumor_type + ")") +
            ". Decision support only: this report supports and does not replace clinical judgement.";
        if (!report_.disclaimer.empty()) {
            conclusion += " " + report_.disclaimer;
        }
        key(w_, "conclusion");
        str(w_, conclusion);
        w_.EndObject();
    }

    void specimen() {
        resource_header("Specimen", specimen_uuid_, "");
        key(w_, "identifier");
        w_.StartArray();
        w_.StartObject();
        key(w_, "system");
        str(w_, kSampleSystem);
        key(w_, "value");
        str(w_, report_.sample_id);
        w_.EndObject();
        w_.EndArray();
        if (!report_.specimen.empty()) {
            std::vector<std::string> lines;
            for (const auto& setting : report_.specimen) {
                lines.push_back(setting.name + ": " + setting.value);
            }
            note(lines);
        }
        w_.EndObject();
    }

    void gene_component(const Finding& f) {
        if (!f.gene.empty()) {
            w_.StartObject();
            key(w_, "code");
            codeable(w_, kLoinc, "48018-6", "Gene studied [ID]");
            key(w_, "valueCodeableConcept");
            // The Report carries the HGNC symbol only; an HGNC id would go in coding[].code (HGNC:nnnn).
            w_.StartObject();
            key(w_, "coding");
            w_.StartArray();
            w_.StartObject();
            key(w_, "system");
            str(w_, "http://www.genenames.org/geneId");
            key(w_, "display");
            str(w_, f.gene);
            w_.EndObject();
            w_.EndArray();
            key(w_, "text");
            str(w_, f.gene);
            w_.EndObject();
            w_.EndObject();
        }
    }

    void genome_component() {
        if (report_.genome == Genome::GRCh38) {
            component_coded(w_, kLoinc, "62374-4", "Human reference sequence assembly version", kLoinc,
                            "LA26806-2", "GRCh38");
        } else if (report_.genome == Genome::GRCh37) {
            component_coded(w_, kLoinc, "62374-4", "Human reference sequence assembly version", kLoinc,
                            "LA14029-5", "GRCh37");
        }
    }

    void somatic_component() {
        component_coded(w_, kLoinc, "48002-0", "Genomic source class [Type]", kLoinc, "LA6684-0", "Somatic");
    }

    void finding_observation(const Node& node) {
        const Finding& f = *node.finding;
        const bool biomarker =
            f.category == Category::genomic_signature || f.category == Category::protein_expression;
        resource_header("Observation", node.uuid, biomarker ? "molecular-biomarker" : "variant");
        key(w_, "status");
        str(w_, "final");
        categories(biomarker);
        if (biomarker) {
            biomarker_body(f);
        } else {
            variant_body(f);
        }
        subject_and_specimen();
        std::vector<std::string> lines = {"precis finding " + f.id + " (" + node.section +
                                          "): " + finding_name(f)};
        lines.push_back(f.details);
        lines.push_back(std::string("Oncogenicity: ") + to_string(f.oncogenicity));
        for (const auto& caveat : f.caveats) {
            lines.push_back("Caveat: " + caveat);
        }
        lines.push_back(f.where.file.empty() ? std::string() : "Source record: " + f.where.to_string());
        note(lines);
        w_.EndObject();
    }

    void variant_body(const Finding& f) {
        key(w_, "code");
        codeable(w_, kLoinc, "69548-6", "Genetic variant assessment");
        key(w_, "valueCodeableConcept");
        codeable(w_, kLoinc, "LA9633-4", "Present");
        key(w_, "component");
        w_.StartArray();
        gene_component(f);
        if (f.category == Category::small_variant) {
            const SmallVariant* v = variant_for(report_, f);
            if (v != nullptr && !v->hgvsc.empty()) {
                component_coded(w_, kLoinc, "48004-6", "DNA change (c.HGVS)", kHgvs, v->hgvsc, "");
            }
            if (v != nullptr && !v->hgvsp.empty()) {
                component_coded(w_, kLoinc, "48005-3", "Amino acid change (pHGVS)", kHgvs, v->hgvsp, "");
            } else if (!f.alteration.empty()) {
                component_coded(w_, kLoinc, "48005-3", "Amino acid change (pHGVS)", kHgvs,
                                "p.(" + f.alteration + ")", "");
            }
            if (v != nullptr && !v->transcript.empty()) {
                const bool ensembl = v->transcript.rfind("ENST", 0) == 0;
                component_coded(w_, kLoinc, "51958-7", "Transcript reference sequence [ID]",
                                ensembl ? "http://www.ensembl.org" : "http://www.ncbi.nlm.nih.gov/refseq",
                                v->transcript, "");
            }
            if (v != nullptr && !v->ref.empty() && !v->alt.empty()) {
                w_.StartObject();
                key(w_, "code");
                codeable(w_, kLoinc, "69547-8", "Genomic ref allele [ID]");
                key(w_, "valueString");
                str(w_, v->ref);
                w_.EndObject();
                w_.StartObject();
                key(w_, "code");
                codeable(w_, kLoinc, "69551-0", "Genomic alt allele [ID]");
                key(w_, "valueString");
                str(w_, v->alt);
                w_.EndObject();
            }
            if (v != nullptr && v->pos > 0) {
                component_coded(w_, kLoinc, "92822-6", "Genomic coordinate system [Type]", kLoinc,
                                "LA30102-0", "1-based character counting");
                w_.StartObject();
                key(w_, "code");
                codeable(w_, kLoinc, "81254-5", "Genomic allele start-end");
                key(w_, "valueRange");
                w_.StartObject();
                key(w_, "low");
                w_.StartObject();
                key(w_, "value");
                w_.Int64(v->pos);
                w_.EndObject();
                w_.EndObject();
                w_.EndObject();
            }
            component_quantity(w_, "81258-6", "Sample variant allelic frequency [NFr]", f.vaf, "1",
                               "relative frequency of a particular allele in the specimen");
        } else if (f.category == Category::copy_number) {
            const bool loss = contains(f.alteration, "deletion") || contains(f.alteration, "loss");
            component_coded(w_, kLoinc, "48019-4", "DNA change type", kSequenceOntology,
                            loss ? "SO:0001743" : "SO:0001742",
                            loss ? "copy_number_loss" : "copy_number_gain");
            component_quantity(w_, "82155-3", "Genomic structural variant copy number", f.value, "1", "");
        } else if (f.category == Category::fusion) {
            component_coded(w_, kLoinc, "48019-4", "DNA change type", kSequenceOntology, "SO:0001565",
                            "gene_fusion");
        }
        genome_component();
        somatic_component();
        w_.EndArray();
    }

    void biomarker_body(const Finding& f) {
        const bool tmb = contains(f.alteration, "TMB") || contains(f.gene, "TMB");
        const bool msi = contains(f.alteration, "MSI") || contains(f.gene, "MSI");
        key(w_, "code");
        if (tmb) {
            codeable(w_, kLoinc, "94076-7", "Mutations/Megabase [# Ratio] in Tumor");
        } else if (msi) {
            codeable(w_, kLoinc, "81695-9",
                     "Microsatellite instability [Interpretation] in Cancer specimen Qualitative");
        } else if (f.category == Category::protein_expression && f.gene == "ERBB2") {
            codeable(w_, kLoinc, "18474-7", "HER2 Ag [Presence] in Tissue by Immune stain");
        } else {
            text_concept(w_, finding_name(f));
        }
        if (tmb && is_finite(f.value)) {
            key(w_, "valueQuantity");
            w_.StartObject();
            number_member(w_, "value", f.value);
            key(w_, "unit");
            str(w_, "mutations per megabase");
            key(w_, "system");
            str(w_, kUcum);
            key(w_, "code");
            str(w_, "1/1000000{Base}");
            w_.EndObject();
        } else if (msi && f.alteration == "MSI-H") {
            key(w_, "valueCodeableConcept");
            codeable(w_, kLoinc, "LA26203-2", "MSI-H");
        } else {
            key(w_, "valueCodeableConcept");
            text_concept(w_, f.alteration);
        }
        if (!f.gene.empty() && !tmb && !msi) {
            key(w_, "component");
            w_.StartArray();
            gene_component(f);
            w_.EndArray();
        }
    }

    void implication_observation(const Implication& implication) {
        const Finding& f = *implication.finding;
        const TherapyMatch& t = *implication.therapy;
        resource_header("Observation", implication.uuid, "therapeutic-implication");
        key(w_, "status");
        str(w_, "final");
        categories(false);
        key(w_, "code");
        codeable(w_, kTbd, "therapeutic-implication", "Therapeutic Implication");
        subject_and_specimen();
        key(w_, "derivedFrom");
        w_.StartArray();
        reference(w_, implication.finding_uuid, finding_name(f));
        w_.EndArray();
        key(w_, "component");
        w_.StartArray();
        if (t.direction == Direction::sensitivity) {
            component_coded(w_, kTbd, "therapeutic-implication", "Therapeutic Implication", kLoinc,
                            "LA6677-4", "Responsive");
        } else {
            component_coded(w_, kTbd, "therapeutic-implication", "Therapeutic Implication", kLoinc,
                            "LA6676-6", "Resistant");
        }
        for (const auto& drug : t.drugs) {
            component_text(w_, kLoinc, "51963-7", "Medication assessed [ID]", drug);
        }
        component_coded(
            w_, kLoinc, "93044-6", "Level of evidence", kPrecisLevel, to_string(t.level),
            std::string("Level ") + to_string(t.level) + " (" + level_source_text(t.level_source) + ")");
        if (!t.amp_tier.empty()) {
            component_coded(w_, kLoinc, "93044-6", "Level of evidence", kAmpTier, t.amp_tier,
                            "Tier " + t.amp_tier);
        }
        if (!t.escat.empty()) {
            component_coded(w_, kLoinc, "93044-6", "Level of evidence", kEscat, t.escat, "ESCAT " + t.escat);
        }
        const std::string context = report_.tumor_type_name.empty()
                                        ? report_.tumor_type
                                        : report_.tumor_type_name + " (" + report_.tumor_type + ")";
        if (!context.empty()) {
            component_text(w_, kLoinc, "81259-4", "Associated phenotype", context);
        }
        w_.EndArray();
        std::vector<std::string> lines = {"Evidence " + t.evidence_id +
                                          (t.on_label ? " (on-label)" : " (off-label)")};
        lines.push_back(t.summary);
        lines.push_back(t.note);
        for (const auto& status : t.regulatory) {
            lines.push_back(status.agency + ": " + status.status +
                            (status.date.empty() ? "" : " " + status.date) +
                            (status.indication.empty() ? "" : " - " + status.indication));
        }
        for (const auto& flag : t.flags) {
            lines.push_back("Flag (" + std::string(to_string(flag.effect)) + "): " + flag.text);
        }
        for (const auto& mark : t.prior_therapies) {
            lines.push_back("Prior therapy: " + prior_therapy_text(mark));
        }
        std::string sources;
        for (const auto& source : t.sources) {
            sources += (sources.empty() ? "Sources: " : "; ") + source.type + " " + source.id;
        }
        lines.push_back(sources);
        if (!t.trials.empty()) {
            std::string trials = "Trials: ";
            for (std::size_t i = 0; i < t.trials.size(); ++i) {
                trials += (i > 0 ? "; " : "") + t.trials[i];
            }
            lines.push_back(trials);
        }
        note(lines);
        w_.EndObject();
    }

    const Report& report_;
    rapidjson::StringBuffer buffer_;
    Writer w_;
    std::string report_uuid_;
    std::string specimen_uuid_;
    std::vector<Node> nodes_;
    std::vector<Implication> implications_;
};

}  // namespace

std::string render_fhir(const Report& report) {
    return Bundle(report).render();
}

}  // namespace precis::report
