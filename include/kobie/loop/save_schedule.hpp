/// \file
/// \brief The save times of a solve, planned once on the host in the run's precision and used by every backend.
#pragma once

#include <vector>

#include "kobie/loop/loop_settings.hpp"

namespace kobie {

/// \brief Number of saves: the first at t0 + settling_time, then every save_every (counted with integers), and the end
/// (added when it does not fall on the grid); 2 when save_every is 0.
int count_saves(const TimeSettings& time);

/// \brief The save times in Real: t_start + s·save_every with t_start = t0 + settling_time, the last exactly
/// t_start + duration. The kernel reads these values, so saved times are bit-identical on every backend.
template <class Real>
std::vector<Real> save_schedule(const TimeSettings& time) {
  const int n = count_saves(time);
  const Real t_start = static_cast<Real>(time.t0 + time.settling_time);
  const Real every = static_cast<Real>(time.save_every);
  std::vector<Real> out(static_cast<std::size_t>(n));
  for (int s = 0; s + 1 < n; ++s) {
    out[static_cast<std::size_t>(s)] = time.save_every > 0 ? t_start + static_cast<Real>(s) * every : t_start;
  }
  out.back() = static_cast<Real>(time.t0 + time.settling_time + time.duration);
  return out;
}

}  // namespace kobie
