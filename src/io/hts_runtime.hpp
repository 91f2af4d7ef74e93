// SPDX-License-Identifier: Apache-2.0
// Process-wide htslib settings and facts, for code outside src/io (which does not include htslib).
#pragma once

#include <string>

namespace precis::io {

//! The version of the htslib library precis runs with ("1.16").
std::string htslib_version();

//! htslib's own messages on stderr: warnings and errors when `verbose`, none otherwise (precis reports
//! every problem itself).
void set_htslib_logging(bool verbose);

}  // namespace precis::io
