#include "kobie/loop/save_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "kobie/core/errors.hpp"

namespace kobie {

int count_saves(const TimeSettings& time) {
  if (time.save_every <= 0) return 2;
  const double ratio = time.duration / time.save_every;
  const double whole = std::floor(ratio * (1.0 + 1e-12));
  if (whole > 2e9) {
    throw SettingsError("kobie: invalid value for setting 'save_every': duration / save_every = " +
                        std::to_string(ratio) + " saves is more than 2e9");
  }
  const bool aligned = std::abs(ratio - whole) <= 1e-9 * std::max(1.0, ratio);
  return static_cast<int>(whole) + (aligned ? 1 : 2);
}

}  // namespace kobie
