// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>

namespace precis {

//! Reference genome build. Coordinates everywhere in precis are 1-based, closed intervals.
enum class Genome { unknown, GRCh37, GRCh38 };

const char* to_string(Genome genome) noexcept;
//! Accepts GRCh37/hg19/b37/37 and GRCh38/hg38/38 (case-insensitive).
std::optional<Genome> parse_genome(std::string_view text);

}  // namespace precis
