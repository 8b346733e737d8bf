/// \file
/// \brief Robertson's chemical kinetics with its analytic Jacobian (the stiff benchmarks', examples' and tests'
/// problem).
///
/// Sources: H. H. Robertson, "The solution of a set of reaction rate equations", in J. Walsh (ed.), Numerical Analysis:
/// an Introduction, Academic Press 1966, 178–182; E. Hairer, G. Wanner, "Solving Ordinary Differential Equations II",
/// 2nd ed., Springer 1996, sec. IV.1, eq. 1.3; the Bari test set (Mazzia, Magherini 2008), problem "ROBER".
#pragma once

#include <Kokkos_Macros.hpp>

namespace kobie_problems {

/// \brief H. H. Robertson (1966):
///
///     y1' = -k1 y1 + k3 y2 y3
///     y2' =  k1 y1 - k3 y2 y3 - k2 y2²
///     y3' =  k2 y2²
///
/// with rate constants (k1, k2, k3) per run, classically (0.04, 3e7, 1e4) from y(0) = (1, 0, 0). y1 + y2 + y3 = 1 is
/// conserved; y2 stays near 1e-5 while the eigenvalues reach about -1e4, so explicit methods need ~1e4 steps per unit
/// time.
struct Robertson {
  static constexpr int n_states = 3;
  static constexpr int n_parameters = 3;
  static constexpr const char* state_names[n_states] = {"y1", "y2", "y3"};
  static constexpr const char* parameter_names[n_parameters] = {"k1", "k2", "k3"};
  /// \brief The classic rate constants (k1, k2, k3).
  static constexpr double default_parameters[n_parameters] = {0.04, 3.0e7, 1.0e4};
  /// \brief The classic initial state.
  static constexpr double default_initial[n_states] = {1.0, 0.0, 0.0};
  /// \brief The end of the stiff reference tests' interval (their references also cover t = 1e5).
  static constexpr double t_end = 40.0;

  /// \brief The right-hand side.
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real /*t*/, const Real* y, const Real* p, const Real* /*drivers*/, Real* dydt) const {
    const Real forward = p[0] * y[0];           // y1 -> y2
    const Real collision = p[1] * y[1] * y[1];  // 2 y2 -> y2 + y3
    const Real reverse = p[2] * y[1] * y[2];    // y2 + y3 -> y1 + y3
    dydt[0] = reverse - forward;
    dydt[1] = forward - reverse - collision;
    dydt[2] = collision;
  }
  /// \brief The analytic Jacobian, row-major (J[i * n_states + j] = ∂f_i/∂y_j).
  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real /*t*/, const Real* y, const Real* p, const Real* /*drivers*/,
                                       Real* J) const {
    J[0] = -p[0];
    J[1] = p[2] * y[2];
    J[2] = p[2] * y[1];
    J[3] = p[0];
    J[4] = -Real(2) * p[1] * y[1] - p[2] * y[2];
    J[5] = -p[2] * y[1];
    J[6] = Real(0);
    J[7] = Real(2) * p[1] * y[1];
    J[8] = Real(0);
  }
};

}  // namespace kobie_problems
