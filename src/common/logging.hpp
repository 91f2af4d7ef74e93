// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace precis {

enum class Verbosity { quiet, normal, verbose };

//! Routes spdlog's default logger to stderr (stdout is for data) with a "[precis]" prefix.
void setup_logging(Verbosity verbosity);

}  // namespace precis
