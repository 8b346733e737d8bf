/// \file
/// \brief The Lorenz system (the main job's, the benchmarks' and the tests' problem).
#pragma once

#include <Kokkos_Macros.hpp>

namespace kobie_problems {

/// \brief E. N. Lorenz (1963): x' = σ (y − x), y' = x (ρ − z) − y, z' = x y − β z; parameters (σ, ρ, β) per run.
struct Lorenz {
  static constexpr int n_states = 3;
  static constexpr int n_parameters = 3;
  static constexpr const char* state_names[n_states] = {"x", "y", "z"};
  static constexpr const char* parameter_names[n_parameters] = {"sigma", "rho", "beta"};
  /// \brief The right-hand side.
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real /*t*/, const Real* y, const Real* p, const Real* /*drivers*/, Real* dydt) const {
    dydt[0] = p[0] * (y[1] - y[0]);
    dydt[1] = y[0] * (p[1] - y[2]) - y[1];
    dydt[2] = y[0] * y[1] - p[2] * y[2];
  }
};

}  // namespace kobie_problems
