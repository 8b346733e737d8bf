/// \file
/// \brief Every explicit algorithm kobie offers, by setting name, and dispatch from a name to its tableau type.
#pragma once

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "kobie/algorithms/tableaus/bogacki_shampine_32.hpp"
#include "kobie/algorithms/tableaus/cash_karp_54.hpp"
#include "kobie/algorithms/tableaus/dop853.hpp"
#include "kobie/algorithms/tableaus/dormand_prince_54.hpp"
#include "kobie/algorithms/tableaus/explicit_euler.hpp"
#include "kobie/algorithms/tableaus/fehlberg_45.hpp"
#include "kobie/algorithms/tableaus/heun_21.hpp"
#include "kobie/algorithms/tableaus/ralston_33.hpp"
#include "kobie/algorithms/tableaus/rk4.hpp"
#include "kobie/algorithms/tableaus/tsit5.hpp"
#include "kobie/algorithms/tableaus/vern7.hpp"
#include "kobie/algorithms/tableaus/vern9.hpp"

namespace kobie {

/// \brief The tableau types of every explicit algorithm, in the order algorithm_names() lists them.
using ExplicitTableaus =
    std::tuple<tableaus::ExplicitEuler, tableaus::Heun21, tableaus::Ralston33, tableaus::ClassicalRK4,
               tableaus::BogackiShampine32, tableaus::DormandPrince54, tableaus::Fehlberg45, tableaus::CashKarp54,
               tableaus::Tsit5, tableaus::Dop853, tableaus::Vern7, tableaus::Vern9>;

/// \brief What the host needs to know of an algorithm without instantiating its kernel.
struct AlgorithmInfo {
  std::string name;
  int stages = 0;
  int order = 0;
  int embedded_order = 0;  ///< 0: no error estimate (fixed steps only)
  bool fsal = false;
  /// \brief Order used by step-size control: min(order, embedded order).
  int error_order() const { return embedded_order < order ? embedded_order : order; }
};

namespace Impl {
template <class Tableau>
AlgorithmInfo info_of() {
  return AlgorithmInfo{Tableau::name, Tableau::stages, Tableau::order, Tableau::embedded_order, Tableau::fsal};
}
template <class F, std::size_t... I>
bool visit_tableau_impl(const std::string& name, F&& f, std::index_sequence<I...>) {
  bool found = false;
  (void)std::initializer_list<int>{(!found && name == std::tuple_element_t<I, ExplicitTableaus>::name
                                        ? (found = true, f(std::tuple_element_t<I, ExplicitTableaus>{}), 0)
                                        : 0)...};
  return found;
}
}  // namespace Impl

/// \brief Calls f(Tableau{}) with the tableau type named `name`; returns false when no algorithm has that name.
template <class F>
bool visit_tableau(const std::string& name, F&& f) {
  return Impl::visit_tableau_impl(name, static_cast<F&&>(f),
                                  std::make_index_sequence<std::tuple_size<ExplicitTableaus>::value>{});
}

/// \brief Names of every algorithm, as the "algorithm" setting spells them.
std::vector<std::string> algorithm_names();

/// \brief Facts of the algorithm named `name`; throws SettingsError listing the valid names when unknown.
AlgorithmInfo algorithm_info(const std::string& name);

}  // namespace kobie
