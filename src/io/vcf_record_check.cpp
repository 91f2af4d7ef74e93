// SPDX-License-Identifier: Apache-2.0
#include "io/vcf_record_check.hpp"

namespace precis::io {

std::string RecordCheck::problem() const {
    if (!unusable()) {
        return {};
    }
    return "htslib could not parse it (error flags " + std::to_string(flags) + ")";
}

RecordCheck check_record(const bcf1_t& record) noexcept {
    return RecordCheck{record.errcode};
}

}  // namespace precis::io
