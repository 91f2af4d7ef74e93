// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/limits.hpp"
#include "interpret/request.hpp"

namespace precis::interpret {

//! Settings of `precis interpret` (and of one `precis batch` sample), from the command line and/or a --case
//! JSON file (command line wins): the interpretation request plus where and what to write. Every field has a
//! default; paths are kept as given (a --case file's relative paths are resolved against the case file's
//! directory).
struct InterpretOptions : Request {
    std::string out;
    std::string case_file;
    std::string kb_dir;
    std::string formats = "json,html,tsv,fhir";
    bool pdf = false;
};

//! A numeric setting of `precis interpret` with its documented range (README, "Numeric limits"): on the
//! command line a value outside it, NaN, infinity or text that is not a decimal number exits 2 naming the
//! option and the range; the same holds for the key in a --case file.
struct NumericSetting {
    const char* option;   //!< "--msi-score"
    const char* key;      //!< case-file key, "msi_score"
    limits::Range range;  //!< the valid values
    bool whole = false;   //!< an integer option (--min-fusion-reads, --threads)
    const char* example;  //!< shown in the help of the error
    std::optional<double> InterpretOptions::*field = nullptr;  //!< nullptr for the integer options
};

//! The largest line of therapy accepted (--line, case-file `line_of_therapy`).
inline constexpr int kMaxLineOfTherapy = 20;

//! One --prior-therapy value, `DRUG[+DRUG]:REASON[:TOXICITY]` (REASON progression | toxicity | completed |
//! other; the free text after a second ':' is the toxicity), e.g. "pembrolizumab:toxicity:pneumonitis
//! grade 3". Drug names are read in lower case. Returns nullopt and sets `problem` (what is wrong and what
//! is expected) when the text is not such a value.
std::optional<PriorTherapy> parse_prior_therapy(const std::string& text, std::string& problem);

//! Every numeric setting, in --help order.
const std::vector<NumericSetting>& numeric_settings();
//! The setting of `option` ("--purity"); throws Error(internal) for an unknown name.
const NumericSetting& numeric_setting(const std::string& option);
//! What is wrong with `text` as a value of `setting` ("" when it is a number within the range).
std::string numeric_problem(const NumericSetting& setting, const std::string& text);

//! Reads a --case JSON file (validated against schemas/case.schema.json) into `options`, without
//! overriding fields already set on the command line (`set_on_command_line` holds their option names).
void apply_case_file(InterpretOptions& options, const std::vector<std::string>& set_on_command_line);

//! Checks values that do not need any file: sample id, formats, purity range. Throws Error(usage).
void validate_options(const InterpretOptions& options);

}  // namespace precis::interpret
