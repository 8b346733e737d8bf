// kobie's dense LU (kobie/linear/dense_lu.hpp) against Kokkos Kernels' batched serial LU with partial pivoting
// (KokkosBatched::SerialGetrf + SerialGetrs, Algo::Getrf/Getrs::Unblocked: first in Kokkos Kernels 4.6.00, not in
// 4.5, and unchanged through 4.7.00), on the work of the dense kernels: one small row-major matrix per thread
// (Kokkos::parallel_for over a batch on the default execution space), W = I − γh·J formed from a stored Jacobian,
// factored once, and k right-hand sides solved with the factors (k = 1: one Newton or Rosenbrock solve; k = 8: the
// eight stages of RODAS5P). `kobie_perf_batched_lu`, built only when the Kokkos Kernels found is 4.6 or newer.
// Three variants: kobie (dense_lu_factor + dense_lu_solve), column (dense_lu_factor + column_lu_solve below: the same
// solve with the substitutions ordered by columns, as Kokkos Kernels and LAPACK order them) and Kokkos Kernels.
//
// Matrices: Jacobians of Robertson (n = 3), HIRES (n = 8) and POLLU (n = 20) at 4096 random states (each state within
// the ranges its trajectory visits; POLLU's concentrations log-uniform in [1e-10, 0.3]), γh log-uniform in [1e-5, 1e2],
// right-hand sides uniform in [−1, 1]; double and float. Every variant sees the same data in the same buffers (run r's
// W, pivots and solutions contiguous). The size is either the runtime m of the dense kernels ("dyn", as kobie's
// LinearSolver calls dense_lu_factor) or a compile-time constant ("fixed").
//
// Before timing, the three variants run once and are compared: every factorisation succeeds, all choose the same
// pivots (Kokkos Kernels' ipiv is LAPACK's 0-based "row k was swapped with row ipiv[k]", as kobie's), every solution
// has a normwise backward error ‖Wx − b‖∞ / (‖W‖∞‖x‖∞ + ‖b‖∞) (W in double) within 4·n·ε of the precision, and the
// relative difference ‖x − x_kk‖∞ / ‖x_kk‖∞ of each kobie variant stays within twice that times cond∞(W) (computed in
// double); its largest value is reported as max_rel_diff, the largest condition number as max_cond. pivoted is the
// fraction of matrices with at least one row interchange. Counter: matrices_per_s (formation + factorisation + k solves
// per second); after the last benchmark a table gives the ratios to Kokkos Kernels.
//
// Checks found: no matrix of Robertson or HIRES pivots, 35% of POLLU's do; max_rel_diff 7e-15 (Robertson), 3e-15
// (HIRES), 2e-11 (POLLU, cond∞ up to 5e16) in double, 2e-6, 8e-7, 1e-2 in float; backward errors ≤ 3e-16 (double) and
// ≤ 1.1e-7 (float).
//
// Figures at 91ab87a (kobie 0.1.0; Kokkos 4.6.01 OpenMP, Kokkos Kernels 4.6.01, GCC 12.2 -O3 for baseline x86-64, i.e.
// SSE2, 128-bit vectors, though the CPU, an Intel Xeon family 6 model 207 under KVM, 2 cores, has AVX-512;
// OMP_NUM_THREADS=1 on a machine shared with compilations, medians of 5 repetitions, matrices/s; the ratios by CPU
// time agree within 3% except three column ratios: robertson_n3/double/dyn/k:1 1.41, hires_n8/double/dyn/k:8 1.24,
// pollu_n20/double/fixed/k:8 1.26):
//
//   case (1 thread)                  kobie  column  Kokkos K.  kobie/KK  column/KK
//   robertson_n3/double/dyn/k:1      9.24M   8.73M      6.63M      1.39       1.32
//   robertson_n3/double/dyn/k:8      1.85M   2.09M      2.53M      0.73       0.83
//   robertson_n3/double/fixed/k:1      16M   16.5M      9.94M      1.61       1.66
//   robertson_n3/double/fixed/k:8    9.91M   9.94M      6.93M      1.43       1.43
//   hires_n8/double/dyn/k:1          2.11M   2.41M      1.45M      1.46       1.66
//   hires_n8/double/dyn/k:8         0.498M  0.594M     0.509M      0.98       1.17
//   hires_n8/double/fixed/k:1        2.72M    3.8M      1.72M      1.58       2.21
//   hires_n8/double/fixed/k:8       0.518M   1.38M     0.852M      0.61       1.62
//   pollu_n20/double/dyn/k:1        0.301M  0.335M      0.22M      1.37       1.53
//   pollu_n20/double/dyn/k:8        0.124M  0.161M     0.106M      1.17       1.51
//   pollu_n20/double/fixed/k:1      0.375M  0.418M     0.259M      1.45       1.61
//   pollu_n20/double/fixed/k:8      0.121M   0.15M     0.134M      0.91       1.12
//   robertson_n3/float/dyn/k:1       12.3M   11.2M      6.17M      2.00       1.81
//   robertson_n3/float/dyn/k:8       4.25M   2.23M      2.53M      1.68       0.88
//   robertson_n3/float/fixed/k:1     39.5M     40M      9.14M      4.32       4.38
//   robertson_n3/float/fixed/k:8     15.3M   15.7M      7.07M      2.16       2.22
//   hires_n8/float/dyn/k:1           2.32M   2.49M      1.29M      1.80       1.93
//   hires_n8/float/dyn/k:8          0.587M   0.65M     0.478M      1.23       1.36
//   hires_n8/float/fixed/k:1         2.89M    3.8M      1.58M      1.83       2.41
//   hires_n8/float/fixed/k:8        0.616M   1.41M     0.826M      0.75       1.71
//   pollu_n20/float/dyn/k:1         0.346M  0.389M     0.214M      1.62       1.82
//   pollu_n20/float/dyn/k:8         0.131M   0.17M    0.0977M      1.34       1.74
//   pollu_n20/float/fixed/k:1       0.418M  0.475M     0.258M      1.62       1.84
//   pollu_n20/float/fixed/k:8       0.133M  0.176M     0.133M      1.00       1.33
//
// Reading: SerialGetrf is slower than dense_lu_factor in every case (k = 1: kobie 1.4–4.3× faster; its host path
// recurses through subviews, SerialLaswp, SerialTrsm and SerialGemm). SerialGetrs is faster than dense_lu_solve in some
// cases where the solves dominate (k = 8: Robertson double dyn 0.73, HIRES fixed 0.61 and 0.75, POLLU double fixed
// 0.91): dense_lu_solve forms each entry as a dot product, which GCC vectorises in order and which then reloads entries
// of b just stored (store-to-load forwarding stalls under perf); the column order avoids that and, with kobie's
// factorisation, is the fastest variant in 22 of the 24 cases (not Robertson dyn k = 8: 0.83 double, 0.88 float).
// So kobie's LU stays the default; the column order is a candidate for dense_lu_solve, to be measured on a GPU first
// (there it needs more registers at n = 20, k = 8, and updates b in memory m²/2 times instead of writing it m times).
//
// CUDA (Kokkos 4.6.01 and Kokkos Kernels 4.6.01 built for sm_90, nvcc 13.0, this file compiled with
// kobie_GPU_BENCHMARKS_PTXAS_VERBOSE=ON; not run): registers for k = 1 / k = 8, stack frame in bytes; no spills.
//
//   variant, precision       n = 3      n = 8      n = 20     dyn        stack
//   kobie, double            40 / 40    38 / 40    34 / 38    40 / 40    0
//   column, double           40 / 40    40 / 43    34 / 64    40 / 40    0
//   Kokkos Kernels, double   56 / 56    56 / 56    48 / 48    56 / 56    1360
//   kobie, float             32 / 32    32 / 32    32 / 32    40 / 40    0
//   column, float            32 / 32    32 / 40    32 / 56    32 / 32    0
//   Kokkos Kernels, float    48 / 48    56 / 56    48 / 48    56 / 56    1360
//
// The 1360 bytes are SerialGetrf's device path: its recursion runs on an explicit stack of 7 × 48 ints in local
// memory, whatever n is.
#include <KokkosKernels_config.h>
#include <benchmark/benchmark.h>

#include <KokkosBatched_Getrf.hpp>
#include <KokkosBatched_Getrs.hpp>
#include <Kokkos_Core.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "kobie/core/version.hpp"
#include "kobie/linear/dense_lu.hpp"
#include "kobie_problems/pollu.hpp"
#include "kobie_problems/robertson.hpp"

#if !defined(KOKKOSKERNELS_VERSION) || KOKKOSKERNELS_VERSION < 40600
#error "BenchBatchedLu.cpp needs Kokkos Kernels 4.6 or newer (KokkosBatched::SerialGetrf, SerialGetrs)"
#endif

namespace {

using Exec = Kokkos::DefaultExecutionSpace;
using Memory = Exec::memory_space;
using Unmanaged = Kokkos::MemoryTraits<Kokkos::Unmanaged>;

constexpr int kBatch = 4096;

/// kobie: dense_lu_factor + dense_lu_solve; kobie_column: dense_lu_factor + column_lu_solve (below); kokkos_kernels:
/// SerialGetrf + SerialGetrs.
enum class Lu { kobie, kobie_column, kokkos_kernels };

/// The same solve as kobie::dense_lu_solve from the same factors, with the substitutions ordered by columns: once
/// b_j is final it is subtracted from the entries below (forward) or above (backward) it, as LAPACK's getrs and
/// Kokkos Kernels' SerialTrsm do, rather than each b_i being formed as one dot product with the finished entries.
/// The updates of one column are independent, where a dot product is a chain of dependent multiply-adds.
template <class Real>
KOKKOS_INLINE_FUNCTION void column_lu_solve(const Real* KOKKOS_RESTRICT LU, const int* KOKKOS_RESTRICT pivots, int m,
                                            Real* KOKKOS_RESTRICT b) {
  for (int k = 0; k < m; ++k) {
    const int p = pivots[k];
    if (p != k) {
      const Real t = b[k];
      b[k] = b[p];
      b[p] = t;
    }
  }
  for (int j = 0; j < m; ++j) {
    const Real bj = b[j];
    for (int i = j + 1; i < m; ++i) b[i] -= LU[i * m + j] * bj;
  }
  for (int j = m - 1; j >= 0; --j) {
    const Real bj = b[j] * LU[j * m + j];  // the reciprocal of u_jj (dense_lu_factor stores it)
    b[j] = bj;
    for (int i = 0; i < j; ++i) b[i] -= LU[i * m + j] * bj;
  }
}

/// The Jacobian of HIRES (Schäfer 1975; Hairer & Wanner II §IV.10; Bari test set "HIRES"), 8 species, at state y.
void hires_jacobian(const double* y, double* J) {
  static const double linear[8][8] = {{-1.71, 0.43, 8.32, 0, 0, 0, 0, 0},   {1.71, -8.75, 0, 0, 0, 0, 0, 0},
                                      {0, 0, -10.03, 0.43, 0.035, 0, 0, 0}, {0, 8.32, 1.71, -1.12, 0, 0, 0, 0},
                                      {0, 0, 0, 0, -1.745, 0.43, 0.43, 0},  {0, 0, 0, 0.69, 1.71, -0.43, 0.69, 0},
                                      {0, 0, 0, 0, 0, 0, -1.81, 0},         {0, 0, 0, 0, 0, 0, 1.81, 0}};
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 8; ++j) J[i * 8 + j] = linear[i][j];
  }
  // 280 y6 y8 leaves species 6 and 8 and feeds 7.
  const double d6 = 280.0 * y[7], d8 = 280.0 * y[5];
  J[5 * 8 + 5] -= d6, J[5 * 8 + 7] -= d8;
  J[6 * 8 + 5] += d6, J[6 * 8 + 7] += d8;
  J[7 * 8 + 5] -= d6, J[7 * 8 + 7] -= d8;
}

/// The batch's inputs in double: Jacobians (kBatch × n × n, row-major per run), γh, right-hand sides (kBatch × 8 × n).
struct Inputs {
  int n = 0;
  std::vector<double> jacobians, gamma_h, rhs;
};

const Inputs& inputs(int n) {
  static std::map<int, Inputs> cache;
  auto found = cache.find(n);
  if (found != cache.end()) return found->second;
  Inputs in;
  in.n = n;
  in.jacobians.resize(static_cast<std::size_t>(kBatch) * n * n);
  in.gamma_h.resize(kBatch);
  in.rhs.resize(static_cast<std::size_t>(kBatch) * 8 * n);
  std::mt19937_64 rng(20240519u + n);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto log_uniform = [&](double lo, double hi) { return lo * std::pow(hi / lo, unit(rng)); };
  std::vector<double> y(n);
  for (int r = 0; r < kBatch; ++r) {
    double* J = in.jacobians.data() + static_cast<std::size_t>(r) * n * n;
    if (n == 3) {
      const kobie_problems::Robertson robertson;
      const double p[3] = {0.04 * log_uniform(0.5, 2.0), 3.0e7 * log_uniform(0.5, 2.0), 1.0e4 * log_uniform(0.5, 2.0)};
      y[1] = log_uniform(1e-7, 4e-5);
      y[2] = unit(rng) * (1.0 - y[1]);
      y[0] = 1.0 - y[1] - y[2];
      robertson.jacobian(0.0, y.data(), p, static_cast<const double*>(nullptr), J);
    } else if (n == 8) {
      for (int i = 0; i < 8; ++i) y[i] = log_uniform(1e-5, 1.0);
      y[5] = log_uniform(1e-4, 0.5);
      y[7] = log_uniform(1e-4, 5.7e-3);
      hires_jacobian(y.data(), J);
    } else {
      const kobie_problems::Pollu pollu;
      for (int i = 0; i < n; ++i) y[i] = log_uniform(1e-10, 0.3);
      const double p[1] = {log_uniform(0.5, 2.0)};
      pollu.jacobian(0.0, y.data(), p, static_cast<const double*>(nullptr), J);
    }
    in.gamma_h[r] = log_uniform(1e-5, 1e2);
    for (int i = 0; i < 8 * n; ++i) in.rhs[static_cast<std::size_t>(r) * 8 * n + i] = 2.0 * unit(rng) - 1.0;
  }
  return cache.emplace(n, std::move(in)).first->second;
}

/// One batch's device data in precision Real.
template <class Real>
struct Batch {
  int n;
  Kokkos::View<Real***, Kokkos::LayoutRight, Memory> J, W, b, x;  // (run, row, col) and (run, rhs, entry)
  Kokkos::View<Real*, Memory> gamma_h;
  Kokkos::View<int**, Kokkos::LayoutRight, Memory> pivots;
  Kokkos::View<int*, Memory> info;

  explicit Batch(const Inputs& in)
      : n(in.n),
        J("J", kBatch, n, n),
        W("W", kBatch, n, n),
        b("b", kBatch, 8, n),
        x("x", kBatch, 8, n),
        gamma_h("gamma_h", kBatch),
        pivots("pivots", kBatch, n),
        info("info", kBatch) {
    auto hJ = Kokkos::create_mirror_view(J);
    auto hb = Kokkos::create_mirror_view(b);
    auto hg = Kokkos::create_mirror_view(gamma_h);
    for (int r = 0; r < kBatch; ++r) {
      hg(r) = static_cast<Real>(in.gamma_h[r]);
      for (int i = 0; i < n * n; ++i) hJ(r, i / n, i % n) = static_cast<Real>(in.jacobians[(std::size_t)r * n * n + i]);
      for (int i = 0; i < 8 * n; ++i) hb(r, i / n, i % n) = static_cast<Real>(in.rhs[(std::size_t)r * 8 * n + i]);
    }
    Kokkos::deep_copy(J, hJ);
    Kokkos::deep_copy(b, hb);
    Kokkos::deep_copy(gamma_h, hg);
  }
};

/// The dense kernels' work on run r: W = I − γh·J, factor W, then K solves (each on a copy of its right-hand side).
/// N > 0: the size is a compile-time constant; N == 0: the runtime m = n.
template <Lu Variant, class Real, int N, int K>
struct FactorSolve {
  Kokkos::View<const Real***, Kokkos::LayoutRight, Memory> J, b;
  Kokkos::View<const Real*, Memory> gamma_h;
  Kokkos::View<Real***, Kokkos::LayoutRight, Memory> W, x;
  Kokkos::View<int**, Kokkos::LayoutRight, Memory> pivots;
  Kokkos::View<int*, Memory> info;
  int n;

  explicit FactorSolve(const Batch<Real>& batch)
      : J(batch.J),
        b(batch.b),
        gamma_h(batch.gamma_h),
        W(batch.W),
        x(batch.x),
        pivots(batch.pivots),
        info(batch.info),
        n(batch.n) {}

  KOKKOS_INLINE_FUNCTION void operator()(const int r) const {
    const int m = N > 0 ? N : n;
    Real* w = &W(r, 0, 0);
    int* p = &pivots(r, 0);
    kobie::dense_form_shifted(&J(r, 0, 0), m, Real(1), gamma_h(r), w);
    if constexpr (Variant != Lu::kokkos_kernels) {
      const kobie::StatusBits s = kobie::dense_lu_factor(w, m, p);
      for (int k = 0; k < K; ++k) {
        Real* xk = &x(r, k, 0);
        for (int i = 0; i < m; ++i) xk[i] = b(r, k, i);
        if constexpr (Variant == Lu::kobie) {
          kobie::dense_lu_solve(w, p, m, xk);
        } else {
          column_lu_solve(w, p, m, xk);
        }
      }
      info(r) = static_cast<int>(s);
    } else {
      using Factor = KokkosBatched::SerialGetrf<KokkosBatched::Algo::Getrf::Unblocked>;
      using Solve =
          KokkosBatched::SerialGetrs<KokkosBatched::Trans::NoTranspose, KokkosBatched::Algo::Getrs::Unblocked>;
      if constexpr (N > 0) {
        const Kokkos::View<Real[N][N], Kokkos::LayoutRight, Memory, Unmanaged> A(w);
        const Kokkos::View<int[N], Memory, Unmanaged> piv(p);
        int s = Factor::invoke(A, piv);
        for (int k = 0; k < K; ++k) {
          Real* xk = &x(r, k, 0);
          for (int i = 0; i < N; ++i) xk[i] = b(r, k, i);
          s |= Solve::invoke(A, piv, Kokkos::View<Real[N], Memory, Unmanaged>(xk));
        }
        info(r) = s;
      } else {
        const Kokkos::View<Real**, Kokkos::LayoutRight, Memory, Unmanaged> A(w, m, m);
        const Kokkos::View<int*, Memory, Unmanaged> piv(p, m);
        int s = Factor::invoke(A, piv);
        for (int k = 0; k < K; ++k) {
          Real* xk = &x(r, k, 0);
          for (int i = 0; i < m; ++i) xk[i] = b(r, k, i);
          s |= Solve::invoke(A, piv, Kokkos::View<Real*, Memory, Unmanaged>(xk, m));
        }
        info(r) = s;
      }
    }
  }
};

template <Lu Variant, class Real, int N, int K>
void run_once(const Batch<Real>& batch) {
  Kokkos::parallel_for("kobie_bench::batched_lu", Kokkos::RangePolicy<Exec>(0, kBatch),
                       FactorSolve<Variant, Real, N, K>(batch));
}

/// What the untimed comparison found; `error` is empty when it passed.
struct Check {
  std::string error;
  double max_rel_diff = 0, max_backward_error = 0, max_cond = 0, pivoted = 0;
};

template <class Real, int N, int K>
Check compare(const Inputs& in, const Batch<Real>& batch) {
  const int n = in.n;
  auto solution = [&](auto variant_tag) {
    run_once<decltype(variant_tag)::value, Real, N, K>(batch);
    Kokkos::fence();
    // Copies (create_mirror, not create_mirror_view): on a host backend a mirror view would alias the batch's
    // buffers, which the next variant overwrites.
    auto x = Kokkos::create_mirror(Kokkos::HostSpace(), batch.x);
    auto p = Kokkos::create_mirror(Kokkos::HostSpace(), batch.pivots);
    auto info = Kokkos::create_mirror(Kokkos::HostSpace(), batch.info);
    Kokkos::deep_copy(x, batch.x);
    Kokkos::deep_copy(p, batch.pivots);
    Kokkos::deep_copy(info, batch.info);
    return std::make_tuple(x, p, info);
  };
  // [0] kobie, [1] kobie_column, [2] kokkos_kernels: the first two against the third.
  const auto results = std::make_tuple(solution(std::integral_constant<Lu, Lu::kobie>()),
                                       solution(std::integral_constant<Lu, Lu::kobie_column>()),
                                       solution(std::integral_constant<Lu, Lu::kokkos_kernels>()));
  const auto& [xa, pa, ia] = std::get<0>(results);
  const auto& [xc, pc, ic] = std::get<1>(results);
  const auto& [xb, pb, ib] = std::get<2>(results);
  Check c;
  const double tolerance = 4.0 * n * std::numeric_limits<Real>::epsilon();
  int pivoted = 0;
  std::vector<double> W(static_cast<std::size_t>(n) * n), LU(W.size()), e(n), inverse_rows(n);
  std::vector<int> lu_pivots(n);
  for (int r = 0; r < kBatch && c.error.empty(); ++r) {
    if (ia(r) != 0 || ic(r) != 0 || ib(r) != 0) c.error = "a factorisation failed at run " + std::to_string(r);
    bool swaps = false;
    for (int i = 0; i < n; ++i) {
      if (pa(r, i) != pb(r, i) || pc(r, i) != pb(r, i)) c.error = "the pivots differ at run " + std::to_string(r);
      swaps = swaps || pa(r, i) != i;
    }
    pivoted += swaps;
    const double gh = static_cast<double>(static_cast<Real>(in.gamma_h[r]));
    double W_norm = 0;
    for (int i = 0; i < n; ++i) {
      double row = 0;
      for (int j = 0; j < n; ++j) {
        const double Jij = static_cast<double>(static_cast<Real>(in.jacobians[(std::size_t)r * n * n + i * n + j]));
        W[i * n + j] = (i == j ? 1.0 : 0.0) - gh * Jij;
        row += std::abs(W[i * n + j]);
      }
      W_norm = std::max(W_norm, row);
    }
    // cond∞(W) in double, from the columns of W⁻¹.
    LU = W;
    if (kobie::dense_lu_factor(LU.data(), n, lu_pivots.data()) != kobie::status::success) {
      c.error = "W is singular in double at run " + std::to_string(r);
      break;
    }
    std::fill(inverse_rows.begin(), inverse_rows.end(), 0.0);
    for (int j = 0; j < n; ++j) {
      for (int i = 0; i < n; ++i) e[i] = i == j ? 1.0 : 0.0;
      kobie::dense_lu_solve(LU.data(), lu_pivots.data(), n, e.data());
      for (int i = 0; i < n; ++i) inverse_rows[i] += std::abs(e[i]);
    }
    const double cond = W_norm * *std::max_element(inverse_rows.begin(), inverse_rows.end());
    c.max_cond = std::max(c.max_cond, cond);
    for (int k = 0; k < K; ++k) {
      double scale = 0;
      for (int i = 0; i < n; ++i) scale = std::max(scale, std::abs(static_cast<double>(xb(r, k, i))));
      for (const auto* x : {&xa, &xc}) {
        double diff = 0;
        for (int i = 0; i < n; ++i) {
          diff = std::max(diff, std::abs(static_cast<double>((*x)(r, k, i)) - static_cast<double>(xb(r, k, i))));
        }
        c.max_rel_diff = std::max(c.max_rel_diff, diff / scale);
        if (!(diff <= 2.0 * cond * tolerance * scale)) c.error = "the solutions differ at run " + std::to_string(r);
      }
      for (const auto* x : {&xa, &xc, &xb}) {
        double residual = 0, x_norm = 0, b_norm = 0;
        for (int i = 0; i < n; ++i) {
          const double bi = static_cast<double>(static_cast<Real>(in.rhs[(std::size_t)r * 8 * n + k * n + i]));
          double s = -bi;
          for (int j = 0; j < n; ++j) s += W[i * n + j] * static_cast<double>((*x)(r, k, j));
          residual = std::max(residual, std::abs(s));
          x_norm = std::max(x_norm, std::abs(static_cast<double>((*x)(r, k, i))));
          b_norm = std::max(b_norm, std::abs(bi));
        }
        const double eta = residual / (W_norm * x_norm + b_norm);
        c.max_backward_error = std::max(c.max_backward_error, eta);
        if (!(eta <= tolerance)) c.error = "backward error " + std::to_string(eta) + " at run " + std::to_string(r);
      }
    }
  }
  c.pivoted = static_cast<double>(pivoted) / kBatch;
  return c;
}

template <Lu Variant, class Real, int N, int K>
void BM_batched_lu(benchmark::State& state, int n) {
  const Inputs& in = inputs(n);
  const Batch<Real> batch(in);
  const Check check = compare<Real, N, K>(in, batch);
  if (!check.error.empty()) {
    state.SkipWithError(check.error.c_str());
    return;
  }
  for (auto _ : state) {
    run_once<Variant, Real, N, K>(batch);
    Kokkos::fence();
  }
  state.counters["matrices_per_s"] = benchmark::Counter(kBatch, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["max_rel_diff"] = check.max_rel_diff;
  state.counters["backward_error"] = check.max_backward_error;
  state.counters["max_cond"] = check.max_cond;
  state.counters["pivoted"] = check.pivoted;
}

template <class Real, int N, int K>
void register_case(const char* problem, const char* real, int n) {
  const std::string tail =
      std::string(problem) + "/" + real + "/" + (N > 0 ? "fixed" : "dyn") + "/k:" + std::to_string(K);
  benchmark::RegisterBenchmark(("BM_kobie_lu/" + tail).c_str(), BM_batched_lu<Lu::kobie, Real, N, K>, n)
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(("BM_kobiecolumn_lu/" + tail).c_str(), BM_batched_lu<Lu::kobie_column, Real, N, K>, n)
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(("BM_kokkoskernels_lu/" + tail).c_str(), BM_batched_lu<Lu::kokkos_kernels, Real, N, K>,
                               n)
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
}

template <class Real, int N>
void register_size(const char* problem, const char* real) {
  register_case<Real, 0, 1>(problem, real, N);
  register_case<Real, 0, 8>(problem, real, N);
  register_case<Real, N, 1>(problem, real, N);
  register_case<Real, N, 8>(problem, real, N);
}

template <class Real>
void register_precision(const char* real) {
  register_size<Real, 3>("robertson_n3", real);
  register_size<Real, 8>("hires_n8", real);
  register_size<Real, 20>("pollu_n20", real);
}

/// Forwards to the display reporter and keeps each benchmark's median matrices/s (or its only run's) for the
/// kobie / Kokkos Kernels table printed at the end.
class RatioReporter : public benchmark::BenchmarkReporter {
 public:
  explicit RatioReporter(benchmark::BenchmarkReporter* inner) : inner_(inner) {}
  bool ReportContext(const Context& context) override { return inner_->ReportContext(context); }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      if (run.run_type == Run::RT_Aggregate && !median) continue;
      const std::string name = run.run_name.str();
      const auto c = run.counters.find("matrices_per_s");
      if (c == run.counters.end()) continue;
      if (median || rates_.find(name) == rates_.end()) {
        rates_[name] = {c->second.value, c->second.value * run.GetAdjustedRealTime() / run.GetAdjustedCPUTime()};
      }
      if (std::find(order_.begin(), order_.end(), name) == order_.end()) order_.push_back(name);
    }
    inner_->ReportRuns(runs);
  }
  void Finalize() override {
    inner_->Finalize();
    std::FILE* out = stdout;
    const std::string kobie = "BM_kobie_lu/", column = "BM_kobiecolumn_lu/", kk = "BM_kokkoskernels_lu/";
    bool header = false;
    for (const std::string& name : order_) {
      if (name.compare(0, kobie.size(), kobie) != 0) continue;
      const std::string tail = name.substr(kobie.size());
      const auto c = rates_.find(column + tail), p = rates_.find(kk + tail);
      if (c == rates_.end() || p == rates_.end()) continue;
      if (!header) {
        std::fprintf(out,
                     "\nmatrices/s by wall clock (medians when repeated): kobie, kobie with column_lu_solve, Kokkos "
                     "Kernels; their ratios to Kokkos Kernels by wall clock and (cpu) by CPU time, meaningful with one "
                     "thread on a busy machine\n%-28s %10s %10s %10s %7s %7s %7s %7s\n",
                     "case", "kobie", "column", "kokkosk.", "kobie", "cpu", "column", "cpu");
        header = true;
      }
      const std::string shown = tail.size() > 10 && tail.compare(tail.size() - 10, 10, "/real_time") == 0
                                    ? tail.substr(0, tail.size() - 10)
                                    : tail;
      const Rate k = rates_[name], col = c->second, kks = p->second;
      std::fprintf(out, "%-28s %10.4g %10.4g %10.4g %7.3f %7.3f %7.3f %7.3f\n", shown.c_str(), k.wall, col.wall,
                   kks.wall, k.wall / kks.wall, k.cpu / kks.cpu, col.wall / kks.wall, col.cpu / kks.cpu);
    }
    std::fflush(out);
  }

 private:
  struct Rate {
    double wall = 0, cpu = 0;
  };
  benchmark::BenchmarkReporter* inner_;
  std::map<std::string, Rate> rates_;
  std::vector<std::string> order_;
};

}  // namespace

int main(int argc, char* argv[]) {
  Kokkos::ScopeGuard guard(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  register_precision<double>("double");
  register_precision<float>("float");
  benchmark::AddCustomContext("kobie_version", kobie::version_string);
  benchmark::AddCustomContext("kobie_git_hash", KOBIE_GIT_HASH);
  benchmark::AddCustomContext("kokkos_version", std::to_string(KOKKOS_VERSION));
  benchmark::AddCustomContext("kokkoskernels_version", std::to_string(KOKKOSKERNELS_VERSION));
  benchmark::AddCustomContext("kokkos_execution_space", Exec::name());
  benchmark::AddCustomContext("kokkos_concurrency", std::to_string(Exec().concurrency()));
  RatioReporter reporter(benchmark::CreateDefaultDisplayReporter());
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
