// SPDX-License-Identifier: Apache-2.0
#include "io/table_reader.hpp"

#include <algorithm>
#include <unordered_set>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/strings.hpp"

namespace precis::io {

std::vector<std::string> split_delimited(std::string_view line, char delimiter) {
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    std::vector<std::string> fields;
    std::string current;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') {
                    current.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                current.push_back(c);
            }
        } else if (c == '"' && current.empty()) {
            quoted = true;
        } else if (c == delimiter) {
            fields.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    fields.push_back(std::move(current));
    return fields;
}

namespace {

bool header_matches(const std::vector<std::string>& cells, const std::vector<std::string>& required) {
    for (const std::string& name : required) {
        const bool found = std::any_of(cells.begin(), cells.end(), [&](const std::string& cell) {
            std::string_view value = str::trim(cell);
            if (!value.empty() && value.front() == '#') {
                value.remove_prefix(1);
            }
            return str::iequals(value, name);
        });
        if (!found) {
            return false;
        }
    }
    return true;
}

char guess_delimiter(std::string_view line) {
    const auto tabs = std::count(line.begin(), line.end(), '\t');
    const auto commas = std::count(line.begin(), line.end(), ',');
    return (commas > tabs) ? ',' : '\t';
}

}  // namespace

Table Table::read(const InputName& file, const Options& options) {
    return parse(read_text_file(file, "table"), file, options);
}

Table Table::parse(std::string_view text, const InputName& name, const Options& options) {
    Table table;
    table.name_ = name;
    if (str::starts_with(text, "\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    std::int64_t line_number = 0;
    bool have_header = false;
    char delimiter = options.delimiter;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!have_header) {
            const std::string_view trimmed = str::trim(line);
            const bool preamble =
                trimmed.empty() ||
                std::any_of(options.preamble_prefixes.begin(), options.preamble_prefixes.end(),
                            [&](const std::string& p) { return str::starts_with(trimmed, p); });
            if (preamble) {
                table.preamble_.emplace_back(line);
                continue;
            }
            if (delimiter == 0) {
                delimiter = guess_delimiter(line);
            }
            std::vector<std::string> cells = split_delimited(line, delimiter);
            if (!options.required_header_names.empty() &&
                !header_matches(cells, options.required_header_names)) {
                table.preamble_.emplace_back(line);
                continue;
            }
            if (!options.header_may_start_with_hash && str::starts_with(trimmed, "#")) {
                table.preamble_.emplace_back(line);
                continue;
            }
            for (std::string& cell : cells) {
                std::string_view value = str::trim(cell);
                if (!value.empty() && value.front() == '#') {
                    value.remove_prefix(1);
                }
                cell = std::string(str::trim(value));
            }
            table.header_ = std::move(cells);
            table.header_line_ = line_number;
            have_header = true;
            continue;
        }
        if (str::trim(line).empty()) {
            continue;
        }
        table.rows_.push_back(Row{line_number, split_delimited(line, delimiter)});
    }
    if (!have_header) {
        std::string expected =
            options.required_header_names.empty()
                ? std::string("a header line")
                : "a header line with the columns " + str::join(options.required_header_names, ", ");
        throw Error(ErrorKind::input, name.given, "no table header found; expected " + expected,
                    "check that this is the right file and format");
    }
    return table;
}

std::optional<std::size_t> Table::column(std::initializer_list<std::string_view> names) const {
    for (const std::string_view name : names) {
        for (std::size_t i = 0; i < header_.size(); ++i) {
            if (str::iequals(header_[i], name)) {
                return i;
            }
        }
    }
    return std::nullopt;
}

std::size_t Table::require_column(std::initializer_list<std::string_view> names) const {
    if (const auto index = column(names)) {
        return *index;
    }
    std::vector<std::string> wanted(names.begin(), names.end());
    throw Error(
        ErrorKind::input, name_.given + ":" + std::to_string(header_line_),
        "missing column " + str::join(wanted, " or ") + "; the header has: " + str::join(header_, ", "),
        "check the file format (see precis interpret --help)");
}

std::vector<std::string> Table::distinct(std::size_t column) const {
    std::vector<std::string> values;
    std::unordered_set<std::string_view> seen;
    for (const Row& row : rows_) {
        const std::string_view value = str::trim(field(row, column));
        if (seen.insert(value).second) {
            values.emplace_back(value);
        }
    }
    return values;
}

std::string_view Table::field(const Row& row, std::size_t column) {
    return column < row.fields.size() ? std::string_view(row.fields[column]) : std::string_view();
}

}  // namespace precis::io
