#include <gtest/gtest.h>

#include "kobie/memory/launch.hpp"

namespace {

using Exec = TEST_EXECSPACE;

struct CountRuns {
  Kokkos::View<int*, Exec> hits;
  KOKKOS_INLINE_FUNCTION void operator()(int run, const kobie::RunMemory&) const {
    Kokkos::atomic_increment(&hits(run));
  }
};

}  // namespace

TEST(TEST_CATEGORY, launch_runs_per_team_halves_until_scratch_fits) {
  // 48 KiB of level 0: 1000 bytes per run allows 32 runs per team (32000 <= 49152 < 64000).
  EXPECT_EQ(kobie::choose_runs_per_team(128, 100000, 1000, 0, 49152, 1 << 30), 32);
  EXPECT_EQ(kobie::choose_runs_per_team(128, 100000, 0, 0, 49152, 1 << 30), 128);
  // Level 1 limits too.
  EXPECT_EQ(kobie::choose_runs_per_team(128, 100000, 8, 100000, 49152, 1000000), 8);
  // A small batch does not get teams much larger than itself.
  EXPECT_EQ(kobie::choose_runs_per_team(128, 5, 0, 0, 49152, 1 << 30), 8);
  EXPECT_EQ(kobie::choose_runs_per_team(128, 0, 0, 0, 49152, 1 << 30), 1);
  // Never below one run per team (make_launch_plan reports a run that does not fit at all).
  EXPECT_EQ(kobie::choose_runs_per_team(128, 100, 100000, 0, 49152, 1 << 30), 1);
}

TEST(TEST_CATEGORY, launch_plan_sizes_scratch_from_the_registry) {
  kobie::BufferRegistry reg;
  reg.register_buffer("loop", "y", 3, kobie::Location::shared);
  reg.register_buffer("loop", "w", 5, kobie::Location::scratch);
  reg.register_buffer("loop", "n", 1, kobie::Location::local, kobie::BufferOptions{true, kobie::DType::int32, ""});
  const auto plan = kobie::make_launch_plan<Exec>(reg, 1000, 64);
  EXPECT_EQ(plan.n_runs, 1000);
  EXPECT_EQ(plan.level0_per_run, 24u);
  EXPECT_EQ(plan.level1_per_run, 40u);
  EXPECT_EQ(plan.local_bytes, 8u);
  EXPECT_EQ(plan.generation, reg.generation());
  if (kobie::is_host_execution_space_v<Exec>) {
    EXPECT_EQ(plan.runs_per_team, 1);
  } else {
    EXPECT_EQ(plan.runs_per_team, 64);
  }
  EXPECT_EQ(plan.league_size, (1000 + plan.runs_per_team - 1) / plan.runs_per_team);
  EXPECT_EQ(plan.level0_per_team(), 24u * plan.runs_per_team);
  EXPECT_LE(plan.level0_per_team(), static_cast<std::size_t>(Kokkos::TeamPolicy<Exec>::scratch_size_max(0)));
}

TEST(TEST_CATEGORY, launch_calls_every_run_exactly_once) {
  kobie::BufferRegistry reg;
  reg.register_buffer("loop", "y", 2, kobie::Location::shared);
  for (int n : {0, 1, 63, 64, 65, 3001}) {
    Kokkos::View<int*, Exec> hits("hits", n);
    kobie::launch_runs<16>(Exec(), reg, kobie::make_launch_plan<Exec>(reg, n, 64), "kobie::test::count",
                           CountRuns{hits});
    auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), hits);
    int bad = 0;
    for (int i = 0; i < n; ++i) bad += h(i) != 1;
    EXPECT_EQ(bad, 0) << n << " runs";
  }
}

TEST(TEST_CATEGORY, launch_rejects_stale_plans_and_bad_arguments) {
  kobie::BufferRegistry reg;
  reg.register_buffer("loop", "y", 2, kobie::Location::local);
  const auto plan = kobie::make_launch_plan<Exec>(reg, 10);
  reg.register_buffer("loop", "z", 40, kobie::Location::local);  // the layout changes: the plan is stale
  Kokkos::View<int*, Exec> hits("hits", 10);
  EXPECT_THROW(kobie::launch_runs<512>(Exec(), reg, plan, "stale", CountRuns{hits}), kobie::StaleAllocatorError);
  EXPECT_THROW(kobie::launch_runs<16>(Exec(), reg, kobie::make_launch_plan<Exec>(reg, 10), "small", CountRuns{hits}),
               kobie::LocalCapacityError);
  EXPECT_THROW(kobie::make_launch_plan<Exec>(reg, -1), kobie::SettingsError);
  EXPECT_THROW(kobie::make_launch_plan<Exec>(reg, 10, 0), kobie::SettingsError);
}
