/// \file
/// \brief Pieces shared by the device-side Krylov methods: the start of a solve (b = 0, initial residual, tolerance
/// target) and the rule that decides when an inner product counts as zero.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/vector_ops.hpp"

namespace kobie {
namespace Impl {

/// \brief Where a Krylov solve stands after its start.
template <class Real>
struct KrylovStart {
  /// \brief True when the solve is already over (outcome set: success or breakdown).
  bool done;
  /// \brief tolerance · ‖b‖₂: converged when ‖r‖₂ ≤ target.
  Real target;
  /// \brief ‖r‖₂ of the initial residual.
  Real residual_norm;
};

/// \brief Starts a solve: b = 0 gives x = 0 and success; a non-finite ‖b‖ or ‖r‖ gives krylov_breakdown; otherwise
/// writes r = b − A x (one application of A unless x = 0) and reports success at once when ‖r‖ ≤ tolerance·‖b‖.
template <class Real, class Op>
KOKKOS_INLINE_FUNCTION KrylovStart<Real> krylov_start(const Op& A, const Real* b, Real* x, Real* r, int m,
                                                      Real tolerance, LinearOutcome& outcome) {
  outcome = LinearOutcome{};
  const Real b_norm = norm2(b, m);
  if (!math::isfinite(b_norm)) {
    outcome.status = status::krylov_breakdown;
    return {true, Real(0), b_norm};
  }
  if (b_norm == Real(0)) {
    fill_zero(x, m);
    return {true, Real(0), Real(0)};
  }
  const Real target = tolerance * b_norm;
  residual(A, b, x, r, m);
  const Real r_norm = norm2(r, m);
  if (!math::isfinite(r_norm)) {
    outcome.status = status::krylov_breakdown;
    return {true, target, r_norm};
  }
  return {r_norm <= target, target, r_norm};
}

/// \brief True when inner product `value` of two vectors of norms `norm_a`, `norm_b` counts as zero: |value| ≤
/// ε·norm_a·norm_b (the cosine of their angle is below machine epsilon), or value is not finite.
template <class Real>
KOKKOS_INLINE_FUNCTION bool negligible_inner_product(Real value, Real norm_a, Real norm_b) {
  return !(math::abs(value) > math::epsilon<Real>() * norm_a * norm_b) || !math::isfinite(value);
}

}  // namespace Impl
}  // namespace kobie
