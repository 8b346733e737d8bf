/// \file
/// \brief The sizes of a System that per-run buffer counts depend on.
#pragma once

namespace kobie {

/// \brief The sizes of a System that buffer counts depend on.
struct SystemSizes {
  int n_states = 0;
  int n_parameters = 0;
  int n_observables = 0;
  int n_drivers = 0;
};

}  // namespace kobie
