#include "kobie/algorithms/algorithm_list.hpp"

#include "kobie/algorithms/algorithm_settings.hpp"
#include "kobie/core/errors.hpp"

namespace kobie {

std::vector<std::string> algorithm_names() { return algorithm_names_in<AllAlgorithms>(); }

AlgorithmInfo algorithm_info(const std::string& name) {
  AlgorithmInfo info;
  const bool found = visit_algorithm(name, [&](auto a) { info = Impl::info_of<decltype(a)>(); });
  if (!found) {
    settings_text::bad_value("algorithm", name, settings_text::allowed_values(name, algorithm_names()));
  }
  return info;
}

const std::vector<SettingKey<AlgorithmSettings>>& AlgorithmSettings::keys() {
  static const std::vector<SettingKey<AlgorithmSettings>> table = {
      setting_keys::choice<AlgorithmSettings>("algorithm", &AlgorithmSettings::algorithm, algorithm_names),
  };
  return table;
}

void AlgorithmSettings::validate() const {
  // Which names are valid depends on the Solver (its Algorithms list, which may hold families of a program's own), so
  // the Solver checks the name; set() checks it against kobie's algorithms.
  if (settings_text::trim(algorithm).empty())
    settings_text::bad_value("algorithm", algorithm, "must name an algorithm");
}

}  // namespace kobie
