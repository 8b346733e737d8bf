/// \file
/// \brief Explicit (forward) Euler as a one-stage tableau.
#pragma once

namespace kobie {
namespace tableaus {

/// \brief L. Euler (1768), Institutionum calculi integralis: y_{n+1} = y_n + h f(t_n, y_n); first order, no embedded
/// error estimate.
struct ExplicitEuler {
  static constexpr const char* name = "euler";
  static constexpr int stages = 1;
  static constexpr int order = 1;
  static constexpr int embedded_order = 0;  // 0: no embedded error estimate
  static constexpr bool fsal = false;
  static constexpr double c[stages] = {0.0};
  static constexpr double a[stages][stages] = {{0.0}};
  static constexpr double b[stages] = {1.0};
  static constexpr double b_hat[stages] = {0.0};
};

}  // namespace tableaus
}  // namespace kobie
