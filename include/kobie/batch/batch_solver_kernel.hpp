/// \file
/// \brief The kernel functor of a batch solve: hands each run (or, on host backends, each lockstep group of fixed-step
/// runs) to the IVP loop's device object.
#pragma once

#include "kobie/memory/allocator.hpp"

namespace kobie {

/// \brief One thread integrates one run (launched through launch_runs()); LoopDevice is an IvpLoop<...>::Device.
///
/// Lanes: runs per host thread for fixed steps. Four independent runs interleave and fill the core (measured: 2 lanes
/// gain ~4 %, 4 lanes ~15 %, 8 no more than 4 on RK4 Lorenz; more lanes only spill registers). The Solver gives
/// algorithms with an error estimate one lane: their steps are adaptive unless the controller is set to `fixed`, and
/// a second copy of the loop for that case would double their compile time.
template <class LoopDevice, int Lanes = 4>
struct BatchSolverKernel {
  LoopDevice loop;

  /// \brief Runs per host thread for fixed steps (launch_runs() reads it).
  static constexpr int lanes = Lanes;

  /// \brief One run.
  KOKKOS_FORCEINLINE_FUNCTION void operator()(int run, const RunMemory& m) const {
    loop.template integrate<1>(run, &m);
  }

  /// \brief `count` consecutive runs on one host thread: in lockstep for fixed steps, else one after another.
  KOKKOS_INLINE_FUNCTION void run_lanes(int first, int count, const RunMemory* m) const {
    if (count == lanes && !loop.adaptive()) {
      loop.template integrate<lanes>(first, m);
    } else {
      for (int l = 0; l < count; ++l) loop.template integrate<1>(first + l, m + l);
    }
  }
};

}  // namespace kobie
