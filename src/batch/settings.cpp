#include "kobie/batch/settings.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "kobie/batch/component_catalog.hpp"
#include "kobie/core/errors.hpp"

namespace kobie {

namespace {

using settings_text::trim;

/// One key of the whole Settings: a component struct's key, or a location key.
struct AnyKey {
  std::string name;
  SettingsComponent component;
  std::function<void(Settings&, const std::string&)> set;
  std::function<std::string(const Settings&)> get;
};

template <class S>
void add_component(std::vector<AnyKey>& out, S Settings::*part, SettingsComponent component) {
  for (const SettingKey<S>& k : S::keys()) {
    out.push_back(AnyKey{k.name, component, [part, k](Settings& s, const std::string& v) { k.set(s.*part, v); },
                         [part, k](const Settings& s) { return k.get(s.*part); }});
  }
}

/// `<buffer>_location` for every declared buffer, and each shorthand group (stage_location, ...) for its buffers.
void add_locations(std::vector<AnyKey>& out) {
  std::vector<std::pair<std::string, Location>> names;  // buffer, default location
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const DeclaredBuffer& b : all_declared_buffers()) {
    if (std::none_of(names.begin(), names.end(), [&](const auto& e) { return e.first == b.name; })) {
      names.emplace_back(b.name, b.default_location);
    }
    if (b.group.empty()) continue;
    auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& e) { return e.first == b.group; });
    if (g == groups.end()) g = groups.insert(groups.end(), {b.group, {}});
    if (std::find(g->second.begin(), g->second.end(), b.name) == g->second.end()) g->second.push_back(b.name);
  }
  const auto c = SettingsComponent::memory;
  for (const auto& group : groups) {
    const std::string key = group.first;
    const std::vector<std::string> members = group.second;
    out.push_back(AnyKey{key, c,
                         [key, members](Settings& s, const std::string& v) {
                           const Location l = parse_location(trim(v), key);
                           for (const auto& m : members) s.locations.buffers[m] = l;
                         },
                         [members](const Settings& s) {
                           const Location first = s.locations.of(members.front());
                           for (const auto& m : members) {
                             if (s.locations.of(m) != first) return std::string("mixed");
                           }
                           return std::string(to_string(first));
                         }});
  }
  for (const auto& entry : names) {
    const std::string name = entry.first;
    const Location fallback = entry.second;
    const std::string key = name + "_location";
    out.push_back(AnyKey{
        key, c,
        [key, name](Settings& s, const std::string& v) { s.locations.buffers[name] = parse_location(trim(v), key); },
        [name, fallback](const Settings& s) { return std::string(to_string(s.locations.of(name, fallback))); }});
  }
}

const std::vector<AnyKey>& key_table() {
  static const std::vector<AnyKey> table = [] {
    std::vector<AnyKey> t;
    add_component(t, &Settings::time, SettingsComponent::time);
    add_component(t, &Settings::step, SettingsComponent::step);
    add_component(t, &Settings::algorithm, SettingsComponent::algorithm);
    add_component(t, &Settings::controller, SettingsComponent::controller);
    add_component(t, &Settings::newton, SettingsComponent::newton);
    add_component(t, &Settings::linear, SettingsComponent::linear_solver);
    add_component(t, &Settings::output, SettingsComponent::output);
    add_component(t, &Settings::launch, SettingsComponent::launch);
    add_locations(t);
    return t;
  }();
  return table;
}

const AnyKey& find_key(const std::string& key) {
  for (const auto& k : key_table()) {
    if (key == k.name) return k;
  }
  const std::vector<std::string> all = Settings::keys();
  throw SettingsError("kobie: unknown setting '" + key + "'" + settings_text::did_you_mean(key, all) +
                      "; valid settings are: " + settings_text::join(all));
}

}  // namespace

const std::vector<SettingKey<LaunchSettings>>& LaunchSettings::keys() {
  static const std::vector<SettingKey<LaunchSettings>> table = {
      setting_keys::integer<LaunchSettings>("max_runs_per_team", &LaunchSettings::max_runs_per_team, 1, 1024),
      setting_keys::number<LaunchSettings>(
          "memory_budget", &LaunchSettings::memory_budget, [](double v) { return std::isfinite(v) && v > 0; },
          "must be a fraction of the free memory in (0, 1], or a number of bytes > 1"),
      setting_keys::boolean<LaunchSettings>("progress", &LaunchSettings::progress),
  };
  return table;
}

void LaunchSettings::validate() const { setting_keys::check_all(*this); }

SettingsComponent Settings::set(const std::string& key, const std::string& value) {
  const AnyKey& k = find_key(trim(key));
  k.set(*this, value);
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
  time.validate();
  step.validate();
  algorithm.validate();
  controller.validate();
  newton.validate();
  linear.validate();
  output.validate();
  launch.validate();
}

}  // namespace kobie
