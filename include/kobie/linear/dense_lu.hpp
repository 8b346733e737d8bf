/// \file
/// \brief Dense LU factorisation with partial pivoting of one small row-major m×m matrix per thread, in place, and the
/// matching solve; plus forming W = β·I − γ·J from a dense Jacobian.
#pragma once

#include <type_traits>

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"

namespace kobie {

/// \brief A matrix size known at compile time: dense_lu_factor(A, FixedSize<3>{}, pivots) has only constant trip
/// counts and exchanges rows by predicated copies, so that every element is reached at a constant index and a compiler
/// can keep the whole factorisation in registers (on a GPU, no local memory). A plain int is a run-time size.
template <int M>
struct FixedSize {
  static constexpr int value = M;
  /// \brief The size, usable in host and device code alike.
  KOKKOS_FORCEINLINE_FUNCTION constexpr operator int() const { return M; }
};

namespace Impl {
template <class Size>
inline constexpr bool is_fixed_size = !std::is_same<Size, int>::value;

/// Exchanges rows k and p (p ≥ k) of the row-major `cols`-column array a (or entries k and p of a vector, cols = 1):
/// directly for a run-time size, by selects over every candidate row for a compile-time size (constant indices only).
template <class Size, class Real>
KOKKOS_FORCEINLINE_FUNCTION void exchange_rows(Real* a, Size m, int cols, int k, int p) {
  if constexpr (is_fixed_size<Size>) {
    // Selects, not a branch on i == p: inside such a branch a compiler may rewrite a[i] as a[p] (a run-time index).
    for (int i = k + 1; i < m; ++i) {
      const bool swap = i == p;
      for (int j = 0; j < cols; ++j) {
        const Real ak = a[k * cols + j], ai = a[i * cols + j];
        a[k * cols + j] = swap ? ai : ak;
        a[i * cols + j] = swap ? ak : ai;
      }
    }
  } else {
    if (p != k) {
      for (int j = 0; j < cols; ++j) {
        const Real t = a[k * cols + j];
        a[k * cols + j] = a[p * cols + j];
        a[p * cols + j] = t;
      }
    }
  }
}
}  // namespace Impl

/// \brief W = β·I − γ·J for row-major m×m J, written into W (W may be J itself: the update is entry-wise).
template <class Real>
KOKKOS_INLINE_FUNCTION void dense_form_shifted(const Real* J, int m, Real beta, Real gamma, Real* W) {
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < m; ++j) {
      const int ij = i * m + j;
      W[ij] = (i == j ? beta : Real(0)) - gamma * J[ij];
    }
  }
}

/// \brief Factors row-major m×m A in place as P·A = L·U with partial (row) pivoting: on return the strict lower
/// triangle holds L (unit diagonal implied), the strict upper triangle U's, and the diagonal the reciprocals 1/u_kk
/// (the elimination computes them anyway, and a solve then multiplies instead of dividing: on a GPU each double
/// division is a call with a slow path, which kept every live value of a Rosenbrock stage in more registers);
/// `pivots[k]` (m ints) is the row swapped with row k at step k (LAPACK's getrf convention, 0-based).
///
/// Returns status::success, or status::singular_matrix when a pivot is zero, non-finite, or negligible; A and
/// `pivots` then hold the factors of the identity (A = I, pivots[k] = k), so that a solve with them stays finite: a
/// step may run on to its end with them (on a GPU, a jump over the rest of a step keeps its stage values out of
/// registers) while its status already says that it fails. At step k, with c_k the largest magnitude in column k as it
/// stands (the finished entries u_0k … u_{k−1,k} above the diagonal and the active entries on and below it), the
/// chosen pivot p (largest active magnitude) is negligible when |p| ≤ m·ε·c_k (ε: machine epsilon of Real). That is
/// the size of the rounding error of the eliminations that produced p, so such a pivot carries no information: the
/// matrix is singular to working precision. The rule does not depend on how the columns are scaled, and a column that
/// is zero (c_k = 0) or holds a NaN or an infinity is singular. `m` is an int or a FixedSize.
template <class Real, class Size>
KOKKOS_INLINE_FUNCTION StatusBits dense_lu_factor(Real* A, Size m, int* pivots) {
  const Real threshold = static_cast<Real>(m) * math::epsilon<Real>();
  bool singular = false;
  for (int k = 0; k < m; ++k) {
    // Pivot search on the active part of column k, and the scale of the whole column.
    int p = k;
    Real pivot_abs = Real(0);
    Real column_scale = Real(0);
    bool finite = true;
    for (int i = 0; i < m; ++i) {
      const Real a = A[i * m + k];
      finite = finite && math::isfinite(a);
      const Real a_abs = math::abs(a);
      column_scale = math::max(column_scale, a_abs);
      if (i >= k && a_abs > pivot_abs) {
        pivot_abs = a_abs;
        p = i;
      }
    }
    pivots[k] = p;
    singular = !finite || !(pivot_abs > threshold * column_scale);
    if (singular) break;
    Impl::exchange_rows(A, m, m, k, p);
    const Real inv_pivot = Real(1) / A[k * m + k];
    A[k * m + k] = inv_pivot;
    for (int i = k + 1; i < m; ++i) {
      const Real l = A[i * m + k] * inv_pivot;
      A[i * m + k] = l;
      if (l != Real(0)) {
        for (int j = k + 1; j < m; ++j) A[i * m + j] -= l * A[k * m + j];
      }
    }
  }
  if (!singular) return status::success;
  for (int i = 0; i < m; ++i) {
    pivots[i] = i;
    for (int j = 0; j < m; ++j) A[i * m + j] = i == j ? Real(1) : Real(0);
  }
  return status::singular_matrix;
}

/// \brief Solves A x = b in place (b becomes x) from the factors of dense_lu_factor (which must have returned
/// status::success): row swaps, forward substitution with the unit lower triangle, back substitution with U (through
/// the stored reciprocals of its diagonal). `m` is an int or a FixedSize.
template <class Real, class Size>
KOKKOS_INLINE_FUNCTION void dense_lu_solve(const Real* LU, const int* pivots, Size m, Real* b) {
  for (int k = 0; k < m; ++k) Impl::exchange_rows(b, m, 1, k, pivots[k]);
  for (int i = 1; i < m; ++i) {
    Real s = b[i];
    for (int j = 0; j < i; ++j) s -= LU[i * m + j] * b[j];
    b[i] = s;
  }
  for (int i = m - 1; i >= 0; --i) {
    Real s = b[i];
    for (int j = i + 1; j < m; ++j) s -= LU[i * m + j] * b[j];
    b[i] = s * LU[i * m + i];
  }
}

}  // namespace kobie
