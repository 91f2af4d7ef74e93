// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "model/report.hpp"

namespace precis::report {

//! Serialises a Report as schemas/report.schema.json describes (pretty-printed, keys in a fixed order so
//! that --deterministic output is byte-stable). No logic here: everything is decided in the matcher.
std::string render_json(const Report& report);

}  // namespace precis::report
