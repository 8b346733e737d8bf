/// \file
/// \brief Settings of the algorithm choice.
#pragma once

#include <string>
#include <vector>

#include "kobie/core/setting_key.hpp"
#include "kobie/newton/newton_settings.hpp"

namespace kobie {

/// \brief Which integration algorithm a solve uses (its buffers' locations are location settings).
struct AlgorithmSettings {
  /// \brief One of algorithm_names(), or `auto`: dormand-prince-54 when the Solver was compiled with it, else the
  /// first algorithm of the Solver's list (resolve_algorithm()).
  std::string algorithm = "auto";

  /// \brief algorithm.
  static const std::vector<SettingKey<AlgorithmSettings>>& keys();
  /// \brief Checks that a name is given (the Solver checks it against the algorithms it was compiled with).
  void validate() const;
};

/// \brief What an algorithm reads: the algorithm choice, and the parts of the children an algorithm family may own
/// (Newton's iteration and its linear solver, or a linear solver alone). Families without children read only the
/// shared part (buffer locations, tolerances).
struct AlgorithmParts : NewtonParts {
  AlgorithmSettings algorithm;
};

}  // namespace kobie
