#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The test command: installs missing dependencies, builds (warnings as errors) and runs the whole suite.
# Real-data tests read ../shared/realdata and skip with a message where it is absent.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/tools/install_deps.sh"
bash "$root/tools/build.sh" -DPRECIS_WERROR=ON "$@"
ctest --test-dir "${PRECIS_BUILD_DIR:-$root/build}" --output-on-failure --no-tests=error -j "$(nproc)"
