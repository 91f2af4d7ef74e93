// SPDX-License-Identifier: Apache-2.0
#include "io/vcf_numbers.hpp"

#include <algorithm>
#include <cstring>

#include "common/limits.hpp"
#include "common/strings.hpp"

namespace precis::io {
namespace {

//! "" when every read count in values[from, to) is missing or in 0..limits::kMaxReads (and their sum
//! too, for AD); else what is wrong.
std::string count_problem(const int32_t* values, int from, int to, const std::string& tag, bool check_sum) {
    std::int64_t sum = 0;
    for (int i = from; i < to; ++i) {
        const int32_t v = values[i];
        if (v == bcf_int32_missing || v == bcf_int32_vector_end) {
            continue;
        }
        if (v < 0 || v > limits::kMaxReads) {
            return tag + " " + std::to_string(v) + " is not a read count in 0.." +
                   std::to_string(limits::kMaxReads);
        }
        sum += v;
    }
    if (check_sum && sum > limits::kMaxReads) {
        return tag + " adds up to " + std::to_string(sum) + ", more than " +
               std::to_string(limits::kMaxReads) + " reads";
    }
    return {};
}

//! "" when every allele fraction in values[from, to) is missing or a finite number in [0, 1].
std::string fraction_problem(const float* values, int from, int to, const char* tag) {
    for (int i = from; i < to; ++i) {
        const float v = values[i];
        if (bcf_float_is_missing(v) || bcf_float_is_vector_end(v)) {
            continue;
        }
        if (!limits::kVaf.contains(v)) {
            return std::string(tag) + " " + str::format_significant(static_cast<double>(v)) +
                   " is not an allele fraction in " + limits::kVaf.text();
        }
    }
    return {};
}

}  // namespace

std::string_view vcf_pos_field(const kstring_t& line) {
    constexpr std::string_view kEnds("\t\0", 2);
    const std::string_view text(line.s != nullptr ? line.s : "", line.s != nullptr ? line.l : 0);
    const std::size_t start = text.find_first_of(kEnds);
    if (start == std::string_view::npos) {
        return {};
    }
    const std::size_t end = text.find_first_of(kEnds, start + 1);
    return text.substr(start + 1, (end == std::string_view::npos ? text.size() : end) - start - 1);
}

std::int64_t vcf_max_position(const bcf_hdr_t* header, int rid) {
    if (header != nullptr && rid >= 0 && rid < header->n[BCF_DT_CTG]) {
        const bcf_idpair_t& pair = header->id[BCF_DT_CTG][rid];
        if (pair.val != nullptr && pair.val->info[0] > 0) {
            return std::min<std::int64_t>(static_cast<std::int64_t>(pair.val->info[0]), limits::kMaxPosition);
        }
    }
    return limits::kMaxPosition;
}

std::string vcf_position_problem(const bcf_hdr_t* header, const bcf1_t* record, std::string_view pos_text) {
    if (!pos_text.empty() && !str::to_bounded_int(pos_text, 1, limits::kMaxPosition)) {
        return "POS '" + std::string(pos_text.substr(0, 24)) + "' is not a whole number in 1.." +
               std::to_string(limits::kMaxPosition);
    }
    const std::int64_t max = vcf_max_position(header, record->rid);
    if (record->pos < 0 || record->pos + 1 > max) {
        return "POS " + std::to_string(record->pos + 1) + " is not a position on the contig (1.." +
               std::to_string(max) + ")";
    }
    if (record->rlen < 0 || record->rlen > limits::kMaxPosition) {
        return "the record's length (REF or INFO/END) " + std::to_string(record->rlen) + " is out of range";
    }
    return {};
}

std::string vcf_number_problem(bcf_hdr_t* hdr, bcf1_t* record, int tumor_index, int32_t** ints, int* n_ints,
                               float** floats, int* n_floats) {
    const int n_samples = bcf_hdr_nsamples(hdr);
    if (tumor_index >= 0 && n_samples > 0) {
        for (const char* tag : {"DP", "AD", "TAR", "TIR", "AU", "CU", "GU", "TU"}) {
            const int n = bcf_get_format_int32(hdr, record, tag, ints, n_ints);
            const int per = n > 0 ? n / n_samples : 0;
            std::string problem = count_problem(*ints, tumor_index * per, (tumor_index + 1) * per,
                                                std::string("FORMAT/") + tag, std::strcmp(tag, "AD") == 0);
            if (!problem.empty()) {
                return problem;
            }
        }
        const int n = bcf_get_format_float(hdr, record, "AF", floats, n_floats);
        const int per = n > 0 ? n / n_samples : 0;
        if (std::string problem =
                fraction_problem(*floats, tumor_index * per, (tumor_index + 1) * per, "FORMAT/AF");
            !problem.empty()) {
            return problem;
        }
    }
    const int n_tvaf = bcf_get_info_float(hdr, record, "TVAF", floats, n_floats);
    if (std::string problem = fraction_problem(*floats, 0, std::max(n_tvaf, 0), "INFO/TVAF");
        !problem.empty()) {
        return problem;
    }
    const int n_tdp = bcf_get_info_int32(hdr, record, "TDP", ints, n_ints);
    return count_problem(*ints, 0, std::max(n_tdp, 0), "INFO/TDP", false);
}

}  // namespace precis::io
