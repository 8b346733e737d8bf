#include <gtest/gtest.h>

#include <cmath>

#include "kobie/step_control/controller.hpp"

namespace {

// A controller for an order-4 error estimate (p + 1 = 5), gains as given.
kobie::StepController<double> make(kobie::ControllerKind kind, double kp, double ki, double kd) {
  kobie::StepController<double> c;
  c.kind = kind;
  c.safety = 0.9;
  c.min_gain = 0.2;
  c.max_gain = 5.0;
  c.expo_p = kp / 10.0;
  c.expo_i = ki / 10.0;
  c.expo_d = kd / 10.0;
  return c;
}

// An empty history entry, as StepControl::Device::start() leaves it.
const double kEmpty = kobie::StepController<double>::empty_entry();

}  // namespace

TEST(TEST_CATEGORY, controller_i_gain_matches_formula) {
  const auto c = make(kobie::ControllerKind::i, 1.0, 0, 0);
  double history[2] = {kEmpty, kEmpty};
  for (double e : {0.5, 0.01, 0.9}) {
    EXPECT_DOUBLE_EQ(c.gain(0.1, e, true, true, 0, history), 0.9 * std::pow(e, -0.1)) << e;
  }
  EXPECT_DOUBLE_EQ(c.gain(0.1, 1e-12, true, true, 0, history), 5.0);  // clamped to max_gain
  EXPECT_DOUBLE_EQ(c.gain(0.1, 1e9, false, false, 0, history), 0.2);  // clamped to min_gain
  // A rejected step never grows dt: the gain is capped at safety.
  auto loose = c;
  loose.min_gain = 0.95;
  EXPECT_DOUBLE_EQ(loose.gain(0.1, 1.5, false, false, 0, history), 0.9);
  EXPECT_DOUBLE_EQ(c.gain(0.1, std::nan(""), false, false, 0, history), 0.2);  // NaN error: smallest gain
}

TEST(TEST_CATEGORY, controller_pi_and_pid_use_history_of_accepted_steps_only) {
  const auto pi = make(kobie::ControllerKind::pi, 0.6, -0.2, 0);
  double h[2] = {kEmpty, kEmpty};
  // First step: no history yet, e_{n-1} = e_n. The history holds ln e of accepted steps.
  EXPECT_DOUBLE_EQ(pi.gain(0.1, 0.3, true, true, 0, h), 0.9 * std::pow(0.3, -0.06) * std::pow(0.3, 0.02));
  EXPECT_DOUBLE_EQ(h[0], std::log(0.3));
  EXPECT_DOUBLE_EQ(pi.gain(0.1, 0.5, true, true, 0, h), 0.9 * std::pow(0.5, -0.06) * std::pow(0.3, 0.02));
  EXPECT_DOUBLE_EQ(h[0], std::log(0.5));
  pi.gain(0.1, 2.0, false, false, 0, h);  // rejected: history untouched
  EXPECT_DOUBLE_EQ(h[0], std::log(0.5));
  pi.gain(0.1, 0.7, true, false, 0, h);  // accepted but truncated to land on a save: untouched
  EXPECT_DOUBLE_EQ(h[0], std::log(0.5));

  const auto pid = make(kobie::ControllerKind::pid, 1.0 / 18, 1.0 / 9, 1.0 / 18);
  double hd[2] = {std::log(0.4), std::log(0.2)};
  const double expected = 0.9 * std::pow(0.1, -1.0 / 180) * std::pow(0.4, -1.0 / 90) * std::pow(0.2, -1.0 / 180);
  EXPECT_DOUBLE_EQ(pid.gain(0.1, 0.1, true, true, 0, hd), expected);
  EXPECT_DOUBLE_EQ(hd[0], std::log(0.1));
  EXPECT_DOUBLE_EQ(hd[1], std::log(0.4));
}

TEST(TEST_CATEGORY, controller_gustafsson_predicts_from_the_last_accepted_step) {
  auto g = make(kobie::ControllerKind::gustafsson, 1.0, 0, 0);
  g.gamma = 0.9;
  g.max_newton_iters = 20;
  double h[2] = {kEmpty, kEmpty};
  // No history: the basic gain fac * e^(-1/10), with fac = min(gamma, gamma (1 + 2 m) / (newton + 2 m)).
  EXPECT_DOUBLE_EQ(g.gain(0.1, 0.5, true, true, 0, h), 0.9 * std::pow(0.5, -0.1));
  EXPECT_DOUBLE_EQ(h[0], 0.1);  // h of the step, and ln e
  EXPECT_DOUBLE_EQ(h[1], std::log(0.5));
  // Many Newton iterations damp the basic gain.
  double none[2] = {kEmpty, kEmpty};
  EXPECT_DOUBLE_EQ(g.gain(0.1, 0.5, true, false, 30, none), 0.9 * 41.0 / 70.0 * std::pow(0.5, -0.1));
  // With history: min(basic, safety (h / h_prev) (e^2 / e_prev)^(-1/10)).
  const double basic = 0.9 * std::pow(0.2, -0.1);
  const double predicted = 0.9 * (0.12 / 0.1) * std::pow(0.2 * 0.2 / 0.5, -0.1);
  EXPECT_DOUBLE_EQ(g.gain(0.12, 0.2, true, true, 0, h), std::min(basic, predicted));
  // A rejected step uses the basic gain, capped at safety.
  EXPECT_DOUBLE_EQ(g.gain(0.12, 4.0, false, false, 0, h), 0.9 * std::pow(4.0, -0.1));
}

TEST(TEST_CATEGORY, controller_deadband_and_fixed) {
  auto c = make(kobie::ControllerKind::i, 1.0, 0, 0);
  c.deadband_min = 0.95;
  c.deadband_max = 1.2;
  double h[2] = {kEmpty, kEmpty};
  const double e = std::pow(0.9 / 1.1, 10.0);  // raw gain 1.1: inside the deadband
  EXPECT_DOUBLE_EQ(c.gain(0.1, e, true, true, 0, h), 1.0);
  EXPECT_DOUBLE_EQ(c.gain(0.1, 1e-6, true, true, 0, h), 0.9 * std::pow(1e-6, -0.1));  // outside it
  const auto fixed = make(kobie::ControllerKind::fixed, 0, 0, 0);
  EXPECT_FALSE(fixed.adaptive());
  EXPECT_DOUBLE_EQ(fixed.gain(0.1, 100.0, false, false, 0, h), 1.0);
}
