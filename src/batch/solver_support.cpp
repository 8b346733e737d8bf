#include <algorithm>
#include <cmath>

#include "kobie/batch/solver.hpp"

namespace kobie {
namespace Impl {

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

void controller_gains(const ControllerSettings& s, ControllerKind kind, double& kp, double& ki, double& kd) {
  double dp = 0, di = 0, dd = 0;
  switch (kind) {
    case ControllerKind::fixed:
      break;
    case ControllerKind::i:
      dp = 1.0;
      break;
    case ControllerKind::pi:
      dp = 0.6;  // Söderlind (2002) PI.4.2: k·β = (3/5, −1/5)
      di = -0.2;
      break;
    case ControllerKind::pid:
      dp = 1.0 / 18.0;  // Söderlind (2003) H312PID: k·β = (1/18, 1/9, 1/18)
      di = 1.0 / 9.0;
      dd = 1.0 / 18.0;
      break;
    case ControllerKind::gustafsson:
      dp = 1.0;
      break;
  }
  kp = std::isnan(s.kp) ? dp : s.kp;
  ki = std::isnan(s.ki) ? di : s.ki;
  kd = std::isnan(s.kd) ? dd : s.kd;
}

std::vector<int> select_names(const std::vector<std::string>& all, const std::vector<std::string>& wanted,
                              const std::string& setting) {
  std::vector<int> out;
  if (wanted.empty()) {
    for (int i = 0; i < static_cast<int>(all.size()); ++i) out.push_back(i);
    return out;
  }
  for (const auto& w : wanted) {
    const auto it = std::find(all.begin(), all.end(), w);
    if (it == all.end()) {
      std::string valid;
      for (const auto& a : all) valid += (valid.empty() ? "" : ", ") + a;
      throw SettingsError("kobie: invalid value '" + w + "' for setting '" + setting + "': allowed names are " + valid);
    }
    out.push_back(static_cast<int>(it - all.begin()));
  }
  return out;
}

std::vector<double> expand_tolerance(const std::vector<double>& values, int n, const std::string& setting) {
  if (values.size() == 1) return std::vector<double>(n, values[0]);
  if (static_cast<int>(values.size()) == n) return values;
  throw SettingsError("kobie: invalid value for setting '" + setting + "': it has " + std::to_string(values.size()) +
                      " values; give 1 (for every state) or n_states = " + std::to_string(n));
}

}  // namespace Impl
}  // namespace kobie
