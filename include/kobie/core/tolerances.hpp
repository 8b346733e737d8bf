/// \file
/// \brief The solve's error tolerances, as the components that derive their own tolerances from them see them.
#pragma once

#include <vector>

namespace kobie {

/// \brief atol and rtol as set: one value, or one per state.
struct Tolerances {
  std::vector<double> atol = {1e-6};
  std::vector<double> rtol = {1e-6};

  /// \brief The smallest rtol over the states (what solver tolerances derived from rtol are bounded by).
  double smallest_rtol() const {
    double smallest = rtol.front();
    for (double r : rtol) smallest = r < smallest ? r : smallest;
    return smallest;
  }
};

}  // namespace kobie
