// Small ODE systems shared by the unit tests.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "kobie/core/compat.hpp"
#include "kobie/core/status.hpp"
#include "kobie_problems/lorenz.hpp"
#include "kobie_problems/van_der_pol.hpp"

namespace kobie_test {

/// Lorenz (1963) and Van der Pol's oscillator, shared with the benchmarks and the examples (problems/).
using Lorenz = kobie_problems::Lorenz;
using VanDerPol = kobie_problems::VanDerPol;

/// y' = -k y: y(t) = y0 exp(-k t).
struct ExponentialDecay {
  static constexpr int n_states = 1;
  static constexpr int n_parameters = 1;
  static constexpr const char* state_names[n_states] = {"y"};
  static constexpr const char* parameter_names[n_parameters] = {"k"};
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    f[0] = -p[0] * y[0];
  }
};

/// x' = v, v' = -w^2 x: x(t) = x0 cos(w t) + v0/w sin(w t). Observable: energy (v^2 + w^2 x^2) / 2.
struct HarmonicOscillator {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 1;
  static constexpr int n_observables = 1;
  static constexpr const char* state_names[n_states] = {"x", "v"};
  static constexpr const char* parameter_names[n_parameters] = {"w"};
  static constexpr const char* observable_names[n_observables] = {"energy"};
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real, const Real* y, const Real* p, const Real*, Real* f) const {
    f[0] = y[1];
    f[1] = -p[0] * p[0] * y[0];
  }
  template <class Real>
  KOKKOS_INLINE_FUNCTION void observables(Real, const Real* y, const Real* p, const Real*, Real* out) const {
    out[0] = Real(0.5) * (y[1] * y[1] + p[0] * p[0] * y[0] * y[0]);
  }
};

/// A forced pendulum, smooth and non-autonomous: y1' = y2, y2' = -sin(y1) + 0.1 cos(t).
struct Pendulum {
  static constexpr int n_states = 2;
  static constexpr int n_parameters = 0;
  template <class Real>
  KOKKOS_INLINE_FUNCTION void rhs(Real t, const Real* y, const Real*, const Real*, Real* f) const {
    f[0] = y[1];
    f[1] = -kobie::math::sin(y[0]) + Real(0.1) * kobie::math::cos(t);
  }
};

/// True when x and y have the same bit pattern (NaN equals NaN, 0 differs from -0): "bit-identical".
template <class Real>
bool same_bits(Real x, Real y) {
  return std::memcmp(&x, &y, sizeof(Real)) == 0;
}

/// True when saves [0, n_saves) of run ra in a and of run rb in b are bit-identical, compared through View indexing
/// (any layout: results are LayoutLeft on CUDA).
template <class ViewA, class ViewB>
bool same_run_bits(const ViewA& a, int ra, const ViewB& b, int rb) {
  if (a.extent(1) != b.extent(1) || a.extent(2) != b.extent(2)) return false;
  for (std::size_t s = 0; s < a.extent(1); ++s) {
    for (std::size_t j = 0; j < a.extent(2); ++j) {
      if (!same_bits(a(ra, s, j), b(rb, s, j))) return false;
    }
  }
  return true;
}

/// A batch whose runs `bad` hold a NaN or an infinity in their initial values or parameters (`dirty`) against the same
/// batch with finite inputs (`clean`): each bad run has exactly status nonfinite_input, end time t0, no step and every
/// save NaN; every other run is bit-identical to its clean twin (status, steps, end time, saves). Returns the first
/// difference, or "" when there is none.
template <class HostResult>
std::string nonfinite_input_differences(const HostResult& dirty, const HostResult& clean, const std::vector<int>& bad,
                                        double t0) {
  const auto& d = dirty.views();
  const auto& c = clean.views();
  for (int r = 0; r < dirty.n_runs(); ++r) {
    const std::string run = "run " + std::to_string(r) + ": ";
    bool is_bad = false;
    for (int b : bad) is_bad = is_bad || b == r;
    if (is_bad) {
      if (dirty.status(r) != kobie::status::nonfinite_input) return run + "status " + std::to_string(dirty.status(r));
      if (dirty.end_time(r) != t0 || dirty.accepted_steps(r) != 0 || dirty.rejected_steps(r) != 0) {
        return run + "stepped";
      }
      for (std::size_t s = 0; s < d.state.extent(1); ++s) {
        for (std::size_t j = 0; j < d.state.extent(2); ++j) {
          if (!std::isnan(d.state(r, s, j))) return run + "a save is not NaN";
        }
      }
    } else if (dirty.status(r) != clean.status(r) || dirty.accepted_steps(r) != clean.accepted_steps(r) ||
               dirty.rejected_steps(r) != clean.rejected_steps(r) || !same_bits(dirty.end_time(r), clean.end_time(r)) ||
               !same_run_bits(d.state, r, c.state, r)) {
      return run + "differs from the clean batch";
    }
  }
  return "";
}

}  // namespace kobie_test
