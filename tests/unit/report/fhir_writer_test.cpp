// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>
#include <regex>
#include <set>
#include <string>

#include "report/writers.hpp"
#include "unit/report/sample_report.hpp"

namespace precis::report {
namespace {

using rapidjson::Value;

class report_fhir_bundle : public ::testing::Test {
  protected:
    void SetUp() override {
        text_ = render_fhir(test::sample_report());
        doc_.Parse(text_.c_str(), text_.size());
        ASSERT_FALSE(doc_.HasParseError()) << "FHIR output is not JSON";
        for (const auto& entry : doc_["entry"].GetArray()) {
            by_url_[entry["fullUrl"].GetString()] = &entry["resource"];
        }
    }

    static bool has_code(const Value& cc, const std::string& system, const std::string& code) {
        if (!cc.IsObject() || !cc.HasMember("coding")) {
            return false;
        }
        for (const auto& coding : cc["coding"].GetArray()) {
            if (coding.HasMember("code") && coding["code"].GetString() == code &&
                coding["system"].GetString() == system) {
                return true;
            }
        }
        return false;
    }

    static const Value* component(const Value& observation, const std::string& loinc) {
        if (!observation.HasMember("component")) {
            return nullptr;
        }
        for (const auto& c : observation["component"].GetArray()) {
            if (has_code(c["code"], "http://loinc.org", loinc)) {
                return &c;
            }
        }
        return nullptr;
    }

    std::vector<const Value*> observations(const std::string& profile) const {
        std::vector<const Value*> found;
        for (const auto& [url, resource] : by_url_) {
            const Value& r = *resource;
            if (std::string(r["resourceType"].GetString()) == "Observation" &&
                std::string(r["meta"]["profile"][0].GetString()) ==
                    "http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/" + profile) {
                found.push_back(resource);
            }
        }
        return found;
    }

    const Value* variant_for_gene(const std::string& gene) const {
        for (const Value* v : observations("variant")) {
            const Value* c = component(*v, "48018-6");
            if (c != nullptr && std::string((*c)["valueCodeableConcept"]["text"].GetString()) == gene) {
                return v;
            }
        }
        return nullptr;
    }

    std::string text_;
    rapidjson::Document doc_;
    std::map<std::string, const Value*> by_url_;
};

TEST_F(report_fhir_bundle, IsACollectionBundleWithAGenomicReportFirst) {
    EXPECT_STREQ(doc_["resourceType"].GetString(), "Bundle");
    EXPECT_STREQ(doc_["type"].GetString(), "collection");
    const Value& report = doc_["entry"][0]["resource"];
    EXPECT_STREQ(report["resourceType"].GetString(), "DiagnosticReport");
    EXPECT_STREQ(report["meta"]["profile"][0].GetString(),
                 "http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/genomic-report");
    EXPECT_TRUE(has_code(report["code"], "http://loinc.org", "51969-4"));
    EXPECT_TRUE(has_code(report["category"][0], "http://terminology.hl7.org/CodeSystem/v2-0074", "GE"));
    EXPECT_STREQ(report["status"].GetString(), "final");
    EXPECT_NE(std::string(report["conclusion"].GetString()).find("does not replace clinical judgement"),
              std::string::npos);
}

TEST_F(report_fhir_bundle, EveryObservationIsAResultOfTheReportAndEveryReferenceResolves) {
    const Value& report = doc_["entry"][0]["resource"];
    std::set<std::string> results;
    for (const auto& ref : report["result"].GetArray()) {
        const std::string target = ref["reference"].GetString();
        EXPECT_TRUE(by_url_.count(target)) << target;
        results.insert(target);
    }
    std::size_t observation_count = 0;
    std::set<std::string> urls;
    const std::regex uuid_urn("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    for (const auto& entry : doc_["entry"].GetArray()) {
        const std::string url = entry["fullUrl"].GetString();
        EXPECT_TRUE(std::regex_match(url, uuid_urn)) << url;
        EXPECT_EQ(url, "urn:uuid:" + std::string(entry["resource"]["id"].GetString()));
        EXPECT_TRUE(urls.insert(url).second) << "duplicate " << url;
        if (std::string(entry["resource"]["resourceType"].GetString()) == "Observation") {
            ++observation_count;
            EXPECT_TRUE(results.count(url)) << url << " is not in DiagnosticReport.result";
        }
    }
    // 5 findings + 5 therapy implications.
    EXPECT_EQ(observation_count, 10U);
    EXPECT_EQ(results.size(), observation_count);
}

TEST_F(report_fhir_bundle, VariantUsesTheRightLoincCodesAndNeverTheVariationCode) {
    EXPECT_EQ(text_.find("81252-9"), std::string::npos);
    const Value* pik = variant_for_gene("PIK3CA");
    ASSERT_NE(pik, nullptr);
    EXPECT_TRUE(has_code((*pik)["code"], "http://loinc.org", "69548-6"));
    EXPECT_TRUE(has_code((*pik)["valueCodeableConcept"], "http://loinc.org", "LA9633-4"));
    const Value* dna = component(*pik, "48004-6");
    ASSERT_NE(dna, nullptr);
    EXPECT_TRUE(
        has_code((*dna)["valueCodeableConcept"], "http://varnomen.hgvs.org", "NM_006218.4:c.3140A>G"));
    const Value* protein = component(*pik, "48005-3");
    ASSERT_NE(protein, nullptr);
    EXPECT_TRUE(has_code((*protein)["valueCodeableConcept"], "http://varnomen.hgvs.org",
                         "NP_006209.2:p.(His1047Arg)"));
    const Value* transcript = component(*pik, "51958-7");
    ASSERT_NE(transcript, nullptr);
    EXPECT_TRUE(
        has_code((*transcript)["valueCodeableConcept"], "http://www.ncbi.nlm.nih.gov/refseq", "NM_006218.4"));
    const Value* vaf = component(*pik, "81258-6");
    ASSERT_NE(vaf, nullptr);
    EXPECT_DOUBLE_EQ((*vaf)["valueQuantity"]["value"].GetDouble(), 0.31);
    const Value* source = component(*pik, "48002-0");
    ASSERT_NE(source, nullptr);
    EXPECT_TRUE(has_code((*source)["valueCodeableConcept"], "http://loinc.org", "LA6684-0"));
    EXPECT_NE(component(*pik, "62374-4"), nullptr);
}

TEST_F(report_fhir_bundle, CopyNumberIsAVariantWithCopyNumberComponent) {
    const Value* erbb2 = variant_for_gene("ERBB2");
    ASSERT_NE(erbb2, nullptr);
    const Value* type = component(*erbb2, "48019-4");
    ASSERT_NE(type, nullptr);
    EXPECT_TRUE(has_code((*type)["valueCodeableConcept"], "http://www.sequenceontology.org", "SO:0001742"));
    const Value* cn = component(*erbb2, "82155-3");
    ASSERT_NE(cn, nullptr);
    EXPECT_DOUBLE_EQ((*cn)["valueQuantity"]["value"].GetDouble(), 9.0);
}

TEST_F(report_fhir_bundle, TmbIsAMolecularBiomarkerInUcum) {
    const auto biomarkers = observations("molecular-biomarker");
    ASSERT_EQ(biomarkers.size(), 1U);
    const Value& tmb = *biomarkers[0];
    EXPECT_TRUE(has_code(tmb["code"], "http://loinc.org", "94076-7"));
    EXPECT_DOUBLE_EQ(tmb["valueQuantity"]["value"].GetDouble(), 12.5);
    EXPECT_STREQ(tmb["valueQuantity"]["system"].GetString(), "http://unitsofmeasure.org");
    EXPECT_STREQ(tmb["valueQuantity"]["code"].GetString(), "1/1000000{Base}");
}

TEST(report_fhir, MsiHighUsesItsLoincAnswer) {
    Report report = test::sample_report();
    Finding msi;
    msi.id = "F9";
    msi.alteration = "MSI-H";
    msi.category = Category::genomic_signature;
    report.findings.push_back(msi);
    const std::string text = render_fhir(report);
    EXPECT_NE(text.find("\"81695-9\""), std::string::npos);
    EXPECT_NE(text.find("\"LA26203-2\""), std::string::npos);
}

TEST_F(report_fhir_bundle, TherapeuticImplicationsLinkFindingsToMedicationsWithLevels) {
    const auto implications = observations("therapeutic-implication");
    ASSERT_EQ(implications.size(), 5U);
    bool saw_zanidatamab = false;
    bool saw_resistant = false;
    for (const Value* imp : implications) {
        EXPECT_TRUE(has_code((*imp)["code"],
                             "http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs",
                             "therapeutic-implication"));
        ASSERT_TRUE(imp->HasMember("derivedFrom"));
        const std::string source = (*imp)["derivedFrom"][0]["reference"].GetString();
        ASSERT_TRUE(by_url_.count(source)) << source;
        EXPECT_STREQ((*by_url_.at(source))["resourceType"].GetString(), "Observation");
        const Value* level = component(*imp, "93044-6");
        ASSERT_NE(level, nullptr);
        const Value* medication = component(*imp, "51963-7");
        ASSERT_NE(medication, nullptr);
        const std::string drug = (*medication)["valueCodeableConcept"]["text"].GetString();
        if (drug == "zanidatamab") {
            saw_zanidatamab = true;
            EXPECT_TRUE(has_code((*level)["valueCodeableConcept"], "urn:precis:evidence-level", "2"));
            EXPECT_NE(std::string((*imp)["derivedFrom"][0]["display"].GetString()).find("ERBB2"),
                      std::string::npos);
        }
        for (const auto& c : (*imp)["component"].GetArray()) {
            if (has_code(c["valueCodeableConcept"], "http://loinc.org", "LA6676-6")) {
                saw_resistant = true;
                EXPECT_EQ(drug, "cetuximab");
            }
        }
    }
    EXPECT_TRUE(saw_zanidatamab);
    EXPECT_TRUE(saw_resistant);
}

TEST(report_fhir, PriorTherapyIsInTheImplicationNote) {
    Report report = test::sample_report();
    report.findings[0].therapies[0].prior_therapies = {
        {{"zanidatamab"}, StoppedFor::progression, "", BestResponse::partial_response}};
    const std::string text = render_fhir(report);
    EXPECT_NE(text.find("Prior therapy: zanidatamab: progression (best response PR)"), std::string::npos);
    EXPECT_EQ(render_fhir(test::sample_report()).find("Prior therapy:"), std::string::npos);
}

TEST(report_fhir, AreDeterministicAndDependOnTheSample) {
    const std::string a = render_fhir(test::sample_report());
    EXPECT_EQ(a, render_fhir(test::sample_report()));
    const std::string b = render_fhir(test::sample_report("OTHER-SAMPLE"));
    rapidjson::Document da;
    rapidjson::Document db;
    da.Parse(a.c_str());
    db.Parse(b.c_str());
    EXPECT_STRNE(da["entry"][0]["fullUrl"].GetString(), db["entry"][0]["fullUrl"].GetString());
}

TEST(report_fhir, HostileAndInvalidUtf8TextStaysValidJson) {
    Report report = test::sample_report(std::string(test::kHostileSample) + "\xff\xfe\"\\");
    const std::string text = render_fhir(report);
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
    ASSERT_FALSE(doc.HasParseError());
    EXPECT_STREQ(doc["entry"][1]["resource"]["identifier"][0]["value"].GetString(),
                 "<img src=x onerror=alert(1)>\xEF\xBF\xBD\xEF\xBF\xBD\"\\");
}

}  // namespace
}  // namespace precis::report
