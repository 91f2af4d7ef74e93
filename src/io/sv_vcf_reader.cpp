// SPDX-License-Identifier: Apache-2.0
#include "io/sv_vcf_reader.hpp"

#include <cmath>
#include <cstring>
#include <set>

#include "common/error.hpp"
#include "common/limits.hpp"
#include "common/strings.hpp"
#include "io/bed_reader.hpp"
#include "io/hts_handles.hpp"
#include "io/vcf_numbers.hpp"
#include "io/vcf_record_check.hpp"
#include "io/vcf_sample.hpp"

namespace precis::io {
namespace {

//! An opened VCF: file, header and one reusable record, created together or not at all.
class VcfFile {
  public:
    //! Opens file.open; errors name file.given.
    explicit VcfFile(const InputName& file) : path_(file.given) {
        file_.reset(hts_open(file.open.c_str(), "r"));
        if (!file_) {
            throw Error(ErrorKind::input, path_, "cannot open the file as VCF/BCF",
                        "check the path and permissions");
        }
        header_.reset(bcf_hdr_read(file_.get()));
        if (!header_) {
            throw Error(ErrorKind::input, path_,
                        "no valid VCF header (##fileformat and #CHROM lines expected)",
                        "check that this is a VCF file");
        }
        record_.reset(bcf_init());
        if (!record_) {
            throw Error(ErrorKind::internal, path_, "out of memory allocating a VCF record");
        }
        is_bcf_ = hts_get_format(file_.get())->format == bcf;
    }

    //! Next record, unpacked; false at end of file. Throws on a read error and on a record that htslib
    //! could not parse (check_record); a record naming an undefined contig or tag is kept and counted.
    bool next() {
        const int status = bcf_read(file_.get(), header_.get(), record_.get());
        if (status == -1) {
            return false;
        }
        ++ordinal_;
        if (status < -1) {
            throw Error(ErrorKind::input, where(),
                        "htslib could not read the record (truncated or corrupt file)", "check the file");
        }
        const RecordCheck check = check_record(*record_);
        if (check.unusable()) {
            throw Error(ErrorKind::input, where(), check.problem(), "check the file");
        }
        if (bcf_unpack(record_.get(), BCF_UN_ALL) < 0) {
            throw Error(ErrorKind::input, where(), "htslib could not unpack the record", "check the file");
        }
        if (check.undefined_names()) {
            ++undefined_names_;
        }
        return true;
    }

    bcf_hdr_t* header() const { return header_.get(); }
    bcf1_t* record() const { return record_.get(); }
    std::int64_t ordinal() const { return ordinal_; }
    //! Records read so far that name a contig or tag the header does not define (kept).
    std::int64_t undefined_names() const { return undefined_names_; }
    const std::string& path() const { return path_; }

    bool has_info(const char* key) const {
        const int id = bcf_hdr_id2int(header_.get(), BCF_DT_ID, key);
        return id >= 0 && bcf_hdr_idinfo_exists(header_.get(), BCF_HL_INFO, id);
    }
    bool has_format(const char* key) const {
        const int id = bcf_hdr_id2int(header_.get(), BCF_DT_ID, key);
        return id >= 0 && bcf_hdr_idinfo_exists(header_.get(), BCF_HL_FMT, id);
    }
    std::string header_text() const {
        KString text;
        (void)bcf_hdr_format(header_.get(), 0, &text.s);
        return text.s.s != nullptr ? std::string(text.s.s, text.s.l) : std::string();
    }

    //! "" when the current record's POS (as written) and extent are positions on its contig.
    std::string position_problem() const {
        return vcf_position_problem(header_.get(), record_.get(),
                                    is_bcf_ ? std::string_view() : vcf_pos_field(file_->line));
    }

    std::string chrom() const { return str::normalise_chrom(bcf_seqname_safe(header_.get(), record_.get())); }
    std::int64_t pos() const { return record_->pos + 1; }
    std::string id() const { return record_->d.id ? record_->d.id : "."; }
    bool passes() const {
        return record_->d.n_flt == 0 ||
               bcf_has_filter(header_.get(), record_.get(), const_cast<char*>("PASS")) == 1;
    }
    std::string alt() const { return record_->n_allele > 1 ? record_->d.allele[1] : "."; }

    std::optional<std::string> info_string(const char* key) const {
        if (!has_info(key)) {
            return std::nullopt;
        }
        HtsBuffer<char> buffer;
        const int n = bcf_get_info_string(header_.get(), record_.get(), key, &buffer.data, &buffer.capacity);
        if (n <= 0 || buffer.data == nullptr) {
            return std::nullopt;
        }
        return std::string(buffer.data, std::strlen(buffer.data));
    }
    bool info_flag(const char* key) const {
        return has_info(key) && bcf_get_info_flag(header_.get(), record_.get(), key, nullptr, nullptr) == 1;
    }
    std::optional<double> info_number(const char* key) const {
        if (!has_info(key)) {
            return std::nullopt;
        }
        const int id = bcf_hdr_id2int(header_.get(), BCF_DT_ID, key);
        const int type = static_cast<int>(bcf_hdr_id2type(header_.get(), BCF_HL_INFO, id));  // 4-bit code
        if (type == BCF_HT_INT) {
            HtsBuffer<std::int32_t> buffer;
            const int n =
                bcf_get_info_int32(header_.get(), record_.get(), key, &buffer.data, &buffer.capacity);
            if (n > 0 && buffer.data[0] != bcf_int32_missing) {
                return static_cast<double>(buffer.data[0]);
            }
        } else if (type == BCF_HT_REAL) {
            HtsBuffer<float> buffer;
            const int n =
                bcf_get_info_float(header_.get(), record_.get(), key, &buffer.data, &buffer.capacity);
            if (n > 0 && !bcf_float_is_missing(buffer.data[0])) {
                return static_cast<double>(buffer.data[0]);
            }
        }
        return std::nullopt;
    }
    //! Per-sample values of a numeric FORMAT field (`per_sample` values each); empty when absent.
    std::vector<std::vector<double>> format_numbers(const char* key) const {
        std::vector<std::vector<double>> result;
        if (!has_format(key)) {
            return result;
        }
        const int samples = bcf_hdr_nsamples(header_.get());
        if (samples <= 0) {
            return result;
        }
        const int id = bcf_hdr_id2int(header_.get(), BCF_DT_ID, key);
        const int type = static_cast<int>(bcf_hdr_id2type(header_.get(), BCF_HL_FMT, id));  // 4-bit code
        if (type == BCF_HT_INT) {
            HtsBuffer<std::int32_t> buffer;
            const int n =
                bcf_get_format_int32(header_.get(), record_.get(), key, &buffer.data, &buffer.capacity);
            if (n <= 0) {
                return result;
            }
            const int per_sample = n / samples;
            for (int s = 0; s < samples; ++s) {
                std::vector<double> values;
                for (int i = 0; i < per_sample; ++i) {
                    const std::int32_t value = buffer.data[s * per_sample + i];
                    if (value == bcf_int32_vector_end) {
                        break;
                    }
                    values.push_back(value == bcf_int32_missing ? std::nan("") : static_cast<double>(value));
                }
                result.push_back(std::move(values));
            }
        } else if (type == BCF_HT_REAL) {
            HtsBuffer<float> buffer;
            const int n =
                bcf_get_format_float(header_.get(), record_.get(), key, &buffer.data, &buffer.capacity);
            if (n <= 0) {
                return result;
            }
            const int per_sample = n / samples;
            for (int s = 0; s < samples; ++s) {
                std::vector<double> values;
                for (int i = 0; i < per_sample; ++i) {
                    const float value = buffer.data[s * per_sample + i];
                    if (bcf_float_is_vector_end(value)) {
                        break;
                    }
                    values.push_back(bcf_float_is_missing(value) ? std::nan("") : static_cast<double>(value));
                }
                result.push_back(std::move(values));
            }
        }
        return result;
    }
    //! The sample column for `sample_id` (see choose_sample); `otherwise` when none is named.
    SampleChoice sample(const std::string& sample_id, SampleDefault otherwise) const {
        return choose_sample(path_, header_.get(),
                             SampleRequest{sample_id, SampleNamedBy::sample_id, otherwise});
    }

  private:
    std::string where() const { return path_ + ":record " + std::to_string(ordinal_); }

    std::string path_;  //!< as the user gave it (errors)
    HtsFilePtr file_;
    BcfHeaderPtr header_;
    BcfRecordPtr record_;
    std::int64_t ordinal_ = 0;
    std::int64_t undefined_names_ = 0;
    bool is_bcf_ = false;
};

std::string detect_caller(const VcfFile& vcf) {
    const std::string text = vcf.header_text();
    if (text.find("GenerateSVCandidates") != std::string::npos || text.find("Manta") != std::string::npos) {
        return "manta";
    }
    if (vcf.has_info("CT") && vcf.has_info("CHR2")) {
        return "delly";
    }
    if (text.find("GRIDSS") != std::string::npos || text.find("gridss") != std::string::npos ||
        vcf.has_info("BEOR") || vcf.has_info("PURPLE_JCN")) {
        return "gridss";
    }
    return "vcf";
}

//! A read count from a numeric field: nullopt when absent or missing (NaN); `bad` is set, and nullopt
//! returned, when the value is not a whole number in 0..limits::kMaxReads (negative, 1e20, inf).
std::optional<int> as_count(std::optional<double> value, bool& bad) {
    if (!value || std::isnan(*value)) {
        return std::nullopt;
    }
    if (*value < 0 || *value > static_cast<double>(limits::kMaxReads) || *value != std::floor(*value)) {
        bad = true;
        return std::nullopt;
    }
    return static_cast<int>(*value);
}

//! Alt-allele count of a Manta "ref,alt" FORMAT pair for the chosen sample (or the best-supported one).
std::optional<int> manta_alt_count(const std::vector<std::vector<double>>& values, int sample, bool& bad) {
    std::optional<int> best;
    for (std::size_t s = 0; s < values.size(); ++s) {
        if (sample >= 0 && static_cast<int>(s) != sample) {
            continue;
        }
        const auto count = values[s].size() >= 2 ? as_count(values[s][1], bad) : std::nullopt;
        if (count && (!best || *count > *best)) {
            best = count;
        }
    }
    return best;
}

//! Read support of the current record by caller: Manta FORMAT SR/PR, DELLY INFO SR/PE, GRIDSS INFO SF/DF.
//! An unusable count (see as_count) makes the support unknown, flagged: never "low support".
void read_support(const VcfFile& vcf, const std::string& caller, int sample, SvJunction& junction,
                  SkippedRows& skipped) {
    bool bad = false;
    if (caller == "manta") {
        junction.split_reads = manta_alt_count(vcf.format_numbers("SR"), sample, bad);
        junction.spanning_reads = manta_alt_count(vcf.format_numbers("PR"), sample, bad);
    } else if (caller == "delly") {
        junction.split_reads = as_count(vcf.info_number("SR"), bad);
        junction.spanning_reads = as_count(vcf.info_number("PE"), bad);
    } else if (caller == "gridss") {
        junction.split_reads = as_count(vcf.info_number("SF"), bad);
        junction.spanning_reads = as_count(vcf.info_number("DF"), bad);
    }
    if (bad) {
        junction.split_reads.reset();
        junction.spanning_reads.reset();
        junction.support_note = "A read count of this SV record is not a whole number in 0.." +
                                std::to_string(limits::kMaxReads) +
                                ": its read support is unknown (not filtered); check the caller's output.";
        skipped.flag(vcf.ordinal(), "a read count is not a whole number in 0.." +
                                        std::to_string(limits::kMaxReads) +
                                        ": read support unknown, the junction is kept");
    }
}

//! A position given as a number (DELLY INFO/POS2 or END): a whole number in 1..limits::kMaxPosition.
std::optional<std::int64_t> as_position(std::optional<double> value) {
    if (!value || !(*value >= 1.0 && *value <= static_cast<double>(limits::kMaxPosition)) ||
        *value != std::floor(*value)) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(*value);
}

//! DELLY CT -> sides: 3to3 = t]p], 5to5 = [p[t, 3to5 = t[p[, 5to3 = ]p]t.
std::optional<std::pair<Retained, Retained>> sides_from_ct(std::string_view ct) {
    if (ct == "3to3") {
        return std::make_pair(Retained::left, Retained::left);
    }
    if (ct == "5to5") {
        return std::make_pair(Retained::right, Retained::right);
    }
    if (ct == "3to5") {
        return std::make_pair(Retained::left, Retained::right);
    }
    if (ct == "5to3") {
        return std::make_pair(Retained::right, Retained::left);
    }
    return std::nullopt;
}

}  // namespace

std::optional<BreakendAlt> parse_breakend_alt(std::string_view alt) {
    BreakendAlt result;
    if (alt.size() >= 2 && alt.find('[') == std::string_view::npos &&
        alt.find(']') == std::string_view::npos) {
        if (alt.front() == '.') {
            result.single = true;
            result.local = Retained::right;
            return result;
        }
        if (alt.back() == '.') {
            result.single = true;
            result.local = Retained::left;
            return result;
        }
        return std::nullopt;
    }
    const std::size_t open = alt.find_first_of("[]");
    if (open == std::string_view::npos) {
        return std::nullopt;
    }
    const char bracket = alt[open];
    const std::size_t close = alt.find(bracket, open + 1);
    if (close == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view mate = alt.substr(open + 1, close - open - 1);
    const std::size_t colon = mate.rfind(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    const auto pos = str::to_bounded_int(mate.substr(colon + 1), 1, limits::kMaxPosition);
    if (!pos) {
        return std::nullopt;
    }
    result.mate_chrom = str::normalise_chrom(mate.substr(0, colon));
    result.mate_pos = *pos;
    result.mate = bracket == '[' ? Retained::right : Retained::left;
    // Bases before the first bracket: t[p[ / t]p] keep the local left piece.
    result.local = open > 0 ? Retained::left : Retained::right;
    return result;
}

SvVcfData read_sv_vcf(const InputName& file, const std::string& sample_id, bool strict) {
    VcfFile vcf(file);
    SvVcfData data;
    data.caller = detect_caller(vcf);
    const int sample = vcf.sample(sample_id, SampleDefault::none).index;
    SkippedRows skipped(file, strict, "record");
    std::int64_t not_pass = 0;
    std::set<std::string> mates_emitted;  // MATEIDs of records already turned into junctions
    while (vcf.next()) {
        if (!vcf.passes()) {
            ++not_pass;
            skipped.note(vcf.ordinal(), "FILTER is not PASS");
            continue;
        }
        const std::string alt = vcf.alt();
        std::string svtype = vcf.info_string("SVTYPE").value_or("");
        const std::string id = vcf.id();
        if (mates_emitted.count(id) != 0) {
            skipped.note(vcf.ordinal(), "mate record of a breakend pair (read with its mate)");
            continue;
        }
        if (const std::string problem = vcf.position_problem(); !problem.empty()) {
            skipped.skip(vcf.ordinal(), "POS or END is not a position on the contig", problem);
            continue;
        }
        SvJunction junction;
        junction.id = id;
        junction.where =
            Where{file.shown, vcf.ordinal(), vcf.chrom() + ":" + std::to_string(vcf.pos()) + " " + alt};
        junction.first.chrom = vcf.chrom();
        junction.first.pos = vcf.pos();

        if (const auto breakend = parse_breakend_alt(alt)) {
            junction.svtype = "BND";
            junction.first.side = breakend->local;
            if (!breakend->single) {
                junction.second = SvBreakend{breakend->mate_chrom, breakend->mate_pos, breakend->mate};
            }
        } else if (alt.find_first_of("[]") != std::string::npos) {
            skipped.skip(vcf.ordinal(), "breakend ALT whose mate is not chrom:pos with pos in 1.." +
                                            std::to_string(limits::kMaxPosition));
            continue;
        } else if (svtype == "BND" || svtype == "TRA" || alt == "<TRA>" || alt == "<BND>") {
            // DELLY without breakend notation: CHR2 + POS2/END + CT.
            const auto chr2 = vcf.info_string("CHR2");
            const auto pos2 =
                as_position(vcf.info_number("POS2") ? vcf.info_number("POS2") : vcf.info_number("END"));
            const auto sides = sides_from_ct(vcf.info_string("CT").value_or(""));
            if (!chr2 || !pos2 || !sides) {
                skipped.skip(vcf.ordinal(), "translocation without breakend ALT or a valid CHR2/POS2/CT");
                continue;
            }
            junction.svtype = "BND";
            junction.first.side = sides->first;
            junction.second = SvBreakend{str::normalise_chrom(*chr2), *pos2, sides->second};
        } else if (svtype == "DEL" || svtype == "DUP" || svtype == "INV" || str::starts_with(alt, "<DEL") ||
                   str::starts_with(alt, "<DUP") || str::starts_with(alt, "<INV")) {
            if (svtype.empty()) {
                svtype = alt.substr(1, 3);
            }
            const std::int64_t end = vcf.record()->pos + vcf.record()->rlen;  // 1-based END
            junction.svtype = svtype;
            if (svtype == "DEL") {
                junction.first.side = Retained::left;
                junction.second = SvBreakend{junction.first.chrom, end + 1, Retained::right};
            } else if (svtype == "DUP") {
                junction.first = SvBreakend{junction.first.chrom, end, Retained::left};
                junction.second = SvBreakend{junction.first.chrom, vcf.pos() + 1, Retained::right};
            } else {
                // Inversion: CT (DELLY) or INV3/INV5 (Manta) say which junction; otherwise both.
                const std::string ct = vcf.info_string("CT").value_or("");
                const bool inv3 = ct == "3to3" || vcf.info_flag("INV3");
                const bool inv5 = ct == "5to5" || vcf.info_flag("INV5");
                if (inv3 || !inv5) {
                    SvJunction left = junction;
                    left.first.side = Retained::left;
                    left.second = SvBreakend{junction.first.chrom, end, Retained::left};
                    data.junctions.push_back(left);
                }
                if (inv5 || !inv3) {
                    junction.first = SvBreakend{junction.first.chrom, vcf.pos() + 1, Retained::right};
                    junction.second = SvBreakend{junction.first.chrom, end + 1, Retained::right};
                } else {
                    continue;
                }
            }
        } else {
            skipped.note(vcf.ordinal(), "not a junction (insertion, copy number or small variant)");
            continue;
        }

        read_support(vcf, data.caller, sample, junction, skipped);
        if (const auto mate_id = vcf.info_string("MATEID")) {
            mates_emitted.insert(*mate_id);
        }
        data.junctions.push_back(std::move(junction));
    }
    if (not_pass > 0) {
        data.warnings.push_back(file.shown + ": " + std::to_string(not_pass) +
                                " SV records skipped because FILTER is not PASS");
    }
    skipped.flush(data.warnings);
    data.rows = vcf.ordinal();
    data.skipped = skipped.counts();
    data.undefined_names = vcf.undefined_names();
    return data;
}

CnvData read_cnv_vcf(const InputName& file, const std::string& sample_id, bool strict) {
    VcfFile vcf(file);
    CnvData data;
    data.format = "vcf";
    data.detail = "VCF <DEL>/<DUP>/<CNV> records with CN";
    const SampleChoice choice = vcf.sample(sample_id, SampleDefault::first);
    const int sample = choice.index;
    data.sample = choice.name;
    SkippedRows skipped(file, strict, "record");
    while (vcf.next()) {
        const std::string alt = vcf.alt();
        const std::string svtype = vcf.info_string("SVTYPE").value_or("");
        const bool symbolic_cn = str::starts_with(alt, "<DEL") || str::starts_with(alt, "<DUP") ||
                                 str::starts_with(alt, "<CNV") || svtype == "CNV";
        if (!symbolic_cn) {
            skipped.note(vcf.ordinal(), "not a copy-number record (<DEL>/<DUP>/<CNV>)");
            continue;
        }
        if (!vcf.passes()) {
            skipped.skip(vcf.ordinal(), "FILTER is not PASS");
            continue;
        }
        if (const std::string problem = vcf.position_problem(); !problem.empty()) {
            skipped.skip(vcf.ordinal(), "POS or END is not a position on the contig", problem);
            continue;
        }
        std::optional<double> cn;
        const auto format_cn = vcf.format_numbers("CN");
        const std::vector<double>* sample_cn =
            sample >= 0 && static_cast<std::size_t>(sample) < format_cn.size()
                ? &format_cn[static_cast<std::size_t>(sample)]
                : nullptr;
        if (sample_cn != nullptr && !sample_cn->empty() && !std::isnan(sample_cn->front())) {
            cn = sample_cn->front();
        } else {
            cn = vcf.info_number("CN");
        }
        if (!cn || std::isnan(*cn)) {
            skipped.skip(vcf.ordinal(), "copy-number record without a CN value (FORMAT/CN or INFO/CN)");
            continue;
        }
        // A negative CN is not PURPLE's fitting noise here: the record is skipped, never read as 0 copies.
        if (*cn < 0 || !limits::kCopyNumber.contains(*cn)) {
            skipped.skip(vcf.ordinal(), "CN is not a finite number in [0, " +
                                            std::to_string(static_cast<int>(limits::kCopyNumber.max)) + "]");
            continue;
        }
        CnvSegment segment;
        segment.chrom = vcf.chrom();
        segment.start = vcf.pos() + 1;
        segment.end = vcf.record()->pos + vcf.record()->rlen;
        if (segment.end < segment.start) {
            skipped.skip(vcf.ordinal(), "END before POS");
            continue;
        }
        segment.copy_number = cn;
        segment.call = alt;
        segment.line = vcf.ordinal();
        data.segments.push_back(std::move(segment));
    }
    skipped.flush(data.warnings);
    data.rows = vcf.ordinal();
    data.skipped = skipped.counts();
    data.undefined_names = vcf.undefined_names();
    return data;
}

}  // namespace precis::io
