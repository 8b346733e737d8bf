// kobie against SUNDIALS CVODE on two stiff batches (StiffPeers.hpp): Robertson's kinetics to t = 1e5 over a grid of
// rate constants, and POLLU to t = 60 over a range of k1. One core for both: kobie on the Serial backend with dense LU,
// CVODE's BDF with Newton and its dense solver, one run after another, both with the System's analytic Jacobian.
// BM_kobie_<problem>/<algorithm> pairs with BM_cvode_<problem> (the kobie/CVODE runs/s ratio). Each solver runs at the
// tolerance that StiffPeerCalibration.cpp found to give comparable accuracy (StiffPeers.hpp records the choice).
// Counters: runs_per_s, steps_per_s, steps_per_run (accepted + rejected), rtol, and the accuracy against a reference
// (kobie's Radau IIA 5 at rtol = 1e-12, checked against CVODE at 1e-12 by the calibration): max_rel_error, the largest
// |y − ref| / (|ref| + 1e-10) over runs and components, and median_rel_error, the median over runs of each run's
// largest.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "StiffPeers.hpp"
#ifdef KOBIE_BENCH_HAVE_CVODE
#include "CvodeBatch.hpp"
#endif

namespace {

using namespace kobie_bench;

/// The counters of a solved batch (the last iteration's), or the benchmark's error when runs failed.
template <class Problem>
void report(benchmark::State& state, const BatchOutcome& o, double rtol) {
  constexpr int n = Problem::System::n_states;
  const double runs = static_cast<double>(o.final_states.size() / n);
  if (o.failed > 0) {
    state.SkipWithError((std::to_string(o.failed) + " runs failed").c_str());
    return;
  }
  const ErrorStats e = error_stats(o.final_states, reference_states<Problem>(), n);
  const double it = static_cast<double>(state.iterations());
  state.counters["runs_per_s"] = benchmark::Counter(runs * it, benchmark::Counter::kIsRate);
  state.counters["steps_per_s"] = benchmark::Counter((o.accepted + o.rejected) * it, benchmark::Counter::kIsRate);
  state.counters["steps_per_run"] = (o.accepted + o.rejected) / runs;
  state.counters["rtol"] = rtol;
  state.counters["max_rel_error"] = e.max_rel_error;
  state.counters["median_rel_error"] = e.median_rel_error;
}

template <class Problem>
void BM_kobie(benchmark::State& state, StiffMethod method) {
  using S = typename Problem::System;
  std::vector<double> y0, params;
  batch_inputs<Problem>(Problem::n_bench_runs, y0, params);
  const HostRows y0_h = host_rows(y0, S::n_states, "y0"), params_h = host_rows(params, S::n_parameters, "params");
  StiffPeerSolver<Problem> solver(kobie_settings<Problem>(method.algorithm, method.rtol));
  solver.solve(Kokkos::subview(y0_h, std::make_pair(0, 1), Kokkos::ALL),
               Kokkos::subview(params_h, std::make_pair(0, 1), Kokkos::ALL));  // layout built outside the timing
  typename StiffPeerSolver<Problem>::Result result;
  for (auto _ : state) {
    result = solver.solve(y0_h, params_h);
    benchmark::DoNotOptimize(result.state.data());
  }
  report<Problem>(state, kobie_outcome(result), method.rtol);
}

#ifdef KOBIE_BENCH_HAVE_CVODE
template <class Problem>
void BM_cvode(benchmark::State& state) {
  using S = typename Problem::System;
  std::vector<double> y0, params;
  batch_inputs<Problem>(Problem::n_bench_runs, y0, params);
  CvodeOptions options;
  options.rtol = Problem::cvode_rtol;
  options.atol = kAtolPerRtol * Problem::cvode_rtol;
  options.t_end = Problem::t_end;
  CvodeBatchResult result;
  for (auto _ : state) {
    result = cvode_solve_batch(cvode_model<S>(), options, y0, params);
    benchmark::DoNotOptimize(result.final_states.data());
  }
  report<Problem>(state, cvode_outcome(result), Problem::cvode_rtol);
}
#endif

template <class Problem>
void register_problem() {
  const std::string name = Problem::name;
#ifdef KOBIE_BENCH_HAVE_CVODE
  benchmark::RegisterBenchmark(("BM_cvode_" + name).c_str(), BM_cvode<Problem>)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
#endif
  for (const StiffMethod& method : Problem::kobie_methods) {
    benchmark::RegisterBenchmark(("BM_kobie_" + name + "/" + method.algorithm).c_str(),
                                 [method](benchmark::State& s) { BM_kobie<Problem>(s, method); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
}

int register_stiff_peers() {
  register_problem<RobertsonBatch>();
  register_problem<PolluBatch>();
  return 0;
}

const int registered = register_stiff_peers();

}  // namespace
