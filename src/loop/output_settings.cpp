#include "kobie/loop/output_settings.hpp"

#include <algorithm>

namespace kobie {

const std::vector<SettingKey<OutputSettings>>& OutputSettings::keys() {
  using S = OutputSettings;
  namespace k = setting_keys;
  static const std::vector<SettingKey<S>> table = {
      k::choices<S>("outputs", &S::outputs,
                    [] {
                      return std::vector<std::string>{"state", "observables", "time", "counters"};
                    }),
      k::names<S>("saved_states", &S::saved_states),
      k::names<S>("saved_observables", &S::saved_observables),
      k::boolean<S>("nan_on_failure", &S::nan_on_failure),
  };
  return table;
}

void OutputSettings::validate() const { setting_keys::check_all(*this); }

bool OutputSettings::wants(const std::string& output) const {
  return std::find(outputs.begin(), outputs.end(), output) != outputs.end();
}

}  // namespace kobie
