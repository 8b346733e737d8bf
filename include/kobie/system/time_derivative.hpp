/// \file
/// \brief The partial derivative ∂f/∂t of a System's right-hand side (Rosenbrock methods need it for non-autonomous
/// problems): the System's own when it provides one (detected at compile time), otherwise a forward difference in t.
///
/// \code
/// // optional: dfdt[i] = ∂f_i/∂t at (t, y)
/// template <class Real> KOKKOS_INLINE_FUNCTION
/// void time_derivative(Real t, const Real* y, const Real* p, const Real* drivers, Real* dfdt) const;
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
using time_derivative_call =
    decltype(std::declval<const S&>().time_derivative(Real(), std::declval<const Real*>(), std::declval<const Real*>(),
                                                      std::declval<const Real*>(), std::declval<Real*>()));
template <class S, class Real>
using has_time_derivative = is_detected<time_derivative_call, S, Real>;
}  // namespace Impl

/// \brief True when System has an analytic `time_derivative` for Real.
template <class System, class Real>
inline constexpr bool has_analytic_time_derivative = Impl::has_time_derivative<System, Real>::value;

/// \brief ∂f/∂t at (t, y): the System's own, or (f(t + δ, y) − f0) / δ with δ = sqrt(ε) max(1, |t|) (the increment
/// actually represented in t + δ), f0 = f(t, y). `f_work` is n-element scratch.
template <class System, class Real>
KOKKOS_INLINE_FUNCTION void time_derivative(const System& system, Real t, const Real* y, const Real* p,
                                            const Real* drivers, const Real* f0, Real* dfdt, Real* f_work) {
  constexpr int n = SystemTraits<System>::n_states;
  if constexpr (has_analytic_time_derivative<System, Real>) {
    (void)f0, (void)f_work;
    system.time_derivative(t, y, p, drivers, dfdt);
  } else {
    const Real shifted = t + math::sqrt(math::epsilon<Real>()) * math::max(Real(1), math::abs(t));
    const Real step = shifted - t;
    system.rhs(shifted, y, p, drivers, f_work);
    for (int i = 0; i < n; ++i) dfdt[i] = (f_work[i] - f0[i]) / step;
  }
}

}  // namespace kobie
