// SPDX-License-Identifier: Apache-2.0
#include "io/hts_runtime.hpp"

#include <htslib/hts.h>
#include <htslib/hts_log.h>

namespace precis::io {

std::string htslib_version() {
    const char* version = hts_version();
    return version != nullptr ? version : "";
}

void set_htslib_logging(bool verbose) {
    hts_set_log_level(verbose ? HTS_LOG_WARNING : HTS_LOG_OFF);
}

}  // namespace precis::io
