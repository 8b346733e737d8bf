/// \file
/// \brief Every setting of a solve: each component's settings struct, plus one key/value entry point and
/// `key = value` files. The aggregate sits above every component folder: components receive only their parts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "kobie/algorithms/algorithm_settings.hpp"
#include "kobie/core/setting_key.hpp"
#include "kobie/linear/linear_solver_settings.hpp"
#include "kobie/loop/loop_settings.hpp"
#include "kobie/loop/output_settings.hpp"
#include "kobie/memory/location_settings.hpp"
#include "kobie/newton/newton_settings.hpp"
#include "kobie/step_control/controller_settings.hpp"

namespace kobie {

/// \brief Kernel launch options: team shape, the memory budget that splits a batch into chunks, progress reports.
struct LaunchSettings {
  int max_runs_per_team = 128;  ///< device backends: runs per team before halving to fit scratch
  /// \brief Device memory a solve may use for its inputs, outputs and scratch: a fraction of the free memory of the
  /// execution space's memory space when <= 1, else bytes (at most max_memory_budget). A batch that does not fit is
  /// solved in chunks.
  double memory_budget = 0.5;
  bool progress = false;  ///< a progress line on stderr (once a solve has run 2 s), in chunks of >= 1/20 of the runs

  /// \brief The largest memory_budget in bytes: 2^53 (8 PiB; every whole number of bytes up to it is exact in a
  /// double). Larger values are refused with a SettingsError naming the range, never converted.
  static constexpr double max_memory_budget = 9007199254740992.0;

  /// \brief max_runs_per_team, memory_budget, progress.
  static const std::vector<SettingKey<LaunchSettings>>& keys();
  /// \brief Checks every value.
  void validate() const;
  /// \brief memory_budget in bytes, given the free memory: checked in double before the conversion, so a value stored
  /// directly in the struct and not yet validated saturates at max_memory_budget (0 for NaN or <= 0).
  std::size_t budget_bytes(std::size_t free_bytes) const;
};

/// \brief Which component a setting belongs to (changing it rebuilds only what depends on that component).
enum class SettingsComponent { time, step, algorithm, controller, newton, linear_solver, output, launch, memory };

/// \brief All settings of a Solver: one struct per component, each with its own keys and checks.
///
/// Every value is checked when it is set (Settings::set, a file, Solver::set); validate() checks again what was
/// stored directly in the structs and the conditions between settings.
struct Settings {
  TimeSettings time;
  StepSettings step;
  AlgorithmSettings algorithm;
  ControllerSettings controller;
  NewtonSettings newton;        ///< implicit algorithms: the Newton iteration
  LinearSolverSettings linear;  ///< implicit algorithms: Newton's linear solver and preconditioner
  OutputSettings output;
  LaunchSettings launch;
  LocationSettings locations;  ///< `<buffer>_location`, and the shorthands stage_location and timestep_memory
  /// \brief Buffers of components that are not kobie's own (an algorithm family a program defines): each gets a
  /// `<buffer>_location` key on this Settings (and joins its shorthand group's key). A Solver declares those of its
  /// algorithm list here; kobie's own components' keys exist on every Settings.
  std::vector<DeclaredBuffer> declared_buffers;

  /// \brief Set one setting from text, e.g. set("algorithm", "tsit5"), set("atol", "1e-8, 1e-6").
  ///
  /// Unknown keys throw SettingsError with the closest valid key ("did you mean 'rtol'?"), or when none is close the
  /// valid keys with the `<buffer>_location` ones counted, not listed (keys() lists every one); bad values name the
  /// key, the value as written and what is allowed. Returns the component the key belongs to.
  SettingsComponent set(const std::string& key, const std::string& value);
  /// \brief Current value of a setting, as text ("mixed" for a location shorthand whose buffers differ).
  std::string get(const std::string& key) const;
  /// \brief Apply a `key = value` file: one setting per line, `#` starts a comment, a UTF-8 byte-order mark at the
  /// start is skipped. Errors name the file and line; a missing, unreadable or folder path is a SettingsError saying
  /// which.
  void load_file(const std::string& path);
  /// \brief Apply `key = value` lines from a string (as load_file does).
  void load_string(const std::string& text, const std::string& origin = "<string>");

  /// \brief Check every value that does not depend on the System; throws SettingsError naming the setting, the value
  /// and what is allowed.
  void validate() const;

  /// \brief The part every algorithm reads: the algorithm choice, Newton's and the linear solver's settings, the buffer
  /// locations and the tolerances (components never see the whole Settings).
  AlgorithmParts algorithm_parts() const;

  /// \brief Every valid key: each component's settings, the location shorthands (stage_location, ...) and one
  /// `<buffer>_location` per declared buffer.
  static std::vector<std::string> keys();
  /// \brief The component a key belongs to; SettingsError for unknown keys.
  static SettingsComponent component_of(const std::string& key);
};

}  // namespace kobie
