/// \file
/// \brief Where a run's outputs go: Views indexed (run, save, variable) and the selection of saved variables.
#pragma once

#include <Kokkos_Core.hpp>
#include <cstdint>

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"

namespace kobie {

/// \brief Output Views of one solve, in the execution space's default layout, plus which variables are saved.
template <class Real, class ExecSpace, int NStates, int NObservables>
struct OutputViews {
  using memory_space = typename ExecSpace::memory_space;
  Kokkos::View<Real***, memory_space> state;             ///< (run, save, saved state)
  Kokkos::View<Real***, memory_space> observables;       ///< (run, save, saved observable)
  Kokkos::View<Real**, memory_space> time;               ///< (run, save)
  Kokkos::View<std::int32_t***, memory_space> counters;  ///< (run, save, {step attempts, rejections})
  Kokkos::View<StatusBits*, memory_space> status;        ///< (run)
  Kokkos::View<std::int32_t*, memory_space> accepted;    ///< (run) accepted steps
  Kokkos::View<std::int32_t*, memory_space> rejected;    ///< (run) rejected steps

  Kokkos::Array<int, NStates> state_index;                              ///< saved state j is state state_index[j]
  Kokkos::Array<int, (NObservables > 0 ? NObservables : 1)> obs_index;  ///< likewise for observables
  int n_saved_states = 0;
  int n_saved_observables = 0;
  bool save_time = false;
  bool save_counters = false;

  /// \brief Record save `s` of `run`.
  KOKKOS_INLINE_FUNCTION void save(int run, int s, Real t, const Real* y, const Real* obs, std::int32_t attempts,
                                   std::int32_t rejections) const {
    for (int j = 0; j < n_saved_states; ++j) state(run, s, j) = y[state_index[j]];
    for (int j = 0; j < n_saved_observables; ++j) observables(run, s, j) = obs[obs_index[j]];
    if (save_time) time(run, s) = t;
    if (save_counters) {
      counters(run, s, 0) = attempts;
      counters(run, s, 1) = rejections;
    }
  }

  /// \brief Fill saves [first, n_saves) of `run` with NaN (counters with -1): they were never reached.
  KOKKOS_INLINE_FUNCTION void fill_unreached(int run, int first, int n_saves) const {
    const Real nan = math::quiet_nan<Real>();
    for (int s = first; s < n_saves; ++s) {
      for (int j = 0; j < n_saved_states; ++j) state(run, s, j) = nan;
      for (int j = 0; j < n_saved_observables; ++j) observables(run, s, j) = nan;
      if (save_time) time(run, s) = nan;
      if (save_counters) {
        counters(run, s, 0) = -1;
        counters(run, s, 1) = -1;
      }
    }
  }
};

}  // namespace kobie
