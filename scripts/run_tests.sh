#!/usr/bin/env bash
# Installs what is missing, builds kobie with its tests, and runs the whole suite with CTest (what CI runs).
# Extra arguments go to CMake's configure step, e.g. -DKokkos_ROOT=/opt/kokkos-openmp.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install_deps.sh"
build="${KOBIE_BUILD_DIR:-$root/build/tests}"
jobs="${KOBIE_JOBS:-$(nproc)}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -Dkobie_ENABLE_TESTS=ON -Dkobie_ENABLE_BENCHMARKS=ON "$@"
cmake --build "$build" --parallel "$jobs"
cd "$build"
OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}" ctest --output-on-failure --parallel "$jobs"
