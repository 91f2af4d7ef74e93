#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The test command: installs missing dependencies, builds (warnings as errors) and runs the whole suite.
# Real-data tests read ../shared/realdata and skip with a message where it is absent.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/tools/install_deps.sh"
bash "$root/tools/build.sh" -DPRECIS_WERROR=ON "$@"
build=${PRECIS_BUILD_DIR:-$root/build}
# The FHIR R4 validator (npm package 'fhir', pinned in tests/fhir/package.json); its test skips without it.
if command -v npm >/dev/null 2>&1 && [[ ! -d "$build/fhir-validator/node_modules/fhir" ]]; then
  mkdir -p "$build/fhir-validator"
  cp "$root/tests/fhir/package.json" "$build/fhir-validator/"
  (cd "$build/fhir-validator" && npm install --no-audit --no-fund --silent >/dev/null 2>&1) ||
    echo "precis: npm install of the FHIR validator failed; its test will be skipped" >&2
fi
ctest --test-dir "${PRECIS_BUILD_DIR:-$root/build}" --output-on-failure --no-tests=error -j "$(nproc)"
