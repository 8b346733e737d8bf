/// \file
/// \brief Steinebach's Rodas3P, a stiffly accurate Rosenbrock method of order 3(2) with dense output: tableau data.
#pragma once

namespace kobie {
namespace tableaus {

/// \brief G. Steinebach (2024), "Rosenbrock methods within OrdinaryDiffEq.jl - overview, recent developments and
/// applications", Proceedings of the JuliaCon Conferences.
///
/// Five stages, gamma = 1/3, order 3 (designed to keep its order on linear parabolic PDEs), stiffly accurate
/// (R(inf) = 0). Stages 4 and 5 evaluate f at the same point y + sum_{j<4} a_4j U_j (c = 1); y_new = that point + U5,
/// the embedded solution = that point + U4, so e = U5 - U4. The embedded solution has order 2 for any approximate
/// Jacobian (it is the W-method Rodas23W); the order-3 solution needs the exact Jacobian. Stage 3 evaluates f at
/// (t, y) again (c3 = 0, a3j = 0) and only adds a d3 = 1 time-derivative term.
///
/// Transformed form of Hairer & Wanner (Solving ODEs II, Sect. IV.7): stage i solves (I/(h gamma) - J) U_i =
/// f(t + c_i h, y + sum_{j<i} a_ij U_j) + sum_{j<i} (C_ij / h) U_j + h d_i df/dt; y_new = y + sum m_i U_i; error
/// estimate sum e_i U_i with e = m - m_hat. All coefficients are exact rationals (the published decimals terminate,
/// e.g. 2.90625 = 93/32).
///
/// Dense output (order 3): the two rows below. The method also defines an interpolant of the embedded solution,
/// y(t) + theta (y_hat - y) + theta (1 - theta) sum_i embedded_dense_i U_i (order 2); the largest difference of the two
/// interpolants over the step is its additional interpolation error test.
///
/// unit_tests/reference/rosenbrock_coefficients.py checks the Rosenbrock order conditions in exact arithmetic (order
/// exactly 3, embedded order exactly 2 and a W-method, dense output order 3).
struct Rodas3p {
  static constexpr const char* name = "rodas3p";
  static constexpr int stages = 5;
  static constexpr int order = 3;
  static constexpr int embedded_order = 2;
  static constexpr bool w_method = false;
  static constexpr double gamma = 1.0 / 3.0;
  static constexpr double a[stages][stages] = {
      {0.0, 0.0, 0.0, 0.0, 0.0},
      {4.0 / 3.0, 0.0, 0.0, 0.0, 0.0},
      {0.0, 0.0, 0.0, 0.0, 0.0},
      {93.0 / 32.0, 27.0 / 8.0, 13.0 / 32.0, 0.0, 0.0},
      {93.0 / 32.0, 27.0 / 8.0, 13.0 / 32.0, 0.0, 0.0},
  };
  static constexpr double C[stages][stages] = {
      {0.0, 0.0, 0.0, 0.0, 0.0},
      {-4.0, 0.0, 0.0, 0.0, 0.0},
      {33.0 / 4.0, 27.0 / 4.0, 0.0, 0.0, 0.0},
      {39.0 / 32.0, -81.0 / 16.0, -63.0 / 32.0, 0.0, 0.0},
      {129.0 / 32.0, -243.0 / 16.0, -129.0 / 32.0, 6.0, 0.0},
  };
  static constexpr double c[stages] = {0.0, 4.0 / 9.0, 0.0, 1.0, 1.0};
  static constexpr double d[stages] = {1.0 / 3.0, -1.0 / 9.0, 1.0, 0.0, 0.0};
  static constexpr double m[stages] = {93.0 / 32.0, 27.0 / 8.0, 13.0 / 32.0, 0.0, 1.0};
  static constexpr double e[stages] = {0.0, 0.0, 0.0, -1.0, 1.0};
  static constexpr bool has_dense_output = true;
  static constexpr int dense_rows = 2;
  /// Dense output: y(t + theta h) = (1 - theta) y + theta (y_new + (1 - theta) (sum_i dense[0][i] U_i +
  /// theta sum_i dense[1][i] U_i)), 0 <= theta <= 1.
  static constexpr double dense[dense_rows][stages] = {
      {57.0 / 32.0, 27.0 / 4.0, 5.0 / 32.0, -6.0, -1.0},
      {135.0 / 32.0, -243.0 / 16.0, -99.0 / 32.0, 9.0, 0.0},
  };
  /// The embedded solution's interpolation row (see above).
  static constexpr double embedded_dense[stages] = {135.0 / 32.0, -81.0 / 40.0, -261.0 / 160.0, -17.0 / 10.0,
                                                    -1.0 / 10.0};
};

}  // namespace tableaus
}  // namespace kobie
