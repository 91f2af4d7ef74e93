// SPDX-License-Identifier: Apache-2.0
#include "io/bed_reader.hpp"

#include <algorithm>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/limits.hpp"
#include "common/strings.hpp"

namespace precis::io {

void SkippedRows::fail(std::int64_t line, const std::string& reason, const std::string& help) const {
    throw Error(
        ErrorKind::input, given_ + (unit_ == "line" ? ":" : ":" + unit_ + " ") + std::to_string(line), reason,
        help.empty() ? std::string("fix the row, or run without --strict to skip it with a warning") : help);
}

void SkippedRows::skip(std::int64_t line, const std::string& reason, const std::string& help) {
    if (strict_) {
        fail(line, reason, help);
    }
    Entry& entry = reasons_[reason];
    if (entry.count == 0) {
        entry.first_line = line;
    }
    ++entry.count;
}

void SkippedRows::note(std::int64_t line, const std::string& reason) {
    Entry& entry = reasons_[reason];
    if (entry.count == 0) {
        entry.first_line = line;
        entry.warn = false;
    }
    ++entry.count;
}

void SkippedRows::flag(std::int64_t line, const std::string& reason, const std::string& help) {
    if (strict_) {
        fail(line, reason,
             help.empty()
                 ? std::string("fix the value, or run without --strict to keep the row with a warning")
                 : help);
    }
    Entry& entry = reasons_[reason];
    if (entry.count == 0) {
        entry.first_line = line;
        entry.skipped = false;
    }
    ++entry.count;
}

std::map<std::string, std::int64_t> SkippedRows::counts() const {
    std::map<std::string, std::int64_t> out;
    for (const auto& [reason, entry] : reasons_) {
        if (entry.skipped) {
            out[reason] = entry.count;
        }
    }
    return out;
}

void SkippedRows::flush(std::vector<std::string>& warnings) const {
    for (const auto& [reason, entry] : reasons_) {
        if (!entry.warn) {
            continue;
        }
        warnings.push_back(shown_ + ": " + std::to_string(entry.count) +
                           (entry.count == 1 ? " row" : " rows") +
                           (entry.skipped ? " skipped: " : " kept with a warning: ") + reason +
                           " (first at " + unit_ + " " + std::to_string(entry.first_line) + ")");
    }
}

std::int64_t SkippedRows::total() const noexcept {
    std::int64_t sum = 0;
    for (const auto& item : reasons_) {
        sum += item.second.skipped ? item.second.count : 0;
    }
    return sum;
}

BedRegions BedRegions::read(const InputName& file, bool strict, std::vector<std::string>& warnings) {
    const std::string text = read_text_file(file, "panel BED");
    BedRegions bed;
    SkippedRows skipped(file, strict);
    std::int64_t line_number = 0;
    for (std::string_view line : str::split(text, '\n')) {
        ++line_number;
        line = str::trim(line);
        if (line.empty() || line.front() == '#' || str::starts_with(line, "track") ||
            str::starts_with(line, "browser")) {
            continue;
        }
        std::vector<std::string_view> fields = str::split(line, '\t');
        if (fields.size() < 3) {
            fields = str::split(line, ' ');
        }
        if (fields.size() < 3) {
            skipped.skip(line_number, "fewer than 3 columns (chrom, start, end)");
            continue;
        }
        const auto start = str::to_bounded_int(fields[1], 0, limits::kMaxPosition - 1);
        const auto end = str::to_bounded_int(fields[2], 1, limits::kMaxPosition);
        if (!start || !end) {
            skipped.skip(line_number,
                         "start/end are not whole numbers in 0.." + std::to_string(limits::kMaxPosition));
            continue;
        }
        if (*end <= *start) {
            skipped.skip(line_number, "end <= start");
            continue;
        }
        bed.add(str::normalise_chrom(fields[0]), *start + 1, *end);
    }
    if (bed.empty()) {
        throw Error(ErrorKind::input, file.given, "no valid BED interval found",
                    "give a BED file with tab-separated chrom, start (0-based), end columns");
    }
    skipped.flush(warnings);
    bed.finish();
    return bed;
}

void BedRegions::add(const std::string& chrom, std::int64_t start, std::int64_t end) {
    regions_[chrom].push_back(Interval{start, end});
}

void BedRegions::finish() {
    total_bases_ = 0;
    for (auto& [chrom, intervals] : regions_) {
        std::sort(intervals.begin(), intervals.end(),
                  [](const Interval& a, const Interval& b) { return a.start < b.start; });
        std::vector<Interval> merged;
        for (const Interval& interval : intervals) {
            if (!merged.empty() && interval.start <= merged.back().end + 1) {
                merged.back().end = std::max(merged.back().end, interval.end);
            } else {
                merged.push_back(interval);
            }
        }
        for (const Interval& interval : merged) {
            total_bases_ += interval.end - interval.start + 1;
        }
        intervals = std::move(merged);
    }
}

bool BedRegions::overlaps(const std::string& chrom, std::int64_t start, std::int64_t end) const {
    const auto found = regions_.find(chrom);
    if (found == regions_.end()) {
        return false;
    }
    const std::vector<Interval>& intervals = found->second;
    // First interval whose end >= start; intervals are sorted and disjoint, so ends are sorted too.
    const auto it =
        std::lower_bound(intervals.begin(), intervals.end(), start,
                         [](const Interval& interval, std::int64_t value) { return interval.end < value; });
    return it != intervals.end() && it->start <= end;
}

bool BedRegions::contains(const std::string& chrom, std::int64_t pos) const {
    return overlaps(chrom, pos, pos);
}

}  // namespace precis::io
