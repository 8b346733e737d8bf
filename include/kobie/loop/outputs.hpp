/// \file
/// \brief Where a run's outputs go: Views indexed (run, save, variable) and which variables are saved.
#pragma once

#include <Kokkos_Core.hpp>
#include <cstdint>

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"

namespace kobie {

/// \brief Channels of the counters output, per save (each counts since the previous save).
enum CounterChannel : int {
  newton_iterations = 0,
  krylov_iterations = 1,
  step_attempts = 2,
  rejected_steps = 3,
  jacobian_refreshes = 4
};
/// \brief Number of counter channels.
inline constexpr int n_counter_channels = 5;

/// \brief Output Views of one solve, in the execution space's default layout, plus which variables are saved.
template <class Real, class ExecSpace, int NStates, int NObservables>
struct OutputViews {
  using memory_space = typename ExecSpace::memory_space;
  Kokkos::View<Real***, memory_space> state;             ///< (run, save, saved state)
  Kokkos::View<Real***, memory_space> observables;       ///< (run, save, saved observable)
  Kokkos::View<Real**, memory_space> time;               ///< (run, save)
  Kokkos::View<std::int32_t***, memory_space> counters;  ///< (run, save, CounterChannel)
  Kokkos::View<StatusBits*, memory_space> status;        ///< (run)
  Kokkos::View<std::int32_t*, memory_space> accepted;    ///< (run) accepted steps
  Kokkos::View<std::int32_t*, memory_space> rejected;    ///< (run) rejected steps
  Kokkos::View<Real*, memory_space> end_time;            ///< (run) time of the last step, or of the failure

  /// Column of state i in `state`, −1 when it is not saved. Indexed by the state (a compile-time index once unrolled),
  /// so thread-private state buffers are never indexed at run time.
  Kokkos::Array<int, NStates> state_column;
  Kokkos::Array<int, (NObservables > 0 ? NObservables : 1)> observable_column;  ///< likewise for observables
  bool save_time = false;
  bool save_counters = false;

  /// \brief Record save `s` of `run`: time t, state y, observables obs, counters since the previous save.
  KOKKOS_INLINE_FUNCTION void save(int run, int s, Real t, const Real* y, const Real* obs,
                                   const std::int32_t* counts) const {
    for (int i = 0; i < NStates; ++i) {
      if (state_column[i] >= 0) state(run, s, state_column[i]) = y[i];
    }
    for (int i = 0; i < NObservables; ++i) {
      if (observable_column[i] >= 0) observables(run, s, observable_column[i]) = obs[i];
    }
    if (save_time) time(run, s) = t;
    if (save_counters) {
      for (int c = 0; c < n_counter_channels; ++c) counters(run, s, c) = counts[c];
    }
  }

  /// \brief Fill saves [first, n_saves) of `run` with NaN (counters with −1): they were never reached.
  KOKKOS_INLINE_FUNCTION void fill_unreached(int run, int first, int n_saves) const {
    const Real nan = math::quiet_nan<Real>();
    for (int s = first; s < n_saves; ++s) {
      for (int j = 0; j < static_cast<int>(state.extent(2)); ++j) state(run, s, j) = nan;
      for (int j = 0; j < static_cast<int>(observables.extent(2)); ++j) observables(run, s, j) = nan;
      if (save_time) time(run, s) = nan;
      if (save_counters) {
        for (int c = 0; c < n_counter_channels; ++c) counters(run, s, c) = -1;
      }
    }
  }
};

}  // namespace kobie
