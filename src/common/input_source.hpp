// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/input_name.hpp"

namespace precis {

//! How much of a streamed input precis accepts (documented in README "Inputs from pipes").
struct InputLimits {
    std::uint64_t max_bytes = 0;  //!< 0 = no limit
    bool binary_ok = false;       //!< BGZF/BCF allowed (VCF-like inputs); else text only
};

//! Inputs given as a path, "-" (standard input), a named pipe or a process substitution (/dev/fd/N).
//! Regular files are read in place. Anything else that streams (pipe, FIFO, socket, /dev/stdin on a pipe)
//! is read exactly once, into a private temporary file (mode 0600, removed when this object goes), so
//! that every reader and the checksum see the same bytes. Character and block devices (/dev/zero,
//! /dev/urandom, a terminal) and directories are refused with an input error (exit 3) naming the option.
class InputSources {
  public:
    InputSources() = default;
    InputSources(const InputSources&) = delete;
    InputSources& operator=(const InputSources&) = delete;
    ~InputSources();

    //! The input `given` (the option's value; empty: none): opened in place or from its private copy,
    //! named as given ("-" becomes "(stdin)"); `option` names it in errors.
    InputName prepare(const std::string& given, const std::string& option, const InputLimits& limits);

  private:
    std::vector<std::string> temporaries_;
    bool stdin_used_ = false;
};

}  // namespace precis
