// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/profile.hpp"
#include "model/report.hpp"

namespace precis::interpret {

//! Fills report.input_accounting and report.not_interpreted: for every input file, how many of its
//! records became findings, other findings, the evidence of a biomarker status (e.g. a neutral copy-number
//! call, an MSS result, a HER2 IHC 1+), or not-interpreted entries (listed or counted, with the reason).
//! A record counts once, in that order of precedence. `unaccounted` is the rest and is 0 unless precis has
//! a bug; a non-zero value also adds a warning.
void account_inputs(const Profile& profile, Report& report);

//! Fills report.tmb and report.msi with the measured numbers, whatever their status.
void measure_signatures(const Profile& profile, Report& report);

}  // namespace precis::interpret
