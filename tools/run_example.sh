#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main job on the bundled example case: installs missing dependencies, builds, interprets
# testdata/example/ and prints where the reports are.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/tools/install_deps.sh"
bash "$root/tools/build.sh"
out=${1:-$root/out/example}
"$root/build/src/precis" interpret --case "$root/testdata/example/case.json" --out "$out"
echo
echo "Reports for the example case are in $out:"
ls -1 "$out"
