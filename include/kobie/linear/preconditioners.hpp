/// \file
/// \brief Preconditioners of the device-side Krylov methods (z ≈ A⁻¹ r): identity, Jacobi, truncated Neumann series,
/// and an exact one from a dense LU factorisation.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/linear/dense_lu.hpp"
#include "kobie/linear/linear_operator.hpp"

namespace kobie {

/// \brief No preconditioning: z = r.
template <class Real>
struct IdentityPreconditioner {
  /// \brief Dimension.
  int m;
  /// \brief z = r.
  KOKKOS_INLINE_FUNCTION void apply(const Real* r, Real* z) const {
    for (int i = 0; i < m; ++i) z[i] = r[i];
  }
};

/// \brief Jacobi (diagonal) preconditioning: z_i = inverse_diagonal_i · r_i, with inverse_diagonal_i = 1 / A_ii
/// supplied by the caller (not owned).
template <class Real>
struct JacobiPreconditioner {
  /// \brief The m reciprocals 1 / A_ii.
  const Real* inverse_diagonal;
  /// \brief Dimension.
  int m;
  /// \brief z = D⁻¹ r.
  KOKKOS_INLINE_FUNCTION void apply(const Real* r, Real* z) const {
    for (int i = 0; i < m; ++i) z[i] = inverse_diagonal[i] * r[i];
  }
};

/// \brief Scratch, in Reals, of a NeumannPreconditioner of dimension m and the given order: m for order ≥ 1 (the
/// product A z_k), none for order 0.
KOKKOS_INLINE_FUNCTION constexpr int neumann_preconditioner_workspace_size(int m, int order) {
  return order > 0 ? m : 0;
}

/// \brief Truncated Neumann series of order K around the diagonal D of the operator A:
/// z = Σ_{k=0}^{K} (I − D⁻¹A)^k D⁻¹ r, a polynomial in A (a fixed linear map, so usable with every method here).
///
/// Computed as z_0 = D⁻¹ r, z_{k+1} = z_0 + z_k − D⁻¹ A z_k: K applications of A. Order 0 is Jacobi. D⁻¹ is given as
/// `inverse_diagonal` (m reciprocals 1 / A_ii); with `inverse_diagonal == nullptr`, D = I and the series is
/// Σ (I − A)^k r, for operators already close to the identity such as W = I − γJ. The series converges as K grows
/// when the spectral radius of I − D⁻¹A is below 1 (e.g. A strictly diagonally dominant); for symmetric A with
/// positive diagonal and eigenvalues of D^{-1/2} A D^{-1/2} in (0, 2) the preconditioner is symmetric positive
/// definite.
///
/// `work` is caller scratch of neumann_preconditioner_workspace_size(m, order) Reals (unused, may be null, for order
/// 0); it must not overlap r, z, or anything A uses. r and z must not alias.
template <class Real, class Op>
struct NeumannPreconditioner {
  static_assert(is_linear_operator_v<Op, Real>,
                "kobie::NeumannPreconditioner: Op must provide `void apply(const Real* v, Real* Av) const`");
  /// \brief The operator A (held by value: operators are small handles).
  Op A;
  /// \brief The m reciprocals 1 / A_ii, or nullptr for D = I.
  const Real* inverse_diagonal;
  /// \brief Dimension.
  int m;
  /// \brief Order K of the series (number of applications of A per apply); negative orders are read as 0.
  int order;
  /// \brief Scratch of neumann_preconditioner_workspace_size(m, order) Reals.
  Real* work;

  /// \brief Scratch needed, in Reals (see neumann_preconditioner_workspace_size).
  KOKKOS_INLINE_FUNCTION static constexpr int workspace_size(int m, int order) {
    return neumann_preconditioner_workspace_size(m, order);
  }

  /// \brief z = Σ_{k=0}^{K} (I − D⁻¹A)^k D⁻¹ r.
  KOKKOS_INLINE_FUNCTION void apply(const Real* r, Real* z) const {
    for (int i = 0; i < m; ++i) z[i] = dinv(i) * r[i];
    for (int k = 0; k < order; ++k) {
      A.apply(z, work);
      for (int i = 0; i < m; ++i) z[i] += dinv(i) * (r[i] - work[i]);  // z_0 + z_k − D⁻¹ A z_k, z_0 = D⁻¹ r
    }
  }

 private:
  KOKKOS_INLINE_FUNCTION Real dinv(int i) const { return inverse_diagonal ? inverse_diagonal[i] : Real(1); }
};

/// \brief Exact preconditioning from a dense factorisation: z = A⁻¹ r through dense_lu_solve (the factors and pivots of
/// a successful dense_lu_factor, not owned).
template <class Real>
struct DenseLuPreconditioner {
  /// \brief Row-major LU factors from dense_lu_factor.
  const Real* lu;
  /// \brief Pivots from dense_lu_factor.
  const int* pivots;
  /// \brief Dimension.
  int m;
  /// \brief z = A⁻¹ r.
  KOKKOS_INLINE_FUNCTION void apply(const Real* r, Real* z) const {
    for (int i = 0; i < m; ++i) z[i] = r[i];
    dense_lu_solve(lu, pivots, m, z);
  }
};

/// \brief Writes inverse_diagonal_i = 1 / A_ii of row-major m×m A (for JacobiPreconditioner and
/// NeumannPreconditioner). Returns status::singular_matrix, leaving the remaining entries unwritten, when a diagonal
/// entry is zero or the reciprocal is not finite; status::success otherwise.
template <class Real>
KOKKOS_INLINE_FUNCTION StatusBits dense_inverse_diagonal(const Real* A, int m, Real* inverse_diagonal) {
  for (int i = 0; i < m; ++i) {
    const Real d = A[i * m + i];
    const Real inv = d != Real(0) ? Real(1) / d : Real(0);
    if (d == Real(0) || !math::isfinite(inv) || !math::isfinite(d)) return status::singular_matrix;
    inverse_diagonal[i] = inv;
  }
  return status::success;
}

}  // namespace kobie
