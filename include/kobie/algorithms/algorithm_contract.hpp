/// \file
/// \brief check_algorithm<A>(): the algorithm contract of algorithms/step_interface.hpp as compile-time checks, one
/// `static_assert` per required member, each naming the member that is missing. The Solver checks every algorithm
/// of its Algorithms list, so a family written by a user fails with "kobie algorithm contract: missing ..." instead
/// of an error deep inside the loop's templates.
#pragma once

#include <type_traits>
#include <utility>

#include "kobie/algorithms/step_interface.hpp"
#include "kobie/core/compat.hpp"
#include "kobie/core/detect.hpp"
#include "kobie/core/status.hpp"
#include "kobie/memory/allocator.hpp"
#include "kobie/memory/component.hpp"

namespace kobie {
namespace Impl {

/// The System an algorithm's Device is checked with: one state, no parameters, f = 0. The contract is the
/// algorithm's own, whatever System a Solver runs it on.
struct ContractProbeSystem {
  static constexpr int n_states = 1;
  static constexpr int n_parameters = 0;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real*, const Real*, const Real*, Real* dydt) const {
    dydt[0] = Real(0);
  }
};

template <class T>
struct is_type_list : std::false_type {};
template <class... Ts>
struct is_type_list<TypeList<Ts...>> : std::true_type {};

// The members of the contract, as detection operations (see core/detect.hpp).
template <class A>
using owner_member = decltype(static_cast<const char*>(A::owner));
template <class A>
using name_member = decltype(static_cast<const char*>(A::name));
template <class A>
using stages_member = decltype(int{A::stages});
template <class A>
using order_member = decltype(int{A::order});
template <class A>
using error_order_member = decltype(int{A::error_order});
template <class A>
using adaptive_member = decltype(bool{A::adaptive});
template <class A>
using implicit_member = decltype(bool{A::implicit});
template <class A>
using buffers_member = std::enable_if_t<is_type_list<typename A::buffers>::value>;
template <class A>
using children_member = std::enable_if_t<is_type_list<typename A::children>::value>;
template <class A>
using validate_call = decltype(A::validate());
// device() is checked by name only: its part (AlgorithmParts or a base of it) is the family's own business.
template <class A, class System, class Real>
using device_type = typename A::template Device<System, Real, DynamicBinding<Real, A>>;
template <class A, class System, class Real>
using device_member = decltype(&A::template device<System, Real, DynamicBinding<Real, A>>);
template <class D>
using start_call = decltype(std::declval<const D&>().start(std::declval<const RunMemory&>()));
template <class D, class System, class Real>
using step_call =
    std::enable_if_t<std::is_convertible<decltype(std::declval<const D&>().step(
                                             std::declval<const System&>(), std::declval<const StepContext<Real>&>(),
                                             std::declval<const StepInputs<Real>&>(), std::declval<Real*>(),
                                             std::declval<const RunMemory&>())),
                                         StepOutcome<Real>>::value>;
template <class D, class Real>
using accepted_call = std::enable_if_t<
    std::is_convertible<decltype(std::declval<const D&>().accepted(std::declval<const StepContext<Real>&>(),
                                                                   std::declval<const RunMemory&>())),
                        StatusBits>::value>;
template <class D>
using rejected_call = decltype(std::declval<const D&>().rejected(std::declval<const RunMemory&>()));

/// The Device's members, checked only when A has a Device (else its absence is the one message).
template <class A, class System, class Real, bool HasDevice = is_detected_v<device_type, A, System, Real>>
struct device_contract {
  static constexpr bool start = true, step = true, accepted = true, rejected = true;
};
template <class A, class System, class Real>
struct device_contract<A, System, Real, true> {
  using D = device_type<A, System, Real>;
  static constexpr bool start = is_detected_v<start_call, D>;
  static constexpr bool step = is_detected_v<step_call, D, System, Real>;
  static constexpr bool accepted = is_detected_v<accepted_call, D, Real>;
  static constexpr bool rejected = is_detected_v<rejected_call, D>;
};

}  // namespace Impl

/// \brief Fails compilation with one message per member of the algorithm contract (algorithms/step_interface.hpp)
/// that A lacks, each naming the member; true otherwise. A's Device is checked for Real on a one-state System.
/// `device` is checked by name (it must be one function, not an overload set).
template <class A, class Real = double>
constexpr bool check_algorithm() {
  using namespace Impl;
  static_assert(is_detected_v<owner_member, A>,
                "kobie algorithm contract: missing `static constexpr const char* owner` (\"algorithm\")");
  static_assert(is_detected_v<name_member, A>,
                "kobie algorithm contract: missing `static constexpr const char* name` (the `algorithm` setting's "
                "spelling)");
  static_assert(is_detected_v<stages_member, A>, "kobie algorithm contract: missing `static constexpr int stages`");
  static_assert(is_detected_v<order_member, A>, "kobie algorithm contract: missing `static constexpr int order`");
  static_assert(is_detected_v<error_order_member, A>,
                "kobie algorithm contract: missing `static constexpr int error_order` (min(order, embedded order); 0 "
                "without an error estimate)");
  static_assert(is_detected_v<adaptive_member, A>,
                "kobie algorithm contract: missing `static constexpr bool adaptive`");
  static_assert(is_detected_v<implicit_member, A>,
                "kobie algorithm contract: missing `static constexpr bool implicit`");
  static_assert(is_detected_v<buffers_member, A>,
                "kobie algorithm contract: missing `using buffers = kobie::TypeList<...>`");
  static_assert(is_detected_v<children_member, A>,
                "kobie algorithm contract: missing `using children = kobie::TypeList<...>`");
  static_assert(is_detected_v<validate_call, A>, "kobie algorithm contract: missing `static void validate()`");
  static_assert(is_detected_v<device_type, A, ContractProbeSystem, Real>,
                "kobie algorithm contract: missing `template <class System, class Real, class Binding> struct Device`");
  static_assert(is_detected_v<device_member, A, ContractProbeSystem, Real>,
                "kobie algorithm contract: missing `template <class System, class Real, class Binding> static "
                "Device<System, Real, Binding> device(...)`");
  using Device = device_contract<A, ContractProbeSystem, Real>;
  static_assert(Device::start, "kobie algorithm contract: missing `void start(const RunMemory&) const` in Device");
  static_assert(Device::step,
                "kobie algorithm contract: missing `StepOutcome<Real> step(const System&, const StepContext<Real>&, "
                "const StepInputs<Real>&, Real* y_new, const RunMemory&) const` in Device");
  static_assert(Device::accepted,
                "kobie algorithm contract: missing `StatusBits accepted(const StepContext<Real>&, const RunMemory&) "
                "const` in Device");
  static_assert(Device::rejected,
                "kobie algorithm contract: missing `void rejected(const RunMemory&) const` in Device");
  return true;
}

namespace Impl {
/// check_algorithm<A, Real>() for every algorithm of a Solver's Algorithms list.
template <class Real, class... As>
constexpr bool check_algorithms(TypeList<As...>) {
  const bool checked[] = {true, check_algorithm<As, Real>()...};
  bool all = true;
  for (bool c : checked) all = all && c;
  return all;
}
}  // namespace Impl

}  // namespace kobie
