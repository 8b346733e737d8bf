/// \file
/// \brief Backward Euler whose Newton iteration starts from the explicit Euler step.
#pragma once

#include "kobie/algorithms/dirk/tableaus/backward_euler.hpp"

namespace kobie {
namespace tableaus {

/// \brief Backward Euler's tableau under the name of its variant with the explicit predictor z0 = h f(t, y): the
/// Newton iteration starts from the forward Euler step instead of from y (`backward-euler`).
struct BackwardEulerPredictor : BackwardEuler {
  static constexpr const char* name = "backward-euler-predictor";
};

}  // namespace tableaus
}  // namespace kobie
