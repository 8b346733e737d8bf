/// \file
/// \brief Stiff reference problems with analytic Jacobians, shared by the implicit-solver tests.
///
/// Every System has the usual `rhs`, an analytic dense `jacobian` (row-major, J[i * n_states + j] = ∂f_i/∂y_j), and
/// for the tests' convenience `default_parameters`, `default_initial` and `t_end` (the classic interval). Reference
/// final states (scipy Radau at rtol 1e-12, checked against BDF, LSODA and the published values) are in
/// reference/stiff_refs.hpp, made by reference/make_stiff_refs.py; reference/README.md describes them.
///
/// Sources: E. Hairer, G. Wanner, "Solving Ordinary Differential Equations II", 2nd ed., Springer 1996 (ODE II);
/// F. Mazzia, C. Magherini, "Test Set for Initial Value Problem Solvers", release 2.4, University of Bari 2008
/// (the Bari test set).
#pragma once

#include "kobie/core/compat.hpp"
#include "kobie_problems/pollu.hpp"
#include "kobie_problems/robertson.hpp"

namespace kobie_test {

/// \brief Robertson's chemical kinetics (ODE II sec. IV.1, eq. 1.3; Bari test set "ROBER"), shared with the benchmarks
/// and the examples: problems/kobie_problems/robertson.hpp.
using Robertson = kobie_problems::Robertson;

/// \brief Van der Pol's oscillator x'' - mu (1 - x²) x' + x = 0 in the plain (unscaled) form:
///
///     y1' = y2
///     y2' = mu (1 - y1²) y2 - y1
///
/// Stiff for large mu: on the slow branches the fast eigenvalue is about mu (1 - y1²) (≈ -3 mu at y1 = 2) and the
/// period about (3 - 2 ln 2) mu. With mu = 1000 on [0, 2000] from (2, 0) it is the Bari test set's "VDPOL"
/// (y2' = ((1 - y1²) y2 - y1) / eps, eps = 1/mu² = 1e-6, on [0, 2]; ODE II sec. IV.1, eq. 1.5') in unscaled time
/// t = mu τ: their y1 is y1 here and their y2 is mu times y2 here. (Not the same equations as
/// kobie_problems::VanDerPol, whose mu also multiplies y1.)
struct StiffVanDerPol {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 1;
  static constexpr const char* state_names[n_states] = {"y1", "y2"};
  static constexpr const char* parameter_names[n_parameters] = {"mu"};
  static constexpr double default_parameters[n_parameters] = {1000.0};
  static constexpr double default_initial[n_states] = {2.0, 0.0};
  static constexpr double t_end = 2000.0;

  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    f[0] = y[1];
    f[1] = p[0] * (Real(1) - y[0] * y[0]) * y[1] - y[0];
  }

  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real* y, const Real* p, const Real*, Real* J) const {
    J[0] = Real(0);
    J[1] = Real(1);
    J[2] = -Real(2) * p[0] * y[0] * y[1] - Real(1);
    J[3] = p[0] * (Real(1) - y[0] * y[0]);
  }
};

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

/// \brief POLLU (Verwer 1994; Bari test set), shared with the benchmarks: problems/kobie_problems/pollu.hpp.
using Pollu = kobie_problems::Pollu;

/// \brief The Brusselator with a stiff third species (the "ark_brusselator" example of SUNDIALS' ARKode, D. R.
/// Reynolds; test 2 there):
///
///     u' = a - (w + 1) u + v u²
///     v' = w u - v u²
///     w' = (b - w) / eps - w u
///
/// with (a, b, eps) = (1, 3.5, 5e-6) and (u, v, w)(0) = (1.2, 3.1, 3) on [0, 10]. w relaxes to ≈ b within a few eps
/// (eigenvalue ≈ -1/eps - u ≈ -2e5) and then follows it; u and v move on the O(1) time scale of the classic
/// Brusselator (a limit cycle for b > 1 + a², with a sharp but smooth swing of u and v near t ≈ 6.8 for the nominal
/// parameters). a and b may vary per run.
struct Brusselator {
  static constexpr int n_states = 3;
  static constexpr int n_parameters = 3;
  static constexpr const char* state_names[n_states] = {"u", "v", "w"};
  static constexpr const char* parameter_names[n_parameters] = {"a", "b", "eps"};
  static constexpr double default_parameters[n_parameters] = {1.0, 3.5, 5.0e-6};
  static constexpr double default_initial[n_states] = {1.2, 3.1, 3.0};
  static constexpr double t_end = 10.0;

  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    const Real u = y[0], v = y[1], w = y[2];
    f[0] = p[0] - (w + Real(1)) * u + v * u * u;
    f[1] = w * u - v * u * u;
    f[2] = (p[1] - w) / p[2] - w * u;
  }

  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real* y, const Real* p, const Real*, Real* J) const {
    const Real u = y[0], v = y[1], w = y[2];
    J[0] = Real(2) * u * v - (w + Real(1));
    J[1] = u * u;
    J[2] = -u;
    J[3] = w - Real(2) * u * v;
    J[4] = -u * u;
    J[5] = u;
    J[6] = -w;
    J[7] = Real(0);
    J[8] = -Real(1) / p[2] - u;
  }
};

}  // namespace kobie_test
