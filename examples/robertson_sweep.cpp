// kobie's stiff main job: integrate a large batch of Robertson's chemical kinetics with the three rate constants swept
// over a grid, report throughput, and write the final states to a CSV file.
//
//   robertson_sweep [n_runs] [output.csv]    (defaults: 100000 runs, robertson_sweep_final_states.csv)
//
// Each rate constant (k1, k2, k3) = (0.04, 3e7, 1e4) is scaled by factors log-spaced over [0.1, 10]; the grid has
// a × b × c = n_runs points, as close to a cube as n_runs allows (100000 = 40 × 50 × 50).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <kobie/kobie.hpp>
#include <kobie_problems/robertson.hpp>
#include <string>
#include <vector>

using Robertson = kobie_problems::Robertson;  // problems/kobie_problems/robertson.hpp: rhs and analytic Jacobian

namespace {

/// The largest divisor of n that is at most limit.
int divisor_at_most(int n, double limit) {
  for (int d = static_cast<int>(std::floor(limit + 1e-9)); d > 1; --d) {
    if (n % d == 0) return d;
  }
  return 1;
}

/// `count` values nominal · 10^x with x evenly spaced over [-1, 1] (just the nominal value when count is 1).
std::vector<double> scaled(double nominal, int count) {
  std::vector<double> out(count);
  for (int i = 0; i < count; ++i) out[i] = nominal * std::pow(10.0, count > 1 ? -1.0 + 2.0 * i / (count - 1) : 0.0);
  return out;
}

}  // namespace

int main(int argc, char* argv[]) {
  Kokkos::ScopeGuard guard(argc, argv);
  const int n_runs = argc > 1 ? std::atoi(argv[1]) : 100000;
  const std::string path = argc > 2 ? argv[2] : "robertson_sweep_final_states.csv";
  if (n_runs < 1) {
    std::fprintf(stderr, "usage: robertson_sweep [n_runs >= 1] [output.csv]\n");
    return 2;
  }
  try {
    const int a = divisor_at_most(n_runs, std::cbrt(static_cast<double>(n_runs)));
    const int b = divisor_at_most(n_runs / a, std::sqrt(static_cast<double>(n_runs / a)));
    const int c = n_runs / a / b;
    const auto grid = kobie::combinatorial_grid<Robertson>(
        {{"k1", scaled(0.04, a)}, {"k2", scaled(3.0e7, b)}, {"k3", scaled(1.0e4, c)}},
        {{"y1", {1.0}}, {"y2", {0.0}}, {"y3", {0.0}}});

    // The Solver compiles only the algorithms listed (default: kobie::DefaultAlgorithms).
    using Algorithms = kobie::TypeList<kobie::algorithms::Rodas5p>;
    kobie::Solver<Robertson, double, Kokkos::DefaultExecutionSpace, Algorithms> solver;
    solver.set("algorithm", "rodas5p");  // controller auto = PI; linear_solver dense-lu (3 × 3, one LU per step)
    solver.set("linear_solver", "dense-lu");
    solver.set("rtol", 1e-6);
    solver.set("atol", 1e-10);
    solver.set("dt", 1e-6);  // the first step; the controller grows it over 16 decades of time
    solver.set("duration", 1e5);

    const auto start = std::chrono::steady_clock::now();
    const auto result = solver.solve(grid);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    auto accepted = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.accepted_steps);
    auto rejected = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.rejected_steps);
    double steps = 0;
    for (int i = 0; i < n_runs; ++i) steps += accepted(i) + rejected(i);
    std::printf(
        "kobie %s on %s (concurrency %d): %d Robertson runs (%d x %d x %d grid of k1, k2, k3 scaled over [0.1, 10]), "
        "t in [0, 1e5], %s, rtol = 1e-6, atol = 1e-10\n",
        kobie::version_string, Kokkos::DefaultExecutionSpace::name(), Kokkos::DefaultExecutionSpace().concurrency(),
        n_runs, a, b, c, solver.settings().algorithm.algorithm.c_str());
    std::printf("  %.3f s: %.4g runs/s, %.4g steps/s (%.1f step attempts per run), %d failed runs\n", seconds,
                n_runs / seconds, steps / seconds, steps / n_runs, result.n_failed());

    kobie::write_csv(path, kobie::saved_states_table(result, {"k1", "k2", "k3"}, grid.parameters));
    std::printf("  final states written to %s (columns: run, k1, k2, k3, y1, y2, y3, status)\n", path.c_str());
    return result.n_failed() == 0 ? 0 : 1;
  } catch (const kobie::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
