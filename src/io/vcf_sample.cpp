// SPDX-License-Identifier: Apache-2.0
#include "io/vcf_sample.hpp"

#include <algorithm>

#include "common/error.hpp"
#include "common/strings.hpp"

namespace precis::io {

SampleChoice choose_sample(const std::string& path, const std::vector<std::string>& samples,
                           std::string_view tumor_sample_hint, const SampleRequest& request) {
    const auto index_of = [&](std::string_view name) {
        const auto it = std::find(samples.begin(), samples.end(), name);
        return it == samples.end() ? -1 : static_cast<int>(it - samples.begin());
    };
    const auto chosen = [&](int index, std::string reason) {
        return SampleChoice{index, samples[static_cast<std::size_t>(index)], std::move(reason)};
    };
    if (request.otherwise == SampleDefault::tumour && samples.empty()) {
        return SampleChoice{-1, "", "sites-only VCF (no sample columns): VAF and depth not available"};
    }
    if (!request.name.empty()) {
        const int index = index_of(request.name);
        if (index >= 0) {
            return chosen(index, request.named_by == SampleNamedBy::tumor_sample_option
                                     ? "given with --tumor-sample"
                                     : "the sample id given");
        }
        if (request.named_by == SampleNamedBy::tumor_sample_option) {
            throw Error(ErrorKind::usage, path,
                        "--tumor-sample '" + request.name +
                            "' is not a sample of this VCF; it has: " + str::join(samples, ", "),
                        "pass one of the listed sample names");
        }
        throw Error(ErrorKind::usage, path,
                    "sample '" + request.name + "' is not in the VCF; it has: " + str::join(samples, ", "),
                    "give one of the sample names listed");
    }
    switch (request.otherwise) {
        case SampleDefault::none:
            return SampleChoice{-1, "", "no sample named: every sample column is read"};
        case SampleDefault::first:
            if (samples.empty()) {
                return SampleChoice{-1, "", "sites-only VCF (no sample columns)"};
            }
            return chosen(0, "the first sample column");
        case SampleDefault::tumour:
            break;
    }
    if (!tumor_sample_hint.empty()) {
        if (const int index = index_of(tumor_sample_hint); index >= 0) {
            return chosen(index, "from the header line ##tumor_sample=");
        }
    }
    if (samples.size() == 1) {
        return chosen(0, "the only sample in the VCF");
    }
    // Callers such as Strelka name the columns NORMAL and TUMOR: that is a hint too.
    int named = -1;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (str::iequals(samples[i], "TUMOR") || str::iequals(samples[i], "TUMOUR")) {
            named = static_cast<int>(i);
        }
    }
    if (named >= 0) {
        return chosen(named, "the sample column named " + samples[static_cast<std::size_t>(named)]);
    }
    throw Error(ErrorKind::usage, path,
                "the VCF has " + std::to_string(samples.size()) +
                    " samples and no ##tumor_sample= header line: " + str::join(samples, ", "),
                "choose the tumour column with --tumor-sample NAME");
}

std::vector<std::string> vcf_sample_names(const bcf_hdr_t* header) {
    std::vector<std::string> names;
    names.reserve(static_cast<std::size_t>(bcf_hdr_nsamples(header)));
    for (int i = 0; i < bcf_hdr_nsamples(header); ++i) {
        names.emplace_back(header->samples[i]);
    }
    return names;
}

std::string vcf_tumor_sample_hint(const bcf_hdr_t* header) {
    const bcf_hrec_t* hrec = bcf_hdr_get_hrec(header, BCF_HL_GEN, "tumor_sample", nullptr, nullptr);
    return hrec != nullptr && hrec->value != nullptr ? std::string(hrec->value) : std::string();
}

SampleChoice choose_sample(const std::string& path, const bcf_hdr_t* header, const SampleRequest& request) {
    return choose_sample(path, vcf_sample_names(header), vcf_tumor_sample_hint(header), request);
}

}  // namespace precis::io
