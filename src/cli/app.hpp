// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace precis::cli {

//! Runs the precis command line; the single place where errors are caught and turned into exit codes.
int run(int argc, char** argv);

}  // namespace precis::cli
