// The Rosenbrock family: the tableau check, observed orders on a smooth non-autonomous problem (∂f/∂t from the System
// and by finite differences), a singular matrix I − γ h J that fails its own run only, and single precision.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "StiffSystems.hpp"
#include "TestSystems.hpp"
#include "kobie/kobie.hpp"
#include "reference/stiff_refs.hpp"

namespace {

using RosenbrockExec = TEST_EXECSPACE;
using HostView = Kokkos::View<double**, Kokkos::HostSpace>;

/// A manufactured solution y*(t) = (2 + sin t, cos 2t) of y' = g(y) − g(y*(t)) + y*'(t) with the nonlinear
/// g(y) = (−y0 y1, y0² − 2 y1): smooth, non-autonomous (∂f/∂t ≠ 0) and with an exact reference. The System has the
/// analytic Jacobian; ManufacturedAnalytic adds the analytic ∂f/∂t = −J_g(y*) y*' + y*''.
struct ManufacturedBase {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 0;
  template <class Real>
  KOKKOS_INLINE_FUNCTION static void exact(Real t, Real* y, Real* dy, Real* d2y) {
    using kobie::math::cos;
    using kobie::math::sin;
    y[0] = Real(2) + sin(t);
    y[1] = cos(Real(2) * t);
    dy[0] = cos(t);
    dy[1] = -Real(2) * sin(Real(2) * t);
    d2y[0] = -sin(t);
    d2y[1] = -Real(4) * cos(Real(2) * t);
  }
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real t, const Real* y, const Real*, const Real*, Real* f) const {
    Real s[2], ds[2], d2s[2];
    exact(t, s, ds, d2s);
    f[0] = -y[0] * y[1] + s[0] * s[1] + ds[0];
    f[1] = y[0] * y[0] - Real(2) * y[1] - (s[0] * s[0] - Real(2) * s[1]) + ds[1];
  }
  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real* y, const Real*, const Real*, Real* J) const {
    J[0] = -y[1];
    J[1] = -y[0];
    J[2] = Real(2) * y[0];
    J[3] = Real(-2);
  }
};

struct ManufacturedFd : ManufacturedBase {};
struct ManufacturedAnalytic : ManufacturedBase {
  template <class Real>
  KOKKOS_INLINE_FUNCTION void time_derivative(Real t, const Real*, const Real*, const Real*, Real* dfdt) const {
    Real s[2], ds[2], d2s[2];
    exact(t, s, ds, d2s);
    // −J_g(y*) y*' with J_g = [[−y1, −y0], [2 y0, −2]], plus y*''.
    dfdt[0] = -(-s[1] * ds[0] - s[0] * ds[1]) + d2s[0];
    dfdt[1] = -(Real(2) * s[0] * ds[0] - Real(2) * ds[1]) + d2s[1];
  }
};
/// The same problem with a wrong ∂f/∂t (zero): the d_i terms of the stages are then missing.
struct ManufacturedZeroTime : ManufacturedBase {
  template <class Real>
  KOKKOS_INLINE_FUNCTION void time_derivative(Real, const Real*, const Real*, const Real*, Real* dfdt) const {
    dfdt[0] = Real(0);
    dfdt[1] = Real(0);
  }
};

static_assert(kobie::has_analytic_time_derivative<ManufacturedAnalytic, double>);
static_assert(!kobie::has_analytic_time_derivative<ManufacturedFd, double>);

struct RosenbrockOrderCase {
  const char* name;
  int nominal;
  int steps[2];  ///< steps per unit time of the two solves (t in [0, 2])
};

// Step counts: both errors in the asymptotic regime and far above round-off (checked by the printed errors).
constexpr RosenbrockOrderCase kRosenbrockCases[] = {
    {"ros3p", 3, {20, 40}},  {"rodas3p", 3, {20, 40}}, {"rosenbrock-23", 2, {40, 80}},
    {"rodas4", 4, {10, 20}}, {"rodas5p", 5, {8, 16}},
};

/// Max-norm error at t = 2 of a fixed-step solve from y*(0).
template <class System>
double manufactured_error(const std::string& algorithm, int steps_per_unit) {
  HostView y0("y0", 1, 2), p("p", 1, 0);
  double s[2], ds[2], d2s[2];
  System::exact(0.0, s, ds, d2s);
  y0(0, 0) = s[0];
  y0(0, 1) = s[1];
  kobie::Solver<System, double, RosenbrockExec, kobie::RosenbrockAlgorithms> solver;
  solver.set("algorithm", algorithm);
  solver.set("controller", "fixed");
  solver.set("linear_solver", "dense-lu");
  solver.set("dt", 1.0 / steps_per_unit);
  solver.set("duration", 2.0);
  const auto r = solver.solve(y0, p).to_host();
  EXPECT_TRUE(kobie::succeeded(r.status(0))) << algorithm << ": " << kobie::describe_status(r.status(0));
  System::exact(2.0, s, ds, d2s);
  return std::max(std::abs(r.state(0, 1, 0) - s[0]), std::abs(r.state(0, 1, 1) - s[1]));
}

template <class System>
double observed_order(const RosenbrockOrderCase& c, const char* variant) {
  const double e0 = manufactured_error<System>(c.name, c.steps[0]);
  const double e1 = manufactured_error<System>(c.name, c.steps[1]);
  const double p = std::log(e0 / e1) / std::log(static_cast<double>(c.steps[1]) / c.steps[0]);
  std::printf("[ order    ] %-14s %-10s errors %.2e %.2e  p = %.2f (nominal %d)\n", c.name, variant, e0, e1, p,
              c.nominal);
  return p;
}

TEST(TEST_CATEGORY, rosenbrock_orders_with_analytic_and_difference_time_derivative) {
  EXPECT_EQ(static_cast<int>(std::size(kRosenbrockCases)), kobie::RosenbrockAlgorithms::size);
  for (const auto& c : kRosenbrockCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(kobie::algorithm_info(c.name).order, c.nominal);
    EXPECT_TRUE(kobie::algorithm_info(c.name).implicit);
    EXPECT_EQ(kobie::algorithm_info(c.name).default_controller, "pi");
    EXPECT_NEAR(observed_order<ManufacturedAnalytic>(c, "df/dt"), c.nominal, 0.3);
    EXPECT_NEAR(observed_order<ManufacturedFd>(c, "difference"), c.nominal, 0.3);
  }
}

TEST(TEST_CATEGORY, rosenbrock_time_derivative_enters_the_stages) {
  // Without ∂f/∂t the method is a different one: RODAS5P's error grows by orders of magnitude and its order drops.
  const RosenbrockOrderCase c = kRosenbrockCases[4];
  ASSERT_STREQ(c.name, "rodas5p");
  const double good = manufactured_error<ManufacturedAnalytic>(c.name, c.steps[1]);
  const double bad = manufactured_error<ManufacturedZeroTime>(c.name, c.steps[1]);
  EXPECT_GT(bad, 100.0 * good);
  EXPECT_LT(observed_order<ManufacturedZeroTime>(c, "zero"), c.nominal - 1.5);
}

/// A Rosenbrock tableau with one weight changed: validate() must reject it.
struct CorruptedRodas4 : kobie::tableaus::Rodas4 {
  static constexpr double m[stages] = {kobie::tableaus::Rodas4::m[0] * 1.001, kobie::tableaus::Rodas4::m[1],
                                       kobie::tableaus::Rodas4::m[2],         kobie::tableaus::Rodas4::m[3],
                                       kobie::tableaus::Rodas4::m[4],         kobie::tableaus::Rodas4::m[5]};
};

TEST(TEST_CATEGORY, rosenbrock_tableau_check_accepts_the_methods_and_rejects_a_corrupted_weight) {
  EXPECT_NO_THROW(kobie::algorithms::Ros3p::validate());
  EXPECT_NO_THROW(kobie::algorithms::Rodas3p::validate());
  EXPECT_NO_THROW(kobie::algorithms::Rosenbrock23::validate());
  EXPECT_NO_THROW(kobie::algorithms::Rodas4::validate());
  EXPECT_NO_THROW(kobie::algorithms::Rodas5p::validate());
  try {
    kobie::RosenbrockAlgorithm<CorruptedRodas4>::validate();
    ADD_FAILURE() << "the corrupted tableau passed";
  } catch (const kobie::Error& e) {
    EXPECT_NE(std::string(e.what()).find("'rodas4': the weights b = m Gamma do not sum to 1"), std::string::npos)
        << e.what();
  }
}

/// y' = −y with the Jacobian given by parameter 0 (−1 is exact): a run chooses the matrix I − γ h J it factors.
struct ChosenJacobianDecay {
  static constexpr int n_states = 1;
  static constexpr int n_parameters = 1;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real*, const Real*, Real* f) const {
    f[0] = -y[0];
  }
  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real*, const Real* p, const Real*, Real* J) const {
    J[0] = p[0];
  }
};

TEST(TEST_CATEGORY, rosenbrock_singular_matrix_fails_only_its_run) {
  // RODAS4 has γ = 1/4: with h = 1/4 and J = 16, I − γ h J = 0 exactly on every backend (no rounding anywhere, fused
  // multiply-add or not).
  ASSERT_EQ(kobie::tableaus::Rodas4::gamma, 0.25);
  const double h = 0.25;
  using Solver = kobie::Solver<ChosenJacobianDecay, double, RosenbrockExec, kobie::TypeList<kobie::algorithms::Rodas4>>;
  auto solve = [&](const std::vector<double>& jacobians) {
    Solver solver;
    solver.set("algorithm", "rodas4");
    solver.set("controller", "fixed");  // adaptive control would retry the attempt with a smaller, regular step
    solver.set("dt", h);
    solver.set("duration", 8 * h);
    solver.set("outputs", "state, counters");
    const int n = static_cast<int>(jacobians.size());
    HostView y0("y0", n, 1), p("p", n, 1);
    for (int r = 0; r < n; ++r) {
      y0(r, 0) = 1.0;
      p(r, 0) = jacobians[static_cast<std::size_t>(r)];
    }
    return solver.solve(y0, p).to_host();
  };
  const auto mixed = solve({-1.0, 16.0, -1.0});
  const auto alone = solve({-1.0});
  EXPECT_NE(mixed.status(1) & kobie::status::singular_matrix, 0u) << kobie::describe_status(mixed.status(1));
  EXPECT_FALSE(kobie::succeeded(mixed.status(1)));
  for (int r : {0, 2}) {
    EXPECT_EQ(mixed.status(r), kobie::status::success) << kobie::describe_status(mixed.status(r));
    EXPECT_TRUE(kobie_test::same_bits(mixed.state(r, 1, 0), alone.state(0, 1, 0))) << "run " << r;
  }
  // Eight RODAS4 steps of y' = −y with h = 1/4 (order 4): measured 7.9e-7 from exp(−2).
  EXPECT_NEAR(alone.state(0, 1, 0), std::exp(-8 * h), 2e-6);
}

TEST(TEST_CATEGORY, rosenbrock_float_robertson_within_ten_times_the_tolerance) {
  // Single precision: Robertson to t = 40 at rtol = 1e-4 with every Rosenbrock method, dense LU and GMRES (whose
  // stage tolerance krylov_tolerance · rtol is floored at 100 ε of float), against scipy's Radau reference.
  namespace refs = kobie_test::stiff_refs;
  constexpr double rtol = 1e-4, atol = 1e-8;
  Kokkos::View<float**, Kokkos::HostSpace> y0("y0", 1, 3), p("p", 1, 3);
  y0(0, 0) = 1.0f;
  for (int i = 0; i < 3; ++i) p(0, i) = static_cast<float>(refs::kRobertsonNominalParams[i]);
  for (const auto& c : kRosenbrockCases) {
    for (const char* linear_solver : {"dense-lu", "gmres"}) {
      SCOPED_TRACE(std::string(c.name) + " / " + linear_solver);
      kobie::Solver<kobie_test::Robertson, float, RosenbrockExec, kobie::RosenbrockAlgorithms> solver;
      solver.set("algorithm", c.name);
      solver.set("linear_solver", linear_solver);
      solver.set("rtol", rtol);
      solver.set("atol", atol);
      solver.set("dt", 1e-6);
      solver.set("duration", 40.0);
      const auto r = solver.solve(y0, p).to_host();
      ASSERT_TRUE(kobie::succeeded(r.status(0))) << kobie::describe_status(r.status(0));
      for (int i = 0; i < 3; ++i) {
        const double want = refs::kRobertsonT40[i];
        EXPECT_LE(std::abs(r.state(0, 1, i) - want), 10.0 * (rtol * std::abs(want) + atol)) << "state " << i;
      }
    }
  }
}

TEST(TEST_CATEGORY, rosenbrock_linear_solver_auto_is_dense_lu_on_a_small_system) {
  // linear_solver = auto (the default) on a 3-state system is dense LU in every family (the size rule: see
  // stiff_linear_solver_auto_is_dense_lu_up_to_the_measured_dimension_in_every_family): Rosenbrock stages register the
  // Newton matrix and pivots with elements and the results equal an explicit dense-lu solve bit for bit; a Newton
  // family (Kvaerno5) registers the dense matrix too.
  using Both = kobie::TypeList<kobie::algorithms::Rodas5p, kobie::algorithms::Kvaerno5>;
  using Solver = kobie::Solver<kobie_test::Robertson, double, RosenbrockExec, Both>;
  HostView y0("y0", 1, 3), p("p", 1, 3);
  y0(0, 0) = 1.0;
  for (int i = 0; i < 3; ++i) p(0, i) = kobie_test::stiff_refs::kRobertsonNominalParams[i];
  auto run = [&](const char* algorithm, const char* linear_solver, std::int64_t& matrix_elements) {
    Solver solver;
    solver.set("algorithm", algorithm);
    if (linear_solver != nullptr) solver.set("linear_solver", linear_solver);
    solver.set("rtol", 1e-6);
    solver.set("atol", 1e-10);
    solver.set("dt", 1e-6);
    solver.set("duration", 40.0);
    solver.set("outputs", "state, counters");
    auto r = solver.solve(y0, p).to_host();
    matrix_elements = -1;
    for (const auto& b : solver.registry().buffers()) {
      if (b.name == "newton_matrix") matrix_elements = b.count;
    }
    return r;
  };
  std::int64_t auto_elements = 0, dense_elements = 0, newton_auto_elements = 0;
  const auto by_default = run("rodas5p", nullptr, auto_elements);
  const auto dense = run("rodas5p", "dense-lu", dense_elements);
  EXPECT_EQ(auto_elements, 9);
  EXPECT_EQ(dense_elements, 9);
  EXPECT_EQ(by_default.counter(0, 1, kobie::krylov_iterations), 0);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(kobie_test::same_bits(by_default.state(0, 1, i), dense.state(0, 1, i)));
  run("kvaerno-5", nullptr, newton_auto_elements);
  EXPECT_EQ(newton_auto_elements, 9);
}

}  // namespace
