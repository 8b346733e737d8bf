// The stiff batches that kobie and SUNDIALS CVODE both solve (BenchStiffPeers.cpp times them,
// StiffPeerCalibration.cpp matches their accuracy): the problems, their inputs, the kobie solve, the reference final
// states and the accuracy measure.
//
// Accuracy of a batch: for every run and component e = |y − ref| / (|ref| + kErrorFloor), kErrorFloor = 1e-10, so a
// component well above 1e-10 is measured relatively and one near zero absolutely, in units of 1e-10.
// max_rel_error is the largest e over runs and components, median_rel_error the median over runs of each run's
// largest e. Both solvers run with atol = kAtolPerRtol · rtol = 1e-10 · rtol: the weight rtol |y| + atol of their
// error tests is then rtol (|y| + 1e-10), the same scale as the measure.
#pragma once

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kobie/batch/solver.hpp"
#include "kobie_problems/pollu.hpp"
#include "kobie_problems/robertson.hpp"
#ifdef KOBIE_BENCH_HAVE_CVODE
#include "CvodeBatch.hpp"
#endif

namespace kobie_bench {

/// \brief One core, as the CVODE peer: Serial when Kokkos has it.
#ifdef KOKKOS_ENABLE_SERIAL
using StiffPeerExec = Kokkos::Serial;
#else
using StiffPeerExec = Kokkos::DefaultHostExecutionSpace;
#endif

/// \brief The kobie algorithms compared with CVODE (each problem's `kobie_methods` names which of them run, and at what
/// rtol).
using StiffPeerAlgorithms = kobie::TypeList<kobie::algorithms::Rodas5p, kobie::algorithms::Rodas4,
                                            kobie::algorithms::RadauIIA5, kobie::algorithms::Kvaerno5>;

/// \brief Floor of the error measure's denominator |ref| + floor.
constexpr double kErrorFloor = 1e-10;
/// \brief atol = kAtolPerRtol · rtol for both solvers.
constexpr double kAtolPerRtol = 1e-10;

/// \brief A kobie algorithm and the rtol the benchmark runs it at.
struct StiffMethod {
  const char* algorithm;
  double rtol;
};

/// \brief n values log-spaced over [0.1, 10].
inline double log_factor(int i, int n) { return std::pow(10.0, -1.0 + 2.0 * i / (n - 1)); }

/// \brief Robertson's kinetics to t = 1e5 from (1, 0, 0), (k1, k2, k3) = (0.04, 3e7, 1e4) each scaled by one of 8
/// factors log-spaced over [0.1, 10]: 512 distinct runs.
struct RobertsonBatch {
  using System = kobie_problems::Robertson;
  static constexpr const char* name = "robertson_batch";
  static constexpr int n_distinct = 512;
  static constexpr int n_bench_runs = 512;  ///< runs per benchmark iteration (distinct runs repeat beyond)
  static constexpr double t_end = 1e5;
  static constexpr double kobie_dt0 = 1e-6;  ///< kobie's initial step (CVODE picks its own)
  /// \brief The kobie methods of the benchmark at the nominal rtol = 1e-6. kobie_perf_stiff_calibration (max / median
  /// rel. error): radau-iia-5 2.4e-7 / 1.7e-8, kvaerno-5 7.1e-7 / 4.4e-7.
  static constexpr StiffMethod kobie_methods[] = {
      {"rodas5p", 1e-6}, {"rodas4", 1e-6}, {"radau-iia-5", 1e-6}, {"kvaerno-5", 1e-6}};
  /// \brief CVODE's rtol: the half-decade rung whose max error is closest to the largest of the kobie methods'
  /// (7.1e-7): 3e-8 gives 8.3e-7 / 2.2e-7 (1e-8: 2.3e-7 / 9.0e-8; 1e-7: 2.0e-6 / 6.0e-7; at 1e-6 CVODE's is 1.7e-5).
  static constexpr double cvode_rtol = 3e-8;

  /// \brief Run r's initial state and parameters (r modulo the distinct runs).
  static void run(int r, double* y0, double* p) {
    const int c = r % n_distinct;
    const int idx[3] = {c % 8, (c / 8) % 8, c / 64};
    const double nominal[3] = {0.04, 3.0e7, 1.0e4};
    for (int k = 0; k < 3; ++k) p[k] = nominal[k] * log_factor(idx[k], 8);
    y0[0] = 1.0;
    y0[1] = 0.0;
    y0[2] = 0.0;
  }
};

/// \brief POLLU to t = 60 from Verwer's initial state, k1 scaled by a factor log-spaced over [0.1, 10] per run.
struct PolluBatch {
  using System = kobie_problems::Pollu;
  static constexpr const char* name = "pollu_batch";
  static constexpr int n_distinct = 256;
  static constexpr int n_bench_runs = 256;  ///< runs per benchmark iteration (distinct runs repeat beyond)
  static constexpr double t_end = System::t_end;
  static constexpr double kobie_dt0 = 1e-6;
  /// \brief The kobie methods of the benchmark at the nominal rtol = 1e-6. kobie_perf_stiff_calibration (max / median
  /// rel. error): radau-iia-5 2.5e-7 / 5.4e-8, kvaerno-5 3.3e-7 / 9.8e-8.
  static constexpr StiffMethod kobie_methods[] = {
      {"rodas5p", 1e-6}, {"rodas4", 1e-6}, {"radau-iia-5", 1e-6}, {"kvaerno-5", 1e-6}};
  /// \brief CVODE's rtol: the half-decade rung whose max error is closest to the largest of the kobie methods'
  /// (3.3e-7): 1e-8 gives 2.8e-7 / 2.2e-8 (3e-8: 6.1e-7 / 9.1e-8; at 1e-6 CVODE's is 7.5e-6 / 1.7e-6).
  static constexpr double cvode_rtol = 1e-8;

  /// \brief Run r's initial state and parameters (r modulo the distinct runs).
  static void run(int r, double* y0, double* p) {
    for (int i = 0; i < System::n_states; ++i) y0[i] = System::default_initial[i];
    p[0] = log_factor(r % n_distinct, n_distinct);
  }
};

/// \brief Inputs of n runs, run-major.
template <class Problem>
void batch_inputs(int n, std::vector<double>& y0, std::vector<double>& params) {
  using S = typename Problem::System;
  y0.assign(static_cast<std::size_t>(n) * S::n_states, 0.0);
  params.assign(static_cast<std::size_t>(n) * S::n_parameters, 0.0);
  for (int r = 0; r < n; ++r) {
    Problem::run(r, &y0[static_cast<std::size_t>(r) * S::n_states],
                 &params[static_cast<std::size_t>(r) * S::n_parameters]);
  }
}

/// \brief A host (run, column) View holding run-major values.
using HostRows = Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace>;
inline HostRows host_rows(const std::vector<double>& v, int columns, const char* label) {
  const std::size_t n = v.size() / static_cast<std::size_t>(columns);
  HostRows out(std::string(label), n, static_cast<std::size_t>(columns));
  std::copy(v.begin(), v.end(), out.data());
  return out;
}

/// \brief What a solved batch leaves: final states (run-major) and step totals.
struct BatchOutcome {
  std::vector<double> final_states;
  double accepted = 0;  ///< accepted steps, all runs
  double rejected = 0;  ///< rejected step attempts, all runs
  int failed = 0;       ///< runs that did not reach t_end
};

/// \brief The kobie Solver of a problem.
template <class Problem>
using StiffPeerSolver = kobie::Solver<typename Problem::System, double, StiffPeerExec, StiffPeerAlgorithms>;

/// \brief kobie's settings: `algorithm` with dense LU at rtol, atol = kAtolPerRtol · rtol, final state only.
template <class Problem>
kobie::Settings kobie_settings(const std::string& algorithm, double rtol) {
  kobie::Settings s;
  s.set("algorithm", algorithm);
  s.set("linear_solver", "dense-lu");
  s.set("rtol", kobie::settings_text::format_number(rtol));
  s.set("atol", kobie::settings_text::format_number(kAtolPerRtol * rtol));
  s.set("dt", kobie::settings_text::format_number(Problem::kobie_dt0));
  s.set("dt_min", "1e-20");
  s.set("duration", kobie::settings_text::format_number(Problem::t_end));
  return s;
}

/// \brief The outcome of a kobie result (initial and final state saved).
template <class Result>
BatchOutcome kobie_outcome(const Result& result) {
  const auto h = result.to_host();
  const int n_runs = h.n_runs(), n = static_cast<int>(h.state_legend().size());
  BatchOutcome out;
  out.final_states.resize(static_cast<std::size_t>(n_runs) * n);
  for (int r = 0; r < n_runs; ++r) {
    for (int i = 0; i < n; ++i) out.final_states[static_cast<std::size_t>(r) * n + i] = h.state(r, 1, i);
    out.accepted += h.accepted_steps(r);
    out.rejected += h.rejected_steps(r);
    if (!kobie::succeeded(h.status(r))) ++out.failed;
  }
  return out;
}

/// \brief Final states of the problem's distinct runs (run-major) from Radau IIA 5 at rtol = 1e-12, atol = 1e-22
/// (dense LU), computed once; throws kobie::Error when a run fails.
template <class Problem>
const std::vector<double>& reference_states() {
  static const std::vector<double> ref = [] {
    using S = typename Problem::System;
    std::vector<double> y0, params;
    batch_inputs<Problem>(Problem::n_distinct, y0, params);
    StiffPeerSolver<Problem> solver(kobie_settings<Problem>("radau-iia-5", 1e-12));
    const BatchOutcome o =
        kobie_outcome(solver.solve(host_rows(y0, S::n_states, "y0"), host_rows(params, S::n_parameters, "params")));
    if (o.failed > 0) {
      throw kobie::Error(std::string(Problem::name) + " reference: " + std::to_string(o.failed) + " runs failed");
    }
    return o.final_states;
  }();
  return ref;
}

/// \brief max_rel_error and median_rel_error of a batch's final states (the module comment defines them).
struct ErrorStats {
  double max_rel_error = 0;
  double median_rel_error = 0;
};

/// \brief The errors of run-major final states against a run-major reference of the distinct runs (run r compares with
/// distinct run r modulo their number).
inline ErrorStats error_stats(const std::vector<double>& states, const std::vector<double>& ref, int n_states) {
  const std::size_t n = static_cast<std::size_t>(n_states);
  const std::size_t runs = states.size() / n, distinct = ref.size() / n;
  std::vector<double> per_run(runs, 0.0);
  for (std::size_t r = 0; r < runs; ++r) {
    for (std::size_t i = 0; i < n; ++i) {
      const double want = ref[(r % distinct) * n + i];
      const double e = std::abs(states[r * n + i] - want) / (std::abs(want) + kErrorFloor);
      per_run[r] = std::max(per_run[r], std::isnan(e) ? INFINITY : e);
    }
  }
  ErrorStats s;
  if (runs == 0) return s;
  s.max_rel_error = *std::max_element(per_run.begin(), per_run.end());
  std::sort(per_run.begin(), per_run.end());
  s.median_rel_error = runs % 2 ? per_run[runs / 2] : 0.5 * (per_run[runs / 2 - 1] + per_run[runs / 2]);
  return s;
}

#ifdef KOBIE_BENCH_HAVE_CVODE
/// \brief A CVODE batch's result as the accuracy and step counts are reported.
inline BatchOutcome cvode_outcome(const CvodeBatchResult& c) {
  BatchOutcome o;
  o.final_states = c.final_states;
  for (std::size_t r = 0; r < c.flags.size(); ++r) {
    o.accepted += static_cast<double>(c.accepted_steps[r]);
    o.rejected += static_cast<double>(c.rejected_steps[r]);
  }
  o.failed = c.n_failed();
  return o;
}
#endif

}  // namespace kobie_bench
