// Device-side linear solvers, one system per thread: dense LU (hand-computed solutions, a known inverse, singular and
// non-finite matrices), the preconditioners (against their series written out on the host), and every Krylov method
// with every preconditioner on small SPD and non-symmetric systems against a direct solve, with the error bounded
// through the tolerance; then the failure paths (iterations exceeded, BiCGSTAB and GMRES breakdowns, an indefinite
// matrix for steepest descent) and the independence of threads in one kernel.
//
// Every system runs through one kernel (LinearSolveKernel): it copies the matrix into thread-local storage in the
// working precision, factors it with dense_lu_factor, and runs the Krylov method of the case on a NaN-poisoned
// workspace of exactly the advertised size, followed by guard values that must survive.
#include <gtest/gtest.h>

#include <Kokkos_Core.hpp>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie/linear/dense_lu.hpp"
#include "kobie/linear/krylov.hpp"
#include "kobie/linear/linear_operator.hpp"
#include "kobie/linear/linear_outcome.hpp"
#include "kobie/linear/preconditioners.hpp"

namespace {

using LinExec = TEST_EXECSPACE;
namespace st = kobie::status;
using kobie::LinearSolverKind;

constexpr int kMaxM = 8;       // largest system of these tests
constexpr int kGuard = 8;      // guard Reals after each workspace
constexpr int kWorkCap = 256;  // thread-local workspace capacity (Krylov + guard + Neumann + guard)
static_assert(kobie::gmres_workspace_size(kMaxM, kMaxM) + kobie::neumann_preconditioner_workspace_size(kMaxM, 3) +
                      2 * kGuard <=
                  kWorkCap,
              "workspace capacity");

// Preconditioner of a case.
enum PrecKind : int { prec_none = 0, prec_jacobi = 1, prec_neumann = 2, prec_exact_lu = 3, prec_neumann_unit = 4 };

// One linear system and how to solve it.
struct LinearCase {
  int m = 0;
  std::vector<double> A;   // row-major m×m
  std::vector<double> b;   // m
  std::vector<double> x0;  // m, initial guess (empty: zero)
  LinearSolverKind method = LinearSolverKind::gmres;
  int prec = prec_none;
  int neumann_order = 0;
  double tolerance = 1e-10;
  int max_iters = 200;
  int restart = 0;
};

// What the kernel reports for one case.
struct LinearResult {
  std::vector<double> x;     // Krylov solution
  std::vector<double> x_lu;  // dense LU solution in the working precision (when lu_status is success)
  int iterations = -1;
  kobie::StatusBits status = 0;
  kobie::StatusBits lu_status = 0;
  bool guards_intact = false;
};

template <class Real>
struct LinearSolveKernel {
  Kokkos::View<double***, LinExec> A;
  Kokkos::View<double**, LinExec> b, x0;
  Kokkos::View<int**, LinExec> config;  // m, method, prec, neumann order, max iters, restart
  Kokkos::View<double*, LinExec> tolerance;
  Kokkos::View<double**, LinExec> x, x_lu;
  Kokkos::View<int**, LinExec> report;  // iterations, status, lu status, guards intact

  template <class Prec>
  KOKKOS_INLINE_FUNCTION kobie::LinearOutcome solve(const kobie::DenseMatrixOperator<Real>& op, const Prec& prec,
                                                    LinearSolverKind method, const Real* bb, Real* xx, int m,
                                                    const kobie::KrylovParams<Real>& params, Real* work) const {
    return kobie::krylov_solve(method, op, prec, bb, xx, m, params, work);
  }

  KOKKOS_FUNCTION void operator()(int c) const {
    const int m = config(c, 0);
    const auto method = static_cast<LinearSolverKind>(config(c, 1));
    const int prec = config(c, 2);
    const int order = config(c, 3);
    const kobie::KrylovParams<Real> params{static_cast<Real>(tolerance(c)), config(c, 4), config(c, 5)};
    Real Am[kMaxM * kMaxM], LU[kMaxM * kMaxM], bb[kMaxM], xx[kMaxM], xl[kMaxM], dinv[kMaxM], work[kWorkCap];
    int piv[kMaxM];
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < m; ++j) LU[i * m + j] = Am[i * m + j] = static_cast<Real>(A(c, i, j));
      bb[i] = xl[i] = static_cast<Real>(b(c, i));
      xx[i] = static_cast<Real>(x0(c, i));
    }
    const kobie::StatusBits lu_status = kobie::dense_lu_factor(LU, m, piv);
    if (lu_status == st::success) kobie::dense_lu_solve(LU, piv, m, xl);

    // Workspace: [Krylov | guard | Neumann | guard], the Krylov and Neumann parts poisoned with NaN.
    const int krylov_size = kobie::krylov_workspace_size(method, m, params.restart);
    const int neumann_size = kobie::NeumannPreconditioner<Real, kobie::DenseMatrixOperator<Real>>::workspace_size(
        m, prec == prec_neumann || prec == prec_neumann_unit ? order : 0);
    Real* krylov_work = work;
    Real* guard1 = work + krylov_size;
    Real* neumann_work = guard1 + kGuard;
    Real* guard2 = neumann_work + neumann_size;
    const Real guard_value = Real(1234.5);
    for (int i = 0; i < krylov_size; ++i) krylov_work[i] = kobie::math::quiet_nan<Real>();
    for (int i = 0; i < neumann_size; ++i) neumann_work[i] = kobie::math::quiet_nan<Real>();
    for (int i = 0; i < kGuard; ++i) guard1[i] = guard2[i] = guard_value;

    const kobie::DenseMatrixOperator<Real> op{Am, m};
    kobie::LinearOutcome out{-1, st::singular_matrix};
    if (prec == prec_none) {
      out = solve(op, kobie::IdentityPreconditioner<Real>{m}, method, bb, xx, m, params, krylov_work);
    } else if (prec == prec_exact_lu) {
      if (lu_status == st::success) {
        out = solve(op, kobie::DenseLuPreconditioner<Real>{LU, piv, m}, method, bb, xx, m, params, krylov_work);
      }
    } else if (prec == prec_neumann_unit) {
      const kobie::NeumannPreconditioner<Real, kobie::DenseMatrixOperator<Real>> M{op, nullptr, m, order, neumann_work};
      out = solve(op, M, method, bb, xx, m, params, krylov_work);
    } else if (kobie::dense_inverse_diagonal(Am, m, dinv) == st::success) {
      if (prec == prec_jacobi) {
        out = solve(op, kobie::JacobiPreconditioner<Real>{dinv, m}, method, bb, xx, m, params, krylov_work);
      } else {
        const kobie::NeumannPreconditioner<Real, kobie::DenseMatrixOperator<Real>> M{op, dinv, m, order, neumann_work};
        out = solve(op, M, method, bb, xx, m, params, krylov_work);
      }
    }
    bool intact = true;
    for (int i = 0; i < kGuard; ++i) intact = intact && guard1[i] == guard_value && guard2[i] == guard_value;
    for (int i = 0; i < m; ++i) {
      x(c, i) = static_cast<double>(xx[i]);
      x_lu(c, i) = static_cast<double>(xl[i]);
    }
    report(c, 0) = out.iterations;
    report(c, 1) = static_cast<int>(out.status);
    report(c, 2) = static_cast<int>(lu_status);
    report(c, 3) = intact ? 1 : 0;
  }
};

// Runs cases[first, last) in one kernel (all of them when last < 0).
template <class Real>
std::vector<LinearResult> run_linear_cases(const std::vector<LinearCase>& cases, int first = 0, int last = -1) {
  const int n = static_cast<int>(cases.size());
  if (last < 0) last = n;
  LinearSolveKernel<Real> k;
  k.A = Kokkos::View<double***, LinExec>("A", n, kMaxM, kMaxM);
  k.b = Kokkos::View<double**, LinExec>("b", n, kMaxM);
  k.x0 = Kokkos::View<double**, LinExec>("x0", n, kMaxM);
  k.config = Kokkos::View<int**, LinExec>("config", n, 6);
  k.tolerance = Kokkos::View<double*, LinExec>("tolerance", n);
  k.x = Kokkos::View<double**, LinExec>("x", n, kMaxM);
  k.x_lu = Kokkos::View<double**, LinExec>("x_lu", n, kMaxM);
  k.report = Kokkos::View<int**, LinExec>("report", n, 4);
  auto hA = Kokkos::create_mirror_view(k.A);
  auto hb = Kokkos::create_mirror_view(k.b);
  auto hx0 = Kokkos::create_mirror_view(k.x0);
  auto hc = Kokkos::create_mirror_view(k.config);
  auto ht = Kokkos::create_mirror_view(k.tolerance);
  for (int c = 0; c < n; ++c) {
    const LinearCase& lc = cases[c];
    for (int i = 0; i < lc.m; ++i) {
      for (int j = 0; j < lc.m; ++j) hA(c, i, j) = lc.A[i * lc.m + j];
      hb(c, i) = lc.b[i];
      hx0(c, i) = lc.x0.empty() ? 0.0 : lc.x0[i];
    }
    hc(c, 0) = lc.m;
    hc(c, 1) = static_cast<int>(lc.method);
    hc(c, 2) = lc.prec;
    hc(c, 3) = lc.neumann_order;
    hc(c, 4) = lc.max_iters;
    hc(c, 5) = lc.restart;
    ht(c) = lc.tolerance;
  }
  Kokkos::deep_copy(k.A, hA);
  Kokkos::deep_copy(k.b, hb);
  Kokkos::deep_copy(k.x0, hx0);
  Kokkos::deep_copy(k.config, hc);
  Kokkos::deep_copy(k.tolerance, ht);
  Kokkos::parallel_for("kobie::test::linear_solve", Kokkos::RangePolicy<LinExec>(first, last), k);
  kobie::fence("kobie::test::linear_solve");
  auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), k.x);
  auto hxl = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), k.x_lu);
  auto hr = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), k.report);
  std::vector<LinearResult> results(n);
  for (int c = first; c < last; ++c) {
    LinearResult& r = results[c];
    for (int i = 0; i < cases[c].m; ++i) {
      r.x.push_back(hx(c, i));
      r.x_lu.push_back(hxl(c, i));
    }
    r.iterations = hr(c, 0);
    r.status = static_cast<kobie::StatusBits>(hr(c, 1));
    r.lu_status = static_cast<kobie::StatusBits>(hr(c, 2));
    r.guards_intact = hr(c, 3) == 1;
  }
  return results;
}

template <class Real>
LinearResult run_linear_case(const LinearCase& lc) {
  return run_linear_cases<Real>({lc})[0];
}

// -------------------------------------------------------------------------------------------------- host references

// The matrix as the working precision sees it.
template <class Real>
std::vector<double> rounded(const std::vector<double>& v) {
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) r[i] = static_cast<double>(static_cast<Real>(v[i]));
  return r;
}

// Direct solve in double (kobie::dense_lu_* called on the host), checked itself by the dense LU tests.
std::vector<double> direct_solve(std::vector<double> A, std::vector<double> b, int m) {
  std::vector<int> piv(m);
  EXPECT_EQ(kobie::dense_lu_factor(A.data(), m, piv.data()), st::success);
  kobie::dense_lu_solve(A.data(), piv.data(), m, b.data());
  return b;
}

double norm2(const std::vector<double>& v) {
  double s = 0.0;
  for (double e : v) s += e * e;
  return std::sqrt(s);
}

// ‖b − A x‖₂ in double.
double residual_norm(const std::vector<double>& A, const std::vector<double>& b, const std::vector<double>& x, int m) {
  std::vector<double> r(m);
  for (int i = 0; i < m; ++i) {
    double s = b[i];
    for (int j = 0; j < m; ++j) s -= A[i * m + j] * x[j];
    r[i] = s;
  }
  return norm2(r);
}

// Varah's bound ‖A⁻¹‖_∞ ≤ 1 / min_i (|a_ii| − Σ_{j≠i} |a_ij|) of a strictly diagonally dominant matrix.
double varah_bound(const std::vector<double>& A, int m) {
  double gap = std::numeric_limits<double>::max();
  for (int i = 0; i < m; ++i) {
    double off = 0.0;
    for (int j = 0; j < m; ++j) off += j == i ? 0.0 : std::abs(A[i * m + j]);
    gap = std::min(gap, std::abs(A[i * m + i]) - off);
  }
  EXPECT_GT(gap, 0.0) << "test matrix must be strictly diagonally dominant";
  return 1.0 / gap;
}

// Symmetric, strictly diagonally dominant with a positive diagonal, hence SPD (variant v shifts the diagonal).
std::vector<double> spd_matrix(int m, int v) {
  std::vector<double> A(m * m, 0.0);
  for (int i = 0; i < m; ++i) {
    A[i * m + i] = 4.0 + 0.5 * i + 0.25 * v;
    if (i + 1 < m) A[i * m + i + 1] = A[(i + 1) * m + i] = -1.0;
    if (i + 2 < m) A[i * m + i + 2] = A[(i + 2) * m + i] = 0.5;
  }
  return A;
}

// Non-symmetric, strictly diagonally dominant (variant v shifts the diagonal).
std::vector<double> nonsymmetric_matrix(int m, int v) {
  std::vector<double> A(m * m, 0.0);
  for (int i = 0; i < m; ++i) {
    A[i * m + i] = 5.0 + 0.3 * i + 0.25 * v;
    if (i + 1 < m) A[i * m + i + 1] = 1.5;
    if (i >= 1) A[i * m + i - 1] = -0.7;
    if (i + 3 < m) A[i * m + i + 3] = 0.8;
    if (i >= 2) A[i * m + i - 2] = 0.4;
  }
  return A;
}

std::vector<double> rhs(int m, int v) {
  std::vector<double> b(m);
  for (int i = 0; i < m; ++i) b[i] = std::sin(1.0 + i + 0.37 * v) + 0.1 * (i % 3);
  return b;
}

const char* method_name(LinearSolverKind k) {
  switch (k) {
    case LinearSolverKind::minimal_residual:
      return "minimal_residual";
    case LinearSolverKind::steepest_descent:
      return "steepest_descent";
    case LinearSolverKind::bicgstab:
      return "bicgstab";
    case LinearSolverKind::gmres:
      return "gmres";
  }
  return "?";
}

// ------------------------------------------------------------------------------------------------- every combination

// Every method × preconditioner (none, Jacobi, Neumann 1 and 2) × matrix (SPD; non-symmetric except for steepest
// descent, which needs SPD) × two variants, GMRES with restart = m and restart = 2, all in one kernel. Each solution
// must satisfy ‖x − x*‖_∞ ≤ ‖A⁻¹‖_∞ ‖b − A x‖₂ ≤ ‖A⁻¹‖_∞ (tol‖b‖₂ + rounding), x* the direct solution.
template <class Real>
void check_every_combination(double tolerance) {
  const int m = 6;
  const double eps = std::numeric_limits<Real>::epsilon();
  struct Method {
    LinearSolverKind method;
    int restart;
  };
  const Method methods[] = {{LinearSolverKind::minimal_residual, 0},
                            {LinearSolverKind::steepest_descent, 0},
                            {LinearSolverKind::bicgstab, 0},
                            {LinearSolverKind::gmres, m},
                            {LinearSolverKind::gmres, 2}};
  const int precs[][2] = {{prec_none, 0}, {prec_jacobi, 0}, {prec_neumann, 1}, {prec_neumann, 2}};
  std::vector<LinearCase> cases;
  std::vector<const char*> kinds;
  for (const Method& me : methods) {
    for (const auto& pr : precs) {
      for (int spd = 1; spd >= 0; --spd) {
        if (!spd && me.method == LinearSolverKind::steepest_descent) continue;
        for (int v = 0; v < 2; ++v) {
          LinearCase lc;
          lc.m = m;
          lc.A = spd ? spd_matrix(m, v) : nonsymmetric_matrix(m, v);
          lc.b = rhs(m, v);
          lc.method = me.method;
          lc.restart = me.restart;
          lc.prec = pr[0];
          lc.neumann_order = pr[1];
          lc.tolerance = tolerance;
          lc.max_iters = 200;
          cases.push_back(lc);
          kinds.push_back(spd ? "spd" : "non-symmetric");
        }
      }
    }
  }
  ASSERT_EQ(cases.size(), std::size_t((4 * 4 * 2 + 4) * 2));
  const auto results = run_linear_cases<Real>(cases);
  int max_seen = 0;
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const LinearCase& lc = cases[c];
    const LinearResult& r = results[c];
    const auto A = rounded<Real>(lc.A);
    const auto b = rounded<Real>(lc.b);
    const auto x_ref = direct_solve(A, b, m);
    const double b_norm = norm2(b);
    const double slack = 50.0 * m * eps * b_norm;  // rounding of the recurrences and of b − A x in Real
    const double res = residual_norm(A, b, r.x, m);
    double err = 0.0;
    for (int i = 0; i < m; ++i) err = std::max(err, std::abs(r.x[i] - x_ref[i]));
    SCOPED_TRACE(::testing::Message() << method_name(lc.method) << " restart " << lc.restart << " prec " << lc.prec
                                      << " order " << lc.neumann_order << " " << kinds[c] << " case " << c);
    EXPECT_EQ(r.status, st::success);
    EXPECT_GT(r.iterations, 0);
    EXPECT_LE(r.iterations, lc.max_iters);
    EXPECT_LE(res, tolerance * b_norm + slack);
    EXPECT_LE(err, varah_bound(A, m) * (tolerance * b_norm + slack));
    EXPECT_TRUE(r.guards_intact);
    max_seen = std::max(max_seen, r.iterations);
    if (lc.method == LinearSolverKind::gmres && lc.restart == m) {
      EXPECT_LE(r.iterations, m + 1);
    }
    if (lc.method == LinearSolverKind::gmres && lc.restart == 2 && lc.prec == prec_none) {
      EXPECT_GT(r.iterations, 2) << "restarted";
    }
  }
  EXPECT_LT(max_seen, 200);
}

}  // namespace

// ------------------------------------------------------------------------------------------------------- dense LU

TEST(TEST_CATEGORY, linear_dense_lu_hand_computed_3x3) {
  // 2x + y + z = 5, 4x − 6y = −2, −2x + 7y + 2z = 9: x = (1, 1, 2) (needs a row swap: the largest pivot is 4).
  LinearCase lc;
  lc.m = 3;
  lc.A = {2, 1, 1, 4, -6, 0, -2, 7, 2};
  lc.b = {5, -2, 9};
  // A zero leading entry forces pivoting: [[0, 1], [1, 0]] x = (3, 4) gives x = (4, 3).
  LinearCase swap;
  swap.m = 2;
  swap.A = {0, 1, 1, 0};
  swap.b = {3, 4};
  const auto rd = run_linear_cases<double>({lc, swap});
  const auto rf = run_linear_cases<float>({lc, swap});
  const double expected[] = {1, 1, 2};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(rd[0].x_lu[i], expected[i], 4e-15);
    EXPECT_NEAR(rf[0].x_lu[i], expected[i], 4e-6);
  }
  EXPECT_EQ(rd[0].lu_status, st::success);
  EXPECT_EQ(rf[0].lu_status, st::success);
  EXPECT_EQ(rd[1].x_lu, (std::vector<double>{4, 3}));
  EXPECT_EQ(rf[1].x_lu, (std::vector<double>{4, 3}));
  // The factors themselves: P A = L U, pivots in getrf's 0-based convention, U's diagonal stored as reciprocals.
  // Reference: scipy.linalg.lu_factor (LAPACK dgetrf) gives LU = [[4, -6, 0], [0.5, 4, 1], [-0.5, 1, 1]], piv = [1, 1,
  // 2].
  double A[9] = {2, 1, 1, 4, -6, 0, -2, 7, 2};
  int piv[3];
  ASSERT_EQ(kobie::dense_lu_factor(A, 3, piv), st::success);
  EXPECT_EQ(piv[0], 1);
  EXPECT_EQ(piv[1], 1);
  EXPECT_EQ(piv[2], 2);
  EXPECT_DOUBLE_EQ(A[0], 0.25);  // 1 / u_00
  EXPECT_DOUBLE_EQ(A[1], -6.0);  // u_01
  EXPECT_DOUBLE_EQ(A[3], 0.5);   // l_10 = 2 / 4
  EXPECT_DOUBLE_EQ(A[4], 0.25);  // 1 / u_11
  EXPECT_DOUBLE_EQ(A[5], 1.0);   // u_12
  EXPECT_DOUBLE_EQ(A[6], -0.5);  // l_20
  EXPECT_DOUBLE_EQ(A[7], 1.0);   // l_21
  EXPECT_DOUBLE_EQ(A[8], 1.0);   // 1 / u_22
}

TEST(TEST_CATEGORY, linear_dense_lu_known_inverse) {
  // The 1-D Laplacian [[2,−1,0],[−1,2,−1],[0,−1,2]] has inverse [[3,2,1],[2,4,2],[1,2,3]] / 4: solving for e_j gives
  // column j.
  const double inverse[3][3] = {{0.75, 0.5, 0.25}, {0.5, 1.0, 0.5}, {0.25, 0.5, 0.75}};
  std::vector<LinearCase> cases;
  for (int j = 0; j < 3; ++j) {
    LinearCase lc;
    lc.m = 3;
    lc.A = {2, -1, 0, -1, 2, -1, 0, -1, 2};
    lc.b = {0, 0, 0};
    lc.b[j] = 1;
    cases.push_back(lc);
  }
  const auto rd = run_linear_cases<double>(cases);
  const auto rf = run_linear_cases<float>(cases);
  for (int j = 0; j < 3; ++j) {
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(rd[j].x_lu[i], inverse[i][j], 1e-15);
      EXPECT_NEAR(rf[j].x_lu[i], inverse[i][j], 1e-6);
    }
  }
}

TEST(TEST_CATEGORY, linear_dense_lu_singular_and_nonfinite) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  auto make = [](int m, std::vector<double> A) {
    LinearCase lc;
    lc.m = m;
    lc.A = A;
    lc.b.assign(m, 1.0);
    lc.max_iters = 3;
    return lc;
  };
  const std::vector<LinearCase> singular = {
      make(2, {1, 2, 2, 4}),                                   // exactly singular
      make(3, {0, 0, 0, 0, 0, 0, 0, 0, 0}),                    // zero
      make(3, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.5, 0.7, 0.9}),  // row 3 = row 1 + row 2, up to rounding
      make(2, {1, nan, 3, 4}),                                 // NaN
      make(2, {1, 2, inf, 4}),                                 // infinity
      make(3, {1, 1, 1, 1, 1, 1, 2, 5, 7}),                    // rank 2 after the first elimination
  };
  for (const auto& r : run_linear_cases<double>(singular)) EXPECT_EQ(r.lu_status, st::singular_matrix);
  for (const auto& r : run_linear_cases<float>(singular)) EXPECT_EQ(r.lu_status, st::singular_matrix);
  // Badly scaled columns do not make a matrix singular: the rule is relative to each column.
  const std::vector<LinearCase> regular = {make(2, {1, 0, 0, 1e-30}), make(2, {1e-30, 1, 0, 1}),
                                           make(3, {2, -1, 0, -1, 2, -1, 0, -1, 2})};
  for (const auto& r : run_linear_cases<double>(regular)) EXPECT_EQ(r.lu_status, st::success);
  for (const auto& r : run_linear_cases<float>(regular)) EXPECT_EQ(r.lu_status, st::success);
  const auto scaled = run_linear_case<double>(regular[0]);
  EXPECT_DOUBLE_EQ(scaled.x_lu[1], 1e30);
}

TEST(TEST_CATEGORY, linear_dense_form_shifted_and_inverse_diagonal) {
  const double J[4] = {1, 2, 3, 4};
  double W[4];
  kobie::dense_form_shifted(J, 2, 2.0, 0.5, W);  // W = 2 I − J / 2
  EXPECT_EQ(W[0], 1.5);
  EXPECT_EQ(W[1], -1.0);
  EXPECT_EQ(W[2], -1.5);
  EXPECT_EQ(W[3], 0.0);
  float Jf[4] = {1, 2, 3, 4};
  kobie::dense_form_shifted(Jf, 2, 1.0f, 1.0f, Jf);  // in place
  EXPECT_EQ(Jf[0], 0.0f);
  EXPECT_EQ(Jf[3], -3.0f);
  double dinv[2];
  EXPECT_EQ(kobie::dense_inverse_diagonal(J, 2, dinv), st::success);
  EXPECT_EQ(dinv[0], 1.0);
  EXPECT_EQ(dinv[1], 0.25);
  EXPECT_EQ(kobie::dense_inverse_diagonal(W, 2, dinv), st::singular_matrix);  // W_11 = 0
}

// ---------------------------------------------------------------------------------------------- preconditioners

namespace {

// z = M r for every preconditioner, on the device, in Real.
template <class Real>
struct PreconditionerKernel {
  Kokkos::View<double**, LinExec> A;  // m×m
  Kokkos::View<double*, LinExec> r;
  Kokkos::View<double**, LinExec> z;  // one row per preconditioner
  int m;
  KOKKOS_FUNCTION void operator()(int) const {
    Real Am[kMaxM * kMaxM], rr[kMaxM], zz[kMaxM], dinv[kMaxM], work[kMaxM + 1];
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < m; ++j) Am[i * m + j] = static_cast<Real>(A(i, j));
      rr[i] = static_cast<Real>(r(i));
    }
    kobie::dense_inverse_diagonal(Am, m, dinv);
    const kobie::DenseMatrixOperator<Real> op{Am, m};
    auto store = [&](int row) {
      for (int i = 0; i < m; ++i) z(row, i) = static_cast<double>(zz[i]);
    };
    kobie::IdentityPreconditioner<Real>{m}.apply(rr, zz);
    store(0);
    kobie::JacobiPreconditioner<Real>{dinv, m}.apply(rr, zz);
    store(1);
    for (int order = 0; order <= 3; ++order) {
      work[m] = Real(-7);  // guard
      kobie::NeumannPreconditioner<Real, kobie::DenseMatrixOperator<Real>>{op, dinv, m, order, work}.apply(rr, zz);
      if (work[m] != Real(-7)) zz[0] = kobie::math::quiet_nan<Real>();
      store(2 + order);
    }
    kobie::NeumannPreconditioner<Real, kobie::DenseMatrixOperator<Real>>{op, nullptr, m, 2, work}.apply(rr, zz);
    store(6);
    // Order 0 needs no workspace at all.
    kobie::NeumannPreconditioner<Real, kobie::DenseMatrixOperator<Real>>{op, dinv, m, 0, nullptr}.apply(rr, zz);
    store(7);
  }
};

// Σ_{k=0}^{K} (I − D⁻¹A)^k D⁻¹ r written out with matrix powers (D = I when unit).
std::vector<double> neumann_series(const std::vector<double>& A, const std::vector<double>& r, int m, int K,
                                   bool unit) {
  std::vector<double> term(m), z(m, 0.0);
  for (int i = 0; i < m; ++i) term[i] = unit ? r[i] : r[i] / A[i * m + i];
  for (int k = 0; k <= K; ++k) {
    for (int i = 0; i < m; ++i) z[i] += term[i];
    std::vector<double> next(m);
    for (int i = 0; i < m; ++i) {
      double s = 0.0;
      for (int j = 0; j < m; ++j) s += A[i * m + j] * term[j];
      next[i] = term[i] - (unit ? s : s / A[i * m + i]);
    }
    term = next;
  }
  return z;
}

template <class Real>
void check_preconditioners(double tol) {
  const int m = 5;
  auto A = nonsymmetric_matrix(m, 1);
  for (int i = 0; i < m; ++i) A[i * m + i] /= 5.0;  // diagonal near 1: the D = I series converges too
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < m; ++j) A[i * m + j] *= i == j ? 1.0 : 0.2;
  }
  A = rounded<Real>(A);
  const auto r = rounded<Real>(rhs(m, 2));
  PreconditionerKernel<Real> k{Kokkos::View<double**, LinExec>("A", m, m), Kokkos::View<double*, LinExec>("r", m),
                               Kokkos::View<double**, LinExec>("z", 8, m), m};
  auto hA = Kokkos::create_mirror_view(k.A);
  auto hr = Kokkos::create_mirror_view(k.r);
  for (int i = 0; i < m; ++i) {
    hr(i) = r[i];
    for (int j = 0; j < m; ++j) hA(i, j) = A[i * m + j];
  }
  Kokkos::deep_copy(k.A, hA);
  Kokkos::deep_copy(k.r, hr);
  Kokkos::parallel_for("kobie::test::preconditioners", Kokkos::RangePolicy<LinExec>(0, 1), k);
  kobie::fence("kobie::test::preconditioners");
  auto z = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), k.z);
  for (int i = 0; i < m; ++i) {
    EXPECT_EQ(z(0, i), r[i]);
    EXPECT_NEAR(z(1, i), r[i] / A[i * m + i], tol * std::abs(r[i] / A[i * m + i]));
    EXPECT_EQ(z(2, i), z(1, i)) << "order 0 is Jacobi";
    EXPECT_EQ(z(7, i), z(1, i)) << "order 0 without workspace";
  }
  for (int order = 0; order <= 3; ++order) {
    const auto expected = neumann_series(A, r, m, order, false);
    for (int i = 0; i < m; ++i) EXPECT_NEAR(z(2 + order, i), expected[i], tol) << "order " << order << " entry " << i;
  }
  const auto unit = neumann_series(A, r, m, 2, true);
  for (int i = 0; i < m; ++i) EXPECT_NEAR(z(6, i), unit[i], tol);
  // Higher orders approach A⁻¹ r.
  const auto exact = direct_solve(A, r, m);
  double err1 = 0.0, err3 = 0.0;
  for (int i = 0; i < m; ++i) {
    err1 = std::max(err1, std::abs(z(3, i) - exact[i]));
    err3 = std::max(err3, std::abs(z(5, i) - exact[i]));
  }
  EXPECT_LT(err3, err1);
}

}  // namespace

TEST(TEST_CATEGORY, linear_preconditioners_match_their_series) {
  check_preconditioners<double>(1e-14);
  check_preconditioners<float>(2e-6);
}

TEST(TEST_CATEGORY, linear_workspace_sizes) {
  static_assert(kobie::minimal_residual_workspace_size(6) == 18, "3m");
  static_assert(kobie::steepest_descent_workspace_size(6, 4) == 18, "3m");
  static_assert(kobie::bicgstab_workspace_size(6) == 36, "6m");
  static_assert(kobie::gmres_workspace_size(6, 6) == 8 * 6 + 7 * 6 + 3 * 6 + 1, "(k+2)m + (k+1)k + 3k + 1");
  static_assert(kobie::gmres_workspace_size(10, 0) == kobie::gmres_workspace_size(10, 1), "restart < 1 reads as 1");
  static_assert(kobie::neumann_preconditioner_workspace_size(6, 0) == 0, "order 0");
  static_assert(kobie::neumann_preconditioner_workspace_size(6, 2) == 6, "m");
  static_assert(kobie::krylov_workspace_size(LinearSolverKind::gmres, 5, 3) == kobie::gmres_workspace_size(5, 3), "");
  static_assert(kobie::is_linear_operator_v<kobie::DenseMatrixOperator<float>, float>, "operator concept");
  static_assert(!kobie::is_linear_operator_v<kobie::DenseMatrixOperator<float>, double>, "wrong Real");
  static_assert(kobie::is_preconditioner_v<kobie::JacobiPreconditioner<double>, double>, "preconditioner concept");
  static_assert(!kobie::is_preconditioner_v<int, double>, "not a preconditioner");
  SUCCEED();
}

// ------------------------------------------------------------------------------------------------ Krylov methods

TEST(TEST_CATEGORY, linear_krylov_every_method_and_preconditioner_double) { check_every_combination<double>(1e-10); }

TEST(TEST_CATEGORY, linear_krylov_every_method_and_preconditioner_float) { check_every_combination<float>(1e-5); }

TEST(TEST_CATEGORY, linear_gmres_full_restart_converges_in_at_most_m_iterations) {
  // Finite termination: the Krylov space is all of R^m after m steps (m + 1 allowed for rounding).
  for (int m : {3, 6, 8}) {
    std::vector<LinearCase> cases;
    for (int prec : {prec_none, prec_jacobi}) {
      for (int spd : {0, 1}) {
        LinearCase lc;
        lc.m = m;
        lc.A = spd ? spd_matrix(m, 0) : nonsymmetric_matrix(m, 0);
        lc.b = rhs(m, 3);
        lc.method = LinearSolverKind::gmres;
        lc.restart = m;
        lc.prec = prec;
        lc.tolerance = 1e-12;
        cases.push_back(lc);
      }
    }
    for (const auto& r : run_linear_cases<double>(cases)) {
      EXPECT_EQ(r.status, st::success) << "m = " << m;
      EXPECT_LE(r.iterations, m + 1) << "m = " << m;
    }
    for (auto& lc : cases) lc.tolerance = 1e-5;
    for (const auto& r : run_linear_cases<float>(cases)) {
      EXPECT_EQ(r.status, st::success) << "m = " << m;
      EXPECT_LE(r.iterations, m + 1) << "m = " << m;
    }
  }
}

TEST(TEST_CATEGORY, linear_gmres_short_restarts_converge) {
  const int m = 8;
  std::vector<LinearCase> cases;
  for (int restart : {0, 1, 2, 3}) {  // 0 reads as 1
    LinearCase lc;
    lc.m = m;
    lc.A = nonsymmetric_matrix(m, 0);
    lc.b = rhs(m, 1);
    lc.method = LinearSolverKind::gmres;
    lc.restart = restart;
    lc.tolerance = 1e-10;
    lc.max_iters = 400;
    cases.push_back(lc);
  }
  const auto results = run_linear_cases<double>(cases);
  const auto x_ref = direct_solve(cases[0].A, cases[0].b, m);
  for (std::size_t c = 0; c < cases.size(); ++c) {
    EXPECT_EQ(results[c].status, st::success) << "restart " << cases[c].restart;
    EXPECT_GT(results[c].iterations, std::max(cases[c].restart, 1)) << "more than one cycle";
    EXPECT_TRUE(results[c].guards_intact);
    for (int i = 0; i < m; ++i) EXPECT_NEAR(results[c].x[i], x_ref[i], 1e-9);
  }
  EXPECT_EQ(results[0].x, results[1].x) << "restart 0 is restart 1";
}

TEST(TEST_CATEGORY, linear_krylov_exact_preconditioner_needs_one_iteration) {
  // M = A⁻¹ (from the dense LU): every method lands on the solution in its first iteration. GMRES with tolerance 0
  // stops there too, at its happy breakdown (A·M v_0 = v_0 up to rounding), reported as convergence.
  const int m = 6;
  std::vector<LinearCase> cases;
  for (auto method : {LinearSolverKind::minimal_residual, LinearSolverKind::steepest_descent,
                      LinearSolverKind::bicgstab, LinearSolverKind::gmres}) {
    LinearCase lc;
    lc.m = m;
    lc.A = spd_matrix(m, 1);
    lc.b = rhs(m, 0);
    lc.method = method;
    lc.restart = 4;
    lc.prec = prec_exact_lu;
    lc.tolerance = 1e-5;
    cases.push_back(lc);
  }
  for (int spd : {0, 1}) {
    LinearCase happy = cases.back();
    happy.A = spd ? spd_matrix(m, 1) : nonsymmetric_matrix(m, 1);
    happy.tolerance = 0.0;
    cases.push_back(happy);
  }
  for (int reals : {0, 1}) {
    const auto results = reals ? run_linear_cases<double>(cases) : run_linear_cases<float>(cases);
    const double tol = reals ? 1e-13 : 1e-5;
    for (std::size_t c = 0; c < cases.size(); ++c) {
      SCOPED_TRACE(::testing::Message() << method_name(cases[c].method) << " tolerance " << cases[c].tolerance);
      EXPECT_EQ(results[c].status, st::success);
      EXPECT_EQ(results[c].iterations, 1);
      for (int i = 0; i < m; ++i) EXPECT_NEAR(results[c].x[i], results[c].x_lu[i], tol);
    }
  }
}

TEST(TEST_CATEGORY, linear_krylov_zero_rhs_and_exact_initial_guess) {
  const int m = 4;
  std::vector<LinearCase> cases;
  for (auto method : {LinearSolverKind::minimal_residual, LinearSolverKind::steepest_descent,
                      LinearSolverKind::bicgstab, LinearSolverKind::gmres}) {
    LinearCase zero;  // b = 0 from a non-zero guess: x = 0 without iterating
    zero.m = m;
    zero.A = spd_matrix(m, 0);
    zero.b.assign(m, 0.0);
    zero.x0 = {1, 2, 3, 4};
    zero.method = method;
    zero.restart = 2;
    cases.push_back(zero);
    LinearCase exact = zero;  // the guess already solves the system
    exact.x0 = {1, -1, 0.5, 2};
    exact.b = std::vector<double>(m, 0.0);
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < m; ++j) exact.b[i] += exact.A[i * m + j] * exact.x0[j];
    }
    cases.push_back(exact);
  }
  const auto results = run_linear_cases<double>(cases);
  for (std::size_t c = 0; c < cases.size(); ++c) {
    EXPECT_EQ(results[c].status, st::success) << c;
    EXPECT_EQ(results[c].iterations, 0) << c;
    if (c % 2 == 0) {
      EXPECT_EQ(results[c].x, std::vector<double>(m, 0.0));
    } else {
      EXPECT_EQ(results[c].x, cases[c].x0);
    }
  }
}

TEST(TEST_CATEGORY, linear_krylov_iterations_exceeded) {
  const int m = 6;
  std::vector<LinearCase> cases;
  for (auto method : {LinearSolverKind::minimal_residual, LinearSolverKind::steepest_descent,
                      LinearSolverKind::bicgstab, LinearSolverKind::gmres}) {
    for (int max_iters : {0, 1, 2}) {
      LinearCase lc;
      lc.m = m;
      lc.A = spd_matrix(m, 0);
      lc.b = rhs(m, 0);
      lc.method = method;
      lc.restart = m;
      lc.tolerance = 1e-14;
      lc.max_iters = max_iters;
      cases.push_back(lc);
    }
  }
  for (const auto& reals : {0, 1}) {
    const auto results = reals ? run_linear_cases<double>(cases) : run_linear_cases<float>(cases);
    for (std::size_t c = 0; c < cases.size(); ++c) {
      const LinearCase& lc = cases[c];
      SCOPED_TRACE(::testing::Message() << method_name(lc.method) << " max_iters " << lc.max_iters);
      EXPECT_EQ(results[c].status, st::linear_iterations_exceeded);
      EXPECT_EQ(results[c].iterations, lc.max_iters);
      const double res = residual_norm(lc.A, lc.b, results[c].x, m);
      if (lc.max_iters == 0) {
        EXPECT_EQ(results[c].x, std::vector<double>(m, 0.0));
      } else {
        EXPECT_LT(res, norm2(lc.b)) << "some progress, x kept";
      }
      EXPECT_TRUE(results[c].guards_intact);
    }
  }
}

TEST(TEST_CATEGORY, linear_bicgstab_breakdown_and_early_exit) {
  // A = [[0, 1], [1, 0]], b = (1, 0): r̂ = r_0 = b, v = A b = (0, 1), r̂·v = 0 at the first step. The minimal residual
  // iteration cannot move either (A r ⊥ r), while GMRES solves it: x = (0, 1).
  LinearCase lc;
  lc.m = 2;
  lc.A = {0, 1, 1, 0};
  lc.b = {1, 0};
  lc.method = LinearSolverKind::bicgstab;
  LinearCase mr = lc;
  mr.method = LinearSolverKind::minimal_residual;
  LinearCase gm = lc;
  gm.method = LinearSolverKind::gmres;
  gm.restart = 2;
  // A = 2 I: s = r − α v vanishes after the first half-step, which must end the solve (t = 0 would give ω = 0/0).
  LinearCase early;
  early.m = 4;
  early.A = {2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2};
  early.b = {1, -2, 3, 0.5};
  early.method = LinearSolverKind::bicgstab;
  early.tolerance = 1e-12;
  for (int reals : {0, 1}) {
    const auto r = reals ? run_linear_cases<double>({lc, mr, gm, early}) : run_linear_cases<float>({lc, mr, gm, early});
    EXPECT_EQ(r[0].status, st::krylov_breakdown);
    EXPECT_EQ(r[0].iterations, 1);
    EXPECT_EQ(r[0].x, (std::vector<double>{0, 0}));
    EXPECT_EQ(r[1].status, st::krylov_breakdown);
    EXPECT_EQ(r[2].status, st::success);
    EXPECT_EQ(r[2].iterations, 2);
    EXPECT_NEAR(r[2].x[0], 0.0, 1e-6);
    EXPECT_NEAR(r[2].x[1], 1.0, 1e-6);
    EXPECT_EQ(r[3].status, st::success);
    EXPECT_EQ(r[3].iterations, 1);
    EXPECT_EQ(r[3].x, (std::vector<double>{0.5, -1, 1.5, 0.25}));
  }
}

TEST(TEST_CATEGORY, linear_krylov_breakdowns_on_unsuitable_matrices) {
  // Steepest descent on the indefinite diag(1, −1), b = (1, 1): z·A z = 0 at once.
  LinearCase sd;
  sd.m = 2;
  sd.A = {1, 0, 0, -1};
  sd.b = {1, 1};
  sd.method = LinearSolverKind::steepest_descent;
  // The zero operator: GMRES finds a singular least-squares problem, the minimal residual iteration w = 0.
  LinearCase zero_gmres;
  zero_gmres.m = 3;
  zero_gmres.A.assign(9, 0.0);
  zero_gmres.b = {1, 2, 3};
  zero_gmres.method = LinearSolverKind::gmres;
  zero_gmres.restart = 3;
  LinearCase zero_mr = zero_gmres;
  zero_mr.method = LinearSolverKind::minimal_residual;
  LinearCase zero_bicgstab = zero_gmres;
  zero_bicgstab.method = LinearSolverKind::bicgstab;
  // A non-finite right-hand side.
  LinearCase nan_rhs = zero_gmres;
  nan_rhs.A = spd_matrix(3, 0);
  nan_rhs.b = {1, std::numeric_limits<double>::quiet_NaN(), 0};
  for (int reals : {0, 1}) {
    const std::vector<LinearCase> cases = {sd, zero_gmres, zero_mr, zero_bicgstab, nan_rhs};
    const auto r = reals ? run_linear_cases<double>(cases) : run_linear_cases<float>(cases);
    for (std::size_t c = 0; c < cases.size(); ++c) {
      EXPECT_EQ(r[c].status, st::krylov_breakdown) << "case " << c;
      EXPECT_TRUE(r[c].guards_intact);
      EXPECT_LE(r[c].iterations, 1) << "case " << c;
    }
    EXPECT_EQ(r[1].x, std::vector<double>(3, 0.0)) << "GMRES keeps x when the only column is dropped";
  }
}

// --------------------------------------------------------------------------------------------- thread independence

TEST(TEST_CATEGORY, linear_failing_thread_does_not_disturb_others) {
  // Eight systems in one kernel: #3 singular (two equal rows; its Jacobi-GMRES solve breaks down or runs out of
  // iterations), #5 with a NaN entry; the others must come out bit for bit as when each runs alone.
  const int m = 6;
  std::vector<LinearCase> cases;
  for (int c = 0; c < 8; ++c) {
    LinearCase lc;
    lc.m = m;
    lc.A = c % 2 ? nonsymmetric_matrix(m, c) : spd_matrix(m, c);
    lc.b = rhs(m, c);
    lc.method = c % 3 == 0 ? LinearSolverKind::bicgstab : LinearSolverKind::gmres;
    lc.restart = 3;
    lc.prec = c % 2 ? prec_neumann : prec_jacobi;
    lc.neumann_order = 2;
    lc.tolerance = 1e-9;
    lc.max_iters = 60;
    cases.push_back(lc);
  }
  for (int j = 0; j < m; ++j) cases[3].A[1 * m + j] = cases[3].A[0 * m + j];
  cases[3].A[1 * m + 1] = cases[3].A[1 * m + 0] = 1.0;
  for (int j = 0; j < m; ++j) cases[3].A[0 * m + j] = cases[3].A[1 * m + j];
  cases[5].A[2 * m + 4] = std::numeric_limits<double>::quiet_NaN();
  for (int reals : {0, 1}) {
    const auto together = reals ? run_linear_cases<double>(cases) : run_linear_cases<float>(cases);
    EXPECT_EQ(together[3].lu_status, st::singular_matrix);
    EXPECT_FALSE(kobie::succeeded(together[3].status));
    EXPECT_EQ(together[5].lu_status, st::singular_matrix);
    EXPECT_FALSE(kobie::succeeded(together[5].status));
    for (int c = 0; c < 8; ++c) {
      const auto alone = reals ? run_linear_cases<double>(cases, c, c + 1) : run_linear_cases<float>(cases, c, c + 1);
      EXPECT_EQ(together[c].status, alone[c].status) << c;
      EXPECT_EQ(together[c].lu_status, alone[c].lu_status) << c;
      EXPECT_EQ(together[c].iterations, alone[c].iterations) << c;
      if (c != 3 && c != 5) {
        EXPECT_EQ(together[c].status, st::success) << c;
        EXPECT_EQ(together[c].x, alone[c].x) << c;
        EXPECT_EQ(together[c].x_lu, alone[c].x_lu) << c;
      }
    }
  }
}
