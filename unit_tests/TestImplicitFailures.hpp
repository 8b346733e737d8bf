// Failure paths of the implicit algorithms: each sets its status bit in its own run only, and the other runs of the
// batch compute exactly what they compute alone.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "TestSystems.hpp"
#include "kobie/kobie.hpp"
#include "kobie_problems/robertson.hpp"

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
  solver.set("newton_max_jacobian_refreshes_fixed", 0);  // the plain simplified iteration, whose failures are isolated
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
  solver.set("newton_max_jacobian_refreshes", 0);  // the plain simplified iteration: a failure rejects the step
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

TEST(TEST_CATEGORY, implicit_nonfinite_inputs_fail_only_their_runs) {
  // Radau IIA 5 (adaptive, dense LU): run 1 has a NaN parameter (it used to end as 'step too small | singular matrix'),
  // run 3 an infinite initial value; they end at once with nonfinite_input, the others as in a clean batch.
  auto solve = [](double bad_parameter, double bad_initial) {
    Radau solver;
    solver.set("algorithm", "radau-iia-5");
    solver.set("linear_solver", "dense-lu");
    solver.set("dt", 0.01);
    solver.set("duration", 2.0);
    solver.set("save_every", 0.5);
    HostView y0("y0", 5, 1), p("p", 5, 2);
    for (int r = 0; r < 5; ++r) {
      y0(r, 0) = 1.0 + r;
      p(r, 0) = 10.0 * (r + 1);
      p(r, 1) = 1.0;
    }
    p(1, 0) = bad_parameter;
    y0(3, 0) = bad_initial;
    return solver.solve(y0, p).to_host();
  };
  const auto clean = solve(20.0, 4.0);
  const auto dirty = solve(std::nan(""), std::numeric_limits<double>::infinity());
  EXPECT_EQ(clean.n_failed(), 0);
  EXPECT_EQ(kobie_test::nonfinite_input_differences(dirty, clean, {1, 3}, 0.0), "");
  EXPECT_EQ(kobie::describe_status(dirty.status(1)), "non-finite input");
}

using Robertson = kobie_problems::Robertson;
using Rodas5p = kobie::Solver<Robertson, double, ImplicitExec, kobie::TypeList<kobie::algorithms::Rodas5p>>;

/// RODAS5P with GMRES limited to one iteration on Robertson (rtol 1e-6, to t = 40), one run per (k1, k2, k3).
Rodas5p::Result solve_one_krylov_iteration(const std::vector<std::vector<double>>& k, int progress_window = 0) {
  Rodas5p solver;
  solver.set("algorithm", "rodas5p");
  solver.set("linear_solver", "gmres");
  solver.set("krylov_max_iters", 1);
  solver.set("rtol", 1e-6);
  solver.set("duration", 40.0);
  if (progress_window > 0) solver.set("progress_window", progress_window);
  const int n = static_cast<int>(k.size());
  HostView y0("y0", n, 3), p("p", n, 3);
  for (int r = 0; r < n; ++r) {
    y0(r, 0) = 1.0;
    for (int i = 0; i < 3; ++i) p(r, i) = k[static_cast<std::size_t>(r)][static_cast<std::size_t>(i)];
  }
  return solver.solve(y0, p);
}

TEST(TEST_CATEGORY, implicit_run_without_progress_ends_early) {
  // One GMRES iteration solves RODAS5P's stages only for steps near 1e-11 on Robertson: every larger step fails
  // (linear_iterations_exceeded) and the run crawls near t = 1e-6 at alternately accepted and rejected steps. It used
  // to end on 'step too small' after 2.8 million attempts (2 s per run); it now ends with no_progress after one
  // progress window (1e5 attempts). Runs of the same batch that progress (k = 0, and k1 = 1e-9, whose solver fails at
  // half its attempts too) compute exactly what they compute without the stuck runs.
  const std::vector<double> stuck = {0.04, 3e7, 1e4};
  const std::vector<double> idle = {0.0, 0.0, 0.0};
  const std::vector<double> slow = {1e-9, 0.0, 0.0};
  // The attempt count below is the deterministic check of ending early (no timed assertion in a unit test).
  const auto mixed = solve_one_krylov_iteration({stuck, slow, stuck, idle, stuck, stuck}).to_host();
  const auto alone = solve_one_krylov_iteration({slow, idle}).to_host();
  for (int r : {0, 2, 4, 5}) {
    EXPECT_EQ(mixed.status(r), kobie::status::no_progress | kobie::status::linear_iterations_exceeded)
        << kobie::describe_status(mixed.status(r));
    EXPECT_EQ(mixed.accepted_steps(r) + mixed.rejected_steps(r), 100000);  // the first window
    EXPECT_GT(mixed.end_time(r), 0.0);
    EXPECT_LT(mixed.end_time(r), 1e-4);
  }
  const int twin[] = {-1, 0, -1, 1};
  for (int r : {1, 3}) {
    const int a = twin[r];
    EXPECT_EQ(mixed.status(r), kobie::status::success) << kobie::describe_status(mixed.status(r));
    EXPECT_EQ(mixed.accepted_steps(r), alone.accepted_steps(a));
    EXPECT_EQ(mixed.rejected_steps(r), alone.rejected_steps(a));
    EXPECT_TRUE(kobie_test::same_run_bits(mixed.views().state, r, alone.views().state, a)) << "run " << r;
  }
  EXPECT_GT(alone.rejected_steps(0), 1000);  // k1 = 1e-9 progresses although its solver fails at half its attempts
  // The window is a setting: the stuck run ends after 20000 attempts.
  const auto shorter = solve_one_krylov_iteration({stuck}, 20000).to_host();
  EXPECT_EQ(shorter.accepted_steps(0) + shorter.rejected_steps(0), 20000);
  EXPECT_NE(shorter.status(0) & kobie::status::no_progress, 0u);
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
