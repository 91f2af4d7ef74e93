// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <rapidjson/document.h>

#include "common/error.hpp"

#include <string>
#include <vector>

namespace precis::json {

//! Parses JSON text; throws Error(kind) naming `label` with line:column of a syntax error.
rapidjson::Document parse_json(const std::string& text, const std::string& label, ErrorKind kind);

//! Validates `document` against the draft-04 schema file `schema_path` (cross-file "$ref"s resolve
//! relative to the schema's directory). Returns every violation as "label: <instance pointer>: <keyword>
//! violated (schema <schema pointer>)"; empty when valid. Throws Error(internal) when the schema itself
//! cannot be read.
std::vector<std::string> validate_json(const rapidjson::Document& document, const std::string& schema_path,
                                       const std::string& label);

//! Serialises a value (compact).
std::string to_json_string(const rapidjson::Value& value);

}  // namespace precis::json
