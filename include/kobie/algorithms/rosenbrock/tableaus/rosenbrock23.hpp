/// \file
/// \brief Shampine and Reichelt's Rosenbrock 2(3) W-method (MATLAB's ode23s): tableau data.
#pragma once

namespace kobie {
namespace tableaus {

/// \brief L. F. Shampine and M. W. Reichelt (1997), "The MATLAB ODE suite", SIAM J. Sci. Comput. 18(1):1-22 (the
/// formula pair of ode23s).
///
/// Published form, with d = 1/(2 + sqrt 2), e32 = 6 + sqrt 2, W = I - h d J, T ~ df/dt(t, y):
///   F0 = f(t, y); k1 = W^{-1} (F0 + h d T); F1 = f(t + h/2, y + h k1/2); k2 = W^{-1} (F1 - k1) + k1;
///   y_new = y + h k2; F2 = f(t + h, y_new); k3 = W^{-1} (F2 - e32 (k2 - F1) - 2 (k1 - F0) + h d T);
///   error estimate h/6 (k1 - 2 k2 + k3) = y_hat - y_new, with the third-order y_hat = y + h/6 (k1 + 4 k2 + k3).
/// y_new has order 2 for any W (a W-method: only sum b = 1, sum b alpha = 1/2 and sum b gamma = 0 are needed); it is
/// L-stable (R(inf) = 0). y_hat has order 3 with the exact Jacobian. F2 is f at the new point (reusable as the next
/// step's F0).
///
/// Transformed form of Hairer & Wanner (Solving ODEs II, Sect. IV.7): stage i solves (I/(h gamma) - J) U_i =
/// f(t + c_i h, y + sum_{j<i} a_ij U_j) + sum_{j<i} (C_ij / h) U_j + h d_i df/dt; y_new = y + sum m_i U_i; error
/// estimate sum e_i U_i with e = m - m_hat. With gamma = d, U1 = h gamma k1, U2 = h gamma (k2 - k1), U3 = h gamma
/// ((e32 - 2) k1 - e32 k2 + k3) (original coefficients alpha21 = 1/2, alpha32 = 1, gamma21 = -gamma,
/// gamma31 = (e32 - 2) gamma, gamma32 = -e32 gamma, b = (0, 1, 0), b_hat = (1/6, 2/3, 1/6)) the method is exactly:
/// a21 = 1/(2 gamma) = 1 + sqrt(2)/2, a31 = a32 = 1/gamma = 2 + sqrt 2, C21 = -1/gamma, C31 = -2/gamma,
/// C32 = -e32/gamma = -(14 + 8 sqrt 2), c = (0, 1/2, 1), d = (gamma, 0, -gamma), m = (1/gamma, 1/gamma, 0),
/// m_hat = m + (1/(6 gamma), (e32 - 2)/(6 gamma), 1/(6 gamma)), so e = m - m_hat = -((2 + sqrt 2)/6, 5/3 + sqrt 2,
/// (2 + sqrt 2)/6) (the published estimate with its sign reversed). Irrational values to 25 digits.
///
/// Dense output: ode23s's interpolant y(t + theta h) = y + h (theta (1 - theta)/(1 - 2d) k1 + theta (theta - 2d)/
/// (1 - 2d) k2) is exactly the form below with dense[0] = (0, -1/(gamma (1 - 2 gamma)), 0) = (0, -(4 + 3 sqrt 2), 0)
/// and dense[1] = 0 (order 2, for any W).
///
/// unit_tests/reference/rosenbrock_coefficients.py checks these values against the closed forms, the W-method
/// conditions and the Rosenbrock order conditions (order exactly 2, embedded order exactly 3, dense order 2).
struct Rosenbrock23 {
  static constexpr const char* name = "rosenbrock-23";
  static constexpr int stages = 3;
  static constexpr int order = 2;
  static constexpr int embedded_order = 3;
  static constexpr bool w_method = true;
  static constexpr double gamma = 0.2928932188134524755991556;
  static constexpr double a[stages][stages] = {
      {0.0, 0.0, 0.0},
      {1.707106781186547524400844, 0.0, 0.0},
      {3.414213562373095048801689, 3.414213562373095048801689, 0.0},
  };
  static constexpr double C[stages][stages] = {
      {0.0, 0.0, 0.0},
      {-3.414213562373095048801689, 0.0, 0.0},
      {-6.828427124746190097603377, -25.31370849898476039041351, 0.0},
  };
  static constexpr double c[stages] = {0.0, 1.0 / 2.0, 1.0};
  static constexpr double d[stages] = {0.2928932188134524755991556, 0.0, -0.2928932188134524755991556};
  static constexpr double m[stages] = {3.414213562373095048801689, 3.414213562373095048801689, 0.0};
  static constexpr double e[stages] = {-0.5690355937288491748002815, -3.080880229039761715468355,
                                       -0.5690355937288491748002815};
  static constexpr bool has_dense_output = true;
  static constexpr int dense_rows = 2;
  /// Dense output: y(t + theta h) = (1 - theta) y + theta (y_new + (1 - theta) (sum_i dense[0][i] U_i +
  /// theta sum_i dense[1][i] U_i)), 0 <= theta <= 1 (ode23s's interpolant; dense[1] is zero).
  static constexpr double dense[dense_rows][stages] = {
      {0.0, -8.242640687119285146405066, 0.0},
      {0.0, 0.0, 0.0},
  };
};

}  // namespace tableaus
}  // namespace kobie
