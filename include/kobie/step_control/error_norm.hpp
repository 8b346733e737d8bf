/// \file
/// \brief The scaled mean-square error norm that every adaptive controller uses.
#pragma once

#include "kobie/core/compat.hpp"

namespace kobie {

/// \brief nrm2 = (1/n) Σ r_i² with r_i = e_i / (atol_i + rtol_i · max(|y_new,i|, |y_old,i|)); accept when nrm2 ≤ 1.
///
/// With `max_norm`, nrm2 = max_i r_i² instead (the infinity norm, squared so controller exponents stay the same).
/// A NaN error propagates into the result, which the caller treats as a rejection.
template <int N, class Real>
KOKKOS_INLINE_FUNCTION Real error_norm(const Real* err, const Real* y_new, const Real* y_old, const Real* atol,
                                       const Real* rtol, bool max_norm = false) {
  Real sum = Real(0);
  Real largest = Real(0);
  for (int i = 0; i < N; ++i) {
    const Real scale = atol[i] + rtol[i] * math::max(math::abs(y_new[i]), math::abs(y_old[i]));
    const Real r = err[i] / scale;
    sum += r * r;
    largest = (r * r > largest || r != r) ? r * r : largest;
  }
  return max_norm ? largest : sum / Real(N);
}

}  // namespace kobie
