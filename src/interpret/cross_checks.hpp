// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "model/profile.hpp"

namespace precis::interpret {

//! Consistency checks between inputs, as report sentences (never silent):
//! * HER2 IHC vs ERBB2 copy number (and ISH): concordance or discordance; IHC 2+ without ISH;
//! * MMR IHC vs MSI: dMMR with MSS, pMMR with MSI-H, or concordance;
//! * MLH1+PMS2 loss -> MLH1 promoter methylation testing (and BRAF V600E in colorectal cancer);
//!   MSH2/MSH6 loss -> germline (Lynch) evaluation of MSH2/EPCAM; isolated PMS2 or MSH6 loss -> germline
//!   evaluation of that gene; an incomplete MMR panel is noted;
//! * MSI-H with TMB below 10, and TMB-H with MSS, are noted for review.
std::vector<std::string> cross_checks(const Profile& profile);

}  // namespace precis::interpret
