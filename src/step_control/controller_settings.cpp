#include "kobie/step_control/controller_settings.hpp"

#include <cmath>

#include "kobie/core/errors.hpp"

namespace kobie {

namespace {
struct NamedKind {
  const char* name;
  ControllerKind kind;
};
constexpr NamedKind kKinds[] = {{"fixed", ControllerKind::fixed},
                                {"i", ControllerKind::i},
                                {"pi", ControllerKind::pi},
                                {"pid", ControllerKind::pid},
                                {"gustafsson", ControllerKind::gustafsson}};

bool finite_positive(double v) { return std::isfinite(v) && v > 0; }
bool in_zero_one(double v) { return std::isfinite(v) && v > 0 && v <= 1; }
bool finite_at_least_one(double v) { return std::isfinite(v) && v >= 1; }
bool finite_or_unset(double v) { return std::isnan(v) || std::isfinite(v); }
}  // namespace

std::vector<std::string> controller_names() {
  std::vector<std::string> names;
  for (const auto& k : kKinds) names.push_back(k.name);
  return names;
}

std::vector<std::string> controller_setting_values() {
  std::vector<std::string> values = {"auto"};
  for (const auto& k : kKinds) values.push_back(k.name);
  return values;
}

ControllerKind parse_controller(const std::string& text) {
  for (const auto& k : kKinds) {
    if (text == k.name) return k.kind;
  }
  settings_text::bad_value("controller", text, settings_text::allowed_values(text, controller_names()));
}

const char* to_string(ControllerKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "?";
}

int controller_history_size(ControllerKind kind) {
  switch (kind) {
    case ControllerKind::fixed:
    case ControllerKind::i:
      return 0;
    case ControllerKind::pi:
      return 1;
    case ControllerKind::pid:
    case ControllerKind::gustafsson:
      return 2;
  }
  return 0;
}

const std::vector<SettingKey<ControllerSettings>>& ControllerSettings::keys() {
  using S = ControllerSettings;
  namespace k = setting_keys;
  static const std::vector<SettingKey<S>> table = {
      k::choice<S>("controller", &S::controller, controller_setting_values),
      k::numbers<S>("atol", &S::atol, finite_positive, "every tolerance must be finite and > 0"),
      k::numbers<S>("rtol", &S::rtol, finite_positive, "every tolerance must be finite and > 0"),
      k::number<S>("safety", &S::safety, in_zero_one, "must be in (0, 1]"),
      k::number<S>("min_gain", &S::min_gain, in_zero_one, "must be in (0, 1]"),
      k::number<S>("max_gain", &S::max_gain, finite_at_least_one, "must be finite and >= 1"),
      k::number<S>("kp", &S::kp, finite_or_unset, "must be finite (or nan for the controller's default)"),
      k::number<S>("ki", &S::ki, finite_or_unset, "must be finite (or nan for the controller's default)"),
      k::number<S>("kd", &S::kd, finite_or_unset, "must be finite (or nan for the controller's default)"),
      k::number<S>("deadband_min", &S::deadband_min, in_zero_one, "must be in (0, 1]"),
      k::number<S>("deadband_max", &S::deadband_max, finite_at_least_one, "must be finite and >= 1"),
      k::number<S>("gamma", &S::gamma, in_zero_one, "must be in (0, 1]"),
      k::integer<S>("max_newton_iters", &S::max_newton_iters, 1, 10000),
      k::choice<S>("error_norm", &S::error_norm,
                   [] {
                     return std::vector<std::string>{"rms", "max"};
                   }),
      k::boolean<S>("tolerance_proportional", &S::tolerance_proportional),
  };
  return table;
}

void ControllerSettings::validate() const { setting_keys::check_all(*this); }

double tolerance_proportional_factor(double rtol, int order) {
  if (!(rtol < kToleranceProportionalPivot) || order < 1) return 1.0;
  return std::pow(rtol / kToleranceProportionalPivot, 1.0 / order);
}

void ControllerSettings::gains(ControllerKind kind, double& kp_out, double& ki_out, double& kd_out) const {
  double dp = 0, di = 0, dd = 0;
  switch (kind) {
    case ControllerKind::fixed:
      break;
    case ControllerKind::i:
    case ControllerKind::gustafsson:
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
  }
  kp_out = std::isnan(kp) ? dp : kp;
  ki_out = std::isnan(ki) ? di : ki;
  kd_out = std::isnan(kd) ? dd : kd;
}

}  // namespace kobie
