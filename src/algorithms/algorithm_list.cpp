#include "kobie/algorithms/algorithm_list.hpp"

#include <algorithm>
#include <type_traits>

#include "kobie/algorithms/algorithm_settings.hpp"
#include "kobie/core/errors.hpp"

namespace kobie {

std::vector<std::string> algorithm_names() { return algorithm_names_in<AllAlgorithms>(); }

namespace {
// The alias of each algorithm in kobie::algorithms, in AllAlgorithms' order (checked below), and its spelling, for
// messages that say which list entry to add.
using Spelled =
    TypeList<algorithms::Euler, algorithms::Heun21, algorithms::Ralston33, algorithms::Rk4,
             algorithms::BogackiShampine32, algorithms::DormandPrince54, algorithms::Fehlberg45, algorithms::CashKarp54,
             algorithms::Tsit5, algorithms::Dop853, algorithms::Vern7, algorithms::Vern9, algorithms::BackwardEuler,
             algorithms::BackwardEulerPredictor, algorithms::ImplicitMidpoint, algorithms::Trapezoidal,
             algorithms::CrankNicolson, algorithms::Sdirk22, algorithms::LStableDirk3, algorithms::Kvaerno3,
             algorithms::Kvaerno5, algorithms::LStableSdirk4, algorithms::GaussLegendre4, algorithms::GaussLegendre8,
             algorithms::RadauIIA3, algorithms::RadauIIA5, algorithms::RadauIIA9, algorithms::Ros3p,
             algorithms::Rodas3p, algorithms::Rosenbrock23, algorithms::Rodas4, algorithms::Rodas5p>;
static_assert(std::is_same<Spelled, AllAlgorithms>::value, "Spelled lists the aliases in AllAlgorithms' order");
const char* const spellings[] = {"Euler",
                                 "Heun21",
                                 "Ralston33",
                                 "Rk4",
                                 "BogackiShampine32",
                                 "DormandPrince54",
                                 "Fehlberg45",
                                 "CashKarp54",
                                 "Tsit5",
                                 "Dop853",
                                 "Vern7",
                                 "Vern9",
                                 "BackwardEuler",
                                 "BackwardEulerPredictor",
                                 "ImplicitMidpoint",
                                 "Trapezoidal",
                                 "CrankNicolson",
                                 "Sdirk22",
                                 "LStableDirk3",
                                 "Kvaerno3",
                                 "Kvaerno5",
                                 "LStableSdirk4",
                                 "GaussLegendre4",
                                 "GaussLegendre8",
                                 "RadauIIA3",
                                 "RadauIIA5",
                                 "RadauIIA9",
                                 "Ros3p",
                                 "Rodas3p",
                                 "Rosenbrock23",
                                 "Rodas4",
                                 "Rodas5p"};

template <class... As>
std::string type_name_in(const std::string& name, TypeList<As...>) {
  static_assert(sizeof(spellings) / sizeof(spellings[0]) == sizeof...(As), "one spelling per algorithm");
  const char* const names[] = {As::name...};
  for (std::size_t i = 0; i < sizeof...(As); ++i) {
    if (name == names[i]) return std::string("kobie::algorithms::") + spellings[i];
  }
  return "";
}
}  // namespace

std::string algorithm_type_name(const std::string& name) { return type_name_in(name, AllAlgorithms{}); }

std::string resolve_algorithm(const std::string& setting, const std::vector<std::string>& compiled) {
  if (setting != "auto" || compiled.empty()) return setting;
  const bool has_default = std::find(compiled.begin(), compiled.end(), "dormand-prince-54") != compiled.end();
  return has_default ? "dormand-prince-54" : compiled.front();
}

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
      setting_keys::choice<AlgorithmSettings>("algorithm", &AlgorithmSettings::algorithm,
                                              [] {
                                                std::vector<std::string> names = {"auto"};
                                                for (const auto& n : algorithm_names()) names.push_back(n);
                                                return names;
                                              }),
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
