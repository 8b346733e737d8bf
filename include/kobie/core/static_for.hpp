/// \file
/// \brief Compile-time loops: call f(std::integral_constant<int, I>) for I in [Begin, End).
#pragma once

#include <Kokkos_Macros.hpp>
#include <type_traits>

namespace kobie {

/// \brief Calls f(std::integral_constant<int, I>{}) for I = Begin, ..., End - 1, fully unrolled.
template <int Begin, int End, class F>
KOKKOS_FORCEINLINE_FUNCTION void static_for(F&& f) {
  if constexpr (Begin < End) {
    f(std::integral_constant<int, Begin>{});
    static_for<Begin + 1, End>(static_cast<F&&>(f));
  }
}

}  // namespace kobie
