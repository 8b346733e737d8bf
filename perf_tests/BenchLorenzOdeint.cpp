// kobie against Boost.Odeint on a Lorenz ensemble (2^14 ... 2^17 runs, rho swept over [0, 28], t in [0, 1]):
//   *_rk4_fixed     classical RK4, 1000 fixed steps of 1e-3;
//   *_dp5_adaptive  Dormand–Prince 5(4) at rtol = atol = 1e-8 from dt0 = 1e-3.
// Same tableau, tolerance and right-hand side in both; Odeint integrates the runs one after another on one core, kobie
// runs on Kokkos::DefaultExecutionSpace (the Serial backend for the per-core target). Each N registers kobie then
// Odeint, so the pair runs back to back. The driver (BenchMain.cpp) prints the kobie/peer ratios at the end.
#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

#include "LorenzCommon.hpp"
#include "kobie/batch/solver.hpp"

namespace {

using Exec = Kokkos::DefaultExecutionSpace;
using kobie_bench::Lorenz;

void set_rates(benchmark::State& state, long long runs, long long steps) {
  const double it = static_cast<double>(state.iterations());
  state.counters["runs_per_s"] = benchmark::Counter(static_cast<double>(runs) * it, benchmark::Counter::kIsRate);
  state.counters["steps_per_s"] = benchmark::Counter(static_cast<double>(steps) * it, benchmark::Counter::kIsRate);
}

void set_step_counts(benchmark::State& state, int n_runs, const kobie_bench::StepTotals& t) {
  state.counters["accepted_per_run"] = static_cast<double>(t.accepted) / n_runs;
  state.counters["rejected_per_run"] = static_cast<double>(t.rejected) / n_runs;
  state.counters["steps_per_run"] = static_cast<double>(t.accepted + t.rejected) / n_runs;
}

/// Step totals and failures of a kobie result (host copies; untimed).
template <class Result>
kobie_bench::StepTotals kobie_totals(const Result& r, int& failed) {
  auto acc = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), r.accepted_steps);
  auto rej = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), r.rejected_steps);
  kobie_bench::StepTotals t;
  for (int i = 0; i < r.n_runs; ++i) {
    t.accepted += acc(i);
    t.rejected += rej(i);
  }
  failed = r.n_failed();
  return t;
}

/// Times solver.solve(grid) + fence. The solver and grid are built, and the settings validated and the buffer layout
/// built (a one-run solve), outside the loop; step counts and failures are read from the last result, untimed.
void run_kobie(benchmark::State& state, const kobie::Settings& settings, bool fixed) {
  using Solver =
      kobie::Solver<Lorenz, double, Exec, kobie::TypeList<kobie::algorithms::Rk4, kobie::algorithms::DormandPrince54>>;
  const int n_runs = static_cast<int>(state.range(0));
  Solver solver(settings);
  const kobie::BatchGrid grid = kobie_bench::lorenz_grid(n_runs);
  solver.solve(kobie_bench::lorenz_grid(1));
  typename Solver::Result result;
  for (auto _ : state) {
    result = solver.solve(grid);
    kobie::fence(Exec(), "kobie::bench::lorenz");
    benchmark::DoNotOptimize(result.state.data());
  }
  int failed = 0;
  const kobie_bench::StepTotals totals = kobie_totals(result, failed);
  if (failed > 0) {
    state.SkipWithError((std::to_string(failed) + " runs failed").c_str());
    return;
  }
  if (fixed && totals.accepted != static_cast<long long>(kobie_bench::kFixedSteps) * n_runs) {
    state.SkipWithError("the fixed-step case did not take exactly 1000 steps per run");
    return;
  }
  set_rates(state, n_runs, totals.accepted + totals.rejected);
  if (!fixed) set_step_counts(state, n_runs, totals);
}

void BM_kobie_rk4_fixed(benchmark::State& state) {
  run_kobie(state, kobie_bench::rk4_fixed_settings(), /*fixed=*/true);
}

void BM_kobie_dp5_adaptive(benchmark::State& state) {
  run_kobie(state, kobie_bench::dp5_adaptive_settings(), /*fixed=*/false);
}

void BM_odeint_rk4_fixed(benchmark::State& state) {
  const int n_runs = static_cast<int>(state.range(0));
  const std::vector<double> rho = kobie_bench::rho_values(n_runs);
  std::vector<double> out(3 * static_cast<std::size_t>(n_runs));
  for (auto _ : state) {
    kobie_bench::odeint_rk4_fixed(rho, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  set_rates(state, n_runs, static_cast<long long>(kobie_bench::kFixedSteps) * n_runs);
}

void BM_odeint_dp5_adaptive(benchmark::State& state) {
  const int n_runs = static_cast<int>(state.range(0));
  const std::vector<double> rho = kobie_bench::rho_values(n_runs);
  std::vector<double> out(3 * static_cast<std::size_t>(n_runs));
  // Untimed, once per N: the same integration with try_step written out, to count rejected steps too.
  static std::map<int, kobie_bench::StepTotals> counted;
  if (counted.find(n_runs) == counted.end()) counted[n_runs] = kobie_bench::odeint_dp5_counted(rho, out);
  const kobie_bench::StepTotals totals = counted[n_runs];
  long long accepted = 0;
  for (auto _ : state) {
    accepted = kobie_bench::odeint_dp5_adaptive(rho, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  if (accepted != totals.accepted) {
    state.SkipWithError("integrate_adaptive and the counted try_step loop disagree on the accepted steps");
    return;
  }
  set_rates(state, n_runs, totals.accepted + totals.rejected);
  set_step_counts(state, n_runs, totals);
}

/// Registers kobie and Odeint for each N in turn, so each pair runs back to back: the two cases at 2^14 ... 2^17 runs,
/// and dp5_scaling, the adaptive case over 2^10 ... 2^20 runs (flat runs/s = cost linear in runs; Odeint's is by
/// construction, so the kobie/Odeint ratio stays flat too).
int register_lorenz() {
  for (int n = 1 << 10; n <= 1 << 20; n *= 4) {
    benchmark::RegisterBenchmark("BM_kobie_dp5_scaling", &BM_kobie_dp5_adaptive)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark("BM_odeint_dp5_scaling", &BM_odeint_dp5_adaptive)
        ->Arg(n)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  for (const auto& c : {std::make_pair(&BM_kobie_rk4_fixed, &BM_odeint_rk4_fixed),
                        std::make_pair(&BM_kobie_dp5_adaptive, &BM_odeint_dp5_adaptive)}) {
    const bool rk4 = c.first == &BM_kobie_rk4_fixed;
    for (int n = 1 << 14; n <= 1 << 17; n *= 2) {
      benchmark::RegisterBenchmark(rk4 ? "BM_kobie_rk4_fixed" : "BM_kobie_dp5_adaptive", c.first)
          ->Arg(n)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
      benchmark::RegisterBenchmark(rk4 ? "BM_odeint_rk4_fixed" : "BM_odeint_dp5_adaptive", c.second)
          ->Arg(n)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
  return 0;
}

const int registered = register_lorenz();

}  // namespace
