#include "kobie/loop/loop_settings.hpp"

#include <cmath>

namespace kobie {

namespace {
bool finite(double v) { return std::isfinite(v); }
bool finite_positive(double v) { return std::isfinite(v) && v > 0; }
bool finite_non_negative(double v) { return std::isfinite(v) && v >= 0; }
bool positive_or_inf(double v) { return !std::isnan(v) && v > 0; }
bool fraction(double v) { return v >= 0 && v < 1; }
}  // namespace

const std::vector<SettingKey<TimeSettings>>& TimeSettings::keys() {
  using S = TimeSettings;
  namespace k = setting_keys;
  static const std::vector<SettingKey<S>> table = {
      k::number<S>("t0", &S::t0, finite, "must be finite"),
      k::number<S>("duration", &S::duration, finite_positive, "must be finite and > 0"),
      k::number<S>("settling_time", &S::settling_time, finite_non_negative, "must be finite and >= 0"),
      k::number<S>("save_every", &S::save_every, finite_non_negative,
                   "must be > 0, or 0 to save only the initial and final state"),
  };
  return table;
}

void TimeSettings::validate() const { setting_keys::check_all(*this); }

const std::vector<SettingKey<StepSettings>>& StepSettings::keys() {
  using S = StepSettings;
  namespace k = setting_keys;
  static const std::vector<SettingKey<S>> table = {
      k::number<S>("dt", &S::dt, finite_positive, "must be finite and > 0"),
      k::number<S>("dt_min", &S::dt_min, finite_positive, "must be finite and > 0"),
      k::number<S>("dt_max", &S::dt_max, positive_or_inf, "must be > 0 (inf allowed)"),
      k::integer<S>("max_steps", &S::max_steps, 1, 2147483647LL),
      k::integer<S>("max_rejections", &S::max_rejections, 1, 1000000000LL),
      k::integer<S>("progress_window", &S::progress_window, 1, 2147483647LL),
      k::number<S>("min_progress", &S::min_progress, fraction, "must be in [0, 1) (0: no progress check)"),
  };
  return table;
}

void StepSettings::validate() const {
  setting_keys::check_all(*this);
  using settings_text::format_number;
  if (dt_min > dt)
    settings_text::bad_value("dt_min", format_number(dt_min), "must be <= dt (" + format_number(dt) + ")");
  if (dt > dt_max)
    settings_text::bad_value("dt", format_number(dt), "must be <= dt_max (" + format_number(dt_max) + ")");
}

}  // namespace kobie
