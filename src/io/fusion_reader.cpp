// SPDX-License-Identifier: Apache-2.0
#include "io/fusion_reader.hpp"

#include <algorithm>
#include <optional>

#include <spdlog/spdlog.h>

#include "common/error.hpp"
#include "common/limits.hpp"
#include "common/strings.hpp"
#include "io/bed_reader.hpp"
#include "io/table_reader.hpp"

namespace precis::io {
namespace {

//! An empty, ".", "NA" or "-" cell: no value given.
bool no_value(std::string_view text) {
    text = str::trim(text);
    return text.empty() || text == "." || text == "NA" || text == "-";
}

//! Both counts added (each at most limits::kMaxReads, so the sum fits an int); nullopt when neither is given.
std::optional<int> add(std::optional<int> a, std::optional<int> b) {
    if (!a && !b) {
        return std::nullopt;
    }
    return a.value_or(0) + b.value_or(0);
}

//! The flag reasons (one per kind, so that rows are counted together; the warning names the first line).
std::string bad_count_reason() {
    return "a read count is not a whole number in 0.." + std::to_string(limits::kMaxReads) +
           " (e.g. 1e20, inf or NaN): the row's read support is read as not given, so the fusion is kept and "
           "no read-support filter applies to it";
}
std::string bad_breakpoint_reason() {
    return "a breakpoint is not chrom:pos with pos in 1.." + std::to_string(limits::kMaxPosition) +
           ": the breakpoint is read as not given (the fusion is kept; kinase-domain retention is not "
           "checked)";
}

//! Arriba names the closest genes of an intergenic breakpoint "GENEA(1234),GENEB(5678)": no gene.
std::string arriba_gene(std::string_view text) {
    text = str::trim(text);
    if (text == "." || text.find('(') != std::string_view::npos) {
        return {};
    }
    return std::string(text);
}

//! STAR-Fusion gene cells are "SYMBOL^ENSG...".
std::string star_gene(std::string_view text) {
    text = str::trim(text);
    const std::size_t caret = text.find('^');
    return std::string(caret == std::string_view::npos ? text : text.substr(0, caret));
}

std::string clean_gene(std::string_view text) {
    text = str::trim(text);
    if (text == "." || text == "NA" || text == "-" || str::iequals(text, "intergenic")) {
        return {};
    }
    return std::string(text);
}

class Reader {
  public:
    Reader(const InputName& file, const FusionReadOptions& options, FusionData& data)
        : shown_(file.shown), options_(options), data_(data), skipped_(file, options.strict) {}

    //! Applies the read-support threshold and stores the fusion.
    void keep(Fusion fusion, std::int64_t line) {
        settle_counts(fusion, line);
        if (fusion.gene5.empty() && fusion.gene3.empty()) {
            skipped_.skip(line, "no gene named on either side");
            return;
        }
        const bool counted = fusion.split_reads || fusion.spanning_reads;
        const std::int64_t reads =
            std::int64_t{fusion.split_reads.value_or(0)} + std::int64_t{fusion.spanning_reads.value_or(0)};
        if (counted && reads < options_.min_reads) {
            skipped_.skip(line,
                          "read support below " + std::to_string(options_.min_reads) + " (split + spanning)",
                          "lower --min-fusion-reads if these fusions should be kept");
            return;
        }
        fusion.where = Where{shown_, line, fusion.gene5 + "--" + fusion.gene3};
        data_.fusions.push_back(std::move(fusion));
    }
    void note(std::int64_t line, const std::string& reason) { skipped_.note(line, reason); }

    //! A read count: a whole number in 0..limits::kMaxReads ("12" or "12.0"); nullopt when the cell is
    //! empty, or when it holds anything else, which marks the row's support as unusable (flagged).
    std::optional<int> count(const Table::Row& row, std::optional<std::size_t> column) {
        const std::string_view text = column ? Table::field(row, *column) : std::string_view();
        if (no_value(text)) {
            return std::nullopt;
        }
        const auto value = str::to_whole_number(text, 0, limits::kMaxReads);
        if (!value) {
            bad_count_ = true;
            return std::nullopt;
        }
        return static_cast<int>(*value);
    }

    //! A "chr:pos[:strand]" breakpoint; a malformed one is flagged and read as not given.
    std::optional<Breakpoint> breakpoint(const Table::Row& row, std::size_t column) {
        return breakpoint_text(row.line, Table::field(row, column));
    }
    std::optional<Breakpoint> breakpoint_text(std::int64_t line, std::string_view text) {
        auto parsed = parse_breakpoint(text);
        if (!parsed && !no_value(text)) {
            skipped_.flag(line, bad_breakpoint_reason());
        }
        return parsed;
    }

    //! Drops the read counts of a row with an unusable one (see count()), with a flagged warning and a
    //! caveat on the fusion: its support is unknown rather than low.
    void settle_counts(Fusion& fusion, std::int64_t line) {
        if (!bad_count_) {
            return;
        }
        bad_count_ = false;
        fusion.split_reads.reset();
        fusion.spanning_reads.reset();
        fusion.support_note = "A read count of this call is not a whole number in 0.." +
                              std::to_string(limits::kMaxReads) +
                              ": its read support is unknown (not filtered); check the caller's output.";
        skipped_.flag(line, bad_count_reason());
    }
    void finish() {
        skipped_.flush(data_.warnings);
        data_.skipped = skipped_.counts();
    }

  private:
    std::string shown_;  //!< the file as recorded in the report
    const FusionReadOptions& options_;
    FusionData& data_;
    SkippedRows skipped_;
    bool bad_count_ = false;  //!< the current row has an unusable read count
};

void read_arriba(const Table& table, Reader& reader, FusionData& data) {
    const std::size_t gene1 = table.require_column({"gene1"});
    const std::size_t gene2 = table.require_column({"gene2"});
    const auto strand1 = table.column({"strand1(gene/fusion)"});
    const auto strand2 = table.column({"strand2(gene/fusion)"});
    const auto bp1 = table.column({"breakpoint1"});
    const auto bp2 = table.column({"breakpoint2"});
    const auto split1 = table.column({"split_reads1"});
    const auto split2 = table.column({"split_reads2"});
    const auto discordant = table.column({"discordant_mates"});
    const auto frame = table.column({"reading_frame"});
    const auto confidence = table.column({"confidence"});
    data.detail = "Arriba fusions.tsv (" + std::to_string(table.header().size()) + " columns)";
    for (const auto& row : table.rows()) {
        Fusion fusion;
        fusion.caller = "arriba";
        fusion.gene5 = arriba_gene(Table::field(row, gene1));
        fusion.gene3 = arriba_gene(Table::field(row, gene2));
        const auto strand_of = [&](std::optional<std::size_t> column) {
            const std::string_view text = column ? Table::field(row, *column) : std::string_view();
            return (!text.empty() && (text[0] == '+' || text[0] == '-')) ? text[0] : '.';
        };
        if (bp1) {
            fusion.breakpoint5 = reader.breakpoint(row, *bp1);
            if (fusion.breakpoint5) {
                fusion.breakpoint5->strand = strand_of(strand1);
            }
        }
        if (bp2) {
            fusion.breakpoint3 = reader.breakpoint(row, *bp2);
            if (fusion.breakpoint3) {
                fusion.breakpoint3->strand = strand_of(strand2);
            }
        }
        fusion.split_reads = add(reader.count(row, split1), reader.count(row, split2));
        fusion.spanning_reads = reader.count(row, discordant);
        if (frame) {
            const std::string_view text = str::trim(Table::field(row, *frame));
            fusion.frame = text == "." ? "" : std::string(text);
        }
        fusion.orientation_note = "gene1 is the 5' partner (Arriba)";
        if (confidence) {
            fusion.orientation_note +=
                "; confidence " + std::string(str::trim(Table::field(row, *confidence)));
        }
        reader.keep(std::move(fusion), row.line);
    }
}

void read_star_fusion(const Table& table, Reader& reader, FusionData& data) {
    const std::size_t left = table.require_column({"LeftGene"});
    const std::size_t right = table.require_column({"RightGene"});
    const auto name = table.column({"FusionName"});
    const auto left_bp = table.column({"LeftBreakpoint"});
    const auto right_bp = table.column({"RightBreakpoint"});
    const auto junction = table.column({"JunctionReadCount", "JunctionReads"});
    const auto spanning = table.column({"SpanningFragCount", "SpanningFrags"});
    const auto frame = table.column({"PROT_FUSION_TYPE"});
    data.detail = "STAR-Fusion (" + std::to_string(table.header().size()) + " columns)";
    for (const auto& row : table.rows()) {
        Fusion fusion;
        fusion.caller = "star-fusion";
        fusion.gene5 = star_gene(Table::field(row, left));
        fusion.gene3 = star_gene(Table::field(row, right));
        if (name) {
            const auto [named5, named3] = split_fusion_name(Table::field(row, *name));
            if (!str::iequals(named5, fusion.gene5) || !str::iequals(named3, fusion.gene3)) {
                data.warnings.push_back(table.name().shown + ":" + std::to_string(row.line) +
                                        ": FusionName '" + std::string(str::trim(Table::field(row, *name))) +
                                        "' disagrees with LeftGene/RightGene (" + fusion.gene5 + ", " +
                                        fusion.gene3 + "); the gene columns were used");
            }
        }
        if (left_bp) {
            fusion.breakpoint5 = reader.breakpoint(row, *left_bp);
        }
        if (right_bp) {
            fusion.breakpoint3 = reader.breakpoint(row, *right_bp);
        }
        fusion.split_reads = reader.count(row, junction);
        fusion.spanning_reads = reader.count(row, spanning);
        if (frame) {
            fusion.frame = std::string(str::trim(Table::field(row, *frame)));
        }
        fusion.orientation_note = "LeftGene is the 5' partner (STAR-Fusion)";
        reader.keep(std::move(fusion), row.line);
    }
}

//! A cBioPortal SV site (Site1_Chromosome + Site1_Position) as a breakpoint.
std::optional<Breakpoint> site(const Table::Row& row, std::size_t chrom_column, std::size_t pos_column,
                               Reader& reader) {
    const std::string chrom = str::normalise_chrom(str::trim(Table::field(row, chrom_column)));
    const std::string_view pos = Table::field(row, pos_column);
    if (chrom.empty() || no_value(pos)) {
        return std::nullopt;
    }
    return reader.breakpoint_text(row.line, chrom + ":" + std::string(str::trim(pos)));
}

void read_table(const Table& table, const FusionReadOptions& options, Reader& reader, FusionData& data) {
    const bool linx =
        table.column({"fivePrimeBreakendId"}).has_value() && table.column({"geneStart"}).has_value();
    std::optional<std::size_t> gene_a;
    std::optional<std::size_t> gene_b;
    if (linx) {
        gene_a = table.column({"geneStart"});
        gene_b = table.column({"geneEnd"});
        data.detail = "LINX fusion table (geneStart = 5', geneEnd = 3')";
    } else {
        gene_a = table.column({"Site1_Hugo_Symbol", "GeneA", "Gene_A", "gene5", "5'gene", "5_prime_gene",
                               "Gene1", "FivePrimeGene", "LeftGene"});
        gene_b = table.column({"Site2_Hugo_Symbol", "GeneB", "Gene_B", "gene3", "3'gene", "3_prime_gene",
                               "Gene2", "ThreePrimeGene", "RightGene"});
    }
    const auto name =
        table.column({"FusionGene", "Fusion", "FusionName", "fusion_name", "Fusion_Name", "fusion"});
    if (!(gene_a && gene_b) && !name) {
        throw Error(
            ErrorKind::input, table.name().given + ":" + std::to_string(table.header_line()),
            "a fusion table needs a fusion-name column (FusionGene, Fusion, FusionName) or two gene columns "
            "(GeneA/GeneB, Site1_Hugo_Symbol/Site2_Hugo_Symbol); the header has: " +
                str::join(table.header(), ", "),
            "known fusion formats: " + str::join(fusion_formats(), ", "));
    }
    if (data.detail.empty()) {
        data.detail = (gene_a && gene_b)
                          ? "fusion table (" + table.header()[*gene_a] + "/" + table.header()[*gene_b] + ")"
                          : "fusion table (" + table.header()[*name] + ")";
    }
    const auto left_bp = table.column({"LeftBreakpoint", "Breakpoint1", "breakpoint5"});
    const auto right_bp = table.column({"RightBreakpoint", "Breakpoint2", "breakpoint3"});
    const auto chrom1 = table.column({"Site1_Chromosome"});
    const auto pos1 = table.column({"Site1_Position"});
    const auto chrom2 = table.column({"Site2_Chromosome"});
    const auto pos2 = table.column({"Site2_Position"});
    const auto split = table.column(
        {"SplitReads", "JunctionReads", "JunctionReadCount", "split_reads", "Tumor_Split_Read_Count"});
    const auto spanning = table.column({"SpanningReads", "SpanningFragCount", "spanning_reads",
                                        "DiscordantReads", "Tumor_Paired_End_Read_Count"});
    const auto reported = linx ? table.column({"reported"}) : std::nullopt;
    const auto phased = linx ? table.column({"phased"}) : std::nullopt;
    const auto sample = table.column({"Tumor_Sample_Barcode", "Sample_Id", "sample", "sample_id"});
    std::string chosen_sample;
    if (sample) {
        const std::vector<std::string> samples = table.distinct(*sample);
        if (!options.sample_id.empty()) {
            if (std::find(samples.begin(), samples.end(), options.sample_id) == samples.end()) {
                throw Error(ErrorKind::usage, table.name().given,
                            "sample '" + options.sample_id +
                                "' is not in the table; it has: " + str::join_limited(samples, ", "),
                            "give one of the sample names listed");
            }
            chosen_sample = options.sample_id;
        } else if (samples.size() > 1) {
            throw Error(ErrorKind::usage, table.name().given,
                        "the fusion table holds " + std::to_string(samples.size()) +
                            " samples: " + str::join_limited(samples, ", "),
                        "name the sample to use (--sample)");
        } else if (!samples.empty()) {
            chosen_sample = samples.front();
        }
    }
    std::int64_t not_reported = 0;
    for (const auto& row : table.rows()) {
        if (sample && str::trim(Table::field(row, *sample)) != chosen_sample) {
            reader.note(row.line, "row of another sample");
            continue;
        }
        if (reported && str::iequals(str::trim(Table::field(row, *reported)), "false")) {
            ++not_reported;
            reader.note(row.line, "not reported by the caller (reported=false)");
            continue;
        }
        Fusion fusion;
        fusion.caller = linx ? "linx" : "table";
        if (gene_a && gene_b) {
            fusion.gene5 = clean_gene(Table::field(row, *gene_a));
            fusion.gene3 = clean_gene(Table::field(row, *gene_b));
        } else {
            std::tie(fusion.gene5, fusion.gene3) = split_fusion_name(Table::field(row, *name));
        }
        if (left_bp && right_bp) {
            fusion.breakpoint5 = reader.breakpoint(row, *left_bp);
            fusion.breakpoint3 = reader.breakpoint(row, *right_bp);
        } else if (chrom1 && pos1 && chrom2 && pos2) {
            fusion.breakpoint5 = site(row, *chrom1, *pos1, reader);
            fusion.breakpoint3 = site(row, *chrom2, *pos2, reader);
        }
        fusion.split_reads = reader.count(row, split);
        fusion.spanning_reads = reader.count(row, spanning);
        if (phased) {
            fusion.frame = std::string(str::trim(Table::field(row, *phased)));
        }
        fusion.orientation_note = linx ? "geneStart is the 5' partner (LINX)"
                                       : "5'/3' order as written in the table (not verified by the file)";
        reader.keep(std::move(fusion), row.line);
    }
    if (not_reported > 0) {
        data.warnings.push_back(table.name().shown + ": " + std::to_string(not_reported) +
                                " LINX fusion(s) not reported by LINX (reported=false) were ignored");
    }
}

}  // namespace

const std::vector<std::string>& fusion_formats() {
    static const std::vector<std::string> formats = {"arriba", "star-fusion", "table"};
    return formats;
}

std::optional<Breakpoint> parse_breakpoint(std::string_view text) {
    text = str::trim(text);
    const std::vector<std::string_view> parts = str::split(text, ':');
    if (parts.size() < 2) {
        return std::nullopt;
    }
    const auto position = str::to_bounded_int(parts[1], 1, limits::kMaxPosition);
    if (!position || parts[0].empty()) {
        return std::nullopt;
    }
    Breakpoint breakpoint{str::normalise_chrom(parts[0]), *position, '.'};
    if (parts.size() >= 3 && (parts[2] == "+" || parts[2] == "-")) {
        breakpoint.strand = parts[2][0];
    }
    return breakpoint;
}

std::pair<std::string, std::string> split_fusion_name(std::string_view name) {
    name = str::trim(name);
    if (str::ends_with(str::lower(name), " fusion")) {
        name.remove_suffix(7);
        name = str::trim(name);
    }
    const auto split_at = [&](std::size_t at, std::size_t width) {
        return std::make_pair(std::string(str::trim(name.substr(0, at))),
                              std::string(str::trim(name.substr(at + width))));
    };
    std::pair<std::string, std::string> parts;
    if (const auto at = name.find("--"); at != std::string_view::npos) {
        parts = split_at(at, 2);
    } else if (const auto colons = name.find("::"); colons != std::string_view::npos) {
        parts = split_at(colons, 2);
    } else if (const auto slash = name.find('/'); slash != std::string_view::npos) {
        parts = split_at(slash, 1);
    } else if (const auto hyphen = name.find('-'); hyphen != std::string_view::npos) {
        parts = split_at(hyphen, 1);
    } else {
        parts = {std::string(name), std::string()};
    }
    if (str::iequals(parts.second, "intragenic")) {
        parts.second = parts.first;
    }
    return parts;
}

FusionData read_fusions(const InputName& file, const FusionReadOptions& options) {
    std::string format = str::lower(options.format);
    if (format.empty()) {
        format = "auto";
    }
    if (format != "auto" &&
        std::find(fusion_formats().begin(), fusion_formats().end(), format) == fusion_formats().end()) {
        throw Error(ErrorKind::usage, "--fusion-format " + options.format, "unknown fusion format",
                    "use auto or one of: " + str::join(fusion_formats(), ", "));
    }
    Table::Options table_options;
    table_options.delimiter = 0;
    const Table table = Table::read(file, table_options);
    if (format == "auto") {
        if (table.column({"gene1"}) && table.column({"gene2"}) && table.column({"breakpoint1"})) {
            format = "arriba";
        } else if (table.column({"LeftGene"}) && table.column({"RightGene"}) &&
                   table.column({"FusionName"})) {
            format = "star-fusion";
        } else {
            format = "table";
        }
        spdlog::info("{}: fusion format detected as {}", file.given, format);
    }
    FusionData data;
    data.format = format;
    data.rows = static_cast<std::int64_t>(table.rows().size());
    Reader reader(file, options, data);
    if (format == "arriba") {
        read_arriba(table, reader, data);
    } else if (format == "star-fusion") {
        read_star_fusion(table, reader, data);
    } else {
        read_table(table, options, reader, data);
    }
    reader.finish();
    return data;
}

}  // namespace precis::io
