// SPDX-License-Identifier: Apache-2.0
// The parsers that the libFuzzer targets (tests/fuzz) and the regression test
// (tests/unit/fuzz_regressions_test.cpp) feed with arbitrary bytes. Each target writes the bytes to a
// temporary file and calls the reader on it; precis::Error is the expected answer to bad input and is
// swallowed, anything else (another exception, a signal, a sanitizer report) is a bug.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace precis::fuzz {

struct Target {
    const char* name;    //!< e.g. "vcf", "cnv_purple" (the executable is fuzz_<name>)
    const char* suffix;  //!< file name ending of the temporary input file
    void (*run)(const std::string& path);
};

//! Every target, in a fixed order.
const std::vector<Target>& targets();

//! nullptr for an unknown name.
const Target* find_target(std::string_view name);

//! Writes `bytes` to a fresh temporary file in $TMPDIR (mkstemps), runs the target on it and removes the
//! file. Returns true when the reader accepted the input, false when it threw precis::Error.
bool run_target(const Target& target, std::string_view bytes);

//! Silences spdlog (the readers log detected formats at info level).
void quiet_logging();

}  // namespace precis::fuzz
