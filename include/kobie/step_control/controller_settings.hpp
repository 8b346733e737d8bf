/// \file
/// \brief Step controller settings (host side) and the controller kinds.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "kobie/core/setting_key.hpp"
#include "kobie/memory/component_parts.hpp"

namespace kobie {

/// \brief The step-size controllers.
enum class ControllerKind : int {
  fixed = 0,       ///< constant dt; every step accepted
  i = 1,           ///< integral: safety · e_n^(−kp/(2(p+1)))
  pi = 2,          ///< proportional–integral: I × e_{n−1}^(−ki/(2(p+1)))
  pid = 3,         ///< PI × e_{n−2}^(−kd/(2(p+1)))
  gustafsson = 4,  ///< predictive (Gustafsson 1994), using the Newton iteration count of implicit methods
};

/// \brief Parse "fixed", "i", "pi", "pid" or "gustafsson"; SettingsError otherwise.
ControllerKind parse_controller(const std::string& text);
/// \brief The setting spelling of a controller kind.
const char* to_string(ControllerKind kind);
/// \brief Every controller name (without `auto`).
std::vector<std::string> controller_names();
/// \brief The values of the "controller" setting: `auto` (the algorithm family's default: PI for explicit methods and
/// Crank–Nicolson, Gustafsson for the other implicit ones) and every controller name.
std::vector<std::string> controller_setting_values();
/// \brief Size of the controller's history buffer (timestep_memory): 0 for fixed and I, 1 for PI, 2 for PID and
/// Gustafsson.
int controller_history_size(ControllerKind kind);

/// \brief The rtol at and above which tolerance_proportional_factor() is 1 (MATLAB's default RelTol, the crude
/// tolerances order-2 methods are meant for).
constexpr double kToleranceProportionalPivot = 1e-3;

/// \brief The factor on rtol and atol (both, so their ratio stays) with which a method of order `order` that advances
/// with its lower-order solution steps: min(1, (rtol / pivot)^(1/order)), pivot = kToleranceProportionalPivot.
///
/// Controlling each step's estimate ‖e‖ ≤ τ of an order-p solution (local error C h^(p+1)) takes steps h ~ τ^(1/(p+1)),
/// so the N ~ τ^(−1/(p+1)) local errors add up to a global error ~ τ^(p/(p+1)): relative to rtol it grows like
/// rtol^(−1/(p+1)) (order 2: 20× at rtol 1e-3, 72× at 1e-6, 294× at 1e-8 on the Brusselator). Stepping with
/// τ = rtol (rtol / pivot)^(1/p) makes it ~ rtol again (tolerance proportionality; methods with local extrapolation
/// have it already): the global error then follows rtol as it does for the other methods, at ~(pivot /
/// rtol)^(1/(p(p+1))) times the steps (Rosenbrock23 at rtol 1e-6: ×3.2; 2.9–5.1× measured on
/// the stiff reference set). 1 for rtol >= pivot.
double tolerance_proportional_factor(double rtol, int order);

/// \brief Settings of the step controller. Gains left NaN take the kind's default.
///
/// e_n is the mean-square error norm of step n (see error_norm()), p = min(order, embedded order). Defaults: I kp = 1;
/// PI kp = 0.6, ki = −0.2 (Söderlind's PI.4.2); PID kp = 1/18, ki = 1/9, kd = 1/18 (Söderlind's H312PID).
struct ControllerSettings {
  std::string controller = "auto";    ///< auto (the algorithm's default), fixed, i, pi, pid, gustafsson
  std::vector<double> atol = {1e-6};  ///< one value, or one per state
  std::vector<double> rtol = {1e-6};  ///< one value, or one per state
  double safety = 0.9;                ///< factor on every gain; also the cap on the gain after a rejection
  double min_gain = 0.2;              ///< smallest step-size ratio
  double max_gain = 5.0;              ///< largest step-size ratio
  double kp = std::numeric_limits<double>::quiet_NaN();
  double ki = std::numeric_limits<double>::quiet_NaN();
  double kd = std::numeric_limits<double>::quiet_NaN();
  double deadband_min = 1.0;  ///< gains in [deadband_min, deadband_max] keep dt (1, 1 disables it)
  double deadband_max = 1.0;
  double gamma = 0.9;              ///< Gustafsson's damping factor, in (0, 1]
  int max_newton_iters = 20;       ///< Gustafsson's Newton-iteration scale
  std::string error_norm = "rms";  ///< rms: mean square over states (default); max: largest component
  /// True: a method that advances with its lower-order solution (Rosenbrock23) steps with tightened tolerances (see
  /// tolerance_proportional_factor()); false: rtol and atol bound each step's estimate as given, for every method.
  bool tolerance_proportional = true;

  /// \brief controller, atol, rtol, safety, min_gain, max_gain, kp, ki, kd, deadband_min, deadband_max, gamma,
  /// max_newton_iters, error_norm, tolerance_proportional.
  static const std::vector<SettingKey<ControllerSettings>>& keys();
  /// \brief Checks every value; SettingsError naming the setting, the value and what is allowed.
  void validate() const;
  /// \brief The gains (kp, ki, kd) of `kind`: its defaults, with the user's values where set.
  void gains(ControllerKind kind, double& kp_out, double& ki_out, double& kd_out) const;
};

/// \brief What the step control reads: its settings, and the error order and `auto` controller of the algorithm it
/// controls (its sibling in the loop, which the loop asks).
struct ControllerParts : ComponentParts {
  ControllerSettings controller;
  int error_order = 0;              ///< min(order, embedded order); 0 without an error estimate
  std::string default_kind = "pi";  ///< the algorithm's controller for `controller = auto`
};

}  // namespace kobie
