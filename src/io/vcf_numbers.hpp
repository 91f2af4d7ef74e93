// SPDX-License-Identifier: Apache-2.0
// Number checks shared by the VCF readers (small variants, SVs, copy-number VCFs): positions, read
// counts and allele fractions, against the limits of common/limits.hpp.
#pragma once

#include <htslib/kstring.h>
#include <htslib/vcf.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace precis::io {

//! The POS column of a VCF text line, before or after htslib's vcf_parse (which ends each field with a
//! NUL); "" when the line has no second column.
std::string_view vcf_pos_field(const kstring_t& line);

//! The last valid POS on contig `rid`: its length declared in the header (at most limits::kMaxPosition),
//! else limits::kMaxPosition.
std::int64_t vcf_max_position(const bcf_hdr_t* header, int rid);

//! "" when the record's POS and extent are positions on its contig; else what is wrong. `pos_text` is POS
//! as written in a text VCF ("" for BCF): htslib reads "1.5e8" as 1 and "0x10" as 0, so the text is
//! checked to be a whole number in 1..limits::kMaxPosition.
std::string vcf_position_problem(const bcf_hdr_t* header, const bcf1_t* record, std::string_view pos_text);

//! "" when the tumour sample's read counts (FORMAT DP, AD and its sum, Strelka TAR/TIR and {A,C,G,T}U) are
//! missing or in 0..limits::kMaxReads, its FORMAT/AF values and INFO/TVAF are missing or in [0, 1] and
//! INFO/TDP is a read count; else the first problem. `tumor_index` < 0: INFO only. FORMAT must be unpacked.
//! `ints`/`floats` are htslib's reusable dst/ndst buffers (see HtsBuffer).
std::string vcf_number_problem(bcf_hdr_t* hdr, bcf1_t* record, int tumor_index, int32_t** ints, int* n_ints,
                               float** floats, int* n_floats);

}  // namespace precis::io
