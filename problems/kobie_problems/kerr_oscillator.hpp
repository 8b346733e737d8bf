/// \file
/// \brief The Kerr oscillator, a nonlinear oscillator with a closed-form solution (the explicit and implicit
/// convergence-order tests' problem).
#pragma once

#include <Kokkos_Macros.hpp>

namespace kobie_problems {

/// \brief The Kerr oscillator, whose frequency grows with its amplitude (Hamiltonian r²/2 + r⁴/4):
///
///     x' = -(1 + x² + y²) y,   y' = (1 + x² + y²) x,   i.e.  z' = i (1 + |z|²) z  for z = x + i y.
///
/// |z| is conserved, so the exact solution is the rotation z(t) = z0 exp(i (1 + |z0|²) t). No parameters.
struct KerrOscillator {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 0;
  /// \brief The right-hand side.
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real*, const Real*, Real* f) const {
    const Real w = Real(1) + y[0] * y[0] + y[1] * y[1];
    f[0] = -w * y[1];
    f[1] = w * y[0];
  }
};

}  // namespace kobie_problems
