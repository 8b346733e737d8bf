/// \file
/// \brief Level-1 vector kernels on raw pointers of run-time length m, used by the device-side linear solvers (one
/// thread per vector: plain sequential loops, no allocation).
#pragma once

#include "kobie/core/compat.hpp"

namespace kobie {
namespace Impl {

/// \brief Dot product x·y.
template <class Real>
KOKKOS_INLINE_FUNCTION Real dot(const Real* x, const Real* y, int m) {
  Real s = Real(0);
  for (int i = 0; i < m; ++i) s += x[i] * y[i];
  return s;
}

/// \brief Euclidean norm ‖x‖₂.
template <class Real>
KOKKOS_INLINE_FUNCTION Real norm2(const Real* x, int m) {
  return math::sqrt(dot(x, x, m));
}

/// \brief y = x.
template <class Real>
KOKKOS_INLINE_FUNCTION void copy(const Real* x, Real* y, int m) {
  for (int i = 0; i < m; ++i) y[i] = x[i];
}

/// \brief x = 0.
template <class Real>
KOKKOS_INLINE_FUNCTION void fill_zero(Real* x, int m) {
  for (int i = 0; i < m; ++i) x[i] = Real(0);
}

/// \brief y += a x.
template <class Real>
KOKKOS_INLINE_FUNCTION void axpy(Real a, const Real* x, Real* y, int m) {
  for (int i = 0; i < m; ++i) y[i] += a * x[i];
}

/// \brief True when every entry of x is exactly zero.
template <class Real>
KOKKOS_INLINE_FUNCTION bool all_zero(const Real* x, int m) {
  for (int i = 0; i < m; ++i) {
    if (x[i] != Real(0)) return false;
  }
  return true;
}

/// \brief r = b − A x, with one application of A written into r (r must not alias x or b). When x is all zero, r = b
/// without applying A. Returns true when A was applied.
template <class Real, class Op>
KOKKOS_INLINE_FUNCTION bool residual(const Op& A, const Real* b, const Real* x, Real* r, int m) {
  if (all_zero(x, m)) {
    copy(b, r, m);
    return false;
  }
  A.apply(x, r);
  for (int i = 0; i < m; ++i) r[i] = b[i] - r[i];
  return true;
}

}  // namespace Impl
}  // namespace kobie
