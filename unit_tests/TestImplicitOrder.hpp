// Observed convergence orders of every implicit algorithm on a smooth nonlinear problem with fixed steps.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "kobie/kobie.hpp"
#include "kobie_problems/kerr_oscillator.hpp"

namespace {

using OrderExec = TEST_EXECSPACE;

/// The Kerr oscillator (problems/kobie_problems/kerr_oscillator.hpp): |z| is conserved and z(t) = z0 exp(i (1 + |z0|²)
/// t) exactly (z = x + i y), so the reference is the closed form.
using Kerr = kobie_problems::KerrOscillator;

struct ImplicitOrderCase {
  const char* name;
  double nominal;
  int steps[2];     ///< steps per unit time of the two solves
  double duration;  ///< t_end
};

// Step counts: both errors well inside the asymptotic regime and at least 1e3 above the round-off and the Newton
// tolerance (atol = rtol = 1e-13, dense LU).
constexpr ImplicitOrderCase kImplicitCases[] = {
    {"backward-euler", 1, {200, 400}, 2},   {"backward-euler-predictor", 1, {200, 400}, 2},
    {"implicit-midpoint", 2, {50, 100}, 2}, {"trapezoidal", 2, {50, 100}, 2},
    {"crank-nicolson", 2, {50, 100}, 2},    {"sdirk-2-2", 2, {50, 100}, 2},
    {"lstable-dirk-3", 3, {20, 40}, 2},     {"kvaerno-3", 3, {20, 40}, 2},
    {"kvaerno-5", 5, {10, 20}, 2},          {"lstable-sdirk-4", 4, {10, 20}, 2},
    {"gauss-legendre-4", 4, {10, 20}, 2},   {"gauss-legendre-8", 8, {2, 4}, 2},
    {"radau-iia-3", 3, {20, 40}, 2},        {"radau-iia-5", 5, {5, 10}, 2},
    {"radau-iia-9", 9, {2, 3}, 2},
};

/// Euclidean error at t = duration of a fixed-step solve, RMS over four initial values.
double kerr_error(const std::string& algorithm, int steps_per_unit, double duration) {
  constexpr int runs = 4;
  const double z0[runs][2] = {{0.5, 0.0}, {0.0, -0.5}, {0.375, -0.375}, {-0.5, 0.125}};
  Kokkos::View<double**, Kokkos::HostSpace> y0("y0", runs, 2), p("p", runs, 0);
  for (int r = 0; r < runs; ++r) {
    y0(r, 0) = z0[r][0];
    y0(r, 1) = z0[r][1];
  }
  kobie::Solver<Kerr, double, OrderExec, kobie::ImplicitAlgorithms> solver;
  solver.set("algorithm", algorithm);
  solver.set("controller", "fixed");
  solver.set("linear_solver", "dense-lu");
  solver.set("atol", 1e-13);
  solver.set("rtol", 1e-13);
  solver.set("dt", 1.0 / steps_per_unit);
  solver.set("duration", duration);
  const auto r = solver.solve(y0, p).to_host();
  double sum = 0.0;
  for (int i = 0; i < runs; ++i) {
    EXPECT_TRUE(kobie::succeeded(r.status(i))) << algorithm << ": " << kobie::describe_status(r.status(i));
    const double w = 1.0 + z0[i][0] * z0[i][0] + z0[i][1] * z0[i][1];
    const double c = std::cos(w * duration), s = std::sin(w * duration);
    const double ex = z0[i][0] * c - z0[i][1] * s;
    const double ey = z0[i][0] * s + z0[i][1] * c;
    const double dx = r.state(i, 1, 0) - ex, dy = r.state(i, 1, 1) - ey;
    sum += dx * dx + dy * dy;
  }
  return std::sqrt(sum / runs);
}

TEST(TEST_CATEGORY, implicit_convergence_orders_on_the_kerr_oscillator) {
  EXPECT_EQ(static_cast<int>(std::size(kImplicitCases)), kobie::ImplicitAlgorithms::size);
  for (const auto& c : kImplicitCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(kobie::algorithm_info(c.name).order, static_cast<int>(c.nominal));
    const double e0 = kerr_error(c.name, c.steps[0], c.duration);
    const double e1 = kerr_error(c.name, c.steps[1], c.duration);
    const double p = std::log(e0 / e1) / std::log(static_cast<double>(c.steps[1]) / c.steps[0]);
    std::printf("[ order    ] %-26s errors %.2e %.2e  p = %.2f (nominal %.0f)\n", c.name, e0, e1, p, c.nominal);
    EXPECT_NEAR(p, c.nominal, 0.3);
  }
}

}  // namespace
