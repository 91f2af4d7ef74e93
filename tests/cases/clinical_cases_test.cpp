// SPDX-License-Identifier: Apache-2.0
// Table-driven clinical cases (issue 4, "Done means"): every directory under tests/cases/ holding an
// expected.json is one case. Its case.json (schemas/case.schema.json) is run through
// `precis interpret --case ... --formats json --deterministic`, the JSON report is validated against
// schemas/report.schema.json and compared with expected.json:
//
//   description        free text (what the case shows and why the expectation is right)
//   exit_code          expected exit code (default 0); err_contains: text expected on stderr when non-zero
//   findings           the exact set of findings (gene + alteration), each with its exact set of biomarkers
//   therapies          each must be present on its finding: drugs (set), level, on_label, direction, and
//                      optionally evidence_id, tumor_type_match, regulatory_covers {"FDA": bool, ...}
//   therapies_exact    true: the findings carry exactly the listed therapies (none on unlisted findings)
//   absent_therapies   {drugs [, direction, gene, alteration]}: no such therapy on any (matching) finding
//   flags              {gene, alteration, drugs, rule_id [, effect, text_contains]}: the therapy carries that
//                      reasoning flag (whose text contains text_contains)
//   absent_flags       {rule_id [, drugs, gene, alteration]}: no therapy carries that flag
//   biomarkers         {biomarker id: detected | not_detected | not_assessed}
//   caveat_contains    {gene, alteration, text}: one caveat of the finding contains text
//   summary            rows of therapy_summary: {drugs, direction, best_level, on_label}
//   summary_order      drug sets whose sensitivity rows must appear in this order in therapy_summary
//   specimen           {key: value} expected in sample.specimen
//   values             {JSON pointer: value}: the report holds exactly that string, number or bool there
//                      (e.g. "/signatures/msi/score": 5.0)
//   not_interpreted    [{gene, reason_contains}]: a not_interpreted entry of that gene whose reason has it
//   note_contains      [{gene, alteration, drugs, text}]: the therapy's note contains text
//   prior_therapy_marks [{gene, alteration, drugs, stopped_for [, best_response]}]: the therapy, and its
//                      therapy_summary row, carry a prior_therapies mark with that stopped_for (and
//                      best_response)
//   absent_prior_therapy_marks [{drugs}]: no therapy with these drugs, and no summary row, carries a mark
// Every case also checks that each input_accounting entry has unaccounted == 0 and that its counts add up,
// and that no drug combination appears twice in one direction on a finding or in therapy_summary.
//   known_issue        the expectation is medically right but precis disagrees: the case still fails
//                      (reported, never hidden); a known issue on a case that passes is also a failure
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"
#include "test_paths.hpp"

namespace {

namespace fs = std::filesystem;
using rapidjson::Value;

fs::path cases_root() {
    return fs::path(precis::test::kSourceDir) / "tests" / "cases";
}

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(cases_root(), error)) {
        if (entry.is_directory() && fs::exists(entry.path() / "expected.json")) {
            names.push_back(entry.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

bool parse(const std::string& text, rapidjson::Document& document) {
    document.Parse(text.c_str());
    return !document.HasParseError() && document.IsObject();
}

std::string text(const Value& object, const char* key) {
    return object.IsObject() && object.HasMember(key) && object[key].IsString() ? object[key].GetString()
                                                                                : std::string();
}

std::multiset<std::string> strings(const Value& object, const char* key) {
    std::multiset<std::string> out;
    if (object.IsObject() && object.HasMember(key) && object[key].IsArray()) {
        for (const Value& item : object[key].GetArray()) {
            if (item.IsString()) {
                out.insert(item.GetString());
            }
        }
    }
    return out;
}

std::string join(const std::multiset<std::string>& values) {
    std::string out;
    for (const std::string& value : values) {
        out += (out.empty() ? "" : " + ") + value;
    }
    return "[" + out + "]";
}

const Value& array(const Value& object, const char* key) {
    static const Value empty(rapidjson::kArrayType);
    return object.IsObject() && object.HasMember(key) && object[key].IsArray() ? object[key] : empty;
}

std::string finding_name(const Value& finding) {
    const std::string gene = text(finding, "gene");
    return (gene.empty() ? std::string() : gene + " ") + text(finding, "alteration");
}

const Value* find_finding(const Value& report, const std::string& gene, const std::string& alteration) {
    for (const Value& finding : array(report, "findings").GetArray()) {
        if (text(finding, "gene") == gene && text(finding, "alteration") == alteration) {
            return &finding;
        }
    }
    return nullptr;
}

//! Findings an optional {gene, alteration} scope in an expectation selects (all when absent).
std::vector<const Value*> scoped_findings(const Value& report, const Value& expectation) {
    std::vector<const Value*> out;
    for (const Value& finding : array(report, "findings").GetArray()) {
        if ((!expectation.HasMember("gene") || text(finding, "gene") == text(expectation, "gene")) &&
            (!expectation.HasMember("alteration") ||
             text(finding, "alteration") == text(expectation, "alteration"))) {
            out.push_back(&finding);
        }
    }
    return out;
}

std::string describe(const Value& therapy) {
    std::ostringstream out;
    out << join(strings(therapy, "drugs")) << " level " << text(therapy, "level") << " on_label "
        << (therapy.HasMember("on_label") && therapy["on_label"].IsBool() && therapy["on_label"].GetBool()
                ? "true"
                : "false")
        << " " << text(therapy, "direction") << " (" << text(therapy, "evidence_id") << ", tumor_type_match "
        << (therapy.HasMember("tumor_type_match") && therapy["tumor_type_match"].GetBool() ? "true"
                                                                                           : "false");
    for (const Value& regulatory : array(therapy, "regulatory").GetArray()) {
        out << ", " << text(regulatory, "agency") << " " << text(regulatory, "status") << " covers "
            << (regulatory["covers_tumor_type"].GetBool() ? "yes" : "no");
    }
    out << ")";
    return out.str();
}

bool bool_equals(const Value& actual, const Value& expected, const char* key) {
    if (!expected.HasMember(key)) {
        return true;
    }
    return actual.HasMember(key) && actual[key].IsBool() && actual[key].GetBool() == expected[key].GetBool();
}

bool therapy_matches(const Value& actual, const Value& expected) {
    if (strings(actual, "drugs") != strings(expected, "drugs") ||
        text(actual, "level") != text(expected, "level") ||
        text(actual, "direction") != text(expected, "direction") ||
        !bool_equals(actual, expected, "on_label") || !bool_equals(actual, expected, "tumor_type_match")) {
        return false;
    }
    if (expected.HasMember("evidence_id") && text(actual, "evidence_id") != text(expected, "evidence_id")) {
        return false;
    }
    if (expected.HasMember("regulatory_covers")) {
        for (const auto& member : expected["regulatory_covers"].GetObject()) {
            const std::string agency = member.name.GetString();
            bool covers = false;
            for (const Value& regulatory : array(actual, "regulatory").GetArray()) {
                if (text(regulatory, "agency") == agency && regulatory["covers_tumor_type"].GetBool()) {
                    covers = true;
                }
            }
            if (covers != member.value.GetBool()) {
                return false;
            }
        }
    }
    return true;
}

std::string describe_expected(const Value& expected) {
    std::ostringstream out;
    out << join(strings(expected, "drugs")) << " level " << text(expected, "level") << " on_label "
        << (expected["on_label"].GetBool() ? "true" : "false") << " " << text(expected, "direction");
    if (expected.HasMember("evidence_id")) {
        out << " (" << text(expected, "evidence_id") << ")";
    }
    if (expected.HasMember("tumor_type_match")) {
        out << " tumor_type_match " << (expected["tumor_type_match"].GetBool() ? "true" : "false");
    }
    if (expected.HasMember("regulatory_covers")) {
        for (const auto& member : expected["regulatory_covers"].GetObject()) {
            out << " " << member.name.GetString() << " covers " << (member.value.GetBool() ? "yes" : "no");
        }
    }
    return out.str();
}

std::string all_therapies(const Value& finding) {
    std::string out;
    for (const Value& therapy : array(finding, "therapies").GetArray()) {
        out += "\n      actual: " + describe(therapy);
    }
    return out.empty() ? "\n      actual: (no therapies)" : out;
}

class Checker {
  public:
    Checker(const Value& report, const Value& expected) : report_(report), expected_(expected) {}

    std::vector<std::string> run() {
        check_keys();
        check_findings();
        check_therapies();
        check_absent_therapies();
        check_flags();
        check_biomarkers();
        check_caveats();
        check_summary();
        check_specimen();
        check_values();
        check_not_interpreted();
        check_accounting();
        check_no_duplicate_rows();
        check_notes();
        check_prior_therapy_marks();
        return problems_;
    }

  private:
    void check_values() {
        if (!expected_.HasMember("values")) {
            return;
        }
        for (const auto& member : expected_["values"].GetObject()) {
            const std::string pointer = member.name.GetString();
            const Value* actual = rapidjson::Pointer(pointer.c_str()).Get(report_);
            if (actual == nullptr) {
                problem("value " + pointer + " missing from the report");
            } else if (*actual != member.value) {
                problem("value " + pointer + " differs from the expectation");
            }
        }
    }

    //! The therapy with `expectation`'s drugs on its {gene, alteration} finding, or nullptr (a problem).
    const Value* expected_therapy(const Value& expectation, const std::string& what) {
        const Value* finding =
            find_finding(report_, text(expectation, "gene"), text(expectation, "alteration"));
        const std::string where = what + " " + join(strings(expectation, "drugs")) + " of " +
                                  text(expectation, "gene") + " " + text(expectation, "alteration");
        if (finding == nullptr) {
            problem(where + ": finding missing");
            return nullptr;
        }
        for (const Value& therapy : array(*finding, "therapies").GetArray()) {
            if (strings(therapy, "drugs") == strings(expectation, "drugs")) {
                return &therapy;
            }
        }
        problem(where + ": no such therapy on the finding");
        return nullptr;
    }

    void check_notes() {
        for (const Value& wanted : array(expected_, "note_contains").GetArray()) {
            const Value* therapy = expected_therapy(wanted, "note");
            if (therapy != nullptr &&
                text(*therapy, "note").find(text(wanted, "text")) == std::string::npos) {
                problem("note of " + describe(*therapy) + " is '" + text(*therapy, "note") +
                        "', expected it to contain '" + text(wanted, "text") + "'");
            }
        }
    }

    //! True when `holder` (a therapy or summary row) has a prior_therapies mark as `wanted` describes.
    static bool has_mark(const Value& holder, const Value& wanted) {
        const auto marks = array(holder, "prior_therapies").GetArray();
        return std::any_of(marks.begin(), marks.end(), [&](const Value& mark) {
            return text(mark, "stopped_for") == text(wanted, "stopped_for") &&
                   (!wanted.HasMember("best_response") ||
                    text(mark, "best_response") == text(wanted, "best_response"));
        });
    }

    void check_prior_therapy_marks() {
        for (const Value& wanted : array(expected_, "prior_therapy_marks").GetArray()) {
            const Value* therapy = expected_therapy(wanted, "prior therapy mark");
            if (therapy == nullptr) {
                continue;
            }
            if (!has_mark(*therapy, wanted)) {
                problem("therapy " + describe(*therapy) + ": no prior therapy mark '" +
                        text(wanted, "stopped_for") + "'");
            }
            const int row = summary_index(wanted, text(*therapy, "direction").c_str());
            if (row < 0 ||
                !has_mark(array(report_, "therapy_summary")[static_cast<rapidjson::SizeType>(row)], wanted)) {
                problem("therapy_summary " + join(strings(wanted, "drugs")) + ": no prior therapy mark '" +
                        text(wanted, "stopped_for") + "'");
            }
        }
        for (const Value& absent : array(expected_, "absent_prior_therapy_marks").GetArray()) {
            for (const Value& finding : array(report_, "findings").GetArray()) {
                for (const Value& therapy : array(finding, "therapies").GetArray()) {
                    if (strings(therapy, "drugs") == strings(absent, "drugs") &&
                        !array(therapy, "prior_therapies").Empty()) {
                        problem("therapy " + describe(therapy) + " carries a prior therapy mark");
                    }
                }
            }
            for (const Value& row : array(report_, "therapy_summary").GetArray()) {
                if (strings(row, "drugs") == strings(absent, "drugs") &&
                    !array(row, "prior_therapies").Empty()) {
                    problem("therapy_summary " + join(strings(absent, "drugs")) +
                            " carries a prior therapy mark");
                }
            }
        }
    }

    void check_not_interpreted() {
        for (const Value& wanted : array(expected_, "not_interpreted").GetArray()) {
            const std::string gene = text(wanted, "gene");
            const std::string fragment = text(wanted, "reason_contains");
            const auto entries = array(report_, "not_interpreted").GetArray();
            const bool found = std::any_of(entries.begin(), entries.end(), [&](const Value& entry) {
                return text(entry, "gene") == gene &&
                       text(entry, "reason").find(fragment) != std::string::npos;
            });
            if (!found) {
                problem("no not_interpreted entry for " + gene + " with '" + fragment + "'");
            }
        }
    }

    void check_accounting() {
        for (const Value& account : array(report_, "input_accounting").GetArray()) {
            const auto number = [&](const char* key) {
                return account.HasMember(key) && account[key].IsInt64() ? account[key].GetInt64() : -1;
            };
            const std::int64_t sum = number("in_findings") + number("in_other_findings") +
                                     number("biomarker_evidence") + number("not_interpreted");
            if (number("unaccounted") != 0 || sum != number("records")) {
                problem("input " + text(account, "file") + ": " + std::to_string(number("records")) +
                        " records, " + std::to_string(sum) + " accounted for");
            }
        }
    }

    //! One row per direction and drug combination: on each finding and in therapy_summary.
    void check_no_duplicate_rows() {
        const auto check = [&](const Value& rows, const std::string& where) {
            std::set<std::string> seen;
            for (const Value& row : rows.GetArray()) {
                const std::string key = text(row, "direction") + " " + join(strings(row, "drugs"));
                if (!seen.insert(key).second) {
                    problem(where + ": " + key + " appears more than once");
                }
            }
        };
        for (const Value& finding : array(report_, "findings").GetArray()) {
            check(array(finding, "therapies"), "finding " + finding_name(finding));
        }
        check(array(report_, "therapy_summary"), "therapy_summary");
    }

    void problem(const std::string& message) { problems_.push_back(message); }

    void check_keys() {
        static const std::set<std::string> known = {
            "description",     "exit_code",     "err_contains",        "known_issue",
            "findings",        "therapies",     "absent_therapies",    "flags",
            "absent_flags",    "biomarkers",    "caveat_contains",     "summary",
            "summary_order",   "specimen",      "therapies_exact",     "values",
            "not_interpreted", "note_contains", "prior_therapy_marks", "absent_prior_therapy_marks"};
        for (const auto& member : expected_.GetObject()) {
            if (known.count(member.name.GetString()) == 0) {
                problem(std::string("expected.json: unknown key '") + member.name.GetString() + "'");
            }
        }
    }

    void check_findings() {
        if (!expected_.HasMember("findings")) {
            return;
        }
        std::multiset<std::string> wanted;
        for (const Value& finding : expected_["findings"].GetArray()) {
            wanted.insert(finding_name(finding));
            const Value* actual = find_finding(report_, text(finding, "gene"), text(finding, "alteration"));
            if (actual == nullptr) {
                problem("finding missing: " + finding_name(finding));
            } else if (strings(*actual, "biomarkers") != strings(finding, "biomarkers")) {
                problem("finding " + finding_name(finding) + ": biomarkers " +
                        join(strings(*actual, "biomarkers")) + ", expected " +
                        join(strings(finding, "biomarkers")));
            }
        }
        for (const Value& finding : array(report_, "findings").GetArray()) {
            if (wanted.count(finding_name(finding)) == 0) {
                problem("unexpected finding: " + finding_name(finding) + " " +
                        join(strings(finding, "biomarkers")));
            }
        }
    }

    void check_therapies() {
        const bool exact = expected_.HasMember("therapies_exact") && expected_["therapies_exact"].GetBool();
        std::set<const Value*> used;
        std::vector<std::pair<const Value*, int>> per_finding;  // finding, number of expected therapies
        for (const Value& therapy : array(expected_, "therapies").GetArray()) {
            const Value* finding = find_finding(report_, text(therapy, "gene"), text(therapy, "alteration"));
            const std::string where = text(therapy, "gene") + " " + text(therapy, "alteration");
            if (finding == nullptr) {
                problem("therapy " + describe_expected(therapy) + ": finding " + where + " missing");
                continue;
            }
            const auto it = std::find_if(per_finding.begin(), per_finding.end(),
                                         [&](const auto& entry) { return entry.first == finding; });
            if (it == per_finding.end()) {
                per_finding.emplace_back(finding, 1);
            } else {
                ++it->second;
            }
            const Value* match = nullptr;
            for (const Value& actual : array(*finding, "therapies").GetArray()) {
                if (used.count(&actual) == 0 && therapy_matches(actual, therapy)) {
                    match = &actual;
                    break;
                }
            }
            if (match == nullptr) {
                problem("finding " + where + ": expected therapy " + describe_expected(therapy) +
                        all_therapies(*finding));
            } else {
                used.insert(match);
            }
        }
        if (!exact) {
            return;
        }
        for (const Value& finding : array(report_, "findings").GetArray()) {
            const auto it = std::find_if(per_finding.begin(), per_finding.end(),
                                         [&](const auto& entry) { return entry.first == &finding; });
            const int wanted = it == per_finding.end() ? 0 : it->second;
            const int actual = static_cast<int>(array(finding, "therapies").Size());
            if (actual != wanted) {
                std::string extra;
                for (const Value& therapy : array(finding, "therapies").GetArray()) {
                    if (used.count(&therapy) == 0) {
                        extra += "\n      not expected: " + describe(therapy);
                    }
                }
                problem("finding " + finding_name(finding) + ": " + std::to_string(actual) +
                        " therapies, expected " + std::to_string(wanted) + extra);
            }
        }
    }

    void check_absent_therapies() {
        for (const Value& absent : array(expected_, "absent_therapies").GetArray()) {
            for (const Value* finding : scoped_findings(report_, absent)) {
                for (const Value& therapy : array(*finding, "therapies").GetArray()) {
                    if (strings(therapy, "drugs") == strings(absent, "drugs") &&
                        (!absent.HasMember("direction") ||
                         text(therapy, "direction") == text(absent, "direction"))) {
                        problem("finding " + finding_name(*finding) +
                                ": therapy that must be absent: " + describe(therapy));
                    }
                }
            }
        }
    }

    void check_flags() {
        for (const Value& flag : array(expected_, "flags").GetArray()) {
            const Value* finding = find_finding(report_, text(flag, "gene"), text(flag, "alteration"));
            const std::string what = text(flag, "rule_id") + " on " + join(strings(flag, "drugs")) + " of " +
                                     text(flag, "gene") + " " + text(flag, "alteration");
            if (finding == nullptr) {
                problem("flag " + what + ": finding missing");
                continue;
            }
            bool therapy_found = false;
            bool found = false;
            std::string seen;
            for (const Value& therapy : array(*finding, "therapies").GetArray()) {
                if (strings(therapy, "drugs") != strings(flag, "drugs")) {
                    continue;
                }
                therapy_found = true;
                for (const Value& actual : array(therapy, "flags").GetArray()) {
                    seen += " " + text(actual, "rule_id") + "(" + text(actual, "effect") + ")";
                    if (text(actual, "rule_id") == text(flag, "rule_id") &&
                        (!flag.HasMember("effect") || text(actual, "effect") == text(flag, "effect")) &&
                        text(actual, "text").find(text(flag, "text_contains")) != std::string::npos) {
                        found = true;
                    }
                }
            }
            if (!therapy_found) {
                problem("flag " + what + ": no such therapy on the finding");
            } else if (!found) {
                problem("flag " + what + " missing; flags present:" + (seen.empty() ? " none" : seen));
            }
        }
        for (const Value& absent : array(expected_, "absent_flags").GetArray()) {
            for (const Value* finding : scoped_findings(report_, absent)) {
                for (const Value& therapy : array(*finding, "therapies").GetArray()) {
                    if (absent.HasMember("drugs") && strings(therapy, "drugs") != strings(absent, "drugs")) {
                        continue;
                    }
                    for (const Value& actual : array(therapy, "flags").GetArray()) {
                        if (text(actual, "rule_id") == text(absent, "rule_id")) {
                            problem("finding " + finding_name(*finding) + ": flag that must be absent: " +
                                    text(absent, "rule_id") + " on " + describe(therapy));
                        }
                    }
                }
            }
        }
    }

    void check_biomarkers() {
        if (!expected_.HasMember("biomarkers")) {
            return;
        }
        for (const auto& member : expected_["biomarkers"].GetObject()) {
            const std::string id = member.name.GetString();
            const std::string wanted = member.value.GetString();
            const Value* found = nullptr;
            for (const Value& biomarker : array(report_, "biomarkers").GetArray()) {
                if (text(biomarker, "id") == id) {
                    found = &biomarker;
                }
            }
            if (found == nullptr) {
                problem("biomarker " + id + " missing from the panel");
            } else if (text(*found, "status") != wanted) {
                problem("biomarker " + id + ": " + text(*found, "status") + " (" + text(*found, "reason") +
                        "), expected " + wanted);
            }
        }
    }

    void check_caveats() {
        for (const Value& caveat : array(expected_, "caveat_contains").GetArray()) {
            const Value* finding = find_finding(report_, text(caveat, "gene"), text(caveat, "alteration"));
            const std::string wanted = text(caveat, "text");
            if (finding == nullptr) {
                problem("caveat '" + wanted + "': finding " + text(caveat, "gene") + " " +
                        text(caveat, "alteration") + " missing");
                continue;
            }
            const Value& caveats = array(*finding, "caveats");
            const bool found = std::any_of(caveats.Begin(), caveats.End(), [&](const Value& item) {
                return item.IsString() && std::string(item.GetString()).find(wanted) != std::string::npos;
            });
            if (!found) {
                problem("finding " + finding_name(*finding) + ": no caveat contains '" + wanted + "'");
            }
        }
    }

    int summary_index(const Value& drugs_holder, const char* direction) const {
        const Value& rows = array(report_, "therapy_summary");
        for (rapidjson::SizeType i = 0; i < rows.Size(); ++i) {
            if (strings(rows[i], "drugs") == strings(drugs_holder, "drugs") &&
                text(rows[i], "direction") == direction) {
                return static_cast<int>(i);
            }
        }
        return -1;
    }

    void check_summary() {
        for (const Value& row : array(expected_, "summary").GetArray()) {
            const int index = summary_index(row, text(row, "direction").c_str());
            if (index < 0) {
                problem("therapy_summary: no " + text(row, "direction") + " row for " +
                        join(strings(row, "drugs")));
                continue;
            }
            const Value& actual = array(report_, "therapy_summary")[static_cast<rapidjson::SizeType>(index)];
            if (text(actual, "best_level") != text(row, "best_level") ||
                !bool_equals(actual, row, "on_label")) {
                problem("therapy_summary " + join(strings(row, "drugs")) + ": best_level " +
                        text(actual, "best_level") + " on_label " +
                        (actual["on_label"].GetBool() ? "true" : "false") + ", expected " +
                        text(row, "best_level") + " on_label " +
                        (row["on_label"].GetBool() ? "true" : "false"));
            }
        }
        int previous = -1;
        for (const Value& drugs : array(expected_, "summary_order").GetArray()) {
            rapidjson::Document holder(rapidjson::kObjectType);
            holder.AddMember("drugs", Value(drugs, holder.GetAllocator()), holder.GetAllocator());
            const int index = summary_index(holder, "sensitivity");
            if (index < 0) {
                problem("summary_order: no sensitivity row for " + join(strings(holder, "drugs")));
            } else if (index < previous) {
                problem("summary_order: " + join(strings(holder, "drugs")) +
                        " ranked before a row expected above it");
            } else {
                previous = index;
            }
        }
    }

    void check_specimen() {
        if (!expected_.HasMember("specimen")) {
            return;
        }
        const Value& sample = report_["sample"];
        for (const auto& member : expected_["specimen"].GetObject()) {
            const std::string key = member.name.GetString();
            const std::string actual =
                sample.HasMember("specimen") ? text(sample["specimen"], key.c_str()) : "";
            if (actual != member.value.GetString()) {
                problem("sample.specimen." + key + " is '" + actual + "', expected '" +
                        member.value.GetString() + "'");
            }
        }
    }

    const Value& report_;
    const Value& expected_;
    std::vector<std::string> problems_;
};

class ClinicalCase : public ::testing::TestWithParam<std::string> {};

TEST_P(ClinicalCase, ReportMatchesExpectation) {
    const fs::path dir = cases_root() / GetParam();
    rapidjson::Document expected;
    ASSERT_TRUE(parse(precis::test::slurp(dir / "expected.json"), expected)) << dir / "expected.json";
    rapidjson::Document settings;
    ASSERT_TRUE(parse(precis::test::slurp(dir / "case.json"), settings)) << dir / "case.json";
    const std::string description = text(expected, "description");
    const std::string known_issue = text(expected, "known_issue");
    SCOPED_TRACE("case " + GetParam() + ": " + description);

    const fs::path out = precis::test::work_dir();
    const precis::test::RunResult result =
        precis::test::run_precis({"interpret", "--case", (dir / "case.json").string(), "--out", out.string(),
                                  "--formats", "json", "--deterministic", "--quiet"});
    const int wanted_exit = expected.HasMember("exit_code") ? expected["exit_code"].GetInt() : 0;
    std::vector<std::string> problems;
    if (result.exit_code != wanted_exit) {
        problems.push_back("exit code " + std::to_string(result.exit_code) + ", expected " +
                           std::to_string(wanted_exit) + "; stderr: " + result.err);
    } else if (wanted_exit != 0) {
        const std::string needle = text(expected, "err_contains");
        if (!needle.empty() && result.err.find(needle) == std::string::npos) {
            problems.push_back("stderr does not contain '" + needle + "': " + result.err);
        }
    } else {
        const fs::path report_path = out / (text(settings, "sample") + ".precis.json");
        rapidjson::Document report;
        if (!fs::exists(report_path) || !parse(precis::test::slurp(report_path), report)) {
            problems.push_back("no readable report at " + report_path.string());
        } else {
            for (const std::string& violation : precis::test::report_schema_violations(report_path)) {
                problems.push_back("schema: " + violation);
            }
            const std::vector<std::string> found = Checker(report, expected).run();
            problems.insert(problems.end(), found.begin(), found.end());
        }
    }
    std::string listing;
    for (const std::string& problem : problems) {
        listing += "\n  - " + problem;
    }
    if (!known_issue.empty()) {
        if (problems.empty()) {
            ADD_FAILURE() << "case " << GetParam()
                          << " records a known_issue but now passes: remove the marker (" << known_issue
                          << ")";
        } else {
            ADD_FAILURE() << "KNOWN ISSUE in case " << GetParam() << ": " << known_issue << listing
                          << "\n  command: " << result.command;
        }
        return;
    }
    EXPECT_TRUE(problems.empty()) << "case " << GetParam() << " differs from expected.json:" << listing
                                  << "\n  command: " << result.command;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param;
    for (char& c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
            c = '_';
        }
    }
    return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, ClinicalCase, ::testing::ValuesIn(case_names()), test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ClinicalCase);

TEST(ClinicalCases, AtLeastFortyCasesEachWithInputsAndExpectation) {
    const std::vector<std::string> names = case_names();
    EXPECT_GE(names.size(), 40U) << "issue 4 asks for at least 40 clinical cases under " << cases_root();
    for (const std::string& name : names) {
        EXPECT_TRUE(fs::exists(cases_root() / name / "case.json")) << name << ": case.json missing";
        rapidjson::Document expected;
        EXPECT_TRUE(parse(precis::test::slurp(cases_root() / name / "expected.json"), expected))
            << name << ": expected.json is not a JSON object";
        EXPECT_FALSE(text(expected, "description").empty()) << name << ": expected.json needs a description";
    }
}

}  // namespace
