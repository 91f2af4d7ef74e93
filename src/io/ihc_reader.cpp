// SPDX-License-Identifier: Apache-2.0
#include "io/ihc_reader.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "common/error.hpp"
#include "common/files.hpp"
#include "common/json.hpp"
#include "common/limits.hpp"
#include "common/strings.hpp"
#include "io/table_reader.hpp"

namespace precis::io {
namespace {

const std::set<std::string> kMmr = {"MLH1", "MSH2", "MSH6", "PMS2"};

std::string normalise_marker(std::string_view text) {
    std::string marker = str::upper(str::trim(text));
    if (marker == "ERBB2" || marker == "HER-2" || marker == "HER2/NEU") {
        return "HER2";
    }
    if (marker == "PDL1" || marker == "PD L1") {
        return "PD-L1";
    }
    return marker;
}

//! Returns the normalised status or "" when unknown (the caller reports it).
std::string normalise_status(const std::string& marker, std::string_view text) {
    std::string status = str::lower(str::trim(text));
    if (kMmr.count(marker) == 0) {
        return status;  // free text for other markers
    }
    if (status == "lost" || status == "loss" || status == "absent" || status == "negative" ||
        status == "deficient") {
        return "lost";
    }
    if (status == "intact" || status == "retained" || status == "present" || status == "positive" ||
        status == "proficient") {
        return "intact";
    }
    if (status == "equivocal" || status == "not_evaluable" || status == "not evaluable") {
        return str::replace_all(status, " ", "_");
    }
    return status;
}

std::string normalise_score(std::string_view text) {
    std::string score(str::trim(text));
    if (score == "0+") {
        return "0";
    }
    if (score == "1" || score == "2" || score == "3") {
        score += "+";
    }
    return score;
}

std::string normalise_ish(std::string_view text) {
    std::string status = str::lower(str::trim(text));
    status = str::replace_all(status, " ", "_");
    status = str::replace_all(status, "-", "_");
    if (status == "positive" || status == "amplification") {
        return "amplified";
    }
    if (status == "negative" || status == "non_amplified") {
        return "not_amplified";
    }
    return status;
}

void check(const IhcResult& result, const std::string& where) {
    if (result.marker == "HER2" && result.score.empty()) {
        throw Error(ErrorKind::input, where, "HER2 result without a score (0, 1+, 2+ or 3+)",
                    "give the HER2 IHC score in \"score\"");
    }
    if (!result.score.empty() && result.score != "0" && result.score != "1+" && result.score != "2+" &&
        result.score != "3+") {
        throw Error(ErrorKind::input, where, "HER2 score '" + result.score + "' is not one of 0, 1+, 2+, 3+",
                    "write the IHC score as 0, 1+, 2+ or 3+");
    }
    if (kMmr.count(result.marker) != 0 && result.status != "lost" && result.status != "intact" &&
        result.status != "equivocal" && result.status != "not_evaluable") {
        throw Error(ErrorKind::input, where,
                    result.marker + " result with status '" + result.status + "'; expected lost or intact",
                    "give \"status\": \"lost\" or \"intact\" for each MMR protein");
    }
    if (!result.ish_status.empty() && result.ish_status != "amplified" &&
        result.ish_status != "not_amplified" && result.ish_status != "equivocal") {
        throw Error(ErrorKind::input, where,
                    "ISH status '" + result.ish_status + "' is not amplified, not_amplified or equivocal",
                    "write the ISH result as amplified, not_amplified or equivocal");
    }
}

//! The ISH ratio, TPS and CPS within their ranges (the schema says the same; checked here for any caller).
void check_numbers(const IhcResult& result, const std::string& where) {
    const std::pair<const std::optional<double>*, const limits::Range*> numbers[] = {
        {&result.ish_ratio, &limits::kIshRatio},
        {&result.tps, &limits::kPercent},
        {&result.cps, &limits::kPercent}};
    for (const auto& [value, range] : numbers) {
        if (*value && !range->contains(**value)) {
            throw Error(ErrorKind::input, where, "ISH ratio, TPS or CPS outside " + range->text(),
                        "write the ISH ratio as 0-100 and TPS/CPS as percentages 0-100");
        }
    }
}

std::vector<IhcResult> read_json(const InputName& file, const std::string& schemas_dir) {
    const std::string& path = file.given;  // in errors
    const rapidjson::Document document =
        json::parse_json(read_text_file(file, "IHC results"), path, ErrorKind::input);
    const std::vector<std::string> problems =
        json::validate_json(document, schemas_dir + "/ihc.schema.json", path);
    if (!problems.empty()) {
        throw Error(
            ErrorKind::input, path,
            "does not match schemas/ihc.schema.json: " + str::join_limited(problems, "; "),
            "see schemas/ihc.schema.json for the fields; example: {\"results\": [{\"marker\": \"HER2\", "
            "\"score\": \"3+\"}, {\"marker\": \"MLH1\", \"status\": \"lost\"}]}");
    }
    std::vector<IhcResult> results;
    const auto& array = document["results"].GetArray();
    if (array.Size() == 0) {
        throw Error(ErrorKind::input, path + ": /results", "no IHC result (the results array is empty)",
                    "add one object per marker");
    }
    for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
        const rapidjson::Value& item = array[i];
        IhcResult result;
        const auto text = [&](const char* key) -> std::string {
            return item.HasMember(key) && item[key].IsString() ? std::string(item[key].GetString())
                                                               : std::string();
        };
        result.marker = normalise_marker(text("marker"));
        result.score = normalise_score(text("score"));
        result.status = normalise_status(result.marker, text("status"));
        result.scoring = text("scoring");
        result.clone = text("clone");
        if (item.HasMember("ish") && item["ish"].IsObject()) {
            const rapidjson::Value& ish = item["ish"];
            if (ish.HasMember("status") && ish["status"].IsString()) {
                result.ish_status = normalise_ish(ish["status"].GetString());
            }
            if (ish.HasMember("ratio") && ish["ratio"].IsNumber()) {
                result.ish_ratio = ish["ratio"].GetDouble();
            }
        }
        if (item.HasMember("tps") && item["tps"].IsNumber()) {
            result.tps = item["tps"].GetDouble();
        }
        if (item.HasMember("cps") && item["cps"].IsNumber()) {
            result.cps = item["cps"].GetDouble();
        }
        result.where = Where{file.shown, static_cast<std::int64_t>(i) + 1, "/results/" + std::to_string(i)};
        check(result, path + ": /results/" + std::to_string(i) + " (" + result.marker + ")");
        check_numbers(result, path + ": /results/" + std::to_string(i) + " (" + result.marker + ")");
        results.push_back(std::move(result));
    }
    return results;
}

std::vector<IhcResult> read_csv(const InputName& file) {
    const std::string& path = file.given;  // in errors
    Table::Options options;
    options.delimiter = 0;
    options.preamble_prefixes = {"#"};
    options.header_may_start_with_hash = false;
    const Table table = Table::read(file, options);
    const std::size_t marker = table.require_column({"marker"});
    const auto score = table.column({"score"});
    const auto status = table.column({"status"});
    const auto scoring = table.column({"scoring"});
    const auto ish_status = table.column({"ish_status"});
    const auto ish_ratio = table.column({"ish_ratio"});
    const auto tps = table.column({"tps"});
    const auto cps = table.column({"cps"});
    const auto clone = table.column({"clone"});
    std::vector<IhcResult> results;
    const auto cell = [](const Table::Row& row, std::optional<std::size_t> column) {
        return column ? std::string(str::trim(Table::field(row, *column))) : std::string();
    };
    for (const auto& row : table.rows()) {
        IhcResult result;
        const std::string where = path + ":" + std::to_string(row.line);
        result.marker = normalise_marker(Table::field(row, marker));
        result.score = normalise_score(cell(row, score));
        result.status = normalise_status(result.marker, cell(row, status));
        result.scoring = cell(row, scoring);
        result.ish_status = normalise_ish(cell(row, ish_status));
        result.clone = cell(row, clone);
        const auto number = [&](std::optional<std::size_t> column,
                                const char* name) -> std::optional<double> {
            const std::string value = cell(row, column);
            if (value.empty()) {
                return std::nullopt;
            }
            const auto parsed = str::to_double(value);
            const limits::Range& range =
                std::string_view(name) == "ish_ratio" ? limits::kIshRatio : limits::kPercent;
            if (!parsed || !range.contains(*parsed)) {
                throw Error(ErrorKind::input, where,
                            std::string(name) + " '" + value + "' is not a number in " + range.text(),
                            "write the value as a number (e.g. 4.1), or leave it empty");
            }
            return parsed;
        };
        result.ish_ratio = number(ish_ratio, "ish_ratio");
        result.tps = number(tps, "tps");
        result.cps = number(cps, "cps");
        if (result.marker.empty()) {
            throw Error(ErrorKind::input, where, "empty marker", "name the marker (HER2, MLH1, ...)");
        }
        result.where = Where{file.shown, row.line, result.marker};
        check(result, where + " (" + result.marker + ")");
        results.push_back(std::move(result));
    }
    if (results.empty()) {
        throw Error(ErrorKind::input, path, "no IHC result rows", "add one row per marker");
    }
    return results;
}

}  // namespace

IhcData read_ihc(const InputName& file, const std::string& schemas_dir) {
    const std::string text = read_text_file(file, "IHC results");
    const std::string_view start =
        str::trim(std::string_view(text).substr(0, std::min<std::size_t>(text.size(), 64)));
    IhcData data;
    // A JSON document starts with an object or an array (the schema then says an object is expected).
    const bool json = str::starts_with(start, "{") || str::starts_with(start, "[");
    data.format = json ? "json" : "csv";
    data.results = json ? read_json(file, schemas_dir) : read_csv(file);
    data.rows = static_cast<std::int64_t>(data.results.size());
    std::set<std::string> seen;
    for (const IhcResult& result : data.results) {
        if (!seen.insert(result.marker).second) {
            throw Error(ErrorKind::input,
                        Where{file.given, result.where.line, result.where.detail}.to_string(),
                        "marker " + result.marker + " is given twice", "give one result per marker");
        }
    }
    return data;
}

bool is_dmmr(const std::vector<IhcResult>& results) {
    return std::any_of(results.begin(), results.end(),
                       [](const IhcResult& r) { return kMmr.count(r.marker) != 0 && r.status == "lost"; });
}

}  // namespace precis::io
