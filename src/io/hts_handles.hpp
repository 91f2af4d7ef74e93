// SPDX-License-Identifier: Apache-2.0
// RAII owners for htslib handles and for the memory htslib allocates for its caller. Only src/io (and
// tests that build htslib fixtures through this header) include htslib.
#pragma once

#include <htslib/bgzf.h>
#include <htslib/hts.h>
#include <htslib/tbx.h>
#include <htslib/vcf.h>

#include <cstdlib>
#include <memory>

namespace precis::io {

struct HtsFileCloser {
    void operator()(htsFile* file) const noexcept {
        if (file != nullptr) {
            (void)hts_close(file);
        }
    }
};
struct BcfHeaderDeleter {
    void operator()(bcf_hdr_t* header) const noexcept { bcf_hdr_destroy(header); }
};
struct BcfRecordDeleter {
    void operator()(bcf1_t* record) const noexcept { bcf_destroy(record); }
};
struct HtsIndexDeleter {
    void operator()(hts_idx_t* index) const noexcept { hts_idx_destroy(index); }
};
struct TbxDeleter {
    void operator()(tbx_t* index) const noexcept { tbx_destroy(index); }
};
struct HtsIteratorDeleter {
    void operator()(hts_itr_t* iterator) const noexcept { hts_itr_destroy(iterator); }
};
struct BgzfCloser {
    void operator()(BGZF* file) const noexcept {
        if (file != nullptr) {
            (void)bgzf_close(file);
        }
    }
};
//! Frees memory that htslib allocated with malloc and handed over (hts_format_description,
//! tbx_seqnames, bcf_index_seqnames ...).
struct HtsFree {
    void operator()(const void* memory) const noexcept { std::free(const_cast<void*>(memory)); }
};

using HtsFilePtr = std::unique_ptr<htsFile, HtsFileCloser>;
using BcfHeaderPtr = std::unique_ptr<bcf_hdr_t, BcfHeaderDeleter>;
using BcfRecordPtr = std::unique_ptr<bcf1_t, BcfRecordDeleter>;
using HtsIndexPtr = std::unique_ptr<hts_idx_t, HtsIndexDeleter>;
using TbxPtr = std::unique_ptr<tbx_t, TbxDeleter>;
using HtsIteratorPtr = std::unique_ptr<hts_itr_t, HtsIteratorDeleter>;
//! A BGZF stream opened with bgzf_open. Check bgzf_close(release()) when writing: a failed close is a
//! failed write.
using BgzfPtr = std::unique_ptr<BGZF, BgzfCloser>;
//! A malloc'ed result of htslib (a C string, or an array of pointers into another object).
template <typename T>
using HtsMemory = std::unique_ptr<T, HtsFree>;

//! Owns the dst/ndst pair filled by bcf_get_info_* / bcf_get_format_*. `ndst` is only the capacity:
//! always use the count those functions return.
template <typename T>
struct HtsBuffer {
    T* data = nullptr;
    int capacity = 0;
    HtsBuffer() = default;
    HtsBuffer(const HtsBuffer&) = delete;
    HtsBuffer& operator=(const HtsBuffer&) = delete;
    ~HtsBuffer() { std::free(data); }
};

//! Owns a kstring_t line buffer (hts_getline, tbx_itr_next).
struct KString {
    kstring_t s = {0, 0, nullptr};
    KString() = default;
    KString(const KString&) = delete;
    KString& operator=(const KString&) = delete;
    ~KString() { std::free(s.s); }
};

}  // namespace precis::io
