// Host backends compute bit-identical results: the same batch on TEST_EXECSPACE and on Kokkos::Serial (when this build
// of Kokkos has it; CMake defines KOBIE_TEST_HAS_SERIAL). Runs are scheduled differently on OpenMP (dynamic teams,
// lockstep groups), but every run computes exactly what it computes alone. Device backends fuse multiply-adds
// differently and are compared with the references instead.
#include <gtest/gtest.h>

#include <string>

#include "TestSystems.hpp"
#include "kobie/batch/solver.hpp"

#if KOBIE_TEST_HAS_SERIAL

namespace {

template <class Real, class Exec>
auto solve_sweep(const std::string& algorithm, const std::string& controller) {
  kobie::Solver<kobie_test::Lorenz, Real, Exec, kobie::ExplicitAlgorithms> solver;
  solver.set("algorithm", algorithm);
  solver.set("controller", controller);
  solver.set("rtol", 1e-7);
  solver.set("atol", 1e-7);
  solver.set("dt", 1e-3);
  solver.set("duration", 2.0);
  solver.set("save_every", 0.5);
  solver.set("outputs", "state, time, counters");
  std::vector<double> rho;
  for (int i = 0; i < 203; ++i) rho.push_back(30.0 * i / 202);  // not a multiple of the lockstep group
  const auto grid = kobie::verbatim_grid<kobie_test::Lorenz>(
      {{"rho", rho}}, {{"x", {1.0}}, {"y", {0.0}}, {"z", {0.0}}, {"sigma", {10.0}}, {"beta", {8.0 / 3.0}}});
  return solver.solve(grid).to_host();
}

template <class Real>
void check_backends_agree(const std::string& algorithm, const std::string& controller) {
  SCOPED_TRACE(algorithm + " / " + controller);
  const auto a = solve_sweep<Real, TEST_EXECSPACE>(algorithm, controller);
  const auto b = solve_sweep<Real, Kokkos::Serial>(algorithm, controller);
  ASSERT_EQ(a.n_failed(), 0);
  for (int run = 0; run < a.n_runs(); ++run) {
    EXPECT_TRUE(kobie_test::same_run_bits(a.views().state, run, b.views().state, run)) << "run " << run;
    EXPECT_EQ(a.status(run), b.status(run));
    EXPECT_EQ(a.accepted_steps(run), b.accepted_steps(run));
    for (int s = 0; s < a.n_saves(); ++s) {
      EXPECT_TRUE(kobie_test::same_bits(a.time(run, s), b.time(run, s)));
      for (int c = 0; c < 4; ++c) EXPECT_EQ(a.counter(run, s, c), b.counter(run, s, c));
    }
  }
}

}  // namespace

TEST(TEST_CATEGORY, host_backends_give_bit_identical_results) {
  if (!kobie::is_host_execution_space_v<TEST_EXECSPACE>) GTEST_SKIP() << "device backends fuse multiply-adds";
  check_backends_agree<double>("dormand-prince-54", "pi");
  check_backends_agree<double>("rk4", "fixed");
  check_backends_agree<double>("tsit5", "fixed");
  check_backends_agree<float>("vern7", "pid");
  check_backends_agree<float>("euler", "fixed");
}

#endif
