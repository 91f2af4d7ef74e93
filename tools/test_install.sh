#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks that precis works as installed, without its source tree:
#  1. `cmake --install` into a prefix, the prefix moved elsewhere (relocatable), the example case run from a
#     copy outside the source tree; the binary must hold no path of the source tree; the installed
#     Snakemake workflow runs the example's sample job (when snakemake is installed);
#  2. the Debian package (`cpack -G DEB`) installed with apt-get, the example run with /usr/bin/precis,
#     then the package removed (skipped with a message when not root).
# Usage: tools/test_install.sh [BUILD_DIR]   (default: build, built by tools/build.sh)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-${PRECIS_BUILD_DIR:-$root/build}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check_reports() {  # DIR: the example's four reports exist and the JSON names the bundled KB
  local dir=$1
  for f in GBC-DEMO.precis.json GBC-DEMO.precis.html GBC-DEMO.precis.tsv GBC-DEMO.fhir.json; do
    [[ -s "$dir/$f" ]] || { echo "precis install test: $dir/$f missing" >&2; exit 1; }
  done
  grep -q '"kb_version"' "$dir/GBC-DEMO.precis.json" || { echo "precis install test: no kb_version" >&2; exit 1; }
}

cp -r "$root/testdata/example" "$work/case"

echo "== cmake --install, prefix moved =="
cmake --install "$build" --prefix "$work/staged" >/dev/null
mv "$work/staged" "$work/moved"
if grep -aq "$root/knowledgebase\|$root/schemas" "$work/moved/bin/precis"; then
  echo "precis install test: the binary holds a path of the source tree ($root)" >&2
  exit 1
fi
(cd "$work" && env -u PRECIS_KB_DIR -u PRECIS_SCHEMAS_DIR "$work/moved/bin/precis" interpret \
  --case "$work/case/case.json" --out "$work/out-prefix" --quiet >/dev/null)
check_reports "$work/out-prefix"
"$work/moved/bin/precis" kb validate | grep -q "$work/moved/share/precis/knowledgebase is valid"
# The binary alone (no share/precis beside it, no source tree above it): a clear error, exit 4.
mkdir -p "$work/alone" && cp "$work/moved/bin/precis" "$work/alone/"
rc=0
msg=$(cd "$work" && env -u PRECIS_KB_DIR -u PRECIS_SCHEMAS_DIR "$work/alone/precis" kb validate 2>&1) || rc=$?
if [[ $rc -ne 4 || "$msg" != *"cannot find the schemas directory"* ]]; then
  echo "precis install test: binary without data: expected exit 4 and 'cannot find', got $rc: $msg" >&2
  exit 1
fi
# The Snakemake workflow from the prefix: its sample job with the installed binary (when snakemake exists).
[[ -s "$work/moved/share/precis/workflow/Snakefile" && -s "$work/moved/share/precis/workflow/config.yaml" ]] ||
  { echo "precis install test: share/precis/workflow/ is missing" >&2; exit 1; }
if command -v snakemake >/dev/null 2>&1; then
  printf 'sample,tumor_type,case\nGBC-DEMO,GBC,case/case.json\n' >"$work/samples.csv"
  (cd "$work" && env -u PRECIS_KB_DIR -u PRECIS_SCHEMAS_DIR snakemake -s "$work/moved/share/precis/workflow/Snakefile" \
    --cores 1 --until interpret --config samplesheet=samples.csv outdir=out-workflow \
    precis="$work/moved/bin/precis" >"$work/workflow.log" 2>&1) ||
    { cat "$work/workflow.log" >&2; echo "precis install test: the installed workflow failed" >&2; exit 1; }
  check_reports "$work/out-workflow/GBC-DEMO"
fi
echo "installed copy: OK ($work/moved/bin/precis, data in share/precis)"

echo "== Debian package =="
if [[ $(id -u) -ne 0 ]]; then
  echo "precis install test: not root, the .deb install is skipped"
  exit 0
fi
(cd "$build" && cpack -G DEB -B "$work/deb" >/dev/null)
deb=$(ls "$work"/deb/precis_*.deb)
dpkg-deb --info "$deb" | sed -n 's/^ Depends: /depends: /p'
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$deb" >/dev/null
trap 'apt-get remove -y -qq precis >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
(cd "$work" && env -u PRECIS_KB_DIR -u PRECIS_SCHEMAS_DIR /usr/bin/precis interpret \
  --case "$work/case/case.json" --out "$work/out-deb" --quiet >/dev/null)
check_reports "$work/out-deb"
/usr/bin/precis kb validate | grep -q "/usr/share/precis/knowledgebase is valid"
[[ -s /usr/share/precis/workflow/Snakefile ]] || { echo "precis install test: no workflow in the package" >&2; exit 1; }
echo "Debian package: OK ($(basename "$deb"))"
