# SPDX-License-Identifier: Apache-2.0
# Every input under tests/fuzz/regressions/<target>/ (found by the libFuzzer targets, tools/fuzz) is run
# through the same parser code in the normal and the sanitizer builds: it must be read or rejected with
# precis::Error, never crash.
precis_add_test(fuzz_regression_tests
    unit/fuzz_regressions_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_targets.cpp
)
target_include_directories(fuzz_regression_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)
target_compile_definitions(fuzz_regression_tests PRIVATE
    PRECIS_FUZZ_SOURCE_DIR="${PRECIS_SOURCE_DIR}"
    PRECIS_FUZZ_DIR="${CMAKE_CURRENT_SOURCE_DIR}/fuzz")
