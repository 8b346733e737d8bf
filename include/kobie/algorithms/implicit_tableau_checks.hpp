/// \file
/// \brief What the implicit families' tableau checks share: row sums of a equal c, the weights b sum to 1; the
/// inverse of a small coefficient matrix.
#pragma once

#include <cmath>
#include <string>

#include "kobie/core/errors.hpp"

namespace kobie {

namespace Impl {
/// Inverse of the s×s matrix a (row-major, double) by Gauss–Jordan elimination with partial pivoting; false when
/// singular.
bool invert_small(int s, const double* a, double* inverse);
}  // namespace Impl

/// \brief Throws Error naming the family and tableau when a row of Tableau::a does not sum to its c (within `tol`) or
/// the weights b do not sum to 1 (within `tol`).
template <class Tableau>
void check_row_sums_and_weights(const char* family, double tol) {
  const std::string who = std::string("kobie: ") + family + " tableau '" + Tableau::name + "'";
  double sum_b = 0.0;
  for (int i = 0; i < Tableau::stages; ++i) {
    double row = 0.0;
    for (int j = 0; j < Tableau::stages; ++j) row += Tableau::a[i][j];
    if (std::abs(row - Tableau::c[i]) > tol) throw Error(who + ": row sums of a differ from c");
    sum_b += Tableau::b[i];
  }
  if (std::abs(sum_b - 1.0) > tol) throw Error(who + ": Σ b != 1");
}

}  // namespace kobie
