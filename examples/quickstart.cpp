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
  auto result = solver.solve(grid);  // Views on the execution space, (run, save, variable)
  auto host = result.to_host();      // a host copy whose accessors check what was requested
  const int last = host.n_saves() - 1;
  for (int run = 0; run < host.n_runs(); ++run)
    std::printf("run %d: y(%g) = %.6f after %d steps (%d in the last interval), status: %s\n", run,
                host.time(run, last), host.state(run, last, "y"), host.accepted_steps(run),
                host.counter(run, last, kobie::step_attempts), kobie::describe_status(host.status(run)).c_str());
  return host.n_failed();
}
