// The measurements behind kobie's automatic choices (README "Stiff problems"): which linear solver `linear_solver =
// auto` picks for a size, and which algorithm the stiffness warning recommends.
//
// Problems (right-hand sides only, as a user writes them: the dense path builds J by finite differences, GMRES uses
// finite-difference Jacobian-vector products):
// - brusselator/<N>: the 1D Brusselator of Hairer & Wanner II §IV.1 (n = 2N states, N = 1, 2, 4, 8, 16, 24, 32),
//   α = 1/50, t in [0, 10]; its diffusion stiffness 4α(N+1)² grows with N (from 0.16 at N = 1 to 87 at N = 32).
// - mild-brusselator/<N>: the same with α = 500/(N+1)², so every size has the same diffusion stiffness 4α(N+1)² =
//   2000: mildly stiff (dormand-prince-54 takes thousands of steps at its stability limit and its stiffness test
//   fires), with a cost per step that grows with N.
// - van-der-pol/<mu>: y1' = y2, y2' = μ((1 − y1²) y2 − y1) from (2, 0), t in [0, 20] (μ = 10: about one period, not
//   stiff; μ = 1000: the slow stiff branch).
// Each case solves a batch of 64 runs (α or μ spread by ±10% over the batch) at rtol = atol = 1e-6 on
// Kokkos::DefaultExecutionSpace with radau-iia-5 (3 coupled stages: dimension 3n), kvaerno-5 and rodas5p (dimension
// n), each with dense-lu and with GMRES (Jacobi-preconditioned), and dormand-prince-54. Reported: runs/s, steps per
// run, linear iterations per step, and the dimension of the linear system. Compare dense-lu against gmres within one
// run of the binary (the machine's load changes between runs).
#include <benchmark/benchmark.h>

#include <cmath>
#include <string>

#include "kobie/batch/solver.hpp"
#include "kobie_problems/van_der_pol.hpp"

namespace {

using Exec = Kokkos::DefaultExecutionSpace;
using HostMatrix = Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace>;
using Algorithms = kobie::TypeList<kobie::algorithms::RadauIIA5, kobie::algorithms::Kvaerno5,
                                   kobie::algorithms::Rodas5p, kobie::algorithms::DormandPrince54>;

constexpr double kPi = 3.14159265358979323846;
constexpr int kRuns = 64;

/// The 1D Brusselator with N interior points, states interleaved (u_1, v_1, u_2, v_2, ...), parameter α.
template <int N>
struct Brusselator1D {
  static constexpr int n_states = 2 * N;
  static constexpr int n_parameters = 1;
  static constexpr const char* parameter_names[n_parameters] = {"alpha"};
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    const Real c = p[0] * Real((N + 1) * (N + 1));
    for (int i = 0; i < N; ++i) {
      const Real u = y[2 * i], v = y[2 * i + 1];
      const Real u_left = i > 0 ? y[2 * i - 2] : Real(1), u_right = i < N - 1 ? y[2 * i + 2] : Real(1);
      const Real v_left = i > 0 ? y[2 * i - 1] : Real(3), v_right = i < N - 1 ? y[2 * i + 3] : Real(3);
      const Real uuv = u * u * v;
      f[2 * i] = Real(1) + uuv - Real(4) * u + c * (u_left - Real(2) * u + u_right);
      f[2 * i + 1] = Real(3) * u - uuv + c * (v_left - Real(2) * v + v_right);
    }
  }
};

/// A problem: its System, the batch's inputs and its time span.
template <class Sys>
struct Problem {
  using System = Sys;
  HostMatrix y0, params;
  double duration;
};

/// 64 Brusselator runs with α = alpha · (0.9 + 0.2 r/63).
template <int N>
Problem<Brusselator1D<N>> brusselator(double alpha) {
  Problem<Brusselator1D<N>> p{HostMatrix("y0", kRuns, 2 * N), HostMatrix("params", kRuns, 1), 10.0};
  for (int r = 0; r < kRuns; ++r) {
    p.params(r, 0) = alpha * (0.9 + 0.2 * r / (kRuns - 1));
    for (int i = 0; i < N; ++i) {
      p.y0(r, 2 * i) = 1.0 + std::sin(2.0 * kPi * (i + 1) / (N + 1));
      p.y0(r, 2 * i + 1) = 3.0;
    }
  }
  return p;
}

/// 64 Van der Pol runs with μ = mu · (0.9 + 0.2 r/63) from (2, 0).
Problem<kobie_problems::VanDerPol> van_der_pol(double mu) {
  Problem<kobie_problems::VanDerPol> p{HostMatrix("y0", kRuns, 2), HostMatrix("params", kRuns, 1), 20.0};
  for (int r = 0; r < kRuns; ++r) {
    p.params(r, 0) = mu * (0.9 + 0.2 * r / (kRuns - 1));
    p.y0(r, 0) = 2.0;
    p.y0(r, 1) = 0.0;
  }
  return p;
}

template <class System, class Make>
void BM_choice(benchmark::State& state, const Make& make, const std::string& algorithm,
               const std::string& linear_solver) {
  const Problem<System> problem = make();
  using Solver = kobie::Solver<System, double, Exec, Algorithms>;
  constexpr int n = System::n_states;
  Kokkos::View<double**, Exec> y0("y0", kRuns, n), params("params", kRuns, 1);
  Kokkos::deep_copy(y0, problem.y0);
  Kokkos::deep_copy(params, problem.params);
  Solver solver;
  solver.set("algorithm", algorithm);
  solver.set("linear_solver", linear_solver);
  solver.set("preconditioner", "jacobi");
  solver.set("rtol", 1e-6);
  solver.set("atol", 1e-6);
  solver.set("dt", 1e-4);
  solver.set("duration", problem.duration);
  solver.set("max_steps", 10000000);
  solver.set("outputs", "state, counters");
  typename Solver::Result result = solver.solve(y0, params);  // layout and first touch, untimed
  for (auto _ : state) {
    result = solver.solve(y0, params);
    kobie::fence(Exec(), "kobie::bench::linear_choice");
    benchmark::DoNotOptimize(result.state.data());
  }
  const auto h = result.to_host();
  if (result.n_failed() > 0) {
    state.SkipWithError((std::to_string(result.n_failed()) + " runs failed").c_str());
    return;
  }
  double accepted = 0, rejected = 0, krylov = 0;
  for (int r = 0; r < kRuns; ++r) {
    accepted += h.accepted_steps(r);
    rejected += h.rejected_steps(r);
    krylov += h.counter(r, 1, kobie::krylov_iterations);
  }
  const int blocks = algorithm == "radau-iia-5" ? 3 : 1;
  state.counters["runs_per_s"] =
      benchmark::Counter(kRuns * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["steps_per_run"] = (accepted + rejected) / kRuns;
  state.counters["linear_per_step"] = krylov / accepted;
  state.counters["dim"] = algorithm == "dormand-prince-54" ? 0 : blocks * n;
}

/// Registers every case of one problem (made by `make` once Kokkos is up) under
/// BM_choice/<label>/<algorithm>/<linear solver>.
template <class Make>
void register_problem(const std::string& label, const Make& make) {
  using System = typename decltype(make())::System;
  auto add = [&](const std::string& algorithm, const std::string& linear) {
    const std::string name = "BM_choice/" + label + "/" + algorithm + "/" + linear;
    benchmark::RegisterBenchmark(name.c_str(),
                                 [=](benchmark::State& s) { BM_choice<System>(s, make, algorithm, linear); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  };
  for (const char* algorithm : {"radau-iia-5", "kvaerno-5", "rodas5p"}) {
    for (const char* linear : {"dense-lu", "gmres"}) add(algorithm, linear);
  }
  add("dormand-prince-54", "auto");
}

template <int N>
void register_brusselator() {
  register_problem("brusselator/" + std::to_string(N), [] { return brusselator<N>(1.0 / 50); });
  register_problem("mild-brusselator/" + std::to_string(N), [] { return brusselator<N>(500.0 / ((N + 1) * (N + 1))); });
}

int register_choices() {
  register_brusselator<1>();
  register_brusselator<2>();
  register_brusselator<4>();
  register_brusselator<8>();
  register_brusselator<16>();
  register_brusselator<24>();
  register_brusselator<32>();
  for (double mu : {10.0, 100.0, 1000.0}) {
    register_problem("van-der-pol/" + std::to_string(static_cast<int>(mu)), [mu] { return van_der_pol(mu); });
  }
  return 0;
}

const int registered = register_choices();

}  // namespace
