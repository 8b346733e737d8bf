/// \file
/// \brief What a solve returns: output Views indexed (run, save, variable), legends, per-run status and step counts.
#pragma once

#include <Kokkos_Core.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "kobie/core/status.hpp"

namespace kobie {

/// \brief Results of one solve, in `MemorySpace` (the execution space's), in its default layout.
///
/// Views of outputs that were not requested have extent 0 in their variable (or save) dimension.
template <class Real, class MemorySpace>
struct SolveResult {
  Kokkos::View<Real***, MemorySpace> state;                 ///< (run, save, saved state)
  Kokkos::View<Real***, MemorySpace> observables;           ///< (run, save, saved observable)
  Kokkos::View<Real**, MemorySpace> time;                   ///< (run, save)
  Kokkos::View<std::int32_t***, MemorySpace> counters;      ///< (run, save, {step attempts, rejections})
  Kokkos::View<StatusBits*, MemorySpace> status;            ///< (run): 0 = success, else status bits
  Kokkos::View<std::int32_t*, MemorySpace> accepted_steps;  ///< (run)
  Kokkos::View<std::int32_t*, MemorySpace> rejected_steps;  ///< (run)
  std::vector<std::string> state_legend;                    ///< names of the saved states, in column order
  std::vector<std::string> observable_legend;               ///< names of the saved observables
  std::vector<std::string> counter_legend = {"step_attempts", "rejections"};
  std::vector<double> save_times;  ///< planned save times (the time output holds what each run reached)
  int n_runs = 0;
  int n_saves = 0;

  /// \brief Number of runs whose status is not success.
  int n_failed() const {
    auto s = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), status);
    int failed = 0;
    for (int i = 0; i < n_runs; ++i) failed += s(i) != status::success;
    return failed;
  }
};

}  // namespace kobie
