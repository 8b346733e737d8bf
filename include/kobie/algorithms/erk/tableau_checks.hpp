/// \file
/// \brief The explicit Runge–Kutta tableau check: the shared row-sum and weight checks (algorithms/tableau_checks.hpp)
/// plus what is particular to explicit tableaus (strictly lower triangular, c[0] = 0, the embedded weights, the FSAL
/// shape).
#pragma once

#include <string>

#include "kobie/algorithms/tableau_checks.hpp"
#include "kobie/core/errors.hpp"

namespace kobie {

/// \brief Checks one tableau's data; throws Error naming the tableau and the first violated condition.
///
/// c[0] must be 0 and the matrix strictly lower triangular (explicit), row sums must equal c, b and (when
/// embedded_order > 0) b_hat must sum to 1 (CoefficientSum's tolerance rule), and an FSAL tableau's last row must
/// equal b with c = 1.
template <class Tableau>
void validate_tableau() {
  constexpr int s = Tableau::stages;
  const std::string who = std::string("kobie: ERK tableau '") + Tableau::name + "': ";
  auto fail = [&](const std::string& what) { throw Error(who + what); };
  if (Tableau::c[0] != 0.0) fail("c[0] must be 0 for an explicit method");
  for (int i = 0; i < s; ++i) {
    for (int j = i; j < s; ++j) {
      if (Tableau::a[i][j] != 0.0) {
        fail("a[" + std::to_string(i) + "][" + std::to_string(j) +
             "] must be 0 (explicit methods are strictly lower triangular)");
      }
    }
  }
  check_row_sums_and_weights<Tableau>("ERK");
  if (Tableau::embedded_order > 0) {
    CoefficientSum embedded;
    for (int i = 0; i < s; ++i) embedded.add(Tableau::b_hat[i]);
    if (!embedded.matches(1.0)) {
      fail("the embedded weights b_hat sum to " + Impl::coefficient_text(embedded.value) + ", not 1");
    }
  }
  if (Tableau::fsal) {
    if (Tableau::c[s - 1] != 1.0) fail("FSAL needs c[last] = 1");
    for (int j = 0; j < s; ++j) {
      if (Tableau::a[s - 1][j] != Tableau::b[j]) fail("FSAL needs the last row of a to equal b");
    }
  }
}

}  // namespace kobie
