/// \file
/// \brief The minimal residual iteration (Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., §5.3.2), right
/// preconditioned, for one small system per thread.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/linear/krylov_common.hpp"
#include "kobie/linear/linear_operator.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/one_dimensional_projection.hpp"
#include "kobie/linear/vector_ops.hpp"

namespace kobie {

namespace Impl {
/// \brief The minimal residual step length α = (w·r)/(w·w) (one_dimensional_projection's StepLength); false when
/// w·r counts as zero or w·w is not positive and finite.
struct MinimalResidualStep {
  template <class Real>
  KOKKOS_INLINE_FUNCTION static bool step_length(const Real* r, const Real* /*z*/, const Real* w, int m, Real r_norm,
                                                 Real& alpha) {
    const Real ww = dot(w, w, m);
    const Real wr = dot(w, r, m);
    if (!(ww > Real(0)) || !math::isfinite(ww) || negligible_inner_product(wr, math::sqrt(ww), r_norm)) return false;
    alpha = wr / ww;
    return true;
  }
};
}  // namespace Impl

/// \brief Scratch of minimal_residual, in Reals: 3m (r, z, w); `restart` is ignored.
KOKKOS_INLINE_FUNCTION constexpr int minimal_residual_workspace_size(int m, int /*restart*/ = 0) {
  return Impl::projection_workspace_size(m);
}

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
  return Impl::one_dimensional_projection<Impl::MinimalResidualStep>(A, M, b, x, m, params, work);
}

}  // namespace kobie
