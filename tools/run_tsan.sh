#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ThreadSanitizer run of `precis batch`: builds precis and the batch tests with -fsanitize=thread into
# ${PRECIS_TSAN_BUILD_DIR:-build-tsan} (clang++ unless CXX names another compiler; GCC works too) and runs
# the batch tests (tests/batch, CTest label batch_tests) on ${PRECIS_TSAN_JOBS:-2} CTest jobs. Every test
# runs the instrumented precis binary, whose samples are interpreted on several worker threads (--jobs 2
# and 4). A data race aborts that precis process with exit code 66 and the report on its stderr, so the test
# that ran it fails (halt_on_error=1); the race reports are also kept in build-tsan/tsan/tsan.<pid>.
#   tools/run_tsan.sh [extra ctest arguments, e.g. -R Parallel]
# Not part of .ci/run: building the instrumented copy takes ~20 min on the 2-core machine (see the note).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PRECIS_TSAN_BUILD_DIR:-$root/build-tsan}
jobs=${PRECIS_TSAN_JOBS:-2}
compiler=${CXX:-clang++}

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$compiler" \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" -DPRECIS_WERROR=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target precis batch_tests

mkdir -p "$build/tsan"
rm -f "$build"/tsan/tsan.*
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 log_path=$build/tsan/tsan"
status=0
ctest --test-dir "$build" -L batch_tests -j "$jobs" --output-on-failure "$@" || status=$?
reports=("$build"/tsan/tsan.*)
if [[ -e "${reports[0]}" ]]; then
  echo "precis tsan: ThreadSanitizer reports in $build/tsan:" >&2
  head -n 40 "${reports[@]}" >&2
  exit 1
fi
if ((status != 0)); then
  echo "precis tsan: batch tests failed under ThreadSanitizer (no race report written)" >&2
  exit "$status"
fi
echo "precis tsan: batch tests passed, no data race reported"
