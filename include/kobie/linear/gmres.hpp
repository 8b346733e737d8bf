/// \file
/// \brief Restarted GMRES(k) (Saad & Schultz 1986), right preconditioned, modified Gram–Schmidt Arnoldi and Givens
/// rotations, for one small system per thread.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/linear/krylov_common.hpp"
#include "kobie/linear/linear_operator.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/vector_ops.hpp"

namespace kobie {

/// \brief Scratch of gmres, in Reals, with k = max(restart, 1): (k+1)·m for the Arnoldi basis V, m for a
/// preconditioned vector z, (k+1)·k for the Hessenberg matrix H (column-major), k each for the rotation cosines and
/// sines, k+1 for the rotated right-hand side g. Total (k+2)·m + (k+1)·k + 3k + 1, laid out in that order.
KOKKOS_INLINE_FUNCTION constexpr int gmres_workspace_size(int m, int restart) {
  const int k = restart < 1 ? 1 : restart;
  return (k + 2) * m + (k + 1) * k + 3 * k + 1;
}

/// \brief Solves A x = b by restarted GMRES, right preconditioned (minimises ‖b − A x‖₂ over x_0 + M·K_k(A·M, r_0) in
/// each cycle), with a Krylov subspace of dimension k = params.restart per cycle (read as max(restart, 1), and capped
/// at m, where the space is complete).
///
/// Each inner iteration applies M and A once (z = M v_j, w = A z), orthogonalises w against v_0 … v_j by modified
/// Gram–Schmidt, and updates the least-squares residual estimate |g_{j+1}| through Givens rotations; `iterations`
/// counts inner iterations over all cycles. A cycle ends after k iterations, when the estimate reaches
/// params.tolerance·‖b‖₂, or at a happy breakdown (h_{j+1,j} ≤ m·ε‖A z‖, rounding level: the Krylov space is invariant,
/// the cycle's solution exact); x is then updated by M·(V y). The solve converges when the estimate, or the true
/// residual recomputed at the start of the next cycle (one application of A, not counted), is ≤ params.tolerance·‖b‖₂;
/// a happy breakdown counts as convergence. b = 0 gives x = 0 at once.
///
/// x holds the initial guess on entry (usually zero) and the last iterate on return. Returns
/// status::linear_iterations_exceeded after params.max_iters inner iterations (x updated with the partial cycle), and
/// status::krylov_breakdown when the rotated diagonal of H counts as zero (≤ m·ε times its column's norm: A·M is
/// singular on the Krylov space; x keeps the cycle's previous columns) or a norm becomes non-finite. `work`:
/// gmres_workspace_size(m, params.restart) Reals, not overlapping b, x or anything A and M use.
template <class Real, class Op, class Prec>
KOKKOS_INLINE_FUNCTION LinearOutcome gmres(const Op& A, const Prec& M, const Real* b, Real* x, int m,
                                           const KrylovParams<Real>& params, Real* work) {
  static_assert(is_linear_operator_v<Op, Real>,
                "kobie::gmres: Op must provide `void apply(const Real* v, Real* Av) const`");
  static_assert(is_preconditioner_v<Prec, Real>,
                "kobie::gmres: Prec must provide `void apply(const Real* r, Real* z) const`");
  const int k_alloc = params.restart < 1 ? 1 : params.restart;  // the layout follows gmres_workspace_size
  const int k_max = k_alloc < m ? k_alloc : m;
  const int ldh = k_alloc + 1;
  Real* V = work;
  Real* z = V + (k_alloc + 1) * m;
  Real* H = z + m;
  Real* cs = H + (k_alloc + 1) * k_alloc;
  Real* sn = cs + k_alloc;
  Real* g = sn + k_alloc;
  const Real negligible = static_cast<Real>(m) * math::epsilon<Real>();  // relative rounding level of length-m sums

  LinearOutcome outcome;
  const Impl::KrylovStart<Real> start = Impl::krylov_start(A, b, x, V, m, params.tolerance, outcome);
  if (start.done) return outcome;
  Real beta = start.residual_norm;
  while (true) {
    if (outcome.iterations >= params.max_iters) {
      outcome.status = status::linear_iterations_exceeded;
      return outcome;
    }
    // Cycle: v_0 = r / ‖r‖, g = ‖r‖ e_1.
    for (int i = 0; i < m; ++i) V[i] /= beta;
    g[0] = beta;
    int k = 0;  // columns of the cycle's least-squares problem
    bool converged = false;
    bool breakdown = false;
    for (int j = 0; j < k_max && outcome.iterations < params.max_iters; ++j) {
      Real* w = V + (j + 1) * m;
      Real* h = H + j * ldh;
      M.apply(V + j * m, z);
      A.apply(z, w);
      ++outcome.iterations;
      for (int i = 0; i <= j; ++i) {
        h[i] = Impl::dot(w, V + i * m, m);
        Impl::axpy(-h[i], V + i * m, w, m);
      }
      h[j + 1] = Impl::norm2(w, m);
      Real column_norm_sq = Real(0);
      for (int i = 0; i <= j + 1; ++i) column_norm_sq += h[i] * h[i];
      const Real column_norm = math::sqrt(column_norm_sq);
      if (!math::isfinite(column_norm)) {
        breakdown = true;
        break;
      }
      const bool happy = !(h[j + 1] > negligible * column_norm);
      if (!happy) {
        const Real inv = Real(1) / h[j + 1];
        for (int i = 0; i < m; ++i) w[i] *= inv;
      }
      // Earlier rotations on the new column, then the rotation that zeroes h_{j+1,j}.
      for (int i = 0; i < j; ++i) {
        const Real t = cs[i] * h[i] + sn[i] * h[i + 1];
        h[i + 1] = -sn[i] * h[i] + cs[i] * h[i + 1];
        h[i] = t;
      }
      const Real a = h[j], c = h[j + 1];
      const Real scale = math::abs(a) + math::abs(c);
      Real rr = Real(0);
      if (scale > Real(0)) {
        const Real an = a / scale, cn = c / scale;
        rr = scale * math::sqrt(an * an + cn * cn);
      }
      if (!(rr > negligible * column_norm)) {  // A·M singular on the Krylov space: drop this column
        breakdown = true;
        break;
      }
      cs[j] = a / rr;
      sn[j] = c / rr;
      h[j] = rr;
      h[j + 1] = Real(0);
      g[j + 1] = -sn[j] * g[j];
      g[j] = cs[j] * g[j];
      k = j + 1;
      if (happy || math::abs(g[j + 1]) <= start.target) {
        converged = true;
        break;
      }
    }
    // y = H⁻¹ g by back substitution (in g), u = V y (in z), x += M u (through v_0, no longer needed).
    if (k > 0) {
      for (int i = k - 1; i >= 0; --i) {
        Real s = g[i];
        for (int l = i + 1; l < k; ++l) s -= H[l * ldh + i] * g[l];
        g[i] = s / H[i * ldh + i];
      }
      Impl::fill_zero(z, m);
      for (int i = 0; i < k; ++i) Impl::axpy(g[i], V + i * m, z, m);
      M.apply(z, V);
      Impl::axpy(Real(1), V, x, m);
    }
    if (breakdown) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    if (converged) return outcome;
    if (outcome.iterations >= params.max_iters) {
      outcome.status = status::linear_iterations_exceeded;
      return outcome;
    }
    // Restart from the true residual.
    Impl::residual(A, b, x, V, m);
    beta = Impl::norm2(V, m);
    if (!math::isfinite(beta)) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    if (beta <= start.target) return outcome;
  }
}

}  // namespace kobie
