/// \file
/// \brief Cash-Karp 5(4) tableau data.
#pragma once

namespace kobie {
namespace tableaus {

/// \brief J. R. Cash and A. H. Karp (1990), "A variable order Runge-Kutta method for initial value problems with
/// rapidly varying right-hand sides", ACM Trans. Math. Softw. 16(3):201-222.
///
/// Spelling: 'P.0 / Q.0' = exact rational from the source; long decimals = published digits, or (irrational values /
/// rationals with >100-digit integers) the exact value rounded to 30 significant digits.
struct CashKarp54 {
  static constexpr const char* name = "cash-karp-54";
  static constexpr int stages = 6;
  static constexpr int order = 5;
  static constexpr int embedded_order = 4;  // 0: no embedded error estimate
  static constexpr bool fsal = false;       // last stage evaluates f(t+h, y_new)
  static constexpr double c[stages] = {0.0, 1.0 / 5.0, 3.0 / 10.0, 3.0 / 5.0, 1.0, 7.0 / 8.0};
  static constexpr double a[stages][stages] = {
      {0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {1.0 / 5.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {3.0 / 40.0, 9.0 / 40.0, 0.0, 0.0, 0.0, 0.0},
      {3.0 / 10.0, -9.0 / 10.0, 6.0 / 5.0, 0.0, 0.0, 0.0},
      {-11.0 / 54.0, 5.0 / 2.0, -70.0 / 27.0, 35.0 / 27.0, 0.0, 0.0},
      {1631.0 / 55296.0, 175.0 / 512.0, 575.0 / 13824.0, 44275.0 / 110592.0, 253.0 / 4096.0, 0.0},
  };  // strictly lower triangular, zeros elsewhere
  static constexpr double b[stages] = {37.0 / 378.0, 0.0, 250.0 / 621.0, 125.0 / 594.0, 0.0, 512.0 / 1771.0};
  // embedded weights; all zero when embedded_order == 0
  static constexpr double b_hat[stages] = {
      2825.0 / 27648.0, 0.0, 18575.0 / 48384.0, 13525.0 / 55296.0, 277.0 / 14336.0, 1.0 / 4.0,
  };
};

}  // namespace tableaus
}  // namespace kobie
