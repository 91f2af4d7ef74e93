// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <utility>

namespace precis {

//! One input file as a reader sees it: the path it opens, and the names it writes. A stream ("-", a pipe,
//! /dev/fd/N) is opened from its private temporary copy but named as the user gave it; under
//! --deterministic the report records only the file name. Readers name `given` in the errors they throw
//! (the user must find the file) and `shown` in everything that reaches the report: Where::file, warnings,
//! ledger files and examples. Nothing is rewritten afterwards.
struct InputName {
    std::string open;   //!< the path the reader opens
    std::string given;  //!< as the user gave it ("(stdin)" for "-"): errors and log messages
    std::string shown;  //!< recorded in the report: `given`, or its file name only under --deterministic

    InputName() = default;
    //! A regular file opened, named and recorded as given (implicit: a plain path is such a file).
    InputName(std::string path) : open(path), given(path), shown(std::move(path)) {}
    InputName(const char* path) : InputName(std::string(path)) {}
    InputName(std::string open_path, std::string given_name, std::string shown_name)
        : open(std::move(open_path)), given(std::move(given_name)), shown(std::move(shown_name)) {}

    bool empty() const noexcept { return open.empty(); }

    //! The same input recorded by its file name only ("/data/run 7/t.vcf" -> "t.vcf").
    InputName file_name_only() const;
};

}  // namespace precis
