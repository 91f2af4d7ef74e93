// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "model/profile.hpp"
#include "model/report.hpp"

namespace precis::interpret {

//! Fills report.input_accounting and report.not_interpreted: for every input file, how many of its
//! records became findings, other findings, the evidence of a biomarker status (e.g. a neutral copy-number
//! call, an MSS result, a HER2 IHC 1+), or not-interpreted entries (listed or counted, with the reason).
//! A record counts once, in that order of precedence. `unaccounted` is the rest and is 0 unless precis has
//! a bug; a non-zero value also adds a warning. `ihc_markers` are the IHC markers the knowledge base
//! interprets besides HER2 and the MMR proteins (e.g. SDHB): their rows are biomarker evidence; rows of
//! any other marker are not interpreted.
void account_inputs(const Profile& profile, const std::vector<std::string>& ihc_markers, Report& report);

//! Fills report.tmb and report.msi with the measured numbers, whatever their status.
void measure_signatures(const Profile& profile, Report& report);

}  // namespace precis::interpret
