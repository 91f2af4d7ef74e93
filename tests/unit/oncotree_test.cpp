// SPDX-License-Identifier: Apache-2.0
// The bundled OncoTree (knowledgebase/oncotree.json): every code of the imported release, retired and
// development-tree codes read as current ones, and the scope note for tumour types outside the focus.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "common/error.hpp"
#include "common/json.hpp"
#include "kb/knowledge_base.hpp"
#include "kb/tumor_scope.hpp"
#include "support/test_support.hpp"

namespace precis::kb {

namespace {

const std::string kOncoTreeFile = std::string(test::kKnowledgeBase) + "/oncotree.json";

const KnowledgeBase& bundled() {
    static const KnowledgeBase kb = KnowledgeBase::load(test::kKnowledgeBase, test::kSchemas);
    return kb;
}

//! The output of `git -C repo show object`, or "" when git or the object is missing.
std::string git_show(const std::string& repo, const std::string& object) {
    const std::string command = "git -C '" + repo + "' show '" + object + "' 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    std::string out;
    char buffer[65536];
    for (std::size_t n = 0; pipe && (n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) {
        out.append(buffer, n);
    }
    return out;
}

//! code -> name of every node of a nested OncoTree release file.
void collect_codes(const rapidjson::Value& children, std::map<std::string, std::string>& out) {
    for (const auto& member : children.GetObject()) {
        out[member.name.GetString()] = member.value["name"].GetString();
        const auto grand = member.value.FindMember("children");
        if (grand != member.value.MemberEnd() && grand->value.IsObject()) {
            collect_codes(grand->value, out);
        }
    }
}

void replace_in_file(const std::filesystem::path& path, const std::string& from, const std::string& to) {
    std::string text = test::slurp(path);
    const auto pos = text.find(from);
    ASSERT_NE(pos, std::string::npos) << from << " not in " << path;
    text.replace(pos, from.size(), to);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::string usage_error(const std::string& code) {
    try {
        resolve_tumor_type(bundled(), code);
    } catch (const Error& error) {
        EXPECT_EQ(error.kind(), ErrorKind::usage);
        return error.why() + " | " + error.help();
    }
    ADD_FAILURE() << code << " was accepted";
    return {};
}

}  // namespace

TEST(OncoTree, BundlesEveryCodeOfADatedReleaseWithItsSource) {
    const auto doc = json::parse_json(test::slurp(kOncoTreeFile), kOncoTreeFile, ErrorKind::knowledge_base);
    const auto& source = doc["source"];
    EXPECT_STREQ(source["release"].GetString(), "oncotree_2025_10_03");
    EXPECT_STREQ(source["path"].GetString(), "trees/oncotree_2025_10_03.json");
    EXPECT_STREQ(source["repository"].GetString(), "https://github.com/cBioPortal/oncotree");
    EXPECT_EQ(std::string(source["commit"].GetString()).size(), 40u);
    EXPECT_STREQ(source["licence"].GetString(), "CC BY 4.0");
    // 898 nodes in the release: its root TISSUE is replaced by the precis roots SOLID and HEME.
    ASSERT_GE(doc["types"].Size(), 898u);
    for (const auto& type : doc["types"].GetArray()) {
        const std::string code = type["code"].GetString();
        ASSERT_NE(bundled().tumor_type(code), nullptr) << code;
        const auto lineage = bundled().lineage(code);
        EXPECT_TRUE(lineage.back() == "SOLID" || lineage.back() == "HEME") << code;
    }
    for (const char* code : {"GB", "BLLETV6RUNX1", "HCL-V", "AML", "IHCH", "GIST", "AMPCA", "PAAD"}) {
        EXPECT_NE(bundled().tumor_type(code), nullptr) << code;
    }
    EXPECT_TRUE(bundled().is_within("BLLETV6RUNX1", "HEME"));
    EXPECT_TRUE(bundled().is_within("GB", "SOLID"));
    EXPECT_FALSE(bundled().is_within("AMPCA", "BILIARY_TRACT"));
    const ReplacedTumorType* gbm = bundled().replaced_tumor_type("gbm");
    ASSERT_NE(gbm, nullptr);
    EXPECT_EQ(gbm->replaced_by, std::vector<std::string>{"GB"});
    EXPECT_EQ(bundled().replaced_tumor_type("GB"), nullptr);
}

// Compares with the release itself when a git copy of cBioPortal/oncotree is given.
TEST(OncoTree, HasEveryCodeOfTheReleaseInTheOncoTreeRepository) {
    const char* repo = std::getenv("PRECIS_ONCOTREE_REPO");
    if (repo == nullptr || *repo == '\0') {
        GTEST_SKIP() << "set PRECIS_ONCOTREE_REPO to a git copy of cBioPortal/oncotree to compare";
    }
    const auto doc = json::parse_json(test::slurp(kOncoTreeFile), kOncoTreeFile, ErrorKind::knowledge_base);
    const std::string object =
        std::string(doc["source"]["commit"].GetString()) + ":" + doc["source"]["path"].GetString();
    const std::string text = git_show(repo, object);
    ASSERT_FALSE(text.empty()) << object << " not found in " << repo;
    std::map<std::string, std::string> release;
    collect_codes(json::parse_json(text, object, ErrorKind::input), release);
    EXPECT_EQ(release.size(), 898u);
    for (const auto& [code, name] : release) {
        if (code == "TISSUE") {
            continue;  // replaced by SOLID and HEME
        }
        const TumorType* type = bundled().tumor_type(code);
        ASSERT_NE(type, nullptr) << code;
        EXPECT_EQ(type->name, name) << code;
    }
}

TEST(OncoTree, ValidateFindsBrokenMappingsAndFocus) {
    const std::filesystem::path dir = test::work_dir() / "kb";
    std::filesystem::copy(test::kKnowledgeBase, dir, std::filesystem::copy_options::recursive);
    replace_in_file(dir / "oncotree.json", "\"code\": \"GBM\"", "\"code\": \"GB\"");
    replace_in_file(dir / "oncotree.json", "[\n    \"ASTR\"", "[\n    \"ASTRX\"");
    replace_in_file(dir / "manifest.json", "\"GIST\"]", "\"GISTX\"]");
    const auto problems = KnowledgeBase::validate(dir.string(), test::kSchemas);
    const std::string all = [&] {
        std::string out;
        for (const std::string& problem : problems) {
            out += problem + "\n";
        }
        return out;
    }();
    EXPECT_EQ(problems.size(), 3u) << all;
    EXPECT_NE(all.find("oncotree.json: retired code GB is also a current"), std::string::npos) << all;
    EXPECT_NE(all.find("retired code AASTR is replaced by unknown tumour type ASTRX"), std::string::npos)
        << all;
    EXPECT_NE(all.find("manifest.json: focus: unknown tumour type 'GISTX'"), std::string::npos) << all;
}

TEST(TumourTypes, RetiredCodesAreReadAsTheirReplacementWithAWarning) {
    for (const char* given : {"GBM", "gbm"}) {
        const TumorTypeChoice choice = resolve_tumor_type(bundled(), given);
        EXPECT_EQ(choice.code, "GB");
        EXPECT_NE(choice.warning.find("GBM (Glioblastoma Multiforme)"), std::string::npos) << choice.warning;
        EXPECT_NE(choice.warning.find("interpreted as GB (Glioblastoma, IDH-Wildtype)"), std::string::npos)
            << choice.warning;
    }
    EXPECT_TRUE(resolve_tumor_type(bundled(), "ihch").warning.empty());
    EXPECT_EQ(resolve_tumor_type(bundled(), "ihch").code, "IHCH");
    EXPECT_EQ(resolve_tumor_type(bundled(), "DIPG").code, "DMG");
    // Codes only in OncoTree's development tree are read as their nearest ancestor in the release.
    EXPECT_EQ(resolve_tumor_type(bundled(), "GGNT").code, "BRAIN");
    EXPECT_EQ(resolve_tumor_type(bundled(), "HEMATOPOIETIC").code, "HEME");
    EXPECT_NE(resolve_tumor_type(bundled(), "GGNT").warning.find("development tree"), std::string::npos);
}

TEST(TumourTypes, UnknownOrAmbiguousCodesAreUsageErrors) {
    const std::string all = usage_error("ALL");  // split into B- and T-lymphoblastic leukaemia
    EXPECT_NE(all.find("BLL ("), std::string::npos) << all;
    EXPECT_NE(all.find("TLL ("), std::string::npos) << all;
    const std::string removed = usage_error("PCT");
    EXPECT_NE(removed.find("without a replacement"), std::string::npos) << removed;
    const std::string unknown = usage_error("XQZZY");
    EXPECT_NE(unknown.find("'XQZZY' is not a known OncoTree code"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("nearest valid codes: "), std::string::npos) << unknown;
}

TEST(TumourTypes, ScopeNoteOnlyOutsideTheCuratedFocus) {
    for (const char* code :
         {"IHCH", "EHCH", "PHCH", "CHOL", "GBC", "BILIARY_TRACT", "GIST", "SOLID", "gbc"}) {
        EXPECT_TRUE(bundled().in_focus(code)) << code;
        EXPECT_EQ(scope_note(bundled(), code), "") << code;
    }
    const std::string gb = scope_note(bundled(), "GB");
    EXPECT_EQ(gb.rfind("GB (Glioblastoma, IDH-Wildtype) is outside precis's curated focus (biliary tract "
                       "cancers, GIST)",
                       0),
              0u)
        << gb;
    EXPECT_NE(
        gb.find("Only tumour-agnostic evidence (SOLID) and evidence curated for this tumour type apply"),
        std::string::npos)
        << gb;
    EXPECT_NE(gb.find("off-label"), std::string::npos) << gb;
    const std::string all = scope_note(bundled(), "BLLETV6RUNX1");
    EXPECT_NE(all.find("does not cover it"), std::string::npos) << all;
    for (const char* code : {"AMPCA", "PAAD", "COAD", "SOFT_TISSUE", "HEME", "AML"}) {
        EXPECT_FALSE(bundled().in_focus(code)) << code;
        EXPECT_NE(scope_note(bundled(), code), "") << code;
    }
}

}  // namespace precis::kb
