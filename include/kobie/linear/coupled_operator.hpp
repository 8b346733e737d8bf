/// \file
/// \brief The matrix of Newton's iteration for implicit Runge–Kutta stages, applied without forming it:
/// W v = v − h (A ⊗ J) v, block by block, with J v from the System's `jvp`, a stored dense J, or finite differences.
#pragma once

#include "kobie/system/jacobian.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

/// \brief W = I − h (A ⊗ J) for `blocks` coupled stages of n states; J is frozen at (t, y). `work` holds 3n scratch
/// Reals. With StoredJacobian, J v is a product with the row-major `J`; otherwise the System's `jvp` or a forward
/// difference around f0 = f(t, y).
template <class System, class Real, int MaxBlocks, bool StoredJacobian>
struct CoupledOperator {
  static constexpr int n = SystemTraits<System>::n_states;
  const System* system;
  Real t;
  const Real* y;
  const Real* p;
  const Real* drivers;
  const Real* f0;
  const Real* J;  ///< row-major n×n (used when StoredJacobian)
  Real h;
  int blocks;     ///< ≤ MaxBlocks
  const Real* a;  ///< blocks × blocks coupling coefficients, row-major
  Real* work;     ///< 3n scratch

  /// \brief J v for one block (n values).
  KOKKOS_INLINE_FUNCTION void jv(const Real* v, Real* out) const {
    if constexpr (StoredJacobian) {
      for (int i = 0; i < n; ++i) {
        Real s = Real(0);
        for (int j = 0; j < n; ++j) s += J[i * n + j] * v[j];
        out[i] = s;
      }
    } else {
      jacobian_vector(*system, t, y, p, drivers, f0, v, out, work + n, work + 2 * n);
    }
  }

  /// \brief Wv = v − h (A ⊗ J) v.
  KOKKOS_INLINE_FUNCTION void apply(const Real* v, Real* Wv) const {
    for (int i = 0; i < blocks * n; ++i) Wv[i] = v[i];
    Real* product = work;
    for (int bj = 0; bj < blocks; ++bj) {
      jv(v + bj * n, product);
      for (int bi = 0; bi < blocks; ++bi) {
        const Real s = h * a[bi * blocks + bj];
        if (s == Real(0)) continue;
        for (int d = 0; d < n; ++d) Wv[bi * n + d] -= s * product[d];
      }
    }
  }
};

}  // namespace kobie
