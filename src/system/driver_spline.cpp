#include "kobie/system/driver_spline.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kobie/core/errors.hpp"
#include "kobie/core/setting_key.hpp"
#include "kobie/system/driver_table.hpp"

namespace kobie {
namespace {

using settings_text::format_number;

enum class Boundary { natural, periodic, clamped, not_a_knot };
const std::vector<std::string> boundary_names = {"natural", "periodic", "clamped", "not-a-knot"};

[[noreturn]] void invalid(const std::string& field, const std::string& value, const std::string& allowed) {
  throw SettingsError("kobie: invalid driver samples '" + field + "' = " + value + ": " + allowed);
}

std::string size_text(std::size_t n) { return "size " + std::to_string(n); }
std::string samples_text(std::size_t n) { return std::to_string(n) + " samples"; }

// Samples each driver needs: a line needs 2, a cubic 3, and not-a-knot 4 (with 3 it is the parabola through them).
std::size_t min_samples(int order, Boundary boundary) {
  if (order == 1) return 2;
  return boundary == Boundary::not_a_knot ? 4 : 3;
}

void check_slopes(const char* field, const std::vector<double>& slopes, std::size_t n_drivers, bool used) {
  if (slopes.empty()) return;
  if (!used) invalid(field, size_text(slopes.size()), "used only with order 3 and boundary 'clamped'");
  if (slopes.size() != n_drivers) {
    invalid(field, size_text(slopes.size()), "one per driver (" + std::to_string(n_drivers) + "), or empty for 0");
  }
  for (std::size_t d = 0; d < n_drivers; ++d) {
    if (!std::isfinite(slopes[d])) {
      invalid(std::string(field) + "[" + std::to_string(d) + "]", format_number(slopes[d]), "slopes must be finite");
    }
  }
}

// The sample times, checked finite and strictly increasing.
std::vector<double> sample_times(const DriverSamples& in, std::size_t n_samples) {
  std::vector<double> t = in.times;
  if (t.empty()) {
    if (!std::isfinite(in.t0)) invalid("t0", format_number(in.t0), "must be finite");
    if (!(in.dt > 0.0) || !std::isfinite(in.dt)) {
      invalid("dt", format_number(in.dt), "must be finite and > 0 when times is empty (uniform samples t0 + k dt)");
    }
    for (std::size_t k = 0; k < n_samples; ++k) t.push_back(in.t0 + static_cast<double>(k) * in.dt);
  } else {
    if (in.dt != 0.0) {
      invalid("dt", format_number(in.dt), "must stay 0 when times is given (give times, or t0 and dt, not both)");
    }
    if (in.t0 != 0.0) {
      invalid("t0", format_number(in.t0), "must stay 0 when times is given (give times, or t0 and dt, not both)");
    }
    if (t.size() != n_samples) {
      invalid("times", size_text(t.size()),
              "one per sample (" + std::to_string(n_samples) + "), or empty for uniform samples t0 + k dt");
    }
  }
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (std::isfinite(t[k]) && (k == 0 || t[k] > t[k - 1])) continue;
    const std::string where = k == 0 ? std::string()
                                     : " (sample " + std::to_string(k - 1) + " at " + format_number(t[k - 1]) +
                                           ", sample " + std::to_string(k) + " at " + format_number(t[k]) + ")";
    if (in.times.empty()) {
      invalid("dt", format_number(in.dt),
              "with t0 = " + format_number(in.t0) +
                  ", the times t0 + k dt must be finite and strictly increasing in double precision" + where);
    }
    invalid("times[" + std::to_string(k) + "]", format_number(t[k]),
            "sample times must be finite and strictly increasing" + where);
  }
  return t;
}

void check_values(const DriverSamples& in, const std::vector<std::string>& names, int order, Boundary boundary) {
  const std::size_t n = in.values[0].size();
  for (std::size_t d = 0; d < in.values.size(); ++d) {
    const std::vector<double>& v = in.values[d];
    const std::string field = "values[" + std::to_string(d) + "]";
    if (v.size() != n) {
      invalid(field, samples_text(v.size()),
              "every driver needs as many samples as values[0] (" + std::to_string(n) + ")");
    }
    if (v.size() < min_samples(order, boundary)) {
      invalid(field, samples_text(v.size()),
              "order " + std::to_string(order) +
                  (order == 3 ? " with boundary '" + boundary_names[static_cast<int>(boundary)] + "'" : "") +
                  " needs at least " + std::to_string(min_samples(order, boundary)));
    }
    for (std::size_t k = 0; k < v.size(); ++k) {
      if (!std::isfinite(v[k])) invalid(field + "[" + std::to_string(k) + "]", format_number(v[k]), "must be finite");
    }
    if (order == 3 && boundary == Boundary::periodic) {
      double scale = 0.0;
      for (double x : v) scale = std::max(scale, std::abs(x));
      if (std::abs(v.front() - v.back()) > 1e-12 * scale) {
        invalid(field + " (driver '" + names[d] + "')",
                "first " + format_number(v.front()) + ", last " + format_number(v.back()),
                "boundary 'periodic' needs the first and last sample equal (within 1e-12 of the driver's largest "
                "magnitude)");
      }
    }
  }
}

// Row i: lower[i] x[i-1] + diag[i] x[i] + upper[i] x[i+1] = rhs[i]. The corners lower[0] (the coefficient of x[m-1])
// and upper[m-1] (that of x[0]) make it cyclic.
struct Tridiagonal {
  std::vector<double> lower, diag, upper, rhs;
};

// Thomas algorithm, without the corners (no pivoting: the spline systems below keep positive pivots).
std::vector<double> solve_tridiagonal(const Tridiagonal& a, const std::vector<double>& diag,
                                      const std::vector<double>& rhs) {
  const std::size_t m = diag.size();
  std::vector<double> ratio(m), x(m);
  ratio[0] = a.upper[0] / diag[0];
  x[0] = rhs[0] / diag[0];
  for (std::size_t i = 1; i < m; ++i) {
    const double pivot = diag[i] - a.lower[i] * ratio[i - 1];
    ratio[i] = a.upper[i] / pivot;
    x[i] = (rhs[i] - a.lower[i] * x[i - 1]) / pivot;
  }
  for (std::size_t i = m - 1; i-- > 0;) x[i] -= ratio[i] * x[i + 1];
  return x;
}

// Solves the (cyclic) system; the corners by Sherman–Morrison, A = T + u vᵀ with u = (γ, 0, …, 0, upper[m-1]) and
// v = (1, 0, …, 0, lower[0] / γ) (Numerical Recipes §2.7).
std::vector<double> solve(const Tridiagonal& a) {
  const std::size_t m = a.diag.size();
  const double top_right = a.lower[0], bottom_left = a.upper[m - 1];
  if (top_right == 0.0 && bottom_left == 0.0) return solve_tridiagonal(a, a.diag, a.rhs);
  const double gamma = -a.diag[0];
  std::vector<double> diag = a.diag;
  diag[0] -= gamma;
  diag[m - 1] -= bottom_left * top_right / gamma;
  std::vector<double> x = solve_tridiagonal(a, diag, a.rhs);
  std::vector<double> u(m, 0.0);
  u[0] = gamma;
  u[m - 1] = bottom_left;
  const std::vector<double> z = solve_tridiagonal(a, diag, u);
  const double factor = (x[0] + top_right * x[m - 1] / gamma) / (1.0 + z[0] + top_right * z[m - 1] / gamma);
  for (std::size_t i = 0; i < m; ++i) x[i] -= factor * z[i];
  return x;
}

// First derivatives s_i at the knots of the C2 cubic spline with segment widths h and secant slopes delta (the
// formulation of SciPy's CubicSpline). Row i states that S'' is continuous at knot i:
//   h_i s_{i-1} + 2 (h_{i-1} + h_i) s_i + h_{i-1} s_{i+1} = 3 (h_i δ_{i-1} + h_{i-1} δ_i);
// periodic splines state it at every knot (indices modulo the segment count), the others replace the end rows.
std::vector<double> knot_slopes(const std::vector<double>& h, const std::vector<double>& delta, Boundary boundary,
                                double start_slope, double end_slope) {
  const int m = static_cast<int>(h.size());
  const bool periodic = boundary == Boundary::periodic;
  const std::size_t rows = periodic ? m : m + 1;
  Tridiagonal a{std::vector<double>(rows, 0.0), std::vector<double>(rows, 0.0), std::vector<double>(rows, 0.0),
                std::vector<double>(rows, 0.0)};
  for (int i = periodic ? 0 : 1; i < m; ++i) {
    const int p = (i + m - 1) % m;
    a.lower[i] = h[i];
    a.diag[i] = 2.0 * (h[p] + h[i]);
    a.upper[i] = h[p];
    a.rhs[i] = 3.0 * (h[i] * delta[p] + h[p] * delta[i]);
  }
  switch (boundary) {
    case Boundary::natural:  // S'' = 0 at both ends
      a.diag[0] = 2.0, a.upper[0] = 1.0, a.rhs[0] = 3.0 * delta[0];
      a.lower[m] = 1.0, a.diag[m] = 2.0, a.rhs[m] = 3.0 * delta[m - 1];
      break;
    case Boundary::clamped:  // S' given at both ends
      a.diag[0] = 1.0, a.rhs[0] = start_slope;
      a.diag[m] = 1.0, a.rhs[m] = end_slope;
      break;
    case Boundary::not_a_knot: {  // S''' continuous at the second and the second-last knot (s_2, s_{m-2} eliminated)
      const double d0 = h[0] + h[1], d1 = h[m - 2] + h[m - 1];
      a.diag[0] = h[1], a.upper[0] = d0;
      a.rhs[0] = ((h[0] + 2.0 * d0) * h[1] * delta[0] + h[0] * h[0] * delta[1]) / d0;
      a.lower[m] = d1, a.diag[m] = h[m - 2];
      a.rhs[m] = (h[m - 1] * h[m - 1] * delta[m - 2] + (2.0 * d1 + h[m - 1]) * h[m - 2] * delta[m - 1]) / d1;
      break;
    }
    case Boundary::periodic:
      break;
  }
  std::vector<double> s = solve(a);
  if (periodic) s.push_back(s[0]);
  return s;
}

}  // namespace

DriverSpline fit_driver_splines(const DriverSamples& in) {
  if (in.order != 1 && in.order != 3) {
    invalid("order", std::to_string(in.order), "allowed are 1 (piecewise linear) and 3 (cubic spline)");
  }
  const auto found = std::find(boundary_names.begin(), boundary_names.end(), in.boundary);
  if (found == boundary_names.end()) {
    invalid("boundary", "'" + in.boundary + "'",
            "allowed are " + settings_text::join(boundary_names) +
                settings_text::did_you_mean(in.boundary, boundary_names));
  }
  const auto boundary = static_cast<Boundary>(found - boundary_names.begin());
  if (in.values.empty()) invalid("values", "no drivers", "give at least one driver (values[d][k])");
  const std::size_t n_drivers = in.values.size();
  if (!in.names.empty() && in.names.size() != n_drivers) {
    invalid("names", size_text(in.names.size()),
            "one per driver (" + std::to_string(n_drivers) + "), or empty for d0, d1, ...");
  }
  std::vector<std::string> names = in.names;
  for (std::size_t d = names.size(); d < n_drivers; ++d) names.push_back("d" + std::to_string(d));
  check_values(in, names, in.order, boundary);
  const bool clamped = in.order == 3 && boundary == Boundary::clamped;
  check_slopes("start_slopes", in.start_slopes, n_drivers, clamped);
  check_slopes("end_slopes", in.end_slopes, n_drivers, clamped);

  DriverSpline out;
  out.knots = sample_times(in, in.values[0].size());
  out.n_drivers = static_cast<int>(n_drivers);
  out.n_segments = static_cast<int>(out.knots.size()) - 1;
  out.wrap = in.wrap;
  out.names = names;
  const int m = out.n_segments;
  std::vector<double> h(m), delta(m);
  for (int i = 0; i < m; ++i) h[i] = out.knots[i + 1] - out.knots[i];
  out.coefficients.reserve(n_drivers * m * 4);
  for (std::size_t d = 0; d < n_drivers; ++d) {
    const std::vector<double>& y = in.values[d];
    for (int i = 0; i < m; ++i) delta[i] = (y[i + 1] - y[i]) / h[i];
    if (in.order == 1) {
      for (int i = 0; i < m; ++i) out.coefficients.insert(out.coefficients.end(), {y[i], delta[i], 0.0, 0.0});
      continue;
    }
    const std::vector<double> s = knot_slopes(h, delta, boundary, in.start_slopes.empty() ? 0.0 : in.start_slopes[d],
                                              in.end_slopes.empty() ? 0.0 : in.end_slopes[d]);
    for (int i = 0; i < m; ++i) {
      const double cubic = (s[i] + s[i + 1] - 2.0 * delta[i]) / h[i];
      out.coefficients.insert(out.coefficients.end(), {y[i], s[i], (delta[i] - s[i]) / h[i] - cubic, cubic / h[i]});
    }
  }
  return out;
}

double DriverSpline::evaluate(int driver, double t) const {
  if (driver < 0 || driver >= n_drivers || n_segments < 1) {
    throw Error("kobie::DriverSpline::evaluate: driver " + std::to_string(driver) + " does not exist (the spline has " +
                std::to_string(n_drivers) + " drivers and " + std::to_string(n_segments) + " segments)");
  }
  const double tw = Impl::driver_time(t, knots.front(), period(), wrap);
  const int i = Impl::driver_segment(knots.data(), n_segments, tw);
  return Impl::driver_polynomial(&coefficients[(static_cast<std::size_t>(driver) * n_segments + i) * 4], tw - knots[i]);
}

}  // namespace kobie
