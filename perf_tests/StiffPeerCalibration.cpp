// Untimed calibration of the stiff peer benchmarks (BenchStiffPeers.cpp): accuracy against cost of SUNDIALS CVODE and
// of each kobie algorithm on the Robertson and POLLU batches over a tolerance ladder rtol = 1e-4, 3e-5, ..., 1e-10
// (half decades; atol = 1e-10 · rtol for both, see StiffPeers.hpp), so that the benchmark can run each solver at a
// tolerance that gives comparable errors. Also checks the reference (kobie's Radau IIA 5 at rtol = 1e-12) against
// CVODE at 1e-12.
//
//     kobie_perf_stiff_calibration [robertson|pollu]     (default: both)
#include <Kokkos_Core.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "CvodeBatch.hpp"
#include "StiffPeers.hpp"

namespace {

using namespace kobie_bench;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void print_row(const char* problem, const std::string& solver, double rtol, const BatchOutcome& o, double seconds,
               const std::vector<double>& ref, int n_states) {
  const int runs = static_cast<int>(o.final_states.size()) / n_states;
  const ErrorStats e = error_stats(o.final_states, ref, n_states);
  std::printf("%-16s %-12s %8.1g %8.1g %14.3e %16.3e %10.4g %10.2f %9.2f %6d\n", problem, solver.c_str(), rtol,
              kAtolPerRtol * rtol, e.max_rel_error, e.median_rel_error, runs / seconds,
              (o.accepted + o.rejected) / runs, o.rejected / runs, o.failed);
  std::fflush(stdout);
}

template <class Problem>
void calibrate() {
  using S = typename Problem::System;
  std::vector<double> y0, params;
  batch_inputs<Problem>(Problem::n_distinct, y0, params);
  const HostRows y0_h = host_rows(y0, S::n_states, "y0"), params_h = host_rows(params, S::n_parameters, "params");

  Clock::time_point start = Clock::now();
  const std::vector<double>& ref = reference_states<Problem>();
  std::printf("\n%s: %d distinct runs, t_end = %g; reference (radau-iia-5, rtol 1e-12, atol 1e-22) in %.1f s\n",
              Problem::name, Problem::n_distinct, Problem::t_end, seconds_since(start));

  CvodeOptions tight;
  tight.rtol = 1e-12;
  tight.atol = kAtolPerRtol * tight.rtol;
  tight.t_end = Problem::t_end;
  const CvodeBatchResult check = cvode_solve_batch(cvode_model<S>(), tight, y0, params);
  const ErrorStats agree = error_stats(check.final_states, ref, S::n_states);
  std::printf("reference vs CVODE at rtol 1e-12, atol 1e-22: max_rel_error %.3e, median_rel_error %.3e, %d failed\n\n",
              agree.max_rel_error, agree.median_rel_error, check.n_failed());
  std::printf("%-16s %-12s %8s %8s %14s %16s %10s %10s %9s %6s\n", "problem", "solver", "rtol", "atol", "max_rel_error",
              "median_rel_error", "runs/s", "steps/run", "rej./run", "failed");

  const double ladder[] = {1e-4, 3e-5, 1e-5, 3e-6, 1e-6, 3e-7, 1e-7, 3e-8, 1e-8, 3e-9, 1e-9, 3e-10, 1e-10};
  for (const double rtol : ladder) {
    CvodeOptions options;
    options.rtol = rtol;
    options.atol = kAtolPerRtol * rtol;
    options.t_end = Problem::t_end;
    start = Clock::now();
    const CvodeBatchResult c = cvode_solve_batch(cvode_model<S>(), options, y0, params);
    const double seconds = seconds_since(start);
    print_row(Problem::name, "cvode-bdf", rtol, cvode_outcome(c), seconds, ref, S::n_states);
  }
  for (const StiffMethod& method : Problem::kobie_methods) {
    std::printf("\n");
    for (const double rtol : ladder) {
      StiffPeerSolver<Problem> solver(kobie_settings<Problem>(method.algorithm, rtol));
      solver.solve(Kokkos::subview(y0_h, std::make_pair(0, 1), Kokkos::ALL),
                   Kokkos::subview(params_h, std::make_pair(0, 1), Kokkos::ALL));  // layout built outside the timing
      start = Clock::now();
      const auto result = solver.solve(y0_h, params_h);
      const double seconds = seconds_since(start);
      print_row(Problem::name, method.algorithm, rtol, kobie_outcome(result), seconds, ref, S::n_states);
    }
  }
}

}  // namespace

int main(int argc, char* argv[]) {
  Kokkos::ScopeGuard guard(argc, argv);
  const std::string only = argc > 1 ? argv[1] : "";
  std::printf(
      "max_rel_error: max over runs and components of |y - ref| / (|ref| + %g); median_rel_error: median over "
      "runs of each run's max. runs/s: one solve, one core. steps/run: accepted + rejected.\n",
      kErrorFloor);
  if (only.empty() || only == "robertson") calibrate<RobertsonBatch>();
  if (only.empty() || only == "pollu") calibrate<PolluBatch>();
  return 0;
}
