#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages precis needs to build and test, if any are missing.
set -euo pipefail
packages=(build-essential cmake pkg-config ccache libhts-dev rapidjson-dev libre2-dev libspdlog-dev libgtest-dev
          libcli11-dev tabix bcftools)
# Optional: headless Chromium and Node for the browser check of the HTML report and for --pdf.
if [[ "${PRECIS_WITH_BROWSER:-1}" == "1" ]]; then
  packages+=(chromium nodejs)
fi
# Optional: Snakemake for the workflow test (tests/workflow/run_workflow.sh, skipped without it).
if [[ "${PRECIS_WITH_WORKFLOW:-1}" == "1" ]]; then
  packages+=(snakemake)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "precis: installing ${missing[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
