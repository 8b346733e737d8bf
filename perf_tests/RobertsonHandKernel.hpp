// The Robertson ensemble of the stiff GPU case (BenchStiffGpu.cpp) and its peer: a hand-written "register-only"
// RODAS5P kernel, one thread per run, every value a scalar or a fixed-size local array indexed only with compile-time
// constants (the 3×3 matrix I − γhJ, its LU factors and the eight stage increments), writing only the final state. It
// follows kobie's RODAS5P step (RosenbrockAlgorithm over tableaus/rodas5p.hpp, dense LU with partial pivoting), the
// residual test, the RMS error norm, the PI controller and the landing rule of kobie's IVP loop, with the same
// operations in the same order, so both take the same steps. Nothing here includes kobie (BenchStiffGpu.cpp checks
// that the coefficients below equal kobie's).
#pragma once

#include <Kokkos_Core.hpp>
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace kobie_gpu_bench {
namespace robertson {

// ---- The ensemble ---------------------------------------------------------------------------------------------------
// Robertson's kinetics from (1, 0, 0) to t = 1e5, (k1, k2, k3) = (0.04, 3e7, 1e4), each scaled by factors log-spaced
// over [0.1, 10] on an a × b × c grid of the N runs, as close to a cube as N allows (k3 varies fastest): the grid of
// kobie's stiff main job (examples/robertson_sweep.cpp). 2^20 runs: 64 × 128 × 128.
constexpr double kNominal[3] = {0.04, 3.0e7, 1.0e4};
constexpr double kT0 = 0.0;
constexpr double kDuration = 1e5;
constexpr double kDt0 = 1e-6;     // initial step
constexpr double kDtMin = 1e-20;  // a rejected step needing less ends the run

/// Tolerances: double rtol = 1e-6 with atol = 1e-10 rtol (the stiff peers' rule, perf_tests/StiffPeers.hpp); float
/// rtol = 1e-4, atol = 1e-8, where single precision can still meet the error test (the unit tests' float Robertson
/// case).
template <class Real>
constexpr double rtol_of() {
  return std::is_same<Real, float>::value ? 1e-4 : 1e-6;
}
template <class Real>
constexpr double atol_of() {
  return std::is_same<Real, float>::value ? 1e-8 : 1e-10 * 1e-6;
}

// The PI controller as kobie runs RODAS5P (`controller = auto` is PI for the Rosenbrock methods; BenchStiffGpu.cpp sets
// these values explicitly on the kobie side too): gain = safety · exp(−(kp' ln e_n + ki' ln e_{n−1})), kp' = kp /
// (2 (p + 1)), ki' = ki / (2 (p + 1)), p = 4, e_{n−1} = e_n until an accepted untruncated step sets it; clamped to
// [min_gain, max_gain], capped at safety after a rejection.
constexpr double kSafety = 0.9;
constexpr double kMinGain = 0.2;
constexpr double kMaxGain = 5.0;
constexpr double kKp = 0.6;
constexpr double kKi = -0.2;
constexpr int kErrorOrder = 4;  // min(order, embedded order) of RODAS5P
constexpr std::int32_t kMaxSteps = 10000000;
constexpr std::int32_t kMaxRejections = 64;

/// The largest divisor of n that is at most `limit` (1 when there is none above 1).
inline int divisor_at_most(int n, double limit) {
  for (int d = static_cast<int>(std::floor(limit + 1e-9)); d > 1; --d) {
    if (n % d == 0) return d;
  }
  return 1;
}

/// The grid's shape for n runs: a × b × c = n.
struct GridShape {
  int a, b, c;
};
inline GridShape grid_shape(int n_runs) {
  const int a = divisor_at_most(n_runs, std::cbrt(static_cast<double>(n_runs)));
  const int b = divisor_at_most(n_runs / a, std::sqrt(static_cast<double>(n_runs / a)));
  return GridShape{a, b, n_runs / a / b};
}

/// nominal · 10^x with x = −1 + 2 i / (count − 1) (the nominal value when count is 1).
inline double scaled(double nominal, int i, int count) {
  return nominal * std::pow(10.0, count > 1 ? -1.0 + 2.0 * i / (count - 1) : 0.0);
}

/// The rate constants of run `run` out of `n_runs` (combinatorial order: k3 fastest, then k2, then k1).
inline void rates_of(int run, int n_runs, double* k) {
  const GridShape g = grid_shape(n_runs);
  k[0] = scaled(kNominal[0], run / (g.b * g.c), g.a);
  k[1] = scaled(kNominal[1], (run / g.c) % g.b, g.b);
  k[2] = scaled(kNominal[2], run % g.c, g.c);
}

// ---- RODAS5P: the values of kobie's tableaus/rodas5p.hpp, as double -------------------------------------------------

namespace rodas5p {
constexpr int kStages = 8;
constexpr double gamma = 0.21193756319429014;
constexpr double a[kStages][kStages] = {
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
constexpr double C[kStages][kStages] = {
    {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {-14.155112264123755, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {-17.97296035885952, -2.859693295451294, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {147.12150275711716, -1.41221402718213, 71.68940251302358, 0.0, 0.0, 0.0, 0.0, 0.0},
    {165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306, 0.0, 0.0, 0.0, 0.0},
    {24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125, -0.6610691825249471, 0.0, 0.0, 0.0},
    {30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783, -19.097331116725623,
     -28.087943162872662, 0.0, 0.0},
    {37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047, -40.06618937091002,
     -54.66780262877968, -9.48861652309627, 0.0},
};
constexpr double m[kStages] = {-7.502846399306121,
                               2.561846144803919,
                               -11.627539656261098,
                               -0.18268767659942256,
                               0.030198172008377946,
                               1.0,
                               1.0,
                               1.0};
constexpr double e[kStages] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0};
constexpr int kDenseRows = 3;
constexpr double dense[kDenseRows][kStages] = {
    {25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204, 0.524948541321073,
     1.1241088310450404, 0.4272876194431874, -0.17202221070155493},
    {-9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796, 20.176138334709044,
     15.98066361424651, -6.789040303419874, -6.710236069923372},
    {11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643, -52.072871366152654,
     -59.78993625266729, -0.15582684282751913, 4.883087185713722},
};
/// The residual test's weights at θ = 1/2 (kobie's DenseMidValue and DenseMidSlope): Σ_k 2^−k dense[k][j] and
/// Σ_k k 2^(1−k) dense[k][j], summed in the same order.
KOKKOS_INLINE_FUNCTION constexpr double mid_value(int j) {
  double s = 0.0, w = 1.0;
  for (int k = 0; k < kDenseRows; ++k, w *= 0.5) s += w * dense[k][j];
  return s;
}
KOKKOS_INLINE_FUNCTION constexpr double mid_slope(int j) {
  double s = 0.0, w = 2.0;
  for (int k = 0; k < kDenseRows; ++k, w *= 0.5) s += k * w * dense[k][j];
  return s;
}
}  // namespace rodas5p

// ---- Helpers: math on every Kokkos version, compile-time loops ------------------------------------------------------

namespace math {
#if KOKKOS_VERSION >= 30700
using Kokkos::exp;
using Kokkos::fabs;
using Kokkos::isfinite;
using Kokkos::log;
#else
using Kokkos::Experimental::exp;
using Kokkos::Experimental::fabs;
using Kokkos::Experimental::isfinite;
using Kokkos::Experimental::log;
#endif
template <class T>
KOKKOS_FORCEINLINE_FUNCTION constexpr T min(T a, T b) {
  return b < a ? b : a;
}
template <class T>
KOKKOS_FORCEINLINE_FUNCTION constexpr T max(T a, T b) {
  return a < b ? b : a;
}
}  // namespace math

/// Calls f(std::integral_constant<int, I>{}) for I = Begin, ..., End − 1: every index it hands out is a compile-time
/// constant, so the local arrays indexed with it stay in registers.
template <int Begin, int End, class F>
KOKKOS_FORCEINLINE_FUNCTION void unrolled(F&& f) {
  if constexpr (Begin < End) {
    f(std::integral_constant<int, Begin>{});
    unrolled<Begin + 1, End>(static_cast<F&&>(f));
  }
}

// ---- Right-hand side and Jacobian: kobie_problems::Robertson, operation by operation --------------------------------

template <class Real>
KOKKOS_FORCEINLINE_FUNCTION void rhs(Real k1, Real k2, Real k3, const Real (&y)[3], Real (&f)[3]) {
  const Real forward = k1 * y[0];
  const Real collision = k2 * y[1] * y[1];
  const Real reverse = k3 * y[1] * y[2];
  f[0] = reverse - forward;
  f[1] = forward - reverse - collision;
  f[2] = collision;
}

template <class Real>
KOKKOS_FORCEINLINE_FUNCTION void jacobian(Real k1, Real k2, Real k3, const Real (&y)[3], Real (&J)[3][3]) {
  J[0][0] = -k1;
  J[0][1] = k3 * y[2];
  J[0][2] = k3 * y[1];
  J[1][0] = k1;
  J[1][1] = -Real(2) * k2 * y[1] - k3 * y[2];
  J[1][2] = -k3 * y[1];
  J[2][0] = Real(0);
  J[2][1] = Real(2) * k2 * y[1];
  J[2][2] = Real(0);
}

// ---- Dense LU of the 3x3 matrix, as kobie's dense_lu_factor / dense_lu_solve ----------------------------------------

/// Factors A in place as P A = L U with partial pivoting (row k swapped with row piv[k] at step k; the diagonal holds
/// the reciprocals 1/u_kk); false when a
/// pivot is non-finite or negligible (|p| ≤ 3 ε · the largest magnitude of its column), as kobie's test. The row
/// swap picks its rows with compile-time indices (one guarded swap per candidate row).
template <class Real>
KOKKOS_FORCEINLINE_FUNCTION bool lu_factor(Real (&A)[3][3], int (&piv)[3]) {
  const Real threshold = Real(3) * Kokkos::Experimental::epsilon<Real>::value;
  bool ok = true;
  unrolled<0, 3>([&](auto K) {
    constexpr int k = decltype(K)::value;
    if (!ok) return;
    int p = k;
    Real pivot_abs = Real(0);
    Real column_scale = Real(0);
    bool finite = true;
    unrolled<0, 3>([&](auto I) {
      constexpr int i = decltype(I)::value;
      const Real v = A[i][k];
      finite = finite && math::isfinite(v);
      const Real v_abs = math::fabs(v);
      column_scale = math::max(column_scale, v_abs);
      if (i >= k && v_abs > pivot_abs) {
        pivot_abs = v_abs;
        p = i;
      }
    });
    piv[k] = p;
    if (!finite || !(pivot_abs > threshold * column_scale)) {
      ok = false;
      return;
    }
    unrolled<k + 1, 3>([&](auto R) {
      constexpr int r = decltype(R)::value;
      if (p == r) {
        unrolled<0, 3>([&](auto J) {
          constexpr int j = decltype(J)::value;
          const Real t = A[k][j];
          A[k][j] = A[r][j];
          A[r][j] = t;
        });
      }
    });
    const Real inv_pivot = Real(1) / A[k][k];
    A[k][k] = inv_pivot;  // the diagonal keeps 1/u_kk, as kobie's
    unrolled<k + 1, 3>([&](auto I) {
      constexpr int i = decltype(I)::value;
      const Real l = A[i][k] * inv_pivot;
      A[i][k] = l;
      if (l != Real(0)) {
        unrolled<k + 1, 3>([&](auto J) {
          constexpr int j = decltype(J)::value;
          A[i][j] -= l * A[k][j];
        });
      }
    });
  });
  return ok;
}

/// x = A⁻¹ b from the factors of lu_factor (x may not alias b: it is written whole).
template <class Real>
KOKKOS_FORCEINLINE_FUNCTION void lu_solve(const Real (&LU)[3][3], const int (&piv)[3], const Real (&b)[3],
                                          Real (&x)[3]) {
  unrolled<0, 3>([&](auto I) { x[decltype(I)::value] = b[decltype(I)::value]; });
  unrolled<0, 3>([&](auto K) {
    constexpr int k = decltype(K)::value;
    unrolled<k + 1, 3>([&](auto R) {
      constexpr int r = decltype(R)::value;
      if (piv[k] == r) {
        const Real t = x[k];
        x[k] = x[r];
        x[r] = t;
      }
    });
  });
  unrolled<1, 3>([&](auto I) {
    constexpr int i = decltype(I)::value;
    Real s = x[i];
    unrolled<0, i>([&](auto J) { s -= LU[i][decltype(J)::value] * x[decltype(J)::value]; });
    x[i] = s;
  });
  unrolled<0, 3>([&](auto I) {
    constexpr int i = 2 - decltype(I)::value;
    Real s = x[i];
    unrolled<i + 1, 3>([&](auto J) { s -= LU[i][decltype(J)::value] * x[decltype(J)::value]; });
    x[i] = s * LU[i][i];
  });
}

/// Σ_{j < Count} Weights::at(j) · u[j][d] over the nonzero compile-time weights, added in order of j (kobie's
/// stage_sum).
template <int Count, class Weights, int d, class Real>
KOKKOS_FORCEINLINE_FUNCTION Real stage_sum(const Real (&u)[rodas5p::kStages][3]) {
  Real s = Real(0);
  unrolled<0, Count>([&](auto J) {
    constexpr int j = decltype(J)::value;
    constexpr double w = Weights::at(j);
    if constexpr (w != 0.0) s += Real(w) * u[j][d];
  });
  return s;
}

// ---- The kernel -----------------------------------------------------------------------------------------------------

/// RODAS5P with kobie's PI controller on Robertson's kinetics, one run per thread. Inputs: (run, state) initial values
/// and (run, parameter) rate constants; output: the (run, state) final state. With Count, each run's accepted and
/// rejected steps and a failure flag too (the untimed check); without, only the final state is written.
///
/// Per attempt, as kobie's RosenbrockAlgorithm with dense LU: f(t, y) and J(t, y) (recomputed after a rejection too:
/// y has not changed, so they are the same values kobie keeps), W = I − (h γ) J factored, then for each stage i
/// U_i = W⁻¹ (γh f(t + c_i h, y + Σ a_ij U_j) + γ Σ C_ij U_j) (∂f/∂t = 0: Robertson is autonomous; kobie's forward
/// difference in t gives exactly 0); y_new = y + Σ m_i U_i; the estimate U_8 raised by the residual test to
/// max(|U_8|, |W⁻¹ h r|), r the dense output's defect at t + h/2. nrm2 = mean over states of (est_i / (atol + rtol
/// max(|y_new,i|, |y_i|)))², accepted when ≤ 1; a step ending within 0.1 % of dt of t_end, or past it, lands on it
/// and leaves dt unchanged when accepted.
template <class Real, class MemorySpace, bool Count = false>
struct HandRodas5p {
  Kokkos::View<const Real**, MemorySpace> y0;
  Kokkos::View<const Real**, MemorySpace> params;
  Kokkos::View<Real**, MemorySpace> y_final;
  Kokkos::View<std::int32_t*, MemorySpace> accepted;  ///< Count only
  Kokkos::View<std::int32_t*, MemorySpace> rejected;  ///< Count only
  Kokkos::View<std::int32_t*, MemorySpace> failed;    ///< Count only: 1 when the run ended early

  Real t0 = Real(kT0);
  Real t_end = Real(kT0 + kDuration);
  Real dt0 = Real(kDt0);
  Real dt_min = Real(kDtMin);
  Real atol = Real(atol_of<Real>());
  Real rtol = Real(rtol_of<Real>());
  Real safety = Real(kSafety);
  Real min_gain = Real(kMinGain);
  Real max_gain = Real(kMaxGain);
  Real expo_p = Real(kKp / (2.0 * (kErrorOrder + 1)));
  Real expo_i = Real(kKi / (2.0 * (kErrorOrder + 1)));

  // Weights of the stage sums (rows of a and C, m, e, the residual test's value and slope at θ = 1/2).
  template <int i>
  struct RowOfA {
    KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return rodas5p::a[i][j]; }
  };
  template <int i>
  struct RowOfC {
    KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return rodas5p::C[i][j]; }
  };
  struct Weights {
    KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return rodas5p::m[j]; }
  };
  struct ErrorWeights {
    KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return rodas5p::e[j]; }
  };
  struct MidValue {
    KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return rodas5p::mid_value(j); }
  };
  struct MidSlope {
    KOKKOS_INLINE_FUNCTION static constexpr double at(int j) { return rodas5p::mid_slope(j); }
  };

  /// One attempt of size h from y: y_new and the scaled mean-square error nrm2 (infinite when W is singular).
  KOKKOS_FORCEINLINE_FUNCTION Real attempt(Real k1, Real k2, Real k3, Real h, const Real (&y)[3],
                                           Real (&y_new)[3]) const {
    constexpr int kStages = rodas5p::kStages;
    Real f0[3];
    rhs(k1, k2, k3, y, f0);
    Real W[3][3];
    jacobian(k1, k2, k3, y, W);
    const Real s = h * Real(rodas5p::gamma);
    unrolled<0, 3>([&](auto I) {
      constexpr int i = decltype(I)::value;
      unrolled<0, 3>([&](auto J) {
        constexpr int j = decltype(J)::value;
        W[i][j] = (i == j ? Real(1) : Real(0)) - s * W[i][j];
      });
    });
    int piv[3];
    if (!lu_factor(W, piv)) return Kokkos::Experimental::infinity<Real>::value;

    const Real g = Real(rodas5p::gamma);
    const Real gh = g * h;
    Real u[kStages][3];
    unrolled<0, kStages>([&](auto I) {
      constexpr int i = decltype(I)::value;
      Real f[3];
      if constexpr (i == 0) {
        unrolled<0, 3>([&](auto D) { f[decltype(D)::value] = f0[decltype(D)::value]; });
      } else {
        Real ys[3];
        unrolled<0, 3>([&](auto D) {
          constexpr int d = decltype(D)::value;
          ys[d] = y[d] + stage_sum<i, RowOfA<i>, d>(u);
        });
        rhs(k1, k2, k3, ys, f);
      }
      Real r[3];
      unrolled<0, 3>([&](auto D) {
        constexpr int d = decltype(D)::value;
        r[d] = gh * f[d] + g * stage_sum<i, RowOfC<i>, d>(u);
      });
      lu_solve(W, piv, r, u[i]);
    });

    Real err[3];
    unrolled<0, 3>([&](auto D) {
      constexpr int d = decltype(D)::value;
      y_new[d] = y[d] + stage_sum<kStages, Weights, d>(u);
      err[d] = stage_sum<kStages, ErrorWeights, d>(u);
    });

    // The residual test (kobie's RosenbrockAlgorithm::residual_error with dense output).
    Real y_mid[3];
    unrolled<0, 3>([&](auto D) {
      constexpr int d = decltype(D)::value;
      y_mid[d] = Real(0.5) * (y[d] + y_new[d]) + Real(0.25) * stage_sum<kStages, MidValue, d>(u);
    });
    Real hr[3];
    rhs(k1, k2, k3, y_mid, hr);
    unrolled<0, 3>([&](auto D) {
      constexpr int d = decltype(D)::value;
      hr[d] = (y_new[d] - y[d]) + Real(0.25) * stage_sum<kStages, MidSlope, d>(u) - h * hr[d];
    });
    Real filtered[3];
    lu_solve(W, piv, hr, filtered);

    Real sum = Real(0);
    unrolled<0, 3>([&](auto D) {
      constexpr int d = decltype(D)::value;
      const Real est = math::max(math::fabs(err[d]), math::fabs(filtered[d]));
      const Real scale = atol + rtol * math::max(math::fabs(y_new[d]), math::fabs(y[d]));
      const Real q = est / scale;
      sum += q * q;
    });
    return sum / Real(3);
  }

  KOKKOS_INLINE_FUNCTION void operator()(const int run) const {
    const Real k1 = params(run, 0), k2 = params(run, 1), k3 = params(run, 2);
    Real y[3] = {y0(run, 0), y0(run, 1), y0(run, 2)};
    Real t = t0, dt = dt0;
    Real log_prev = Real(0);  // ln e of the last accepted untruncated step
    bool has_prev = false;
    std::int32_t n_accepted = 0, n_rejected = 0, consecutive_rejections = 0;
    bool ok = true;
    while (t < t_end) {
      if (n_accepted + n_rejected >= kMaxSteps) {
        ok = false;
        break;
      }
      Real h = dt;
      Real t_next = t + h;
      if (t_next >= t_end - Real(1e-3) * h) {  // land exactly on t_end
        h = t_end - t;
        t_next = t_end;
      }
      const bool truncated = h < dt;
      Real y_new[3];
      const Real nrm2 = attempt(k1, k2, k3, h, y, y_new);
      const bool accept = nrm2 <= Real(1);  // false for NaN
      if (accept) {
        if (!(math::isfinite(y_new[0]) && math::isfinite(y_new[1]) && math::isfinite(y_new[2])) || !(t_next > t)) {
          ok = false;
          break;
        }
        y[0] = y_new[0];
        y[1] = y_new[1];
        y[2] = y_new[2];
        t = t_next;
        ++n_accepted;
        consecutive_rejections = 0;
      } else {
        ++n_rejected;
        if (++consecutive_rejections >= kMaxRejections) {
          ok = false;
          break;
        }
      }

      // PI controller.
      const Real e =
          math::isfinite(nrm2) ? math::max(nrm2, Real(1e-30)) : Kokkos::Experimental::finite_max<Real>::value;
      const Real le = math::log(e);
      Real exponent = expo_p * le;
      exponent += expo_i * (has_prev ? log_prev : le);
      if (accept && !truncated) {
        log_prev = le;
        has_prev = true;
      }
      Real gain = safety * math::exp(-exponent);
      gain = gain < min_gain ? min_gain : (max_gain < gain ? max_gain : gain);
      if (!accept) gain = math::min(gain, safety);  // a rejected step always shrinks
      if (!(accept && truncated)) {                 // a step shortened to land on t_end says nothing of the natural dt
        Real dt_new = h * gain;
        if (dt_new < dt_min) {
          if (!accept) {
            ok = false;
            break;
          }
          dt_new = dt_min;
        }
        dt = dt_new;
      }
    }
    y_final(run, 0) = y[0];
    y_final(run, 1) = y[1];
    y_final(run, 2) = y[2];
    if constexpr (Count) {
      accepted(run) = n_accepted;
      rejected(run) = n_rejected;
      failed(run) = ok ? 0 : 1;
    }
  }
};

}  // namespace robertson
}  // namespace kobie_gpu_bench
