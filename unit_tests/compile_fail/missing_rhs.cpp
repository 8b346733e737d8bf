// Must not compile: the System has sizes but no rhs. The build log must name what is missing.
#include <kobie/batch/solver.hpp>

struct NoRhs {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 0;
};

int main() {
  kobie::Solver<NoRhs> solver;
  return 0;
}
