/// \file
/// \brief Every algorithm kobie offers, one list entry each, and dispatch from a setting's name to its type.
///
/// A new algorithm family adds its folder under algorithms/ and its entries to AllAlgorithms; the loop, the Solver and
/// the settings pick it up from here.
#pragma once

#include <string>
#include <vector>

#include "kobie/algorithms/dirk/crank_nicolson_defaults.hpp"
#include "kobie/algorithms/dirk/dirk_algorithm.hpp"
#include "kobie/algorithms/dirk/tableaus/backward_euler.hpp"
#include "kobie/algorithms/dirk/tableaus/backward_euler_predictor.hpp"
#include "kobie/algorithms/dirk/tableaus/implicit_midpoint.hpp"
#include "kobie/algorithms/dirk/tableaus/kvaerno3.hpp"
#include "kobie/algorithms/dirk/tableaus/kvaerno5.hpp"
#include "kobie/algorithms/dirk/tableaus/lstable_dirk3.hpp"
#include "kobie/algorithms/dirk/tableaus/lstable_sdirk4.hpp"
#include "kobie/algorithms/dirk/tableaus/sdirk22.hpp"
#include "kobie/algorithms/dirk/tableaus/trapezoidal.hpp"
#include "kobie/algorithms/erk/erk_algorithm.hpp"
#include "kobie/algorithms/erk/tableaus/bogacki_shampine_32.hpp"
#include "kobie/algorithms/erk/tableaus/cash_karp_54.hpp"
#include "kobie/algorithms/erk/tableaus/dop853.hpp"
#include "kobie/algorithms/erk/tableaus/dormand_prince_54.hpp"
#include "kobie/algorithms/erk/tableaus/fehlberg_45.hpp"
#include "kobie/algorithms/erk/tableaus/heun_21.hpp"
#include "kobie/algorithms/erk/tableaus/ralston_33.hpp"
#include "kobie/algorithms/erk/tableaus/rk4.hpp"
#include "kobie/algorithms/erk/tableaus/tsit5.hpp"
#include "kobie/algorithms/erk/tableaus/vern7.hpp"
#include "kobie/algorithms/erk/tableaus/vern9.hpp"
#include "kobie/algorithms/euler/explicit_euler.hpp"
#include "kobie/algorithms/firk/firk_algorithm.hpp"
#include "kobie/algorithms/firk/tableaus/gauss_legendre4.hpp"
#include "kobie/algorithms/firk/tableaus/gauss_legendre8.hpp"
#include "kobie/algorithms/firk/tableaus/radau_iia3.hpp"
#include "kobie/algorithms/firk/tableaus/radau_iia5.hpp"
#include "kobie/algorithms/firk/tableaus/radau_iia9.hpp"
#include "kobie/algorithms/rosenbrock/rosenbrock_algorithm.hpp"
#include "kobie/algorithms/rosenbrock/tableaus/rodas3p.hpp"
#include "kobie/algorithms/rosenbrock/tableaus/rodas4.hpp"
#include "kobie/algorithms/rosenbrock/tableaus/rodas5p.hpp"
#include "kobie/algorithms/rosenbrock/tableaus/ros3p.hpp"
#include "kobie/algorithms/rosenbrock/tableaus/rosenbrock23.hpp"
#include "kobie/memory/component.hpp"

namespace kobie {

/// \brief The algorithms by type, for Solver's Algorithms parameter: e.g.
/// `kobie::Solver<Lorenz, double, Exec, kobie::TypeList<kobie::algorithms::DormandPrince54>>`.
namespace algorithms {
using Euler = ExplicitEuler;
using Heun21 = ErkAlgorithm<tableaus::Heun21>;
using Ralston33 = ErkAlgorithm<tableaus::Ralston33>;
using Rk4 = ErkAlgorithm<tableaus::ClassicalRK4>;
using BogackiShampine32 = ErkAlgorithm<tableaus::BogackiShampine32>;
using DormandPrince54 = ErkAlgorithm<tableaus::DormandPrince54>;
using Fehlberg45 = ErkAlgorithm<tableaus::Fehlberg45>;
using CashKarp54 = ErkAlgorithm<tableaus::CashKarp54>;
using Tsit5 = ErkAlgorithm<tableaus::Tsit5>;
using Dop853 = ErkAlgorithm<tableaus::Dop853>;
using Vern7 = ErkAlgorithm<tableaus::Vern7>;
using Vern9 = ErkAlgorithm<tableaus::Vern9>;
using BackwardEuler = DirkAlgorithm<tableaus::BackwardEuler, false>;  // Newton starts from y
using BackwardEulerPredictor = DirkAlgorithm<tableaus::BackwardEulerPredictor>;
using ImplicitMidpoint = DirkAlgorithm<tableaus::ImplicitMidpoint>;
using Trapezoidal = DirkAlgorithm<tableaus::Trapezoidal>;
using CrankNicolson = DirkAlgorithm<tableaus::CrankNicolsonPI>;
using Sdirk22 = DirkAlgorithm<tableaus::Sdirk22>;
using LStableDirk3 = DirkAlgorithm<tableaus::LStableDirk3>;
using Kvaerno3 = DirkAlgorithm<tableaus::Kvaerno3>;
using Kvaerno5 = DirkAlgorithm<tableaus::Kvaerno5>;
using LStableSdirk4 = DirkAlgorithm<tableaus::LStableSdirk4>;
using GaussLegendre4 = FirkAlgorithm<tableaus::GaussLegendre4>;
using GaussLegendre8 = FirkAlgorithm<tableaus::GaussLegendre8>;
using RadauIIA3 = FirkAlgorithm<tableaus::RadauIIA3>;
using RadauIIA5 = FirkAlgorithm<tableaus::RadauIIA5>;
using RadauIIA9 = FirkAlgorithm<tableaus::RadauIIA9>;
using Ros3p = RosenbrockAlgorithm<tableaus::Ros3p>;
using Rodas3p = RosenbrockAlgorithm<tableaus::Rodas3p>;
using Rosenbrock23 = RosenbrockAlgorithm<tableaus::Rosenbrock23>;
using Rodas4 = RosenbrockAlgorithm<tableaus::Rodas4>;
using Rodas5p = RosenbrockAlgorithm<tableaus::Rodas5p>;
}  // namespace algorithms

/// \brief The explicit algorithms (Runge–Kutta tableaus and Euler).
using ExplicitAlgorithms =
    TypeList<algorithms::Euler, algorithms::Heun21, algorithms::Ralston33, algorithms::Rk4,
             algorithms::BogackiShampine32, algorithms::DormandPrince54, algorithms::Fehlberg45, algorithms::CashKarp54,
             algorithms::Tsit5, algorithms::Dop853, algorithms::Vern7, algorithms::Vern9>;

/// \brief The implicit algorithms for stiff problems (DIRK and FIRK families, solved by Newton's iteration).
using ImplicitAlgorithms =
    TypeList<algorithms::BackwardEuler, algorithms::BackwardEulerPredictor, algorithms::ImplicitMidpoint,
             algorithms::Trapezoidal, algorithms::CrankNicolson, algorithms::Sdirk22, algorithms::LStableDirk3,
             algorithms::Kvaerno3, algorithms::Kvaerno5, algorithms::LStableSdirk4, algorithms::GaussLegendre4,
             algorithms::GaussLegendre8, algorithms::RadauIIA3, algorithms::RadauIIA5, algorithms::RadauIIA9>;

/// \brief The linearly implicit Rosenbrock(-W) methods for stiff problems (one linear system per stage, no Newton
/// iteration).
using RosenbrockAlgorithms =
    TypeList<algorithms::Ros3p, algorithms::Rodas3p, algorithms::Rosenbrock23, algorithms::Rodas4, algorithms::Rodas5p>;

namespace Impl {
template <class... Lists>
struct concat;
template <class... As>
struct concat<TypeList<As...>> {
  using type = TypeList<As...>;
};
template <class... As, class... Bs, class... Rest>
struct concat<TypeList<As...>, TypeList<Bs...>, Rest...> {
  using type = typename concat<TypeList<As..., Bs...>, Rest...>::type;
};
}  // namespace Impl

/// \brief Every algorithm, in the order algorithm_names() lists them (a Solver with this list compiles a kernel for
/// each: minutes; see DefaultAlgorithms).
using AllAlgorithms = typename Impl::concat<ExplicitAlgorithms, ImplicitAlgorithms, RosenbrockAlgorithms>::type;

/// \brief The default of Solver's Algorithms: the algorithms most programs need, so that a first program compiles in
/// well under 30 s (README, "Which algorithms a Solver compiles"). Explicit Euler, RK4, Dormand–Prince 5(4) (the
/// default algorithm), Tsit5 and Vern9 for non-stiff problems, and RODAS5P for stiff ones (the fastest implicit method
/// measured on small and mid-sized stiff systems: docs/stiff.md). Any other algorithm is one list away:
/// `kobie::Solver<System, Real, ExecSpace, kobie::AllAlgorithms>` or a TypeList naming the ones a program runs.
using DefaultAlgorithms = TypeList<algorithms::Euler, algorithms::Rk4, algorithms::DormandPrince54, algorithms::Tsit5,
                                   algorithms::Vern9, algorithms::Rodas5p>;

/// \brief What the host needs to know of an algorithm without instantiating its kernel.
struct AlgorithmInfo {
  std::string name;
  int stages = 0;
  int order = 0;
  int error_order = 0;     ///< min(order, embedded order); 0: no error estimate (fixed steps only)
  int embedded_order = 0;  ///< order of the embedded solution; 0: none
  bool implicit = false;
  std::string default_controller = "pi";  ///< the controller `auto` stands for
  /// \brief True when the algorithm has an error estimate.
  bool adaptive() const { return error_order > 0; }
  /// \brief True when the step advances with the lower-order solution and estimates its error with a higher-order one
  /// (no local extrapolation, e.g. Rosenbrock23): its global error then grows like rtol^(order/(order+1)).
  bool advances_lower_order() const { return adaptive() && embedded_order > order; }
};

namespace Impl {
template <class A>
AlgorithmInfo info_of() {
  return AlgorithmInfo{A::name,
                       A::stages,
                       A::order,
                       A::error_order,
                       embedded_order_of<A>::value,
                       A::implicit,
                       default_controller_of<A>::value};
}
template <class F, class... As>
bool visit_algorithm_impl(const std::string& name, F&& f, TypeList<As...>) {
  bool found = false;
  (void)std::initializer_list<int>{(!found && name == As::name ? (found = true, f(As{}), 0) : 0)...};
  return found;
}
template <class... As>
std::vector<std::string> names_of(TypeList<As...>) {
  return {As::name...};
}
}  // namespace Impl

/// \brief Calls f(A{}) with the algorithm of List named `name`; false when List has none of that name.
template <class List = AllAlgorithms, class F>
bool visit_algorithm(const std::string& name, F&& f) {
  return Impl::visit_algorithm_impl(name, static_cast<F&&>(f), List{});
}

/// \brief Names of the algorithms of List, as the "algorithm" setting spells them.
template <class List>
std::vector<std::string> algorithm_names_in() {
  return Impl::names_of(List{});
}

/// \brief Names of every algorithm.
std::vector<std::string> algorithm_names();

/// \brief The C++ type that names algorithm `name` in a Solver's Algorithms list, e.g. "kobie::algorithms::Rodas4"
/// for "rodas4"; empty for a name that is not one of kobie's algorithms.
std::string algorithm_type_name(const std::string& name);

/// \brief The algorithm the setting `algorithm = auto` (its default) stands for in a Solver compiled with
/// `compiled`: dormand-prince-54 when the list has it, else the list's first algorithm. Any other value is returned as
/// it is.
std::string resolve_algorithm(const std::string& setting, const std::vector<std::string>& compiled);

/// \brief Facts of the algorithm named `name`; throws SettingsError listing the valid names when unknown.
AlgorithmInfo algorithm_info(const std::string& name);

}  // namespace kobie
