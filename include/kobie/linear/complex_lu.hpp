/// \file
/// \brief Dense LU factorisation with partial pivoting of one small complex m×m matrix per thread, stored as two real
/// row-major planes (real and imaginary parts), in place, and the matching solve: the complex blocks of a FIRK's
/// transformed Newton system.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/linear/dense_lu.hpp"

namespace kobie {

/// \brief Factors the complex m×m matrix A = re + i·im (row-major planes) in place as P·A = L·U with partial
/// pivoting, with the conventions of dense_lu_factor(): L (unit diagonal implied) below the diagonal and U on and
/// above it, in both planes; `pivots[k]` is the row swapped with row k at step k. The pivot is the entry of largest
/// modulus; status::singular_matrix when it is negligible (|p| ≤ m·ε·c_k, c_k the largest modulus in column k as it
/// stands), zero, or a column holds a NaN or an infinity. `m` is an int or a FixedSize (see dense_lu_factor()).
template <class Real, class Size>
KOKKOS_INLINE_FUNCTION StatusBits complex_lu_factor(Real* re, Real* im, Size m, int* pivots) {
  const Real threshold = static_cast<Real>(m) * math::epsilon<Real>();
  for (int k = 0; k < m; ++k) {
    int p = k;
    Real pivot_abs2 = Real(0);
    Real column_scale2 = Real(0);
    bool finite = true;
    for (int i = 0; i < m; ++i) {
      const Real a = re[i * m + k], b = im[i * m + k];
      if (!math::isfinite(a) || !math::isfinite(b)) {
        finite = false;
        break;
      }
      const Real abs2 = a * a + b * b;
      column_scale2 = math::max(column_scale2, abs2);
      if (i >= k && abs2 > pivot_abs2) {
        pivot_abs2 = abs2;
        p = i;
      }
    }
    pivots[k] = p;
    if (!finite || !(pivot_abs2 > threshold * threshold * column_scale2)) return status::singular_matrix;
    Impl::exchange_rows(re, m, m, k, p);
    Impl::exchange_rows(im, m, m, k, p);
    // 1 / pivot = conj(pivot) / |pivot|².
    const Real pr = re[k * m + k], pi = im[k * m + k];
    const Real inv_abs2 = Real(1) / (pr * pr + pi * pi);
    const Real ir = pr * inv_abs2, ii = -pi * inv_abs2;
    for (int i = k + 1; i < m; ++i) {
      const Real ar = re[i * m + k], ai = im[i * m + k];
      const Real lr = ar * ir - ai * ii, li = ar * ii + ai * ir;
      re[i * m + k] = lr;
      im[i * m + k] = li;
      if (lr != Real(0) || li != Real(0)) {
        for (int j = k + 1; j < m; ++j) {
          const Real ur = re[k * m + j], ui = im[k * m + j];
          re[i * m + j] -= lr * ur - li * ui;
          im[i * m + j] -= lr * ui + li * ur;
        }
      }
    }
  }
  return status::success;
}

/// \brief Solves A x = b in place (b = br + i·bi becomes x) from the factors of complex_lu_factor (which must have
/// returned status::success). `m` is an int or a FixedSize.
template <class Real, class Size>
KOKKOS_INLINE_FUNCTION void complex_lu_solve(const Real* re, const Real* im, const int* pivots, Size m, Real* br,
                                             Real* bi) {
  for (int k = 0; k < m; ++k) {
    Impl::exchange_rows(br, m, 1, k, pivots[k]);
    Impl::exchange_rows(bi, m, 1, k, pivots[k]);
  }
  for (int i = 1; i < m; ++i) {
    Real sr = br[i], si = bi[i];
    for (int j = 0; j < i; ++j) {
      const Real lr = re[i * m + j], li = im[i * m + j];
      sr -= lr * br[j] - li * bi[j];
      si -= lr * bi[j] + li * br[j];
    }
    br[i] = sr;
    bi[i] = si;
  }
  for (int i = m - 1; i >= 0; --i) {
    Real sr = br[i], si = bi[i];
    for (int j = i + 1; j < m; ++j) {
      const Real ur = re[i * m + j], ui = im[i * m + j];
      sr -= ur * br[j] - ui * bi[j];
      si -= ur * bi[j] + ui * br[j];
    }
    const Real dr = re[i * m + i], di = im[i * m + i];
    const Real inv_abs2 = Real(1) / (dr * dr + di * di);
    br[i] = (sr * dr + si * di) * inv_abs2;
    bi[i] = (si * dr - sr * di) * inv_abs2;
  }
}

}  // namespace kobie
