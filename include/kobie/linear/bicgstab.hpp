/// \file
/// \brief BiCGSTAB (van der Vorst 1992), right preconditioned, for one small non-symmetric system per thread.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/linear/krylov_common.hpp"
#include "kobie/linear/linear_operator.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/vector_ops.hpp"

namespace kobie {

/// \brief Scratch of bicgstab, in Reals: 6m (r and s, r̂, p, v, p̂ and ŝ, t); `restart` is ignored.
KOKKOS_INLINE_FUNCTION constexpr int bicgstab_workspace_size(int m, int /*restart*/ = 0) { return 6 * m; }

/// \brief Solves A x = b by BiCGSTAB (H. A. van der Vorst, SIAM J. Sci. Stat. Comput. 13 (1992) 631–644), right
/// preconditioned (iterates on A·M, x = x_0 + M·u), shadow residual r̂ = r_0.
///
/// One full step has two halves, each one application of M and one of A, and each counted as one iteration:
/// ρ = r̂·r, p = r + β(p − ω v), p̂ = M p, v = A p̂, α = ρ/(r̂·v), s = r − α v, x += α p̂ | ŝ = M s, t = A ŝ,
/// ω = (t·s)/(t·t), x += ω ŝ, r = s − ω t. x holds the initial guess on entry (usually zero) and the last iterate
/// (possibly a half-step one) on return. Converged when ‖r‖₂ ≤ params.tolerance·‖b‖₂ with r the recurrence residual;
/// the half-step residual s is tested too, and the solve ends after the first half when ‖s‖₂ is small enough (which
/// also avoids t = 0, ω = 0/0 when s vanishes). b = 0 gives x = 0 at once.
///
/// Returns status::linear_iterations_exceeded after params.max_iters half-steps, and status::krylov_breakdown, with
/// the iterate reached so far, when ρ = r̂·r or r̂·v counts as zero (|·| ≤ ε times the norms of its two vectors, e.g. A
/// = [[0, 1], [1, 0]], b = (1, 0): r̂·A r̂ = 0 at once), when t·s counts as zero (ω ≈ 0: the next β would divide by
/// it), or when a norm becomes non-finite. `work`: bicgstab_workspace_size(m) Reals, not overlapping b, x or anything
/// A and M use.
template <class Real, class Op, class Prec>
KOKKOS_INLINE_FUNCTION LinearOutcome bicgstab(const Op& A, const Prec& M, const Real* b, Real* x, int m,
                                              const KrylovParams<Real>& params, Real* work) {
  static_assert(is_linear_operator_v<Op, Real>,
                "kobie::bicgstab: Op must provide `void apply(const Real* v, Real* Av) const`");
  static_assert(is_preconditioner_v<Prec, Real>,
                "kobie::bicgstab: Prec must provide `void apply(const Real* r, Real* z) const`");
  Real* r = work;  // r, overwritten by s in each step
  Real* r_hat = work + m;
  Real* p = work + 2 * m;
  Real* v = work + 3 * m;
  Real* p_hat = work + 4 * m;  // M p, then M s
  Real* t = work + 5 * m;
  LinearOutcome outcome;
  const Impl::KrylovStart<Real> start = Impl::krylov_start(A, b, x, r, m, params.tolerance, outcome);
  if (start.done) return outcome;
  Impl::copy(r, r_hat, m);
  const Real r_hat_norm = start.residual_norm;
  Real r_norm = start.residual_norm;
  Real rho_old = Real(1), alpha = Real(1), omega = Real(1);
  bool first = true;
  while (true) {
    if (outcome.iterations >= params.max_iters) {
      outcome.status = status::linear_iterations_exceeded;
      return outcome;
    }
    const Real rho = Impl::dot(r_hat, r, m);
    if (Impl::negligible_inner_product(rho, r_hat_norm, r_norm)) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    if (first) {
      Impl::copy(r, p, m);
      first = false;
    } else {
      const Real beta = (rho / rho_old) * (alpha / omega);
      for (int i = 0; i < m; ++i) p[i] = r[i] + beta * (p[i] - omega * v[i]);
    }
    // First half: along p̂ = M p.
    M.apply(p, p_hat);
    A.apply(p_hat, v);
    ++outcome.iterations;
    const Real sigma = Impl::dot(r_hat, v, m);
    if (Impl::negligible_inner_product(sigma, r_hat_norm, Impl::norm2(v, m))) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    alpha = rho / sigma;
    Impl::axpy(-alpha, v, r, m);  // r now holds s
    Impl::axpy(alpha, p_hat, x, m);
    const Real s_norm = Impl::norm2(r, m);
    if (!math::isfinite(s_norm)) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    if (s_norm <= start.target) return outcome;
    if (outcome.iterations >= params.max_iters) {
      outcome.status = status::linear_iterations_exceeded;
      return outcome;
    }
    // Second half: along ŝ = M s.
    M.apply(r, p_hat);
    A.apply(p_hat, t);
    ++outcome.iterations;
    const Real tt = Impl::dot(t, t, m);
    const Real ts = Impl::dot(t, r, m);
    if (!(tt > Real(0)) || Impl::negligible_inner_product(ts, math::sqrt(tt), s_norm)) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    omega = ts / tt;
    Impl::axpy(omega, p_hat, x, m);
    Impl::axpy(-omega, t, r, m);
    r_norm = Impl::norm2(r, m);
    if (!math::isfinite(r_norm)) {
      outcome.status = status::krylov_breakdown;
      return outcome;
    }
    if (r_norm <= start.target) return outcome;
    rho_old = rho;
  }
}

}  // namespace kobie
