/// \file
/// \brief Preconditioned steepest descent for symmetric positive definite systems, one small system per thread.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/linear/krylov_common.hpp"
#include "kobie/linear/linear_operator.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/vector_ops.hpp"

namespace kobie {

/// \brief Scratch of steepest_descent, in Reals: 3m (r, z, w); `restart` is ignored.
KOKKOS_INLINE_FUNCTION constexpr int steepest_descent_workspace_size(int m, int /*restart*/ = 0) { return 3 * m; }

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
  Real* r = work;
  Real* z = work + m;
  Real* w = work + 2 * m;
  LinearOutcome outcome;
  const Impl::KrylovStart<Real> start = Impl::krylov_start(A, b, x, r, m, params.tolerance, outcome);
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
    const Real z_norm = Impl::norm2(z, m);
    const Real rz = Impl::dot(r, z, m);
    const Real zw = Impl::dot(z, w, m);
    if (!(rz > Real(0)) || !(zw > Real(0)) || Impl::negligible_inner_product(rz, r_norm, z_norm) ||
        Impl::negligible_inner_product(zw, z_norm, Impl::norm2(w, m))) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    const Real alpha = rz / zw;
    Impl::axpy(alpha, z, x, m);
    Impl::axpy(-alpha, w, r, m);
    r_norm = Impl::norm2(r, m);
    if (!math::isfinite(r_norm)) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    if (r_norm <= start.target) return outcome;
  }
}

}  // namespace kobie
