/// \file
/// \brief The launch helper: runs-per-team from the registry's totals, scratch sizes, and each run's memory handles.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "kobie/core/compat.hpp"
#include "kobie/core/detect.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/memory/allocator.hpp"
#include "kobie/memory/buffer_registry.hpp"
#include "kobie/memory/local_storage.hpp"

namespace kobie {

/// \brief How a batch of runs maps onto a TeamPolicy: one thread integrates one run.
struct LaunchPlan {
  int n_runs = 0;
  int runs_per_team = 1;           ///< team size (threads per team); 1 on host backends
  int league_size = 0;             ///< number of teams
  std::size_t level0_per_run = 0;  ///< bytes of team scratch level 0 per run (8-byte multiple)
  std::size_t level1_per_run = 0;  ///< bytes of team scratch level 1 per run (8-byte multiple)
  std::size_t local_bytes = 0;     ///< bytes of thread-private memory per run
  std::uint32_t generation = 0;    ///< registry generation the plan was made from

  /// \brief Level-0 bytes a team requests.
  std::size_t level0_per_team() const { return level0_per_run * static_cast<std::size_t>(runs_per_team); }
  /// \brief Level-1 bytes a team requests.
  std::size_t level1_per_team() const { return level1_per_run * static_cast<std::size_t>(runs_per_team); }
};

/// \brief Runs per team for a device backend: `start`, halved while a team's level-0 or level-1 scratch would exceed
/// its limit or while half a team would still hold every run.
inline int choose_runs_per_team(int start, int n_runs, std::size_t level0_per_run, std::size_t level1_per_run,
                                std::size_t level0_max, std::size_t level1_max) {
  int rpt = start < 1 ? 1 : start;
  while (rpt > 1 && (static_cast<std::size_t>(rpt) * level0_per_run > level0_max ||
                     static_cast<std::size_t>(rpt) * level1_per_run > level1_max || rpt / 2 >= n_runs)) {
    rpt /= 2;
  }
  return rpt;
}

/// \brief Plan a launch of `n_runs` runs over the registry's layout on ExecSpace.
///
/// Host backends use one run per team. Device backends start from `max_runs_per_team` and halve it while a team's
/// level-0 or level-1 scratch would exceed `scratch_size_max(level)`. Throws ScratchLimitError when a single run
/// does not fit, and SettingsError for a negative run count or a non-positive `max_runs_per_team`.
template <class ExecSpace>
LaunchPlan make_launch_plan(const BufferRegistry& registry, int n_runs, int max_runs_per_team = 128) {
  if (n_runs < 0) {
    throw SettingsError("kobie: the number of runs must be >= 0, got " + std::to_string(n_runs));
  }
  if (max_runs_per_team < 1) {
    throw SettingsError("kobie: max_runs_per_team must be >= 1, got " + std::to_string(max_runs_per_team));
  }
  using Policy = Kokkos::TeamPolicy<ExecSpace>;
  const std::size_t max0 = static_cast<std::size_t>(Policy::scratch_size_max(0));
  const std::size_t max1 = static_cast<std::size_t>(Policy::scratch_size_max(1));
  registry.check_scratch_limits(max0, max1);

  const LayoutTotals t = registry.totals();
  LaunchPlan plan;
  plan.n_runs = n_runs;
  plan.level0_per_run = t.shared_bytes;
  plan.level1_per_run = t.scratch_bytes;
  plan.local_bytes = t.local_bytes;
  plan.generation = registry.generation();
  const int rpt = is_host_execution_space_v<ExecSpace>
                      ? 1
                      : choose_runs_per_team(max_runs_per_team, n_runs, t.shared_bytes, t.scratch_bytes, max0, max1);
  plan.runs_per_team = rpt;
  plan.league_size = (n_runs + rpt - 1) / rpt;
  return plan;
}

namespace Impl {

template <class F>
using lanes_member = std::integral_constant<int, F::lanes>;
/// Runs per thread of a run functor: its `static constexpr int lanes`, else 1.
template <class F>
using lanes_of = detected_or_t<std::integral_constant<int, 1>, lanes_member, F>;

/// \brief The team functor behind launch_runs: carves each run's slices and calls the run functor.
///
/// One thread integrates one run, or, with Lanes > 1 (host backends, functors that declare `lanes`), a group of Lanes
/// consecutive runs in lockstep through `functor.run_lanes(first_run, count, memories)`; each run of the group has its
/// own slices and thread-private storage.
template <class ExecSpace, std::size_t LocalBytes, class RunFunctor, int Lanes>
struct RunLauncher {
  using member_type = typename Kokkos::TeamPolicy<ExecSpace>::member_type;

  RunFunctor functor;
  int n_runs;
  int runs_per_team;
  std::size_t level0_per_run;
  std::size_t level1_per_run;
  int group = Lanes;  ///< runs per thread: Lanes, or 1 when Lanes runs' team scratch would not fit

  KOKKOS_FORCEINLINE_FUNCTION void operator()(const member_type& team) const {
    const int slot = team.team_rank() * group;  // this thread's first run slot inside the team
    const int first = team.league_rank() * runs_per_team * group + slot;
    const std::size_t slots = static_cast<std::size_t>(runs_per_team) * group;
    char* level0 = static_cast<char*>(team.team_scratch(0).get_shmem(level0_per_run * slots));
    char* level1 = static_cast<char*>(team.team_scratch(1).get_shmem(level1_per_run * slots));
    if (first >= n_runs) return;
    LocalStorage<LocalBytes> local[Lanes];
    RunMemory memory[Lanes];
    // Only compile-time indices into the thread-private arrays: one run-time index would move them (and every stage
    // value reached through them) from registers to local memory on CUDA.
    auto carve = [&](int l) {
      memory[l].base[static_cast<int>(Location::local)] = local[l].data;
      memory[l].base[static_cast<int>(Location::shared)] = level0 + (slot + l) * level0_per_run;
      memory[l].base[static_cast<int>(Location::scratch)] = level1 + (slot + l) * level1_per_run;
    };
    if constexpr (Lanes == 1) {
      carve(0);
      functor(first, memory[0]);
    } else {
      for (int l = 0; l < group; ++l) carve(l);
      const int count = n_runs - first < group ? n_runs - first : group;
      functor.run_lanes(first, count, memory);
    }
  }
};

/// \brief The range functor behind launch_runs on device backends for kernels whose every buffer is thread-private:
/// one run per index, no team scratch.
template <std::size_t LocalBytes, class RunFunctor>
struct LocalRunLauncher {
  RunFunctor functor;

  KOKKOS_FORCEINLINE_FUNCTION void operator()(int run) const {
    LocalStorage<LocalBytes> local;
    RunMemory memory;
    memory.base[static_cast<int>(Location::local)] = local.data;
    functor(run, memory);
  }
};

}  // namespace Impl

/// \brief Launch `functor(run, memory)` once per run, one thread per run, with `memory` holding the run's bases.
///
/// Host backends schedule teams dynamically, so a batch whose runs differ in cost keeps every thread busy.
///
/// `LocalBytes` is the compile-time capacity of the thread-private array; the plan's layout must fit it
/// (LocalCapacityError otherwise). The plan must come from the registry's current generation (StaleAllocatorError).
/// On host backends a functor with `static constexpr int lanes > 1` and `run_lanes(first, count, memories)` gets
/// groups of `lanes` consecutive runs per thread instead (independent runs interleaved for instruction-level
/// parallelism). With `AllLocal` (a kernel compiled for a layout whose buffers are all thread-private, as through a
/// StaticBinding) device backends launch a range of runs, one thread each, instead of teams; the layout must then have
/// no team scratch (std::logic_error otherwise).
template <std::size_t LocalBytes, bool AllLocal = false, class ExecSpace, class RunFunctor>
void launch_runs(const ExecSpace& exec, const BufferRegistry& registry, LaunchPlan plan, const std::string& label,
                 const RunFunctor& functor) {
  if (plan.generation != registry.generation()) {
    throw StaleAllocatorError("kobie: the launch plan for '" + label + "' was made for layout generation " +
                              std::to_string(plan.generation) + ", but the registry is now at generation " +
                              std::to_string(registry.generation()) + "; make a new plan");
  }
  registry.check_local_capacity(LocalBytes);
  if (plan.n_runs == 0) return;
  if constexpr (AllLocal && !is_host_execution_space_v<ExecSpace>) {
    // Every buffer thread-private: a range of runs. (A team functor gets the team member by address, and nvcc keeps
    // Kokkos's team body of a large kernel out of line: the member then takes a stack frame.)
    if (plan.level0_per_run != 0 || plan.level1_per_run != 0) {
      throw std::logic_error("kobie: the launch of '" + label + "' was compiled for thread-private buffers only, but " +
                             "its layout places buffers in team scratch");
    }
    Kokkos::parallel_for(label, Kokkos::RangePolicy<ExecSpace>(exec, 0, plan.n_runs),
                         Impl::LocalRunLauncher<LocalBytes, RunFunctor>{functor});
  } else {
    constexpr int lanes = is_host_execution_space_v<ExecSpace> ? Impl::lanes_of<RunFunctor>::value : 1;
    using Launcher = Impl::RunLauncher<ExecSpace, LocalBytes, RunFunctor, lanes>;
    // Host backends hand out teams dynamically: runs of one batch can differ in cost by orders of magnitude.
    using Schedule = std::conditional_t<is_host_execution_space_v<ExecSpace>, Kokkos::Schedule<Kokkos::Dynamic>,
                                        Kokkos::Schedule<Kokkos::Static>>;
    using Policy = Kokkos::TeamPolicy<ExecSpace, Schedule>;
    Launcher launcher{functor, plan.n_runs, plan.runs_per_team, plan.level0_per_run, plan.level1_per_run};
    const int team_max = Policy(exec, 1, 1).team_size_max(launcher, Kokkos::ParallelForTag());
    while (plan.runs_per_team > 1 && plan.runs_per_team > team_max) plan.runs_per_team /= 2;
    const bool group_fits = plan.level0_per_team() * lanes <= static_cast<std::size_t>(Policy::scratch_size_max(0)) &&
                            plan.level1_per_team() * lanes <= static_cast<std::size_t>(Policy::scratch_size_max(1));
    launcher.group = group_fits ? lanes : 1;
    const int runs_per_league_entry = plan.runs_per_team * launcher.group;
    plan.league_size = (plan.n_runs + runs_per_league_entry - 1) / runs_per_league_entry;
    launcher.runs_per_team = plan.runs_per_team;

    Policy policy(exec, plan.league_size, plan.runs_per_team);
    policy.set_scratch_size(0, Kokkos::PerTeam(plan.level0_per_team() * launcher.group));
    policy.set_scratch_size(1, Kokkos::PerTeam(plan.level1_per_team() * launcher.group));
    Kokkos::parallel_for(label, policy, launcher);
  }
}

}  // namespace kobie
