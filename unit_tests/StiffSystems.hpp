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
#include "kobie_problems/hires.hpp"
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

/// \brief HIRES (Schäfer 1975; Bari test set), shared with the benchmarks: problems/kobie_problems/hires.hpp.
using Hires = kobie_problems::Hires;

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
