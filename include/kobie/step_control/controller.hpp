/// \file
/// \brief The step controller on the device: gains, clamps, deadband and history of DESIGN §5.
#pragma once

#include <cmath>

#include "kobie/core/compat.hpp"
#include "kobie/step_control/controller_settings.hpp"

namespace kobie {

/// \brief Device-side controller: built on the host from ControllerSettings and the algorithm's error order.
template <class Real>
struct StepController {
  ControllerKind kind = ControllerKind::fixed;
  Real safety = Real(0.9);
  Real min_gain = Real(0.2);
  Real max_gain = Real(5);
  Real expo_p = Real(0);  ///< kp / (2 (p + 1))
  Real expo_i = Real(0);  ///< ki / (2 (p + 1))
  Real expo_d = Real(0);  ///< kd / (2 (p + 1))
  Real deadband_min = Real(1);
  Real deadband_max = Real(1);
  Real gamma = Real(0.9);
  int max_newton_iters = 20;
  int history_size = 0;  ///< entries of the history buffer this kind uses (0, 1 or 2)
  /// I controller, accepted steps: errors in [keep_lo, keep_hi] give a gain inside the deadband (1) and errors below
  /// max_gain_below give max_gain, so pow() is skipped there. Set by set_shortcuts(); -1 disables them.
  Real keep_lo = Real(-1);
  Real keep_hi = Real(-1);
  Real max_gain_below = Real(-1);

  /// \brief The controller of `kind` from its settings, for an algorithm of error order p (exponents k/(2(p+1))).
  static StepController from_settings(const ControllerSettings& c, ControllerKind kind, int error_order) {
    StepController sc;
    sc.kind = kind;
    double kp = 0, ki = 0, kd = 0;
    c.gains(kind, kp, ki, kd);
    const double denom = 2.0 * (error_order + 1);
    sc.safety = static_cast<Real>(c.safety);
    sc.min_gain = static_cast<Real>(c.min_gain);
    sc.max_gain = static_cast<Real>(c.max_gain);
    sc.expo_p = static_cast<Real>(kp / denom);
    sc.expo_i = static_cast<Real>(ki / denom);
    sc.expo_d = static_cast<Real>(kd / denom);
    sc.deadband_min = static_cast<Real>(c.deadband_min);
    sc.deadband_max = static_cast<Real>(c.deadband_max);
    sc.gamma = static_cast<Real>(c.gamma);
    sc.max_newton_iters = c.max_newton_iters;
    sc.history_size = controller_history_size(kind);
    sc.set_shortcuts();
    return sc;
  }

  /// \brief Precompute the I controller's pow-free error ranges (host).
  void set_shortcuts() {
    keep_lo = keep_hi = max_gain_below = Real(-1);
    if (kind != ControllerKind::i || !(expo_p > Real(0))) return;
    const double x = static_cast<double>(expo_p);
    if (deadband_min < Real(1) || deadband_max > Real(1)) {
      keep_lo = static_cast<Real>(std::pow(static_cast<double>(safety / deadband_max), 1.0 / x));
      keep_hi = static_cast<Real>(std::pow(static_cast<double>(safety / deadband_min), 1.0 / x));
    }
    max_gain_below = static_cast<Real>(std::pow(static_cast<double>(safety / max_gain), 1.0 / x));
  }

  /// \brief An empty history entry (NaN): no accepted step has written it yet.
  KOKKOS_FORCEINLINE_FUNCTION static Real empty_entry() { return math::quiet_nan<Real>(); }
  /// \brief True when a history entry holds a value.
  KOKKOS_FORCEINLINE_FUNCTION static bool is_set(Real entry) { return entry == entry; }

  /// \brief True unless the controller is `fixed`.
  KOKKOS_INLINE_FUNCTION bool adaptive() const { return kind != ControllerKind::fixed; }

  /// \brief The step-size ratio after a step of size h with mean-square error `err`.
  ///
  /// `history` is the controller's registered buffer, holding logarithms of past errors (PI: ln e_{n−1}; PID:
  /// ln e_{n−1}, ln e_{n−2}; Gustafsson: h and ln e of the last accepted step); NaN marks an empty entry (see
  /// clear_history). It is updated only when `update_history` (accepted, untruncated steps). Every law is one
  /// exponential of a sum of logarithms: safety · e^(−kp') · e_{n−1}^(−ki') · e_{n−2}^(−kd') =
  /// safety · exp(−(kp' ln e + ki' ln e_{n−1} + kd' ln e_{n−2})). Every gain is clamped to [min_gain, max_gain]; after
  /// a rejection it is then capped at `safety`, after an acceptance the deadband applies.
  KOKKOS_INLINE_FUNCTION Real gain(Real h, Real err, bool accepted, bool update_history, int newton_iters,
                                   Real* history) const {
    if (kind == ControllerKind::fixed) return Real(1);
    const Real tiny = Real(1e-30);
    const Real e = math::isfinite(err) ? math::max(err, tiny) : math::finite_max<Real>();
    if (accepted && kind == ControllerKind::i) {
      if (e >= keep_lo && e <= keep_hi) return Real(1);
      if (e < max_gain_below) return max_gain;
    }
    const Real le = math::log(e);
    Real exponent = expo_p * le;
    Real factor = safety;
    Real cap = math::finite_max<Real>();  // Gustafsson's predicted gain
    switch (kind) {
      case ControllerKind::fixed:
      case ControllerKind::i:
        break;
      case ControllerKind::pi: {
        const Real l1 = is_set(history[0]) ? history[0] : le;
        exponent += expo_i * l1;
        if (update_history) history[0] = le;
        break;
      }
      case ControllerKind::pid: {
        const Real l1 = is_set(history[0]) ? history[0] : le;
        const Real l2 = is_set(history[1]) ? history[1] : l1;
        exponent += expo_i * l1 + expo_d * l2;
        if (update_history) {
          history[1] = l1;
          history[0] = le;
        }
        break;
      }
      case ControllerKind::gustafsson: {
        factor = math::min(gamma, gamma * Real(1 + 2 * max_newton_iters) / Real(newton_iters + 2 * max_newton_iters));
        const Real h_prev = history[0];
        const Real l_prev = history[1];
        if (accepted && h_prev > Real(0) && is_set(l_prev)) {
          // Predictive: safety (h / h_prev) (e² / e_prev)^(−kp'), when smaller than the basic gain.
          cap = safety * (h / h_prev) * math::exp(-expo_p * (Real(2) * le - l_prev));
        }
        if (update_history) {
          history[0] = h;
          history[1] = le;
        }
        break;
      }
    }
    Real g = math::min(factor * math::exp(-exponent), cap);
    g = math::clamp(g, min_gain, max_gain);
    if (!accepted) return math::min(g, safety);  // a rejected step always shrinks
    if (g >= deadband_min && g <= deadband_max) g = Real(1);
    return g;
  }
};

}  // namespace kobie
