#include "kobie/settings.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <sstream>

#include "kobie/core/errors.hpp"
#include "kobie/core/file_access.hpp"
#include "kobie/loop/component_catalog.hpp"

namespace kobie {

namespace {

using settings_text::trim;

/// One key of the whole Settings: a component struct's key, or a location key.
struct AnyKey {
  std::string name;
  SettingsComponent component;
  std::function<void(Settings&, const std::string&)> set;
  std::function<std::string(const Settings&)> get;
  bool per_buffer = false;  ///< a `<buffer>_location` key (counted, not listed, when a setting is unknown)
};

template <class S>
void add_component(std::vector<AnyKey>& out, S Settings::*part, SettingsComponent component) {
  for (const SettingKey<S>& k : S::keys()) {
    out.push_back(AnyKey{k.name, component, [part, k](Settings& s, const std::string& v) { k.set(s.*part, v); },
                         [part, k](const Settings& s) { return k.get(s.*part); }});
  }
}

/// `<buffer>_location` for every buffer of `buffers`, and each shorthand group (stage_location, ...) for its buffers.
void add_locations(std::vector<AnyKey>& out, const std::vector<DeclaredBuffer>& buffers) {
  std::vector<std::pair<std::string, Location>> names;  // buffer, default location
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const DeclaredBuffer& b : buffers) {
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
        [name, fallback](const Settings& s) { return std::string(to_string(s.locations.of(name, fallback))); }, true});
  }
}

/// Every key, with the location keys of `buffers` (kobie's own components' and, for a Settings that declares more,
/// those too).
std::vector<AnyKey> make_key_table(const std::vector<DeclaredBuffer>& buffers) {
  std::vector<AnyKey> t;
  add_component(t, &Settings::time, SettingsComponent::time);
  add_component(t, &Settings::step, SettingsComponent::step);
  add_component(t, &Settings::algorithm, SettingsComponent::algorithm);
  add_component(t, &Settings::controller, SettingsComponent::controller);
  add_component(t, &Settings::newton, SettingsComponent::newton);
  add_component(t, &Settings::linear, SettingsComponent::linear_solver);
  add_component(t, &Settings::output, SettingsComponent::output);
  add_component(t, &Settings::launch, SettingsComponent::launch);
  add_locations(t, buffers);
  return t;
}

/// The keys of kobie's own components.
const std::vector<AnyKey>& key_table() {
  static const std::vector<AnyKey> table = make_key_table(all_declared_buffers());
  return table;
}

/// The keys of a Settings: kobie's own, or (when it declares buffers of other components) a table with theirs.
struct KeyTable {
  explicit KeyTable(const std::vector<DeclaredBuffer>& declared) {
    if (declared.empty()) return;
    std::vector<DeclaredBuffer> buffers = all_declared_buffers();
    buffers.insert(buffers.end(), declared.begin(), declared.end());
    own = make_key_table(buffers);
  }
  const std::vector<AnyKey>& keys() const { return own.empty() ? key_table() : own; }
  std::vector<AnyKey> own;
};

const char* component_name(SettingsComponent c) {
  switch (c) {
    case SettingsComponent::time:
      return "time";
    case SettingsComponent::step:
      return "step";
    case SettingsComponent::algorithm:
      return "algorithm";
    case SettingsComponent::controller:
      return "controller";
    case SettingsComponent::newton:
      return "newton";
    case SettingsComponent::linear_solver:
      return "linear solver";
    case SettingsComponent::output:
      return "output";
    case SettingsComponent::launch:
      return "launch";
    case SettingsComponent::memory:
      return "memory";
  }
  return "?";
}

std::vector<std::string> names_of(const std::vector<AnyKey>& table) {
  std::vector<std::string> out;
  for (const auto& k : table) out.push_back(k.name);
  return out;
}

const AnyKey& find_key(const std::vector<AnyKey>& table, const std::string& key) {
  for (const auto& k : table) {
    if (key == k.name) return k;
  }
  // Short: the likely typo's fix alone; without one, how many settings each component has (the ~40
  // `<buffer>_location` keys counted apart). keys() lists every one.
  std::string message = "kobie: unknown setting " + settings_text::quote_input(key);
  const std::string fix = settings_text::closest(key, names_of(table));
  if (!fix.empty()) {
    message += "; did you mean '" + fix + "'?";
  } else {
    // Each component with how many settings it has (the location keys counted apart).
    std::string groups;
    int in_group = 0, per_buffer = 0;
    for (std::size_t i = 0; i < table.size(); ++i) {
      const AnyKey& k = table[i];
      per_buffer += k.per_buffer ? 1 : 0;
      in_group += k.per_buffer ? 0 : 1;
      const bool last_of_component = i + 1 == table.size() || table[i + 1].component != k.component;
      if (!last_of_component) continue;
      groups += std::string(groups.empty() ? "" : ", ") + component_name(k.component) + " " + std::to_string(in_group);
      in_group = 0;
    }
    message +=
        "; the settings by component: " + groups + " and " + std::to_string(per_buffer) + " <buffer>_location keys";
  }
  throw SettingsError(message + " (kobie::Settings::keys() lists all " + std::to_string(table.size()) +
                      ", docs/settings.md explains them)");
}

}  // namespace

const std::vector<SettingKey<LaunchSettings>>& LaunchSettings::keys() {
  static const std::vector<SettingKey<LaunchSettings>> table = {
      setting_keys::integer<LaunchSettings>("max_runs_per_team", &LaunchSettings::max_runs_per_team, 1, 1024),
      setting_keys::number<LaunchSettings>(
          "memory_budget", &LaunchSettings::memory_budget,
          [](double v) { return v > 0 && v <= LaunchSettings::max_memory_budget; },
          "must be a fraction of the free memory in (0, 1], or a number of bytes in (1, 9007199254740992] (2^53 "
          "bytes, 8 PiB)"),
      setting_keys::boolean<LaunchSettings>("progress", &LaunchSettings::progress),
  };
  return table;
}

void LaunchSettings::validate() const { setting_keys::check_all(*this); }

std::size_t LaunchSettings::budget_bytes(std::size_t free_bytes) const {
  const double b = memory_budget;
  const double bytes = b <= 1.0 ? b * static_cast<double>(free_bytes) : b;
  if (!(bytes > 0)) return 0;
  return static_cast<std::size_t>(std::min(bytes, max_memory_budget));
}

SettingsComponent Settings::set(const std::string& key, const std::string& value) {
  const KeyTable table(declared_buffers);
  const AnyKey& k = find_key(table.keys(), trim(key));
  k.set(*this, value);
  return k.component;
}

std::string Settings::get(const std::string& key) const {
  const KeyTable table(declared_buffers);
  return find_key(table.keys(), trim(key)).get(*this);
}

SettingsComponent Settings::component_of(const std::string& key) { return find_key(key_table(), trim(key)).component; }

std::vector<std::string> Settings::keys() { return names_of(key_table()); }

AlgorithmParts Settings::algorithm_parts() const {
  AlgorithmParts parts;
  parts.locations = locations;
  parts.tolerances = Tolerances{controller.atol, controller.rtol};
  parts.linear = linear;
  parts.newton = newton;
  parts.algorithm = algorithm;
  return parts;
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
      throw SettingsError("kobie: " + origin + ":" + std::to_string(number) + ": expected 'key = value', got " +
                          settings_text::quote_input(line));
    }
    try {
      set(trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
    } catch (const SettingsError& e) {
      throw SettingsError(origin + ":" + std::to_string(number) + ": " + e.what());
    }
  }
}

void Settings::load_file(const std::string& path) { load_string(Impl::read_text_input(path, "settings file"), path); }

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
