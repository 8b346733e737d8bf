/// \file
/// \brief Stiff reference problems with analytic Jacobians, shared by the implicit-solver tests.
///
/// Every System has the usual `rhs`, an analytic dense `jacobian` (row-major, J[i * n_states + j] = ∂f_i/∂y_j), and
/// for the tests' convenience `default_parameters`, `default_initial` and `t_end` (the classic interval). Reference
/// final states (scipy Radau at rtol 1e-12, checked against BDF, LSODA and the published values) are in
/// reference/stiff_refs.hpp, made by reference/make_stiff_refs.py; reference/README.md describes them.
///
/// Sources: E. Hairer, G. Wanner, "Solving Ordinary Differential Equations II", 2nd ed., Springer 1996 (ODE II);
/// F. Mazzia, C. Magherini, "Test Set for Initial Value Problem Solvers", release 2.4, University of Bari 2008
/// (the Bari test set).
#pragma once

#include "kobie/core/compat.hpp"

namespace kobie_test {

/// \brief Robertson's chemical kinetics (ODE II sec. IV.1, eq. 1.3; Bari test set "ROBER"):
///
///     y1' = -k1 y1 + k3 y2 y3
///     y2' =  k1 y1 - k3 y2 y3 - k2 y2²
///     y3' =  k2 y2²
///
/// with (k1, k2, k3) = (0.04, 3e7, 1e4) and y(0) = (1, 0, 0). y1 + y2 + y3 = 1 is conserved; y2 stays near 1e-5 while
/// the eigenvalues reach about -1e4, so explicit methods need ~1e4 steps per unit time.
struct Robertson {
  static constexpr int n_states = 3;
  static constexpr int n_parameters = 3;
  static constexpr const char* state_names[n_states] = {"y1", "y2", "y3"};
  static constexpr const char* parameter_names[n_parameters] = {"k1", "k2", "k3"};
  static constexpr double default_parameters[n_parameters] = {0.04, 3.0e7, 1.0e4};
  static constexpr double default_initial[n_states] = {1.0, 0.0, 0.0};
  static constexpr double t_end = 40.0;  // the references also cover t = 1e5

  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    const Real slow = p[0] * y[0];         // y1 -> y2
    const Real fast = p[1] * y[1] * y[1];  // 2 y2 -> y2 + y3
    const Real back = p[2] * y[1] * y[2];  // y2 + y3 -> y1 + y3
    f[0] = -slow + back;
    f[1] = slow - back - fast;
    f[2] = fast;
  }

  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real* y, const Real* p, const Real*, Real* J) const {
    const Real k1 = p[0], k2 = p[1], k3 = p[2];
    J[0] = -k1;
    J[1] = k3 * y[2];
    J[2] = k3 * y[1];
    J[3] = k1;
    J[4] = -Real(2) * k2 * y[1] - k3 * y[2];
    J[5] = -k3 * y[1];
    J[6] = Real(0);
    J[7] = Real(2) * k2 * y[1];
    J[8] = Real(0);
  }
};

/// \brief Van der Pol's oscillator x'' - mu (1 - x²) x' + x = 0 in the plain (unscaled) form:
///
///     y1' = y2
///     y2' = mu (1 - y1²) y2 - y1
///
/// Stiff for large mu: on the slow branches the fast eigenvalue is about mu (1 - y1²) (≈ -3 mu at y1 = 2) and the
/// period about (3 - 2 ln 2) mu. With mu = 1000 on [0, 2000] from (2, 0) it is the Bari test set's "VDPOL"
/// (y2' = ((1 - y1²) y2 - y1) / eps, eps = 1/mu² = 1e-6, on [0, 2]; ODE II sec. IV.1, eq. 1.5') in unscaled time
/// t = mu τ: their y1 is y1 here and their y2 is mu times y2 here. (Not the same equations as VanDerPol in
/// TestSystems.hpp, whose mu also multiplies y1.)
struct StiffVanDerPol {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 1;
  static constexpr const char* state_names[n_states] = {"y1", "y2"};
  static constexpr const char* parameter_names[n_parameters] = {"mu"};
  static constexpr double default_parameters[n_parameters] = {1000.0};
  static constexpr double default_initial[n_states] = {2.0, 0.0};
  static constexpr double t_end = 2000.0;

  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    f[0] = y[1];
    f[1] = p[0] * (Real(1) - y[0] * y[0]) * y[1] - y[0];
  }

  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real* y, const Real* p, const Real*, Real* J) const {
    J[0] = Real(0);
    J[1] = Real(1);
    J[2] = -Real(2) * p[0] * y[0] * y[1] - Real(1);
    J[3] = p[0] * (Real(1) - y[0] * y[0]);
  }
};

/// \brief HIRES, "High Irradiance RESponse" of photomorphogenesis (Schäfer 1975; ODE II sec. IV.10; Bari test set):
///
///     y1' = -1.71 y1 + 0.43 y2 + 8.32 y3 + 0.0007
///     y2' =  1.71 y1 - 8.75 y2
///     y3' = -10.03 y3 + 0.43 y4 + 0.035 y5
///     y4' =  8.32 y2 + 1.71 y3 - 1.12 y4
///     y5' = -1.745 y5 + 0.43 y6 + 0.43 y7
///     y6' = -k y6 y8 + 0.69 y4 + 1.71 y5 - 0.43 y6 + 0.69 y7
///     y7' =  k y6 y8 - 1.81 y7
///     y8' = -k y6 y8 + 1.81 y7
///
/// with k = 280 (the one nonlinear reaction, y6 + y8 -> y7, is the parameter), y(0) = (1, 0, 0, 0, 0, 0, 0, 0.0057)
/// on [0, 321.8122].
struct Hires {
  static constexpr int n_states = 8;
  static constexpr int n_parameters = 1;
  static constexpr const char* state_names[n_states] = {"y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8"};
  static constexpr const char* parameter_names[n_parameters] = {"k"};
  static constexpr double default_parameters[n_parameters] = {280.0};
  static constexpr double default_initial[n_states] = {1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0057};
  static constexpr double t_end = 321.8122;

  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    const Real r = p[0] * y[5] * y[7];
    f[0] = -Real(1.71) * y[0] + Real(0.43) * y[1] + Real(8.32) * y[2] + Real(0.0007);
    f[1] = Real(1.71) * y[0] - Real(8.75) * y[1];
    f[2] = -Real(10.03) * y[2] + Real(0.43) * y[3] + Real(0.035) * y[4];
    f[3] = Real(8.32) * y[1] + Real(1.71) * y[2] - Real(1.12) * y[3];
    f[4] = -Real(1.745) * y[4] + Real(0.43) * y[5] + Real(0.43) * y[6];
    f[5] = -r + Real(0.69) * y[3] + Real(1.71) * y[4] - Real(0.43) * y[5] + Real(0.69) * y[6];
    f[6] = r - Real(1.81) * y[6];
    f[7] = -r + Real(1.81) * y[6];
  }

  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real* y, const Real* p, const Real*, Real* J) const {
    constexpr int n = n_states;
    for (int e = 0; e < n * n; ++e) J[e] = Real(0);
    const Real dr6 = p[0] * y[7];  // ∂r/∂y6 of r = k y6 y8
    const Real dr8 = p[0] * y[5];  // ∂r/∂y8
    J[0 * n + 0] = -Real(1.71);
    J[0 * n + 1] = Real(0.43);
    J[0 * n + 2] = Real(8.32);
    J[1 * n + 0] = Real(1.71);
    J[1 * n + 1] = -Real(8.75);
    J[2 * n + 2] = -Real(10.03);
    J[2 * n + 3] = Real(0.43);
    J[2 * n + 4] = Real(0.035);
    J[3 * n + 1] = Real(8.32);
    J[3 * n + 2] = Real(1.71);
    J[3 * n + 3] = -Real(1.12);
    J[4 * n + 4] = -Real(1.745);
    J[4 * n + 5] = Real(0.43);
    J[4 * n + 6] = Real(0.43);
    J[5 * n + 3] = Real(0.69);
    J[5 * n + 4] = Real(1.71);
    J[5 * n + 5] = -dr6 - Real(0.43);
    J[5 * n + 6] = Real(0.69);
    J[5 * n + 7] = -dr8;
    J[6 * n + 5] = dr6;
    J[6 * n + 6] = -Real(1.81);
    J[6 * n + 7] = dr8;
    J[7 * n + 5] = -dr6;
    J[7 * n + 6] = Real(1.81);
    J[7 * n + 7] = -dr8;
  }
};

/// \brief POLLU, the chemistry of an air-pollution model (Verwer 1994, "Gauss–Seidel iteration for stiff ODEs from
/// chemical kinetics", SIAM J. Sci. Comput. 15; Bari test set): 20 species, 25 reactions, on [0, 60].
///
/// Reaction j (rate constant k_j) runs at r_j = k_j × (product of its reactants); species numbered 1..20:
///
///     r1:  y1 -> y2 + y3        r2:  y2 + y4 -> y1         r3:  y5 + y2 -> y1 + y6    r4:  y7 -> 2 y5 + y8
///     r5:  y7 -> y8             r6:  y7 + y6 -> y5 + y8    r7:  y9 -> y5 + y8 + y10   r8:  y9 + y6 -> y11
///     r9:  y11 + y2 -> y10 + y12 + y1                      r10: y11 + y1 -> y13       r11: y13 -> y11 + y1
///     r12: y10 + y2 -> y14 + y1 r13: y14 -> y7 + y5        r14: y1 + y6 -> y15        r15: y3 -> y4
///     r16: y4 -> y16            r17: y4 -> y3              r18: y16 -> 2 y6           r19: y16 -> y3
///     r20: y17 + y6 -> y18 + y5 r21: y19 -> y2             r22: y19 -> y1 + y3        r23: y1 + y4 -> y19
///     r24: y19 + y1 -> y20      r25: y20 -> y1 + y19
///
///     k1..k25 = 0.35, 26.6, 1.23e4, 8.6e-4, 8.2e-4, 1.5e4, 1.3e-4, 2.4e4, 1.65e4, 9e3, 2.2e-2, 1.2e4, 1.88, 1.63e4,
///               4.8e6, 3.5e-4, 1.75e-2, 1e8, 4.44e11, 1.24e3, 2.1, 5.78, 4.74e-2, 1.78e3, 3.12
///
/// y(0) = 0 except y2 = 0.2, y4 = 0.04, y7 = 0.1, y8 = 0.3, y9 = 0.01, y17 = 0.007. The parameter scales k1 (nominal 1)
/// so that a batch can vary the photolysis rate. f = S r(y) with S the net stoichiometry, so column c of the
/// Jacobian is S ∂r/∂y_c: `jacobian` reuses the stoichiometric sums of `rhs` on the rate derivatives.
struct Pollu {
  static constexpr int n_states = 20;
  static constexpr int n_parameters = 1;
  static constexpr int n_reactions = 25;
  static constexpr const char* state_names[n_states] = {"y1",  "y2",  "y3",  "y4",  "y5",  "y6",  "y7",
                                                        "y8",  "y9",  "y10", "y11", "y12", "y13", "y14",
                                                        "y15", "y16", "y17", "y18", "y19", "y20"};
  static constexpr const char* parameter_names[n_parameters] = {"k1_scale"};
  static constexpr double default_parameters[n_parameters] = {1.0};
  static constexpr double default_initial[n_states] = {0.0, 0.2, 0.0, 0.04, 0.0, 0.0, 0.1,   0.3, 0.01, 0.0,
                                                       0.0, 0.0, 0.0, 0.0,  0.0, 0.0, 0.007, 0.0, 0.0,  0.0};
  static constexpr double t_end = 60.0;

  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    Real r[n_reactions];
    rates(y, p[0], r);
    net_change(r, f);
  }

  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real* y, const Real* p, const Real*, Real* J) const {
    Real dr[n_reactions];
    Real column[n_states];
    for (int c = 0; c < n_states; ++c) {
      rate_derivatives(y, p[0], c, dr);
      net_change(dr, column);
      for (int i = 0; i < n_states; ++i) J[i * n_states + c] = column[i];
    }
  }

  /// \brief The 25 reaction rates r_j = k_j y_a (y_b); k1 is multiplied by `k1_scale`.
  template <class Real>
  KOKKOS_INLINE_FUNCTION static void rates(const Real* y, Real k1_scale, Real* r) {
    r[0] = k1_scale * Real(0.35) * y[0];
    r[1] = Real(26.6) * y[1] * y[3];
    r[2] = Real(1.23e4) * y[4] * y[1];
    r[3] = Real(8.6e-4) * y[6];
    r[4] = Real(8.2e-4) * y[6];
    r[5] = Real(1.5e4) * y[6] * y[5];
    r[6] = Real(1.3e-4) * y[8];
    r[7] = Real(2.4e4) * y[8] * y[5];
    r[8] = Real(1.65e4) * y[10] * y[1];
    r[9] = Real(9.0e3) * y[10] * y[0];
    r[10] = Real(2.2e-2) * y[12];
    r[11] = Real(1.2e4) * y[9] * y[1];
    r[12] = Real(1.88) * y[13];
    r[13] = Real(1.63e4) * y[0] * y[5];
    r[14] = Real(4.8e6) * y[2];
    r[15] = Real(3.5e-4) * y[3];
    r[16] = Real(1.75e-2) * y[3];
    r[17] = Real(1.0e8) * y[15];
    r[18] = Real(4.44e11) * y[15];
    r[19] = Real(1.24e3) * y[16] * y[5];
    r[20] = Real(2.1) * y[18];
    r[21] = Real(5.78) * y[18];
    r[22] = Real(4.74e-2) * y[0] * y[3];
    r[23] = Real(1.78e3) * y[18] * y[0];
    r[24] = Real(3.12) * y[19];
  }

  /// \brief ∂r_j/∂y_c for every reaction j: the rates above differentiated along the unit vector e_c.
  template <class Real>
  KOKKOS_INLINE_FUNCTION static void rate_derivatives(const Real* y, Real k1_scale, int c, Real* dr) {
    // d(y_a) = 1 when a == c; d(y_a y_b) = d(y_a) y_b + y_a d(y_b)
    auto d = [c](int a) { return a == c ? Real(1) : Real(0); };
    auto d2 = [&](int a, int b) { return d(a) * y[b] + y[a] * d(b); };
    dr[0] = k1_scale * Real(0.35) * d(0);
    dr[1] = Real(26.6) * d2(1, 3);
    dr[2] = Real(1.23e4) * d2(4, 1);
    dr[3] = Real(8.6e-4) * d(6);
    dr[4] = Real(8.2e-4) * d(6);
    dr[5] = Real(1.5e4) * d2(6, 5);
    dr[6] = Real(1.3e-4) * d(8);
    dr[7] = Real(2.4e4) * d2(8, 5);
    dr[8] = Real(1.65e4) * d2(10, 1);
    dr[9] = Real(9.0e3) * d2(10, 0);
    dr[10] = Real(2.2e-2) * d(12);
    dr[11] = Real(1.2e4) * d2(9, 1);
    dr[12] = Real(1.88) * d(13);
    dr[13] = Real(1.63e4) * d2(0, 5);
    dr[14] = Real(4.8e6) * d(2);
    dr[15] = Real(3.5e-4) * d(3);
    dr[16] = Real(1.75e-2) * d(3);
    dr[17] = Real(1.0e8) * d(15);
    dr[18] = Real(4.44e11) * d(15);
    dr[19] = Real(1.24e3) * d2(16, 5);
    dr[20] = Real(2.1) * d(18);
    dr[21] = Real(5.78) * d(18);
    dr[22] = Real(4.74e-2) * d2(0, 3);
    dr[23] = Real(1.78e3) * d2(18, 0);
    dr[24] = Real(3.12) * d(19);
  }

  /// \brief f = S r: the net production of every species from the reaction rates r (or their derivatives).
  template <class Real>
  KOKKOS_INLINE_FUNCTION static void net_change(const Real* r, Real* f) {
    f[0] = -r[0] - r[9] - r[13] - r[22] - r[23] + r[1] + r[2] + r[8] + r[10] + r[11] + r[21] + r[24];
    f[1] = -r[1] - r[2] - r[8] - r[11] + r[0] + r[20];
    f[2] = -r[14] + r[0] + r[16] + r[18] + r[21];
    f[3] = -r[1] - r[15] - r[16] - r[22] + r[14];
    f[4] = -r[2] + Real(2) * r[3] + r[5] + r[6] + r[12] + r[19];
    f[5] = -r[5] - r[7] - r[13] - r[19] + r[2] + Real(2) * r[17];
    f[6] = -r[3] - r[4] - r[5] + r[12];
    f[7] = r[3] + r[4] + r[5] + r[6];
    f[8] = -r[6] - r[7];
    f[9] = -r[11] + r[6] + r[8];
    f[10] = -r[8] - r[9] + r[7] + r[10];
    f[11] = r[8];
    f[12] = -r[10] + r[9];
    f[13] = -r[12] + r[11];
    f[14] = r[13];
    f[15] = -r[17] - r[18] + r[15];
    f[16] = -r[19];
    f[17] = r[19];
    f[18] = -r[20] - r[21] - r[23] + r[22] + r[24];
    f[19] = -r[24] + r[23];
  }
};

/// \brief The Brusselator with a stiff third species (the "ark_brusselator" example of SUNDIALS' ARKode, D. R.
/// Reynolds; test 2 there):
///
///     u' = a - (w + 1) u + v u²
///     v' = w u - v u²
///     w' = (b - w) / eps - w u
///
/// with (a, b, eps) = (1, 3.5, 5e-6) and (u, v, w)(0) = (1.2, 3.1, 3) on [0, 10]. w relaxes to ≈ b within a few eps
/// (eigenvalue ≈ -1/eps - u ≈ -2e5) and then follows it; u and v move on the O(1) time scale of the classic
/// Brusselator (a limit cycle for b > 1 + a², with a sharp but smooth swing of u and v near t ≈ 6.8 for the nominal
/// parameters). a and b may vary per run.
struct Brusselator {
  static constexpr int n_states = 3;
  static constexpr int n_parameters = 3;
  static constexpr const char* state_names[n_states] = {"u", "v", "w"};
  static constexpr const char* parameter_names[n_parameters] = {"a", "b", "eps"};
  static constexpr double default_parameters[n_parameters] = {1.0, 3.5, 5.0e-6};
  static constexpr double default_initial[n_states] = {1.2, 3.1, 3.0};
  static constexpr double t_end = 10.0;

  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    const Real u = y[0], v = y[1], w = y[2];
    f[0] = p[0] - (w + Real(1)) * u + v * u * u;
    f[1] = w * u - v * u * u;
    f[2] = (p[1] - w) / p[2] - w * u;
  }

  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real* y, const Real* p, const Real*, Real* J) const {
    const Real u = y[0], v = y[1], w = y[2];
    J[0] = Real(2) * u * v - (w + Real(1));
    J[1] = u * u;
    J[2] = -u;
    J[3] = w - Real(2) * u * v;
    J[4] = -u * u;
    J[5] = u;
    J[6] = -w;
    J[7] = Real(0);
    J[8] = -Real(1) / p[2] - u;
  }
};

}  // namespace kobie_test
