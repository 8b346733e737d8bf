// Cost of kobie's launch helper (TeamPolicy, per-run scratch slices, thread-private storage) against a plain
// RangePolicy loop doing the same per-run work, in the same binary.
#include <benchmark/benchmark.h>

#include "kobie/memory/launch.hpp"

namespace {

using Exec = Kokkos::DefaultExecutionSpace;
constexpr int kWork = 64;  // multiply-adds per run, on a 4-element per-run buffer

struct ViaRegistry {
  kobie::TypedAllocator<double> y;
  Kokkos::View<double*, Exec> out;
  KOKKOS_INLINE_FUNCTION void operator()(int run, const kobie::RunMemory& m) const {
    double* v = y(m);
    for (int i = 0; i < 4; ++i) v[i] = run + i;
    for (int k = 0; k < kWork; ++k)
      for (int i = 0; i < 4; ++i) v[i] = v[i] * 0.999 + 0.001 * v[(i + 1) % 4];
    out(run) = v[0] + v[1] + v[2] + v[3];
  }
};

struct ViaRange {
  Kokkos::View<double*, Exec> out;
  Kokkos::View<double**, Exec> y;
  KOKKOS_INLINE_FUNCTION void operator()(int run) const {
    for (int i = 0; i < 4; ++i) y(run, i) = run + i;
    for (int k = 0; k < kWork; ++k)
      for (int i = 0; i < 4; ++i) y(run, i) = y(run, i) * 0.999 + 0.001 * y(run, (i + 1) % 4);
    out(run) = y(run, 0) + y(run, 1) + y(run, 2) + y(run, 3);
  }
};

void set_counters(benchmark::State& state, int n_runs) {
  state.counters["runs_per_s"] =
      benchmark::Counter(static_cast<double>(n_runs) * state.iterations(), benchmark::Counter::kIsRate);
}

void launch_local(benchmark::State& state, const char* location) {
  const int n_runs = static_cast<int>(state.range(0));
  kobie::BufferRegistry reg;
  reg.register_buffer("bench", "y", 4, location);
  ViaRegistry f{reg.typed_allocator<double>("bench", "y"), Kokkos::View<double*, Exec>("out", n_runs)};
  const auto plan = kobie::make_launch_plan<Exec>(reg, n_runs);
  for (auto _ : state) {
    kobie::launch_runs<32>(Exec(), reg, plan, "kobie::bench::launch", f);
    kobie::fence("kobie::bench::launch");
  }
  set_counters(state, n_runs);
}

void BM_launch_runs_local(benchmark::State& state) { launch_local(state, "local"); }
void BM_launch_runs_shared(benchmark::State& state) { launch_local(state, "shared"); }
void BM_launch_runs_scratch(benchmark::State& state) { launch_local(state, "scratch"); }

void BM_range_policy_peer(benchmark::State& state) {
  const int n_runs = static_cast<int>(state.range(0));
  ViaRange f{Kokkos::View<double*, Exec>("out", n_runs), Kokkos::View<double**, Exec>("y", n_runs, 4)};
  for (auto _ : state) {
    Kokkos::parallel_for("kobie::bench::range", Kokkos::RangePolicy<Exec>(0, n_runs), f);
    kobie::fence("kobie::bench::range");
  }
  set_counters(state, n_runs);
}

}  // namespace

BENCHMARK(BM_launch_runs_local)->Arg(1 << 16)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_launch_runs_shared)->Arg(1 << 16)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_launch_runs_scratch)->Arg(1 << 16)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_range_policy_peer)->Arg(1 << 16)->Unit(benchmark::kMillisecond)->UseRealTime();
