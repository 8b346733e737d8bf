// Must not compile: the System has an rhs but no n_states. The build log must name what is missing.
#include <kobie/batch/solver.hpp>

struct NoSizes {
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real*, const Real*, const Real*, Real*) const {}
};

int main() {
  kobie::Solver<NoSizes> solver;
  return 0;
}
