// SPDX-License-Identifier: Apache-2.0
#include "common/limits.hpp"

#include <cmath>

#include "common/strings.hpp"

namespace precis::limits {
bool Range::contains(double value) const noexcept {
    if (!std::isfinite(value) || value > max) {
        return false;
    }
    return min_open ? value > min : value >= min;
}

std::string Range::text() const {
    // 15 significant digits: 1000000000, not 1e+09.
    return (min_open ? "(" : "[") + str::format_significant(min, 15) + ", " +
           str::format_significant(max, 15) + "]";
}

}  // namespace precis::limits
