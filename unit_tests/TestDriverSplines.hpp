#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "kobie/system/driven_system.hpp"
#include "kobie/system/driver_spline.hpp"
#include "kobie/system/driver_table.hpp"
#include "kobie/system/time_derivative.hpp"
#include "kobie_problems/lorenz.hpp"

namespace {

using Exec = TEST_EXECSPACE;
using Memory = typename Exec::memory_space;
using Function = std::function<double(double)>;
const double pi = std::acos(-1.0);

// n + 1 sample times on [a, b]: uniform, or stretched by the smooth monotone map u -> u + 0.1 sin(2 pi u).
std::vector<double> sample_times(double a, double b, int n, bool stretched) {
  std::vector<double> t;
  for (int k = 0; k <= n; ++k) {
    const double u = static_cast<double>(k) / n;
    t.push_back(a + (b - a) * (stretched ? u + 0.1 * std::sin(2 * pi * u) : u));
  }
  return t;
}

kobie::DriverSamples samples_of(const std::vector<Function>& drivers, const std::vector<double>& times, int order,
                                const std::string& boundary) {
  kobie::DriverSamples s;
  for (const Function& f : drivers) {
    s.values.emplace_back();
    for (double t : times) s.values.back().push_back(f(t));
  }
  s.times = times;
  s.order = order;
  s.boundary = boundary;
  return s;
}

// One convergence study: f sampled on [a, b] and fitted with `order` / `boundary` ("clamped" gets the exact slopes).
struct OrderCase {
  const char* label;
  Function f, df;
  double a, b;
  int order;
  const char* boundary;
  bool stretched;
  double expected;
};

// Max |spline - f| on 4001 evenly spaced points of [a, b], the spline fitted to n segments.
double max_error(const OrderCase& c, int n) {
  kobie::DriverSamples s = samples_of({c.f}, sample_times(c.a, c.b, n, c.stretched), c.order, c.boundary);
  if (s.boundary == "clamped") s.start_slopes = {c.df(c.a)}, s.end_slopes = {c.df(c.b)};
  const kobie::DriverSpline spline = kobie::fit_driver_splines(s);
  double error = 0.0;
  for (int i = 0; i <= 4000; ++i) {
    const double t = c.a + (c.b - c.a) * i / 4000.0;
    error = std::max(error, std::abs(spline.evaluate(0, t) - c.f(t)));
  }
  return error;
}

}  // namespace

// Observed order log2(e_N / e_2N) with N = 16 and 32 segments (uniform or stretched samples), each within 0.3 of the
// theory: 2 for piecewise linear, 4 for cubic splines whose end conditions match the function:
//   not-a-knot: exp on [0, 1];  clamped: exp on [0, 1] with slopes exp(0), exp(1);
//   periodic: sin on [0, 2 pi] (one period);  natural: sin on [0, pi] (sin'' = 0 at both ends).
TEST(TEST_CATEGORY, driver_splines_observed_order_of_accuracy) {
  const Function exp_f = [](double t) { return std::exp(t); };
  const Function sin_f = [](double t) { return std::sin(t); };
  const Function cos_f = [](double t) { return std::cos(t); };
  const std::vector<OrderCase> cases = {
      {"linear exp", exp_f, exp_f, 0.0, 1.0, 1, "not-a-knot", false, 2.0},
      {"linear exp, nonuniform", exp_f, exp_f, 0.0, 1.0, 1, "not-a-knot", true, 2.0},
      {"not-a-knot exp", exp_f, exp_f, 0.0, 1.0, 3, "not-a-knot", false, 4.0},
      {"not-a-knot exp, nonuniform", exp_f, exp_f, 0.0, 1.0, 3, "not-a-knot", true, 4.0},
      {"clamped exp", exp_f, exp_f, 0.0, 1.0, 3, "clamped", false, 4.0},
      {"clamped exp, nonuniform", exp_f, exp_f, 0.0, 1.0, 3, "clamped", true, 4.0},
      {"periodic sin", sin_f, cos_f, 0.0, 2 * pi, 3, "periodic", false, 4.0},
      {"periodic sin, nonuniform", sin_f, cos_f, 0.0, 2 * pi, 3, "periodic", true, 4.0},
      {"natural sin", sin_f, cos_f, 0.0, pi, 3, "natural", false, 4.0},
      {"natural sin, nonuniform", sin_f, cos_f, 0.0, pi, 3, "natural", true, 4.0},
  };
  for (const OrderCase& c : cases) {
    const double e16 = max_error(c, 16), e32 = max_error(c, 32);
    const double order = std::log2(e16 / e32);
    std::printf("[ driver spline ] %-28s e16 = %.3e  e32 = %.3e  observed order %.3f\n", c.label, e16, e32, order);
    EXPECT_NEAR(order, c.expected, 0.3) << c.label;
  }
}

// Not-a-knot and clamped (exact slopes) cubics reproduce a cubic polynomial, also extrapolated past both ends; order 1
// extrapolates its end segments' lines.
TEST(TEST_CATEGORY, driver_splines_reproduce_polynomials_and_extrapolate) {
  const Function cubic = [](double t) { return 1.0 - 2.0 * t + 0.5 * t * t + 0.25 * t * t * t; };
  const Function slope = [](double t) { return -2.0 + t + 0.75 * t * t; };
  const std::vector<double> times = {-1.0, -0.2, 0.5, 0.7, 1.6, 3.0};
  for (const char* boundary : {"not-a-knot", "clamped"}) {
    kobie::DriverSamples s = samples_of({cubic}, times, 3, boundary);
    if (s.boundary == "clamped") s.start_slopes = {slope(-1.0)}, s.end_slopes = {slope(3.0)};
    const kobie::DriverSpline spline = kobie::fit_driver_splines(s);
    for (double t : {-1.5, -1.0, -0.6, 0.0, 0.6, 1.0, 2.9, 3.0, 3.4}) {
      EXPECT_NEAR(spline.evaluate(0, t), cubic(t), 1e-12 * (1.0 + std::abs(cubic(t)))) << boundary << " t = " << t;
    }
  }
  kobie::DriverSamples line;
  line.values = {{0.0, 1.0, 4.0}};
  line.dt = 1.0;
  line.order = 1;
  const kobie::DriverSpline spline = kobie::fit_driver_splines(line);
  EXPECT_DOUBLE_EQ(spline.evaluate(0, -1.0), -1.0);
  EXPECT_DOUBLE_EQ(spline.evaluate(0, 1.5), 2.5);
  EXPECT_DOUBLE_EQ(spline.evaluate(0, 3.0), 7.0);
  EXPECT_EQ(spline.names, std::vector<std::string>{"d0"});
}

// With wrap, t + k period evaluates like t (period = t_last - t_first), for a periodic cubic and an order-1 spline.
TEST(TEST_CATEGORY, driver_splines_wrap_repeats_with_the_period) {
  kobie::DriverSamples periodic =
      samples_of({[](double t) { return std::sin(t); }}, sample_times(1.0, 1.0 + 2 * pi, 24, true), 3, "periodic");
  kobie::DriverSamples sawtooth;
  sawtooth.values = {{0.0, 2.0, -1.0, 0.5}};
  sawtooth.times = {-0.5, 0.25, 1.0, 2.5};
  sawtooth.order = 1;
  for (kobie::DriverSamples* s : {&periodic, &sawtooth}) {
    s->wrap = true;
    const kobie::DriverSpline spline = kobie::fit_driver_splines(*s);
    const double first = spline.knots.front(), period = spline.period();
    for (int i = 0; i <= 100; ++i) {
      const double t = first + period * i / 100.0;
      for (int k = -3; k <= 3; ++k) {
        EXPECT_NEAR(spline.evaluate(0, t + k * period), spline.evaluate(0, t), 1e-12) << "t = " << t << ", k = " << k;
      }
    }
  }
}

namespace {

// Each thread evaluates its own row of times in order, with its own cache (NDrivers drivers).
template <class Real, int NDrivers>
struct EvaluateKernel {
  kobie::DriverTable<Real, Memory> table;
  Kokkos::View<const Real**, Kokkos::LayoutRight, Memory> times;
  Kokkos::View<Real***, Kokkos::LayoutRight, Memory> values;
  Kokkos::View<Real**, Kokkos::LayoutRight, Memory> caches;
  KOKKOS_FUNCTION void operator()(int j) const {
    Real* cache = &caches(j, 0);
    kobie::DriverTable<Real, Memory>::clear(cache);
    for (int k = 0; k < static_cast<int>(times.extent(1)); ++k)
      table.template evaluate<NDrivers>(times(j, k), &values(j, k, 0), cache);
  }
};

// Device evaluation in Real of a fitted spline vs the host's (double) at the same (Real-rounded) times: thread j
// visits a start time, the same time again, nearby times on both sides, a time far back and the start again, over
// [first - margin, last + margin].
template <class Real, int NDrivers = 2>
void expect_device_matches_host(const kobie::DriverSpline& spline, double margin, double tolerance) {
  ASSERT_EQ(spline.n_drivers, NDrivers);
  const int threads = 257, visits = 7;
  const double first = spline.knots.front() - margin, span = spline.period() + 2 * margin;
  const double h = spline.period() / spline.n_segments;
  Kokkos::View<Real**, Kokkos::LayoutRight, Memory> times("times", threads, visits);
  auto times_h = Kokkos::create_mirror_view(times);
  for (int j = 0; j < threads; ++j) {
    const double t = first + span * ((j * 37) % threads) / (threads - 1);
    const double visit[visits] = {t, t, t + 0.3 * h, t - 0.2 * h, t - 5.0 * h, t + 1.5 * h, t};
    for (int k = 0; k < visits; ++k) times_h(j, k) = static_cast<Real>(visit[k]);
  }
  Kokkos::deep_copy(times, times_h);
  const auto table = kobie::make_driver_table<Real>(Exec(), spline);
  EvaluateKernel<Real, NDrivers> kernel{
      table, times, Kokkos::View<Real***, Kokkos::LayoutRight, Memory>("values", threads, visits, spline.n_drivers),
      Kokkos::View<Real**, Kokkos::LayoutRight, Memory>(
          "caches", threads, kobie::DriverTable<Real, Memory>::cache_size(spline.n_drivers))};
  Kokkos::parallel_for("kobie::test::driver_table", Kokkos::RangePolicy<Exec>(0, threads), kernel);
  kobie::fence("kobie::test::driver_table");
  auto values_h = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), kernel.values);
  for (int j = 0; j < threads; ++j) {
    for (int k = 0; k < visits; ++k) {
      for (int d = 0; d < spline.n_drivers; ++d) {
        const double expected = spline.evaluate(d, static_cast<double>(times_h(j, k)));
        EXPECT_NEAR(static_cast<double>(values_h(j, k, d)), expected, tolerance * std::max(1.0, std::abs(expected)))
            << "thread " << j << ", visit " << k << ", driver " << d;
      }
    }
  }
}

}  // namespace

// The device evaluator (with its per-run segment cache) equals the host evaluation, in double and float, for two
// drivers on nonuniform knots extrapolated past both ends and for two periodic drivers wrapped over +-2 periods.
TEST(TEST_CATEGORY, driver_table_device_matches_host) {
  const kobie::DriverSpline plain = kobie::fit_driver_splines(
      samples_of({[](double t) { return std::exp(-t); }, [](double t) { return t * t - 1.0; }},
                 sample_times(0.0, 3.0, 40, true), 3, "not-a-knot"));
  kobie::DriverSamples periodic =
      samples_of({[](double t) { return std::sin(t); }, [](double t) { return 2.0 + std::cos(2 * t); }},
                 sample_times(0.5, 0.5 + 2 * pi, 30, false), 3, "periodic");
  periodic.wrap = true;
  const kobie::DriverSpline wrapped = kobie::fit_driver_splines(periodic);
  expect_device_matches_host<double>(plain, 0.1, 1e-13);
  expect_device_matches_host<double>(wrapped, 2 * wrapped.period(), 1e-13);
  expect_device_matches_host<float>(plain, 0.1, 1e-5);
  expect_device_matches_host<float>(wrapped, 2 * wrapped.period(), 1e-5);
}

// Every invalid field throws SettingsError naming it.
TEST(TEST_CATEGORY, driver_splines_validation_names_the_field) {
  const auto valid = [] {
    kobie::DriverSamples s;
    s.values = {{0.0, 1.0, 0.5, 0.25, 2.0, 0.0}, {1.0, 2.0, 3.0, 4.0, 5.0, 6.0}};
    s.dt = 0.5;
    return s;
  };
  EXPECT_NO_THROW(kobie::fit_driver_splines(valid()));
  struct Case {
    const char* field;
    std::function<void(kobie::DriverSamples&)> change;
  };
  const double nan = std::nan("");
  const std::vector<Case> cases = {
      {"'order'", [](kobie::DriverSamples& s) { s.order = 2; }},
      {"'boundary'", [](kobie::DriverSamples& s) { s.boundary = "natral"; }},
      {"'values'", [](kobie::DriverSamples& s) { s.values.clear(); }},
      {"'values[1]'", [](kobie::DriverSamples& s) { s.values[1].pop_back(); }},
      {"'values[0]'",
       [](kobie::DriverSamples& s) {
         s.values = {{0.0, 1.0, 2.0}};
       }},  // not-a-knot needs 4
      {"'values[0]'",
       [](kobie::DriverSamples& s) {
         s.values = {{0.0, 1.0}}, s.boundary = "natural";
       }},
      {"'values[0]'", [](kobie::DriverSamples& s) { s.values = {{0.0}}, s.order = 1; }},
      {"'values[0][2]'", [nan](kobie::DriverSamples& s) { s.values[0][2] = nan; }},
      {"'values[1] (driver 'd1')'", [](kobie::DriverSamples& s) { s.boundary = "periodic"; }},
      {"'times'",
       [](kobie::DriverSamples& s) {
         s.times = {0.0, 1.0, 2.0}, s.dt = 0.0;
       }},
      {"'times[3]'", [](kobie::DriverSamples& s) { s.times = {0.0, 1.0, 2.0, 2.0, 3.0, 4.0}, s.dt = 0.0; }},
      {"'times[5]'", [nan](kobie::DriverSamples& s) { s.times = {0.0, 1.0, 2.0, 3.0, 4.0, nan}, s.dt = 0.0; }},
      {"'dt'", [](kobie::DriverSamples& s) { s.times = {0.0, 1.0, 2.0, 3.0, 4.0, 5.0}; }},  // and dt = 0.5
      {"'t0'", [](kobie::DriverSamples& s) { s.times = {0.0, 1.0, 2.0, 3.0, 4.0, 5.0}, s.dt = 0.0, s.t0 = 1.0; }},
      {"'dt'", [](kobie::DriverSamples& s) { s.dt = 0.0; }},
      {"'dt'", [](kobie::DriverSamples& s) { s.dt = -1.0; }},
      {"'dt'", [](kobie::DriverSamples& s) { s.t0 = 1e20, s.dt = 1.0; }},  // t0 + k dt does not increase
      {"'t0'", [nan](kobie::DriverSamples& s) { s.t0 = nan; }},
      {"'start_slopes'", [](kobie::DriverSamples& s) { s.boundary = "clamped", s.start_slopes = {1.0}; }},
      {"'end_slopes'",
       [](kobie::DriverSamples& s) {
         s.end_slopes = {1.0, 2.0};
       }},  // not clamped
      {"'end_slopes[1]'",
       [nan](kobie::DriverSamples& s) {
         s.boundary = "clamped", s.end_slopes = {1.0, nan};
       }},
      {"'names'", [](kobie::DriverSamples& s) { s.names = {"only one"}; }},
  };
  for (const Case& c : cases) {
    kobie::DriverSamples s = valid();
    c.change(s);
    try {
      kobie::fit_driver_splines(s);
      ADD_FAILURE() << "no SettingsError for " << c.field;
    } catch (const kobie::SettingsError& e) {
      EXPECT_NE(std::string(e.what()).find(c.field), std::string::npos) << e.what();
    }
  }
  // Order 1 ignores the boundary, and so its end conditions; periodic needs equal ends only to 1e-12.
  kobie::DriverSamples linear = valid();
  linear.order = 1, linear.boundary = "periodic";
  EXPECT_NO_THROW(kobie::fit_driver_splines(linear));
  kobie::DriverSamples periodic = valid();
  periodic.values[1].back() = 1.0 + 1e-15 * 6.0, periodic.boundary = "periodic";
  EXPECT_NO_THROW(kobie::fit_driver_splines(periodic));
}

namespace {

// y0' = -k y0 + u(t), y1' = y0 u(t): one parameter k, one driver u.
struct Forced {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 1;
  static constexpr int n_drivers = 1;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real* u, Real* dydt) const {
    dydt[0] = -p[0] * y[0] + u[0];
    dydt[1] = y[0] * u[0];
  }
};

// Forced with every optional part: observables, jacobian, jvp, time_derivative and legends.
struct ForcedFull : Forced {
  static constexpr int n_observables = 1;
  static constexpr const char* state_names[n_states] = {"a", "b"};
  static constexpr const char* observable_names[n_observables] = {"a_times_u"};
  template <class Real>
  KOKKOS_INLINE_FUNCTION void observables(Real, const Real* y, const Real*, const Real* u, Real* out) const {
    out[0] = y[0] * u[0];
  }
  template <class Real>
  KOKKOS_INLINE_FUNCTION void jacobian(Real, const Real*, const Real* p, const Real* u, Real* J) const {
    J[0] = -p[0], J[1] = Real(0), J[2] = u[0], J[3] = Real(0);
  }
  template <class Real>
  KOKKOS_INLINE_FUNCTION void jvp(Real, const Real*, const Real* p, const Real* u, const Real* v, Real* Jv) const {
    Jv[0] = -p[0] * v[0], Jv[1] = u[0] * v[0];
  }
  template <class Real>  // treats u as a constant: exactly what DrivenSystem must not forward
  KOKKOS_INLINE_FUNCTION void time_derivative(Real, const Real*, const Real*, const Real*, Real* dfdt) const {
    dfdt[0] = dfdt[1] = Real(0);
  }
};

using Table = kobie::DriverTable<double, Memory>;
using Driven = kobie::DrivenSystem<Forced, Table, double>;
using DrivenFull = kobie::DrivenSystem<ForcedFull, Table, double>;

// Row i: everything the adapters give at time ts(i): Forced's rhs (2), ForcedFull's rhs (2), observables (1),
// jacobian (4), jvp (2), the finite-difference time derivative (2).
struct AdapterKernel {
  Table table;
  Kokkos::View<const double*, Memory> ts;
  Kokkos::View<double**, Kokkos::LayoutRight, Memory> out;
  Kokkos::View<double**, Kokkos::LayoutRight, Memory> caches;
  KOKKOS_FUNCTION void operator()(int i) const {
    const double t = ts(i), y[2] = {0.7, -1.2}, p[1] = {2.5}, v[2] = {0.3, -0.4};
    double drivers[1] = {0.0}, f_work[2];
    double* o = &out(i, 0);
    Table::clear(&caches(i, 0));
    const Driven plain(Forced{}, table, &caches(i, 0));
    plain.rhs(t, y, p, drivers, o);
    Table::clear(&caches(i, 0));
    const DrivenFull full(ForcedFull{}, table, &caches(i, 0));
    full.rhs(t, y, p, drivers, o + 2);
    full.observables(t, y, p, drivers, o + 4);
    full.jacobian(t, y, p, drivers, o + 5);
    full.jvp(t, y, p, drivers, v, o + 9);
    kobie::time_derivative(full, t, y, p, drivers, o + 2, o + 11, f_work);
  }
};

}  // namespace

// DrivenSystem is detected like the System it wraps (except time_derivative, deliberately dropped) and gives what the
// System gives with the driver evaluated by hand; its finite-difference time derivative includes u'(t).
TEST(TEST_CATEGORY, driven_system_forwards_with_drivers_at_t) {
  using T = kobie::SystemTraits<Driven>;
  using TF = kobie::SystemTraits<DrivenFull>;
  EXPECT_TRUE((kobie::check_system<Driven, double>()));
  EXPECT_TRUE((kobie::check_system<DrivenFull, double>()));
  static_assert(T::n_states == 2 && T::n_parameters == 1 && T::n_observables == 0 && T::n_drivers == 1, "sizes");
  static_assert(TF::n_observables == 1 && TF::n_drivers == 1, "sizes");
  static_assert(!T::has_observables<double> && !kobie::has_analytic_jacobian<Driven, double> &&
                    !kobie::has_analytic_jvp<Driven, double> && !kobie::has_analytic_time_derivative<Driven, double>,
                "Forced has no optional parts");
  static_assert(TF::has_observables<double> && kobie::has_analytic_jacobian<DrivenFull, double> &&
                    kobie::has_analytic_jvp<DrivenFull, double>,
                "ForcedFull's optional parts are forwarded");
  static_assert(kobie::has_analytic_time_derivative<ForcedFull, double> &&
                    !kobie::has_analytic_time_derivative<DrivenFull, double>,
                "time_derivative is not forwarded");
  EXPECT_EQ(TF::state_names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(TF::observable_names(), std::vector<std::string>{"a_times_u"});
  EXPECT_EQ(TF::parameter_names(), std::vector<std::string>{"p0"});
  EXPECT_EQ(T::state_names(), (std::vector<std::string>{"y0", "y1"}));

  const Function u = [](double t) { return 0.5 + std::sin(t); };
  const kobie::DriverSpline spline =
      kobie::fit_driver_splines(samples_of({u}, sample_times(0.0, 4.0, 200, false), 3, "not-a-knot"));
  const Table table = kobie::make_driver_table<double>(Exec(), spline);
  EXPECT_NO_THROW(kobie::check_driver_count<Forced>(table));
  EXPECT_THROW(kobie::check_driver_count<kobie_problems::Lorenz>(table), kobie::SettingsError);

  const std::vector<double> times = {0.5, 1.0, 1.01, 2.345, 0.75, 3.9};
  Kokkos::View<double*, Memory> ts("ts", times.size());
  auto ts_h = Kokkos::create_mirror_view(ts);
  for (std::size_t i = 0; i < times.size(); ++i) ts_h(i) = times[i];
  Kokkos::deep_copy(ts, ts_h);
  const int n = static_cast<int>(times.size());
  AdapterKernel kernel{table, ts, Kokkos::View<double**, Kokkos::LayoutRight, Memory>("out", n, 13),
                       Kokkos::View<double**, Kokkos::LayoutRight, Memory>("caches", n, Driven::driver_cache_size)};
  Kokkos::parallel_for("kobie::test::driven_system", Kokkos::RangePolicy<Exec>(0, n), kernel);
  kobie::fence("kobie::test::driven_system");
  auto out = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), kernel.out);
  for (int i = 0; i < n; ++i) {
    const double t = times[i], y[2] = {0.7, -1.2}, p[1] = {2.5}, v[2] = {0.3, -0.4};
    const double ut[1] = {spline.evaluate(0, t)};  // the driver by hand
    double expected[13];
    ForcedFull{}.rhs(t, y, p, ut, expected);
    ForcedFull{}.rhs(t, y, p, ut, expected + 2);
    ForcedFull{}.observables(t, y, p, ut, expected + 4);
    ForcedFull{}.jacobian(t, y, p, ut, expected + 5);
    ForcedFull{}.jvp(t, y, p, ut, v, expected + 9);
    for (int c = 0; c < 11; ++c) EXPECT_NEAR(out(i, c), expected[c], 1e-13) << "t = " << t << ", column " << c;
    const double du = std::cos(t);  // ∂f/∂t = (u', y0 u'), to the spline's and the difference's accuracy
    EXPECT_NEAR(out(i, 11), du, 1e-4) << "t = " << t;
    EXPECT_NEAR(out(i, 12), y[0] * du, 1e-4) << "t = " << t;
  }
}
