// SPDX-License-Identifier: Apache-2.0
// What htslib's bcf1_t::errcode says about a record it has just read or parsed (bcf_read, vcf_parse,
// bcf_itr_next), decided in one place for every VCF reader: small variants, SVs, copy-number VCFs.
#pragma once

#include <string>

#include "io/hts_handles.hpp"

namespace precis::io {

//! Errors after which a record cannot be trusted: the wrong number of columns, a value beyond htslib's
//! limits, an invalid character, or a contig or tag name that htslib could not add to the header.
inline constexpr int kBcfSevereErrors =
    BCF_ERR_NCOLS | BCF_ERR_LIMITS | BCF_ERR_CHAR | BCF_ERR_CTG_INVALID | BCF_ERR_TAG_INVALID;

//! The verdict on one record's errcode.
struct RecordCheck {
    int flags = 0;  //!< bcf1_t::errcode as htslib left it (BCF_ERR_* bits)

    //! A severe error (kBcfSevereErrors): the record is malformed; readers skip it with a counted
    //! warning (Error(input) under --strict) or, where a malformed record ends the read, fail.
    bool unusable() const noexcept { return (flags & kBcfSevereErrors) != 0; }
    //! Only BCF_ERR_CTG_UNDEF / BCF_ERR_TAG_UNDEF: the record names a contig, or an INFO, FORMAT or
    //! FILTER tag, that the header does not define. htslib added a definition and the data are usable:
    //! the record is kept and counted.
    bool undefined_names() const noexcept { return flags != 0 && !unusable(); }
    //! "htslib could not parse it (error flags N)" for an unusable record; "" otherwise.
    std::string problem() const;
};

//! Reads record.errcode. Call it after every successful read or parse, before using the record.
RecordCheck check_record(const bcf1_t& record) noexcept;

}  // namespace precis::io
