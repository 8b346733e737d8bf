// Must not compile: n_observables > 0 without an observables function.
#include <kobie/batch/solver.hpp>

struct NoObservablesFunction {
  static constexpr int n_states = 1;
  static constexpr int n_parameters = 0;
  static constexpr int n_observables = 2;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real*, const Real*, const Real*, Real* f) const {
    f[0] = 0;
  }
};

int main() {
  kobie::Solver<NoObservablesFunction> solver;
  return 0;
}
