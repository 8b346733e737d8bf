#include "kobie/batch/settings.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <type_traits>
#include <utility>

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

// Parsing and formatting by value type, so one key() serves every setting.
template <class T>
T parse_as(const std::string& key, const std::string& text);
template <>
double parse_as<double>(const std::string& key, const std::string& text) {
  return parse_double(key, text);
}
template <>
std::vector<double> parse_as<std::vector<double>>(const std::string& key, const std::string& text) {
  return parse_doubles(key, text);
}
template <>
std::string parse_as<std::string>(const std::string&, const std::string& text) {
  return trim(text);
}
template <>
std::vector<std::string> parse_as<std::vector<std::string>>(const std::string&, const std::string& text) {
  return parse_list(text);
}
template <>
bool parse_as<bool>(const std::string& key, const std::string& text) {
  return parse_bool(key, text);
}
template <>
long long parse_as<long long>(const std::string& key, const std::string& text) {
  return parse_integer(key, text);
}

std::string format(double v) { return format_double(v); }
std::string format(const std::vector<double>& v) { return join(v); }
std::string format(const std::string& v) { return v; }
std::string format(const std::vector<std::string>& v) { return join(v); }
std::string format(bool v) { return v ? "true" : "false"; }
std::string format(long long v) { return std::to_string(v); }
std::string format(int v) { return std::to_string(v); }

// A setting stored in the member that `member(settings)` returns.
template <class Member>
Key key(const char* name, SettingsComponent c, Member member) {
  using T = std::remove_reference_t<decltype(member(std::declval<Settings&>()))>;
  return Key{name, c,
             [member](Settings& s, const std::string& k, const std::string& v) { member(s) = parse_as<T>(k, v); },
             [member](const Settings& s) { return format(member(const_cast<Settings&>(s))); }};
}

// An int setting that must lie in [lo, hi].
template <class Member>
Key int_key(const char* name, SettingsComponent c, Member member, long long lo, long long hi) {
  return Key{name, c,
             [member, lo, hi](Settings& s, const std::string& k, const std::string& v) {
               const long long r = parse_integer(k, v);
               if (r < lo || r > hi) {
                 bad_value(k, v, "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
               }
               member(s) = static_cast<int>(r);
             },
             [member](const Settings& s) { return format(member(const_cast<Settings&>(s))); }};
}

#define KOBIE_MEMBER(path) \
  [](Settings & s) -> auto& { return s.path; }

const std::vector<Key>& key_table() {
  using C = SettingsComponent;
  static const std::vector<Key> table = {
      key("t0", C::time, KOBIE_MEMBER(time.t0)),
      key("duration", C::time, KOBIE_MEMBER(time.duration)),
      key("settling_time", C::time, KOBIE_MEMBER(time.settling_time)),
      key("save_every", C::time, KOBIE_MEMBER(time.save_every)),
      key("dt", C::step, KOBIE_MEMBER(step.dt)),
      key("dt_min", C::step, KOBIE_MEMBER(step.dt_min)),
      key("dt_max", C::step, KOBIE_MEMBER(step.dt_max)),
      key("max_steps", C::step, KOBIE_MEMBER(step.max_steps)),
      int_key("max_rejections", C::step, KOBIE_MEMBER(step.max_rejections), 1, 1000000000),
      key("algorithm", C::algorithm, KOBIE_MEMBER(algorithm.algorithm)),
      key("stage_location", C::algorithm, KOBIE_MEMBER(algorithm.stage_location)),
      key("state_location", C::algorithm, KOBIE_MEMBER(algorithm.state_location)),
      key("controller", C::controller, KOBIE_MEMBER(controller.controller)),
      key("atol", C::controller, KOBIE_MEMBER(controller.atol)),
      key("rtol", C::controller, KOBIE_MEMBER(controller.rtol)),
      key("safety", C::controller, KOBIE_MEMBER(controller.safety)),
      key("min_gain", C::controller, KOBIE_MEMBER(controller.min_gain)),
      key("max_gain", C::controller, KOBIE_MEMBER(controller.max_gain)),
      key("kp", C::controller, KOBIE_MEMBER(controller.kp)),
      key("ki", C::controller, KOBIE_MEMBER(controller.ki)),
      key("kd", C::controller, KOBIE_MEMBER(controller.kd)),
      key("deadband_min", C::controller, KOBIE_MEMBER(controller.deadband_min)),
      key("deadband_max", C::controller, KOBIE_MEMBER(controller.deadband_max)),
      key("gamma", C::controller, KOBIE_MEMBER(controller.gamma)),
      int_key("max_newton_iters", C::controller, KOBIE_MEMBER(controller.max_newton_iters), 1, 10000),
      key("timestep_memory", C::controller, KOBIE_MEMBER(controller.timestep_memory)),
      key("error_norm", C::controller, KOBIE_MEMBER(controller.error_norm)),
      key("outputs", C::output, KOBIE_MEMBER(output.outputs)),
      key("saved_states", C::output, KOBIE_MEMBER(output.saved_states)),
      key("saved_observables", C::output, KOBIE_MEMBER(output.saved_observables)),
      key("nan_on_failure", C::output, KOBIE_MEMBER(output.nan_on_failure)),
      int_key("max_runs_per_team", C::launch, KOBIE_MEMBER(launch.max_runs_per_team), 1, 1024),
  };
  return table;
}

#undef KOBIE_MEMBER

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
