// SPDX-License-Identifier: Apache-2.0
#include "kb/knowledge_base.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <set>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/json.hpp"
#include "common/sha256.hpp"
#include "common/strings.hpp"

namespace precis::kb {

namespace {

namespace fs = std::filesystem;
using rapidjson::Value;

// ---- small typed accessors (the schema has already checked types) ----

std::string get_string(const Value& object, const char* key) {
    const auto it = object.FindMember(key);
    if (it == object.MemberEnd() || !it->value.IsString()) {
        return {};
    }
    return {it->value.GetString(), it->value.GetStringLength()};
}

std::vector<std::string> get_strings(const Value& object, const char* key) {
    std::vector<std::string> out;
    const auto it = object.FindMember(key);
    if (it != object.MemberEnd() && it->value.IsArray()) {
        for (const Value& item : it->value.GetArray()) {
            if (item.IsString()) {
                out.emplace_back(item.GetString(), item.GetStringLength());
            }
        }
    }
    return out;
}

std::vector<SourceRef> get_sources(const Value& object) {
    std::vector<SourceRef> out;
    const auto it = object.FindMember("sources");
    if (it != object.MemberEnd() && it->value.IsArray()) {
        for (const Value& item : it->value.GetArray()) {
            out.push_back(SourceRef{get_string(item, "type"), get_string(item, "id"),
                                    get_string(item, "note"), get_string(item, "date"),
                                    get_string(item, "url")});
        }
    }
    return out;
}

std::map<Genome, Interval> get_per_build_interval(const Value& object, const char* key) {
    std::map<Genome, Interval> out;
    const auto it = object.FindMember(key);
    if (it == object.MemberEnd() || !it->value.IsObject()) {
        return out;
    }
    for (const Genome genome : {Genome::GRCh37, Genome::GRCh38}) {
        const auto build = it->value.FindMember(to_string(genome));
        if (build != it->value.MemberEnd()) {
            out[genome] = Interval{get_string(build->value, "chrom"), build->value["start"].GetInt64(),
                                   build->value["end"].GetInt64()};
        }
    }
    return out;
}

std::map<Genome, std::string> get_per_build_string(const Value& object, const char* key) {
    std::map<Genome, std::string> out;
    const auto it = object.FindMember(key);
    if (it == object.MemberEnd() || !it->value.IsObject()) {
        return out;
    }
    for (const Genome genome : {Genome::GRCh37, Genome::GRCh38}) {
        const std::string value = get_string(it->value, to_string(genome));
        if (!value.empty()) {
            out[genome] = value;
        }
    }
    return out;
}

std::optional<Category> parse_category(const std::string& text) {
    if (text == "small_variant")
        return Category::small_variant;
    if (text == "copy_number")
        return Category::copy_number;
    if (text == "fusion")
        return Category::fusion;
    if (text == "protein_expression")
        return Category::protein_expression;
    if (text == "genomic_signature")
        return Category::genomic_signature;
    return std::nullopt;
}

std::optional<VariantClass> parse_variant_class(const std::string& text) {
    for (const VariantClass c :
         {VariantClass::missense, VariantClass::nonsense, VariantClass::frameshift,
          VariantClass::inframe_deletion, VariantClass::inframe_insertion, VariantClass::inframe_delins,
          VariantClass::synonymous, VariantClass::splice, VariantClass::start_lost, VariantClass::stop_lost,
          VariantClass::other_coding}) {
        if (text == to_string(c)) {
            return c;
        }
    }
    return std::nullopt;
}

BiomarkerMatch parse_match(const Value& object) {
    BiomarkerMatch match;
    match.protein_changes = get_strings(object, "protein_changes");
    if (const auto it = object.FindMember("codons"); it != object.MemberEnd()) {
        for (const Value& codon : it->value.GetArray()) {
            match.codons.push_back(codon.GetInt());
        }
    }
    if (const auto it = object.FindMember("codon_range"); it != object.MemberEnd() && it->value.Size() == 2) {
        match.codon_range = std::make_pair(it->value[0].GetInt(), it->value[1].GetInt());
    }
    for (const std::string& name : get_strings(object, "variant_classes")) {
        if (const auto c = parse_variant_class(name)) {
            match.variant_classes.push_back(*c);
        }
    }
    match.copy_number = get_strings(object, "copy_number");
    match.fusion_role = get_string(object, "fusion_role");
    match.signature = get_string(object, "signature");
    match.ihc_marker = get_string(object, "ihc_marker");
    match.ihc_scores = get_strings(object, "ihc_scores");
    match.ish_status = get_string(object, "ish_status");
    match.ihc_status = get_strings(object, "ihc_status");
    return match;
}

//! Collects every problem across files; loading continues past errors so that all are reported.
struct Loader {
    fs::path kb_dir;
    fs::path schemas_dir;
    std::vector<std::string> problems;
    Sha256 hash;

    //! Reads, hashes, parses and schema-validates one KB file. Returns nullopt (problem recorded) on failure.
    std::optional<rapidjson::Document> load(const std::string& relative, const std::string& schema) {
        const fs::path path = kb_dir / relative;
        std::string text;
        try {
            text = read_text_file(path.string(), "knowledge-base file");
        } catch (const Error& error) {
            problems.push_back(path.string() + ": cannot be read (" + error.why() + ")");
            return std::nullopt;
        }
        hash.update(relative);
        hash.update("\n", 1);
        hash.update(text);
        rapidjson::Document document;
        try {
            document = json::parse_json(text, path.string(), ErrorKind::knowledge_base);
        } catch (const Error& error) {
            problems.push_back(path.string() + ": " + error.why());
            return std::nullopt;
        }
        const auto violations =
            json::validate_json(document, (schemas_dir / "kb" / schema).string(), path.string());
        if (!violations.empty()) {
            problems.insert(problems.end(), violations.begin(), violations.end());
            return std::nullopt;
        }
        return document;
    }
};

struct OncoTreeTables {
    std::map<std::string, TumorType> types;
    std::map<std::string, ReplacedTumorType> replaced;  //!< retired and development-tree codes
};

//! Retired and development-tree codes: each must not be a current code and must map to current codes.
void read_replaced_codes(const Value& doc, const char* key, const std::string& file, OncoTreeTables& out,
                         std::vector<std::string>& problems) {
    const auto it = doc.FindMember(key);
    if (it == doc.MemberEnd()) {
        return;
    }
    for (const Value& item : it->value.GetArray()) {
        ReplacedTumorType code{get_string(item, "code"), get_string(item, "name"),
                               get_strings(item, "replaced_by"), get_string(item, "note")};
        if (out.types.count(code.code) != 0 || out.replaced.count(code.code) != 0) {
            problems.push_back(str::concat(
                {file, ": ", key, " code ", code.code, " is also a current or another replaced code"}));
        }
        for (const std::string& target : code.replaced_by) {
            if (out.types.count(target) == 0) {
                problems.push_back(str::concat(
                    {file, ": ", key, " code ", code.code, " is replaced by unknown tumour type ", target}));
            }
        }
        out.replaced[code.code] = std::move(code);
    }
}

OncoTreeTables read_oncotree(Loader& loader, const std::string& file) {
    OncoTreeTables out;
    const auto doc = loader.load(file, "oncotree.schema.json");
    if (!doc) {
        return out;
    }
    for (const Value& item : (*doc)["types"].GetArray()) {
        TumorType type{get_string(item, "code"), get_string(item, "name"), get_string(item, "parent"),
                       get_string(item, "tissue"), get_string(item, "main_type")};
        if (out.types.count(type.code) != 0) {
            loader.problems.push_back(file + ": duplicate tumour type " + type.code);
        }
        out.types[type.code] = type;
    }
    for (const auto& [code, type] : out.types) {
        if (!type.parent.empty() && out.types.count(type.parent) == 0) {
            loader.problems.push_back(str::concat({file, ": ", code, " has unknown parent ", type.parent}));
        }
    }
    read_replaced_codes(*doc, "retired", file, out, loader.problems);
    read_replaced_codes(*doc, "development", file, out, loader.problems);
    return out;
}

//! Cross-references between knowledge-base files: the tumour-type codes and biomarker ids they name must
//! exist.
struct CrossReferences {
    const std::map<std::string, TumorType>& tumor_types;
    //! nullptr when biomarkers.json failed: its problems are already listed, no cascade of dangling ids.
    const std::vector<Biomarker>* biomarkers;
    std::vector<std::string>& problems;

    void check_tumor_types(const std::string& file, const std::string& id,
                           const std::vector<std::string>& codes) const {
        for (const std::string& code : codes) {
            if (!tumor_types.empty() && tumor_types.count(code) == 0) {  // (empty: oncotree failed)
                problems.push_back(str::concat({file, ": ", id, ": unknown tumour type '", code, "'"}));
            }
        }
    }

    void check_biomarkers(const std::string& file, const std::string& id,
                          const std::vector<std::string>& ids) const {
        for (const std::string& biomarker : ids) {
            if (biomarkers != nullptr &&
                std::none_of(biomarkers->begin(), biomarkers->end(),
                             [&](const Biomarker& known) { return known.id == biomarker; })) {
                problems.push_back(str::concat({file, ": ", id, ": unknown biomarker '", biomarker, "'"}));
            }
        }
    }

    //! A caveat's biomarkers must be ones the item can reach: its own, or one borrowing its evidence.
    void check_caveat_biomarkers(const std::string& file, const EvidenceItem& evidence,
                                 const std::vector<std::string>& ids) const {
        for (const std::string& id : ids) {
            if (biomarkers == nullptr || id == evidence.biomarker) {
                continue;
            }
            const auto it = std::find_if(biomarkers->begin(), biomarkers->end(),
                                         [&](const Biomarker& known) { return known.id == id; });
            const bool reaches =
                it != biomarkers->end() && std::find(it->evidence_from.begin(), it->evidence_from.end(),
                                                     evidence.biomarker) != it->evidence_from.end();
            if (!reaches) {
                problems.push_back(
                    str::concat({file, ": ", evidence.id, ": caveat biomarker '", id, "' is neither ",
                                 evidence.biomarker, " nor takes its evidence (evidence_from)"}));
            }
        }
    }
};

GeneInfo parse_gene(const Value& item) {
    GeneInfo gene;
    gene.symbol = get_string(item, "symbol");
    gene.aliases = get_strings(item, "aliases");
    gene.hgnc_id = get_string(item, "hgnc_id");
    gene.strand = get_string(item, "strand") == "-" ? '-' : '+';
    gene.role = get_string(item, "role");
    gene.transcripts = get_per_build_string(item, "transcripts");
    gene.ensembl = get_per_build_string(item, "ensembl");
    gene.span = get_per_build_interval(item, "span");
    if (const auto it = item.FindMember("alternate_numbering"); it != item.MemberEnd()) {
        for (const Value& alt : it->value.GetArray()) {
            AlternateNumbering numbering;
            for (const std::string& id : get_strings(alt, "ids")) {
                numbering.ids.emplace_back(str::strip_version(id));
            }
            numbering.from_residue = alt["from_residue"].GetInt();
            numbering.offset = alt["offset"].GetInt();
            numbering.note = get_string(alt, "note");
            gene.alternate_numbering.push_back(std::move(numbering));
        }
    }
    if (const auto it = item.FindMember("fusion"); it != item.MemberEnd()) {
        gene.fusion_retained_role = get_string(it->value, "retained_role");
        gene.fusion_rule = get_string(it->value, "rule");
        gene.kinase_retained_region = get_per_build_interval(it->value, "kinase_retained_region");
    }
    gene.sources = get_sources(item);
    return gene;
}

//! genes.json into `genes`, indexed by upper-case symbol and then alias (aliases never shadow a symbol).
void read_genes(Loader& loader, const std::string& file, std::vector<GeneInfo>& genes,
                std::map<std::string, std::size_t>& index) {
    const auto doc = loader.load(file, "genes.schema.json");
    if (!doc) {
        return;
    }
    for (const Value& item : (*doc)["genes"].GetArray()) {
        GeneInfo gene = parse_gene(item);
        for (const auto& [genome, interval] : gene.span) {
            if (interval.end < interval.start) {
                loader.problems.push_back(
                    str::concat({file, ": ", gene.symbol, ": span end < start on ", to_string(genome)}));
            }
        }
        const std::string key = str::upper(gene.symbol);
        if (index.count(key) != 0) {
            loader.problems.push_back(file + ": duplicate gene " + gene.symbol);
            continue;
        }
        index[key] = genes.size();
        genes.push_back(std::move(gene));
    }
    for (std::size_t i = 0; i < genes.size(); ++i) {
        for (const std::string& alias : genes[i].aliases) {
            index.emplace(str::upper(alias), i);
        }
    }
}

//! hotspots.json; `gene_index` (empty when genes.json failed) checks the genes.
std::vector<HotspotCodon> read_hotspots(Loader& loader, const std::string& file,
                                        const std::string& genes_file,
                                        const std::map<std::string, std::size_t>& gene_index) {
    std::vector<HotspotCodon> hotspots;
    const auto doc = loader.load(file, "hotspots.schema.json");
    if (!doc) {
        return hotspots;
    }
    std::set<std::pair<std::string, int>> seen;
    for (const Value& item : (*doc)["codons"].GetArray()) {
        HotspotCodon codon;
        codon.gene = get_string(item, "gene");
        codon.codon = item["codon"].GetInt();
        codon.ref_aa = get_string(item, "ref_aa").front();
        codon.transcript = get_string(item, "transcript");
        for (const Genome genome : {Genome::GRCh37, Genome::GRCh38}) {
            const Value& loc = item[to_string(genome)];
            CodonLocation location{get_string(loc, "chrom"), loc["start"].GetInt64(), loc["end"].GetInt64(),
                                   get_string(loc, "strand") == "-" ? '-' : '+',
                                   get_string(loc, "ref_codon")};
            if (location.end != location.start + 2) {
                loader.problems.push_back(
                    str::concat({file, ": ", codon.gene, " codon ", std::to_string(codon.codon), ": ",
                                 to_string(genome), " interval must span exactly 3 bases"}));
            }
            codon.location[genome] = location;
        }
        codon.sources = get_sources(item);
        if (!seen.insert({codon.gene, codon.codon}).second) {
            loader.problems.push_back(file + ": duplicate codon " + codon.gene + " " +
                                      std::to_string(codon.codon));
        }
        if (gene_index.count(str::upper(codon.gene)) == 0 && !gene_index.empty()) {
            loader.problems.push_back(str::concat({file, ": ", codon.gene, " is not in ", genes_file}));
        }
        hotspots.push_back(std::move(codon));
    }
    return hotspots;
}

//! evidence_from names known biomarkers, not the biomarker itself, and no biomarker that borrows in turn
//! (one step only, so a finding's evidence is its own biomarkers' plus theirs).
void check_evidence_from(const std::string& file, const std::vector<Biomarker>& biomarkers,
                         std::vector<std::string>& problems) {
    for (const Biomarker& biomarker : biomarkers) {
        for (const std::string& id : biomarker.evidence_from) {
            const auto target = std::find_if(biomarkers.begin(), biomarkers.end(),
                                             [&](const Biomarker& b) { return b.id == id; });
            if (target == biomarkers.end()) {
                problems.push_back(
                    str::concat({file, ": ", biomarker.id, ": evidence_from unknown biomarker '", id, "'"}));
            } else if (id == biomarker.id || !target->evidence_from.empty()) {
                problems.push_back(str::concat({file, ": ", biomarker.id, ": evidence_from '", id,
                                                "' must be another biomarker without evidence_from"}));
            }
        }
    }
}

Biomarker parse_biomarker(const Value& item) {
    Biomarker biomarker;
    biomarker.id = get_string(item, "id");
    biomarker.label = get_string(item, "label");
    biomarker.gene = get_string(item, "gene");
    biomarker.category = parse_category(get_string(item, "category")).value_or(Category::small_variant);
    biomarker.match = parse_match(item["match"]);
    if (const auto it = item.FindMember("copy_number_match"); it != item.MemberEnd()) {
        biomarker.copy_number_match = parse_match(it->value);
        biomarker.also_from.push_back(Category::copy_number);
    }
    if (const auto it = item.FindMember("ihc_match"); it != item.MemberEnd()) {
        biomarker.ihc_match = parse_match(it->value);
        biomarker.also_from.push_back(Category::protein_expression);
    }
    if (const auto it = item.FindMember("evidence_from"); it != item.MemberEnd()) {
        biomarker.evidence_from = get_strings(it->value, "biomarkers");
        biomarker.evidence_from_caveat = get_string(it->value, "caveat");
    }
    if (const auto it = item.FindMember("panel"); it != item.MemberEnd()) {
        biomarker.panel = it->value.GetBool();
    }
    biomarker.description = get_string(item, "description");
    return biomarker;
}

//! biomarkers.json; nullopt when the file failed to load. `gene_index` (empty when genes.json failed)
//! checks the genes.
std::optional<std::vector<Biomarker>> read_biomarkers(Loader& loader, const std::string& file,
                                                      const std::string& genes_file,
                                                      const std::map<std::string, std::size_t>& gene_index) {
    const auto doc = loader.load(file, "biomarkers.schema.json");
    if (!doc) {
        return std::nullopt;
    }
    std::vector<Biomarker> biomarkers;
    std::set<std::string> seen;
    for (const Value& item : (*doc)["biomarkers"].GetArray()) {
        Biomarker biomarker = parse_biomarker(item);
        if (!seen.insert(biomarker.id).second) {
            loader.problems.push_back(file + ": duplicate biomarker id " + biomarker.id);
        }
        if (!biomarker.gene.empty() && !gene_index.empty() &&
            gene_index.count(str::upper(biomarker.gene)) == 0) {
            loader.problems.push_back(str::concat(
                {file, ": ", biomarker.id, ": gene ", biomarker.gene, " is not in ", genes_file}));
        }
        biomarkers.push_back(std::move(biomarker));
    }
    check_evidence_from(file, biomarkers, loader.problems);
    return biomarkers;
}

//! `lines` of an evidence item ("any", {"min": N} or [N, ...]; the schema checked the shape).
std::optional<LineCoverage> get_lines(const Value& item) {
    const auto it = item.FindMember("lines");
    if (it == item.MemberEnd()) {
        return std::nullopt;
    }
    LineCoverage coverage;
    if (it->value.IsObject()) {
        const auto min = it->value.FindMember("min");
        coverage.min = min != it->value.MemberEnd() && min->value.IsInt() ? min->value.GetInt() : 1;
    } else if (it->value.IsArray()) {
        for (const Value& line : it->value.GetArray()) {
            if (line.IsInt()) {
                coverage.lines.push_back(line.GetInt());
            }
        }
    }
    return coverage;
}

//! The lines a canonical free-text `line_of_therapy` names ("any", "2L", "2L+"); nullopt for other text.
std::optional<LineCoverage> lines_of_text(const std::string& text) {
    if (text == "any") {
        return LineCoverage{};
    }
    if (text.size() < 2) {
        return std::nullopt;
    }
    const bool open = str::ends_with(text, "L+");
    const std::size_t digits = text.size() - (open ? 2 : 1);
    if (digits == 0 || digits > 2 || text[digits] != 'L') {
        return std::nullopt;
    }
    const auto number = str::to_int(text.substr(0, digits));
    if (!number || *number < 1) {
        return std::nullopt;
    }
    return open ? LineCoverage{static_cast<int>(*number), {}} : LineCoverage{1, {static_cast<int>(*number)}};
}

//! `line_of_therapy` (where the evidence is used, free text) must be canonical and within `lines` (what
//! the label covers, which may be wider: imatinib in GIST is used first line, its label has no line).
void check_lines(const EvidenceItem& evidence, const std::string& file, std::vector<std::string>& problems) {
    if (!evidence.lines) {
        return;
    }
    const LineCoverage& label = *evidence.lines;
    const auto used = lines_of_text(evidence.line_of_therapy);
    if (!used) {
        problems.push_back(
            str::concat({file, ": ", evidence.id, ": line_of_therapy '", evidence.line_of_therapy,
                         "' is not 'any', 'NL' or 'NL+' (needed with `lines`)"}));
        return;
    }
    const bool within = used->lines.empty() ? label.lines.empty() && label.min <= used->min
                                            : std::all_of(used->lines.begin(), used->lines.end(),
                                                          [&](int line) { return label.covers(line); });
    if (!within) {
        problems.push_back(
            str::concat({file, ": ", evidence.id, ": line_of_therapy '", evidence.line_of_therapy,
                         "' names lines that `lines` does not cover"}));
    }
}

EvidenceItem parse_evidence(const Value& item, const std::string& file, std::vector<std::string>& problems) {
    EvidenceItem evidence;
    evidence.id = get_string(item, "id");
    evidence.biomarker = get_string(item, "biomarker");
    evidence.tumor_types = get_strings(item, "tumor_types");
    evidence.excluded_tumor_types = get_strings(item, "excluded_tumor_types");
    evidence.drugs = get_strings(item, "drugs");
    // The schema enumerates both; a value it let through but the model does not know is a problem.
    const std::string direction = get_string(item, "direction");
    const std::string level = get_string(item, "oncokb_level");
    if (const auto parsed = parse_direction(direction)) {
        evidence.direction = *parsed;
    } else {
        problems.push_back(str::concat({file, ": ", evidence.id, ": unknown direction '", direction, "'"}));
    }
    if (const auto parsed = parse_level(level)) {
        evidence.oncokb_level = *parsed;
    } else {
        problems.push_back(str::concat({file, ": ", evidence.id, ": unknown level '", level, "'"}));
    }
    if (const auto it = item.FindMember("level_source"); it != item.MemberEnd() && it->value.IsObject()) {
        evidence.level_source.type =
            parse_level_source(get_string(it->value, "type")).value_or(LevelSource::curator);
        evidence.level_source.reference = get_string(it->value, "reference");
        evidence.level_source.date = get_string(it->value, "date");
    } else {
        evidence.level_source.reference =
            "no level_source in the knowledge base: treated as curator-assigned";
    }
    evidence.escat = get_string(item, "escat");
    evidence.line_of_therapy = get_string(item, "line_of_therapy");
    evidence.lines = get_lines(item);
    check_lines(evidence, file, problems);
    if (const auto it = item.FindMember("regulatory"); it != item.MemberEnd()) {
        for (const Value& reg : it->value.GetArray()) {
            evidence.regulatory.push_back(Regulatory{get_string(reg, "agency"), get_string(reg, "status"),
                                                     get_string(reg, "date"), get_strings(reg, "tumor_types"),
                                                     get_string(reg, "indication")});
        }
    }
    evidence.summary = get_string(item, "summary");
    evidence.trials = get_strings(item, "trials");
    if (const auto it = item.FindMember("caveats"); it != item.MemberEnd()) {
        for (const Value& caveat : it->value.GetArray()) {
            evidence.caveats.push_back(Caveat{get_strings(caveat, "tumor_types"),
                                              get_strings(caveat, "biomarkers"), get_string(caveat, "text")});
        }
    }
    evidence.sources = get_sources(item);
    evidence.file = file;
    return evidence;
}

//! The problems of one evidence item; `ids` collects the evidence ids seen so far (duplicates).
void check_evidence(const EvidenceItem& evidence, const std::string& file, const CrossReferences& refs,
                    std::set<std::string>& ids) {
    for (const Regulatory& regulatory : evidence.regulatory) {
        refs.check_tumor_types(file, evidence.id, regulatory.tumor_types);
    }
    if (!ids.insert(evidence.id).second) {
        refs.problems.push_back(file + ": duplicate evidence id " + evidence.id);
    }
    if (evidence.sources.empty()) {
        refs.problems.push_back(file + ": " + evidence.id + ": no source");
    }
    // A level that a primary source gives carries that source's date; only curator levels go without.
    if (evidence.level_source.type != LevelSource::curator &&
        (evidence.level_source.date.size() != 10 || evidence.level_source.reference.empty())) {
        refs.problems.push_back(
            str::concat({file, ": ", evidence.id, ": level ", to_string(evidence.oncokb_level), " from ",
                         to_string(evidence.level_source.type),
                         " needs a dated source (level_source.date YYYY-MM-DD and reference)"}));
    }
    if (is_resistance(evidence.oncokb_level) != (evidence.direction == Direction::resistance)) {
        refs.problems.push_back(
            str::concat({file, ": ", evidence.id, ": level ", to_string(evidence.oncokb_level),
                         " does not fit direction ", to_string(evidence.direction)}));
    }
    refs.check_biomarkers(file, evidence.id, {evidence.biomarker});
    refs.check_tumor_types(file, evidence.id, evidence.tumor_types);
    refs.check_tumor_types(file, evidence.id, evidence.excluded_tumor_types);
    for (const Caveat& caveat : evidence.caveats) {
        refs.check_tumor_types(file, evidence.id, caveat.tumor_types);
        refs.check_caveat_biomarkers(file, evidence, caveat.biomarkers);
    }
}

//! Every evidence file of the manifest, in order.
std::vector<EvidenceItem> read_evidence(Loader& loader, const Value& files, const CrossReferences& refs) {
    std::vector<EvidenceItem> evidence;
    std::set<std::string> ids;
    for (const Value& file_name : files.GetArray()) {
        const std::string file = file_name.GetString();
        const auto doc = loader.load(file, "evidence.schema.json");
        if (!doc) {
            continue;
        }
        for (const Value& item : (*doc)["evidence"].GetArray()) {
            EvidenceItem parsed = parse_evidence(item, file, refs.problems);
            check_evidence(parsed, file, refs, ids);
            evidence.push_back(std::move(parsed));
        }
    }
    return evidence;
}

//! rules.json (optional: an empty file name reads nothing).
std::vector<ReasoningRule> read_rules(Loader& loader, const std::string& file, const CrossReferences& refs) {
    std::vector<ReasoningRule> rules;
    if (file.empty()) {
        return rules;
    }
    const auto doc = loader.load(file, "rules.schema.json");
    if (!doc) {
        return rules;
    }
    std::set<std::string> seen;
    for (const Value& item : (*doc)["rules"].GetArray()) {
        const auto self_trigger = item.FindMember("self_trigger");
        ReasoningRule rule{get_string(item, "id"),
                           get_string(item, "name"),
                           get_strings(item, "therapy_biomarkers"),
                           get_strings(item, "therapy_drugs"),
                           get_strings(item, "co_biomarkers"),
                           self_trigger != item.MemberEnd() && self_trigger->value.GetBool(),
                           parse_rule_effect(get_string(item, "effect")).value_or(RuleEffect::caution),
                           get_string(item, "text"),
                           get_sources(item)};
        if (!seen.insert(rule.id).second) {
            loader.problems.push_back(file + ": duplicate rule id " + rule.id);
        }
        refs.check_biomarkers(file, rule.id, rule.therapy_biomarkers);
        refs.check_biomarkers(file, rule.id, rule.co_biomarkers);
        rules.push_back(std::move(rule));
    }
    return rules;
}

//! drug_classes.json (optional: an empty file name reads nothing).
std::vector<DrugClass> read_drug_classes(Loader& loader, const std::string& file) {
    std::vector<DrugClass> classes;
    if (file.empty()) {
        return classes;
    }
    const auto doc = loader.load(file, "drug_classes.schema.json");
    if (!doc) {
        return classes;
    }
    std::set<std::string> seen;
    for (const Value& item : (*doc)["drug_classes"].GetArray()) {
        DrugClass drug_class{get_string(item, "id"), get_string(item, "name"), get_strings(item, "drugs"),
                             get_sources(item)};
        if (!seen.insert(drug_class.id).second) {
            loader.problems.push_back(file + ": duplicate drug class id " + drug_class.id);
        }
        classes.push_back(std::move(drug_class));
    }
    return classes;
}

//! cancer_genes.json (optional: an empty file name reads nothing): every gene's role names a release of
//! the file, and no symbol appears twice.
std::unordered_map<std::string, CancerGene> read_cancer_genes(Loader& loader, const std::string& file) {
    std::unordered_map<std::string, CancerGene> genes;
    if (file.empty()) {
        return genes;
    }
    const auto doc = loader.load(file, "cancer_genes.schema.json");
    if (!doc) {
        return genes;
    }
    std::map<std::string, std::string> releases;
    for (const Value& release : (*doc)["releases"].GetArray()) {
        releases[get_string(release, "id")] = get_string(release, "name") + " " +
                                              get_string(release, "version") + " (" +
                                              get_string(release, "licence") + ")";
    }
    genes.reserve((*doc)["genes"].Size());
    for (const Value& item : (*doc)["genes"].GetArray()) {
        CancerGene gene{get_string(item, "symbol"),
                        parse_gene_role(get_string(item, "role")).value_or(GeneRole::unknown),
                        get_string(item, "from"), get_string(item, "evidence"), ""};
        const auto release = releases.find(gene.release);
        if (release == releases.end()) {
            loader.problems.push_back(str::concat(
                {file, ": gene ", gene.symbol, " names an unknown release '", gene.release, "'"}));
            continue;
        }
        gene.source = release->second;
        const std::string symbol = gene.symbol;
        if (!genes.emplace(symbol, std::move(gene)).second) {
            loader.problems.push_back(str::concat({file, ": duplicate gene ", symbol}));
        }
    }
    if (genes.empty()) {
        loader.problems.push_back(file + ": no gene (the file must list the cancer genes and their roles)");
    }
    return genes;
}

ContextEntry parse_context_entry(const Value& item, const char* kind) {
    ContextEntry entry;
    entry.id = get_string(item, "id");
    entry.kind = std::string(kind) == "caveats" ? "caveat" : kind;
    entry.tumor_types = get_strings(item, "tumor_types");
    entry.biomarkers = get_strings(item, "biomarkers");
    entry.line = get_string(item, "line");
    entry.title = get_string(item, "regimen");
    if (entry.title.empty()) {
        entry.title = get_string(item, "title");
    }
    entry.text = get_string(item, "summary");
    if (entry.text.empty()) {
        entry.text = get_string(item, "text");
    }
    entry.sources = get_sources(item);
    return entry;
}

//! context.json (optional: an empty file name reads nothing): standard of care, testing, caveats.
std::vector<ContextEntry> read_context(Loader& loader, const std::string& file, const CrossReferences& refs) {
    std::vector<ContextEntry> context;
    if (file.empty()) {
        return context;
    }
    const auto doc = loader.load(file, "context.schema.json");
    if (!doc) {
        return context;
    }
    for (const char* kind : {"standard_of_care", "testing", "caveats"}) {
        const auto it = doc->FindMember(kind);
        if (it == doc->MemberEnd()) {
            continue;
        }
        for (const Value& item : it->value.GetArray()) {
            ContextEntry entry = parse_context_entry(item, kind);
            refs.check_tumor_types(file, entry.id, entry.tumor_types);
            refs.check_biomarkers(file, entry.id, entry.biomarkers);
            context.push_back(std::move(entry));
        }
    }
    return context;
}

}  // namespace

KnowledgeBase KnowledgeBase::load(const std::string& kb_dir, const std::string& schemas_dir) {
    KnowledgeBase kb;
    Loader loader{fs::path(kb_dir), fs::path(schemas_dir), {}, {}};

    if (!fs::is_directory(kb_dir)) {
        throw Error(ErrorKind::knowledge_base, kb_dir, "the knowledge-base directory does not exist",
                    "pass --kb DIR or set PRECIS_KB_DIR to the precis knowledgebase/ directory");
    }
    const auto manifest = loader.load("manifest.json", "manifest.schema.json");
    if (!manifest) {
        throw Error(ErrorKind::knowledge_base, kb_dir,
                    "invalid knowledge base:\n  " + str::join(loader.problems, "\n  "),
                    "run `precis kb validate " + kb_dir + "` and fix the listed problems");
    }
    kb.version_ = get_string(*manifest, "version");
    kb.date_ = get_string(*manifest, "date");
    const Value& files = (*manifest)["files"];

    OncoTreeTables oncotree = read_oncotree(loader, get_string(files, "oncotree"));
    kb.tumor_types_ = std::move(oncotree.types);
    kb.replaced_tumor_types_ = std::move(oncotree.replaced);
    // Biomarker ids are checked once biomarkers.json is read.
    CrossReferences refs{kb.tumor_types_, nullptr, loader.problems};

    if (const auto focus = manifest->FindMember("focus"); focus != manifest->MemberEnd()) {
        kb.focus_ = Focus{get_string(focus->value, "description"), get_strings(focus->value, "tumor_types"),
                          get_strings(focus->value, "tumor_agnostic")};
    }
    refs.check_tumor_types("manifest.json", "focus", kb.focus_.tumor_types);
    refs.check_tumor_types("manifest.json", "focus", kb.focus_.tumor_agnostic);

    const std::string genes_file = get_string(files, "genes");
    read_genes(loader, genes_file, kb.genes_, kb.gene_index_);
    kb.hotspots_ = read_hotspots(loader, get_string(files, "hotspots"), genes_file, kb.gene_index_);
    if (auto biomarkers =
            read_biomarkers(loader, get_string(files, "biomarkers"), genes_file, kb.gene_index_)) {
        kb.biomarkers_ = std::move(*biomarkers);
        refs.biomarkers = &kb.biomarkers_;
    }
    kb.evidence_ = read_evidence(loader, files["evidence"], refs);
    kb.rules_ = read_rules(loader, get_string(files, "rules"), refs);
    kb.context_ = read_context(loader, get_string(files, "context"), refs);
    kb.drug_classes_ = read_drug_classes(loader, get_string(files, "drug_classes"));
    kb.cancer_genes_ = read_cancer_genes(loader, get_string(files, "cancer_genes"));

    if (!loader.problems.empty()) {
        throw Error(ErrorKind::knowledge_base, kb_dir,
                    "invalid knowledge base (" + std::to_string(loader.problems.size()) + " problem" +
                        (loader.problems.size() == 1 ? "" : "s") + "):\n  " +
                        str::join(loader.problems, "\n  "),
                    "run `precis kb validate " + kb_dir + "` and fix the listed problems");
    }
    kb.content_hash_ = "sha256:" + loader.hash.hex_digest();
    return kb;
}

std::vector<std::string> KnowledgeBase::validate(const std::string& kb_dir, const std::string& schemas_dir) {
    try {
        (void)load(kb_dir, schemas_dir);
    } catch (const Error& error) {
        if (error.kind() != ErrorKind::knowledge_base) {
            throw;
        }
        std::vector<std::string> problems;
        const std::string& why = error.why();
        const std::size_t first = why.find(":\n  ");
        if (first == std::string::npos) {
            return {error.where() + ": " + why};
        }
        for (const auto line : str::split(std::string_view(why).substr(first + 4), '\n')) {
            problems.emplace_back(str::trim(line));
        }
        return problems;
    }
    return {};
}

const GeneInfo* KnowledgeBase::gene(const std::string& symbol_or_alias) const {
    const auto it = gene_index_.find(str::upper(symbol_or_alias));
    return it == gene_index_.end() ? nullptr : &genes_[it->second];
}

const Biomarker* KnowledgeBase::biomarker(const std::string& id) const {
    const auto it =
        std::find_if(biomarkers_.begin(), biomarkers_.end(), [&](const Biomarker& b) { return b.id == id; });
    return it == biomarkers_.end() ? nullptr : &*it;
}

const CancerGene* KnowledgeBase::cancer_gene(const std::string& symbol) const {
    const auto it = cancer_genes_.find(symbol);
    return it == cancer_genes_.end() ? nullptr : &it->second;
}

const DrugClass* KnowledgeBase::drug_class(const std::string& id) const {
    const auto it = std::find_if(drug_classes_.begin(), drug_classes_.end(),
                                 [&](const DrugClass& c) { return c.id == id; });
    return it == drug_classes_.end() ? nullptr : &*it;
}

const TumorType* KnowledgeBase::tumor_type(const std::string& code) const {
    const auto it = tumor_types_.find(str::upper(code));
    return it == tumor_types_.end() ? nullptr : &it->second;
}

const ReplacedTumorType* KnowledgeBase::replaced_tumor_type(const std::string& code) const {
    const auto it = replaced_tumor_types_.find(str::upper(code));
    return it == replaced_tumor_types_.end() ? nullptr : &it->second;
}

bool KnowledgeBase::in_focus(const std::string& code) const {
    const std::string wanted = str::upper(code);
    if (tumor_type(wanted) == nullptr) {
        return false;
    }
    const auto& agnostic = focus_.tumor_agnostic;
    return std::find(agnostic.begin(), agnostic.end(), wanted) != agnostic.end() ||
           std::any_of(focus_.tumor_types.begin(), focus_.tumor_types.end(),
                       [&](const std::string& root) { return is_within(wanted, root); });
}

std::vector<std::string> KnowledgeBase::lineage(const std::string& code) const {
    std::vector<std::string> out;
    const TumorType* current = tumor_type(code);
    while (current != nullptr && out.size() < 32) {
        out.push_back(current->code);
        current = current->parent.empty() ? nullptr : tumor_type(current->parent);
    }
    return out;
}

bool KnowledgeBase::is_within(const std::string& code, const std::string& ancestor) const {
    const auto chain = lineage(code);
    return std::find(chain.begin(), chain.end(), ancestor) != chain.end();
}

std::vector<std::string> KnowledgeBase::nearest_tumor_types(const std::string& code,
                                                            std::size_t count) const {
    // Edit distance on the code or the name; ties go to codes sharing more letters (typos often swap
    // letters).
    const auto shared_letters = [](std::string a, std::string b) {
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        std::string common;
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
        return common.size();
    };
    const std::string wanted = str::upper(code);
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& [key, type] : tumor_types_) {
        const std::size_t by_code = str::edit_distance(wanted, key);
        const std::size_t by_name = str::edit_distance(str::lower(code), str::lower(type.name));
        const std::size_t distance = std::min(by_code, by_name);
        scored.emplace_back(distance * 100 + (100 - std::min<std::size_t>(99, shared_letters(wanted, key))),
                            key + " (" + type.name + ")");
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && i < count; ++i) {
        out.push_back(scored[i].second);
    }
    return out;
}

}  // namespace precis::kb
