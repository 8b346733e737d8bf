/// \file
/// \brief What every component's settings part carries besides its own settings: where its buffers live and the
/// solve's tolerances.
///
/// A component reads only its part: `ComponentParts` plus its own settings struct (a linear solver gets
/// LinearSolverParts, Newton NewtonParts, an algorithm AlgorithmParts, ...). A part that owns children derives from
/// the children's parts, so the part a parent receives converts to each child's; nothing reads the whole Settings.
#pragma once

#include "kobie/core/tolerances.hpp"
#include "kobie/memory/location_settings.hpp"

namespace kobie {

/// \brief The shared part of every component's settings.
struct ComponentParts {
  LocationSettings locations;  ///< `<buffer>_location` settings
  Tolerances tolerances;       ///< atol and rtol as set
};

}  // namespace kobie
