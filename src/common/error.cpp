// SPDX-License-Identifier: Apache-2.0
#include "common/error.hpp"

namespace precis {

namespace {
std::string compose(const std::string& where, const std::string& why, const std::string& help) {
    std::string text = where.empty() ? why : where + ": " + why;
    if (!help.empty()) {
        text += "\n  help: " + help;
    }
    return text;
}
}  // namespace

ExitCode exit_code_for(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::usage:
            return ExitCode::usage;
        case ErrorKind::input:
            return ExitCode::input;
        case ErrorKind::knowledge_base:
            return ExitCode::knowledge_base;
        case ErrorKind::output:
            return ExitCode::output;
        case ErrorKind::internal:
            break;
    }
    return ExitCode::internal;
}

const char* to_string(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::usage:
            return "usage error";
        case ErrorKind::input:
            return "input error";
        case ErrorKind::knowledge_base:
            return "knowledge-base error";
        case ErrorKind::output:
            return "output error";
        case ErrorKind::internal:
            break;
    }
    return "internal error";
}

Error::Error(ErrorKind kind, std::string where, std::string why, std::string help)
    : std::runtime_error(compose(where, why, help)),
      kind_(kind),
      where_(std::move(where)),
      why_(std::move(why)),
      help_(std::move(help)) {}

}  // namespace precis
