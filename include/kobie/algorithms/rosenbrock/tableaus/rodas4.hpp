/// \file
/// \brief Hairer and Wanner's RODAS4, a stiffly accurate Rosenbrock method of order 4(3) with dense output: tableau
/// data.
#pragma once

namespace kobie {
namespace tableaus {

/// \brief E. Hairer and G. Wanner (1996), Solving Ordinary Differential Equations II: Stiff and Differential-Algebraic
/// Problems, 2nd ed., Springer, Sect. IV.7 (and VI.4): the method of their code RODAS (coefficient set 1).
///
/// Six stages, gamma = 1/4, order 4, embedded order 3, stiffly accurate and L-stable (R(inf) = 0), as is the embedded
/// solution. Stages 5 and 6 are evaluated at t + h: y_hat = y + sum_{j<5} a_5j U_j + U5 is the embedded solution and
/// the stage-6 point, y_new = y_hat + U6, so the error estimate is U6 (e = (0, 0, 0, 0, 0, 1)).
///
/// Transformed form of Hairer & Wanner (Sect. IV.7): stage i solves (I/(h gamma) - J) U_i = f(t + c_i h, y +
/// sum_{j<i} a_ij U_j) + sum_{j<i} (C_ij / h) U_j + h d_i df/dt; y_new = y + sum m_i U_i; error estimate sum e_i U_i
/// with e = m - m_hat.
///
/// Values: the 16-digit coefficients of RODAS (rodas.f, subroutine ROCOE, METH = 1); the short ones (c, d1-d3, a21,
/// C21, gamma) are the exact decimals printed there, written as rationals. d4 is the code's -0.3620000000000023e-1
/// (a computed value; -0.0362 to 4 digits). m is the last row of a followed by 1 (stiff accuracy).
///
/// Dense output (order 3): rodas.f's continuous output, rows D2j and D3j.
///
/// unit_tests/reference/rosenbrock_coefficients.py checks the Rosenbrock order conditions (order exactly 4, embedded
/// order exactly 3, dense output order 3) and the consistency of c and d with a and C.
struct Rodas4 {
  static constexpr const char* name = "rodas4";
  static constexpr int stages = 6;
  static constexpr int order = 4;
  static constexpr int embedded_order = 3;
  static constexpr bool w_method = false;
  static constexpr double gamma = 1.0 / 4.0;
  static constexpr double a[stages][stages] = {
      {0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {193.0 / 125.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {0.9466785280815826, 0.2557011698983284, 0.0, 0.0, 0.0, 0.0},
      {3.314825187068521, 2.896124015972201, 0.9986419139977817, 0.0, 0.0, 0.0},
      {1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950, 0.0, 0.0},
      {1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950, 1.0, 0.0},
  };
  static constexpr double C[stages][stages] = {
      {0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {-3543.0 / 625.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {-2.430093356833875, -0.2063599157091915, 0.0, 0.0, 0.0, 0.0},
      {-0.1073529058151375, -9.594562251023355, -20.47028614809616, 0.0, 0.0, 0.0},
      {7.496443313967647, -10.24680431464352, -33.99990352819905, 11.70890893206160, 0.0, 0.0},
      {8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054, 0.0},
  };
  static constexpr double c[stages] = {0.0, 193.0 / 500.0, 21.0 / 100.0, 63.0 / 100.0, 1.0, 1.0};
  static constexpr double d[stages] = {1.0 / 4.0, -1043.0 / 10000.0, 207.0 / 2000.0, -0.03620000000000023, 0.0, 0.0};
  static constexpr double m[stages] = {
      1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950, 1.0, 1.0,
  };
  static constexpr double e[stages] = {0.0, 0.0, 0.0, 0.0, 0.0, 1.0};
  static constexpr bool has_dense_output = true;
  static constexpr int dense_rows = 2;
  /// Dense output: y(t + theta h) = (1 - theta) y + theta (y_new + (1 - theta) (sum_i dense[0][i] U_i +
  /// theta sum_i dense[1][i] U_i)), 0 <= theta <= 1.
  static constexpr double dense[dense_rows][stages] = {
      {10.12623508344586, -7.487995877610167, -34.80091861555747, -7.992771707568823, 1.025137723295662, 0.0},
      {-0.6762803392801253, 6.087714651680015, 16.43084320892478, 24.76722511418386, -6.594389125716872, 0.0},
  };
};

}  // namespace tableaus
}  // namespace kobie
