#!/usr/bin/env bash
# Runs kobie's CUDA checks on a GPU machine from prebuilt binaries: every CUDA unit-test executable and the GPU
# benchmarks (kobie_perf_gpu, JSON out), and writes one summary, summary.txt. The GPU machine needs only the binaries,
# bash and the usual command-line tools (awk, grep, sed, timeout): no CMake, compiler or Python.
#
#   scripts/run_gpu_checks.sh [BIN_DIR [OUT_DIR]]      run; BIN_DIR defaults to build-gpu-bin, OUT_DIR to $OUT
#                                                      (or gpu-checks-out when $OUT is unset)
#   scripts/run_gpu_checks.sh --build [BIN_DIR]        build the binaries here (no GPU needed) and copy them to BIN_DIR
#
# Building the binaries (what --build does; nvcc takes a long time, the stiff kernels most: keep -j low on a shared
# machine). CUDA Kokkos installed at /tmp/kokkos-cuda; the static C++ runtime lets the binaries run on a machine whose
# libstdc++ differs (nvcc links the CUDA runtime statically; libcuda.so comes from the GPU machine's driver):
#
#   cmake -S . -B build/gpu-checks -DCMAKE_BUILD_TYPE=Release \
#       -DKokkos_ROOT=/tmp/kokkos-cuda -DCMAKE_CXX_COMPILER=/tmp/kokkos-cuda/bin/nvcc_wrapper \
#       -DCMAKE_EXE_LINKER_FLAGS="-static-libstdc++ -static-libgcc" \
#       -Dkobie_ENABLE_TESTS=ON -Dkobie_ENABLE_BENCHMARKS=ON -Dkobie_ENABLE_KOKKOSKERNELS=OFF
#   cmake --build build/gpu-checks -j1 --target kobie_unit_tests_cuda kobie_stiff_tests_cuda kobie_perf_gpu
#   mkdir -p build-gpu-bin        # git-ignored (/build*/), so it never enters a commit
#   cp build/gpu-checks/unit_tests/kobie_unit_tests_cuda build/gpu-checks/unit_tests/kobie_stiff_tests_cuda \
#      build/gpu-checks/perf_tests/kobie_perf_gpu build-gpu-bin/
#   cp /usr/lib/x86_64-linux-gnu/libbenchmark.so.1debian build-gpu-bin/   # Debian's Google Benchmark is shared
#
# The script puts BIN_DIR first on LD_LIBRARY_PATH. libbenchmark.so.1debian itself needs the system's libstdc++.so.6
# (GCC 12's or newer); on a GPU machine with an older one, copy /usr/lib/x86_64-linux-gnu/libstdc++.so.6 beside it too.
#
# The unit-test executables are the CUDA instances of the test harness (cmake/kobieTestHarness.cmake): one per test
# set, kobie_<set>_tests_cuda (set `unit`: ctest label unit; set `stiff`: label stiff). CTest runs each gtest case as
# its own process; here each executable runs once, all its cases in one process (gtest's own output), which is what
# a machine without CMake can do. The ctest tests that are not CUDA executables (format, include layers, install,
# compile-fail, the benchmark script's self-test) do not depend on the backend and run with `ctest` on the build
# machine.
#
# Environment:
#   KOBIE_GPU_TESTS=glob          unit-test executables in BIN_DIR (default: kobie_*_tests_cuda)
#   KOBIE_GPU_TEST_TIMEOUT=s      limit per unit-test executable (default 1200)
#   KOBIE_GPU_TEST_ARGS=...       extra gtest arguments, e.g. --gtest_filter='*rosenbrock*'
#   KOBIE_GPU_BENCH_FILTER=regex  --benchmark_filter of kobie_perf_gpu (default: every case)
#   KOBIE_GPU_BENCH_ARGS=...      extra Google Benchmark arguments, e.g. --benchmark_repetitions=3
#   KOBIE_GPU_BENCH_TIMEOUT=s     limit for kobie_perf_gpu (default 3600)
#   KOBIE_GPU_SKIP_TESTS=1, KOBIE_GPU_SKIP_BENCH=1   leave out one half
#   kobie_perf_gpu's own: KOBIE_GPU_BENCH_MIN_LOG2 / _MAX_LOG2 (Lorenz), KOBIE_GPU_BENCH_ROBERTSON_LOG2,
#   KOBIE_GPU_BENCH_POLLU_LOG2 (perf_tests/README.md).
#
# Output (OUT_DIR): <test>.log and <test>.xml per unit-test executable, kobie_perf_gpu.log (console, with the driver's
# kobie/peer table), kobie_perf_gpu.json, nvidia-smi.txt, summary.txt. Exit status 0 when every test passed and every
# benchmark ran without error, 1 otherwise, 2 for bad arguments.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ "${1:-}" == "--build" ]]; then
  set -e
  bin="${2:-$root/build-gpu-bin}"
  build="${KOBIE_BUILD_DIR:-$root/build/gpu-checks}"
  kokkos="${KOBIE_KOKKOS_CUDA:-/tmp/kokkos-cuda}"
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DKokkos_ROOT="$kokkos" \
    -DCMAKE_CXX_COMPILER="$kokkos/bin/nvcc_wrapper" -DCMAKE_EXE_LINKER_FLAGS="-static-libstdc++ -static-libgcc" \
    -Dkobie_ENABLE_TESTS=ON -Dkobie_ENABLE_BENCHMARKS=ON -Dkobie_ENABLE_KOKKOSKERNELS=OFF
  cmake --build "$build" --parallel "${KOBIE_JOBS:-1}" --target kobie_unit_tests_cuda kobie_stiff_tests_cuda \
    kobie_perf_gpu
  mkdir -p "$bin"
  cp "$build"/unit_tests/kobie_*_tests_cuda "$build/perf_tests/kobie_perf_gpu" "$bin/"
  lib=/usr/lib/x86_64-linux-gnu/libbenchmark.so.1debian
  if [[ -e "$lib" ]]; then cp -L "$lib" "$bin/"; fi
  ls -l "$bin"
  exit 0
fi

bin="${1:-$root/build-gpu-bin}"
out="${2:-${OUT:-$root/gpu-checks-out}}"
if [[ ! -d "$bin" ]]; then
  echo "run_gpu_checks.sh: no binary folder $bin (build it with: $0 --build)" >&2
  exit 2
fi
bin="$(cd "$bin" && pwd)"
mkdir -p "$out" || exit 2
out="$(cd "$out" && pwd)"
export LD_LIBRARY_PATH="$bin${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"  # libbenchmark.so.1debian beside the binaries
summary="$out/summary.txt"
status=0

with_timeout() {  # with_timeout SECONDS command...: `timeout` where the machine has it
  local limit="$1"
  shift
  if command -v timeout > /dev/null 2>&1; then timeout --kill-after=30 "$limit" "$@"; else "$@"; fi
}

{
  echo "kobie GPU checks, $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(hostname 2>/dev/null || echo unknown)"
  echo "binaries: $bin"
  if command -v nvidia-smi > /dev/null 2>&1; then
    nvidia-smi > "$out/nvidia-smi.txt" 2>&1
    echo "GPU: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | head -n 4 |
      paste -sd ';' -)"
  else
    echo "GPU: nvidia-smi not found"
  fi
  echo
} > "$summary"

# ---- Unit tests ------------------------------------------------------------------------------------------------------
if [[ "${KOBIE_GPU_SKIP_TESTS:-0}" != "1" ]]; then
  shopt -s nullglob
  # shellcheck disable=SC2206  # the pattern is meant to glob
  tests=("$bin"/${KOBIE_GPU_TESTS:-kobie_*_tests_cuda})
  shopt -u nullglob
  {
    echo "== Unit tests (each executable once, all its gtest cases in one process)"
    printf '%-28s %7s %7s %7s %6s %8s  %s\n' executable passed failed skipped exit seconds note
  } >> "$summary"
  failures=""
  if [[ ${#tests[@]} -eq 0 ]]; then
    echo "no unit-test executable matches $bin/${KOBIE_GPU_TESTS:-kobie_*_tests_cuda}" >> "$summary"
    status=1
  fi
  for exe in "${tests[@]}"; do
    name="$(basename "$exe")"
    log="$out/$name.log"
    echo "running $name ..." >&2
    start=$(date +%s)
    # shellcheck disable=SC2086  # KOBIE_GPU_TEST_ARGS is a list of arguments
    (cd "$out" && with_timeout "${KOBIE_GPU_TEST_TIMEOUT:-1200}" "$exe" --gtest_color=no \
      --gtest_output="xml:$out/$name.xml" ${KOBIE_GPU_TEST_ARGS:-}) > "$log" 2>&1
    rc=$?
    seconds=$(($(date +%s) - start))
    passed=$(grep -c '^\[       OK \] ' "$log")
    failed=$(grep -cE '^\[  FAILED  \] .+ \([0-9]+ ms\)$' "$log")
    skipped=$(grep -cE '^\[  SKIPPED \] .+ \([0-9]+ ms\)$' "$log")
    note=""
    if ! grep -qE '^\[==========\] [0-9]+ tests? from .* ran\.' "$log"; then
      # The run did not finish: a crash, an abort or the time limit; name the case that was running.
      running=$(awk '/^\[ RUN      \] /{t=$4} /^\[       OK \] |^\[  FAILED  \] |^\[  SKIPPED \] /{t=""} END{print t}' "$log")
      note="did not finish (exit $rc${running:+, during $running})"
      [[ $rc -eq 124 || $rc -eq 137 ]] && note="timed out after ${KOBIE_GPU_TEST_TIMEOUT:-1200} s${running:+, during $running}"
    fi
    if [[ $rc -ne 0 || $failed -gt 0 || -n "$note" ]]; then
      status=1
    fi
    printf '%-28s %7d %7d %7d %6d %8d  %s\n' "$name" "$passed" "$failed" "$skipped" "$rc" "$seconds" "$note" >> "$summary"
    if [[ $failed -gt 0 ]]; then
      failures+="$(grep -E '^\[  FAILED  \] .+ \([0-9]+ ms\)$' "$log" | sed -E "s/^\[  FAILED  \] /  $name: /")"$'\n'
    fi
  done
  if [[ -n "$failures" ]]; then
    printf '\nfailed cases:\n%s' "$failures" >> "$summary"
  fi
  echo >> "$summary"
fi

# ---- Benchmarks ------------------------------------------------------------------------------------------------------
summarize_json() {  # Google Benchmark JSON (one key per line, as it writes it) -> tables; awk only
  awk '
    function variant(p) { return !(p ~ /^[0-9]+$/) && index(p, ":") == 0 && p != "real_time" && p != "process_time" &&
                                 p != "manual_time" }
    function pair_key(tail,    parts, n, i, k) {  # <case>/<variant>.../<args> -> <case>/<args>
      n = split(tail, parts, "/")
      k = parts[1]
      for (i = 2; i <= n; ++i) if (!variant(parts[i]) || i > 2 && !variant(parts[i - 1])) k = k "/" parts[i]
      return k
    }
    function median(name,    n, i, j, v, tmp) {  # median sample of an iteration list, by runs/s
      n = count[name]
      for (i = 1; i <= n; ++i) v[i] = i
      for (i = 2; i <= n; ++i) for (j = i; j > 1 && rps[name, v[j - 1]] > rps[name, v[j]]; --j) {
        tmp = v[j]; v[j] = v[j - 1]; v[j - 1] = tmp
      }
      return v[int((n + 1) / 2)]
    }
    function finish(   name) {
      name = ("run_name" in obj) ? obj["run_name"] : obj["name"]
      if (name == "") return
      if (!(name in seen)) { seen[name] = 1; order[++n_names] = name }
      if (obj["error_occurred"] == "true" || obj["skipped"] == "true") {
        error[name] = ("error_message" in obj) ? obj["error_message"] : obj["skip_message"]
        return
      }
      if (obj["run_type"] == "aggregate") {
        if (obj["aggregate_name"] != "median") return
        has_median[name] = 1
        m_rps[name] = obj["runs_per_s"]; m_time[name] = obj["real_time"]; m_unit[name] = obj["time_unit"]
        m_steps[name] = obj["steps_per_run"]; m_diff[name] = obj["state_diff"]; m_rtol[name] = obj["rtol"]
        return
      }
      k = ++count[name]
      rps[name, k] = obj["runs_per_s"] + 0; tim[name, k] = obj["real_time"]; unit[name, k] = obj["time_unit"]
      stp[name, k] = obj["steps_per_run"]; dif[name, k] = obj["state_diff"]; rtl[name, k] = obj["rtol"]
    }
    /^ *"benchmarks": \[/ { inb = 1; next }
    inb && /^  \]/ { inb = 0; next }
    /^ *"[^"]*": / {
      key = $0; sub(/^ *"/, "", key); sub(/".*$/, "", key)
      val = $0; sub(/^ *"[^"]*": */, "", val); sub(/,[ \r]*$/, "", val)
      if (val ~ /^"/) { sub(/^"/, "", val); sub(/"$/, "", val) }
      if (inb) obj[key] = val; else ctx[key] = val
      next
    }
    inb && /^ *\{ *$/ { split("", obj); next }
    inb && /^ *\},? *$/ { finish(); next }
    END {
      printf "kobie %s (git %s), Kokkos %s, execution space %s, %s, run at %s\n", ctx["kobie_version"],
             ctx["kobie_git_hash"], ctx["kokkos_version"], ctx["kokkos_execution_space"],
             ctx["library_build_type"] == "" ? "" : "benchmark library " ctx["library_build_type"], ctx["date"]
      printf "\n%-58s %12s %13s %11s %9s %11s  %s\n", "benchmark", "time", "runs/s", "steps/run", "rtol", "state_diff",
             "error"
      for (i = 1; i <= n_names; ++i) {
        name = order[i]
        if (name in error) { printf "%-58s %12s %13s %11s %9s %11s  %s\n", name, "-", "-", "-", "-", "-", error[name]; continue }
        if (name in has_median) {
          r = m_rps[name]; t = m_time[name]; u = m_unit[name]; s = m_steps[name]; d = m_diff[name]; tol = m_rtol[name]
        } else {
          k = median(name); r = rps[name, k]; t = tim[name, k]; u = unit[name, k]; s = stp[name, k]; d = dif[name, k]
          tol = rtl[name, k]
        }
        best_rps[name] = r + 0; best_steps[name] = s + 0
        printf "%-58s %9.4g %-2s %13.5g %11s %9s %11s\n", name, t, u, r, s == "" ? "-" : sprintf("%.2f", s),
               tol == "" ? "-" : sprintf("%.0e", tol), d == "" ? "-" : sprintf("%.2e", d)
      }
      header = 0
      for (i = 1; i <= n_names; ++i) {
        name = order[i]
        if (index(name, "BM_kobie_") != 1 || !(name in best_rps)) continue
        kkey = pair_key(substr(name, 10))
        for (j = 1; j <= n_names; ++j) {
          peer_name = order[j]
          if (index(peer_name, "BM_") != 1 || index(peer_name, "BM_kobie_") == 1 || !(peer_name in best_rps)) continue
          rest = substr(peer_name, 4); sep = index(rest, "_")
          if (sep == 0) continue
          peer = substr(rest, 1, sep - 1)
          if (pair_key(substr(rest, sep + 1)) != kkey) continue
          if (!header) {
            printf "\nkobie / peer (ratio: kobie runs/s / peer runs/s, the fraction of the peer'"'"'s speed kobie reaches; " \
                   "steps: kobie / peer steps per run)\n"
            printf "%-44s %-12s %13s %13s %8s %8s\n", "kobie case", "peer", "kobie runs/s", "peer runs/s", "ratio",
                   "steps"
            header = 1
          }
          shown = substr(name, 10); sub(/\/real_time$/, "", shown)
          printf "%-44s %-12s %13.5g %13.5g %8.3f %8.3f\n", shown, peer, best_rps[name], best_rps[peer_name],
                 (best_rps[peer_name] > 0 ? best_rps[name] / best_rps[peer_name] : 0),
                 (best_steps[peer_name] > 0 ? best_steps[name] / best_steps[peer_name] : 0)
        }
      }
      n_err = 0
      for (name in error) ++n_err
      printf "\n%d benchmarks, %d with an error\n", n_names, n_err
      exit (n_err > 0 ? 3 : 0)
    }' "$1"
}

if [[ "${KOBIE_GPU_SKIP_BENCH:-0}" != "1" ]]; then
  echo "== GPU benchmarks (kobie_perf_gpu)" >> "$summary"
  perf="$bin/kobie_perf_gpu"
  if [[ ! -x "$perf" ]]; then
    echo "kobie_perf_gpu not found in $bin" >> "$summary"
    status=1
  else
    echo "running kobie_perf_gpu ..." >&2
    args=(--benchmark_out="$out/kobie_perf_gpu.json" --benchmark_out_format=json)
    [[ -n "${KOBIE_GPU_BENCH_FILTER:-}" ]] && args+=(--benchmark_filter="$KOBIE_GPU_BENCH_FILTER")
    start=$(date +%s)
    # shellcheck disable=SC2086  # KOBIE_GPU_BENCH_ARGS is a list of arguments
    (cd "$out" && with_timeout "${KOBIE_GPU_BENCH_TIMEOUT:-3600}" "$perf" "${args[@]}" ${KOBIE_GPU_BENCH_ARGS:-}) \
      > "$out/kobie_perf_gpu.log" 2>&1
    rc=$?
    echo "exit $rc after $(($(date +%s) - start)) s${KOBIE_GPU_BENCH_FILTER:+, filter $KOBIE_GPU_BENCH_FILTER}" \
      >> "$summary"
    [[ $rc -ne 0 ]] && status=1
    if [[ -s "$out/kobie_perf_gpu.json" ]]; then
      summarize_json "$out/kobie_perf_gpu.json" >> "$summary" || status=1
    else
      echo "no JSON written; the end of the log:" >> "$summary"
      tail -n 20 "$out/kobie_perf_gpu.log" >> "$summary"
      status=1
    fi
    # The driver's own kobie/peer table (medians, with CPU-time and steps/s ratios).
    if grep -q '^kobie / peer, medians' "$out/kobie_perf_gpu.log"; then
      printf '\nkobie_perf_gpu summary:\n' >> "$summary"
      sed -n '/^kobie \/ peer, medians/,$p' "$out/kobie_perf_gpu.log" >> "$summary"
    fi
  fi
fi

echo "overall: $([[ $status -eq 0 ]] && echo PASS || echo FAIL)" >> "$summary"
cat "$summary"
exit "$status"
