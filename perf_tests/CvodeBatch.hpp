// The SUNDIALS CVODE peer of kobie's stiff benchmarks: a batch of runs solved one after another on one core with
// CVODE's BDF method, Newton's iteration and the dense direct linear solver, using the kobie System's own rhs and
// analytic Jacobian. It measures what the usual way of solving such a batch costs, in the same binary as kobie.
#pragma once

#include <vector>

namespace kobie_bench {

/// \brief One run's right-hand side (dydt) or row-major dense Jacobian (J[i * n + j] = ∂f_i/∂y_j) at (t, y, p).
using CvodeModelFn = void (*)(double t, const double* y, const double* p, double* out);

/// \brief The model CVODE integrates: sizes and the two functions.
struct CvodeModel {
  int n_states;
  int n_parameters;
  CvodeModelFn rhs;
  CvodeModelFn jacobian;
};

/// \brief The model of a stateless kobie System: thin adapters calling its `rhs` and `jacobian` templates with double
/// (no drivers).
template <class System>
CvodeModel cvode_model() {
  constexpr const double* no_drivers = nullptr;
  return {System::n_states, System::n_parameters,
          [](double t, const double* y, const double* p, double* dydt) { System().rhs(t, y, p, no_drivers, dydt); },
          [](double t, const double* y, const double* p, double* J) { System().jacobian(t, y, p, no_drivers, J); }};
}

/// \brief Integration settings shared by every run of a batch.
struct CvodeOptions {
  double rtol = 1e-6;        ///< scalar relative tolerance
  double atol = 1e-10;       ///< scalar absolute tolerance
  double t_end = 1.0;        ///< every run integrates over [0, t_end] and stops exactly there
  long max_steps = 1000000;  ///< internal steps per run
};

/// \brief What a batch leaves: final states and per-run statistics.
struct CvodeBatchResult {
  std::vector<double> final_states;  ///< run-major: final_states[run * n_states + i]
  std::vector<long> accepted_steps;  ///< CVodeGetNumSteps per run
  std::vector<long> rejected_steps;  ///< error-test and nonlinear-solver failures per run (each retries the step)
  std::vector<int> flags;            ///< CVode's last return flag per run; negative: the run failed
  /// \brief Number of runs whose flag is negative.
  int n_failed() const;
};

/// \brief Solves every run (rows of y0: run-major n_states values; of params: n_parameters values) one after another.
/// One CVODE memory, vector, dense matrix and dense linear solver serve the whole batch (CVodeReInit per run);
/// CV_BDF with Newton's iteration, the analytic Jacobian (CVodeSetJacFn), CVodeSStolerances, CVODE's own initial
/// step, and a stop time at t_end. Throws std::runtime_error when SUNDIALS cannot be set up.
CvodeBatchResult cvode_solve_batch(const CvodeModel& model, const CvodeOptions& options, const std::vector<double>& y0,
                                   const std::vector<double>& params);

}  // namespace kobie_bench
