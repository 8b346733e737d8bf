// Failure paths of the implicit algorithms: each sets its status bit in its own run only, and the other runs of the
// batch compute exactly what they compute alone.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "TestSystems.hpp"
#include "kobie/kobie.hpp"

namespace {

using ImplicitExec = TEST_EXECSPACE;
using HostView = Kokkos::View<double**, Kokkos::HostSpace>;

/// y' = -k y with a Jacobian scaled by `s` (parameter 1): s = 1 is exact; other values make simplified Newton contract
/// at the rate 1 - (1 + h k) / (1 + h k s) per iteration (backward Euler), so a run chooses its own Newton behaviour.
struct ScaledJacobianDecay {
  static constexpr int n_states = 1;
  static constexpr int n_parameters = 2;
  static constexpr const char* parameter_names[n_parameters] = {"k", "s"};
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    f[0] = -p[0] * y[0];
  }
  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real*, const Real* p, const Real*, Real* J) const {
    J[0] = -p[0] * p[1];
  }
};

using BE = kobie::TypeList<kobie::algorithms::BackwardEuler>;
using Solver = kobie::Solver<ScaledJacobianDecay, double, ImplicitExec, BE>;

Solver::Result solve_runs(const std::vector<std::pair<double, double>>& runs, const std::string& linear_solver,
                          int newton_max_iters = 8) {
  Solver solver;
  solver.set("algorithm", "backward-euler");
  solver.set("linear_solver", linear_solver);
  solver.set("preconditioner", "none");
  solver.set("newton_max_iters", newton_max_iters);
  solver.set("dt", 0.1);
  solver.set("duration", 1.0);
  solver.set("save_every", 0.5);
  solver.set("outputs", "state, counters");
  const int n = static_cast<int>(runs.size());
  HostView y0("y0", n, 1), p("p", n, 2);
  for (int r = 0; r < n; ++r) {
    y0(r, 0) = 1.0;
    p(r, 0) = runs[static_cast<std::size_t>(r)].first;
    p(r, 1) = runs[static_cast<std::size_t>(r)].second;
  }
  return solver.solve(y0, p);
}

/// Runs 0 and 2 are healthy (k = 1, exact Jacobian); run 1 is (k, s). Run 1 gets `bit`, the others succeed and match
/// a batch of healthy runs alone, bit for bit.
void expect_only_middle_run_fails(double k, double s, kobie::StatusBits bit, const std::string& linear_solver,
                                  int newton_max_iters = 8) {
  const auto mixed = solve_runs({{1.0, 1.0}, {k, s}, {1.0, 1.0}}, linear_solver, newton_max_iters).to_host();
  const auto alone = solve_runs({{1.0, 1.0}}, linear_solver, newton_max_iters).to_host();
  EXPECT_NE(mixed.status(1) & bit, 0u) << kobie::describe_status(mixed.status(1));
  EXPECT_FALSE(kobie::succeeded(mixed.status(1)));
  for (int r : {0, 2}) {
    EXPECT_EQ(mixed.status(r), kobie::status::success) << kobie::describe_status(mixed.status(r));
    for (int save = 0; save < 3; ++save) {
      EXPECT_TRUE(kobie_test::same_bits(mixed.state(r, save, 0), alone.state(0, save, 0))) << "run " << r;
    }
  }
  // Backward Euler from y0 = 1 with h = 0.1 and k = 1: y(1) = 1.1^-10.
  EXPECT_NEAR(alone.state(0, 2, 0), std::pow(1.1, -10.0), 1e-6);
}

TEST(TEST_CATEGORY, implicit_singular_newton_matrix_fails_only_its_run) {
  // k = 10 with h = 0.1: W = 1 - h k = 0 exactly.
  expect_only_middle_run_fails(-10.0, 1.0, kobie::status::singular_matrix, "dense-lu");
}

TEST(TEST_CATEGORY, implicit_diverging_newton_fails_only_its_run) {
  // h k = 1, s = -0.5: each iteration multiplies the error by 1 - 2 / 0.5 = -3.
  expect_only_middle_run_fails(10.0, -0.5, kobie::status::newton_divergence, "dense-lu");
}

TEST(TEST_CATEGORY, implicit_stagnating_newton_fails_only_its_run) {
  // h k = 1, s = 39: each iteration multiplies the error by 1 - 2 / 40 = 0.95.
  expect_only_middle_run_fails(10.0, 39.0, kobie::status::newton_stagnation, "dense-lu");
}

TEST(TEST_CATEGORY, implicit_newton_iteration_limit_fails_only_its_run) {
  // h k = 1, s = 3: rate 0.5 converges, but not within 2 iterations at newton_tolerance 0.05 from y0 = 1.
  expect_only_middle_run_fails(10.0, 3.0, kobie::status::newton_iterations_exceeded, "gmres", 2);
}

using Radau = kobie::Solver<ScaledJacobianDecay, double, ImplicitExec, kobie::TypeList<kobie::algorithms::RadauIIA5>>;

Radau::Result solve_adaptive(double s, int newton_max_iters) {
  Radau solver;
  solver.set("algorithm", "radau-iia-5");
  solver.set("linear_solver", "dense-lu");
  solver.set("newton_max_iters", newton_max_iters);
  solver.set("dt", 0.5);
  solver.set("duration", 2.0);
  solver.set("save_every", 0.5);
  solver.set("rtol", 1e-8);
  solver.set("atol", 1e-10);
  HostView y0("y0", 1, 1), p("p", 1, 2);
  y0(0, 0) = 1.0;
  p(0, 0) = 10.0;
  p(0, 1) = s;
  return solver.solve(y0, p);
}

TEST(TEST_CATEGORY, implicit_failed_newton_rejects_and_shrinks_the_step) {
  // With a wrong Jacobian (s = −0.5) the Newton rate 1 − (1 + h k)/(1 + h k s) diverges for h k = 5 and converges
  // once the rejected step has shrunk enough; the run then reaches y(2) = exp(−20), saves included.
  const auto r = solve_adaptive(-0.5, 8).to_host();
  EXPECT_EQ(r.status(0), kobie::status::success) << kobie::describe_status(r.status(0));
  EXPECT_GE(r.rejected_steps(0), 1);
  EXPECT_NEAR(r.state(0, 4, 0), std::exp(-20.0), 1e-9);
}

TEST(TEST_CATEGORY, implicit_newton_that_never_converges_ends_the_run) {
  // One Newton iteration can never converge (the first solve has no rate estimate): every attempt is rejected and
  // shrunk until the rejection limit or dt_min ends the run, with the Newton failure reported; no hang at the save.
  const auto r = solve_adaptive(1.0, 1).to_host();
  EXPECT_FALSE(kobie::succeeded(r.status(0)));
  EXPECT_NE(r.status(0) & kobie::status::newton_iterations_exceeded, 0u) << kobie::describe_status(r.status(0));
  EXPECT_NE(r.status(0) & (kobie::status::max_rejections_exceeded | kobie::status::step_too_small), 0u);
  EXPECT_EQ(r.accepted_steps(0), 0);
  EXPECT_EQ(r.end_time(0), 0.0);
}

/// y' = diag(p0, p1) y, with its exact Jacobian-vector product: backward Euler's Newton matrix is
/// W = diag(1 − h p0, 1 − h p1).
struct DiagonalLinear {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 2;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    f[0] = p[0] * y[0];
    f[1] = p[1] * y[1];
  }
  template <class Real>
  KOKKOS_INLINE_FUNCTION void jvp(Real, const Real*, const Real* p, const Real*, const Real* v, Real* Jv) const {
    Jv[0] = p[0] * v[0];
    Jv[1] = p[1] * v[1];
  }
};

TEST(TEST_CATEGORY, implicit_krylov_breakdown_fails_only_its_run) {
  // Run 1: p = (−10, 20), h = 0.1, so W = diag(2, −1), and from y0 = (√2, 1) the first Newton right-hand side
  // b = h f(y0) = (−√2, 2) has bᵀWb = 4 − 4 = 0: BiCGSTAB's r̂·(W r̂) vanishes at once (a breakdown). Runs 0 and 2
  // (p = (−1, −2)) are ordinary.
  using Solver2 = kobie::Solver<DiagonalLinear, double, ImplicitExec, BE>;
  auto solve = [](const std::vector<std::pair<double, double>>& p_runs) {
    Solver2 solver;
    solver.set("algorithm", "backward-euler");
    solver.set("linear_solver", "bicgstab");
    solver.set("preconditioner", "none");
    solver.set("dt", 0.1);
    solver.set("duration", 1.0);
    const int n = static_cast<int>(p_runs.size());
    HostView y0("y0", n, 2), p("p", n, 2);
    for (int r = 0; r < n; ++r) {
      y0(r, 0) = std::sqrt(2.0);
      y0(r, 1) = 1.0;
      p(r, 0) = p_runs[static_cast<std::size_t>(r)].first;
      p(r, 1) = p_runs[static_cast<std::size_t>(r)].second;
    }
    return solver.solve(y0, p).to_host();
  };
  const auto mixed = solve({{-1.0, -2.0}, {-10.0, 20.0}, {-1.0, -2.0}});
  const auto alone = solve({{-1.0, -2.0}});
  EXPECT_NE(mixed.status(1) & kobie::status::krylov_breakdown, 0u) << kobie::describe_status(mixed.status(1));
  EXPECT_EQ(mixed.end_time(1), 0.0);  // it failed in its first step
  for (int r : {0, 2}) {
    EXPECT_EQ(mixed.status(r), kobie::status::success) << kobie::describe_status(mixed.status(r));
    for (int d = 0; d < 2; ++d) EXPECT_TRUE(kobie_test::same_bits(mixed.state(r, 1, d), alone.state(0, 1, d)));
  }
  EXPECT_NEAR(alone.state(0, 1, 0), std::sqrt(2.0) * std::pow(1.1, -10.0), 1e-4);
}

}  // namespace
