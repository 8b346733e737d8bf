// Must not compile: an algorithm family whose Device has no step(). The build log must name what is missing.
#include <kobie/batch/solver.hpp>

struct Decay {
  static constexpr int n_states = 1;
  static constexpr int n_parameters = 0;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real*, const Real*, Real* dydt) const {
    dydt[0] = -y[0];
  }
};

// Explicit Euler's members, but a Device that cannot step.
struct EulerWithoutStep : kobie::ExplicitEuler {
  static constexpr const char* name = "euler-without-step";
  template <class System, class Real, class Binding>
  struct Device {
    KOKKOS_FUNCTION void start(const kobie::RunMemory&) const {}
    KOKKOS_FUNCTION kobie::StatusBits accepted(const kobie::StepContext<Real>&, const kobie::RunMemory&) const {
      return kobie::status::success;
    }
    KOKKOS_FUNCTION void rejected(const kobie::RunMemory&) const {}
  };
};

int main() {
  kobie::Solver<Decay, double, Kokkos::DefaultHostExecutionSpace, kobie::TypeList<EulerWithoutStep>> solver;
  return 0;
}
