// Radau IIA through Hairer's transformation against the same methods solving their coupled stage system with one
// (stages·n)² LU (the path a FIRK tableau without a tableaus::StageTransformation takes, defined here as the peer
// "coupled"), in one binary, one core, dense LU, rtol = 1e-6 (StiffPeers.hpp's settings), final state only. Batches:
// Robertson to t = 1e5 and POLLU to t = 60 as in BenchStiffPeers.cpp, and HIRES to t = 321.8122 with its rate k
// scaled by 64 factors log-spaced over [0.5, 2]. BM_kobie_radau_<problem>/<algorithm> pairs with
// BM_coupled_radau_<problem>/<algorithm>: both take the same steps (the unit test
// firk_transformed_solve_takes_the_steps_of_the_coupled_solve checks it), so the ratio is the linear algebra's.
// Counters: runs_per_s, steps_per_run.
#include <benchmark/benchmark.h>

#include <cmath>
#include <string>

#include "StiffPeers.hpp"
#include "kobie_problems/hires.hpp"

namespace {

using namespace kobie_bench;

namespace coupled {
struct RadauIIA3 : kobie::tableaus::RadauIIA3 {
  static constexpr const char* name = "coupled-radau-iia-3";
};
struct RadauIIA5 : kobie::tableaus::RadauIIA5 {
  static constexpr const char* name = "coupled-radau-iia-5";
};
struct RadauIIA9 : kobie::tableaus::RadauIIA9 {
  static constexpr const char* name = "coupled-radau-iia-9";
};
}  // namespace coupled

using RadauAlgorithms =
    kobie::TypeList<kobie::algorithms::RadauIIA3, kobie::algorithms::RadauIIA5, kobie::algorithms::RadauIIA9,
                    kobie::FirkAlgorithm<coupled::RadauIIA3>, kobie::FirkAlgorithm<coupled::RadauIIA5>,
                    kobie::FirkAlgorithm<coupled::RadauIIA9>>;

/// \brief HIRES to its end time, k scaled per run by factors log-spaced over [0.5, 2].
struct HiresBatch {
  using System = kobie_problems::Hires;
  static constexpr const char* name = "hires_batch";
  static constexpr int n_distinct = 64;
  static constexpr int n_bench_runs = 256;
  static constexpr double t_end = System::t_end;
  static constexpr double kobie_dt0 = 1e-6;
  static void run(int r, double* y0, double* p) {
    for (int i = 0; i < System::n_states; ++i) y0[i] = System::default_initial[i];
    p[0] = System::default_parameters[0] * std::pow(2.0, -1.0 + 2.0 * (r % n_distinct) / (n_distinct - 1.0));
  }
};

template <class Problem>
void BM_radau(benchmark::State& state, const std::string& algorithm) {
  using S = typename Problem::System;
  std::vector<double> y0, params;
  batch_inputs<Problem>(Problem::n_bench_runs, y0, params);
  const HostRows y0_h = host_rows(y0, S::n_states, "y0"), params_h = host_rows(params, S::n_parameters, "params");
  // The settings with a built-in name; the Solver then takes any algorithm of its own list.
  kobie::Solver<S, double, StiffPeerExec, RadauAlgorithms> solver(kobie_settings<Problem>("radau-iia-5", 1e-6));
  solver.set("algorithm", algorithm);
  solver.solve(Kokkos::subview(y0_h, std::make_pair(0, 1), Kokkos::ALL),
               Kokkos::subview(params_h, std::make_pair(0, 1), Kokkos::ALL));  // layout built outside the timing
  BatchOutcome o;
  for (auto _ : state) {
    const auto result = solver.solve(y0_h, params_h);
    benchmark::DoNotOptimize(result.state.data());
    o = kobie_outcome(result);
  }
  if (o.failed > 0) {
    state.SkipWithError((std::to_string(o.failed) + " runs failed").c_str());
    return;
  }
  const double runs = Problem::n_bench_runs;
  state.counters["runs_per_s"] =
      benchmark::Counter(runs * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["steps_per_s"] = benchmark::Counter(
      (o.accepted + o.rejected) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["steps_per_run"] = (o.accepted + o.rejected) / runs;
}

template <class Problem>
void register_problem() {
  const std::string problem = Problem::name;
  for (const char* algorithm : {"radau-iia-3", "radau-iia-5", "radau-iia-9"}) {
    const std::string name = algorithm;
    benchmark::RegisterBenchmark(("BM_kobie_radau_" + problem + "/" + name).c_str(),
                                 [name](benchmark::State& s) { BM_radau<Problem>(s, name); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("BM_coupled_radau_" + problem + "/" + name).c_str(),
                                 [name](benchmark::State& s) { BM_radau<Problem>(s, "coupled-" + name); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
}

int register_radau_transform() {
  register_problem<RobertsonBatch>();
  register_problem<PolluBatch>();
  register_problem<HiresBatch>();
  return 0;
}

const int registered = register_radau_transform();

}  // namespace
