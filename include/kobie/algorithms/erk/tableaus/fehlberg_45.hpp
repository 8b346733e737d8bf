#pragma once

namespace kobie {
namespace tableaus {

/// \brief E. Fehlberg (1969), "Low-order classical Runge-Kutta formulas with stepsize control and their application to
/// some heat transfer problems", NASA Technical Report R-315 (RK4(5) pair).
///
/// Propagates the fifth-order solution b (local extrapolation), with the fourth-order formula as b_hat.
///
/// Spelling: 'P.0 / Q.0' = exact rational from the source; long decimals = published digits, or (irrational values /
/// rationals with >100-digit integers) the exact value rounded to 30 significant digits.
struct Fehlberg45 {
  static constexpr const char* name = "fehlberg-45";
  static constexpr int stages = 6;
  static constexpr int order = 5;
  static constexpr int embedded_order = 4;  // 0: no embedded error estimate
  static constexpr bool fsal = false;       // last stage evaluates f(t+h, y_new)
  static constexpr double c[stages] = {0.0, 1.0 / 4.0, 3.0 / 8.0, 12.0 / 13.0, 1.0, 1.0 / 2.0};
  static constexpr double a[stages][stages] = {
      {0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {1.0 / 4.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {3.0 / 32.0, 9.0 / 32.0, 0.0, 0.0, 0.0, 0.0},
      {1932.0 / 2197.0, -7200.0 / 2197.0, 7296.0 / 2197.0, 0.0, 0.0, 0.0},
      {439.0 / 216.0, -8.0, 3680.0 / 513.0, -845.0 / 4104.0, 0.0, 0.0},
      {-8.0 / 27.0, 2.0, -3544.0 / 2565.0, 1859.0 / 4104.0, -11.0 / 40.0, 0.0},
  };  // strictly lower triangular, zeros elsewhere
  static constexpr double b[stages] = {16.0 / 135.0, 0.0, 6656.0 / 12825.0, 28561.0 / 56430.0, -9.0 / 50.0, 2.0 / 55.0};
  // embedded weights; all zero when embedded_order == 0
  static constexpr double b_hat[stages] = {
      25.0 / 216.0, 0.0, 1408.0 / 2565.0, 2197.0 / 4104.0, -1.0 / 5.0, 0.0,
  };
};

}  // namespace tableaus
}  // namespace kobie
