#include "kobie/newton/newton_settings.hpp"

#include <cmath>

#include "kobie/core/errors.hpp"

namespace kobie {

namespace {
bool in_open_zero_one(double v) { return std::isfinite(v) && v > 0 && v < 1; }
bool above_one(double v) { return std::isfinite(v) && v > 1; }
}  // namespace

const std::vector<SettingKey<NewtonSettings>>& NewtonSettings::keys() {
  using S = NewtonSettings;
  namespace k = setting_keys;
  static const std::vector<SettingKey<S>> table = {
      k::integer<S>("newton_max_iters", &S::newton_max_iters, 1, 1000),
      k::number<S>("newton_tolerance", &S::newton_tolerance, in_open_zero_one, "must be in (0, 1)"),
      k::number<S>("newton_divergence", &S::newton_divergence, above_one, "must be finite and > 1"),
      k::number<S>("newton_stagnation", &S::newton_stagnation, in_open_zero_one, "must be in (0, 1)"),
      k::integer<S>("newton_max_jacobian_refreshes", &S::newton_max_jacobian_refreshes, 0, 100),
      k::integer<S>("newton_max_jacobian_refreshes_fixed", &S::newton_max_jacobian_refreshes_fixed, 0, 100),
  };
  return table;
}

void NewtonSettings::validate() const { setting_keys::check_all(*this); }

}  // namespace kobie
