// Adaptive solves against analytic solutions: every adaptive algorithm with every adaptive controller, in double at
// rtol = atol = 1e-8 and in float at 1e-5, on batches of 64 runs (a sweep of the rate or frequency). The global error
// at every save must stay within 10 tol (1 + |y_exact|).
#include <gtest/gtest.h>

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "TestSystems.hpp"
#include "kobie/batch/solver.hpp"

namespace {

using AdaptiveExec = TEST_EXECSPACE;
using AdaptiveHostView = Kokkos::View<double**, Kokkos::HostSpace>;

constexpr int kAdaptiveRuns = 64;

const std::vector<std::string> kAdaptiveAlgorithms = {
    "heun-21", "bogacki-shampine-32", "dormand-prince-54", "fehlberg-45", "cash-karp-54", "tsit5", "dop853", "vern7",
    "vern9"};
const std::vector<std::string> kAdaptiveControllers = {"i", "pi", "pid", "gustafsson"};

// What one batch solve did: the largest |y - y_exact| / (10 tol (1 + |y_exact|)) over runs, saves and states, and the
// largest accepted / rejected step counts of a run.
struct AnalyticOutcome {
  double worst = 0.0;
  int max_accepted = 0;
  int max_rejected = 0;
  int failed_runs = 0;
};

// Solves `System` adaptively for kAdaptiveRuns runs and compares every save with exact(run, t, state).
template <class System, class Real, class Setup, class Exact>
AnalyticOutcome solve_and_compare(const std::string& algorithm, const std::string& controller, double tol,
                                  double duration, double save_every, Setup setup, Exact exact) {
  AdaptiveHostView y0("y0", kAdaptiveRuns, System::n_states), params("params", kAdaptiveRuns, System::n_parameters);
  for (int r = 0; r < kAdaptiveRuns; ++r) setup(r, &y0(r, 0), &params(r, 0));
  kobie::Solver<System, Real, AdaptiveExec, kobie::ExplicitAlgorithms> solver;
  solver.set("algorithm", algorithm);
  solver.set("controller", controller);
  solver.set("atol", tol);
  solver.set("rtol", tol);
  solver.set("dt", 1e-3);
  solver.set("duration", duration);
  solver.set("save_every", save_every);
  const auto result = solver.solve(y0, params);
  EXPECT_TRUE(solver.warnings().empty()) << algorithm << " / " << controller;
  EXPECT_EQ(solver.effective_controller(), controller);

  AnalyticOutcome out;
  out.failed_runs = result.n_failed();
  auto state = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.state);
  auto accepted = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.accepted_steps);
  auto rejected = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), result.rejected_steps);
  for (int r = 0; r < kAdaptiveRuns; ++r) {
    out.max_accepted = std::max(out.max_accepted, static_cast<int>(accepted(r)));
    out.max_rejected = std::max(out.max_rejected, static_cast<int>(rejected(r)));
    for (int s = 0; s < result.n_saves; ++s) {
      const double t = result.save_times[s];
      for (int d = 0; d < System::n_states; ++d) {
        const double y_exact = exact(&y0(r, 0), &params(r, 0), t, d);
        const double ratio =
            std::abs(static_cast<double>(state(r, s, d)) - y_exact) / (10.0 * tol * (1.0 + std::abs(y_exact)));
        if (!(ratio <= out.worst)) out.worst = ratio;  // NaN propagates
      }
    }
  }
  return out;
}

// y' = -k y, k in [0.2, 5], y0 in {1, 1.5, 2, 2.5}: y = y0 exp(-k t), saved every 0.25 up to t = 2.
template <class Real>
AnalyticOutcome decay_outcome(const std::string& algorithm, const std::string& controller, double tol) {
  return solve_and_compare<kobie_test::ExponentialDecay, Real>(
      algorithm, controller, tol, 2.0, 0.25,
      [](int r, double* y0, double* p) {
        p[0] = 0.2 + 4.8 * r / (kAdaptiveRuns - 1);
        y0[0] = 1.0 + 0.5 * (r % 4);
      },
      [](const double* y0, const double* p, double t, int) { return y0[0] * std::exp(-p[0] * t); });
}

// x' = v, v' = -w^2 x, w in [0.5, 2.5], (x0, v0) = (1, 0.5), (1, 0) or (1, -0.5): saved every 0.25 up to t = 2.5 (one
// period of the fastest run).
template <class Real>
AnalyticOutcome oscillator_outcome(const std::string& algorithm, const std::string& controller, double tol) {
  return solve_and_compare<kobie_test::HarmonicOscillator, Real>(
      algorithm, controller, tol, 2.5, 0.25,
      [](int r, double* y0, double* p) {
        p[0] = 0.5 + 2.0 * r / (kAdaptiveRuns - 1);
        y0[0] = 1.0;
        y0[1] = 0.5 - 0.5 * (r % 3);
      },
      [](const double* y0, const double* p, double t, int d) {
        const double w = p[0], c = std::cos(w * t), s = std::sin(w * t);
        return d == 0 ? y0[0] * c + y0[1] / w * s : -y0[0] * w * s + y0[1] * c;
      });
}

void expect_within(const AnalyticOutcome& o, const char* problem, const std::string& algorithm,
                   const std::string& controller, const char* precision) {
  std::printf("[ analytic ] %-6s %-10s %-20s %-10s max error / (10 tol (1 + |y|)) = %.3f, steps <= %d (+%d rejected)\n",
              precision, problem, algorithm.c_str(), controller.c_str(), o.worst, o.max_accepted, o.max_rejected);
  EXPECT_EQ(o.failed_runs, 0) << problem << ", " << algorithm << ", " << controller << ", " << precision;
  EXPECT_LE(o.worst, 1.0) << problem << ", " << algorithm << ", " << controller << ", " << precision
                          << ": global error above 10 tol (1 + |y|)";
}

TEST(TEST_CATEGORY, adaptive_every_algorithm_and_controller_matches_analytic_double) {
  const double tol = 1e-8;
  for (const auto& algorithm : kAdaptiveAlgorithms) {
    for (const auto& controller : kAdaptiveControllers) {
      expect_within(decay_outcome<double>(algorithm, controller, tol), "decay", algorithm, controller, "double");
      expect_within(oscillator_outcome<double>(algorithm, controller, tol), "oscillator", algorithm, controller,
                    "double");
    }
  }
}

TEST(TEST_CATEGORY, adaptive_algorithms_match_analytic_float) {
  const double tol = 1e-5;
  for (const std::string algorithm : {"bogacki-shampine-32", "dormand-prince-54", "cash-karp-54", "tsit5", "vern7"}) {
    expect_within(decay_outcome<float>(algorithm, "pi", tol), "decay", algorithm, "pi", "float");
    expect_within(oscillator_outcome<float>(algorithm, "pi", tol), "oscillator", algorithm, "pi", "float");
  }
  for (const auto& controller : kAdaptiveControllers) {
    expect_within(oscillator_outcome<float>("dormand-prince-54", controller, tol), "oscillator", "dormand-prince-54",
                  controller, "float");
  }
}

}  // namespace
