#!/usr/bin/env bash
# Installs what is missing, builds and installs kobie into build/install, builds the examples against that installed
# tree (as a user's project would) and runs the main job: KOBIE_JOB=lorenz (default, examples/lorenz_sweep.cpp) or
# KOBIE_JOB=robertson (the stiff job, examples/robertson_sweep.cpp); KOBIE_RUNS sets the batch size (default 100000).
# KOBIE_JOB=bifurcation runs examples/lorenz_bifurcation.cpp (KOBIE_RUNS default 20000) and draws its output into
# docs/lorenz_bifurcation.png with scripts/plot_bifurcation.py (Debian's python3-matplotlib, installed for this job).
set -euo pipefail
job="${KOBIE_JOB:-lorenz}"
extra_packages=()
case "$job" in
  lorenz | robertson) target="${job}_sweep" ;;
  bifurcation)
    target=lorenz_bifurcation
    extra_packages=(python3-matplotlib)
    ;;
  *)
    echo "kobie: KOBIE_JOB=$job is not a main job; allowed values are lorenz, robertson, bifurcation" >&2
    exit 2
    ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install_deps.sh" "${extra_packages[@]}"
jobs="${KOBIE_JOBS:-$(nproc)}"
cmake -S "$root" -B "$root/build/lib" -DCMAKE_BUILD_TYPE=Release -Dkobie_ENABLE_TESTS=OFF "$@"
cmake --build "$root/build/lib" --parallel "$jobs"
cmake --install "$root/build/lib" --prefix "$root/build/install"
cmake -S "$root/examples" -B "$root/build/examples" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$root/build/install" "$@"
cmake --build "$root/build/examples" --parallel "$jobs" --target "$target"  # only the example this job runs
cd "$root/build"
if [ "$job" = bifurcation ]; then
  "$root/build/examples/lorenz_bifurcation" "${KOBIE_RUNS:-20000}" "$root/build/lorenz_bifurcation.csv"
  mkdir -p "$root/docs"
  # Debian's python (with python3-matplotlib), not whichever python3 comes first on PATH.
  /usr/bin/python3 "$root/scripts/plot_bifurcation.py" "$root/build/lorenz_bifurcation.csv" \
    "$root/docs/lorenz_bifurcation.png"
else
  "$root/build/examples/$target" "${KOBIE_RUNS:-100000}" "$root/build/${job}_sweep_final_states.csv"
fi
