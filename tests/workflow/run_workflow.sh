#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Snakemake workflow (workflow/Snakefile) on the small bundled cohort of tests/workflow/samplesheet.csv,
# with `snakemake --cores 2` in a temporary directory:
#  1. three samples (a raw VCF; a case JSON; CNV + fusions + IHC + MSI file + TMB + purity + line): each
#     sample's reports and log, the samplesheet's options reaching precis, the cohort summary;
#  2. a samplesheet with an unknown column: the workflow stops before any job, naming the line;
#  3. one failing sample among good ones with --keep-going: the run fails, the good samples' reports
#     exist, the failure is in its log, and the `survivors` target builds the cohort of the others;
#  4. `bcftools csq` before precis (reference_fasta + gff3) on a synthetic contig (tests/workflow/synthetic.*)
#     when bcftools is installed.
# Exit 77 (skipped) when snakemake is not installed. Usage: run_workflow.sh PRECIS_BINARY
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
precis=${1:?usage: run_workflow.sh PRECIS_BINARY}

if ! command -v snakemake >/dev/null 2>&1; then
  echo "SKIPPED: snakemake is not installed (Debian: apt-get install snakemake; tools/install_deps.sh does it)"
  exit 77
fi
echo "snakemake $(snakemake --version)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "workflow test: FAIL: $*" >&2
  exit 1
}
# snk DIR KEY=VALUE... [-- SNAKEMAKE_ARGS...]: snakemake with the workflow and the configuration
# KEY=VALUE..., working directory DIR, 2 cores.
snk() {
  local dir=$1
  shift
  local config=(precis="$precis")
  while (($# > 0)) && [[ "$1" != "--" ]]; do
    config+=("$1")
    shift
  done
  (($# == 0)) || shift
  mkdir -p "$dir"
  snakemake --snakefile "$root/workflow/Snakefile" --directory "$dir" --cores 2 "$@" --config "${config[@]}"
}
expect_file() {
  [[ -s "$1" ]] || fail "$1 is missing or empty"
}
expect_grep() {  # PATTERN FILE
  grep -q -- "$1" "$2" || fail "$2 does not contain '$1'"
}

# `precis cohort --help` exits 0 even without the subcommand (the main help): look for its own usage line.
has_cohort=0
if [[ "$("$precis" cohort --help 2>&1 || true)" == *"Usage: "*"precis cohort"* ]]; then
  has_cohort=1
fi

echo "== 1. three samples =="
out=$work/run1/results
if ((has_cohort)); then
  snk "$work/run1" samplesheet="$here/samplesheet.csv" outdir=results >"$work/run1.log" 2>&1 ||
    { cat "$work/run1.log"; fail "snakemake failed on the bundled cohort"; }
else
  # Without `precis cohort` the per-sample jobs are still checked, then the test fails below.
  snk "$work/run1" samplesheet="$here/samplesheet.csv" outdir=results -- --until interpret >"$work/run1.log" 2>&1 ||
    { cat "$work/run1.log"; fail "snakemake failed on the bundled cohort's samples"; }
fi
for s in RAW-IDH1 CASE-GBC MIXED-EHCH; do
  for f in "$s.precis.json" "$s.precis.html" "$s.precis.tsv" "$s.fhir.json"; do
    expect_file "$out/$s/$f"
  done
  expect_file "$out/logs/$s.interpret.log"
  expect_grep "\"id\": \"$s\"" "$out/$s/$s.precis.json"  # the samplesheet's id (a case file has its own)
done
# The samplesheet's values reach precis: the raw VCF's IDH1 R132C hotspot, the case file's tumour type and
# CNV, the gene-table CNV, the fusion table, the MSI caller file, the line of therapy and the purity.
expect_grep '"alteration": "R132C"' "$out/RAW-IDH1/RAW-IDH1.precis.json"
expect_grep '"tumor_type": "GBC"' "$out/CASE-GBC/CASE-GBC.precis.json"
expect_grep 'testdata/example/example.cna.tsv' "$out/CASE-GBC/CASE-GBC.precis.json"
for text in '"tumor_type": "EHCH"' 'partner BICC1' '"homozygous deletion"' '"format": "gene-table"' \
  'testdata/ihc/ihc_mlh1_pms2_loss.json' '"caller": "msisensor"' '"score": 12.5' '"value": 12.4' \
  '"line_of_therapy": 2' '"purity": "0.7"'; do
  expect_grep "$text" "$out/MIXED-EHCH/MIXED-EHCH.precis.json"
done
if ((!has_cohort)); then
  fail "the 'precis cohort' command is missing from $precis (its --help shows no 'Usage: precis cohort')," \
    "so the workflow's cohort rule cannot run; the per-sample jobs passed"
fi
expect_file "$out/cohort.precis.tsv"
expect_file "$out/cohort.precis.html"
# One row per sample x finding (sample, tumor_type, status, finding_id, gene, alteration, ...); links to
# each sample's report.
expect_grep "^RAW-IDH1	IHCH	ok	F[0-9]*	IDH1	R132C	" "$out/cohort.precis.tsv"
expect_grep "^CASE-GBC	GBC	ok	" "$out/cohort.precis.tsv"
expect_grep "^MIXED-EHCH	EHCH	ok	F[0-9]*	FGFR2	" "$out/cohort.precis.tsv"
for s in RAW-IDH1 CASE-GBC MIXED-EHCH; do
  expect_grep "href=\"$s/$s.precis.html\"" "$out/cohort.precis.html"
done
# A second run has nothing to do.
snk "$work/run1" samplesheet="$here/samplesheet.csv" outdir=results -- --dry-run >"$work/rerun.log" 2>&1 ||
  fail "dry re-run failed: $(cat "$work/rerun.log")"
expect_grep "Nothing to be done" "$work/rerun.log"

echo "== 2. a samplesheet with an unknown column =="
mkdir -p "$work/bad"
printf 'sample,tumor_type,vcff\nA,IHCH,a.vcf\n' >"$work/bad/sheet.csv"
rc=0
snk "$work/bad" samplesheet=sheet.csv outdir=results >"$work/bad.log" 2>&1 || rc=$?
((rc != 0)) || fail "snakemake accepted a samplesheet with an unknown column"
expect_grep "precis: usage error: sheet.csv:1: unknown column 'vcff'" "$work/bad.log"
expect_grep "help: use the columns sample, tumor_type, genome, vcf" "$work/bad.log"
[[ ! -e "$work/bad/results" ]] || fail "a job ran despite the bad samplesheet"
# The other samplesheet errors of `precis batch`, each naming its line.
check_sheet() {  # CSV_TEXT EXPECTED_MESSAGE
  printf '%b' "$1" >"$work/bad/sheet.csv"
  rc=0
  snk "$work/bad" samplesheet=sheet.csv outdir=results >"$work/bad.log" 2>&1 || rc=$?
  ((rc != 0)) || fail "snakemake accepted the samplesheet: $1"
  expect_grep "$2" "$work/bad.log"
}
check_sheet 'sample,tumor_type\nA,IHCH\nB,IHCH\nA,GIST\n' "sheet.csv:4: sample 'A' is repeated (first on line 2)"
check_sheet 'sample,tumor_type\nA,IHCH\nB,\n' "sheet.csv:3: no tumor_type given"
check_sheet 'tumor_type\nIHCH\n' "sheet.csv:1: the required column 'sample' is missing"
check_sheet 'sample,tumor_type\nA,IHCH,x\n' "sheet.csv:2: 3 field(s) where the header has 2"
check_sheet 'sample,tumor_type,purity\nA,IHCH,high\n' "sheet.csv:2: column purity: 'high' is not a number"
check_sheet 'sample,tumor_type\n../A,IHCH\n' "sheet.csv:2: '../A' is not a valid sample id"
check_sheet 'sample,tumor_type,vcf\nA,IHCH,-\n' \
  "sheet.csv:2: column vcf: '-' (standard input) cannot feed a workflow job"

echo "== 3. one failing sample, --keep-going, then the survivors' cohort =="
mkdir -p "$work/run3"
cp "$root/testdata/golden/ihch_idh1_raw/input.vcf" "$work/run3/a.vcf"
printf 'sample,tumor_type,vcf,purity\nGOOD-1,IHCH,a.vcf,\nBAD-PURITY,IHCH,a.vcf,1.5\nGOOD-2,GBC,a.vcf,0.5\n' \
  >"$work/run3/sheet.csv"
rc=0
snk "$work/run3" samplesheet=sheet.csv outdir=results formats=json -- --keep-going >"$work/run3.log" 2>&1 || rc=$?
((rc != 0)) || fail "snakemake succeeded although a sample failed"
expect_grep "Error in rule interpret" "$work/run3.log"
expect_file "$work/run3/results/GOOD-1/GOOD-1.precis.json"
expect_file "$work/run3/results/GOOD-2/GOOD-2.precis.json"
[[ ! -e "$work/run3/results/BAD-PURITY/BAD-PURITY.precis.json" ]] || fail "the failed sample has a report"
expect_grep "precis: usage error" "$work/run3/results/logs/BAD-PURITY.interpret.log"
expect_grep "purity" "$work/run3/results/logs/BAD-PURITY.interpret.log"
[[ ! -e "$work/run3/results/cohort.precis.tsv" ]] || fail "the cohort rule ran although a sample failed"
snk "$work/run3" samplesheet=sheet.csv outdir=results formats=json -- survivors >"$work/survivors.log" 2>&1 ||
  fail "the survivors target failed: $(cat "$work/survivors.log")"
expect_grep "1 of 3 sample(s) have no report" "$work/survivors.log"
expect_grep "^BAD-PURITY	" "$work/run3/results/cohort.missing.txt"
expect_file "$work/run3/results/cohort.precis.tsv"
expect_grep "^GOOD-1	IHCH	ok	" "$work/run3/results/cohort.precis.tsv"
expect_grep "^GOOD-2	GBC	ok	" "$work/run3/results/cohort.precis.tsv"
! grep -q BAD-PURITY "$work/run3/results/cohort.precis.tsv" || fail "the failed sample is in the survivors' cohort"

echo "== 4. bcftools csq before precis =="
if ! command -v bcftools >/dev/null 2>&1; then
  echo "bcftools is not installed: the csq path is not tested"
else
  mkdir -p "$work/run4"
  cp "$here"/synthetic.fa "$here"/synthetic.gff3 "$here"/synthetic_braf.vcf "$here"/samplesheet_csq.csv "$work/run4/"
  snk "$work/run4" samplesheet=samplesheet_csq.csv outdir=results formats=json,tsv reference_fasta=synthetic.fa \
    gff3=synthetic.gff3 -- --until interpret >"$work/run4.log" 2>&1 || { cat "$work/run4.log"; fail "csq run failed"; }
  expect_file "$work/run4/results/annotated/CSQ-BRAF.bcsq.bcf"
  records=$(bcftools view -H "$work/run4/results/annotated/CSQ-BRAF.bcsq.bcf")
  [[ "$records" == *"BCSQ=missense|BRAF|SYNTHT0001|protein_coding|+|600V>600E"* ]] ||
    fail "the annotated BCF has no BCSQ for BRAF 600V>600E: $records"
  json=$work/run4/results/CSQ-BRAF/CSQ-BRAF.precis.json
  expect_file "$json"
  expect_grep 'CSQ-BRAF.bcsq.bcf' "$json"
  expect_grep '"alteration": "V600E"' "$json"
  expect_grep 'from bcftools BCSQ' "$json"
fi
echo "workflow test: OK"
