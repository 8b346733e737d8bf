#include "kobie/algorithms/small_matrix.hpp"

#include <cmath>
#include <utility>
#include <vector>

namespace kobie {
namespace Impl {

bool invert_small(int s, const double* a, double* inverse) {
  std::vector<double> m(a, a + s * s);
  for (int i = 0; i < s; ++i) {
    for (int j = 0; j < s; ++j) inverse[i * s + j] = i == j ? 1.0 : 0.0;
  }
  for (int col = 0; col < s; ++col) {
    int pivot = col;
    for (int r = col + 1; r < s; ++r) {
      if (std::abs(m[r * s + col]) > std::abs(m[pivot * s + col])) pivot = r;
    }
    if (!(std::abs(m[pivot * s + col]) > 0.0)) return false;
    if (pivot != col) {
      for (int j = 0; j < s; ++j) {
        std::swap(m[col * s + j], m[pivot * s + j]);
        std::swap(inverse[col * s + j], inverse[pivot * s + j]);
      }
    }
    const double scale = 1.0 / m[col * s + col];
    for (int j = 0; j < s; ++j) {
      m[col * s + j] *= scale;
      inverse[col * s + j] *= scale;
    }
    for (int r = 0; r < s; ++r) {
      if (r == col) continue;
      const double factor = m[r * s + col];
      if (factor == 0.0) continue;
      for (int j = 0; j < s; ++j) {
        m[r * s + j] -= factor * m[col * s + j];
        inverse[r * s + j] -= factor * inverse[col * s + j];
      }
    }
  }
  return true;
}

}  // namespace Impl
}  // namespace kobie
