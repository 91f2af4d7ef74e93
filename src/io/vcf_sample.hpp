// SPDX-License-Identifier: Apache-2.0
// The choice of a VCF's sample column (the tumour), shared by the VCF readers: small variants, SVs and
// copy-number VCFs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/hts_handles.hpp"

namespace precis::io {

//! What a reader does when no sample was named.
enum class SampleDefault {
    //! Small variants: the sample named by a ##tumor_sample= header line, else the only sample, else the
    //! (last) column named TUMOR or TUMOUR (Strelka); several samples and none of these is Error(usage).
    //! A sites-only VCF has no column to choose: a requested name is then not checked either.
    tumour,
    first,  //!< copy-number VCFs: the first sample column
    none,   //!< SVs: no column; the reader looks at every sample
};

//! Where a requested name came from; it decides the wording of the error when the VCF lacks it.
enum class SampleNamedBy {
    tumor_sample_option,  //!< --tumor-sample (small-variant VCF)
    sample_id,            //!< the sample id (--tumor-sample, else --sample) of an SV or copy-number VCF
};

struct SampleRequest {
    std::string name;  //!< the requested sample; "" when none was named
    SampleNamedBy named_by = SampleNamedBy::sample_id;
    SampleDefault otherwise = SampleDefault::none;
};

struct SampleChoice {
    int index = -1;      //!< 0-based sample column; -1 for none
    std::string name;    //!< that column's name; "" for none
    std::string reason;  //!< why this column, or why none (for the log)
};

//! Chooses among `samples`, the sample names of the #CHROM line in column order. A requested name must
//! be one of them: Error(usage) naming `path` and listing them otherwise. `tumor_sample_hint` is the
//! value of a ##tumor_sample= header line ("" when there is none); SampleDefault::tumour uses it when it
//! names one of the samples.
SampleChoice choose_sample(const std::string& path, const std::vector<std::string>& samples,
                           std::string_view tumor_sample_hint, const SampleRequest& request);

//! choose_sample() for an opened VCF: the samples and the ##tumor_sample= line are read from `header`.
SampleChoice choose_sample(const std::string& path, const bcf_hdr_t* header, const SampleRequest& request);

//! The sample names of `header`, in column order.
std::vector<std::string> vcf_sample_names(const bcf_hdr_t* header);

//! The value of the ##tumor_sample= header line, or "".
std::string vcf_tumor_sample_hint(const bcf_hdr_t* header);

}  // namespace precis::io
