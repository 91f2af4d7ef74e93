# SPDX-License-Identifier: Apache-2.0
# Report writers: HTML, TSV, FHIR, PDF; plus a headless-Chromium check of the rendered page.
precis_add_test(report_tests
    unit/report/html_escape_test.cpp
    unit/report/html_writer_test.cpp
    unit/report/tsv_writer_test.cpp
    unit/report/fhir_writer_test.cpp
    unit/report/pdf_test.cpp
)
# Loads the HTML in headless Chromium over the DevTools pipe (Node, no npm packages): no network
# requests, no console errors, screenshot and print-to-PDF. Skips when chromium or node is absent.
precis_add_test(report_browser_tests
    browser/browser_test.cpp
)
target_compile_definitions(report_browser_tests PRIVATE
    PRECIS_BROWSER_CHECK_SCRIPT="${CMAKE_CURRENT_SOURCE_DIR}/browser/check_page.mjs")
