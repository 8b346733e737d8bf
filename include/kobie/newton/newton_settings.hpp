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
  /// Re-evaluations of J at a Newton iterate per step attempt, when the iteration fails and the step adapts (0: none;
  /// a failed attempt is then retried with a smaller step at once).
  int newton_max_jacobian_refreshes = 2;
  /// The same per step when the step is fixed: a failed solve there ends the run, so it may refresh more often.
  int newton_max_jacobian_refreshes_fixed = 20;

  /// \brief newton_max_iters, newton_tolerance, newton_divergence, newton_stagnation, newton_max_jacobian_refreshes,
  /// newton_max_jacobian_refreshes_fixed.
  static const std::vector<SettingKey<NewtonSettings>>& keys();
  /// \brief Checks every value.
  void validate() const;
};

/// \brief What Newton's iteration reads: its settings and its linear solver's part.
struct NewtonParts : LinearSolverParts {
  NewtonSettings newton;
  bool fixed_step = false;  ///< the loop steps with the fixed controller (set by the loop)
};

}  // namespace kobie
