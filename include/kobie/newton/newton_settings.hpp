/// \file
/// \brief Settings of the Newton iteration of implicit algorithms.
#pragma once

#include <vector>

#include "kobie/core/setting_key.hpp"
#include "kobie/linear/linear_solver_settings.hpp"

namespace kobie {

/// \brief How the Newton iteration of implicit stages stops.
///
/// Iterates δ_k are measured in the step's error weights, ‖δ‖ = rms(δ_i / (atol_i + rtol_i |y_i|)), so the
/// tolerance follows the step's error tolerances. With the contraction rate θ_k = max(0.3 θ_{k−1}, ‖δ_k‖/‖δ_{k−1}‖)
/// the iteration has converged when θ < 1 and θ/(1 − θ) ‖δ_k‖ < newton_tolerance (Hairer & Wanner, Solving ODEs II,
/// §IV.8).
struct NewtonSettings {
  int newton_max_iters = 8;        ///< iterations per stage solve before newton_iterations_exceeded
  double newton_tolerance = 0.01;  ///< κ: the converged iterate's estimated error, as a fraction of the error weights
  double newton_divergence = 2.0;  ///< a rate θ above this is divergence
  double newton_stagnation = 0.9;  ///< a rate θ at or above this (and at most newton_divergence) is stagnation

  /// \brief newton_max_iters, newton_tolerance, newton_divergence, newton_stagnation.
  static const std::vector<SettingKey<NewtonSettings>>& keys();
  /// \brief Checks every value.
  void validate() const;
};

/// \brief What Newton's iteration reads: its settings and its linear solver's part.
struct NewtonParts : LinearSolverParts {
  NewtonSettings newton;
};

}  // namespace kobie
