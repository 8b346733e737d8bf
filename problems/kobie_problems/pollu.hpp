/// \file
/// \brief POLLU, the 20-species chemistry of an air-pollution model, with its analytic Jacobian (the stiff benchmarks'
/// and the stiff reference tests' problem).
///
/// Sources: J. G. Verwer, "Gauss–Seidel iteration for stiff ODEs from chemical kinetics", SIAM J. Sci. Comput. 15
/// (1994) 1243–1250; F. Mazzia, C. Magherini, "Test Set for Initial Value Problem Solvers", release 2.4, University of
/// Bari 2008 (problem POLLU).
#pragma once

#include <Kokkos_Macros.hpp>

namespace kobie_problems {

/// \brief POLLU, the chemistry of an air-pollution model (Verwer 1994; Bari test set "POLLU"): 20 species, 25
/// reactions, on [0, 60].
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
  /// \brief The nominal k1 multiplier.
  static constexpr double default_parameters[n_parameters] = {1.0};
  /// \brief Verwer's initial concentrations.
  static constexpr double default_initial[n_states] = {0.0, 0.2, 0.0, 0.04, 0.0, 0.0, 0.1,   0.3, 0.01, 0.0,
                                                       0.0, 0.0, 0.0, 0.0,  0.0, 0.0, 0.007, 0.0, 0.0,  0.0};
  /// \brief The end of the classic interval [0, 60].
  static constexpr double t_end = 60.0;

  /// \brief The right-hand side f = S r(y).
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    Real r[n_reactions];
    rates(y, p[0], r);
    net_change(r, f);
  }

  /// \brief The analytic Jacobian, row-major (J[i * n_states + j] = ∂f_i/∂y_j).
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

}  // namespace kobie_problems
