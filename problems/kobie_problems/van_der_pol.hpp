/// \file
/// \brief Van der Pol's oscillator with mu on the whole second equation (the unit tests' and the linear-solver
/// benchmark's problem).
#pragma once

#include <Kokkos_Macros.hpp>

namespace kobie_problems {

/// \brief Van der Pol's oscillator y1' = y2, y2' = mu ((1 - y1²) y2 - y1), mu per run: stiff for large mu. (The stiff
/// reference tests use the plain form y2' = mu (1 - y1²) y2 - y1 instead: `StiffVanDerPol` in
/// unit_tests/StiffSystems.hpp.)
struct VanDerPol {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 1;
  static constexpr const char* parameter_names[n_parameters] = {"mu"};
  /// \brief The right-hand side.
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    f[0] = y[1];
    f[1] = p[0] * ((Real(1) - y[0] * y[0]) * y[1] - y[0]);
  }
};

}  // namespace kobie_problems
