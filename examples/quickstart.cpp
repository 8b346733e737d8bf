// The whole kobie API in one page: a System, settings, a grid, a solve, and the results.
#include <cstdio>
#include <kobie/kobie.hpp>

struct Decay {  // y' = -k y, one state, one parameter that varies per run
  static constexpr int n_states = 1;
  static constexpr int n_parameters = 1;
  static constexpr const char* state_names[1] = {"y"};
  static constexpr const char* parameter_names[1] = {"k"};
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* dydt) const {
    dydt[0] = -p[0] * y[0];
  }
};

int main(int argc, char* argv[]) {
  Kokkos::ScopeGuard guard(argc, argv);
  kobie::Solver<Decay, float> solver;  // float or double; the backend is the Kokkos you built against
  solver.set("algorithm", "tsit5");    // any of kobie::algorithm_names()
  solver.set("rtol", 1e-5);            // every setting by name, or solver.settings() / a key = value file
  solver.set("save_every", 0.5);
  solver.set("outputs", "state, time, counters");
  auto grid = kobie::combinatorial_grid<Decay>({{"y", {1.0, 2.0}}, {"k", {0.5, 1.0, 2.0}}});  // 6 runs
  auto result = solver.solve(grid);
  auto y = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.state);  // (run, save, variable)
  auto t = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.time);
  auto status = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.status);
  for (int run = 0; run < result.n_runs; ++run)
    std::printf("run %d: %s(%g) = %.6f, status: %s\n", run, result.state_legend[0].c_str(), t(run, result.n_saves - 1),
                y(run, result.n_saves - 1, 0), kobie::describe_status(status(run)).c_str());
  return result.n_failed();
}
