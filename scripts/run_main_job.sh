#!/usr/bin/env bash
# Installs what is missing, builds and installs kobie into build/install, builds the examples against that installed
# tree (as a user's project would) and runs the main job: KOBIE_JOB=lorenz (default, examples/lorenz_sweep.cpp) or
# KOBIE_JOB=robertson (the stiff job, examples/robertson_sweep.cpp); KOBIE_RUNS sets the batch size (default 100000).
set -euo pipefail
job="${KOBIE_JOB:-lorenz}"
case "$job" in
  lorenz | robertson) ;;
  *)
    echo "kobie: KOBIE_JOB=$job is not a main job; allowed values are lorenz, robertson" >&2
    exit 2
    ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install_deps.sh"
jobs="${KOBIE_JOBS:-$(nproc)}"
cmake -S "$root" -B "$root/build/lib" -DCMAKE_BUILD_TYPE=Release -Dkobie_ENABLE_TESTS=OFF "$@"
cmake --build "$root/build/lib" --parallel "$jobs"
cmake --install "$root/build/lib" --prefix "$root/build/install"
cmake -S "$root/examples" -B "$root/build/examples" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$root/build/install" "$@"
cmake --build "$root/build/examples" --parallel "$jobs"
cd "$root/build" && "$root/build/examples/${job}_sweep" "${KOBIE_RUNS:-100000}" "$root/build/${job}_sweep_final_states.csv"
