/// \file
/// \brief Consistency checks of a Butcher tableau (row sums equal c, weights sum to 1, explicit, FSAL shape).
#pragma once

#include <cmath>
#include <string>

#include "kobie/core/errors.hpp"

namespace kobie {

/// \brief Checks one tableau's data; throws Error naming the tableau and the first violated condition.
///
/// Row sums must equal c, b and (when embedded_order > 0) b_hat must sum to 1, the matrix must be strictly lower
/// triangular (explicit), c[0] must be 0, and an FSAL tableau's last row must equal b with c = 1.
template <class Tableau>
void validate_tableau() {
  constexpr int s = Tableau::stages;
  const std::string who = std::string("kobie: tableau '") + Tableau::name + "': ";
  const double tol = 1e-14;
  auto fail = [&](const std::string& what) { throw Error(who + what); };
  if (Tableau::c[0] != 0.0) fail("c[0] must be 0 for an explicit method");
  double sum_b = 0.0, sum_bh = 0.0;
  for (int i = 0; i < s; ++i) {
    double row = 0.0;
    for (int j = 0; j < s; ++j) {
      if (j >= i && Tableau::a[i][j] != 0.0) {
        fail("a[" + std::to_string(i) + "][" + std::to_string(j) +
             "] must be 0 (explicit methods are strictly lower "
             "triangular)");
      }
      row += Tableau::a[i][j];
    }
    if (std::abs(row - Tableau::c[i]) > tol * (1.0 + std::abs(Tableau::c[i]))) {
      fail("row " + std::to_string(i) + " of a sums to " + std::to_string(row) + ", but c[" + std::to_string(i) +
           "] = " + std::to_string(Tableau::c[i]));
    }
    sum_b += Tableau::b[i];
    sum_bh += Tableau::b_hat[i];
  }
  if (std::abs(sum_b - 1.0) > tol) fail("the weights b sum to " + std::to_string(sum_b) + ", not 1");
  if (Tableau::embedded_order > 0 && std::abs(sum_bh - 1.0) > tol) {
    fail("the embedded weights b_hat sum to " + std::to_string(sum_bh) + ", not 1");
  }
  if (Tableau::fsal) {
    if (Tableau::c[s - 1] != 1.0) fail("FSAL needs c[last] = 1");
    for (int j = 0; j < s; ++j) {
      if (Tableau::a[s - 1][j] != Tableau::b[j]) fail("FSAL needs the last row of a to equal b");
    }
  }
}

}  // namespace kobie
