#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Rewrites testdata/golden/*/expected/ with --deterministic output of the current build.
# A change to any golden file is reviewed like code: run this, then read `git diff testdata/golden`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
precis=${PRECIS_BIN:-$root/build/src/precis}
for case_dir in "$root"/testdata/golden/*/; do
  name=$(basename "$case_dir")
  rm -rf "$case_dir/expected"
  "$precis" interpret --case "$case_dir/case.json" --out "$case_dir/expected" --deterministic \
    --formats json,html,tsv,fhir --quiet >/dev/null
  rm -f "$case_dir"/expected/.*.precis.lock  # the per-sample lock of the report set
  echo "regenerated $name"
done
