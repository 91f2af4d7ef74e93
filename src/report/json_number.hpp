// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cmath>
#include <optional>

//! The only place where the JSON and FHIR writers write a floating-point number. RapidJSON's
//! Writer::Double writes nothing for NaN or infinity (and returns false), which would leave `"key": ,`
//! behind: invalid JSON. Readers reject non-finite input, so such a value is never expected here; if one
//! arrives anyway, the field is left out rather than written.
namespace precis::report {

//! True when `value` holds a number that JSON can carry.
inline bool is_finite(const std::optional<double>& value) {
    return value.has_value() && std::isfinite(*value);
}

//! Writes `key` and the value when it is present and finite; nothing otherwise.
template <typename Writer>
void number_member(Writer& w, const char* key, const std::optional<double>& value) {
    if (is_finite(value)) {
        w.Key(key);
        w.Double(*value);
    }
}

}  // namespace precis::report
