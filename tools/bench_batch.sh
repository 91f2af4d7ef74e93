#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Throughput of `precis batch`: N (default 1000) small panel cases (bundled clinical-case VCFs, several
# tumour types) in a temporary directory, run with --jobs 2 --formats json,tsv. Prints wall seconds,
# cases/s and peak RSS (with /usr/bin/time -v when present). Usage: tools/bench_batch.sh [N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-1000}
precis=${PRECIS_BIN:-${PRECIS_BUILD_DIR:-$root/build}/src/precis}
[[ -x "$precis" ]] || { echo "bench_batch: $precis not built" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/precis-bench-batch.XXXXXX")
trap 'rm -rf "$work"' EXIT

cases=(ihch_braf_v600e_tumour_agnostic:IHCH gist_braf_v600e:GIST ehch_idh1_r132h:EHCH
       coad_kras_g12d_anti_egfr_resistance:COAD gbc_braf_v600k_mnv_raw_vcf:GBC)
for i in "${!cases[@]}"; do
  cp "$root/tests/cases/${cases[$i]%%:*}/variants.vcf" "$work/case$i.vcf"
done
{
  echo "sample,tumor_type,vcf,genome"
  for ((s = 0; s < n; s++)); do
    c=$((s % ${#cases[@]}))
    printf 'S%05d,%s,case%d.vcf,GRCh38\n' "$s" "${cases[$c]##*:}" "$c"
  done
} >"$work/samples.csv"

cmd=("$precis" batch --samplesheet "$work/samples.csv" --out "$work/out" --jobs 2 --formats json,tsv --quiet)
start=$(date +%s.%N)
status=0
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -v "${cmd[@]}" 2>"$work/time.txt" || status=$?
else
  "${cmd[@]}" || status=$?
fi
end=$(date +%s.%N)
awk -v n="$n" -v s="$start" -v e="$end" -v rc="$status" \
  'BEGIN { w = e - s; printf "cases: %d  exit: %d  wall: %.1f s  throughput: %.1f cases/s\n", n, rc, w, n / w }'
if [[ -f "$work/time.txt" ]]; then
  grep -E "Maximum resident set size|Elapsed \(wall" "$work/time.txt" || true
fi
echo "failed samples: $(grep -c '"status": "failed"' "$work/out/batch.json" || true)"
