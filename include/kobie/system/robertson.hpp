/// \file
/// \brief Robertson's chemical kinetics as a ready-made kobie System with its analytic Jacobian (the stiff benchmarks'
/// and examples' problem).
#pragma once

#include <Kokkos_Macros.hpp>

namespace kobie {
namespace systems {

/// \brief H. H. Robertson (1966): y1' = −k1 y1 + k3 y2 y3, y2' = k1 y1 − k3 y2 y3 − k2 y2², y3' = k2 y2²; rate
/// constants (k1, k2, k3) per run, classically (0.04, 3e7, 1e4) from y = (1, 0, 0). y1 + y2 + y3 is conserved.
struct Robertson {
  static constexpr int n_states = 3;
  static constexpr int n_parameters = 3;
  static constexpr const char* state_names[n_states] = {"y1", "y2", "y3"};
  static constexpr const char* parameter_names[n_parameters] = {"k1", "k2", "k3"};
  /// \brief The right-hand side.
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real /*t*/, const Real* y, const Real* p, const Real* /*drivers*/, Real* dydt) const {
    const Real forward = p[0] * y[0];
    const Real collision = p[1] * y[1] * y[1];
    const Real reverse = p[2] * y[1] * y[2];
    dydt[0] = reverse - forward;
    dydt[1] = forward - reverse - collision;
    dydt[2] = collision;
  }
  /// \brief The analytic Jacobian, row-major.
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

}  // namespace systems
}  // namespace kobie
