/// \file
/// \brief The minimal residual iteration (Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., §5.3.2), right
/// preconditioned, for one small system per thread.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/linear/krylov_common.hpp"
#include "kobie/linear/linear_operator.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/vector_ops.hpp"

namespace kobie {

/// \brief Scratch of minimal_residual, in Reals: 3m (r, z, w); `restart` is ignored.
KOKKOS_INLINE_FUNCTION constexpr int minimal_residual_workspace_size(int m, int /*restart*/ = 0) { return 3 * m; }

/// \brief Solves A x = b by the minimal residual iteration, a one-dimensional projection per step, right
/// preconditioned: z = M r, w = A z, α = (w·r)/(w·w), x += α z, r −= α w. Each step minimises the true residual
/// ‖b − A x‖₂ along the direction z; it converges when the symmetric part of A·M is positive definite.
///
/// x holds the initial guess on entry (usually zero) and the last iterate on return. Converged when ‖r‖₂ ≤
/// params.tolerance·‖b‖₂ (r updated by the recurrence; b = 0 gives x = 0 at once). Returns
/// status::linear_iterations_exceeded after params.max_iters steps, and status::krylov_breakdown when w·r counts as
/// zero
/// (|w·r| ≤ ε‖w‖‖r‖: no progress possible, e.g. A z ⊥ r) or a norm becomes non-finite. One operator and one
/// preconditioner application per iteration. `work`: minimal_residual_workspace_size(m) Reals, not overlapping b, x
/// or anything A and M use.
template <class Real, class Op, class Prec>
KOKKOS_INLINE_FUNCTION LinearOutcome minimal_residual(const Op& A, const Prec& M, const Real* b, Real* x, int m,
                                                      const KrylovParams<Real>& params, Real* work) {
  static_assert(is_linear_operator_v<Op, Real>,
                "kobie::minimal_residual: Op must provide `void apply(const Real* v, Real* Av) const`");
  static_assert(is_preconditioner_v<Prec, Real>,
                "kobie::minimal_residual: Prec must provide `void apply(const Real* r, Real* z) const`");
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
    const Real ww = Impl::dot(w, w, m);
    const Real wr = Impl::dot(w, r, m);
    if (!(ww > Real(0)) || !math::isfinite(ww) || Impl::negligible_inner_product(wr, math::sqrt(ww), r_norm)) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    const Real alpha = wr / ww;
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
