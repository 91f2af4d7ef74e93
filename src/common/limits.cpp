// SPDX-License-Identifier: Apache-2.0
#include "common/limits.hpp"

#include <cmath>
#include <cstdio>

namespace precis::limits {
namespace {

std::string bound(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);  // 1000000000, not 1e+09
    return buffer;
}

}  // namespace

bool Range::contains(double value) const noexcept {
    if (!std::isfinite(value) || value > max) {
        return false;
    }
    return min_open ? value > min : value >= min;
}

std::string Range::text() const {
    return (min_open ? "(" : "[") + bound(min) + ", " + bound(max) + "]";
}

}  // namespace precis::limits
