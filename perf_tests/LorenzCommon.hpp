// The Lorenz ensemble shared by the kobie-vs-Boost.Odeint benchmarks and the controller study: one System, one set
// of inputs, one set of settings, and the Odeint peers written the way an Odeint user would write them.
#pragma once

#include <Kokkos_Core.hpp>
#include <array>
#include <boost/numeric/odeint.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "kobie/batch/batch_grid.hpp"
#include "kobie/settings.hpp"
#include "kobie_problems/lorenz.hpp"

namespace kobie_bench {

// The ensemble: sigma = 10, beta = 8/3, rho swept uniformly over [0, 28], x0 = (1, 1, 1), t in [0, 1].
constexpr double kSigma = 10.0;
constexpr double kBeta = 8.0 / 3.0;
constexpr double kRhoMin = 0.0;
constexpr double kRhoMax = 28.0;
constexpr double kX0 = 1.0, kY0 = 1.0, kZ0 = 1.0;
constexpr double kDuration = 1.0;
constexpr double kFixedDt = 1e-3;  // RK4 case: 1000 steps
constexpr int kFixedSteps = 1000;
constexpr double kAdaptiveDt0 = 1e-3;  // DP5 case: initial step of both libraries
constexpr double kTol = 1e-8;          // DP5 case: rtol = atol

/// kobie's controller for the DP5 case, chosen with kobie_perf_controller_study (see perf_tests/README.md): an
/// I controller with Odeint's safety, gain limits and "keep dt while 0.5 <= err <= 1" deadband.
inline void apply_odeint_like_controller(kobie::Settings& s) {
  s.set("controller", "i");
  s.set("error_norm", "max");  // Odeint measures the largest scaled component
  s.set("safety", "0.9");
  s.set("kp", "1");
  s.set("min_gain", "0.2");
  s.set("max_gain", "4.5");          // Odeint: 0.9 * 5 (err is clamped at 5^-5 before err^(-1/5))
  s.set("deadband_min", "0.9");      // Odeint keeps dt for 0.5 <= err <= 1, i.e. for gains 0.9 * err^(-1/5)
  s.set("deadband_max", "1.03383");  // in [0.9, 0.9 * 2^(1/5)]
}

/// The Lorenz system as a kobie System.
using Lorenz = kobie_problems::Lorenz;

/// rho of run `run` out of `n_runs`.
inline double rho_of(int run, int n_runs) {
  return n_runs > 1 ? kRhoMin + (kRhoMax - kRhoMin) * static_cast<double>(run) / (n_runs - 1) : kRhoMax;
}

/// The ensemble's rho values.
inline std::vector<double> rho_values(int n_runs) {
  std::vector<double> rho(static_cast<std::size_t>(n_runs));
  for (int r = 0; r < n_runs; ++r) rho[static_cast<std::size_t>(r)] = rho_of(r, n_runs);
  return rho;
}

/// The ensemble as a kobie grid (one run per rho).
inline kobie::BatchGrid lorenz_grid(int n_runs) {
  return kobie::verbatim_grid<Lorenz>(
      {{"rho", rho_values(n_runs)}},
      {{"x", {kX0}}, {"y", {kY0}}, {"z", {kZ0}}, {"sigma", {kSigma}}, {"beta", {kBeta}}});
}

/// kobie settings of the fixed-step case: classical RK4, dt = 1e-3, t = 1, save the initial and final state only.
inline kobie::Settings rk4_fixed_settings() {
  kobie::Settings s;
  s.set("algorithm", "rk4");
  s.set("controller", "fixed");
  s.set("dt", "1e-3");
  s.set("duration", "1");
  s.set("save_every", "0");
  return s;
}

/// kobie settings of the adaptive case with kobie's default controller: Dormand–Prince 5(4), rtol = atol = 1e-8,
/// dt0 = 1e-3, t = 1.
inline kobie::Settings dp5_base_settings() {
  kobie::Settings s;
  s.set("algorithm", "dormand-prince-54");
  s.set("atol", "1e-8");
  s.set("rtol", "1e-8");
  s.set("dt", "1e-3");
  s.set("duration", "1");
  s.set("save_every", "0");
  return s;
}

/// The adaptive case as benchmarked: dp5_base_settings() with apply_odeint_like_controller().
inline kobie::Settings dp5_adaptive_settings() {
  kobie::Settings s = dp5_base_settings();
  apply_odeint_like_controller(s);
  return s;
}

// ---- Boost.Odeint peers -------------------------------------------------------------------------------------------

using OdeState = std::array<double, 3>;

/// The same right-hand side, same operation order, as an Odeint system.
struct LorenzOdeint {
  double sigma, rho, beta;
  void operator()(const OdeState& y, OdeState& dydt, double /*t*/) const {
    dydt[0] = sigma * (y[1] - y[0]);
    dydt[1] = y[0] * (rho - y[2]) - y[1];
    dydt[2] = y[0] * y[1] - beta * y[2];
  }
};

/// RK4, 1000 steps of 1e-3, one run after another; final states to out (run-major, 3 per run).
inline void odeint_rk4_fixed(const std::vector<double>& rho, std::vector<double>& out) {
  namespace odeint = boost::numeric::odeint;
  odeint::runge_kutta4<OdeState> stepper;
  const std::size_t n = rho.size();
  for (std::size_t r = 0; r < n; ++r) {
    OdeState x = {kX0, kY0, kZ0};
    odeint::integrate_n_steps(stepper, LorenzOdeint{kSigma, rho[r], kBeta}, x, 0.0, kFixedDt, kFixedSteps);
    out[3 * r] = x[0];
    out[3 * r + 1] = x[1];
    out[3 * r + 2] = x[2];
  }
}

/// DP5 with Odeint's default controller at rtol = atol = tol, integrate_adaptive from 0 to kDuration, one run after
/// another; final states to out. Returns the accepted steps of all runs (integrate_adaptive's count).
inline long long odeint_dp5_adaptive(const std::vector<double>& rho, std::vector<double>& out, double tol = kTol) {
  namespace odeint = boost::numeric::odeint;
  const std::size_t n = rho.size();
  long long accepted = 0;
  for (std::size_t r = 0; r < n; ++r) {
    OdeState x = {kX0, kY0, kZ0};
    // A fresh controlled stepper per run: a reused one would carry the previous run's FSAL derivative.
    auto stepper = odeint::make_controlled(tol, tol, odeint::runge_kutta_dopri5<OdeState>());
    accepted += static_cast<long long>(
        odeint::integrate_adaptive(stepper, LorenzOdeint{kSigma, rho[r], kBeta}, x, 0.0, kDuration, kAdaptiveDt0));
    out[3 * r] = x[0];
    out[3 * r + 1] = x[1];
    out[3 * r + 2] = x[2];
  }
  return accepted;
}

/// Accepted and rejected step totals over an ensemble.
struct StepTotals {
  long long accepted = 0;
  long long rejected = 0;
};

/// The DP5 case again, as integrate_adaptive's loop written out with try_step, to count rejected steps as well
/// (untimed; the result is bit-identical to odeint_dp5_adaptive).
inline StepTotals odeint_dp5_counted(const std::vector<double>& rho, std::vector<double>& out, double tol = kTol) {
  namespace odeint = boost::numeric::odeint;
  StepTotals totals;
  const std::size_t n = rho.size();
  for (std::size_t r = 0; r < n; ++r) {
    OdeState x = {kX0, kY0, kZ0};
    auto stepper = odeint::make_controlled(tol, tol, odeint::runge_kutta_dopri5<OdeState>());
    const LorenzOdeint sys{kSigma, rho[r], kBeta};
    double t = 0.0, dt = kAdaptiveDt0;
    const double t_end = kDuration;
    while (odeint::detail::less_with_sign(t, t_end, dt)) {  // as integrate_adaptive (controlled_stepper_tag)
      if (odeint::detail::less_with_sign(t_end, t + dt, dt)) dt = t_end - t;
      while (stepper.try_step(sys, x, t, dt) == odeint::fail) ++totals.rejected;
      ++totals.accepted;
    }
    out[3 * r] = x[0];
    out[3 * r + 1] = x[1];
    out[3 * r + 2] = x[2];
  }
  return totals;
}

}  // namespace kobie_bench
