/// \file
/// \brief Settings of the algorithm choice.
#pragma once

#include <string>
#include <vector>

#include "kobie/core/setting_key.hpp"

namespace kobie {

/// \brief Which integration algorithm a solve uses (its buffers' locations are location settings).
struct AlgorithmSettings {
  std::string algorithm = "dormand-prince-54";  ///< one of algorithm_names()

  /// \brief algorithm.
  static const std::vector<SettingKey<AlgorithmSettings>>& keys();
  /// \brief Checks that a name is given (the Solver checks it against the algorithms it was compiled with).
  void validate() const;
};

}  // namespace kobie
