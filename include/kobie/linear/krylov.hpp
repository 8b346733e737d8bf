/// \file
/// \brief All device-side Krylov methods, and their selection at run time by the matrix-free LinearSolverKind values:
/// one workspace size and one solve call for whichever method a setting names.
#pragma once

#include "kobie/core/status.hpp"
#include "kobie/linear/bicgstab.hpp"
#include "kobie/linear/gmres.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/linear_solver_settings.hpp"
#include "kobie/linear/minimal_residual.hpp"
#include "kobie/linear/steepest_descent.hpp"

namespace kobie {

/// \brief Scratch, in Reals, of the matrix-free `method` for dimension m and GMRES restart length `restart` (0 for
/// dense_lu, which has no Krylov workspace).
KOKKOS_INLINE_FUNCTION constexpr int krylov_workspace_size(LinearSolverKind method, int m, int restart) {
  return method == LinearSolverKind::minimal_residual   ? minimal_residual_workspace_size(m, restart)
         : method == LinearSolverKind::steepest_descent ? steepest_descent_workspace_size(m, restart)
         : method == LinearSolverKind::bicgstab         ? bicgstab_workspace_size(m, restart)
         : method == LinearSolverKind::gmres            ? gmres_workspace_size(m, restart)
                                                        : 0;
}

/// \brief Solves A x = b with the matrix-free `method` (same contract as the method's own function); `work` holds
/// krylov_workspace_size(method, m, params.restart) Reals. dense_lu is no Krylov method: krylov_breakdown.
template <class Real, class Op, class Prec>
KOKKOS_INLINE_FUNCTION LinearOutcome krylov_solve(LinearSolverKind method, const Op& A, const Prec& M, const Real* b,
                                                  Real* x, int m, const KrylovParams<Real>& params, Real* work) {
  switch (method) {
    case LinearSolverKind::minimal_residual:
      return minimal_residual(A, M, b, x, m, params, work);
    case LinearSolverKind::steepest_descent:
      return steepest_descent(A, M, b, x, m, params, work);
    case LinearSolverKind::bicgstab:
      return bicgstab(A, M, b, x, m, params, work);
    case LinearSolverKind::gmres:
      return gmres(A, M, b, x, m, params, work);
    case LinearSolverKind::dense_lu:
      break;
  }
  return LinearOutcome{0, status::krylov_breakdown};
}

}  // namespace kobie
