/// \file
/// \brief Settings of the outputs: which variables are saved, and what a failed run leaves behind.
#pragma once

#include <string>
#include <vector>

#include "kobie/core/setting_key.hpp"

namespace kobie {

/// \brief What is saved.
struct OutputSettings {
  std::vector<std::string> outputs = {"state"};  ///< any of state, observables, time, counters
  std::vector<std::string> saved_states;         ///< state names to save; empty: all
  std::vector<std::string> saved_observables;    ///< observable names to save; empty: all
  bool nan_on_failure = false;                   ///< fill every output of a failed run with NaN

  /// \brief outputs, saved_states, saved_observables, nan_on_failure.
  static const std::vector<SettingKey<OutputSettings>>& keys();
  /// \brief Checks every value (names of states and observables are checked against the System at solve time).
  void validate() const;
  /// \brief True when `output` ("state", "time", ...) is requested.
  bool wants(const std::string& output) const;
};

}  // namespace kobie
