// SPDX-License-Identifier: Apache-2.0
#include "batch/samplesheet.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/strings.hpp"
#include "re2/re2.h"

namespace precis::batch {

namespace {

namespace fs = std::filesystem;
using interpret::InterpretOptions;

//! String columns and the field they fill; `path` columns resolve against the samplesheet's directory.
struct TextColumn {
    const char* name;
    std::string InterpretOptions::*field;
    bool path;
};

const std::vector<TextColumn>& text_columns() {
    static const std::vector<TextColumn> columns = {
        {"sample", &InterpretOptions::sample, false},
        {"tumor_type", &InterpretOptions::tumor_type, false},
        {"genome", &InterpretOptions::genome, false},
        {"vcf", &InterpretOptions::vcf, true},
        {"tumor_sample", &InterpretOptions::tumor_sample, false},
        {"maf", &InterpretOptions::maf, true},
        {"cnv", &InterpretOptions::cnv, true},
        {"cnv_format", &InterpretOptions::cnv_format, false},
        {"fusions", &InterpretOptions::fusions, true},
        {"fusion_format", &InterpretOptions::fusion_format, false},
        {"sv_vcf", &InterpretOptions::sv_vcf, true},
        {"ihc", &InterpretOptions::ihc, true},
        {"msi", &InterpretOptions::msi, true},
        {"msi_caller", &InterpretOptions::msi_caller, false},
        {"msi_status", &InterpretOptions::msi_status, false},
        {"panel_bed", &InterpretOptions::panel_bed, true},
        {"case", &InterpretOptions::case_file, true},
    };
    return columns;
}

std::vector<std::string> known_columns() {
    std::vector<std::string> names;
    for (const TextColumn& column : text_columns()) {
        names.emplace_back(column.name);
    }
    for (const interpret::NumericSetting& setting : interpret::numeric_settings()) {
        if (setting.field != nullptr) {
            names.emplace_back(setting.key);
        }
    }
    names.emplace_back("line_of_therapy");
    return names;
}

[[noreturn]] void fail(const std::string& where, const std::string& why, const std::string& help) {
    throw Error(ErrorKind::usage, where, why, help);
}

//! Sets one cell of a row; returns false for an unknown column.
bool set_cell(SampleRow& row, const std::string& column, const std::string& value, const fs::path& base,
              const std::string& where) {
    for (const TextColumn& text : text_columns()) {
        if (column == text.name) {
            std::string resolved = value;
            if (text.path && value != "-" && fs::path(value).is_relative()) {
                resolved = (base / value).string();
            }
            row.options.*text.field = resolved;
            return true;
        }
    }
    for (const interpret::NumericSetting& setting : interpret::numeric_settings()) {
        if (setting.field != nullptr && column == setting.key) {
            const std::string problem = interpret::numeric_problem(setting, value);
            if (!problem.empty()) {
                fail(where, str::concat({"column ", column, ": ", problem}),
                     "fix the cell or leave it empty");
            }
            row.options.*setting.field = str::to_double(value);
            return true;
        }
    }
    if (column == "line_of_therapy") {
        const std::string problem = interpret::numeric_problem(interpret::numeric_setting("--line"), value);
        if (!problem.empty()) {
            fail(where, str::concat({"column ", column, ": ", problem}), "fix the cell or leave it empty");
        }
        row.options.line_of_therapy = static_cast<int>(str::to_double(value).value_or(0));
        return true;
    }
    return false;
}

}  // namespace

std::vector<std::string> split_csv_line(const std::string& line, const std::string& where) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    bool after_quote = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
                after_quote = true;
            } else {
                fields.back() += c;
            }
        } else if (c == ',') {
            fields.emplace_back();
            after_quote = false;
        } else if (after_quote) {
            fail(where, "text after a closing quote", "quote the whole field: \"a,b\"");
        } else if (c == '"' && fields.back().empty()) {
            quoted = true;
        } else {
            fields.back() += c;
        }
    }
    if (quoted) {
        fail(where, "unterminated quoted field", "close the quote (fields cannot span lines)");
    }
    return fields;
}

std::vector<SampleRow> read_samplesheet(const std::string& path) {
    std::string text = read_text_file(path, "samplesheet");
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
        text.erase(0, 3);  // a UTF-8 byte-order mark, as spreadsheet programs write
    }
    const fs::path base = fs::path(path).parent_path();
    std::vector<std::string> lines;
    for (const auto part : str::split(text, '\n')) {
        std::string line(part);
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        lines.push_back(line);
    }
    if (lines.empty() || str::trim(lines[0]).empty()) {
        fail(path + ":1", "the samplesheet has no header",
             "start with a header such as sample,tumor_type,vcf");
    }
    const std::vector<std::string> known = known_columns();
    std::vector<std::string> header = split_csv_line(lines[0], path + ":1");
    for (std::string& column : header) {
        column = std::string(str::trim(column));
        if (std::find(known.begin(), known.end(), column) == known.end()) {
            fail(path + ":1", "unknown column '" + column + "'", "use the columns " + str::join(known, ", "));
        }
        if (std::count(header.begin(), header.end(), column) > 1) {
            fail(path + ":1", "column '" + column + "' is given twice", "keep one");
        }
    }
    for (const char* required : {"sample", "tumor_type"}) {
        if (std::find(header.begin(), header.end(), required) == header.end()) {
            fail(path + ":1", std::string("the required column '") + required + "' is missing",
                 "add it to the header");
        }
    }
    static const RE2 kSampleId("[A-Za-z0-9][A-Za-z0-9._-]{0,99}", RE2::Quiet);
    std::vector<SampleRow> rows;
    std::map<std::string, int> seen;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (str::trim(lines[i]).empty()) {
            continue;
        }
        const std::string where = path + ":" + std::to_string(i + 1);
        const std::vector<std::string> cells = split_csv_line(lines[i], where);
        if (cells.size() != header.size()) {
            fail(where,
                 std::to_string(cells.size()) + " field(s) where the header has " +
                     std::to_string(header.size()),
                 "give one field per column (empty for not given); quote fields that contain commas");
        }
        SampleRow row;
        row.line = static_cast<int>(i + 1);
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::string value(str::trim(cells[c]));
            if (value.empty()) {
                continue;
            }
            set_cell(row, header[c], value, base, where);
            row.given.push_back(header[c]);
        }
        if (row.options.sample.empty() || row.options.tumor_type.empty()) {
            fail(where,
                 std::string("no ") + (row.options.sample.empty() ? "sample" : "tumor_type") + " given",
                 "every row needs a sample id and an OncoTree tumour type");
        }
        if (!RE2::FullMatch(row.options.sample, kSampleId)) {
            fail(where, "'" + row.options.sample + "' is not a valid sample id",
                 "letters, digits, '.', '_' and '-', starting with a letter or digit (it names a directory)");
        }
        if (const auto [it, inserted] = seen.emplace(row.options.sample, row.line); !inserted) {
            fail(where,
                 "sample '" + row.options.sample + "' is repeated (first on line " +
                     std::to_string(it->second) + ")",
                 "give each sample once");
        }
        rows.push_back(std::move(row));
    }
    if (rows.empty()) {
        fail(path, "the samplesheet lists no samples", "add one row per sample under the header");
    }
    return rows;
}

}  // namespace precis::batch
