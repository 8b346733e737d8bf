/// \file
/// \brief The consistency checks every Runge–Kutta-type tableau shares (the rows of a sum to c, the weights b sum to
/// 1) and the one tolerance rule by which kobie compares a sum of coefficients with its exact value.
#pragma once

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "kobie/core/errors.hpp"

namespace kobie {

/// \brief A sum of tableau coefficients, with what its rounding bound needs: the sum of the terms' magnitudes and
/// their number.
///
/// **Tolerance rule** (matches()): for n terms x_k and an exact value `target`,
///
///     |Σ x_k − target| ≤ 2 n ε (Σ |x_k| + |target|),      ε = machine epsilon of double, u = ε/2.
///
/// Why: adding n doubles one after another errs by at most (n − 1) u Σ |x_k| (Higham, Accuracy and Stability of
/// Numerical Algorithms, 2nd ed., §4.2), and each coefficient and the target, rounded once from their exact values,
/// add at most u (Σ |x_k| + |target|): (n + 1) u times the scale in all. The rule allows 4n u, at least twice that,
/// which leaves room for coefficients that are themselves computed in double (the Rosenbrock family checks
/// α = a Γ and b = m Γ through Γ = (diag(1/γ) − C)⁻¹, a Gauss–Jordan inverse) and still rejects any error larger than
/// 2n ulps of the sum's scale. It replaces three fixed tolerances (1e-14 for ERK and DIRK, 1e-13 for FIRK, 1e-12 for
/// Rosenbrock) that did not follow the number or the size of the coefficients. Measured on every tableau kobie ships:
/// at most 0.9 ε·scale for the published coefficients (ERK, DIRK, FIRK) and 8.3 ε·scale for a row of RODAS5P's Γ
/// (8 terms: 16 allowed).
struct CoefficientSum {
  double value = 0.0;      ///< Σ x_k, in the order added
  double magnitude = 0.0;  ///< Σ |x_k|
  int terms = 0;           ///< n

  /// \brief Adds one coefficient (or product of coefficients).
  void add(double x) {
    value += x;
    magnitude += std::abs(x);
    ++terms;
  }
  /// \brief Adds a partial sum, its magnitude and its terms.
  void add(const CoefficientSum& part) {
    value += part.value;
    magnitude += part.magnitude;
    terms += part.terms;
  }
  /// \brief True when the sum equals `target` by the tolerance rule above (false for a non-finite sum).
  bool matches(double target) const {
    const double scale = magnitude + std::abs(target);
    const double n = terms > 0 ? terms : 1;
    return std::abs(value - target) <= 2.0 * n * std::numeric_limits<double>::epsilon() * scale;
  }
};

namespace Impl {
/// All 17 significant digits of x (std::to_string keeps 6 decimals, too few to show a rounding difference).
inline std::string coefficient_text(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", x);
  return text;
}
}  // namespace Impl

/// \brief Throws Error naming `family` and the tableau when a row of Tableau::a does not sum to its c, or the weights
/// b do not sum to 1 (CoefficientSum's tolerance rule). Tableau: name, stages, a[stages][stages], b[stages],
/// c[stages].
template <class Tableau>
void check_row_sums_and_weights(const char* family) {
  const std::string who = std::string("kobie: ") + family + " tableau '" + Tableau::name + "': ";
  CoefficientSum weights;
  for (int i = 0; i < Tableau::stages; ++i) {
    CoefficientSum row;
    for (int j = 0; j < Tableau::stages; ++j) row.add(Tableau::a[i][j]);
    if (!row.matches(Tableau::c[i])) {
      throw Error(who + "row " + std::to_string(i) + " of a sums to " + Impl::coefficient_text(row.value) + ", but c[" +
                  std::to_string(i) + "] = " + Impl::coefficient_text(Tableau::c[i]));
    }
    weights.add(Tableau::b[i]);
  }
  if (!weights.matches(1.0)) {
    throw Error(who + "the weights b sum to " + Impl::coefficient_text(weights.value) + ", not 1");
  }
}

}  // namespace kobie
