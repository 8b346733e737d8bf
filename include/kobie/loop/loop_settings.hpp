/// \file
/// \brief Settings of the IVP loop: the time grid and the step limits.
#pragma once

#include <limits>
#include <vector>

#include "kobie/core/setting_key.hpp"

namespace kobie {

/// \brief The time grid: where runs start, how long they integrate and when they save.
struct TimeSettings {
  double t0 = 0.0;             ///< initial time
  double duration = 1.0;       ///< integrate over [t0 + settling_time, t0 + settling_time + duration]
  double settling_time = 0.0;  ///< integrate this long first without saving
  double save_every = 0.0;     ///< 0: save only the initial and final state; else every save_every

  /// \brief t0, duration, settling_time, save_every.
  static const std::vector<SettingKey<TimeSettings>>& keys();
  /// \brief Checks every value; SettingsError naming the setting, the value and what is allowed.
  void validate() const;
};

/// \brief Step sizes and limits.
struct StepSettings {
  double dt = 1e-3;       ///< initial step (adaptive) or the step (fixed)
  double dt_min = 1e-12;  ///< a rejected step needing less ends the run with "step too small"
  double dt_max = std::numeric_limits<double>::infinity();
  long long max_steps = 10000000;  ///< step attempts per run
  int max_rejections = 64;         ///< consecutive rejected steps per run
  /// \brief Adaptive runs: attempts (accepted or not) per progress check; a run that advanced t by less than
  /// min_progress × (its end time − t0) over that many attempts ends with status no_progress.
  int progress_window = 100000;
  /// \brief The fraction of the interval each progress window must cover (0: no progress check). At the defaults, a
  /// run that slow would need over 1e10 attempts to reach its end, more than max_steps can allow (2^31 − 1).
  double min_progress = 1e-5;

  /// \brief dt, dt_min, dt_max, max_steps, max_rejections, progress_window, min_progress.
  static const std::vector<SettingKey<StepSettings>>& keys();
  /// \brief Checks every value and dt_min <= dt <= dt_max.
  void validate() const;
};

}  // namespace kobie
