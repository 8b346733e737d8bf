/// \file
/// \brief Crank–Nicolson as the DIRK family runs it: its tableau with the Gustafsson controller as default.
#pragma once

#include "kobie/algorithms/dirk/tableaus/crank_nicolson.hpp"

namespace kobie {
namespace tableaus {

/// \brief The Crank–Nicolson tableau; `controller = auto` runs the predictive Gustafsson controller, which uses the
/// Newton iteration counts (the other DIRK methods default to PI).
struct CrankNicolsonGustafsson : CrankNicolson {
  static constexpr const char* default_controller = "gustafsson";
};

}  // namespace tableaus
}  // namespace kobie
