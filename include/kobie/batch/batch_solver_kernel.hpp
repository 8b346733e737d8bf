/// \file
/// \brief The kernel functor of a batch solve: loads a run's inputs into registry buffers, then runs the IVP loop.
#pragma once

#include <cstddef>

#include "kobie/loop/ivp_loop.hpp"

namespace kobie {

/// \brief One thread integrates one run (launched through launch_runs()).
template <class System, class Real, class Tableau, class ExecSpace, class Buffers = LoopBuffers<Real>>
struct BatchSolverKernel {
  using Loop = IvpLoop<System, Real, Tableau, ExecSpace, Buffers>;
  using Traits = SystemTraits<System>;
  using memory_space = typename ExecSpace::memory_space;

  /// \brief Compile-time capacity of the thread-private array: every loop buffer could be 'local'.
  static constexpr std::size_t local_capacity =
      sizeof(Real) * (static_cast<std::size_t>(Tableau::stages + 4) * Traits::n_states + Traits::n_parameters +
                      Traits::n_drivers + Traits::n_observables + 2) +
      2 * sizeof(std::int32_t) + 96;  // + alignment padding between buffers

  Loop loop;
  Kokkos::View<const Real**, memory_space> initial_values;  ///< (run, state)
  Kokkos::View<const Real**, memory_space> parameters;      ///< (run, parameter)

  /// \brief Runs per host thread for fixed steps: four independent runs interleave and fill the core (measured: 2 lanes
  /// gain ~4 %, 4 lanes ~15 %, 8 no more than 4 on RK4 Lorenz; more lanes only spill registers).
  static constexpr int lanes = 4;

  /// \brief Copy run `run`'s initial values and parameters into its registry buffers.
  KOKKOS_FORCEINLINE_FUNCTION void load(int run, const RunMemory& m) const {
    Real* y = loop.buffers.state(m);
    for (int i = 0; i < Traits::n_states; ++i) y[i] = initial_values(run, i);
    Real* p = loop.buffers.parameters(m);
    for (int i = 0; i < Traits::n_parameters; ++i) p[i] = parameters(run, i);
    Real* d = loop.buffers.drivers(m);
    for (int i = 0; i < Traits::n_drivers; ++i) d[i] = Real(0);
  }

  /// \brief One run.
  KOKKOS_INLINE_FUNCTION void operator()(int run, const RunMemory& m) const {
    load(run, m);
    loop.integrate(run, m);
  }

  /// \brief `count` consecutive runs on one host thread: in lockstep for fixed steps, else one after another.
  KOKKOS_INLINE_FUNCTION void run_lanes(int first, int count, const RunMemory* m) const {
    if (count == lanes && !loop.adaptive()) {
      for (int l = 0; l < lanes; ++l) load(first + l, m[l]);
      loop.template integrate_lockstep<lanes>(first, m);
    } else {
      for (int l = 0; l < count; ++l) (*this)(first + l, m[l]);
    }
  }
};

}  // namespace kobie
