/// \file
/// \brief HIRES, the "High Irradiance RESponse" of photomorphogenesis, with its analytic Jacobian (the stiff reference
/// tests' and the stiff benchmarks' problem).
///
/// Sources: R. Schäfer, "A new approach to explain the 'high irradiance responses' of photomorphogenesis on the basis
/// of phytochrome", J. Math. Biology 2 (1975) 41–56; E. Hairer, G. Wanner, "Solving Ordinary Differential Equations
/// II", 2nd ed., Springer 1996, sec. IV.10; the Bari test set (Mazzia, Magherini 2008), problem "HIRES".
#pragma once

#include <Kokkos_Macros.hpp>

namespace kobie_problems {

/// \brief HIRES, "High Irradiance RESponse" of photomorphogenesis (Schäfer 1975; ODE II sec. IV.10; Bari test set):
///
///     y1' = -1.71 y1 + 0.43 y2 + 8.32 y3 + 0.0007
///     y2' =  1.71 y1 - 8.75 y2
///     y3' = -10.03 y3 + 0.43 y4 + 0.035 y5
///     y4' =  8.32 y2 + 1.71 y3 - 1.12 y4
///     y5' = -1.745 y5 + 0.43 y6 + 0.43 y7
///     y6' = -k y6 y8 + 0.69 y4 + 1.71 y5 - 0.43 y6 + 0.69 y7
///     y7' =  k y6 y8 - 1.81 y7
///     y8' = -k y6 y8 + 1.81 y7
///
/// with k = 280 (the one nonlinear reaction, y6 + y8 -> y7, is the parameter), y(0) = (1, 0, 0, 0, 0, 0, 0, 0.0057)
/// on [0, 321.8122].
struct Hires {
  static constexpr int n_states = 8;
  static constexpr int n_parameters = 1;
  static constexpr const char* state_names[n_states] = {"y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8"};
  static constexpr const char* parameter_names[n_parameters] = {"k"};
  static constexpr double default_parameters[n_parameters] = {280.0};
  static constexpr double default_initial[n_states] = {1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0057};
  static constexpr double t_end = 321.8122;

  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    const Real r = p[0] * y[5] * y[7];
    f[0] = -Real(1.71) * y[0] + Real(0.43) * y[1] + Real(8.32) * y[2] + Real(0.0007);
    f[1] = Real(1.71) * y[0] - Real(8.75) * y[1];
    f[2] = -Real(10.03) * y[2] + Real(0.43) * y[3] + Real(0.035) * y[4];
    f[3] = Real(8.32) * y[1] + Real(1.71) * y[2] - Real(1.12) * y[3];
    f[4] = -Real(1.745) * y[4] + Real(0.43) * y[5] + Real(0.43) * y[6];
    f[5] = -r + Real(0.69) * y[3] + Real(1.71) * y[4] - Real(0.43) * y[5] + Real(0.69) * y[6];
    f[6] = r - Real(1.81) * y[6];
    f[7] = -r + Real(1.81) * y[6];
  }

  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real* y, const Real* p, const Real*, Real* J) const {
    constexpr int n = n_states;
    for (int e = 0; e < n * n; ++e) J[e] = Real(0);
    const Real dr6 = p[0] * y[7];  // ∂r/∂y6 of r = k y6 y8
    const Real dr8 = p[0] * y[5];  // ∂r/∂y8
    J[0 * n + 0] = -Real(1.71);
    J[0 * n + 1] = Real(0.43);
    J[0 * n + 2] = Real(8.32);
    J[1 * n + 0] = Real(1.71);
    J[1 * n + 1] = -Real(8.75);
    J[2 * n + 2] = -Real(10.03);
    J[2 * n + 3] = Real(0.43);
    J[2 * n + 4] = Real(0.035);
    J[3 * n + 1] = Real(8.32);
    J[3 * n + 2] = Real(1.71);
    J[3 * n + 3] = -Real(1.12);
    J[4 * n + 4] = -Real(1.745);
    J[4 * n + 5] = Real(0.43);
    J[4 * n + 6] = Real(0.43);
    J[5 * n + 3] = Real(0.69);
    J[5 * n + 4] = Real(1.71);
    J[5 * n + 5] = -dr6 - Real(0.43);
    J[5 * n + 6] = Real(0.69);
    J[5 * n + 7] = -dr8;
    J[6 * n + 5] = dr6;
    J[6 * n + 6] = -Real(1.81);
    J[6 * n + 7] = dr8;
    J[7 * n + 5] = -dr6;
    J[7 * n + 6] = Real(1.81);
    J[7 * n + 7] = -dr8;
  }
};

}  // namespace kobie_problems
