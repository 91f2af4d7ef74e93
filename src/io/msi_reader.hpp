// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/input_name.hpp"
#include "model/profile.hpp"

namespace precis::io {

//! A caller's default MSI-H threshold and indeterminate band, with where it comes from (standards.md §2.7).
struct MsiDefaults {
    double threshold = 0.0;                   //!< MSI-H at score >= threshold
    std::optional<double> indeterminate_low;  //!< [low, threshold) is indeterminate
    std::string source;
};

//! Callers with defaults: msisensor, msisensor-pro, msisensor2, mantis, purple.
const std::vector<std::string>& msi_callers();
//! nullopt for an unknown caller name.
std::optional<MsiDefaults> msi_defaults(const std::string& caller);

//! Reads an MSI result file: MSIsensor / MSIsensor-pro / msisensor2 (Total_Number_of_Sites,
//! Number_of_Somatic_Sites or Number_of_Unstable_Sites, %; the score is the % column), a MANTIS .status
//! file (Step-Wise Difference (DIF) row), or a PURPLE purity.tsv (msIndelsPerMb). `caller` names the tool
//! for the 3-column format (msisensor when empty: the formats are identical). Sets score, sites, caller and
//! where; classify_msi() sets the status. Throws Error(input) listing the known formats otherwise.
MsiResult read_msi_file(const InputName& file, const std::string& caller, std::string& detected_format);

//! Applies the caller's default threshold (or `threshold_override`) and sets status to "MSI-H", "MSS" or
//! "indeterminate", with threshold, indeterminate_low and threshold_source. A result with a status but no
//! score (given by the user) is left as is.
void classify_msi(MsiResult& result, std::optional<double> threshold_override);

//! PURPLE purity.tsv: MSI (msIndelsPerMb, msStatus) and TMB (tmbPerMb) with purity and ploidy.
struct PurpleQc {
    MsiResult msi;
    TmbResult tmb;
    std::optional<double> purity;
    std::optional<double> ploidy;
};
bool looks_like_purple_purity(const InputName& file);
PurpleQc read_purple_purity(const InputName& file);

//! Understands genomic-signature names as OncoKB and reports write them: "MSI-H", "MSI-High",
//! "Microsatellite Instability-High", "MSI high" -> "MSI-H"; "MSS", "Microsatellite Stable", "MSI-L" ->
//! "MSS"; "TMB-H", "TMB-High", "Tumor Mutational Burden-High" -> "TMB-H"; "TMB-L" -> "TMB-L"; "dMMR", "MMR
//! deficient", "Mismatch Repair Deficient" -> "dMMR"; "pMMR" -> "pMMR". nullopt otherwise.
std::optional<std::string> parse_signature(std::string_view text);

}  // namespace precis::io
