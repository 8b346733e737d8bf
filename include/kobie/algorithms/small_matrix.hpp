/// \file
/// \brief The inverse of a small coefficient matrix (the implicit families' tableau checks and transformations).
#pragma once

namespace kobie {
namespace Impl {
/// Inverse of the s×s matrix a (row-major, double) by Gauss–Jordan elimination with partial pivoting; false when
/// singular.
bool invert_small(int s, const double* a, double* inverse);
}  // namespace Impl
}  // namespace kobie
