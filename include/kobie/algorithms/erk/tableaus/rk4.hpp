/// \file
/// \brief Classical fourth-order Runge-Kutta tableau data (no embedded pair).
#pragma once

namespace kobie {
namespace tableaus {

/// \brief W. Kutta (1901), "Beitrag zur naeherungsweisen Integration totaler Differentialgleichungen", Z. Math. Phys.
/// 46:435-453.
///
/// Spelling: 'P.0 / Q.0' = exact rational from the source; long decimals = published digits, or (irrational values /
/// rationals with >100-digit integers) the exact value rounded to 30 significant digits.
struct ClassicalRK4 {
  static constexpr const char* name = "rk4";
  static constexpr int stages = 4;
  static constexpr int order = 4;
  static constexpr int embedded_order = 0;  // 0: no embedded error estimate
  static constexpr bool fsal = false;       // last stage evaluates f(t+h, y_new)
  static constexpr double c[stages] = {0.0, 1.0 / 2.0, 1.0 / 2.0, 1.0};
  static constexpr double a[stages][stages] = {
      {0.0, 0.0, 0.0, 0.0},
      {1.0 / 2.0, 0.0, 0.0, 0.0},
      {0.0, 1.0 / 2.0, 0.0, 0.0},
      {0.0, 0.0, 1.0, 0.0},
  };  // strictly lower triangular, zeros elsewhere
  static constexpr double b[stages] = {1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0};
  static constexpr double b_hat[stages] = {0.0, 0.0, 0.0, 0.0};  // embedded weights; all zero when embedded_order == 0
};

}  // namespace tableaus
}  // namespace kobie
