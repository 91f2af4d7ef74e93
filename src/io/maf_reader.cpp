// SPDX-License-Identifier: Apache-2.0
#include "io/maf_reader.hpp"

#include <algorithm>
#include <set>

#include "common/error.hpp"
#include "common/strings.hpp"
#include "io/table_reader.hpp"

namespace precis::io {

MafData read_maf(const std::string& path, const std::string& sample, bool strict) {
    Table::Options options;
    options.preamble_prefixes = {"#"};
    options.required_header_names = {"Hugo_Symbol"};
    options.header_may_start_with_hash = false;
    const Table table = Table::read(path, options);

    const std::size_t gene = table.require_column({"Hugo_Symbol"});
    const auto protein_short = table.column({"HGVSp_Short", "Protein_Change", "amino_acid_change"});
    const auto protein_long = table.column({"HGVSp"});
    const auto barcode = table.column({"Tumor_Sample_Barcode"});
    const auto build = table.column({"NCBI_Build"});
    const auto chrom = table.column({"Chromosome"});
    const auto start = table.column({"Start_Position", "Start_position"});
    const auto ref = table.column({"Reference_Allele"});
    const auto alt2 = table.column({"Tumor_Seq_Allele2"});
    const auto alt1 = table.column({"Tumor_Seq_Allele1"});
    if (!protein_short && !protein_long && !(chrom && start && ref && (alt2 || alt1))) {
        throw Error(ErrorKind::input, path + ":" + std::to_string(table.header_line()),
                    "the MAF has neither a protein-change column (HGVSp_Short, Protein_Change or HGVSp) nor "
                    "genomic coordinates (Chromosome, Start_Position, Reference_Allele, Tumor_Seq_Allele2)",
                    "annotate the MAF (e.g. with vcf2maf) or give the VCF with --vcf");
    }
    const auto classification = table.column({"Variant_Classification"});
    const auto transcript = table.column({"Transcript_ID", "Annotation_Transcript", "Feature"});
    const auto alt_count = table.column({"t_alt_count"});
    const auto ref_count = table.column({"t_ref_count"});
    const auto depth = table.column({"t_depth"});

    MafData data;
    data.has_protein_column = protein_short.has_value() || protein_long.has_value();
    data.data_rows = static_cast<std::int64_t>(table.rows().size());
    // Sample choice.
    std::vector<std::string> samples;
    if (barcode) {
        std::set<std::string> seen;
        for (const auto& row : table.rows()) {
            const std::string name(str::trim(Table::field(row, *barcode)));
            if (!name.empty() && seen.insert(name).second) {
                samples.push_back(name);
            }
        }
    }
    if (!sample.empty()) {
        if (barcode && std::find(samples.begin(), samples.end(), sample) == samples.end()) {
            throw Error(
                ErrorKind::usage, path,
                "--tumor-sample '" + sample +
                    "' is not a Tumor_Sample_Barcode of this MAF; it has: " + str::join(samples, ", "),
                "pass one of the listed barcodes");
        }
        data.sample = sample;
        data.sample_reason = "given with --tumor-sample";
    } else if (samples.size() > 1) {
        throw Error(
            ErrorKind::usage, path,
            "the MAF holds " + std::to_string(samples.size()) + " samples: " + str::join(samples, ", "),
            "choose one with --tumor-sample BARCODE");
    } else if (samples.size() == 1) {
        data.sample = samples.front();
        data.sample_reason = "the only Tumor_Sample_Barcode in the MAF";
    }

    std::set<Genome> builds;
    for (const auto& row : table.rows()) {
        if (barcode && !data.sample.empty() && str::trim(Table::field(row, *barcode)) != data.sample) {
            ++data.other_sample_rows;
            continue;
        }
        MafRow out;
        out.line = row.line;
        out.gene = std::string(str::trim(Table::field(row, gene)));
        if (build) {
            if (const auto g = parse_genome(Table::field(row, *build))) {
                builds.insert(*g);
            }
        }
        if (protein_short) {
            out.protein = std::string(str::trim(Table::field(row, *protein_short)));
        }
        if (out.protein.empty() && protein_long) {
            out.protein = std::string(str::trim(Table::field(row, *protein_long)));
        }
        if (chrom) {
            out.chrom = str::normalise_chrom(str::trim(Table::field(row, *chrom)));
        }
        if (start) {
            out.start = str::to_int(Table::field(row, *start)).value_or(0);
        }
        if (ref) {
            out.ref = std::string(str::trim(Table::field(row, *ref)));
        }
        if (alt2) {
            out.alt = std::string(str::trim(Table::field(row, *alt2)));
        }
        if ((out.alt.empty() || out.alt == out.ref) && alt1) {
            out.alt = std::string(str::trim(Table::field(row, *alt1)));
        }
        if (classification) {
            out.variant_classification = std::string(str::trim(Table::field(row, *classification)));
        }
        if (transcript) {
            out.transcript = std::string(str::trim(Table::field(row, *transcript)));
        }
        const auto to_count = [&](std::optional<std::size_t> column) -> std::optional<int> {
            if (!column) {
                return std::nullopt;
            }
            const auto value = str::to_int(Table::field(row, *column));
            return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
        };
        out.alt_count = to_count(alt_count);
        out.ref_count = to_count(ref_count);
        out.depth = to_count(depth);
        if (out.gene.empty() || (out.protein.empty() && out.start == 0)) {
            ++data.skipped;
            const std::string message =
                path + ":" + std::to_string(row.line) + ": no gene symbol, protein change or position";
            if (strict) {
                throw Error(ErrorKind::input, path + ":" + std::to_string(row.line),
                            "MAF row has no Hugo_Symbol and no protein change or position",
                            "fix the row or run without --strict to skip it with a warning");
            }
            if (data.skipped_examples.size() < 5) {
                data.skipped_examples.push_back(message);
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
