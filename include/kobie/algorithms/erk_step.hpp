/// \file
/// \brief One explicit Runge–Kutta step driven by compile-time tableau data, on caller-provided memory.
#pragma once

#include <Kokkos_Macros.hpp>

#include "kobie/core/static_for.hpp"

namespace kobie {

/// \brief Explicit Runge–Kutta step for System with the coefficients of Tableau (see algorithms/tableaus/).
///
/// Every coefficient is a compile-time constant: stage loops are unrolled and zero coefficients cost nothing.
/// Memory comes from the caller (registry buffers): `k` holds stages × n derivatives, `y_stage` n values.
template <class Tableau, class System, class Real>
struct ErkStep {
  static constexpr int stages = Tableau::stages;
  static constexpr int n = System::n_states;
  static constexpr int order = Tableau::order;
  static constexpr int embedded_order = Tableau::embedded_order;
  static constexpr bool adaptive = Tableau::embedded_order > 0;
  static constexpr bool fsal = Tableau::fsal;
  /// \brief Order used by step-size control: min(order, embedded order).
  static constexpr int error_order = embedded_order < order ? embedded_order : order;

  /// \brief Advance y from t by h into y_new = y + h Σ b_i k_i; the error estimate h Σ (b_i − b̂_i) k_i goes to err
  /// when wanted.
  ///
  /// When `first_stage_ready`, k[0..n) already holds f(t, y) (after a rejected step, or from FSAL) and is reused.
  ///
  /// The buffers must not overlap (they are distinct registry buffers); the pointers are declared restrict so stage
  /// values can stay in registers. Sums start from y and add (h·a_ij)·k_j in stage order, keeping the dependency chain
  /// short; y_new accumulates the same sum as stages complete (same order, same rounding).
  KOKKOS_FORCEINLINE_FUNCTION static void step(const System& system, Real t, Real h, const Real* KOKKOS_RESTRICT y,
                                               Real* KOKKOS_RESTRICT y_new, Real* KOKKOS_RESTRICT err,
                                               Real* KOKKOS_RESTRICT k, Real* KOKKOS_RESTRICT y_stage, const Real* p,
                                               const Real* drivers, bool first_stage_ready, bool want_error) {
    if (!first_stage_ready) system.rhs(t, y, p, drivers, k);
    if constexpr (!fsal) {  // y_new accumulates as stages complete, so finished stages need no registers
      constexpr double b0 = Tableau::b[0];
      for (int d = 0; d < n; ++d) y_new[d] = b0 != 0.0 ? y[d] + (h * Real(b0)) * k[d] : y[d];
    }
    static_for<1, stages>([&](auto I) {
      constexpr int i = decltype(I)::value;
      for (int d = 0; d < n; ++d) {
        Real acc = y[d];
        static_for<0, i>([&](auto J) {
          constexpr int j = decltype(J)::value;
          constexpr double aij = Tableau::a[i][j];
          if constexpr (aij != 0.0) acc += (h * Real(aij)) * k[j * n + d];
        });
        y_stage[d] = acc;
      }
      constexpr double ci = Tableau::c[i];
      system.rhs(t + Real(ci) * h, y_stage, p, drivers, k + i * n);
      if constexpr (!fsal) {
        constexpr double bi = Tableau::b[i];
        if constexpr (bi != 0.0) {
          for (int d = 0; d < n; ++d) y_new[d] += (h * Real(bi)) * k[i * n + d];
        }
      }
    });
    if constexpr (fsal) {
      // The last stage was evaluated at y + h Σ b_j k_j: that is y_new, bit for bit.
      for (int d = 0; d < n; ++d) y_new[d] = y_stage[d];
    }
    if constexpr (adaptive) {
      if (want_error) {
        for (int d = 0; d < n; ++d) {
          Real acc = Real(0);
          static_for<0, stages>([&](auto J) {
            constexpr int j = decltype(J)::value;
            constexpr double ej = Tableau::b[j] - Tableau::b_hat[j];
            if constexpr (ej != 0.0) acc += Real(ej) * k[j * n + d];
          });
          err[d] = h * acc;
        }
      }
    }
  }

  /// \brief After an accepted FSAL step, the last stage f(t + h, y_new) becomes the next first stage.
  KOKKOS_FORCEINLINE_FUNCTION static void carry_fsal(Real* k) {
    if constexpr (fsal) {
      for (int d = 0; d < n; ++d) k[d] = k[(stages - 1) * n + d];
    }
  }
};

}  // namespace kobie
