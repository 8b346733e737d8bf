// Small ODE systems shared by the unit tests.
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie/system/lorenz.hpp"

namespace kobie_test {

/// Lorenz (1963), as kobie ships it.
using Lorenz = kobie::systems::Lorenz;

/// y' = -k y: y(t) = y0 exp(-k t).
struct ExponentialDecay {
  static constexpr int n_states = 1;
  static constexpr int n_parameters = 1;
  static constexpr const char* state_names[n_states] = {"y"};
  static constexpr const char* parameter_names[n_parameters] = {"k"};
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    f[0] = -p[0] * y[0];
  }
};

/// x' = v, v' = -w^2 x: x(t) = x0 cos(w t) + v0/w sin(w t). Observable: energy (v^2 + w^2 x^2) / 2.
struct HarmonicOscillator {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 1;
  static constexpr int n_observables = 1;
  static constexpr const char* state_names[n_states] = {"x", "v"};
  static constexpr const char* parameter_names[n_parameters] = {"w"};
  static constexpr const char* observable_names[n_observables] = {"energy"};
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    f[0] = y[1];
    f[1] = -p[0] * p[0] * y[0];
  }
  template <class Real>
  KOKKOS_INLINE_FUNCTION void observables(Real, const Real* y, const Real* p, const Real*, Real* out) const {
    out[0] = Real(0.5) * (y[1] * y[1] + p[0] * p[0] * y[0] * y[0]);
  }
};

/// A forced pendulum, smooth and non-autonomous: y1' = y2, y2' = -sin(y1) + 0.1 cos(t).
struct Pendulum {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 0;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real t, const Real* y, const Real*, const Real*, Real* f) const {
    f[0] = y[1];
    f[1] = -kobie::math::sin(y[0]) + Real(0.1) * kobie::math::cos(t);
  }
};

}  // namespace kobie_test
