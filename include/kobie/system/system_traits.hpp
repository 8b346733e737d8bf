/// \file
/// \brief The System concept: what a user's ODE functor provides, with defaults for the optional parts.
///
/// \code
/// struct Lorenz {
///   static constexpr int n_states = 3;
///   static constexpr int n_parameters = 3;      // vary per run
///   static constexpr int n_observables = 0;     // optional, default 0
///   static constexpr int n_drivers = 0;         // optional, default 0
///   template <class Real>
///   KOKKOS_INLINE_FUNCTION void rhs(Real t, const Real* y, const Real* p, const Real* drivers, Real* dydt) const;
///   // optional: template <class Real> KOKKOS_INLINE_FUNCTION
///   //           void observables(Real t, const Real* y, const Real* p, const Real* drivers, Real* out) const;
///   // optional legends: static constexpr const char* state_names[n_states] = {...};
///   //                   parameter_names[n_parameters], observable_names[n_observables]
/// };
/// \endcode
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "kobie/core/detect.hpp"
#include "kobie/system/system_sizes.hpp"

namespace kobie {
namespace Impl {

// The members a System may declare, as detection operations (see core/detect.hpp).
template <class S>
using n_states_member = decltype(int{S::n_states});
template <class S>
using n_parameters_member = decltype(int{S::n_parameters});
template <class S>
using n_observables_member = decltype(int{S::n_observables});
template <class S>
using n_drivers_member = decltype(int{S::n_drivers});
template <class S, class Real>
using rhs_call = decltype(std::declval<const S&>().rhs(Real(), std::declval<const Real*>(), std::declval<const Real*>(),
                                                       std::declval<const Real*>(), std::declval<Real*>()));
template <class S, class Real>
using observables_call =
    decltype(std::declval<const S&>().observables(Real(), std::declval<const Real*>(), std::declval<const Real*>(),
                                                  std::declval<const Real*>(), std::declval<Real*>()));
template <class S>
using state_name_entry = decltype(static_cast<const char*>(S::state_names[0]));
template <class S>
using parameter_name_entry = decltype(static_cast<const char*>(S::parameter_names[0]));
template <class S>
using observable_name_entry = decltype(static_cast<const char*>(S::observable_names[0]));
// Number of entries of each legend array (also when the System holds it by reference).
template <class S>
using state_names_extent =
    std::integral_constant<int,
                           static_cast<int>(std::extent<std::remove_reference_t<decltype(S::state_names)>>::value)>;
template <class S>
using parameter_names_extent =
    std::integral_constant<int,
                           static_cast<int>(std::extent<std::remove_reference_t<decltype(S::parameter_names)>>::value)>;
template <class S>
using observable_names_extent =
    std::integral_constant<int, static_cast<int>(
                                    std::extent<std::remove_reference_t<decltype(S::observable_names)>>::value)>;

template <class S>
using has_n_states = is_detected<n_states_member, S>;
template <class S>
using has_n_parameters = is_detected<n_parameters_member, S>;
template <class S>
using has_n_observables = is_detected<n_observables_member, S>;
template <class S>
using has_n_drivers = is_detected<n_drivers_member, S>;
template <class S, class Real>
using has_rhs = is_detected<rhs_call, S, Real>;
template <class S, class Real>
using has_observables_fn = is_detected<observables_call, S, Real>;
template <class S>
using has_state_names = is_detected<state_name_entry, S>;
template <class S>
using has_parameter_names = is_detected<parameter_name_entry, S>;
template <class S>
using has_observable_names = is_detected<observable_name_entry, S>;

// Number of entries of each legend array; -1 when the System has none.
template <class S>
using state_names_length = detected_or_t<std::integral_constant<int, -1>, state_names_extent, S>;
template <class S>
using parameter_names_length = detected_or_t<std::integral_constant<int, -1>, parameter_names_extent, S>;
template <class S>
using observable_names_length = detected_or_t<std::integral_constant<int, -1>, observable_names_extent, S>;

template <class S>
constexpr int n_states_of() {
  if constexpr (has_n_states<S>::value) {
    return static_cast<int>(S::n_states);
  } else {
    return 1;
  }
}
template <class S>
constexpr int n_parameters_of() {
  if constexpr (has_n_parameters<S>::value) {
    return static_cast<int>(S::n_parameters);
  } else {
    return 0;
  }
}
template <class S>
constexpr int n_observables_of() {
  if constexpr (has_n_observables<S>::value) {
    return static_cast<int>(S::n_observables);
  } else {
    return 0;
  }
}
template <class S>
constexpr int n_drivers_of() {
  if constexpr (has_n_drivers<S>::value) {
    return static_cast<int>(S::n_drivers);
  } else {
    return 0;
  }
}

}  // namespace Impl

/// \brief Sizes and capabilities of a System, with defaults for what it leaves out.
template <class System>
struct SystemTraits {
  static constexpr bool has_n_states = Impl::has_n_states<System>::value;
  static constexpr bool has_n_parameters = Impl::has_n_parameters<System>::value;

  static constexpr int n_states = Impl::n_states_of<System>();
  static constexpr int n_parameters = Impl::n_parameters_of<System>();
  static constexpr int n_observables = Impl::n_observables_of<System>();
  static constexpr int n_drivers = Impl::n_drivers_of<System>();
  template <class Real>
  static constexpr bool has_rhs = Impl::has_rhs<System, Real>::value;
  /// \brief The sizes buffer declarations are counted in.
  static constexpr SystemSizes sizes() { return SystemSizes{n_states, n_parameters, n_observables, n_drivers}; }
  template <class Real>
  static constexpr bool has_observables = Impl::has_observables_fn<System, Real>::value;

  /// \brief Legend of state i: System::state_names[i], else "y<i>".
  static std::string state_name(int i) {
    if constexpr (Impl::has_state_names<System>::value) return System::state_names[i];
    return "y" + std::to_string(i);
  }
  /// \brief Legend of parameter i: System::parameter_names[i], else "p<i>".
  static std::string parameter_name(int i) {
    if constexpr (Impl::has_parameter_names<System>::value) return System::parameter_names[i];
    return "p" + std::to_string(i);
  }
  /// \brief Legend of observable i: System::observable_names[i], else "obs<i>".
  static std::string observable_name(int i) {
    if constexpr (Impl::has_observable_names<System>::value) return System::observable_names[i];
    return "obs" + std::to_string(i);
  }
  /// \brief All state legends.
  static std::vector<std::string> state_names() { return names(n_states, &state_name); }
  /// \brief All parameter legends.
  static std::vector<std::string> parameter_names() { return names(n_parameters, &parameter_name); }
  /// \brief All observable legends.
  static std::vector<std::string> observable_names() { return names(n_observables, &observable_name); }

 private:
  static std::vector<std::string> names(int n, std::string (*f)(int)) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) out.push_back(f(i));
    return out;
  }
};

/// \brief A System's sizes as a type (for compile-time buffer layouts, see memory/component.hpp).
template <class System>
struct SizesOf {
  static constexpr SystemSizes value = SystemTraits<System>::sizes();
};

/// \brief Fails compilation with one message naming what the System lacks (for the Real type it is used with).
template <class System, class Real>
constexpr bool check_system() {
  using T = SystemTraits<System>;
  static_assert(T::has_n_states,
                "kobie System concept: missing `static constexpr int n_states` (the number of state variables)");
  static_assert(!T::has_n_states || T::n_states > 0, "kobie System concept: n_states must be > 0");
  static_assert(T::has_n_parameters || !T::has_n_states,
                "kobie System concept: missing `static constexpr int n_parameters` (0 when none vary per run)");
  static_assert(T::n_parameters >= 0 && T::n_observables >= 0 && T::n_drivers >= 0,
                "kobie System concept: n_parameters, n_observables and n_drivers must be >= 0");
  static_assert(!T::has_n_states || !T::has_n_parameters || T::template has_rhs<Real>,
                "kobie System concept: missing `template <class Real> KOKKOS_INLINE_FUNCTION void rhs(Real t, const "
                "Real* y, const Real* p, const Real* drivers, Real* dydt) const`");
  static_assert(T::n_observables == 0 || T::template has_observables<Real> || !T::template has_rhs<Real>,
                "kobie System concept: n_observables > 0 needs `template <class Real> KOKKOS_INLINE_FUNCTION void "
                "observables(Real t, const Real* y, const Real* p, const Real* drivers, Real* out) const`");
  static_assert(Impl::state_names_length<System>::value < 0 || Impl::state_names_length<System>::value == T::n_states,
                "kobie System concept: state_names must have exactly n_states entries");
  static_assert(
      Impl::parameter_names_length<System>::value < 0 || Impl::parameter_names_length<System>::value == T::n_parameters,
      "kobie System concept: parameter_names must have exactly n_parameters entries");
  static_assert(Impl::observable_names_length<System>::value < 0 ||
                    Impl::observable_names_length<System>::value == T::n_observables,
                "kobie System concept: observable_names must have exactly n_observables entries");
  return true;
}

}  // namespace kobie
