#include "kobie/loop/summary_metrics.hpp"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "kobie/core/setting_key.hpp"

namespace kobie {

namespace {

using Column = SummaryColumn;

/// One metric: its name, the columns it writes (suffix, kind) and the accumulators it needs.
struct Metric {
  const char* name;
  std::vector<std::pair<const char*, Column>> columns;
  int groups;
  bool counted;  ///< written as name[N]: N columns of its one kind
};

const std::vector<Metric>& metric_table() {
  static const std::vector<Metric> table = {
      {"mean", {{"mean", Column::mean}}, group_moments, false},
      {"max", {{"max", Column::max}}, group_range, false},
      {"min", {{"min", Column::min}}, group_range, false},
      {"rms", {{"rms", Column::rms}}, group_moments, false},
      {"std", {{"std", Column::std}}, group_moments, false},
      {"max_magnitude", {{"max_magnitude", Column::max_magnitude}}, group_range, false},
      {"extrema", {{"max", Column::max}, {"min", Column::min}}, group_range, false},
      {"mean_std", {{"mean", Column::mean}, {"std", Column::std}}, group_moments, false},
      {"std_rms", {{"std", Column::std}, {"rms", Column::rms}}, group_moments, false},
      {"mean_std_rms", {{"mean", Column::mean}, {"std", Column::std}, {"rms", Column::rms}}, group_moments, false},
      {"peaks", {{"peaks", Column::peak}}, group_peaks, true},
      {"negative_peaks", {{"negative_peaks", Column::negative_peak}}, group_negative_peaks, true},
      {"dxdt_max", {{"dxdt_max", Column::dxdt_max}}, group_dxdt, false},
      {"dxdt_min", {{"dxdt_min", Column::dxdt_min}}, group_dxdt, false},
      {"dxdt_extrema", {{"dxdt_max", Column::dxdt_max}, {"dxdt_min", Column::dxdt_min}}, group_dxdt, false},
      {"d2xdt2_max", {{"d2xdt2_max", Column::d2xdt2_max}}, group_d2xdt2, false},
      {"d2xdt2_min", {{"d2xdt2_min", Column::d2xdt2_min}}, group_d2xdt2, false},
      {"d2xdt2_extrema", {{"d2xdt2_max", Column::d2xdt2_max}, {"d2xdt2_min", Column::d2xdt2_min}}, group_d2xdt2, false},
  };
  return table;
}

constexpr int max_peaks = 64;

/// Splits "peaks[3]" into ("peaks", "3"); a name without brackets has an empty count.
std::pair<std::string, std::string> split_count(const std::string& output) {
  const std::size_t open = output.find('[');
  if (open == std::string::npos || output.back() != ']') return {output, ""};
  return {output.substr(0, open), output.substr(open + 1, output.size() - open - 2)};
}

const Metric* find_metric(const std::string& base) {
  for (const Metric& m : metric_table()) {
    if (base == m.name) return &m;
  }
  return nullptr;
}

}  // namespace

std::vector<std::string> summary_metric_names() {
  std::vector<std::string> out;
  for (const Metric& m : metric_table()) out.push_back(std::string(m.name) + (m.counted ? "[N]" : ""));
  return out;
}

bool is_summary_metric(const std::string& output) {
  const auto parts = split_count(output);
  const Metric* m = find_metric(parts.first);
  return m != nullptr && (m->counted ? output.find('[') != std::string::npos : parts.second.empty());
}

SummaryRequest parse_summary_request(const std::vector<std::string>& outputs) {
  SummaryRequest r;
  std::vector<std::string> seen;
  for (const std::string& output : outputs) {
    if (!is_summary_metric(output)) continue;
    const auto parts = split_count(output);
    if (std::find(seen.begin(), seen.end(), parts.first) != seen.end()) {
      settings_text::bad_value("outputs", output, "each summary metric may be listed once");
    }
    seen.push_back(parts.first);
    const Metric& m = *find_metric(parts.first);
    r.groups |= m.groups;
    if (!m.counted) {
      for (const auto& c : m.columns) {
        r.columns.push_back(c.second);
        r.suffixes.push_back(c.first);
      }
      continue;
    }
    char* end = nullptr;
    const long n = std::strtol(parts.second.c_str(), &end, 10);
    if (parts.second.empty() || *end != '\0' || n < 1 || n > max_peaks) {
      settings_text::bad_value("outputs", output,
                               std::string(m.name) + "[N] needs a whole number N of peaks in [1, " +
                                   std::to_string(max_peaks) + "], e.g. " + m.name + "[3]");
    }
    (m.columns.front().second == Column::peak ? r.n_peaks : r.n_negative_peaks) = static_cast<int>(n);
    for (long k = 0; k < n; ++k) {
      r.columns.push_back(m.columns.front().second);
      r.suffixes.push_back(std::string(m.columns.front().first) + "_" + std::to_string(k));
    }
  }
  return r;
}

int summary_slots_per_variable(const SummaryRequest& request) {
  return request.any() ? slot_peak_times + request.n_peaks + request.n_negative_peaks : 0;
}

}  // namespace kobie
