// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <initializer_list>
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
//! The parts one after the other, in one allocation (for messages built in loops, where a chain of
//! operator+ allocates a temporary string per step).
std::string concat(std::initializer_list<std::string_view> parts);
std::string replace_all(std::string text, std::string_view from, std::string_view to);

//! Strict numeric parsing: the whole (trimmed) field must be a finite decimal number ("2.5", "-1e-3",
//! "+7"). NaN, infinity, hexadecimal, trailing text and values beyond a double's range give nullopt: no
//! reader ever turns "NaN" or "inf" into a number.
std::optional<double> to_double(std::string_view text);
//! A decimal integer: optional sign and digits only (no fraction, exponent or hex); nullopt on overflow.
std::optional<std::int64_t> to_int(std::string_view text);

//! to_double() within [min, max]; nullopt outside it. Every numeric field of an input goes through this
//! or one of the two below, with a range from common/limits.hpp.
std::optional<double> to_finite_double(std::string_view text, double min, double max);
//! to_int() within [min, max].
std::optional<std::int64_t> to_bounded_int(std::string_view text, std::int64_t min, std::int64_t max);
//! A whole number in [min, max] written as an integer or as an integral decimal ("12", "12.0",
//! "1.2e+07"), for tools that write counts or positions as floats; "1.5" gives nullopt.
std::optional<std::int64_t> to_whole_number(std::string_view text, std::int64_t min, std::int64_t max);

//! Joins at most `shown` names; more are summarised as "... and N more" (error messages stay short
//! whatever the input holds).
std::string join_limited(const std::vector<std::string>& parts, std::string_view sep, std::size_t shown = 10);

//! Levenshtein distance, case-insensitive; used to suggest the nearest valid names.
std::size_t edit_distance(std::string_view a, std::string_view b);

//! Drops a trailing ".N" version from an accession (NM_004333.6 -> NM_004333).
std::string_view strip_version(std::string_view accession);

//! Removes a leading "chr" (case-insensitive) from a contig name; "chrM"/"MT" become "MT".
std::string normalise_chrom(std::string_view chrom);

// Numbers as text: the only place where precis writes a floating-point number for people (messages,
// rule texts, reports). Locale-independent: never a decimal comma, whatever the environment.

//! Exactly `decimals` (0..100) digits after the point, like printf "%.*f": "12.40", "-0.0", "nan", "inf".
std::string format_fixed(double value, int decimals);
//! At most `decimals` (0..100) digits after the point, trailing zeros and a trailing point dropped, "-0"
//! written "0": "9", "12.5", "0.4312"; "NA" for NaN or infinity. A value too long for 64 characters in
//! fixed notation is written in the shortest form that reads back exactly ("1e+70").
std::string format_number(double value, int decimals = 4);
//! `digits` (0..100; 0 counts as 1) significant digits, like printf "%.*g": "0.5", "12.4", "1e+09", "nan".
std::string format_significant(double value, int digits = 6);

//! Percent-encodes every byte but the unreserved characters of RFC 3986 (A-Z a-z 0-9 - . _ ~) and those in
//! `keep` ("/" for a path), with upper-case hex digits: "a b&c" -> "a%20b%26c".
std::string percent_encode(std::string_view text, std::string_view keep = {});

}  // namespace precis::str
