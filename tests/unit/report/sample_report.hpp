// SPDX-License-Identifier: Apache-2.0
// A realistic hand-built Report for the writer tests: HER2-positive gallbladder cancer with an ERBB2
// amplification (CN 9), TMB-high, a PIK3CA variant that raises a caution flag, a not-assessed fusion
// panel, warnings, and hostile strings in places an attacker controls (sample name, VCF INFO text).
#pragma once

#include <string>

#include "model/report.hpp"

namespace precis::test {

inline constexpr const char* kHostileSample = "<img src=x onerror=alert(1)>";
inline constexpr const char* kHostileInfo = "\"><script>alert('info')</script>&x=\ttab\nline";

inline SourceRef pmid(const std::string& id, const std::string& note = {}) {
    SourceRef s;
    s.type = "PMID";
    s.id = id;
    s.note = note;
    return s;
}

inline Report sample_report(const std::string& sample_id = "GBC-042") {
    Report r;
    r.sample_id = sample_id;
    r.tumor_type = "GBC";
    r.tumor_type_name = "Gallbladder Cancer";
    r.tumor_type_lineage = {"GBC", "BILIARY_TRACT", "SOLID"};
    r.genome = Genome::GRCh38;
    r.specimen = {{"purity", "0.6"}, {"specimen", "FFPE resection"}};
    r.provenance.precis_version = "0.1.0";
    r.provenance.kb_version = "2025.06";
    r.provenance.kb_hash = "3f1c0d9a";
    r.provenance.command_line = "precis interpret --vcf tumour.vcf.gz --cnv tumour.cns --tumor-type GBC";
    r.provenance.generated_at = "2000-01-01T00:00:00Z";
    r.provenance.inputs = {{"vcf", "/data/tumour.vcf.gz", "ab12", "vcf"},
                           {"cnv", "/data/tumour.cns", "cd34", "cnvkit"}};

    // F1: ERBB2 amplification with two HER2-directed therapies.
    Finding amp;
    amp.id = "F1";
    amp.gene = "ERBB2";
    amp.alteration = "amplification";
    amp.category = Category::copy_number;
    amp.value = 9.0;
    amp.details = "total copy number 9 (purity-adjusted), segment 17:39688094-39728658";
    amp.where = {"tumour.cns", 812, "17:39688094-39728658"};
    amp.oncogenicity = Oncogenicity::actionable;
    TherapyMatch zani;
    zani.evidence_id = "EV-ERBB2-BTC-ZANI";
    zani.drugs = {"zanidatamab"};
    zani.direction = Direction::sensitivity;
    zani.level = Level::level_2;
    zani.kb_level = Level::level_1;
    zani.amp_tier = "I-B";
    zani.on_label = false;
    zani.tumor_type_match = true;
    zani.evidence_tumor_types = {"BILIARY_TRACT"};
    zani.regulatory = {{"FDA", "accelerated_approval", "2024-11-20", "HER2-positive (IHC 3+) BTC", false}};
    zani.summary = "HERIZON-BTC-01: ORR 41% in ISH-amplified BTC.";
    zani.trials = {"NCT04466891"};
    zani.sources = {pmid("37276871", "Harding 2023 Lancet Oncol")};
    zani.note = "label requires IHC 3+; IHC not given";
    TherapyMatch tdxd;
    tdxd.evidence_id = "EV-HER2-PANTUMOR-TDXD";
    tdxd.drugs = {"trastuzumab deruxtecan"};
    tdxd.direction = Direction::sensitivity;
    tdxd.level = Level::level_3a;
    tdxd.kb_level = Level::level_3a;
    tdxd.amp_tier = "II-C";
    tdxd.on_label = false;
    tdxd.evidence_tumor_types = {"SOLID"};
    tdxd.regulatory = {
        {"FDA", "accelerated_approval", "2024-04-05", "HER2-positive (IHC 3+) solid tumours", false}};
    tdxd.sources = {pmid("37870536")};
    TherapyFlag caution;
    caution.rule_id = "FLAG-PIK3CA-HER2";
    caution.effect = RuleEffect::caution;
    caution.text = "PIK3CA activating mutation may reduce benefit from HER2-directed therapy.";
    caution.finding_ids = {"F3"};
    caution.sources = {pmid("24887612")};
    tdxd.flags = {caution};
    amp.therapies = {zani, tdxd};
    r.findings.push_back(amp);

    // F2: TMB-high.
    Finding tmb;
    tmb.id = "F2";
    tmb.gene = "";
    tmb.alteration = "TMB-H";
    tmb.category = Category::genomic_signature;
    tmb.value = 12.5;
    tmb.details = "12.5 mutations/Mb (40 variants over 3.2 Mb)";
    tmb.oncogenicity = Oncogenicity::actionable;
    TherapyMatch pembro;
    pembro.evidence_id = "EV-TMBH-PEMBRO";
    pembro.drugs = {"pembrolizumab"};
    pembro.direction = Direction::sensitivity;
    pembro.level = Level::level_1;
    pembro.kb_level = Level::level_1;
    pembro.amp_tier = "I-A";
    pembro.on_label = true;
    pembro.tumor_type_match = true;
    pembro.evidence_tumor_types = {"SOLID"};
    pembro.regulatory = {
        {"FDA", "accelerated_approval", "2020-06-16", "TMB-H (>=10 mut/Mb) solid tumours", true},
        {"EMA", "not_approved", "", "", false}};
    pembro.sources = {pmid("32919526"), {"NCT", "NCT02628067", "KEYNOTE-158", "", ""}};
    tmb.therapies = {pembro};
    r.findings.push_back(tmb);

    // F3: PIK3CA H1047R, small variant with a hostile INFO-derived detail and no therapy.
    Finding pik;
    pik.id = "F3";
    pik.gene = "PIK3CA";
    pik.alteration = "H1047R";
    pik.category = Category::small_variant;
    pik.vaf = 0.31;
    pik.depth = 412;
    pik.details = std::string("NM_006218.4:c.3140A>G INFO=") + kHostileInfo;
    pik.where = {"tumour.vcf.gz", 57, "3:179234297 A>G"};
    pik.oncogenicity = Oncogenicity::actionable;
    TherapyMatch alpelisib;
    alpelisib.evidence_id = "EV-PIK3CA-ALPELISIB";
    alpelisib.drugs = {"alpelisib", "fulvestrant"};
    alpelisib.direction = Direction::sensitivity;
    alpelisib.level = Level::level_4;
    alpelisib.kb_level = Level::level_4;
    alpelisib.amp_tier = "II-D";
    alpelisib.evidence_tumor_types = {"BREAST"};
    alpelisib.note = "off-label: evidence is for BREAST";
    pik.therapies = {alpelisib};
    r.findings.push_back(pik);

    // F4: KRAS G12D: resistance evidence.
    Finding kras;
    kras.id = "F4";
    kras.gene = "KRAS";
    kras.alteration = "G12D";
    kras.category = Category::small_variant;
    kras.vaf = 0.22;
    kras.depth = 380;
    kras.where = {"tumour.vcf.gz", 31, "12:25245350 C>T"};
    // Few reads support it: the low-support caveat belongs on the first screen.
    kras.support_caveat =
        "Only 3 variant-supporting reads: possibly subclonal or an artefact; confirm before acting.";
    kras.caveats = {kras.support_caveat};
    TherapyMatch cetux;
    cetux.evidence_id = "EV-KRAS-EGFR-RES";
    cetux.drugs = {"cetuximab"};
    cetux.direction = Direction::resistance;
    cetux.level = Level::level_r1;
    cetux.kb_level = Level::level_r1;
    cetux.amp_tier = "I-A";
    cetux.evidence_tumor_types = {"COADREAD"};
    TherapyFlag resistance;
    resistance.rule_id = "FLAG-KRAS-EGFR";
    resistance.effect = RuleEffect::resistance;
    resistance.text = "KRAS G12D predicts resistance to anti-EGFR antibodies.";
    resistance.finding_ids = {"F4"};
    cetux.flags = {resistance};
    kras.therapies = {cetux};
    r.findings.push_back(kras);

    // Other findings: a VUS with no therapy.
    Finding vus;
    vus.id = "F5";
    vus.gene = "ARID1A";
    vus.alteration = "P1326L";
    vus.category = Category::small_variant;
    vus.vaf = 0.12;
    vus.depth = 250;
    vus.oncogenicity = Oncogenicity::vus;
    vus.where = {"tumour.vcf.gz", 9, "1:26779000 C>T"};
    r.other_findings.push_back(vus);

    r.biomarkers = {
        {"ERBB2_AMP",
         "ERBB2 amplification",
         "ERBB2",
         Category::copy_number,
         BiomarkerState::detected,
         "total CN 9 >= 6",
         {"F1"}},
        {"TMB_H",
         "TMB high",
         "",
         Category::genomic_signature,
         BiomarkerState::detected,
         "12.5 mut/Mb >= 10",
         {"F2"}},
        {"MSI_H",
         "MSI high",
         "",
         Category::genomic_signature,
         BiomarkerState::not_detected,
         "MSIsensor-pro 1.2% < 10%",
         {}},
        {"FGFR2_FUSION",
         "FGFR2 fusion",
         "FGFR2",
         Category::fusion,
         BiomarkerState::not_assessed,
         "no fusion input was given (--fusions)",
         {}},
        {"NTRK_FUSION",
         "NTRK1/2/3 fusion",
         "NTRK1",
         Category::fusion,
         BiomarkerState::not_assessed,
         "no fusion input was given (--fusions)",
         {}},
        {"HER2_IHC",
         "HER2 IHC 3+",
         "ERBB2",
         Category::protein_expression,
         BiomarkerState::not_assessed,
         "no IHC input",
         {}},
    };
    r.therapy_summary = {
        {{"pembrolizumab"},
         Level::level_1,
         true,
         Direction::sensitivity,
         {"F2"},
         {"EV-TMBH-PEMBRO"},
         {},
         {"NCT02628067"}},
        {{"zanidatamab"},
         Level::level_2,
         false,
         Direction::sensitivity,
         {"F1"},
         {"EV-ERBB2-BTC-ZANI"},
         {},
         {"NCT04466891"}},
        {{"trastuzumab deruxtecan"},
         Level::level_3a,
         false,
         Direction::sensitivity,
         {"F1"},
         {"EV-HER2-PANTUMOR-TDXD"},
         {"caution: PIK3CA activating mutation may reduce benefit"},
         {}},
    };
    ContextItem soc;
    soc.id = "CTX-BTC-1L";
    soc.kind = "standard_of_care";
    soc.line = "first line";
    soc.title = "Gemcitabine-cisplatin with durvalumab or pembrolizumab";
    soc.text =
        "TOPAZ-1 and KEYNOTE-966 established chemo-immunotherapy as first-line standard for advanced BTC.";
    soc.sources = {pmid("37075781")};
    r.context = {soc};
    r.checks = {"Sample GBC-042 found in the VCF and the CNV file.",
                "ERBB2 amplification without HER2 IHC: confirm by IHC/ISH before anti-HER2 therapy."};
    r.thresholds = {{"amplification", "total CN >= 6"}, {"tmb_high", ">= 10 mut/Mb"}, {"min_vaf", "0.05"}};
    r.warnings = {"12 VCF records skipped: FILTER not PASS",
                  std::string("INFO value shown as text: ") + kHostileInfo};
    r.limitations = {"Germline status cannot be determined from tumour-only data."};
    r.disclaimer = "For research and decision support; verify findings in an accredited laboratory.";

    CopyNumberCall erbb2;
    erbb2.gene = "ERBB2";
    erbb2.cn_class = CopyNumberClass::amplification;
    erbb2.copy_number = 9.0;
    erbb2.chrom = "17";
    erbb2.start = 39688094;
    erbb2.end = 39728658;
    CopyNumberCall cdkn2a;
    cdkn2a.gene = "CDKN2A";
    cdkn2a.cn_class = CopyNumberClass::homozygous_deletion;
    cdkn2a.copy_number = 0.0;
    cdkn2a.chrom = "9";
    cdkn2a.start = 21967752;
    cdkn2a.end = 21995301;
    CopyNumberCall arm;
    arm.gene = "";
    arm.cn_class = CopyNumberClass::gain;
    arm.copy_number = 3.0;
    arm.chrom = "8";
    arm.start = 47000000;
    arm.end = 145000000;
    CopyNumberCall neutral;
    neutral.cn_class = CopyNumberClass::neutral;
    neutral.copy_number = 2.0;
    neutral.chrom = "1";
    neutral.start = 1;
    neutral.end = 248000000;
    CopyNumberCall myc;
    myc.gene = "MYC";
    myc.cn_class = CopyNumberClass::amplification;
    myc.copy_number = 24.0;
    myc.chrom = "8";
    myc.start = 127735434;
    myc.end = 127742951;
    r.segments_for_plot = {neutral, arm, cdkn2a, erbb2, myc};

    SmallVariant pik_v;
    pik_v.gene = "PIK3CA";
    pik_v.chrom = "3";
    pik_v.pos = 179234297;
    pik_v.ref = "A";
    pik_v.alt = "G";
    pik_v.protein_change = "H1047R";
    pik_v.hgvsc = "NM_006218.4:c.3140A>G";
    pik_v.hgvsp = "NP_006209.2:p.(His1047Arg)";
    pik_v.transcript = "NM_006218.4";
    pik_v.vaf = 0.31;
    pik_v.depth = 412;
    pik_v.where = {"tumour.vcf.gz", 57, "3:179234297 A>G"};
    SmallVariant kras_v;
    kras_v.gene = "KRAS";
    kras_v.chrom = "12";
    kras_v.pos = 25245350;
    kras_v.ref = "C";
    kras_v.alt = "T";
    kras_v.protein_change = "G12D";
    kras_v.hgvsc = "NM_004985.5:c.35G>A";
    kras_v.transcript = "NM_004985.5";
    kras_v.vaf = 0.22;
    kras_v.where = {"tumour.vcf.gz", 31, "12:25245350 C>T"};
    SmallVariant hostile_v;
    hostile_v.gene = "<svg onload=alert(2)>";
    hostile_v.chrom = "5";
    hostile_v.pos = 1295113;
    hostile_v.ref = "G";
    hostile_v.alt = "A";
    hostile_v.protein_change = "\"><script>alert(3)</script>";
    hostile_v.vaf = 0.45;
    r.variants_for_plot = {pik_v, kras_v, hostile_v};
    return r;
}

}  // namespace precis::test
