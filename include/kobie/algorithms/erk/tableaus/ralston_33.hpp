/// \file
/// \brief Ralston 3-stage, third-order tableau data (no embedded pair).
#pragma once

namespace kobie {
namespace tableaus {

/// \brief A. Ralston (1962), "Runge-Kutta methods with minimum error bounds", Math. Comp. 16(80):431-437 (third-order
/// minimum-error-bound method).
///
/// No embedded formula (embedded_order = 0): fixed steps only.
///
/// Spelling: 'P.0 / Q.0' = exact rational from the source; long decimals = published digits, or (irrational values /
/// rationals with >100-digit integers) the exact value rounded to 30 significant digits.
struct Ralston33 {
  static constexpr const char* name = "ralston-33";
  static constexpr int stages = 3;
  static constexpr int order = 3;
  static constexpr int embedded_order = 0;  // 0: no embedded error estimate
  static constexpr bool fsal = false;       // last stage evaluates f(t+h, y_new)
  static constexpr double c[stages] = {0.0, 1.0 / 2.0, 3.0 / 4.0};
  static constexpr double a[stages][stages] = {
      {0.0, 0.0, 0.0},
      {1.0 / 2.0, 0.0, 0.0},
      {0.0, 3.0 / 4.0, 0.0},
  };  // strictly lower triangular, zeros elsewhere
  static constexpr double b[stages] = {2.0 / 9.0, 1.0 / 3.0, 4.0 / 9.0};
  static constexpr double b_hat[stages] = {0.0, 0.0, 0.0};  // embedded weights; all zero when embedded_order == 0
};

}  // namespace tableaus
}  // namespace kobie
