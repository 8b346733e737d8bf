// The stiff batch: Robertson's kinetics with each run's three rate constants scaled by factors in [0.5, 2] (a 4×4×4
// log-spaced grid, repeated), y0 = (1, 0, 0), t in [0, 40], final state only, rtol = 1e-6, atol = 1e-10, on
// Kokkos::DefaultExecutionSpace. Cases: Radau IIA 5 and Kvaerno5, each with dense LU and with matrix-free GMRES
// (Jacobi-preconditioned). Reported: runs/s, Newton and linear iterations per accepted step, steps per run, and the
// largest relative error of a run's final state against a reference computed by Radau IIA 5 at rtol = 1e-12 with
// dense LU (untimed; the unit tests check that one against scipy's Radau at rtol = 1e-12). The comparison against
// SUNDIALS comes with its own benchmark.
#include <benchmark/benchmark.h>

#include <cmath>
#include <string>
#include <vector>

#include "kobie/batch/solver.hpp"
#include "kobie_problems/robertson.hpp"

namespace {

using Exec = Kokkos::DefaultExecutionSpace;
using Robertson = kobie_problems::Robertson;
using StiffSolver =
    kobie::Solver<Robertson, double, Exec, kobie::TypeList<kobie::algorithms::RadauIIA5, kobie::algorithms::Kvaerno5>>;
using HostMatrix = Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace>;

constexpr double kEnd = 40.0;

/// The 64 scale combinations, repeated to n runs.
void robertson_inputs(int n, HostMatrix& y0, HostMatrix& params) {
  y0 = HostMatrix("y0", n, 3);
  params = HostMatrix("params", n, 3);
  const double nominal[3] = {0.04, 3.0e7, 1.0e4};
  for (int r = 0; r < n; ++r) {
    const int c = r % 64;
    const int idx[3] = {c % 4, (c / 4) % 4, c / 16};
    for (int k = 0; k < 3; ++k) params(r, k) = nominal[k] * std::pow(2.0, -1.0 + 2.0 * idx[k] / 3.0);
    y0(r, 0) = 1.0;
    y0(r, 1) = 0.0;
    y0(r, 2) = 0.0;
  }
}

kobie::Settings stiff_settings(const std::string& algorithm, const std::string& linear_solver, double rtol) {
  kobie::Settings s;
  s.set("algorithm", algorithm);
  s.set("linear_solver", linear_solver);
  s.set("preconditioner", "jacobi");
  s.set("rtol", kobie::settings_text::format_number(rtol));
  s.set("atol", kobie::settings_text::format_number(rtol * 1e-4));
  s.set("dt", "1e-6");
  s.set("duration", kobie::settings_text::format_number(kEnd));
  s.set("outputs", "state, counters");
  return s;
}

/// Final states of the 64 distinct runs (run-major, 3 each) from Radau IIA 5 at rtol = 1e-12 (dense LU), computed
/// once.
const std::vector<double>& reference() {
  static const std::vector<double> out = [] {
    HostMatrix y0, params;
    robertson_inputs(64, y0, params);
    StiffSolver solver(stiff_settings("radau-iia-5", "dense-lu", 1e-12));
    const auto r = solver.solve(y0, params).to_host();
    std::vector<double> ref;
    for (int i = 0; i < 64; ++i) {
      for (int k = 0; k < 3; ++k) ref.push_back(r.state(i, 1, k));
    }
    return ref;
  }();
  return out;
}

void BM_stiff(benchmark::State& state, const std::string& algorithm, const std::string& linear_solver) {
  const int n = static_cast<int>(state.range(0));
  HostMatrix y0, params;
  robertson_inputs(n, y0, params);
  Kokkos::View<double**, Exec> y0_d("y0", n, 3), params_d("params", n, 3);
  Kokkos::deep_copy(y0_d, y0);
  Kokkos::deep_copy(params_d, params);
  StiffSolver solver(stiff_settings(algorithm, linear_solver, 1e-6));
  solver.solve(Kokkos::subview(y0_d, std::make_pair(0, 1), Kokkos::ALL),
               Kokkos::subview(params_d, std::make_pair(0, 1), Kokkos::ALL));
  typename StiffSolver::Result result;
  for (auto _ : state) {
    result = solver.solve(y0_d, params_d);
    kobie::fence(Exec(), "kobie::bench::robertson");
    benchmark::DoNotOptimize(result.state.data());
  }
  const auto h = result.to_host();
  if (result.n_failed() > 0) {
    state.SkipWithError((std::to_string(result.n_failed()) + " runs failed").c_str());
    return;
  }
  const std::vector<double>& ref = reference();
  double accepted = 0, rejected = 0, newton = 0, krylov = 0, worst = 0;
  for (int r = 0; r < n; ++r) {
    accepted += h.accepted_steps(r);
    rejected += h.rejected_steps(r);
    newton += h.counter(r, 1, kobie::newton_iterations);
    krylov += h.counter(r, 1, kobie::krylov_iterations);
    for (int k = 0; k < 3; ++k) {
      const double want = ref[static_cast<std::size_t>((r % 64) * 3 + k)];
      const double e = std::abs(h.state(r, 1, k) - want) / (std::abs(want) + 1e-10);
      worst = std::max(worst, e);
    }
  }
  const double it = static_cast<double>(state.iterations());
  state.counters["runs_per_s"] = benchmark::Counter(n * it, benchmark::Counter::kIsRate);
  state.counters["steps_per_run"] = (accepted + rejected) / n;
  state.counters["newton_per_step"] = newton / accepted;
  state.counters["linear_per_step"] = krylov / accepted;
  state.counters["max_rel_error"] = worst;
}

int register_stiff() {
  for (const char* algorithm : {"radau-iia-5", "kvaerno-5"}) {
    for (const char* linear : {"dense-lu", "gmres"}) {
      const std::string name = std::string("BM_kobie_robertson/") + algorithm + "/" + linear;
      benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& s) { BM_stiff(s, algorithm, linear); })
          ->Arg(1 << 12)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
  return 0;
}

const int registered = register_stiff();

}  // namespace
