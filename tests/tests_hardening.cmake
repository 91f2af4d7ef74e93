# SPDX-License-Identifier: Apache-2.0
# Issue 9 hardening: numbers (NaN, infinity, overflow, ranges) in every input and option, and the
# quadratic or copy-heavy paths. Library-level reader tests and command-line tests (exit codes, messages,
# clinical outcome); small inputs in testdata/hardening/ or written by the tests.
precis_add_test(hardening_tests
    hardening/numeric_parsing_test.cpp
    hardening/numeric_readers_test.cpp
    hardening/numeric_cli_test.cpp
    hardening/scaling_test.cpp
    hardening/streams_test.cpp
    hardening/damaged_input_test.cpp
)
