// A bifurcation diagram of the Lorenz system from on-device summaries: integrate a large sweep of rho, keep only the
// `peaks` summary of z (the times of its local maxima: no trajectory is saved) and write, for each run, the intervals
// between successive maxima of z ("return times") once the transient has died out. A periodic orbit gives a few
// distinct intervals per rho, chaos a spread of them; scripts/plot_bifurcation.py draws the file as a picture
// (KOBIE_JOB=bifurcation ./scripts/run_main_job.sh does both and writes docs/lorenz_bifurcation.png).
//
//   lorenz_bifurcation [n_runs] [output.csv]      (defaults: 20000 runs, lorenz_bifurcation.csv)
//
// Every run: sigma = 10, beta = 8/3, x0 = (1, 1, 1), rho evenly spaced over [25, 250]; Tsit5 at rtol = atol = 1e-8;
// integrate 50 time units unsaved (settling_time), then 16 more in which z is sampled every 0.001 and the times of its
// maxima are recorded (peaks[64] per window of 8). Output: a CSV file with header `rho,interval` and one row per
// interval t_{k+1} - t_k between successive maxima of z (no NaN: a run with fewer maxima has fewer rows). A maximum's
// time is that of the sample at it, so intervals are whole multiples of the sampling interval (accurate to about
// +-0.001): 0.001 is finer than a pixel of the picture, so the diagram shows no banding.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <kobie/kobie.hpp>
#include <kobie_problems/lorenz.hpp>
#include <string>
#include <vector>

using Lorenz = kobie_problems::Lorenz;

namespace {
constexpr double rho_min = 25.0;  // above the onset of chaos (24.74): below it the orbits spiral into fixed points
constexpr double rho_max = 250.0;
constexpr double settling_time = 50.0;  // integrated without sampling: long enough for the transients to die out
constexpr double duration = 16.0;       // sampled
constexpr double window = 8.0;          // summarise_every: each window records at most max_peaks maxima
constexpr double sample_every = 0.001;  // steps land on the samples, so this also caps the step
constexpr int max_peaks = 64;           // peaks[N] allows N <= 64; a window of 8 holds at most ~40 maxima of z here
}  // namespace

int main(int argc, char* argv[]) {
  Kokkos::ScopeGuard guard(argc, argv);
  const int n_runs = argc > 1 ? std::atoi(argv[1]) : 20000;
  const std::string path = argc > 2 ? argv[2] : "lorenz_bifurcation.csv";
  if (n_runs < 1) {
    std::fprintf(stderr, "usage: lorenz_bifurcation [n_runs >= 1] [output.csv]\n");
    return 2;
  }
  try {
    std::vector<double> rho(n_runs);
    for (int i = 0; i < n_runs; ++i) rho[i] = rho_min + (rho_max - rho_min) * i / (n_runs > 1 ? n_runs - 1 : 1);
    const auto grid = kobie::combinatorial_grid<Lorenz>(
        {{"rho", rho}}, {{"x", {1.0}}, {"y", {1.0}}, {"z", {1.0}}, {"sigma", {10.0}}, {"beta", {8.0 / 3.0}}});

    using Algorithms = kobie::TypeList<kobie::algorithms::Tsit5>;
    kobie::Solver<Lorenz, double, Kokkos::DefaultExecutionSpace, Algorithms> solver;
    solver.set("algorithm", "tsit5");
    solver.set("rtol", 1e-8);
    solver.set("atol", 1e-8);
    solver.set("settling_time", settling_time);
    solver.set("duration", duration);
    solver.set("outputs", "peaks[" + std::to_string(max_peaks) + "]");  // only the summary: no state is saved
    solver.set("summarised_states", "z");
    solver.set("sample_summaries_every", sample_every);
    solver.set("summarise_every", window);

    const auto start = std::chrono::steady_clock::now();
    const auto result = solver.solve(grid);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto host = result.to_host();

    double steps = 0;
    for (int i = 0; i < n_runs; ++i) steps += host.accepted_steps(i) + host.rejected_steps(i);
    std::printf(
        "kobie %s on %s (concurrency %d): %d Lorenz runs, rho in [%g, %g], t in [0, %g] unsampled, then [%g, %g] "
        "with z sampled every %g, %s, rtol = atol = 1e-8\n",
        kobie::version_string, Kokkos::DefaultExecutionSpace::name(), Kokkos::DefaultExecutionSpace().concurrency(),
        n_runs, rho_min, rho_max, settling_time, settling_time, settling_time + duration, sample_every,
        solver.settings().algorithm.algorithm.c_str());
    std::printf("  %.3f s: %.4g runs/s, %.4g steps/s (%.1f step attempts per run), %d failed runs\n", seconds,
                n_runs / seconds, steps / seconds, steps / n_runs, host.n_failed());

    // Successive maxima of z, window after window. A window that recorded all max_peaks maxima may have missed later
    // ones, so the interval from its last maximum to the next window's first is not known: it is left out.
    kobie::CsvWriter csv(path, {"rho", "interval"}, {9, 9});
    long intervals = 0;
    int saturated = 0;
    for (int run = 0; run < n_runs; ++run) {
      if (!kobie::succeeded(host.status(run))) continue;
      double previous = NAN;
      for (int w = 0; w < host.n_summaries(); ++w) {
        int found = 0;
        for (int k = 0; k < max_peaks; ++k) {
          const double t = host.summary(run, w, k);
          if (std::isnan(t)) break;
          if (!std::isnan(previous)) {
            csv.row({rho[run], t - previous});
            ++intervals;
          }
          previous = t;
          ++found;
        }
        if (found == max_peaks) {
          previous = NAN;
          ++saturated;
        }
      }
    }
    csv.close();
    std::printf("  %ld intervals between maxima of z written to %s (columns: rho, interval)\n", intervals,
                path.c_str());
    if (saturated > 0) {
      std::printf("  %d windows recorded all %d maxima: the interval after each is left out\n", saturated, max_peaks);
    }
    return host.n_failed() == 0 ? 0 : 1;
  } catch (const kobie::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
}
