/// \file
/// \brief DrivenSystem: a System whose `drivers` argument is filled from a DriverTable at the time of each call.
///
/// The loop hands every System function a `drivers` array (registry memory, n_drivers Reals per run). Wrapped in a
/// DrivenSystem, a user's System sees its drivers evaluated at the call's t, whichever part of the solver calls it
/// (steps, Newton, finite-difference Jacobians, observables) and at whatever stage time.
///
/// \code
/// auto table = kobie::make_driver_table<double>(exec, kobie::fit_driver_splines(samples));
/// kobie::check_driver_count<MySystem>(table);                   // on the host, before launching
/// // per run, with `cache` a registry buffer of DrivenSystem<...>::driver_cache_size Reals:
/// kobie::DriverTable<double, Mem>::clear(cache);
/// kobie::DrivenSystem<MySystem, decltype(table), double> driven(system, table, cache);
/// driven.rhs(t, y, p, drivers, dydt);                           // drivers[d] now holds driver d at t
/// \endcode
#pragma once

#include <Kokkos_Macros.hpp>
#include <string>
#include <type_traits>

#include "kobie/core/errors.hpp"
#include "kobie/system/driver_table.hpp"
#include "kobie/system/jacobian.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {
namespace Impl {

// The legend arrays of S under the same names, only where S has them (SystemTraits detects them by name).
template <class S, bool = has_state_names<S>::value>
struct StateLegend {};
template <class S>
struct StateLegend<S, true> {
  static constexpr const auto& state_names = S::state_names;
};
template <class S, bool = has_parameter_names<S>::value>
struct ParameterLegend {};
template <class S>
struct ParameterLegend<S, true> {
  static constexpr const auto& parameter_names = S::parameter_names;
};
template <class S, bool = has_observable_names<S>::value>
struct ObservableLegend {};
template <class S>
struct ObservableLegend<S, true> {
  static constexpr const auto& observable_names = S::observable_names;
};
template <class S>
struct LegendsOf : StateLegend<S>, ParameterLegend<S>, ObservableLegend<S> {};

}  // namespace Impl

/// \brief System with its drivers evaluated from `table` at each call's t (Table: a DriverTable of Real).
///
/// Same sizes, legends and capabilities as System: `observables`, `jacobian` and `jvp` exist only when System has
/// them (so kobie's detection picks the analytic or the finite-difference path exactly as for System), each
/// evaluating the drivers first. `time_derivative` is deliberately not forwarded even when System has one: a
/// System's ∂f/∂t treats its drivers as constants, while the drivers of a DrivenSystem change with t; without it,
/// kobie differences rhs in t, and the drivers (re-evaluated at t + δ) enter that difference.
///
/// `drivers` is written through `const_cast`: the System concept passes it as `const Real*` because a System must
/// not change it, but here it is the loop's per-run registry buffer (writable memory), and the adapter owns its
/// contents. After any call it holds the drivers at that call's t.
template <class System, class Table, class Real>
struct DrivenSystem : Impl::LegendsOf<System> {
  /// \brief As System.
  static constexpr int n_states = SystemTraits<System>::n_states;
  /// \brief As System.
  static constexpr int n_parameters = SystemTraits<System>::n_parameters;
  /// \brief As System.
  static constexpr int n_observables = SystemTraits<System>::n_observables;
  /// \brief As System.
  static constexpr int n_drivers = SystemTraits<System>::n_drivers;
  /// \brief Reals of the per-run cache that `cache` points to.
  static constexpr int driver_cache_size = Table::cache_size(n_drivers);

  /// \brief The user's System.
  System inner;
  /// \brief The fitted drivers.
  Table table;
  /// \brief This run's driver cache (driver_cache_size Reals of registry memory; Table::clear it at the run's start).
  Real* cache = nullptr;

  /// \brief An adapter without a cache (set `cache` before calling it).
  DrivenSystem() = default;
  /// \brief Wraps `system`, drawing its drivers from `driver_table` through `run_cache`.
  KOKKOS_INLINE_FUNCTION DrivenSystem(const System& system, const Table& driver_table, Real* run_cache)
      : inner(system), table(driver_table), cache(run_cache) {}

  /// \brief Evaluates the drivers at t into `drivers`, then System::rhs.
  template <class R, std::enable_if_t<std::is_same<R, Real>::value, int> = 0>
  KOKKOS_INLINE_FUNCTION void rhs(R t, const R* y, const R* p, const R* drivers, R* dydt) const {
    inner.rhs(t, y, p, drive(t, drivers), dydt);
  }
  /// \brief Evaluates the drivers at t into `drivers`, then System::observables (only when System has them).
  template <class R,
            std::enable_if_t<std::is_same<R, Real>::value && Impl::has_observables_fn<System, R>::value, int> = 0>
  KOKKOS_INLINE_FUNCTION void observables(R t, const R* y, const R* p, const R* drivers, R* out) const {
    inner.observables(t, y, p, drive(t, drivers), out);
  }
  /// \brief Evaluates the drivers at t into `drivers`, then System::jacobian (only when System has one).
  template <class R, std::enable_if_t<std::is_same<R, Real>::value && Impl::has_jacobian<System, R>::value, int> = 0>
  KOKKOS_INLINE_FUNCTION void jacobian(R t, const R* y, const R* p, const R* drivers, R* J) const {
    inner.jacobian(t, y, p, drive(t, drivers), J);
  }
  /// \brief Evaluates the drivers at t into `drivers`, then System::jvp (only when System has one).
  template <class R, std::enable_if_t<std::is_same<R, Real>::value && Impl::has_jvp<System, R>::value, int> = 0>
  KOKKOS_INLINE_FUNCTION void jvp(R t, const R* y, const R* p, const R* drivers, const R* v, R* Jv) const {
    inner.jvp(t, y, p, drive(t, drivers), v, Jv);
  }

 private:
  KOKKOS_INLINE_FUNCTION const Real* drive(Real t, const Real* drivers) const {
    // `drivers` is the loop's writable buffer: see the class comment.
    table.template evaluate<n_drivers>(t, const_cast<Real*>(drivers), cache);
    return drivers;
  }
};

/// \brief SettingsError unless `drivers` (a DriverSpline or a DriverTable) holds exactly System's n_drivers drivers:
/// the device evaluation reads n_drivers drivers' coefficients from the table (check on the host before a launch).
template <class System, class Drivers>
void check_driver_count(const Drivers& drivers) {
  constexpr int expected = SystemTraits<System>::n_drivers;
  if (drivers.n_drivers != expected) {
    throw SettingsError("kobie: the driver samples hold " + std::to_string(drivers.n_drivers) +
                        " drivers, but the System declares n_drivers = " + std::to_string(expected));
  }
}

}  // namespace kobie
