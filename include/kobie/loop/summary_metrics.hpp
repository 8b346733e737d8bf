/// \file
/// \brief The summary metrics a solve can compute on the device (mean, peaks[N], dxdt_max, ...): their names, the
/// accumulators they share and the columns they write.
#pragma once

#include <string>
#include <vector>

namespace kobie {

/// \brief One output column kind of a summary metric (a metric writes one or more of these per variable).
enum class SummaryColumn : int {
  mean = 0,
  max,
  min,
  rms,
  std,
  max_magnitude,
  peak,           ///< time of the k-th local maximum
  negative_peak,  ///< time of the k-th local minimum
  dxdt_max,
  dxdt_min,
  d2xdt2_max,
  d2xdt2_min,
};

/// \brief Accumulator groups: metrics that share work share a group (mean, std and rms all use Welford's mean and M2).
enum SummaryGroup : int {
  group_moments = 1,         ///< Welford mean and sum of squared deviations
  group_range = 2,           ///< running max and min
  group_peaks = 4,           ///< times of local maxima
  group_negative_peaks = 8,  ///< times of local minima
  group_dxdt = 16,           ///< max and min of the first difference quotient
  group_d2xdt2 = 32,         ///< max and min of the second difference quotient
};

/// \brief The summary metrics of an `outputs` list, parsed and checked.
struct SummaryRequest {
  /// \brief Columns written per variable, in order (peaks[N] contributes N `peak` columns).
  std::vector<SummaryColumn> columns;
  /// \brief Legend suffix of each column ("mean", "peaks_0", "dxdt_max", ...).
  std::vector<std::string> suffixes;
  int groups = 0;            ///< SummaryGroup bits
  int n_peaks = 0;           ///< N of peaks[N]
  int n_negative_peaks = 0;  ///< N of negative_peaks[N]

  /// \brief True when at least one metric was requested.
  bool any() const { return !columns.empty(); }
};

/// \brief Names of every summary metric (peaks and negative_peaks written with their count, e.g. peaks[3]).
std::vector<std::string> summary_metric_names();

/// \brief True when `output` is a summary metric name (`peaks[N]` with any N counts).
bool is_summary_metric(const std::string& output);

/// \brief The metrics among `outputs` (other outputs are skipped). SettingsError for a bad peaks count (N must be an
/// integer in [1, 64]) or a metric listed twice.
SummaryRequest parse_summary_request(const std::vector<std::string>& outputs);

/// \brief Accumulator slots per summarised variable for a request (fixed offsets, see SummarySlot).
int summary_slots_per_variable(const SummaryRequest& request);

/// \brief Offsets of a variable's accumulators (peak times follow the fixed slots).
enum SummarySlot : int {
  slot_mean = 0,
  slot_m2,
  slot_max,
  slot_min,
  slot_previous,         ///< x at the previous sample
  slot_before_previous,  ///< x two samples back
  slot_dxdt_max,
  slot_dxdt_min,
  slot_d2xdt2_max,
  slot_d2xdt2_min,
  slot_peak_count,
  slot_negative_peak_count,
  slot_mean_carry,  ///< compensation (Kahan) of the running mean
  slot_m2_carry,    ///< compensation of M2
  slot_peak_times,  ///< n_peaks times, then n_negative_peaks times
};

/// \brief Per-run slots ahead of the variables': the times of the previous two samples.
inline constexpr int summary_header_slots = 2;

}  // namespace kobie
