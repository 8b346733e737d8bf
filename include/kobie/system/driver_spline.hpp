/// \file
/// \brief Drivers: time-dependent forcing shared by every run of a batch, given as samples and fitted on the host
/// with piecewise polynomials (linear, or cubic splines with natural / periodic / clamped / not-a-knot ends).
///
/// \code
/// kobie::DriverSamples samples;
/// samples.values = {temperature, humidity};       // values[d][k]: driver d at sample k
/// samples.t0 = 0.0;  samples.dt = 60.0;           // or samples.times = {...}
/// samples.boundary = "periodic";  samples.wrap = true;
/// kobie::DriverSpline spline = kobie::fit_driver_splines(samples);
/// double humidity_at_noon = spline.evaluate(1, 43200.0);
/// \endcode
///
/// The device side (DriverTable, make_driver_table) is in kobie/system/driver_table.hpp.
#pragma once

#include <string>
#include <vector>

namespace kobie {

/// \brief Sampled driver values as the user gives them.
struct DriverSamples {
  /// \brief values[d][k]: driver d at sample k (every driver has the same number of samples).
  std::vector<std::vector<double>> values;
  /// \brief Strictly increasing sample times shared by all drivers; empty: uniform samples t0 + k dt.
  std::vector<double> times;
  /// \brief First sample time of uniform samples (must stay 0 when `times` is given).
  double t0 = 0.0;
  /// \brief Sample spacing of uniform samples, > 0 (must stay 0 when `times` is given).
  double dt = 0.0;
  /// \brief 1 (piecewise linear) or 3 (cubic spline).
  int order = 3;
  /// \brief End conditions of cubic splines: "natural" | "periodic" | "clamped" | "not-a-knot" (order 1: unused).
  std::string boundary = "not-a-knot";
  /// \brief "clamped": the first derivative at the first sample, one per driver (empty: 0).
  std::vector<double> start_slopes;
  /// \brief "clamped": the first derivative at the last sample, one per driver (empty: 0).
  std::vector<double> end_slopes;
  /// \brief true: the samples repeat with period t_last - t_first; false: the end segments are extrapolated.
  bool wrap = false;
  /// \brief Optional legend per driver (default d0, d1, ...).
  std::vector<std::string> names;
};

/// \brief Piecewise polynomials of all drivers on shared knots (the fitted samples), in double precision.
///
/// Segment i covers [knots[i], knots[i+1]); on it driver d is c0 + c1 s + c2 s² + c3 s³ with s = t − knots[i]
/// (order 1: c2 = c3 = 0). Times outside [knots.front(), knots.back()] are mapped back by the period when `wrap`,
/// otherwise evaluated with the first or last segment's polynomial.
struct DriverSpline {
  /// \brief The sample times (n_segments + 1 of them).
  std::vector<double> knots;
  /// \brief Number of drivers.
  int n_drivers = 0;
  /// \brief Number of polynomial pieces (samples − 1).
  int n_segments = 0;
  /// \brief Coefficients indexed ((driver * n_segments + segment) * 4 + power).
  std::vector<double> coefficients;
  /// \brief Whether times repeat with period().
  bool wrap = false;
  /// \brief Legend per driver.
  std::vector<std::string> names;

  /// \brief knots.back() − knots.front().
  double period() const { return knots.back() - knots.front(); }
  /// \brief Driver `driver` at time t, with exactly the rules (and code) of the device evaluation.
  double evaluate(int driver, double t) const;
};

/// \brief Validates the samples and fits the splines; SettingsError naming the field, the value and what is allowed.
DriverSpline fit_driver_splines(const DriverSamples& samples);

}  // namespace kobie
