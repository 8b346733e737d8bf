#include "kobie/algorithms/algorithm_list.hpp"

#include "kobie/core/errors.hpp"

namespace kobie {

std::vector<std::string> algorithm_names() {
  std::vector<std::string> names;
  std::apply([&](auto... t) { (names.push_back(decltype(t)::name), ...); }, ExplicitTableaus{});
  return names;
}

AlgorithmInfo algorithm_info(const std::string& name) {
  AlgorithmInfo info;
  const bool found = visit_tableau(name, [&](auto t) { info = Impl::info_of<decltype(t)>(); });
  if (!found) {
    std::string valid;
    for (const auto& n : algorithm_names()) valid += (valid.empty() ? "" : ", ") + n;
    throw SettingsError("kobie: invalid value '" + name + "' for setting 'algorithm': allowed values are " + valid);
  }
  return info;
}

}  // namespace kobie
