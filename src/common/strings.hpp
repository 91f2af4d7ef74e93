// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace precis::str {

std::vector<std::string_view> split(std::string_view text, char sep);
std::string_view trim(std::string_view text);
std::string lower(std::string_view text);
std::string upper(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string replace_all(std::string text, std::string_view from, std::string_view to);

//! Strict numeric parsing: the whole (trimmed) field must be a number.
std::optional<double> to_double(std::string_view text);
std::optional<std::int64_t> to_int(std::string_view text);

//! Levenshtein distance, case-insensitive; used to suggest the nearest valid names.
std::size_t edit_distance(std::string_view a, std::string_view b);

//! Drops a trailing ".N" version from an accession (NM_004333.6 -> NM_004333).
std::string_view strip_version(std::string_view accession);

//! Removes a leading "chr" (case-insensitive) from a contig name; "chrM"/"MT" become "MT".
std::string normalise_chrom(std::string_view chrom);

}  // namespace precis::str
