/// \file
/// \brief ROS3P, Lang and Verwer's third-order Rosenbrock method for parabolic problems: tableau data.
#pragma once

namespace kobie {
namespace tableaus {

/// \brief J. Lang and J. Verwer (2001), "ROS3P - an accurate third-order Rosenbrock solver designed for parabolic
/// problems", BIT Numer. Math. 41(4):731-738.
///
/// Three stages, order 3 (designed to avoid order reduction on parabolic PDEs), embedded order 2, A-stable with
/// R(inf) = 1 - sqrt 3 ~ -0.73 (not L-stable). Not a W-method: it needs the exact Jacobian.
///
/// Transformed form of Hairer & Wanner (Solving ODEs II, Sect. IV.7): stage i solves (I/(h gamma) - J) U_i =
/// f(t + c_i h, y + sum_{j<i} a_ij U_j) + sum_{j<i} (C_ij / h) U_j + h d_i df/dt; y_new = y + sum m_i U_i; error
/// estimate sum e_i U_i with e = m - m_hat.
///
/// The paper prints 16-digit decimals; they are the values of closed forms in sqrt(3), held here to 25 digits: gamma =
/// (3 + sqrt 3)/6; original coefficients alpha21 = alpha31 = 1, alpha32 = 0, gamma21 = -1, gamma31 = -gamma,
/// gamma32 = 1/2 - 2 gamma, b = (2/3, 0, 1/3), b_hat = (1/3, 1/3, 1/3). Hence a21 = a31 = 1/gamma = 3 - sqrt 3,
/// C21 = 6 sqrt 3 - 12, C31 = -2 sqrt 3, C32 = -sqrt 3, c = (0, 1, 1), d = (gamma, gamma - 1, 1/2 - 2 gamma),
/// m = (2, sqrt(3)/3, 1 - sqrt(3)/3), m_hat = (5 - 5 sqrt(3)/3, 1, 1 - sqrt(3)/3), e = m - m_hat = (5 sqrt(3)/3 - 3,
/// sqrt(3)/3 - 1, 0). No dense output is published for ROS3P.
///
/// unit_tests/reference/rosenbrock_coefficients.py checks these values against the closed forms and the published
/// decimals, and the Rosenbrock order conditions (order exactly 3, embedded order exactly 2).
struct Ros3p {
  static constexpr const char* name = "ros3p";
  static constexpr int stages = 3;
  static constexpr int order = 3;
  static constexpr int embedded_order = 2;
  static constexpr bool w_method = false;
  static constexpr double gamma = 0.7886751345948128822545744;
  static constexpr double a[stages][stages] = {
      {0.0, 0.0, 0.0},
      {1.267949192431122706472554, 0.0, 0.0},
      {1.267949192431122706472554, 0.0, 0.0},
  };
  static constexpr double C[stages][stages] = {
      {0.0, 0.0, 0.0},
      {-1.607695154586736238835322, 0.0, 0.0},
      {-3.464101615137754587054893, -1.732050807568877293527446, 0.0},
  };
  static constexpr double c[stages] = {0.0, 1.0, 1.0};
  static constexpr double d[stages] = {0.7886751345948128822545744, -0.2113248654051871177454256,
                                       -1.077350269189625764509149};
  static constexpr double m[stages] = {2.0, 0.5773502691896257645091488, 0.4226497308103742354908512};
  static constexpr double e[stages] = {-0.1132486540518711774542561, -0.4226497308103742354908512, 0.0};
  static constexpr bool has_dense_output = false;
  /// The residual test after Steinebach's Rodas5Pr (see RosenbrockAlgorithm::residual_error), on the cubic Hermite
  /// interpolant (ROS3P has no dense output of its own): the defect at t + h/2 bounds the step's error too. At rtol =
  /// 1e-6 it takes the Brusselator's final error from 15 to 7.6 and the mixed-stiffness Van der Pol batch's from 19 to
  /// 2.3 (rtol |ref| + atol).
  static constexpr bool residual_test = true;
};

}  // namespace tableaus
}  // namespace kobie
