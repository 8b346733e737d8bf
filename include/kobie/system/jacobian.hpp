/// \file
/// \brief Jacobian information from a System: its analytic dense Jacobian or Jacobian-vector product when it provides
/// them (detected at compile time), otherwise finite differences of rhs.
///
/// \code
/// // optional, row-major: J[i * n_states + j] = d f_i / d y_j
/// template <class Real> KOKKOS_INLINE_FUNCTION
/// void jacobian(Real t, const Real* y, const Real* p, const Real* drivers, Real* J) const;
/// // optional: Jv = J(t, y) v
/// template <class Real> KOKKOS_INLINE_FUNCTION
/// void jvp(Real t, const Real* y, const Real* p, const Real* drivers, const Real* v, Real* Jv) const;
/// \endcode
#pragma once

#include <type_traits>
#include <utility>

#include "kobie/core/compat.hpp"
#include "kobie/core/detect.hpp"
#include "kobie/system/system_traits.hpp"

namespace kobie {
namespace Impl {
template <class S, class Real>
using jacobian_call =
    decltype(std::declval<const S&>().jacobian(Real(), std::declval<const Real*>(), std::declval<const Real*>(),
                                               std::declval<const Real*>(), std::declval<Real*>()));
template <class S, class Real>
using jvp_call = decltype(std::declval<const S&>().jvp(Real(), std::declval<const Real*>(), std::declval<const Real*>(),
                                                       std::declval<const Real*>(), std::declval<const Real*>(),
                                                       std::declval<Real*>()));
template <class S, class Real>
using has_jacobian = is_detected<jacobian_call, S, Real>;
template <class S, class Real>
using has_jvp = is_detected<jvp_call, S, Real>;
}  // namespace Impl

/// \brief True when System has an analytic dense `jacobian` for Real.
template <class System, class Real>
inline constexpr bool has_analytic_jacobian = Impl::has_jacobian<System, Real>::value;
/// \brief True when System has an analytic `jvp` for Real.
template <class System, class Real>
inline constexpr bool has_analytic_jvp = Impl::has_jvp<System, Real>::value;

/// \brief Finite-difference increments: sqrt(ε) scaled by the size of what is perturbed (ε: machine epsilon of Real).
template <class Real>
struct DifferenceIncrement {
  /// \brief Increment of column j for state value y_j: sqrt(ε · max(1e-5, |y_j|)) (Hairer & Wanner's choice in
  /// RADAU5, which keeps the increment from vanishing for tiny components).
  KOKKOS_INLINE_FUNCTION static Real column(Real y_j) {
    return math::sqrt(math::epsilon<Real>() * math::max(Real(1e-5), math::abs(y_j)));
  }
  /// \brief Increment of a directional difference along v: sqrt(ε) (1 + ‖y‖₂) / ‖v‖₂ (Knoll & Keyes 2004, eq. 12).
  KOKKOS_INLINE_FUNCTION static Real direction(Real y_norm, Real v_norm) {
    return math::sqrt(math::epsilon<Real>()) * (Real(1) + y_norm) / v_norm;
  }
};

/// \brief The dense Jacobian J(t, y) (row-major n×n): the System's own, or forward differences of rhs around
/// f0 = f(t, y) (n extra rhs calls). `y_work` and `f_work` are n-element scratch.
template <class System, class Real>
KOKKOS_INLINE_FUNCTION void dense_jacobian(const System& system, Real t, const Real* y, const Real* p,
                                           const Real* drivers, const Real* f0, Real* J, Real* y_work, Real* f_work) {
  constexpr int n = SystemTraits<System>::n_states;
  if constexpr (has_analytic_jacobian<System, Real>) {
    (void)f0, (void)y_work, (void)f_work;
    system.jacobian(t, y, p, drivers, J);
  } else {
    for (int d = 0; d < n; ++d) y_work[d] = y[d];
    for (int j = 0; j < n; ++j) {
      const Real inc = DifferenceIncrement<Real>::column(y[j]);
      y_work[j] = y[j] + inc;
      const Real step = y_work[j] - y[j];  // the increment actually represented
      system.rhs(t, y_work, p, drivers, f_work);
      for (int i = 0; i < n; ++i) J[i * n + j] = (f_work[i] - f0[i]) / step;
      y_work[j] = y[j];
    }
  }
}

/// \brief Jv = J(t, y) v: the System's `jvp`, else a forward difference (f(t, y + εv) − f0)/ε around f0 = f(t, y).
/// `y_work`, `f_work`: n scratch. (A System with only a dense `jacobian` gets J·v from the stored J instead: see
/// LinearSolver.)
template <class System, class Real>
KOKKOS_INLINE_FUNCTION void jacobian_vector(const System& system, Real t, const Real* y, const Real* p,
                                            const Real* drivers, const Real* f0, const Real* v, Real* Jv, Real* y_work,
                                            Real* f_work) {
  constexpr int n = SystemTraits<System>::n_states;
  if constexpr (has_analytic_jvp<System, Real>) {
    (void)f0, (void)y_work, (void)f_work;
    system.jvp(t, y, p, drivers, v, Jv);
  } else {
    Real vv = Real(0), yy = Real(0);
    for (int d = 0; d < n; ++d) {
      vv += v[d] * v[d];
      yy += y[d] * y[d];
    }
    if (!(vv > Real(0))) {
      for (int d = 0; d < n; ++d) Jv[d] = Real(0);
      return;
    }
    const Real eps = DifferenceIncrement<Real>::direction(math::sqrt(yy), math::sqrt(vv));
    for (int d = 0; d < n; ++d) y_work[d] = y[d] + eps * v[d];
    system.rhs(t, y_work, p, drivers, f_work);
    const Real inv = Real(1) / eps;
    for (int d = 0; d < n; ++d) Jv[d] = (f_work[d] - f0[d]) * inv;
  }
}

/// \brief The diagonal of J(t, y) by forward differences, one rhs call per state (for preconditioners of matrix-free
/// solves, which keep no n×n matrix). `y_work`, `f_work`: n scratch.
template <class System, class Real>
KOKKOS_INLINE_FUNCTION void jacobian_diagonal(const System& system, Real t, const Real* y, const Real* p,
                                              const Real* drivers, const Real* f0, Real* diag, Real* y_work,
                                              Real* f_work) {
  constexpr int n = SystemTraits<System>::n_states;
  for (int d = 0; d < n; ++d) y_work[d] = y[d];
  for (int j = 0; j < n; ++j) {
    const Real inc = DifferenceIncrement<Real>::column(y[j]);
    y_work[j] = y[j] + inc;
    const Real step = y_work[j] - y[j];
    system.rhs(t, y_work, p, drivers, f_work);
    diag[j] = (f_work[j] - f0[j]) / step;
    y_work[j] = y[j];
  }
}

}  // namespace kobie
