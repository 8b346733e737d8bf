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
  /// I controller, accepted steps: errors in [keep_lo, keep_hi] give a gain inside the deadband (1) and errors below
  /// max_gain_below give max_gain, so pow() is skipped there. Set by set_shortcuts(); -1 disables them.
  Real keep_lo = Real(-1);
  Real keep_hi = Real(-1);
  Real max_gain_below = Real(-1);

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

  /// \brief True unless the controller is `fixed`.
  KOKKOS_INLINE_FUNCTION bool adaptive() const { return kind != ControllerKind::fixed; }

  /// \brief The step-size ratio after a step of size h with mean-square error `err`.
  ///
  /// `history` is the controller's registered buffer (PI: e_{n−1}; PID: e_{n−1}, e_{n−2}; Gustafsson: h and e of the
  /// last accepted step). It is updated only when `update_history` (accepted, untruncated steps). Every gain is clamped
  /// to [min_gain, max_gain]; after a rejection it is then capped at `safety`, after an acceptance the deadband
  /// applies.
  KOKKOS_INLINE_FUNCTION Real gain(Real h, Real err, bool accepted, bool update_history, int newton_iters,
                                   Real* history) const {
    const Real tiny = Real(1e-30);
    const Real e = math::isfinite(err) ? math::max(err, tiny) : math::finite_max<Real>();
    if (accepted && kind == ControllerKind::i) {
      if (e >= keep_lo && e <= keep_hi) return Real(1);
      if (e < max_gain_below) return max_gain;
    }
    Real g = safety * math::pow(e, -expo_p);
    switch (kind) {
      case ControllerKind::fixed:
        return Real(1);
      case ControllerKind::i:
        break;
      case ControllerKind::pi: {
        const Real e1 = history[0] > Real(0) ? history[0] : e;
        g *= math::pow(e1, -expo_i);
        if (update_history) history[0] = e;
        break;
      }
      case ControllerKind::pid: {
        const Real e1 = history[0] > Real(0) ? history[0] : e;
        const Real e2 = history[1] > Real(0) ? history[1] : e1;
        g *= math::pow(e1, -expo_i) * math::pow(e2, -expo_d);
        if (update_history) {
          history[1] = e1;
          history[0] = e;
        }
        break;
      }
      case ControllerKind::gustafsson: {
        const Real fac =
            math::min(gamma, gamma * Real(1 + 2 * max_newton_iters) / Real(newton_iters + 2 * max_newton_iters));
        g = fac * math::pow(e, -expo_p);
        const Real h_prev = history[0];
        const Real e_prev = history[1];
        if (accepted && h_prev > Real(0) && e_prev > Real(0)) {
          const Real g_pred = safety * (h / h_prev) * math::pow(e * e / e_prev, -expo_p);
          g = math::min(g, g_pred);
        }
        if (update_history) {
          history[0] = h;
          history[1] = e;
        }
        break;
      }
    }
    g = math::clamp(g, min_gain, max_gain);
    if (!accepted) return math::min(g, safety);  // a rejected step always shrinks
    if (g >= deadband_min && g <= deadband_max) g = Real(1);
    return g;
  }
};

}  // namespace kobie
