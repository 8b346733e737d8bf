/// \file
/// \brief Heun 2(1) tableau data (Heun's method with embedded explicit Euler).
#pragma once

namespace kobie {
namespace tableaus {

/// \brief K. Heun (1900), Z. Math. Phys. 45:23-38 (trapezoidal predictor-corrector, order 2); embedded weights are the
/// explicit Euler method (order 1).
///
/// b_hat is the explicit Euler method (order 1), so b - b_hat = (-1/2, 1/2).
///
/// Spelling: 'P.0 / Q.0' = exact rational from the source; long decimals = published digits, or (irrational values /
/// rationals with >100-digit integers) the exact value rounded to 30 significant digits.
struct Heun21 {
  static constexpr const char* name = "heun-21";
  static constexpr int stages = 2;
  static constexpr int order = 2;
  static constexpr int embedded_order = 1;  // 0: no embedded error estimate
  static constexpr bool fsal = false;       // last stage evaluates f(t+h, y_new)
  static constexpr double c[stages] = {0.0, 1.0};
  static constexpr double a[stages][stages] = {
      {0.0, 0.0},
      {1.0, 0.0},
  };  // strictly lower triangular, zeros elsewhere
  static constexpr double b[stages] = {1.0 / 2.0, 1.0 / 2.0};
  static constexpr double b_hat[stages] = {1.0, 0.0};  // embedded weights; all zero when embedded_order == 0
};

}  // namespace tableaus
}  // namespace kobie
