// SPDX-License-Identifier: Apache-2.0
#include "report/svg_plots.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/strings.hpp"
#include "report/writers.hpp"

namespace precis::report::svg {

namespace {

struct Chromosome {
    std::string_view name;
    std::int64_t grch38_length;
    std::int64_t grch37_length;
};

// Primary assembly lengths (GRCh38.p14 / GRCh37.p13), used only to lay the x axis out.
constexpr std::array<Chromosome, 24> kChromosomes{{
    {"1", 248956422, 249250621},  {"2", 242193529, 243199373},  {"3", 198295559, 198022430},
    {"4", 190214555, 191154276},  {"5", 181538259, 180915260},  {"6", 170805979, 171115067},
    {"7", 159345973, 159138663},  {"8", 145138636, 146364022},  {"9", 138394717, 141213431},
    {"10", 133797422, 135534747}, {"11", 135086622, 135006516}, {"12", 133275309, 133851895},
    {"13", 114364328, 115169878}, {"14", 107043718, 107349540}, {"15", 101991189, 102531392},
    {"16", 90338345, 90354753},   {"17", 83257441, 81195210},   {"18", 80373285, 78077248},
    {"19", 58617616, 59128983},   {"20", 64444167, 63025520},   {"21", 46709983, 48129895},
    {"22", 50818468, 51304566},   {"X", 156040895, 155270560},  {"Y", 57227415, 59373566},
}};

constexpr double kWidth = 1000.0;
constexpr double kLeft = 56.0;
constexpr double kRight = 14.0;
constexpr double kTop = 40.0;
constexpr double kPlotHeight = 220.0;
constexpr double kBottom = 44.0;
constexpr double kHeight = kTop + kPlotHeight + kBottom;

//! Maps (chromosome, position) to an x coordinate along the concatenated genome.
class GenomeAxis {
  public:
    explicit GenomeAxis(Genome genome) {
        std::int64_t offset = 0;
        for (std::size_t i = 0; i < kChromosomes.size(); ++i) {
            offsets_[i] = offset;
            lengths_[i] =
                genome == Genome::GRCh37 ? kChromosomes[i].grch37_length : kChromosomes[i].grch38_length;
            offset += lengths_[i];
        }
        total_ = offset;
    }

    std::optional<std::size_t> index(std::string_view chrom) const {
        if (chrom.size() > 3 && (chrom.substr(0, 3) == "chr" || chrom.substr(0, 3) == "Chr")) {
            chrom.remove_prefix(3);
        }
        for (std::size_t i = 0; i < kChromosomes.size(); ++i) {
            if (kChromosomes[i].name == chrom) {
                return i;
            }
        }
        return std::nullopt;
    }

    double x(std::size_t chrom_index, std::int64_t position) const {
        const std::int64_t clamped = std::clamp<std::int64_t>(position, 0, lengths_[chrom_index]);
        const double fraction =
            static_cast<double>(offsets_[chrom_index] + clamped) / static_cast<double>(total_);
        return kLeft + fraction * (kWidth - kLeft - kRight);
    }

    std::size_t size() const { return kChromosomes.size(); }
    std::int64_t length(std::size_t chrom_index) const { return lengths_[chrom_index]; }

  private:
    std::array<std::int64_t, 24> offsets_{};
    std::array<std::int64_t, 24> lengths_{};
    std::int64_t total_ = 1;
};

std::string num(double value) {
    return str::format_number(value, 1);
}

void open_svg(std::string& out, std::string_view title_id, std::string_view title, std::string_view desc) {
    out += "<svg class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(kWidth) + " " +
           num(kHeight) + "\" role=\"img\" aria-labelledby=\"" + std::string(title_id) + "\">";
    out += "<title id=\"" + std::string(title_id) + "\">" + html_escape(title) + "</title>";
    out += "<desc>" + html_escape(desc) + "</desc>";
}

//! Alternating chromosome bands with their names under the axis.
void chromosome_bands(std::string& out, const GenomeAxis& axis) {
    for (std::size_t i = 0; i < axis.size(); ++i) {
        const double x0 = axis.x(i, 0);
        const double x1 = axis.x(i, axis.length(i));
        out += "<rect x=\"" + num(x0) + "\" y=\"" + num(kTop) + "\" width=\"" + num(x1 - x0) +
               "\" height=\"" + num(kPlotHeight) + "\" class=\"" + (i % 2 == 0 ? "band-a" : "band-b") +
               "\"/>";
        // Small chromosomes share little room: label every one, but shorten the font for 13-22.
        out += "<text x=\"" + num((x0 + x1) / 2) + "\" y=\"" + num(kTop + kPlotHeight + 14) +
               "\" class=\"axis-label\" text-anchor=\"middle\">" + std::string(kChromosomes[i].name) +
               "</text>";
    }
    out += "<text x=\"" + num((kLeft + kWidth - kRight) / 2) + "\" y=\"" + num(kHeight - 8) +
           "\" class=\"axis-title\" text-anchor=\"middle\">Chromosome</text>";
}

void y_axis(std::string& out, double y_max, double step, std::string_view label, int decimals) {
    for (double v = 0; v <= y_max + 1e-9; v += step) {
        const double y = kTop + kPlotHeight - v / y_max * kPlotHeight;
        out += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kWidth - kRight) + "\" y1=\"" + num(y) +
               "\" y2=\"" + num(y) + "\" class=\"grid\"/>";
        out += "<text x=\"" + num(kLeft - 6) + "\" y=\"" + num(y + 4) +
               "\" class=\"axis-label\" text-anchor=\"end\">" + str::format_number(v, decimals) + "</text>";
    }
    out += "<text transform=\"translate(14 " + num(kTop + kPlotHeight / 2) +
           ") rotate(-90)\" class=\"axis-title\" text-anchor=\"middle\">" + html_escape(label) + "</text>";
}

const char* cn_class_css(CopyNumberClass cn_class) {
    switch (cn_class) {
        case CopyNumberClass::amplification:
            return "cn-amp";
        case CopyNumberClass::gain:
            return "cn-gain";
        case CopyNumberClass::neutral:
            return "cn-neutral";
        case CopyNumberClass::loss:
            return "cn-loss";
        case CopyNumberClass::homozygous_deletion:
            return "cn-homdel";
    }
    return "cn-neutral";
}

const char* cn_class_label(CopyNumberClass cn_class) {
    switch (cn_class) {
        case CopyNumberClass::amplification:
            return "amplification";
        case CopyNumberClass::gain:
            return "gain";
        case CopyNumberClass::neutral:
            return "neutral";
        case CopyNumberClass::loss:
            return "loss";
        case CopyNumberClass::homozygous_deletion:
            return "homozygous deletion";
    }
    return "neutral";
}

std::string locus(const std::string& chrom, std::int64_t start, std::int64_t end) {
    std::string text = chrom + ":" + std::to_string(start);
    if (end > start) {
        text += "-" + std::to_string(end);
    }
    return text;
}

}  // namespace

std::string copy_number_plot(const std::vector<CopyNumberCall>& segments, Genome genome) {
    const GenomeAxis axis(genome);
    struct Point {
        const CopyNumberCall* call;
        std::size_t chrom;
        double copy_number;
    };
    std::vector<Point> points;
    double highest = 0.0;
    for (const auto& call : segments) {
        const auto chrom = axis.index(call.chrom);
        std::optional<double> cn = call.copy_number;
        if (!cn && call.log2) {
            cn = 2.0 * std::pow(2.0, *call.log2);  // display only: log2 ratio against a diploid baseline
        }
        if (!chrom || !cn || !std::isfinite(*cn)) {
            continue;
        }
        points.push_back({&call, *chrom, *cn});
        highest = std::max(highest, *cn);
    }
    if (points.empty()) {
        return {};
    }
    constexpr double kCap = 16.0;
    const double y_max = std::min(kCap, std::max(6.0, 2.0 * std::ceil((highest + 1.0) / 2.0)));
    const double step = y_max > 8 ? 4.0 : 2.0;

    std::string out;
    open_svg(out, "cn-plot-title", "Genome-wide copy number",
             "Absolute copy number of each segment along the genome; the dashed line marks 2 copies.");
    chromosome_bands(out, axis);
    y_axis(out, y_max, step, "Copy number", 0);
    const double diploid_y = kTop + kPlotHeight - 2.0 / y_max * kPlotHeight;
    out += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kWidth - kRight) + "\" y1=\"" + num(diploid_y) +
           "\" y2=\"" + num(diploid_y) + "\" class=\"ref-line\"/>";

    int label_row = 0;
    for (const auto& point : points) {
        const CopyNumberCall& call = *point.call;
        const double x0 = axis.x(point.chrom, call.start);
        const double x1 = std::max(axis.x(point.chrom, call.end), x0 + 5.0);  // focal segments stay visible
        const bool capped = point.copy_number > y_max;
        const double shown = std::min(point.copy_number, y_max);
        const double y = kTop + kPlotHeight - shown / y_max * kPlotHeight;
        std::string title = call.gene.empty() ? std::string() : call.gene + " ";
        title += std::string(cn_class_label(call.cn_class)) + ", copy number " +
                 str::format_number(point.copy_number, 2) + " (" + locus(call.chrom, call.start, call.end) +
                 ")";
        out += "<g><title>" + html_escape(title) + "</title>";
        out += "<line x1=\"" + num(x0) + "\" x2=\"" + num(x1) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) +
               "\" class=\"seg " + cn_class_css(call.cn_class) + "\"/>";
        const bool labelled = !call.gene.empty() && call.cn_class != CopyNumberClass::neutral;
        if (labelled || capped) {
            const double label_y = std::max(kTop - 4.0, y - 8.0 - 11.0 * (label_row % 2));
            ++label_row;
            std::string label = call.gene;
            if (capped) {
                label +=
                    " \xE2\x96\xB2 " + str::format_number(point.copy_number, 1);  // ▲ value above the axis
            } else {
                label += " " + str::format_number(point.copy_number, 1);
            }
            out += "<text x=\"" + num((x0 + x1) / 2) + "\" y=\"" + num(label_y) +
                   "\" class=\"seg-label\" text-anchor=\"middle\">" + html_escape(label) + "</text>";
        }
        out += "</g>";
    }
    // Legend: class names as text beside each swatch (never colour alone).
    double legend_x = kLeft;
    for (const auto cls : {CopyNumberClass::amplification, CopyNumberClass::gain, CopyNumberClass::neutral,
                           CopyNumberClass::loss, CopyNumberClass::homozygous_deletion}) {
        out += "<line x1=\"" + num(legend_x) + "\" x2=\"" + num(legend_x + 18) +
               "\" y1=\"14\" y2=\"14\" class=\"seg " + cn_class_css(cls) + "\"/>";
        out += "<text x=\"" + num(legend_x + 22) + "\" y=\"18\" class=\"legend\">" + cn_class_label(cls) +
               "</text>";
        legend_x += 22 + 8.0 * static_cast<double>(std::string_view(cn_class_label(cls)).size()) + 20;
    }
    out += "</svg>";
    return out;
}

std::string vaf_plot(const std::vector<SmallVariant>& variants, Genome genome) {
    const GenomeAxis axis(genome);
    struct Point {
        const SmallVariant* variant;
        std::size_t chrom;
    };
    std::vector<Point> points;
    for (const auto& variant : variants) {
        const auto chrom = axis.index(variant.chrom);
        if (!chrom || !variant.vaf || !std::isfinite(*variant.vaf)) {
            continue;
        }
        points.push_back({&variant, *chrom});
    }
    if (points.empty()) {
        return {};
    }
    std::string out;
    open_svg(out, "vaf-plot-title", "Variant allele fraction along the genome",
             "Each point is one small variant; height is its variant allele fraction (0 to 1).");
    chromosome_bands(out, axis);
    y_axis(out, 1.0, 0.25, "VAF", 2);
    const bool label_all = points.size() <= 40;
    int label_row = 0;
    for (const auto& point : points) {
        const SmallVariant& v = *point.variant;
        const double x = axis.x(point.chrom, v.pos);
        const double vaf = std::clamp(*v.vaf, 0.0, 1.0);
        const double y = kTop + kPlotHeight - vaf * kPlotHeight;
        std::string name = v.gene;
        if (!v.protein_change.empty()) {
            name += (name.empty() ? "" : " ") + v.protein_change;
        }
        std::string title = name.empty() ? std::string() : name + ": ";
        title += "VAF " + str::format_number(*v.vaf, 3);
        if (v.depth) {
            title += ", depth " + std::to_string(*v.depth);
        }
        title += " (" + v.chrom + ":" + std::to_string(v.pos) + " " + v.ref + ">" + v.alt + ")";
        out += "<g><title>" + html_escape(title) + "</title>";
        out += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"4.5\" class=\"dot\"/>";
        if (label_all && !name.empty()) {
            const double label_y = std::max(kTop + 8.0, y - 8.0 - 11.0 * (label_row % 2));
            ++label_row;
            out += "<text x=\"" + num(x + 6) + "\" y=\"" + num(label_y) + "\" class=\"seg-label\">" +
                   html_escape(name) + "</text>";
        }
        out += "</g>";
    }
    out += "</svg>";
    return out;
}

}  // namespace precis::report::svg
