// Stiff reference problems (Robertson, Van der Pol mu = 1000, POLLU, HIRES, the Brusselator) solved by adaptive
// methods of each implicit family (DIRK, FIRK, every Rosenbrock method) at rtol = 1e-6 against scipy Radau references
// at rtol = 1e-12 (reference/stiff_refs.hpp, reference/README.md): every final state within 10 (rtol |ref| + atol).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "StiffSystems.hpp"
#include "TestSystems.hpp"
#include "kobie/kobie.hpp"
#include "reference/stiff_refs.hpp"

namespace {

using StiffExec = TEST_EXECSPACE;
using HostView = Kokkos::View<double**, Kokkos::HostSpace>;
namespace refs = kobie_test::stiff_refs;

/// The adaptive implicit methods checked on every problem: Crank–Nicolson, Kvaerno3, Kvaerno5 and Radau IIA 5, and
/// every Rosenbrock method.
using StiffFamilies =
    kobie::TypeList<kobie::algorithms::CrankNicolson, kobie::algorithms::Kvaerno3, kobie::algorithms::Kvaerno5,
                    kobie::algorithms::RadauIIA5, kobie::algorithms::Ros3p, kobie::algorithms::Rodas3p,
                    kobie::algorithms::Rosenbrock23, kobie::algorithms::Rodas4, kobie::algorithms::Rodas5p>;
const std::vector<std::string> kFamilies = {"crank-nicolson", "kvaerno-3",     "kvaerno-5", "radau-iia-5", "ros3p",
                                            "rodas3p",        "rosenbrock-23", "rodas4",    "rodas5p"};

constexpr double kRtol = 1e-6;

/// One batch: each run's parameters and initial state, the end time and its reference final states.
struct StiffCase {
  std::vector<std::vector<double>> params;
  std::vector<std::vector<double>> y0;
  std::vector<std::vector<double>> ref;
  double t_end;
  double atol;
  double dt0;
};

/// The case's initial states (runs × n_states) and parameters (runs × n_parameters) as host Views.
template <class System>
void fill_inputs(const StiffCase& c, HostView& y0, HostView& p) {
  const int runs = static_cast<int>(c.params.size());
  y0 = HostView("y0", runs, System::n_states);
  p = HostView("p", runs, System::n_parameters);
  for (int r = 0; r < runs; ++r) {
    for (int i = 0; i < System::n_states; ++i)
      y0(r, i) = c.y0[static_cast<std::size_t>(r)][static_cast<std::size_t>(i)];
    for (int i = 0; i < System::n_parameters; ++i) {
      p(r, i) = c.params[static_cast<std::size_t>(r)][static_cast<std::size_t>(i)];
    }
  }
}

/// Solves the case with `algorithm` and checks every final state; returns the largest error in units of
/// rtol |ref| + atol. At another rtol, atol scales with it (atol rtol / 1e-6), and so does the unit of the error.
template <class System>
double solve_and_compare(const StiffCase& c, const std::string& algorithm, const std::string& linear_solver,
                         double rtol = kRtol, bool tolerance_proportional = true) {
  constexpr int n = System::n_states;
  const int runs = static_cast<int>(c.params.size());
  HostView y0, p;
  fill_inputs<System>(c, y0, p);
  kobie::Solver<System, double, StiffExec, StiffFamilies> solver;
  solver.set("algorithm", algorithm);
  solver.set("linear_solver", linear_solver);
  const double atol = c.atol * rtol / kRtol;
  solver.set("rtol", rtol);
  solver.set("atol", atol);
  solver.set("tolerance_proportional", tolerance_proportional);
  solver.set("dt", c.dt0);
  solver.set("dt_min", 1e-20);
  solver.set("duration", c.t_end);
  const auto r = solver.solve(y0, p).to_host();
  double worst = 0.0;
  for (int run = 0; run < runs; ++run) {
    EXPECT_TRUE(kobie::succeeded(r.status(run)))
        << algorithm << " run " << run << ": " << kobie::describe_status(r.status(run));
    for (int i = 0; i < n; ++i) {
      const double want = c.ref[static_cast<std::size_t>(run)][static_cast<std::size_t>(i)];
      const double e = std::abs(r.state(run, 1, i) - want) / (rtol * std::abs(want) + atol);
      worst = std::max(worst, e);
    }
  }
  return worst;
}

/// Rosenbrock methods whose global error at rtol = 1e-6 exceeds 10 (rtol |ref| + atol) on a problem although every
/// step meets its local tolerance (measured factors in the comments; the same with dense LU and GMRES, and with the PI,
/// I and Gustafsson controllers). RODAS5P and ROS3P left this list with their residual test (Brusselator 48 -> 8.9 and
/// 15 -> 7.6, mixed Van der Pol 19 -> 2.3 for ROS3P), Rosenbrock23 with tolerance proportionality (Robertson 1e5 15 ->
/// 0.7, Van der Pol 42 -> 2.0, HIRES 13 -> 1.3, Brusselator 72 -> 6.4); Rodas3P's remain open. These pairs are solved
/// and must succeed, and their error is printed, but the 10x bound is not asserted.
struct KnownGap {
  const char* problem;
  const char* algorithm;
};
constexpr KnownGap kRosenbrockGaps[] = {
    {"vdpol-1000", "rodas3p"},   // 16
    {"brusselator", "rodas3p"},  // 13
};

bool known_gap(const std::string& problem, const std::string& algorithm) {
  for (const auto& g : kRosenbrockGaps) {
    if (problem == g.problem && algorithm == g.algorithm) return true;
  }
  return false;
}

template <class System>
void check_all_families(const char* problem, const StiffCase& c, const std::string& linear_solver = "dense-lu") {
  for (const auto& algorithm : kFamilies) {
    const double worst = solve_and_compare<System>(c, algorithm, linear_solver);
    const bool gap = known_gap(problem, algorithm);
    std::printf("[ stiff    ] %-12s %-16s %-9s worst error %.2f (rtol |ref| + atol)%s\n", problem, algorithm.c_str(),
                linear_solver.c_str(), worst, gap ? " (known gap)" : "");
    if (!gap) EXPECT_LE(worst, 10.0) << problem << " with " << algorithm << " (" << linear_solver << ")";
  }
}

template <int N>
std::vector<double> row(const double (&a)[N]) {
  return std::vector<double>(a, a + N);
}

StiffCase robertson_case(double t_end) {
  StiffCase c;
  c.t_end = t_end;
  c.atol = 1e-12;
  c.dt0 = 1e-6;
  const std::vector<double> start = {1.0, 0.0, 0.0};
  c.params.push_back(row(refs::kRobertsonNominalParams));
  c.y0.push_back(start);
  c.ref.push_back(t_end == 40.0 ? row(refs::kRobertsonT40) : row(refs::kRobertsonT1e5));
  if (t_end == 40.0) {
    for (int k = 0; k < 4; ++k) {
      c.params.push_back(row(refs::kRobertsonScaledParams[k]));
      c.y0.push_back(start);
      c.ref.push_back(row(refs::kRobertsonScaledT40[k]));
    }
  }
  return c;
}

TEST(TEST_CATEGORY, stiff_robertson_t40_every_family) {
  check_all_families<kobie_test::Robertson>("robertson-40", robertson_case(40.0));
}

TEST(TEST_CATEGORY, stiff_robertson_t1e5_every_family) {
  check_all_families<kobie_test::Robertson>("robertson-1e5", robertson_case(1e5));
}

TEST(TEST_CATEGORY, stiff_robertson_matrix_free_gmres) {
  check_all_families<kobie_test::Robertson>("robertson-40", robertson_case(40.0), "gmres");
}

TEST(TEST_CATEGORY, stiff_van_der_pol_mu_1000_every_family) {
  StiffCase c;
  c.t_end = 2000.0;
  c.atol = 1e-6;
  c.dt0 = 1e-6;
  c.params = {{1000.0}};
  c.y0 = {{2.0, 0.0}};
  c.ref = {row(refs::kVanDerPolMu1000T2000)};
  check_all_families<kobie_test::StiffVanDerPol>("vdpol-1000", c);
}

TEST(TEST_CATEGORY, stiff_pollu_every_family) {
  StiffCase c;
  c.t_end = 60.0;
  c.atol = 1e-10;
  c.dt0 = 1e-6;
  for (int k = 0; k < 3; ++k) {
    c.params.push_back({refs::kPolluK1Scale[k]});
    c.y0.push_back(row(kobie_test::Pollu::default_initial));
    c.ref.push_back(row(refs::kPolluT60[k]));
  }
  check_all_families<kobie_test::Pollu>("pollu", c);
}

TEST(TEST_CATEGORY, stiff_hires_every_family) {
  StiffCase c;
  c.t_end = 321.8122;
  c.atol = 1e-10;
  c.dt0 = 1e-6;
  for (int k = 0; k < 3; ++k) {
    c.params.push_back({refs::kHiresK[k]});
    c.y0.push_back(row(kobie_test::Hires::default_initial));
    c.ref.push_back(row(refs::kHiresT321[k]));
  }
  check_all_families<kobie_test::Hires>("hires", c);
  check_all_families<kobie_test::Hires>("hires", c, "gmres");
}

StiffCase brusselator_case() {
  StiffCase c;
  c.t_end = 10.0;
  c.atol = 1e-10;
  c.dt0 = 1e-8;
  for (int k = 0; k < 4; ++k) {
    c.params.push_back(row(refs::kBrusselatorParams[k]));
    c.y0.push_back(row(kobie_test::Brusselator::default_initial));
    c.ref.push_back(row(refs::kBrusselatorT10[k]));
  }
  return c;
}

TEST(TEST_CATEGORY, stiff_brusselator_batch_every_family) {
  check_all_families<kobie_test::Brusselator>("brusselator", brusselator_case());
}

TEST(TEST_CATEGORY, stiff_rosenbrock23_global_error_follows_rtol) {
  // Rosenbrock23 advances with its order-2 solution: stepping with rtol and atol as given, its global error relative to
  // rtol grows like rtol^(-1/3) (measured on this batch: 31, 72, 294 at rtol 1e-4, 1e-6, 1e-8); with tolerance
  // proportionality (the default) it follows rtol (11.5, 6.4, 6.3).
  const StiffCase c = brusselator_case();
  const double rtols[] = {1e-4, 1e-6, 1e-8};
  double proportional[3], as_given[3];
  for (int k = 0; k < 3; ++k) {
    proportional[k] = solve_and_compare<kobie_test::Brusselator>(c, "rosenbrock-23", "dense-lu", rtols[k], true);
    as_given[k] = solve_and_compare<kobie_test::Brusselator>(c, "rosenbrock-23", "dense-lu", rtols[k], false);
    std::printf("[ stiff    ] brusselator rosenbrock-23 rtol %.0e: worst error %.2f proportional, %.2f as given\n",
                rtols[k], proportional[k], as_given[k]);
  }
  const double largest = std::max({proportional[0], proportional[1], proportional[2]});
  const double smallest = std::min({proportional[0], proportional[1], proportional[2]});
  EXPECT_LE(largest / smallest, 2.5);
  EXPECT_LE(proportional[1], 10.0);
  EXPECT_GE(as_given[2] / as_given[0], 5.0);
}

TEST(TEST_CATEGORY, stiff_tolerance_proportional_tightens_only_methods_advancing_the_lower_order) {
  // Rosenbrock23 at rtol < 1e-3 steps with rtol and atol times (rtol / 1e-3)^(1/2); at rtol >= 1e-3, and for every
  // method with local extrapolation, tolerance_proportional changes nothing (bit-identical results).
  using Solver = kobie::Solver<kobie_test::Robertson, double, StiffExec, StiffFamilies>;
  const StiffCase c = robertson_case(40.0);
  const int runs = static_cast<int>(c.params.size());
  HostView y0, p;
  fill_inputs<kobie_test::Robertson>(c, y0, p);
  auto solve = [&](const char* algorithm, double rtol, double atol, bool tolerance_proportional) {
    Solver solver;
    solver.set("algorithm", algorithm);
    solver.set("rtol", rtol);
    solver.set("atol", atol);
    solver.set("tolerance_proportional", tolerance_proportional);
    solver.set("dt", 1e-6);
    solver.set("duration", 40.0);
    return solver.solve(y0, p).to_host();
  };
  auto same = [&](const auto& a, const auto& b) {
    bool equal = true;
    for (int r = 0; r < runs; ++r) {
      equal = equal && a.accepted_steps(r) == b.accepted_steps(r) && a.rejected_steps(r) == b.rejected_steps(r) &&
              kobie_test::same_run_bits(a.views().state, r, b.views().state, r);
    }
    return equal;
  };
  const double f = kobie::tolerance_proportional_factor(1e-6, 2);
  EXPECT_NEAR(f, std::sqrt(1e-3), 1e-15);
  EXPECT_EQ(kobie::tolerance_proportional_factor(1e-3, 2), 1.0);
  EXPECT_EQ(kobie::tolerance_proportional_factor(0.1, 2), 1.0);
  const auto tightened = solve("rosenbrock-23", 1e-6, 1e-10, true);
  EXPECT_TRUE(same(tightened, solve("rosenbrock-23", 1e-6 * f, 1e-10 * f, false)));
  const auto as_given = solve("rosenbrock-23", 1e-6, 1e-10, false);
  EXPECT_FALSE(same(tightened, as_given));
  EXPECT_GT(tightened.accepted_steps(0), 2 * as_given.accepted_steps(0));
  EXPECT_TRUE(same(solve("rosenbrock-23", 1e-3, 1e-7, true), solve("rosenbrock-23", 1e-3, 1e-7, false)));
  for (const char* algorithm : {"rodas4", "rodas3p", "kvaerno-5", "crank-nicolson"}) {
    SCOPED_TRACE(algorithm);
    EXPECT_TRUE(same(solve(algorithm, 1e-6, 1e-10, true), solve(algorithm, 1e-6, 1e-10, false)));
  }
}

TEST(TEST_CATEGORY, stiff_van_der_pol_mixed_stiffness_in_one_batch) {
  // mu from 1 (not stiff) to 1e4 (very stiff) in one solve: every run to tolerance, on its own step sizes.
  StiffCase c;
  c.t_end = 2.0;
  c.atol = 1e-8;
  c.dt0 = 1e-6;
  for (int k = 0; k < 5; ++k) {
    c.params.push_back({refs::kVanDerPolMixedMu[k]});
    c.y0.push_back({2.0, 0.0});
    c.ref.push_back(row(refs::kVanDerPolMixedT2[k]));
  }
  check_all_families<kobie_test::StiffVanDerPol>("vdpol-mixed", c);
}

TEST(TEST_CATEGORY, stiff_every_implicit_buffer_location_gives_bit_identical_results) {
  // Every buffer of the implicit components (Newton, Rosenbrock, linear solver, int32 buffers included) moved alone to
  // 'shared' and to 'scratch' through its own setting runs the same arithmetic with run-time offsets: bit-identical
  // results.
  using Solver = kobie::Solver<kobie_test::Robertson, double, StiffExec, StiffFamilies>;
  const StiffCase c = robertson_case(40.0);
  const int runs = static_cast<int>(c.params.size());
  HostView y0, p;
  fill_inputs<kobie_test::Robertson>(c, y0, p);
  auto configure = [&](Solver& solver, const char* algorithm, const char* linear_solver) {
    solver.set("algorithm", algorithm);
    solver.set("linear_solver", linear_solver);
    solver.set("preconditioner", "neumann");
    solver.set("rtol", 1e-6);
    solver.set("atol", 1e-10);
    solver.set("dt", 1e-6);
    solver.set("duration", 40.0);
    solver.set("save_every", 20.0);
    solver.set("outputs", "state, counters");
  };
  for (const char* algorithm : {"radau-iia-5", "kvaerno-5", "rodas5p"}) {
    for (const char* linear_solver : {"dense-lu", "gmres"}) {
      Solver reference;
      configure(reference, algorithm, linear_solver);
      const auto expected = reference.solve(y0, p).to_host();
      EXPECT_TRUE(reference.used_static_layout());
      std::vector<std::string> keys = {"stage_location"};
      for (const auto& b : reference.registry().buffers()) {
        if (b.alias_of.empty()) keys.push_back(b.name + "_location");  // an alias follows its target
      }
      EXPECT_GE(keys.size(), 20u);
      for (const auto& key : keys) {
        for (const char* location : {"shared", "scratch"}) {
          SCOPED_TRACE(std::string(algorithm) + " / " + linear_solver + ": " + key + " = " + location);
          Solver solver;
          configure(solver, algorithm, linear_solver);
          solver.set(key, location);
          const auto got = solver.solve(y0, p).to_host();
          EXPECT_EQ(solver.used_static_layout(), key == "summary_accumulators_location");
          for (int r = 0; r < runs; ++r) {
            EXPECT_EQ(got.status(r), expected.status(r));
            for (int s = 0; s < got.n_saves(); ++s) {
              for (int i = 0; i < 3; ++i)
                EXPECT_TRUE(kobie_test::same_bits(got.state(r, s, i), expected.state(r, s, i)));
              for (int ch = 0; ch < 4; ++ch) EXPECT_EQ(got.counter(r, s, ch), expected.counter(r, s, ch));
            }
          }
        }
      }
    }
  }
}

/// N independent decays y_i' = −y_i: a System of any size for the linear-solver choice.
template <int N>
struct Decays {
  static constexpr int n_states = N;
  static constexpr int n_parameters = 0;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real*, const Real*, Real* f) const {
    for (int i = 0; i < N; ++i) f[i] = -y[i];
  }
};

/// The solver `linear_solver = auto` chose for `algorithm` on System, read from the registry: "dense-lu" when the
/// pivots of the dense factorisation are registered with dim elements (and no Krylov workspace), "gmres" when only the
/// Krylov workspace is.
template <class System>
std::string auto_linear_solver_of(const std::string& algorithm, int dim) {
  using Algorithms =
      kobie::TypeList<kobie::algorithms::RadauIIA5, kobie::algorithms::Kvaerno5, kobie::algorithms::Rodas5p>;
  kobie::Solver<System, double, StiffExec, Algorithms> solver;
  solver.set("algorithm", algorithm);
  std::int64_t pivots = -1, krylov = -1;
  for (const auto& b : solver.registry().buffers()) {
    if (b.name == "pivots") pivots = b.count;
    if (b.name == "krylov_workspace") krylov = b.count;
  }
  if (pivots == dim && krylov == 0) return "dense-lu";
  if (pivots == 0 && krylov > 0) return "gmres";
  return "pivots " + std::to_string(pivots) + ", krylov workspace " + std::to_string(krylov);
}

TEST(TEST_CATEGORY, stiff_linear_solver_auto_is_dense_lu_up_to_the_measured_dimension_in_every_family) {
  // linear_solver = auto picks by the dimension of the linear system (coupled stages × states), the same rule in
  // every family: dense LU up to kobie::auto_dense_lu_max_dim, GMRES above (perf_tests/BenchLinearSolverChoice.cpp).
  // Radau IIA 5 couples 3 stages (dimension 3n), Kvaerno5 and RODAS5P solve one stage at a time (dimension n).
  constexpr int max_dim = kobie::auto_dense_lu_max_dim;
  constexpr int third = max_dim / 3;
  EXPECT_EQ(kobie::auto_linear_solver(max_dim), kobie::LinearSolverKind::dense_lu);
  EXPECT_EQ(kobie::auto_linear_solver(max_dim + 1), kobie::LinearSolverKind::gmres);
  const std::pair<const char*, int> families[] = {{"radau-iia-5", 3}, {"kvaerno-5", 1}, {"rodas5p", 1}};
  for (const auto& [algorithm, blocks] : families) {  // 2 states: dense LU in every family
    EXPECT_EQ(auto_linear_solver_of<kobie_test::StiffVanDerPol>(algorithm, 2 * blocks), "dense-lu") << algorithm;
  }
  EXPECT_EQ(auto_linear_solver_of<Decays<third>>("radau-iia-5", 3 * third), "dense-lu");
  EXPECT_EQ(auto_linear_solver_of<Decays<third + 1>>("radau-iia-5", 3 * (third + 1)), "gmres");
  for (const char* algorithm : {"kvaerno-5", "rodas5p"}) {
    EXPECT_EQ(auto_linear_solver_of<Decays<third + 1>>(algorithm, third + 1), "dense-lu") << algorithm;
    EXPECT_EQ(auto_linear_solver_of<Decays<max_dim>>(algorithm, max_dim), "dense-lu") << algorithm;
    EXPECT_EQ(auto_linear_solver_of<Decays<max_dim + 1>>(algorithm, max_dim + 1), "gmres") << algorithm;
  }
}

}  // namespace
