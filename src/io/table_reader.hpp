// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/input_name.hpp"

namespace precis::io {

//! A delimited text table (TSV/CSV) read whole into memory, with the header located and every row
//! remembering its 1-based line number. Handles a UTF-8 BOM, CRLF line endings, a missing final
//! newline, quoted fields, "##"/"#"-comment preambles and tool messages before the header.
//! Columns are looked up by name (case-insensitive, several aliases), never by position.
class Table {
  public:
    struct Options {
        char delimiter = '\t';                   //!< '\t' or ','; 0 = guess from the header line
        bool header_may_start_with_hash = true;  //!< "#gene1\tgene2..." (Arriba, STAR-Fusion)
        //! Lines before the header that start with one of these are skipped ("##", "@", "WARNING").
        std::vector<std::string> preamble_prefixes = {"##", "@"};
        //! The header is the first non-preamble line containing ALL of these names (case-insensitive).
        //! Empty: the first non-preamble line.
        std::vector<std::string> required_header_names;
    };

    struct Row {
        std::int64_t line = 0;
        std::vector<std::string> fields;
    };

    //! Reads `file`; throws Error(input) naming file.given when it cannot be read or has no header.
    static Table read(const InputName& file, const Options& options);
    //! Same, from text already in memory (`name` names it: given in errors, shown in warnings).
    static Table parse(std::string_view text, const InputName& name, const Options& options);

    //! The input's names: name().given in errors, name().shown in what reaches the report.
    const InputName& name() const noexcept { return name_; }
    const std::vector<std::string>& header() const noexcept { return header_; }
    std::int64_t header_line() const noexcept { return header_line_; }
    const std::vector<Row>& rows() const noexcept { return rows_; }
    //! Lines before the header (comments, preambles), for format sniffing (e.g. "#SAMPLE_NAME=").
    const std::vector<std::string>& preamble() const noexcept { return preamble_; }

    //! Index of the first column whose name matches one of `names` (case-insensitive; a leading '#'
    //! on the header cell is ignored).
    std::optional<std::size_t> column(std::initializer_list<std::string_view> names) const;
    //! Like column() but throws Error(input) naming the file, the expected names and the header found.
    std::size_t require_column(std::initializer_list<std::string_view> names) const;

    //! The distinct (trimmed) values of `column`, in file order; linear in the rows (a sample column of a
    //! 100,000-sample file is listed in one pass).
    std::vector<std::string> distinct(std::size_t column) const;

    //! The field of `row` at `column`, or "" when the row is short.
    static std::string_view field(const Row& row, std::size_t column);

  private:
    InputName name_;
    std::vector<std::string> header_;
    std::int64_t header_line_ = 0;
    std::vector<Row> rows_;
    std::vector<std::string> preamble_;
};

//! Splits one delimited line; honours double quotes ("a,b" and "" escapes) and trims a trailing '\r'.
std::vector<std::string> split_delimited(std::string_view line, char delimiter);

}  // namespace precis::io
