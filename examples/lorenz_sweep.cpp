// kobie's main job: integrate a large batch of Lorenz systems over a sweep of rho, report throughput, and write the
// final states to a CSV file.
//
//   lorenz_sweep [n_runs] [output.csv]      (defaults: 100000 runs, lorenz_sweep_final_states.csv)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <kobie/kobie.hpp>
#include <kobie_problems/lorenz.hpp>
#include <string>
#include <vector>

using Lorenz = kobie_problems::Lorenz;  // see problems/kobie_problems/lorenz.hpp for how a System is written

int main(int argc, char* argv[]) {
  Kokkos::ScopeGuard guard(argc, argv);
  const int n_runs = argc > 1 ? std::atoi(argv[1]) : 100000;
  const std::string path = argc > 2 ? argv[2] : "lorenz_sweep_final_states.csv";
  if (n_runs < 1) {
    std::fprintf(stderr, "usage: lorenz_sweep [n_runs >= 1] [output.csv]\n");
    return 2;
  }
  try {
    std::vector<double> rho(n_runs);
    for (int i = 0; i < n_runs; ++i) rho[i] = 30.0 * i / (n_runs > 1 ? n_runs - 1 : 1);
    const auto grid = kobie::combinatorial_grid<Lorenz>(
        {{"rho", rho}}, {{"x", {1.0}}, {"y", {0.0}}, {"z", {0.0}}, {"sigma", {10.0}}, {"beta", {8.0 / 3.0}}});

    // The Solver compiles only the algorithms listed (default: kobie::DefaultAlgorithms).
    using Algorithms = kobie::TypeList<kobie::algorithms::DormandPrince54>;
    kobie::Solver<Lorenz, double, Kokkos::DefaultExecutionSpace, Algorithms> solver;
    solver.set("algorithm", "dormand-prince-54");
    solver.set("controller", "pi");
    solver.set("rtol", 1e-8);
    solver.set("atol", 1e-8);
    solver.set("duration", 10.0);

    const auto start = std::chrono::steady_clock::now();
    const auto result = solver.solve(grid);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    auto accepted = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.accepted_steps);
    auto rejected = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.rejected_steps);
    double steps = 0;
    for (int i = 0; i < n_runs; ++i) steps += accepted(i) + rejected(i);
    std::printf(
        "kobie %s on %s (concurrency %d): %d Lorenz runs, rho in [0, 30], t in [0, 10], %s, rtol = atol = 1e-8\n",
        kobie::version_string, Kokkos::DefaultExecutionSpace::name(), Kokkos::DefaultExecutionSpace().concurrency(),
        n_runs, solver.settings().algorithm.algorithm.c_str());
    std::printf("  %.3f s: %.4g runs/s, %.4g steps/s (%.1f step attempts per run), %d failed runs\n", seconds,
                n_runs / seconds, steps / seconds, steps / n_runs, result.n_failed());

    kobie::write_csv(path, kobie::saved_states_table(result, {"sigma", "rho", "beta"}, grid.parameters));
    std::printf("  final states written to %s (columns: run, sigma, rho, beta, x, y, z, status)\n", path.c_str());
    return result.n_failed() == 0 ? 0 : 1;
  } catch (const kobie::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
