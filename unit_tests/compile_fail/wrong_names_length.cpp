// A System whose legend array does not have n_states entries must not compile.
#include "kobie/batch/solver.hpp"

struct TwoNamesForThreeStates {
  static constexpr int n_states = 3;
  static constexpr int n_parameters = 0;
  static constexpr const char* state_names[2] = {"x", "y"};
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real*, const Real*, Real* dydt) const {
    for (int i = 0; i < 3; ++i) dydt[i] = -y[i];
  }
};

int main() {
  kobie::Solver<TwoNamesForThreeStates, double> solver;
  return static_cast<int>(solver.settings().time.duration);
}
