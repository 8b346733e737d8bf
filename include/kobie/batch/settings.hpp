/// \file
/// \brief Every setting of a solve: typed per component, plus a key/value entry point and `key = value` files.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "kobie/step_control/controller_settings.hpp"

namespace kobie {

/// \brief The time grid: where runs start, how long they integrate and when they save.
struct TimeSettings {
  double t0 = 0.0;             ///< initial time
  double duration = 1.0;       ///< integrate over [t0 + settling_time, t0 + settling_time + duration]
  double settling_time = 0.0;  ///< integrate this long first without saving
  double save_every = 0.0;     ///< 0: save only the initial and final state; else every save_every
};

/// \brief Step sizes and limits.
struct StepSettings {
  double dt = 1e-3;       ///< initial step (adaptive) or the step (fixed)
  double dt_min = 1e-12;  ///< a rejected step needing less ends the run with "step too small"
  double dt_max = std::numeric_limits<double>::infinity();
  long long max_steps = 10000000;  ///< step attempts per run
  int max_rejections = 64;         ///< consecutive rejected steps per run
};

/// \brief The integration algorithm and where its per-run buffers live.
struct AlgorithmSettings {
  std::string algorithm = "dormand-prince-54";
  std::string stage_location = "local";  ///< stage derivatives and stage state: local, shared or scratch
  std::string state_location = "local";  ///< state and proposed state: local, shared or scratch
};

/// \brief What is saved.
struct OutputSettings {
  std::vector<std::string> outputs = {"state"};  ///< any of state, observables, time, counters
  std::vector<std::string> saved_states;         ///< state names to save; empty: all
  std::vector<std::string> saved_observables;    ///< observable names to save; empty: all
  bool nan_on_failure = false;                   ///< fill every output of a failed run with NaN
};

/// \brief Kernel launch options.
struct LaunchSettings {
  int max_runs_per_team = 128;  ///< device backends: runs per team before halving to fit scratch
};

/// \brief Which component a setting belongs to (changing it rebuilds only what depends on that component).
enum class SettingsComponent { time, step, algorithm, controller, output, launch };

/// \brief All settings of a Solver.
struct Settings {
  TimeSettings time;
  StepSettings step;
  AlgorithmSettings algorithm;
  ControllerSettings controller;
  OutputSettings output;
  LaunchSettings launch;

  /// \brief Set one setting from text, e.g. set("algorithm", "tsit5"), set("atol", "1e-8, 1e-6").
  ///
  /// Unknown keys throw SettingsError listing the valid ones; unparsable values name the key and the expected form.
  /// Returns the component the key belongs to.
  SettingsComponent set(const std::string& key, const std::string& value);
  /// \brief Current value of a setting, as text.
  std::string get(const std::string& key) const;
  /// \brief Apply a `key = value` file: one setting per line, `#` starts a comment. Errors name the line.
  void load_file(const std::string& path);
  /// \brief Apply `key = value` lines from a string (as load_file does).
  void load_string(const std::string& text, const std::string& origin = "<string>");

  /// \brief Check every value that does not depend on the System; throws SettingsError naming the setting, the value
  /// and what is allowed.
  void validate() const;

  /// \brief Every valid key.
  static std::vector<std::string> keys();
  /// \brief The component a key belongs to; SettingsError for unknown keys.
  static SettingsComponent component_of(const std::string& key);
};

}  // namespace kobie
