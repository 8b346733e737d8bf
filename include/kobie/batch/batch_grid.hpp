/// \file
/// \brief Batch grids: initial values and parameters of every run, from named value lists.
#pragma once

#include <Kokkos_Core.hpp>
#include <string>
#include <utility>
#include <vector>

#include "kobie/system/system_traits.hpp"

namespace kobie {

/// \brief Values of named variables (states or parameters), in the order given.
using NamedValues = std::vector<std::pair<std::string, std::vector<double>>>;

/// \brief How named lists combine into runs.
enum class GridKind {
  combinatorial,  ///< Cartesian product of all lists (the last name varies fastest)
  verbatim,       ///< row i takes the i-th value of every list; single-value lists broadcast
};

/// \brief One run per row: initial values (run, state) and parameters (run, parameter), on the host.
struct BatchGrid {
  Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace> initial_values;
  Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace> parameters;
  /// \brief Number of runs.
  int n_runs() const { return static_cast<int>(initial_values.extent(0)); }
};

/// \brief Build a grid. Every state and parameter needs a value: from `values` or from `defaults` (same naming).
///
/// Errors (SettingsError): a name that is neither a state nor a parameter, a name given twice, an empty list, a
/// variable with no value, verbatim lists of different lengths (other than 1), a grid above 2^31 − 1 runs.
BatchGrid make_grid(GridKind kind, const std::vector<std::string>& state_names,
                    const std::vector<std::string>& parameter_names, const NamedValues& values,
                    const NamedValues& defaults = {});

/// \brief Cartesian product of the lists in `values`, for System's names; `defaults` fill what `values` omits.
template <class System>
BatchGrid combinatorial_grid(const NamedValues& values, const NamedValues& defaults = {}) {
  using T = SystemTraits<System>;
  return make_grid(GridKind::combinatorial, T::state_names(), T::parameter_names(), values, defaults);
}

/// \brief Row-paired lists in `values` (single values broadcast), for System's names.
template <class System>
BatchGrid verbatim_grid(const NamedValues& values, const NamedValues& defaults = {}) {
  using T = SystemTraits<System>;
  return make_grid(GridKind::verbatim, T::state_names(), T::parameter_names(), values, defaults);
}

}  // namespace kobie
