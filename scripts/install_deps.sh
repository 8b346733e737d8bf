#!/usr/bin/env bash
# Installs, with apt, whatever kobie's build, tests and examples need and this Debian 12 machine lacks. Package names
# given as arguments are installed too (run_main_job.sh adds python3-matplotlib for the bifurcation job's picture).
set -euo pipefail
packages=(cmake make g++ libtrilinos-kokkos-dev libtrilinos-kokkos-kernels-dev libgtest-dev libbenchmark-dev
  libboost-dev libsundials-dev clang-format "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "kobie: installing missing packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
