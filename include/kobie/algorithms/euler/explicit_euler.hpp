/// \file
/// \brief Explicit (forward) Euler: y_new = y + h f(t, y), the smallest algorithm family.
#pragma once

#include <string>

#include "kobie/algorithms/step_interface.hpp"
#include "kobie/memory/component.hpp"
#include "kobie/memory/component_parts.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {

/// \brief Forward Euler, first order, no error estimate (fixed steps). Its one buffer holds f(t, y).
struct ExplicitEuler {
  static constexpr const char* owner = "algorithm";
  static constexpr const char* name = "euler";
  static constexpr int stages = 1;
  static constexpr int order = 1;
  static constexpr int embedded_order = 0;
  static constexpr bool adaptive = false;
  static constexpr int error_order = 0;
  static constexpr bool fsal = false;
  static constexpr bool implicit = false;

  /// \brief f(t, y) (n).
  struct derivative : BufferDecl<DType::real> {
    static constexpr const char* name = "derivative";
    static constexpr const char* group = "stage_location";
    static constexpr int count(const SystemSizes& s) { return s.n_states; }
  };
  using buffers = TypeList<derivative>;
  using children = TypeList<>;

  /// \brief Nothing to check: the method has no coefficients.
  static void validate() {}

  /// \brief The device object.
  template <class System, class Real, class Binding>
  struct Device {
    static constexpr int n = SystemTraits<System>::n_states;
    BufferSet<ExplicitEuler, Binding> buffers;

    /// \brief Nothing is cached between steps.
    KOKKOS_FORCEINLINE_FUNCTION void start(const RunMemory&) const {}

    /// \brief y_new = y + h f(t, y).
    KOKKOS_FORCEINLINE_FUNCTION StepOutcome<Real> step(const System& system, const StepContext<Real>& ctx,
                                                       const StepInputs<Real>& in, Real* y_new,
                                                       const RunMemory& m) const {
      Real* f = at<derivative>(buffers, m);
      system.rhs(ctx.t, in.y, in.parameters, in.drivers, f);
      for (int d = 0; d < n; ++d) y_new[d] = in.y[d] + ctx.h * f[d];
      return StepOutcome<Real>{};
    }

    /// \brief Nothing to carry.
    KOKKOS_FORCEINLINE_FUNCTION StatusBits accepted(const StepContext<Real>&, const RunMemory&) const {
      return status::success;
    }
    /// \brief Nothing to undo.
    KOKKOS_FORCEINLINE_FUNCTION void rejected(const RunMemory&) const {}
  };

  /// \brief The device object bound to the registry's buffers.
  template <class System, class Real, class Binding>
  static Device<System, Real, Binding> device(const ComponentParts&, const BufferRegistry& registry) {
    return bound_device<Device<System, Real, Binding>>(registry);
  }
};

}  // namespace kobie
