// What outputs cost: the Lorenz Dormand–Prince 5(4) ensemble of BenchLorenzOdeint.cpp (2^14 runs, t in [0, 1]) solved
// bare (initial and final state only: BM_bare_outputs) and with
//   saves      state and time every 0.01 (101 saves),
//   summaries  mean_std_rms, extrema, peaks[4] and dxdt_extrema of x, y, z sampled every 0.01 (one window),
//   both       the two together.
// BM_kobie_outputs/<variant> pairs with BM_bare_outputs, so the kobie/peer ratio printed at the end (and compared by
// scripts/compare_benchmarks.py) is bare time / time with outputs: 1.0 means outputs cost nothing. Steps land exactly
// on every save and sample time, so most of the cost is the extra steps (steps_per_run), not the writes.
#include <benchmark/benchmark.h>

#include <string>

#include "LorenzCommon.hpp"
#include "kobie/batch/solver.hpp"

namespace {

using Exec = Kokkos::DefaultExecutionSpace;
constexpr int kRuns = 1 << 14;

kobie::Settings output_settings(const std::string& variant) {
  kobie::Settings s = kobie_bench::dp5_adaptive_settings();
  const bool saves = variant == "saves" || variant == "both";
  const bool summaries = variant == "summaries" || variant == "both";
  if (saves) s.set("save_every", "0.01");
  std::string outputs = saves ? "state, time" : "state";
  if (summaries) {
    outputs += ", mean_std_rms, extrema, peaks[4], dxdt_extrema";
    s.set("sample_summaries_every", "0.01");
  }
  s.set("outputs", outputs);
  return s;
}

/// Times solver.solve(grid) + fence, the solver and grid built and the layout prepared outside the loop.
void run_outputs(benchmark::State& state, const std::string& variant) {
  using Solver = kobie::Solver<kobie_bench::Lorenz, double, Exec, kobie::TypeList<kobie::algorithms::DormandPrince54>>;
  Solver solver(output_settings(variant));
  const kobie::BatchGrid grid = kobie_bench::lorenz_grid(kRuns);
  solver.solve(kobie_bench::lorenz_grid(1));
  Solver::Result result;
  for (auto _ : state) {
    result = solver.solve(grid);
    kobie::fence(Exec(), "kobie::bench::outputs");
    benchmark::DoNotOptimize(result.state.data());
  }
  if (result.n_failed() > 0) {
    state.SkipWithError("runs failed");
    return;
  }
  state.counters["runs_per_s"] = benchmark::Counter(
      static_cast<double>(kRuns) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  auto accepted = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.accepted_steps);
  auto rejected = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.rejected_steps);
  double steps = 0;
  for (int i = 0; i < kRuns; ++i) steps += accepted(i) + rejected(i);
  state.counters["steps_per_run"] = steps / kRuns;  // landing on save and sample times adds steps
  state.counters["output_MB"] =
      static_cast<double>(result.state.size() + result.time.size() + result.summaries.size()) * sizeof(double) / 1e6;
}

int register_outputs() {
  benchmark::RegisterBenchmark("BM_bare_outputs", [](benchmark::State& s) { run_outputs(s, "bare"); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  for (const char* variant : {"saves", "summaries", "both"}) {
    benchmark::RegisterBenchmark((std::string("BM_kobie_outputs/") + variant).c_str(),
                                 [variant](benchmark::State& s) { run_outputs(s, variant); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  return 0;
}

const int registered = register_outputs();

}  // namespace
