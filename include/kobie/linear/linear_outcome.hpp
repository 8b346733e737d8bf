/// \file
/// \brief What a device-side linear solve reports (LinearOutcome) and what a Krylov method is asked to do
/// (KrylovParams).
#pragma once

#include "kobie/core/status.hpp"

namespace kobie {

/// \brief Result of one linear solve on one thread.
///
/// `iterations` counts Krylov iterations, each one application of the operator A (GMRES: inner iterations; BiCGSTAB:
/// half-steps, two per full BiCGSTAB step). Residual evaluations r = b − A x at the start of a solve or of a GMRES
/// cycle are not counted. `status` is status::success, or one or more of status::linear_iterations_exceeded,
/// status::krylov_breakdown, status::singular_matrix.
struct LinearOutcome {
  /// \brief Operator applications made by the iteration (0 when the initial guess already satisfied the tolerance).
  int iterations = 0;
  /// \brief status::success or the reason the solve stopped without converging.
  StatusBits status = status::success;
};

/// \brief Settings of a Krylov solve: converged when ‖b − A x‖₂ ≤ tolerance · ‖b‖₂.
template <class Real>
struct KrylovParams {
  /// \brief Relative residual tolerance (relative to ‖b‖₂); 0 asks for iterating until max_iters or breakdown.
  Real tolerance;
  /// \brief Largest number of iterations (operator applications, see LinearOutcome::iterations).
  int max_iters;
  /// \brief GMRES only: Krylov subspace dimension per cycle (values below 1 are read as 1).
  int restart;
};

}  // namespace kobie
