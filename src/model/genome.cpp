// SPDX-License-Identifier: Apache-2.0
#include "model/genome.hpp"

#include "common/strings.hpp"

namespace precis {

const char* to_string(Genome genome) noexcept {
    switch (genome) {
        case Genome::GRCh37:
            return "GRCh37";
        case Genome::GRCh38:
            return "GRCh38";
        case Genome::unknown:
            break;
    }
    return "unknown";
}

std::optional<Genome> parse_genome(std::string_view text) {
    const std::string value = str::lower(str::trim(text));
    if (value == "grch37" || value == "hg19" || value == "b37" || value == "37" || value == "grch37-lite") {
        return Genome::GRCh37;
    }
    if (value == "grch38" || value == "hg38" || value == "38" || value == "b38") {
        return Genome::GRCh38;
    }
    return std::nullopt;
}

}  // namespace precis
