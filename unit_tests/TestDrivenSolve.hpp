#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "TestSystems.hpp"
#include "kobie/kobie.hpp"

namespace {

// y0' = -k y0 + u0(t),  y1' = u1(t) y0, observable u0: the forcing comes from two sampled drivers.
struct SampledForcing {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 1;
  static constexpr int n_observables = 1;
  static constexpr int n_drivers = 2;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real* u, Real* dydt) const {
    dydt[0] = -p[0] * y[0] + u[0];
    dydt[1] = u[1] * y[0];
  }
  template <class Real>
  KOKKOS_INLINE_FUNCTION void observables(Real, const Real*, const Real*, const Real* u, Real* out) const {
    out[0] = u[0];
  }
};

// The same system with the forcing written out: u0 = sin t, u1 = cos(w1 t).
struct AnalyticForcing {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 1;
  static constexpr int n_observables = 1;
  double w1 = 0.5;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real t, const Real* y, const Real* p, const Real*, Real* dydt) const {
    dydt[0] = -p[0] * y[0] + kobie::math::sin(t);
    dydt[1] = kobie::math::cos(static_cast<Real>(w1) * t) * y[0];
  }
  template <class Real>
  KOKKOS_INLINE_FUNCTION void observables(Real t, const Real*, const Real*, const Real*, Real* out) const {
    out[0] = kobie::math::sin(t);
  }
};

using Algorithms = kobie::TypeList<kobie::algorithms::Tsit5, kobie::algorithms::Rodas5p>;
using HostMatrix = Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace>;
const double kPi = std::acos(-1.0);

// u0 = sin t and u1 = cos(w1 t) sampled every dt over [0, t_end] (t_end a multiple of dt).
kobie::DriverSamples forcing_samples(double t_end, double dt, double w1, int order, const std::string& boundary) {
  kobie::DriverSamples s;
  s.values.resize(2);
  const int n = static_cast<int>(std::lround(t_end / dt));
  for (int k = 0; k <= n; ++k) {
    s.values[0].push_back(std::sin(k * dt));
    s.values[1].push_back(std::cos(w1 * k * dt));
  }
  s.t0 = 0.0;
  s.dt = dt;
  s.order = order;
  s.boundary = boundary;
  return s;
}

template <class Solver>
void configure(Solver& solver, const std::string& algorithm, double rtol, double duration) {
  solver.set("algorithm", algorithm);
  solver.set("rtol", rtol);
  solver.set("atol", rtol * 1e-2);
  solver.set("duration", duration);
  solver.set("save_every", 0.625);  // half the saves between two samples
  solver.set("outputs", "state, observables, time");
}

struct Inputs {
  HostMatrix y0{"y0", 4, 2}, p{"p", 4, 1};
  Inputs() {
    const double k[4] = {0.5, 1.0, 2.0, 4.0};
    for (int r = 0; r < 4; ++r) y0(r, 0) = 1.0, y0(r, 1) = 0.0, p(r, 0) = k[r];
  }
};

// Largest |driven - analytic| over every run, save and state (observables: the driver u0 against sin t).
template <class A, class B>
double largest_difference(const A& driven, const B& analytic, double* observable_difference = nullptr) {
  double worst = 0.0, worst_obs = 0.0;
  for (int r = 0; r < driven.n_runs(); ++r) {
    EXPECT_EQ(driven.status(r), kobie::status::success) << "run " << r;
    for (int s = 0; s < driven.n_saves(); ++s) {
      EXPECT_EQ(static_cast<double>(driven.time(r, s)), static_cast<double>(analytic.time(r, s)));
      for (int c = 0; c < 2; ++c) {
        worst = std::max(worst, std::abs(static_cast<double>(driven.state(r, s, c)) - analytic.state(r, s, c)));
      }
      worst_obs =
          std::max(worst_obs, std::abs(static_cast<double>(driven.observable(r, s, 0)) - analytic.observable(r, s, 0)));
    }
  }
  if (observable_difference != nullptr) *observable_difference = worst_obs;
  return worst;
}

template <class Real>
kobie::HostResult<Real> solve_driven(const kobie::DriverSamples& samples, const std::string& algorithm, double rtol,
                                     double duration, const std::string& location = "") {
  kobie::Solver<SampledForcing, Real, TEST_EXECSPACE, Algorithms> solver;
  configure(solver, algorithm, rtol, duration);
  if (!location.empty()) solver.set("driver_coefficients_location", location);
  solver.set_drivers(samples);
  const Inputs in;
  return solver.solve(in.y0, in.p).to_host();
}

kobie::HostResult<double> solve_analytic(const std::string& algorithm, double rtol, double duration, double w1) {
  kobie::Solver<AnalyticForcing, double, TEST_EXECSPACE, Algorithms> solver(kobie::Settings(), AnalyticForcing{w1});
  configure(solver, algorithm, rtol, duration);
  const Inputs in;
  return solver.solve(in.y0, in.p).to_host();
}

}  // namespace

// Driven runs match the same system with the forcing written out, to the spline's accuracy: the cubic fit of samples
// every 0.05 is within ~1e-7 of sin/cos (its O(h^4) error), so the solutions agree to 1e-6 (measured 2.1e-8) with an
// explicit and with a Rosenbrock method (whose time derivative then differences the drivers too); a linear fit's
// O(h^2) error is visibly larger (measured 6.6e-4), so the solver does use the fitted order.
TEST(TEST_CATEGORY, driven_system_matches_the_analytic_forcing) {
  const double duration = 10.0;
  for (const char* algorithm : {"tsit5", "rodas5p"}) {
    SCOPED_TRACE(algorithm);
    const auto analytic = solve_analytic(algorithm, 1e-10, duration, 0.5);
    const auto cubic =
        solve_driven<double>(forcing_samples(duration, 0.05, 0.5, 3, "not-a-knot"), algorithm, 1e-10, duration);
    double obs = 0.0;
    const double cubic_difference = largest_difference(cubic, analytic, &obs);
    EXPECT_LT(cubic_difference, 1e-6);
    EXPECT_LT(obs, 1e-6);  // observables see the drivers at the save time
    const auto linear =
        solve_driven<double>(forcing_samples(duration, 0.05, 0.5, 1, "natural"), algorithm, 1e-10, duration);
    const double linear_difference = largest_difference(linear, analytic);
    EXPECT_GT(linear_difference, 1e-5);
    EXPECT_LT(linear_difference, 1e-3);
  }
}

// One period of samples with periodic ends and wrap drives a run over three periods (measured 1.2e-7); float runs
// agree to float accuracy (measured 1.3e-6).
TEST(TEST_CATEGORY, driven_system_wraps_periodic_drivers) {
  const double duration = 20.0;
  kobie::DriverSamples periodic = forcing_samples(2 * kPi, 2 * kPi / 128, 1.0, 3, "periodic");
  periodic.wrap = true;
  const auto analytic = solve_analytic("tsit5", 1e-10, duration, 1.0);
  const double d = largest_difference(solve_driven<double>(periodic, "tsit5", 1e-10, duration), analytic);
  const double f = largest_difference(solve_driven<float>(periodic, "tsit5", 1e-6, duration), analytic);
  EXPECT_LT(d, 1e-6);
  EXPECT_LT(f, 2e-5);
}

// The per-run driver cache is a registry buffer: 2 + 4 n_drivers Reals, movable like any other, with bit-identical
// results wherever it lives.
TEST(TEST_CATEGORY, driver_cache_is_a_registry_buffer) {
  const kobie::DriverSamples samples = forcing_samples(5.0, 0.05, 0.5, 3, "not-a-knot");
  kobie::Solver<SampledForcing, double, TEST_EXECSPACE, Algorithms> solver;
  solver.set("algorithm", "tsit5");
  solver.set_drivers(samples);
  const kobie::BufferInfo* cache = nullptr;
  for (const auto& b : solver.registry().buffers()) cache = b.name == "driver_coefficients" ? &b : cache;
  ASSERT_NE(cache, nullptr);
  EXPECT_EQ(cache->owner, "loop");
  EXPECT_EQ(cache->count, 10);
  const auto local = solve_driven<double>(samples, "tsit5", 1e-8, 5.0);
  for (const char* location : {"shared", "scratch"}) {
    const auto moved = solve_driven<double>(samples, "tsit5", 1e-8, 5.0, location);
    for (int r = 0; r < local.n_runs(); ++r) {
      for (int s = 0; s < local.n_saves(); ++s) {
        for (int c = 0; c < 2; ++c) EXPECT_EQ(local.state(r, s, c), moved.state(r, s, c)) << location;
      }
    }
  }
}

TEST(TEST_CATEGORY, driver_errors_name_the_problem) {
  const Inputs in;
  auto expect_error = [](auto&& f, const std::string& needle) {
    try {
      f();
      ADD_FAILURE() << "no error; expected one containing '" << needle << "'";
    } catch (const kobie::SettingsError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  kobie::Solver<SampledForcing, double, TEST_EXECSPACE, Algorithms> solver;
  solver.set("duration", 10.0);
  expect_error([&] { solver.solve(in.y0, in.p); }, "call set_drivers()");
  kobie::DriverSamples one = forcing_samples(10.0, 0.1, 0.5, 3, "natural");
  one.values.pop_back();
  expect_error([&] { solver.set_drivers(one); }, "hold 1 drivers, but the System declares n_drivers = 2");
  solver.set_drivers(forcing_samples(5.0, 0.1, 0.5, 3, "natural"));
  expect_error([&] { solver.solve(in.y0, in.p); }, "sampled over [0, 5] but the solve runs over [0, ");
  kobie::Solver<kobie_test::Lorenz, double, TEST_EXECSPACE, Algorithms> undriven;
  expect_error([&] { undriven.set_drivers(forcing_samples(5.0, 0.1, 0.5, 3, "natural")); }, "n_drivers = 0");
}
