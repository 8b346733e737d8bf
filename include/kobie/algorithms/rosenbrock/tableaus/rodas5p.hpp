/// \file
/// \brief Steinebach's Rodas5P, a stiffly accurate Rosenbrock method of order 5(4) with dense output: tableau data.
#pragma once

namespace kobie {
namespace tableaus {

/// \brief G. Steinebach (2023), "Construction of Rosenbrock-Wanner method Rodas5P and numerical benchmarks within the
/// Julia Differential Equations package", BIT Numer. Math. 63(2):27, doi:10.1007/s10543-023-00967-x.
///
/// Eight stages, order 5, embedded order 4, stiffly accurate (R(inf) = 0, also for the embedded solution). Stages 6-8
/// are evaluated at t + h: stage 7's point is stage 6's point + U6, stage 8's is stage 7's + U7 = the embedded
/// solution, and y_new = that point + U8, so the error estimate is U8 (e = (0, ..., 0, 1)). Order 5 needs the exact
/// Jacobian; with an approximate one y_new still has order 2 (it satisfies the W-method conditions of order 2).
///
/// Transformed form of Hairer & Wanner (Solving ODEs II, Sect. IV.7): stage i solves (I/(h gamma) - J) U_i =
/// f(t + c_i h, y + sum_{j<i} a_ij U_j) + sum_{j<i} (C_ij / h) U_j + h d_i df/dt; y_new = y + sum m_i U_i; error
/// estimate sum e_i U_i with e = m - m_hat.
///
/// Values: the 16-17 digit coefficients of the method as published by its author (the paper's transformed
/// coefficients, as implemented in OrdinaryDiffEq.jl); a21 = 3 is exact. m is the last row of a followed by 1.
///
/// Dense output (order 4): three rows.
///
/// unit_tests/reference/rosenbrock_coefficients.py checks the Rosenbrock order conditions (order exactly 5, embedded
/// order exactly 4, dense output order 4) and the consistency of c and d with a and C.
struct Rodas5p {
  static constexpr const char* name = "rodas5p";
  static constexpr int stages = 8;
  static constexpr int order = 5;
  static constexpr int embedded_order = 4;
  static constexpr bool w_method = false;
  static constexpr double gamma = 0.21193756319429014;
  static constexpr double a[stages][stages] = {
      {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {2.849394379747939, 0.45842242204463923, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {-6.954028509809101, 2.489845061869568, -10.358996098473584, 0.0, 0.0, 0.0, 0.0, 0.0},
      {2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641, 0.0, 0.0, 0.0, 0.0},
      {-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256, 0.030198172008377946, 0.0, 0.0,
       0.0},
      {-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256, 0.030198172008377946, 1.0, 0.0,
       0.0},
      {-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256, 0.030198172008377946, 1.0, 1.0,
       0.0},
  };
  static constexpr double C[stages][stages] = {
      {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {-14.155112264123755, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {-17.97296035885952, -2.859693295451294, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
      {147.12150275711716, -1.41221402718213, 71.68940251302358, 0.0, 0.0, 0.0, 0.0, 0.0},
      {165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306, 0.0, 0.0, 0.0, 0.0},
      {24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125, -0.6610691825249471, 0.0, 0.0,
       0.0},
      {30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783, -19.097331116725623,
       -28.087943162872662, 0.0, 0.0},
      {37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047, -40.06618937091002,
       -54.66780262877968, -9.48861652309627, 0.0},
  };
  static constexpr double c[stages] = {
      0.0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716, 0.4288403609558664, 1.0, 1.0, 1.0,
  };
  static constexpr double d[stages] = {
      0.21193756319429014,
      -0.42387512638858027,
      -0.3384627126235924,
      1.8046452872882734,
      2.325825639765069,
      0.0,
      0.0,
      0.0,
  };
  static constexpr double m[stages] = {
      -7.502846399306121,
      2.561846144803919,
      -11.627539656261098,
      -0.18268767659942256,
      0.030198172008377946,
      1.0,
      1.0,
      1.0,
  };
  static constexpr double e[stages] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0};
  /// The residual test of Steinebach's Rodas5Pr (JuliaCon proceedings 2024; see RosenbrockAlgorithm::residual_error):
  /// the dense output's defect at t + h/2 bounds the step's error too. On the Brusselator at rtol = 1e-6 it takes the
  /// final error from 48 to 9 (rtol |ref| + atol) for 3% more steps.
  static constexpr bool residual_test = true;
  static constexpr bool has_dense_output = true;
  static constexpr int dense_rows = 3;
  /// Dense output: y(t + theta h) = (1 - theta) y + theta (y_new + (1 - theta) (sum_i dense[0][i] U_i +
  /// theta sum_i dense[1][i] U_i + theta^2 sum_i dense[2][i] U_i)), 0 <= theta <= 1.
  static constexpr double dense[dense_rows][stages] = {
      {25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204, 0.524948541321073,
       1.1241088310450404, 0.4272876194431874, -0.17202221070155493},
      {-9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796, 20.176138334709044,
       15.98066361424651, -6.789040303419874, -6.710236069923372},
      {11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643, -52.072871366152654,
       -59.78993625266729, -0.15582684282751913, 4.883087185713722},
  };
};

}  // namespace tableaus
}  // namespace kobie
