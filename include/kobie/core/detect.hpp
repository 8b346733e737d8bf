/// \file
/// \brief The detection idiom (Library Fundamentals TS v2, `std::experimental::is_detected`): whether an expression
/// or member is well-formed for some types, and a default type when it is not. Every optional member kobie looks for
/// (a System's `jacobian`, a tableau's `default_controller`, an algorithm's `embedded_order`, ...) is one alias
/// template `Op` tested through these.
///
/// \code
/// template <class S, class Real>
/// using jvp_call = decltype(std::declval<const S&>().jvp(...));
/// constexpr bool has = kobie::is_detected_v<jvp_call, MySystem, double>;
/// template <class A>
/// using embedded_order_member = std::integral_constant<int, A::embedded_order>;
/// constexpr int order = kobie::detected_or_t<std::integral_constant<int, 0>, embedded_order_member, A>::value;
/// \endcode
#pragma once

#include <type_traits>

namespace kobie {
namespace Impl {
template <class Default, class AlwaysVoid, template <class...> class Op, class... Args>
struct detector {
  using value_t = std::false_type;
  using type = Default;
};
template <class Default, template <class...> class Op, class... Args>
struct detector<Default, std::void_t<Op<Args...>>, Op, Args...> {
  using value_t = std::true_type;
  using type = Op<Args...>;
};
}  // namespace Impl

/// \brief std::true_type when `Op<Args...>` is a valid type (the expression or member it names exists), else
/// std::false_type.
template <template <class...> class Op, class... Args>
using is_detected = typename Impl::detector<void, void, Op, Args...>::value_t;

/// \brief `is_detected<Op, Args...>::value`.
template <template <class...> class Op, class... Args>
inline constexpr bool is_detected_v = is_detected<Op, Args...>::value;

/// \brief `Op<Args...>` when it is valid, else Default (e.g. an `std::integral_constant` holding the default value of
/// an optional constant).
template <class Default, template <class...> class Op, class... Args>
using detected_or_t = typename Impl::detector<Default, void, Op, Args...>::type;

}  // namespace kobie
