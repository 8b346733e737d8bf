// The dense linear path: the kernel compiled for it alone (device backends launch it; here it runs on every backend
// against the kernel that holds both paths), the block factorisations and Hairer's transformation of the FIRK stage
// system: the complex LU of its complex blocks, the compile-time-size (register-resident) forms of both LUs, the
// transformation data of
// each tableau (T Λ T⁻¹ = A⁻¹, checked by validate()), and the transformed dense solve against the coupled
// (stages·n)² LU it replaces: a FIRK tableau without a StageTransformation takes the coupled path, so the same method
// runs both ways in one binary. The two agree to rounding (same steps, states within 1e-12).
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <random>
#include <string>
#include <vector>

#include "StiffSystems.hpp"
#include "kobie/kobie.hpp"
#include "kobie/linear/complex_lu.hpp"
#include "kobie/linear/dense_lu.hpp"

namespace {
namespace stage_transformation_test {

namespace tab = kobie::tableaus;
using Complex = std::complex<double>;

/// A random complex m×m matrix whose diagonal is small, so that the factorisation must pivot.
void random_matrix(int m, std::mt19937& gen, std::vector<double>& re, std::vector<double>& im) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  re.resize(m * m);
  im.resize(m * m);
  for (int i = 0; i < m * m; ++i) {
    re[i] = u(gen);
    im[i] = u(gen);
  }
  for (int i = 0; i < m; ++i) {
    re[i * m + i] *= 1e-3;
    im[i * m + i] *= 1e-3;
  }
}

TEST(TEST_CATEGORY, complex_lu_solves_pivoting_systems_to_rounding) {
  std::mt19937 gen(20261207);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  for (int m : {1, 2, 3, 5, 8, 20}) {
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<double> re, im;
      random_matrix(m, gen, re, im);
      const std::vector<double> re0 = re, im0 = im;
      std::vector<double> br(m), bi(m);
      for (int i = 0; i < m; ++i) {
        br[i] = u(gen);
        bi[i] = u(gen);
      }
      const std::vector<double> br0 = br, bi0 = bi;
      std::vector<int> piv(m);
      ASSERT_EQ(kobie::complex_lu_factor(re.data(), im.data(), m, piv.data()), kobie::status::success) << m;
      kobie::complex_lu_solve(re.data(), im.data(), piv.data(), m, br.data(), bi.data());
      // Residual |A x − b| against |A| |x|, row by row.
      for (int i = 0; i < m; ++i) {
        Complex r(-br0[i], -bi0[i]);
        double scale = 0.0;
        for (int j = 0; j < m; ++j) {
          const Complex a(re0[i * m + j], im0[i * m + j]), x(br[j], bi[j]);
          r += a * x;
          scale += std::abs(a) * std::abs(x);
        }
        EXPECT_LE(std::abs(r), 1e-13 * (scale + std::abs(Complex(br0[i], bi0[i])))) << "m " << m << " row " << i;
      }
      // The same system as a real 2m×2m one: [[Re, −Im], [Im, Re]] [xr; xi] = [br; bi].
      std::vector<double> big(4 * m * m), x(2 * m);
      for (int i = 0; i < m; ++i) {
        for (int j = 0; j < m; ++j) {
          big[i * 2 * m + j] = re0[i * m + j];
          big[i * 2 * m + m + j] = -im0[i * m + j];
          big[(m + i) * 2 * m + j] = im0[i * m + j];
          big[(m + i) * 2 * m + m + j] = re0[i * m + j];
        }
        x[i] = br0[i];
        x[m + i] = bi0[i];
      }
      std::vector<int> piv2(2 * m);
      ASSERT_EQ(kobie::dense_lu_factor(big.data(), 2 * m, piv2.data()), kobie::status::success);
      kobie::dense_lu_solve(big.data(), piv2.data(), 2 * m, x.data());
      for (int i = 0; i < m; ++i) {
        EXPECT_NEAR(br[i], x[i], 1e-9 * (1.0 + std::abs(x[i])));
        EXPECT_NEAR(bi[i], x[m + i], 1e-9 * (1.0 + std::abs(x[m + i])));
      }
    }
  }
}

/// Factors and solves one random pivoting m×m system (real and complex) with the run-time size m and with FixedSize<M>:
/// the same pivots, and factors and solutions equal to rounding (a compiler may contract the unrolled code
/// differently).
template <int M>
void expect_fixed_size_matches_runtime_size(std::mt19937& gen) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::vector<double> re, im;
  random_matrix(M, gen, re, im);
  std::vector<double> a = re, a_fixed = re, re_fixed = re, im_fixed = im, b(M), bi(M);
  for (int i = 0; i < M; ++i) {
    b[i] = u(gen);
    bi[i] = u(gen);
  }
  std::vector<double> x = b, x_fixed = b, xr = b, xi = bi, xr_fixed = b, xi_fixed = bi;
  std::vector<int> piv(M), piv_fixed(M), cpiv(M), cpiv_fixed(M);
  ASSERT_EQ(kobie::dense_lu_factor(a.data(), M, piv.data()), kobie::status::success);
  ASSERT_EQ(kobie::dense_lu_factor(a_fixed.data(), kobie::FixedSize<M>{}, piv_fixed.data()), kobie::status::success);
  kobie::dense_lu_solve(a.data(), piv.data(), M, x.data());
  kobie::dense_lu_solve(a_fixed.data(), piv_fixed.data(), kobie::FixedSize<M>{}, x_fixed.data());
  ASSERT_EQ(kobie::complex_lu_factor(re.data(), im.data(), M, cpiv.data()), kobie::status::success);
  ASSERT_EQ(kobie::complex_lu_factor(re_fixed.data(), im_fixed.data(), kobie::FixedSize<M>{}, cpiv_fixed.data()),
            kobie::status::success);
  kobie::complex_lu_solve(re.data(), im.data(), cpiv.data(), M, xr.data(), xi.data());
  kobie::complex_lu_solve(re_fixed.data(), im_fixed.data(), cpiv_fixed.data(), kobie::FixedSize<M>{}, xr_fixed.data(),
                          xi_fixed.data());
  EXPECT_EQ(piv, piv_fixed) << M;
  EXPECT_EQ(cpiv, cpiv_fixed) << M;
  for (int i = 0; i < M * M; ++i) EXPECT_NEAR(a[i], a_fixed[i], 1e-12 * (1.0 + std::abs(a[i]))) << M;
  for (int i = 0; i < M; ++i) {
    EXPECT_NEAR(x[i], x_fixed[i], 1e-10 * (1.0 + std::abs(x[i]))) << M;
    EXPECT_NEAR(xr[i], xr_fixed[i], 1e-10 * (1.0 + std::abs(xr[i]))) << M;
    EXPECT_NEAR(xi[i], xi_fixed[i], 1e-10 * (1.0 + std::abs(xi[i]))) << M;
  }
  // A zero column is singular at either size, and leaves the identity's factors (a solve with them returns b).
  a = re;
  for (int i = 0; i < M; ++i) a[i * M + M - 1] = 0.0;
  a_fixed = a;
  EXPECT_EQ(kobie::dense_lu_factor(a.data(), M, piv.data()), kobie::status::singular_matrix);
  EXPECT_EQ(kobie::dense_lu_factor(a_fixed.data(), kobie::FixedSize<M>{}, piv_fixed.data()),
            kobie::status::singular_matrix);
  for (int i = 0; i < M; ++i) {
    EXPECT_EQ(piv[i], i) << M;
    EXPECT_EQ(piv_fixed[i], i) << M;
    for (int j = 0; j < M; ++j) {
      EXPECT_EQ(a[i * M + j], i == j ? 1.0 : 0.0) << M;
      EXPECT_EQ(a_fixed[i * M + j], i == j ? 1.0 : 0.0) << M;
    }
  }
  x = b;
  kobie::dense_lu_solve(a_fixed.data(), piv_fixed.data(), kobie::FixedSize<M>{}, x.data());
  EXPECT_EQ(x, b) << M;
}

TEST(TEST_CATEGORY, lu_with_a_compile_time_size_matches_the_run_time_size) {
  // The register-resident form (FixedSize: constant trip counts, predicated row exchanges) of the real and complex
  // factorisations pivots and solves as the run-time form does.
  std::mt19937 gen(42);
  for (int trial = 0; trial < 10; ++trial) {
    expect_fixed_size_matches_runtime_size<1>(gen);
    expect_fixed_size_matches_runtime_size<2>(gen);
    expect_fixed_size_matches_runtime_size<3>(gen);
    expect_fixed_size_matches_runtime_size<5>(gen);
    expect_fixed_size_matches_runtime_size<8>(gen);
    expect_fixed_size_matches_runtime_size<16>(gen);
  }
}

TEST(TEST_CATEGORY, complex_lu_reports_singular_matrices) {
  const int m = 3;
  std::mt19937 gen(7);
  std::vector<double> re, im;
  std::vector<int> piv(m);
  random_matrix(m, gen, re, im);
  for (int i = 0; i < m; ++i) re[i * m + 1] = im[i * m + 1] = 0.0;  // a zero column
  EXPECT_EQ(kobie::complex_lu_factor(re.data(), im.data(), m, piv.data()), kobie::status::singular_matrix);
  random_matrix(m, gen, re, im);
  for (int j = 0; j < m; ++j) {  // row 2 = (1 + 2i) row 0: singular to working precision
    const Complex r = Complex(1.0, 2.0) * Complex(re[j], im[j]);
    re[2 * m + j] = r.real();
    im[2 * m + j] = r.imag();
  }
  EXPECT_EQ(kobie::complex_lu_factor(re.data(), im.data(), m, piv.data()), kobie::status::singular_matrix);
  random_matrix(m, gen, re, im);
  im[4] = std::nan("");
  EXPECT_EQ(kobie::complex_lu_factor(re.data(), im.data(), m, piv.data()), kobie::status::singular_matrix);
}

TEST(TEST_CATEGORY, firk_stage_transformations_diagonalise_the_inverse_of_a) {
  // validate() checks T Λ T⁻¹ = A⁻¹ entry by entry; the error filter's γ0 is 1/λ of the real block for Radau IIA 5
  // and 9 (RADAU5 and RADAU reuse that factorisation), while Radau IIA 3 and Gauss–Legendre have no real eigenvalue.
  EXPECT_NO_THROW(kobie::algorithms::RadauIIA3::validate());
  EXPECT_NO_THROW(kobie::algorithms::RadauIIA5::validate());
  EXPECT_NO_THROW(kobie::algorithms::RadauIIA9::validate());
  EXPECT_NO_THROW(kobie::algorithms::GaussLegendre4::validate());
  EXPECT_NO_THROW(kobie::algorithms::GaussLegendre8::validate());
  EXPECT_EQ(kobie::algorithms::RadauIIA5::transformation<double>().shifted_block, 0);
  EXPECT_EQ(kobie::algorithms::RadauIIA9::transformation<double>().shifted_block, 0);
  EXPECT_EQ(kobie::algorithms::RadauIIA3::transformation<double>().shifted_block, -1);
  EXPECT_EQ(kobie::algorithms::GaussLegendre8::transformation<double>().real_blocks, 0);
  EXPECT_EQ(kobie::algorithms::GaussLegendre8::transformation<double>().complex_pairs, 2);
  // RADAU5's constants (Hairer & Wanner II, Sect. IV.8): u1 = 30 / (6 + 81^(1/3) − 9^(1/3)), and the pair
  // (α, β) / (α² + β²) with α = (12 − 81^(1/3) + 9^(1/3)) / 60, β = (81^(1/3) + 9^(1/3)) √3 / 60.
  const double c81 = std::cbrt(81.0), c9 = std::cbrt(9.0);
  const double alpha = (12 - c81 + c9) / 60, beta = (c81 + c9) * std::sqrt(3.0) / 60;
  const auto t5 = kobie::algorithms::RadauIIA5::transformation<double>();
  EXPECT_NEAR(t5.eigenvalues[0], 30 / (6 + c81 - c9), 1e-13);
  EXPECT_NEAR(t5.eigenvalues[1], alpha / (alpha * alpha + beta * beta), 1e-13);
  EXPECT_NEAR(t5.eigenvalues[2], beta / (alpha * alpha + beta * beta), 1e-13);
}

}  // namespace stage_transformation_test
}  // namespace

/// A Radau IIA 5 whose transformation is wrong (the pair's β negated): validate() must refuse it.
namespace stage_transformation_test_tableaus {
struct WrongRadau5 : kobie::tableaus::RadauIIA5 {
  static constexpr const char* name = "wrong-radau-5";
};
/// The Radau IIA methods without their transformation: the coupled (stages·n)² LU path.
struct CoupledRadau3 : kobie::tableaus::RadauIIA3 {
  static constexpr const char* name = "coupled-radau-iia-3";
};
struct CoupledRadau5 : kobie::tableaus::RadauIIA5 {
  static constexpr const char* name = "coupled-radau-iia-5";
};
struct CoupledRadau9 : kobie::tableaus::RadauIIA9 {
  static constexpr const char* name = "coupled-radau-iia-9";
};
}  // namespace stage_transformation_test_tableaus

template <>
struct kobie::tableaus::StageTransformation<stage_transformation_test_tableaus::WrongRadau5> {
  using Right = StageTransformation<RadauIIA5>;
  static constexpr int real_eigenvalues = 1;
  static constexpr int complex_pairs = 1;
  static constexpr double eigenvalues[3] = {Right::eigenvalues[0], Right::eigenvalues[1], -Right::eigenvalues[2]};
  static constexpr double T[3][3] = {{Right::T[0][0], Right::T[0][1], Right::T[0][2]},
                                     {Right::T[1][0], Right::T[1][1], Right::T[1][2]},
                                     {Right::T[2][0], Right::T[2][1], Right::T[2][2]}};
};

namespace {
namespace stage_transformation_test {

namespace extra = stage_transformation_test_tableaus;

/// One step of algorithm A on Robertson from a state where J matters, with the device compiled for alternative K of
/// the linear solver (0: both paths, 1: dense only), written to `out` (y_new, then the error estimate).
template <class A, int K>
struct DenseStepKernel {
  using System = kobie_test::Robertson;
  using Loop = kobie::IvpLoop<A>;
  using Binding = kobie::StaticBinding<kobie::SizesOf<System>, double, Loop, 0, K>;
  using LoopDevice = typename Loop::template Device<System, double, TEST_EXECSPACE, Binding>;
  static constexpr std::size_t bytes = kobie::local_capacity<Loop, double, K>(kobie::SystemTraits<System>::sizes());
  LoopDevice loop;
  Kokkos::View<double*, TEST_EXECSPACE> out;

  KOKKOS_INLINE_FUNCTION void operator()(int) const {
    const double y[3] = {0.9, 3e-5, 0.1}, p[3] = {0.04, 3e7, 1e4};
    double y_new[3];
    kobie::LocalStorage<bytes> storage;
    kobie::RunMemory m;
    m.base[0] = storage.data;
    loop.algorithm.start(m);
    const auto o = loop.algorithm.step(System{}, kobie::StepContext<double>{0.0, 1e-3, true},
                                       kobie::StepInputs<double>{y, p, nullptr}, y_new, m);
    for (int d = 0; d < 3; ++d) {
      out(d) = y_new[d];
      out(3 + d) = o.error != nullptr ? o.error[d] : 0.0;
    }
    out(6) = static_cast<double>(o.status);
  }
};

template <class A, int K>
std::vector<double> dense_step() {
  using Kernel = DenseStepKernel<A, K>;
  kobie::Settings settings;
  settings.set("linear_solver", "dense-lu");
  kobie::BufferRegistry registry = kobie::BufferRegistry::for_real<double>();
  const kobie::LoopParts parts = kobie::Impl::loop_parts(settings, kobie::SummaryPlan{});
  kobie::register_component<typename Kernel::Loop>(registry, "", parts,
                                                   kobie::SystemTraits<typename Kernel::System>::sizes());
  EXPECT_EQ(registry.alternative_in_use(), 1);
  Kernel k{Kernel::Loop::template device<typename Kernel::System, double, TEST_EXECSPACE, typename Kernel::Binding>(
               parts, registry, typename Kernel::System{}, {1e-10, 1e-10, 1e-10}, {1e-6, 1e-6, 1e-6}, 2),
           Kokkos::View<double*, TEST_EXECSPACE>("out", 7)};
  Kokkos::parallel_for("kobie_test::dense_step", Kokkos::RangePolicy<TEST_EXECSPACE>(0, 1), k);
  auto h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), k.out);
  return std::vector<double>(h.data(), h.data() + 7);
}

template <class A>
void expect_dense_kernel_matches_the_kernel_with_both_paths() {
  SCOPED_TRACE(A::name);
  const std::vector<double> both = dense_step<A, 0>(), dense = dense_step<A, 1>();
  EXPECT_EQ(both[6], 0.0);
  EXPECT_EQ(dense[6], 0.0);
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(dense[i], both[i], 1e-13 * std::abs(both[i]) + 1e-300) << i;
  // A kernel compiled for the dense path refuses settings that choose the matrix-free one.
  using Kernel = DenseStepKernel<A, 1>;
  kobie::Settings gmres;
  gmres.set("linear_solver", "gmres");
  kobie::BufferRegistry registry = kobie::BufferRegistry::for_real<double>();
  const kobie::LoopParts parts = kobie::Impl::loop_parts(gmres, kobie::SummaryPlan{});
  kobie::register_component<typename Kernel::Loop>(registry, "", parts,
                                                   kobie::SystemTraits<typename Kernel::System>::sizes());
  EXPECT_THROW(
      (Kernel::Loop::template device<typename Kernel::System, double, TEST_EXECSPACE, typename Kernel::Binding>(
          parts, registry, typename Kernel::System{}, {1e-10, 1e-10, 1e-10}, {1e-6, 1e-6, 1e-6}, 2)),
      kobie::Error);
}

TEST(TEST_CATEGORY, dense_kernel_steps_as_the_kernel_with_both_linear_paths) {
  // The kernel device backends launch for linear_solver = dense-lu (only the dense code, compile-time block sizes,
  // only the dense path's room) takes the step the kernel holding both paths takes: one step of each implicit family.
  expect_dense_kernel_matches_the_kernel_with_both_paths<kobie::algorithms::Rodas5p>();
  expect_dense_kernel_matches_the_kernel_with_both_paths<kobie::algorithms::Kvaerno5>();
  expect_dense_kernel_matches_the_kernel_with_both_paths<kobie::algorithms::RadauIIA5>();
  static_assert(kobie::local_capacity<kobie::IvpLoop<kobie::algorithms::RadauIIA5>, double, 1>(
                    kobie::SystemTraits<kobie_problems::Pollu>::sizes()) <
                    kobie::local_capacity<kobie::IvpLoop<kobie::algorithms::RadauIIA5>, double>(
                        kobie::SystemTraits<kobie_problems::Pollu>::sizes()) /
                        3,
                "the dense kernel of Radau IIA 5 on POLLU reserves less than a third of the room of both paths");
}
using Transformed =
    kobie::TypeList<kobie::algorithms::RadauIIA3, kobie::algorithms::RadauIIA5, kobie::algorithms::RadauIIA9,
                    kobie::FirkAlgorithm<extra::CoupledRadau3>, kobie::FirkAlgorithm<extra::CoupledRadau5>,
                    kobie::FirkAlgorithm<extra::CoupledRadau9>>;
using RobertsonSolver = kobie::Solver<kobie_test::Robertson, double, TEST_EXECSPACE, Transformed>;

TEST(TEST_CATEGORY, firk_stage_transformation_that_does_not_diagonalise_is_refused) {
  static_assert(kobie::FirkAlgorithm<extra::WrongRadau5>::transformed, "");
  static_assert(!kobie::FirkAlgorithm<extra::CoupledRadau5>::transformed, "");
  try {
    kobie::FirkAlgorithm<extra::WrongRadau5>::validate();
    FAIL() << "a wrong transformation was accepted";
  } catch (const kobie::Error& e) {
    EXPECT_NE(std::string(e.what()).find("does not diagonalise"), std::string::npos) << e.what();
  }
}

TEST(TEST_CATEGORY, firk_transformed_solve_takes_the_steps_of_the_coupled_solve) {
  // Robertson over a few rate sets to t = 1e5, rtol 1e-6: the transformed blocks and the coupled LU solve the same
  // linear systems, so each run takes the same steps and ends within rounding of the other. The transformed path
  // keeps stages n² reals of factors instead of (stages n)².
  const int runs = 4;
  Kokkos::View<double**, Kokkos::HostSpace> y0("y0", runs, 3), p("p", runs, 3);
  for (int r = 0; r < runs; ++r) {
    y0(r, 0) = 1.0;
    p(r, 0) = 0.04 * (1 + r);
    p(r, 1) = 3e7 / (1 + r);
    p(r, 2) = 1e4 * (1 + 0.5 * r);
  }
  const std::pair<const char*, const char*> pairs[] = {{"radau-iia-3", "coupled-radau-iia-3"},
                                                       {"radau-iia-5", "coupled-radau-iia-5"},
                                                       {"radau-iia-9", "coupled-radau-iia-9"}};
  const int stages[] = {2, 3, 5};
  for (int k = 0; k < 3; ++k) {
    std::vector<kobie::HostResult<double>> results;
    std::vector<long> factor_reals;
    for (const char* name : {pairs[k].first, pairs[k].second}) {
      RobertsonSolver solver;
      solver.set("algorithm", name);
      solver.set("duration", 1e5);
      solver.set("rtol", 1e-6);
      solver.set("atol", 1e-10);
      solver.set("linear_solver", "dense-lu");
      solver.set("outputs", "state,counters");
      results.push_back(solver.solve(y0, p).to_host());
      for (const auto& b : solver.registry().buffers()) {
        if (b.owner == "linear_solver" && b.name == "newton_matrix") factor_reals.push_back(b.count);
      }
    }
    ASSERT_EQ(factor_reals.size(), 2u);
    EXPECT_EQ(factor_reals[0], stages[k] * 3 * 3) << pairs[k].first;
    EXPECT_EQ(factor_reals[1], stages[k] * 3 * stages[k] * 3) << pairs[k].second;
    for (int r = 0; r < runs; ++r) {
      ASSERT_EQ(results[0].status(r), kobie::status::success) << pairs[k].first << " run " << r;
      ASSERT_EQ(results[1].status(r), kobie::status::success) << pairs[k].second << " run " << r;
      EXPECT_EQ(results[0].counter(r, 1, 2), results[1].counter(r, 1, 2)) << pairs[k].first << " attempts, run " << r;
      EXPECT_EQ(results[0].counter(r, 1, 3), results[1].counter(r, 1, 3)) << pairs[k].first << " rejected, run " << r;
      for (int i = 0; i < 3; ++i) {
        const double a = results[0].state(r, 1, i), b = results[1].state(r, 1, i);
        EXPECT_LE(std::abs(a - b), 1e-12 * std::abs(b) + 1e-20) << pairs[k].first << " run " << r << " y" << i;
      }
    }
  }
}

}  // namespace stage_transformation_test
}  // namespace
