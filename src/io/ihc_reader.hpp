// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/input_name.hpp"
#include "model/profile.hpp"

namespace precis::io {

struct IhcData {
    std::string format;  //!< json or csv
    std::vector<IhcResult> results;
    std::int64_t rows = 0;                        //!< data rows (records) read
    std::map<std::string, std::int64_t> skipped;  //!< rows skipped or left out, per reason
    std::vector<std::string> warnings;
};

//! Reads IHC results from JSON (validated against `schemas_dir`/ihc.schema.json, draft-04) or from a
//! CSV/TSV with the same fields (marker, score, status, scoring, ish_status, ish_ratio, tps, cps, clone).
//! Values are normalised: marker HER2 (also ERBB2), PD-L1, MLH1, MSH2, MSH6, PMS2 in upper case; MMR
//! status "lost" or "intact" (loss/absent/negative -> lost; retained/present/positive -> intact);
//! HER2 score "0", "1+", "2+", "3+". Semantic errors (HER2 without a score, an MMR protein without a
//! status, a marker given twice) throw Error(input) naming the file and the result.
IhcData read_ihc(const InputName& file, const std::string& schemas_dir);

//! True when any MMR protein (MLH1, MSH2, MSH6, PMS2) is lost.
bool is_dmmr(const std::vector<IhcResult>& results);

}  // namespace precis::io
