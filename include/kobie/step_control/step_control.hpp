/// \file
/// \brief The step controller as a component: its history buffer, its settings, and its device object.
#pragma once

#include <string>

#include "kobie/memory/component.hpp"
#include "kobie/step_control/controller.hpp"
#include "kobie/step_control/controller_settings.hpp"

namespace kobie {

/// \brief The step-size controller component (registry owner `controller`).
struct StepControl {
  static constexpr const char* owner = "controller";

  /// \brief The controller's history: PI ln e_{n−1}; PID ln e_{n−1}, ln e_{n−2}; Gustafsson h and ln e of the last
  /// accepted step.
  /// Declared with the largest size (2); registered with the chosen controller's (0, 1 or 2).
  struct timestep_memory : BufferDecl<DType::real, true> {
    static constexpr const char* name = "timestep_memory";
    static constexpr const char* group = "timestep_memory";
    static constexpr int count(const SystemSizes&) { return 2; }
    static int used(const ControllerParts& parts, const SystemSizes&) {
      return controller_history_size(effective_kind(parts));
    }
  };
  using buffers = TypeList<timestep_memory>;
  using children = TypeList<>;

  /// \brief The controller that runs: the chosen one (`auto`: the algorithm's default), or `fixed` when the algorithm
  /// has no error estimate (error_order 0).
  static ControllerKind effective_kind(const ControllerParts& parts) {
    if (parts.error_order <= 0) return ControllerKind::fixed;
    const std::string& chosen = parts.controller.controller;
    return parse_controller(chosen == "auto" ? parts.default_kind : chosen);
  }

  /// \brief The device object: the control law and the run's history.
  template <class Real, class Binding>
  struct Device {
    StepController<Real> law;
    BufferSet<StepControl, Binding> buffers;

    /// \brief True unless the controller is `fixed`.
    KOKKOS_INLINE_FUNCTION bool adaptive() const { return law.adaptive(); }

    /// \brief A run begins with an empty history.
    KOKKOS_FORCEINLINE_FUNCTION void start(const RunMemory& m) const {
      Real* history = at<timestep_memory>(buffers, m);
      if (law.history_size > 0) history[0] = StepController<Real>::empty_entry();
      if (law.history_size > 1) history[1] = StepController<Real>::empty_entry();
    }

    /// \brief The step-size ratio after a step of size h with mean-square error `err` (see StepController::gain).
    KOKKOS_FORCEINLINE_FUNCTION Real gain(Real h, Real err, bool accepted, bool update_history, int newton_iters,
                                          const RunMemory& m) const {
      return law.gain(h, err, accepted, update_history, newton_iters, at<timestep_memory>(buffers, m));
    }
  };

  /// \brief The device object for an algorithm of error order `error_order` (exponents k/(2(p+1)), p = error_order).
  template <class Real, class Binding>
  static Device<Real, Binding> device(const ControllerParts& parts, const BufferRegistry& registry) {
    Device<Real, Binding> d;
    d.law = StepController<Real>::from_settings(parts.controller, effective_kind(parts), parts.error_order);
    d.buffers.bind(registry);
    return d;
  }
};

}  // namespace kobie
