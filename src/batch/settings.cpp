#include "kobie/batch/settings.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include "kobie/algorithms/algorithm_list.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/memory/location.hpp"

namespace kobie {

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

[[noreturn]] void bad_value(const std::string& key, const std::string& value, const std::string& allowed) {
  throw SettingsError("kobie: invalid value '" + value + "' for setting '" + key + "': " + allowed);
}

double parse_double(const std::string& key, const std::string& text) {
  const std::string t = trim(text);
  if (t == "inf" || t == "+inf" || t == "infinity") return std::numeric_limits<double>::infinity();
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || errno == ERANGE) bad_value(key, text, "expected a number");
  return v;
}

long long parse_integer(const std::string& key, const std::string& text) {
  const std::string t = trim(text);
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(t.c_str(), &end, 10);
  if (t.empty() || end != t.c_str() + t.size() || errno == ERANGE) bad_value(key, text, "expected an integer");
  return v;
}

bool parse_bool(const std::string& key, const std::string& text) {
  const std::string t = trim(text);
  if (t == "true" || t == "1" || t == "yes" || t == "on") return true;
  if (t == "false" || t == "0" || t == "no" || t == "off") return false;
  bad_value(key, text, "expected true or false");
}

std::vector<std::string> parse_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item = trim(item);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::vector<double> parse_doubles(const std::string& key, const std::string& text) {
  std::vector<double> out;
  for (const auto& item : parse_list(text)) out.push_back(parse_double(key, item));
  if (out.empty()) bad_value(key, text, "expected one number or a comma-separated list");
  return out;
}

std::string format_double(double v) {
  std::ostringstream os;
  os.precision(17);
  os << v;
  return os.str();
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string join(const std::vector<double>& v) {
  std::string out;
  for (double d : v) out += (out.empty() ? "" : ", ") + format_double(d);
  return out;
}

struct Key {
  const char* name;
  SettingsComponent component;
  std::function<void(Settings&, const std::string&, const std::string&)> set;
  std::function<std::string(const Settings&)> get;
};

template <class Member>
Key double_key(const char* name, SettingsComponent c, Member member) {
  return Key{name, c,
             [member](Settings& s, const std::string& k, const std::string& v) { member(s) = parse_double(k, v); },
             [member](const Settings& s) { return format_double(member(const_cast<Settings&>(s))); }};
}

const std::vector<Key>& key_table() {
  using C = SettingsComponent;
  static const std::vector<Key> table = {
      double_key("t0", C::time, [](Settings& s) -> double& { return s.time.t0; }),
      double_key("duration", C::time, [](Settings& s) -> double& { return s.time.duration; }),
      double_key("settling_time", C::time, [](Settings& s) -> double& { return s.time.settling_time; }),
      double_key("save_every", C::time, [](Settings& s) -> double& { return s.time.save_every; }),
      double_key("dt", C::step, [](Settings& s) -> double& { return s.step.dt; }),
      double_key("dt_min", C::step, [](Settings& s) -> double& { return s.step.dt_min; }),
      double_key("dt_max", C::step, [](Settings& s) -> double& { return s.step.dt_max; }),
      Key{"max_steps", C::step,
          [](Settings& s, const std::string& k, const std::string& v) { s.step.max_steps = parse_integer(k, v); },
          [](const Settings& s) { return std::to_string(s.step.max_steps); }},
      Key{"max_rejections", C::step,
          [](Settings& s, const std::string& k, const std::string& v) {
            const long long r = parse_integer(k, v);
            if (r < 1 || r > 1000000000) bad_value(k, v, "expected an integer in [1, 1e9]");
            s.step.max_rejections = static_cast<int>(r);
          },
          [](const Settings& s) { return std::to_string(s.step.max_rejections); }},
      Key{"algorithm", C::algorithm,
          [](Settings& s, const std::string&, const std::string& v) { s.algorithm.algorithm = trim(v); },
          [](const Settings& s) { return s.algorithm.algorithm; }},
      Key{"stage_location", C::algorithm,
          [](Settings& s, const std::string&, const std::string& v) { s.algorithm.stage_location = trim(v); },
          [](const Settings& s) { return s.algorithm.stage_location; }},
      Key{"state_location", C::algorithm,
          [](Settings& s, const std::string&, const std::string& v) { s.algorithm.state_location = trim(v); },
          [](const Settings& s) { return s.algorithm.state_location; }},
      Key{"controller", C::controller,
          [](Settings& s, const std::string&, const std::string& v) { s.controller.controller = trim(v); },
          [](const Settings& s) { return s.controller.controller; }},
      Key{"atol", C::controller,
          [](Settings& s, const std::string& k, const std::string& v) { s.controller.atol = parse_doubles(k, v); },
          [](const Settings& s) { return join(s.controller.atol); }},
      Key{"rtol", C::controller,
          [](Settings& s, const std::string& k, const std::string& v) { s.controller.rtol = parse_doubles(k, v); },
          [](const Settings& s) { return join(s.controller.rtol); }},
      double_key("safety", C::controller, [](Settings& s) -> double& { return s.controller.safety; }),
      double_key("min_gain", C::controller, [](Settings& s) -> double& { return s.controller.min_gain; }),
      double_key("max_gain", C::controller, [](Settings& s) -> double& { return s.controller.max_gain; }),
      double_key("kp", C::controller, [](Settings& s) -> double& { return s.controller.kp; }),
      double_key("ki", C::controller, [](Settings& s) -> double& { return s.controller.ki; }),
      double_key("kd", C::controller, [](Settings& s) -> double& { return s.controller.kd; }),
      double_key("deadband_min", C::controller, [](Settings& s) -> double& { return s.controller.deadband_min; }),
      double_key("deadband_max", C::controller, [](Settings& s) -> double& { return s.controller.deadband_max; }),
      double_key("gamma", C::controller, [](Settings& s) -> double& { return s.controller.gamma; }),
      Key{"max_newton_iters", C::controller,
          [](Settings& s, const std::string& k, const std::string& v) {
            const long long r = parse_integer(k, v);
            if (r < 1 || r > 10000) bad_value(k, v, "expected an integer in [1, 10000]");
            s.controller.max_newton_iters = static_cast<int>(r);
          },
          [](const Settings& s) { return std::to_string(s.controller.max_newton_iters); }},
      Key{"timestep_memory", C::controller,
          [](Settings& s, const std::string&, const std::string& v) { s.controller.timestep_memory = trim(v); },
          [](const Settings& s) { return s.controller.timestep_memory; }},
      Key{"error_norm", C::controller,
          [](Settings& s, const std::string&, const std::string& v) { s.controller.error_norm = trim(v); },
          [](const Settings& s) { return s.controller.error_norm; }},
      Key{"outputs", C::output,
          [](Settings& s, const std::string&, const std::string& v) { s.output.outputs = parse_list(v); },
          [](const Settings& s) { return join(s.output.outputs); }},
      Key{"saved_states", C::output,
          [](Settings& s, const std::string&, const std::string& v) { s.output.saved_states = parse_list(v); },
          [](const Settings& s) { return join(s.output.saved_states); }},
      Key{"saved_observables", C::output,
          [](Settings& s, const std::string&, const std::string& v) { s.output.saved_observables = parse_list(v); },
          [](const Settings& s) { return join(s.output.saved_observables); }},
      Key{"nan_on_failure", C::output,
          [](Settings& s, const std::string& k, const std::string& v) { s.output.nan_on_failure = parse_bool(k, v); },
          [](const Settings& s) { return std::string(s.output.nan_on_failure ? "true" : "false"); }},
      Key{"max_runs_per_team", C::launch,
          [](Settings& s, const std::string& k, const std::string& v) {
            const long long r = parse_integer(k, v);
            if (r < 1 || r > 1024) bad_value(k, v, "expected an integer in [1, 1024]");
            s.launch.max_runs_per_team = static_cast<int>(r);
          },
          [](const Settings& s) { return std::to_string(s.launch.max_runs_per_team); }},
  };
  return table;
}

const Key& find_key(const std::string& key) {
  for (const auto& k : key_table()) {
    if (key == k.name) return k;
  }
  throw SettingsError("kobie: unknown setting '" + key + "'; valid settings are: " + join(Settings::keys()));
}

void require(bool ok, const std::string& key, double value, const std::string& allowed) {
  if (!ok) bad_value(key, format_double(value), allowed);
}

}  // namespace

SettingsComponent Settings::set(const std::string& key, const std::string& value) {
  const Key& k = find_key(trim(key));
  k.set(*this, k.name, value);
  return k.component;
}

std::string Settings::get(const std::string& key) const { return find_key(trim(key)).get(*this); }

SettingsComponent Settings::component_of(const std::string& key) { return find_key(trim(key)).component; }

std::vector<std::string> Settings::keys() {
  std::vector<std::string> out;
  for (const auto& k : key_table()) out.push_back(k.name);
  return out;
}

void Settings::load_string(const std::string& text, const std::string& origin) {
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const auto hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    line = trim(line);
    if (line.empty()) continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) {
      throw SettingsError("kobie: " + origin + ":" + std::to_string(number) + ": expected 'key = value', got '" + line +
                          "'");
    }
    try {
      set(trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
    } catch (const SettingsError& e) {
      throw SettingsError(origin + ":" + std::to_string(number) + ": " + e.what());
    }
  }
}

void Settings::load_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw SettingsError("kobie: cannot open settings file '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  load_string(ss.str(), path);
}

void Settings::validate() const {
  const auto finite = [](double v) { return std::isfinite(v); };
  require(finite(time.t0), "t0", time.t0, "must be finite");
  require(finite(time.duration) && time.duration > 0, "duration", time.duration, "must be finite and > 0");
  require(finite(time.settling_time) && time.settling_time >= 0, "settling_time", time.settling_time,
          "must be finite and >= 0");
  require(finite(time.save_every) && time.save_every >= 0, "save_every", time.save_every,
          "must be > 0, or 0 to save only the initial and final state");
  require(finite(step.dt) && step.dt > 0, "dt", step.dt, "must be finite and > 0");
  require(finite(step.dt_min) && step.dt_min > 0, "dt_min", step.dt_min, "must be finite and > 0");
  require(!std::isnan(step.dt_max) && step.dt_max > 0, "dt_max", step.dt_max, "must be > 0 (inf allowed)");
  require(step.dt_min <= step.dt, "dt_min", step.dt_min, "must be <= dt (" + format_double(step.dt) + ")");
  require(step.dt <= step.dt_max, "dt", step.dt, "must be <= dt_max (" + format_double(step.dt_max) + ")");
  if (step.max_steps < 1 || step.max_steps > 2147483647LL) {
    bad_value("max_steps", std::to_string(step.max_steps), "must be in [1, 2147483647]");
  }
  algorithm_info(algorithm.algorithm);  // throws with the list of valid names
  parse_location(algorithm.stage_location, "stage_location");
  parse_location(algorithm.state_location, "state_location");
  parse_controller(controller.controller);
  if (controller.timestep_memory != "local" && controller.timestep_memory != "shared") {
    bad_value("timestep_memory", controller.timestep_memory, "allowed values are 'local' and 'shared'");
  }
  if (controller.error_norm != "rms" && controller.error_norm != "max") {
    bad_value("error_norm", controller.error_norm, "allowed values are 'rms' and 'max'");
  }
  for (double a : controller.atol) require(finite(a) && a > 0, "atol", a, "every tolerance must be finite and > 0");
  for (double r : controller.rtol) require(finite(r) && r > 0, "rtol", r, "every tolerance must be finite and > 0");
  require(finite(controller.safety) && controller.safety > 0 && controller.safety <= 1, "safety", controller.safety,
          "must be in (0, 1]");
  require(finite(controller.min_gain) && controller.min_gain > 0 && controller.min_gain <= 1, "min_gain",
          controller.min_gain, "must be in (0, 1]");
  require(finite(controller.max_gain) && controller.max_gain >= 1, "max_gain", controller.max_gain,
          "must be finite and >= 1");
  for (auto [name, v] :
       {std::pair<const char*, double>{"kp", controller.kp}, {"ki", controller.ki}, {"kd", controller.kd}}) {
    require(std::isnan(v) || finite(v), name, v, "must be finite (or unset for the controller's default)");
  }
  require(finite(controller.deadband_min) && controller.deadband_min > 0 && controller.deadband_min <= 1,
          "deadband_min", controller.deadband_min, "must be in (0, 1]");
  require(finite(controller.deadband_max) && controller.deadband_max >= 1, "deadband_max", controller.deadband_max,
          "must be finite and >= 1");
  require(finite(controller.gamma) && controller.gamma > 0 && controller.gamma <= 1, "gamma", controller.gamma,
          "must be in (0, 1]");
  for (const auto& o : output.outputs) {
    if (o != "state" && o != "observables" && o != "time" && o != "counters") {
      bad_value("outputs", o, "allowed values are 'state', 'observables', 'time' and 'counters'");
    }
  }
}

}  // namespace kobie
