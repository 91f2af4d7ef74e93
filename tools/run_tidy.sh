#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs clang-tidy (checks in .clang-tidy) over every src/**/*.cpp with the compile commands of a build
# directory, prints the findings and a count per check, and exits 1 when a finding is not covered by
# tools/tidy_baseline.txt (known findings, counted per file and check) or clang-tidy fails.
#   tools/run_tidy.sh                    check (build dir: ${PRECIS_BUILD_DIR:-build}, configured if needed)
#   tools/run_tidy.sh --write-baseline   rewrite tools/tidy_baseline.txt from this run's findings
#   tools/run_tidy.sh --from-log         no clang-tidy run: check the last run's log against the baseline
# Environment: PRECIS_TIDY_JOBS (default 2), PRECIS_TIDY_BASELINE (default tools/tidy_baseline.txt).
# The full clang-tidy output (with notes and source excerpts) is kept in BUILD/clang-tidy.log.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PRECIS_BUILD_DIR:-$root/build}
jobs=${PRECIS_TIDY_JOBS:-2}
baseline=${PRECIS_TIDY_BASELINE:-$root/tools/tidy_baseline.txt}
write_baseline=0
from_log=0
case "${1:-}" in
  "") ;;
  --write-baseline) write_baseline=1 ;;
  --from-log) from_log=1 ;;
  *) echo "usage: tools/run_tidy.sh [--write-baseline | --from-log]" >&2; exit 2 ;;
esac
log="$build/clang-tidy.log"
rc=0
elapsed=0

# Runs clang-tidy into $log; sets rc (run-clang-tidy's exit status) and elapsed (seconds).
run_clang_tidy() {
  # The project's build dependencies (headers for the analysis, cmake to configure); clang-tidy itself is
  # expected (CI installs it with clang-format).
  PRECIS_WITH_BROWSER=0 bash "$root/tools/install_deps.sh"
  runner=$(command -v run-clang-tidy || command -v run-clang-tidy-14 || true)
  if ! command -v clang-tidy >/dev/null || [[ -z "$runner" ]]; then
    echo "precis tidy: clang-tidy or run-clang-tidy not found (apt-get install clang-tidy)" >&2
    exit 2
  fi

  # compile_commands.json (CMAKE_EXPORT_COMPILE_COMMANDS is on): configuring is enough, the generated
  # headers (common/version.hpp) are written at configure time. An existing build directory is configured
  # again with its own cache, so that sources added since are in compile_commands.json.
  if [[ -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build" >/dev/null
  else
    echo "precis tidy: configuring $build for its compile_commands.json"
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${PRECIS_BUILD_TYPE:-Release}" >/dev/null
  fi
  # A source that no CMakeLists.txt lists is not analysed: say so.
  local file
  while read -r file; do
    grep -qF "\"$file\"" "$build/compile_commands.json" ||
      echo "precis tidy: warning: ${file#"$root"/} has no compile command (in no CMakeLists.txt?)" >&2
  done < <(find "$root/src" -name '*.cpp' | sort)

  start=$(date +%s)
  # The compile commands may come from GCC: -Wno-unknown-warning-option for GCC-only flags (-Wno-restrict),
  # -Wno-error so that a clang-only compiler warning under -Werror (e.g. -Wambiguous-reversed-operator on
  # RapidJSON's iterators) does not stop the analysis; compiler warnings are the compilers' job.
  # The file argument is a regex on the paths of the compile commands: precis' sources, not the tests.
  # run-clang-tidy 14 always asks for colours: they are stripped from the log.
  "$runner" -clang-tidy-binary "$(command -v clang-tidy)" -p "$build" -j "$jobs" -quiet \
    -extra-arg=-Wno-unknown-warning-option -extra-arg=-Wno-error "^$root/src/.*\.cpp\$" 2>&1 |
    sed 's/\x1b\[[0-9;]*m//g' >"$log" || rc=$?
  elapsed=$(($(date +%s) - start))
}

((from_log)) || run_clang_tidy
[[ -f "$log" ]] || { echo "precis tidy: no log $log to check" >&2; exit 2; }

# Findings: "path:line:col: warning|error: message [check]", once each (a header's finding is reported
# by every file that includes it). Paths relative to the repository.
findings=$(grep -E '^/[^:]+:[0-9]+:[0-9]+: (warning|error): .*\[[a-z0-9.,-]+\]$' "$log" |
  sed "s|^$root/||" | sort -u -t: -k1,1 -k2,2n -k3,3n -k4 || true)
# Counts per file and check: "path check count".
counts_file="$build/clang-tidy.counts"
printf '%s\n' "$findings" | sed -nE 's/^([^:]+):.*\[([a-z0-9.,-]+)\]$/\1 \2/p' | sort | uniq -c |
  awk '{print $2, $3, $1}' >"$counts_file"
n_findings=$(awk '{n += $3} END {print n + 0}' "$counts_file")

if ((write_baseline)); then
  {
    echo "# Known clang-tidy findings (tools/run_tidy.sh): \"path check-name count\". A run fails when a file"
    echo "# has more findings of a check than listed here, so no new finding gets in; these do not fail it."
    echo "# This list must shrink to empty: fix the findings of a file, then remove (or lower) its lines"
    echo "# (run_tidy.sh names the lines it can lower). Never add lines to get a change through."
    cat "$counts_file"
  } >"$baseline"
  echo "precis tidy: wrote $n_findings finding(s) to ${baseline#"$root"/}"
fi

# Compare with the baseline (comment and blank lines ignored): "new|stale path check found allowed",
# or "bad line" for a malformed baseline line.
allowed_file="$build/clang-tidy.allowed"
: >"$allowed_file"
[[ -f "$baseline" ]] && { grep -vE '^[[:space:]]*(#|$)' "$baseline" >"$allowed_file" || true; }
report=$(awk '
  FILENAME == ARGV[1] {
    if (NF == 3 && $3 ~ /^[0-9]+$/) allowed[$1 " " $2] = $3; else printf "bad %s\n", $0
    next
  }
  {
    key = $1 " " $2
    seen[key] = 1
    if ($3 > allowed[key] + 0) printf "new %s %s %d %d\n", $1, $2, $3, allowed[key] + 0
    else if ($3 < allowed[key] + 0) printf "stale %s %s %d %d\n", $1, $2, $3, allowed[key]
  }
  END { for (key in allowed) if (!(key in seen)) printf "stale %s 0 %d\n", key, allowed[key] }
' "$allowed_file" "$counts_file" | sort -k2)

if [[ -n "$findings" ]]; then
  echo "== clang-tidy findings =="
  printf '%s\n' "$findings"
fi
if ((from_log)); then
  echo "== clang-tidy: findings per check (src/**/*.cpp, from the last run's log ${log#"$root"/}) =="
else
  echo "== clang-tidy: findings per check (src/**/*.cpp, ${elapsed} s, log ${log#"$root"/}) =="
fi
awk '{n[$2] += $3} END {for (c in n) printf "%6d  %s\n", n[c], c}' "$counts_file" | sort -k1,1nr -k2
printf '%6d  total\n' "$n_findings"

status=0
if grep -q '^bad ' <<<"$report"; then
  echo "precis tidy: malformed lines in ${baseline#"$root"/} (expected: path check-name count):" >&2
  sed -n 's/^bad /  /p' <<<"$report" >&2
  status=1
fi
if grep -q '^stale ' <<<"$report"; then
  echo "precis tidy: fewer findings than the baseline allows; lower these lines of ${baseline#"$root"/}:"
  awk '$1 == "stale" {printf "  %s %s: %d now, %d allowed\n", $2, $3, $4, $5}' <<<"$report"
fi
if grep -q '^new ' <<<"$report"; then
  echo "precis tidy: NEW findings (not in ${baseline#"$root"/}):" >&2
  awk '$1 == "new" {printf "  %s %s: %d found, %d allowed\n", $2, $3, $4, $5}' <<<"$report" >&2
  status=1
fi
if ((rc != 0)); then
  echo "precis tidy: clang-tidy failed (exit $rc; compile errors?), see ${log#"$root"/}:" >&2
  grep -E ': error: ' "$log" | sort -u | head -20 >&2 || true
  status=1
fi
((status == 0)) && echo "precis tidy: no new findings"
exit "$status"
