// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/input_name.hpp"
#include "model/profile.hpp"

namespace precis::io {

struct FusionReadOptions {
    std::string format = "auto";  //!< auto|arriba|star-fusion|table
    int min_reads = 2;            //!< split + spanning reads, applied when the file gives read counts
    std::string sample_id;        //!< picks the rows of a multi-sample table
    bool strict = false;
};

struct FusionData {
    std::string format;  //!< arriba, star-fusion, table
    std::string detail;  //!< e.g. "Arriba fusions.tsv (24 columns)", "LINX fusion table"
    std::vector<Fusion> fusions;
    std::int64_t rows = 0;                        //!< data rows (records) read
    std::map<std::string, std::int64_t> skipped;  //!< rows skipped or left out, per reason
    std::vector<std::string> warnings;
};

const std::vector<std::string>& fusion_formats();

//! Reads RNA fusion-caller output or a plain fusion table. Arriba: gene1 is the 5' partner, columns found
//! by name (1.x and 2.x layouts). STAR-Fusion: LeftGene/RightGene (the symbol before '^') are trusted, never
//! #FusionName; a disagreeing FusionName is counted in a warning. Tables: a fusion-name column
//! ("A--B", "A::B", "A-B"; "X-intragenic"; an empty side for an unknown partner) or two gene columns
//! (GeneA/GeneB, Site1_/Site2_Hugo_Symbol for cBioPortal SV, geneStart/geneEnd for LINX), with optional
//! breakpoints ("chr:pos[:strand]") and read counts. Rows below `min_reads` are skipped and counted.
//! Caller values: "arriba", "star-fusion", "table" (order as written, not verified), "linx".
FusionData read_fusions(const InputName& file, const FusionReadOptions& options);

//! Splits a fusion name into (5', 3'): "A--B", "A::B", "A/B", a single "A-B" hyphen; a trailing " fusion"
//! is dropped; "X-intragenic" gives (X, X); "FGFR2--" gives (FGFR2, "").
std::pair<std::string, std::string> split_fusion_name(std::string_view name);

//! Parses "chr:pos" or "chr:pos:strand" (STAR-Fusion, Arriba, PCGR); nullopt when malformed.
std::optional<Breakpoint> parse_breakpoint(std::string_view text);

}  // namespace precis::io
