// Must not compile: an algorithm family without `static constexpr int stages`. The build log must name what is
// missing.
#include <kobie/batch/solver.hpp>

struct Decay {
  static constexpr int n_states = 1;
  static constexpr int n_parameters = 0;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real*, const Real*, Real* dydt) const {
    dydt[0] = -y[0];
  }
};

// Every member of the contract but `stages`: explicit Euler's.
struct EulerWithoutStages {
  static constexpr const char* owner = "algorithm";
  static constexpr const char* name = "euler-without-stages";
  static constexpr int order = 1;
  static constexpr int error_order = 0;
  static constexpr bool adaptive = false;
  static constexpr bool implicit = false;
  using buffers = kobie::ExplicitEuler::buffers;
  using children = kobie::TypeList<>;
  static void validate() {}
  template <class System, class Real, class Binding>
  using Device = kobie::ExplicitEuler::Device<System, Real, Binding>;
  template <class System, class Real, class Binding>
  static Device<System, Real, Binding> device(const kobie::ComponentParts& parts,
                                              const kobie::BufferRegistry& registry) {
    return kobie::ExplicitEuler::device<System, Real, Binding>(parts, registry);
  }
};

int main() {
  kobie::Solver<Decay, double, Kokkos::DefaultHostExecutionSpace, kobie::TypeList<EulerWithoutStages>> solver;
  return 0;
}
