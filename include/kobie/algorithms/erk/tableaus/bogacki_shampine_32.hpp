/// \file
/// \brief Bogacki-Shampine 3(2) tableau data.
#pragma once

namespace kobie {
namespace tableaus {

/// \brief P. Bogacki and L. F. Shampine (1989), "A 3(2) pair of Runge-Kutta formulas", Appl. Math. Lett. 2(4):321-325.
///
/// Spelling: 'P.0 / Q.0' = exact rational from the source; long decimals = published digits, or (irrational values /
/// rationals with >100-digit integers) the exact value rounded to 30 significant digits.
struct BogackiShampine32 {
  static constexpr const char* name = "bogacki-shampine-32";
  static constexpr int stages = 4;
  static constexpr int order = 3;
  static constexpr int embedded_order = 2;  // 0: no embedded error estimate
  static constexpr bool fsal = true;        // last stage evaluates f(t+h, y_new)
  static constexpr double c[stages] = {0.0, 1.0 / 2.0, 3.0 / 4.0, 1.0};
  static constexpr double a[stages][stages] = {
      {0.0, 0.0, 0.0, 0.0},
      {1.0 / 2.0, 0.0, 0.0, 0.0},
      {0.0, 3.0 / 4.0, 0.0, 0.0},
      {2.0 / 9.0, 1.0 / 3.0, 4.0 / 9.0, 0.0},
  };  // strictly lower triangular, zeros elsewhere
  static constexpr double b[stages] = {2.0 / 9.0, 1.0 / 3.0, 4.0 / 9.0, 0.0};
  // embedded weights; all zero when embedded_order == 0
  static constexpr double b_hat[stages] = {
      7.0 / 24.0,
      1.0 / 4.0,
      1.0 / 3.0,
      1.0 / 8.0,
  };
};

}  // namespace tableaus
}  // namespace kobie
