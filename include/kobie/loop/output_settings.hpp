/// \file
/// \brief Settings of the outputs: which variables are saved, and what a failed run leaves behind.
#pragma once

#include <string>
#include <vector>

#include "kobie/core/setting_key.hpp"

namespace kobie {

/// \brief What is saved and summarised.
struct OutputSettings {
  /// \brief Any of state, observables, time, counters, and summary metrics (mean, max, min, rms, std, max_magnitude,
  /// extrema, mean_std, std_rms, mean_std_rms, peaks[N], negative_peaks[N], dxdt_max, dxdt_min, dxdt_extrema,
  /// d2xdt2_max, d2xdt2_min, d2xdt2_extrema).
  std::vector<std::string> outputs = {"state"};
  std::vector<std::string> saved_states;            ///< state names to save; empty: all
  std::vector<std::string> saved_observables;       ///< observable names to save; empty: all
  std::vector<std::string> summarised_states;       ///< state names to summarise; empty: all
  std::vector<std::string> summarised_observables;  ///< observable names to summarise; empty: all
  double summarise_every = 0.0;                     ///< length of a summary window; 0: the whole duration is one window
  double sample_summaries_every = 0.0;  ///< interval between the samples the metrics see; needed by every metric
  bool nan_on_failure = false;          ///< fill every output of a failed run with NaN

  /// \brief outputs, saved_states, saved_observables, summarised_states, summarised_observables, summarise_every,
  /// sample_summaries_every, nan_on_failure.
  static const std::vector<SettingKey<OutputSettings>>& keys();
  /// \brief Checks every value (names of states and observables are checked against the System at solve time, and
  /// the summary schedule against the duration when it is planned).
  void validate() const;
  /// \brief True when `output` ("state", "time", ...) is requested.
  bool wants(const std::string& output) const;
};

}  // namespace kobie
