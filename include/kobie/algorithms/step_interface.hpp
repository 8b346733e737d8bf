/// \file
/// \brief The one interface between the IVP loop and every algorithm family.
///
/// An algorithm is a component (see memory/component.hpp) with these members, all required (check_algorithm<A>() in
/// algorithms/algorithm_contract.hpp asserts each one, and the Solver checks every algorithm of its list):
/// \code
/// static constexpr const char* owner = "algorithm";  // its name in the buffer registry
/// static constexpr const char* name;                 // the "algorithm" setting's spelling
/// static constexpr int stages;                       // stages per step (reported by algorithm_info)
/// static constexpr int order, error_order;           // error_order: min(order, embedded order); 0 without estimate
/// static constexpr bool adaptive;                    // has an error estimate
/// static constexpr bool implicit;                    // solves a (non)linear system per step (stiff problems)
/// using buffers = kobie::TypeList<...>;              // its buffer declarations
/// using children = kobie::TypeList<...>;             // the components it owns (Newton, a linear solver, ...)
/// static void validate();                            // checks its coefficients (host)
/// template <class System, class Real, class Binding> struct Device;   // trivially copyable
/// template <class System, class Real, class Binding>
/// static Device<System, Real, Binding> device(const AlgorithmParts&, const BufferRegistry&);
/// \endcode
/// (device is checked by name only: it must be one function, not an overload set; it may take any part AlgorithmParts
/// converts to: ComponentParts, LinearSolverParts, NewtonParts, whatever the family reads), these optional members
/// \code
/// static int alternative_in_use(const AlgorithmParts&, const SystemSizes&);  // with alternative buffers
/// static constexpr const char* default_controller;  // the `auto` controller (default "pi"): default_controller_of
/// static constexpr int embedded_order;              // order of the embedded solution (default 0): embedded_order_of
/// static constexpr bool stiffness_test;             // may report status::stiffness_suspected: reports_stiffness
/// \endcode
/// and a Device with
/// \code
/// void start(const RunMemory&) const;                                  // a run begins: nothing is cached
/// StepOutcome<Real> step(const System&, const StepContext<Real>&, const StepInputs<Real>&, Real* y_new,
///                        const RunMemory&) const;                       // one attempt from (t, y) with h
/// StatusBits accepted(const StepContext<Real>&, const RunMemory&) const;  // the attempt was accepted
/// void rejected(const RunMemory&) const;                               // the attempt was rejected
/// \endcode
/// and optionally `const Real* error_estimate(const RunMemory&) const`, the buffer that holds the error estimate after
/// a successful adaptive step: the loop then reads it there instead of through StepOutcome::error (a step that returns
/// on several paths hands that pointer through a merge the CUDA compiler cannot see through, which keeps the run's
/// buffers out of registers).
/// Its buffers and its children's are registered from `buffers` and `children` (register_component()).
/// The loop never names a family: it calls step(), hands `newton_iters` to the controller, ORs the status bits into the
/// run's, and calls accepted() or rejected(). Caches (FSAL stages, factorisations) live in the algorithm's own
/// buffers. Real is the value type of the step: float, double, or later a pack of several runs.
#pragma once

#include <type_traits>
#include <utility>

#include "kobie/core/detect.hpp"
#include "kobie/core/status.hpp"
#include "kobie/memory/allocator.hpp"

namespace kobie {

namespace Impl {
/// `device.error_estimate(m)`, the optional error-estimate buffer of an algorithm's device object.
template <class D>
using error_estimate_call = decltype(std::declval<const D&>().error_estimate(std::declval<const RunMemory&>()));
}  // namespace Impl

/// \brief Where and how far one step goes.
template <class Real>
struct StepContext {
  Real t;           ///< start of the step
  Real h;           ///< its size
  bool want_error;  ///< compute the error estimate (adaptive control); fixed steps skip it
};

/// \brief The values a step reads: the state at t and the run's parameters and driver values.
template <class Real>
struct StepInputs {
  const Real* y;
  const Real* parameters;
  const Real* drivers;
};

/// \brief What one step attempt reports to the loop.
template <class Real>
struct StepOutcome {
  const Real* error = nullptr;          ///< the local error estimate (n values), or nullptr without one
  StatusBits status = status::success;  ///< failures of this attempt (a Newton solve that did not converge, ...)
  int newton_iters = 0;                 ///< Newton iterations of this attempt
  int krylov_iters = 0;                 ///< linear-solver iterations of this attempt
  int jacobian_refreshes = 0;           ///< Jacobians re-evaluated at a Newton iterate in this attempt
};

namespace Impl {
template <class A>
using default_controller_member = decltype(A::default_controller);
template <class A>
using embedded_order_member = std::integral_constant<int, A::embedded_order>;
template <class A>
using stiffness_test_member = std::bool_constant<A::stiffness_test>;
}  // namespace Impl

/// \brief T's `static constexpr const char* default_controller` (an algorithm's or a tableau's), or `fallback` when T
/// declares none.
template <class T>
constexpr const char* default_controller_or(const char* fallback) {
  if constexpr (is_detected_v<Impl::default_controller_member, T>) {
    return T::default_controller;
  } else {
    return fallback;
  }
}

/// \brief The controller an algorithm runs with when the `controller` setting is `auto`: its
/// `static constexpr const char* default_controller`, or "pi".
template <class A>
struct default_controller_of {
  static constexpr const char* value = default_controller_or<A>("pi");
};

/// \brief The order of an algorithm's embedded solution (`static constexpr int embedded_order`; 0 when it declares
/// none): with embedded_order > order the step advances with its lower-order solution (see AlgorithmInfo).
template <class A>
using embedded_order_of = detected_or_t<std::integral_constant<int, 0>, Impl::embedded_order_member, A>;

/// \brief True for algorithms that run a stiffness test (`static constexpr bool stiffness_test = true`) and may report
/// status::stiffness_suspected.
template <class A>
using reports_stiffness = detected_or_t<std::false_type, Impl::stiffness_test_member, A>;

}  // namespace kobie
