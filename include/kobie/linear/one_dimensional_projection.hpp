/// \file
/// \brief The loop of the one-dimensional projection methods (Saad, Iterative Methods for Sparse Linear Systems, 2nd
/// ed., §5.3), right preconditioned, for one small system per thread: minimal_residual and steepest_descent differ
/// only in their step length.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/linear/krylov_common.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/vector_ops.hpp"

namespace kobie {
namespace Impl {

/// \brief Scratch of a one-dimensional projection method, in Reals: 3m (r, z, w).
KOKKOS_INLINE_FUNCTION constexpr int projection_workspace_size(int m) { return 3 * m; }

/// \brief Solves A x = b by one-dimensional projections along the preconditioned residual: z = M r, w = A z, then
/// x += α z and r −= α w with α from `StepLength::step_length(r, z, w, m, ‖r‖₂, α)`, which returns false on a
/// breakdown (the solve then stops with status::krylov_breakdown).
///
/// x holds the initial guess on entry and the last iterate on return. Converged when ‖r‖₂ ≤ params.tolerance·‖b‖₂ (r
/// updated by the recurrence; b = 0 gives x = 0 at once); status::linear_iterations_exceeded after params.max_iters
/// steps; status::krylov_breakdown when a norm becomes non-finite. One operator and one preconditioner application
/// per iteration. `work`: projection_workspace_size(m) Reals, not overlapping b, x or anything A and M use.
template <class StepLength, class Real, class Op, class Prec>
KOKKOS_INLINE_FUNCTION LinearOutcome one_dimensional_projection(const Op& A, const Prec& M, const Real* b, Real* x,
                                                                int m, const KrylovParams<Real>& params, Real* work) {
  Real* r = work;
  Real* z = work + m;
  Real* w = work + 2 * m;
  LinearOutcome outcome;
  const KrylovStart<Real> start = krylov_start(A, b, x, r, m, params.tolerance, outcome);
  if (start.done) return outcome;
  Real r_norm = start.residual_norm;
  while (true) {
    if (outcome.iterations >= params.max_iters) {
      outcome.status = status::linear_iterations_exceeded;
      return outcome;
    }
    M.apply(r, z);
    A.apply(z, w);
    ++outcome.iterations;
    Real alpha = Real(0);
    if (!StepLength::step_length(static_cast<const Real*>(r), static_cast<const Real*>(z), static_cast<const Real*>(w),
                                 m, r_norm, alpha)) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    axpy(alpha, z, x, m);
    axpy(-alpha, w, r, m);
    r_norm = norm2(r, m);
    if (!math::isfinite(r_norm)) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    if (r_norm <= start.target) return outcome;
  }
}

}  // namespace Impl
}  // namespace kobie
