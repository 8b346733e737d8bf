/// \file
/// \brief Device evaluation of fitted drivers: DriverTable (the splines in the execution space's memory) and
/// make_driver_table, which builds it from a host DriverSpline.
///
/// Each run keeps a small cache (2 + 4 n_drivers Reals, registry memory owned by the loop) holding the segment it
/// evaluated last, so consecutive steps inside one segment skip the binary search over the knots.
#pragma once

#include <Kokkos_Core.hpp>

#include "kobie/core/compat.hpp"
#include "kobie/core/errors.hpp"
#include "kobie/core/static_for.hpp"
#include "kobie/system/driver_spline.hpp"

namespace kobie {

/// \brief Reals in one run's driver cache for `n_drivers` drivers: [segment start, segment end, 4 coefficients per
/// driver].
KOKKOS_INLINE_FUNCTION constexpr int driver_cache_size(int n_drivers) { return 2 + 4 * n_drivers; }

namespace Impl {

/// \brief t, mapped to first + ((t − first) mod period) when `wrap`.
template <class Real>
KOKKOS_INLINE_FUNCTION Real driver_time(Real t, Real first, Real period, bool wrap) {
  if (!wrap) return t;
  const Real offset = t - first;
  return first + (offset - period * math::floor(offset / period));
}

/// \brief The segment i with knots[i] <= t < knots[i+1], clamped to [0, n_segments − 1] (binary search).
template <class Real>
KOKKOS_INLINE_FUNCTION int driver_segment(const Real* knots, int n_segments, Real t) {
  int lo = 0, hi = n_segments;
  while (hi - lo > 1) {
    const int mid = (lo + hi) / 2;
    if (t < knots[mid]) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return lo;
}

/// \brief c[0] + c[1] s + c[2] s² + c[3] s³ (Horner).
template <class Real>
KOKKOS_INLINE_FUNCTION Real driver_polynomial(const Real* c, Real s) {
  return c[0] + s * (c[1] + s * (c[2] + s * c[3]));
}

}  // namespace Impl

/// \brief Fitted drivers in MemorySpace, evaluated on the device (trivially copyable; copy it into kernels).
template <class Real, class MemorySpace>
struct DriverTable {
  /// \brief The memory space of the Views.
  using memory_space = MemorySpace;
  /// \brief The precision of knots, coefficients and evaluation.
  using value_type = Real;

  /// \brief The n_segments + 1 knots.
  Kokkos::View<const Real*, MemorySpace> knots;
  /// \brief (segment, driver * 4 + power); LayoutRight, so one segment's coefficients of all drivers are contiguous.
  Kokkos::View<const Real**, Kokkos::LayoutRight, MemorySpace> coefficients;
  /// \brief The first knot.
  Real first = Real(0);
  /// \brief The last knot minus the first.
  Real period = Real(0);
  /// \brief Whether times repeat with `period`.
  bool wrap = false;
  /// \brief Number of drivers.
  int n_drivers = 0;
  /// \brief Number of segments.
  int n_segments = 0;

  /// \brief Reals in one run's cache (driver_cache_size()).
  KOKKOS_INLINE_FUNCTION static constexpr int cache_size(int drivers) { return driver_cache_size(drivers); }

  /// \brief Marks a cache empty (start = +inf, end = −inf: no time matches); call once per run before evaluate().
  KOKKOS_INLINE_FUNCTION static void clear(Real* cache) {
    cache[0] = math::infinity<Real>();
    cache[1] = -math::infinity<Real>();
  }

  /// \brief values[d] = driver d at time t, for the NDrivers (= n_drivers) drivers; `cache` (cache_size(NDrivers)
  /// Reals) is reused when t (after wrapping) lies in its segment and reloaded otherwise. The count is a compile-time
  /// constant so that every index into `values` and `cache` is one too (thread-private memory on CUDA stays in
  /// registers only when it is never indexed at run time).
  template <int NDrivers>
  KOKKOS_INLINE_FUNCTION void evaluate(Real t, Real* values, Real* cache) const {
    const Real tw = Impl::driver_time(t, first, period, wrap);
    if (!(cache[0] <= tw && tw < cache[1])) load<NDrivers>(tw, cache);
    const Real s = tw - cache[0];
    static_for<0, NDrivers>([&](auto d) {
      constexpr int i = decltype(d)::value;
      values[i] = Impl::driver_polynomial(cache + 2 + 4 * i, s);
    });
  }

 private:
  // The segment of t into the cache. The last segment reaches to +inf, so times at or past the last knot (a
  // finite-difference step beyond the samples) stay cached; times before the first knot search again each call.
  template <int NDrivers>
  KOKKOS_INLINE_FUNCTION void load(Real t, Real* cache) const {
    const int i = Impl::driver_segment(knots.data(), n_segments, t);
    cache[0] = knots(i);
    cache[1] = i + 1 < n_segments ? knots(i + 1) : math::infinity<Real>();
    static_for<0, 4 * NDrivers>([&](auto k) {
      constexpr int c = decltype(k)::value;
      cache[2 + c] = coefficients(i, c);
    });
  }
};

/// \brief Copies a fitted spline (rounded to Real) into the memory of ExecSpace.
template <class Real, class ExecSpace>
DriverTable<Real, typename ExecSpace::memory_space> make_driver_table(const ExecSpace& exec,
                                                                      const DriverSpline& spline) {
  using memory_space = typename ExecSpace::memory_space;
  require_kokkos_initialized("kobie::make_driver_table");
  const ProfilingRegion region("kobie::make_driver_table");
  const int n_segments = spline.n_segments, n_drivers = spline.n_drivers;
  if (n_segments < 1 || n_drivers < 1 || spline.knots.size() != static_cast<std::size_t>(n_segments) + 1 ||
      spline.coefficients.size() != static_cast<std::size_t>(n_segments) * n_drivers * 4) {
    throw Error(
        "kobie::make_driver_table: the DriverSpline is empty or inconsistent; build it with fit_driver_splines");
  }
  Kokkos::View<Real*, memory_space> knots(Kokkos::view_alloc(exec, Kokkos::WithoutInitializing, "kobie::driver_knots"),
                                          n_segments + 1);
  Kokkos::View<Real**, Kokkos::LayoutRight, memory_space> coefficients(
      Kokkos::view_alloc(exec, Kokkos::WithoutInitializing, "kobie::driver_coefficients"), n_segments, 4 * n_drivers);
  auto knots_h = Kokkos::create_mirror_view(knots);
  auto coefficients_h = Kokkos::create_mirror_view(coefficients);
  for (int i = 0; i <= n_segments; ++i) knots_h(i) = static_cast<Real>(spline.knots[i]);
  for (int i = 0; i < n_segments; ++i) {
    for (int d = 0; d < n_drivers; ++d) {
      for (int k = 0; k < 4; ++k) {
        coefficients_h(i, 4 * d + k) = static_cast<Real>(spline.coefficients[(d * n_segments + i) * 4 + k]);
      }
    }
  }
  Kokkos::deep_copy(exec, knots, knots_h);
  Kokkos::deep_copy(exec, coefficients, coefficients_h);
  fence(exec, "kobie::make_driver_table");  // the host mirrors end with this function

  DriverTable<Real, memory_space> table;
  table.knots = knots;
  table.coefficients = coefficients;
  table.first = static_cast<Real>(spline.knots.front());
  table.period = static_cast<Real>(spline.period());
  table.wrap = spline.wrap;
  table.n_drivers = n_drivers;
  table.n_segments = n_segments;
  return table;
}

}  // namespace kobie
