# SPDX-License-Identifier: Apache-2.0
# Report writers other than JSON (HTML, TSV, FHIR, PDF); paths relative to src/.
list(APPEND PRECIS_REPORT_SOURCES
    report/html_escape.cpp
    report/html_writer.cpp
    report/svg_plots.cpp
    report/tsv_writer.cpp
    report/fhir_writer.cpp
    report/pdf.cpp
    report/write_reports.cpp
)
