// SPDX-License-Identifier: Apache-2.0
#include "io/maf_reader.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "common/error.hpp"
#include "common/limits.hpp"
#include "common/strings.hpp"
#include "io/table_reader.hpp"

namespace precis::io {

namespace {

//! The columns precis reads (found by name; absent ones are empty).
struct MafColumns {
    std::size_t gene = 0;
    std::optional<std::size_t> protein_short, protein_long, barcode, build, chrom, start, ref, alt2, alt1,
        classification, transcript, alt_count, ref_count, depth;
};

MafColumns find_columns(const Table& table) {
    MafColumns c;
    c.gene = table.require_column({"Hugo_Symbol"});
    c.protein_short = table.column({"HGVSp_Short", "Protein_Change", "amino_acid_change"});
    c.protein_long = table.column({"HGVSp"});
    c.barcode = table.column({"Tumor_Sample_Barcode"});
    c.build = table.column({"NCBI_Build"});
    c.chrom = table.column({"Chromosome"});
    c.start = table.column({"Start_Position", "Start_position"});
    c.ref = table.column({"Reference_Allele"});
    c.alt2 = table.column({"Tumor_Seq_Allele2"});
    c.alt1 = table.column({"Tumor_Seq_Allele1"});
    if (!c.protein_short && !c.protein_long && !(c.chrom && c.start && c.ref && (c.alt2 || c.alt1))) {
        throw Error(ErrorKind::input, table.name().given + ":" + std::to_string(table.header_line()),
                    "the MAF has neither a protein-change column (HGVSp_Short, Protein_Change or HGVSp) nor "
                    "genomic coordinates (Chromosome, Start_Position, Reference_Allele, Tumor_Seq_Allele2)",
                    "annotate the MAF (e.g. with vcf2maf) or give the VCF with --vcf");
    }
    c.classification = table.column({"Variant_Classification"});
    c.transcript = table.column({"Transcript_ID", "Annotation_Transcript", "Feature"});
    c.alt_count = table.column({"t_alt_count"});
    c.ref_count = table.column({"t_ref_count"});
    c.depth = table.column({"t_depth"});
    return c;
}

//! The chosen Tumor_Sample_Barcode: `sample` when given (it must be in the file), else the only one;
//! several and no choice is a usage error (at most 10 names listed).
void choose_sample(const Table& table, const MafColumns& c, const std::string& sample, MafData& data) {
    const std::string& path = table.name().given;
    std::vector<std::string> samples = c.barcode ? table.distinct(*c.barcode) : std::vector<std::string>();
    samples.erase(std::remove(samples.begin(), samples.end(), std::string()), samples.end());
    if (!sample.empty()) {
        if (c.barcode && std::find(samples.begin(), samples.end(), sample) == samples.end()) {
            throw Error(ErrorKind::usage, path,
                        "--tumor-sample '" + sample +
                            "' is not a Tumor_Sample_Barcode of this MAF; it has: " +
                            str::join_limited(samples, ", "),
                        "pass one of the listed barcodes");
        }
        data.sample = sample;
        data.sample_reason = "given with --tumor-sample";
    } else if (samples.size() > 1) {
        throw Error(ErrorKind::usage, path,
                    "the MAF holds " + std::to_string(samples.size()) +
                        " samples: " + str::join_limited(samples, ", "),
                    "choose one with --tumor-sample BARCODE");
    } else if (samples.size() == 1) {
        data.sample = samples.front();
        data.sample_reason = "the only Tumor_Sample_Barcode in the MAF";
    }
}

std::string cell(const Table::Row& row, const std::optional<std::size_t>& column) {
    return column ? std::string(str::trim(Table::field(row, *column))) : std::string();
}

//! Start_Position and the read counts; returns why the row is malformed, or "". Empty cells are "not
//! given"; anything else must be a position in 1..limits::kMaxPosition or a count in 0..kMaxReads.
std::string read_numbers(const Table::Row& row, const MafColumns& c, MafRow& out) {
    if (const std::string start = cell(row, c.start); !start.empty()) {
        const auto value = str::to_bounded_int(start, 1, limits::kMaxPosition);
        if (!value) {
            return "Start_Position is not a whole number in 1.." + std::to_string(limits::kMaxPosition);
        }
        out.start = *value;
    }
    for (const auto& [column, target] :
         {std::pair{c.alt_count, &out.alt_count}, std::pair{c.ref_count, &out.ref_count},
          std::pair{c.depth, &out.depth}}) {
        if (const std::string text = cell(row, column); !text.empty()) {
            const auto value = str::to_bounded_int(text, 0, limits::kMaxReads);
            if (!value) {
                return "t_alt_count, t_ref_count or t_depth is not a read count in 0.." +
                       std::to_string(limits::kMaxReads);
            }
            *target = static_cast<int>(*value);
        }
    }
    return {};
}

//! The row as read; returns why it is skipped, or "".
std::string read_row(const Table::Row& row, const MafColumns& c, MafRow& out) {
    out.line = row.line;
    out.gene = cell(row, c.gene);
    out.protein = cell(row, c.protein_short);
    if (out.protein.empty()) {
        out.protein = cell(row, c.protein_long);
    }
    out.chrom = c.chrom ? str::normalise_chrom(cell(row, c.chrom)) : std::string();
    out.ref = cell(row, c.ref);
    out.alt = cell(row, c.alt2);
    if ((out.alt.empty() || out.alt == out.ref) && c.alt1) {
        out.alt = cell(row, c.alt1);
    }
    out.variant_classification = cell(row, c.classification);
    out.transcript = cell(row, c.transcript);
    if (std::string problem = read_numbers(row, c, out); !problem.empty()) {
        return problem;
    }
    if (out.gene.empty() || (out.protein.empty() && out.start == 0)) {
        return "no gene symbol, protein change or position";
    }
    return {};
}

}  // namespace

MafData read_maf(const InputName& file, const std::string& sample, bool strict) {
    Table::Options options;
    options.preamble_prefixes = {"#"};
    options.required_header_names = {"Hugo_Symbol"};
    options.header_may_start_with_hash = false;
    const Table table = Table::read(file, options);
    const MafColumns c = find_columns(table);

    MafData data;
    data.has_protein_column = c.protein_short.has_value() || c.protein_long.has_value();
    data.data_rows = static_cast<std::int64_t>(table.rows().size());
    choose_sample(table, c, sample, data);

    std::set<Genome> builds;
    for (const auto& row : table.rows()) {
        if (c.barcode && !data.sample.empty() && cell(row, c.barcode) != data.sample) {
            ++data.other_sample_rows;
            continue;
        }
        if (c.build) {
            if (const auto g = parse_genome(Table::field(row, *c.build))) {
                builds.insert(*g);
            }
        }
        MafRow out;
        if (const std::string problem = read_row(row, c, out); !problem.empty()) {
            if (strict) {
                throw Error(ErrorKind::input, file.given + ":" + std::to_string(row.line),
                            "malformed MAF row: " + problem,
                            "fix the row or run without --strict to skip it with a warning");
            }
            ++data.skipped;
            ++data.skipped_reasons[problem];
            if (data.skipped_examples.size() < 5) {
                data.skipped_examples.push_back(
                    str::concat({file.shown, ":", std::to_string(row.line), ": ", problem}));
            }
            continue;
        }
        data.rows.push_back(std::move(out));
    }
    if (builds.size() == 1) {
        data.genome = *builds.begin();
    }
    return data;
}

}  // namespace precis::io
