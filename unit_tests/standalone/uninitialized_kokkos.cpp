// Using kobie before Kokkos is initialized gives a kobie error that says so (not an abort inside Kokkos). Prints each
// error and exits 0 when every call threw kobie::Error; ctest matches the message.
#include <cstdio>

#include "kobie/batch/solver.hpp"
#include "kobie_problems/lorenz.hpp"

int main() {
  int errors = 0;
  auto expect_error = [&](const char* what, auto&& call) {
    try {
      call();
      std::printf("%s: no error\n", what);
    } catch (const kobie::Error& e) {
      std::printf("%s: %s\n", what, e.what());
      ++errors;
    }
  };
  kobie::Solver<kobie_problems::Lorenz, double, Kokkos::DefaultHostExecutionSpace> solver;  // no Kokkos needed yet
  solver.set("rtol", 1e-8);
  expect_error("grid", [] {
    kobie::verbatim_grid<kobie_problems::Lorenz>({{"rho", {28}}},
                                                 {{"x", {1}}, {"y", {0}}, {"z", {0}}, {"sigma", {10}}, {"beta", {2}}});
  });
  expect_error("registry", [&] { solver.registry(); });
  expect_error("solve", [&] { solver.solve(kobie::BatchGrid{}); });
  return errors == 3 ? 0 : 1;
}
