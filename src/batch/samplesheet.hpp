// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "interpret/request_check.hpp"

namespace precis::batch {

//! One samplesheet row: the settings of one sample (as for `precis interpret`) before its case file is read.
struct SampleRow {
    int line = 0;                         //!< line of the samplesheet (1 = header)
    interpret::InterpretOptions options;  //!< paths resolved against the samplesheet's directory
    std::vector<std::string> given;       //!< case-file keys set by a non-empty cell (they win over the case)
};

//! Splits one CSV line (RFC 4180 quoting: "a,b" and "" inside quotes). Throws Error(usage) naming `where`
//! on an unterminated quote or text after a closing quote.
std::vector<std::string> split_csv_line(const std::string& line, const std::string& where);

//! Reads a samplesheet: a header naming the columns (`sample` and `tumor_type` required; the others are
//! the long options of `precis interpret` with '_', or `case`), then one row per sample. Empty cells are
//! not given; relative paths resolve against the samplesheet's directory. Throws Error(usage) naming the
//! file and line for an unknown or repeated column, a wrong field count, a missing sample or tumour
//! type, an invalid or repeated sample id, or a number out of range; Error(input) when it cannot be read.
std::vector<SampleRow> read_samplesheet(const std::string& path);

}  // namespace precis::batch
