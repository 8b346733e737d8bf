#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "TestSystems.hpp"
#include "kobie/batch/solver.hpp"

namespace {

/// x' = v, v' = c - x: x = c + cos(t) from (c + 1, 0); parameter c.
struct OffsetOscillator {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 1;
  static constexpr const char* state_names[n_states] = {"x", "v"};
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    f[0] = y[1];
    f[1] = p[0] - y[0];
  }
};

using SummaryMatrix = Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace>;

const char* const kEveryMetric =
    "state, observables, time, mean, max, min, rms, std, max_magnitude, extrema, mean_std, std_rms, mean_std_rms, "
    "peaks[4], negative_peaks[3], dxdt_max, dxdt_min, dxdt_extrema, d2xdt2_max, d2xdt2_min, d2xdt2_extrema";

/// The summary columns of one variable over window w, computed directly from its densely saved samples x[j] at t[j]
/// (j = 0 the first save; window w holds samples w·m + 1 .. (w + 1)·m): two-pass moments in long double, extrema,
/// difference quotients, and the times of local extrema at the sample before each window sample.
std::map<std::string, double> host_summary(const std::vector<double>& x, const std::vector<double>& t, int w, int m) {
  using LD = long double;
  const int first = w * m + 1;
  const int last = (w + 1) * m;
  LD sum = 0, sum_sq = 0;
  double hi = -INFINITY, lo = INFINITY, d1_hi = -INFINITY, d1_lo = INFINITY, d2_hi = -INFINITY, d2_lo = INFINITY;
  std::vector<double> peaks, valleys;
  for (int j = first; j <= last; ++j) {
    sum += x[j];
    sum_sq += static_cast<LD>(x[j]) * x[j];
    hi = std::max(hi, x[j]);
    lo = std::min(lo, x[j]);
    const double slope = (x[j] - x[j - 1]) / (t[j] - t[j - 1]);
    d1_hi = std::max(d1_hi, slope);
    d1_lo = std::min(d1_lo, slope);
    if (j >= 2) {
      const double curvature = (x[j] - 2 * x[j - 1] + x[j - 2]) / ((t[j] - t[j - 1]) * (t[j - 1] - t[j - 2]));
      d2_hi = std::max(d2_hi, curvature);
      d2_lo = std::min(d2_lo, curvature);
      if (x[j - 1] > x[j - 2] && x[j - 1] > x[j]) peaks.push_back(t[j - 1]);
      if (x[j - 1] < x[j - 2] && x[j - 1] < x[j]) valleys.push_back(t[j - 1]);
    }
  }
  const LD mean = sum / m;
  LD dev = 0;
  for (int j = first; j <= last; ++j) dev += (x[j] - mean) * (x[j] - mean);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto finite_or_nan = [nan](double v) { return std::isfinite(v) ? v : nan; };
  std::map<std::string, double> out = {
      {"mean", static_cast<double>(mean)},
      {"std", static_cast<double>(std::sqrt(dev / m))},
      {"rms", static_cast<double>(std::sqrt(sum_sq / m))},
      {"max", hi},
      {"min", lo},
      {"max_magnitude", std::max(std::abs(hi), std::abs(lo))},
      {"dxdt_max", d1_hi},
      {"dxdt_min", d1_lo},
      {"d2xdt2_max", finite_or_nan(d2_hi)},
      {"d2xdt2_min", finite_or_nan(d2_lo)},
  };
  for (int k = 0; k < 4; ++k) out["peaks_" + std::to_string(k)] = k < static_cast<int>(peaks.size()) ? peaks[k] : nan;
  for (int k = 0; k < 3; ++k) {
    out["negative_peaks_" + std::to_string(k)] = k < static_cast<int>(valleys.size()) ? valleys[k] : nan;
  }
  return out;
}

/// Runs the harmonic oscillator (x, v, observable energy) with every metric and checks each summary column of each
/// run and window against host_summary() over the saved trajectory (saves on the sample grid).
template <class Real>
void check_every_metric_against_saved_states() {
  using System = kobie_test::HarmonicOscillator;
  kobie::Solver<System, Real, TEST_EXECSPACE, kobie::TypeList<kobie::algorithms::Tsit5>> solver;
  solver.set("algorithm", "tsit5");
  solver.set("rtol", 1e-7);
  solver.set("atol", 1e-9);
  solver.set("duration", 3.0);
  solver.set("save_every", 0.01);
  solver.set("sample_summaries_every", 0.01);
  solver.set("summarise_every", 1.0);
  solver.set("summarised_states", "v, x");
  solver.set("outputs", kEveryMetric);
  const std::vector<double> omega = {1.0, 18.85, 40.0};  // no, ~3 and ~12 maxima per window (peaks[4] keeps 4)
  Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace> y0("y0", 3, 2), p("p", 3, 1);
  for (int r = 0; r < 3; ++r) {
    y0(r, 0) = 1.0 + r;
    y0(r, 1) = 0.5;
    p(r, 0) = omega[r];
  }
  const auto result = solver.solve(y0, p).to_host();
  ASSERT_EQ(result.n_failed(), 0);
  ASSERT_EQ(result.n_summaries(), 3);
  ASSERT_EQ(result.summary_times().size(), 3u);
  for (int w = 0; w < 3; ++w) EXPECT_EQ(static_cast<Real>(result.summary_times()[w]), static_cast<Real>(w + 1.0));
  const int m = 100;
  const std::vector<std::string> variables = {"v", "x", "energy"};  // summarised order: states as listed, observables
  ASSERT_EQ(result.summary_legend().size(), variables.size() * 30u);
  EXPECT_EQ(result.summary_legend()[0], "v_mean");
  const double eps = std::numeric_limits<Real>::epsilon();
  int checked = 0;
  int peak_times = 0;  // finite peak times compared (the oscillations do produce peaks)
  for (int run = 0; run < 3; ++run) {
    std::vector<double> t(result.n_saves());
    for (int s = 0; s < result.n_saves(); ++s) t[s] = result.time(run, s);
    for (const std::string& var : variables) {
      std::vector<double> x(result.n_saves());
      for (int s = 0; s < result.n_saves(); ++s) {
        x[s] = var == "energy" ? result.observable(run, s, "energy") : result.state(run, s, var);
      }
      const double scale =
          *std::max_element(x.begin(), x.end(), [](double a, double b) { return std::abs(a) < std::abs(b); });
      const double h = 0.01;
      for (int w = 0; w < 3; ++w) {
        const auto ref = host_summary(x, t, w, m);
        for (int c = 0; c < static_cast<int>(result.summary_legend().size()); ++c) {
          const std::string& name = result.summary_legend()[c];
          if (name.compare(0, var.size() + 1, var + "_") != 0) continue;
          const std::string metric = name.substr(var.size() + 1);
          ASSERT_EQ(ref.count(metric), 1u) << name;
          const double got = result.summary(run, w, c);
          const double want = ref.at(metric);
          SCOPED_TRACE(name + " run " + std::to_string(run) + " window " + std::to_string(w));
          if (std::isnan(want)) {
            EXPECT_TRUE(std::isnan(got)) << got;
          } else if (metric.find("peaks") != std::string::npos) {
            EXPECT_EQ(got, want);  // the same comparisons on the same saved values and times
            ++peak_times;
          } else {
            // Rounding of the device's accumulation in Real: a few ulps of the variable's scale, divided by the
            // sample spacing once per difference.
            const double divisor = metric.rfind("d2xdt2", 0) == 0 ? h * h : metric.rfind("dxdt", 0) == 0 ? h : 1.0;
            EXPECT_NEAR(got, want, 16 * eps * std::abs(scale) / divisor);
          }
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 3 * 3 * 3 * 30);
  EXPECT_GT(peak_times, 40);
}

TEST(TEST_CATEGORY, summaries_every_metric_matches_the_saved_trajectory) {
  check_every_metric_against_saved_states<double>();
  check_every_metric_against_saved_states<float>();
}

TEST(TEST_CATEGORY, summaries_float_stay_accurate_over_long_windows) {
  // x = c + cos(t) with c = 1000 over 2e5 samples in one window, in float. A float running sum of x loses digits
  // (the sum passes 2^24 after ~1.7e4 samples); the compensated Welford updates keep the mean and the std to a few
  // float ulps of the values they describe.
  using System = OffsetOscillator;
  kobie::Solver<System, float, TEST_EXECSPACE, kobie::TypeList<kobie::algorithms::Rk4>> solver;
  solver.set("algorithm", "rk4");
  solver.set("dt", 0.005);
  solver.set("duration", 1000.0);
  solver.set("save_every", 0.005);
  solver.set("sample_summaries_every", 0.005);
  solver.set("outputs", "state, mean_std_rms");
  solver.set("saved_states", "x");
  solver.set("summarised_states", "x");
  Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace> y0("y0", 1, 2), p("p", 1, 1);
  y0(0, 0) = 1001.0;
  y0(0, 1) = 0.0;
  p(0, 0) = 1000.0;
  const auto result = solver.solve(y0, p).to_host();
  ASSERT_EQ(result.n_failed(), 0);
  ASSERT_EQ(result.n_summaries(), 1);
  const int n = result.n_saves() - 1;
  ASSERT_EQ(n, 200000);
  long double sum = 0;
  float naive = 0;  // what a plain float running sum gives
  for (int s = 1; s <= n; ++s) {
    sum += result.state(0, s, 0);
    naive += result.state(0, s, 0);
  }
  const long double mean = sum / n;
  long double dev = 0;
  for (int s = 1; s <= n; ++s) dev += (result.state(0, s, 0) - mean) * (result.state(0, s, 0) - mean);
  const double std_ref = static_cast<double>(std::sqrt(dev / n));
  const double ulp_mean = 1000.0 * std::numeric_limits<float>::epsilon();
  const double mean_error = std::abs(result.summary(0, 0, "x_mean") - static_cast<double>(mean));
  const double rms_ref = static_cast<double>(std::sqrt(mean * mean + dev / n));
  std::printf("float mean error %.3g (ulp %.3g, naive float sum %.3g), std %.9g vs %.9g, rms %.9g vs %.9g\n",
              mean_error, ulp_mean, std::abs(naive / n - static_cast<double>(mean)), result.summary(0, 0, "x_std"),
              std_ref, result.summary(0, 0, "x_rms"), rms_ref);
  EXPECT_LE(mean_error, 2 * ulp_mean);
  EXPECT_GT(std::abs(naive / n - static_cast<double>(mean)), 2 * ulp_mean);  // the test can tell the difference
  EXPECT_NEAR(result.summary(0, 0, "x_std"), std_ref, 8 * std::numeric_limits<float>::epsilon() * std_ref);
  EXPECT_NEAR(result.summary(0, 0, "x_rms"), rms_ref, 2 * ulp_mean);
}

using DecaySolver = kobie::Solver<kobie_test::ExponentialDecay, double, TEST_EXECSPACE, kobie::ExplicitAlgorithms>;

Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace> column(const std::vector<double>& values) {
  Kokkos::View<double**, Kokkos::LayoutRight, Kokkos::HostSpace> v("column", values.size(), 1);
  for (std::size_t i = 0; i < values.size(); ++i) v(i, 0) = values[i];
  return v;
}

TEST(TEST_CATEGORY, summaries_schedule_errors_name_the_setting) {
  auto message = [](const std::vector<std::pair<const char*, const char*>>& settings) {
    DecaySolver solver;
    try {
      for (const auto& s : settings) solver.set(s.first, s.second);
      solver.solve(column({1.0}), column({1.0}));
    } catch (const kobie::SettingsError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({{"outputs", "state, mean"}}).find("sample_summaries_every"), std::string::npos);
  EXPECT_NE(message({{"outputs", "mean"}, {"sample_summaries_every", "0.1"}, {"summarise_every", "0.25"}})
                .find("'summarise_every': must be a whole multiple of sample_summaries_every"),
            std::string::npos);
  // With summarise_every = 0 the window is the duration: what to change is sample_summaries_every, not duration.
  const std::string longer = message({{"outputs", "mean"}, {"sample_summaries_every", "2"}});
  EXPECT_NE(longer.find("invalid value '2' for setting 'sample_summaries_every': it is longer than the duration (1)"),
            std::string::npos)
      << longer;
  const std::string uneven = message({{"outputs", "mean"}, {"sample_summaries_every", "0.3"}});
  EXPECT_NE(uneven.find("'sample_summaries_every': the duration (1) must be a whole multiple of it"), std::string::npos)
      << uneven;
  EXPECT_NE(message({{"outputs", "mean"}, {"sample_summaries_every", "0.75"}, {"summarise_every", "0.5"}})
                .find("'sample_summaries_every': it is longer than summarise_every (0.5)"),
            std::string::npos);
  EXPECT_NE(message({{"outputs", "mean"}, {"sample_summaries_every", "0.5"}, {"summarise_every", "2"}})
                .find("must be <= duration"),
            std::string::npos);
  EXPECT_NE(message({{"outputs", "peaks[0]"}}).find("peaks[N] needs a whole number N"), std::string::npos);
  EXPECT_NE(message({{"outputs", "peaks[x]"}}).find("peaks[N]"), std::string::npos);
  EXPECT_NE(message({{"outputs", "peaks"}}).find("allowed values are"), std::string::npos);
  EXPECT_NE(message({{"outputs", "mean, mean"}}).find("listed once"), std::string::npos);
  EXPECT_NE(message({{"outputs", "meen"}}).find("did you mean 'mean'"), std::string::npos);
  EXPECT_NE(message({{"outputs", "mean"}, {"sample_summaries_every", "0.5"}, {"summarised_states", "q"}})
                .find("summarised_states"),
            std::string::npos);
  EXPECT_NE(
      message({{"summary_accumulators_location", "local"}, {"outputs", "mean"}, {"sample_summaries_every", "0.5"}})
          .find("must be 'shared' or 'scratch'"),
      std::string::npos);
}

TEST(TEST_CATEGORY, summaries_of_failed_runs_and_every_location_agree) {
  // Run 1 overflows at t ~ 0.79 (RK4, k = -2000, dt = 0.01): windows it did not complete are NaN (all of them with
  // nan_on_failure), its neighbours are bit-identical to a batch without it; the accumulators in 'shared' give the
  // same bits as in 'scratch', and the static layout stays in use.
  auto solve = [](const std::vector<double>& k, const char* location, bool nan_on_failure) {
    DecaySolver solver;
    solver.set("algorithm", "rk4");
    solver.set("controller", "fixed");
    solver.set("dt", 0.01);
    solver.set("outputs", "mean, extrema, peaks[2]");
    solver.set("sample_summaries_every", 0.05);
    solver.set("summarise_every", 0.25);
    solver.set("summary_accumulators_location", location);
    solver.set("nan_on_failure", nan_on_failure);
    std::vector<double> y0(k.size(), 1.0);
    const auto r = solver.solve(column(y0), column(k)).to_host();
    EXPECT_TRUE(solver.used_static_layout());
    return r;
  };
  // Fixed steps: on host backends runs go in lockstep groups of four, the failing run inside one.
  const auto clean = solve({1.0, 3.0, 0.5, 2.0}, "scratch", false);
  ASSERT_EQ(clean.n_summaries(), 4);
  EXPECT_NEAR(clean.summary(0, 0, "y_max"), std::exp(-0.05), 1e-9);  // window 0: samples at 0.05 .. 0.25
  EXPECT_NEAR(clean.summary(0, 3, "y_min"), std::exp(-1.0), 1e-9);
  EXPECT_TRUE(std::isnan(clean.summary(0, 0, "y_peaks_0")));  // a decay has no maximum
  for (const char* location : {"scratch", "shared"}) {
    for (bool blank : {false, true}) {
      const auto dirty = solve({1.0, -2000.0, 3.0, 0.5, 2.0}, location, blank);
      EXPECT_EQ(dirty.status(1), kobie::status::nonfinite_state);
      for (int w = 0; w < 4; ++w) {
        for (int c = 0; c < static_cast<int>(dirty.summary_legend().size()); ++c) {
          for (int run : {0, 2, 3, 4}) {
            const double a = dirty.summary(run, w, c), b = clean.summary(run < 1 ? run : run - 1, w, c);
            EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << run;
          }
        }
        // Windows end at 0.25, 0.5, 0.75, 1: run 1 completes the first three (it fails after 0.75) unless blanked.
        EXPECT_EQ(std::isnan(dirty.summary(1, w, "y_mean")), blank || w == 3) << w;
      }
    }
  }
}

}  // namespace
