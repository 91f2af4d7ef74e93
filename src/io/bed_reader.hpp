// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/input_name.hpp"

namespace precis::io {

//! Counts input rows that a reader skips, grouped by reason, so that one warning per reason reaches the
//! report ("x.cns: 8 rows skipped: end < start (first at line 12)"). In strict mode the first skip throws
//! Error(input) instead. Shared by the copy-number, fusion, SV, IHC, MSI and BED readers.
class SkippedRows {
  public:
    //! `unit` names what the numbers count: "line" for text tables, "record" for VCF records. Errors name
    //! file.given, warnings file.shown.
    SkippedRows(const InputName& file, bool strict, std::string unit = "line")
        : given_(file.given), shown_(file.shown), strict_(strict), unit_(std::move(unit)) {}

    //! Records one skipped row; throws Error(input, "file:line" or "file:record N", reason, help) when
    //! strict.
    void skip(std::int64_t line, const std::string& reason, const std::string& help = {});
    //! Records a row left out on purpose (another sample, not reported): counted for the input accounting,
    //! never fatal, and not repeated as a warning.
    void note(std::int64_t line, const std::string& reason);
    //! Records a row that is kept although one of its values could not be used (a read count of 1e20 or
    //! NaN is read as "not given"): warned about like a skip ("kept"), never counted as skipped, so the
    //! input accounting is unchanged; throws like skip() when strict.
    void flag(std::int64_t line, const std::string& reason, const std::string& help = {});
    //! Skipped rows per reason (for the report's input accounting).
    std::map<std::string, std::int64_t> counts() const;
    //! Appends one warning per reason to `warnings` (nothing when no row was skipped).
    void flush(std::vector<std::string>& warnings) const;
    std::int64_t total() const noexcept;

  private:
    struct Entry {
        std::int64_t count = 0;
        std::int64_t first_line = 0;
        bool warn = true;  //!< false for rows left out on purpose (note()): counted, not warned about
        bool skipped =
            true;  //!< false for rows kept with a flagged value (flag()): warned about, not counted
    };
    [[noreturn]] void fail(std::int64_t line, const std::string& reason, const std::string& help) const;
    std::string given_;
    std::string shown_;
    bool strict_ = false;
    std::string unit_;
    std::map<std::string, Entry> reasons_;
};

//! A merged set of genomic intervals read from a BED file (0-based half-open on disk; stored 1-based
//! closed like every coordinate in precis).
class BedRegions {
  public:
    struct Interval {
        std::int64_t start = 0;  //!< 1-based, inclusive
        std::int64_t end = 0;    //!< inclusive
    };

    //! Reads a BED file (track/browser/# lines skipped; "chr" prefixes removed; overlapping intervals
    //! merged). Malformed lines are skipped with a counted warning, or throw when `strict`.
    static BedRegions read(const InputName& file, bool strict, std::vector<std::string>& warnings);

    void add(const std::string& chrom, std::int64_t start, std::int64_t end);  //!< 1-based closed
    //! Sorts and merges; called by read(), call after add().
    void finish();

    bool contains(const std::string& chrom, std::int64_t pos) const;
    bool overlaps(const std::string& chrom, std::int64_t start, std::int64_t end) const;
    //! Total bases covered after merging.
    std::int64_t total_bases() const noexcept { return total_bases_; }
    bool empty() const noexcept { return regions_.empty(); }

  private:
    std::map<std::string, std::vector<Interval>> regions_;
    std::int64_t total_bases_ = 0;
};

}  // namespace precis::io
