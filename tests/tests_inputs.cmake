# SPDX-License-Identifier: Apache-2.0
# Copy number, fusions/SVs, IHC, MSI and TMB inputs (issue 3): unit tests and real-data tests (which skip
# when ../shared/realdata is absent).
precis_add_test(inputs_tests
    unit/inputs/copy_number_test.cpp
    unit/inputs/fusion_test.cpp
    unit/inputs/signals_test.cpp
)
# The individual GoogleTest cases are discovered by name (CnvReader.*, FusionRealData.*, ...); this entry
# runs the whole executable once so that `ctest -R inputs` selects the area.
add_test(NAME inputs_tests COMMAND inputs_tests)
