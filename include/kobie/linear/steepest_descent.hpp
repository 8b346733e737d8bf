/// \file
/// \brief Preconditioned steepest descent for symmetric positive definite systems, one small system per thread.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/linear/krylov_common.hpp"
#include "kobie/linear/linear_operator.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/one_dimensional_projection.hpp"
#include "kobie/linear/vector_ops.hpp"

namespace kobie {

namespace Impl {
/// \brief The steepest descent step length α = (r·z)/(z·w) (one_dimensional_projection's StepLength); false when r·z
/// or z·w is not positive beyond rounding.
struct SteepestDescentStep {
  template <class Real>
  KOKKOS_INLINE_FUNCTION static bool step_length(const Real* r, const Real* z, const Real* w, int m, Real r_norm,
                                                 Real& alpha) {
    const Real z_norm = norm2(z, m);
    const Real rz = dot(r, z, m);
    const Real zw = dot(z, w, m);
    if (!(rz > Real(0)) || !(zw > Real(0)) || negligible_inner_product(rz, r_norm, z_norm) ||
        negligible_inner_product(zw, z_norm, norm2(w, m))) {
      return false;
    }
    alpha = rz / zw;
    return true;
  }
};
}  // namespace Impl

/// \brief Scratch of steepest_descent, in Reals: 3m (r, z, w); `restart` is ignored.
KOKKOS_INLINE_FUNCTION constexpr int steepest_descent_workspace_size(int m, int /*restart*/ = 0) {
  return Impl::projection_workspace_size(m);
}

/// \brief Solves A x = b, A symmetric positive definite, by preconditioned steepest descent (Saad §5.3.1): z = M r,
/// w = A z, α = (r·z)/(z·w), x += α z, r −= α w; each step minimises the A-norm of the error along z. M must be
/// symmetric positive definite too (identity, Jacobi with a positive diagonal, Neumann of an SPD diagonally dominant
/// A all are).
///
/// x holds the initial guess on entry (usually zero) and the last iterate on return. Converged when ‖r‖₂ ≤
/// params.tolerance·‖b‖₂ (r updated by the recurrence; b = 0 gives x = 0 at once). Returns
/// status::linear_iterations_exceeded after params.max_iters steps, and status::krylov_breakdown when r·z or z·Az is
/// not positive beyond rounding (≤ ε times the norms of its vectors: A or M is not positive definite along that
/// direction) or a norm becomes non-finite. One operator and one preconditioner application per iteration. `work`:
/// steepest_descent_workspace_size(m) Reals, not overlapping b, x or anything A and M use.
template <class Real, class Op, class Prec>
KOKKOS_INLINE_FUNCTION LinearOutcome steepest_descent(const Op& A, const Prec& M, const Real* b, Real* x, int m,
                                                      const KrylovParams<Real>& params, Real* work) {
  static_assert(is_linear_operator_v<Op, Real>,
                "kobie::steepest_descent: Op must provide `void apply(const Real* v, Real* Av) const`");
  static_assert(is_preconditioner_v<Prec, Real>,
                "kobie::steepest_descent: Prec must provide `void apply(const Real* r, Real* z) const`");
  return Impl::one_dimensional_projection<Impl::SteepestDescentStep>(A, M, b, x, m, params, work);
}

}  // namespace kobie
