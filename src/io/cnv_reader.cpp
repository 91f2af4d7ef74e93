// SPDX-License-Identifier: Apache-2.0
#include "io/cnv_reader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "common/error.hpp"
#include "common/limits.hpp"
#include "common/strings.hpp"
#include "io/bed_reader.hpp"
#include "io/sv_vcf_reader.hpp"
#include "io/table_reader.hpp"

namespace precis::io {
namespace {

//! Header cells that name annotation columns, not samples, in wide gene tables.
const std::set<std::string> kWideAnnotationColumns = {
    "hugo_symbol", "entrez_gene_id", "gene symbol", "gene",       "locus id", "cytoband", "gene_id",
    "gene id",     "gene_symbol",    "symbol",      "chromosome", "start",    "end"};

bool starts_with_vcf(const InputName& file) {
    std::ifstream in(file.open, std::ios::binary);
    char head[16] = {};
    in.read(head, sizeof head);
    const std::string_view text(head, static_cast<std::size_t>(in.gcount()));
    return str::starts_with(text, "##fileformat=VCF") || str::starts_with(text, "\x1f\x8b") ||
           str::starts_with(text, "BCF");
}

Table::Options table_options() {
    Table::Options options;
    options.delimiter = 0;
    options.preamble_prefixes = {"##", "@", "#SAMPLE_NAME", "WARNING", "Warning"};
    return options;
}

bool has(const Table& table, std::initializer_list<std::string_view> names) {
    return table.column(names).has_value();
}

std::string detect(const Table& table) {
    const bool chrom = has(table, {"chromosome", "chrom", "contig", "chr"});
    if (has(table, {"minCopyNumber"}) && has(table, {"gene"})) {
        return "purple";
    }
    if (chrom && has(table, {"copyNumber"})) {
        return "purple";
    }
    if (has(table, {"gene"}) && has(table, {"segment_contig"}) &&
        has(table, {"segment_mean", "segment_call"})) {
        return "oncotator";  // checked before gene tables: it has a "gene" column too
    }
    if (chrom && has(table, {"nMajor"}) && has(table, {"nMinor"})) {
        return "segments";
    }
    if (has(table, {"CONTIG"}) && has(table, {"MEAN_LOG2_COPY_RATIO", "LOG2_COPY_RATIO_POSTERIOR_50"})) {
        return "gatk-seg";
    }
    if (chrom && has(table, {"log2"})) {
        return "cnvkit";
    }
    if (has(table, {"seg.mean", "Segment_Mean", "segmean"}) &&
        has(table, {"loc.start", "Start", "startpos", "start"})) {
        return "seg";
    }
    if (has(table, {"Hugo_Symbol", "gene", "Gene Symbol", "Gene_Symbol", "symbol"})) {
        return "gene-table";
    }
    return "";
}

std::string known_formats_text() {
    return str::join(cnv_formats(), ", ");
}

//! A coordinate: a whole number in 0..limits::kMaxPosition (0 for CNVkit's 0-based starts). Some tools
//! write integral positions as floats ("1.2e+07", "37756263.0"); hex, fractions and NaN are rejected.
std::optional<std::int64_t> position(std::string_view text) {
    return str::to_whole_number(text, 0, limits::kMaxPosition);
}

//! "" / "NA" / "NaN": the cell holds no value (a segment or gene the caller could not measure).
bool no_value(std::string_view text) {
    text = str::trim(text);
    return text.empty() || text == "NA" || str::iequals(text, "nan");
}

//! A numeric cell: `value` is empty for no_value() text; `bad` is set when the text is a value but not a
//! finite number within `range`.
struct NumberCell {
    std::optional<double> value;
    bool bad = false;
};

NumberCell number_cell(std::string_view text, const limits::Range& range) {
    if (no_value(text)) {
        return {};
    }
    const auto value = str::to_double(text);
    if (!value || !range.contains(*value)) {
        return {std::nullopt, true};
    }
    return {value, false};
}

//! The skip reason for a value outside its range (one reason whatever the value, so that the rows are
//! counted together; the warning names the first line).
std::string out_of_range(const char* what, const limits::Range& range) {
    return std::string(what) + " is not a finite number in " + range.text();
}

//! Shared reader for segment tables: columns chosen by the caller, coordinates 1-based closed on output.
struct SegmentColumns {
    std::size_t chrom = 0;
    std::size_t start = 0;
    std::size_t end = 0;
    bool zero_based_start = false;  //!< CNVkit (BED-like)
    std::optional<std::size_t> log2;
    std::optional<std::size_t> copy_number;
    std::optional<std::size_t> major;
    std::optional<std::size_t> minor;
    std::optional<std::size_t> call;
    std::optional<std::size_t> genes;
    std::optional<std::size_t> sample;
};

//! The sample whose rows are read: `sample_id` when given (it must be in the file), else the only one;
//! several and no choice is a usage error (at most 10 names listed).
void choose_segment_sample(const Table& table, std::size_t column, const std::string& sample_id,
                           CnvData& data) {
    const std::vector<std::string> samples = table.distinct(column);
    if (!sample_id.empty()) {
        if (std::find(samples.begin(), samples.end(), sample_id) == samples.end()) {
            throw Error(
                ErrorKind::usage, table.name().given,
                "sample '" + sample_id + "' is not in the file; it has: " + str::join_limited(samples, ", "),
                "give one of the sample names listed");
        }
        data.sample = sample_id;
    } else if (samples.size() > 1) {
        throw Error(ErrorKind::usage, table.name().given,
                    std::to_string(samples.size()) + " samples in one segment file (" +
                        str::join_limited(samples, ", ") + "); precis interprets one sample",
                    "name the sample to use (--sample)");
    } else if (!samples.empty()) {
        data.sample = samples.front();
    }
}

//! Reads the numbers of one segment row into `segment`; returns the reason to skip the row, or "".
std::string segment_values(const Table::Row& row, const SegmentColumns& columns, CnvSegment& segment) {
    if (columns.log2) {
        const std::string_view text = Table::field(row, *columns.log2);
        const NumberCell log2 = number_cell(text, limits::kLog2);
        if (log2.bad) {
            return out_of_range("log2", limits::kLog2);
        }
        segment.log2 = log2.value;
    }
    for (const auto& [column, target] : {std::pair{columns.copy_number, &segment.copy_number},
                                         std::pair{columns.minor, &segment.minor_copy_number}}) {
        if (column) {
            const std::string_view text = Table::field(row, *column);
            const NumberCell cell = number_cell(text, limits::kCopyNumber);
            if (cell.bad) {
                return out_of_range("copy number", limits::kCopyNumber);
            }
            *target = cell.value;
        }
    }
    if (columns.major && columns.minor) {
        const auto major = str::to_finite_double(Table::field(row, *columns.major), limits::kCopyNumber.min,
                                                 limits::kCopyNumber.max);
        if (!major || !segment.minor_copy_number) {
            return out_of_range("an allele copy number (nMajor, nMinor)", limits::kCopyNumber);
        }
        if (!segment.copy_number) {
            segment.copy_number = *major + *segment.minor_copy_number;
        }
    }
    if (!segment.log2 && !segment.copy_number) {
        return "neither a log2 ratio nor a copy number (empty, NA or NaN)";
    }
    if (segment.copy_number && *segment.copy_number < 0) {
        segment.copy_number = 0.0;  // PURPLE can write slightly negative fitted copy numbers
    }
    return {};
}

void read_segments(const Table& table, const SegmentColumns& columns, const std::string& sample_id,
                   CnvData& data, SkippedRows& skipped) {
    if (columns.sample) {
        choose_segment_sample(table, *columns.sample, sample_id, data);
    }
    for (const auto& row : table.rows()) {
        if (columns.sample && !data.sample.empty() &&
            str::trim(Table::field(row, *columns.sample)) != data.sample) {
            skipped.note(row.line, "row of another sample");
            continue;
        }
        const auto start = position(Table::field(row, columns.start));
        const auto end = position(Table::field(row, columns.end));
        if (!start || !end) {
            skipped.skip(row.line,
                         "start/end are not whole numbers in 0.." + std::to_string(limits::kMaxPosition));
            continue;
        }
        CnvSegment segment;
        segment.chrom = str::normalise_chrom(str::trim(Table::field(row, columns.chrom)));
        segment.start = *start + (columns.zero_based_start ? 1 : 0);
        segment.end = *end;
        if (segment.end < segment.start) {
            skipped.skip(row.line, "end < start", "the segment was not used; check the caller's output");
            continue;
        }
        if (const std::string problem = segment_values(row, columns, segment); !problem.empty()) {
            skipped.skip(row.line, problem);
            continue;
        }
        if (columns.call) {
            segment.call = std::string(str::trim(Table::field(row, *columns.call)));
        }
        if (columns.genes) {
            segment.genes = std::string(str::trim(Table::field(row, *columns.genes)));
        }
        segment.line = row.line;
        data.segments.push_back(std::move(segment));
    }
}

//! Adds one gene-level row, merging duplicates: identical calls merge silently, conflicting calls keep
//! the first row and warn (Error when strict).
void add_gene_row(GeneCnvRow row, std::map<std::string, std::size_t>& index, CnvData& data,
                  SkippedRows& skipped) {
    const std::string key = str::upper(row.gene);
    const auto found = index.find(key);
    if (found == index.end()) {
        index.emplace(key, data.genes.size());
        data.genes.push_back(std::move(row));
        return;
    }
    const GeneCnvRow& first = data.genes[found->second];
    if (first.called_class != row.called_class) {
        skipped.skip(row.line, "duplicate gene row with a different call (the first row is used)",
                     "remove the duplicate rows for " + row.gene + " (lines " + std::to_string(first.line) +
                         " and " + std::to_string(row.line) + ")");
    } else {
        skipped.note(row.line, "duplicate of an earlier row for the gene with the same call");
    }
}

//! The sample of a long (one row per gene and sample) table: `sample_id` when given (it must be in the
//! table), else the only one; several samples and no choice is a usage error listing them.
std::string choose_sample(const Table& table, std::size_t column, const std::string& sample_id) {
    const std::vector<std::string> samples = table.distinct(column);
    if (!sample_id.empty()) {
        if (std::find(samples.begin(), samples.end(), sample_id) == samples.end()) {
            throw Error(
                ErrorKind::usage, table.name().given,
                "sample '" + sample_id + "' is not in the table; it has: " + str::join_limited(samples, ", "),
                "give one of the sample names listed");
        }
        return sample_id;
    }
    if (samples.size() > 1) {
        throw Error(ErrorKind::usage, table.name().given,
                    "the table holds " + std::to_string(samples.size()) +
                        " samples: " + str::join_limited(samples, ", "),
                    "name the sample to use (--sample)");
    }
    return samples.empty() ? std::string() : samples.front();
}

//! A gene row whose call is a word or code of the vocabulary; nullopt when the row is skipped (counted)
//! or, with `blank_is_unprofiled`, when the cell is empty or NA (the gene was not profiled).
std::optional<GeneCnvRow> word_row(const Table::Row& row, std::size_t gene, std::size_t value,
                                   bool blank_is_unprofiled, SkippedRows& skipped) {
    GeneCnvRow entry;
    entry.gene = std::string(str::trim(Table::field(row, gene)));
    entry.call_text = std::string(str::trim(Table::field(row, value)));
    entry.line = row.line;
    if (entry.gene.empty()) {
        skipped.skip(row.line, "empty gene name");
        return std::nullopt;
    }
    if (blank_is_unprofiled && (entry.call_text.empty() || entry.call_text == "NA")) {
        skipped.note(row.line, "not profiled in this sample (empty or NA)");
        return std::nullopt;
    }
    const auto reading = read_cnv_call(entry.call_text);
    if (!reading) {
        skipped.skip(row.line, "unrecognised copy-number call '" + entry.call_text + "'",
                     "use Amplification/Gain/Loss/Deletion or -2..2 (README: copy-number vocabulary)");
        return std::nullopt;
    }
    entry.called_class = reading->cn_class;
    entry.vocabulary = reading->vocabulary;
    entry.ambiguity = reading->ambiguity;
    return entry;
}

//! Long form: gene, call [, sample].
void read_long_gene_table(const Table& table, std::size_t gene, std::size_t value,
                          const std::string& sample_id, CnvData& data, SkippedRows& skipped) {
    const auto sample =
        table.column({"Tumor_Sample_Barcode", "Sample_Id", "sample", "sample_id", "SAMPLE_ID"});
    if (sample) {
        data.sample = choose_sample(table, *sample, sample_id);
    }
    data.detail = "long gene table (" + table.header()[gene] + ", " + table.header()[value] + ")";
    std::map<std::string, std::size_t> index;
    for (const auto& row : table.rows()) {
        if (sample && str::trim(Table::field(row, *sample)) != data.sample) {
            skipped.note(row.line, "row of another sample");
            continue;
        }
        if (auto entry = word_row(row, gene, value, false, skipped)) {
            add_gene_row(std::move(*entry), index, data, skipped);
        }
    }
}

//! The column of a wide table (one column per sample) to read.
std::size_t wide_sample_column(const Table& table, std::size_t gene, const std::string& sample_id) {
    std::vector<std::string> names;
    std::vector<std::size_t> columns;
    for (std::size_t i = 0; i < table.header().size(); ++i) {
        if (i != gene && kWideAnnotationColumns.count(str::lower(table.header()[i])) == 0 &&
            !table.header()[i].empty()) {
            columns.push_back(i);
            names.push_back(table.header()[i]);
        }
    }
    if (!sample_id.empty()) {
        if (const auto chosen = table.column({sample_id})) {
            return *chosen;
        }
        throw Error(ErrorKind::usage, table.name().given,
                    "sample '" + sample_id +
                        "' is not a column of the table; it has: " + str::join_limited(names, ", "),
                    "give one of the sample names listed");
    }
    if (columns.size() == 1) {
        return columns.front();
    }
    if (columns.empty()) {
        throw Error(ErrorKind::input, table.name().given + ":" + std::to_string(table.header_line()),
                    "a gene table needs a call column (Copy_Number_Alteration, call, Value) or one column "
                    "per sample; the header has: " +
                        str::join_limited(table.header(), ", "),
                    "check the file format");
    }
    throw Error(ErrorKind::usage, table.name().given,
                "the table holds " + std::to_string(names.size()) + " sample columns (" +
                    str::join_limited(names, ", ") + ")",
                "name the sample to use (--sample)");
}

void read_gene_table(const Table& table, const std::string& sample_id, CnvData& data, SkippedRows& skipped) {
    const std::size_t gene =
        table.require_column({"Hugo_Symbol", "gene", "Gene Symbol", "Gene_Symbol", "symbol"});
    const auto value = table.column({"Copy_Number_Alteration", "call", "Value", "cna", "alteration", "CNA",
                                     "copy_number_call", "cn_call", "status"});
    if (value) {
        read_long_gene_table(table, gene, *value, sample_id, data, skipped);
        return;
    }
    const std::size_t chosen = wide_sample_column(table, gene, sample_id);
    data.sample = table.header()[chosen];
    data.detail = "wide gene table (sample column " + data.sample + ")";
    std::map<std::string, std::size_t> index;
    for (const auto& row : table.rows()) {
        if (auto entry = word_row(row, gene, chosen, true, skipped)) {
            add_gene_row(std::move(*entry), index, data, skipped);
        }
    }
}

// ---- Oncotator seg.annotated ----

constexpr std::string_view kOncotatorVocabulary = "Oncotator/ReCapSeg segment_call";

//! Oncotator (ReCapSeg / GATK CNV) segment_call: '+' and '-' mean the segment's mean lies outside the
//! caller's neutral band, i.e. a gain or a loss; '++' and '--' are the caller's stronger calls (in
//! MOAlmanac's example, segment means near log2 2.2 and -0.8). None of them says how many copies, so
//! none is by itself an amplification or a homozygous deletion.
std::optional<CopyNumberClass> oncotator_call(std::string_view call) {
    if (call == "+" || call == "++") {
        return CopyNumberClass::gain;
    }
    if (call == "-" || call == "--") {
        return CopyNumberClass::loss;
    }
    if (call == "0") {
        return CopyNumberClass::neutral;
    }
    return std::nullopt;
}

//! Without a segment mean, a gain or loss call cannot tell an amplification from a gain, or a homozygous
//! deletion from a loss: the weaker class is used and the call says so.
std::string oncotator_ambiguity(const std::string& call, CopyNumberClass cn_class) {
    const std::string head = "Oncotator segment_call '" + call + "' without a segment mean: read as ";
    if (cn_class == CopyNumberClass::gain) {
        return head +
               "a gain (the caller's segment is above its neutral band); whether it is a high-level "
               "amplification cannot be told from this file";
    }
    if (cn_class == CopyNumberClass::loss) {
        return head +
               "a loss (the caller's segment is below its neutral band); whether it is a homozygous "
               "deletion cannot be told from this file";
    }
    return "";
}

struct OncotatorColumns {
    std::size_t gene = 0;
    std::size_t chrom = 0;
    std::size_t start = 0;
    std::size_t end = 0;
    std::optional<std::size_t> mean;
    std::optional<std::size_t> call;
};

//! The segment coordinates of a gene row; empty cells give 0 (unknown). False (the row skipped, counted)
//! when a cell holds something other than a whole number in 0..limits::kMaxPosition.
bool read_span(const Table::Row& row, std::size_t start_column, std::size_t end_column, GeneCnvRow& entry,
               SkippedRows& skipped) {
    const std::string_view start = Table::field(row, start_column);
    const std::string_view end = Table::field(row, end_column);
    const auto start_value = no_value(start) ? std::optional<std::int64_t>(0) : position(start);
    const auto end_value = no_value(end) ? std::optional<std::int64_t>(0) : position(end);
    if (!start_value || !end_value) {
        skipped.skip(row.line,
                     "segment start/end are not whole numbers in 0.." + std::to_string(limits::kMaxPosition));
        return false;
    }
    entry.start = *start_value;
    entry.end = *end_value;
    return true;
}

//! One Oncotator row; nullopt when it is skipped (counted).
std::optional<GeneCnvRow> oncotator_row(const Table::Row& row, const OncotatorColumns& columns,
                                        SkippedRows& skipped) {
    GeneCnvRow entry;
    entry.gene = std::string(str::trim(Table::field(row, columns.gene)));
    entry.line = row.line;
    if (entry.gene.empty()) {
        skipped.skip(row.line, "empty gene name");
        return std::nullopt;
    }
    entry.chrom = str::normalise_chrom(str::trim(Table::field(row, columns.chrom)));
    if (!read_span(row, columns.start, columns.end, entry, skipped)) {
        return std::nullopt;
    }
    if (columns.mean) {
        // NA/NaN: no segment mean (the segment_call alone is read, flagged as ambiguous).
        const NumberCell mean = number_cell(Table::field(row, *columns.mean), limits::kLog2);
        if (mean.bad) {
            skipped.skip(row.line, out_of_range("segment_mean", limits::kLog2));
            return std::nullopt;
        }
        entry.log2 = mean.value;
    }
    if (columns.call) {
        entry.call_text = std::string(str::trim(Table::field(row, *columns.call)));
        entry.called_class = oncotator_call(entry.call_text);
        if (!entry.called_class && !entry.call_text.empty()) {
            skipped.skip(row.line, "unrecognised segment_call '" + entry.call_text + "'",
                         "expected +, ++, -, -- or 0");
            return std::nullopt;
        }
    }
    if (!entry.log2 && !entry.called_class) {
        skipped.skip(row.line, "neither a segment_mean nor a segment_call");
        return std::nullopt;
    }
    entry.vocabulary = std::string(kOncotatorVocabulary);
    if (!entry.log2) {
        entry.ambiguity = oncotator_ambiguity(entry.call_text, *entry.called_class);
    }
    return entry;
}

//! A whole-genome file whose segment means are never negative is probably linear copy ratios (MOAlmanac's
//! documentation shows such values), which read as log2 would overstate every copy number: every call
//! from it carries that warning. Small files (< 100 rows) are not judged.
void flag_linear_means(const std::string& label, CnvData& data) {
    std::size_t with_mean = 0;
    for (const GeneCnvRow& row : data.genes) {
        if (row.log2) {
            if (*row.log2 < 0) {
                return;
            }
            ++with_mean;
        }
    }
    if (with_mean < 100) {
        return;
    }
    const std::string note = "none of the file's " + std::to_string(with_mean) +
                             " segment means is negative: they may be linear copy ratios rather than log2, "
                             "and precis reads them as log2, which overstates copy number";
    data.warnings.push_back(label + ": " + note);
    for (GeneCnvRow& row : data.genes) {
        row.ambiguity = row.ambiguity.empty() ? note : row.ambiguity + "; " + note;
    }
}

void read_oncotator(const Table& table, const std::string& sample_id, CnvData& data, SkippedRows& skipped) {
    OncotatorColumns columns;
    columns.gene = table.require_column({"gene"});
    columns.chrom = table.require_column({"segment_contig", "chr", "chromosome"});
    columns.start = table.require_column({"segment_start", "start"});
    columns.end = table.require_column({"segment_end", "end"});
    columns.mean = table.column({"segment_mean"});
    columns.call = table.column({"segment_call"});
    if (!columns.mean && !columns.call) {
        table.require_column({"segment_mean", "segment_call"});  // throws, naming the header
    }
    const auto sample = table.column({"sample", "Sample"});
    if (sample) {
        data.sample = choose_sample(table, *sample, sample_id);
    }
    data.detail = std::string("Oncotator gene-level segments (") +
                  (columns.mean ? "segment_mean as log2" : "segment_call only") +
                  (columns.mean && columns.call ? ", segment_call" : "") + ")";
    std::map<std::string, std::size_t> index;
    for (const auto& row : table.rows()) {
        if (sample && str::trim(Table::field(row, *sample)) != data.sample) {
            skipped.note(row.line, "row of another sample");
            continue;
        }
        if (auto entry = oncotator_row(row, columns, skipped)) {
            add_gene_row(std::move(*entry), index, data, skipped);
        }
    }
    flag_linear_means(table.name().shown, data);
}

void read_purple_genes(const Table& table, CnvData& data, SkippedRows& skipped) {
    const std::size_t gene = table.require_column({"gene"});
    const std::size_t min_cn = table.require_column({"minCopyNumber"});
    const auto max_cn = table.column({"maxCopyNumber"});
    const auto chrom = table.column({"chromosome"});
    const auto start = table.column({"start"});
    const auto end = table.column({"end"});
    const auto canonical = table.column({"isCanonical", "canonical"});
    std::map<std::string, std::size_t> index;
    data.detail = "PURPLE gene copy number (minCopyNumber/maxCopyNumber)";
    for (const auto& row : table.rows()) {
        if (canonical && str::iequals(str::trim(Table::field(row, *canonical)), "false")) {
            skipped.note(row.line, "non-canonical transcript row (the gene's canonical row is used)");
            continue;  // one row per gene: the canonical transcript
        }
        GeneCnvRow entry;
        entry.gene = std::string(str::trim(Table::field(row, gene)));
        const NumberCell min_value = number_cell(Table::field(row, min_cn), limits::kCopyNumber);
        const NumberCell max_value =
            max_cn ? number_cell(Table::field(row, *max_cn), limits::kCopyNumber) : NumberCell{};
        if (!min_value.value || max_value.bad) {
            skipped.skip(row.line, out_of_range("minCopyNumber or maxCopyNumber", limits::kCopyNumber));
            continue;
        }
        entry.min_copy_number = min_value.value;
        entry.max_copy_number = max_value.value;
        if (chrom && start && end) {
            entry.chrom = str::normalise_chrom(str::trim(Table::field(row, *chrom)));
            if (!read_span(row, *start, *end, entry, skipped)) {
                continue;
            }
        }
        entry.call_text = "minCopyNumber " + std::string(str::trim(Table::field(row, min_cn)));
        entry.line = row.line;
        if (index.count(str::upper(entry.gene)) == 0) {
            index.emplace(str::upper(entry.gene), data.genes.size());
            data.genes.push_back(std::move(entry));
        } else {
            skipped.note(row.line, "second canonical row for the gene (the first is used)");
        }
    }
}

}  // namespace

const std::vector<std::string>& cnv_formats() {
    static const std::vector<std::string> formats = {"cnvkit", "gatk-seg",  "seg",        "segments",
                                                     "purple", "oncotator", "gene-table", "vcf"};
    return formats;
}

namespace {

constexpr std::string_view kGistic = "GISTIC/cBioPortal discrete codes";
constexpr std::string_view kOncokb = "OncoKB CNA words";
constexpr std::string_view kCbioportal = "cBioPortal CNA names";
constexpr std::string_view kMoalmanac = "MOAlmanac called-CN words";
constexpr std::string_view kCommon = "common copy-number words";

constexpr std::string_view kAmplificationAmbiguity =
    "read as a high-level amplification, as in OncoKB's and cBioPortal's CNA vocabulary (GISTIC 2); "
    "MOAlmanac and other tools also write it for relative or low-level gains (MOAlmanac: the top 2.5% of "
    "the sample's segment means), so confirm the copy number (segment copy number or ISH) before acting";
constexpr std::string_view kDeletionAmbiguity =
    "read as a deep (homozygous) deletion, as in OncoKB's CNA vocabulary (GISTIC -2); MOAlmanac and other "
    "tools also write it for one-copy (hemizygous) losses (MOAlmanac: the bottom 2.5% of the sample's "
    "segment means), so confirm with segment copy number before acting";

using C = CopyNumberClass;

}  // namespace

const std::vector<CnvVocabularyEntry>& cnv_vocabulary() {
    static const std::vector<CnvVocabularyEntry> entries = {
        {"2", C::amplification, kGistic, ""},
        {"1", C::gain, kGistic, ""},
        {"0", C::neutral, kGistic, ""},
        {"-1", C::loss, kGistic, ""},
        {"-2", C::homozygous_deletion, kGistic, ""},
        {"amplification", C::amplification, kOncokb, kAmplificationAmbiguity},
        {"gain", C::gain, kOncokb, ""},
        {"loss", C::loss, kOncokb, ""},
        {"deletion", C::homozygous_deletion, kOncokb, kDeletionAmbiguity},
        {"deep deletion", C::homozygous_deletion, kCbioportal, ""},
        {"homdel", C::homozygous_deletion, kCbioportal, ""},
        {"shallow deletion", C::loss, kCbioportal, ""},
        {"hetloss", C::loss, kCbioportal, ""},
        {"diploid", C::neutral, kCbioportal, ""},
        {"baseline", C::neutral, kMoalmanac, ""},
        {"wild type", C::neutral, kMoalmanac, ""},
        {"amplified", C::amplification, kCommon, kAmplificationAmbiguity},
        {"amp", C::amplification, kCommon, kAmplificationAmbiguity},
        {"high-level amplification", C::amplification, kCommon, ""},
        {"high level amplification", C::amplification, kCommon, ""},
        {"low-level gain", C::gain, kCommon, ""},
        {"low level gain", C::gain, kCommon, ""},
        {"copy number gain", C::gain, kCommon, ""},
        {"neutral", C::neutral, kCommon, ""},
        {"wildtype", C::neutral, kCommon, ""},
        {"wild-type", C::neutral, kCommon, ""},
        {"none", C::neutral, kCommon, ""},
        {"no change", C::neutral, kCommon, ""},
        {"shallowdel", C::loss, kCommon, ""},
        {"heterozygous deletion", C::loss, kCommon, ""},
        {"hemizygous deletion", C::loss, kCommon, ""},
        {"single-copy loss", C::loss, kCommon, ""},
        {"copy number loss", C::loss, kCommon, ""},
        {"deepdel", C::homozygous_deletion, kCommon, ""},
        {"homozygous deletion", C::homozygous_deletion, kCommon, ""},
        {"deep loss", C::homozygous_deletion, kCommon, ""},
    };
    return entries;
}

std::optional<CnvCallReading> read_cnv_call(std::string_view text) {
    const std::string_view written = str::trim(text);
    std::string word = str::lower(written);
    // Codes may be written as floats ("2.0", "-2.00"); a non-integral or out-of-range code is not a call.
    if (str::to_double(word)) {
        const auto code = str::to_whole_number(word, -2, 2);
        if (!code) {
            return std::nullopt;
        }
        word = std::to_string(*code);
    }
    for (const CnvVocabularyEntry& entry : cnv_vocabulary()) {
        if (entry.text == word) {
            CnvCallReading reading{entry.cn_class, std::string(entry.vocabulary), ""};
            if (!entry.ambiguity.empty()) {
                reading.ambiguity = "the gene table says '" + std::string(written) +
                                    "' without a copy number: " + std::string(entry.ambiguity);
            }
            return reading;
        }
    }
    return std::nullopt;
}

std::optional<CopyNumberClass> parse_cnv_call(std::string_view text) {
    if (const auto reading = read_cnv_call(text)) {
        return reading->cn_class;
    }
    return std::nullopt;
}

CnvData read_cnv(const InputName& file, const CnvReadOptions& options) {
    std::string format = str::lower(options.format);
    if (format.empty()) {
        format = "auto";
    }
    if (format != "auto" &&
        std::find(cnv_formats().begin(), cnv_formats().end(), format) == cnv_formats().end()) {
        throw Error(ErrorKind::usage, "--cnv-format " + options.format, "unknown copy-number format",
                    "use auto or one of: " + known_formats_text());
    }
    if (format == "vcf" || (format == "auto" && starts_with_vcf(file))) {
        CnvData data = read_cnv_vcf(file, options.sample_id, options.strict);
        if (options.format == "auto") {
            spdlog::info("{}: copy-number format detected as vcf", file.given);
        }
        return data;
    }
    const Table table = Table::read(file, table_options());
    const std::string detected = detect(table);
    if (format == "auto") {
        if (detected.empty()) {
            throw Error(
                ErrorKind::input, file.given + ":" + std::to_string(table.header_line()),
                "cannot tell the copy-number format from the header: " +
                    str::join_limited(table.header(), ", "),
                "known formats: " + known_formats_text() +
                    " (CNVkit .cns/.call.cns, GATK .seg, CBS .seg, Chromosome/Start/End/nMajor/nMinor "
                    "segments, PURPLE .cnv.somatic.tsv / .cnv.gene.tsv, Oncotator seg.annotated, gene "
                    "tables, "
                    "VCF); give "
                    "--cnv-format to force one");
        }
        format = detected;
        spdlog::info("{}: copy-number format detected as {}", file.given, format);
    }
    CnvData data;
    data.format = format;
    SkippedRows skipped(file, options.strict);
    if (format == "cnvkit") {
        SegmentColumns columns;
        columns.chrom = table.require_column({"chromosome"});
        columns.start = table.require_column({"start"});
        columns.end = table.require_column({"end"});
        columns.zero_based_start = true;
        columns.log2 = table.require_column({"log2"});
        columns.copy_number = table.column({"cn"});
        columns.minor = table.column({"cn2"});
        columns.genes = table.column({"gene"});
        data.detail = columns.copy_number ? "CNVkit .call.cns (cn column)" : "CNVkit .cns (log2)";
        read_segments(table, columns, options.sample_id, data, skipped);
    } else if (format == "gatk-seg") {
        SegmentColumns columns;
        columns.chrom = table.require_column({"CONTIG"});
        columns.start = table.require_column({"START"});
        columns.end = table.require_column({"END"});
        columns.log2 = table.require_column({"MEAN_LOG2_COPY_RATIO", "LOG2_COPY_RATIO_POSTERIOR_50"});
        columns.call = table.column({"CALL"});
        data.detail =
            columns.call ? "GATK CallCopyRatioSegments .called.seg" : "GATK copy-ratio .seg (uncalled)";
        for (const std::string& line : table.preamble()) {
            if (str::starts_with(line, "#SAMPLE_NAME=")) {
                data.sample = line.substr(13);
            }
        }
        read_segments(table, columns, options.sample_id, data, skipped);
    } else if (format == "seg") {
        SegmentColumns columns;
        columns.chrom = table.require_column({"chrom", "chromosome", "chr"});
        columns.start = table.require_column({"loc.start", "start", "startpos"});
        columns.end = table.require_column({"loc.end", "end", "endpos"});
        columns.log2 = table.require_column({"seg.mean", "Segment_Mean", "segmean"});
        columns.sample = table.column({"ID", "Sample", "sample"});
        data.detail = "CBS/IGV .seg (seg.mean as log2)";
        read_segments(table, columns, options.sample_id, data, skipped);
    } else if (format == "segments") {
        SegmentColumns columns;
        columns.chrom = table.require_column({"Chromosome", "chrom"});
        columns.start = table.require_column({"Start"});
        columns.end = table.require_column({"End"});
        columns.major = table.require_column({"nMajor"});
        columns.minor = table.require_column({"nMinor"});
        data.detail = "allele-specific segments (nMajor + nMinor)";
        read_segments(table, columns, options.sample_id, data, skipped);
    } else if (format == "purple") {
        if (table.column({"minCopyNumber"})) {
            read_purple_genes(table, data, skipped);
        } else {
            SegmentColumns columns;
            columns.chrom = table.require_column({"chromosome"});
            columns.start = table.require_column({"start"});
            columns.end = table.require_column({"end"});
            columns.copy_number = table.require_column({"copyNumber"});
            columns.minor = table.column({"minorAlleleCopyNumber"});
            data.detail = "PURPLE segments (copyNumber)";
            read_segments(table, columns, options.sample_id, data, skipped);
        }
    } else if (format == "oncotator") {
        read_oncotator(table, options.sample_id, data, skipped);
    } else {
        read_gene_table(table, options.sample_id, data, skipped);
    }
    skipped.flush(data.warnings);
    data.rows = static_cast<std::int64_t>(table.rows().size());
    data.skipped = skipped.counts();
    return data;
}

}  // namespace precis::io
