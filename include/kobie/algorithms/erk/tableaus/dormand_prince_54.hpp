/// \file
/// \brief Dormand-Prince 5(4) tableau data.
#pragma once

namespace kobie {
namespace tableaus {

/// \brief J. R. Dormand and P. J. Prince (1980), "A family of embedded Runge-Kutta formulae", J. Comput. Appl. Math.
/// 6(1):19-26 (pair RK5(4)7M).
///
/// Spelling: 'P.0 / Q.0' = exact rational from the source; long decimals = published digits, or (irrational values /
/// rationals with >100-digit integers) the exact value rounded to 30 significant digits.
struct DormandPrince54 {
  static constexpr const char* name = "dormand-prince-54";
  static constexpr int stages = 7;
  static constexpr int order = 5;
  static constexpr int embedded_order = 4;  // 0: no embedded error estimate
  static constexpr bool fsal = true;        // last stage evaluates f(t+h, y_new)
  // Hairer's stiffness test (DOPRI5): h·|k7 − k6| / |y_new − Y6| above this bound suggests stiffness (the stability
  // region's boundary on the negative real axis is at about −3.3).
  static constexpr double stiffness_threshold = 3.25;
  static constexpr double c[stages] = {0.0, 1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0, 1.0, 1.0};
  static constexpr double a[stages][stages] = {
      {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {1.0 / 5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {3.0 / 40.0, 9.0 / 40.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0, 0.0, 0.0, 0.0, 0.0},
      {19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0, 0.0, 0.0, 0.0},
      {9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0, 0.0, 0.0},
      {35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0, 0.0},
  };  // strictly lower triangular, zeros elsewhere
  static constexpr double b[stages] = {
      35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0, 0.0,
  };
  // embedded weights; all zero when embedded_order == 0
  static constexpr double b_hat[stages] = {
      5179.0 / 57600.0, 0.0, 7571.0 / 16695.0, 393.0 / 640.0, -92097.0 / 339200.0, 187.0 / 2100.0, 1.0 / 40.0,
  };
};

}  // namespace tableaus
}  // namespace kobie
