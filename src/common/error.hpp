// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <stdexcept>
#include <string>

namespace precis {

//! Process exit codes; documented in --help and README. Stable contract for pipelines.
enum class ExitCode : int {
    ok = 0,
    internal = 1,        //!< a bug in precis
    usage = 2,           //!< bad command line or settings (unknown tumour type, ambiguous sample, ...)
    input = 3,           //!< an input file is unreadable or malformed
    knowledge_base = 4,  //!< the knowledge base failed validation
    output = 5,          //!< a report could not be written
};

//! Who is responsible for an error; decides the exit code.
enum class ErrorKind { internal, usage, input, knowledge_base, output };

ExitCode exit_code_for(ErrorKind kind) noexcept;
const char* to_string(ErrorKind kind) noexcept;

//! The one error type of precis. Thrown anywhere, caught once in cli::run.
//! `where` names the file, line, record or JSON pointer; `why` says what was expected and found;
//! `help` says what the user can do about it.
class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, std::string where, std::string why, std::string help = {});

    ErrorKind kind() const noexcept { return kind_; }
    const std::string& where() const noexcept { return where_; }
    const std::string& why() const noexcept { return why_; }
    const std::string& help() const noexcept { return help_; }
    ExitCode exit_code() const noexcept { return exit_code_for(kind_); }

  private:
    ErrorKind kind_;
    std::string where_;
    std::string why_;
    std::string help_;
};

}  // namespace precis
