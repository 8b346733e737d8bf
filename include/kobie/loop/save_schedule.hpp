/// \file
/// \brief The save times and summary sample times of a solve, planned once on the host in the run's precision and used
/// by every backend.
#pragma once

#include <cstdint>
#include <vector>

#include "kobie/loop/loop_settings.hpp"
#include "kobie/loop/output_settings.hpp"

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

/// \brief What happens at an event of the loop (bits).
enum EventKind : std::int32_t { event_save = 1, event_sample = 2 };

/// \brief The summary sampling of a solve: samples at t_start + j·sample_summaries_every, j = 0 .. n_windows·m, and
/// window w made of samples w·m + 1 .. (w + 1)·m (m = samples_per_window); sample 0 only starts the history.
struct SummarySchedule {
  int samples_per_window = 0;  ///< m
  int n_windows = 0;           ///< complete windows inside the duration (a trailing partial window is not summarised)
  /// \brief Number of samples, the initial one included.
  int n_samples() const { return n_windows * samples_per_window + 1; }
};

/// \brief Plans the summary samples; SettingsError naming the setting to change when the sampling does not fill a
/// window a whole number of times (sample_summaries_every longer than the window, or not dividing the duration when
/// summarise_every is 0; summarise_every not a whole multiple of it) or summarise_every is longer than the duration.
/// `{0, 0}` when no metric is requested.
SummarySchedule plan_summaries(const TimeSettings& time, const OutputSettings& output);

/// \brief True when events at a and b (double-precision plan) are the same instant.
bool same_instant(double a, double b, const TimeSettings& time);

/// \brief Every point where the loop stops to save or to sample the summaries, in time order, with what it does
/// there; a sample that falls on a save time takes the save's time exactly.
template <class Real>
struct EventPlan {
  std::vector<Real> times;
  std::vector<std::int32_t> kinds;  ///< EventKind bits
  std::vector<Real> save_times;     ///< as save_schedule()
  std::vector<Real> summary_times;  ///< end time of each summary window
  SummarySchedule summaries;
};

/// \brief The merged plan of saves and summary samples.
template <class Real>
EventPlan<Real> plan_events(const TimeSettings& time, const OutputSettings& output) {
  EventPlan<Real> plan;
  plan.save_times = save_schedule<Real>(time);
  plan.summaries = plan_summaries(time, output);
  const double start = time.t0 + time.settling_time;
  const double every = output.sample_summaries_every;
  const int n_saves = static_cast<int>(plan.save_times.size());
  const int n_samples = plan.summaries.samples_per_window > 0 ? plan.summaries.n_samples() : 0;
  auto save_at = [&](int s) { return s + 1 == n_saves ? start + time.duration : start + s * time.save_every; };
  auto sample_time = [&](int j) { return static_cast<Real>(start) + static_cast<Real>(j) * static_cast<Real>(every); };
  int s = 0;
  int j = 0;
  while (s < n_saves || j < n_samples) {
    const bool take_save = s < n_saves && (j >= n_samples || save_at(s) <= start + j * every ||
                                           same_instant(save_at(s), start + j * every, time));
    const bool take_sample = j < n_samples && (s >= n_saves || start + j * every <= save_at(s) ||
                                               same_instant(save_at(s), start + j * every, time));
    plan.times.push_back(take_save ? plan.save_times[static_cast<std::size_t>(s)] : sample_time(j));
    plan.kinds.push_back((take_save ? event_save : 0) | (take_sample ? event_sample : 0));
    if (take_sample && j > 0 && j % plan.summaries.samples_per_window == 0)
      plan.summary_times.push_back(plan.times.back());
    s += take_save ? 1 : 0;
    j += take_sample ? 1 : 0;
  }
  return plan;
}

}  // namespace kobie
