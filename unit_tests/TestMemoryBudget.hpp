#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "TestSystems.hpp"
#include "kobie/batch/solver.hpp"

namespace {

using LorenzSolver =
    kobie::Solver<kobie_test::Lorenz, double, TEST_EXECSPACE, kobie::TypeList<kobie::algorithms::DormandPrince54>>;

kobie::BatchGrid lorenz_grid(int n_runs) {
  std::vector<double> rho(n_runs);
  for (int i = 0; i < n_runs; ++i) rho[i] = 5.0 + 40.0 * i / n_runs;
  return kobie::combinatorial_grid<kobie_test::Lorenz>(
      {{"rho", rho}}, {{"x", {1.0}}, {"y", {0.0}}, {"z", {0.0}}, {"sigma", {10.0}}, {"beta", {8.0 / 3.0}}});
}

void configure(LorenzSolver& solver) {
  solver.set("duration", 2.0);
  solver.set("save_every", 0.2);
  solver.set("outputs", "state, time, counters, mean, peaks[2]");
  solver.set("summarised_states", "z");
  solver.set("sample_summaries_every", 0.01);
  solver.set("summarise_every", 1.0);
}

/// Every output of two host results, bit for bit (NaN equal to NaN).
template <class A, class B>
void expect_same_views(const A& a, const B& b, const char* what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool same = std::memcmp(a.data() + i, b.data() + i, sizeof(*a.data())) == 0;
    ASSERT_TRUE(same) << what << " element " << i;
  }
}
void expect_same(const kobie::HostResult<double>& a, const kobie::HostResult<double>& b) {
  expect_same_views(a.views().state, b.views().state, "state");
  expect_same_views(a.views().time, b.views().time, "time");
  expect_same_views(a.views().counters, b.views().counters, "counters");
  expect_same_views(a.views().summaries, b.views().summaries, "summaries");
  expect_same_views(a.views().status, b.views().status, "status");
  expect_same_views(a.views().accepted_steps, b.views().accepted_steps, "accepted_steps");
  expect_same_views(a.views().end_time, b.views().end_time, "end_time");
  expect_same_views(a.views().parameters, b.views().parameters, "parameters");
}

TEST(TEST_CATEGORY, memory_per_run_counts_inputs_outputs_and_scratch) {
  LorenzSolver solver;
  configure(solver);
  solver.set("stage_location", "scratch");
  // Inputs: 3 states + 3 parameters. Outputs: 11 saves × (3 states + time) + 2 windows × (mean + 2 peaks) of z + end
  // time + 3 parameters in double; 11 saves × 5 counters + status + accepted + rejected in int32. Scratch: the
  // registry's level-0 and level-1 bytes (the stage buffers and the summary accumulators).
  const auto totals = solver.registry().totals();
  const std::size_t expected =
      6 * 8 + (11 * 4 + 2 * 3 + 1 + 3) * 8 + (11 * 5 + 3) * 4 + totals.shared_bytes + totals.scratch_bytes;
  EXPECT_GT(totals.scratch_bytes, 0u);
  EXPECT_EQ(solver.memory_per_run(), expected);
}

TEST(TEST_CATEGORY, chunked_solves_equal_the_unchunked_solve) {
  const int n_runs = 50;
  const auto grid = lorenz_grid(n_runs);
  LorenzSolver whole;
  configure(whole);
  const auto reference = whole.solve(grid).to_host();
  ASSERT_EQ(reference.n_failed(), 0);

  LorenzSolver chunked;
  configure(chunked);
  const std::size_t per_run = chunked.memory_per_run();
  // Room for the inputs of every run plus the working memory of 7 runs: 8 chunks (7 × 7 + 1).
  chunked.set("memory_budget", static_cast<double>(n_runs * 6 * 8 + 7 * per_run));
  std::vector<kobie::SolveProgress> reports;
  chunked.set_progress_callback([&](const kobie::SolveProgress& p) { reports.push_back(p); });
  expect_same(chunked.solve_to_host(grid), reference);
  ASSERT_EQ(reports.size(), 8u);
  EXPECT_EQ(reports.front().runs_done, 7);
  EXPECT_EQ(reports.back().runs_done, n_runs);
  EXPECT_EQ(reports.back().chunk, 8);
  EXPECT_EQ(reports.back().n_chunks, 8);
  EXPECT_EQ(reports.back().eta_s, 0.0);

  // solve() keeps every result on the device, so they count against the budget: it refuses, naming the way out.
  try {
    chunked.solve(grid);
    FAIL() << "solve() should not fit";
  } catch (const kobie::SettingsError& e) {
    EXPECT_NE(std::string(e.what()).find("solve_to_host()"), std::string::npos) << e.what();
  }
  // With room for every run's inputs and outputs plus 5 runs' staged outputs and scratch: 10 chunks, bit-identical.
  const auto totals = chunked.registry().totals();
  const std::size_t scratch = totals.shared_bytes + totals.scratch_bytes;
  chunked.set("memory_budget", static_cast<double>(n_runs * (per_run - scratch) + 5 * (per_run - 6 * 8)));
  reports.clear();
  expect_same(chunked.solve(grid).to_host(), reference);
  EXPECT_EQ(reports.size(), 10u);
}

TEST(TEST_CATEGORY, a_run_that_cannot_fit_the_budget_is_an_error) {
  LorenzSolver solver;
  configure(solver);
  solver.set("memory_budget", 200.0);  // bytes: less than one run's outputs
  try {
    solver.solve_to_host(lorenz_grid(4));
    FAIL() << "expected a SettingsError";
  } catch (const kobie::SettingsError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("memory_budget"), std::string::npos) << m;
    EXPECT_NE(m.find("one run's working memory"), std::string::npos) << m;
  }
  EXPECT_THROW(solver.set("memory_budget", 0.0), kobie::SettingsError);
  EXPECT_THROW(solver.set("memory_budget", -1.0), kobie::SettingsError);
  solver.set("memory_budget", 0.25);  // a quarter of the free memory
  EXPECT_GT(solver.memory_budget(), 0u);
}

TEST(TEST_CATEGORY, progress_reports_come_in_twentieths_of_large_batches) {
  kobie::Solver<kobie_test::ExponentialDecay, double, TEST_EXECSPACE, kobie::ExplicitAlgorithms> solver;
  solver.set("progress", true);
  std::vector<kobie::SolveProgress> reports;
  solver.set_progress_callback([&](const kobie::SolveProgress& p) { reports.push_back(p); });
  Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace> y0("y0", 4096, 1), k("k", 4096, 1);
  Kokkos::deep_copy(y0, 1.0);
  Kokkos::deep_copy(k, 0.5);
  const auto r = solver.solve(y0, k).to_host();
  EXPECT_EQ(r.n_failed(), 0);
  ASSERT_EQ(reports.size(), 4u);  // chunks of max(1024, n / 20) runs
  EXPECT_EQ(reports[1].runs_done, 2048);
  EXPECT_NEAR(r.state(4095, 1, 0), std::exp(-0.5), 1e-6);
}

TEST(TEST_CATEGORY, progress_line_on_stderr_after_the_quiet_period) {
  int calls = 0;
  testing::internal::CaptureStderr();
  {
    kobie::ProgressReporter quiet(
        100, 2, [&](const kobie::SolveProgress&) { ++calls; }, true);  // 2 s quiet period
    quiet.chunk_done(50);
    quiet.chunk_done(50);
  }
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");  // a short solve stays silent
  EXPECT_EQ(calls, 2);
  testing::internal::CaptureStderr();
  kobie::ProgressReporter loud(100, 4, nullptr, true, /*quiet_s=*/0.0);
  loud.chunk_done(25);
  loud.chunk_done(75);
  const std::string line = testing::internal::GetCapturedStderr();
  EXPECT_NE(line.find("kobie: 25 / 100 runs (25 %)"), std::string::npos) << line;
  EXPECT_NE(line.find("kobie: 100 / 100 runs (100 %)"), std::string::npos) << line;
  EXPECT_NE(line.find("runs/s"), std::string::npos) << line;
  EXPECT_NE(line.find("s left"), std::string::npos) << line;
  EXPECT_EQ(line.back(), '\n');
}

}  // namespace

TEST(TEST_CATEGORY, memory_byte_counts_saturate_instead_of_wrapping) {
  constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
  const std::size_t tib = std::size_t(1) << 40;
  EXPECT_EQ(kobie::Impl::saturating_product(tib, tib), most);  // 2^80 wraps to 0 in size_t
  EXPECT_EQ(kobie::Impl::saturating_product(most, 0), 0u);
  EXPECT_EQ(kobie::Impl::saturating_product(3, 7), 21u);
  // 2^31 - 1 runs of 1 TiB each cannot fit a 1 PiB budget, and a 1 TiB run alone can.
  const std::size_t fixed = kobie::Impl::saturating_product(std::numeric_limits<int>::max(), tib);
  EXPECT_EQ(fixed, most);
  EXPECT_THROW(kobie::Impl::chunk_runs(std::numeric_limits<int>::max(), fixed, 1, tib << 10, "inputs"),
               kobie::SettingsError);
  EXPECT_EQ(kobie::Impl::chunk_runs(std::numeric_limits<int>::max(), 0, tib, tib << 10, "inputs"), 1024);
}
