// SPDX-License-Identifier: Apache-2.0
#pragma once

// The settings of `precis interpret` live in interpret/request_check.hpp, shared with `precis batch`.
#include "interpret/request_check.hpp"

namespace precis::cli {

using interpret::apply_case_file;
using interpret::InterpretOptions;
using interpret::kMaxLineOfTherapy;
using interpret::numeric_problem;
using interpret::numeric_setting;
using interpret::numeric_settings;
using interpret::NumericSetting;
using interpret::parse_prior_therapy;
using interpret::validate_options;

}  // namespace precis::cli
