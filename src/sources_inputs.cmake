# SPDX-License-Identifier: Apache-2.0
# Copy number, fusions/SVs, IHC, MSI and TMB inputs (issue 3). Paths are relative to src/.
list(APPEND PRECIS_INPUT_SOURCES
    io/bed_reader.cpp
    io/cnv_reader.cpp
    io/sv_vcf_reader.cpp
    io/fusion_reader.cpp
    io/ihc_reader.cpp
    io/msi_reader.cpp
    interpret/copy_number_caller.cpp
    interpret/fusion_assessment.cpp
    interpret/tmb.cpp
    interpret/cross_checks.cpp
    interpret/inputs.cpp
)
