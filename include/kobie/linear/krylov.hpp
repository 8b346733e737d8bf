/// \file
/// \brief All device-side Krylov methods, and their selection at run time (KrylovMethod): one workspace size and one
/// solve call for whichever method a setting names.
#pragma once

#include "kobie/core/status.hpp"
#include "kobie/linear/bicgstab.hpp"
#include "kobie/linear/gmres.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/minimal_residual.hpp"
#include "kobie/linear/steepest_descent.hpp"

namespace kobie {

/// \brief The Krylov methods of kobie.
enum class KrylovMethod {
  minimal_residual,  ///< minimal_residual: one-dimensional residual projection (A·M positive definite)
  steepest_descent,  ///< steepest_descent: A and M symmetric positive definite
  bicgstab,          ///< bicgstab: general non-symmetric A
  gmres              ///< gmres: restarted GMRES(restart), general A
};

/// \brief Scratch, in Reals, of `method` for dimension m and GMRES restart length `restart`.
KOKKOS_INLINE_FUNCTION constexpr int krylov_workspace_size(KrylovMethod method, int m, int restart) {
  return method == KrylovMethod::minimal_residual   ? minimal_residual_workspace_size(m, restart)
         : method == KrylovMethod::steepest_descent ? steepest_descent_workspace_size(m, restart)
         : method == KrylovMethod::bicgstab         ? bicgstab_workspace_size(m, restart)
                                                    : gmres_workspace_size(m, restart);
}

/// \brief Solves A x = b with `method` (same contract as the method's own function); `work` holds
/// krylov_workspace_size(method, m, params.restart) Reals.
template <class Real, class Op, class Prec>
KOKKOS_INLINE_FUNCTION LinearOutcome krylov_solve(KrylovMethod method, const Op& A, const Prec& M, const Real* b,
                                                  Real* x, int m, const KrylovParams<Real>& params, Real* work) {
  switch (method) {
    case KrylovMethod::minimal_residual:
      return minimal_residual(A, M, b, x, m, params, work);
    case KrylovMethod::steepest_descent:
      return steepest_descent(A, M, b, x, m, params, work);
    case KrylovMethod::bicgstab:
      return bicgstab(A, M, b, x, m, params, work);
    case KrylovMethod::gmres:
      return gmres(A, M, b, x, m, params, work);
  }
  return LinearOutcome{0, status::krylov_breakdown};
}

}  // namespace kobie
