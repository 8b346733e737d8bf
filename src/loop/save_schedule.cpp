#include "kobie/loop/save_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "kobie/core/errors.hpp"
#include "kobie/core/setting_key.hpp"
#include "kobie/loop/summary_metrics.hpp"

namespace kobie {

int count_saves(const TimeSettings& time) {
  if (time.save_every <= 0) return 2;
  const double ratio = time.duration / time.save_every;
  const double whole = std::floor(ratio * (1.0 + 1e-12));
  if (whole > 2e9) {
    settings_text::bad_value(
        "save_every", settings_text::format_number(time.save_every),
        "duration / save_every = " + settings_text::format_number(ratio) + " saves is more than 2e9; save less often");
  }
  const bool aligned = std::abs(ratio - whole) <= 1e-9 * std::max(1.0, ratio);
  return static_cast<int>(whole) + (aligned ? 1 : 2);
}

bool same_instant(double a, double b, const TimeSettings& time) {
  return std::abs(a - b) <= 1e-9 * (std::abs(time.t0 + time.settling_time) + time.duration);
}

SummarySchedule plan_summaries(const TimeSettings& time, const OutputSettings& output) {
  SummarySchedule plan;
  const double every = output.sample_summaries_every;
  if (!parse_summary_request(output.outputs).any() || !(every > 0)) return plan;
  using settings_text::format_number;
  const double window = output.summarise_every > 0 ? output.summarise_every : time.duration;
  const double ratio = window / every;
  const double m = std::round(ratio);
  // The window is summarise_every, or the whole duration when that is 0: its samples must fill it a whole number of
  // times, and what to change is sample_summaries_every unless summarise_every was set.
  if (output.summarise_every > 0) {
    if (every > window * (1.0 + 1e-9)) {
      settings_text::bad_value("sample_summaries_every", format_number(every),
                               "it is longer than summarise_every (" + format_number(window) + ")");
    }
    if (m < 1 || std::abs(ratio - m) > 1e-9 * m) {
      settings_text::bad_value("summarise_every", format_number(window),
                               "must be a whole multiple of sample_summaries_every (" + format_number(every) + ")");
    }
  } else if (m < 1 || std::abs(ratio - m) > 1e-9 * m) {
    settings_text::bad_value("sample_summaries_every", format_number(every),
                             (every > window ? "it is longer than the duration (" + format_number(window) + ")"
                                             : "the duration (" + format_number(window) +
                                                   ") must be a whole multiple "
                                                   "of it") +
                                 ", since summarise_every = 0 makes the whole duration one summary window");
  }
  const double windows = std::floor(time.duration / window * (1.0 + 1e-12));
  if (windows < 1) {
    settings_text::bad_value("summarise_every", format_number(window),
                             "must be <= duration (" + format_number(time.duration) + ")");
  }
  if (windows * m > 2e9) {
    settings_text::bad_value("sample_summaries_every", format_number(every),
                             "gives more than 2e9 summary samples over the duration");
  }
  plan.samples_per_window = static_cast<int>(m);
  plan.n_windows = static_cast<int>(windows);
  return plan;
}

}  // namespace kobie
