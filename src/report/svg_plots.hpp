// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "model/genome.hpp"
#include "model/profile.hpp"

//! Inline SVG pictures for the HTML report. Pure presentation: positions are laid out along the
//! concatenated autosomes and X/Y of the report's genome build; every label is escaped.
namespace precis::report::svg {

//! Genome-wide copy-number plot (absolute copy number per segment, coloured and labelled by class).
//! Returns an empty string when there are no plottable segments.
std::string copy_number_plot(const std::vector<CopyNumberCall>& segments, Genome genome);

//! Variant allele fraction of each small variant along the genome. Empty when no variant has a VAF.
std::string vaf_plot(const std::vector<SmallVariant>& variants, Genome genome);

}  // namespace precis::report::svg
