/// \file
/// \brief The stage combination of the implicit families: Σ_j w_j v_j for one state component, with weights known at
/// compile time.
#pragma once

#include <Kokkos_Macros.hpp>

#include "kobie/core/static_for.hpp"

namespace kobie {

/// \brief Σ_{j < Count} Weights::at(j) · v[j·N + d]: the weights are compile-time constants (zeros skipped), the terms
/// are added in order of j. `v` holds Count stage vectors of N states each.
template <int Count, int N, class Weights, class Real>
KOKKOS_FORCEINLINE_FUNCTION Real stage_sum(const Real* v, int d) {
  Real s = Real(0);
  static_for<0, Count>([&](auto J) {
    constexpr int j = decltype(J)::value;
    constexpr double w = Weights::at(j);
    if constexpr (w != 0.0) s += Real(w) * v[j * N + d];
  });
  return s;
}

}  // namespace kobie
