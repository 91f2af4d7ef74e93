// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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

    //! The path the readers should open for `given` (the option's value); `option` names it in errors.
    std::string prepare(const std::string& given, const std::string& option, const InputLimits& limits);

    //! `text` with every temporary path replaced by the name the user gave ("-" becomes "(stdin)").
    std::string restore(std::string text) const;

  private:
    struct Spool {
        std::string given;
        std::string temporary;
    };
    std::vector<Spool> spools_;
    bool stdin_used_ = false;
};

}  // namespace precis
